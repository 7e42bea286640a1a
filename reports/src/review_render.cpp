#include "review_render.h"

#include <fmt/format.h>

#include "gap.h"

namespace indicheck::reports_detail {

const ReviewMark* review_mark(const View& v, int report, int table, int leaf) {
  if (report < 0 || table < 0) return nullptr;
  return v.eval.reports[static_cast<std::size_t>(report)].review(
      v.eval.tables[static_cast<std::size_t>(table)].framework_id, leaf);
}

std::string stale_text(const ReviewMark& m) {
  if (m.stale_report && m.stale_rule) return "复核后报告内容和指标规则都已改变，请重新核对";
  if (m.stale_report) return "复核后报告内容已改变，请重新核对";
  if (m.stale_rule) return "复核后指标规则已改变，请重新核对";
  return "";
}

std::string review_line(const ReviewMark& m) {
  std::string out =
      fmt::format("人工复核：{}（机器判定：{}）", state_label(m.reviewed), state_label(m.machine));
  if (!m.reviewer.empty()) out += " · 复核人 " + m.reviewer;
  if (!m.date.empty()) out += " · " + m.date;
  if (!m.note.empty()) out += " · 说明：" + m.note;
  out += fmt::format(" · 依据 {}:{}", m.location.path, m.location.line);
  if (m.stale()) out += " · ⚠ 已过期：" + stale_text(m);
  return out;
}

std::string review_note_html(const ReviewMark& m) {
  return fmt::format("<div class=\"note review{}\">{}</div>\n", m.stale() ? " stale" : "",
                     html_escape(review_line(m)));
}

std::string review_note_md(const ReviewMark& m) {
  return "**" + markdown_escape(review_line(m)) + "**\n\n";
}

std::string near_misses_text(const ItemEvidence& ev) {
  std::string out;
  for (const auto& m : ev.near_misses) {
    if (!out.empty()) out += "\n";
    out += fmt::format("{}（第 {} 行第 {} 列）——欠缺：{}", m.text, m.line, m.column, m.lacking);
  }
  return out;
}

std::string near_misses_html(const ItemEvidence& ev) {
  if (ev.near_misses.empty()) return "";
  std::string out = "<div class=\"note\">接近的句子（差一点满足，最接近的在前）：</div>\n";
  for (const auto& m : ev.near_misses)
    out += fmt::format(
        "<blockquote class=\"context near\">{}<div class=\"loc\">第 {} 行第 {} 列 · {} · {} · "
        "欠缺：{}</div></blockquote>\n",
        html_escape(m.text), m.line, m.column,
        m.section_path.empty() ? "（正文）" : html_escape(m.section_path),
        html_escape(role_label(m.role)), html_escape(m.lacking));
  return out;
}

std::string near_misses_md(const ItemEvidence& ev, Lang lang) {
  if (ev.near_misses.empty()) return "";
  std::string out = fmt::format("{}\n\n", msg(Msg::kMdNearHead, lang));
  for (const auto& m : ev.near_misses)
    out += fmt::format("> {}\n>\n> — {} · {} · {}{}\n\n", markdown_escape(m.text),
                       tr(lang, Msg::kPlaceLine, m.line, m.column),
                       m.section_path.empty() ? std::string(msg(Msg::kMdBody, lang))
                                              : markdown_escape(m.section_path),
                       indicheck::role_label(m.role, lang),
                       tr(lang, Msg::kMdLacking, markdown_escape(m.lacking)));
  return out;
}

std::string previous_year_text(const View& v, int report, double score, int rank) {
  if (report < 0 || static_cast<std::size_t>(report) >= v.eval.previous.size()) return "";
  const PreviousYear& p = v.eval.previous[static_cast<std::size_t>(report)];
  if (p.year == 0) return "";
  const double d = score - p.score;
  const std::string move = d > 0.05    ? fmt::format("▲ {:.1f}", d)
                           : d < -0.05 ? fmt::format("▼ {:.1f}", -d)
                                       : std::string("＝");
  const std::string rank_move = rank < p.rank   ? fmt::format("▲ {}", p.rank - rank)
                                : rank > p.rank ? fmt::format("▼ {}", rank - p.rank)
                                                : std::string("＝");
  return fmt::format("{}（上年 {}年 {:.1f} 分，第 {}/{} 名；名次 {}）", move, p.year, p.score,
                     p.rank, p.units, rank_move);
}

std::string previous_year_row_html(const View& v, int report, const UnitScore& u) {
  const std::string prev = previous_year_text(v, report, u.score, u.rank);
  return prev.empty() ? "" : "<tr><td>与上年比较</td><td>" + html_escape(prev) + "</td></tr>\n";
}

std::string unit_marks_html(const View& v, int report) {
  if (report < 0) return "";
  std::string out;
  const ReportResult& rep = v.eval.reports[static_cast<std::size_t>(report)];
  if (!rep.reviews.empty()) {
    bool stale = false;
    for (const auto& m : rep.reviews) stale = stale || m.stale();
    out += fmt::format(" <span class=\"review{}\">复核 {} 项{}</span>", stale ? " stale" : "",
                       rep.reviews.size(), stale ? " ⚠" : "");
  }
  const int t = v.primary_table(report);
  const int row = t >= 0 ? v.row_of(report, t) : -1;
  if (row >= 0) {
    const UnitScore& u =
        v.eval.tables[static_cast<std::size_t>(t)].units[static_cast<std::size_t>(row)];
    const std::string prev = previous_year_text(v, report, u.score, u.rank);
    if (!prev.empty()) out += " <span class=\"loc\">" + html_escape(prev) + "</span>";
  }
  return out;
}

std::string review_section_html(const View& v) {
  if (v.eval.facts.review_path.empty()) return "";
  std::string rows;
  int count = 0, stale = 0;
  for (int r = 0; r < v.report_count(); ++r) {
    const ReportResult& rep = v.eval.reports[static_cast<std::size_t>(r)];
    for (const ReviewMark& m : rep.reviews) {
      const Framework* fw = v.eval.rules ? v.eval.rules->find_framework(m.framework_id) : nullptr;
      const RuleNode* node =
          fw ? &fw->nodes[static_cast<std::size_t>(fw->leaves[static_cast<std::size_t>(m.leaf)])]
             : nullptr;
      ++count;
      stale += m.stale() ? 1 : 0;
      rows += fmt::format(
          "<tr{}><td>{}</td><td>{} {}</td><td>{}</td><td><b>{}</b></td><td>{}</td><td>{}</td>"
          "<td>{}</td><td>{}</td></tr>\n",
          m.stale() ? " class=\"stale\"" : "", html_escape(v.unit_label(r)),
          node ? html_escape(node->id) : "", node ? html_escape(node->title) : "",
          state_label(m.machine), state_label(m.reviewed), html_escape(m.reviewer),
          html_escape(m.date), html_escape(m.note),
          m.stale() ? "⚠ " + html_escape(stale_text(m)) : std::string("有效"));
    }
  }
  std::string out = fmt::format(
      "<h2 id=\"review\">人工复核</h2>\n<p class=\"sub\">复核文件 <code>{}</code> · {} 项复核结论已"
      "计入得分和排名 · {} 项已过期（复核后报告或规则有变化，仍按复核结论计分）</p>\n",
      html_escape(v.eval.facts.review_path), count, stale);
  out +=
      "<table><thead><tr><th>单位</th><th>指标</th><th>机器判定</th><th>复核结论</th>"
      "<th>复核人</th><th>日期</th><th>说明</th><th>状态</th></tr></thead><tbody>\n" +
      rows + "</tbody></table>\n";
  return out;
}

}  // namespace indicheck::reports_detail
