// `indicheck evaluate [PATH...]`: the main job. Runs the pipeline, writes every output, and
// turns the outcome into an exit code (docs/cli.md):
//   0 ok; 1 a unit scored below --fail-under; 2 bad option, rules that do not load, an input
//   that could not be read (the batch still completes and lists it), or outputs that could not
//   be written; 3 internal error (main.cpp).
#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <new>
#include <string>

#include "commands.h"
#include "common.h"
#include "indicheck/calendar.h"
#include "indicheck/history.h"
#include "indicheck/reports.h"
#include "indicheck/run.h"

namespace po = boost::program_options;

namespace indicheck::cli {

namespace {

const char* evaluate_usage() {
  return tr(
      "用法：indicheck evaluate [PATH...] [选项]\n"
      "对照规则评估报告（文件或文件夹；默认 corpus/），在 --out 中写出 index.html、\n"
      "gaps/*.html|md、results.json、scores.csv 和 evidence.csv。\n\n",
      "Usage: indicheck evaluate [PATH...] [OPTIONS]\n"
      "Evaluate reports (files or folders; default corpus/) against the rules and write\n"
      "index.html, gaps/*.html|md, results.json, scores.csv and evidence.csv into --out.\n\n");
}

// The run date printed in outputs: --date, else SOURCE_DATE_EPOCH (reproducible builds
// convention), else today (UTC). Tests pin it so outputs can be compared byte for byte.
bool run_date(const std::string& option, std::string& date, std::string& error) {
  if (!option.empty()) {
    if (!is_calendar_date(option)) {
      error = tr("--date 须为有效的日历日期 YYYY-MM-DD，而不是“{}”",
                 "--date must be a calendar date YYYY-MM-DD, got '{}'", option);
      return false;
    }
    date = option;
    return true;
  }
  std::time_t t = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    char* end = nullptr;
    const long long v = std::strtoll(epoch, &end, 10);
    if (*end != '\0' || v < 0) {
      error = tr("SOURCE_DATE_EPOCH 须为秒数，而不是“{}”",
                 "SOURCE_DATE_EPOCH must be a number of seconds, got '{}'", epoch);
      return false;
    }
    t = static_cast<std::time_t>(v);
  }
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  date = buf;
  return true;
}

struct GapSelection {
  std::size_t max = kDefaultGapReportsMax;
  std::vector<std::string> units;
  std::string history;  // --history FILE.db, empty = none
};

// The options that change states or scores, as one line for the run history.
std::string options_line(const PipelineOptions& o) {
  std::string out =
      fmt::format("--model {} --max-quotes {}", model_name(o.scoring.model), o.max_quotes);
  out += fmt::format(" --partial-credit {}", o.scoring.partial_credit);
  if (!o.gate.empty()) out += " --gate " + o.gate;
  if (!o.framework_override.empty()) out += " --framework " + o.framework_override;
  if (!o.manifest_path.empty()) out += " --manifest " + o.manifest_path;
  if (!o.encoding.empty()) out += " --encoding " + o.encoding;
  return out;
}

// --history: appends the run after the outputs are written; false (errors printed) on failure.
bool record_history(const PipelineOptions& options, const Evaluation& evaluation, HistoryDb& db,
                    bool quiet) {
  std::vector<Diagnostic> diags;
  const std::int64_t id = db.record(evaluation, options_line(options), diags);
  print_diagnostics(diags);
  if (id > 0 && !quiet)
    std::cerr << fmt::format("indicheck: 已记入历史 {}（运行 #{}）\n", db.path(), id);
  return id > 0;
}

int evaluate_and_write(const PipelineOptions& options, const OutputFormats& formats,
                       const GapSelection& gaps, const std::string& out_dir, bool has_fail_under,
                       double fail_under, bool quiet, bool stats);

// Bytes of the outputs this run writes (what is there after it), for --stats.
std::uint64_t output_bytes(const std::string& out_dir) {
  namespace fs = std::filesystem;
  std::uint64_t total = 0;
  std::error_code ec;
  for (const char* name : {"index.html", "results.json", "scores.csv", "evidence.csv"}) {
    const auto size = fs::file_size(fs::path(out_dir) / name, ec);
    if (!ec) total += size;
  }
  for (fs::directory_iterator it(fs::path(out_dir) / "gaps", ec), end; !ec && it != end;
       it.increment(ec)) {
    const auto size = it->is_regular_file(ec) ? it->file_size(ec) : 0;
    if (!ec) total += size;
  }
  return total;
}

// `--stats`: where the time went, like `rg --stats`. On stderr, also with --quiet.
void print_stats(const PipelineResult& result, std::size_t failed, double write_seconds,
                 double total_seconds, std::uint64_t written) {
  const PipelineStats& s = result.stats;
  const double mb = static_cast<double>(s.input_bytes) / 1e6;
  const auto rate = [&](double seconds) {
    return seconds > 0 ? fmt::format("{:.1f} MB/s", mb / seconds) : std::string("-");
  };
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                     static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  std::cerr << fmt::format(
      "indicheck: stats\n"
      "  reports        {} ({} failed), {:.1f} MB read, {} job(s)\n"
      "  rules          {:.3f} s (load + compile, once)\n"
      "  read + match   {:.3f} s ({}; evidence kept in memory: {:.1f} MB, on disk: {:.1f} MB)\n"
      "  score          {:.3f} s\n"
      "  write          {:.3f} s ({:.1f} MB written)\n"
      "  total          {:.3f} s wall ({}), {:.2f} s CPU ({:.1f} MB per CPU-second)\n"
      "  peak memory    {:.0f} MB resident\n",
      result.evaluation.reports.size(), failed, mb, s.jobs, s.rules_seconds, s.scan_seconds,
      rate(s.scan_seconds), static_cast<double>(s.evidence_memory_bytes) / 1e6,
      static_cast<double>(s.spilled_bytes) / 1e6, s.score_seconds, write_seconds,
      static_cast<double>(written) / 1e6, total_seconds, rate(total_seconds), cpu,
      cpu > 0 ? mb / cpu : 0.0, static_cast<double>(usage.ru_maxrss) / 1024.0);
}

int usage_error(const std::string& message) {
  std::cerr << "indicheck evaluate: error[usage]: " << message
            << tr("（运行 indicheck evaluate --help 查看用法）\n",
                  " (run 'indicheck evaluate --help')\n");
  return kExitInput;
}

// What `evaluate`'s command line sets.
struct EvaluateArgs {
  PipelineOptions options;
  std::string out_dir, formats_text, model_text, date_option, edition_text;
  double fail_under = -1;
  double partial_credit = -1;
  bool quiet = false;
  bool stats = false;
  std::size_t gap_reports_max = kDefaultGapReportsMax;
  std::vector<std::string> gap_units_args;
  std::string history_path;
};

// The options `evaluate --help` lists, bound to `a`.
po::options_description evaluate_options(EvaluateArgs& a) {
  po::options_description desc;
  desc.add_options()("help,h", tr("显示本帮助", "show this help"))(
      "rules", po::value<std::vector<std::string>>(&a.options.rules_paths),
      tr("规则文件或目录（可重复；默认 rules/）",
         "rule file or directory (repeatable; default rules/)"))(
      "profile", po::value<std::string>(&a.options.profile_path),
      tr("采用的评分方案（YAML）", "profile to apply (YAML)"))(
      "framework", po::value<std::string>(&a.options.framework_override),
      tr("所有报告都按此纲要 id 评分，不再按年度选择纲要",
         "score every report against this framework id instead of choosing by year"))(
      "manifest", po::value<std::string>(&a.options.manifest_path),
      tr("清单 CSV：表头含 path（或 file）及 unit、level、province、year 中的任意几列；"
         "其中给出的值优先于从报告中识别的值",
         "CSV with a header naming path (or file) and any of unit, level, province, year: "
         "values given win over what is inferred from the reports"))(
      "review", po::value<std::string>(&a.options.review_path),
      tr("复核结论文件（review init 写出的 .csv，或 .yaml）：按复核后的判定计分，"
         "机器判定仍然可见（docs/review.md）",
         "review decisions (.csv as `review init` writes it, or .yaml): the reviewed state is "
         "scored, the machine state stays visible (docs/review.md)"))(
      "history", po::value<std::string>(&a.history_path),
      tr("把本次运行追加到 SQLite 历史文件（不存在时新建；docs/history.md）",
         "append this run to a SQLite history file (created if needed; docs/history.md)"))(
      "out,o", po::value<std::string>(&a.out_dir)->default_value("out"),
      tr("输出目录", "output directory"))(
      "format", po::value<std::string>(&a.formats_text)->default_value("all"),
      tr("输出格式：html、md、json、csv 中的任意几种（逗号分隔），或 all",
         "outputs: any of html,md,json,csv (comma-separated) or all"))(
      "jobs,j", po::value<int>(&a.options.jobs)->default_value(0),
      tr("工作线程数（0 = 全部核心）；取任何值输出都相同",
         "worker threads (0 = all cores); output is identical for any value"))(
      "model", po::value<std::string>(&a.model_text)->default_value("hierarchical"),
      tr("计分模型：hierarchical、flat、flat-unweighted、absolute",
         "scoring model: hierarchical, flat, flat-unweighted, absolute"))(
      "partial-credit", po::value<double>(&a.partial_credit),
      tr("部分落实项的计分系数，0–1（默认 0.5；评分方案可另行设定）",
         "credit of a partially met item, 0-1 (default 0.5; a profile may set it)"))(
      "fail-under", po::value<double>(&a.fail_under),
      tr("任一单位的指标得分低于该分数时，以退出码 1 结束",
         "exit 1 when any unit's indicators score is below SCORE"))(
      "encoding", po::value<std::string>(&a.options.encoding),
      tr("强制所有报告使用该编码（如 GB18030）；默认自动识别",
         "force the encoding of every report (e.g. GB18030); default: detect"))(
      "ocr", po::bool_switch(&a.options.ocr),
      tr("用 Tesseract 识别扫描版 PDF 页面（无文字层），而不是拒绝读取；速度慢（每页数秒），"
         "由此得到的引文标注“来源：OCR”",
         "recognize scanned PDF pages (no text layer) with Tesseract instead of refusing them; "
         "slow (seconds a page), quotes from them are marked 来源：OCR"))(
      "date", po::value<std::string>(&a.date_option),
      tr("运行日期 YYYY-MM-DD，显示在输出中，也用于判断豁免是否过期"
         "（默认：SOURCE_DATE_EPOCH，否则为当天）",
         "run date YYYY-MM-DD shown in outputs and used for waiver expiry "
         "(default: SOURCE_DATE_EPOCH, else today)"))(
      "gap-reports-max",
      po::value<std::size_t>(&a.gap_reports_max)->default_value(kDefaultGapReportsMax),
      tr("本次运行的单位-年度不超过 N 个时，为每个都写差距报告；超过时只为 --gap-units "
         "所列单位写（index.html 总会写出）",
         "write a gap report for every unit-year only when the run has at most N of them; "
         "beyond that only for --gap-units (index.html is always written)"))(
      "gap-units", po::value<std::vector<std::string>>(&a.gap_units_args),
      tr("超出 --gap-reports-max 时仍写差距报告的单位（报告中的单位名，或文件名、"
         "文件名主干、路径）；逗号分隔，可重复",
         "units (name as found in the report, or file name/stem/path) that get a gap report "
         "beyond --gap-reports-max; comma-separated, repeatable"))(
      "max-quotes",
      po::value<std::size_t>(&a.options.max_quotes)->default_value(a.options.max_quotes),
      tr("每项保留的引文数，由强到弱（1–8）：数量少则大批量运行的各项输出都更小；"
         "判定和得分不变",
         "quotes kept per item, strongest first (1-8): fewer make every output smaller for "
         "large runs; states and scores do not change"))(
      "gate", po::value<std::string>(&a.options.gate),
      tr("证据门控：off（默认）、default（规则旁的 evidence-gate.json）或模型文件；"
         "启用后须有门控判为举措或成效的句子才计分",
         "evidence gate: off (default), default (evidence-gate.json beside the rules), or a "
         "model file; credit then needs a sentence the gate scores as an act or result"))(
      "edition", po::value<std::string>(&a.edition_text)->default_value("audit"),
      tr("差距报告版本：audit（审核版，完整依据，gaps/*.html|md）、unit（单位版，"
         "给单位看的不超过 3 页 A4，gaps/*.unit.html|md）或 both（两者都写）",
         "gap reports: audit (审核版, the full trail, gaps/*.html|md), unit (单位版, at most 3 "
         "A4 pages for the unit, gaps/*.unit.html|md) or both"))(
      "quiet,q", po::bool_switch(&a.quiet),
      tr("不在 stderr 上显示进度、警告和汇总", "no progress, warnings or summary on stderr"))(
      "stats", po::bool_switch(&a.stats),
      tr("在 stderr 上显示耗时分布：报告数、读取的 MB 数、各阶段秒数和 MB/s、CPU 时间、"
         "内存峰值（--quiet 时也显示）",
         "print where the time went on stderr: reports, MB read, seconds and MB/s per phase, "
         "CPU time, peak memory (also with --quiet)"));
  return desc;
}

}  // namespace

int run_evaluate(const Args& args) {
  EvaluateArgs a;
  PipelineOptions& options = a.options;
  std::string &out_dir = a.out_dir, &formats_text = a.formats_text, &model_text = a.model_text;
  std::string &date_option = a.date_option, &edition_text = a.edition_text;
  const double& fail_under = a.fail_under;
  const double& partial_credit = a.partial_credit;
  const bool &quiet = a.quiet, &stats = a.stats;
  const std::vector<std::string>& gap_units_args = a.gap_units_args;
  const po::options_description desc = evaluate_options(a);
  bool keep_evidence = false;
  std::uint64_t evidence_memory_mb = kDefaultEvidenceMemoryBytes >> 20;
  std::uint32_t xlsx_max_rows = 0;
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>(&options.inputs))
      // Keeps every report's evidence in memory instead of a temporary file in --out: for
      // comparing the two paths (outputs are identical); memory then grows with the corpus.
      ("keep-evidence", po::bool_switch(&keep_evidence))
      // MB of stored evidence kept in memory before the temporary file takes the rest (0: all
      // to the file; tests use it to take the file's path on a small corpus).
      ("evidence-memory", po::value<std::uint64_t>(&evidence_memory_mb))
      // Rows per 证据 sheet of results.xlsx (tests: the split past Excel's row limit).
      ("xlsx-max-rows", po::value<std::uint32_t>(&xlsx_max_rows));
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map vm;
  if (const std::string usage = parse_arguments(args, desc, hidden, positional, vm);
      !usage.empty()) {
    return usage_error(usage);
  }
  if (vm.count("help")) {
    std::cout << evaluate_usage();
    print_options(std::cout, desc, tr("选项", "Options"));
    std::cout << tr(
        "\n退出码：0 成功，1 有单位低于 --fail-under，2 输入、规则或选项有误\n"
        "（无法读取的报告列在输出中，整批照常完成），3 内部错误。\n",
        "\nExit codes: 0 ok, 1 a unit below --fail-under, "
        "2 bad input, rules or options (an unreadable report is listed in the "
        "outputs and the batch completes), 3 internal error.\n");
    return kExitOk;
  }
  if (options.jobs < 0) return usage_error(tr("--jobs 须为 0 或更大", "--jobs must be 0 or more"));
  if (options.max_quotes < 1 || options.max_quotes > limits::kMaxQuotesPerItem)
    return usage_error(tr("--max-quotes 须在 1 到 {} 之间", "--max-quotes must be between 1 and {}",
                          limits::kMaxQuotesPerItem));
  if (const auto model = model_from_name(model_text))
    options.scoring.model = *model;
  else
    return usage_error(tr("未知的 --model 取值“{}”", "unknown --model '{}'", model_text));
  if (vm.count("partial-credit")) {
    if (!(partial_credit >= 0 && partial_credit <= 1))
      return usage_error(
          tr("--partial-credit 须在 0 到 1 之间", "--partial-credit must be between 0 and 1"));
    options.scoring.partial_credit = partial_credit;
  }
  OutputFormats formats;
  std::string error;
  if (!parse_formats(formats_text, formats, error))
    return usage_error(tr("--format 的取值有误。详情：{}", "{}", error));
  if (!parse_edition(edition_text, formats.edition))
    return usage_error(tr("未知的 --edition 取值“{}”（可用 audit、unit 或 both）",
                          "unknown --edition '{}' (audit, unit or both)", edition_text));
  formats.xlsx_max_rows = xlsx_max_rows;
  if (!run_date(date_option, options.scoring.today, error)) return usage_error(error);
  options.progress = !quiet && ::isatty(2) && std::getenv("CI") == nullptr;

  // Near misses are shown by results.json and the gap reports (HTML, Markdown) only.
  options.near_misses = formats.json || formats.html || formats.markdown;
  if (!keep_evidence) options.spill_dir = out_dir;  // the staging folder of --out, in fact
  options.evidence_memory_bytes = std::min<std::uint64_t>(evidence_memory_mb, 1ull << 40) << 20;
  GapSelection gaps;
  gaps.max = a.gap_reports_max;
  gaps.history = a.history_path;
  for (const auto& arg : gap_units_args) {
    std::size_t start = 0;
    while (start <= arg.size()) {
      std::size_t comma = arg.find(',', start);
      if (comma == std::string::npos) comma = arg.size();
      if (comma > start) gaps.units.push_back(arg.substr(start, comma - start));
      start = comma + 1;
    }
  }

  use_default_paths(options);
  // Running out of memory is a limit of the machine, not a bug: say so, and what helps.
  try {
    return evaluate_and_write(options, formats, gaps, out_dir, vm.count("fail-under") > 0,
                              fail_under, quiet, stats);
  } catch (const std::bad_alloc&) {
    std::cerr << "indicheck evaluate: error[out-of-memory]: the run needed more memory than the "
                 "machine could give; nothing was written (try fewer --jobs, or evaluate the "
                 "corpus in parts)\n";
    return kExitInternal;
  }
}

namespace {

int evaluate_and_write(const PipelineOptions& given, const OutputFormats& formats,
                       const GapSelection& gaps, const std::string& out_dir, bool has_fail_under,
                       double fail_under, bool quiet, bool stats) {
  const auto started = std::chrono::steady_clock::now();
  // --out first: a folder that cannot be written (or a full disk) is found before any report
  // is read. The run writes into the staging folder, which replaces --out as a whole at the
  // end; the evidence kept on disk during the run goes there too.
  std::vector<Diagnostic> out_diags;
  const std::unique_ptr<OutputSet> output = OutputSet::begin(out_dir, out_diags);
  if (!output) {
    print_diagnostics(out_diags);
    return kExitInput;
  }
  PipelineOptions options = given;
  if (!options.spill_dir.empty()) options.spill_dir = output->staging();
  PipelineResult result;
  const int rc = run_pipeline(options, result);
  std::vector<Diagnostic> shown;
  for (const auto& d : result.diagnostics)
    if (!quiet || d.severity == Severity::kError) shown.push_back(d);
  print_diagnostics(shown);
  if (rc != kExitOk) return rc;
  std::size_t failed = 0;  // reports that could not be read
  for (const auto& r : result.evaluation.reports) failed += r.failed ? 1 : 0;

  // Output files are Chinese unless --lang says otherwise (LANG chooses only the CLI's words).
  if (ui_lang_given()) result.evaluation.facts.lang = ui_lang();
  result.evaluation.gap_reports_max = gaps.max;
  result.evaluation.gap_units = gaps.units;
  if (!quiet && (formats.html || formats.markdown)) {
    // Named units that match no report are a typo worth a warning; a limit that cut the gap
    // reports is worth a note, so nobody looks for files that were not written.
    std::vector<Diagnostic> notes;
    for (const auto& unit : gaps.units) {
      bool found = false;
      for (const auto& rep : result.evaluation.reports)
        found = found || rep.meta.unit.value == unit || rep.path == unit ||
                std::filesystem::path(rep.path).stem().string() == unit ||
                std::filesystem::path(rep.path).filename().string() == unit;
      if (!found)
        notes.push_back(make_warning("", "gap-unit-unknown",
                                     fmt::format("--gap-units '{}' matches no report", unit)));
    }
    const std::size_t readable = result.evaluation.reports.size() - failed;
    if (readable > gaps.max) {
      Diagnostic d = make_warning("", "gap-reports-limited",
                                  fmt::format("{} reports is more than --gap-reports-max {}: gap "
                                              "reports are written only for the {} unit(s) named "
                                              "with --gap-units",
                                              readable, gaps.max, gaps.units.size()));
      d.severity = Severity::kNote;
      notes.push_back(std::move(d));
    }
    print_diagnostics(notes);
  }

  // --history: the previous year of each unit is read before this run is recorded.
  std::unique_ptr<HistoryDb> history;
  if (!gaps.history.empty()) {
    std::vector<Diagnostic> history_diags;
    history = HistoryDb::open(gaps.history, history_diags);
    print_diagnostics(history_diags);
    if (!history) return kExitInput;
    previous_years(*history, result.evaluation);
  }
  std::vector<Diagnostic> write_diags;
  const auto write_started = std::chrono::steady_clock::now();
  if (!write_output_files(result.evaluation, output->staging(), out_dir, formats, write_diags) ||
      !output->commit(write_diags)) {
    print_diagnostics(write_diags);
    return kExitInput;
  }
  if (history && !record_history(options, result.evaluation, *history, quiet)) return kExitInput;
  if (stats) {
    const auto now = std::chrono::steady_clock::now();
    print_stats(result, failed, std::chrono::duration<double>(now - write_started).count(),
                std::chrono::duration<double>(now - started).count(), output_bytes(out_dir));
  }

  std::vector<std::string> below;
  if (has_fail_under) {
    for (const auto& table : result.evaluation.tables) {
      const Framework* fw = result.rules.find_framework(table.framework_id);
      if (fw && fw->kind == "supplement") continue;  // only the indicators score is a grade
      for (const auto& u : table.units)
        if (u.score < fail_under)
          below.push_back(fmt::format("{} {} ({}): {:.1f} < {}", u.key.unit, u.key.year, u.key.path,
                                      u.score, fail_under));
    }
  }
  if (!quiet) {
    std::cerr << tr(ui_lang(), Msg::kCliSummary, result.evaluation.reports.size(), failed, out_dir,
                    formats.html ? "index.html" : "")
              << '\n';
    for (const auto& b : below) std::cerr << tr(ui_lang(), Msg::kCliBelow, b) << '\n';
  }
  if (failed > 0) return kExitInput;
  if (!below.empty()) return kExitFindings;
  return kExitOk;
}

}  // namespace

}  // namespace indicheck::cli
