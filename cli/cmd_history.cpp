// `indicheck history FILE.db runs|units|unit NAME|diff RUN_A RUN_B`: reads the run history
// `evaluate --history FILE.db` appends to (docs/history.md). Exit codes: 0 printed; 2 bad
// arguments, a missing or unreadable database, an unknown unit or run (docs/cli.md).
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "commands.h"
#include "common.h"
#include "indicheck/history.h"

namespace indicheck::cli {

namespace {

const char* history_usage() {
  return tr(
      "用法：indicheck history FILE.db runs               列出历次运行\n"
      "      indicheck history FILE.db units              列出单位及其年度\n"
      "      indicheck history FILE.db unit 单位名        单位历年得分、排名、指标得失（▲/▼）\n"
      "      indicheck history FILE.db diff 运行A 运行B   两次运行的差异（运行编号，或 "
      "latest、previous）\n"
      "历史由 indicheck evaluate --history FILE.db 写入（docs/history.md）。\n",
      "Usage: indicheck history FILE.db runs               list the runs\n"
      "       indicheck history FILE.db units              list the units and their years\n"
      "       indicheck history FILE.db unit NAME          scores, ranks, items won/lost (▲/▼) "
      "by year\n"
      "       indicheck history FILE.db diff RUN_A RUN_B   two runs compared (run number, latest "
      "or previous)\n"
      "The history is written by indicheck evaluate --history FILE.db (docs/history.md).\n");
}

}  // namespace

int run_history(const Args& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << history_usage();
    return kExitOk;
  }
  const bool ok_shape =
      args.size() >= 2 &&
      ((args[1] == "runs" && args.size() == 2) || (args[1] == "units" && args.size() == 2) ||
       (args[1] == "unit" && args.size() == 3) || (args[1] == "diff" && args.size() == 4));
  if (!ok_shape) {
    std::cerr << tr("indicheck history: error[usage]: 参数有误\n",
                    "indicheck history: error[usage]: wrong arguments\n")
              << history_usage();
    return kExitInput;
  }
  const std::string& path = args[0];
  std::vector<Diagnostic> diags;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    print_diagnostics({make_error(path, "not-found", "历史数据库不存在")});
    return kExitInput;
  }
  auto db = HistoryDb::open(path, diags);
  std::optional<std::string> text;
  if (db) {
    if (args[1] == "runs") text = history_runs_text(*db, diags);
    if (args[1] == "units") text = history_units_text(*db, diags);
    if (args[1] == "unit") text = history_unit_text(*db, args[2], diags);
    if (args[1] == "diff") text = history_diff_text(*db, args[2], args[3], diags);
  }
  print_diagnostics(diags);
  if (!text) return kExitInput;
  std::cout << *text;
  return kExitOk;
}

}  // namespace indicheck::cli
