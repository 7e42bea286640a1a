// `indicheck review init [PATH...] --out review.csv`: evaluates the reports and writes the
// review sheet (人工复核表) an audit team fills in; `evaluate --review review.csv` applies it.
// Exit codes: 0 written; 2 bad option, rules, review file or output (docs/cli.md).
#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <iostream>

#include "commands.h"
#include "common.h"
#include "indicheck/reports.h"
#include "indicheck/run.h"

namespace po = boost::program_options;

namespace indicheck::cli {

namespace {

const char* review_usage() {
  return tr(
      "用法：indicheck review init [PATH...] --out review.xlsx|review.csv [选项]\n"
      "评估报告（默认 corpus/），写出人工复核表：每个单位-年度 × 指标一行，含机器判定、\n"
      "分值、最佳引文或接近的句子，以及待填写的 复核结论、说明、复核人、日期 列。\n"
      "填好后用 evaluate --review review.csv 计入得分和排名（见 docs/review.md）。\n\n",
      "Usage: indicheck review init [PATH...] --out review.xlsx|review.csv [OPTIONS]\n"
      "Evaluate reports (default corpus/) and write the review sheet (人工复核表): one row per\n"
      "unit-year × item, with the machine state, the points, the best quote or the nearest\n"
      "sentences, and the columns to fill in: 复核结论, 说明, 复核人, 日期 (decision, note,\n"
      "reviewer, date). Once filled in, indicheck evaluate --review review.csv counts it in the\n"
      "scores and ranks (docs/review.md).\n\n");
}

int review_usage_error(const std::string& message) {
  std::cerr << "indicheck review: error[usage]: " << message
            << tr("（运行 indicheck review init --help 查看用法）\n",
                  " (run 'indicheck review init --help')\n");
  return kExitInput;
}

}  // namespace

int run_review(const Args& args) {
  if (args.empty() || (args[0] != "init" && args[0] != "--help" && args[0] != "-h"))
    return review_usage_error(tr("需要子命令 init", "expected the subcommand init"));
  PipelineOptions options;
  std::string out;
  po::options_description desc;
  desc.add_options()("help,h", tr("显示帮助", "show this help"))(
      "out,o", po::value<std::string>(&out),
      tr("复核表文件：.xlsx，或 .csv（UTF-8 带 BOM，Excel/WPS 可直接打开）",
         "the review sheet: .xlsx, or .csv (UTF-8 with a BOM, opens as is in Excel/WPS)"))(
      "rules", po::value<std::vector<std::string>>(&options.rules_paths),
      tr("规则文件或目录（可重复；默认 rules/）",
         "rule file or directory (repeatable; default rules/)"))(
      "profile", po::value<std::string>(&options.profile_path),
      tr("评分方案（YAML）", "profile (YAML)"))(
      "framework", po::value<std::string>(&options.framework_override),
      tr("指定纲要 id", "framework id to score every report against"))(
      "manifest", po::value<std::string>(&options.manifest_path),
      tr("单位/年度清单 CSV", "CSV of units and years (as evaluate --manifest)"))(
      "encoding", po::value<std::string>(&options.encoding),
      tr("强制报告编码", "force the reports' encoding"))(
      "review", po::value<std::string>(&options.review_path),
      tr("已有的复核文件：其结论预先填入新表（规则或报告更新后重新出表）",
         "an earlier review file: its decisions are filled into the new sheet (a new sheet after "
         "the rules or reports changed)"));
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>(&options.inputs));
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map vm;
  const Args rest(args.begin() + 1, args.end());
  if (args[0] != "init") {
    std::cout << review_usage();
    print_options(std::cout, desc, tr("选项", "Options"));
    return kExitOk;
  }
  if (const std::string usage = parse_arguments(rest, desc, hidden, positional, vm); !usage.empty())
    return review_usage_error(usage);
  if (vm.count("help")) {
    std::cout << review_usage();
    print_options(std::cout, desc, tr("选项", "Options"));
    return kExitOk;
  }
  if (out.empty())
    return review_usage_error(
        tr("需要 --out 文件名（.xlsx 或 .csv）", "--out FILE is needed (.xlsx or .csv)"));
  use_default_paths(options);
  options.jobs = 0;
  PipelineResult result;
  const int rc = run_pipeline(options, result);
  std::vector<Diagnostic> errors;
  for (const auto& d : result.diagnostics)
    if (d.severity == Severity::kError) errors.push_back(d);
  print_diagnostics(errors);
  if (rc != kExitOk) return rc;
  std::vector<Diagnostic> write_diags;
  if (!write_review_sheet(result.evaluation, out, write_diags)) {
    print_diagnostics(write_diags);
    return kExitInput;
  }
  std::size_t rows = review_sheet_rows(result.evaluation).size() - 1;
  std::cerr << fmt::format("indicheck: 已写出复核表 {}（{} 行）\n", out, rows);
  return kExitOk;
}

}  // namespace indicheck::cli
