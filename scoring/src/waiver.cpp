// Which profile is in force for a framework, and which leaves a waiver waives for which unit:
// decided here once, for scoring (score.cpp) and for the renderers (waiver_for).
#include <cstddef>
#include <string>

#include "indicheck/calendar.h"
#include "indicheck/limits.h"
#include "indicheck/scoring.h"
#include "internal.h"

namespace indicheck {

namespace detail {

int waiver_node(const Framework& fw, const Waiver& waiver) {
  const int n = fw.find(waiver.item);
  if (n >= 0) return n;
  return waiver.item == fw.id && !fw.nodes.empty() ? 0 : -1;  // the framework id names the root
}

bool node_under(const Framework& fw, int node, int ancestor) {
  // Walk up (depth is bounded by the loader; the guard keeps a broken tree from looping).
  for (std::size_t guard = 0; node >= 0 && guard <= limits::kMaxRuleDepth + 1; ++guard) {
    if (node == ancestor) return true;
    node = fw.nodes[static_cast<std::size_t>(node)].parent;
  }
  return false;
}

bool waiver_for_unit(const Waiver& waiver, std::string_view unit) {
  return waiver.unit == "*" || waiver.unit == unit;
}

}  // namespace detail

const Profile* profile_for(const RuleSet& rules, std::string_view framework_id) {
  const Profile* found = nullptr;
  for (const auto& p : rules.profiles)
    if (p.framework == framework_id) found = &p;
  return found;
}

WaiverStatus waiver_status(const Framework& fw, const Waiver& waiver, std::string_view today) {
  if (detail::waiver_node(fw, waiver) < 0) return WaiverStatus::kUnknownItem;
  if (waiver.expires.empty()) return WaiverStatus::kInForce;
  if (!is_calendar_date(waiver.expires)) return WaiverStatus::kBadDate;
  if (!today.empty() && waiver.expires < today) return WaiverStatus::kExpired;
  return WaiverStatus::kInForce;
}

bool waiver_covers(const Framework& fw, const Waiver& waiver, std::string_view unit,
                   int leaf_node) {
  if (!detail::waiver_for_unit(waiver, unit)) return false;
  const int n = detail::waiver_node(fw, waiver);
  return n >= 0 && detail::node_under(fw, leaf_node, n);
}

const Waiver* waiver_for(const Framework& fw, const Profile* profile, std::string_view unit,
                         int leaf_node, std::string_view today) {
  if (profile == nullptr || (!profile->framework.empty() && profile->framework != fw.id))
    return nullptr;
  const Waiver* found = nullptr;
  for (const auto& w : profile->waivers) {
    if (!waiver_covers(fw, w, unit, leaf_node)) continue;
    if (waiver_status(fw, w, today) != WaiverStatus::kInForce) continue;
    if (!found || (found->unit == "*" && w.unit != "*")) found = &w;  // own unit first
  }
  return found;
}

}  // namespace indicheck
