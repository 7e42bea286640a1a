// The unit edition (单位版) of a gap report: what a district reads, at most 3 A4 pages. Score,
// rank in its peer group (same level and year), required items missing, the 10 items with the
// most points at stake (the 纲要's own wording, why it counts as missing, a model sentence from a
// peer that truly meets it), items only planned or admitted. No rule paths, no matcher words.
// Computed once (UnitModel) and rendered as HTML, Markdown and .docx, so they agree.
#pragma once

#include <string>
#include <vector>

#include "gap.h"
#include "view.h"

namespace indicheck::reports_detail {

struct UnitEntry {
  GapItem item;
  std::string area;              // the area (top-level node) title the item belongs to
  std::string why;               // reason_text in the run's language
  const Quote* model = nullptr;  // a credited sentence of a peer where the item is met
  int model_report = -1;
};

struct UnitModel {
  GapModel gap;
  std::string title;  // "苏州市相城区 2021年 法治政府建设年度报告评估（单位版）"
  double score = 0, max_score = 0;
  int peer_rank = 0, peer_count = 0, rank = 0, rank_of = 0;
  int required_met = 0, required_total = 0;
  std::string peer_group;                   // "区，2021年"
  std::vector<UnitEntry> required_missing;  // every missing required item, by points
  std::vector<UnitEntry> top;               // the kUnitTopItems items with most points at stake
  std::vector<UnitEntry> planned;           // planned or admitted (acknowledged)
};

inline constexpr std::size_t kUnitTopItems = 10;
// A model sentence longer than this many characters is cut with "……" (the page limit).
inline constexpr std::size_t kUnitQuoteChars = 110;

bool build_unit(const View& view, int report, UnitModel& model);
// The first `max_chars` characters (code points) of `text`, "……" appended when cut.
std::string cut_text(std::string_view text, std::size_t max_chars);

std::string unit_html(const View& view, int report);      // "" when no gap report
std::string unit_markdown(const View& view, int report);  // "" when no gap report
// The .docx bytes (docx.cpp), built in the file `scratch_path` (removed after); "" when no gap
// report, or with `error` set when the package cannot be written.
std::string unit_docx(const View& view, int report, const std::string& scratch_path,
                      std::string& error);

}  // namespace indicheck::reports_detail
