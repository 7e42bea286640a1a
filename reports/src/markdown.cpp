// Markdown gap reports: the same content and order as the HTML one (both come from GapModel),
// for pasting into e-mail, wikis and issue trackers. Report text is escaped so that markup in
// a quote can neither format nor inject HTML.
#include <fmt/format.h>

#include <algorithm>

#include "gap.h"
#include "review_render.h"
#include "view.h"

namespace indicheck {

namespace {

using namespace reports_detail;

std::string quote_md(const Quote& q, Lang lang) {
  std::string terms;
  for (const auto& t : q.terms)
    terms += std::string(terms.empty() ? "" : msg(Msg::kGapListSep, lang)) + t;
  std::string out = fmt::format("> {}\n>\n> — {}{} · {} · {}", markdown_escape(q.text),
                                q.credit ? "" : msg(Msg::kMdNoCredit, lang), quote_place(q, lang),
                                q.section_path.empty() ? std::string(msg(Msg::kMdBody, lang))
                                                       : markdown_escape(q.section_path),
                                indicheck::role_label(q.role, lang));
  if (!terms.empty()) out += tr(lang, Msg::kMdTerms, markdown_escape(terms));
  if (q.gate >= 0) out += tr(lang, Msg::kMdGate, q.gate);
  for (const auto& m : q.metrics)
    out += tr(lang, Msg::kMdMetric, markdown_escape(m.name), markdown_escape(m.raw),
              markdown_escape(m.unit), m.meets ? "" : msg(Msg::kBelowThreshold, lang));
  return out + "\n\n";
}

void item_md(const View& v, int report, const GapItem& item, bool with_peer, std::string& out) {
  const Lang lang = v.lang();
  out += tr(lang, Msg::kMdItemHead, markdown_escape(item.node->id),
            markdown_escape(item.node->title), indicheck::state_label(item.state, lang),
            item.required ? msg(Msg::kMdRequired, lang) : "", item.points) +
         "\n\n";
  if (item.review) out += review_note_md(*item.review);
  if (!item.node->note.empty())
    out += std::string(msg(Msg::kGapNote, lang)) + markdown_escape(item.node->note) + "\n\n";
  if (item.evidence) {
    for (const auto& q : item.evidence->quotes) out += quote_md(q, lang);
    out += near_misses_md(*item.evidence, lang);
    out += std::string(msg(Msg::kGapVerdict, lang)) +
           markdown_escape(reason_text(item.evidence->reason, *item.node, lang)) + "\n\n";
  }
  if (item.state == ItemState::kWaived) {
    if (const Waiver* w = v.waiver_for(v.primary_table(report), report, *item.node))
      out += tr(lang, Msg::kGapWaiver, markdown_escape(w->justification),
                w->expires.empty() ? ""
                                   : tr(lang, Msg::kGapWaiverUntil, markdown_escape(w->expires))) +
             "\n\n";
  } else if (item.state == ItemState::kNotApplicable) {
    std::string levels;
    for (const auto& l : item.node->levels)
      levels += std::string(levels.empty() ? "" : msg(Msg::kGapListSep, lang)) +
                indicheck::level_label(l, lang);
    out += tr(lang, Msg::kGapNotApplicable, markdown_escape(levels)) + "\n\n";
  }
  const std::string loc = rule_location(*item.node);
  const std::string terms = rule_terms(*item.node, 12, lang);
  if (!loc.empty() || !terms.empty()) {
    out += msg(Msg::kGapRule, lang);
    if (!loc.empty()) out += " `" + loc + "`";
    if (!terms.empty()) out += std::string(msg(Msg::kGapLooksFor, lang)) + markdown_escape(terms);
    out += "\n\n";
  }
  if (with_peer) {
    if (item.peer_quote) {
      out += tr(lang, Msg::kGapPeerExample, markdown_escape(v.unit_label(item.peer))) + "\n\n";
      out += quote_md(*item.peer_quote, lang);
    } else {
      out += std::string(msg(Msg::kGapNoPeer, lang)) + "\n\n";
    }
  }
}

void section_md(const View& v, int report, Msg title, const std::vector<GapItem>& items,
                bool with_peer, std::string& out) {
  out += tr(v.lang(), Msg::kMdSection, msg(title, v.lang()), items.size()) + "\n\n";
  if (items.empty()) out += std::string(msg(Msg::kGapNone, v.lang())) + "\n\n";
  for (const auto& item : items) item_md(v, report, item, with_peer, out);
}

}  // namespace

std::string render_gap_markdown(const Evaluation& evaluation, std::size_t report_index) {
  if (report_index >= evaluation.reports.size()) return "";
  View v(evaluation);
  return reports_detail::gap_markdown(v, static_cast<int>(report_index));
}

std::string reports_detail::gap_markdown(const View& v, int r) {
  const Evaluation& evaluation = v.eval;
  GapModel gap;
  if (!build_gap(v, r, gap)) return "";
  const ReportResult& rep = *gap.result;
  const ScoreTable& table = *gap.scores;
  const UnitScore& u = *gap.unit;
  const Framework& fw = *gap.framework;

  const Lang lang = v.lang();
  std::string out = "# " + tr(lang, Msg::kGapHeading, markdown_escape(v.unit_label(r))) + "\n\n";
  out += tr(lang, Msg::kGapAgainst, markdown_escape(fw.title), markdown_escape(fw.edition)) +
         markdown_escape(rep.path) + "\n\n";
  out += fmt::format("{}\n|---|---|\n", msg(Msg::kMdTableHead, lang));
  out += fmt::format("| {} | **{}** / {} |\n", msg(Msg::kGapScore, lang), format_score(u.score),
                     format_score(u.max_score));
  out += fmt::format("| {} | {} |\n", msg(Msg::kGapRankLabel, lang),
                     tr(lang, Msg::kMdRank, u.rank, table.units.size(), u.peer_rank, u.peer_count));
  out += fmt::format("| {} | {} / {} |\n", msg(Msg::kGapRequiredCoverage, lang), u.required_met,
                     u.required_total);
  if (const auto prev = previous_year_text(v, r, u.score, u.rank); !prev.empty())
    out += fmt::format("| {} | {} |\n", msg(Msg::kMdPrevYear, lang), markdown_escape(prev));
  const auto meta_row = [&](Msg k, const Located& l) {
    if (!l.found()) return;
    out += fmt::format("| {} | {}{} |\n", msg(k, lang), markdown_escape(l.value),
                       l.line ? tr(lang, Msg::kGapAtLine, l.line) : std::string());
  };
  meta_row(Msg::kGapUnit, rep.meta.unit);
  Located level = rep.meta.level;
  level.value = indicheck::level_label(level.value, lang);
  meta_row(Msg::kGapLevel, level);
  meta_row(Msg::kGapProvince, rep.meta.province);
  meta_row(Msg::kGapYearFrom, rep.meta.year_found);
  meta_row(Msg::kGapPublished, rep.meta.published);
  meta_row(Msg::kGapDocNumber, rep.meta.doc_number);
  out += fmt::format("| {} | {} |\n", msg(Msg::kGapFileFormat, lang),
                     format_label(rep.meta.format, lang));
  out += fmt::format("\n## {}\n\n| {} | {} | {} |\n|---|---|---:|\n", msg(Msg::kGapAreas, lang),
                     msg(Msg::kGapArea, lang), msg(Msg::kGapName, lang), msg(Msg::kGapScore, lang));
  for (int a : v.areas(gap.table))
    out += fmt::format(
        "| {} | {} | {} |\n", markdown_escape(fw.nodes[a].id), markdown_escape(fw.nodes[a].title),
        format_score(a < static_cast<int>(u.node_scores.size()) ? u.node_scores[a] : -1));
  out += "\n";

  section_md(v, r, Msg::kMdSection1, gap.missing_required, true, out);
  section_md(v, r, Msg::kMdSection2, gap.not_achieved, true, out);
  section_md(v, r, Msg::kMdSection3, gap.missing_other, true, out);
  section_md(v, r, Msg::kMdSection4, gap.achieved, false, out);
  section_md(v, r, Msg::kMdSection5, gap.excluded, false, out);

  for (const auto& ref : gap.supplements) {
    const Framework* sfw = v.framework(ref.table);
    if (!sfw) continue;
    out += fmt::format("## {}\n\n| {} | {} | {} |\n|---|---|---|\n",
                       tr(lang, Msg::kGapStructure, markdown_escape(sfw->title)),
                       msg(Msg::kGapContent, lang), msg(Msg::kGapState, lang),
                       msg(Msg::kMdBasisLines, lang));
    for (std::size_t l = 0; l < sfw->leaves.size(); ++l) {
      const RuleNode& node = sfw->nodes[sfw->leaves[l]];
      const ItemEvidence* ev = v.item(r, ref.table, static_cast<int>(l));
      const Quote* q = ev ? first_credit_quote(*ev) : nullptr;
      out += fmt::format(
          "| {} {} | {} | {} |\n", markdown_escape(node.id), markdown_escape(node.title),
          indicheck::state_label(v.state(ref.table, ref.row, static_cast<int>(l)), lang),
          q ? markdown_escape(q->text) + tr(lang, Msg::kGapAtLine, q->line) : std::string());
    }
    out += "\n";
  }

  if (!gap.other_years.empty()) {
    std::vector<int> cols = gap.other_years;
    cols.push_back(r);
    std::stable_sort(cols.begin(), cols.end(), [&](int a, int b) {
      return evaluation.reports[a].meta.year < evaluation.reports[b].meta.year;
    });
    out += fmt::format("## {}\n\n| |", msg(Msg::kGapOtherYears, lang));
    for (int c : cols)
      out += fmt::format(" {} |", tr(lang, c == r ? Msg::kGapYearThis : Msg::kGapYear,
                                     evaluation.reports[c].meta.year));
    out += "\n|---|";
    for (std::size_t i = 0; i < cols.size(); ++i) out += "---:|";
    // One row per fact, one column per year; area rows where the year used the same framework.
    const auto row = [&](const std::string& label, auto&& cell) {
      out += fmt::format("\n| {} |", label);
      for (int c : cols) out += " " + cell(c) + " |";
    };
    const auto unit_row = [&](int c) -> const UnitScore* {
      const int t = v.primary_table(c);
      const int rr = t >= 0 ? v.row_of(c, t) : -1;
      return rr >= 0 ? &evaluation.tables[t].units[rr] : nullptr;
    };
    row(std::string(msg(Msg::kGapFramework, lang)), [&](int c) {
      const int t = v.primary_table(c);
      return t >= 0 ? markdown_escape(evaluation.tables[t].framework_id) : std::string();
    });
    row(std::string(msg(Msg::kGapScore, lang)), [&](int c) {
      const UnitScore* us = unit_row(c);
      return us ? format_score(us->score) : std::string();
    });
    row(std::string(msg(Msg::kGapRankLabel, lang)), [&](int c) {
      const UnitScore* us = unit_row(c);
      return us ? fmt::format("{} / {}", us->rank,
                              evaluation.tables[v.primary_table(c)].units.size())
                : std::string();
    });
    row(std::string(msg(Msg::kGapRequiredCoverage, lang)), [&](int c) {
      const UnitScore* us = unit_row(c);
      return us ? fmt::format("{} / {}", us->required_met, us->required_total) : std::string();
    });
    for (int a : v.areas(gap.table)) {
      row(markdown_escape(fw.nodes[a].id + " " + fw.nodes[a].title), [&](int c) {
        const int rr = v.row_of(c, gap.table);
        const auto& ns =
            rr >= 0 ? evaluation.tables[gap.table].units[rr].node_scores : std::vector<double>{};
        return a < static_cast<int>(ns.size()) ? format_score(ns[a])
                                               : std::string(msg(Msg::kGapOtherFramework, lang));
      });
    }
    out += "\n\n";
  }

  if (!rep.diagnostics.empty()) {
    out += fmt::format("## {}\n\n", msg(Msg::kGapReadNotes, lang));
    for (const auto& d : rep.diagnostics) out += "- " + markdown_escape(d.str()) + "\n";
    out += "\n";
  }
  out += "---\n" +
         tr(lang, Msg::kGapFooter, evaluation.facts.tool_version, evaluation.facts.rules_hash,
            evaluation.facts.date) +
         "\n";
  return out;
}

}  // namespace indicheck
