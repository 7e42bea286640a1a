// indicheck: compliance scoring of 法治政府建设 annual reports against indicator checklists.
//
// Dispatches to subcommands. Any exception that escapes a subcommand is a bug in Indicheck,
// not bad input (bad input is reported as diagnostics): it exits with kExitInternal.
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "commands.h"
#include "common.h"
#include "indicheck/diagnostic.h"
#include "indicheck/messages.h"

namespace {

// The command list of `indicheck --help`, in the CLI's language (cli::ui_lang()).
const char* usage() {
  return indicheck::cli::tr(
      R"(indicheck：对照指标清单为法治政府建设年度报告评分

用法：indicheck <命令> [选项] [参数]

命令：
  evaluate [PATH...]       对照 rules/ 评估报告（默认 corpus/），写入 out/
  render RESULTS.json      由 results.json 重新生成输出（可换格式、版本、语言）
  parse FILE...            显示报告的元数据、结构和各部分角色
  explain FILE --item ID   逐句说明某一项为何得到这一判定
  rules check|test|lint|list [PATH...]
                           校验规则、运行规则示例、检查规则、列出指标树
  weights ahp|entropy|critic|fit ...
                           计算权重并写成评分方案
  sensitivity              权重变动时排名的稳定性
  review init --out F.csv  写出人工复核表；填好后用 evaluate --review F 计入
  history FILE.db ...      运行历史：runs、units、unit 单位名、diff 运行A 运行B
  version                  显示版本号

全局选项：--lang zh|en  消息和输出文件的语言（默认：消息随 LANG 等环境变量，
                        输出文件为中文）
各命令的选项见 indicheck <命令> --help。
退出码：0 成功，1 有发现（低于 --fail-under、规则示例未通过），
2 输入或规则有误，3 内部错误。详见 docs/cli.md。
)",
      R"(indicheck: score 法治政府建设 reports against indicator checklists

Usage: indicheck COMMAND [OPTIONS] [ARGS]

Commands:
  evaluate [PATH...]       evaluate reports (default corpus/) against rules/, write out/
  render RESULTS.json      write a saved run's outputs again (other formats, edition, lang)
  parse FILE...            show a report's metadata, outline and roles
  explain FILE --item ID   why an item got its state, sentence by sentence
  rules check|test|lint|list [PATH...]
                           validate rules, run their examples, lint, list the tree
  weights ahp|entropy|critic|fit ...
                           derive weights and write them as a profile
  sensitivity              how stable the ranking is when the weights move
  review init --out F.csv  write the review sheet (人工复核表) to fill in; evaluate --review F
  history FILE.db ...      run history: runs, units, unit NAME, diff RUN_A RUN_B
  version                  print the version

Global option: --lang zh|en  language of messages and outputs (default: messages follow LANG,
                            output files are Chinese)
Run 'indicheck COMMAND --help' for a command's options.
Exit codes: 0 ok, 1 findings (below --fail-under, failing examples), 2 bad input or rules,
3 internal error. See docs/cli.md.
)");
}

}  // namespace

// Tesseract's LSTM runs its loops on 4 OpenMP threads. With --jobs workers on a 2-core machine
// they only spin against each other: one page took 21 s wall and 11.6 CPU s, against 5.7 s and
// 2.9 CPU s on one thread. libgomp reads OMP_THREAD_LIMIT when it is loaded, before main, so a
// run with --ocr restarts itself once with the limit set (unless the user set it).
static void limit_ocr_threads(char** argv) {
  bool ocr = false;
  for (char** a = argv + 1; *a; ++a) ocr = ocr || std::string_view(*a) == "--ocr";
  if (!ocr || std::getenv("OMP_THREAD_LIMIT")) return;
  ::setenv("OMP_THREAD_LIMIT", "1", 1);
  ::execv("/proc/self/exe", argv);  // returns only on failure: then go on with more threads
}

int main(int argc, char** argv) {
  using namespace indicheck;
  limit_ocr_threads(argv);
  if (argc < 2) {
    std::cerr << usage();
    return kExitInput;
  }
  // --lang zh|en (or --lang=zh) anywhere: taken out before the command sees its arguments.
  cli::Args all(argv + 1, argv + argc);
  cli::Args rest;
  for (std::size_t i = 0; i < all.size(); ++i) {
    std::string value;
    if (all[i] == "--lang" && i + 1 < all.size()) {
      value = all[++i];
    } else if (all[i].starts_with("--lang=")) {
      value = all[i].substr(7);
    } else {
      rest.push_back(all[i]);
      continue;
    }
    Lang lang = Lang::kZh;
    if (!parse_lang(value, lang)) {
      std::cerr << cli::tr("indicheck: error[usage]: --lang 只接受 zh 或 en，不接受“{}”\n",
                           "indicheck: error[usage]: --lang takes zh or en, not '{}'\n", value);
      return kExitInput;
    }
    cli::set_ui_lang(lang);
  }
  if (rest.empty()) {
    std::cerr << usage();
    return kExitInput;
  }
  const std::string command = rest[0];
  cli::Args args(rest.begin() + 1, rest.end());
  try {
    if (command == "-h" || command == "--help" || command == "help") {
      std::cout << usage();
      return kExitOk;
    }
    if (command == "version" || command == "--version") {
      std::cout << "indicheck " << INDICHECK_VERSION << '\n';
      return kExitOk;
    }
    if (command == "parse") return cli::run_parse(args);
    if (command == "rules") return cli::run_rules(args);
    if (command == "explain") return cli::run_explain(args);
    if (command == "evaluate") return cli::run_evaluate(args);
    if (command == "render") return cli::run_render(args);
    if (command == "weights") return cli::run_weights(args);
    if (command == "sensitivity") return cli::run_sensitivity(args);
    if (command == "review") return cli::run_review(args);
    if (command == "history") return cli::run_history(args);
    std::cerr << cli::tr(
        "indicheck: error[usage]: 未知命令“{}”（运行 indicheck --help 查看用法）\n",
        "indicheck: error[usage]: unknown command '{}' (run 'indicheck --help')\n", command);
    return kExitInput;
  } catch (const std::exception& e) {
    std::cerr << "indicheck: error[internal]: " << e.what()
              << " (this is a bug in indicheck; please report it)\n";
    return kExitInternal;
  } catch (...) {
    std::cerr << "indicheck: error[internal]: unknown exception\n";
    return kExitInternal;
  }
}
