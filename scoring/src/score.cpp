// score_units: profile → effective tree, evidence → states → credit and mask matrices → every
// unit scored in one pass of products (tree_scorer.h), then ranks.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>

#include "indicheck/limits.h"
#include "indicheck/scoring.h"
#include "internal.h"
#include "tree_scorer.h"

namespace indicheck {
namespace {

using detail::Matrix;

std::size_t idx(int i) {
  return static_cast<std::size_t>(i);
}

// Nodes of the subtree rooted at `node` (explicit stack, no recursion).
std::vector<int> subtree(const Framework& fw, int node) {
  std::vector<int> out;
  std::vector<int> stack{node};
  while (!stack.empty()) {
    const int n = stack.back();
    stack.pop_back();
    out.push_back(n);
    for (int c : fw.nodes[idx(n)].children) stack.push_back(c);
  }
  return out;
}

int leaves_under(const Framework& fw, int node) {
  int count = 0;
  for (int n : subtree(fw, node))
    if (fw.nodes[idx(n)].is_leaf()) ++count;
  return count;
}

std::string describe(const Framework& fw, int node) {
  const auto& n = fw.nodes[idx(node)];
  if (n.title.empty()) return n.id;
  return fmt::format("{} {}", n.id, n.title);
}

std::string fmt_number(double v) {
  return fmt::format("{:g}", v);
}

Diagnostic profile_error(const SourceLocation& loc, std::string code, std::string message) {
  return make_error(loc.path, std::move(code), std::move(message), loc.line, loc.column);
}

}  // namespace

namespace detail {

std::vector<double> global_leaf_weights(const Framework& fw,
                                        const std::vector<double>& node_weights) {
  std::vector<double> global(fw.nodes.size(), 0.0);
  if (fw.nodes.empty()) return {};
  global[0] = 1.0;
  std::vector<int> queue{0};
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const auto& node = fw.nodes[idx(queue[head])];
    double sum = 0;
    for (int c : node.children) sum += node_weights[idx(c)];
    for (int c : node.children) {
      global[idx(c)] = sum > 0 ? global[idx(queue[head])] * node_weights[idx(c)] / sum : 0.0;
      queue.push_back(c);
    }
  }
  std::vector<double> leaves;
  leaves.reserve(fw.leaves.size());
  for (int leaf : fw.leaves) leaves.push_back(global[idx(leaf)]);
  return leaves;
}

TableMatrices table_matrices(const Framework& fw, const ScoreTable& table) {
  const auto units = static_cast<Eigen::Index>(table.units.size());
  const auto leaves = static_cast<Eigen::Index>(fw.leaves.size());
  // A leaf is required when it or any ancestor is (walk up: depth is bounded by the loader).
  std::vector<bool> leaf_required(fw.leaves.size(), false);
  std::vector<bool> leaf_included(fw.leaves.size(), true);
  for (std::size_t l = 0; l < fw.leaves.size(); ++l) {
    int n = fw.leaves[l];
    leaf_included[l] = table.node_included.empty() || table.node_included[idx(n)];
    for (std::size_t guard = 0; n >= 0 && guard <= limits::kMaxRuleDepth + 1; ++guard) {
      const bool req =
          table.node_required.empty() ? fw.nodes[idx(n)].required : table.node_required[idx(n)];
      if (req) leaf_required[l] = true;
      n = fw.nodes[idx(n)].parent;
    }
  }
  TableMatrices m;
  m.credit.setZero(units, leaves);
  m.mask.setZero(units, leaves);
  m.met_required.setZero(units, leaves);
  m.required.setZero(units, leaves);
  for (Eigen::Index u = 0; u < units; ++u) {
    const auto& states = table.units[idx(static_cast<int>(u))].states;
    for (Eigen::Index l = 0; l < leaves; ++l) {
      const auto li = static_cast<std::size_t>(l);
      const ItemState st = li < states.size() ? states[li] : ItemState::kMissing;
      const double credit = state_credit(st, table.partial_credit);
      if (credit < 0 || !leaf_included[li]) continue;
      m.credit(u, l) = credit;
      m.mask(u, l) = 1.0;
      if (leaf_required[li]) {
        m.required(u, l) = 1.0;
        if (st == ItemState::kMet) m.met_required(u, l) = 1.0;
      }
    }
  }
  return m;
}

void model_scores(TreeScorer& scorer, const Framework& fw, const TableMatrices& m,
                  ScoringModel model, const std::vector<double>& node_weights,
                  Eigen::VectorXd& score, Eigen::VectorXd& max) {
  const Eigen::Index units = m.credit.rows();
  switch (model) {
    case ScoringModel::kHierarchical: {
      Eigen::VectorXd scored;
      scorer.score_root(m.credit, m.mask, node_weights, score, scored);
      score = (100.0 * score.array()).min(100.0).max(0.0).matrix();
      max = Eigen::VectorXd::Constant(units, 100.0);
      return;
    }
    case ScoringModel::kFlat: {
      const auto g = global_leaf_weights(fw, node_weights);
      const Eigen::Map<const Eigen::VectorXd> gv(g.data(), static_cast<Eigen::Index>(g.size()));
      score = 100.0 * (m.credit * gv);  // credit is already 0 where masked
      max = 100.0 * (m.mask * gv);
      score = score.cwiseMin(max).cwiseMax(0.0);
      return;
    }
    case ScoringModel::kFlatUnweighted: {
      score = m.credit.rowwise().sum();
      max = m.mask.rowwise().sum();
      return;
    }
    case ScoringModel::kAbsolute: {
      const Eigen::VectorXd required = m.required.rowwise().sum();
      const Eigen::VectorXd met = m.met_required.rowwise().sum();
      score = ((met.array() - required.array()).abs() < 0.5)
                  .select(Eigen::VectorXd::Constant(units, 100.0), 0.0);
      max = Eigen::VectorXd::Constant(units, 100.0);
      return;
    }
  }
}

std::vector<int> rank_vector(const Eigen::VectorXd& scores, double epsilon) {
  return rank_descending(
      std::span<const double>(scores.data(), static_cast<std::size_t>(scores.size())), epsilon);
}

}  // namespace detail

namespace {

// Node index by id; the framework id names the implicit root.
class NodeIds {
 public:
  explicit NodeIds(const Framework& fw) {
    for (std::size_t n = 0; n < fw.nodes.size(); ++n)
      by_id_.emplace(fw.nodes[n].id, static_cast<int>(n));
    by_id_.emplace(fw.id, 0);
  }
  int find(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? -1 : it->second;
  }

 private:
  std::unordered_map<std::string, int> by_id_;
};

// A waiver in force, with the leaves it covers (per Framework::leaves position) and how many
// units it waived something for.
struct ActiveWaiver {
  const Waiver* waiver;
  int node;
  std::vector<bool> leaf;
  int units = 0;
};

// The table before any profile: the framework's own weights and flags, everything included.
ScoreTable initial_table(const Framework& fw, const ScoringOptions& options) {
  ScoreTable table;
  table.framework_id = fw.id;
  table.model = options.model;
  table.partial_credit = options.partial_credit;
  const std::size_t node_count = fw.nodes.size();
  table.node_weights.resize(node_count);
  table.node_required.resize(node_count);
  table.node_included.assign(node_count, true);
  for (std::size_t n = 0; n < node_count; ++n) {
    table.node_weights[n] = fw.nodes[n].weight;
    table.node_required[n] = fw.nodes[n].required;
  }
  return table;
}

void apply_partial_credit(const Profile& profile, ScoreTable& table,
                          std::vector<Diagnostic>& diagnostics) {
  if (!profile.partial_credit) return;
  const double pc = *profile.partial_credit;
  if (!std::isfinite(pc) || pc < 0 || pc > 1) {
    diagnostics.push_back(profile_error(
        profile.location, "bad-partial-credit",
        fmt::format("partial_credit must be between 0 and 1, got {}", fmt_number(pc))));
    return;
  }
  table.applied_overrides.push_back(
      fmt::format("partial credit: {} → {}", fmt_number(table.partial_credit), fmt_number(pc)));
  table.partial_credit = pc;
}

// select (keep only these subtrees and their ancestors), then deselect.
void apply_selection(const Framework& fw, const NodeIds& ids, const Profile& profile,
                     ScoreTable& table, std::vector<Diagnostic>& diagnostics) {
  const auto& loc = profile.location;
  const std::size_t node_count = fw.nodes.size();
  if (!profile.select.empty()) {
    std::vector<bool> keep(node_count, false);
    for (const auto& id : profile.select) {
      const int n = ids.find(id);
      if (n < 0) {
        diagnostics.push_back(profile_error(
            loc, "unknown-item", fmt::format("select: no node '{}' in framework '{}'", id, fw.id)));
        continue;
      }
      for (int m : subtree(fw, n)) keep[idx(m)] = true;
      for (int p = fw.nodes[idx(n)].parent; p >= 0; p = fw.nodes[idx(p)].parent)
        keep[idx(p)] = true;
      table.applied_overrides.push_back(
          fmt::format("selected {} ({} leaves)", describe(fw, n), leaves_under(fw, n)));
    }
    // Only apply when at least one id was valid; otherwise everything would vanish.
    if (std::find(keep.begin(), keep.end(), true) != keep.end())
      for (std::size_t n = 0; n < node_count; ++n) table.node_included[n] = keep[n];
  }
  for (const auto& id : profile.deselect) {
    const int n = ids.find(id);
    if (n < 0) {
      diagnostics.push_back(profile_error(
          loc, "unknown-item", fmt::format("deselect: no node '{}' in framework '{}'", id, fw.id)));
      continue;
    }
    for (int m : subtree(fw, n)) table.node_included[idx(m)] = false;
    table.applied_overrides.push_back(fmt::format("deselected {} ({} leaves out of every score)",
                                                  describe(fw, n), leaves_under(fw, n)));
  }
}

// Weight and required-flag overrides. Returns whether any weight changed.
bool apply_weights_and_flags(const Framework& fw, const NodeIds& ids, const Profile& profile,
                             ScoreTable& table, std::vector<Diagnostic>& diagnostics) {
  const auto& loc = profile.location;
  bool weights_changed = false;
  for (const auto& [id, w] : profile.weights) {
    const int n = ids.find(id);
    if (n < 0) {
      diagnostics.push_back(profile_error(
          loc, "unknown-item", fmt::format("weights: no node '{}' in framework '{}'", id, fw.id)));
      continue;
    }
    if (!std::isfinite(w) || w < 0) {
      diagnostics.push_back(profile_error(
          loc, "bad-weight",
          fmt::format("weights: '{}' must be a finite number >= 0, got {}", id, fmt_number(w))));
      continue;
    }
    table.applied_overrides.push_back(fmt::format("weight of {}: {} → {}", describe(fw, n),
                                                  fmt_number(table.node_weights[idx(n)]),
                                                  fmt_number(w)));
    table.node_weights[idx(n)] = w;
    weights_changed = true;
  }
  for (const auto& [id, req] : profile.required) {
    const int n = ids.find(id);
    if (n < 0) {
      diagnostics.push_back(profile_error(
          loc, "unknown-item", fmt::format("required: no node '{}' in framework '{}'", id, fw.id)));
      continue;
    }
    table.applied_overrides.push_back(fmt::format("required flag of {}: {} → {}", describe(fw, n),
                                                  table.node_required[idx(n)] ? "true" : "false",
                                                  req ? "true" : "false"));
    table.node_required[idx(n)] = req;
  }
  return weights_changed;
}

// The profile's waivers in force (waiver_status), each with the leaves it covers; the others
// reported (unknown item, bad date: errors; expired: a warning and an applied-override line).
std::vector<ActiveWaiver> active_waivers(const Framework& fw, const Profile& profile,
                                         const ScoringOptions& options, ScoreTable& table,
                                         std::vector<Diagnostic>& diagnostics) {
  std::vector<ActiveWaiver> waivers;
  for (const auto& w : profile.waivers) {
    switch (waiver_status(fw, w, options.today)) {
      case WaiverStatus::kUnknownItem:
        diagnostics.push_back(
            profile_error(w.location, "unknown-item",
                          fmt::format("waiver: no node '{}' in framework '{}'", w.item, fw.id)));
        continue;
      case WaiverStatus::kBadDate:
        diagnostics.push_back(profile_error(
            w.location, "bad-date",
            fmt::format("waiver expires '{}' is not an ISO date (YYYY-MM-DD)", w.expires)));
        continue;
      case WaiverStatus::kExpired:
        diagnostics.push_back(
            make_warning(w.location.path, "expired-waiver",
                         fmt::format("waiver of '{}' for '{}' expired on {}; ignored", w.item,
                                     w.unit, w.expires),
                         w.location.line, w.location.column));
        table.applied_overrides.push_back(fmt::format("waiver of {} for {} expired on {}: ignored",
                                                      describe(fw, detail::waiver_node(fw, w)),
                                                      w.unit, w.expires));
        continue;
      case WaiverStatus::kInForce:
        break;
    }
    const int n = detail::waiver_node(fw, w);
    ActiveWaiver active{&w, n, std::vector<bool>(fw.leaves.size(), false), 0};
    for (std::size_t l = 0; l < fw.leaves.size(); ++l)
      active.leaf[l] = detail::node_under(fw, fw.leaves[l], n);
    waivers.push_back(std::move(active));
  }
  return waivers;
}

// Excluded nodes weigh nothing. Weight flowing into a node whose included children all weigh 0
// has nowhere to go: the node's score would be 0/0. Refused (the node is marked "nothing
// scored", never NaN).
void settle_weights(const Framework& fw, const Profile* profile, bool profile_weights_changed,
                    ScoreTable& table, std::vector<Diagnostic>& diagnostics) {
  const std::size_t node_count = fw.nodes.size();
  for (std::size_t n = 0; n < node_count; ++n)
    if (!table.node_included[n]) table.node_weights[n] = 0;
  for (std::size_t n = 0; n < node_count; ++n) {
    const auto& node = fw.nodes[n];
    if (node.is_leaf() || !table.node_included[n] || (n != 0 && table.node_weights[n] <= 0))
      continue;
    double sum = 0;
    bool any_included = false;
    for (int c : node.children) {
      if (!table.node_included[idx(c)]) continue;
      any_included = true;
      sum += table.node_weights[idx(c)];
    }
    if (any_included && sum <= 0) {
      const SourceLocation& loc = profile_weights_changed ? profile->location : node.location;
      diagnostics.push_back(
          profile_error(loc, "zero-weights",
                        fmt::format("every child of {} has weight 0, so its score is undefined",
                                    describe(fw, static_cast<int>(n)))));
    }
  }
}

// Per leaf, its scope at a unit's level (Framework::level_scope), cached per level.
class LevelFilter {
 public:
  explicit LevelFilter(const Framework& fw) : fw_(fw) {}
  const std::vector<LevelScope>& scope(const std::string& level) {
    auto it = by_level_.find(level);
    if (it != by_level_.end()) return it->second;
    std::vector<LevelScope> out(fw_.leaves.size());
    for (std::size_t l = 0; l < fw_.leaves.size(); ++l)
      out[l] = fw_.level_scope(fw_.leaves[l], level);
    return by_level_.emplace(level, std::move(out)).first->second;
  }

 private:
  const Framework& fw_;
  std::unordered_map<std::string, std::vector<LevelScope>> by_level_;
};

// States per unit: as found, then level → not applicable, then waivers → waived; the counts
// go to applied_overrides.
void settle_states(const Framework& fw, std::vector<UnitStates>& units,
                   std::vector<ActiveWaiver>& waivers, ScoreTable& table) {
  const std::size_t leaf_count = fw.leaves.size();
  LevelFilter levels(fw);
  std::vector<int> not_applicable_units(leaf_count, 0);
  table.units.resize(units.size());
  for (std::size_t u = 0; u < units.size(); ++u) {
    UnitScore& us = table.units[u];
    us.key = std::move(units[u].key);
    us.states = std::move(units[u].states);
    us.states.resize(leaf_count, ItemState::kMissing);
    const auto& scope = levels.scope(us.key.level);
    for (std::size_t l = 0; l < leaf_count; ++l) {
      const bool evidenced = us.states[l] == ItemState::kMet || us.states[l] == ItemState::kPartial;
      const bool excluded = scope[l] == LevelScope::kExcluded ||
                            (scope[l] == LevelScope::kEvidenceOnly && !evidenced);
      if (excluded && us.states[l] != ItemState::kNotApplicable) {
        us.states[l] = ItemState::kNotApplicable;
        ++not_applicable_units[l];
      }
    }
    for (auto& w : waivers) {
      if (!detail::waiver_for_unit(*w.waiver, us.key.unit)) continue;
      bool hit = false;
      for (std::size_t l = 0; l < leaf_count; ++l) {
        if (w.leaf[l] && us.states[l] != ItemState::kNotApplicable) {
          us.states[l] = ItemState::kWaived;
          hit = true;
        }
      }
      if (hit) ++w.units;
    }
  }
  for (std::size_t l = 0; l < leaf_count; ++l) {
    if (not_applicable_units[l] == 0) continue;
    table.applied_overrides.push_back(fmt::format("{}: not applicable to {} unit(s) by level",
                                                  describe(fw, fw.leaves[l]),
                                                  not_applicable_units[l]));
  }
  for (const auto& w : waivers) {
    table.applied_overrides.push_back(fmt::format(
        "waiver of {} for {}{}{}: applied to {} unit(s)", describe(fw, w.node), w.waiver->unit,
        w.waiver->justification.empty() ? "" : fmt::format(" ({})", w.waiver->justification),
        w.waiver->expires.empty() ? "" : fmt::format(", until {}", w.waiver->expires), w.units));
  }
}

// Numbers: every unit at once (tree products), then ranks overall, among peers and within
// the province.
void score_and_rank(const Framework& fw, const ScoringOptions& options, ScoreTable& table) {
  const std::size_t node_count = fw.nodes.size();
  const std::size_t leaf_count = fw.leaves.size();
  table.leaf_global_weights = detail::global_leaf_weights(fw, table.node_weights);
  table.leaf_raw_weights.resize(leaf_count);
  for (std::size_t l = 0; l < leaf_count; ++l)
    table.leaf_raw_weights[l] = table.node_weights[idx(fw.leaves[l])];
  for (int c : fw.nodes[0].children) table.areas.push_back(c);

  const detail::TableMatrices m = detail::table_matrices(fw, table);
  detail::TreeScorer scorer(fw);
  Matrix node_scores, scored;
  scorer.score(m.credit, m.mask, table.node_weights, node_scores, scored);
  Eigen::VectorXd score, max;
  detail::model_scores(scorer, fw, m, options.model, table.node_weights, score, max);
  const Eigen::VectorXd required_total = m.required.rowwise().sum();
  const Eigen::VectorXd required_met = m.met_required.rowwise().sum();

  const std::size_t units = table.units.size();
  std::vector<double> scores(units);
  std::vector<std::string> peer, province;
  for (std::size_t u = 0; u < units; ++u) {
    const auto ui = static_cast<Eigen::Index>(u);
    UnitScore& us = table.units[u];
    us.score = score(ui);
    us.max_score = max(ui);
    us.required_total = static_cast<int>(std::lround(required_total(ui)));
    us.required_met = static_cast<int>(std::lround(required_met(ui)));
    us.required_coverage =
        us.required_total > 0 ? static_cast<double>(us.required_met) / us.required_total : -1.0;
    us.node_scores.resize(node_count);
    for (std::size_t n = 0; n < node_count; ++n) {
      const auto ni = static_cast<Eigen::Index>(n);
      us.node_scores[n] =
          scored(ui, ni) > 0 ? std::clamp(100.0 * node_scores(ui, ni), 0.0, 100.0) : -1.0;
    }
    scores[u] = us.score;
    peer.push_back(peer_group(us.key));
    province.push_back(province_group(us.key));
  }
  const auto ranks = rank_descending(scores);
  const auto peer_ranks = rank_within_groups(scores, peer);
  const auto province_ranks = rank_within_groups(scores, province);
  for (std::size_t u = 0; u < units; ++u) {
    table.units[u].rank = ranks[u];
    table.units[u].peer_rank = peer_ranks[u].rank;
    table.units[u].peer_count = peer_ranks[u].count;
    table.units[u].province_rank = province_ranks[u].rank;
    table.units[u].province_count = province_ranks[u].count;
  }
}

}  // namespace

std::vector<ItemState> leaf_states(const Framework& fw, const DocumentEvidence& evidence) {
  const std::size_t node_count = fw.nodes.size();
  const std::size_t leaf_count = fw.leaves.size();
  std::vector<int> leaf_pos(node_count, -1);
  for (std::size_t l = 0; l < leaf_count; ++l) leaf_pos[idx(fw.leaves[l])] = static_cast<int>(l);
  std::vector<ItemState> states(leaf_count, ItemState::kMissing);
  for (std::size_t i = 0; i < evidence.items.size(); ++i) {
    const auto& item = evidence.items[i];
    int l = item.node >= 0 && idx(item.node) < node_count ? leaf_pos[idx(item.node)] : -1;
    if (l < 0 && item.node < 0 && i < leaf_count) l = static_cast<int>(i);
    if (l >= 0) states[idx(l)] = item.state;
  }
  return states;
}

ScoreTable score_units(const Framework& fw, const Profile* profile, std::vector<UnitStates> units,
                       const ScoringOptions& options, std::vector<Diagnostic>& diagnostics) {
  ScoreTable table = initial_table(fw, options);
  if (fw.nodes.empty()) {
    diagnostics.push_back(make_error(fw.location.path, "empty-framework",
                                     fmt::format("framework '{}' has no nodes", fw.id),
                                     fw.location.line, fw.location.column));
    return table;
  }
  if (profile != nullptr && !profile->framework.empty() && profile->framework != fw.id) {
    diagnostics.push_back(
        make_warning(profile->location.path, "profile-framework",
                     fmt::format("profile '{}' is for framework '{}', not '{}'; not applied",
                                 profile->id, profile->framework, fw.id),
                     profile->location.line, profile->location.column));
    profile = nullptr;
  }
  // Profile: partial credit, selection, weights, required flags, waivers.
  std::vector<ActiveWaiver> waivers;
  bool profile_weights_changed = false;
  if (profile != nullptr) {
    const NodeIds ids(fw);
    apply_partial_credit(*profile, table, diagnostics);
    apply_selection(fw, ids, *profile, table, diagnostics);
    profile_weights_changed = apply_weights_and_flags(fw, ids, *profile, table, diagnostics);
    waivers = active_waivers(fw, *profile, options, table, diagnostics);
  }
  settle_weights(fw, profile, profile_weights_changed, table, diagnostics);
  settle_states(fw, units, waivers, table);
  score_and_rank(fw, options, table);
  return table;
}

ScoreTable score_units(const Framework& fw, const Profile* profile,
                       const std::vector<UnitEvidence>& units, const ScoringOptions& options,
                       std::vector<Diagnostic>& diagnostics) {
  std::vector<UnitStates> states;
  states.reserve(units.size());
  for (const auto& u : units) {
    UnitStates& s = states.emplace_back();
    s.key = u.key;
    if (u.evidence != nullptr) s.states = leaf_states(fw, *u.evidence);
  }
  return score_units(fw, profile, std::move(states), options, diagnostics);
}

std::vector<double> rescore(const Framework& fw, const ScoreTable& table,
                            std::span<const double> node_weights) {
  std::vector<double> weights(node_weights.begin(), node_weights.end());
  weights.resize(fw.nodes.size(), 0.0);
  for (std::size_t n = 0; n < weights.size() && n < table.node_included.size(); ++n)
    if (!table.node_included[n]) weights[n] = 0;
  const auto m = detail::table_matrices(fw, table);
  detail::TreeScorer scorer(fw);
  Eigen::VectorXd score, max;
  detail::model_scores(scorer, fw, m, table.model, weights, score, max);
  return std::vector<double>(score.data(), score.data() + score.size());
}

std::vector<double> node_weights_from_leaf_weights(const Framework& fw,
                                                   std::span<const double> leaf_weights) {
  std::vector<double> w(fw.nodes.size(), 0.0);
  for (std::size_t l = 0; l < fw.leaves.size() && l < leaf_weights.size(); ++l)
    w[idx(fw.leaves[l])] = leaf_weights[l];
  // Pre-order puts parents before children, so a reverse sweep adds each subtree bottom-up.
  for (std::size_t n = fw.nodes.size(); n-- > 1;) {
    const int p = fw.nodes[n].parent;
    if (p >= 0) w[idx(p)] += w[n];
  }
  return w;
}

CreditMatrix credit_matrix(const Framework& fw, const ScoreTable& table) {
  CreditMatrix cm;
  std::unordered_map<std::string, int> name_count;
  for (const auto& u : table.units) ++name_count[u.key.unit];
  for (const auto& u : table.units)
    cm.units.push_back(name_count[u.key.unit] > 1 ? fmt::format("{} {}", u.key.unit, u.key.year)
                                                  : u.key.unit);
  for (std::size_t l = 0; l < fw.leaves.size(); ++l) {
    const int n = fw.leaves[l];
    if (!table.node_included.empty() && !table.node_included[idx(n)]) continue;
    cm.items.push_back(fw.nodes[idx(n)].id);
    cm.leaf_index.push_back(static_cast<int>(l));
  }
  const auto m = detail::table_matrices(fw, table);
  cm.credit.resize(cm.rows() * cm.cols());
  cm.in_force.resize(cm.rows() * cm.cols());
  for (std::size_t r = 0; r < cm.rows(); ++r)
    for (std::size_t c = 0; c < cm.cols(); ++c) {
      const auto ri = static_cast<Eigen::Index>(r);
      const auto li = static_cast<Eigen::Index>(cm.leaf_index[c]);
      cm.credit[r * cm.cols() + c] = m.credit(ri, li);
      cm.in_force[r * cm.cols() + c] = m.mask(ri, li) > 0 ? 1 : 0;
    }
  return cm;
}

std::vector<double> leaf_weights_from_columns(const Framework& fw, const CreditMatrix& cm,
                                              std::span<const double> column_weights) {
  std::vector<double> leaf(fw.leaves.size(), 0.0);
  for (std::size_t c = 0; c < cm.cols() && c < column_weights.size(); ++c)
    leaf[static_cast<std::size_t>(cm.leaf_index[c])] = column_weights[c];
  return leaf;
}

std::vector<std::pair<std::string, double>> profile_node_weights(
    const Framework& fw, const ScoreTable& table, std::span<const double> node_weights) {
  std::vector<std::pair<std::string, double>> out;
  for (std::size_t n = 1; n < fw.nodes.size(); ++n)
    if (table.node_included.empty() || table.node_included[n])
      out.emplace_back(fw.nodes[n].id, node_weights[n]);
  return out;
}

}  // namespace indicheck
