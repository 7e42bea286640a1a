// The compiler and the scanner.
//
// Compile: every distinct literal term (selection terms and exclusions) and every regex of
// every framework goes into ONE Hyperscan block-mode database. Literals are escaped byte by
// byte (\xHH) so they match exactly what std::string::find would; regexes get UTF8|UCP. Each
// pattern keeps the list of (framework, leaf, selection) that use it, so one pass over a
// document feeds every leaf of every framework. Exception: a regex with a literal trigger
// (RE2's FilteredRE2 formula over required literals, see "Regex triggers" below) is replaced
// in that database by its trigger's literals; the regexes alone form a second database.
//
// Scan, per document: one hs_scan over Document::text gives (pattern, end) pairs. A literal's
// start is end - length; it counts for the sentence that contains it whole. Without
// start-of-match tracking (costly in Hyperscan) a regex end only says "a match ends here, maybe
// starting in an earlier sentence", so each sentence with a regex end, or whose literals let a
// triggered regex through, is re-scanned alone (with the regex-only database) and only regex
// matches inside it are kept: regexes match within a sentence, exactly like RE2 run on the
// sentence. The result is a sorted (sentence, pattern) table, cached for the next framework
// scanned on the same document.
//
// Then per leaf: hits are grouped into windows (sentence, paragraph or innermost section, split
// by role so a window never spans two roles); sentences holding an exclude term contribute
// nothing; the postfix condition is evaluated per window; RE2 extracts metric values only in
// windows that satisfied the condition and lie in a credit role. States follow rules/README.md:
// met > partial > acknowledged > planned > missing; not-applicable from node levels.
#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <unordered_map>

#include "condition.h"
#include "indicheck/limits.h"
#include "matcher_internal.h"

namespace indicheck {

struct ScannerAccess {
  static Scanner::Scratch& scratch(Scanner& s) { return *s.scratch_; }
  static const CompiledRules::Impl& impl(Scanner& s) { return s.rules_->impl(); }
};

int CompiledRules::Impl::framework_index(const std::string& id) const {
  for (std::size_t i = 0; i < rules.frameworks.size(); ++i)
    if (rules.frameworks[i].id == id) return static_cast<int>(i);
  return -1;
}

CompiledRules::Impl::~Impl() {
  if (scratch_prototype) hs_free_scratch(scratch_prototype);
  if (database) hs_free_database(database);
  if (regex_database) hs_free_database(regex_database);
}

CompiledRules::CompiledRules(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CompiledRules::~CompiledRules() = default;
const RuleSet& CompiledRules::rules() const { return impl_->rules; }
std::size_t CompiledRules::pattern_count() const { return impl_->patterns.size(); }

namespace {

std::string escape_literal(const std::string& s) {
  std::string out;
  out.reserve(s.size() * 4);
  for (unsigned char c : s) out += fmt::format("\\x{:02x}", c);
  return out;
}

// True when the condition is "any selection" (the default): well-formed postfix of selections
// and `or` naming every selection. Then every window, which holds a positive hit by
// construction, satisfies it, and the per-window evaluation is skipped.
// (Checks with more than 64 selections are simply evaluated per window.)
bool satisfied_by_any_hit(const Check& check) {
  const std::size_t n = check.selections.size();
  if (n == 0 || n > 64) return false;
  std::uint64_t named = 0;
  std::size_t depth = 0;
  for (const ConditionOp& op : check.condition) {
    if (op.kind == ConditionOp::kSelection) {
      if (op.operand >= n) return false;
      named |= std::uint64_t{1} << op.operand;
      ++depth;
    } else if (op.kind == ConditionOp::kOr && depth >= 2) {
      --depth;
    } else {
      return false;
    }
  }
  return depth == 1 && named == (n == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1);
}

// ---- Regex triggers ---------------------------------------------------------------------------
//
// A regex in the full-text database costs far more than a literal: the shipped packs' gap
// regexes ("(建设|…|完善)[^。;]{0,25}(平台|…)") halve the speed of the whole pass. Yet a regex
// can only match inside a sentence holding certain literals: RE2's FilteredRE2 derives, per
// regex, an AND/OR formula over literal "atoms" that every match must contain ("建设" or … or
// "完善") and ("平台" or …). So those regexes leave the full-text database; their atoms enter
// it as literals; a sentence whose atoms satisfy some regex's formula (AllPotentials) is
// re-scanned alone with the regex database, as a sentence where a regex match ends is. The
// final answer still comes from Hyperscan on the sentence: the formula only decides which
// sentences are looked at, and it never rejects a sentence where the regex matches.
//
// FilteredRE2 reasons with RE2's parse of the pattern and lowercases its atoms. Both are safe
// here only for atoms without case: then "occurs in the lowercased text" = "occurs in the
// text". A regex is given a trigger only when RE2 parses it, its formula is not "always", and
// every atom is made of characters without case; the others stay in the full-text database.

// Atoms shorter than this (bytes) are dropped by FilteredRE2, which then treats that part of the
// formula as "always": one CJK character is 3 bytes, and single characters like 镇 are rare
// enough to be worth a literal.
constexpr int kMinAtomBytes = 3;

// Triggers pay when there are few of them: then a sentence rarely holds a combination that lets
// a regex through (the shipped packs: 12 regexes, 64 atoms, ~450 sentences re-scanned per MB),
// and the trigger's answers for the combinations that occur are cached by a 128-bit mask of
// atoms. Many regexes over common words (bench_matcher's 200 "bigram[^。]{0,8}bigram") let
// some regex through in half the sentences: re-scanning those costs more than the regexes in
// the full-text pass (55 vs 91 MB/s measured). Above either bound, no triggers at all (the
// design before triggers).
constexpr std::size_t kMaxTriggeredRegexes = 32;
constexpr std::size_t kMaxTriggerAtoms = 128;

// Bound of a scanner's cache of trigger answers by atom set (see Scanner::Scratch): a few
// thousand combinations occur in practice; 64 Ki entries are ~2 MB.
constexpr std::size_t kMaxTriggerCache = std::size_t{1} << 16;

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
  for (std::size_t i : chosen) impl.triggered[i] = true;
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

}  // namespace

std::shared_ptr<const CompiledRules> CompiledRules::compile(const RuleSet& rules,
                                                            std::vector<Diagnostic>& diagnostics) {
  auto impl = std::make_unique<Impl>();
  impl->rules = rules;
  std::unordered_map<std::string, std::uint32_t> literal_ids, regex_ids;
  std::vector<CompiledPattern> literals, regexes;
  std::vector<SourceLocation> regex_locations;
  const auto add = [](std::vector<CompiledPattern>& table,
                      std::unordered_map<std::string, std::uint32_t>& ids, const std::string& text,
                      bool regex, PatternUse use) {
    auto [it, inserted] = ids.emplace(text, static_cast<std::uint32_t>(table.size()));
    if (inserted) table.push_back({text, regex, {}});
    table[it->second].uses.push_back(use);
    return inserted;
  };
  impl->metrics.resize(rules.frameworks.size());
  bool ok = true;
  for (std::size_t fi = 0; fi < rules.frameworks.size(); ++fi) {
    const Framework& fw = rules.frameworks[fi];
    impl->metrics[fi].resize(fw.leaves.size());
    for (std::size_t slot = 0; slot < fw.leaves.size(); ++slot) {
      const RuleNode& node = fw.nodes[static_cast<std::size_t>(fw.leaves[slot])];
      if (!node.check) continue;
      const Check& check = *node.check;
      for (std::size_t si = 0; si < check.selections.size(); ++si) {
        const Selection& sel = check.selections[si];
        const PatternUse use{static_cast<std::uint32_t>(fi), static_cast<std::uint32_t>(slot),
                             static_cast<std::int32_t>(si)};
        for (const auto& t : sel.terms) add(literals, literal_ids, t, false, use);
        for (const auto& r : sel.regexes)
          if (add(regexes, regex_ids, r, true, use)) regex_locations.push_back(sel.location);
      }
      for (const auto& t : check.exclude)
        add(literals, literal_ids, t,
            false, {static_cast<std::uint32_t>(fi), static_cast<std::uint32_t>(slot), -1});
      for (const auto& m : check.metrics) {
        RE2::Options options;
        options.set_log_errors(false);
        auto re = std::make_unique<RE2>(m.pattern, options);
        if (!re->ok() || re->NumberOfCapturingGroups() != 1) {
          diagnostics.push_back(make_error(m.location.path, "invalid-regex",
                                           fmt::format("metric pattern \"{}\" does not compile "
                                                       "with one capturing group",
                                                       m.pattern),
                                           m.location.line, m.location.column));
          ok = false;
        }
        impl->metrics[fi][slot].push_back(std::move(re));
      }
    }
  }
  impl->literal_count = literals.size();
  impl->patterns = std::move(literals);
  for (auto& r : regexes) impl->patterns.push_back(std::move(r));
  if (!ok) return nullptr;

  // Per framework: the uses of every pattern, flat; and which leaves need no per-window
  // condition evaluation.
  for (std::size_t fi = 0; fi < rules.frameworks.size(); ++fi) {
    auto& fu = impl->framework_uses.emplace_back();
    for (const auto& p : impl->patterns) {
      fu.begin.push_back(static_cast<std::uint32_t>(fu.uses.size()));
      for (const auto& use : p.uses)
        if (use.framework == fi) fu.uses.emplace_back(use.leaf_slot, use.selection);
    }
    fu.begin.push_back(static_cast<std::uint32_t>(fu.uses.size()));
    const Framework& fw = rules.frameworks[fi];
    auto& any = impl->any_hit_satisfies.emplace_back(fw.leaves.size(), 0);
    for (std::size_t slot = 0; slot < fw.leaves.size(); ++slot) {
      const RuleNode& node = fw.nodes[static_cast<std::size_t>(fw.leaves[slot])];
      any[slot] = node.check && satisfied_by_any_hit(*node.check);
    }
  }
  if (impl->patterns.empty())
    return std::shared_ptr<const CompiledRules>(new CompiledRules(std::move(impl)));
  build_triggers(*impl);

  // Expressions, flags and ids of every pattern; then the two databases take their parts.
  std::vector<std::string> expressions;
  std::vector<unsigned> flags;
  for (const auto& p : impl->patterns) {
    expressions.push_back(p.regex ? p.text : escape_literal(p.text));
    flags.push_back(p.regex ? HS_FLAG_UTF8 | HS_FLAG_UCP : 0u);
  }
  for (std::int32_t atom : impl->extra_atom) {
    expressions.push_back(escape_literal(impl->trigger_atoms[static_cast<std::size_t>(atom)]));
    flags.push_back(0u);
  }
  for (const auto& p : impl->patterns)
    impl->match_length.push_back(p.regex ? 0u : static_cast<std::uint32_t>(p.text.size()));
  for (std::int32_t atom : impl->extra_atom)
    impl->match_length.push_back(
        static_cast<std::uint32_t>(impl->trigger_atoms[static_cast<std::size_t>(atom)].size()));
  // Compiles the expressions `ids` into `*database`; on failure, a diagnostic naming the pattern
  // (with its rule location when it is a regex).
  const auto compile_db = [&](const std::vector<unsigned>& ids, hs_database_t** database) {
    std::vector<const char*> pointers;
    std::vector<unsigned> id_flags;
    for (unsigned id : ids) {
      pointers.push_back(expressions[id].c_str());
      id_flags.push_back(flags[id]);
    }
    hs_compile_error_t* err = nullptr;
    if (hs_compile_multi(pointers.data(), id_flags.data(), ids.data(),
                         static_cast<unsigned>(ids.size()), HS_MODE_BLOCK, nullptr, database,
                         &err) == HS_SUCCESS)
      return true;
    SourceLocation loc;
    std::string what = "the pattern database";
    if (err && err->expression >= 0) {
      const std::size_t index = ids[static_cast<std::size_t>(err->expression)];
      what = fmt::format("pattern \"{}\"", expressions[index]);
      if (index < impl->patterns.size())
        what = fmt::format("pattern \"{}\"", impl->patterns[index].text);
      if (index >= impl->literal_count && index < impl->patterns.size())
        loc = regex_locations[index - impl->literal_count];
    }
    diagnostics.push_back(make_error(
        loc.path, "unsupported-regex",
        fmt::format("{} does not compile: {}", what, err ? err->message : "unknown error"),
        loc.line, loc.column));
    hs_free_compile_error(err);
    return false;
  };
  // The regexes first: a regex Hyperscan rejects is reported whichever database it belongs to.
  std::vector<unsigned> regex_only, main_ids;
  for (std::size_t i = impl->literal_count; i < impl->patterns.size(); ++i)
    regex_only.push_back(static_cast<unsigned>(i));
  for (std::size_t i = 0; i < expressions.size(); ++i)
    if (i >= impl->patterns.size() || !impl->patterns[i].regex || !impl->triggered[i])
      main_ids.push_back(static_cast<unsigned>(i));
  if (!regex_only.empty() && !compile_db(regex_only, &impl->regex_database)) return nullptr;
  if (!main_ids.empty() && !compile_db(main_ids, &impl->database)) return nullptr;
  if ((impl->database &&
       hs_alloc_scratch(impl->database, &impl->scratch_prototype) != HS_SUCCESS) ||
      (impl->regex_database &&
       hs_alloc_scratch(impl->regex_database, &impl->scratch_prototype) != HS_SUCCESS)) {
    diagnostics.push_back(make_error("", "internal", "cannot allocate Hyperscan scratch"));
    return nullptr;
  }
  return std::shared_ptr<const CompiledRules>(new CompiledRules(std::move(impl)));
}

// ---- Scanner ---------------------------------------------------------------------------------

Scanner::Scratch::~Scratch() {
  if (scratch) hs_free_scratch(scratch);
}

Scanner::Scanner(std::shared_ptr<const CompiledRules> rules)
    : rules_(std::move(rules)), scratch_(std::make_unique<Scratch>()) {
  if (rules_->impl().scratch_prototype &&
      hs_clone_scratch(rules_->impl().scratch_prototype, &scratch_->scratch) != HS_SUCCESS)
    scratch_->scratch = nullptr;  // scan() then finds no hits; cannot happen short of OOM
}
Scanner::~Scanner() = default;
Scanner::Scanner(Scanner&&) noexcept = default;

namespace {

int on_match(unsigned int id, unsigned long long /*from*/, unsigned long long to,
             unsigned int /*flags*/, void* context) {
  auto* raw = static_cast<std::vector<std::pair<std::uint32_t, std::uint64_t>>*>(context);
  raw->emplace_back(id, to);
  return 0;
}

void run_hs(const hs_database_t* database, Scanner::Scratch& s, std::string_view text) {
  s.raw.clear();
  if (!database || !s.scratch || text.empty()) return;
  hs_scan(database, text.data(), static_cast<unsigned>(text.size()), 0, s.scratch, on_match,
          &s.raw);
}

}  // namespace

std::vector<std::pair<std::uint32_t, std::uint32_t>> literal_hits(Scanner& scanner,
                                                                  const std::string& text) {
  const auto& impl = ScannerAccess::impl(scanner);
  auto& s = ScannerAccess::scratch(scanner);
  run_hs(impl.database, s, text);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  for (const auto& [id, end] : s.raw) {
    if (id >= impl.literal_count) continue;
    out.emplace_back(id, static_cast<std::uint32_t>(end - impl.patterns[id].text.size()));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  s.cached_document = nullptr;
  return out;
}

namespace {

// Sorts `v` by (sentence, pattern): when it is already in sentence order only each sentence's
// run is sorted.
void sort_sentence_runs(std::vector<SentenceHit>& v) {
  const auto by_sentence = [](const SentenceHit& a, const SentenceHit& b) {
    return a.sentence < b.sentence;
  };
  if (!std::is_sorted(v.begin(), v.end(), by_sentence)) {
    std::sort(v.begin(), v.end());
    return;
  }
  for (auto it = v.begin(); it != v.end();) {
    auto run_end = it + 1;
    while (run_end != v.end() && run_end->sentence == it->sentence) ++run_end;
    if (run_end - it > 16) {
      std::sort(it, run_end);
    } else {  // a sentence's few hits: insertion sort, without std::sort's set-up
      for (auto k = it + 1; k < run_end; ++k) {
        const SentenceHit h = *k;
        auto j = k;
        for (; j != it && h < *(j - 1); --j) *j = *(j - 1);
        *j = h;
      }
    }
    it = run_end;
  }
}

}  // namespace

namespace {

// One full-text Hyperscan pass over a document: each report (pattern id, end offset) is turned
// into a hit as it arrives (no buffer of raw matches). A literal or atom counts for the
// sentence that contains it whole; a regex end (regex without trigger) marks its sentence for
// the re-scan.
struct TextPass {
  const CompiledRules::Impl& impl;
  const std::vector<Sentence>& sentences;
  const std::vector<std::uint32_t>* order;  // sentences by start; null = already in order
  Scanner::Scratch& s;
  // Index into the start order of the last sentence found; -1 = before the first sentence.
  long cursor = -1;
  std::size_t run_begin = 0;  // where the last sentence's hits start in s.hits

  // Literal hits come grouped by sentence (each lies inside its sentence and Hyperscan reports
  // by end offset): each sentence's run is kept sorted by pattern and free of duplicates as
  // hits arrive, an insertion into a few elements.
  void add_hit(std::uint32_t sentence, std::uint32_t id) {
    auto& hits = s.hits;
    if (hits.empty() || hits.back().sentence != sentence) {
      run_begin = hits.size();
      hits.push_back({sentence, id});
      return;
    }
    std::size_t at = hits.size();
    while (at > run_begin && hits[at - 1].pattern > id) --at;
    if (at > run_begin && hits[at - 1].pattern == id) return;  // the same literal again
    hits.insert(hits.begin() + static_cast<std::ptrdiff_t>(at), SentenceHit{sentence, id});
  }

  std::uint32_t sorted_at(long k) const {
    const auto i = static_cast<std::uint32_t>(k);
    return order ? (*order)[i] : i;
  }
  // The sentence holding byte `offset`: the last sentence (by start) starting at or before it,
  // if it ends after it. Hyperscan reports matches by end offset, so successive offsets are
  // close: the cursor walks from the previous answer instead of a binary search per hit. The
  // walk lands on the same index upper_bound would (starts are sorted).
  long sentence_at(std::uint64_t offset) {
    const auto n = static_cast<long>(sentences.size());
    while (cursor >= 0 && sentences[sorted_at(cursor)].span.begin > offset) --cursor;
    while (cursor + 1 < n && sentences[sorted_at(cursor + 1)].span.begin <= offset) ++cursor;
    if (cursor < 0) return -1;
    const std::uint32_t si = sorted_at(cursor);
    return offset < sentences[si].span.end ? static_cast<long>(si) : -1;
  }
  void add(std::uint32_t id, std::uint64_t end) {
    const auto n_patterns = static_cast<std::uint32_t>(impl.patterns.size());
    if (id < impl.literal_count || id >= n_patterns) {  // a literal, or a trigger's own atom
      const long si = sentence_at(end - impl.match_length[id]);
      if (si < 0 || end > sentences[static_cast<std::size_t>(si)].span.end) return;
      const auto sentence = static_cast<std::uint32_t>(si);
      if (id < n_patterns) {
        add_hit(sentence, id);
        if (impl.trigger && impl.literal_atom[id] >= 0)
          s.atom_hits.emplace_back(sentence, impl.literal_atom[id]);
      } else {
        s.atom_hits.emplace_back(sentence, impl.extra_atom[id - n_patterns]);
      }
    } else if (end > 0) {  // a regex without trigger: a match ends here
      const long si = sentence_at(end - 1);
      if (si >= 0) s.regex_sentences.push_back(static_cast<std::uint32_t>(si));
    }
  }
  static int on_match(unsigned int id, unsigned long long /*from*/, unsigned long long to,
                      unsigned int /*flags*/, void* context) {
    static_cast<TextPass*>(context)->add(id, to);
    return 0;
  }
};

}  // namespace

const std::vector<SentenceHit>& sentence_hits(Scanner& scanner, const Document& document) {
  const auto& impl = ScannerAccess::impl(scanner);
  auto& s = ScannerAccess::scratch(scanner);
  if (s.cached_document == &document && s.cached_text == document.text &&
      s.cached_original == document.original)
    return s.hits;
  s.hits.clear();
  s.views.clear();
  s.section_paths.clear();
  s.strengths.clear();
  // Sentences ordered by start. Reports come out of the document stage already in order, so
  // the usual case needs no index at all; otherwise a stable sort by start, as before.
  const auto& sentences = document.sentences;
  const auto n_sentences = static_cast<std::uint32_t>(sentences.size());
  bool in_order = true;
  for (std::uint32_t i = 1; i < n_sentences && in_order; ++i)
    in_order = sentences[i - 1].span.begin <= sentences[i].span.begin;
  std::vector<std::uint32_t>& order = s.order;
  order.clear();
  if (!in_order) {
    order.resize(n_sentences);
    for (std::uint32_t i = 0; i < n_sentences; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return sentences[a].span.begin < sentences[b].span.begin;
    });
  }
  // The full-text pass: literal and atom hits, and the sentences where a regex ends, taken as
  // Hyperscan reports them.
  TextPass pass{impl, sentences, in_order ? nullptr : &order, s};
  s.regex_sentences.clear();
  s.atom_hits.clear();
  if (impl.database && s.scratch && !document.text.empty())
    hs_scan(impl.database, document.text.data(), static_cast<unsigned>(document.text.size()), 0,
            s.scratch, TextPass::on_match, &pass);
  std::vector<std::uint32_t>& regex_sentences = s.regex_sentences;
  auto& atom_hits = s.atom_hits;
  // Sentences whose atoms let some triggered regex through. Atom hits come grouped by sentence
  // (each lies inside one sentence, reported by end offset), in sentence order when sentences
  // are; otherwise sorted first, so that each sentence is one run with all its atoms.
  const auto by_sentence = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (!std::is_sorted(atom_hits.begin(), atom_hits.end(), by_sentence))
    std::stable_sort(atom_hits.begin(), atom_hits.end(), by_sentence);
  for (std::size_t i = 0; i < atom_hits.size();) {
    const std::uint32_t sentence = atom_hits[i].first;
    s.atoms.clear();
    bool distinct = false;  // at least two different atoms
    for (; i < atom_hits.size() && atom_hits[i].first == sentence; ++i) {
      distinct = distinct || (!s.atoms.empty() && s.atoms.front() != atom_hits[i].second);
      s.atoms.push_back(atom_hits[i].second);
    }
    if (!distinct && !impl.trigger_single_atom) continue;
    TriggerKey key;  // there are at most kMaxTriggerAtoms = 128 atoms
    for (int atom : s.atoms) key.bits[atom >> 6] |= std::uint64_t{1} << (atom & 63);
    auto found = s.trigger_cache.find(key);
    if (found == s.trigger_cache.end()) {
      if (s.trigger_cache.size() >= kMaxTriggerCache) s.trigger_cache.clear();
      impl.trigger->AllPotentials(s.atoms, &s.potentials);
      found = s.trigger_cache.emplace(key, !s.potentials.empty()).first;
    }
    if (found->second) regex_sentences.push_back(sentence);
  }
  std::sort(regex_sentences.begin(), regex_sentences.end());
  regex_sentences.erase(std::unique(regex_sentences.begin(), regex_sentences.end()),
                        regex_sentences.end());
  std::vector<SentenceHit>& regex_hits = s.regex_hits;
  regex_hits.clear();
  for (std::uint32_t si : regex_sentences) {
    const Span span = document.sentences[si].span;
    run_hs(impl.regex_database, s, std::string_view(document.text).substr(span.begin, span.size()));
    for (const auto& [id, end] : s.raw)
      if (id >= impl.literal_count) regex_hits.push_back({si, id});
  }
  // Literal hits are sorted within each sentence already (TextPass::add_hit); the sentences
  // come in order too unless the document's sentences are out of start order: then a full
  // sort (duplicates of one sentence, split over runs, are removed below). Regex hits come in
  // sentence order (regex sentences are visited in order); sorting reduces to the few hits of
  // each sentence. Then one merge.
  const auto by_sentence_only = [](const SentenceHit& a, const SentenceHit& b) {
    return a.sentence < b.sentence;
  };
  const bool literals_sorted = std::is_sorted(s.hits.begin(), s.hits.end(), by_sentence_only);
  if (!literals_sorted) std::sort(s.hits.begin(), s.hits.end());
  if (!regex_hits.empty()) {
    sort_sentence_runs(regex_hits);
    s.merged.clear();
    std::merge(s.hits.begin(), s.hits.end(), regex_hits.begin(), regex_hits.end(),
               std::back_inserter(s.merged));
    s.hits.swap(s.merged);
  }
  if (!literals_sorted || !regex_hits.empty())
    s.hits.erase(std::unique(s.hits.begin(), s.hits.end()), s.hits.end());
  s.cached_document = &document;
  s.cached_text = document.text;
  s.cached_original = document.original;
  return s.hits;
}

namespace {

bool compare(Comparison c, double v, double t) {
  switch (c) {
    case Comparison::kAtLeast: return v >= t;
    case Comparison::kAtMost: return v <= t;
    case Comparison::kGreater: return v > t;
    case Comparison::kLess: return v < t;
    case Comparison::kEqual: return std::fabs(v - t) < 1e-9;
  }
  return false;
}

const char* comparison_symbol(Comparison c) {
  switch (c) {
    case Comparison::kAtLeast: return ">=";
    case Comparison::kAtMost: return "<=";
    case Comparison::kGreater: return ">";
    case Comparison::kLess: return "<";
    case Comparison::kEqual: return "=";
  }
  return "?";
}

std::string_view window_name(Window w) {
  return w == Window::kSentence ? "sentence" : w == Window::kParagraph ? "paragraph" : "section";
}

// A number as reports write it: "100", "99.5", "1,234", "2.0 " (stray spaces).
bool parse_number(std::string_view raw, double& out) {
  std::string cleaned;
  for (char c : raw)
    if (c != ',' && c != ' ') cleaned += c;
  if (cleaned.empty()) return false;
  char* end = nullptr;
  out = std::strtod(cleaned.c_str(), &end);
  return end == cleaned.c_str() + cleaned.size() && std::isfinite(out);
}

enum class Outcome { kMet, kPartial, kAcknowledged, kPlanned, kElsewhere };

struct WindowResult {
  Outcome outcome = Outcome::kElsewhere;
  std::uint32_t first_sentence = 0;
  Role role = Role::kAchievements;
  // Sentences with hits, then metric sentences: [sentences_begin, sentences_end) of the
  // evaluator's sentence pool (one buffer for all windows of a leaf, no vector per window).
  std::uint32_t sentences_begin = 0, sentences_end = 0;
  std::vector<std::pair<std::uint32_t, MetricValue>> metrics;  // (sentence, value); rarely any
  std::string metric_note;  // why partial
};

class LeafEvaluator {
 public:
  // `scratch` must hold the hit table of `doc` (sentence_hits called for it): the sentence
  // views cached there belong to that document.
  LeafEvaluator(const CompiledRules::Impl& impl, const Document& doc, std::size_t fw_index,
                Scanner::Scratch& scratch)
      : impl_(impl),
        doc_(doc),
        fw_index_(fw_index),
        fw_(impl.rules.frameworks[fw_index]),
        views_(scratch.views),
        section_paths_(scratch.section_paths),
        strengths_(scratch.strengths) {}

  ItemEvidence evaluate(std::size_t slot, const std::vector<LeafHit>& hits) const;

 private:
  bool not_applicable(const RuleNode& leaf, std::string& reason) const;
  void window_sentences(Window w, std::uint32_t unit, Role role,
                        std::vector<std::uint32_t>& out) const;
  // min(first sentence of window_sentences(w, unit, role), bound), where `bound` is a sentence
  // of that window: scans only up to `bound`.
  std::uint32_t first_window_sentence(Window w, std::uint32_t unit, Role role,
                                      std::uint32_t bound) const;

  const CompiledRules::Impl& impl_;
  const Document& doc_;
  std::size_t fw_index_;
  const Framework& fw_;

  // What a quote shows of a sentence (original text, line:col, section path) costs a walk of
  // the line and of the heading chain; many leaves of every framework quote the same
  // sentences, so it is computed once per sentence (the section path once per section) per
  // document, kept in the scratch next to the hit table, and reset with it.
  std::vector<SentenceView>& views_;
  SentenceView& view_slot(std::uint32_t si) const {
    if (views_.empty()) views_.resize(doc_.sentences.size());
    return views_[si];
  }
  // Line:column alone (for reasons), without the quote text and section path. The first call
  // for a document fills every sentence's (fill_positions).
  LineCol position_of(std::uint32_t si) const {
    SentenceView& v = view_slot(si);
    if (!v.position_ready) fill_positions();
    return v.position;
  }
  void fill_positions() const;
  const SentenceView& view(std::uint32_t si) const {
    SentenceView& v = view_slot(si);
    if (!v.ready) {
      const Sentence& s = doc_.sentences[si];
      v.text = std::string(doc_.original_text(s.span));
      v.position = position_of(si);
      v.ready = true;
    }
    return v;
  }
  std::vector<std::optional<std::string>>& section_paths_;
  const std::string& section_path(std::uint32_t section) const {
    if (section_paths_.size() <= section)
      section_paths_.resize(std::max<std::size_t>(section + 1, doc_.sections.size()));
    auto& path = section_paths_[section];
    if (!path) path = doc_.section_path(section);
    return *path;
  }

  // Strength of one sentence for quoting: 0 = a heading, 1 = a body sentence, 2 = a body
  // sentence with a digit. Cached per sentence for the scan (many leaves share sentences).
  std::vector<std::int8_t>& strengths_;
  int sentence_strength(std::uint32_t si) const {
    if (strengths_.empty()) strengths_.assign(doc_.sentences.size(), -1);
    std::int8_t& v = strengths_[si];
    if (v < 0) {
      const Sentence& s = doc_.sentences[si];
      const Section& section = doc_.sections[s.section];
      const bool heading =
          section.depth > 0 && !section.marker.empty() && section.span.begin == s.span.begin;
      v = 0;
      if (!heading) {
        // Any ASCII digit: a loop without early exit, which the compiler vectorizes.
        unsigned char digit = 0;
        for (std::uint32_t i = s.span.begin; i < s.span.end; ++i)
          digit |= static_cast<unsigned char>(static_cast<unsigned char>(doc_.text[i]) - '0') < 10;
        v = digit ? 2 : 1;
      }
    }
    return v;
  }

  // Per-leaf working buffers, reused from leaf to leaf.
  struct GroupEntry {
    std::uint32_t unit;
    std::uint8_t role;
    std::uint32_t seq;  // hit order
    std::uint32_t sentence;
    std::int32_t selection;
  };
  mutable std::vector<std::uint32_t> excluded_;
  mutable std::vector<GroupEntry> entries_;
  mutable std::vector<std::pair<std::uint32_t, std::uint32_t>> terms_in_;
  mutable std::vector<std::uint32_t> members_;
  mutable std::vector<char> present_;
  mutable std::vector<std::uint32_t> win_sentences_;
  mutable std::vector<WindowResult> results_;
  mutable std::vector<std::uint32_t> pool_;  // WindowResult sentences
  mutable std::vector<int> window_strengths_;
  mutable std::vector<std::uint32_t> quoted_;
  mutable fmt::memory_buffer reason_;
};

// Code points in UTF-8 `s` (bytes that are not continuation bytes 10xxxxxx), as
// Document::line_col counts them; eight bytes at a time without a popcount instruction.
std::uint32_t count_code_points(std::string_view s) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL, kOnes = 0x0101010101010101ULL;
  std::size_t continuation = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    // One bit per continuation byte at bit 0 of the byte; the multiply sums the bytes (<= 8).
    continuation += static_cast<std::size_t>(((((w & ~(w << 1)) & kHigh) >> 7) * kOnes) >> 56);
  }
  for (; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++continuation;
  return static_cast<std::uint32_t>(s.size() - continuation);
}

// Line:column of every sentence start, equal to Document::line_col(to_original(start)), in one
// sweep: line_col counts code points from the line start, which for a one-line web crawl is
// up to the whole report per sentence; here each sentence continues from the previous one on
// the same line. A sentence starting before the previous one (not the case for reports) falls
// back to line_col.
void LeafEvaluator::fill_positions() const {
  const auto& starts = doc_.line_starts_;
  const std::string_view original = doc_.original;
  const auto size = static_cast<std::uint32_t>(original.size());
  std::size_t line = 0;  // line starts at or before the previous sentence start
  std::uint32_t prev_o = 0, prev_end = 0, prev_column = 0;
  bool have_prev = false;
  for (std::uint32_t si = 0; si < doc_.sentences.size(); ++si) {
    SentenceView& v = view_slot(si);
    v.position_ready = true;
    const std::uint32_t o = doc_.to_original(doc_.sentences[si].span.begin);
    if (starts.empty() || (have_prev && o < prev_o) || starts.front() > o) {
      v.position = doc_.line_col(o);
      continue;
    }
    const std::size_t prev_line = line;
    while (line < starts.size() && starts[line] <= o) ++line;
    const std::uint32_t end = std::min(o, size);
    std::uint32_t column;
    if (have_prev && line == prev_line) {
      column = prev_column + count_code_points(original.substr(prev_end, end - prev_end));
    } else {
      const std::uint32_t start = starts[line - 1];
      column = 1 + (end > start ? count_code_points(original.substr(start, end - start)) : 0);
    }
    v.position = {static_cast<std::uint32_t>(line), column};
    have_prev = true;
    prev_o = o;
    prev_end = end;
    prev_column = column;
  }
}

bool LeafEvaluator::not_applicable(const RuleNode& leaf, std::string& reason) const {
  const std::string& level = doc_.meta.level.value;
  if (level.empty()) return false;
  const auto excludes = [&](const std::vector<std::string>& levels) {
    return !levels.empty() && std::find(levels.begin(), levels.end(), level) == levels.end();
  };
  if (excludes(fw_.levels)) {
    reason = fmt::format("framework levels [{}] exclude this unit's level {}",
                         fmt::join(fw_.levels, ", "), level);
    return true;
  }
  for (int i = static_cast<int>(&leaf - fw_.nodes.data()); i >= 0;
       i = fw_.nodes[static_cast<std::size_t>(i)].parent) {
    const RuleNode& n = fw_.nodes[static_cast<std::size_t>(i)];
    if (excludes(n.levels)) {
      reason = fmt::format("levels [{}] of {} exclude this unit's level {}",
                           fmt::join(n.levels, ", "), n.id, level);
      return true;
    }
  }
  return false;
}

void LeafEvaluator::window_sentences(Window w, std::uint32_t unit, Role role,
                                     std::vector<std::uint32_t>& out) const {
  out.clear();
  if (w == Window::kSentence) {
    out.push_back(unit);
    return;
  }
  if (w == Window::kParagraph && unit < doc_.paragraphs.size()) {
    const Paragraph& p = doc_.paragraphs[unit];
    for (std::uint32_t k = 0; k < p.sentence_count; ++k) {
      const std::uint32_t si = p.first_sentence + k;
      if (si < doc_.sentences.size() && doc_.sentences[si].role == role) out.push_back(si);
    }
    return;
  }
  for (std::uint32_t si = 0; si < doc_.sentences.size(); ++si) {
    const Sentence& s = doc_.sentences[si];
    const std::uint32_t u = w == Window::kParagraph ? s.paragraph : s.section;
    if (u == unit && s.role == role) out.push_back(si);
  }
}

std::uint32_t LeafEvaluator::first_window_sentence(Window w, std::uint32_t unit, Role role,
                                                  std::uint32_t bound) const {
  if (w == Window::kSentence) return std::min(unit, bound);
  if (w == Window::kParagraph && unit < doc_.paragraphs.size()) {
    const Paragraph& p = doc_.paragraphs[unit];
    for (std::uint32_t k = 0; k < p.sentence_count; ++k) {
      const std::uint32_t si = p.first_sentence + k;
      if (si < doc_.sentences.size() && doc_.sentences[si].role == role) return std::min(si, bound);
    }
    return bound;
  }
  for (std::uint32_t si = 0; si < bound && si < doc_.sentences.size(); ++si) {
    const Sentence& s = doc_.sentences[si];
    const std::uint32_t u = w == Window::kParagraph ? s.paragraph : s.section;
    if (u == unit && s.role == role) return si;
  }
  return bound;
}

ItemEvidence LeafEvaluator::evaluate(std::size_t slot, const std::vector<LeafHit>& hits) const {
  ItemEvidence ev;
  ev.node = fw_.leaves[slot];
  const RuleNode& leaf = fw_.nodes[static_cast<std::size_t>(ev.node)];
  if (!leaf.check) {
    ev.reason = "leaf has no check";
    return ev;
  }
  if (not_applicable(leaf, ev.reason)) {
    ev.state = ItemState::kNotApplicable;
    return ev;
  }
  const Check& check = *leaf.check;
  if (hits.empty()) {  // the common case: nothing to group
    ev.reason = "no term of any selection found";
    return ev;
  }
  const auto in_roles = [&](Role r) {
    return std::find(check.roles.begin(), check.roles.end(), r) != check.roles.end();
  };

  // Sentences with an exclude term contribute nothing. (`hits` is in sentence order, so this
  // list is sorted.)
  std::vector<std::uint32_t>& excluded = excluded_;
  excluded.clear();
  for (const auto& h : hits)
    if (h.selection < 0) excluded.push_back(h.sentence);
  const auto is_excluded = [&](std::uint32_t si) {
    return std::binary_search(excluded.begin(), excluded.end(), si);
  };

  // Group hits into windows keyed by (unit, role), visited in (unit, role) order, hit order kept
  // inside a window: a flat list sorted by (unit, role, hit order), no map or per-window vectors.
  std::vector<GroupEntry>& entries = entries_;
  entries.clear();
  std::vector<std::pair<std::uint32_t, std::uint32_t>>& terms_in = terms_in_;  // (sentence, pattern), hit order
  terms_in.clear();
  bool any_hit = false;
  for (const auto& h : hits) {
    if (h.selection < 0 || is_excluded(h.sentence)) continue;
    any_hit = true;
    const Sentence& s = doc_.sentences[h.sentence];
    const std::uint32_t unit = check.window == Window::kSentence    ? h.sentence
                               : check.window == Window::kParagraph ? s.paragraph
                                                                    : s.section;
    entries.push_back({unit, static_cast<std::uint8_t>(s.role),
                       static_cast<std::uint32_t>(entries.size()), h.sentence, h.selection});
    terms_in.emplace_back(h.sentence, h.pattern);
  }
  const auto entry_less = [](const GroupEntry& x, const GroupEntry& y) {
    if (x.unit != y.unit) return x.unit < y.unit;
    if (x.role != y.role) return x.role < y.role;
    return x.seq < y.seq;
  };
  if (!std::is_sorted(entries.begin(), entries.end(), entry_less))
    std::sort(entries.begin(), entries.end(), entry_less);

  std::vector<WindowResult>& results = results_;
  results.clear();
  std::vector<std::uint32_t>& pool = pool_;
  pool.clear();
  const auto sentences_of = [&pool](const WindowResult& r) {
    return std::pair(pool.cbegin() + r.sentences_begin, pool.cbegin() + r.sentences_end);
  };
  std::vector<std::uint32_t>& members = members_;
  std::vector<char>& present = present_;
  const bool any_hit_satisfies = impl_.any_hit_satisfies[fw_index_][slot] != 0;
  std::vector<std::uint32_t>& win_sentences = win_sentences_;
  for (std::size_t g = 0; g < entries.size();) {
    const std::uint32_t unit = entries[g].unit;
    const std::uint8_t role = entries[g].role;
    if (!any_hit_satisfies) present.assign(check.selections.size(), 0);
    win_sentences.clear();
    for (; g < entries.size() && entries[g].unit == unit && entries[g].role == role; ++g) {
      if (!any_hit_satisfies) present[static_cast<std::size_t>(entries[g].selection)] = 1;
      if (win_sentences.empty() || win_sentences.back() != entries[g].sentence)
        win_sentences.push_back(entries[g].sentence);
    }
    if (!any_hit_satisfies && !rules_internal::evaluate_condition(check.condition, present))
      continue;
    WindowResult& r = results.emplace_back();
    r.role = static_cast<Role>(role);
    r.sentences_begin = static_cast<std::uint32_t>(pool.size());
    pool.insert(pool.end(), win_sentences.begin(), win_sentences.end());
    // Every sentence of the window is needed only to read metrics; otherwise just its first.
    const bool read_metrics = in_roles(r.role) && !check.metrics.empty();
    if (read_metrics) {
      window_sentences(check.window, unit, r.role, members);
      r.first_sentence =
          members.empty() ? win_sentences.front() : std::min(members.front(), win_sentences.front());
    } else {
      r.first_sentence = first_window_sentence(check.window, unit, r.role, win_sentences.front());
    }
    if (in_roles(r.role)) {
      bool all = true;
      for (std::size_t mi = 0; mi < check.metrics.size(); ++mi) {
        const Metric& metric = check.metrics[mi];
        const RE2& re = *impl_.metrics[fw_index_][slot][mi];
        bool found = false, meets = false;
        for (std::uint32_t si : members) {
          const Span span = doc_.sentences[si].span;
          re2::StringPiece input(doc_.text.data() + span.begin, span.size());
          re2::StringPiece capture;
          while (!meets && !input.empty()) {
            const char* before = input.data();
            if (!RE2::FindAndConsume(&input, re, &capture)) break;
            if (input.data() == before) {
              // An empty match consumes nothing: step one code point so the loop ends.
              std::size_t step = 1;
              while (step < input.size() && (static_cast<unsigned char>(input[step]) & 0xC0) == 0x80) ++step;
              input.remove_prefix(step);
            }
            double value = 0;
            if (!parse_number(capture.data() ? std::string_view(capture.data(), capture.size())
                                             : std::string_view(),
                              value))
              continue;
            if (found && !compare(metric.comparison, value, metric.threshold)) continue;
            MetricValue mv;
            mv.name = metric.name;
            mv.value = value;
            mv.unit = metric.unit;
            const auto b = static_cast<std::uint32_t>(capture.data() - doc_.text.data());
            mv.raw = std::string(doc_.original_text(Span{b, b + static_cast<std::uint32_t>(capture.size())}));
            mv.meets = compare(metric.comparison, value, metric.threshold);
            // Keep one value per metric per window: the first that meets, else the first seen.
            auto it = std::find_if(r.metrics.begin(), r.metrics.end(),
                                   [&](const auto& x) { return x.second.name == metric.name; });
            if (it != r.metrics.end()) r.metrics.erase(it);
            r.metrics.emplace_back(si, mv);
            found = true;
            meets = mv.meets;
          }
          if (meets) break;
        }
        if (!found) {
          all = false;
          if (r.metric_note.empty())
            r.metric_note = fmt::format("metric {} not stated", metric.name);
        } else if (!meets) {
          all = false;
          const auto& mv = std::find_if(r.metrics.begin(), r.metrics.end(), [&](const auto& x) {
                             return x.second.name == metric.name;
                           })->second;
          if (r.metric_note.empty())
            r.metric_note = fmt::format("metric {} = {}{} does not meet {} {}{}", metric.name,
                                        mv.value, metric.unit, comparison_symbol(metric.comparison),
                                        metric.threshold, metric.unit);
        }
      }
      for (const auto& [si, mv] : r.metrics)  // this window's sentences are the pool's tail
        if (std::find(pool.begin() + r.sentences_begin, pool.end(), si) == pool.end())
          pool.push_back(si);
      r.outcome = all ? Outcome::kMet : Outcome::kPartial;
    } else if (r.role == Role::kShortcomings) {
      r.outcome = Outcome::kAcknowledged;
    } else if (r.role == Role::kPlans) {
      r.outcome = Outcome::kPlanned;
    } else {
      r.outcome = Outcome::kElsewhere;
    }
    r.sentences_end = static_cast<std::uint32_t>(pool.size());
  }
  const auto by_first = [](const WindowResult& a, const WindowResult& b) {
    return a.first_sentence < b.first_sentence;
  };
  // Windows come in (unit, role) order, usually already document order: a stable sort of a
  // sorted range changes nothing, so it is skipped.
  if (!std::is_sorted(results.begin(), results.end(), by_first))
    std::stable_sort(results.begin(), results.end(), by_first);

  // How convincing a window is to an auditor, to pick which one a report quotes first:
  // 2 = a body sentence stating a number (61个, 100%), 1 = a body sentence, 0 = only headings.
  // A heading ("（五）继续深化“放管服”改革。") names a topic; the sentences under it show the work.
  // This orders quotes and picks the window the reason names; it never changes the state.
  auto strength = [this, &check, &sentences_of](const WindowResult& r) {
    if (check.quotes_in_document_order) return 0;
    int best_strength = 0;
    for (auto [it, end] = sentences_of(r); it != end; ++it) {
      best_strength = std::max(best_strength, sentence_strength(*it));
      if (best_strength == 2) break;
    }
    return best_strength;
  };
  // Only windows with the best outcome are ranked by strength, and often only the first few of
  // them: computed on first use (-1 = not yet).
  std::vector<int>& strengths = window_strengths_;
  strengths.assign(results.size(), -1);
  const auto strength_of = [&](std::size_t i) {
    if (strengths[i] < 0) strengths[i] = strength(results[i]);
    return strengths[i];
  };

  Outcome best = Outcome::kElsewhere;
  for (const auto& r : results) best = std::min(best, r.outcome);
  // The first window of the best outcome with the highest strength (2 is the highest).
  const WindowResult* first_best = nullptr;
  int first_best_strength = -1;
  for (std::size_t i = 0; i < results.size() && first_best_strength < 2; ++i)
    if (results[i].outcome == best && strength_of(i) > first_best_strength) {
      first_best = &results[i];
      first_best_strength = strengths[i];
    }
  // The reason, formatted into one buffer reused from leaf to leaf: the string is the only
  // allocation.
  const std::string& cond = check.condition_text;
  fmt::memory_buffer& reason = reason_;
  reason.clear();
  // Formats are compiled (FMT_COMPILE): this runs for every leaf with hits.
  const auto say = [&reason](const auto& format, const auto&... args) {
    fmt::format_to(fmt::appender(reason), format, args...);
  };
  // "<window> at <line>:<column> (<role>)" of the window the reason names.
  const auto say_at = [&] {
    const LineCol lc = position_of(first_best->first_sentence);
    say(FMT_COMPILE("{} at {}:{} ({})"), window_name(check.window), lc.line, lc.column,
        role_name(first_best->role));
  };
  if (first_best == nullptr || best == Outcome::kElsewhere) {
    ev.state = ItemState::kMissing;
    if (!any_hit) {
      say(FMT_COMPILE("no term of any selection found"));
    } else if (first_best != nullptr) {
      const LineCol lc = position_of(first_best->first_sentence);
      say(FMT_COMPILE("condition `{}` met only outside the credit roles ({} at {}:{})"), cond,
          role_name(first_best->role), lc.line, lc.column);
    } else {
      say(FMT_COMPILE("terms found but condition `{}` is not met in any {}"), cond,
          window_name(check.window));
    }
  } else {
    switch (best) {
      case Outcome::kMet:
        ev.state = ItemState::kMet;
        say(FMT_COMPILE("condition `{}` met in "), cond);
        say_at();
        for (const auto& [si, mv] : first_best->metrics)
          say(FMT_COMPILE("; {} = {}{}"), mv.name, mv.value, mv.unit);
        break;
      case Outcome::kPartial:
        ev.state = ItemState::kPartial;
        say(FMT_COMPILE("condition `{}` met in "), cond);
        say_at();
        say(FMT_COMPILE(" but {}"), first_best->metric_note);
        break;
      case Outcome::kAcknowledged:
        ev.state = ItemState::kAcknowledged;
        say(FMT_COMPILE("condition `{}` met only in the shortcomings part: "), cond);
        say_at();
        break;
      case Outcome::kPlanned:
        ev.state = ItemState::kPlanned;
        say(FMT_COMPILE("condition `{}` met only in the plans part: "), cond);
        say_at();
        break;
      case Outcome::kElsewhere:
        break;
    }
  }
  ev.reason.assign(reason.data(), reason.size());

  // Quotes: the windows that earned the state first (credit, strongest first), then the other
  // satisfied windows in priority and document order; each sentence once; visited in that
  // order until kMaxQuotesPerItem quotes are taken (quote_window returns false when full).
  std::vector<std::uint32_t>& quoted = quoted_;
  quoted.clear();
  const bool terms_sorted =
      std::is_sorted(terms_in.begin(), terms_in.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  // Every quoted sentence is in the pool (each at most once, but for a metric sentence shared
  // by windows): room for the quotes at once instead of growing 1, 2, 4, 8.
  ev.quotes.reserve(std::min(limits::kMaxQuotesPerItem, pool.size()));
  const auto quote_window = [&](const WindowResult* r) {
    for (auto [it, end] = sentences_of(*r); it != end; ++it) {
      const std::uint32_t si = *it;
      if (ev.quotes.size() >= limits::kMaxQuotesPerItem) break;
      if (std::find(quoted.begin(), quoted.end(), si) != quoted.end()) continue;
      quoted.push_back(si);
      const Sentence& s = doc_.sentences[si];
      Quote& q = ev.quotes.emplace_back();
      q.sentence = si;
      const SentenceView& v = view(si);
      q.text = v.text;
      q.line = v.position.line;
      q.column = v.position.column;
      q.role = s.role;
      q.section_path = section_path(s.section);
      // terms_in is in hit order, i.e. sentence order: only this sentence's range is read.
      auto t_begin = terms_in.cbegin(), t_end = terms_in.cend();
      if (terms_sorted) {
        t_begin = std::lower_bound(t_begin, t_end, si,
                                   [](const auto& t, std::uint32_t x) { return t.first < x; });
        t_end = std::upper_bound(t_begin, t_end, si,
                                 [](std::uint32_t x, const auto& t) { return x < t.first; });
        q.terms.reserve(static_cast<std::size_t>(t_end - t_begin));
      }
      for (auto t = t_begin; t != t_end; ++t) {
        const auto& [tsi, pattern] = *t;
        if (tsi != si) continue;
        const CompiledPattern& p = impl_.patterns[pattern];
        std::string label = p.regex ? "/" + p.text + "/" : p.text;
        if (std::find(q.terms.begin(), q.terms.end(), label) == q.terms.end())
          q.terms.push_back(std::move(label));
      }
      for (const auto& [msi, mv] : r->metrics)
        if (msi == si) q.metrics.push_back(mv);
      q.credit = r->outcome == best && best != Outcome::kElsewhere;
    }
    return ev.quotes.size() < limits::kMaxQuotesPerItem;
  };
  bool room = true;
  if (best != Outcome::kElsewhere)
    for (int level = 2; level >= 0 && room; --level)
      for (std::size_t i = 0; i < results.size() && room; ++i)
        if (results[i].outcome == best && strength_of(i) == level) room = quote_window(&results[i]);
  for (int o = 0; o <= static_cast<int>(Outcome::kPlanned) && room; ++o)
    for (std::size_t i = 0; i < results.size() && room; ++i)
      if (static_cast<int>(results[i].outcome) == o && results[i].outcome != best)
        room = quote_window(&results[i]);
  return ev;
}

// Hits of one framework, bucketed per leaf slot into `out` (buffers reused). `hits` is sorted
// by sentence, so each bucket comes out in sentence order, hit order kept.
void leaf_hits(const CompiledRules::Impl& impl, std::size_t fw, const std::vector<SentenceHit>& hits,
               std::vector<std::vector<LeafHit>>& out) {
  const std::size_t leaves = impl.rules.frameworks[fw].leaves.size();
  if (out.size() < leaves) out.resize(leaves);
  for (std::size_t i = 0; i < leaves; ++i) out[i].clear();
  const auto& fu = impl.framework_uses[fw];
  for (const auto& h : hits)
    for (std::uint32_t u = fu.begin[h.pattern]; u < fu.begin[h.pattern + 1]; ++u) {
      const auto [slot, selection] = fu.uses[u];
      out[slot].push_back({h.sentence, selection, h.pattern});
    }
}

}  // namespace

DocumentEvidence Scanner::scan(const Document& document, const Framework& framework) {
  DocumentEvidence out;
  out.framework_id = framework.id;
  const auto& impl = rules_->impl();
  const int fi = impl.framework_index(framework.id);
  if (fi < 0) return out;
  const auto& hits = sentence_hits(*this, document);
  auto& per_leaf = scratch_->per_leaf;
  leaf_hits(impl, static_cast<std::size_t>(fi), hits, per_leaf);
  LeafEvaluator evaluator(impl, document, static_cast<std::size_t>(fi), *scratch_);
  const std::size_t leaves = impl.rules.frameworks[static_cast<std::size_t>(fi)].leaves.size();
  out.items.reserve(leaves);
  for (std::size_t slot = 0; slot < leaves; ++slot)
    out.items.push_back(evaluator.evaluate(slot, per_leaf[slot]));
  return out;
}

ItemEvidence Scanner::scan_item(const Document& document, const Framework& framework, int node) {
  const auto& impl = rules_->impl();
  const int fi = impl.framework_index(framework.id);
  ItemEvidence none;
  none.node = node;
  if (fi < 0) return none;
  const Framework& fw = impl.rules.frameworks[static_cast<std::size_t>(fi)];
  const auto it = std::find(fw.leaves.begin(), fw.leaves.end(), node);
  if (it == fw.leaves.end()) return none;
  const auto slot = static_cast<std::size_t>(it - fw.leaves.begin());
  const auto& hits = sentence_hits(*this, document);
  std::vector<LeafHit> mine;
  for (const auto& h : hits)
    for (const auto& use : impl.patterns[h.pattern].uses)
      if (use.framework == static_cast<std::uint32_t>(fi) && use.leaf_slot == slot)
        mine.push_back({h.sentence, use.selection, h.pattern});
  LeafEvaluator evaluator(impl, document, static_cast<std::size_t>(fi), *scratch_);
  return evaluator.evaluate(slot, mine);
}

// ---- Examples --------------------------------------------------------------------------------

Document example_document(std::string_view raw, Role role) {
  Document doc;
  doc.path = "<example>";
  doc.text = normalize_for_matching(raw);
  doc.original = doc.text;  // identity offset map: quotes of examples show the normalized text
  doc.line_starts_.push_back(0);
  Section root;
  root.role = role;
  root.span = {0, static_cast<std::uint32_t>(doc.text.size())};
  doc.sections.push_back(root);
  const std::string& t = doc.text;
  std::uint32_t start = 0;
  const auto flush = [&](std::uint32_t end) {
    // Trim leading spaces; skip empty pieces.
    while (start < end && (t[start] == ' ' || t[start] == '\n')) ++start;
    if (start >= end) return;
    Sentence s;
    s.span = {start, end};
    s.role = role;
    doc.sentences.push_back(s);
    start = end;
  };
  for (std::uint32_t i = 0; i < t.size();) {
    const auto c = static_cast<unsigned char>(t[i]);
    std::uint32_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    const std::string_view ch(t.data() + i, std::min<std::size_t>(len, t.size() - i));
    i += len;
    if (ch == "。" || ch == "！" || ch == "？" || ch == "；" || ch == "!" || ch == "?" ||
        ch == ";" || ch == "\n")
      flush(std::min<std::uint32_t>(i, static_cast<std::uint32_t>(t.size())));
  }
  flush(static_cast<std::uint32_t>(t.size()));
  Paragraph p;
  p.span = root.span;
  p.sentence_count = static_cast<std::uint32_t>(doc.sentences.size());
  doc.paragraphs.push_back(p);
  return doc;
}

std::vector<ExampleFailure> run_examples(Scanner& scanner, const Framework& framework,
                                         std::size_t& examples_run) {
  std::vector<ExampleFailure> failures;
  examples_run = 0;
  for (int leaf : framework.leaves) {
    const RuleNode& node = framework.nodes[static_cast<std::size_t>(leaf)];
    if (!node.check) continue;
    const Role role = node.check->roles.empty() ? Role::kAchievements : node.check->roles.front();
    for (int pass = 0; pass < 2; ++pass) {
      const bool expect = pass == 0;
      const auto& list = expect ? node.check->examples_match : node.check->examples_no_match;
      for (const auto& example : list) {
        ++examples_run;
        const Document doc = example_document(example, role);
        const ItemEvidence ev = scanner.scan_item(doc, framework, leaf);
        const bool matched = ev.state == ItemState::kMet || ev.state == ItemState::kPartial;
        if (matched != expect) failures.push_back({leaf, expect, example, ev.state, ev.reason});
      }
    }
  }
  return failures;
}

}  // namespace indicheck
