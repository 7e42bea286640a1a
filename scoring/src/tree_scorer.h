// The numeric core of scoring: every unit scored at once, one sparse product per tree level.
//
// Idea. Lay the framework's nodes out by depth (depth 0 = root), so the children of all nodes
// at depth d are exactly the columns of depth d+1. Two dense matrices, units × nodes:
//   S  score of a node in [0, 1] (0 where nothing is scored),
//   Q  1 where something under the node is scored (in force), else 0.
// Leaves are filled from the credit matrix C and the mask M (0 = not applicable / waived /
// deselected). Then, for d = deepest-1 … 0, with W_d the sparse (nodes at d+1) × (nodes at d)
// matrix holding each child's local weight in its parent's column:
//   NUM = (Q∘S)_{d+1} · W_d,   DEN = Q_{d+1} · W_d,   S_d = NUM / DEN where DEN > 0.
// A parent whose scored children all have weight 0, or that has nothing scored beneath it,
// gets DEN = 0: it is "nothing scored" (Q = 0), never 0/0. The loop walks the level array
// (no recursion), and the weights can be swapped without rebuilding the sparsity pattern,
// which is what sensitivity does a thousand times.
#pragma once

#include <Eigen/Dense>
#include <Eigen/Sparse>
#include <vector>

#include "indicheck/rules.h"

namespace indicheck::detail {

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;

class TreeScorer {
 public:
  explicit TreeScorer(const Framework& framework);

  int node_count() const { return static_cast<int>(position_.size()); }
  int leaf_count() const { return static_cast<int>(leaf_nodes_.size()); }
  int depth_count() const { return static_cast<int>(level_start_.size()) - 1; }

  // credit and mask: units × leaves (Framework::leaves order); credit 0 where mask is 0.
  // node_weights: effective local weight per node (0 for excluded nodes).
  // Out: node_scores units × nodes (Framework::nodes order) in [0, 1]; scored 0/1.
  void score(const Matrix& credit, const Matrix& mask, const std::vector<double>& node_weights,
             Matrix& node_scores, Matrix& scored);

  // Only the root column (fast path for sensitivity): score in [0, 1] and scored flag.
  void score_root(const Matrix& credit, const Matrix& mask, const std::vector<double>& node_weights,
                  Eigen::VectorXd& root_score, Eigen::VectorXd& root_scored);

 private:
  void run(const Matrix& credit, const Matrix& mask, const std::vector<double>& node_weights);

  // Leaf columns of S and Q depend only on credit and mask, and every inner column is fully
  // rewritten by run(); so repeated runs over the same matrices (sensitivity: one per draw)
  // load the leaves once. Callers never modify credit or mask between such runs.
  const double* loaded_credit_ = nullptr;
  const double* loaded_mask_ = nullptr;
  Eigen::Index loaded_rows_ = -1;

  std::vector<int> position_;     // node → column in depth order
  std::vector<int> node_at_;      // column in depth order → node
  std::vector<int> level_start_;  // columns [level_start_[d], level_start_[d+1]) are depth d
  std::vector<int> leaf_nodes_;   // Framework::leaves
  std::vector<Eigen::SparseMatrix<double>> level_weights_;  // W_d, d = 0 .. depth-2
  // For each W_d, which child node each stored value belongs to (to refresh the values).
  std::vector<std::vector<int>> level_value_child_;
  std::vector<bool> is_leaf_;
  Matrix s_, q_;  // depth-ordered scratch, units × nodes
};

}  // namespace indicheck::detail
