// Private middle of the matcher: what its files share, and nothing else.
//
// The matcher is cut the way RE2 and YARA cut theirs, one job per file:
//   compile.cpp         RuleSet -> CompiledRules (patterns, uses, the two Hyperscan databases)
//   triggers.cpp        which regexes leave the full-text database, and their literal atoms
//   hit_table.cpp       one document -> its sorted (sentence, pattern) table
//   leaf_evaluator.cpp  one leaf's hits -> windows, state, reason and quotes
//   scanner.cpp         Scanner: the per-thread scratch, scan() and scan_item()
//   examples.cpp        rule examples as documents, and `rules test`
// No .cpp reaches into another's internals: what they share is declared here. Tests
// (differential) include this header to compare raw hits with a naive reference.
#pragma once

#include <fmt/format.h>
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
  RuleSet rules;                             // a private copy: the compiled object never dangles
  std::shared_ptr<const EvidenceGate> gate;  // null: every satisfied window earns credit
  std::vector<CompiledPattern> patterns;
  std::size_t literal_count = 0;      // literals are ids [0, literal_count), regexes after
  hs_database_t* database = nullptr;  // null when there are no patterns
  // How a regex is confirmed inside one sentence: by RE2 where RE2 and Hyperscan (UTF8, UCP)
  // answer alike (no \d, \w, \p, POSIX class, flag or $: see compile.cpp), one RE2 per regex
  // by id - literal_count; null = by `regex_database`, which holds those regexes alone (same
  // ids) and is null when every regex has an RE2. RE2 compiles in a fraction of the time
  // Hyperscan takes for "[^。;]{0,25}"-style gaps in UTF-8, and checks only the regexes a
  // sentence's atoms let through.
  std::vector<std::unique_ptr<RE2>> regex_re2;
  hs_database_t* regex_database = nullptr;
  // Literal triggers of regexes (see triggers.cpp). Regexes with a trigger
  // are left out of `database`; the trigger's atoms are scanned there as literals instead:
  // an atom equal to a literal pattern shares its id (literal_atom[id] = atom index, else -1),
  // any other atom gets id patterns.size() + k with extra_atom[k] = atom index. Null `trigger`
  // = every regex is in `database`.
  std::unique_ptr<re2::FilteredRE2> trigger;
  std::vector<std::string> trigger_atoms;  // the trigger's atoms, by atom index
  std::vector<std::uint32_t> trigger_ids;  // pattern id of each of the trigger's regexes
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
  // any_hit_satisfies[framework][leaf_slot]: the condition is "any selection" (see compile.cpp).
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
  std::uint64_t bits[4] = {0, 0, 0, 0};
  bool operator==(const TriggerKey& o) const = default;
  struct Hash {
    std::size_t operator()(const TriggerKey& k) const {
      std::uint64_t h = 0;
      for (std::uint64_t b : k.bits) h = (h ^ b) * 0x9E3779B97F4A7C15ULL;
      return static_cast<std::size_t>(h);
    }
  };
};

struct Scanner::Scratch {
  hs_scratch_t* scratch = nullptr;
  std::vector<std::pair<std::uint32_t, std::uint64_t>> raw;  // (pattern id, end offset)
  // The hit table of the document being scanned: built once per Scanner::scan call
  // (sentence_hits) and read by every framework of that call. Meaningless after the call.
  std::vector<SentenceHit> hits;
  // Per-sentence quote views and strengths of that document, filled lazily by leaves of every
  // framework of the call; cleared whenever the hit table is rebuilt.
  std::vector<SentenceView> views;
  std::vector<std::optional<std::string>> section_paths;  // per section, on first use
  std::vector<std::int8_t> strengths;
  std::vector<float> gate_scores;    // the gate's score per sentence, -1 = not asked yet
  std::vector<std::int8_t> slogans;  // slogan_sentence() per sentence, -1 = not asked yet
  // Buffers reused from document to document (no allocation per document once warm).
  std::vector<std::uint32_t> order;  // sentences by start, when not already in order
  // Byte ranges of titles named only as a topic (titles.h), the literal hits found only inside
  // them (a subset of `hits`, sorted), and those found outside them, while scanning.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> topic_titles;
  std::vector<SentenceHit> title_only, in_titles;
  // (sentence, regex id) pairs to confirm in the re-scan: where an untriggered regex's match
  // ends, and the triggered regexes a sentence's atoms let through.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> regex_candidates;
  std::vector<std::pair<std::uint32_t, std::int32_t>> atom_hits;  // (sentence, trigger atom)
  std::vector<int> atoms, potentials;  // one sentence's atoms; regexes they allow
  // The trigger's answer by set of atoms (bit i = atom i; a trigger has at most 256 atoms): an
  // index into potential_sets, the pattern ids of the regexes it lets through (often none).
  // Sentences repeat the same few combinations ("建设" + "平台"), and asking the trigger
  // costs more than the rest of the hit table. Emptied when it reaches kMaxTriggerCache.
  std::unordered_map<TriggerKey, std::uint32_t, TriggerKey::Hash> trigger_cache;
  std::vector<std::vector<std::uint32_t>> potential_sets;
  std::vector<SentenceHit> regex_hits;         // regex hits, before merging into `hits`
  std::vector<SentenceHit> merged;             // merge target, swapped with `hits`
  std::vector<std::vector<LeafHit>> per_leaf;  // hits of one framework, per leaf slot
  ~Scratch();
};

// Access to a Scanner's private parts for the matcher's own files (a friend of Scanner).
struct ScannerAccess {
  static Scanner::Scratch& scratch(Scanner& s) { return *s.scratch_; }
  static const CompiledRules::Impl& impl(Scanner& s) { return s.rules_->impl(); }
};

// ---- Compiler (compile.cpp, triggers.cpp) ------------------------------------------------------

// Chooses the regexes that get a literal trigger and fills impl.trigger, trigger_atoms,
// trigger_single_atom, literal_atom, extra_atom and triggered. Needs impl.patterns and
// literal_count; called once by CompiledRules::compile before the databases are built.
void build_triggers(CompiledRules::Impl& impl);

// ---- Hit table (hit_table.cpp)
// -------------------------------------------------------------------

// Every literal occurrence (pattern id, start offset) in `text`, sorted: one Hyperscan pass.
// Exposed for the differential test.
std::vector<std::pair<std::uint32_t, std::uint32_t>> literal_hits(Scanner& scanner,
                                                                  const std::string& text);
// Builds the (sentence, pattern) table of `document` in the scanner's scratch and resets its
// per-document quote views: literals inside a sentence and regexes that match within a
// sentence's text. Sorted, unique. Valid until the next call on this scanner.
const std::vector<SentenceHit>& sentence_hits(Scanner& scanner, const Document& document);

// ---- Leaf evaluation (leaf_evaluator.cpp)
// --------------------------------------------------------

// What a window earned, best first (the order matters: min() picks the best).
// kSlogan: satisfied in a credit role of an indicator framework, but every hit sentence of the
// window only restates standing policy (slogan.h).
// kGated: satisfied in a credit role, but no sentence of the window passed the evidence gate.
enum class Outcome { kMet, kPartial, kAcknowledged, kPlanned, kSlogan, kGated, kElsewhere };

// One window (sentence, paragraph or section, within one role) that satisfied the condition.
struct WindowResult {
  Outcome outcome = Outcome::kElsewhere;
  std::uint32_t first_sentence = 0;
  Role role = Role::kAchievements;
  // Sentences with hits, then metric sentences: [sentences_begin, sentences_end) of the
  // evaluator's sentence pool (one buffer for all windows of a leaf, no vector per window).
  std::uint32_t sentences_begin = 0, sentences_end = 0;
  std::vector<std::pair<std::uint32_t, MetricValue>> metrics;  // (sentence, value); rarely any
  // Why partial: kPartialNotStated or kPartialBelow and its args (empty args = not partial).
  ReasonCode partial_code = ReasonCode::kPartialNotStated;
  std::vector<std::string> partial_args;
};

// Turns one leaf's hits into its ItemEvidence. One evaluator serves every leaf of one
// framework on one document; its buffers are reused from leaf to leaf.
class LeafEvaluator {
 public:
  // `scratch` must hold the hit table of `doc` (sentence_hits called for it): the sentence
  // views cached there belong to that document. Each item keeps at most `max_quotes` quotes
  // (<= limits::kMaxQuotesPerItem); quotes are taken in their final order, so a lower cap
  // keeps a prefix of what a higher one gives. `near_misses` false: none are looked for.
  LeafEvaluator(const CompiledRules::Impl& impl, const Document& doc, std::size_t fw_index,
                Scanner::Scratch& scratch, std::size_t max_quotes, bool near_misses = true)
      : impl_(impl),
        doc_(doc),
        fw_index_(fw_index),
        fw_(impl.rules.frameworks[fw_index]),
        max_quotes_(max_quotes),
        want_near_misses_(near_misses),
        views_(scratch.views),
        topic_titles_(scratch.topic_titles),
        section_paths_(scratch.section_paths),
        strengths_(scratch.strengths),
        gate_scores_(scratch.gate_scores),
        gated_(impl.gate != nullptr && fw_.kind == "indicators"),
        slogans_(scratch.slogans),
        slogan_rule_(fw_.kind == "indicators") {}

  // `hits` are the leaf's hits in sentence order (Scanner buckets them so).
  ItemEvidence evaluate(std::size_t slot, const std::vector<LeafHit>& hits) const;
  // The sentences of every window satisfying the leaf's condition, in any role (no gate, no
  // levels), sorted: what `rules lint --near-misses` counts as accepted.
  void accepted(std::size_t slot, const std::vector<LeafHit>& hits,
                std::vector<std::uint32_t>& out) const;

 private:
  // The phases of evaluate, in order; each works on the buffers below.
  // How the unit's level treats the leaf (the framework's `levels`, then the nodes'); the
  // reason filled in when it is not kApplies.
  LevelScope level_scope(std::size_t slot, Reason& reason) const;
  ItemEvidence evaluate_applicable(std::size_t slot, const std::vector<LeafHit>& hits) const;
  bool group_hits(const Check& check, const std::vector<LeafHit>& hits) const;
  // The clauses of sentence `si` that hold pattern `id`, one bit each (bit k = clause k; clauses
  // from the 32nd on share bit 31). A regex holds in every clause of the sentence: its gaps
  // are its own. Unless `in_titles`, a literal inside a title named only as a topic (titles.h)
  // holds in no clause there, as it earns no hit there; with `skip_names`, nor does a literal
  // that opens an agency's name (城市管理局).
  std::uint32_t clauses_holding(std::uint32_t si, std::uint32_t id, bool in_titles,
                                bool skip_names) const;
  void evaluate_windows(const Check& check, std::size_t slot) const;
  void add_window(const Check& check, std::size_t slot, std::uint32_t unit, Role role) const;
  void read_metrics(const Check& check, std::size_t slot, WindowResult& r) const;
  void read_metric(const Metric& metric, const RE2& re, WindowResult& r, bool& found,
                   bool& meets) const;
  int window_strength(const Check& check, std::size_t window) const;
  const WindowResult* first_best_window(const Check& check, Outcome best) const;
  void write_reason(Outcome best, const WindowResult* first_best, bool any_hit,
                    ItemEvidence& ev) const;
  void take_quotes(const Check& check, Outcome best, ItemEvidence& ev) const;
  bool quote_window(const WindowResult& r, Outcome best, bool terms_sorted, ItemEvidence& ev) const;
  // Near misses of a missing or partial item (near_miss.cpp), from the windows evaluate() left
  // in entries_ and results_.
  void near_misses(const Check& check, ItemEvidence& ev) const;
  void add_near_miss(const Check& check, std::uint32_t sentence, Role role, int present,
                     std::string lacking, int tier, ItemEvidence& ev) const;
  mutable std::vector<int> near_tiers_;  // per near miss kept: 2 satisfied, 1 one away, 0 other

  void window_sentences(Window w, std::uint32_t unit, Role role,
                        std::vector<std::uint32_t>& out) const;
  // min(first sentence of window_sentences(w, unit, role), bound), where `bound` is a sentence
  // of that window: scans only up to `bound`.
  std::uint32_t first_window_sentence(Window w, std::uint32_t unit, Role role,
                                      std::uint32_t bound) const;
  // [begin, end) of the pool's sentences of window `r`.
  std::pair<std::vector<std::uint32_t>::const_iterator, std::vector<std::uint32_t>::const_iterator>
  sentences_of(const WindowResult& r) const {
    return std::pair(pool_.cbegin() + r.sentences_begin, pool_.cbegin() + r.sentences_end);
  }

  const CompiledRules::Impl& impl_;
  const Document& doc_;
  std::size_t fw_index_;
  const Framework& fw_;
  std::size_t max_quotes_;
  bool want_near_misses_;

  // What a quote shows of a sentence (original text, line:col, section path) costs a walk of
  // the line and of the heading chain; many leaves of every framework quote the same
  // sentences, so it is computed once per sentence (the section path once per section) per
  // document, kept in the scratch next to the hit table, and reset with it.
  std::vector<SentenceView>& views_;
  // The document's titles named only as topics (byte ranges, in text order; hit_table.cpp).
  const std::vector<std::pair<std::uint32_t, std::uint32_t>>& topic_titles_;
  SentenceView& view_slot(std::uint32_t si) const;
  // Line:column alone (for reasons), without the quote text and section path. The first call
  // for a document fills every sentence's (fill_positions).
  LineCol position_of(std::uint32_t si) const;
  void fill_positions() const;
  const SentenceView& view(std::uint32_t si) const;
  std::vector<std::optional<std::string>>& section_paths_;
  const std::string& section_path(std::uint32_t section) const;

  // Strength of one sentence for quoting: 0 = a heading, 1 = a body sentence, 2 = a body
  // sentence with a digit. Cached per sentence for the scan (many leaves share sentences).
  std::vector<std::int8_t>& strengths_;
  int sentence_strength(std::uint32_t si) const;

  // The evidence gate's score of one sentence, cached per sentence for the scan.
  std::vector<float>& gate_scores_;
  const bool gated_;  // this framework's credit windows go through the gate
  float gate_score(std::uint32_t si) const;

  // Whether a sentence is a slogan (slogan.h), cached per sentence for the scan. Indicator
  // frameworks only: the report-structure pack asks whether a content is there at all.
  std::vector<std::int8_t>& slogans_;
  const bool slogan_rule_;
  bool slogan(std::uint32_t si) const;
  bool bare_heading(std::uint32_t si) const;  // a heading with no body under it

  // Per-leaf working buffers, reused from leaf to leaf.
  struct GroupEntry {
    std::uint32_t unit;
    std::uint8_t clause;  // Window::kClause: the clause of the sentence `unit`; else 0
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
};

}  // namespace indicheck
