// The `rules` and `explain` commands, run as a user would (exit codes and exact lines).
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

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Run run(const std::string& args) {
  static int counter = 0;
  const fs::path base = fs::temp_directory_path() / ("indicheck-cli-" + std::to_string(getpid()) +
                                                     "-" + std::to_string(counter++));
  const std::string cmd = std::string("cd ") + INDICHECK_SOURCE_DIR + " && " + INDICHECK_BINARY +
                          " " + args + " >" + base.string() + ".out 2>" + base.string() + ".err";
  Run r;
  const int status = std::system(cmd.c_str());
  r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(base.string() + ".out");
  r.err = read_file(base.string() + ".err");
  fs::remove(base.string() + ".out");
  fs::remove(base.string() + ".err");
  return r;
}

struct TempRules {
  fs::path dir = fs::temp_directory_path() / ("indicheck-cli-rules-" + std::to_string(getpid()));
  TempRules() { fs::create_directories(dir); }
  ~TempRules() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir / name, std::ios::binary) << text;
    return (dir / name).string();
  }
};

const std::string kHead = "framework:\n  id: t\n  title: x\n  kind: supplement\nnodes:\n";

}  // namespace

TEST_CASE("rules check passes on the shipped rules", "[cli]") {
  const Run r = run("rules check rules/");
  CHECK(r.exit == 0);
  CHECK(r.out.rfind("ok: ", 0) == 0);
  CHECK(r.err.empty());
}

TEST_CASE("rules check exits 2 with the diagnostic line on a broken file", "[cli]") {
  TempRules t;
  const std::string path =
      t.write("framework.yaml", kHead +
                                    "  - id: \"1\"\n    title: x\n    wieght: 2\n"
                                    "    check: {terms: {a: [x]}}\n");
  const Run r = run("rules check " + path);
  CHECK(r.exit == 2);
  CHECK(r.err ==
        path +
            ":8:5: error[unknown-key]: unknown key \"wieght\" in node; did you mean \"weight\"?\n");
}

TEST_CASE("rules test passes on the shipped rules and fails on a wrong example", "[cli]") {
  Run r = run("rules test");
  CHECK(r.exit == 0);
  CHECK(r.out.find(" 0 failed (0 leaves failing)") != std::string::npos);
  TempRules t;
  const std::string path =
      t.write("framework.yaml",
              kHead +
                  "  - id: \"1\"\n    title: x\n    check: {terms: {a: [三项制度]}}\n"
                  "    examples: {match: [落实三项制度。], no_match: [巩固三项制度。]}\n");
  r = run("rules test " + path);
  CHECK(r.exit == 1);
  CHECK(r.out == "FAIL t 1 x\n  " + path +
                     ":6:5: expected no match, got met: 巩固三项制度。\n"
                     "       “三项制度” mentioned in the “measures and results” part (line 1)\n"
                     "2 examples in 1 leaves: 1 passed, 1 failed (1 leaves failing)\n");
}

TEST_CASE("rules list prints the tree with weights", "[cli]") {
  const Run r = run("rules list rules/report-structure");
  CHECK(r.exit == 0);
  CHECK(r.out.find("report-structure  法治政府建设年度报告应当包括的内容（督察工作规定第二十五条） "
                   " [supplement]\n") == 0);
  CHECK(r.out.find("\n  2  存在的不足和原因  weight 1 (20.0%)  required\n") != std::string::npos);
  CHECK(r.out.find("\n  5  其他需要报告的情况  weight 1 (20.0%)\n") != std::string::npos);
}

TEST_CASE("rules lint warns about short terms, missing examples, overlap, unseen terms", "[cli]") {
  TempRules t;
  const std::string path = t.write(
      "framework.yaml", kHead +
                            "  - id: \"1\"\n    title: x\n    check: {terms: {a: [法, 量子纠缠]}}\n"
                            "  - id: \"2\"\n    title: y\n    check: {terms: {b: [量子纠缠, 法]}}\n"
                            "    examples: {match: [量子纠缠]}\n");
  const Run r = run("rules lint " + path + " --corpus corpus");
  CHECK(r.exit == 0);
  CHECK(
      r.err ==
      path + ":6:5: warning[no-examples]: leaf \"1\" has no examples\n" + path +
          ":8:21: warning[short-term]: single-character term \"法\" in selection \"a\" of \"1\" "
          "matches almost anything\n" +
          path +
          ":8:21: warning[unseen-term]: term \"量子纠缠\" of \"1\" never occurs in the corpus\n" +
          path + ":9:5: warning[no-examples]: leaf \"2\" has no no_match examples\n" + path +
          ":11:21: warning[unseen-term]: term \"量子纠缠\" of \"2\" never occurs in the corpus\n" +
          path +
          ":11:21: warning[short-term]: single-character term \"法\" in selection \"b\" of \"2\" "
          "matches almost anything\n" +
          path +
          ":9:5: warning[overlapping-terms]: leaves \"1\" and \"2\" share 2 of 2 distinct terms\n");
  CHECK(r.out == "7 warning(s)\n");
}

TEST_CASE("rules lint names terms so frequent in the corpus that they say little alone", "[cli]") {
  TempRules t;
  // 法治 is in nearly every sentence of the bundled reports (~3,900 times per MB); 量子纠缠 in
  // none.
  const std::string path =
      t.write("framework.yaml",
              kHead +
                  "  - id: \"1\"\n    title: x\n    check: {terms: {a: [法治, 量子纠缠]}}\n"
                  "    examples: {match: [法治], no_match: [量子]}\n"
                  "  - id: \"2\"\n    title: y\n    check: {terms: {b: [法治]}}\n"
                  "    examples: {match: [法治], no_match: [量子]}\n");
  const Run r = run("rules lint " + path + " --corpus corpus");
  CHECK(r.exit == 0);
  INFO(r.err);
  // One warning for the term, at its first use, counting both selections.
  const std::string expected =
      path +
      ":8:21: warning[frequent-term]: term \"法治\" of \"1\" (2 selection(s) use it) occurs ";
  const auto at = r.err.find(expected);
  REQUIRE(at != std::string::npos);
  const double per_mb = std::stod(r.err.substr(at + expected.size()));
  CHECK(per_mb > 3000);
  CHECK(per_mb < 5000);
  CHECK(r.err.find("frequent-term", at + expected.size()) == std::string::npos);
  CHECK(r.err.find("term \"量子纠缠\" of \"1\" never occurs") != std::string::npos);
  // Without --corpus there is nothing to count.
  CHECK(run("rules lint " + path).err.find("frequent-term") == std::string::npos);
}

TEST_CASE("rules lint names a regex without regex syntax, which belongs under terms", "[cli]") {
  TempRules t;
  const std::string path = t.write(
      "framework.yaml",
      kHead +
          "  - id: \"1\"\n    title: x\n    check: {regex: {a: [量子纠缠, '量子[^。]{0,3}纠缠']}}\n"
          "    examples: {match: [量子纠缠], no_match: [量子]}\n");
  const Run r = run("rules lint " + path);
  CHECK(r.exit == 0);
  CHECK(r.err ==
        path +
            ":8:21: warning[literal-regex]: regex \"量子纠缠\" in selection \"a\" of \"1\" "
            "has no regex syntax; list it under terms\n");
  CHECK(r.out == "1 warning(s)\n");
}

TEST_CASE("explain shows state, reason and quoted sentences with line and role", "[cli]") {
  const Run r = run("explain corpus/xiangcheng-2021.txt --item 2 --framework report-structure");
  CHECK(r.exit == 0);
  CHECK(r.out.find("  state:  met\n") != std::string::npos);
  CHECK(r.out.find(
            "  reason: “问题” (or similar) mentioned in the “shortcomings” part (line 41)\n") !=
        std::string::npos);
  CHECK(r.out.find("  corpus/xiangcheng-2021.txt:41:1 [shortcomings, credit]") !=
        std::string::npos);
  const Run bad = run("explain corpus/xiangcheng-2021.txt --item 9.9 --framework report-structure");
  CHECK(bad.exit == 2);
  CHECK(bad.err ==
        "indicheck: error[unknown-id]: no item \"9.9\" in the framework(s) that apply to this "
        "report\n");
}
