// The `weights` and `sensitivity` commands end to end, on a three-area test framework
// (tests/scoring/data/mini) and two small reports (tests/scoring/data/reports):
//   测试区 meets 1.1 (三项制度) only; 样例县 meets 1.1 and 2.1 (主动公开); nobody meets 3.1.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_util.h"

namespace fs = std::filesystem;

namespace {

using scoring_test::contains;
using scoring_test::Run;
using scoring_test::scratch;
using scoring_test::slurp;

// Runs indicheck from the source tree (relative paths in messages stay stable).
Run indicheck(const std::string& args) {
  return scoring_test::run_indicheck(args);
}

const std::string kMini = "--rules tests/scoring/data/mini";
const std::string kReports = "tests/scoring/data/reports";

std::string score_of(const std::string& csv, const std::string& unit) {
  std::istringstream in(csv);
  std::string line;
  while (std::getline(in, line)) {
    if (!contains(line, "," + unit + ",")) continue;
    // 文件,读取状态代码,读取状态,单位,层级,层级代码,省份,年度,纲要,得分,...
    std::vector<std::string> f;
    std::stringstream ls(line);
    std::string cell;
    while (std::getline(ls, cell, ',')) f.push_back(cell);
    return f.size() > 9 ? f[9] : "";
  }
  return "";
}

}  // namespace

// The classic 3 × 3 textbook matrix [[1,3,5],[1/3,1,3],[1/5,1/3,1]]: w = (.637, .258, .105),
// λmax = 3.039, CR = 0.033. The written profile must change evaluate's scores accordingly:
// 测试区 (area 1 only) scores 100·w1 = 63.70; 样例县 (areas 1 and 2) 100·(w1 + w2) = 89.53.
TEST_CASE("weights ahp writes a profile that evaluate applies", "[scoring][cli]") {
  const auto profile = (scratch() / "ahp.yaml").string();
  const auto r = indicheck("weights ahp tests/scoring/data/mini/areas.ahp.yaml " + kMini +
                           " --out '" + profile + "'");
  CHECK(r.rc == 0);
  CHECK(r.err.empty());
  CHECK(contains(r.out, "1           0.6370    1.9355    3.0385  行政执法"));
  CHECK(contains(r.out,
                 "λmax = 3.0385   CI = (λmax - n)/(n - 1) = 0.0193   RI(n = 3) = 0.58 "
                 "(Saaty 1980 random index)   CR = CI/RI = 0.0332  → consistent (CR < 0.1)"));
  const auto yaml = slurp(profile);
  CHECK(contains(yaml, "  framework: \"mini\"\n  weights:\n    \"1\": 1.91095"));

  const auto before_dir = (scratch() / "before").string(),
             after_dir = (scratch() / "after").string();
  REQUIRE(indicheck("evaluate -q " + kMini + " " + kReports + " --out '" + before_dir + "'").rc ==
          0);
  REQUIRE(indicheck("evaluate -q " + kMini + " " + kReports + " --profile '" + profile +
                    "' --out '" + after_dir + "'")
              .rc == 0);
  const auto before = slurp(fs::path(before_dir) / "scores.csv");
  const auto after = slurp(fs::path(after_dir) / "scores.csv");
  CHECK(score_of(before, "测试区") == "33.33");
  CHECK(score_of(before, "样例县") == "66.67");
  CHECK(score_of(after, "测试区") == "63.70");
  CHECK(score_of(after, "样例县") == "89.53");
}

TEST_CASE("weights ahp on the shipped gangyao-2021 matrix", "[scoring][cli]") {
  const auto r = indicheck("weights ahp rules/gangyao-2021/areas.ahp.yaml");
  CHECK(r.rc == 0);
  CHECK(contains(r.out, "→ consistent (CR < 0.1)"));
  CHECK(contains(r.out, "RI(n = 9) = 1.45 (Saaty 1980 random index)"));
  CHECK(contains(r.out, "profile:\n  id: \"ahp-gangyao-2021\""));
}

TEST_CASE("weights ahp refuses inconsistent and bad matrices", "[scoring][cli]") {
  const auto inconsistent = scratch() / "inconsistent.yaml";
  std::ofstream(inconsistent) << "ahp:\n  framework: mini\n  items: [\"1\", \"2\", \"3\"]\n"
                                 "  matrix: [[1, 9, \"1/9\"], [1, 9], [1]]\n";
  auto r = indicheck("weights ahp '" + inconsistent.string() + "' " + kMini);
  CHECK(r.rc == 1);
  CHECK(r.err == inconsistent.string() +
                     ": error[ahp-inconsistent]: CR = 6.130 is not below 0.1; revise the "
                     "judgements listed above or pass --allow-inconsistent\n");
  CHECK(contains(r.out, "Most inconsistent pairs"));
  CHECK(indicheck("weights ahp '" + inconsistent.string() + "' " + kMini + " --allow-inconsistent")
            .rc == 0);

  const auto bad = scratch() / "bad.yaml";
  std::ofstream(bad) << "ahp:\n  framework: mini\n  items: [\"1\", \"2\", \"9\"]\n"
                        "  matrix:\n    - [1, 0, -2]\n    - [1, 3]\n    - [1]\n";
  r = indicheck("weights ahp '" + bad.string() + "' " + kMini);
  CHECK(r.rc == 2);
  CHECK(r.err == bad.string() +
                     ":5:11: error[ahp-zero]: entry (1, 2) is zero; judgements are "
                     "ratios from 1/9 to 9\n" +
                     bad.string() +
                     ":5:14: error[ahp-negative]: entry (1, 3) is negative (-2); "
                     "judgements are ratios from 1/9 to 9\n");
  std::ofstream(bad) << "ahp:\n  framework: mini\n  items: [\"1\", \"2\", \"9\"]\n"
                        "  matrix: [[1, 3, 5], [1, 3], [1]]\n";
  r = indicheck("weights ahp '" + bad.string() + "' " + kMini);
  CHECK(r.rc == 2);
  CHECK(r.err == bad.string() + ":3:21: error[unknown-item]: no node '9' in framework 'mini'\n");
}

TEST_CASE("weights entropy and critic from the corpus", "[scoring][cli]") {
  // Credit matrix: 1.1 = (1, 1) constant, 2.1 = (1, 0), 3.1 = (0, 0) all zero → entropy puts
  // all weight on 2.1: 样例县 100, 测试区 0.
  auto r = indicheck("weights entropy " + kMini + " " + kReports);
  CHECK(r.rc == 0);
  // Two units, three leaves: the data cannot carry the weights, and two columns are constant.
  CHECK(contains(r.out, "数据能否支撑权重：2 个单位，3 个指标，即 2 个自由权重（权重之和为 1）。"));
  CHECK(contains(r.out, "2 个指标在这些单位之间没有差异（常数列：1.1、3.1）"));
  CHECK(contains(r.out,
                 "单位数（2）不多于自由权重数（2）：数据不足以确定这些权重，所得权重只描述"
                 "这几个单位，不宜推广。"));
  CHECK(contains(r.out,
                 "1.1            2    2.000   1.0000   0.0000   0.0000  every unit has the "
                 "same credit: divergence 0"));
  CHECK(contains(r.out, "2.1            2    1.000   0.0000   1.0000   1.0000"));
  CHECK(contains(r.out, "样例县 2021                      66.67      1    100.00      1"));
  CHECK(contains(r.out, "    \"2.1\": 1\n"));
  // CRITIC needs two varying columns; here only 2.1 varies.
  r = indicheck("weights critic " + kMini + " " + kReports);
  CHECK(r.rc == 2);
  CHECK(contains(r.err,
                 "error[critic-undefined]: CRITIC weights are undefined: fewer than 2 "
                 "columns vary across units"));
}

TEST_CASE("weights fit: reference CSV errors and an exact fit", "[scoring][cli]") {
  const auto bad = scratch() / "bad.csv";
  std::ofstream(bad) << "unit,score\n测试区,4x\n";
  auto r = indicheck("weights fit '" + bad.string() + "' " + kMini + " " + kReports);
  CHECK(r.rc == 2);
  CHECK(r.err == bad.string() + ":2:11: error[csv-number]: score '4x' is not a number\n");
  std::ofstream(bad) << "unit,score\n某区,70\n";
  r = indicheck("weights fit '" + bad.string() + "' " + kMini + " " + kReports);
  CHECK(r.rc == 2);
  CHECK(contains(
      r.err,
      bad.string() + ":2:1: error[unknown-unit]: unit '某区' is not among the evaluated reports"));

  // 测试区 = 100·w1 = 40 and 样例县 = 100·(w1 + w2) = 70 → w = (0.4, 0.3, 0.3) is one exact
  // solution; NNLS finds an exact one (R² = 1, τ-b = 1). Two reference units for two free
  // weights (three leaves summing to 1): that fit only memorises them, so it is refused unless
  // --force.
  const auto ref = scratch() / "ref.csv";
  std::ofstream(ref) << "unit,score\n测试区,40\n样例县,70\n";
  r = indicheck("weights fit '" + ref.string() + "' " + kMini + " " + kReports);
  CHECK(r.rc == 2);
  CHECK(r.err == ref.string() +
                     ": error[fit-memorising]: 只有 2 个参考单位，却有 2 个自由权重：拟合会把"
                     "参考得分原样背下来（R² = 1），对其他单位没有意义；请增加参考单位，或加 "
                     "--force 强制拟合\n");
  CHECK(contains(r.out, "数据能否支撑权重：2 个参考单位，3 个指标，即 2 个自由权重"));
  CHECK(contains(r.out, "2 个指标在这些单位之间没有差异（常数列：1.1、3.1）"));
  r = indicheck("weights fit '" + ref.string() + "' " + kMini + " " + kReports + " --force");
  CHECK(r.rc == 0);
  CHECK(contains(r.out, "R² = 1.0000   Kendall τ-b (fitted vs reference ranking) = 1.0000"));
}

TEST_CASE("sensitivity: same seed, same output", "[scoring][cli]") {
  const std::string args = "sensitivity " + kMini + " " + kReports +
                           " --draws 200 --concentration 5 --seed 3 --compare-methods";
  const auto a = indicheck(args);
  const auto b = indicheck(args);
  CHECK(a.rc == 0);
  CHECK(a.out == b.out);
  CHECK(contains(a.out, "Sensitivity: 200 draws, w' ~ Dirichlet(5 · w), seed 3"));
  CHECK(contains(a.out, "Ranks under alternative weightings"));
  // 样例县 dominates 测试区 (a superset of its evidence): rank 1 in every draw.
  CHECK(contains(a.out, "样例县 2021                     66.67     1     1     1     1     1.000"));
  CHECK(indicheck("sensitivity " + kMini + " " + kReports + " --draws 0").rc == 2);
}
