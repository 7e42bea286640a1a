#include "unit_edition.h"

#include <fmt/format.h>

#include <algorithm>

namespace indicheck::reports_detail {

namespace {

// Print-first: A4 portrait, 10.5pt, no navigation; the page is one self-contained file.
constexpr std::string_view kUnitCss = R"css(
@page{size:A4;margin:14mm 15mm}
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:20px auto;
 padding:0 20px;color:#1f2328;line-height:1.5;max-width:820px;font-size:14px}
h1{font-size:1.45em;margin:0 0 6px} h2{font-size:1.12em;margin:16px 0 6px;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;width:100%;margin:4px 0 8px}
th,td{border:1px solid #d0d7de;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600;white-space:nowrap} td.num{text-align:right;white-space:nowrap}
.score{font-size:1.5em;font-weight:700}
.muted{color:#57606a;font-size:90%}
.entry{margin:6px 0 8px;padding-bottom:5px;border-bottom:1px dashed #d0d7de}
.entry .t{font-weight:600}
.model{margin:3px 0 0;padding:2px 8px;border-left:3px solid #54aeff;background:#f6f8fa}
@media print{body{margin:0;padding:0;max-width:none;font-size:10pt}.entry,tr{page-break-inside:avoid}
 h2{page-break-after:avoid}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
)css";

// "5、健全行政执法工作体系…" (zh), "5 健全行政执法工作体系…" (en: the title stays the framework's).
std::string area_title(const Framework& fw, const RuleNode& node, Lang lang) {
  const RuleNode* n = &node;
  while (n->parent > 0) n = &fw.nodes[static_cast<std::size_t>(n->parent)];
  return n->id + (lang == Lang::kEn ? " " : "、") + n->title;
}

UnitEntry entry(const View& v, const UnitModel& m, const GapItem& item, bool with_model) {
  UnitEntry e;
  e.item = item;
  e.area = area_title(*m.gap.framework, *item.node, v.lang());
  if (item.evidence) e.why = reason_text(item.evidence->reason, *item.node, v.lang());
  if (with_model)
    e.model = v.peer_example(m.gap.table, item.leaf, m.gap.report, e.model_report, true);
  return e;
}

std::string points(double p) {
  return fmt::format("{:.1f}", p);
}

}  // namespace

std::string cut_text(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0, i = 0;
  while (i < text.size()) {
    if (chars == max_chars) return std::string(text.substr(0, i)) + "……";
    const auto c = static_cast<unsigned char>(text[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++chars;
  }
  return std::string(text);
}

bool build_unit(const View& v, int report, UnitModel& m) {
  m = UnitModel{};
  if (!build_gap(v, report, m.gap)) return false;
  const GapModel& g = m.gap;
  const ScoreTable& table = v.eval.tables[g.table];
  const UnitScore& u = table.units[g.row];
  m.title = tr(v.lang(), Msg::kUnitTitle, v.unit_label(report));
  m.score = u.score;
  m.max_score = u.max_score;
  m.rank = u.rank;
  m.rank_of = static_cast<int>(table.units.size());
  m.peer_rank = u.peer_rank;
  m.peer_count = u.peer_count;
  m.required_met = u.required_met;
  m.required_total = u.required_total;
  m.peer_group = level_label(u.key.level, v.lang()) +
                 (u.key.year > 0 ? tr(v.lang(), Msg::kUnitPeerYear, u.key.year) : std::string());
  for (const auto& item : g.missing_required)
    m.required_missing.push_back(entry(v, m, item, false));
  std::vector<const GapItem*> lost;
  for (const auto* list : {&g.missing_required, &g.not_achieved, &g.missing_other})
    for (const auto& item : *list) lost.push_back(&item);
  std::stable_sort(lost.begin(), lost.end(),
                   [](const GapItem* a, const GapItem* b) { return a->points > b->points; });
  if (lost.size() > kUnitTopItems) lost.resize(kUnitTopItems);
  for (const GapItem* item : lost) m.top.push_back(entry(v, m, *item, true));
  for (const auto& item : g.not_achieved) m.planned.push_back(entry(v, m, item, false));
  return true;
}

std::string unit_html(const View& v, int r) {
  UnitModel m;
  if (!build_unit(v, r, m)) return "";
  const Lang lang = v.lang();
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head><body>\n<h1>{}</h1>\n",
      lang == Lang::kEn ? "en" : "zh-CN", html_escape(m.title), kUnitCss, html_escape(m.title));
  out += fmt::format("<p class=\"muted\">{}</p>\n",
                     tr(lang, Msg::kUnitAgainst, html_escape(m.gap.framework->title),
                        html_escape(v.eval.facts.date)));
  out += fmt::format(
      "<table><tbody><tr><th>{}</th><td><span class=\"score\">{}</span> / {}</td>"
      "<th>{}</th><td>{}</td></tr>\n"
      "<tr><th>{}</th><td>{} / {}</td><th>{}</th><td>{}</td>"
      "</tr></tbody></table>\n",
      msg(Msg::kGapScore, lang), format_score(m.score), format_score(m.max_score),
      tr(lang, Msg::kUnitPeerRank, html_escape(m.peer_group)),
      tr(lang, Msg::kUnitRankOf, m.peer_rank, m.peer_count), msg(Msg::kUnitRequiredMet, lang),
      m.required_met, m.required_total, msg(Msg::kUnitAmongAll, lang),
      tr(lang, Msg::kUnitRankOfShort, m.rank, m.rank_of));

  out += fmt::format("<h2>{}</h2>\n", tr(lang, Msg::kUnitSection1, m.required_missing.size()));
  if (m.required_missing.empty())
    out += fmt::format("<p>{}</p>\n", msg(Msg::kUnitAllRequired, lang));
  else {
    out += fmt::format("<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
                       msg(Msg::kUnitThRequirement, lang), msg(Msg::kThPoints, lang),
                       msg(Msg::kUnitThSituation, lang));
    for (const auto& e : m.required_missing)
      out +=
          fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                      html_escape(e.item.node->title), points(e.item.points), html_escape(e.why));
    out += "</tbody></table>\n";
  }

  out += fmt::format("<h2>{}</h2>\n", tr(lang, Msg::kUnitSection2, m.top.size()));
  if (m.top.empty()) out += fmt::format("<p>{}</p>\n", msg(Msg::kUnitNoLoss, lang));
  for (std::size_t i = 0; i < m.top.size(); ++i) {
    const UnitEntry& e = m.top[i];
    out += fmt::format(
        "<div class=\"entry\"><div class=\"t\">{}. {}{}<span class=\"muted\">{}"
        "</span></div>\n<div class=\"muted\">{}</div>\n<div>{}</div>\n",
        i + 1, html_escape(e.item.node->title),
        e.item.required ? msg(Msg::kUnitRequiredMark, lang) : "",
        tr(lang, Msg::kUnitStatePoints, state_label(e.item.state, lang), points(e.item.points)),
        tr(lang, Msg::kUnitArea, html_escape(e.area)), tr(lang, Msg::kUnitWhy, html_escape(e.why)));
    if (e.model)
      out += fmt::format("<div class=\"model\">{}</div>\n",
                         tr(lang, Msg::kUnitModel, html_escape(v.unit_label(e.model_report)),
                            html_escape(cut_text(e.model->text, kUnitQuoteChars))));
    out += "</div>\n";
  }

  out += fmt::format("<h2>{}</h2>\n", tr(lang, Msg::kUnitSection3, m.planned.size()));
  if (m.planned.empty())
    out += fmt::format("<p>{}</p>\n", msg(Msg::kGapNone, lang));
  else {
    out += fmt::format("<table><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>\n",
                       msg(Msg::kUnitThRequirement, lang), msg(Msg::kUnitThSituation, lang));
    for (const auto& e : m.planned)
      out += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", html_escape(e.item.node->title),
                         html_escape(e.why));
    out += "</tbody></table>\n";
  }
  out += fmt::format("<p class=\"muted\">{}</p>\n</body></html>\n", msg(Msg::kUnitFootnote, lang));
  return out;
}

std::string unit_markdown(const View& v, int r) {
  UnitModel m;
  if (!build_unit(v, r, m)) return "";
  const Lang lang = v.lang();
  std::string out = fmt::format("# {}\n\n{}\n\n", markdown_escape(m.title),
                                tr(lang, Msg::kUnitAgainst, markdown_escape(m.gap.framework->title),
                                   markdown_escape(v.eval.facts.date)));
  out += fmt::format(
      "| {} | {} | {} | {} |\n|---|---|---|---|\n| **{}** / {} | {} | {} / {} | {} |\n\n",
      msg(Msg::kGapScore, lang), tr(lang, Msg::kUnitPeerRank, markdown_escape(m.peer_group)),
      msg(Msg::kUnitRequiredMet, lang), msg(Msg::kUnitAmongAll, lang), format_score(m.score),
      format_score(m.max_score), tr(lang, Msg::kUnitRankOfShort, m.peer_rank, m.peer_count),
      m.required_met, m.required_total, tr(lang, Msg::kUnitRankOfShort, m.rank, m.rank_of));
  out += fmt::format("## {}\n\n", tr(lang, Msg::kUnitSection1, m.required_missing.size()));
  if (m.required_missing.empty()) out += fmt::format("{}\n\n", msg(Msg::kUnitAllRequired, lang));
  for (const auto& e : m.required_missing)
    out += fmt::format("- {}\n", tr(lang, Msg::kUnitMdMissing, markdown_escape(e.item.node->title),
                                    points(e.item.points), markdown_escape(e.why)));
  out += fmt::format("\n## {}\n\n", tr(lang, Msg::kUnitSection2, m.top.size()));
  for (std::size_t i = 0; i < m.top.size(); ++i) {
    const UnitEntry& e = m.top[i];
    out += fmt::format(
        "{}. **{}**{}{}  \n   {}  \n   {}\n", i + 1, markdown_escape(e.item.node->title),
        e.item.required ? msg(Msg::kUnitRequiredMark, lang) : "",
        tr(lang, Msg::kUnitStatePoints, state_label(e.item.state, lang), points(e.item.points)),
        tr(lang, Msg::kUnitArea, markdown_escape(e.area)),
        tr(lang, Msg::kUnitWhy, markdown_escape(e.why)));
    if (e.model)
      out += fmt::format("   > {}\n",
                         tr(lang, Msg::kUnitModel, markdown_escape(v.unit_label(e.model_report)),
                            markdown_escape(cut_text(e.model->text, kUnitQuoteChars))));
    out += "\n";
  }
  out += fmt::format("## {}\n\n", tr(lang, Msg::kUnitSection3, m.planned.size()));
  if (m.planned.empty()) out += fmt::format("{}\n", msg(Msg::kGapNone, lang));
  for (const auto& e : m.planned)
    out += fmt::format("- {}\n", tr(lang, Msg::kUnitMdPlanned, markdown_escape(e.item.node->title),
                                    markdown_escape(e.why)));
  out += fmt::format("\n{}\n", msg(Msg::kUnitFootnote, lang));
  return out;
}

}  // namespace indicheck::reports_detail

namespace indicheck {

bool parse_edition(std::string_view text, Edition& edition) {
  if (text == "audit")
    edition = Edition::kAudit;
  else if (text == "unit")
    edition = Edition::kUnit;
  else if (text == "both")
    edition = Edition::kBoth;
  else
    return false;
  return true;
}

std::string render_unit_html(const Evaluation& evaluation, std::size_t report_index) {
  if (report_index >= evaluation.reports.size()) return "";
  return reports_detail::unit_html(reports_detail::View(evaluation),
                                   static_cast<int>(report_index));
}

std::string render_unit_markdown(const Evaluation& evaluation, std::size_t report_index) {
  if (report_index >= evaluation.reports.size()) return "";
  return reports_detail::unit_markdown(reports_detail::View(evaluation),
                                       static_cast<int>(report_index));
}

}  // namespace indicheck
