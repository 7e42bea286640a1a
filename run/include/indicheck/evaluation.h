// The run's data model: what an evaluation produced, report by report, and where its full
// evidence lives while the outputs are written.
//
// run_pipeline (run.h) fills an Evaluation; the renderers (reports.h) only read it. A report's
// full evidence (quotes, reasons) either stays in ReportResult::evidence or, in a large run, is
// written to an EvidenceStore as soon as it is scanned while only one state byte per item
// (CompactEvidence) stays in memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "indicheck/diagnostic.h"
#include "indicheck/document.h"
#include "indicheck/limits.h"
#include "indicheck/matcher.h"
#include "indicheck/messages.h"
#include "indicheck/rules.h"
#include "indicheck/scoring.h"

namespace indicheck {

// What a large run keeps in memory of one framework's evidence once the full evidence is in an
// EvidenceStore: one byte per leaf (Framework::leaves order), the ItemState, plus kHasQuote
// when the item has at least one quote.
struct CompactEvidence {
  static constexpr std::uint8_t kHasQuote = 0x80;
  std::string framework_id;
  std::vector<std::uint8_t> items;

  ItemState state(std::size_t leaf) const {
    return static_cast<ItemState>(items[leaf] & static_cast<std::uint8_t>(~kHasQuote));
  }
};

// What an auditor's review decision (indicheck/review.h) did to one item of one report: the
// item is scored with `reviewed`; `machine` stays visible in every output.
struct ReviewMark {
  std::string framework_id;
  int leaf = -1;  // position in Framework::leaves
  ItemState machine = ItemState::kMissing;
  ItemState reviewed = ItemState::kMissing;
  std::string note, reviewer, date;
  // The decision was made on another text of the report, or on another version of the item's
  // rule (fingerprints differ): still applied, flagged for a second look.
  bool stale_report = false;
  bool stale_rule = false;
  SourceLocation location;  // review file and line
  bool stale() const { return stale_report || stale_rule; }
};

// One report file's outcome. A file that could not be read has failed = true, its errors, and
// no evidence; it is listed in every output.
struct ReportResult {
  static constexpr std::size_t kNotStored = static_cast<std::size_t>(-1);
  std::string path;
  bool failed = false;
  Metadata meta;
  std::vector<Diagnostic> diagnostics;     // errors (failed) or warnings
  std::vector<DocumentEvidence> evidence;  // one per framework evaluated (indicators first)
  // Set when the evidence was moved to Evaluation::store (then `evidence` is empty): the slot
  // to load it from, and the states the summary, scoring and peer choice need.
  std::size_t store_slot = kNotStored;
  std::vector<CompactEvidence> compact;  // same order as `evidence` was
  std::string content_hash;              // content_hash() of the decoded text (review.h)
  std::vector<ReviewMark> reviews;       // decisions applied to this report (--review)
  // The review mark of a leaf of a framework, or nullptr.
  const ReviewMark* review(std::string_view framework_id, int leaf) const {
    for (const auto& m : reviews)
      if (m.leaf == leaf && m.framework_id == framework_id) return &m;
    return nullptr;
  }
};

// Where a run's full evidence (quotes, reasons) lives when memory must not grow with the corpus:
// the pipeline writes each report's evidence as it is scanned and keeps only CompactEvidence;
// the renderers load one report's evidence at a time. Thread-safe for concurrent store() calls.
class EvidenceStore {
 public:
  virtual ~EvidenceStore() = default;
  // Saves `evidence` under `slot` (each slot once). False on an I/O error.
  virtual bool store(std::size_t slot, const std::vector<DocumentEvidence>& evidence) = 0;
  // Loads what store() saved under `slot`. False when it cannot be read back.
  virtual bool load(std::size_t slot, std::vector<DocumentEvidence>& evidence) const = 0;
};

// The binary form EvidenceStore implementations use (not a file format: same process only).
std::string serialize_evidence(const std::vector<DocumentEvidence>& evidence);
bool deserialize_evidence(std::string_view bytes, std::vector<DocumentEvidence>& evidence);
// Moves `result.evidence` into CompactEvidence (states + has-quote flags) and clears it.
// Returns false, changing nothing, when the items are not one per leaf in Framework::leaves
// order for a framework of `rules` (then the evidence must stay in memory).
bool compact_evidence(const RuleSet& rules, ReportResult& result);

// Default of Evaluation::gap_reports_max (`evaluate --gap-reports-max`): a province's reports
// for a few years; a national corpus is tens of thousands.
inline constexpr std::size_t kDefaultGapReportsMax = 500;

struct RunFacts {
  std::string tool_version;
  std::string rules_hash;
  std::string date;                 // ISO date of the run
  std::vector<std::string> inputs;  // paths as given
  std::vector<std::string> rules_paths;
  std::string profile_path;
  std::string model;  // scoring model name
  double partial_credit = 0.5;  // --partial-credit (a profile may override it per framework)
  int jobs = 1;
  int max_quotes = static_cast<int>(limits::kMaxQuotesPerItem);  // quotes kept per item
  std::string manifest_path;                                     // --manifest, empty = none
  std::string review_path;                                       // --review, empty = none
  std::string
      gate;  // the evidence gate in force ("rules/evidence-gate.json, threshold 0.40"); empty = off
  Lang lang = Lang::kZh;  // language of every output file (--lang; zh-CN unless asked)
};

// The same unit's previous year as the run history holds it (`evaluate --history`): the latest
// recorded run that scored the unit's report of the nearest earlier year.
struct PreviousYear {
  int year = 0;  // 0 = none in the history
  std::string framework;
  double score = 0;
  int rank = 0;
  int units = 0;
  std::int64_t run = 0;  // history run id
};

// The schema id written into results.json (docs/results-schema.md) and read back by `render`
// (results_file.h); bumped on any incompatible change.
inline constexpr std::string_view kResultsSchema = "indicheck.results/1";

struct Evaluation {
  RunFacts facts;
  const RuleSet* rules = nullptr;
  std::vector<ReportResult> reports;  // sorted by path: output never depends on --jobs
  std::vector<ScoreTable> tables;     // one per framework that scored any report
  // Holds the evidence of reports with store_slot set (nullptr: all evidence is in memory).
  std::shared_ptr<const EvidenceStore> store;
  // Gap reports exist for every scored report when there are at most gap_reports_max of them;
  // beyond that only for reports whose unit name, file stem or path is in gap_units (a national
  // run does not want 70,000 files; the summary index.html is always written). File names do
  // not depend on the selection.
  std::size_t gap_reports_max = kDefaultGapReportsMax;
  std::vector<std::string> gap_units;
  // Per report (same order), its unit's previous year from the run history; empty when the run
  // has no --history. Filled by the caller before rendering (history.h previous_years).
  std::vector<PreviousYear> previous;
};

}  // namespace indicheck
