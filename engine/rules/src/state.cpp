#include <array>

#include "indicheck/matcher.h"

namespace indicheck {

std::string_view state_name(ItemState state) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "met", "partial", "acknowledged", "planned", "missing", "not-applicable", "waived"};
  return kNames[static_cast<std::size_t>(state)];
}

}  // namespace indicheck
