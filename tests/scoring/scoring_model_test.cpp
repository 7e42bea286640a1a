// Scoring models, credit table and profile application, checked against hand computations.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "fixture.h"

using namespace indicheck;
using namespace indicheck::test;
using S = ItemState;

namespace {

// root ─ A (w 1) ─ A.1 (w 1, required), A.2 (w 1)
//      └ B (w 3) ─ B.1 (w 1) ─ B.1.1 (w 2, required), B.1.2 (w 1)
//                 └ B.2 (w 1)
// Leaves in order: A.1, A.2, B.1.1, B.1.2, B.2.
Framework tree() {
  return make_framework("fw", {{"A", "", 1},
                               {"A.1", "A", 1, true},
                               {"A.2", "A", 1},
                               {"B", "", 3},
                               {"B.1", "B", 1},
                               {"B.1.1", "B.1", 2, true},
                               {"B.1.2", "B.1", 1},
                               {"B.2", "B", 1}});
}

// Global leaf weights of tree(), by hand (see "models on a hand-computed tree").
std::vector<double> tree_global_weights() {
  return {0.125, 0.125, 0.25, 0.125, 0.375};
}

ScoreTable score(const Framework& fw, const Corpus& corpus, ScoringModel model,
                 const Profile* profile = nullptr, std::vector<Diagnostic>* diags = nullptr,
                 std::string today = "") {
  std::vector<Diagnostic> local;
  ScoringOptions options;
  options.model = model;
  options.today = std::move(today);
  auto table = score_units(fw, profile, corpus.units(), options, diags ? *diags : local);
  return table;
}

std::vector<std::string> strs(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) out.push_back(d.str());
  return out;
}

}  // namespace

TEST_CASE("state → credit table", "[scoring][credit]") {
  CHECK(state_credit(S::kMet, 0.5) == 1.0);
  CHECK(state_credit(S::kPartial, 0.5) == 0.5);
  CHECK(state_credit(S::kPartial, 0.3) == 0.3);
  CHECK(state_credit(S::kAcknowledged, 0.5) == 0.0);
  CHECK(state_credit(S::kPlanned, 0.5) == 0.0);
  CHECK(state_credit(S::kMissing, 0.5) == 0.0);
  CHECK(state_credit(S::kNotApplicable, 0.5) == -1.0);
  CHECK(state_credit(S::kWaived, 0.5) == -1.0);
  CHECK(model_name(ScoringModel::kFlatUnweighted) == "flat-unweighted");
}

// States: A.1 met, A.2 partial, B.1.1 missing, B.1.2 met, B.2 not applicable.
//   A     = (1·1 + 1·0.5) / 2              = 0.75
//   B.1   = (2·0 + 1·1) / 3                = 1/3
//   B     = B.1 only (B.2 is out)          = 1/3
//   root  = (1·0.75 + 3·1/3) / 4           = 0.4375 → 43.75
// Global leaf weights: A.1 = A.2 = 1/4·1/2 = 0.125; B.1.1 = 3/4·1/2·2/3 = 0.25;
//   B.1.2 = 3/4·1/2·1/3 = 0.125; B.2 = 3/4·1/2 = 0.375.
//   flat = 100·(0.125 + 0.0625 + 0 + 0.125) = 31.25, max = 100·(1 - 0.375) = 62.5
//   flat unweighted = 1 + 0.5 + 0 + 1 = 2.5 of 4; absolute: B.1.1 (required) missing → 0.
TEST_CASE("models on a hand-computed tree", "[scoring][models]") {
  const auto fw = tree();
  Corpus corpus;
  corpus.add(fw, unit("甲区"), {S::kMet, S::kPartial, S::kMissing, S::kMet, S::kNotApplicable});

  const auto h = score(fw, corpus, ScoringModel::kHierarchical);
  REQUIRE(h.units.size() == 1);
  const auto& u = h.units[0];
  CHECK(u.score == Approx(43.75));
  CHECK(u.max_score == 100);
  CHECK(u.node_scores[0] == Approx(43.75));
  CHECK(u.node_scores[1] == Approx(75.0));       // A
  CHECK(u.node_scores[4] == Approx(100.0 / 3));  // B
  CHECK(u.node_scores[5] == Approx(100.0 / 3));  // B.1
  CHECK(u.node_scores[8] == -1);                 // B.2: nothing scored
  CHECK(u.required_met == 1);
  CHECK(u.required_total == 2);
  CHECK(u.required_coverage == Approx(0.5));
  CHECK(h.areas == std::vector<int>{1, 4});
  REQUIRE(h.leaf_global_weights.size() == 5);
  CHECK(h.leaf_global_weights[0] == Approx(0.125));
  CHECK(h.leaf_global_weights[2] == Approx(0.25));
  CHECK(h.leaf_global_weights[4] == Approx(0.375));
  CHECK(u.states[4] == S::kNotApplicable);

  const auto f = score(fw, corpus, ScoringModel::kFlat);
  CHECK(f.units[0].score == Approx(31.25));
  CHECK(f.units[0].max_score == Approx(62.5));
  CHECK(f.units[0].node_scores[1] == Approx(75.0));  // node scores are hierarchical in every model

  const auto fu = score(fw, corpus, ScoringModel::kFlatUnweighted);
  CHECK(fu.units[0].score == Approx(2.5));
  CHECK(fu.units[0].max_score == Approx(4.0));

  const auto a = score(fw, corpus, ScoringModel::kAbsolute);
  CHECK(a.units[0].score == 0);
  Corpus all_required_met;
  all_required_met.add(fw, unit("乙区"), {S::kMet, S::kMissing, S::kMet, S::kMissing, S::kMissing});
  CHECK(score(fw, all_required_met, ScoringModel::kAbsolute).units[0].score == 100);
}

TEST_CASE("nothing scored is -1, never NaN", "[scoring][models]") {
  const auto fw = tree();
  Corpus corpus;
  corpus.add(fw, unit("空区"), std::vector<S>(5, S::kNotApplicable));
  for (auto model : {ScoringModel::kHierarchical, ScoringModel::kFlat,
                     ScoringModel::kFlatUnweighted, ScoringModel::kAbsolute}) {
    const auto t = score(fw, corpus, model);
    const auto& u = t.units[0];
    CHECK(std::isfinite(u.score));
    // Absolute: "every required item in force is met" holds vacuously (documented).
    CHECK(u.score == (model == ScoringModel::kAbsolute ? 100 : 0));
    for (double s : u.node_scores) CHECK(s == -1);
    CHECK(u.required_total == 0);
    CHECK(u.required_coverage == -1);
  }
}

TEST_CASE("levels make items not applicable for other unit levels", "[scoring][profile]") {
  auto fw = make_framework("fw", {{"A", "", 1}, {"A.1", "A", 1}, {"A.2", "A", 1, false, {"city"}}});
  Corpus corpus;
  corpus.add(fw, unit("某区", "district"), {S::kMet, S::kMissing});
  corpus.add(fw, unit("某市", "city"), {S::kMet, S::kMissing});
  const auto t = score(fw, corpus, ScoringModel::kHierarchical);
  CHECK(t.units[0].states[1] == S::kNotApplicable);
  CHECK(t.units[0].score == Approx(100));
  CHECK(t.units[1].score == Approx(50));
  REQUIRE(t.applied_overrides.size() == 1);
  CHECK(t.applied_overrides[0] == "A.2 title A.2: not applicable to 1 unit(s) by level");
}

TEST_CASE("outside_levels: evidence-only counts below its levels only when evidenced",
          "[scoring][profile]") {
  auto fw = make_framework("fw", {{"A", "", 1}, {"A.1", "A", 1}, {"A.2", "A", 1, false, {"city"}}});
  fw.nodes[static_cast<std::size_t>(fw.leaves[1])].evidence_outside_levels = true;
  Corpus corpus;
  corpus.add(fw, unit("甲区", "district"), {S::kMet, S::kMissing});
  corpus.add(fw, unit("乙区", "district"), {S::kMet, S::kMet});
  corpus.add(fw, unit("丙区", "district"), {S::kMissing, S::kPartial});
  corpus.add(fw, unit("某市", "city"), {S::kMet, S::kMissing});
  const auto t = score(fw, corpus, ScoringModel::kHierarchical);
  CHECK(t.units[0].states[1] == S::kNotApplicable);  // no penalty without evidence
  CHECK(t.units[0].score == Approx(100));
  CHECK(t.units[1].states[1] == S::kMet);  // credit with it
  CHECK(t.units[1].score == Approx(100));
  CHECK(t.units[2].states[1] == S::kPartial);
  CHECK(t.units[2].score == Approx(25));
  CHECK(t.units[3].states[1] == S::kMissing);  // at its own level, missing is missing
  CHECK(t.units[3].score == Approx(50));
}

TEST_CASE("profile: selection, weights, required, waivers, unknown ids", "[scoring][profile]") {
  const auto fw = tree();
  Corpus corpus;
  corpus.add(fw, unit("甲区"), {S::kMet, S::kPartial, S::kMissing, S::kMet, S::kMet});
  corpus.add(fw, unit("乙区"), {S::kMissing, S::kMet, S::kMet, S::kMet, S::kMissing});
  Profile p;
  p.id = "p";
  p.framework = "fw";
  p.location = SourceLocation{"profiles/p.yaml", 1, 1};
  p.partial_credit = 0.4;
  p.deselect = {"B.2", "Z.9"};
  p.weights = {{"B", 1}, {"nope", 2}};
  p.required = {{"A.2", true}};
  Waiver w1;
  w1.unit = "甲区";
  w1.item = "B.1.1";
  w1.justification = "无立法权";
  w1.expires = "2026-12-31";
  w1.location = SourceLocation{"profiles/p.yaml", 14, 7};
  Waiver w2 = w1;
  w2.unit = "*";
  w2.item = "A.1";
  w2.expires = "2020-01-01";
  w2.location = SourceLocation{"profiles/p.yaml", 18, 7};
  Waiver w3 = w1;
  w3.item = "X";
  w3.location = SourceLocation{"profiles/p.yaml", 22, 7};
  p.waivers = {w1, w2, w3};
  std::vector<Diagnostic> diags;
  const auto t = score(fw, corpus, ScoringModel::kHierarchical, &p, &diags, "2026-11-21");
  CHECK(strs(diags) ==
        std::vector<std::string>{
            "profiles/p.yaml:1:1: error[unknown-item]: deselect: no node 'Z.9' in framework 'fw'",
            "profiles/p.yaml:1:1: error[unknown-item]: weights: no node 'nope' in framework 'fw'",
            "profiles/p.yaml:18:7: warning[expired-waiver]: waiver of 'A.1' for '*' expired on "
            "2020-01-01; ignored",
            "profiles/p.yaml:22:7: error[unknown-item]: waiver: no node 'X' in framework 'fw'",
        });
  CHECK(
      t.applied_overrides ==
      std::vector<std::string>{
          "partial credit: 0.5 → 0.4",
          "deselected B.2 title B.2 (1 leaves out of every score)",
          "weight of B title B: 3 → 1",
          "required flag of A.2 title A.2: false → true",
          "waiver of A.1 title A.1 for * expired on 2020-01-01: ignored",
          "waiver of B.1.1 title B.1.1 for 甲区 (无立法权), until 2026-12-31: applied to 1 unit(s)",
      });
  CHECK_FALSE(t.node_included[8]);
  CHECK(t.node_weights[8] == 0);
  CHECK(t.partial_credit == 0.4);
  // 甲区: A = (1 + 0.4)/2 = 0.7; B.1 = B.1.2 only = 1 (B.1.1 waived); B = 1; root = (0.7+1)/2.
  CHECK(t.units[0].states[2] == S::kWaived);
  CHECK(t.units[0].score == Approx(85.0));
  CHECK(t.units[0].required_total == 2);  // A.1 and A.2 (B.1.1 waived)
  CHECK(t.units[0].required_met == 1);
  // 乙区: A = 0.5; B.1 = (2·1 + 1)/3 = 1; root = (0.5 + 1)/2 = 75.
  CHECK(t.units[1].score == Approx(75.0));
  CHECK(t.units[1].states[2] == S::kMet);
  CHECK(t.units[0].rank == 1);
  CHECK(t.units[1].rank == 2);
}

TEST_CASE("profile: select keeps subtrees and their ancestors", "[scoring][profile]") {
  const auto fw = tree();
  Corpus corpus;
  corpus.add(fw, unit("甲区"), {S::kMet, S::kMet, S::kMissing, S::kMet, S::kMet});
  Profile p;
  p.framework = "fw";
  p.select = {"B.1"};
  std::vector<Diagnostic> diags;
  const auto t = score(fw, corpus, ScoringModel::kHierarchical, &p, &diags);
  CHECK(diags.empty());
  CHECK(t.node_included ==
        std::vector<bool>{true, false, false, false, true, true, true, true, false});
  CHECK(t.units[0].score == Approx(100.0 / 3));  // only B.1: (2·0 + 1)/3
  CHECK(t.units[0].node_scores[1] == -1);
}

TEST_CASE("profile weights that leave a node with all-zero children are refused",
          "[scoring][profile]") {
  const auto fw = tree();
  Corpus corpus;
  corpus.add(fw, unit("甲区"), {S::kMet, S::kMet, S::kMet, S::kMet, S::kMet});
  Profile p;
  p.framework = "fw";
  p.location = SourceLocation{"p.yaml", 3, 3};
  p.weights = {{"A.1", 0}, {"A.2", 0}};
  std::vector<Diagnostic> diags;
  const auto t = score(fw, corpus, ScoringModel::kHierarchical, &p, &diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].str() ==
        "p.yaml:3:3: error[zero-weights]: every child of A title A has weight 0, so its score is "
        "undefined");
  CHECK(t.units[0].node_scores[1] == -1);
  CHECK(t.units[0].score == Approx(100));
}

TEST_CASE("waived and not-applicable items change neither numerator nor denominator",
          "[scoring][property]") {
  const auto fw = tree();
  std::mt19937 rng(7);
  const std::vector<S> counted{S::kMet, S::kPartial, S::kAcknowledged, S::kPlanned, S::kMissing};
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<S> states(5);
    for (auto& s : states) s = counted[rng() % counted.size()];
    const std::size_t leaf = rng() % 5;
    const int node = fw.leaves[leaf];
    // Reference: the leaf removed from the framework by deselection.
    Profile drop;
    drop.framework = "fw";
    drop.deselect = {fw.nodes[static_cast<std::size_t>(node)].id};
    for (auto model :
         {ScoringModel::kHierarchical, ScoringModel::kFlat, ScoringModel::kFlatUnweighted}) {
      Corpus base;
      base.add(fw, unit("u"), states);
      const auto without = score(fw, base, model, &drop).units[0];
      for (S excluded : {S::kNotApplicable, S::kWaived}) {
        for (S before : counted) {  // whatever the evidence said, it no longer counts
          auto st = states;
          st[leaf] = before;
          Corpus c;
          c.add(fw, unit("u"), st);
          Profile waive;
          waive.framework = "fw";
          if (excluded == S::kWaived) {
            Waiver w;
            w.unit = "u";
            w.item = fw.nodes[static_cast<std::size_t>(node)].id;
            waive.waivers.push_back(w);
          } else {
            c.evidence[0].items[leaf].state = S::kNotApplicable;
          }
          const auto with = score(fw, c, model, &waive).units[0];
          CHECK(with.states[leaf] == excluded);
          if (model == ScoringModel::kFlat) {
            // Flat keeps the global weights g of the full tree: the leaf's share leaves both
            // the score and the maximum, whatever its evidence said.
            const auto g = tree_global_weights();
            double num = 0, den = 0;
            for (std::size_t j = 0; j < 5; ++j) {
              if (j == leaf) continue;
              num += g[j] * state_credit(states[j], 0.5);
              den += g[j];
            }
            CHECK(with.score == Approx(100 * num).margin(1e-9));
            CHECK(with.max_score == Approx(100 * den).margin(1e-9));
          } else {
            CHECK(with.score == Approx(without.score).margin(1e-9));
            CHECK(with.max_score == Approx(without.max_score).margin(1e-9));
          }
        }
      }
    }
  }
}

TEST_CASE("waived items: flat numerator and maximum both lose exactly the item's weight",
          "[scoring][property]") {
  const auto fw = tree();
  Corpus met, waived;
  met.add(fw, unit("u"), {S::kMet, S::kMissing, S::kMet, S::kPartial, S::kMissing});
  waived.add(fw, unit("u"), {S::kMet, S::kMissing, S::kWaived, S::kPartial, S::kMissing});
  const auto a = score(fw, met, ScoringModel::kFlat).units[0];
  const auto b = score(fw, waived, ScoringModel::kFlat).units[0];
  // B.1.1's global weight is 0.25: numerator and maximum each drop by 25 points.
  CHECK(a.score - b.score == Approx(25.0));
  CHECK(a.max_score - b.max_score == Approx(25.0));
}

TEST_CASE("adding evidence never lowers a score", "[scoring][property]") {
  const auto fw = tree();
  std::mt19937 rng(42);
  const std::vector<S> all{S::kMet,     S::kPartial,       S::kAcknowledged, S::kPlanned,
                           S::kMissing, S::kNotApplicable, S::kWaived};
  auto better = [](S s) {  // one step more evidence
    switch (s) {
      case S::kMissing:
        return S::kPlanned;
      case S::kPlanned:
        return S::kAcknowledged;
      case S::kAcknowledged:
        return S::kPartial;
      case S::kPartial:
        return S::kMet;
      default:
        return s;
    }
  };
  for (int trial = 0; trial < 500; ++trial) {
    std::vector<S> states(5);
    for (auto& s : states) s = all[rng() % all.size()];
    auto improved = states;
    const std::size_t leaf = rng() % 5;
    improved[leaf] = better(states[leaf]);
    Profile p;  // random weights, some zero
    p.framework = "fw";
    for (const char* id : {"A", "A.1", "A.2", "B", "B.1", "B.1.1", "B.1.2", "B.2"})
      p.weights.emplace_back(id, static_cast<double>(rng() % 4));
    for (auto model : {ScoringModel::kHierarchical, ScoringModel::kFlat,
                       ScoringModel::kFlatUnweighted, ScoringModel::kAbsolute}) {
      Corpus c;
      c.add(fw, unit("u"), states);
      c.add(fw, unit("v"), improved);
      const auto t = score(fw, c, model, &p);
      CHECK(t.units[1].score >= t.units[0].score - 1e-9);
      for (std::size_t n = 0; n < fw.nodes.size(); ++n)
        CHECK(t.units[1].node_scores[n] >= t.units[0].node_scores[n] - 1e-9);
    }
  }
}

TEST_CASE("scaling every weight by a constant changes no score", "[scoring][property]") {
  const auto fw = tree();
  std::mt19937 rng(3);
  const std::vector<S> all{S::kMet, S::kPartial, S::kMissing, S::kNotApplicable, S::kWaived};
  Corpus c;
  for (int u = 0; u < 40; ++u) {
    std::vector<S> states(5);
    for (auto& s : states) s = all[rng() % all.size()];
    c.add(fw, unit("u" + std::to_string(u)), states);
  }
  const std::vector<std::pair<std::string, double>> weights{
      {"A", 2},     {"A.1", 1},   {"A.2", 5},   {"B", 3},
      {"B.1", 0.5}, {"B.1.1", 2}, {"B.1.2", 1}, {"B.2", 4}};
  for (double k : {0.001, 7.0, 1000.0}) {
    Profile p1, pk;
    p1.framework = pk.framework = "fw";
    p1.weights = weights;
    for (const auto& [id, w] : weights) pk.weights.emplace_back(id, w * k);
    for (auto model : {ScoringModel::kHierarchical, ScoringModel::kFlat,
                       ScoringModel::kFlatUnweighted, ScoringModel::kAbsolute}) {
      const auto a = score(fw, c, model, &p1);
      const auto b = score(fw, c, model, &pk);
      for (std::size_t u = 0; u < a.units.size(); ++u) {
        CHECK(b.units[u].score == Approx(a.units[u].score).margin(1e-9));
        CHECK(b.units[u].max_score == Approx(a.units[u].max_score).margin(1e-9));
        CHECK(b.units[u].rank == a.units[u].rank);
        for (std::size_t n = 0; n < fw.nodes.size(); ++n)
          CHECK(b.units[u].node_scores[n] == Approx(a.units[u].node_scores[n]).margin(1e-9));
      }
    }
  }
}

TEST_CASE("ranks: ties share a rank, peer groups by level and year", "[scoring][rank]") {
  CHECK(rank_descending(std::vector<double>{90, 80, 80, 70}) == std::vector<int>{1, 2, 2, 4});
  CHECK(rank_descending(std::vector<double>{70, 80, 90, 80}) == std::vector<int>{4, 2, 1, 2});
  CHECK(rank_descending(std::vector<double>{50, 50 + 1e-12, 49}) == std::vector<int>{1, 1, 3});
  CHECK(rank_descending(std::vector<double>{50, 50 + 1e-6}) == std::vector<int>{2, 1});
  CHECK(rank_descending(std::vector<double>{}).empty());

  const auto fw = make_framework("fw", {{"A", "", 1}, {"B", "", 1}});
  Corpus c;
  c.add(fw, unit("a", "district", 2021, "江苏省"), {S::kMet, S::kMet});          // 100
  c.add(fw, unit("b", "district", 2021, "浙江省"), {S::kMet, S::kMissing});      // 50
  c.add(fw, unit("c", "city", 2021, "江苏省"), {S::kMet, S::kMissing});          // 50
  c.add(fw, unit("d", "district", 2022, "江苏省"), {S::kMissing, S::kMissing});  // 0
  c.add(fw, unit("e", "district", 2021, "江苏省"), {S::kPartial, S::kMet});      // 75
  const auto t = score(fw, c, ScoringModel::kHierarchical);
  std::vector<int> rank, peer, peer_count, prov, prov_count;
  for (const auto& u : t.units) {
    rank.push_back(u.rank);
    peer.push_back(u.peer_rank);
    peer_count.push_back(u.peer_count);
    prov.push_back(u.province_rank);
    prov_count.push_back(u.province_count);
  }
  CHECK(rank == std::vector<int>{1, 3, 3, 5, 2});
  CHECK(peer == std::vector<int>{1, 3, 1, 1, 2});
  CHECK(peer_count == std::vector<int>{3, 3, 1, 1, 3});
  CHECK(prov == std::vector<int>{1, 1, 3, 1, 2});
  CHECK(prov_count == std::vector<int>{3, 1, 3, 1, 3});
}

TEST_CASE("Kendall tau-b: hand example and brute force with ties", "[scoring][rank]") {
  // x = (1,2,2,3), y = (1,3,2,2): concordant 3, discordant 1 (pair 2-4), one tie in x (2-3),
  // one tie in y (3-4); τ-b = (3 - 1) / sqrt((6 - 1)(6 - 1)) = 0.4.
  CHECK(kendall_tau_b(std::vector<double>{1, 2, 2, 3}, std::vector<double>{1, 3, 2, 2}) ==
        Approx(0.4));
  CHECK(kendall_tau_b(std::vector<double>{1, 2, 3}, std::vector<double>{3, 2, 1}) == Approx(-1));
  CHECK(kendall_tau_b(std::vector<double>{1}, std::vector<double>{5}) == 1);
  CHECK(kendall_tau_b(std::vector<double>{1, 1, 1}, std::vector<double>{1, 2, 3}) == 0);
  std::mt19937 rng(11);
  for (int trial = 0; trial < 50; ++trial) {
    const std::size_t n = 2 + rng() % 60;
    std::vector<double> a(n), b(n);
    for (std::size_t i = 0; i < n; ++i) {
      a[i] = static_cast<double>(rng() % 7);
      b[i] = static_cast<double>(rng() % 5);
    }
    double c = 0, d = 0, ta = 0, tb = 0;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) {
        const double s = (a[i] - a[j]) * (b[i] - b[j]);
        if (s > 0) ++c;
        if (s < 0) ++d;
        if (a[i] == a[j]) ++ta;
        if (b[i] == b[j]) ++tb;
      }
    const double pairs = static_cast<double>(n * (n - 1) / 2);
    const double den = std::sqrt((pairs - ta) * (pairs - tb));
    const double expected = den > 0 ? (c - d) / den : 0.0;
    CHECK(kendall_tau_b(a, b) == Approx(expected).margin(1e-12));
  }
}

TEST_CASE("credit matrix and node weights from leaf weights", "[scoring][weights]") {
  const auto fw = tree();
  Corpus c;
  c.add(fw, unit("甲区"), {S::kMet, S::kPartial, S::kWaived, S::kMissing, S::kNotApplicable});
  const auto t = score(fw, c, ScoringModel::kHierarchical);
  const auto cm = credit_matrix(fw, t);
  CHECK(cm.items == std::vector<std::string>{"A.1", "A.2", "B.1.1", "B.1.2", "B.2"});
  CHECK(cm.credit == std::vector<double>{1, 0.5, 0, 0, 0});
  CHECK(cm.in_force == std::vector<std::uint8_t>{1, 1, 0, 1, 0});

  const std::vector<double> leaf{0.1, 0.2, 0.3, 0.15, 0.25};
  const auto nw = node_weights_from_leaf_weights(fw, leaf);
  CHECK(nw[1] == Approx(0.3));   // A
  CHECK(nw[4] == Approx(0.7));   // B
  CHECK(nw[5] == Approx(0.45));  // B.1
  // The hierarchical model's global leaf weights are exactly the leaf weights again.
  Profile p;
  p.framework = "fw";
  for (std::size_t n = 1; n < fw.nodes.size(); ++n) p.weights.emplace_back(fw.nodes[n].id, nw[n]);
  const auto t2 = score(fw, c, ScoringModel::kHierarchical, &p);
  for (std::size_t l = 0; l < leaf.size(); ++l) CHECK(t2.leaf_global_weights[l] == Approx(leaf[l]));
  // rescore() agrees with score_units under the same weights.
  const auto again = rescore(fw, t, nw);
  CHECK(again[0] == Approx(t2.units[0].score));
}

TEST_CASE("profile YAML writer", "[scoring][weights]") {
  const auto fw = tree();
  Profile base;
  base.framework = "fw";
  base.deselect = {"B.2"};
  base.partial_credit = 0.25;
  Waiver w;
  w.unit = "甲区";
  w.item = "A.1";
  w.justification = "说明 \"引号\"";
  w.expires = "2026-12-31";
  base.waivers = {w};
  const auto yaml = weights_profile_yaml(fw, &base, "ahp-fw", "AHP weights", {"from test"},
                                         {{"A", 0.25}, {"B", 0.75}});
  CHECK(yaml ==
        "# from test\n"
        "profile:\n"
        "  id: \"ahp-fw\"\n"
        "  title: \"AHP weights\"\n"
        "  framework: \"fw\"\n"
        "  partial_credit: 0.25\n"
        "  deselect: [\"B.2\"]\n"
        "  weights:\n"
        "    \"A\": 0.25\n"
        "    \"B\": 0.75\n"
        "  waivers:\n"
        "    - unit: \"甲区\"\n"
        "      item: \"A.1\"\n"
        "      justification: \"说明 \\\"引号\\\"\"\n"
        "      expires: 2026-12-31\n");
}

// Differential: the level-by-level sparse products against a plain per-unit loop over the node
// array in reverse pre-order (children before parents), on random trees, weights and states.
TEST_CASE("tree products agree with a per-unit reference loop", "[scoring][differential]") {
  std::mt19937 rng(2024);
  const std::vector<S> all{S::kMet,     S::kPartial,       S::kAcknowledged, S::kPlanned,
                           S::kMissing, S::kNotApplicable, S::kWaived};
  for (int trial = 0; trial < 60; ++trial) {
    // Random pre-order tree: each new node hangs under a random earlier node whose depth < 5.
    std::vector<NodeSpec> specs;
    std::vector<int> depth{0};
    const int count = 2 + static_cast<int>(rng() % 25);
    for (int i = 0; i < count; ++i) {
      // Pre-order needs the parent to be on the current rightmost path: pick from it.
      std::vector<int> path;
      for (int n = i; n > 0;) {
        path.push_back(n);
        const std::string& parent = specs[static_cast<std::size_t>(n - 1)].parent;
        n = 0;
        for (int m = 1; m <= i; ++m)
          if (specs[static_cast<std::size_t>(m - 1)].id == parent) n = m;
      }
      path.push_back(0);
      int parent = path[rng() % path.size()];
      if (depth[static_cast<std::size_t>(parent)] >= 5) parent = 0;
      NodeSpec s;
      s.id = "n" + std::to_string(i + 1);
      s.parent = parent == 0 ? "" : specs[static_cast<std::size_t>(parent - 1)].id;
      s.weight = static_cast<double>(rng() % 4);  // zeros included
      specs.push_back(s);
      depth.push_back(depth[static_cast<std::size_t>(parent)] + 1);
    }
    const auto fw = make_framework("fw", specs);
    Corpus c;
    for (int u = 0; u < 7; ++u) {
      std::vector<S> st(fw.leaves.size());
      for (auto& s : st) s = all[rng() % all.size()];
      c.add(fw, unit("u" + std::to_string(u)), st);
    }
    const auto t = score(fw, c, ScoringModel::kHierarchical);
    for (std::size_t u = 0; u < c.keys.size(); ++u) {
      std::vector<double> num(fw.nodes.size(), 0), den(fw.nodes.size(), 0), s(fw.nodes.size(), 0);
      std::vector<bool> scored(fw.nodes.size(), false);
      for (std::size_t l = 0; l < fw.leaves.size(); ++l) {
        const double credit = state_credit(c.evidence[u].items[l].state, 0.5);
        const auto n = static_cast<std::size_t>(fw.leaves[l]);
        scored[n] = credit >= 0;
        s[n] = credit >= 0 ? credit : 0;
      }
      for (std::size_t n = fw.nodes.size(); n-- > 0;) {
        if (!fw.nodes[n].is_leaf()) {
          scored[n] = den[n] > 0;
          s[n] = den[n] > 0 ? num[n] / den[n] : 0;
        }
        const int p = fw.nodes[n].parent;
        if (p >= 0 && scored[n]) {
          num[static_cast<std::size_t>(p)] += fw.nodes[n].weight * s[n];
          den[static_cast<std::size_t>(p)] += fw.nodes[n].weight;
        }
      }
      for (std::size_t n = 0; n < fw.nodes.size(); ++n) {
        const double expected = scored[n] ? 100 * s[n] : -1;
        CHECK(t.units[u].node_scores[n] == Approx(expected).margin(1e-9));
      }
    }
  }
}

TEST_CASE("limits: AHP items and sensitivity draws", "[scoring][limits]") {
  CHECK(saaty_random_index(limits::kMaxAhpItems) > 0);
  CHECK(saaty_random_index(limits::kMaxAhpItems + 1) == -1);
  const auto fw = tree();
  Corpus c;
  c.add(fw, unit("u"), {S::kMet, S::kMissing, S::kMet, S::kMissing, S::kMet});
  const auto t = score(fw, c, ScoringModel::kHierarchical);
  SensitivityOptions options;
  options.draws = limits::kMaxSensitivityDraws + 1;
  CHECK(sensitivity(fw, t, options).error == "--draws must be between 1 and 100000");
  options.draws = 0;
  CHECK(sensitivity(fw, t, options).error == "--draws must be between 1 and 100000");
}

TEST_CASE("edge shapes: no units, a framework that is a single leaf", "[scoring][models]") {
  const auto fw = tree();
  Corpus none;
  const auto empty = score(fw, none, ScoringModel::kHierarchical);
  CHECK(empty.units.empty());
  CHECK(empty.leaf_global_weights.size() == 5);
  SensitivityOptions options;
  options.draws = 5;
  CHECK(sensitivity(fw, empty, options).units.empty());

  const auto single = make_framework("one", {});  // the root is the only leaf
  Corpus c;
  c.add(single, unit("u"), {S::kPartial});
  c.add(single, unit("v"), {S::kNotApplicable});
  const auto t = score(single, c, ScoringModel::kHierarchical);
  CHECK(t.units[0].score == Approx(50));
  CHECK(t.units[1].score == 0);
  CHECK(t.units[1].node_scores[0] == -1);
  CHECK(t.leaf_global_weights == std::vector<double>{1.0});
}
