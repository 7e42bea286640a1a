// What the renderers show of review decisions and near misses (review_render.cpp): one place,
// so index.html, the gap reports (HTML and Markdown) and the review sheet say the same thing.
#pragma once

#include <string>

#include "view.h"

namespace indicheck::reports_detail {

// The review mark of a leaf of a table row's report, or nullptr.
const ReviewMark* review_mark(const View& v, int report, int table, int leaf);

// "人工复核：已落实（机器判定：未见证据）· 复核人 张三 · 2025-03-01 · 说明：… · ⚠ …"
std::string review_line(const ReviewMark& m);
// The stale warning alone ("" when the decision is current).
std::string stale_text(const ReviewMark& m);

std::string review_note_html(const ReviewMark& m);
std::string review_note_md(const ReviewMark& m);
std::string near_misses_html(const ItemEvidence& ev);
std::string near_misses_md(const ItemEvidence& ev, Lang lang = Lang::kZh);
// "text（第 L 行第 C 列）——欠缺：…", one line per near miss.
std::string near_misses_text(const ItemEvidence& ev);

// After a unit's name in the ranking: its reviewed items (复核 N 项, ⚠ when one is stale) and
// its move against the previous year from the history (▲ 3.2 上年 58.3 第 2 名). "" when none.
std::string unit_marks_html(const View& v, int report);
// "▲ 3.2（上年 2020年 58.3 分，第 2/5 名）" or "" when the history has no earlier year.
std::string previous_year_text(const View& v, int report, double score, int rank);
// The gap report's 与上年比较 table row (HTML), or "".
std::string previous_year_row_html(const View& v, int report, const UnitScore& u);

// index.html's 人工复核 section (every reviewed item of the run, stale ones flagged); "" when
// the run applied no review file.
std::string review_section_html(const View& v);

}  // namespace indicheck::reports_detail
