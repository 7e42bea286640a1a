// results.xlsx: the workbook an audit office keeps for the leadership. Sheets: 运行信息, one 排名
// sheet per framework and peer group (level × year) plus the framework's all-units ranking,
// 热力图 (unit × area, coloured), 缺项清单 (unit × missing required item with points), 证据
// (split over several sheets past kXlsxMaxRows rows) and 权重. Chinese headers, frozen header
// row, autofilter. Written through XlsxWorkbook (libxlsxwriter) in constant-memory mode.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "view.h"
#include "xlsx_writer.h"

namespace indicheck::reports_detail {

namespace {

// The run date as a time_t (UTC midnight), for reproducible bytes; 0 when it does not parse.
std::time_t run_time(const std::string& date) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(date.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return 0;
  // Days from civil (Howard Hinnant's algorithm): no timegm, no time zone.
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::time_t>((era * 146097 + doe - 719468) * 86400L);
}

void facts_sheet(const View& v, XlsxWorkbook& book) {
  const Evaluation& e = v.eval;
  XlsxSheet& s = book.add_sheet("运行信息");
  s.header({"项目", "内容"}, {18, 80});
  int failed = 0;
  for (const auto& r : e.reports) failed += r.failed ? 1 : 0;
  const auto row = [&](std::string_view k, const std::string& value) {
    s.next_row();
    s.text(0, k);
    s.text(1, value);
  };
  row("运行日期", e.facts.date);
  row("indicheck 版本", e.facts.tool_version);
  row("规则哈希", e.facts.rules_hash);
  row("报告数", std::to_string(e.reports.size()));
  row("未能读取", std::to_string(failed));
  row("计分模型", e.facts.model);
  row("评分方案", e.facts.profile_path.empty() ? "（无）" : e.facts.profile_path);
  row("证据模型", e.facts.gate.empty() ? "（未启用）" : e.facts.gate);
  s.finish(false);
}

std::vector<std::string> ranking_header() {
  return {"排名", "单位", "年度", "层级", "得分", "必选达标", "必选总数", "全部排名", "文件"};
}

void ranking_row(const View& v, int t, int row, int rank, XlsxSheet& s) {
  const UnitScore& u = v.eval.tables[t].units[row];
  const int r = v.report_of(t, row);
  s.next_row();
  s.integer(0, rank);
  s.text(1, r >= 0 ? v.unit_name(r) : u.key.unit);
  if (u.key.year > 0) s.integer(2, u.key.year);
  s.text(3, level_label(u.key.level, v.lang()));
  s.number(4, u.score, 2);
  s.integer(5, u.required_met);
  s.integer(6, u.required_total);
  s.integer(7, u.rank);
  s.text(8, u.key.path);
}

// Per indicators framework: every unit, then one sheet per peer group (year, level).
void ranking_sheets(const View& v, int t, XlsxWorkbook& book) {
  const std::string& fw = v.eval.tables[t].framework_id;
  const std::vector<int> rows = v.rows_by_rank(t);
  XlsxSheet& all = book.add_sheet("排名-全部-" + fw);
  all.header(ranking_header(), {6, 24, 7, 10, 8, 9, 9, 9, 40});
  for (int row : rows) ranking_row(v, t, row, v.eval.tables[t].units[row].rank, all);
  all.finish(true, 4, 4);
  std::map<std::pair<int, std::string>, std::vector<int>> groups;
  for (int row : rows) {
    const UnitKey& k = v.eval.tables[t].units[row].key;
    groups[{-k.year, k.level}].push_back(row);
  }
  for (const auto& [key, members] : groups) {
    const int year = -key.first;
    XlsxSheet& s =
        book.add_sheet(fmt::format("排名-{}年-{}", year > 0 ? std::to_string(year) : "未知",
                                   level_label(key.second, v.lang())));
    s.header(ranking_header(), {6, 24, 7, 10, 8, 9, 9, 9, 40});
    for (int row : members) ranking_row(v, t, row, v.eval.tables[t].units[row].peer_rank, s);
    s.finish(true, 4, 4);
  }
}

void heatmap_sheet(const View& v, int t, XlsxWorkbook& book) {
  const Framework& fw = *v.framework(t);
  const std::vector<int> areas = v.areas(t);
  XlsxSheet& s = book.add_sheet("热力图-" + fw.id);
  std::vector<std::string> head = {"单位", "年度", "得分"};
  std::vector<double> widths = {24, 7, 8};
  for (int a : areas) {
    head.push_back(fw.nodes[a].id + " " + fw.nodes[a].title);
    widths.push_back(14);
  }
  s.header(head, widths);
  for (int row : v.rows_by_rank(t)) {
    const UnitScore& u = v.eval.tables[t].units[row];
    const int r = v.report_of(t, row);
    s.next_row();
    s.text(0, r >= 0 ? v.unit_name(r) : u.key.unit);
    if (u.key.year > 0) s.integer(1, u.key.year);
    s.number(2, u.score, 2);
    for (std::size_t k = 0; k < areas.size(); ++k) {
      const int a = areas[k];
      if (a < static_cast<int>(u.node_scores.size()) && u.node_scores[a] >= 0)
        s.number(static_cast<int>(k) + 3, u.node_scores[a], 1);
    }
  }
  s.finish(true, 3, static_cast<int>(areas.size()) + 2);
}

void missing_sheet(const View& v, const std::vector<int>& tables, XlsxWorkbook& book) {
  XlsxSheet& s = book.add_sheet("缺项清单");
  s.header({"单位", "年度", "纲要", "项目编号", "纲要要求", "状态", "分值", "文件"},
           {24, 7, 14, 9, 50, 10, 8, 40});
  for (int t : tables) {
    const Framework& fw = *v.framework(t);
    for (int row : v.rows_by_rank(t)) {
      const UnitScore& u = v.eval.tables[t].units[row];
      const int r = v.report_of(t, row);
      std::vector<std::pair<double, int>> lost;  // (points, leaf)
      for (std::size_t l = 0; l < fw.leaves.size(); ++l) {
        const int leaf = static_cast<int>(l);
        if (!v.leaf_required(t, leaf) || !v.node_included(t, fw.leaves[l])) continue;
        const ItemState st = v.state(t, row, leaf);
        if (st == ItemState::kMissing || st == ItemState::kPlanned ||
            st == ItemState::kAcknowledged)
          lost.emplace_back(v.points_at_stake(t, leaf), leaf);
      }
      std::stable_sort(lost.begin(), lost.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      for (const auto& [points, leaf] : lost) {
        const RuleNode& node = fw.nodes[fw.leaves[static_cast<std::size_t>(leaf)]];
        s.next_row();
        s.text(0, r >= 0 ? v.unit_name(r) : u.key.unit);
        if (u.key.year > 0) s.integer(1, u.key.year);
        s.text(2, fw.id);
        s.text(3, node.id);
        s.text(4, node.title);
        s.text(5, state_label(v.state(t, row, leaf), v.lang()));
        s.number(6, points, 2);
        s.text(7, u.key.path);
      }
    }
  }
  s.finish(true);
}

void weights_sheet(const View& v, int t, XlsxWorkbook& book) {
  const Framework& fw = *v.framework(t);
  XlsxSheet& s = book.add_sheet("权重-" + fw.id);
  s.header({"节点编号", "名称", "层级", "本级权重", "必选", "纳入评分"}, {10, 60, 6, 10, 6, 9});
  const auto& tab = v.eval.tables[t];
  for (std::size_t n = 1; n < fw.nodes.size(); ++n) {
    const RuleNode& node = fw.nodes[n];
    int depth = 0;
    for (int p = node.parent; p > 0; p = fw.nodes[static_cast<std::size_t>(p)].parent) ++depth;
    s.next_row();
    s.text(0, node.id);
    s.text(1, node.title);
    s.integer(2, depth + 1);
    s.number(3, v.node_weight(t, static_cast<int>(n)), 4);
    const bool required = n < tab.node_required.size() && tab.node_required[n];
    s.text(4, msg(required ? Msg::kYes : Msg::kNo, v.lang()));
    s.text(5, msg(v.node_included(t, static_cast<int>(n)) ? Msg::kYes : Msg::kNo, v.lang()));
  }
  s.finish(true);
}

// Evidence rows as in evidence.csv, a new sheet (证据-2, 证据-3 …) every kXlsxMaxRows rows.
// Returns false when stored evidence could not be read back.
bool evidence_sheets(const View& v, XlsxWorkbook& book, std::uint32_t max_rows) {
  const Lang lang = v.lang();
  const std::vector<std::string> head = {"文件",     "单位", "年度", "纲要",
                                         "项目编号", "项目", "状态", "计入得分",
                                         "所在部分", "行",   "章节", "原文"};
  const std::vector<double> widths = {30, 20, 7, 14, 9, 40, 10, 8, 14, 6, 30, 80};
  int part = 1;
  XlsxSheet* s = &book.add_sheet("证据");
  s->header(head, widths);
  for (int r = 0; r < v.report_count(); ++r) {
    if (v.rows_of(r).empty()) continue;
    if (!v.load(r)) return false;
    const ReportResult& rep = v.eval.reports[r];
    for (const auto& ref : v.rows_of(r)) {
      const Framework* fw = v.framework(ref.table);
      if (!fw) continue;
      for (std::size_t l = 0; l < fw->leaves.size(); ++l) {
        const ItemEvidence* ev = v.item(r, ref.table, static_cast<int>(l));
        if (!ev) continue;
        const ItemState st = v.state(ref.table, ref.row, static_cast<int>(l));
        const RuleNode& node = fw->nodes[fw->leaves[l]];
        for (const auto& q : ev->quotes) {
          if (s->rows() >= max_rows) {
            s->finish(true);
            s = &book.add_sheet(fmt::format("证据-{}", ++part));
            s->header(head, widths);
          }
          s->next_row();
          s->text(0, rep.path);
          s->text(1, rep.meta.unit.value);
          if (rep.meta.year > 0) s->integer(2, rep.meta.year);
          s->text(3, fw->id);
          s->text(4, node.id);
          s->text(5, node.title);
          s->text(6, state_label(st, lang));
          s->text(7, msg(q.credit ? Msg::kYes : Msg::kNo, lang));
          s->text(8, role_label(q.role, lang));
          s->integer(9, q.line);
          s->text(10, q.section_path);
          s->text(11, q.text);
        }
      }
    }
  }
  s->finish(true);
  return true;
}

}  // namespace

bool write_results_xlsx(const View& v, const std::string& path, std::string& error,
                        std::uint32_t max_evidence_rows) {
  XlsxWorkbook book(path, run_time(v.eval.facts.date));
  if (!book.ok()) {
    error = "cannot create the workbook";
    return false;
  }
  facts_sheet(v, book);
  std::vector<int> indicators;
  for (int t = 0; t < v.table_count(); ++t)
    if (v.framework(t) && v.is_indicators(t)) indicators.push_back(t);
  std::stable_sort(indicators.begin(), indicators.end(), [&](int a, int b) {
    return v.framework(a)->year_from > v.framework(b)->year_from;
  });
  for (int t : indicators) ranking_sheets(v, t, book);
  for (int t : indicators) heatmap_sheet(v, t, book);
  missing_sheet(v, indicators, book);
  if (!evidence_sheets(v, book, max_evidence_rows)) {
    error = "the evidence kept on disk during the run could not be read back";
    book.close(error);
    return false;
  }
  for (int t : indicators) weights_sheet(v, t, book);
  return book.close(error);
}

}  // namespace indicheck::reports_detail
