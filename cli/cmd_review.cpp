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

constexpr const char* kReviewUsage =
    "用法：indicheck review init [PATH...] --out review.xlsx|review.csv [选项]\n"
    "评估报告（默认 corpus/），写出人工复核表：每个单位-年度 × 指标一行，含机器判定、分值、\n"
    "最佳引文或接近的句子，以及待填写的 复核结论、说明、复核人、日期 列。\n"
    "填好后用 indicheck evaluate --review review.csv 计入得分和排名（docs/review.md）。\n\n";

int review_usage_error(const std::string& message) {
  std::cerr << "indicheck review: error[usage]: " << message
            << "（运行 indicheck review init --help 查看用法）\n";
  return kExitInput;
}

}  // namespace

int run_review(const Args& args) {
  if (args.empty() || (args[0] != "init" && args[0] != "--help" && args[0] != "-h"))
    return review_usage_error("需要子命令 init");
  PipelineOptions options;
  std::string out;
  po::options_description desc("选项");
  desc.add_options()("help,h", "显示帮助")(
      "out,o", po::value<std::string>(&out),
      "复核表文件：.xlsx，或 .csv（UTF-8 带 BOM，Excel/WPS 可直接打开）")(
      "rules", po::value<std::vector<std::string>>(&options.rules_paths),
      "规则文件或目录（可重复；默认 rules/）")(
      "profile", po::value<std::string>(&options.profile_path), "配置文件（YAML）")(
      "framework", po::value<std::string>(&options.framework_override), "指定框架 id")(
      "manifest", po::value<std::string>(&options.manifest_path), "单位/年度清单 CSV")(
      "encoding", po::value<std::string>(&options.encoding), "强制报告编码")(
      "review", po::value<std::string>(&options.review_path),
      "已有的复核文件：其结论预先填入新表（规则或报告更新后重新出表）");
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>(&options.inputs));
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map vm;
  const Args rest(args.begin() + 1, args.end());
  if (args[0] != "init") {
    std::cout << kReviewUsage << desc;
    return kExitOk;
  }
  if (const std::string usage = parse_arguments(rest, desc, hidden, positional, vm); !usage.empty())
    return review_usage_error(usage);
  if (vm.count("help")) {
    std::cout << kReviewUsage << desc;
    return kExitOk;
  }
  if (out.empty()) return review_usage_error("需要 --out 文件名（.xlsx 或 .csv）");
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
