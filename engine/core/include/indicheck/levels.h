// The levels of the units that report (Metadata::level's values, a rule's `levels:`, a
// manifest's level column), in one place.
#pragma once

#include <string>
#include <string_view>

namespace indicheck {

inline constexpr std::string_view kUnitLevels[] = {
    "district", "county", "county-city", "city", "province", "department", "zone", "township"};

inline bool known_unit_level(std::string_view level) {
  for (std::string_view l : kUnitLevels)
    if (l == level) return true;
  return false;
}

// "district, county, …, township", for messages.
inline std::string unit_levels_text() {
  std::string out;
  for (std::string_view l : kUnitLevels) {
    if (!out.empty()) out += ", ";
    out += l;
  }
  return out;
}

}  // namespace indicheck
