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

std::string quote_md(const Quote& q) {
  std::string terms;
  for (const auto& t : q.terms) terms += (terms.empty() ? "" : "、") + t;
  std::string out = fmt::format(
      "> {}\n>\n> — {}{} · {} · {}", markdown_escape(q.text), q.credit ? "" : "不计分 · ",
      quote_place(q), q.section_path.empty() ? "（正文）" : markdown_escape(q.section_path),
      role_label(q.role));
  if (!terms.empty()) out += " · 命中：" + markdown_escape(terms);
  if (q.gate >= 0) out += fmt::format(" · 证据门控 {:.2f}", q.gate);
  for (const auto& m : q.metrics)
    out += fmt::format(" · 数值 {}：{}{}{}", markdown_escape(m.name), markdown_escape(m.raw),
                       markdown_escape(m.unit), m.meets ? "" : "（未达标准）");
  return out + "\n\n";
}

void item_md(const View& v, int report, const GapItem& item, bool with_peer, std::string& out) {
  out += fmt::format("### {} {} — {}{}（分值 {:.2f}）\n\n", markdown_escape(item.node->id),
                     markdown_escape(item.node->title), state_label(item.state),
                     item.required ? " · 必选" : "", item.points);
  if (item.review) out += review_note_md(*item.review);
  if (!item.node->note.empty()) out += "说明：" + markdown_escape(item.node->note) + "\n\n";
  if (item.evidence) {
    for (const auto& q : item.evidence->quotes) out += quote_md(q);
    out += near_misses_md(*item.evidence);
    if (!item.evidence->reason.empty())
      out += "判定：" + markdown_escape(item.evidence->reason) + "\n\n";
  }
  if (item.state == ItemState::kWaived) {
    if (const Waiver* w = v.waiver_for(v.primary_table(report), report, *item.node))
      out +=
          fmt::format("豁免理由：{}{}\n\n", markdown_escape(w->justification),
                      w->expires.empty() ? "" : "（有效期至 " + markdown_escape(w->expires) + "）");
  } else if (item.state == ItemState::kNotApplicable) {
    std::string levels;
    for (const auto& l : item.node->levels) levels += (levels.empty() ? "" : "、") + level_label(l);
    out += "不适用：本项仅适用于 " + markdown_escape(levels) + "\n\n";
  }
  const std::string loc = rule_location(*item.node);
  const std::string terms = rule_terms(*item.node, 12);
  if (!loc.empty() || !terms.empty()) {
    out += "规则";
    if (!loc.empty()) out += " `" + loc + "`";
    if (!terms.empty()) out += " 查找：" + markdown_escape(terms);
    out += "\n\n";
  }
  if (with_peer) {
    if (item.peer_quote) {
      out += fmt::format("参考示例（{}）：\n\n", markdown_escape(v.unit_label(item.peer)));
      out += quote_md(*item.peer_quote);
    } else {
      out += "参考示例：本批次没有其他单位落实该项。\n\n";
    }
  }
}

void section_md(const View& v, int report, std::string_view title,
                const std::vector<GapItem>& items, bool with_peer, std::string& out) {
  out += fmt::format("## {}（{} 项）\n\n", title, items.size());
  if (items.empty()) out += "无。\n\n";
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
  const std::size_t report_index = static_cast<std::size_t>(r);
  const ReportResult& rep = evaluation.reports[report_index];
  const ScoreTable& table = evaluation.tables[gap.table];
  const UnitScore& u = table.units[gap.row];
  const Framework& fw = *gap.framework;

  std::string out = fmt::format("# {} 差距分析\n\n", markdown_escape(v.unit_label(r)));
  out += fmt::format("对照 {}（{}） · 报告文件 {}\n\n", markdown_escape(fw.title),
                     markdown_escape(fw.edition), markdown_escape(rep.path));
  out += "| 项目 | 值 |\n|---|---|\n";
  out += fmt::format("| 得分 | **{}** / {} |\n", format_score(u.score), format_score(u.max_score));
  out += fmt::format("| 排名 | 第 {} 名，共 {} 个单位；同级第 {} / {} |\n", u.rank,
                     table.units.size(), u.peer_rank, u.peer_count);
  out += fmt::format("| 必选项覆盖 | {} / {} |\n", u.required_met, u.required_total);
  if (const auto prev = previous_year_text(v, r, u.score, u.rank); !prev.empty())
    out += "| 与上年比较 | " + markdown_escape(prev) + " |\n";
  const auto meta_row = [&](std::string_view k, const Located& l) {
    if (!l.found()) return;
    out += fmt::format("| {} | {}{} |\n", k, markdown_escape(l.value),
                       l.line ? fmt::format("（第 {} 行）", l.line) : std::string());
  };
  meta_row("单位", rep.meta.unit);
  Located level = rep.meta.level;
  level.value = level_label(level.value);
  meta_row("层级", level);
  meta_row("省份", rep.meta.province);
  meta_row("年度依据", rep.meta.year_found);
  meta_row("发布日期", rep.meta.published);
  meta_row("文号", rep.meta.doc_number);
  out += fmt::format("| 文件格式 | {} |\n", format_label(rep.meta.format));
  out += "\n## 各领域得分\n\n| 领域 | 名称 | 得分 |\n|---|---|---:|\n";
  for (int a : v.areas(gap.table))
    out += fmt::format(
        "| {} | {} | {} |\n", markdown_escape(fw.nodes[a].id), markdown_escape(fw.nodes[a].title),
        format_score(a < static_cast<int>(u.node_scores.size()) ? u.node_scores[a] : -1));
  out += "\n";

  section_md(v, r, "一、缺失的必选指标（按分值排序）", gap.missing_required, true, out);
  section_md(v, r, "二、仅列入计划或自认不足的指标", gap.not_achieved, true, out);
  section_md(v, r, "三、缺失的其他指标（按分值排序）", gap.missing_other, true, out);
  section_md(v, r, "四、已落实和部分落实的指标", gap.achieved, false, out);
  section_md(v, r, "五、豁免与不适用", gap.excluded, false, out);

  for (const auto& ref : gap.supplements) {
    const Framework* sfw = v.framework(ref.table);
    if (!sfw) continue;
    out += fmt::format("## 报告结构：{}\n\n| 内容 | 状态 | 依据（行） |\n|---|---|---|\n",
                       markdown_escape(sfw->title));
    for (std::size_t l = 0; l < sfw->leaves.size(); ++l) {
      const RuleNode& node = sfw->nodes[sfw->leaves[l]];
      const ItemEvidence* ev = v.item(r, ref.table, static_cast<int>(l));
      const Quote* q = ev ? first_credit_quote(*ev) : nullptr;
      out += fmt::format(
          "| {} {} | {} | {} |\n", markdown_escape(node.id), markdown_escape(node.title),
          state_label(v.state(ref.table, ref.row, static_cast<int>(l))),
          q ? fmt::format("{}（第 {} 行）", markdown_escape(q->text), q->line) : std::string());
    }
    out += "\n";
  }

  if (!gap.other_years.empty()) {
    std::vector<int> cols = gap.other_years;
    cols.push_back(r);
    std::stable_sort(cols.begin(), cols.end(), [&](int a, int b) {
      return evaluation.reports[a].meta.year < evaluation.reports[b].meta.year;
    });
    out += "## 本单位其他年度对比\n\n| |";
    for (int c : cols)
      out += fmt::format(" {}年{} |", evaluation.reports[c].meta.year, c == r ? "（本报告）" : "");
    out += "\n|---|";
    for (std::size_t i = 0; i < cols.size(); ++i) out += "---:|";
    // One row per fact, one column per year; area rows where the year used the same framework.
    const auto row = [&](std::string_view label, auto&& cell) {
      out += fmt::format("\n| {} |", label);
      for (int c : cols) out += " " + cell(c) + " |";
    };
    const auto unit_row = [&](int c) -> const UnitScore* {
      const int t = v.primary_table(c);
      const int rr = t >= 0 ? v.row_of(c, t) : -1;
      return rr >= 0 ? &evaluation.tables[t].units[rr] : nullptr;
    };
    row("框架", [&](int c) {
      const int t = v.primary_table(c);
      return t >= 0 ? markdown_escape(evaluation.tables[t].framework_id) : std::string();
    });
    row("得分", [&](int c) {
      const UnitScore* us = unit_row(c);
      return us ? format_score(us->score) : std::string();
    });
    row("排名", [&](int c) {
      const UnitScore* us = unit_row(c);
      return us ? fmt::format("{} / {}", us->rank,
                              evaluation.tables[v.primary_table(c)].units.size())
                : std::string();
    });
    row("必选项覆盖", [&](int c) {
      const UnitScore* us = unit_row(c);
      return us ? fmt::format("{} / {}", us->required_met, us->required_total) : std::string();
    });
    for (int a : v.areas(gap.table)) {
      row(markdown_escape(fw.nodes[a].id + " " + fw.nodes[a].title), [&](int c) {
        const int rr = v.row_of(c, gap.table);
        const auto& ns =
            rr >= 0 ? evaluation.tables[gap.table].units[rr].node_scores : std::vector<double>{};
        return a < static_cast<int>(ns.size()) ? format_score(ns[a]) : std::string("（框架不同）");
      });
    }
    out += "\n\n";
  }

  if (!rep.diagnostics.empty()) {
    out += "## 读取提示\n\n";
    for (const auto& d : rep.diagnostics) out += "- " + markdown_escape(d.str()) + "\n";
    out += "\n";
  }
  out += fmt::format("---\nindicheck {} · 规则哈希 {} · {}\n", evaluation.facts.tool_version,
                     evaluation.facts.rules_hash, evaluation.facts.date);
  return out;
}

}  // namespace indicheck
