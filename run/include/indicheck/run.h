// The run: N report files in, one Evaluation out. Shared by `evaluate`, `weights` and
// `sensitivity` (and timed by bench/pipeline):
//
//   expand inputs → load + compile rules once → read and scan every report (in parallel, a
//   bounded queue, one Scanner per worker; full evidence optionally to an on-disk store) →
//   states per unit → score per framework.
//
// Output never depends on --jobs: results land at their input index and scoring runs after
// every worker has finished, over reports in path order. This library orchestrates the stages
// (document, rules, scoring); it renders nothing (reports/) and parses no arguments (cli/).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "indicheck/diagnostic.h"
#include "indicheck/evaluation.h"
#include "indicheck/limits.h"
#include "indicheck/matcher.h"
#include "indicheck/rules.h"
#include "indicheck/scoring.h"

namespace indicheck {

// Default of PipelineOptions::evidence_memory_bytes (`evaluate --evidence-memory`, in MB): the
// evidence of about 150 MB of reports.
inline constexpr std::uint64_t kDefaultEvidenceMemoryBytes = 192ull << 20;

struct PipelineOptions {
  std::vector<std::string> inputs;       // files and directories (at least one)
  std::vector<std::string> rules_paths;  // rule files or directories (at least one)
  std::string profile_path;              // optional --profile
  std::string framework_override;        // optional --framework ID
  std::string encoding;                  // optional --encoding
  bool ocr = false;                      // --ocr: recognize scanned PDF pages
  int jobs = 0;                          // 0 = all cores
  bool progress = false;                 // progress on stderr
  // When set, each report's full evidence is written to an unlinked temporary file in this
  // directory (created if needed) as soon as it is scanned, and only states stay in memory
  // (ReportResult::compact, Evaluation::store): memory no longer grows with evidence. Empty:
  // all evidence stays in memory (commands that need it, small programs).
  std::string spill_dir;
  // With spill_dir: the first this many bytes of stored evidence (its binary form, about 1.3
  // bytes per byte of report read) stay in memory and only the rest goes to the file. A
  // province's run then never copies its evidence into the kernel and back; a national run's
  // memory grows by at most this much. 0 = everything to the file.
  std::uint64_t evidence_memory_bytes = kDefaultEvidenceMemoryBytes;
  // Quotes kept per item (1 to limits::kMaxQuotesPerItem, in the matcher's order: the
  // strongest first). Fewer quotes make every output smaller; states and scores do not change.
  std::size_t max_quotes = limits::kMaxQuotesPerItem;
  // Look for near misses of missing and partial items (ItemEvidence::near_misses). Only
  // results.json, the gap reports and the review sheet show them: `evaluate --format csv`
  // (or xlsx) turns this off and saves their search (~5 % of a scan).
  bool near_misses = true;
  // The evidence gate (indicheck/gate.h): empty or "off" = no gate (the default: measured on
  // the development corpus it costs more recall than it gains precision, docs/accuracy.md);
  // "default" = evidence-gate.json beside the first rules path; else a model file.
  std::string gate;
  // Optional --manifest FILE.csv (indicheck/manifest.h): unit, level, province and year per
  // report, applied after a report is read and before it is scanned; wins over inference.
  std::string manifest_path;
  // Optional --review FILE (.csv, .yaml; indicheck/review.h): auditors' verdicts, applied to the
  // states before scoring (ReportResult::reviews). Unknown units or items stop the run.
  std::string review_path;
  ScoringOptions scoring;
};

// The evidence gate `option` names (see PipelineOptions::gate) for these rule paths: null when
// off or when the default file does not exist; null with an error in `diagnostics` when a named
// file cannot be read. `where` receives what to report in the run facts.
std::shared_ptr<const EvidenceGate> load_gate(const std::string& option,
                                              const std::vector<std::string>& rules_paths,
                                              std::vector<Diagnostic>& diagnostics,
                                              std::string& where);

// Where the time went, for `evaluate --stats` and the benchmark: wall seconds per phase.
struct PipelineStats {
  double rules_seconds = 0;         // load + compile (+ profile)
  double scan_seconds = 0;          // read, decode, outline and match of every report (all workers)
  double score_seconds = 0;         // every framework's table
  std::uint64_t input_bytes = 0;    // bytes read from report files (as on disk)
  std::uint64_t spilled_bytes = 0;  // evidence written to the temporary file (spill_dir)
  std::uint64_t evidence_memory_bytes = 0;  // stored evidence kept in memory instead
  unsigned jobs = 0;
};

struct PipelineResult {
  PipelineStats stats;
  RuleSet rules;
  std::shared_ptr<const CompiledRules> compiled;
  Evaluation evaluation;                // evaluation.rules points at `rules` above
  std::vector<Diagnostic> diagnostics;  // rule errors, input errors, warnings (each once)
};

// Returns kExitOk, or kExitInput when the manifest or the rules failed to load (then nothing
// was evaluated) or the profile could not be applied by scoring (then the evaluation is
// complete but must not be published). A bad report does not fail the run: it is listed in
// evaluation.reports with failed = true. A report's diagnostics are in its ReportResult and once in
// result.diagnostics. Throws only on a bug (a worker's exception is rethrown here).
int run_pipeline(const PipelineOptions& options, PipelineResult& result);

// Phase 4 of run_pipeline on its own: scores every report of result.evaluation (states from
// its evidence, review marks applied) per framework of result.rules, in rule order, replacing
// evaluation.tables. Scoring is a pure function of states, rules, profile and options, so a run
// read back from results.json (results_file.h) scores exactly as it did. False when the profile
// could not be applied (errors in result.diagnostics).
bool score_evaluation(const ScoringOptions& options, PipelineResult& result);

// Expands files and directories (recursively: every regular file, hidden ones skipped) into a
// sorted, de-duplicated list of files. A path that does not exist becomes an error diagnostic
// ("not-found"); an unreadable directory "unreadable". Order never depends on the file system.
std::vector<std::string> expand_inputs(const std::vector<std::string>& paths,
                                       std::vector<Diagnostic>& diagnostics);

// The table `weights` and `sensitivity` work on: the one of `framework_id` when given, else the
// indicators framework that scored most units; null when none. `framework` receives its
// framework.
const ScoreTable* weighting_table(const PipelineResult& result, const std::string& framework_id,
                                  const Framework*& framework);

}  // namespace indicheck
