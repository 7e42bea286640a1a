#include <array>

#include "indicheck/document.h"

namespace indicheck {

namespace {
constexpr std::array<std::string_view, kRoleCount> kRoleNames = {
    "title", "preamble", "achievements", "leadership",  "shortcomings",
    "plans", "other",    "signature",    "boilerplate",
};
}  // namespace

std::string_view role_name(Role role) {
  return kRoleNames[static_cast<std::size_t>(role)];
}

std::optional<Role> role_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kRoleNames.size(); ++i)
    if (kRoleNames[i] == name) return static_cast<Role>(i);
  return std::nullopt;
}

}  // namespace indicheck
