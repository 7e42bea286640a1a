// Stage 3 of Indicheck: evidence → states, scores and ranks; weight tuning and sensitivity.
//
// Input is one state per leaf per unit (from the matcher's DocumentEvidence, or kept compact by
// the run) plus the framework tree and an optional profile. The profile is applied first
// (select/deselect, weight and required overrides, waivers → kWaived, level → kNotApplicable), then
// every unit is scored in one matrix product: a credit matrix (units × leaves) times effective leaf
// weights (Eigen, kept out of this header). Formulas and the state → credit table are in
// docs/scoring.md.
//
// Weight tuning lives here too (AHP, entropy, CRITIC, NNLS fit to reference scores) and
// Monte-Carlo sensitivity of the ranking; each works on the same credit matrix and tree
// products, so a weight derived here scores exactly as evaluation will score it.
//
// This stage knows nothing about how evidence was found or how results are rendered.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indicheck/diagnostic.h"
#include "indicheck/matcher.h"
#include "indicheck/rules.h"

namespace indicheck {

enum class ScoringModel : std::uint8_t {
  kHierarchical,    // XCCDF default: weight-averaged children, 0-100 at the root
  kFlat,            // Σ weight × credit over leaves, reported with its maximum
  kFlatUnweighted,  // Σ credit over leaves
  kAbsolute,        // 100 only if every required item is met, else 0
};
std::string_view model_name(ScoringModel model);  // "hierarchical", "flat", ...
// The model a name (as printed by model_name) stands for; nullopt for an unknown name.
std::optional<ScoringModel> model_from_name(std::string_view name);

struct ScoringOptions {
  ScoringModel model = ScoringModel::kHierarchical;
  double partial_credit = 0.5;  // credit of kPartial; a profile may override
  std::string today;            // ISO date for waiver expiry; empty = never expired
};

// Who a row is about: enough to rank within peer groups.
struct UnitKey {
  std::string unit;      // 苏州市相城区
  std::string level;     // "district", ...
  std::string province;  // 江苏省
  int year = 0;          // year reported on
  std::string path;      // report file
};

struct UnitScore {
  UnitKey key;
  double score = 0;      // per model: 0-100, or Σ for flat models
  double max_score = 0;  // 100 for hierarchical/absolute; Σ weights (or leaf count) for flat
  int required_met = 0;
  int required_total = 0;           // required leaves in force (not waived / n.a.)
  std::vector<double> node_scores;  // per framework node, 0-100; -1 = nothing scored under it
  std::vector<ItemState> states;    // per leaf (Framework::leaves order), after the profile
  int rank = 0;                     // 1-based, ties share a rank (1, 2, 2, 4)
  int peer_rank = 0;                // rank among units with the same level and year
  int peer_count = 0;
  int province_rank = 0;  // rank among units with the same province and year
  int province_count = 0;
  double required_coverage = -1;  // required_met / required_total; -1 when none in force
};

struct ScoreTable {
  std::string framework_id;
  ScoringModel model = ScoringModel::kHierarchical;
  double partial_credit = 0.5;
  std::vector<double> node_weights;            // effective local weight per node after the profile
  std::vector<bool> node_required;             // effective required flag per node
  std::vector<bool> node_included;             // false when deselected by the profile
  std::vector<double> leaf_global_weights;     // product of normalized weights root → leaf
  std::vector<UnitScore> units;                // input order
  std::vector<std::string> applied_overrides;  // human-readable list of profile effects
  std::vector<int> areas;                // node indices of the root's children (per-area scores)
  std::vector<double> leaf_raw_weights;  // per leaf: effective local weight (0 if excluded)
};

// One unit's states for one framework, as the matcher found them (before the profile).
struct UnitStates {
  UnitKey key;
  std::vector<ItemState> states;  // per leaf, Framework::leaves order; missing beyond the end
};

// The states per leaf (Framework::leaves order) that `evidence` holds: items are placed by
// node, an item without a node by its position; leaves without an item are kMissing.
std::vector<ItemState> leaf_states(const Framework& framework, const DocumentEvidence& evidence);

// Scores every unit against one framework. Profile may be null. Diagnostics (profile
// file:line:col): errors unknown-item, bad-weight, bad-partial-credit, bad-date, zero-weights
// (a weighted node whose included children all weigh 0: scored as "nothing scored", -1);
// warnings expired-waiver (ignored) and profile-framework (profile for another framework: not
// applied). Scores are always finite and within [0, max_score]. See docs/scoring.md.
// The states are moved into the table's UnitScore::states (then the profile is applied).
ScoreTable score_units(const Framework& framework, const Profile* profile,
                       std::vector<UnitStates> units, const ScoringOptions& options,
                       std::vector<Diagnostic>& diagnostics);

// The same from evidence objects (tests, benchmarks, small programs): leaf_states of each.
struct UnitEvidence {
  UnitKey key;
  const DocumentEvidence* evidence = nullptr;  // for the same framework as the table
};
ScoreTable score_units(const Framework& framework, const Profile* profile,
                       const std::vector<UnitEvidence>& units, const ScoringOptions& options,
                       std::vector<Diagnostic>& diagnostics);

// The profile in force for framework `framework_id`: the last one loaded for it (a --profile
// is loaded after the packs' own, so it wins); nullptr when none. Scoring, the run and every
// renderer ask here, so they agree.
const Profile* profile_for(const RuleSet& rules, std::string_view framework_id);

// Waivers (decided here only; renderers ask waiver_for). A waiver is in force when its item is
// a node of the framework and its expiry, if any, is an ISO date not before `today` (empty
// today: never expired). It covers a leaf when the leaf is its item or lies below it, for the
// unit it names or for every unit ("*").
enum class WaiverStatus : std::uint8_t { kInForce, kUnknownItem, kBadDate, kExpired };
WaiverStatus waiver_status(const Framework& framework, const Waiver& waiver,
                           std::string_view today);
bool waiver_covers(const Framework& framework, const Waiver& waiver, std::string_view unit,
                   int leaf_node);
// The waiver of `profile` in force that covers `leaf_node` for `unit`: the unit's own before
// one for every unit, the first in file order among equals; nullptr when none (or no profile).
const Waiver* waiver_for(const Framework& framework, const Profile* profile, std::string_view unit,
                         int leaf_node, std::string_view today);

// Credit of a state (1, partial, 0) or -1 when the state is left out of the denominator
// (not applicable, waived).
double state_credit(ItemState state, double partial_credit);

// ---------------------------------------------------------------------------------------------
// Limits of this stage (named with their reason, as engine/core limits.h).
namespace limits {
// Saaty's random-index table (Saaty 1980) is published for n = 1..15; a pairwise matrix beyond
// it has no RI to divide by, and no panel fills in 120+ judgements consistently anyway.
inline constexpr std::size_t kMaxAhpItems = 15;
// Monte-Carlo draws: 100,000 × 3,000 units of ranks is already 1.2 GB of int; refuse more.
inline constexpr int kMaxSensitivityDraws = 100000;
// Lawson-Hanson terminates in finitely many steps; this guards a numerically stuck loop.
inline constexpr int kMaxNnlsIterationsPerColumn = 30;
}  // namespace limits

// ---------------------------------------------------------------------------------------------
// Ranking. Higher score = better rank; scores within kRankTieEpsilon of the previous one (in
// descending order) share its rank, so ranks read 1, 2, 2, 4.
inline constexpr double kRankTieEpsilon = 1e-9;
std::vector<int> rank_descending(std::span<const double> scores, double epsilon = kRankTieEpsilon);

struct GroupRank {
  int rank = 0;   // rank within the unit's group
  int count = 0;  // size of the group
};
// Ranks within groups: units with equal `groups[i]` are ranked among themselves.
std::vector<GroupRank> rank_within_groups(std::span<const double> scores,
                                          const std::vector<std::string>& groups,
                                          double epsilon = kRankTieEpsilon);
std::string peer_group(const UnitKey& key);      // level + year: the peer_rank grouping
std::string province_group(const UnitKey& key);  // province + year

// Kendall's τ-b between two score (or rank) vectors of equal length; ties in either are
// handled (Knight's O(n log n) algorithm). 1 for fewer than two items; 0 when one side is
// entirely tied (τ-b undefined there).
double kendall_tau_b(std::span<const double> a, std::span<const double> b);

// ---------------------------------------------------------------------------------------------
// The credit matrix (units × included leaves) an evaluation scored, for data-driven weights.
struct CreditMatrix {
  std::vector<std::string> units;      // row labels (UnitKey::unit, with year when ambiguous)
  std::vector<std::string> items;      // column labels: leaf node ids
  std::vector<int> leaf_index;         // column → position in Framework::leaves
  std::vector<double> credit;          // row-major; 0 where not in force
  std::vector<std::uint8_t> in_force;  // row-major; 0 = not applicable / waived (masked)
  std::size_t rows() const { return units.size(); }
  std::size_t cols() const { return items.size(); }
  double at(std::size_t r, std::size_t c) const { return credit[r * cols() + c]; }
  bool counted(std::size_t r, std::size_t c) const { return in_force[r * cols() + c] != 0; }
};
CreditMatrix credit_matrix(const Framework& framework, const ScoreTable& table);

// Node weights (per Framework::nodes) that make the hierarchical model's global leaf weights
// equal `leaf_weights` (per Framework::leaves): each node's weight is the sum of its leaves'.
std::vector<double> node_weights_from_leaf_weights(const Framework& framework,
                                                   std::span<const double> leaf_weights);

// Leaf weights (per Framework::leaves) from weights of the matrix's columns (entropy, CRITIC):
// leaves without a column get 0.
std::vector<double> leaf_weights_from_columns(const Framework& framework,
                                              const CreditMatrix& matrix,
                                              std::span<const double> column_weights);

// The (node id, weight) pairs a profile needs to reproduce `node_weights` (per
// Framework::nodes) for the nodes `table` includes.
std::vector<std::pair<std::string, double>> profile_node_weights(
    const Framework& framework, const ScoreTable& table, std::span<const double> node_weights);

// Scores of every unit of `table` (its states, inclusion and model) under other node weights.
std::vector<double> rescore(const Framework& framework, const ScoreTable& table,
                            std::span<const double> node_weights);

// ---------------------------------------------------------------------------------------------
// AHP (层次分析法). A pairwise matrix file:
//   ahp: {framework: ID, items: [ids...], matrix: [[upper-triangle rows] or [full rows]]}
// Entries are numbers or fractions ("1/3") on Saaty's 1-9 scale.
struct AhpMatrix {
  std::string path;
  std::string framework;
  std::vector<std::string> items;
  std::vector<SourceLocation> item_locations;
  std::vector<std::vector<double>> values;  // full n × n, reciprocal
  SourceLocation location;
};
std::optional<AhpMatrix> load_ahp_matrix(const std::string& path,
                                         std::vector<Diagnostic>& diagnostics);
// Unknown or duplicate items, items that are not siblings: errors at the item's position.
bool check_ahp_items(const AhpMatrix& matrix, const Framework& framework,
                     std::vector<Diagnostic>& diagnostics);

// The same from a spreadsheet a panel filled in (docs/scoring.md "Weighting meeting"): .xlsx
// (first sheet) or .csv (UTF-8 with or without BOM, or GBK/GB18030). A full square matrix with
// the items as labels in the first row and, in the same order, the first column (node id,
// "id title" or title); the top-left cell may hold the framework id. Judgements on Saaty's
// scale, fractions like "1/3"; an empty cell takes the reciprocal of its mirror. The framework
// is `framework_id`, else the top-left cell, else the one whose nodes the labels all name.
// Errors name the cell (CSV line:column; Excel "B3" with row:column): ahp-not-square,
// ahp-labels, unknown-item, duplicate-item, unknown-framework, ahp-not-number, ahp-zero,
// ahp-negative, ahp-diagonal, ahp-scale, ahp-not-reciprocal, ahp-missing, ahp-too-large, and
// the reader's (not-found, too-large, bad-encoding, bad-xlsx, no-sheet).
bool is_ahp_sheet_path(std::string_view path);  // .xlsx or .csv (any case)
std::optional<AhpMatrix> load_ahp_sheet(const std::string& path, const RuleSet& rules,
                                        const std::string& framework_id,
                                        std::vector<Diagnostic>& diagnostics);
// An empty matrix for the children of node `parent` (0 = the areas): top-left cell the
// framework id, labels "id title", 1 on the diagonal.
std::vector<std::vector<std::string>> ahp_template_rows(const Framework& framework, int parent);
// Several experts' matrices (same items, same order) combined entry by entry by the geometric
// mean (Aczél & Saaty 1983: the only mean that keeps the combined matrix reciprocal).
std::vector<std::vector<double>> ahp_geometric_mean(
    const std::vector<std::vector<std::vector<double>>>& matrices);

// Saaty's random consistency index RI(n) (Saaty 1980, The Analytic Hierarchy Process, table
// for n = 1..15). -1 for n outside the table.
double saaty_random_index(std::size_t n);
inline constexpr double kAhpMaxConsistencyRatio = 0.1;

struct AhpPair {
  std::size_t i = 0, j = 0;
  double given = 0;      // a_ij
  double implied = 0;    // w_i / w_j
  double deviation = 0;  // max(given/implied, implied/given) >= 1
};
struct AhpResult {
  std::vector<std::vector<double>> normalized;  // a_ij / Σ_k a_kj (column-normalized)
  std::vector<double> weights;                  // principal right eigenvector, Σ = 1
  std::vector<double> weighted_sums;            // (A w)_i
  std::vector<double> ratios;                   // (A w)_i / w_i
  double lambda_max = 0;
  double ci = 0;               // (λmax - n) / (n - 1)
  double ri = 0;               // Saaty's RI(n)
  double cr = 0;               // CI / RI; 0 for n <= 2 (always consistent)
  bool consistent = true;      // cr < kAhpMaxConsistencyRatio
  std::vector<AhpPair> pairs;  // every i < j, most inconsistent first
};
AhpResult ahp_weights(const std::vector<std::vector<double>>& matrix);

// ---------------------------------------------------------------------------------------------
// Entropy weights (熵权法) and CRITIC, from a credit matrix. Masked cells are left out.
struct EntropyWeights {
  std::vector<int> counted;        // per column: units counted (m_j)
  std::vector<double> column_sum;  // Σ_i x_ij
  std::vector<double> entropy;     // e_j in [0, 1]
  std::vector<double> divergence;  // d_j = 1 - e_j (0 for constant or all-zero columns)
  std::vector<double> weights;     // d_j / Σ d
  std::vector<std::string> notes;  // per column: why a divergence was set to 0, or empty
  std::string error;               // non-empty when no column carries information
};
EntropyWeights entropy_weights(const CreditMatrix& matrix);

struct CriticWeights {
  std::vector<double> mean;
  std::vector<double> stddev;       // σ_j (population)
  std::vector<double> correlation;  // cols × cols, row-major (Pearson); 0 with a constant column
  std::vector<double> conflict;     // Σ_k (1 - r_jk) over non-constant k ≠ j
  std::vector<double> information;  // C_j = σ_j × conflict_j
  std::vector<double> weights;      // C_j / Σ C
  std::string error;
};
CriticWeights critic_weights(const CreditMatrix& matrix);

// Whether a credit matrix can carry data-driven weights: a weight is learnt from how a column
// varies across units, so a column that is the same for every unit (or counted for fewer than
// two) tells nothing, and with no more units than free weights (columns − 1, the weights summing
// to 1) a fit reproduces any target exactly: it memorises the units instead of weighting.
// `rows` restricts the check to some units (the fit's reference units); empty = all.
struct DataSupport {
  std::size_t units = 0;
  std::size_t columns = 0;
  std::size_t free_weights = 0;               // columns − 1
  std::vector<std::string> constant_columns;  // item ids
  bool enough_units() const { return units > free_weights; }
};
DataSupport data_support(const CreditMatrix& matrix, std::span<const int> rows = {});

// ---------------------------------------------------------------------------------------------
// Non-negative least squares (Lawson & Hanson 1974, ch. 23): min ||A x - b|| s.t. x >= 0.
struct NnlsResult {
  std::vector<double> x;
  double residual_norm = 0;
  int iterations = 0;
  bool converged = false;
};
NnlsResult nnls(std::size_t rows, std::size_t cols, std::span<const double> a_row_major,
                std::span<const double> b);

struct ReferenceScore {
  std::string unit;
  int year = 0;  // 0 = not given
  double score = 0;
  SourceLocation location;
};
// CSV "unit,score[,year]" with an optional header line. Errors carry file:line.
std::optional<std::vector<ReferenceScore>> load_reference_scores(
    const std::string& path, std::vector<Diagnostic>& diagnostics);

struct FitResult {
  std::vector<int> rows;             // reference entry → row of table.units
  std::vector<double> leaf_weights;  // per Framework::leaves, Σ = 1 over included leaves
  std::vector<double> node_weights;  // per node (subtree sums), for the profile
  std::vector<double> reference;     // per reference entry
  std::vector<double> fitted;        // rescored with node_weights under the table's model
  double r_squared = 0;
  double tau_b = 0;
  NnlsResult nnls;
  bool ok = false;
};
// Unknown / ambiguous units: errors at the CSV line. Requires a weighted model.
FitResult fit_weights(const Framework& framework, const ScoreTable& table,
                      const std::vector<ReferenceScore>& reference,
                      std::vector<Diagnostic>& diagnostics);

// ---------------------------------------------------------------------------------------------
// Sensitivity: leaf weights drawn from Dirichlet(concentration × w) around the global leaf
// weights in force w; every unit rescored per draw. Reproducible: mt19937_64 and our own
// gamma sampler (Marsaglia-Tsang), so the same seed gives the same output on every platform.
struct SensitivityOptions {
  int draws = 1000;
  double concentration = 100;
  std::uint64_t seed = 1;
};
struct UnitSensitivity {
  int baseline_rank = 0;
  int rank_p5 = 0, rank_p50 = 0, rank_p95 = 0;  // nearest-rank percentiles over draws
  double p_first = 0;                           // share of draws with rank 1
};
struct SensitivityResult {
  std::vector<UnitSensitivity> units;  // table.units order
  std::vector<double> tau;             // per draw: τ-b of the draw's ranks vs the baseline
  double tau_mean = 0;
  double tau_min = 0;
  std::string error;
};
SensitivityResult sensitivity(const Framework& framework, const ScoreTable& table,
                              const SensitivityOptions& options);

// One Dirichlet draw (exposed for tests): alpha_j = 0 gives 0.
std::vector<double> dirichlet_draw(std::span<const double> alpha, std::uint64_t seed);

// ---------------------------------------------------------------------------------------------
// A profile YAML (rules/README.md format) carrying `weights` (node id → weight) plus the
// selection, required overrides, waivers and partial credit of `base` when given.
std::string weights_profile_yaml(const Framework& framework, const Profile* base,
                                 const std::string& id, const std::string& title,
                                 const std::vector<std::string>& comment_lines,
                                 const std::vector<std::pair<std::string, double>>& weights);

}  // namespace indicheck
