// The evaluation pipeline (see indicheck/run.h). Rules are loaded and compiled once; N workers,
// each with its own Scanner, take report indices from a bounded queue, read and scan the report,
// and put the result at the report's index. Nothing a worker produces depends on which worker or
// when, and scoring runs after all workers have finished, over reports in path order: output
// is byte-identical for any --jobs.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

#include "evidence_file.h"
#include "indicheck/document.h"
#include "indicheck/gate.h"
#include "indicheck/manifest.h"
#include "indicheck/review.h"
#include "indicheck/run.h"
#include "indicheck/threads.h"
#include "review_apply.h"

namespace indicheck {

namespace {

using run_detail::FileEvidenceStore;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Queue slots per worker: enough that a worker finishing a report always finds the next one
// waiting. Items are input indices, so the bound is back-pressure on the producer (and the seam
// where a streaming input lister would plug in), not a memory saving today.
constexpr std::size_t kQueueSlotsPerWorker = 4;

// A bounded multi-consumer queue of report indices. close() ends the stream.
class WorkQueue {
 public:
  explicit WorkQueue(std::size_t capacity) : capacity_(capacity) {}

  // Blocks while full. Returns false when the queue was aborted.
  bool push(std::size_t item) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_ || aborted_; });
    if (aborted_) return false;
    items_.push_back(item);
    not_empty_.notify_one();
    return true;
  }
  // Blocks while empty and open. Returns false at the end of the stream.
  bool pop(std::size_t& item) {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_ || aborted_; });
    if (aborted_ || items_.empty()) return false;
    item = items_.front();
    items_.pop_front();
    not_full_.notify_one();
    return true;
  }
  // No bound: for a run without workers, where the caller pushes everything, then pops.
  void unbound() {
    std::lock_guard lock(mutex_);
    capacity_ = static_cast<std::size_t>(-1);
  }
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
  }
  void abort() {
    std::lock_guard lock(mutex_);
    aborted_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_empty_, not_full_;
  std::deque<std::size_t> items_;
  std::size_t capacity_;
  bool closed_ = false;
  bool aborted_ = false;
};

// Frameworks a report is scanned against: the indicators framework for its year (or the
// override) first, then every supplement.
std::vector<const Framework*> frameworks_for(const RuleSet& rules, const Framework* override_fw,
                                             const Document& doc, std::vector<Diagnostic>& diags) {
  std::vector<const Framework*> out;
  const Framework* main = override_fw;
  if (!main) {
    main = rules.framework_for_year(doc.meta.year);
    if (main && doc.meta.year == 0)
      diags.push_back(
          make_warning(doc.path, "year-unknown",
                       fmt::format("cannot tell which year the report is about; "
                                   "scored against {} (give the year with --manifest, or use "
                                   "--framework)",
                                   main->id)));
    else if (main && (doc.meta.year < main->year_from || doc.meta.year > main->year_to))
      diags.push_back(
          make_warning(doc.path, "year-uncovered",
                       fmt::format("no framework covers the year {}; scored against {} ({}-{})",
                                   doc.meta.year, main->id, main->year_from, main->year_to)));
  }
  if (main) out.push_back(main);
  for (const Framework* s : rules.supplements())
    if (s != main) out.push_back(s);
  return out;
}

// PDF quotes: the printed page and line each starts on, and whether the page was OCR'd.
void place_on_pages(const Document& doc, std::vector<DocumentEvidence>& evidence) {
  if (doc.meta.format != "pdf") return;
  for (DocumentEvidence& ev : evidence)
    for (ItemEvidence& item : ev.items)
      for (Quote& q : item.quotes) {
        const PagePlace p = doc.page_place({q.line, q.column});
        q.page = p.page;
        q.page_line = p.line;
        q.ocr = p.ocr;
      }
}

// Reads and scans one report into `result`; returns the bytes read (0 when unreadable). The
// manifest's row for the report (or null) overrides the inferred metadata before the scan: the
// year picks the framework, the level decides not-applicable items and, later, peers.
std::uint64_t process_report(const std::string& path, const PipelineOptions& options,
                             const RuleSet& rules, const Framework* override_fw,
                             const ManifestEntry* manifest_row, Scanner& scanner,
                             ReportResult& result) {
  result.path = path;
  std::vector<Diagnostic> diags;
  ReadOptions read_options;
  read_options.encoding = options.encoding;
  read_options.ocr = options.ocr;
  std::optional<Document> doc = read_document(path, read_options, diags);
  if (!doc) {
    result.failed = true;
    if (!has_errors(diags))
      diags.push_back(make_error(path, "unreadable", "the report could not be read"));
    result.diagnostics = std::move(diags);
    return 0;
  }
  if (manifest_row) apply_manifest(*manifest_row, doc->meta);
  result.meta = doc->meta;
  result.content_hash = content_hash(doc->original);
  // read_document has put its warnings in `diags` already; Document::warnings is a copy for
  // callers that keep only the document (`parse --json`), so it is not added again.
  // Every framework of the report in one scan: the text is scanned once for all of them.
  result.evidence = scanner.scan(*doc, frameworks_for(rules, override_fw, *doc, diags),
                                 options.max_quotes, options.near_misses);
  place_on_pages(*doc, result.evidence);
  result.diagnostics = std::move(diags);
  return doc->source_bytes;
}

// Phase 1: rules, profile and the compiled matcher, once. False (errors in `diags`) when the
// run cannot go on; `override_fw` is the --framework asked for, or null.
bool prepare_rules(const PipelineOptions& options, PipelineResult& result,
                   const Framework*& override_fw) {
  auto& diags = result.diagnostics;
  const RunFacts& facts = result.evaluation.facts;
  if (facts.rules_paths.empty()) {
    diags.push_back(make_error("", "no-rules", "no rule paths given"));
    return false;
  }
  result.rules = load_rules(facts.rules_paths, diags);
  if (has_errors(diags)) return false;
  if (result.rules.frameworks.empty()) {
    diags.push_back(make_error(facts.rules_paths.front(), "no-rules", "no framework found"));
    return false;
  }
  if (!options.profile_path.empty() &&
      (!load_profile(options.profile_path, result.rules, diags) || has_errors(diags)))
    return false;
  override_fw = nullptr;
  if (!options.framework_override.empty()) {
    override_fw = result.rules.find_framework(options.framework_override);
    if (!override_fw) {
      std::string known;
      for (const auto& f : result.rules.frameworks) known += (known.empty() ? "" : ", ") + f.id;
      diags.push_back(make_error("", "unknown-framework",
                                 fmt::format("no framework '{}' in the rules (loaded: {})",
                                             options.framework_override, known)));
      return false;
    }
  }
  std::string gate_facts;
  auto gate = load_gate(options.gate, facts.rules_paths, diags, gate_facts);
  if (has_errors(diags)) return false;
  result.evaluation.facts.gate = gate_facts;
  result.compiled = CompiledRules::compile(result.rules, diags, std::move(gate));
  return result.compiled && !has_errors(diags);
}

// Phase 2: the report files. A path that does not exist is a failed report of its own, listed
// in outputs (`missing`). False when there is nothing at all to evaluate.
bool collect_inputs(const RunFacts& facts, std::vector<std::string>& files,
                    std::vector<ReportResult>& missing, std::vector<Diagnostic>& diags) {
  std::vector<Diagnostic> input_diags;
  files = expand_inputs(facts.inputs, input_diags);
  for (auto& d : input_diags) {
    if (d.severity == Severity::kError) {
      ReportResult r;
      r.path = d.path;
      r.failed = true;
      r.diagnostics.push_back(d);
      missing.push_back(std::move(r));
    }
    diags.push_back(std::move(d));
  }
  if (files.empty() && missing.empty()) {
    diags.push_back(make_error(facts.inputs.empty() ? "" : facts.inputs.front(), "no-input",
                               "no report files to evaluate"));
    return false;
  }
  return true;
}

// Phase 3: read and scan every file on `jobs` workers; results land at their input index.
// Full evidence goes to a temporary file in options.spill_dir when one is set and can be made.
// `manifest_rows` holds each file's manifest row (or null), or is empty without a manifest.
std::vector<ReportResult> scan_reports(const PipelineOptions& options,
                                       const std::vector<std::string>& files, unsigned jobs,
                                       const Framework* override_fw,
                                       const std::vector<const ManifestEntry*>& manifest_rows,
                                       PipelineResult& result) {
  auto& diags = result.diagnostics;
  std::atomic<std::uint64_t> input_bytes{0};
  std::vector<ReportResult> reports(files.size());
  std::shared_ptr<FileEvidenceStore> store;
  if (!options.spill_dir.empty() && !files.empty()) {
    store = FileEvidenceStore::open(options.spill_dir, files.size(), options.evidence_memory_bytes);
    if (!store)
      diags.push_back(make_warning(options.spill_dir, "spill",
                                   fmt::format("cannot create a temporary file here ({}); all "
                                               "evidence is kept in memory",
                                               std::strerror(errno))));
  }
  std::atomic<bool> store_failed{false};
  WorkQueue queue(kQueueSlotsPerWorker * jobs);
  std::mutex progress_mutex;
  std::size_t done = 0;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const bool progress = options.progress;

  auto worker = [&] {
    try {
      Scanner scanner(result.compiled);
      std::size_t index = 0;
      while (queue.pop(index)) {
        ReportResult& report = reports[index];
        input_bytes.fetch_add(
            process_report(files[index], options, result.rules, override_fw,
                           manifest_rows.empty() ? nullptr : manifest_rows[index], scanner, report),
            std::memory_order_relaxed);
        // Quotes to disk now; only states stay (a report that does not fit the compact form,
        // or a write error, keeps its evidence in memory: slower to grow, never wrong).
        if (store && !report.evidence.empty() && !store_failed.load()) {
          if (!store->store(index, report.evidence))
            store_failed.store(true);
          else if (compact_evidence(result.rules, report))
            report.store_slot = index;
        }
        if (progress) {
          std::lock_guard lock(progress_mutex);
          ++done;
          std::fprintf(stderr, "\r\033[K[%zu/%zu] %s", done, files.size(), files[index].c_str());
          std::fflush(stderr);
        }
      }
    } catch (...) {
      {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
      queue.abort();
    }
  };
  // A machine that refuses threads (ulimit -u, ulimit -v) gets fewer workers, down to none:
  // then this thread does the work. Output does not depend on the number of workers.
  std::vector<std::thread> threads;
  const unsigned started = start_threads(threads, jobs, worker);
  if (started < jobs)
    diags.push_back(make_warning(
        "", "threads",
        fmt::format("the system refused to start more threads: {} of {} worker(s) started{}",
                    started, jobs,
                    started == 0 ? ", the reports are read one after another" : "")));
  if (started == 0) queue.unbound();
  for (std::size_t i = 0; i < files.size(); ++i)
    if (!queue.push(i)) break;
  queue.close();
  if (started == 0) worker();
  for (auto& t : threads) t.join();
  if (progress && !files.empty()) std::fprintf(stderr, "\r\033[K");
  if (failure) std::rethrow_exception(failure);  // a bug: main() turns it into exit code 3
  result.stats.input_bytes = input_bytes.load();
  if (store_failed)
    diags.push_back(make_warning(options.spill_dir, "spill",
                                 "writing evidence to a temporary file failed (disk full?); the "
                                 "rest of the run kept it in memory"));
  if (store) {
    result.stats.spilled_bytes = store->size();
    result.stats.evidence_memory_bytes = store->memory_size();
    result.evaluation.store = store;
  }
  return reports;
}

// What scoring reads of every report read against `fw`: its unit and one state per leaf,
// straight from the compact bytes or from the evidence kept in memory.
std::vector<UnitStates> unit_states(const std::vector<ReportResult>& reports, const Framework& fw) {
  std::vector<UnitStates> units;
  for (const auto& r : reports) {
    if (r.failed) continue;
    const auto add = [&](std::vector<ItemState> states) {
      apply_review_marks(r, fw.id, states);
      units.push_back(
          {{r.meta.unit.value, r.meta.level.value, r.meta.province.value, r.meta.year, r.path},
           std::move(states)});
    };
    for (const auto& ev : r.evidence)
      if (ev.framework_id == fw.id) add(leaf_states(fw, ev));
    for (const auto& c : r.compact) {
      if (c.framework_id != fw.id) continue;
      std::vector<ItemState> states(c.items.size());
      for (std::size_t l = 0; l < c.items.size(); ++l) states[l] = c.state(l);
      add(std::move(states));
    }
  }
  return units;
}

// Phase 4: score per framework, in rule order, over reports in path order. False when the
// profile could not be applied (its errors are in result.diagnostics).
bool score_reports(const ScoringOptions& options, PipelineResult& result) {
  auto& diags = result.diagnostics;
  const auto& all = result.evaluation.reports;
  std::vector<Diagnostic> scoring_diags;  // profile problems scoring finds (unknown ids, ...)
  for (const Framework& fw : result.rules.frameworks) {
    std::vector<UnitStates> units = unit_states(all, fw);
    if (units.empty()) continue;
    result.evaluation.tables.push_back(score_units(fw, profile_for(result.rules, fw.id),
                                                   std::move(units), options, scoring_diags));
  }
  const bool profile_errors = has_errors(scoring_diags);
  for (auto& d : scoring_diags) diags.push_back(std::move(d));
  for (const auto& p : result.rules.profiles) {
    bool used = false;
    for (const auto& t : result.evaluation.tables) used = used || t.framework_id == p.framework;
    if (!used)
      diags.push_back(make_warning(p.location.path, "profile-unused",
                                   fmt::format("profile '{}' is for framework '{}', which scored "
                                               "no report in this run",
                                               p.id, p.framework)));
  }
  return !profile_errors;
}

}  // namespace

int run_pipeline(const PipelineOptions& options, PipelineResult& result) {
  auto phase_start = Clock::now();
  RunFacts& facts = result.evaluation.facts;
  facts.tool_version = INDICHECK_VERSION;
  facts.date = options.scoring.today;
  facts.model = std::string(model_name(options.scoring.model));
  facts.max_quotes = static_cast<int>(options.max_quotes);
  facts.partial_credit = options.scoring.partial_credit;
  facts.profile_path = options.profile_path;
  facts.inputs = options.inputs;
  facts.rules_paths = options.rules_paths;
  facts.manifest_path = options.manifest_path;

  // The manifest and the review file first: a bad one stops the run before anything is
  // compiled or read.
  std::optional<Manifest> manifest;
  if (!options.manifest_path.empty()) {
    manifest = read_manifest(options.manifest_path, result.diagnostics);
    if (!manifest) return kExitInput;
  }
  facts.review_path = options.review_path;
  std::optional<ReviewFile> review;
  if (!options.review_path.empty()) {
    review = read_review_file(options.review_path, result.diagnostics);
    if (!review) return kExitInput;
  }
  const Framework* override_fw = nullptr;
  if (!prepare_rules(options, result, override_fw)) return kExitInput;
  facts.rules_hash = result.rules.hash;
  result.evaluation.rules = &result.rules;
  result.stats.rules_seconds = seconds_since(phase_start);

  std::vector<std::string> files;
  std::vector<ReportResult> missing;
  if (!collect_inputs(facts, files, missing, result.diagnostics)) return kExitInput;
  std::vector<const ManifestEntry*> manifest_rows;
  if (manifest) manifest_rows = match_manifest(*manifest, files, result.diagnostics);

  unsigned jobs = options.jobs > 0 ? static_cast<unsigned>(options.jobs)
                                   : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(files.size(), 1)));
  facts.jobs = static_cast<int>(jobs);
  result.stats.jobs = jobs;
  phase_start = Clock::now();
  std::vector<ReportResult> reports =
      scan_reports(options, files, jobs, override_fw, manifest_rows, result);
  result.stats.scan_seconds = seconds_since(phase_start);

  // Input errors (not-found, unreadable folders) are in result.diagnostics already.
  std::set<std::string> input_failures;
  for (auto& r : missing) {
    input_failures.insert(r.path);
    reports.push_back(std::move(r));
  }
  std::stable_sort(reports.begin(), reports.end(),
                   [](const ReportResult& a, const ReportResult& b) { return a.path < b.path; });
  for (const auto& r : reports)
    if (!(r.failed && input_failures.count(r.path) > 0))
      result.diagnostics.insert(result.diagnostics.end(), r.diagnostics.begin(),
                                r.diagnostics.end());
  result.evaluation.reports = std::move(reports);
  if (review && !apply_review(*review, result.rules, result.evaluation.reports, result.diagnostics))
    return kExitInput;

  phase_start = Clock::now();
  const bool profile_ok = score_reports(options.scoring, result);
  result.stats.score_seconds = seconds_since(phase_start);
  // A profile scoring cannot apply is a rule error: the caller writes nothing.
  return profile_ok ? kExitOk : kExitInput;
}

bool score_evaluation(const ScoringOptions& options, PipelineResult& result) {
  result.evaluation.tables.clear();
  return score_reports(options, result);
}

std::shared_ptr<const EvidenceGate> load_gate(const std::string& option,
                                              const std::vector<std::string>& rules_paths,
                                              std::vector<Diagnostic>& diagnostics,
                                              std::string& where) {
  where.clear();
  if (option.empty() || option == "off") return nullptr;
  std::string path = option;
  if (path == "default") {
    // The default: a model shipped next to the rules (rules/evidence-gate.json).
    if (rules_paths.empty()) return nullptr;
    std::error_code ec;
    const std::filesystem::path root(rules_paths.front());
    const auto candidate = (std::filesystem::is_directory(root, ec) ? root : root.parent_path()) /
                           "evidence-gate.json";
    if (!std::filesystem::is_regular_file(candidate, ec)) {
      diagnostics.push_back(
          make_error(candidate.string(), "not-found", "no evidence gate model beside the rules"));
      return nullptr;
    }
    path = candidate.string();
  }
  auto gate = EvidenceGate::load(path, diagnostics);
  if (gate) where = fmt::format("{}（阈值 {:.2f}）", path, gate->threshold());
  return gate;
}

const ScoreTable* weighting_table(const PipelineResult& result, const std::string& framework_id,
                                  const Framework*& framework) {
  const ScoreTable* best = nullptr;
  framework = nullptr;
  for (const auto& t : result.evaluation.tables) {
    const Framework* fw = result.rules.find_framework(t.framework_id);
    if (fw == nullptr) continue;
    if (!framework_id.empty() ? fw->id != framework_id : fw->kind == "supplement") continue;
    if (best == nullptr || t.units.size() > best->units.size()) {
      best = &t;
      framework = fw;
    }
  }
  return best;
}

}  // namespace indicheck
