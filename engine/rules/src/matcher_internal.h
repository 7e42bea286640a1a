// Private middle of the matcher: the compiled pattern table and the per-document hit table.
// Tests (differential) include this header to compare raw hits with a naive reference.
#pragma once

#include <hs/hs.h>
#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "indicheck/matcher.h"

namespace indicheck {

// Where a pattern is used: a selection of a leaf, or the leaf's exclusion list.
struct PatternUse {
  std::uint32_t framework = 0;  // index into RuleSet::frameworks
  std::uint32_t leaf_slot = 0;  // index into Framework::leaves
  std::int32_t selection = 0;   // index into Check::selections; -1 = an exclude term
};

// One distinct pattern in the database; its Hyperscan id is its index.
struct CompiledPattern {
  std::string text;  // normalized literal, or the regex as written
  bool regex = false;
  std::vector<PatternUse> uses;
};

struct CompiledRules::Impl {
  RuleSet rules;  // a private copy: the compiled object never dangles
  std::vector<CompiledPattern> patterns;
  std::size_t literal_count = 0;  // literals are ids [0, literal_count), regexes after
  hs_database_t* database = nullptr;  // null when there are no patterns
  // The regexes alone (same ids), to verify a regex inside one sentence without re-running
  // thousands of literals; null when there are no regexes.
  hs_database_t* regex_database = nullptr;
  // Literal triggers of regexes (see "Regex triggers" in matcher.cpp). Regexes with a trigger
  // are left out of `database`; the trigger's atoms are scanned there as literals instead:
  // an atom equal to a literal pattern shares its id (literal_atom[id] = atom index, else -1),
  // any other atom gets id patterns.size() + k with extra_atom[k] = atom index. Null `trigger`
  // = every regex is in `database`.
  std::unique_ptr<re2::FilteredRE2> trigger;
  std::vector<std::string> trigger_atoms;  // the trigger's atoms, by atom index
  // False when no regex gets through on one atom alone (every formula is an AND): a sentence
  // holding a single distinct atom is then passed over without asking the trigger.
  bool trigger_single_atom = true;
  std::vector<std::int32_t> literal_atom;  // one per literal id
  std::vector<std::int32_t> extra_atom;
  std::vector<bool> triggered;  // per pattern id: a regex found through `trigger`
  // Byte length of every literal and atom by Hyperscan id (0 for regexes): one compact table,
  // read once per match, instead of the pattern's string.
  std::vector<std::uint32_t> match_length;
  hs_scratch_t* scratch_prototype = nullptr;  // serves both databases
  // The uses of every pattern by one framework, flat (patterns[p].uses filtered, same order):
  // (leaf slot, selection) pairs [begin[p], begin[p + 1]) of `uses`.
  struct FrameworkUses {
    std::vector<std::uint32_t> begin;
    std::vector<std::pair<std::uint32_t, std::int32_t>> uses;
  };
  std::vector<FrameworkUses> framework_uses;  // by framework index
  // any_hit_satisfies[framework][leaf_slot]: the condition is "any selection" (see matcher.cpp).
  std::vector<std::vector<char>> any_hit_satisfies;
  // metrics[framework][leaf_slot][metric], compiled RE2 (thread-safe for matching).
  std::vector<std::vector<std::vector<std::unique_ptr<RE2>>>> metrics;

  int framework_index(const std::string& id) const;
  ~Impl();
};

// A (sentence, pattern) pair: pattern `pattern` occurs inside sentence `sentence`.
struct SentenceHit {
  std::uint32_t sentence = 0;
  std::uint32_t pattern = 0;
  bool operator<(const SentenceHit& o) const {
    return sentence != o.sentence ? sentence < o.sentence : pattern < o.pattern;
  }
  bool operator==(const SentenceHit& o) const {
    return sentence == o.sentence && pattern == o.pattern;
  }
};

// A hit as one leaf sees it: which selection (or the exclusion list) the pattern serves.
struct LeafHit {
  std::uint32_t sentence;
  std::int32_t selection;  // -1 = exclusion
  std::uint32_t pattern;
};

// What a quote shows of one sentence, computed on first use (see LeafEvaluator).
struct SentenceView {
  bool ready = false;           // text and position set
  bool position_ready = false;  // position set
  std::string text;
  LineCol position;
};

// A set of trigger atoms as a bit mask (see Scanner::Scratch::trigger_cache).
struct TriggerKey {
  std::uint64_t bits[2] = {0, 0};
  bool operator==(const TriggerKey& o) const {
    return bits[0] == o.bits[0] && bits[1] == o.bits[1];
  }
  struct Hash {
    std::size_t operator()(const TriggerKey& k) const {
      return static_cast<std::size_t>(k.bits[0] * 0x9E3779B97F4A7C15ULL ^ k.bits[1]);
    }
  };
};

struct Scanner::Scratch {
  hs_scratch_t* scratch = nullptr;
  std::vector<std::pair<std::uint32_t, std::uint64_t>> raw;  // (pattern id, end offset)
  // Cache of the last document's hit table: several frameworks scan the same document.
  std::string cached_text;
  std::string cached_original;
  const Document* cached_document = nullptr;
  std::vector<SentenceHit> hits;
  // Per-sentence quote views and strengths of the cached document, filled lazily by leaves of
  // every framework; cleared whenever the hit table is rebuilt.
  std::vector<SentenceView> views;
  std::vector<std::optional<std::string>> section_paths;  // per section, on first use
  std::vector<std::int8_t> strengths;
  // Buffers reused from document to document (no allocation per document once warm).
  std::vector<std::uint32_t> order;            // sentences by start, when not already in order
  std::vector<std::uint32_t> regex_sentences;  // sentences where a regex match ends
  std::vector<std::pair<std::uint32_t, std::int32_t>> atom_hits;  // (sentence, trigger atom)
  std::vector<int> atoms, potentials;  // one sentence's atoms; regexes they allow
  // The trigger's answer by set of atoms (bit i = atom i; a trigger has at most 128 atoms):
  // sentences repeat the same few combinations ("建设" + "平台"), and asking the trigger
  // costs more than the rest of the hit table. Emptied when it reaches kMaxTriggerCache.
  std::unordered_map<TriggerKey, bool, TriggerKey::Hash> trigger_cache;
  std::vector<SentenceHit> regex_hits;         // regex hits, before merging into `hits`
  std::vector<SentenceHit> merged;             // merge target, swapped with `hits`
  std::vector<std::vector<LeafHit>> per_leaf;  // hits of one framework, per leaf slot
  ~Scratch();
};

// Every literal occurrence (pattern id, start offset) in `text`, sorted: one Hyperscan pass.
// Exposed for the differential test.
std::vector<std::pair<std::uint32_t, std::uint32_t>> literal_hits(Scanner& scanner,
                                                                  const std::string& text);
// The (sentence, pattern) table of a document: literals inside a sentence and regexes that
// match within a sentence's text. Sorted, unique.
const std::vector<SentenceHit>& sentence_hits(Scanner& scanner, const Document& document);

}  // namespace indicheck
