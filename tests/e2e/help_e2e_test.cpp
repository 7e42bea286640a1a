// Help texts and usage errors speak the CLI's language (docs/cli.md, "Language"): Chinese by
// default (LANG=C.UTF-8 with LC_ALL and LC_MESSAGES unset), English under LC_MESSAGES=en_US.UTF-8
// or --lang en; option names, error codes and exit codes are the same in both. The Chinese option
// tables are wrapped by display width, so they stay valid UTF-8 within 80 columns.
#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "e2e_util.h"
#include "indicheck/utf8.h"

using namespace e2e;

namespace {

const std::string kZh = "env -u CI -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 ";
const std::string kEn = "env -u CI -u LC_ALL LC_MESSAGES=en_US.UTF-8 ";

Run run_indicheck(const std::string& env, const std::vector<std::string>& args) {
  std::string cmd = env + quote_arg(INDICHECK_BINARY);
  for (const auto& a : args) cmd += " " + quote_arg(a);
  return run(cmd);
}

std::string joined(const std::vector<std::string>& args) {
  std::string s;
  for (const auto& a : args) s += (s.empty() ? "" : " ") + a;
  return s;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Whether `s` is well-formed UTF-8; `columns` gets its widest line in terminal columns (a CJK
// character or full-width form is two).
bool valid_utf8(const std::string& s, std::size_t& columns) {
  columns = 0;
  if (!indicheck::valid_utf8(s)) return false;
  std::size_t line = 0;
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = 0;
    i += indicheck::decode_utf8(s, i, c);
    line = c == '\n' ? 0 : line + indicheck::display_width(c);
    columns = std::max(columns, line);
  }
  return true;
}

// Every command's --help, including each weights method and both review forms.
const std::vector<std::vector<std::string>> kHelps = {
    {"--help"},
    {"evaluate", "--help"},
    {"render", "--help"},
    {"parse", "--help"},
    {"explain", "--help"},
    {"rules", "--help"},
    {"weights", "--help"},
    {"weights", "ahp", "--help"},
    {"weights", "entropy", "--help"},
    {"weights", "critic", "--help"},
    {"weights", "fit", "--help"},
    {"sensitivity", "--help"},
    {"review", "--help"},
    {"review", "init", "--help"},
    {"history", "--help"},
};

// The commands whose options Boost parses: an unknown option is a usage error in each.
const std::vector<std::vector<std::string>> kParsed = {
    {"evaluate"},          {"render"},         {"parse"},          {"explain"},
    {"rules", "check"},    {"weights", "ahp"}, {"weights", "fit"}, {"weights", "entropy"},
    {"weights", "critic"}, {"sensitivity"},    {"review", "init"},
};

}  // namespace

TEST_CASE("every --help is Chinese by default and English under an English locale", "[e2e][help]") {
  for (const auto& args : kHelps) {
    INFO(joined(args));
    const Run zh = run_indicheck(kZh, args);
    INFO(zh.out);
    CHECK(zh.status == 0);
    CHECK(contains(zh.out, "用法"));
    CHECK_FALSE(contains(zh.out, "Usage:"));
    CHECK_FALSE(contains(zh.out, "Options"));
    CHECK_FALSE(contains(zh.out, "show this help"));
    CHECK_FALSE(contains(zh.out, "show help"));
    std::size_t columns = 0;
    CHECK(valid_utf8(zh.out, columns));
    CHECK(columns <= 100);

    const Run en = run_indicheck(kEn, args);
    INFO(en.out);
    CHECK(en.status == 0);
    CHECK(contains(en.out, "Usage"));
    CHECK_FALSE(contains(en.out, "用法"));
    CHECK_FALSE(contains(en.out, "选项"));
    CHECK(valid_utf8(en.out, columns));

    // --lang wins over the environment, both ways.
    const Run forced_en = run_indicheck(kZh, [&] {
      std::vector<std::string> a{"--lang", "en"};
      a.insert(a.end(), args.begin(), args.end());
      return a;
    }());
    CHECK(forced_en.out == en.out);
    const Run forced_zh = run_indicheck(kEn, [&] {
      std::vector<std::string> a = args;
      a.insert(a.end(), {"--lang", "zh"});
      return a;
    }());
    CHECK(forced_zh.out == zh.out);
  }
}

TEST_CASE("the option tables keep their columns in Chinese", "[e2e][help]") {
  const Run zh = run_indicheck(kZh, {"evaluate", "--help"});
  const Run en = run_indicheck(kEn, {"evaluate", "--help"});
  REQUIRE(zh.status == 0);
  REQUIRE(en.status == 0);
  CHECK(contains(zh.out, "\n选项：\n  -h [ --help ]"));
  CHECK(contains(en.out, "\nOptions:\n  -h [ --help ]"));
  CHECK(contains(zh.out, "输出目录"));
  CHECK(contains(zh.out, "工作线程数（0 = 全部核心）"));
  CHECK(contains(en.out, "  -o [ --out ] arg (=out)"));
  CHECK(contains(zh.out, "  -o [ --out ] arg (=out)"));
  // Every option of the English table is listed in the Chinese one, in the same order.
  std::size_t at = 0;
  for (const std::string option : {"--help", "--rules", "--manifest", "--out", "--jobs",
                                   "--gap-units", "--edition", "--quiet", "--stats"}) {
    INFO(option);
    at = zh.out.find("[ " + option + " ]", at) != std::string::npos
             ? zh.out.find("[ " + option + " ]", at)
             : zh.out.find("  " + option + " ", at);
    CHECK(at != std::string::npos);
    if (at == std::string::npos) break;
  }
  // A wrapped description goes on under its column, never with closing punctuation first.
  std::istringstream lines(zh.out);
  for (std::string line; std::getline(lines, line);) {
    INFO(line);
    const std::size_t text = line.find_first_not_of(' ');
    if (text == std::string::npos) continue;
    for (const std::string closing : {"，", "。", "、", "；", "）", "”"})
      CHECK(line.compare(text, closing.size(), closing) != 0);
  }
}

TEST_CASE("usage errors are Chinese by default and English under an English locale; codes stay",
          "[e2e][help]") {
  for (const auto& command : kParsed) {
    std::vector<std::string> args = command;
    args.push_back("--no-such-option");
    INFO(joined(args));
    const Run zh = run_indicheck(kZh, args);
    INFO(zh.out);
    CHECK(zh.status == 2);
    CHECK(contains(zh.out, "error[usage]: 无法识别的选项 --no-such-option"));
    CHECK_FALSE(contains(zh.out, "unrecognised"));
    CHECK_FALSE(contains(zh.out, "Usage"));
    const Run en = run_indicheck(kEn, args);
    INFO(en.out);
    CHECK(en.status == 2);
    CHECK(contains(en.out, "error[usage]: unrecognised option '--no-such-option'"));
    CHECK_FALSE(contains(en.out, "无法识别"));
  }
  // Values Boost cannot read, and values the command refuses.
  struct Case {
    std::vector<std::string> args;
    std::string zh, en;
  };
  const std::vector<Case> cases = {
      {{"evaluate", "--jobs", "many"},
       "indicheck evaluate: error[usage]: 选项 --jobs 的取值“many”无效（运行 indicheck evaluate "
       "--help 查看用法）\n",
       "indicheck evaluate: error[usage]: the argument ('many') for option '--jobs' is invalid "
       "(run 'indicheck evaluate --help')\n"},
      {{"evaluate", "--jobs", "-1"},
       "indicheck evaluate: error[usage]: --jobs 须为 0 或更大（运行 indicheck evaluate --help "
       "查看用法）\n",
       "indicheck evaluate: error[usage]: --jobs must be 0 or more (run 'indicheck evaluate "
       "--help')\n"},
      {{"evaluate", "--out"},
       "indicheck evaluate: error[usage]: 选项 --out 缺少取值（运行 indicheck evaluate --help "
       "查看用法）\n",
       "indicheck evaluate: error[usage]: the required argument for option '--out' is missing "
       "(run 'indicheck evaluate --help')\n"},
      {{"render"},
       "indicheck render: error[usage]: 请指定要重新生成的 results.json（运行 indicheck render "
       "--help 查看用法）\n",
       "indicheck render: error[usage]: name the results.json to render (run 'indicheck render "
       "--help')\n"},
      {{"parse"},
       "indicheck parse: error[usage]: 没有指定输入文件（运行 indicheck parse --help 查看用法）\n",
       "indicheck parse: error[usage]: no input files (run 'indicheck parse --help')\n"},
      {{"weights", "ahp"},
       "indicheck weights ahp: error[usage]: 缺少两两比较判断矩阵文件 FILE（运行 indicheck "
       "weights ahp --help 查看用法）\n",
       "indicheck weights ahp: error[usage]: missing the pairwise matrix FILE (run 'indicheck "
       "weights ahp --help')\n"},
      {{"weights", "delphi"},
       "indicheck weights: error[usage]: 未知的方法“delphi”（可用 ahp、entropy、critic、fit）"
       "（运行 indicheck weights --help 查看用法）\n",
       "indicheck weights: error[usage]: unknown method 'delphi' (ahp, entropy, critic, fit) "
       "(run 'indicheck weights --help')\n"},
      {{"sensitivity", "--draws", "0"},
       "indicheck sensitivity: error[usage]: --draws 须在 1 到 100000 之间（运行 indicheck "
       "sensitivity --help 查看用法）\n",
       "indicheck sensitivity: error[usage]: --draws must be between 1 and 100000 (run "
       "'indicheck sensitivity --help')\n"},
      {{"review"},
       "indicheck review: error[usage]: 需要子命令 init（运行 indicheck review init --help "
       "查看用法）\n",
       "indicheck review: error[usage]: expected the subcommand init (run 'indicheck review "
       "init --help')\n"},
      {{"frobnicate"},
       "indicheck: error[usage]: 未知命令“frobnicate”（运行 indicheck --help 查看用法）\n",
       "indicheck: error[usage]: unknown command 'frobnicate' (run 'indicheck --help')\n"},
  };
  for (const auto& c : cases) {
    INFO(joined(c.args));
    const Run zh = run_indicheck(kZh, c.args);
    CHECK(zh.status == 2);
    CHECK(zh.out == c.zh);
    const Run en = run_indicheck(kEn, c.args);
    CHECK(en.status == 2);
    CHECK(en.out == c.en);
  }
  // Usage errors that print the command's usage after the message.
  const Run rules_zh = run_indicheck(kZh, {"rules", "frob"});
  CHECK(rules_zh.status == 2);
  CHECK(contains(rules_zh.out,
                 "indicheck: error[usage]: 需要子命令 check、test、lint 或 list\n"
                 "用法：indicheck rules"));
  const Run rules_en = run_indicheck(kEn, {"rules", "frob"});
  CHECK(rules_en.status == 2);
  CHECK(contains(rules_en.out,
                 "indicheck: error[usage]: expected check, test, lint or list\n"
                 "Usage: indicheck rules"));
  const Run history_zh = run_indicheck(kZh, {"history", "h.db"});
  CHECK(history_zh.status == 2);
  CHECK(contains(history_zh.out, "indicheck history: error[usage]: 参数有误\n用法："));
  const Run history_en = run_indicheck(kEn, {"history", "h.db"});
  CHECK(history_en.status == 2);
  CHECK(contains(history_en.out, "indicheck history: error[usage]: wrong arguments\nUsage: "));
  // No command at all: the command list on stderr, exit 2.
  const Run bare_zh = run_indicheck(kZh, {});
  CHECK(bare_zh.status == 2);
  CHECK(contains(bare_zh.out, "用法：indicheck <命令>"));
  const Run bare_en = run_indicheck(kEn, {});
  CHECK(bare_en.status == 2);
  CHECK(contains(bare_en.out, "Usage: indicheck COMMAND"));
}
