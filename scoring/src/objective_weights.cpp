// Data-driven ("objective") weights from the credit matrix: entropy (熵权法) and CRITIC.
//
// Both read the credit values as they are: every column is already a 0-1 benefit value on
// the same scale, so the min-max standardization (极差标准化) these methods use to bring mixed
// units to one scale is not applied (it would also force the weakest unit of every column to
// 0). Cells not in force (not applicable, waived) are left out of the entropy of their column
// and replaced by the column mean in CRITIC, where they then add nothing to σ or to r.
//
// Known pitfalls handled explicitly rather than by silent fallback:
//   - 0 · ln 0 = 0 (the limit), never NaN;
//   - a constant column (every unit the same credit) or an all-zero column carries no
//     information: divergence / information 0, with a note naming the reason;
//   - when no column carries information the weights are undefined: an error, not uniform
//     weights in disguise.
#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "indicheck/scoring.h"

namespace indicheck {
namespace {

using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MaskRowMajor = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

constexpr double kConstantTolerance = 1e-12;

}  // namespace

EntropyWeights entropy_weights(const CreditMatrix& cm) {
  EntropyWeights r;
  const auto rows = static_cast<Eigen::Index>(cm.rows());
  const auto cols = static_cast<Eigen::Index>(cm.cols());
  const Eigen::Map<const RowMajor> x(cm.credit.data(), rows, cols);
  const Eigen::Map<const MaskRowMajor> in(cm.in_force.data(), rows, cols);
  const Eigen::MatrixXd mask = in.cast<double>();
  const Eigen::MatrixXd xm = x.cwiseProduct(mask);
  const Eigen::RowVectorXd sums = xm.colwise().sum();
  const Eigen::RowVectorXd counts = mask.colwise().sum();
  r.counted.resize(cm.cols());
  r.column_sum.resize(cm.cols());
  r.entropy.assign(cm.cols(), 1.0);
  r.divergence.assign(cm.cols(), 0.0);
  r.notes.assign(cm.cols(), std::string());
  for (Eigen::Index j = 0; j < cols; ++j) {
    const auto js = static_cast<std::size_t>(j);
    const int m = static_cast<int>(std::lround(counts(j)));
    r.counted[js] = m;
    r.column_sum[js] = sums(j);
    double lo = 1e300, hi = -1e300;
    for (Eigen::Index i = 0; i < rows; ++i) {
      if (mask(i, j) == 0) continue;
      lo = std::min(lo, x(i, j));
      hi = std::max(hi, x(i, j));
    }
    if (m < 2) {
      r.notes[js] = "fewer than 2 units in force: no spread to measure";
      continue;
    }
    if (sums(j) <= 0) {
      r.notes[js] = "no unit earned credit: p_ij undefined, divergence 0";
      continue;
    }
    if (hi - lo <= kConstantTolerance) {
      r.notes[js] = "every unit has the same credit: divergence 0";
      continue;
    }
    // e_j = -(1/ln m) Σ p ln p with p_ij = x_ij / Σ_i x_ij, and 0 · ln 0 = 0.
    double h = 0;
    for (Eigen::Index i = 0; i < rows; ++i) {
      if (mask(i, j) == 0) continue;
      const double p = x(i, j) / sums(j);
      if (p > 0) h -= p * std::log(p);
    }
    const double e = std::clamp(h / std::log(static_cast<double>(m)), 0.0, 1.0);
    r.entropy[js] = e;
    r.divergence[js] = 1.0 - e;
  }
  double total = 0;
  for (double d : r.divergence) total += d;
  if (total <= 0) {
    r.error =
        "every column is constant, all-zero or has fewer than 2 units in force; entropy "
        "weights are undefined";
    return r;
  }
  for (double d : r.divergence) r.weights.push_back(d / total);
  return r;
}

CriticWeights critic_weights(const CreditMatrix& cm) {
  CriticWeights r;
  const auto rows = static_cast<Eigen::Index>(cm.rows());
  const auto cols = static_cast<Eigen::Index>(cm.cols());
  const Eigen::Map<const RowMajor> x(cm.credit.data(), rows, cols);
  const Eigen::Map<const MaskRowMajor> in(cm.in_force.data(), rows, cols);
  const Eigen::MatrixXd mask = in.cast<double>();
  if (rows < 2) {
    r.error = "CRITIC needs at least 2 units";
    return r;
  }
  const Eigen::RowVectorXd counts = mask.colwise().sum();
  const Eigen::RowVectorXd mean =
      (x.cwiseProduct(mask).colwise().sum().array() / counts.array().max(1.0)).matrix();
  // Cells not in force take the column mean: zero deviation.
  Eigen::MatrixXd centered = x - mean.replicate(rows, 1);
  centered = centered.cwiseProduct(mask);
  const Eigen::MatrixXd cov = (centered.transpose() * centered) / static_cast<double>(rows);
  r.mean.assign(mean.data(), mean.data() + cols);
  r.stddev.resize(cm.cols());
  std::vector<bool> varies(cm.cols());
  for (Eigen::Index j = 0; j < cols; ++j) {
    const double s = std::sqrt(std::max(0.0, cov(j, j)));
    r.stddev[static_cast<std::size_t>(j)] = s;
    varies[static_cast<std::size_t>(j)] = s > kConstantTolerance;
  }
  r.correlation.assign(cm.cols() * cm.cols(), 0.0);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index k = 0; k < cols; ++k) {
      const auto js = static_cast<std::size_t>(j), ks = static_cast<std::size_t>(k);
      if (j == k) {
        r.correlation[js * cm.cols() + ks] = varies[js] ? 1.0 : 0.0;
      } else if (varies[js] && varies[ks]) {
        r.correlation[js * cm.cols() + ks] =
            std::clamp(cov(j, k) / (r.stddev[js] * r.stddev[ks]), -1.0, 1.0);
      }
    }
  r.conflict.assign(cm.cols(), 0.0);
  r.information.assign(cm.cols(), 0.0);
  double total = 0;
  for (std::size_t j = 0; j < cm.cols(); ++j) {
    if (!varies[j]) continue;  // a constant column: no contrast, and no say in others' conflict
    for (std::size_t k = 0; k < cm.cols(); ++k)
      if (k != j && varies[k]) r.conflict[j] += 1.0 - r.correlation[j * cm.cols() + k];
    r.information[j] = r.stddev[j] * r.conflict[j];
    total += r.information[j];
  }
  if (total <= 0) {
    r.error = "CRITIC weights are undefined: fewer than 2 columns vary across units";
    return r;
  }
  for (double c : r.information) r.weights.push_back(c / total);
  return r;
}

DataSupport data_support(const CreditMatrix& cm, std::span<const int> rows) {
  DataSupport s;
  std::vector<std::size_t> use;
  if (rows.empty())
    for (std::size_t r = 0; r < cm.rows(); ++r) use.push_back(r);
  else
    for (int r : rows)
      if (r >= 0 && static_cast<std::size_t>(r) < cm.rows())
        use.push_back(static_cast<std::size_t>(r));
  s.units = use.size();
  s.columns = cm.cols();
  s.free_weights = cm.cols() > 0 ? cm.cols() - 1 : 0;
  for (std::size_t c = 0; c < cm.cols(); ++c) {
    std::size_t counted = 0;
    double first = 0;
    bool varies = false;
    for (std::size_t r : use) {
      if (!cm.counted(r, c)) continue;
      if (counted++ == 0)
        first = cm.at(r, c);
      else if (cm.at(r, c) != first)
        varies = true;
    }
    if (!varies || counted < 2) s.constant_columns.push_back(cm.items[c]);
  }
  return s;
}

}  // namespace indicheck
