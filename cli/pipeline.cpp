// The evaluation pipeline (see pipeline.h). Rules are loaded and compiled once; N workers, each
// with its own Scanner, take report indices from a bounded queue, read and scan the report, and
// put the result at the report's index. Nothing a worker produces depends on which worker or
// when, and scoring runs after all workers have finished, over reports in path order: output
// is byte-identical for any --jobs.
#include "pipeline.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "common.h"
#include "indicheck/document.h"

namespace indicheck::cli {

namespace {

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

// Full evidence on disk: an unlinked temporary file (gone when the process ends, however it
// ends), appended to by the workers, read back by offset one report at a time when rendering.
class FileEvidenceStore final : public EvidenceStore {
 public:
  // Opens the file in `dir`; nullptr (errno set) when it cannot.
  static std::shared_ptr<FileEvidenceStore> open(const std::string& dir, std::size_t slots) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    int fd = -1;
#ifdef O_TMPFILE
    fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
    if (fd < 0) {
      std::string name = (std::filesystem::path(dir) / ".indicheck-evidence-XXXXXX").string();
      fd = ::mkstemp(name.data());
      if (fd >= 0) ::unlink(name.c_str());
    }
    if (fd < 0) return nullptr;
    return std::shared_ptr<FileEvidenceStore>(new FileEvidenceStore(fd, slots));
  }
  ~FileEvidenceStore() override { ::close(fd_); }
  std::uint64_t size() const {
    std::lock_guard lock(mutex_);
    return end_;
  }

  bool store(std::size_t slot, const std::vector<DocumentEvidence>& evidence) override {
    const std::string bytes = serialize_evidence(evidence);
    std::uint64_t offset = 0;
    {
      std::lock_guard lock(mutex_);
      if (slot >= slots_.size()) return false;
      offset = end_;
      end_ += bytes.size();
      slots_[slot] = {offset, bytes.size()};
    }
    return write_all(bytes.data(), bytes.size(), offset);
  }
  bool load(std::size_t slot, std::vector<DocumentEvidence>& evidence) const override {
    Slot where;
    {
      std::lock_guard lock(mutex_);
      if (slot >= slots_.size() || slots_[slot].size == kNoSize) return false;
      where = slots_[slot];
    }
    std::string bytes(where.size, '\0');
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::pread(fd_, bytes.data() + done, bytes.size() - done,
                                static_cast<off_t>(where.offset + done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return deserialize_evidence(bytes, evidence);
  }

 private:
  static constexpr std::uint64_t kNoSize = static_cast<std::uint64_t>(-1);
  struct Slot {
    std::uint64_t offset = 0;
    std::uint64_t size = kNoSize;
  };
  FileEvidenceStore(int fd, std::size_t slots) : fd_(fd), slots_(slots) {}
  bool write_all(const char* data, std::size_t size, std::uint64_t offset) {
    std::size_t done = 0;
    while (done < size) {
      const ssize_t n = ::pwrite(fd_, data + done, size - done, static_cast<off_t>(offset + done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }

  int fd_;
  mutable std::mutex mutex_;
  std::vector<Slot> slots_;
  std::uint64_t end_ = 0;
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
      diags.push_back(make_warning(doc.path, "year-unknown",
                                   fmt::format("cannot tell which year the report is about; "
                                               "scored against {} (use --framework to choose)",
                                               main->id)));
    else if (main && (doc.meta.year < main->year_from || doc.meta.year > main->year_to))
      diags.push_back(make_warning(
          doc.path, "year-uncovered",
          fmt::format("no framework covers the year {}; scored against {} ({}-{})", doc.meta.year,
                      main->id, main->year_from, main->year_to)));
  }
  if (main) out.push_back(main);
  for (const Framework* s : rules.supplements())
    if (s != main) out.push_back(s);
  return out;
}

// Reads and scans one report into `result`; returns the bytes read (0 when unreadable).
std::uint64_t process_report(const std::string& path, const PipelineOptions& options,
                             const RuleSet& rules, const Framework* override_fw, Scanner& scanner,
                             ReportResult& result) {
  result.path = path;
  std::vector<Diagnostic> diags;
  ReadOptions read_options;
  read_options.encoding = options.encoding;
  std::optional<Document> doc = read_document(path, read_options, diags);
  if (!doc) {
    result.failed = true;
    if (!has_errors(diags))
      diags.push_back(make_error(path, "unreadable", "the report could not be read"));
    result.diagnostics = std::move(diags);
    return 0;
  }
  result.meta = doc->meta;
  for (auto& w : doc->warnings) diags.push_back(std::move(w));
  for (const Framework* fw : frameworks_for(rules, override_fw, *doc, diags)) {
    result.evidence.push_back(scanner.scan(*doc, *fw));
    if (options.max_quotes < limits::kMaxQuotesPerItem)
      for (auto& item : result.evidence.back().items)
        if (item.quotes.size() > options.max_quotes) item.quotes.resize(options.max_quotes);
  }
  result.diagnostics = std::move(diags);
  return doc->source_bytes;
}

}  // namespace

int run_pipeline(const PipelineOptions& options, PipelineResult& result) {
  using Clock = std::chrono::steady_clock;
  const auto seconds_since = [](Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
  };
  auto phase_start = Clock::now();
  auto& diags = result.diagnostics;
  RunFacts& facts = result.evaluation.facts;
  facts.tool_version = INDICHECK_VERSION;
  facts.date = options.scoring.today;
  facts.model = std::string(model_name(options.scoring.model));
  facts.max_quotes = static_cast<int>(options.max_quotes);
  facts.profile_path = options.profile_path;
  facts.inputs = options.inputs.empty() ? std::vector<std::string>{default_data_path("corpus")}
                                        : options.inputs;
  facts.rules_paths = options.rules_paths.empty()
                          ? std::vector<std::string>{default_data_path("rules")}
                          : options.rules_paths;

  // 1. Rules, profile, compiled matcher: once.
  result.rules = load_rules(facts.rules_paths, diags);
  if (has_errors(diags)) return kExitInput;
  if (result.rules.frameworks.empty()) {
    diags.push_back(make_error(facts.rules_paths.front(), "no-rules", "no framework found"));
    return kExitInput;
  }
  if (!options.profile_path.empty() &&
      (!load_profile(options.profile_path, result.rules, diags) || has_errors(diags)))
    return kExitInput;
  facts.rules_hash = result.rules.hash;
  result.evaluation.rules = &result.rules;
  const Framework* override_fw = nullptr;
  if (!options.framework_override.empty()) {
    override_fw = result.rules.find_framework(options.framework_override);
    if (!override_fw) {
      std::string known;
      for (const auto& f : result.rules.frameworks) known += (known.empty() ? "" : ", ") + f.id;
      diags.push_back(make_error("", "unknown-framework",
                                 fmt::format("no framework '{}' in the rules (loaded: {})",
                                             options.framework_override, known)));
      return kExitInput;
    }
  }
  result.compiled = CompiledRules::compile(result.rules, diags);
  if (!result.compiled || has_errors(diags)) return kExitInput;
  result.stats.rules_seconds = seconds_since(phase_start);

  // 2. Inputs. A path that does not exist is a failed report of its own, listed in outputs.
  std::vector<Diagnostic> input_diags;
  const std::vector<std::string> files = expand_inputs(facts.inputs, input_diags);
  std::vector<ReportResult> missing;
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
    return kExitInput;
  }

  // 3. Read and scan in parallel; results land at their input index.
  unsigned jobs = options.jobs > 0 ? static_cast<unsigned>(options.jobs)
                                   : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(files.size(), 1)));
  facts.jobs = static_cast<int>(jobs);
  result.stats.jobs = jobs;
  phase_start = Clock::now();
  std::atomic<std::uint64_t> input_bytes{0};
  std::vector<ReportResult> reports(files.size());
  std::shared_ptr<FileEvidenceStore> store;
  if (!options.spill_dir.empty() && !files.empty()) {
    store = FileEvidenceStore::open(options.spill_dir, files.size());
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
            process_report(files[index], options, result.rules, override_fw, scanner, report),
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
  std::vector<std::thread> threads;
  threads.reserve(jobs);
  for (unsigned i = 0; i < jobs; ++i) threads.emplace_back(worker);
  for (std::size_t i = 0; i < files.size(); ++i)
    if (!queue.push(i)) break;
  queue.close();
  for (auto& t : threads) t.join();
  if (progress && !files.empty()) std::fprintf(stderr, "\r\033[K");
  if (failure) std::rethrow_exception(failure);  // a bug: main() turns it into exit code 3
  result.stats.scan_seconds = seconds_since(phase_start);
  result.stats.input_bytes = input_bytes.load();
  if (store_failed)
    diags.push_back(make_warning(options.spill_dir, "spill",
                                 "writing evidence to a temporary file failed (disk full?); the "
                                 "rest of the run kept it in memory"));
  if (store) {
    result.stats.spilled_bytes = store->size();
    result.evaluation.store = store;
  }

  for (auto& r : missing) reports.push_back(std::move(r));
  std::stable_sort(reports.begin(), reports.end(),
                   [](const ReportResult& a, const ReportResult& b) { return a.path < b.path; });
  for (const auto& r : reports)
    for (const auto& d : r.diagnostics)
      if (!(r.failed && d.code == "not-found")) diags.push_back(d);  // not-found is already in
  result.evaluation.reports = std::move(reports);

  // 4. Score per framework, in rule order, over reports in path order.
  phase_start = Clock::now();
  const auto& all = result.evaluation.reports;
  std::vector<Diagnostic> scoring_diags;  // profile problems scoring finds (unknown ids, ...)
  for (const Framework& fw : result.rules.frameworks) {
    std::vector<UnitEvidence> units;
    // States of stored reports as evidence again (node, state; no quotes), one framework at a
    // time: scoring reads nothing else. A deque keeps the addresses stable.
    std::deque<DocumentEvidence> expanded;
    for (const auto& r : all) {
      if (r.failed) continue;
      const auto add = [&](const DocumentEvidence& ev) {
        UnitEvidence u;
        u.key = {r.meta.unit.value, r.meta.level.value, r.meta.province.value, r.meta.year, r.path};
        u.evidence = &ev;
        units.push_back(u);
      };
      for (const auto& ev : r.evidence)
        if (ev.framework_id == fw.id) add(ev);
      for (const auto& c : r.compact) {
        if (c.framework_id != fw.id) continue;
        // Only items found: scoring starts every leaf as missing and places items by node, so
        // leaving the missing ones out changes nothing and saves most of this transient.
        DocumentEvidence& ev = expanded.emplace_back();
        ev.framework_id = c.framework_id;
        for (std::size_t l = 0; l < c.items.size(); ++l) {
          const auto state = static_cast<ItemState>(
              c.items[l] & static_cast<std::uint8_t>(~CompactEvidence::kHasQuote));
          if (state == ItemState::kMissing) continue;
          ItemEvidence& item = ev.items.emplace_back();
          item.node = fw.leaves[l];
          item.state = state;
        }
        ev.items.shrink_to_fit();
        add(ev);
      }
    }
    if (units.empty()) continue;
    const Profile* profile = nullptr;
    for (const auto& p : result.rules.profiles)
      if (p.framework == fw.id) profile = &p;
    result.evaluation.tables.push_back(
        score_units(fw, profile, units, options.scoring, scoring_diags));
  }
  result.stats.score_seconds = seconds_since(phase_start);
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
  // A profile scoring cannot apply is a rule error: the caller writes nothing.
  return profile_errors ? kExitInput : kExitOk;
}

}  // namespace indicheck::cli
