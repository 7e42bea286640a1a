// `indicheck render RESULTS.json`: every output of a saved run written again from its
// results.json, without reading a report: another --format, --edition or --lang, or the same
// ones for the same bytes (docs/cli.md). Exit codes: 0 ok; 2 bad results.json, rules that
// changed since the run, bad option, outputs that could not be written; 3 internal error.
#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

#include "commands.h"
#include "common.h"
#include "indicheck/reports.h"
#include "indicheck/results_file.h"

namespace po = boost::program_options;

namespace indicheck::cli {

namespace {

const char* render_usage() {
  return tr(
      "用法：indicheck render RESULTS.json [选项]\n"
      "由已保存运行的 results.json 重新写出该次运行的输出（不读取报告）：--format、\n"
      "--edition 和 --lang 相同时，输出与该次运行逐字节相同。该次运行所用的规则文件\n"
      "须仍在原处（或用 --rules 指定）。\n\n",
      "Usage: indicheck render RESULTS.json [OPTIONS]\n"
      "Write the outputs of a saved run again from its results.json (no report is read): the\n"
      "same bytes as the run for the same --format, --edition and --lang. The rule files the run\n"
      "used must still be there (or be given with --rules).\n\n");
}

int usage_error(const std::string& message) {
  std::cerr << "indicheck render: error[usage]: " << message
            << tr("（运行 indicheck render --help 查看用法）\n",
                  " (run 'indicheck render --help')\n");
  return kExitInput;
}

// The first line where `a` and `b` differ (1-based).
std::size_t first_different_line(const std::string& a, const std::string& b) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < a.size() && i < b.size() && a[i] == b[i]; ++i)
    line += a[i] == '\n' ? 1 : 0;
  return line;
}

// results.json written again from what was read must be the file itself: otherwise the rules'
// profile, the scoring or this indicheck differ from the run's, and outputs would silently say
// something else than the run did.
bool same_as_run(const Evaluation& evaluation, const std::string& path,
                 std::vector<Diagnostic>& diags) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string original = std::move(buffer).str();
  const std::string again = render_results_json(evaluation);
  if (again == original) return true;
  diags.push_back(make_error(path, "results-mismatch",
                             fmt::format("read back and written again, it differs from line {} "
                                         "on: the profile or indicheck changed since the run "
                                         "(this is indicheck {}); evaluate the reports again",
                                         first_different_line(original, again), INDICHECK_VERSION),
                             static_cast<std::uint32_t>(first_different_line(original, again))));
  return false;
}

}  // namespace

int run_render(const Args& args) {
  std::string results_path, out_dir, formats_text, edition_text;
  std::vector<std::string> rules_paths;
  int jobs = 0;
  bool quiet = false;
  po::options_description desc;
  desc.add_options()("help,h", tr("显示本帮助", "show this help"))(
      "out,o", po::value<std::string>(&out_dir)->default_value("out"),
      tr("输出目录（与 evaluate 一样整体替换）",
         "output directory (replaced as a whole, as by evaluate)"))(
      "format", po::value<std::string>(&formats_text)->default_value("all"),
      tr("输出格式：html、md、json、csv、xlsx、docx、pdf 中的任意几种（逗号分隔），或 all",
         "outputs: any of html,md,json,csv,xlsx,docx,pdf (comma-separated) or all"))(
      "edition", po::value<std::string>(&edition_text)->default_value("audit"),
      tr("差距报告版本：audit（审核版）、unit（单位版）或 both（两者都写）",
         "gap reports: audit (审核版), unit (单位版) or both"))(
      "rules", po::value<std::vector<std::string>>(&rules_paths),
      tr("该次运行的规则文件或文件夹，不在 results.json 所记位置时指定（可重复）",
         "the run's rule files or folders, when not where results.json says (repeatable)"))(
      "jobs,j", po::value<int>(&jobs)->default_value(0),
      tr("写出输出的线程数（0 = 全部核心）；取任何值输出都相同",
         "threads writing the outputs (0 = all cores); output is identical for any value"))(
      "quiet,q", po::bool_switch(&quiet),
      tr("不在 stderr 上显示警告和汇总", "no warnings or summary on stderr"));
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::string>(&results_path));
  po::positional_options_description positional;
  positional.add("input", 1);
  po::variables_map vm;
  if (const std::string usage = parse_arguments(args, desc, hidden, positional, vm); !usage.empty())
    return usage_error(usage);
  if (vm.count("help")) {
    std::cout << render_usage();
    print_options(std::cout, desc, tr("选项", "Options"));
    std::cout << tr(
        "\n退出码：0 成功，2 results.json 有误、规则已改动、选项有误或输出无法写入，\n"
        "3 内部错误。\n",
        "\nExit codes: 0 ok, 2 bad results.json, changed rules, bad option or "
        "outputs that could not be written, 3 internal error.\n");
    return kExitOk;
  }
  if (results_path.empty())
    return usage_error(tr("请指定要重新生成的 results.json", "name the results.json to render"));
  if (jobs < 0) return usage_error(tr("--jobs 须为 0 或更大", "--jobs must be 0 or more"));
  OutputFormats formats;
  std::string error;
  if (!parse_formats(formats_text, formats, error))
    return usage_error(tr("--format 的取值有误。详情：{}", "{}", error));
  if (!parse_edition(edition_text, formats.edition))
    return usage_error(tr("未知的 --edition 取值“{}”（可用 audit、unit 或 both）",
                          "unknown --edition '{}' (audit, unit or both)", edition_text));

  PipelineResult result;
  const int rc = read_results_file(results_path, rules_paths, result);
  std::vector<Diagnostic> shown;
  for (const auto& d : result.diagnostics)
    if (!quiet || d.severity == Severity::kError) shown.push_back(d);
  print_diagnostics(shown);
  if (rc != kExitOk) return rc;
  Evaluation& evaluation = result.evaluation;
  evaluation.facts.jobs =
      jobs > 0 ? jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<Diagnostic> diags;
  if (!same_as_run(evaluation, results_path, diags)) {
    print_diagnostics(diags);
    return kExitInput;
  }
  // Output files in the run's language unless --lang asks for another.
  if (ui_lang_given()) evaluation.facts.lang = ui_lang();
  if (!write_outputs(evaluation, out_dir, formats, diags)) {
    print_diagnostics(diags);
    return kExitInput;
  }
  if (!quiet) {
    print_diagnostics(diags);  // warnings (e.g. --format pdf without Chromium)
    std::cerr << tr(ui_lang(), Msg::kCliRendered, results_path, evaluation.reports.size(), out_dir)
              << '\n';
  }
  return kExitOk;
}

}  // namespace indicheck::cli
