// Monte-Carlo sensitivity of the ranking to the weights.
//
// Around the global leaf weights in force w (Σ w = 1) we draw w' ~ Dirichlet(C·w): its mean is
// w and Var(w'_j) = w_j (1 - w_j) / (C + 1), so the concentration C says how far auditors'
// weights might plausibly move (C = 100: a weight of 0.1 moves by about ±0.03). Each draw is
// turned into node weights (subtree sums, so the hierarchical model's global leaf weights are
// exactly w'), every unit is rescored with the same level-by-level products as evaluation, and
// ranked. Per unit we report the 5th/50th/95th percentile of its rank and P(rank = 1); per draw
// Kendall's τ-b between its ranks and the baseline ranks.
//
// Reproducibility: std::mt19937_64 is specified bit for bit by the standard, but the standard
// distributions are not (libstdc++ and libc++ differ), so uniforms, normals and gammas are
// computed here: uniform from the top 53 bits, normal by Box-Muller, gamma by Marsaglia & Tsang
// (2000), "A simple method for generating gamma variables", ACM TOMS 26(3).
#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include "indicheck/scoring.h"
#include "internal.h"

namespace indicheck {
namespace {

class Sampler {
 public:
  explicit Sampler(std::uint64_t seed) : engine_(seed) {}

  // Uniform on the open interval (0, 1).
  double uniform() { return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53; }

  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double r = std::sqrt(-2.0 * std::log(uniform()));
    const double theta = 2.0 * std::numbers::pi * uniform();
    spare_ = r * std::sin(theta);
    has_spare_ = true;
    return r * std::cos(theta);
  }

  double gamma(double alpha) {
    if (alpha <= 0) return 0;
    if (alpha < 1) {
      // Boost: Gamma(α) = Gamma(α + 1) · U^(1/α).
      const double g = gamma(alpha + 1.0);
      return g * std::pow(uniform(), 1.0 / alpha);
    }
    const double d = alpha - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      double x = 0, v = 0;
      do {
        x = normal();
        v = 1.0 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const double u = uniform();
      if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
      if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
    }
  }

 private:
  std::mt19937_64 engine_;
  double spare_ = 0;
  bool has_spare_ = false;
};

// Fills `out` with one Dirichlet(alpha) draw; returns false if every gamma underflowed.
bool draw_dirichlet(Sampler& sampler, std::span<const double> alpha, std::vector<double>& out) {
  out.resize(alpha.size());
  double total = 0;
  for (std::size_t j = 0; j < alpha.size(); ++j) {
    out[j] = sampler.gamma(alpha[j]);
    total += out[j];
  }
  if (!(total > 0)) return false;
  for (double& v : out) v /= total;
  return true;
}

// Nearest-rank percentile of sorted values: the smallest value with at least p% at or below.
int percentile(const std::vector<int>& sorted, double p) {
  if (sorted.empty()) return 0;
  const double n = static_cast<double>(sorted.size());
  auto k = static_cast<std::size_t>(std::ceil(p / 100.0 * n));
  k = std::clamp<std::size_t>(k, 1, sorted.size());
  return sorted[k - 1];
}

}  // namespace

std::vector<double> dirichlet_draw(std::span<const double> alpha, std::uint64_t seed) {
  Sampler sampler(seed);
  std::vector<double> out;
  if (!draw_dirichlet(sampler, alpha, out)) out.assign(alpha.size(), 0.0);
  return out;
}

SensitivityResult sensitivity(const Framework& fw, const ScoreTable& table,
                              const SensitivityOptions& options) {
  SensitivityResult r;
  if (table.model != ScoringModel::kHierarchical && table.model != ScoringModel::kFlat) {
    r.error =
        fmt::format("the {} model does not use weights; sensitivity needs hierarchical or flat",
                    model_name(table.model));
    return r;
  }
  if (options.draws < 1 || options.draws > limits::kMaxSensitivityDraws) {
    r.error = fmt::format("--draws must be between 1 and {}", limits::kMaxSensitivityDraws);
    return r;
  }
  if (!(options.concentration > 0) || !std::isfinite(options.concentration)) {
    r.error = "--concentration must be a positive number";
    return r;
  }
  const std::size_t units = table.units.size();
  const auto m = detail::table_matrices(fw, table);
  detail::TreeScorer scorer(fw);

  // Baseline: the weights in force.
  Eigen::VectorXd score, max;
  detail::model_scores(scorer, fw, m, table.model, table.node_weights, score, max);
  const std::vector<int> baseline = detail::rank_vector(score);
  const std::vector<double> baseline_d(baseline.begin(), baseline.end());

  std::vector<double> g = table.leaf_global_weights;
  g.resize(fw.leaves.size(), 0.0);
  double g_total = 0;
  for (double v : g) g_total += v;
  if (!(g_total > 0)) {
    r.error = "every leaf weight in force is 0; nothing to perturb";
    return r;
  }
  std::vector<double> alpha(g.size());
  for (std::size_t j = 0; j < g.size(); ++j) alpha[j] = options.concentration * g[j] / g_total;

  Sampler sampler(options.seed);
  const auto draws = static_cast<std::size_t>(options.draws);
  std::vector<int> ranks(units * draws);  // unit-major: ranks of one unit are contiguous
  std::vector<double> leaf_weights, rank_d(units);
  r.tau.reserve(draws);
  for (std::size_t d = 0; d < draws; ++d) {
    if (!draw_dirichlet(sampler, alpha, leaf_weights)) leaf_weights = g;  // all gammas underflowed
    const auto node_weights = node_weights_from_leaf_weights(fw, leaf_weights);
    detail::model_scores(scorer, fw, m, table.model, node_weights, score, max);
    const auto rank = detail::rank_vector(score);
    for (std::size_t u = 0; u < units; ++u) {
      ranks[u * draws + d] = rank[u];
      rank_d[u] = rank[u];
    }
    r.tau.push_back(kendall_tau_b(rank_d, baseline_d));
  }
  r.units.resize(units);
  std::vector<int> sorted(draws);
  for (std::size_t u = 0; u < units; ++u) {
    std::copy_n(ranks.begin() + static_cast<std::ptrdiff_t>(u * draws), draws, sorted.begin());
    std::sort(sorted.begin(), sorted.end());
    auto& us = r.units[u];
    us.baseline_rank = baseline[u];
    us.rank_p5 = percentile(sorted, 5);
    us.rank_p50 = percentile(sorted, 50);
    us.rank_p95 = percentile(sorted, 95);
    const auto first = std::upper_bound(sorted.begin(), sorted.end(), 1) - sorted.begin();
    us.p_first = static_cast<double>(first) / static_cast<double>(draws);
  }
  double sum = 0;
  r.tau_min = 1.0;
  for (double t : r.tau) {
    sum += t;
    r.tau_min = std::min(r.tau_min, t);
  }
  r.tau_mean = sum / static_cast<double>(draws);
  return r;
}

}  // namespace indicheck
