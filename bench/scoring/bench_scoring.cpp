// Scoring benchmark: 3,000 synthetic units × 150 leaves (9 areas × 3-4 sections × leaves), random
// states and weights; times score_units (all units, hierarchical and flat), then sensitivity with
// 1,000 Dirichlet draws. Usage: bench_scoring [UNITS] [LEAVES] [DRAWS]
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <string>

#include "indicheck/scoring.h"

using namespace indicheck;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A gangyao-like tree: 9 areas, 3-4 sections each, leaves spread evenly.
Framework synthetic_framework(int leaves, std::mt19937_64& rng) {
  Framework fw;
  fw.id = "synthetic";
  RuleNode root;
  root.id = "synthetic";
  fw.nodes.push_back(root);
  auto add = [&](const std::string& id, int parent, double weight, bool required) {
    RuleNode n;
    n.id = id;
    n.parent = parent;
    n.weight = weight;
    n.required = required;
    fw.nodes.push_back(n);
    const int index = static_cast<int>(fw.nodes.size()) - 1;
    fw.nodes[static_cast<std::size_t>(parent)].children.push_back(index);
    return index;
  };
  std::uniform_real_distribution<double> weight(0.5, 3.0);
  const int areas = 9, sections_per_area = 32 / 9 + 1;
  const int sections = areas * sections_per_area;
  int made = 0;
  for (int a = 0; a < areas; ++a) {
    const int area = add(fmt::format("{}", a + 2), 0, weight(rng), false);
    for (int s = 0; s < sections_per_area; ++s) {
      const int section = add(fmt::format("{}.{}", a + 2, s + 1), area, weight(rng), false);
      const int index = a * sections_per_area + s;
      const int count = (leaves * (index + 1)) / sections - (leaves * index) / sections;
      for (int l = 0; l < count; ++l, ++made)
        add(fmt::format("{}.{}.{}", a + 2, s + 1, l + 1), section, weight(rng), rng() % 4 == 0);
    }
  }
  for (std::size_t i = 0; i < fw.nodes.size(); ++i)
    if (fw.nodes[i].is_leaf()) fw.leaves.push_back(static_cast<int>(i));
  return fw;
}

}  // namespace

int main(int argc, char** argv) {
  const int units = argc > 1 ? std::atoi(argv[1]) : 3000;
  const int leaves = argc > 2 ? std::atoi(argv[2]) : 150;
  const int draws = argc > 3 ? std::atoi(argv[3]) : 1000;
  std::mt19937_64 rng(20211);
  const Framework fw = synthetic_framework(leaves, rng);

  const ItemState pool[] = {ItemState::kMet,     ItemState::kMet,          ItemState::kPartial,
                            ItemState::kMissing, ItemState::kAcknowledged, ItemState::kPlanned,
                            ItemState::kMissing, ItemState::kNotApplicable};
  std::vector<DocumentEvidence> evidence(static_cast<std::size_t>(units));
  std::vector<UnitEvidence> input;
  for (int u = 0; u < units; ++u) {
    auto& ev = evidence[static_cast<std::size_t>(u)];
    ev.framework_id = fw.id;
    for (int node : fw.leaves) {
      ItemEvidence item;
      item.node = node;
      item.state = pool[rng() % 8];
      ev.items.push_back(item);
    }
    UnitEvidence ue;
    ue.key.unit = fmt::format("unit-{}", u);
    ue.key.level = u % 3 == 0 ? "city" : "district";
    ue.key.province = fmt::format("province-{}", u % 31);
    ue.key.year = 2021 + u % 3;
    ue.evidence = &ev;
    input.push_back(ue);
  }

  std::vector<Diagnostic> diags;
  ScoringOptions options;
  auto start = std::chrono::steady_clock::now();
  const ScoreTable table = score_units(fw, nullptr, input, options, diags);
  const double score_s = seconds_since(start);
  options.model = ScoringModel::kFlat;
  start = std::chrono::steady_clock::now();
  const ScoreTable flat = score_units(fw, nullptr, input, options, diags);
  const double flat_s = seconds_since(start);

  SensitivityOptions sopt;
  sopt.draws = draws;
  sopt.concentration = 100;
  sopt.seed = 1;
  start = std::chrono::steady_clock::now();
  const SensitivityResult sens = sensitivity(fw, table, sopt);
  const double sens_s = seconds_since(start);

  fmt::print("bench_scoring: {} units × {} leaves ({} nodes), {} draws\n", units, fw.leaves.size(),
             fw.nodes.size(), draws);
  fmt::print("  score_units hierarchical (states, node scores, ranks): {:.3f} s\n", score_s);
  fmt::print("  score_units flat:                                        {:.3f} s\n", flat_s);
  fmt::print(
      "  sensitivity, {} draws (rescore + rank + tau-b per draw): {:.3f} s ({:.2f} ms/draw)\n",
      draws, sens_s, 1000.0 * sens_s / draws);
  fmt::print("  checks: unit-0 score {:.2f}, tau mean {:.4f}, tau min {:.4f}{}\n",
             table.units.empty() ? 0.0 : table.units[0].score, sens.tau_mean, sens.tau_min,
             sens.error.empty() ? "" : " error: " + sens.error);
  (void)flat;
  return sens.error.empty() ? 0 : 1;
}
