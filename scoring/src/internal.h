// Private helpers shared by score_units, rescore, fit and sensitivity: one definition of how a
// ScoreTable turns into matrices and how each model reads them, so every path scores alike.
#pragma once

#include <Eigen/Dense>
#include <string_view>
#include <vector>

#include "indicheck/scoring.h"
#include "tree_scorer.h"

namespace indicheck::detail {

// The matrices behind a ScoreTable: credit and mask (units × leaves), from the states kept in
// the table, with excluded (deselected) leaves masked out.
struct TableMatrices {
  Matrix credit;        // 0 where masked
  Matrix mask;          // 1 = in force
  Matrix met_required;  // 1 where a required leaf in force is met (absolute model)
  Matrix required;      // 1 where a required leaf is in force
};
TableMatrices table_matrices(const Framework& framework, const ScoreTable& table);

// Global leaf weights: product of normalized local weights root → leaf; 0 under a node whose
// included siblings weigh 0. Walks the tree breadth-first (no recursion).
std::vector<double> global_leaf_weights(const Framework& framework,
                                        const std::vector<double>& node_weights);

// Unit scores under `model` given node weights: one product per level (hierarchical) or one
// matrix-vector product (flat models). max receives the per-unit maximum.
void model_scores(TreeScorer& scorer, const Framework& framework, const TableMatrices& m,
                  ScoringModel model, const std::vector<double>& node_weights,
                  Eigen::VectorXd& score, Eigen::VectorXd& max);

// Waivers (waiver.cpp): the node a waiver names (its item, or the framework id for the root;
// -1 when neither), whether `node` is `ancestor` or lies below it, and whether a waiver is for
// `unit`. score_units and waiver_for both decide coverage with these.
int waiver_node(const Framework& framework, const Waiver& waiver);
bool node_under(const Framework& framework, int node, int ancestor);
bool waiver_for_unit(const Waiver& waiver, std::string_view unit);

// Ranks for an Eigen vector (same rule as rank_descending).
std::vector<int> rank_vector(const Eigen::VectorXd& scores, double epsilon = kRankTieEpsilon);

}  // namespace indicheck::detail
