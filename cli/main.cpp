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

constexpr const char* kUsage = R"(indicheck: score 法治政府建设 reports against indicator checklists

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
)";

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
    std::cerr << kUsage;
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
      std::cerr << "indicheck: error[usage]: --lang takes zh or en, not '" << value << "'\n";
      return kExitInput;
    }
    cli::set_ui_lang(lang);
  }
  if (rest.empty()) {
    std::cerr << kUsage;
    return kExitInput;
  }
  const std::string command = rest[0];
  cli::Args args(rest.begin() + 1, rest.end());
  try {
    if (command == "-h" || command == "--help" || command == "help") {
      std::cout << kUsage;
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
    std::cerr << "indicheck: error[usage]: unknown command '" << command
              << "' (run 'indicheck --help')\n";
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
