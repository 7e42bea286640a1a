// Regex triggers: which regexes leave the full-text database, and the literal atoms that
// stand in for them there.
//
// A regex in the full-text database costs far more than a literal: the shipped packs' gap
// regexes ("(建设|…|完善)[^。;]{0,25}(平台|…)") halve the speed of the whole pass. Yet a regex
// can only match inside a sentence holding certain literals: RE2's FilteredRE2 derives, per
// regex, an AND/OR formula over literal "atoms" that every match must contain ("建设" or … or
// "完善") and ("平台" or …). So those regexes leave the full-text database; their atoms enter
// it as literals; a sentence whose atoms satisfy some regex's formula (AllPotentials) is
// re-scanned alone for the regexes it lets through, as a sentence where a regex match ends is.
// The final answer still comes from the regex on the sentence (RE2 where it reads the regex as
// Hyperscan does, else Hyperscan): the formula only decides which sentences and regexes are
// looked at, and it never rejects a sentence where the regex matches.
//
// FilteredRE2 reasons with RE2's parse of the pattern and lowercases its atoms. Both are safe
// here only for atoms without case: then "occurs in the lowercased text" = "occurs in the
// text". A regex is given a trigger only when RE2 parses it, its formula is not "always", and
// every atom is made of characters without case; the others stay in the full-text database.
//
// The compiler (compile.cpp) calls build_triggers once, after every pattern has its id; the hit
// table (hit_table.cpp) asks the resulting FilteredRE2 which sentences to re-scan. This file
// only decides; it never scans.
#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "matcher_internal.h"

namespace indicheck {

namespace {

// Atoms shorter than this (bytes) are dropped by FilteredRE2, which then treats that part of the
// formula as "always": one CJK character is 3 bytes, and single characters like 镇 are rare
// enough to be worth a literal.
constexpr int kMinAtomBytes = 3;

// Triggers pay when there are few of them: then a sentence rarely holds a combination that lets
// a regex through (the shipped packs: 19 regexes, 142 atoms), and the trigger's answers for the
// combinations that occur are cached by a 256-bit mask of atoms. Many regexes over common words
// (bench_matcher's 200 "bigram[^。]{0,8}bigram") let some regex through in half the sentences:
// re-scanning those costs more than the regexes in the full-text pass (55 vs 91 MB/s measured).
// Above either bound, no triggers at all (the design before triggers).
constexpr std::size_t kMaxTriggeredRegexes = 32;
constexpr std::size_t kMaxTriggerAtoms = 256;

// True when every character of `atom` is without case: ASCII except letters, general
// punctuation, CJK symbols, kana, ideographs, Hangul, compatibility ideographs and forms,
// full-width forms except letters, and the supplementary ideographic planes.
bool caseless_atom(std::string_view atom) {
  for (std::size_t i = 0; i < atom.size();) {
    const auto c = static_cast<unsigned char>(atom[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    if (i + len > atom.size()) return false;
    char32_t cp = len == 1 ? c : len == 2 ? c & 0x1Fu : len == 3 ? c & 0x0Fu : c & 0x07u;
    for (std::size_t k = 1; k < len; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(atom[i + k]) & 0x3Fu);
    i += len;
    const auto in = [cp](char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; };
    if (cp < 0x80) {
      if (in('A', 'Z') || in('a', 'z')) return false;
      continue;
    }
    if (!(in(0x2000, 0x206F) || in(0x2E80, 0x9FFF) || in(0xAC00, 0xD7AF) || in(0xF900, 0xFAFF) ||
          in(0xFE30, 0xFE4F) || in(0xFF01, 0xFF20) || in(0xFF3B, 0xFF40) || in(0xFF5B, 0xFF65) ||
          in(0x20000, 0x3FFFF)))
      return false;
  }
  return true;
}

RE2::Options trigger_options() {
  RE2::Options options;
  options.set_log_errors(false);
  return options;
}

// A FilteredRE2 over `regexes` (atoms in `atoms`), or null when RE2 rejects one of them.
std::unique_ptr<re2::FilteredRE2> make_filter(const std::vector<const std::string*>& regexes,
                                              std::vector<std::string>& atoms) {
  auto filter = std::make_unique<re2::FilteredRE2>(kMinAtomBytes);
  for (const std::string* r : regexes) {
    int id = 0;
    if (filter->Add(*r, trigger_options(), &id) != RE2::NoError) return nullptr;
  }
  atoms.clear();
  filter->Compile(&atoms);
  return filter;
}

// Regexes of `filter` that pass with no atom at all (their formula is "always").
std::vector<int> always_potential(const re2::FilteredRE2& filter) {
  std::vector<int> out;
  filter.AllPotentials({}, &out);
  return out;
}

}  // namespace

// Fills impl.trigger, trigger_atoms, literal_atom, extra_atom and triggered.
void build_triggers(CompiledRules::Impl& impl) {
  impl.triggered.assign(impl.patterns.size(), false);
  impl.literal_atom.assign(impl.literal_count, -1);
  impl.extra_atom.clear();
  // Regexes that qualify one by one (parsed by RE2, a formula, caseless atoms).
  std::vector<std::size_t> chosen;
  for (std::size_t i = impl.literal_count; i < impl.patterns.size(); ++i) {
    std::vector<std::string> atoms;
    const auto filter = make_filter({&impl.patterns[i].text}, atoms);
    if (!filter || atoms.empty() || !always_potential(*filter).empty()) continue;
    if (std::all_of(atoms.begin(), atoms.end(), caseless_atom)) chosen.push_back(i);
  }
  if (chosen.size() > kMaxTriggeredRegexes) chosen.clear();
  // One filter over all of them. Its pruning of shared atoms could in principle leave a regex
  // with "always": such a regex goes back to the full-text database and the filter is rebuilt
  // (each round removes at least one regex, so this ends).
  while (!chosen.empty()) {
    std::vector<const std::string*> texts;
    for (std::size_t i : chosen) texts.push_back(&impl.patterns[i].text);
    auto filter = make_filter(texts, impl.trigger_atoms);
    if (!filter || impl.trigger_atoms.size() > kMaxTriggerAtoms ||
        !std::all_of(impl.trigger_atoms.begin(), impl.trigger_atoms.end(), caseless_atom))
      break;  // too many atoms (or, cannot happen, an atom with case): no triggers at all
    const std::vector<int> always = always_potential(*filter);
    if (!always.empty()) {
      for (auto it = always.rbegin(); it != always.rend(); ++it)
        chosen.erase(chosen.begin() + *it);  // `always` is sorted: erase from the back
      continue;
    }
    impl.trigger = std::move(filter);
    break;
  }
  if (!impl.trigger) {
    impl.trigger_atoms.clear();
    return;
  }
  for (std::size_t i : chosen) {
    impl.triggered[i] = true;
    impl.trigger_ids.push_back(static_cast<std::uint32_t>(i));  // the filter's order
  }
  impl.trigger_single_atom = false;
  std::vector<int> passed;
  for (std::size_t a = 0; a < impl.trigger_atoms.size() && !impl.trigger_single_atom; ++a) {
    impl.trigger->AllPotentials({static_cast<int>(a)}, &passed);
    impl.trigger_single_atom = !passed.empty();
  }
  std::unordered_map<std::string_view, std::uint32_t> literal_ids;
  for (std::uint32_t id = 0; id < impl.literal_count; ++id)
    literal_ids.emplace(impl.patterns[id].text, id);
  for (std::size_t a = 0; a < impl.trigger_atoms.size(); ++a) {
    const auto it = literal_ids.find(impl.trigger_atoms[a]);
    if (it != literal_ids.end())
      impl.literal_atom[it->second] = static_cast<std::int32_t>(a);
    else
      impl.extra_atom.push_back(static_cast<std::int32_t>(a));
  }
}

}  // namespace indicheck
