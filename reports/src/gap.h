// What a gap report says, computed once and rendered twice (HTML and Markdown), so the two
// formats can never disagree about order or content.
#pragma once

#include <string>
#include <vector>

#include "view.h"

namespace indicheck::reports_detail {

struct GapItem {
  int leaf = -1;  // position in Framework::leaves
  const RuleNode* node = nullptr;
  ItemState state = ItemState::kMissing;
  bool required = false;
  double points = 0;  // points at stake (global weight × 100)
  const ItemEvidence* evidence = nullptr;
  int peer = -1;  // report index of the peer example
  const Quote* peer_quote = nullptr;
  const ReviewMark* review = nullptr;  // the auditor's decision on this item, if any
};

struct GapModel {
  int report = -1;
  int table = -1;  // the indicators table
  int row = -1;
  const Framework* framework = nullptr;
  // What every edition of the gap report reads, set by build_gap with the indices above.
  const ReportResult* result = nullptr;   // evaluation.reports[report]
  const ScoreTable* scores = nullptr;     // evaluation.tables[table]
  const UnitScore* unit = nullptr;        // scores->units[row]
  std::vector<GapItem> missing_required;  // ordered by points at stake, then framework order
  std::vector<GapItem> not_achieved;      // planned or acknowledged (any required flag)
  std::vector<GapItem> missing_other;     // missing, not required; by points at stake
  std::vector<GapItem> achieved;          // met and partial, framework order
  std::vector<GapItem> excluded;          // waived and not applicable
  // Supplement tables (report structure) for this report: table index, row.
  std::vector<RowRef> supplements;
  std::vector<int> other_years;  // report indices
};

// Returns false when the report has no gap report (failed, or no indicators table).
bool build_gap(const View& view, int report, GapModel& gap);

std::string_view role_label(Role role);  // "主要举措和成效" ...

// Where a quote stands, for readers: "第 12 行第 3 列", or for a PDF "第 3 页第 12 行", with
// " · 来源：OCR" when the page's text was recognized by OCR.
std::string quote_place(const Quote& q, Lang lang = Lang::kZh);

// Gap reports rendered with an index built once for the whole run (building a View per report
// would make writing N gap reports O(N²)). "" when the report has no gap report.
std::string gap_html(const View& view, int report);
std::string gap_markdown(const View& view, int report);

}  // namespace indicheck::reports_detail
