// `rules lint --near-misses`, `--collisions` and `--anchors` on a hand-made corpus in a temp
// dir, run as a user would: exact lines and exit codes.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

struct Run {
  int exit = -1;
  std::string out, err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Run run(const std::string& args) {
  static int counter = 0;
  const fs::path base = fs::temp_directory_path() / ("indicheck-lint-" + std::to_string(getpid()) +
                                                     "-" + std::to_string(counter++));
  const std::string cmd = std::string("cd ") + INDICHECK_SOURCE_DIR + " && " + INDICHECK_BINARY +
                          " " + args + " >" + base.string() + ".out 2>" + base.string() + ".err";
  Run r;
  const int status = std::system(cmd.c_str());
  r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(base.string() + ".out");
  r.err = slurp(base.string() + ".err");
  fs::remove(base.string() + ".out");
  fs::remove(base.string() + ".err");
  return r;
}

// A rule pack and a corpus of one report, removed at the end of the test.
struct Corpus {
  fs::path dir = fs::temp_directory_path() / ("indicheck-lint-corpus-" + std::to_string(getpid()));
  Corpus() {
    fs::remove_all(dir);
    fs::create_directories(dir / "rules");
    fs::create_directories(dir / "reports");
  }
  ~Corpus() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name, std::ios::binary) << text;
    return (dir / name).string();
  }
};

// Section 1 (法律顾问) has the anchor 顾问 (法律顾问, 顾问单位); section 2 (行政复议) has 复议
// (行政复议, 复议案件). 法律, 单位, 行政, 案件, 聘请 start or end a single term: no anchors.
const std::string kRules = R"(framework:
  id: t
  title: 测试
  kind: indicators
  years: [2021, 2025]
nodes:
  - id: "1"
    title: 法律顾问
    children:
      - id: "1.1"
        title: 聘请法律顾问
        check:
          terms: {adviser: [法律顾问, 顾问单位], hire: [聘请]}
          condition: adviser and hire
  - id: "2"
    title: 行政复议
    children:
      - id: "2.1"
        title: 办理复议案件
        check:
          terms: {review: [行政复议, 复议案件]}
)";

// Lines 4 and 6 hold an anchor no leaf of their section accepts; line 8 is a shortcoming.
const std::string kReport =
    "某县2022年法治政府建设情况报告\n"
    "一、主要举措和成效\n"
    "（一）聘任工作。聘请法律顾问三名。\n"
    "顾问团队参与合同审查。\n"
    "（二）办案工作。办理行政复议案件12件。行政复议委员会召开会议。行政复议委员会审议重大案件。\n"
    "复议机构坚持公开。\n"
    "二、存在的问题\n"
    "顾问作用发挥不够。\n"
    "三、下一步工作安排\n"
    "继续做好复议工作。\n";

}  // namespace

TEST_CASE("rules lint --near-misses lists anchor sentences no leaf of the section accepts",
          "[cli]") {
  Corpus c;
  const std::string rules = c.write("rules/framework.yaml", kRules);
  const std::string report = c.write("reports/a.txt", kReport);
  const Run r = run("rules lint " + rules + " --near-misses " + (c.dir / "reports").string());
  CHECK(r.err.empty());
  CHECK(r.exit == 0);
  CHECK(r.out ==
        "near misses: 2 sentence(s) in 2 section(s), 1 report(s)\n"
        "(achievements sentences holding an anchor of a section that no leaf of the section "
        "accepts; anchor near misses/sentences holding it)\n"
        "\nt 1  法律顾问  1 sentence(s)\n  anchors: 顾问 1/2\n  " +
            report +
            ":4:1: 顾问团队参与合同审查。\n"
            "\nt 2  行政复议  1 sentence(s)\n  anchors: 复议 1/4\n  " +
            report + ":6:1: 复议机构坚持公开。\n");
}

TEST_CASE("rules lint --max-examples 0 keeps the counts and drops the examples", "[cli]") {
  Corpus c;
  const std::string rules = c.write("rules/framework.yaml", kRules);
  c.write("reports/a.txt", kReport);
  const Run r = run("rules lint " + rules + " --max-examples 0 --near-misses " +
                    (c.dir / "reports").string());
  CHECK(r.exit == 0);
  CHECK(r.out.find("\nt 2  行政复议  1 sentence(s)\n  anchors: 复议 1/4\n") != std::string::npos);
  CHECK(r.out.find(":6:1:") == std::string::npos);
}

TEST_CASE("rules lint --collisions lists a term's closed containing compounds", "[cli]") {
  Corpus c;
  const std::string rules = c.write("rules/framework.yaml", kRules);
  c.write("reports/a.txt", kReport);
  const Run r = run("rules lint " + rules + " --min-occurrences 2 --collisions " +
                    (c.dir / "reports").string());
  CHECK(r.err.empty());
  CHECK(r.exit == 0);
  // 行政复议委员会 twice; 行政复议委 and 行政复议委员 always continue the same way and give way
  // to it; 办理行政复议 and the 4-character right contexts occur once.
  CHECK(r.out ==
        "collisions: 1 term(s) seen at least 2 times in 1 report(s), with their most frequent "
        "containing compounds\n"
        "行政复议  3 occurrence(s), t 2.1: 行政复议委员会 2\n");
}

TEST_CASE("rules lint --anchors prints every section's anchors", "[cli]") {
  Corpus c;
  const std::string rules = c.write("rules/framework.yaml", kRules);
  const Run r = run("rules lint " + rules + " --anchors");
  CHECK(r.exit == 0);
  CHECK(r.out == "t 1  法律顾问: 顾问\nt 2  行政复议: 复议\n");
}

TEST_CASE("rules lint --anchors drops a pair that heads terms of three sections", "[cli]") {
  Corpus c;
  std::string rules_text =
      "framework: {id: t, title: x, kind: indicators, years: [2021, 2025]}\nnodes:\n";
  for (const char* id : {"1", "2", "3"})
    rules_text += std::string("  - id: \"") + id + "\"\n    title: s" + id +
                  "\n    children:\n      - id: \"" + id +
                  ".1\"\n        title: l\n        check: {terms: {a: [工作机制" + id +
                  "号, 工作制度" + id + "号]}}\n";
  const Run r = run("rules lint " + c.write("rules/framework.yaml", rules_text) + " --anchors");
  CHECK(r.exit == 0);
  CHECK(r.out == "t 1  s1: (none)\nt 2  s2: (none)\nt 3  s3: (none)\n");
}

TEST_CASE("rules lint --near-misses on a missing corpus exits 2 with not-found", "[cli]") {
  Corpus c;
  const std::string rules = c.write("rules/framework.yaml", kRules);
  const std::string missing = (c.dir / "no-such-dir").string();
  Run r = run("rules lint " + rules + " --near-misses " + missing);
  CHECK(r.exit == 2);
  CHECK(r.out.empty());
  CHECK(r.err == missing + ": error[not-found]: no such file or directory\n");
  r = run("rules lint " + rules + " --collisions " + (c.dir / "reports").string());  // empty dir
  CHECK(r.exit == 2);
  CHECK(r.err ==
        (c.dir / "reports").string() + ": warning[empty-directory]: directory holds no files\n" +
            (c.dir / "reports").string() + ": error[no-input]: no report files to lint against\n");
}
