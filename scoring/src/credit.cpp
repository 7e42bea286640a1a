// The state → credit table (docs/scoring.md §1) and model names.
#include "indicheck/scoring.h"

namespace indicheck {

double state_credit(ItemState state, double partial_credit) {
  switch (state) {
    case ItemState::kMet:
      return 1.0;
    case ItemState::kPartial:
      return partial_credit;
    case ItemState::kAcknowledged:  // a self-reported gap earns nothing
    case ItemState::kPlanned:       // an intention earns nothing
    case ItemState::kMissing:
      return 0.0;
    case ItemState::kNotApplicable:  // out of numerator and denominator
    case ItemState::kWaived:
      return -1.0;
  }
  return 0.0;
}

std::string_view model_name(ScoringModel model) {
  switch (model) {
    case ScoringModel::kHierarchical:
      return "hierarchical";
    case ScoringModel::kFlat:
      return "flat";
    case ScoringModel::kFlatUnweighted:
      return "flat-unweighted";
    case ScoringModel::kAbsolute:
      return "absolute";
  }
  return "hierarchical";
}

std::optional<ScoringModel> model_from_name(std::string_view name) {
  for (ScoringModel m : {ScoringModel::kHierarchical, ScoringModel::kFlat,
                         ScoringModel::kFlatUnweighted, ScoringModel::kAbsolute})
    if (model_name(m) == name) return m;
  return std::nullopt;
}

}  // namespace indicheck
