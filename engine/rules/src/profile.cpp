// Loader of profile files: how one auditor tailors a framework (partial credit, items selected
// or deselected, weights, required flags, waivers with their justification and expiry).
//
// A profile names node ids of a framework that is already loaded, so it is read after the
// rules and checked against them: every unknown id is a diagnostic with a did-you-mean. The
// file goes through the same reader (size, UTF-8, YAML pre-scan) as rule files.
#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "indicheck/calendar.h"
#include "loader_internal.h"
#include "text_checks.h"

namespace fs = std::filesystem;

namespace indicheck {

using rules_internal::closest;
using rules_internal::dq;
using rules_internal::FileContext;
using rules_internal::Loader;

namespace {

// Profile weights replace the rule weights: each sibling group must still sum to a finite
// number, or scoring divides by infinity and every unit scores 0. The rule file's own weights
// were checked when it loaded, so an overflow always involves a profile weight: the largest
// one of the group is named. (A sum of 0 depends on the selection: checked in scoring.)
void check_profile_weight_sums(Loader& loader, const FileContext& f, const YAML::Node& w,
                               const Framework& fw, const Profile& profile) {
  std::vector<double> weights(fw.nodes.size());
  std::vector<bool> overridden(fw.nodes.size(), false);
  for (std::size_t n = 0; n < fw.nodes.size(); ++n) weights[n] = fw.nodes[n].weight;
  for (const auto& [id, v] : profile.weights) {
    const auto n = static_cast<std::size_t>(fw.find(id));
    weights[n] = v;
    overridden[n] = true;
  }
  for (std::size_t p = 0; p < fw.nodes.size(); ++p) {
    const auto& children = fw.nodes[p].children;
    std::vector<double> group;
    for (int c : children) group.push_back(weights[static_cast<std::size_t>(c)]);
    if (children.empty() || rules_internal::first_overflowing_weight(group) < 0) continue;
    int largest = -1;
    for (int c : children) {
      const auto k = static_cast<std::size_t>(c);
      if (overridden[k] && (largest < 0 || weights[k] > weights[static_cast<std::size_t>(largest)]))
        largest = c;
    }
    if (largest < 0) continue;  // cannot happen: the rule file's sums are finite
    const auto& id = fw.nodes[static_cast<std::size_t>(largest)].id;
    loader.error(f, w[id], "bad-weight",
                 fmt::format("weights of {} sum to more than the largest number at this weight "
                             "({}); weights are relative, use ordinary numbers",
                             rules_internal::sibling_group(fw.nodes, static_cast<int>(p)),
                             weights[static_cast<std::size_t>(largest)]));
  }
}

}  // namespace

bool load_profile(const std::string& path, RuleSet& rules, std::vector<Diagnostic>& diagnostics) {
  Loader loader(diagnostics);
  YAML::Node doc;
  auto file = loader.read(path, fs::path(path), nullptr, doc);
  if (!file) return false;
  const FileContext& f = *file;
  const std::size_t before = diagnostics.size();
  if (!loader.check_mapping(f, doc, "profile file", {"profile"}, {"profile"})) return false;
  const YAML::Node pn = doc["profile"];
  if (!loader.check_mapping(f, pn, dq("profile"),
                            {"id", "title", "framework", "partial_credit", "select", "deselect",
                             "weights", "required", "waivers"},
                            {"id", "framework"}))
    return false;
  Profile profile;
  profile.location = f.at(pn);
  loader.get_string(f, pn, "id", profile.id);
  loader.get_string(f, pn, "title", profile.title);
  loader.get_string(f, pn, "framework", profile.framework);
  const Framework* fw = rules.find_framework(profile.framework);
  if (fw == nullptr) {
    std::vector<std::string> ids;
    for (const auto& x : rules.frameworks) ids.push_back(x.id);
    const std::string hint = closest(profile.framework, ids);
    loader.error(f, pn["framework"], "unknown-id",
                 fmt::format("unknown framework {}{}", dq(profile.framework),
                             hint.empty() ? "" : fmt::format("; did you mean {}?", dq(hint))));
    return false;
  }
  std::vector<std::string> node_ids;  // for hints: every node but the implicit root
  for (std::size_t k = 1; k < fw->nodes.size(); ++k) node_ids.push_back(fw->nodes[k].id);
  const auto check_id = [&](const YAML::Node& at, const std::string& id) {
    if (fw->find(id) >= 0) return true;
    const std::string hint = closest(id, node_ids);
    loader.error(f, at, "unknown-id",
                 fmt::format("unknown node id {} in framework {}{}", dq(id), dq(fw->id),
                             hint.empty() ? "" : fmt::format("; did you mean {}?", dq(hint))));
    return false;
  };
  if (pn["partial_credit"]) {
    double pc = 0;
    if (loader.get_number(f, pn, "partial_credit", pc)) {
      if (!(pc >= 0 && pc <= 1))
        loader.error(f, pn["partial_credit"], "bad-value",
                     "\"partial_credit\" must be between 0 and 1");
      else
        profile.partial_credit = pc;
    }
  }
  for (const char* key : {"select", "deselect"}) {
    if (!pn[key]) continue;
    auto& out = std::string_view(key) == "select" ? profile.select : profile.deselect;
    if (!loader.get_string_list(f, pn[key], dq(key), out, false)) continue;
    for (std::size_t k = 0; k < out.size(); ++k) check_id(pn[key][k], out[k]);
  }
  if (const YAML::Node w = pn["weights"]) {
    if (loader.check_mapping(f, w, dq("weights"), node_ids, {}) || w.IsMap()) {
      for (auto it = w.begin(); it != w.end(); ++it) {
        const std::string id = it->first.Scalar();
        if (fw->find(id) < 0) continue;  // reported as unknown key
        double v = 0;
        if (!it->second.IsScalar() || !YAML::convert<double>::decode(it->second, v) ||
            !std::isfinite(v) || v < 0) {
          loader.error(f, it->second, "bad-weight",
                       fmt::format("weight must be a finite number >= 0, got {}",
                                   it->second.IsScalar() ? it->second.Scalar() : "a collection"));
          continue;
        }
        profile.weights.emplace_back(id, v);
      }
      check_profile_weight_sums(loader, f, w, *fw, profile);
    }
  }
  if (const YAML::Node r = pn["required"]) {
    if (loader.check_mapping(f, r, dq("required"), node_ids, {}) || r.IsMap()) {
      for (auto it = r.begin(); it != r.end(); ++it) {
        const std::string id = it->first.Scalar();
        if (fw->find(id) < 0) continue;
        bool v = false;
        if (!it->second.IsScalar() || !YAML::convert<bool>::decode(it->second, v)) {
          loader.error(f, it->second, "wrong-type", "required flags must be true or false");
          continue;
        }
        profile.required.emplace_back(id, v);
      }
    }
  }
  if (const YAML::Node ws = pn["waivers"]) {
    if (!ws.IsSequence()) {
      loader.error(f, ws, "wrong-type", "\"waivers\" must be a list");
    } else {
      for (const auto& wn : ws) {
        if (!loader.check_mapping(f, wn, "waiver", {"unit", "item", "justification", "expires"},
                                  {"unit", "item", "justification"}))
          continue;
        Waiver w;
        w.location = f.at(wn);
        loader.get_string(f, wn, "unit", w.unit);
        loader.get_string(f, wn, "item", w.item);
        loader.get_string(f, wn, "justification", w.justification);
        loader.get_string(f, wn, "expires", w.expires);
        if (!check_id(wn["item"], w.item)) continue;
        if (!w.expires.empty() && !is_calendar_date(w.expires)) {
          loader.error(
              f, wn["expires"], "bad-value",
              fmt::format("\"expires\" must be a calendar date YYYY-MM-DD, got {}", dq(w.expires)));
          continue;
        }
        profile.waivers.push_back(std::move(w));
      }
    }
  }
  for (std::size_t k = before; k < diagnostics.size(); ++k)
    if (diagnostics[k].severity == Severity::kError) return false;
  rules.profiles.push_back(std::move(profile));
  return true;
}

}  // namespace indicheck
