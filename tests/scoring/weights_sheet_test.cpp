// AHP from a spreadsheet: the .xlsx reader (formats/xlsx.h), load_ahp_sheet, and `weights ahp`
// on .xlsx and .csv files (UTF-8 and GBK), several experts, --template. Fixtures:
// tests/scoring/data/ahp (made by make-fixtures.py: the .xlsx are zipped by hand, not by our
// writer) and two test frameworks, tests/scoring/data/mini (3 areas) and .../leader (4 areas).
//
// Published examples used:
// - 3 × 3: Saaty, T. L. (1990). How to make a decision: The Analytic Hierarchy Process.
//   European Journal of Operational Research 48, 9-26; the houses compared on "size of house",
//   [[1,6,8],[1/6,1,4],[1/8,1/4,1]]: priorities .754 .181 .065, λmax = 3.136, C.I. = 0.068,
//   C.R. = 0.117 (Saaty keeps it although above 0.1; we refuse it unless
//   --allow-inconsistent).
// - 4 × 4: the "choosing a leader" example of Wikipedia's "Analytic hierarchy process – leader
//   example" (criteria experience, education, charisma, age; [[1,4,3,7],[1/4,1,1/3,3],
//   [1/3,3,1,5],[1/7,1/3,1/5,1]]): priorities .547 .127 .270 .056, C.R. = 0.044. (Its .547 is
//   the eigenvector rounded after an approximate computation; the exact eigenvector gives
//   .5475, so we compare to within 0.001.)
#include <fmt/format.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_util.h"
#include "indicheck/formats/xlsx.h"
#include "indicheck/scoring.h"

namespace fs = std::filesystem;
using namespace indicheck;

namespace {

using scoring_test::contains;
using scoring_test::Run;
using scoring_test::scratch;
using scoring_test::slurp;

Run run_cli(const std::string& args) {
  return scoring_test::run_indicheck(args);
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

const std::string kData = "tests/scoring/data/ahp/";
const std::string kRules = "--rules tests/scoring/data/mini --rules tests/scoring/data/leader";

RuleSet test_rules() {
  std::vector<Diagnostic> diags;
  const fs::path src = INDICHECK_SOURCE_DIR;
  RuleSet rules = load_rules(
      {(src / "tests/scoring/data/mini").string(), (src / "tests/scoring/data/leader").string()},
      diags);
  REQUIRE_FALSE(has_errors(diags));
  return rules;
}

AhpResult sheet_result(const std::string& file, std::vector<std::string>& items) {
  const RuleSet rules = test_rules();
  std::vector<Diagnostic> diags;
  const auto m =
      load_ahp_sheet((fs::path(INDICHECK_SOURCE_DIR) / kData / file).string(), rules, "", diags);
  INFO(file);
  for (const auto& d : diags) INFO(d.str());
  REQUIRE(m);
  items = m->items;
  return ahp_weights(m->values);
}

double r3(double x) {
  return std::round(x * 1000) / 1000;
}

}  // namespace

TEST_CASE("xlsx reader: shared, rich and inline strings, numbers, references", "[formats]") {
  std::vector<Diagnostic> diags;
  const auto sheet = formats::read_xlsx(
      (fs::path(INDICHECK_SOURCE_DIR) / kData / "leader.xlsx").string(), "", diags);
  REQUIRE(sheet);
  CHECK(sheet->name == "判断矩阵");
  REQUIRE(sheet->rows.size() == 5);
  CHECK(sheet->rows[0] == std::vector<std::string>{"leader", "经验", "学历", "魅力", "年龄"});
  CHECK(sheet->rows[1] == std::vector<std::string>{"经验", "1", "4", "3", "7"});
  CHECK(sheet->rows[2] == std::vector<std::string>{"学历", "", "1", "1/3", "3"});
  CHECK(sheet->rows[4] == std::vector<std::string>{"年龄", "", "", "", "1"});
  const auto house = formats::read_xlsx(
      (fs::path(INDICHECK_SOURCE_DIR) / kData / "house-size.xlsx").string(), "判断矩阵", diags);
  REQUIRE(house);
  CHECK(house->rows[0][1] == "1 行政执法");  // two rich-text runs joined
  CHECK(formats::Sheet::cell_ref(0, 0) == "A1");
  CHECK(formats::Sheet::cell_ref(2, 1) == "B3");
  CHECK(formats::Sheet::cell_ref(0, 26) == "AA1");
  CHECK(formats::Sheet::cell_ref(9, 701) == "ZZ10");
  CHECK(diags.empty());

  const auto missing = formats::read_xlsx(
      (fs::path(INDICHECK_SOURCE_DIR) / kData / "leader.xlsx").string(), "没有这张表", diags);
  CHECK_FALSE(missing);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == "no-sheet");
  diags.clear();
  CHECK_FALSE(formats::read_xlsx_bytes("not a zip at all", "x.xlsx", "", diags));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == "bad-xlsx");
}

TEST_CASE("xlsx writer output reads back", "[formats]") {
  const auto path = (scratch() / "written.xlsx").string();
  std::vector<Diagnostic> diags;
  const std::vector<std::vector<std::string>> rows = {
      {"gangyao-2021", "2 依法全面履行政府职能", "3 完善依法行政制度体系"},
      {"2 依法全面履行政府职能", "1", ""},
      {"3 完善依法行政制度体系", "1/3", "1"}};
  formats::XlsxWriteOptions options;
  options.sheet_name = "两两比较";
  options.text_columns = {1, 2};
  REQUIRE(formats::write_xlsx(path, rows, options, diags));
  CHECK_FALSE(fs::exists(path + ".tmp.xlsx"));
  const auto sheet = formats::read_xlsx(path, "", diags);
  REQUIRE(sheet);
  CHECK(sheet->name == "两两比较");
  CHECK(sheet->rows == rows);
}

// The published numbers, from every file form.
TEST_CASE("AHP sheets: Saaty 1990 3 × 3 from .xlsx, UTF-8 .csv and GBK .csv", "[scoring][ahp]") {
  for (const std::string file : {"house-size.xlsx", "house-size.csv", "house-size-gbk.csv"}) {
    INFO(file);
    std::vector<std::string> items;
    const auto r = sheet_result(file, items);
    CHECK(items == std::vector<std::string>{"1", "2", "3"});
    CHECK(r3(r.weights[0]) == 0.754);
    CHECK(r3(r.weights[1]) == 0.181);
    CHECK(r3(r.weights[2]) == 0.065);
    CHECK(r3(r.lambda_max) == 3.136);
    CHECK(r3(r.ci) == 0.068);
    CHECK(r3(r.cr) == 0.117);
  }
}

TEST_CASE("AHP sheets: the 4 × 4 leader example from .xlsx, UTF-8 .csv and GBK .csv",
          "[scoring][ahp]") {
  for (const std::string file : {"leader.xlsx", "leader.csv", "leader-gbk.csv"}) {
    INFO(file);
    std::vector<std::string> items;
    const auto r = sheet_result(file, items);
    CHECK(items == std::vector<std::string>{"1", "2", "3", "4"});
    CHECK(r.weights[0] == Approx(0.547).margin(0.001));
    CHECK(r.weights[1] == Approx(0.127).margin(0.001));
    CHECK(r.weights[2] == Approx(0.270).margin(0.001));
    CHECK(r.weights[3] == Approx(0.056).margin(0.001));
    CHECK(r3(r.cr) == 0.044);
    CHECK(r.consistent);
  }
}

TEST_CASE("weights ahp: a sheet prints what the YAML form prints", "[scoring][cli]") {
  const auto yaml = scratch() / "leader.yaml";
  std::ofstream(yaml) << "ahp:\n  framework: leader\n  items: [\"1\", \"2\", \"3\", \"4\"]\n"
                         "  matrix: [[1, 4, 3, 7], [1, \"1/3\", 3], [1, 5], [1]]\n";
  const Run from_yaml = run_cli("weights ahp '" + yaml.string() + "' " + kRules);
  REQUIRE(from_yaml.rc == 0);
  CHECK(contains(from_yaml.out, "CR = CI/RI = 0.0439  → consistent (CR < 0.1)"));
  for (const std::string file : {"leader.xlsx", "leader.csv", "leader-gbk.csv"}) {
    INFO(file);
    const Run r = run_cli("weights ahp " + kData + file + " " + kRules);
    CHECK(r.rc == 0);
    CHECK(r.err.empty());
    CHECK(replace_all(r.out, kData + file, "FILE") ==
          replace_all(from_yaml.out, yaml.string(), "FILE"));
  }
  // Saaty's house matrix has CR 0.117: refused, accepted with --allow-inconsistent.
  const Run refused = run_cli("weights ahp " + kData + "house-size.xlsx " + kRules);
  CHECK(refused.rc == 1);
  CHECK(contains(refused.out, "CR = CI/RI = 0.1169  → INCONSISTENT"));
  const Run allowed =
      run_cli("weights ahp " + kData + "house-size.csv " + kRules + " --allow-inconsistent");
  CHECK(allowed.rc == 0);
  CHECK(contains(allowed.out, "1           0.7536"));
}

TEST_CASE("weights ahp: a non-reciprocal sheet is refused at the cell", "[scoring][cli]") {
  Run r = run_cli("weights ahp " + kData + "not-reciprocal.csv " + kRules);
  CHECK(r.rc == 2);
  CHECK(r.err == kData +
                     "not-reciprocal.csv:4:3: error[ahp-not-reciprocal]: 第 4 行第 3 列："
                     "“1/2”不是第 3 行第 4 列“4”的倒数（应为 1/4）\n");
  r = run_cli("weights ahp " + kData + "not-reciprocal.xlsx " + kRules);
  CHECK(r.rc == 2);
  CHECK(r.err == kData +
                     "not-reciprocal.xlsx:4:3: error[ahp-not-reciprocal]: 单元格 C4："
                     "“1/2”不是单元格 D3“4”的倒数（应为 1/4）\n");

  // Other cell errors name their cell too.
  const auto bad = scratch() / "bad.csv";
  std::ofstream(bad) << "mini,行政执法,政务公开,行政复议\n行政执法,1,3,12\n政务公开,,2,\n"
                        "行政复议,,x,1\n";
  r = run_cli("weights ahp '" + bad.string() + "' " + kRules);
  CHECK(r.rc == 2);
  CHECK(contains(r.err, bad.string() + ":2:4: error[ahp-scale]: 第 2 行第 4 列：“12”"));
  CHECK(contains(r.err, bad.string() + ":3:3: error[ahp-diagonal]: 第 3 行第 3 列"));
  CHECK(contains(r.err, bad.string() + ":4:3: error[ahp-not-number]: 第 4 行第 3 列：“x”"));
  std::ofstream(bad) << "mini,行政执法,政务公开\n政务公开,1,3\n行政执法,,1\n";
  r = run_cli("weights ahp '" + bad.string() + "' " + kRules);
  CHECK(r.rc == 2);
  CHECK(contains(r.err, bad.string() + ":2:1: error[ahp-labels]: 第 2 行第 1 列："));
  std::ofstream(bad) << "mini,行政执法,政务公开\n行政执法,1,\n政务公开,,1\n";
  r = run_cli("weights ahp '" + bad.string() + "' " + kRules);
  CHECK(r.rc == 2);
  CHECK(contains(r.err, bad.string() + ":2:3: error[ahp-missing]: 第 2 行第 3 列："));
}

TEST_CASE("weights ahp: several experts combine by the geometric mean", "[scoring][cli]") {
  // A second expert who ranks education above experience.
  const auto second = scratch() / "expert2.csv";
  std::ofstream(second) << "leader,经验,学历,魅力,年龄\n经验,1,1/2,3,5\n学历,2,1,3,5\n"
                           "魅力,1/3,1/3,1,3\n年龄,1/5,1/5,1/3,1\n";
  const std::string first = kData + "leader.xlsx";
  const Run r = run_cli("weights ahp " + first + " '" + second.string() + "' " + kRules);
  INFO(r.out << r.err);
  CHECK(r.rc == 0);
  CHECK(contains(r.out, "2 位专家的判断矩阵"));
  CHECK(contains(r.out, "专家 1（" + first + "）：λmax = 4.1184  CI = 0.0395  CR = 0.0439  一致"));
  CHECK(contains(r.out, "专家 2（" + second.string() + "）"));

  // Expected: the eigenvector of the entry-wise geometric mean.
  const double t = 1.0 / 3;
  const std::vector<std::vector<double>> a = {
      {1, 4, 3, 7}, {0.25, 1, t, 3}, {t, 3, 1, 5}, {1.0 / 7, t, 0.2, 1}};
  const std::vector<std::vector<double>> b = {
      {1, 0.5, 3, 5}, {2, 1, 3, 5}, {t, t, 1, 3}, {0.2, 0.2, t, 1}};
  const auto g = ahp_geometric_mean({a, b});
  CHECK(g[0][1] == Approx(std::sqrt(2.0)));
  CHECK(g[1][0] * g[0][1] == Approx(1.0));
  const auto combined = ahp_weights(g);
  CHECK(contains(r.out, fmt::format("1        {:>9.4f}", combined.weights[0])));
  CHECK(contains(r.out, fmt::format("CR = CI/RI = {:.4f}", combined.cr)));
  CHECK(contains(r.out, "2 位专家的判断矩阵按几何平均合并"));

  // Different items are refused, naming the file.
  const auto other = scratch() / "other.csv";
  std::ofstream(other) << "mini,行政执法,政务公开\n行政执法,1,3\n政务公开,,1\n";
  const Run bad = run_cli("weights ahp " + first + " '" + other.string() + "' " + kRules);
  CHECK(bad.rc == 2);
  CHECK(contains(bad.err, other.string() + ":1:1: error[ahp-experts]"));
}

TEST_CASE("weights ahp --template writes an empty matrix that reads back", "[scoring][cli]") {
  const auto xlsx = (scratch() / "模板.xlsx").string();
  Run r = run_cli("weights ahp --template leader --out '" + xlsx + "' " + kRules);
  INFO(r.out << r.err);
  REQUIRE(r.rc == 0);
  CHECK(contains(r.out, "已写入空白两两比较矩阵"));
  std::vector<Diagnostic> diags;
  const auto sheet = formats::read_xlsx(xlsx, "", diags);
  REQUIRE(sheet);
  CHECK(sheet->rows[0] ==
        std::vector<std::string>{"leader", "1 经验", "2 学历", "3 魅力", "4 年龄"});
  CHECK(sheet->rows[3] == std::vector<std::string>{"3 魅力", "", "", "1", ""});
  // An unfilled template is refused at its first empty pair.
  r = run_cli("weights ahp '" + xlsx + "' " + kRules);
  CHECK(r.rc == 2);
  CHECK(contains(r.err, ":2:3: error[ahp-missing]: 单元格 C2："));

  // The CSV template, filled in as a panel would (upper triangle), gives the leader weights.
  const auto csv = (scratch() / "template.csv").string();
  REQUIRE(run_cli("weights ahp --template leader --out '" + csv + "' " + kRules).rc == 0);
  std::string text = slurp(csv);
  CHECK(text.rfind("\xEF\xBB\xBFleader,1 经验,2 学历,3 魅力,4 年龄\r\n", 0) == 0);
  text = replace_all(text, "1 经验,1,,,\r\n", "1 经验,1,4,3,7\r\n");
  text = replace_all(text, "2 学历,,1,,\r\n", "2 学历,,1,1/3,3\r\n");
  text = replace_all(text, "3 魅力,,,1,\r\n", "3 魅力,,,1,5\r\n");
  std::ofstream(csv, std::ios::binary) << text;
  r = run_cli("weights ahp '" + csv + "' " + kRules);
  CHECK(r.rc == 0);
  CHECK(contains(r.out, "CR = CI/RI = 0.0439"));

  r = run_cli("weights ahp --template nosuch --out '" + csv + "' " + kRules);
  CHECK(r.rc == 2);
  CHECK(contains(r.err, "error[unknown-framework]"));
}
