// Weight tuning: AHP on published matrices, entropy and CRITIC by hand, NNLS, fit, sensitivity.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "fixture.h"

using namespace indicheck;
using namespace indicheck::test;
using S = ItemState;
namespace fs = std::filesystem;

namespace {

double r3(double v) {
  return std::round(v * 1000.0) / 1000.0;
}

// A scratch directory per test process.
fs::path scratch() {
  static const fs::path dir = [] {
    auto d = fs::temp_directory_path() / ("indicheck-scoring-test-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

std::string write_file(const std::string& name, const std::string& text) {
  const auto path = (scratch() / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::vector<std::string> strs(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) out.push_back(d.str());
  return out;
}

CreditMatrix matrix(std::size_t rows, std::size_t cols, std::vector<double> values,
                    std::vector<std::uint8_t> mask = {}) {
  CreditMatrix cm;
  for (std::size_t r = 0; r < rows; ++r) cm.units.push_back("u" + std::to_string(r));
  for (std::size_t c = 0; c < cols; ++c) {
    cm.items.push_back("c" + std::to_string(c));
    cm.leaf_index.push_back(static_cast<int>(c));
  }
  cm.credit = std::move(values);
  cm.in_force = mask.empty() ? std::vector<std::uint8_t>(rows * cols, 1) : std::move(mask);
  return cm;
}

}  // namespace

// Saaty, T. L. (1990). How to make a decision: The Analytic Hierarchy Process. European Journal
// of Operational Research 48, 9-26. The house-buying example, Table 1 (criteria: size,
// transportation, neighbourhood, age, yard, modern facilities, condition, financing).
// Published priorities .173 .054 .188 .018 .031 .036 .167 .333; λmax = 9.669, C.I. = 0.238,
// C.R. = 0.169 (inconsistent: Saaty keeps it to illustrate).
TEST_CASE("AHP: Saaty 1990 house example, criteria", "[scoring][ahp]") {
  const double t = 1.0 / 3, q = 0.25, f = 0.2, s = 1.0 / 6, v = 1.0 / 7, e = 0.125, h = 0.5;
  const std::vector<std::vector<double>> a = {{1, 5, 3, 7, 6, 6, t, q}, {f, 1, t, 5, 3, 3, f, v},
                                              {t, 3, 1, 6, 3, 4, 6, f}, {v, f, s, 1, t, q, v, e},
                                              {s, t, t, 3, 1, h, f, s}, {s, t, q, 4, 2, 1, f, s},
                                              {3, 5, s, 7, 5, 5, 1, h}, {4, 7, 5, 8, 6, 6, 2, 1}};
  const auto r = ahp_weights(a);
  std::vector<double> w;
  for (double x : r.weights) w.push_back(r3(x));
  CHECK(w == std::vector<double>{0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333});
  CHECK(r3(r.lambda_max) == 9.669);
  CHECK(r3(r.ci) == 0.238);
  CHECK(r.ri == 1.41);
  CHECK(r3(r.cr) == 0.169);
  CHECK_FALSE(r.consistent);
  REQUIRE_FALSE(r.pairs.empty());
  CHECK(r.pairs.size() == 28);
  CHECK(r.pairs.front().deviation >= r.pairs.back().deviation);
}

// Same source, level 2: the three houses compared on "size of house": priorities .754 .181
// .065, λmax = 3.136, C.I. = 0.068, C.R. = 0.117.
TEST_CASE("AHP: Saaty 1990 house example, alternatives on size", "[scoring][ahp]") {
  const auto r = ahp_weights({{1, 6, 8}, {1.0 / 6, 1, 4}, {1.0 / 8, 1.0 / 4, 1}});
  CHECK(r3(r.weights[0]) == 0.754);
  CHECK(r3(r.weights[1]) == 0.181);
  CHECK(r3(r.weights[2]) == 0.065);
  CHECK(r3(r.lambda_max) == 3.136);
  CHECK(r3(r.ci) == 0.068);
  CHECK(r3(r.cr) == 0.117);
  CHECK_FALSE(r.consistent);
}

TEST_CASE("AHP: consistent matrix, RI table", "[scoring][ahp]") {
  // a_ij = w_i / w_j for w = (4, 2, 1, 1)/8: λmax = n, CR = 0.
  const auto r = ahp_weights({{1, 2, 4, 4}, {0.5, 1, 2, 2}, {0.25, 0.5, 1, 1}, {0.25, 0.5, 1, 1}});
  CHECK(r.weights[0] == Approx(0.5));
  CHECK(r.weights[3] == Approx(0.125));
  CHECK(r.lambda_max == Approx(4.0));
  CHECK(r.cr == Approx(0.0).margin(1e-12));
  CHECK(r.consistent);
  CHECK(saaty_random_index(1) == 0.0);
  CHECK(saaty_random_index(3) == 0.58);
  CHECK(saaty_random_index(9) == 1.45);
  CHECK(saaty_random_index(12) == 1.48);
  CHECK(saaty_random_index(15) == 1.59);
  CHECK(saaty_random_index(16) == -1);
  CHECK(ahp_weights({{1}}).weights == std::vector<double>{1.0});
}

TEST_CASE("AHP file: upper triangle, fractions, full rows", "[scoring][ahp]") {
  std::vector<Diagnostic> diags;
  const auto upper = write_file("upper.yaml",
                                "ahp:\n"
                                "  framework: fw\n"
                                "  items: [\"A\", \"B\", \"C\"]\n"
                                "  matrix:\n"
                                "    - [1, 6, 8]\n"
                                "    - [1, 4]\n"
                                "    - [1]\n");
  auto m = load_ahp_matrix(upper, diags);
  REQUIRE(m);
  CHECK(diags.empty());
  CHECK(m->items == std::vector<std::string>{"A", "B", "C"});
  CHECK(m->values[2][0] == Approx(1.0 / 8));
  CHECK(m->values[1][2] == 4);
  const auto strict = write_file("strict.yaml",
                                 "ahp:\n  framework: fw\n  items: [A, B, C]\n"
                                 "  matrix: [[6, 8], [4]]\n");
  auto m2 = load_ahp_matrix(strict, diags);
  REQUIRE(m2);
  CHECK(m2->values == m->values);
  const auto fullrows = write_file("full.yaml",
                                   "ahp:\n  framework: fw\n  items: [A, B, C]\n"
                                   "  matrix:\n    - [1, 6, 8]\n    - [1/6, 1, 4]\n"
                                   "    - [0.125, \"1/4\", 1]\n");
  auto m3 = load_ahp_matrix(fullrows, diags);
  REQUIRE(m3);
  CHECK(diags.empty());
  CHECK(m3->values[1][0] == Approx(1.0 / 6));
}

TEST_CASE("AHP file: a deep file is refused by the YAML depth pre-scan, not yaml-cpp",
          "[scoring][ahp][limits]") {
  // 10,000 nested brackets would overflow yaml-cpp's recursive parser; the rule loader's
  // pre-scan refuses the text first, for AHP files too.
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  const auto path = write_file("deep.yaml", "ahp:\n  framework: fw\n  items: " + deep + "\n");
  std::vector<Diagnostic> diags;
  CHECK_FALSE(load_ahp_matrix(path, diags));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == "too-deep");
  CHECK(diags[0].line == 3);
  // Aliases (a "billion laughs" bomb) are refused the same way.
  const auto alias = write_file("alias.yaml", "ahp: &a\n  framework: fw\nother: *a\n");
  diags.clear();
  CHECK_FALSE(load_ahp_matrix(alias, diags));
  REQUIRE_FALSE(diags.empty());
  CHECK(diags[0].severity == Severity::kError);
}

TEST_CASE("AHP file: bad input, word for word", "[scoring][ahp]") {
  auto diag_of = [](const std::string& name, const std::string& matrix_text,
                    const std::string& items = "[A, B, C]") {
    std::vector<Diagnostic> diags;
    const auto path = write_file(
        name, "ahp:\n  framework: fw\n  items: " + items + "\n  matrix:\n" + matrix_text);
    const auto m = load_ahp_matrix(path, diags);
    CHECK_FALSE(m);
    std::vector<std::string> out;
    for (const auto& d : diags) {
      auto s = d.str();
      s.replace(0, path.size(), name);  // make paths stable
      out.push_back(s);
    }
    return out;
  };
  CHECK(
      diag_of("short.yaml", "    - [1, 6, 8]\n    - [1, 4]\n") ==
      std::vector<std::string>{"short.yaml:5:5: error[ahp-not-square]: 3 items but 2 matrix "
                               "rows (read as upper-triangle rows with the diagonal: expected 3)"});
  CHECK(diag_of("row.yaml", "    - [1, 6, 8]\n    - [1, 4, 2]\n    - [1]\n") ==
        std::vector<std::string>{"row.yaml:6:7: error[ahp-not-square]: row 2 has 3 entries; "
                                 "expected 2 (upper-triangle rows with the diagonal for 3 items)"});
  CHECK(diag_of("zero.yaml", "    - [1, 0, 8]\n    - [1, 4]\n    - [1]\n") ==
        std::vector<std::string>{"zero.yaml:5:11: error[ahp-zero]: entry (1, 2) is zero; "
                                 "judgements are ratios from 1/9 to 9"});
  CHECK(diag_of("neg.yaml", "    - [1, 6, -8]\n    - [1, 4]\n    - [1]\n") ==
        std::vector<std::string>{"neg.yaml:5:14: error[ahp-negative]: entry (1, 3) is negative "
                                 "(-8); judgements are ratios from 1/9 to 9"});
  CHECK(diag_of("recip.yaml", "    - [1, 6, 8]\n    - [1/6, 1, 4]\n    - [1/8, 4, 1]\n") ==
        std::vector<std::string>{"recip.yaml:7:13: error[ahp-not-reciprocal]: entry (3, 2) = 4 is "
                                 "not the reciprocal of entry (2, 3) = 4"});
  CHECK(diag_of("nan.yaml", "    - [1, six, 8]\n    - [1, 4]\n    - [1]\n") ==
        std::vector<std::string>{"nan.yaml:5:11: error[ahp-not-number]: entry (1, 2) is not a "
                                 "number or a fraction such as 1/3"});
  CHECK(diag_of("scale.yaml", "    - [1, 12, 8]\n    - [1, 4]\n    - [1]\n") ==
        std::vector<std::string>{"scale.yaml:5:11: error[ahp-scale]: entry (1, 2) = 12 is outside "
                                 "Saaty's scale 1/9 to 9"});
  CHECK(diag_of("dup.yaml", "    - [1, 6, 8]\n    - [1, 4]\n    - [1]\n", "[A, B, A]") ==
        std::vector<std::string>{"dup.yaml:3:17: error[duplicate-item]: item 'A' is listed twice"});

  // Unknown item: checked against the framework, at the item's position.
  const auto fw = make_framework("fw", {{"A", "", 1}, {"B", "", 1}, {"B.1", "B", 1}});
  std::vector<Diagnostic> diags;
  const auto path = write_file("unknown.yaml",
                               "ahp:\n  framework: fw\n  items: [A, Q, B.1]\n"
                               "  matrix: [[2, 3], [1]]\n");
  const auto m = load_ahp_matrix(path, diags);
  REQUIRE(m);
  CHECK_FALSE(check_ahp_items(*m, fw, diags));
  CHECK(strs(diags) ==
        std::vector<std::string>{
            path + ":3:14: error[unknown-item]: no node 'Q' in framework 'fw'",
            path +
                ":3:17: error[not-siblings]: item 'B.1' is not a sibling of 'A'; AHP weights are "
                "relative among children of one node"});
}

// Entropy weights by hand (4 units × 4 leaves):
//   c0 = (1, 1, 0, 0):     Σ = 2, p = (.5, .5, 0, 0), H = ln 2 (0·ln 0 = 0),
//                          e = ln 2 / ln 4 = 0.5, d = 0.5
//   c1 = (1, .5, .5, 0):   Σ = 2, p = (.5, .25, .25, 0), H = .5 ln 2 + 2·.25 ln 4 = 1.5 ln 2,
//                          e = 1.5 ln 2 / 2 ln 2 = 0.75, d = 0.25
//   c2 = (1, 1, 1, 1):     constant → d = 0 (explicitly, not 1 - 1 + rounding)
//   c3 = (0, 0, 0, 0):     all zero → p undefined → d = 0
//   w = (0.5, 0.25, 0, 0) / 0.75 = (2/3, 1/3, 0, 0)
TEST_CASE("entropy weights by hand", "[scoring][entropy]") {
  const auto cm = matrix(4, 4,
                         {1, 1, 1, 0,   //
                          1, .5, 1, 0,  //
                          0, .5, 1, 0,  //
                          0, 0, 1, 0});
  const auto r = entropy_weights(cm);
  REQUIRE(r.error.empty());
  CHECK(r.entropy[0] == Approx(0.5));
  CHECK(r.entropy[1] == Approx(0.75));
  CHECK(r.divergence[2] == 0);
  CHECK(r.divergence[3] == 0);
  CHECK(r.notes[2] == "every unit has the same credit: divergence 0");
  CHECK(r.notes[3] == "no unit earned credit: p_ij undefined, divergence 0");
  CHECK(r.weights[0] == Approx(2.0 / 3));
  CHECK(r.weights[1] == Approx(1.0 / 3));
  CHECK(r.weights[2] == 0);
  CHECK(r.weights[3] == 0);

  // A masked cell is left out: c0 = (1, 0, -, 1) → m = 3, p = (.5, 0, .5),
  // e = ln 2 / ln 3 = 0.63093, d = 0.36907.
  const auto masked = matrix(4, 2, {1, 1, 0, 0, 0, 1, 1, 0}, {1, 1, 1, 1, 0, 1, 1, 1});
  const auto rm = entropy_weights(masked);
  CHECK(rm.counted[0] == 3);
  CHECK(rm.entropy[0] == Approx(std::log(2.0) / std::log(3.0)));

  const auto flat = entropy_weights(matrix(3, 2, {1, 0, 1, 0, 1, 0}));
  CHECK(flat.error ==
        "every column is constant, all-zero or has fewer than 2 units in force; entropy weights "
        "are undefined");
  CHECK(flat.weights.empty());
}

// CRITIC by hand (4 units × 3 leaves), population σ and Pearson r:
//   c0 = (1, 1, 0, 0): mean .5, σ = .5;  c1 = (1, 0, 1, 0): mean .5, σ = .5;
//   c2 = (1, 1, 1, 0): mean .75, σ = sqrt((3·.0625 + .5625)/4) = sqrt(.1875) = 0.4330127
//   cov01 = (.25 - .25 - .25 + .25)/4 = 0 → r01 = 0
//   cov02 = (.125 + .125 - .125 + .375)/4 = .125 → r02 = .125/(.5·.4330127) = 1/√3 = 0.5773503
//   cov12 = (.125 - .125 + .125 + .375)/4 = .125 → r12 = 1/√3
//   C0 = .5 · ((1 - 0) + (1 - 1/√3)) = .5 · 1.4226497 = 0.7113249 = C1
//   C2 = 0.4330127 · 2(1 - 1/√3) = 0.4330127 · 0.8452995 = 0.3660254
//   Σ = 1.7886751 → w = (0.3976825, 0.3976825, 0.2046349)
TEST_CASE("CRITIC weights by hand", "[scoring][critic]") {
  const auto cm = matrix(4, 3,
                         {1, 1, 1,  //
                          1, 0, 1,  //
                          0, 1, 1,  //
                          0, 0, 0});
  const auto r = critic_weights(cm);
  REQUIRE(r.error.empty());
  CHECK(r.stddev[0] == Approx(0.5));
  CHECK(r.stddev[2] == Approx(0.4330127));
  CHECK(r.correlation[0 * 3 + 1] == Approx(0.0).margin(1e-12));
  CHECK(r.correlation[0 * 3 + 2] == Approx(0.5773503));
  CHECK(r.information[0] == Approx(0.7113249));
  CHECK(r.information[2] == Approx(0.3660254));
  CHECK(r.weights[0] == Approx(0.3976825).epsilon(1e-6));
  CHECK(r.weights[1] == Approx(0.3976825).epsilon(1e-6));
  CHECK(r.weights[2] == Approx(0.2046349).epsilon(1e-6));

  // A constant column gets weight 0 and no say in the others' conflict.
  const auto with_constant = matrix(4, 4,
                                    {1, 1, 1, 1,  //
                                     1, 0, 1, 1,  //
                                     0, 1, 1, 1,  //
                                     0, 0, 0, 1});
  const auto rc = critic_weights(with_constant);
  CHECK(rc.weights[3] == 0);
  CHECK(rc.weights[0] == Approx(0.3976825).epsilon(1e-6));
  CHECK(critic_weights(matrix(2, 2, {1, 1, 0, 0})).error ==
        "CRITIC weights are undefined: fewer than 2 columns vary across units");
}

TEST_CASE("NNLS: Lawson-Hanson on a problem with an active bound", "[scoring][fit]") {
  // min ||[1 0; 0 1; 1 1] x - (2, -1, 1)|| with x >= 0. Unconstrained x2 < 0; with x2 = 0,
  // x1 minimizes (x1-2)² + (x1-1)² → 1.5; KKT: gradient for x2 is -1 - 0.5 < 0.
  const auto r = nnls(3, 2, std::vector<double>{1, 0, 0, 1, 1, 1}, std::vector<double>{2, -1, 1});
  CHECK(r.converged);
  CHECK(r.x[0] == Approx(1.5));
  CHECK(r.x[1] == 0);
  CHECK(r.residual_norm == Approx(std::sqrt(0.25 + 1 + 0.25)));
  // A consistent system is solved exactly.
  const auto e = nnls(3, 3, std::vector<double>{2, 1, 0, 1, 3, 1, 0, 1, 4},
                      std::vector<double>{2 * 1 + 1 * 2, 1 + 3 * 2 + 3, 2 + 4 * 3});
  CHECK(e.x[0] == Approx(1));
  CHECK(e.x[1] == Approx(2));
  CHECK(e.x[2] == Approx(3));
}

TEST_CASE("fit recovers the weights behind reference scores", "[scoring][fit]") {
  const auto fw = make_framework("fw", {{"a", "", 1}, {"b", "", 1}, {"c", "", 1}, {"d", "", 1}});
  Corpus corpus;
  std::mt19937 rng(5);
  const std::vector<S> pool{S::kMet, S::kPartial, S::kMissing};
  for (int u = 0; u < 12; ++u) {
    std::vector<S> st(4);
    for (auto& s : st) s = pool[rng() % pool.size()];
    corpus.add(fw, unit("单位" + std::to_string(u)), st);
  }
  ScoringOptions options;
  std::vector<Diagnostic> diags;
  Profile truth;
  truth.framework = "fw";
  truth.weights = {{"a", 5}, {"b", 3}, {"c", 2}, {"d", 0}};
  const auto hidden = score_units(fw, &truth, corpus.units(), options, diags);
  const auto base = score_units(fw, nullptr, corpus.units(), options, diags);
  std::vector<ReferenceScore> ref;
  for (int u = 0; u < 12; ++u)
    ref.push_back(ReferenceScore{hidden.units[static_cast<std::size_t>(u)].key.unit, 0,
                                 hidden.units[static_cast<std::size_t>(u)].score,
                                 SourceLocation{"ref.csv", static_cast<std::uint32_t>(u + 2), 1}});
  const auto fit = fit_weights(fw, base, ref, diags);
  REQUIRE(diags.empty());
  REQUIRE(fit.ok);
  CHECK(fit.leaf_weights[0] == Approx(0.5).margin(1e-6));
  CHECK(fit.leaf_weights[1] == Approx(0.3).margin(1e-6));
  CHECK(fit.leaf_weights[2] == Approx(0.2).margin(1e-6));
  CHECK(fit.leaf_weights[3] == Approx(0.0).margin(1e-6));
  CHECK(fit.r_squared == Approx(1.0));
  CHECK(fit.tau_b == Approx(1.0));
}

TEST_CASE("reference CSV: errors with file:line, word for word", "[scoring][fit]") {
  const auto fw = make_framework("fw", {{"a", "", 1}, {"b", "", 1}});
  Corpus corpus;
  corpus.add(fw, unit("甲区", "district", 2021), {S::kMet, S::kMissing});
  corpus.add(fw, unit("甲区", "district", 2022), {S::kMet, S::kMet});
  corpus.add(fw, unit("乙区"), {S::kMissing, S::kMissing});
  std::vector<Diagnostic> diags;
  const auto table = score_units(fw, nullptr, corpus.units(), ScoringOptions{}, diags);

  const auto bad = write_file("bad.csv", "unit,score\n乙区,abc\n丙区,50,2021x\n乙区,120\n");
  const auto none = load_reference_scores(bad, diags);
  CHECK_FALSE(none);
  CHECK(strs(diags) ==
        std::vector<std::string>{bad + ":2:8: error[csv-number]: score 'abc' is not a number",
                                 bad + ":3:1: error[csv-number]: year '2021x' is not a year",
                                 bad + ":4:8: error[csv-range]: score 120 is outside 0-100"});
  diags.clear();

  const auto unknown =
      write_file("unknown.csv", "unit,score,year\n丙区,50\n甲区,60\n甲区,70,2022\n");
  const auto ref = load_reference_scores(unknown, diags);
  REQUIRE(ref);
  REQUIRE(ref->size() == 3);
  CHECK(ref->at(2).year == 2022);
  const auto fit = fit_weights(fw, table, *ref, diags);
  CHECK_FALSE(fit.ok);
  CHECK(strs(diags) ==
        std::vector<std::string>{
            unknown + ":2:1: error[unknown-unit]: unit '丙区' is not among the evaluated reports",
            unknown +
                ":3:1: error[ambiguous-unit]: unit '甲区' has 2 evaluated reports; add the year "
                "as a third column"});
}

TEST_CASE("Dirichlet draws: reproducible, mean near alpha / sum", "[scoring][sensitivity]") {
  const std::vector<double> alpha{5, 3, 2, 0, 0.5};
  CHECK(dirichlet_draw(alpha, 9) == dirichlet_draw(alpha, 9));
  CHECK(dirichlet_draw(alpha, 9) != dirichlet_draw(alpha, 10));
  std::vector<double> mean(alpha.size(), 0.0);
  for (std::uint64_t seed = 1; seed <= 4000; ++seed) {
    const auto d = dirichlet_draw(alpha, seed);
    double total = 0;
    for (std::size_t j = 0; j < d.size(); ++j) {
      mean[j] += d[j] / 4000;
      total += d[j];
    }
    CHECK(total == Approx(1.0));
    CHECK(d[3] == 0);  // alpha 0: never drawn
  }
  CHECK(mean[0] == Approx(5.0 / 10.5).margin(0.01));
  CHECK(mean[1] == Approx(3.0 / 10.5).margin(0.01));
  CHECK(mean[4] == Approx(0.5 / 10.5).margin(0.01));
}

TEST_CASE("sensitivity: fixed seed gives identical output", "[scoring][sensitivity]") {
  const auto fw = make_framework("fw", {{"A", "", 2},
                                        {"A.1", "A", 1},
                                        {"A.2", "A", 1},
                                        {"B", "", 1},
                                        {"B.1", "B", 1},
                                        {"B.2", "B", 3}});
  Corpus corpus;
  std::mt19937 rng(1);
  const std::vector<S> pool{S::kMet, S::kPartial, S::kMissing, S::kNotApplicable};
  for (int u = 0; u < 30; ++u) {
    std::vector<S> st(4);
    for (auto& s : st) s = pool[rng() % pool.size()];
    corpus.add(fw, unit("u" + std::to_string(u)), st);
  }
  std::vector<Diagnostic> diags;
  const auto table = score_units(fw, nullptr, corpus.units(), ScoringOptions{}, diags);
  SensitivityOptions options;
  options.draws = 300;
  options.concentration = 20;
  options.seed = 77;
  const auto a = sensitivity(fw, table, options);
  const auto b = sensitivity(fw, table, options);
  REQUIRE(a.error.empty());
  CHECK(a.tau == b.tau);
  REQUIRE(a.units.size() == 30);
  for (std::size_t u = 0; u < a.units.size(); ++u) {
    CHECK(a.units[u].baseline_rank == table.units[u].rank);
    CHECK(a.units[u].rank_p5 == b.units[u].rank_p5);
    CHECK(a.units[u].rank_p50 == b.units[u].rank_p50);
    CHECK(a.units[u].rank_p95 == b.units[u].rank_p95);
    CHECK(a.units[u].p_first == b.units[u].p_first);
    CHECK(a.units[u].rank_p5 <= a.units[u].rank_p50);
    CHECK(a.units[u].rank_p50 <= a.units[u].rank_p95);
  }
  CHECK(a.tau_min <= a.tau_mean);
  CHECK(a.tau_mean <= 1.0);
  options.seed = 78;
  CHECK(sensitivity(fw, table, options).tau != a.tau);
  // Very high concentration: the weights barely move. A unit not tied at baseline keeps its
  // rank in every draw; tied units may be split by any move, but only within their tie block.
  options.concentration = 1e9;
  const auto still = sensitivity(fw, table, options);
  std::map<int, int> tie_size;
  for (const auto& u : table.units) ++tie_size[u.rank];
  for (std::size_t u = 0; u < table.units.size(); ++u) {
    const int rank = table.units[u].rank;
    CHECK(still.units[u].rank_p5 >= rank);
    CHECK(still.units[u].rank_p95 <= rank + tie_size[rank] - 1);
  }
  CHECK(still.tau_mean > 0.95);

  ScoreTable absolute = table;
  absolute.model = ScoringModel::kAbsolute;
  CHECK(sensitivity(fw, absolute, options).error ==
        "the absolute model does not use weights; sensitivity needs hierarchical or flat");
}

TEST_CASE("AHP file: more items than Saaty's RI table is refused", "[scoring][limits]") {
  std::string items = "[", rows;
  for (int i = 1; i <= 16; ++i) {
    items += (i > 1 ? ", " : "") + std::string("I") + std::to_string(i);
    rows += "    - [1]\n";
  }
  items += "]";
  std::vector<Diagnostic> diags;
  const auto path =
      write_file("big.yaml", "ahp:\n  framework: fw\n  items: " + items + "\n  matrix:\n" + rows);
  CHECK_FALSE(load_ahp_matrix(path, diags));
  CHECK(strs(diags) ==
        std::vector<std::string>{path + ":3:10: error[ahp-too-large]: 16 items; Saaty's random "
                                        "index is tabulated only up to 15"});
}
