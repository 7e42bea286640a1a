// Stage 3 of Indicheck: evidence → states, scores and ranks; weight tuning and sensitivity.
//
// Input is per-unit DocumentEvidence from the matcher plus the framework tree and an optional
// profile. The profile is applied first (select/deselect, weight and required overrides,
// waivers → kWaived, level → kNotApplicable), then every unit is scored in one matrix product:
// a credit matrix (units × leaves) times effective leaf weights (Eigen, kept out of this
// header). Formulas and the state → credit table are in docs/scoring.md.
//
// This stage knows nothing about how evidence was found or how results are rendered.
#pragma once

#include <cstdint>
#include <string>
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
  int required_total = 0;              // required leaves in force (not waived / n.a.)
  std::vector<double> node_scores;     // per framework node, 0-100; -1 = nothing scored under it
  std::vector<ItemState> states;       // per leaf (Framework::leaves order), after the profile
  int rank = 0;                        // 1-based, ties share a rank (1, 2, 2, 4)
  int peer_rank = 0;                   // rank among units with the same level and year
  int peer_count = 0;
};

struct ScoreTable {
  std::string framework_id;
  ScoringModel model = ScoringModel::kHierarchical;
  double partial_credit = 0.5;
  std::vector<double> node_weights;      // effective local weight per node after the profile
  std::vector<bool> node_required;       // effective required flag per node
  std::vector<bool> node_included;       // false when deselected by the profile
  std::vector<double> leaf_global_weights;  // product of normalized weights root → leaf
  std::vector<UnitScore> units;          // input order
  std::vector<std::string> applied_overrides;  // human-readable list of profile effects
};

struct UnitEvidence {
  UnitKey key;
  const DocumentEvidence* evidence = nullptr;  // for the same framework as the table
};

// Scores every unit against one framework. Profile may be null. Diagnostics: unknown ids in
// the profile, expired waivers (warnings).
ScoreTable score_units(const Framework& framework, const Profile* profile,
                       const std::vector<UnitEvidence>& units, const ScoringOptions& options,
                       std::vector<Diagnostic>& diagnostics);

// Credit of a state (1, partial, 0) or -1 when the state is left out of the denominator
// (not applicable, waived).
double state_credit(ItemState state, double partial_credit);

}  // namespace indicheck
