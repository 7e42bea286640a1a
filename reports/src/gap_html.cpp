// The 审核版 gap report (gaps/<stem>.html): the full trail for the auditor. Items that need
// attention are open, met and excluded items are collapsed (<details>); a filter by state and
// buttons to open or close every item (a few lines of inline script, no library); a legend of
// every badge, 分值 and 部分落实. Shares the page frame and badges with index.html (html_parts.h).
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "gap.h"
#include "html_parts.h"
#include "review_render.h"
#include "view.h"

namespace indicheck {

using namespace reports_detail;

namespace {

std::string rule_html(const RuleNode& node, Lang lang) {
  std::string out;
  const std::string loc = rule_location(node);
  const std::string terms = rule_terms(node, 12, lang);
  if (!loc.empty() || !terms.empty()) {
    out += fmt::format("<div class=\"loc\">{}", msg(Msg::kGapRule, lang));
    if (!loc.empty()) out += " <code>" + html_escape(loc) + "</code>";
    if (!terms.empty())
      out += fmt::format("{}{}", msg(Msg::kGapLooksFor, lang), html_escape(terms));
    out += "</div>\n";
  }
  return out;
}

std::string item_head(const GapItem& item, Lang lang) {
  return fmt::format(
      "<h4>{} {} {} {} <span class=\"loc\">{}</span></h4>", badge(item.state, lang),
      html_escape(item.node->id), html_escape(item.node->title),
      item.required ? fmt::format("<span class=\"req\">{}</span>", msg(Msg::kGapRequired, lang))
                    : std::string(),
      tr(lang, Msg::kGapPoints, item.points));
}

// Items that need the auditor's attention are open; met, waived and not applicable ones closed.
bool opens(ItemState s) {
  return s != ItemState::kMet && s != ItemState::kWaived && s != ItemState::kNotApplicable;
}

void item_html(const View& v, int report, const GapItem& item, bool with_peer, std::string& out) {
  const Lang lang = v.lang();
  out +=
      fmt::format("<details class=\"item\" data-state=\"{}\"{}>\n<summary>{}</summary>\n",
                  state_name(item.state), opens(item.state) ? " open" : "", item_head(item, lang));
  if (item.review) out += review_note_html(*item.review);
  if (!item.node->note.empty())
    out += fmt::format("<div class=\"note\">{}{}</div>\n", msg(Msg::kGapNote, lang),
                       html_escape(item.node->note));
  if (item.evidence) {
    for (const auto& q : item.evidence->quotes) out += quote_html(q);
    out += near_misses_html(*item.evidence);
    out += fmt::format("<div class=\"loc\">{}{}</div>\n", msg(Msg::kGapVerdict, lang),
                       html_escape(reason_text(item.evidence->reason, *item.node, lang)));
  }
  if (item.state == ItemState::kWaived) {
    if (const Waiver* w = v.waiver_for(v.primary_table(report), report, *item.node))
      out += fmt::format(
          "<div class=\"note\">{}</div>\n",
          tr(lang, Msg::kGapWaiver, html_escape(w->justification),
             w->expires.empty() ? "" : tr(lang, Msg::kGapWaiverUntil, html_escape(w->expires))));
  } else if (item.state == ItemState::kNotApplicable) {
    std::string levels;
    for (const auto& l : item.node->levels)
      levels +=
          std::string(levels.empty() ? "" : msg(Msg::kGapListSep, lang)) + level_label(l, lang);
    out += fmt::format("<div class=\"note\">{}</div>\n",
                       tr(lang, Msg::kGapNotApplicable, html_escape(levels)));
  }
  out += rule_html(*item.node, lang);
  if (with_peer) {
    if (item.peer_quote) {
      out += fmt::format("<div class=\"note\">{}</div>\n",
                         tr(lang, Msg::kGapPeerExample, html_escape(v.unit_label(item.peer))));
      out += quote_html(*item.peer_quote, true);
    } else {
      out += fmt::format("<div class=\"note\">{}</div>\n", msg(Msg::kGapNoPeer, lang));
    }
  }
  out += "</details>\n";
}

}  // namespace

namespace {

// The filter and the open/close buttons: every item carries its state in data-state.
constexpr std::string_view kFilterJs = R"js(
(function () {
  var bar = document.getElementById('filter');
  if (!bar) return;
  function apply() {
    var on = {};
    bar.querySelectorAll('input').forEach(function (i) { on[i.value] = i.checked; });
    document.querySelectorAll('.item[data-state]').forEach(function (e) {
      e.hidden = !on[e.getAttribute('data-state')];
    });
  }
  bar.addEventListener('change', apply);
  bar.querySelectorAll('button').forEach(function (b) {
    b.addEventListener('click', function () {
      var open = b.getAttribute('data-open') === '1';
      document.querySelectorAll('details.item').forEach(function (d) { d.open = open; });
    });
  });
})();
)js";

// 阅读说明 (every badge, 分值, 部分落实, quotes marked 不计分, 参考示例, 人工复核) and the filter
// by state with the number of items in each.
void legend_and_filter_html(const View& v, const GapModel& gap, double partial_credit,
                            std::string& out) {
  const Lang lang = v.lang();
  constexpr std::array<std::pair<ItemState, Msg>, 7> kStates = {{
      {ItemState::kMissing, Msg::kLegendMissing},
      {ItemState::kPartial, Msg::kLegendPartial},
      {ItemState::kPlanned, Msg::kLegendPlanned},
      {ItemState::kAcknowledged, Msg::kLegendAcknowledged},
      {ItemState::kMet, Msg::kLegendMet},
      {ItemState::kWaived, Msg::kLegendWaived},
      {ItemState::kNotApplicable, Msg::kLegendNotApplicable},
  }};
  std::array<int, 7> count{};
  for (const auto* list :
       {&gap.missing_required, &gap.not_achieved, &gap.missing_other, &gap.achieved, &gap.excluded})
    for (const auto& item : *list)
      for (std::size_t i = 0; i < kStates.size(); ++i) count[i] += kStates[i].first == item.state;
  out += fmt::format("<details class=\"legend\" open><summary>{}</summary>\n<dl>\n",
                     msg(Msg::kLegendTitle, lang));
  for (const auto& [state, text] : kStates)
    out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", badge(state, lang),
                       html_escape(tr(lang, text, fmt::format("{:g}", partial_credit))));
  const auto row = [&](const std::string& term, Msg text) {
    out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", term, html_escape(msg(text, lang)));
  };
  row(fmt::format("<span class=\"req\">{}</span>", msg(Msg::kGapRequired, lang)),
      Msg::kLegendRequired);
  row("<span class=\"loc\">分值</span>", Msg::kLegendPoints);
  row("<span class=\"loc\">不计分</span>", Msg::kLegendContext);
  row("<span class=\"note\">参考示例</span>", Msg::kLegendPeer);
  if (!v.eval.facts.review_path.empty())
    row("<span class=\"review\">复核</span>", Msg::kLegendReview);
  out += "</dl>\n</details>\n";
  out +=
      fmt::format("<div id=\"filter\" class=\"filter noprint\">{}", msg(Msg::kFilterLabel, lang));
  for (std::size_t i = 0; i < kStates.size(); ++i) {
    if (count[i] == 0) continue;
    out += fmt::format("<label><input type=\"checkbox\" value=\"{}\" checked> {} {}</label>",
                       state_name(kStates[i].first), badge(kStates[i].first, lang), count[i]);
  }
  out += fmt::format(
      " <button type=\"button\" data-open=\"1\">{}</button>"
      "<button type=\"button\" data-open=\"0\">{}</button></div>\n",
      msg(Msg::kFilterOpenAll, lang), msg(Msg::kFilterCloseAll, lang));
}

// The unit's other years side by side with this report: framework, score, rank, required
// coverage and, where scored against the same framework, area scores.
void other_years_html(const View& v, int r, const GapModel& gap, std::string& out) {
  if (gap.other_years.empty()) return;
  const Lang lang = v.lang();
  const Evaluation& evaluation = v.eval;
  const Framework& fw = *gap.framework;
  std::vector<int> cols = gap.other_years;
  cols.push_back(r);
  std::stable_sort(cols.begin(), cols.end(), [&](int a, int b) {
    return evaluation.reports[a].meta.year < evaluation.reports[b].meta.year;
  });
  out += fmt::format("<h2>{}</h2>\n<table><thead><tr><th></th>", msg(Msg::kGapOtherYears, lang));
  for (int c : cols)
    out += fmt::format("<th>{}</th>",
                       c == r ? fmt::format("<b>{}</b>", tr(lang, Msg::kGapYearThis,
                                                            evaluation.reports[c].meta.year))
                       : v.gap_stem(c).empty()  // no gap report written for it
                           ? tr(lang, Msg::kGapYear, evaluation.reports[c].meta.year)
                           : fmt::format("<a href=\"{}.html\">{}</a>", html_escape(v.gap_stem(c)),
                                         tr(lang, Msg::kGapYear, evaluation.reports[c].meta.year)));
  out += "</tr></thead><tbody>\n";
  const auto cell_row = [&](std::string_view label, auto&& cell) {
    out += fmt::format("<tr><td>{}</td>", label);
    for (int c : cols) out += cell(c);
    out += "</tr>\n";
  };
  cell_row(msg(Msg::kGapFramework, lang), [&](int c) {
    const int t = v.primary_table(c);
    return fmt::format("<td>{}</td>", t >= 0 ? html_escape(evaluation.tables[t].framework_id) : "");
  });
  cell_row(msg(Msg::kGapScore, lang), [&](int c) {
    const int t = v.primary_table(c);
    const int row = t >= 0 ? v.row_of(c, t) : -1;
    return row >= 0 ? num_cell(evaluation.tables[t].units[row].score) : std::string("<td></td>");
  });
  cell_row(msg(Msg::kGapRankLabel, lang), [&](int c) {
    const int t = v.primary_table(c);
    const int row = t >= 0 ? v.row_of(c, t) : -1;
    return row >= 0
               ? fmt::format("<td class=\"num\">{} / {}</td>", evaluation.tables[t].units[row].rank,
                             evaluation.tables[t].units.size())
               : std::string("<td></td>");
  });
  cell_row(msg(Msg::kGapRequiredCoverage, lang), [&](int c) {
    const int t = v.primary_table(c);
    const int row = t >= 0 ? v.row_of(c, t) : -1;
    return row >= 0 ? fmt::format("<td class=\"num\">{} / {}</td>",
                                  evaluation.tables[t].units[row].required_met,
                                  evaluation.tables[t].units[row].required_total)
                    : std::string("<td></td>");
  });
  // Area scores, where the year was scored against the same framework.
  for (int a : v.areas(gap.table)) {
    out += fmt::format("<tr><td>{} {}</td>", html_escape(fw.nodes[a].id),
                       html_escape(fw.nodes[a].title));
    for (int c : cols) {
      const int row = v.row_of(c, gap.table);
      const auto& ns =
          row >= 0 ? evaluation.tables[gap.table].units[row].node_scores : std::vector<double>{};
      out += a < static_cast<int>(ns.size())
                 ? num_cell(ns[a])
                 : fmt::format("<td class=\"note\">{}</td>", msg(Msg::kGapOtherFramework, lang));
    }
    out += "</tr>\n";
  }
  out += "</tbody></table>\n";
}

}  // namespace

std::string render_gap_html(const Evaluation& evaluation, std::size_t report_index) {
  if (report_index >= evaluation.reports.size()) return "";
  View v(evaluation);
  return reports_detail::gap_html(v, static_cast<int>(report_index));
}

std::string reports_detail::gap_html(const View& v, int r) {
  const Evaluation& evaluation = v.eval;
  GapModel gap;
  if (!build_gap(v, r, gap)) return "";
  const ReportResult& rep = *gap.result;
  const ScoreTable& table = *gap.scores;
  const UnitScore& u = *gap.unit;
  const Framework& fw = *gap.framework;

  const Lang lang = v.lang();
  std::string out = page_start(tr(lang, Msg::kGapTitle, v.unit_label(r)), lang);
  out += fmt::format("<p class=\"noprint\"><a href=\"../index.html\">{}</a></p>\n",
                     msg(Msg::kGapBack, lang));
  out += fmt::format("<h1>{}</h1>\n", tr(lang, Msg::kGapHeading, html_escape(v.unit_label(r))));
  out += fmt::format("<p class=\"sub\">{}<code>{}</code></p>\n",
                     tr(lang, Msg::kGapAgainst, html_escape(fw.title), html_escape(fw.edition)),
                     html_escape(rep.path));

  out += "<table class=\"facts summary\"><tbody>\n";
  out += fmt::format("<tr><td>{}</td><td><b>{}</b> / {}</td></tr>\n", msg(Msg::kGapScore, lang),
                     format_score(u.score), format_score(u.max_score));
  out += fmt::format(
      "<tr><td>{}</td><td>{}</td></tr>\n", msg(Msg::kGapRankLabel, lang),
      tr(lang, Msg::kGapRank, u.rank, table.units.size(),
         html_escape(level_label(u.key.level, lang)), u.key.year, u.peer_rank, u.peer_count));
  out += fmt::format("<tr><td>{}</td><td>{} / {}</td></tr>\n", msg(Msg::kGapRequiredCoverage, lang),
                     u.required_met, u.required_total);
  out += previous_year_row_html(v, r, u);
  const auto meta_row = [&](Msg k, const Located& l) {
    if (!l.found()) return;
    out += fmt::format(
        "<tr><td>{}</td><td>{}{}</td></tr>\n", msg(k, lang), html_escape(l.value),
        l.line ? fmt::format(" <span class=\"loc\">{}</span>", tr(lang, Msg::kGapAtLine, l.line))
               : std::string());
  };
  meta_row(Msg::kGapUnit, rep.meta.unit);
  Located level = rep.meta.level;
  level.value = level_label(level.value, lang);
  meta_row(Msg::kGapLevel, level);
  meta_row(Msg::kGapProvince, rep.meta.province);
  meta_row(Msg::kGapYearFrom, rep.meta.year_found);
  meta_row(Msg::kGapPublished, rep.meta.published);
  meta_row(Msg::kGapDocNumber, rep.meta.doc_number);
  out += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", msg(Msg::kGapFileFormat, lang),
                     format_label(rep.meta.format, lang));
  if (!rep.meta.encoding.empty())
    out += fmt::format("<tr><td>{}</td><td>{}{}</td></tr>\n", msg(Msg::kGapEncoding, lang),
                       html_escape(rep.meta.encoding),
                       rep.meta.traditional ? msg(Msg::kGapTraditional, lang) : "");
  out += "</tbody></table>\n";

  // Area scores.
  out += fmt::format(
      "<h2>{}</h2>\n<table><thead><tr><th>{}</th><th>{}</th>"
      "<th class=\"num\">{}</th></tr></thead><tbody>\n",
      msg(Msg::kGapAreas, lang), msg(Msg::kGapArea, lang), msg(Msg::kGapName, lang),
      msg(Msg::kGapScore, lang));
  for (int a : v.areas(gap.table))
    out +=
        fmt::format("<tr><td>{}</td><td>{}</td>{}</tr>\n", html_escape(fw.nodes[a].id),
                    html_escape(fw.nodes[a].title),
                    num_cell(a < static_cast<int>(u.node_scores.size()) ? u.node_scores[a] : -1));
  out += "</tbody></table>\n";

  legend_and_filter_html(v, gap, table.partial_credit, out);

  const std::string none = fmt::format("<p>{}</p>\n", msg(Msg::kGapNone, lang));
  out += fmt::format("<h2>{}</h2>\n", tr(lang, Msg::kGapSection1, gap.missing_required.size()));
  if (gap.missing_required.empty()) out += none;
  for (const auto& item : gap.missing_required) item_html(v, r, item, true, out);

  out += fmt::format("<h2>{}</h2>\n", tr(lang, Msg::kGapSection2, gap.not_achieved.size()));
  if (gap.not_achieved.empty()) out += none;
  for (const auto& item : gap.not_achieved) item_html(v, r, item, true, out);

  out += fmt::format("<h2>{}</h2>\n", tr(lang, Msg::kGapSection3, gap.missing_other.size()));
  if (gap.missing_other.empty()) out += none;
  for (const auto& item : gap.missing_other) item_html(v, r, item, true, out);

  out += fmt::format("<h2>{}</h2>\n", tr(lang, Msg::kGapSection4, gap.achieved.size()));
  if (gap.achieved.empty()) out += none;
  for (const auto& item : gap.achieved) item_html(v, r, item, false, out);

  out += fmt::format("<h2>{}</h2>\n", tr(lang, Msg::kGapSection5, gap.excluded.size()));
  if (gap.excluded.empty()) out += none;
  for (const auto& item : gap.excluded) item_html(v, r, item, false, out);

  for (const auto& ref : gap.supplements) {
    const Framework* sfw = v.framework(ref.table);
    if (!sfw) continue;
    out += fmt::format(
        "<h2>{}</h2>\n<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
        tr(lang, Msg::kGapStructure, html_escape(sfw->title)), msg(Msg::kGapContent, lang),
        msg(Msg::kGapState, lang), msg(Msg::kGapBasis, lang));
    for (std::size_t l = 0; l < sfw->leaves.size(); ++l) {
      const RuleNode& node = sfw->nodes[sfw->leaves[l]];
      const ItemEvidence* ev = v.item(r, ref.table, static_cast<int>(l));
      const Quote* q = ev ? first_credit_quote(*ev) : nullptr;
      out += fmt::format("<tr><td>{} {}</td><td>{}</td><td>{}</td></tr>\n", html_escape(node.id),
                         html_escape(node.title),
                         structure_badge(v.state(ref.table, ref.row, static_cast<int>(l)),
                                         v.leaf_required(ref.table, static_cast<int>(l)), lang),
                         q ? quote_html(*q) : std::string());
    }
    out += "</tbody></table>\n";
  }

  other_years_html(v, r, gap, out);

  if (!rep.diagnostics.empty()) {
    out += fmt::format("<h2>{}</h2>\n<ul>\n", msg(Msg::kGapReadNotes, lang));
    for (const auto& d : rep.diagnostics)
      out += "<li><code>" + html_escape(d.str()) + "</code></li>\n";
    out += "</ul>\n";
  }
  out +=
      fmt::format("<p class=\"loc\">{}</p>\n",
                  tr(lang, Msg::kGapFooter, html_escape(evaluation.facts.tool_version),
                     html_escape(evaluation.facts.rules_hash), html_escape(evaluation.facts.date)));
  out += fmt::format("<script>{}</script>\n", kFilterJs);
  out += page_end(false);
  return out;
}

}  // namespace indicheck
