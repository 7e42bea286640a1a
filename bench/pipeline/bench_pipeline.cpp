// indicheck-bench-pipeline: throughput of every stage of an evaluation, measured on a corpus.
//
// The libraries are linked directly so each stage is timed on its own:
//   read       file bytes into memory (warm page cache unless the caller dropped it)
//   decode     bytes → UTF-8 (BOM, UTF-8 check, GB18030/Big5 detection and conversion)
//   normalize  NFKC, Traditional → Simplified, zero-width removal, boilerplate, offset map
//   outline    year, sentences, paragraphs, heading tree, roles, metadata
//   match      one Scanner::scan of every framework that applies (indicators for the year +
//              supplements)
//   score      score_units over every report, per framework (ranking and peer ranks included)
//   render     write_outputs(): results.json + scores.csv + evidence.csv, then index.html and
//              the gap reports (HTML + Markdown) separately, into a tmpfs directory
// decode, normalize and outline are the private seams of engine/document (src/internal.h) in
// the order read_document_bytes() runs them; "document" is read_document_bytes() as a whole,
// to check that the split adds up.
//
// Every MB/s figure divides the corpus's input bytes (file sizes) by the stage's time, so the
// stages are comparable and their harmonic sum is the end-to-end rate.
//
// The end-to-end figures are run_pipeline itself (indicheck/run.h: what `evaluate` runs before
// writing; evidence kept on disk as evaluate keeps it), on 1 job and on N: the in-process
// throughput of the real pipeline, never a re-implementation of it.
//
// Also: rule load and compile time for the given rule paths (min and median of repeats), and
// --dump-terms FILE writes every literal the rules scan for (terms and exclusions, one a line)
// for the `rg -F -f` comparison.
#include <fmt/core.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "indicheck/diagnostic.h"
#include "indicheck/document.h"
#include "indicheck/matcher.h"
#include "indicheck/reports.h"
#include "indicheck/rules.h"
#include "indicheck/run.h"
#include "indicheck/scoring.h"
#include "internal.h"          // engine/document/src: decode → normalize → outline seams
#include "matcher_internal.h"  // engine/rules/src: the Hyperscan database, for a scan-only row

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double wall_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Stage times are CPU time of the measuring thread: on a shared machine wall time also counts
// other processes' turns, CPU time does not (cache and memory-bandwidth sharing still shows).
struct CpuClock {
  using time_point = double;
  static double now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }
};
double seconds_since(double t0) {
  return CpuClock::now() - t0;
}

// CPU time (user + system) of the whole process, every thread.
double process_cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
}

long peak_rss_kb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

bool read_bytes(const std::string& path, std::string& out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  out.clear();
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return true;
}

struct Options {
  std::vector<std::string> inputs;
  std::vector<std::string> rules;
  unsigned jobs = 0;
  int compile_repeat = 5;
  std::size_t render_subset = 2000;
  std::string dump_terms;
  bool stages = true;
  bool parallel = true;
};

void usage() {
  std::cerr << "usage: indicheck-bench-pipeline [--rules PATH]... [--jobs N] [--compile-repeat N]\n"
               "         [--render-subset N] [--dump-terms FILE] [--no-stages] [--no-parallel] "
               "INPUT...\n";
}

// Frameworks a report is scanned against: the indicators framework for its year plus supplements.
std::vector<const indicheck::Framework*> frameworks_for(const indicheck::RuleSet& rules, int year) {
  std::vector<const indicheck::Framework*> out;
  if (const auto* f = rules.framework_for_year(year)) out.push_back(f);
  for (const auto* s : rules.supplements()) out.push_back(s);
  return out;
}

// Hyperscan callback that only counts: the multi-pattern pass alone, without hit tables.
int count_match(unsigned int, unsigned long long, unsigned long long, unsigned int, void* ctx) {
  ++*static_cast<std::uint64_t*>(ctx);
  return 0;
}

struct StageTimes {
  double hs_only = 0;
  std::uint64_t hs_matches = 0;
  double read = 0, decode = 0, normalize = 0, outline = 0, document = 0, match = 0, score = 0;
  double render_data = 0, render_html = 0;
};

void print_rate(const char* name, std::uint64_t bytes, double secs, const char* note = "") {
  double mbps = secs > 0 ? static_cast<double>(bytes) / 1e6 / secs : 0;
  fmt::print("| {:<28} | {:>9.3f} | {:>10.1f} | {} |\n", name, secs, mbps, note);
}

// One run_pipeline over the inputs: wall and process CPU seconds, and a checksum of the states.
struct PipelineRun {
  double wall = 0, cpu = 0;
  std::uint64_t bytes = 0;
  std::size_t met = 0;             // kMet states over every table (same for any number of jobs)
  indicheck::PipelineStats stats;  // run_pipeline's own phase times (wall)
  bool ok = false;
};

PipelineRun time_pipeline(const Options& o, unsigned jobs) {
  indicheck::PipelineOptions options;
  options.inputs = o.inputs;
  options.rules_paths = o.rules;
  options.jobs = static_cast<int>(jobs);
  std::error_code ec;
  const fs::path spill = fs::temp_directory_path(ec) /
                         fmt::format("indicheck-bench-spill-{}", static_cast<long>(::getpid()));
  options.spill_dir = spill.string();
  PipelineRun r;
  indicheck::PipelineResult result;
  const auto w0 = Clock::now();
  const double c0 = process_cpu_seconds();
  r.ok = indicheck::run_pipeline(options, result) == indicheck::kExitOk;
  r.cpu = process_cpu_seconds() - c0;
  r.wall = wall_since(w0);
  r.bytes = result.stats.input_bytes;
  r.stats = result.stats;
  for (const auto& t : result.evaluation.tables)
    for (const auto& u : t.units)
      for (auto st : u.states) r.met += st == indicheck::ItemState::kMet;
  fs::remove_all(spill, ec);
  return r;
}

struct RenderTime {
  std::size_t reports = 0, html_files = 0;
  double data = 0, html = 0;
  std::uint64_t data_bytes = 0, html_bytes = 0;
};

// Renders the first k reports as `evaluate` writes them (json+csv, then html+md) into out_dir.
RenderTime render_prefix(const indicheck::Evaluation& evaluation, const indicheck::RuleSet& rules,
                         std::size_t k, const fs::path& out_dir) {
  RenderTime rt;
  indicheck::Evaluation e;
  e.rules = &rules;
  e.facts = evaluation.facts;
  e.reports.assign(evaluation.reports.begin(),
                   evaluation.reports.begin() +
                       static_cast<std::ptrdiff_t>(std::min(k, evaluation.reports.size())));
  rt.reports = e.reports.size();
  std::map<std::string, std::vector<indicheck::UnitEvidence>> units;
  for (const auto& r : e.reports) {
    indicheck::UnitKey key{r.meta.unit.value, r.meta.level.value, r.meta.province.value,
                           r.meta.year, r.path};
    for (const auto& ev : r.evidence) units[ev.framework_id].push_back({key, &ev});
  }
  for (const auto& [id, u] : units) {
    std::vector<indicheck::Diagnostic> diags;
    if (const auto* f = rules.find_framework(id)) {
      e.tables.push_back(
          indicheck::score_units(*f, nullptr, u, indicheck::ScoringOptions{}, diags));
    }
  }
  // As `evaluate` writes them: write_outputs (one View per run, files rendered and written
  // one at a time into a staging directory, then renamed), json+csv and html+md separately.
  auto write = [&](bool data, std::uint64_t& written, std::size_t& pages) {
    indicheck::OutputFormats formats;
    formats.json = formats.csv = data;
    formats.html = formats.markdown = !data;
    std::error_code ec;
    fs::remove_all(out_dir, ec);
    std::vector<indicheck::Diagnostic> diags;
    auto t1 = CpuClock::now();
    indicheck::write_outputs(e, out_dir.string(), formats, diags);
    double secs = seconds_since(t1);
    for (auto it = fs::recursive_directory_iterator(out_dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      written += it->file_size();
      pages += it->path().parent_path().filename() == "gaps";
    }
    return secs;
  };
  rt.data = write(true, rt.data_bytes, rt.html_files);
  rt.html = write(false, rt.html_bytes, rt.html_files);
  return rt;
}

// What the one-thread stage pass accumulates over the corpus.
struct StageState {
  StageTimes t;
  // Scoring input: one stripped DocumentEvidence per report and framework (quotes and
  // reasons dropped: scoring reads states only, and 60,000 reports of quotes do not fit).
  std::map<std::string, std::vector<std::pair<indicheck::UnitKey, indicheck::DocumentEvidence>>>
      by_framework;
  // Render input: full results for the first render_subset reports.
  indicheck::Evaluation evaluation;
  std::uint64_t subset_bytes = 0;
  std::size_t failed = 0, traditional = 0;
};

// The stages of one report, each timed on its own, accumulated into `st`.
void time_report(const std::string& path, const Options& o, indicheck::Scanner& scanner,
                 const hs_database_t* hs_db, hs_scratch_t* hs_scratch, std::string& bytes,
                 StageState& st) {
  const indicheck::RuleSet& rules = *st.evaluation.rules;
  const indicheck::ReadOptions read_options;
  auto t0 = CpuClock::now();
  if (!read_bytes(path, bytes)) {
    ++st.failed;
    return;
  }
  st.t.read += seconds_since(t0);

  // The document stage, split at its seams (as read_document_bytes runs them).
  std::vector<indicheck::Diagnostic> diags;
  indicheck::Document doc;
  doc.path = path;
  t0 = CpuClock::now();
  indicheck::detail::Decoded decoded;
  bool ok = indicheck::detail::decode_bytes(bytes, path, read_options.encoding, decoded, diags);
  st.t.decode += seconds_since(t0);
  if (!ok) {
    ++st.failed;
    return;
  }
  doc.original = std::move(decoded.utf8);
  doc.meta.encoding = decoded.encoding;
  t0 = CpuClock::now();
  indicheck::detail::NormalizeStats stats;
  std::vector<std::uint32_t> boilerplate;
  indicheck::detail::normalize_document(doc, stats, boilerplate);
  st.t.normalize += seconds_since(t0);
  t0 = CpuClock::now();
  const indicheck::detail::CrawlerHeader header = indicheck::detail::read_crawler_header(doc);
  indicheck::detail::reflow_lines(doc, header.end_line, boilerplate);
  indicheck::detail::infer_year(doc, header);
  indicheck::detail::build_outline(doc, doc.meta.year, boilerplate, header.end_line);
  indicheck::detail::infer_metadata(doc, header);
  st.t.outline += seconds_since(t0);

  // The document stage as one call, for comparison.
  t0 = CpuClock::now();
  std::vector<indicheck::Diagnostic> diags2;
  auto whole = indicheck::read_document_bytes(bytes, path, read_options, diags2);
  st.t.document += seconds_since(t0);
  if (!whole) {
    ++st.failed;
    return;
  }
  st.traditional += whole->meta.traditional;

  // The multi-pattern pass alone (what `rg -F` does), then the real scan.
  t0 = CpuClock::now();
  if (hs_db && hs_scratch) {
    hs_scan(hs_db, whole->text.data(), static_cast<unsigned>(whole->text.size()), 0, hs_scratch,
            count_match, &st.t.hs_matches);
  }
  st.t.hs_only += seconds_since(t0);

  indicheck::ReportResult result;
  t0 = CpuClock::now();
  result.evidence = scanner.scan(*whole, frameworks_for(rules, whole->meta.year));
  st.t.match += seconds_since(t0);

  indicheck::UnitKey key{whole->meta.unit.value, whole->meta.level.value,
                         whole->meta.province.value, whole->meta.year, path};
  if (st.evaluation.reports.size() < o.render_subset) {
    st.subset_bytes += bytes.size();
    result.path = path;
    result.meta = whole->meta;
    st.evaluation.reports.push_back(result);
  }
  for (auto& ev : result.evidence) {
    for (auto& item : ev.items) {
      item.quotes.clear();
      item.quotes.shrink_to_fit();
      item.reason.args.clear();
      item.reason.args.shrink_to_fit();
    }
    st.by_framework[ev.framework_id].emplace_back(key, std::move(ev));
  }
}

// Every stage on one thread, timed at its seam (see the opening comment).
void bench_stages(const Options& o, const indicheck::RuleSet& rules,
                  const std::shared_ptr<const indicheck::CompiledRules>& compiled,
                  const std::vector<std::string>& files, std::uint64_t total_bytes) {
  StageState st;
  indicheck::Scanner scanner(compiled);
  const hs_database_t* hs_db = compiled->impl().database;
  hs_scratch_t* hs_scratch = nullptr;
  if (compiled->impl().scratch_prototype)
    hs_clone_scratch(compiled->impl().scratch_prototype, &hs_scratch);
  st.evaluation.rules = &rules;
  st.evaluation.facts.tool_version = "bench";
  st.evaluation.facts.jobs = 1;
  std::string bytes;
  for (const auto& path : files) time_report(path, o, scanner, hs_db, hs_scratch, bytes, st);
  StageTimes& t = st.t;
  auto& by_framework = st.by_framework;
  const indicheck::Evaluation& evaluation = st.evaluation;
  const std::uint64_t subset_bytes = st.subset_bytes;
  const std::size_t failed = st.failed, traditional = st.traditional;

  // Score every report, per framework, as the pipeline does after the scan.
  auto t0 = CpuClock::now();
  std::size_t scored_units = 0;
  for (const auto& [id, rows] : by_framework) {
    const indicheck::Framework* f = rules.find_framework(id);
    if (!f) continue;
    std::vector<indicheck::UnitEvidence> units;
    units.reserve(rows.size());
    for (const auto& [key, ev] : rows) units.push_back({key, &ev});
    std::vector<indicheck::Diagnostic> diags;
    auto table = indicheck::score_units(*f, nullptr, units, indicheck::ScoringOptions{}, diags);
    scored_units += table.units.size();
  }
  t.score = seconds_since(t0);

  // Render the first k reports: data files, then HTML (index + one gap report per report),
  // for k = subset/4, subset/2, subset, so a cost that grows faster than the number of
  // reports shows as a rising time per report.
  // Outputs go to tmpfs when there is one, so the figure is rendering, not the disk.
  std::error_code tmp_ec;
  const fs::path out_dir =
      (fs::is_directory("/dev/shm", tmp_ec) ? fs::path("/dev/shm") : fs::temp_directory_path()) /
      fmt::format("indicheck-bench-{}", static_cast<long>(::getpid()));
  std::vector<RenderTime> render_sweep;
  for (std::size_t div : {4u, 2u, 1u}) {
    std::size_t k = evaluation.reports.size() / div;
    if (k > 0 && (render_sweep.empty() || render_sweep.back().reports != k))
      render_sweep.push_back(render_prefix(evaluation, rules, k, out_dir));
  }
  fs::remove_all(out_dir, tmp_ec);
  RenderTime full_render = render_sweep.empty() ? RenderTime{} : render_sweep.back();
  t.render_data = full_render.data;
  t.render_html = full_render.html;
  std::size_t html_files = full_render.html_files;
  std::uint64_t out_bytes = full_render.data_bytes, html_bytes = full_render.html_bytes;

  fmt::print("## Stages, 1 thread\n\n");
  fmt::print(
      "{} reports read ({} failed, {} Traditional), {} unit rows scored; render on the first {} "
      "reports ({:.1f} MB of input)\n\n",
      files.size() - failed, failed, traditional, scored_units, evaluation.reports.size(),
      static_cast<double>(subset_bytes) / 1e6);
  fmt::print("Times are CPU seconds of the measuring thread (the machine is shared).\n\n");
  fmt::print("| stage | CPU s | MB/s | note |\n|---|---:|---:|---|\n");
  print_rate("read", total_bytes, t.read);
  print_rate("decode", total_bytes, t.decode);
  print_rate("normalize", total_bytes, t.normalize);
  print_rate("outline (+ year, metadata)", total_bytes, t.outline);
  print_rate("document (one call)", total_bytes, t.document,
             "read_document_bytes: decode+normalize+outline");
  print_rate("match", total_bytes, t.match,
             "Scanner::scan: Hyperscan pass + hit table + leaf verification");
  print_rate(
      "  of which Hyperscan pass", total_bytes, t.hs_only,
      fmt::format("hs_scan alone, {:.0f} matches per MB",
                  static_cast<double>(t.hs_matches) / (static_cast<double>(total_bytes) / 1e6))
          .c_str());
  print_rate("score", total_bytes, t.score);
  print_rate("render+write json+csv", subset_bytes, t.render_data,
             fmt::format("{:.1f} MB written", static_cast<double>(out_bytes) / 1e6).c_str());
  print_rate("render+write html+md", subset_bytes, t.render_html,
             fmt::format("index + {} gap pages (html, md), {:.1f} MB", html_files,
                         static_cast<double>(html_bytes) / 1e6)
                 .c_str());
  double render_rate_s = subset_bytes ? t.render_data * static_cast<double>(total_bytes) /
                                            static_cast<double>(subset_bytes)
                                      : 0;
  const PipelineRun one = time_pipeline(o, 1);
  // Rules are loaded and compiled once per run; the rows above leave them out, so does this.
  const double pipeline_s = one.stats.scan_seconds + one.stats.score_seconds;
  print_rate("run_pipeline, 1 job", total_bytes, pipeline_s,
             "wall s of its scan + score phases: read, document, match, evidence to disk, score");
  print_rate("end to end, no HTML", total_bytes, pipeline_s + render_rate_s,
             "run_pipeline 1 job + json/csv (scaled)");
  fmt::print("\nRender cost per report as the number of reports grows (1 thread):\n\n");
  fmt::print(
      "| reports | json+csv s | ms/report | index + gap html+md s | ms/report "
      "|\n|---:|---:|---:|---:|---:|\n");
  for (const auto& rt : render_sweep) {
    double n = static_cast<double>(std::max<std::size_t>(rt.reports, 1));
    fmt::print("| {} | {:.3f} | {:.3f} | {:.3f} | {:.3f} |\n", rt.reports, rt.data,
               rt.data * 1e3 / n, rt.html, rt.html * 1e3 / n);
  }
  fmt::print("\npeak RSS after stages: {:.0f} MB\n\n", static_cast<double>(peak_rss_kb()) / 1024.0);
  if (hs_scratch) hs_free_scratch(hs_scratch);
}

}  // namespace

int main(int argc, char** argv) {
  // The compile figures measure the compiler: no compiled-database cache unless asked for
  // (INDICHECK_CACHE set by the caller).
  setenv("INDICHECK_CACHE", "off", 0);
  Options o;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) {
        usage();
        std::exit(2);
      }
      return args[++i];
    };
    if (a == "--rules")
      o.rules.push_back(value());
    else if (a == "--jobs")
      o.jobs = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--compile-repeat")
      o.compile_repeat = std::max(1, std::stoi(value()));
    else if (a == "--render-subset")
      o.render_subset = std::stoul(value());
    else if (a == "--dump-terms")
      o.dump_terms = value();
    else if (a == "--no-stages")
      o.stages = false;
    else if (a == "--no-parallel")
      o.parallel = false;
    else if (a == "-h" || a == "--help") {
      usage();
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      usage();
      return 2;
    } else
      o.inputs.push_back(a);
  }
  if (o.rules.empty()) o.rules.push_back(INDICHECK_SOURCE_DIR "/rules");
  if (o.jobs == 0) o.jobs = std::max(1u, std::thread::hardware_concurrency());

  // ---- rules: load and compile, repeated ----------------------------------------------------
  std::vector<double> load_times, compile_times;
  // The RuleSet lives on the heap so the compiled rules kept from the last repeat stay bound to it.
  std::unique_ptr<indicheck::RuleSet> kept_rules;
  std::shared_ptr<const indicheck::CompiledRules> compiled;
  for (int r = 0; r < o.compile_repeat; ++r) {
    std::vector<indicheck::Diagnostic> diags;
    auto t0 = CpuClock::now();
    auto loaded = std::make_unique<indicheck::RuleSet>(indicheck::load_rules(o.rules, diags));
    load_times.push_back(seconds_since(t0));
    if (indicheck::has_errors(diags)) {
      for (const auto& d : diags) std::cerr << d.str() << "\n";
      return 2;
    }
    t0 = CpuClock::now();
    auto c = indicheck::CompiledRules::compile(*loaded, diags);
    compile_times.push_back(seconds_since(t0));
    if (!c) {
      for (const auto& d : diags) std::cerr << d.str() << "\n";
      return 2;
    }
    compiled.reset();
    kept_rules = std::move(loaded);
    compiled = std::move(c);
  }
  const indicheck::RuleSet& rules = *kept_rules;
  auto min_med = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return std::pair<double, double>{v.front(), v[v.size() / 2]};
  };
  std::size_t leaves = 0, terms = 0, regexes = 0;
  std::set<std::string> literals;
  for (const auto& f : rules.frameworks) {
    leaves += f.leaves.size();
    for (const auto& node : f.nodes) {
      if (!node.check) continue;
      for (const auto& sel : node.check->selections) {
        terms += sel.terms.size();
        regexes += sel.regexes.size();
        literals.insert(sel.terms.begin(), sel.terms.end());
      }
      literals.insert(node.check->exclude.begin(), node.check->exclude.end());
    }
  }
  auto [load_min, load_med] = min_med(load_times);
  auto [comp_min, comp_med] = min_med(compile_times);
  fmt::print("## Rules\n\n");
  fmt::print(
      "{} frameworks, {} leaves, {} terms ({} distinct literals incl. exclusions), {} regexes, "
      "{} patterns compiled\n\n",
      rules.frameworks.size(), leaves, terms, literals.size(), regexes, compiled->pattern_count());
  fmt::print("| step | min CPU s | median CPU s |\n|---|---:|---:|\n");
  fmt::print("| load (YAML → RuleSet) | {:.4f} | {:.4f} |\n", load_min, load_med);
  fmt::print("| compile (RuleSet → database) | {:.4f} | {:.4f} |\n", comp_min, comp_med);
  fmt::print("| load + compile | {:.4f} | |\n\n", load_min + comp_min);
  if (!o.dump_terms.empty()) {
    std::ofstream out(o.dump_terms, std::ios::binary);
    for (const auto& t : literals) out << t << "\n";
  }
  if (o.inputs.empty()) return 0;

  std::vector<indicheck::Diagnostic> input_diags;
  const std::vector<std::string> files = indicheck::expand_inputs(o.inputs, input_diags);
  std::uint64_t total_bytes = 0;
  for (const auto& f : files) {
    std::error_code ec;
    total_bytes += fs::file_size(f, ec);
  }
  fmt::print("## Corpus\n\n{} files, {:.1f} MB\n\n", files.size(),
             static_cast<double>(total_bytes) / 1e6);

  if (o.stages) bench_stages(o, rules, compiled, files, total_bytes);

  // ---- run_pipeline on 1 and N jobs ---------------------------------------------------------
  if (o.parallel) {
    fmt::print("## run_pipeline (read + document + match + score, evidence on disk)\n\n");
    fmt::print("Whole runs, rules load + compile included (column 'rules s').\n\n");
    fmt::print(
        "| threads | wall s | MB/s (wall) | CPU s | MB per CPU-second | rules s | met items "
        "(checksum) |\n"
        "|---:|---:|---:|---:|---:|---:|---:|\n");
    std::vector<unsigned> counts{1};
    if (o.jobs > 1) counts.push_back(o.jobs);
    for (unsigned n : counts) {
      const PipelineRun r = time_pipeline(o, n);
      if (!r.ok) {
        std::cerr << "run_pipeline failed\n";
        return 2;
      }
      const double mb = static_cast<double>(r.bytes) / 1e6;
      fmt::print("| {} | {:.3f} | {:.1f} | {:.3f} | {:.1f} | {:.3f} | {} |\n", n, r.wall,
                 mb / r.wall, r.cpu, mb / r.cpu, r.stats.rules_seconds, r.met);
    }
    fmt::print("\npeak RSS: {:.0f} MB\n", static_cast<double>(peak_rss_kb()) / 1024.0);
  }
  return 0;
}
