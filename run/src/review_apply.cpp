// --review: match each decision of a review file to the reports of the run (by unit and year
// reported on) and to a leaf of one of their frameworks, and record it as a ReviewMark; the
// marks then replace the machine state in the states scoring reads (unit_states).
#include "review_apply.h"

#include <fmt/format.h>

#include "indicheck/review.h"

namespace indicheck {

namespace {

ItemState machine_state(const ReportResult& r, const std::string& framework_id, std::size_t leaf) {
  for (const auto& ev : r.evidence)
    if (ev.framework_id == framework_id && leaf < ev.items.size()) return ev.items[leaf].state;
  for (const auto& c : r.compact)
    if (c.framework_id == framework_id && leaf < c.items.size()) return c.state(leaf);
  return ItemState::kMissing;
}

std::vector<std::string> report_frameworks(const ReportResult& r) {
  std::vector<std::string> ids;
  for (const auto& ev : r.evidence) ids.push_back(ev.framework_id);
  for (const auto& c : r.compact) ids.push_back(c.framework_id);
  return ids;
}

// The leaf slot of `item` in the first of the report's frameworks (or the one named) holding
// it as a leaf; sets `framework`. -1 when none does.
int find_leaf(const RuleSet& rules, const ReportResult& r, const ReviewDecision& d,
              std::string& framework) {
  for (const auto& id : report_frameworks(r)) {
    if (!d.framework.empty() && d.framework != id) continue;
    const Framework* fw = rules.find_framework(id);
    if (!fw) continue;
    const int node = fw->find(d.item);
    if (node < 0) continue;
    for (std::size_t l = 0; l < fw->leaves.size(); ++l)
      if (fw->leaves[l] == node) {
        framework = id;
        return static_cast<int>(l);
      }
  }
  return -1;
}

}  // namespace

bool apply_review(const ReviewFile& file, const RuleSet& rules, std::vector<ReportResult>& reports,
                  std::vector<Diagnostic>& diagnostics) {
  bool ok = true;
  for (const ReviewDecision& d : file.decisions) {
    const auto error = [&](std::string code, std::string message) {
      diagnostics.push_back(
          make_error(file.path, std::move(code), std::move(message), d.location.line));
      ok = false;
    };
    bool unit_found = false, item_found = false;
    for (ReportResult& r : reports) {
      if (r.failed || r.meta.unit.value != d.unit || r.meta.year != d.year) continue;
      unit_found = true;
      std::string framework;
      const int leaf = find_leaf(rules, r, d, framework);
      if (leaf < 0) continue;
      item_found = true;
      const Framework& fw = *rules.find_framework(framework);
      ReviewMark m;
      m.framework_id = framework;
      m.leaf = leaf;
      m.machine = machine_state(r, framework, static_cast<std::size_t>(leaf));
      m.reviewed = d.state;
      m.note = d.note;
      m.reviewer = d.reviewer;
      m.date = d.date;
      m.location = d.location;
      m.stale_report = !d.report_hash.empty() && d.report_hash != r.content_hash;
      m.stale_rule =
          !d.rule_hash.empty() &&
          d.rule_hash !=
              item_rule_hash(
                  fw.nodes[static_cast<std::size_t>(fw.leaves[static_cast<std::size_t>(leaf)])]);
      r.reviews.push_back(std::move(m));
    }
    if (!unit_found)
      error("review-unknown-unit",
            fmt::format("复核表中的单位“{}”（{}年）不在本次评估的报告中", d.unit, d.year));
    else if (!item_found)
      error("review-unknown-item",
            fmt::format("指标“{}”{}不是“{}”{}年报告所用框架中的指标", d.item,
                        d.framework.empty() ? "" : "（框架 " + d.framework + "）", d.unit, d.year));
  }
  return ok;
}

void apply_review_marks(const ReportResult& report, const std::string& framework_id,
                        std::vector<ItemState>& states) {
  for (const auto& m : report.reviews)
    if (m.framework_id == framework_id && m.leaf >= 0 &&
        static_cast<std::size_t>(m.leaf) < states.size())
      states[static_cast<std::size_t>(m.leaf)] = m.reviewed;
}

}  // namespace indicheck
