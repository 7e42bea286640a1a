// Stage 2b of Indicheck: a RuleSet compiled once into an immutable matcher; one pass per
// document produces evidence for every leaf.
//
// Shape (as RE2::Set and YARA): CompiledRules::compile() puts every term and regex of every
// loaded framework into one Vectorscan/Hyperscan database. CompiledRules is immutable and
// shared by all threads. Each thread owns a Scanner (its own Hyperscan scratch and buffers) and
// calls scan() once per document with every framework that document is to be scored against:
// one pass over Document::text yields all candidate hits for all of them; conditions, windows,
// exclusions and roles are then verified per leaf; RE2 runs only on the sentences around
// candidates to extract metric values. Nothing of a document outlives the call.
//
// The scanner reports text evidence only. Profiles and waivers are applied by scoring.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indicheck/document.h"
#include "indicheck/limits.h"
#include "indicheck/rules.h"

namespace indicheck {

class EvidenceGate;  // indicheck/gate.h

enum class ItemState : std::uint8_t {
  kMet,            // condition (and metrics) satisfied in a credit role
  kPartial,        // condition satisfied in a credit role, a metric missing or below threshold
  kAcknowledged,   // found only in the shortcomings part: a self-reported gap
  kPlanned,        // found only in the plans part: an intention
  kMissing,        // not found anywhere
  kNotApplicable,  // the node's levels exclude this unit's level
  kWaived,         // set by scoring from a profile waiver
};
// "met", "partial", "acknowledged", "planned", "missing", "not-applicable", "waived".
std::string_view state_name(ItemState state);

struct MetricValue {
  std::string name;
  double value = 0;
  std::string unit;
  std::string raw;  // the matched text, original script
  bool meets = false;
};

// One supporting sentence, as the auditor sees it.
struct Quote {
  std::uint32_t sentence = 0;  // index into Document::sentences
  std::string text;            // original text of the sentence (Traditional stays Traditional)
  std::uint32_t line = 0;      // original line:column of the sentence start
  std::uint32_t column = 0;
  Role role = Role::kAchievements;
  std::string section_path;
  std::vector<std::string> terms;  // normalized terms/selection names that matched in it
  std::vector<MetricValue> metrics;
  bool credit = false;  // true when this quote is part of a window that earned the state
  // The evidence gate's score of the sentence (0 to 1) when a gate was asked about it (quotes
  // in credit roles of indicator frameworks, when the rules were compiled with a gate); else -1.
  float gate = -1;
  // PDF: the printed page and line the sentence starts on (0 = not a PDF), and whether that
  // page was read by OCR. Filled by the run pipeline from Document::page_place.
  std::uint32_t page = 0;
  std::uint32_t page_line = 0;
  bool ocr = false;
};

// Why an item got its state, as a code and its arguments (never prose): reports and the CLI
// render it in the user's language (reason_text(), indicheck/reason_text.h).
enum class ReasonCode : std::uint8_t {
  kNoCheck,           // the leaf has no check
  kNoTerms,           // no term of any selection found
  kLevelExcluded,     // args: {unit level, node id ("" = the framework's levels)}
  kOutsideCredit,     // condition met only outside the credit roles, at role/line/column
  kNotTogether,       // terms found, but the condition is not met in any window
  kMet,               // met at role/line/column; args: {metric, value with unit}...
  kPartialNotStated,  // met at role/line/column; args: {metric not stated}
  kPartialBelow,      // met at role/line/column; args: {metric, value, comparison, threshold}
  kAcknowledged,      // met only in the shortcomings part, at role/line/column
  kPlanned,           // met only in the plans part, at role/line/column
  kGated,             // met at role/line/column; args: {gate score, threshold} ("0.42")
  kSlogan,            // met at role/line/column, but only by sentences that are slogans
};
// "no-check", "no-terms", "level-excluded", "outside-credit", "not-together", "met",
// "partial-not-stated", "partial-below", "acknowledged", "planned", "gated", "slogan": stable
// codes for results.json and evidence.csv.
std::string_view reason_code_name(ReasonCode code);
bool reason_code_from_name(std::string_view name, ReasonCode& code);

struct Reason {
  ReasonCode code = ReasonCode::kNoTerms;
  Role role = Role::kAchievements;  // of the window the reason names (codes with a position)
  std::uint32_t line = 0;           // original line:column of that window's first sentence
  std::uint32_t column = 0;
  std::vector<std::string> args;  // code-specific, see ReasonCode
  bool operator==(const Reason&) const = default;
};

// A sentence that came close to earning a missing or partial item (an auditor's first place to
// look before overturning the verdict): its window satisfied the condition but earned nothing
// (wrong part of the report, held back by the evidence gate, a metric missing), or held some of
// the selections the condition needs. Computed from the hits already found, for missing and
// partial items only.
struct NearMiss {
  std::uint32_t sentence = 0;  // index into Document::sentences (first hit sentence of its window)
  std::string text;            // original text of the sentence
  std::uint32_t line = 0;      // original line:column of the sentence start
  std::uint32_t column = 0;
  Role role = Role::kAchievements;
  std::string section_path;
  std::uint16_t present = 0;  // selections of the check found in the window
  std::uint16_t total = 0;    // selections of the check
  std::string lacking;  // what was lacking, in Chinese (缺少「…」, 位于「计划」部分, …)
};

struct ItemEvidence {
  int node = -1;  // index into Framework::nodes (a leaf)
  ItemState state = ItemState::kMissing;
  std::vector<Quote> quotes;  // credit quotes first, at most limits::kMaxQuotesPerItem
  Reason reason;              // why this state
  // Missing and partial items only: the closest sentences, closest first, at most
  // limits::kMaxNearMisses.
  std::vector<NearMiss> near_misses;
};

struct DocumentEvidence {
  std::string framework_id;
  std::vector<ItemEvidence> items;  // one per leaf, in Framework::leaves order
};

class CompiledRules {
 public:
  // Compiles every framework in `rules`. Returns nullptr with diagnostics on failure
  // (e.g. a pattern Hyperscan rejects). The result is immutable and thread-safe.
  //
  // With a `gate`, a window of an indicator framework (kind "indicators") in a credit role
  // earns credit only when one of its hit sentences passes the gate; otherwise it counts as
  // found but not evidenced (state missing, the reason says the gate held it back).
  static std::shared_ptr<const CompiledRules> compile(
      const RuleSet& rules, std::vector<Diagnostic>& diagnostics,
      std::shared_ptr<const EvidenceGate> gate = nullptr);
  ~CompiledRules();
  const RuleSet& rules() const;
  // The gate given to compile(), or null.
  const EvidenceGate* gate() const;
  std::size_t pattern_count() const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit CompiledRules(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Per-thread scanning state. Not thread-safe; create one per worker.
class Scanner {
 public:
  explicit Scanner(std::shared_ptr<const CompiledRules> rules);
  ~Scanner();
  Scanner(Scanner&&) noexcept;

  // Evidence for one document against each of `frameworks`, in that order (one
  // DocumentEvidence per framework, every leaf in Framework::leaves order). The document's text
  // is scanned once for all of them. A framework is looked up by id in the compiled rules (so a
  // copy of the RuleSet they were compiled from works too); one they do not hold gets evidence
  // with no items. Each item keeps at most `max_quotes` quotes (capped at
  // limits::kMaxQuotesPerItem): the first ones of the full list, in the same order. With
  // `near_misses` false, ItemEvidence::near_misses stays empty (for callers that write no output
  // showing them: looking for them costs ~5 % of a scan); nothing else changes.
  std::vector<DocumentEvidence> scan(const Document& document,
                                     std::span<const Framework* const> frameworks,
                                     std::size_t max_quotes = limits::kMaxQuotesPerItem,
                                     bool near_misses = true);
  // One framework: scan(document, {&framework}, max_quotes)[0].
  DocumentEvidence scan(const Document& document, const Framework& framework,
                        std::size_t max_quotes = limits::kMaxQuotesPerItem);

  // Evidence for one leaf (`node` indexes Framework::nodes). Same result as the matching item
  // of scan(); used by `rules test` (one leaf per example document).
  ItemEvidence scan_item(const Document& document, const Framework& framework, int node);

  // For `rules lint --near-misses`: per leaf slot of `framework` (Framework::leaves order), the
  // sentences of `document` the leaf accepts: those of every window that satisfies its
  // condition, in any role, regardless of levels and the evidence gate. Sorted. Empty when the
  // compiled rules do not hold the framework.
  std::vector<std::vector<std::uint32_t>> accepted_sentences(const Document& document,
                                                             const Framework& framework);

  struct Scratch;

 private:
  friend struct ScannerAccess;
  std::shared_ptr<const CompiledRules> rules_;
  std::unique_ptr<Scratch> scratch_;
};

// A Document made from one rule example: the text normalized like reports, split into
// sentences at 。！？；, one paragraph, every sentence in `role`. `rules test` scans each
// example in the leaf's first credit role, so "matches" means "satisfies the condition".
Document example_document(std::string_view text, Role role = Role::kAchievements);

// One example whose outcome differs from what the rule file says.
struct ExampleFailure {
  int node = -1;  // index into Framework::nodes
  bool expected_match = true;
  std::string example;
  ItemState state = ItemState::kMissing;  // what the scan gave
  Reason reason;
};

// Runs every example of every leaf of `framework`; returns the failures (empty = all pass).
// `examples_run` counts the examples scanned.
std::vector<ExampleFailure> run_examples(Scanner& scanner, const Framework& framework,
                                         std::size_t& examples_run);

}  // namespace indicheck
