// Fuzz target: one profile file → load_profile against the shipped rule packs (rules/: ids,
// weights, required flags, waivers and their dates, partial credit), then, when it loads, the
// profile applied by score_units for every scoring model to three units (all met, all partial,
// all missing). Checked: a failure carries an error; scores are finite and within
// [0, max_score] (scoring.h promises it, whatever the weights) or -1 for "nothing scored".
#include <cmath>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "indicheck/rules.h"
#include "indicheck/scoring.h"

using namespace indicheck;
using indicheck::fuzz::fuzz_check;

namespace {

const RuleSet& shipped_rules() {
  static const RuleSet rules = [] {
    std::vector<Diagnostic> diagnostics;
    RuleSet r = load_rules({INDICHECK_SOURCE_DIR "/rules"}, diagnostics);
    if (has_errors(diagnostics) || r.frameworks.empty())
      fuzz::fuzz_fail("the shipped rules do not load");
    return r;
  }();
  return rules;
}

void check_scores(const Framework& fw, const Profile& profile) {
  std::vector<UnitStates> units;
  for (const ItemState s : {ItemState::kMet, ItemState::kPartial, ItemState::kMissing}) {
    UnitStates u;
    u.key.unit = "苏州市相城区";
    u.key.level = "district";
    u.key.year = 2022;
    u.states.assign(fw.leaves.size(), s);
    units.push_back(std::move(u));
  }
  for (const auto model : {ScoringModel::kHierarchical, ScoringModel::kFlat,
                           ScoringModel::kFlatUnweighted, ScoringModel::kAbsolute}) {
    ScoringOptions options;
    options.model = model;
    options.today = "2025-06-30";
    std::vector<Diagnostic> diagnostics;
    const ScoreTable table = score_units(fw, &profile, units, options, diagnostics);
    fuzz::check_diagnostics(true, diagnostics);
    if (has_errors(diagnostics)) continue;
    for (const auto& u : table.units) {
      fuzz_check(std::isfinite(u.score) && std::isfinite(u.max_score), "score not finite");
      fuzz_check(u.score == -1 || (u.score >= 0 && u.score <= u.max_score + 1e-9),
                 "score outside [0, max_score]");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fuzz::ScratchDir scratch;
  RuleSet rules = shipped_rules();
  const std::string path = scratch.write("profile.yaml", fuzz::as_view(data, size));
  std::vector<Diagnostic> diagnostics;
  const bool ok = load_profile(path, rules, diagnostics) && !has_errors(diagnostics);
  fuzz::check_diagnostics(ok, diagnostics);
  if (!ok) return 0;
  for (const auto& fw : rules.frameworks)
    if (const Profile* p = profile_for(rules, fw.id); p != nullptr) check_scores(fw, *p);
  return 0;
}
