#include "gap.h"

#include <fmt/format.h>

#include <algorithm>

namespace indicheck::reports_detail {

std::string quote_place(const Quote& q, Lang lang) {
  std::string out = q.page ? tr(lang, Msg::kPlacePage, q.page, q.page_line)
                           : tr(lang, Msg::kPlaceLine, q.line, q.column);
  if (q.ocr) out += msg(Msg::kPlaceOcr, lang);
  return out;
}

std::string_view role_label(Role role) {
  return indicheck::role_label(role, Lang::kZh);
}

bool build_gap(const View& view, int report, GapModel& gap) {
  gap = GapModel{};
  gap.report = report;
  if (view.eval.reports[report].failed) return false;
  view.load(report);
  gap.table = view.primary_table(report);
  if (gap.table < 0) return false;
  gap.row = view.row_of(report, gap.table);
  gap.framework = view.framework(gap.table);
  if (gap.row < 0 || !gap.framework) return false;
  gap.result = &view.eval.reports[static_cast<std::size_t>(report)];
  gap.scores = &view.eval.tables[static_cast<std::size_t>(gap.table)];
  gap.unit = &gap.scores->units[static_cast<std::size_t>(gap.row)];

  const Framework& fw = *gap.framework;
  for (std::size_t l = 0; l < fw.leaves.size(); ++l) {
    const int leaf = static_cast<int>(l);
    if (!view.node_included(gap.table, fw.leaves[l])) continue;  // deselected by the profile
    GapItem item;
    item.leaf = leaf;
    item.node = &fw.nodes[fw.leaves[l]];
    item.state = view.state(gap.table, gap.row, leaf);
    item.required = view.leaf_required(gap.table, leaf);
    item.points = view.points_at_stake(gap.table, leaf);
    item.evidence = view.item(report, gap.table, leaf);
    item.review = view.eval.reports[static_cast<std::size_t>(report)].review(
        view.eval.tables[static_cast<std::size_t>(gap.table)].framework_id, leaf);
    switch (item.state) {
      case ItemState::kMissing:
      case ItemState::kPlanned:
      case ItemState::kAcknowledged:
        item.peer_quote = view.peer_example(gap.table, leaf, report, item.peer);
        break;
      default:
        break;
    }
    switch (item.state) {
      case ItemState::kMissing:
        (item.required ? gap.missing_required : gap.missing_other).push_back(item);
        break;
      case ItemState::kPlanned:
      case ItemState::kAcknowledged:
        gap.not_achieved.push_back(item);
        break;
      case ItemState::kMet:
      case ItemState::kPartial:
        gap.achieved.push_back(item);
        break;
      case ItemState::kNotApplicable:
      case ItemState::kWaived:
        gap.excluded.push_back(item);
        break;
    }
  }
  const auto by_points = [](const GapItem& a, const GapItem& b) { return a.points > b.points; };
  std::stable_sort(gap.missing_required.begin(), gap.missing_required.end(), by_points);
  std::stable_sort(gap.missing_other.begin(), gap.missing_other.end(), by_points);
  // Required shortfalls first among the planned/acknowledged, then by points.
  std::stable_sort(gap.not_achieved.begin(), gap.not_achieved.end(),
                   [](const GapItem& a, const GapItem& b) {
                     if (a.required != b.required) return a.required;
                     return a.points > b.points;
                   });

  for (const auto& ref : view.rows_of(report))
    if (!view.is_indicators(ref.table)) gap.supplements.push_back(ref);
  gap.other_years = view.other_years(report);
  return true;
}

}  // namespace indicheck::reports_detail
