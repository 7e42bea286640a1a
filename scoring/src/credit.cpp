#include "indicheck/scoring.h"

namespace indicheck {

double state_credit(ItemState state, double partial_credit) {
  switch (state) {
    case ItemState::kMet: return 1.0;
    case ItemState::kPartial: return partial_credit;
    case ItemState::kAcknowledged:
    case ItemState::kPlanned:
    case ItemState::kMissing: return 0.0;
    case ItemState::kNotApplicable:
    case ItemState::kWaived: return -1.0;
  }
  return 0.0;
}

}  // namespace indicheck
