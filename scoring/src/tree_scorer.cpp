#include "tree_scorer.h"

#include <cstddef>

namespace indicheck::detail {

TreeScorer::TreeScorer(const Framework& framework) : leaf_nodes_(framework.leaves) {
  const int n = static_cast<int>(framework.nodes.size());
  position_.assign(static_cast<std::size_t>(n), -1);
  is_leaf_.assign(static_cast<std::size_t>(n), false);
  std::vector<int> depth(static_cast<std::size_t>(n), 0);
  if (n == 0) {
    level_start_ = {0};
    return;
  }
  // Breadth-first order is depth order, and the children of all nodes at depth d are exactly
  // the nodes at depth d+1. A queue over the node array: no recursion.
  node_at_.reserve(static_cast<std::size_t>(n));
  node_at_.push_back(0);
  position_[0] = 0;
  for (std::size_t head = 0; head < node_at_.size(); ++head) {
    const int node = node_at_[head];
    for (int child : framework.nodes[static_cast<std::size_t>(node)].children) {
      if (child < 0 || child >= n || position_[static_cast<std::size_t>(child)] >= 0) continue;
      position_[static_cast<std::size_t>(child)] = static_cast<int>(node_at_.size());
      depth[static_cast<std::size_t>(child)] = depth[static_cast<std::size_t>(node)] + 1;
      node_at_.push_back(child);
    }
  }
  for (int i = 0; i < n; ++i)
    is_leaf_[static_cast<std::size_t>(i)] = framework.nodes[static_cast<std::size_t>(i)].is_leaf();

  const int max_depth = depth[static_cast<std::size_t>(node_at_.back())];
  level_start_.assign(static_cast<std::size_t>(max_depth) + 2, 0);
  for (int node : node_at_)
    ++level_start_[static_cast<std::size_t>(depth[static_cast<std::size_t>(node)]) + 1];
  for (std::size_t d = 1; d < level_start_.size(); ++d) level_start_[d] += level_start_[d - 1];

  // W_d: rows = nodes at depth d+1 (children), cols = nodes at depth d (parents).
  for (int d = 0; d + 1 <= max_depth; ++d) {
    const int parent_begin = level_start_[static_cast<std::size_t>(d)];
    const int child_begin = level_start_[static_cast<std::size_t>(d) + 1];
    const int child_end = level_start_[static_cast<std::size_t>(d) + 2];
    std::vector<Eigen::Triplet<double>> triplets;
    for (int c = child_begin; c < child_end; ++c) {
      const int child = node_at_[static_cast<std::size_t>(c)];
      const int parent = framework.nodes[static_cast<std::size_t>(child)].parent;
      triplets.emplace_back(c - child_begin,
                            position_[static_cast<std::size_t>(parent)] - parent_begin, 1.0);
    }
    Eigen::SparseMatrix<double> w(child_end - child_begin, child_begin - parent_begin);
    w.setFromTriplets(triplets.begin(), triplets.end());
    w.makeCompressed();
    std::vector<int> value_child;
    value_child.reserve(static_cast<std::size_t>(w.nonZeros()));
    for (int col = 0; col < w.outerSize(); ++col)
      for (Eigen::SparseMatrix<double>::InnerIterator it(w, col); it; ++it)
        value_child.push_back(node_at_[static_cast<std::size_t>(child_begin + it.row())]);
    level_weights_.push_back(std::move(w));
    level_value_child_.push_back(std::move(value_child));
  }
}

void TreeScorer::run(const Matrix& credit, const Matrix& mask,
                     const std::vector<double>& node_weights) {
  const Eigen::Index units = credit.rows();
  const Eigen::Index nodes = static_cast<Eigen::Index>(node_at_.size());
  const bool loaded = loaded_credit_ == credit.data() && loaded_mask_ == mask.data() &&
                      loaded_rows_ == units && s_.rows() == units && s_.cols() == nodes;
  if (!loaded) {
    s_.setZero(units, nodes);
    q_.setZero(units, nodes);
    loaded_credit_ = credit.data();
    loaded_mask_ = mask.data();
    loaded_rows_ = units;
  }
  for (std::size_t l = 0; !loaded && l < leaf_nodes_.size(); ++l) {
    const int p = position_[static_cast<std::size_t>(leaf_nodes_[l])];
    if (p < 0) continue;
    const auto col = static_cast<Eigen::Index>(l);
    q_.col(p) = mask.col(col);
    s_.col(p) = credit.col(col).cwiseProduct(mask.col(col));  // keep S = 0 where Q = 0
  }
  for (int d = static_cast<int>(level_weights_.size()) - 1; d >= 0; --d) {
    auto& w = level_weights_[static_cast<std::size_t>(d)];
    const auto& value_child = level_value_child_[static_cast<std::size_t>(d)];
    double* values = w.valuePtr();
    for (std::size_t k = 0; k < value_child.size(); ++k)
      values[k] = node_weights[static_cast<std::size_t>(value_child[k])];
    const int parent_begin = level_start_[static_cast<std::size_t>(d)];
    const int child_begin = level_start_[static_cast<std::size_t>(d) + 1];
    const int child_count = level_start_[static_cast<std::size_t>(d) + 2] - child_begin;
    // One product per level for all units at once.
    const Matrix numerator = s_.middleCols(child_begin, child_count) * w;
    const Matrix denominator = q_.middleCols(child_begin, child_count) * w;
    for (Eigen::Index c = 0; c < w.cols(); ++c) {
      const Eigen::Index p = parent_begin + c;
      if (is_leaf_[static_cast<std::size_t>(node_at_[static_cast<std::size_t>(p)])]) continue;
      const auto den = denominator.col(c).array();
      const auto has = (den > 0.0);
      s_.col(p) = has.select(numerator.col(c).array() / has.select(den, 1.0), 0.0).matrix();
      q_.col(p) = has.select(Eigen::ArrayXd::Ones(units), 0.0).matrix();
    }
  }
}

void TreeScorer::score(const Matrix& credit, const Matrix& mask,
                       const std::vector<double>& node_weights, Matrix& node_scores,
                       Matrix& scored) {
  run(credit, mask, node_weights);
  const Eigen::Index units = credit.rows();
  node_scores.setZero(units, static_cast<Eigen::Index>(position_.size()));
  scored.setZero(units, static_cast<Eigen::Index>(position_.size()));
  for (std::size_t n = 0; n < position_.size(); ++n) {
    const int p = position_[n];
    if (p < 0) continue;
    node_scores.col(static_cast<Eigen::Index>(n)) = s_.col(p);
    scored.col(static_cast<Eigen::Index>(n)) = q_.col(p);
  }
}

void TreeScorer::score_root(const Matrix& credit, const Matrix& mask,
                            const std::vector<double>& node_weights, Eigen::VectorXd& root_score,
                            Eigen::VectorXd& root_scored) {
  run(credit, mask, node_weights);
  if (node_at_.empty()) {
    root_score.setZero(credit.rows());
    root_scored.setZero(credit.rows());
    return;
  }
  root_score = s_.col(0);
  root_scored = q_.col(0);
}

}  // namespace indicheck::detail
