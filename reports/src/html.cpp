// index.html and the HTML gap reports. Each page is one self-contained file: inline CSS, a few
// lines of inline JS (table sorting), inline SVG; no network, no fonts to fetch. Every string
// that comes from a report, a rule file or a path goes through html_escape().
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "explorer.h"
#include "gap.h"
#include "html_parts.h"
#include "index_unknown.h"
#include "review_render.h"
#include "view.h"

namespace indicheck {

namespace {

using namespace reports_detail;

constexpr std::string_view kCss = R"css(
:root{--muted:#57606a;--line:#d0d7de;--head:#f6f8fa}
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:24px auto;
 padding:0 24px;color:#1f2328;line-height:1.55;max-width:1320px;font-size:15px}
h1{font-size:1.6em;margin:0 0 4px} h2{font-size:1.3em;margin-top:32px;border-bottom:1px solid var(--line)}
h3{font-size:1.1em;margin-top:22px}
.sub{color:var(--muted);margin:0 0 16px}
table{border-collapse:collapse;margin:8px 0 20px}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--head);font-weight:600}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th[aria-sort=ascending]::after{content:" ▲"}
table.sortable th[aria-sort=descending]::after{content:" ▼"}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.state{display:inline-block;padding:0 6px;border-radius:3px;font-size:90%;white-space:nowrap}
.s-met{background:#dafbe1;color:#116329}.s-partial{background:#fff8c5;color:#7d4e00}
.s-acknowledged{background:#fbefff;color:#6e40c9}.s-planned{background:#ddf4ff;color:#0a3069}
.s-missing{background:#ffebe9;color:#82071e;font-weight:600}
.s-optional{background:#f6f8fa;color:#57606a}
.tabbar{margin:8px 0 0}.tabbar button{font:inherit;padding:4px 12px;border:1px solid var(--line);
 background:#f6f8fa;cursor:pointer;border-radius:4px 4px 0 0;margin-right:2px}
.tabbar button.on{background:#fff;border-bottom-color:#fff;font-weight:600}
.tabpanel{border-top:1px solid var(--line);padding-top:2px}
ul.files li{margin:2px 0}table.files td{white-space:nowrap}
.s-not-applicable,.s-waived{background:#eaeef2;color:var(--muted)}
.req{color:#82071e;font-weight:600;font-size:85%}
blockquote{margin:6px 0;padding:4px 10px;border-left:3px solid var(--line);background:var(--head)}
blockquote.peer{border-left-color:#54aeff}
blockquote.context{background:#fff;border-left-style:dashed;color:var(--muted)}
.review{color:#0b4f8a;font-weight:600}.review.stale,tr.stale td{background:#fff3cd}
.loc,.note{color:var(--muted);font-size:85%}
.item{margin:10px 0 14px;padding-bottom:6px;border-bottom:1px dashed var(--line)}
.item h4{margin:0;font-size:1em}
.error{color:#82071e}
.facts td:first-child{white-space:nowrap;color:var(--muted)}
table.structure td:first-child,table.ranking td:nth-child(2){white-space:nowrap}
nav a{margin-right:14px}
td.unit{white-space:nowrap}
details.item>summary{cursor:pointer}details.item>summary h4{display:inline}
.legend{margin:12px 0;font-size:90%}.legend summary{cursor:pointer;font-weight:600}
.legend dl{display:grid;grid-template-columns:max-content 1fr;gap:3px 10px;margin:6px 0}
.legend dd{margin:0}.filter{margin:10px 0;font-size:90%}.filter label{margin-right:8px}
.filter button{margin-left:6px}[hidden]{display:none!important}
svg text{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif}
@media print{@page{size:A4 landscape;margin:12mm}.tabs .tabpanel[hidden]{display:block!important}
 body{margin:0;padding:0;max-width:none;font-size:10pt}nav,.noprint{display:none}
 svg.heatmap{max-width:100%;height:auto}table{max-width:100%}
 a{color:inherit;text-decoration:none}tr,blockquote,.item{page-break-inside:avoid}
 h2{page-break-after:avoid}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
)css";

// Sorting by clicking a header: numbers numerically (data-v holds the sort key), text with the
// Chinese collation. No library, no network.
constexpr std::string_view kSortJs = R"js(
document.querySelectorAll('table.sortable').forEach(function (table) {
  var heads = table.tHead ? table.tHead.rows[0].cells : [];
  Array.prototype.forEach.call(heads, function (th, col) {
    th.addEventListener('click', function () {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      function key(row) {
        var cell = row.cells[col];
        var v = cell ? (cell.getAttribute('data-v') || cell.textContent) : '';
        return v.trim();
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
        var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, 'zh');
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
)js";

}  // namespace

namespace reports_detail {

// Tabs: each .tabs block shows the panel of the button pressed (the first at load); without
// script, and in print, every panel shows.
constexpr std::string_view kTabsJs = R"js(
document.querySelectorAll('.tabs').forEach(function (tabs) {
  var buttons = tabs.querySelectorAll('.tabbar button');
  function show(name) {
    buttons.forEach(function (b) {
      var on = b.getAttribute('data-tab') === name;
      b.className = on ? 'on' : '';
      document.getElementById('tab-' + b.getAttribute('data-tab')).hidden = !on;
    });
  }
  buttons.forEach(function (b) {
    b.addEventListener('click', function () { show(b.getAttribute('data-tab')); });
  });
  if (buttons.length) show(buttons[0].getAttribute('data-tab'));
});
)js";

std::string page_start(std::string_view title, Lang lang) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
      lang == Lang::kEn ? "en" : "zh-CN", html_escape(title), kCss);
}

std::string page_end(bool sortable) {
  std::string out;
  if (sortable) out += fmt::format("<script>{}{}</script>\n", kSortJs, kTabsJs);
  out += "</body>\n</html>\n";
  return out;
}

std::string badge(ItemState s, Lang lang) {
  return fmt::format("<span class=\"state s-{0}\" title=\"{0}\">{1}</span>", state_name(s),
                     indicheck::state_label(s, lang));
}

std::string structure_badge(ItemState s, bool required, Lang lang) {
  // A content the rules never require (the 5th, 其他需要报告的情况) is no failure when absent.
  if (!required && s == ItemState::kMissing)
    return fmt::format("<span class=\"state s-optional\" title=\"optional\">{}</span>",
                       msg(Msg::kStructureOptional, lang));
  return badge(s, lang);
}

std::string num_cell(double score, int digits) {
  if (score < 0 || !std::isfinite(score)) return "<td class=\"num\" data-v=\"-1\">—</td>";
  return fmt::format("<td class=\"num\" data-v=\"{:.4f}\">{:.{}f}</td>", score, score, digits);
}

std::string quote_html(const Quote& q, bool peer) {
  std::string terms;
  for (const auto& t : q.terms) terms += (terms.empty() ? "" : "、") + t;
  std::string metrics;
  for (const auto& m : q.metrics)
    metrics +=
        fmt::format(" · 数值 {}：{}{}{}", m.name, m.raw, m.unit, m.meets ? "" : "（未达标准）");
  // A quote outside the window that earned the state (e.g. the same measure in the plans part)
  // is context, not evidence: shown lighter and labelled so.
  return fmt::format("<blockquote{}>{}<div class=\"loc\">{}{} · {} · {}{}{}{}</div></blockquote>\n",
                     peer       ? " class=\"peer\""
                     : q.credit ? ""
                                : " class=\"context\"",
                     html_escape(q.text), q.credit || peer ? "" : "不计分 · ", quote_place(q),
                     q.section_path.empty() ? "（正文）" : html_escape(q.section_path),
                     html_escape(role_label(q.role)),
                     terms.empty() ? "" : " · 命中：" + html_escape(terms), html_escape(metrics),
                     q.gate < 0 ? std::string() : fmt::format(" · 证据门控 {:.2f}", q.gate));
}

}  // namespace reports_detail

namespace {

// Score → heat colour, red (0) through yellow to green (100); grey when nothing was scored.
std::string heat_colour(double score) {
  if (score < 0 || !std::isfinite(score)) return "#eaeef2";
  const double s = std::clamp(score, 0.0, 100.0);
  return fmt::format("hsl({:.0f},75%,{:.0f}%)", s * 1.2, 82 - s * 0.1);
}

std::string gap_link(const View& v, int report, std::string_view prefix) {
  const std::string stem = v.gap_stem(report);
  if (stem.empty()) return html_escape(v.unit_name(report));
  return fmt::format("<a href=\"{}{}.html\">{}</a>", prefix, html_escape(stem),
                     html_escape(v.unit_name(report)));
}

// ---------- index.html ----------

void ranking_section(const View& v, int t, std::string& out) {
  const ScoreTable& table = v.eval.tables[t];
  const Framework* fw = v.framework(t);
  const auto areas = v.areas(t);
  out += fmt::format(
      "<h3 id=\"rank-{0}\">全部单位排名</h3>\n<p class=\"note\">点击表头排序。得分为 {1} "
      "模型（满分见“满分”列）；同级排名按相同层级与年度比较。</p>\n",
      html_escape(table.framework_id), html_escape(v.eval.facts.model));
  out +=
      "<table class=\"sortable ranking\">\n<thead><tr><th class=\"num\">排名</th><th>单位</th>"
      "<th class=\"num\">年度</th><th>层级</th><th class=\"num\">得分</th>"
      "<th class=\"num\">满分</th><th class=\"num\">同级排名</th>"
      "<th class=\"num\">必选项覆盖</th>";
  for (int a : areas)
    out += fmt::format("<th class=\"num\" title=\"{}\">{}</th>", html_escape(fw->nodes[a].title),
                       html_escape(fw->nodes[a].id));
  out += "</tr></thead>\n<tbody>\n";
  for (int row : v.rows_by_rank(t)) {
    const UnitScore& u = table.units[row];
    const int r = v.report_of(t, row);
    out += fmt::format(
        "<tr><td class=\"num\" data-v=\"{0}\">{0}</td><td>{1}</td>", u.rank,
        r >= 0 ? gap_link(v, r, "gaps/") + unit_marks_html(v, r) : html_escape(u.key.unit));
    out += fmt::format("<td class=\"num\">{}</td><td>{}</td>",
                       u.key.year > 0 ? std::to_string(u.key.year) : "",
                       html_escape(level_label(u.key.level)));
    out += num_cell(u.score) + num_cell(u.max_score, 0);
    out +=
        fmt::format("<td class=\"num\" data-v=\"{0}\">{0} / {1}</td>", u.peer_rank, u.peer_count);
    const double cov = u.required_total > 0 ? 100.0 * u.required_met / u.required_total : -1;
    out += fmt::format("<td class=\"num\" data-v=\"{:.4f}\">{} / {}</td>", cov, u.required_met,
                       u.required_total);
    for (int a : areas)
      out += num_cell(a < static_cast<int>(u.node_scores.size()) ? u.node_scores[a] : -1);
    out += "</tr>\n";
  }
  out += "</tbody></table>\n<p class=\"note\">领域：";
  for (std::size_t i = 0; i < areas.size(); ++i)
    out += fmt::format("{}<b>{}</b> {}", i ? "；" : "", html_escape(fw->nodes[areas[i]].id),
                       html_escape(fw->nodes[areas[i]].title));
  out += "</p>\n";
}

void heatmap_section(const View& v, int t, std::string& out) {
  const ScoreTable& table = v.eval.tables[t];
  const Framework* fw = v.framework(t);
  const auto areas = v.areas(t);
  auto rows = v.rows_by_rank(t);
  if (areas.empty() || rows.empty()) return;
  // Beyond a few hundred rows a heatmap is a smear: show the top and the bottom of the ranking
  // (the full table is above) and say how many are left out.
  constexpr std::size_t kHeatmapEnds = 100;
  std::size_t omitted = 0;
  if (rows.size() > 2 * kHeatmapEnds) {
    omitted = rows.size() - 2 * kHeatmapEnds;
    rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(kHeatmapEnds),
               rows.end() - static_cast<std::ptrdiff_t>(kHeatmapEnds));
  }
  constexpr int kCellW = 62, kCellH = 26, kTop = 30;
  // As wide as the longest unit label, so a long name is never clipped.
  const int kLabel = heatmap_label_width(v, t, rows);
  const int width = kLabel + kCellW * static_cast<int>(areas.size()) + 10;
  const int height = kTop + kCellH * static_cast<int>(rows.size()) + 34;
  out += "<h3>单位 × 领域 热力图</h3>\n";
  if (omitted)
    out += fmt::format(
        "<p class=\"note\">按排名显示前 {0} 名和后 {0} 名；中间 {1} 个单位见上方排名表。"
        "</p>\n",
        kHeatmapEnds, omitted);
  out += fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heatmap\" width=\"{0}\" "
      "height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
      "aria-label=\"单位与领域得分热力图\">\n",
      width, height);
  for (std::size_t c = 0; c < areas.size(); ++c) {
    const RuleNode& area = fw->nodes[areas[c]];
    out += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"13\" text-anchor=\"middle\">{}"
        "<title>{}</title></text>\n",
        kLabel + kCellW * static_cast<int>(c) + kCellW / 2, kTop - 10, html_escape(area.id),
        html_escape(area.title));
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const UnitScore& u = table.units[rows[i]];
    const int r = v.report_of(t, rows[i]);
    const int y = kTop + kCellH * static_cast<int>(i);
    const std::string name = r >= 0 ? v.unit_label(r) : u.key.unit;
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"13\" text-anchor=\"end\">{}</text>\n",
                       kLabel - 8, y + kCellH / 2 + 5, html_escape(name));
    for (std::size_t c = 0; c < areas.size(); ++c) {
      const int a = areas[c];
      const double s = a < static_cast<int>(u.node_scores.size()) ? u.node_scores[a] : -1;
      const int x = kLabel + kCellW * static_cast<int>(c);
      out += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" "
          "stroke=\"#fff\"><title>{} · {}：{}</title></rect>"
          "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{}</text>\n",
          x, y, kCellW, kCellH, heat_colour(s), html_escape(name), html_escape(fw->nodes[a].title),
          format_score(s), x + kCellW / 2, y + kCellH / 2 + 4, format_score(s));
    }
  }
  // Legend.
  const int ly = kTop + kCellH * static_cast<int>(rows.size()) + 12;
  for (int k = 0; k <= 4; ++k) {
    const double s = k * 25.0;
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"40\" height=\"14\" fill=\"{}\"/>"
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{:.0f}"
        "</text>\n",
        kLabel + k * 44, ly, heat_colour(s), kLabel + k * 44 + 20, ly + 11, s);
  }
  out += "</svg>\n";
}

struct CoverageRow {
  int leaf;
  int counts[7] = {};  // by ItemState
};

void coverage_rows(const View& v, int t, const std::vector<CoverageRow>& rows, std::size_t limit,
                   std::string& out);

void coverage_section(const View& v, int t, std::string& out) {
  const ScoreTable& table = v.eval.tables[t];
  const Framework* fw = v.framework(t);
  if (!fw) return;
  std::vector<CoverageRow> rows;
  for (std::size_t l = 0; l < fw->leaves.size(); ++l) {
    if (!v.node_included(t, fw->leaves[l])) continue;
    CoverageRow row{static_cast<int>(l)};
    for (int u = 0; u < static_cast<int>(table.units.size()); ++u)
      ++row.counts[static_cast<int>(v.state(t, u, static_cast<int>(l)))];
    rows.push_back(row);
  }
  // Items most units miss first: missing, then planned/acknowledged only.
  std::stable_sort(rows.begin(), rows.end(), [](const CoverageRow& a, const CoverageRow& b) {
    const int ga = a.counts[4] + a.counts[3] + a.counts[2];
    const int gb = b.counts[4] + b.counts[3] + b.counts[2];
    if (ga != gb) return ga > gb;
    return a.counts[4] > b.counts[4];
  });
  // The items most units miss are shown; the full list (sortable) is folded below them.
  constexpr std::size_t kCoverageShown = 15;
  const std::string head =
      "<thead><tr><th>指标</th><th>名称</th>"
      "<th>必选</th><th class=\"num\">分值</th><th class=\"num\">已落实</th>"
      "<th class=\"num\">部分落实</th><th class=\"num\">自认不足</th>"
      "<th class=\"num\">仅列入计划</th><th class=\"num\">未见证据</th>"
      "<th class=\"num\">不适用/豁免</th></tr></thead>\n<tbody>\n";
  out += fmt::format(
      "<h3>指标覆盖情况：多数单位缺失的 {} 项</h3>\n<table class=\"sortable "
      "coverage\">\n{}",
      std::min(kCoverageShown, rows.size()), head);
  coverage_rows(v, t, rows, kCoverageShown, out);
  out += "</tbody></table>\n";
  out += fmt::format(
      "<details><summary>全部 {} 项指标的覆盖情况</summary>\n<table class=\"sortable "
      "coverage-all\">\n{}",
      rows.size(), head);
  coverage_rows(v, t, rows, rows.size(), out);
  out += "</tbody></table></details>\n";
}

void coverage_rows(const View& v, int t, const std::vector<CoverageRow>& rows, std::size_t limit,
                   std::string& out) {
  const Framework* fw = v.framework(t);
  for (std::size_t i = 0; i < rows.size() && i < limit; ++i) {
    const CoverageRow& row = rows[i];
    const RuleNode& node = fw->nodes[fw->leaves[row.leaf]];
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td>", html_escape(node.id),
                       html_escape(node.title),
                       v.leaf_required(t, row.leaf) ? "<span class=\"req\">必选</span>" : "");
    out += num_cell(v.points_at_stake(t, row.leaf), 2);
    for (int s : {0, 1, 2, 3, 4}) out += fmt::format("<td class=\"num\">{}</td>", row.counts[s]);
    out += fmt::format("<td class=\"num\">{}</td></tr>\n", row.counts[5] + row.counts[6]);
  }
}

void weights_section(const View& v, int t, std::string& out) {
  const ScoreTable& table = v.eval.tables[t];
  const Framework* fw = v.framework(t);
  if (!fw) return;
  out += fmt::format("<h3 id=\"weights-{}\">权重与配置</h3>\n", html_escape(table.framework_id));
  const Profile* profile = v.eval.rules ? profile_for(*v.eval.rules, table.framework_id) : nullptr;
  if (profile) {
    out += fmt::format("<p>配置文件（profile）：<b>{}</b> {} <span class=\"loc\">{}</span></p>\n",
                       html_escape(profile->id), html_escape(profile->title),
                       html_escape(profile->location.path));
  } else {
    out += "<p>未使用配置文件：权重为规则包默认值（项目默认，官方未公布分值）。</p>\n";
  }
  out += fmt::format("<p>部分落实计分系数：{:.2f}</p>\n", table.partial_credit);
  if (!table.applied_overrides.empty()) {
    out += "<p>生效的调整（全部列出）：</p>\n<ul class=\"overrides\">\n";
    for (const auto& o : table.applied_overrides) out += "<li>" + html_escape(o) + "</li>\n";
    out += "</ul>\n";
  } else if (profile) {
    out += "<p>配置文件未改变任何权重或必选标记。</p>\n";
  }
  if (profile && !profile->waivers.empty()) {
    out +=
        "<p>豁免：</p>\n<table><thead><tr><th>单位</th><th>指标</th><th>理由</th><th>有效期至"
        "</th></tr></thead><tbody>\n";
    for (const auto& w : profile->waivers)
      out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                         html_escape(w.unit), html_escape(w.item), html_escape(w.justification),
                         html_escape(w.expires));
    out += "</tbody></table>\n";
  }
  out +=
      "<details><summary>全部节点的权重（局部权重 / 全局分值）</summary>\n<table class=\"weights\">"
      "<thead><tr><th>节点</th><th>名称</th><th class=\"num\">局部权重</th>"
      "<th class=\"num\">全局分值</th><th>必选</th><th>纳入</th></tr></thead><tbody>\n";
  std::vector<double> points(fw->nodes.size(), -1);
  for (std::size_t l = 0; l < fw->leaves.size(); ++l)
    points[fw->leaves[l]] = v.points_at_stake(t, static_cast<int>(l));
  const auto& req = table.node_required;
  for (std::size_t n = 1; n < fw->nodes.size(); ++n) {
    const RuleNode& node = fw->nodes[n];
    int depth = 0;
    for (int p = node.parent; p > 0 && depth < 64; p = fw->nodes[p].parent) ++depth;
    const bool required = n < req.size() ? static_cast<bool>(req[n]) : node.required;
    out += fmt::format("<tr><td style=\"padding-left:{}px\">{}</td><td>{}</td>", 8 + 16 * depth,
                       html_escape(node.id), html_escape(node.title));
    out += fmt::format("<td class=\"num\">{:.3g}</td>", v.node_weight(t, static_cast<int>(n)));
    out += points[n] < 0 ? "<td class=\"num\"></td>" : num_cell(points[n], 2);
    out += fmt::format("<td>{}</td><td>{}</td></tr>\n", required ? "必选" : "",
                       v.node_included(t, static_cast<int>(n)) ? "是" : "否（已剔除）");
  }
  out += "</tbody></table></details>\n";
}

void structure_section(const View& v, std::string& out) {
  for (int t = 0; t < v.table_count(); ++t) {
    if (v.is_indicators(t)) continue;
    const Framework* fw = v.framework(t);
    if (!fw) continue;
    const ScoreTable& table = v.eval.tables[t];
    out += fmt::format("<h2 id=\"structure-{}\">报告结构：{}</h2>\n", html_escape(fw->id),
                       html_escape(fw->title));
    out +=
        "<table class=\"sortable structure\"><thead><tr><th>单位</th><th class=\"num\">年度"
        "</th>";
    for (std::size_t l = 0; l < fw->leaves.size(); ++l) {
      const RuleNode& node = fw->nodes[fw->leaves[l]];
      out += fmt::format("<th title=\"{}\">{} {}{}</th>", html_escape(node.title),
                         html_escape(node.id), html_escape(node.title),
                         v.leaf_required(t, static_cast<int>(l)) ? "" : "（非必备）");
    }
    out += "</tr></thead><tbody>\n";
    for (int row = 0; row < static_cast<int>(table.units.size()); ++row) {
      const int r = v.report_of(t, row);
      out += fmt::format(
          "<tr><td>{}</td><td class=\"num\">{}</td>",
          r >= 0 ? gap_link(v, r, "gaps/") : html_escape(table.units[row].key.unit),
          table.units[row].key.year > 0 ? std::to_string(table.units[row].key.year) : "");
      for (std::size_t l = 0; l < fw->leaves.size(); ++l) {
        const ItemState s = v.state(t, row, static_cast<int>(l));
        out += fmt::format("<td data-v=\"{}\">{}</td>", static_cast<int>(s),
                           structure_badge(s, v.leaf_required(t, static_cast<int>(l))));
      }
      out += "</tr>\n";
    }
    out += "</tbody></table>\n";
  }
}

void facts_section(const View& v, std::string& out) {
  const RunFacts& f = v.eval.facts;
  out += "<h2 id=\"facts\">运行信息</h2>\n<table class=\"facts\"><tbody>\n";
  const auto row = [&](std::string_view k, const std::string& val) {
    out += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", k, val);
  };
  row("工具版本", "indicheck " + html_escape(f.tool_version));
  row("运行日期", html_escape(f.date));
  row("规则哈希", "<code>" + html_escape(f.rules_hash) + "</code>");
  std::string paths;
  for (const auto& p : f.rules_paths) paths += (paths.empty() ? "" : "<br>") + html_escape(p);
  row("规则路径", paths);
  std::string editions;
  for (int t = 0; t < v.table_count(); ++t) {
    const Framework* fw = v.framework(t);
    if (!fw) continue;
    editions += fmt::format("{}<code>{}</code> {}（{}）", editions.empty() ? "" : "<br>",
                            html_escape(fw->id), html_escape(fw->title), html_escape(fw->edition));
  }
  row("框架版本", editions);
  row("计分模型", html_escape(f.model));
  row("每项引文上限", fmt::format("{} 句（--max-quotes）", f.max_quotes));
  row("证据门控", f.gate.empty() ? std::string("未启用（--gate off）") : html_escape(f.gate));
  row("配置文件", f.profile_path.empty() ? "（无）" : html_escape(f.profile_path));
  if (!f.manifest_path.empty()) row("清单（--manifest）", html_escape(f.manifest_path));
  std::string inputs;
  for (const auto& p : f.inputs) inputs += (inputs.empty() ? "" : "<br>") + html_escape(p);
  row("输入", inputs);
  row("报告数", std::to_string(v.report_count()));
  out += "</tbody></table>\n";
}

}  // namespace

std::string render_index_html(const Evaluation& evaluation) {
  return render_index_html(evaluation, OutputFormats{});
}

std::string render_index_html(const Evaluation& evaluation, const OutputFormats& formats) {
  View v(evaluation);
  std::string out = page_start("法治政府建设年度报告评估结果");
  int failed = 0;
  for (const auto& r : evaluation.reports) failed += r.failed ? 1 : 0;
  out += "<h1>法治政府建设年度报告评估结果</h1>\n";
  out +=
      fmt::format("<p class=\"sub\">{} 份报告 · {} 份未能读取 · 运行日期 {} · indicheck {}</p>\n",
                  evaluation.reports.size(), failed, html_escape(evaluation.facts.date),
                  html_escape(evaluation.facts.tool_version));
  std::vector<int> nav;
  for (int t = 0; t < v.table_count(); ++t)
    if (v.is_indicators(t) && v.framework(t)) nav.push_back(t);
  std::stable_sort(nav.begin(), nav.end(), [&](int a, int b) {
    return v.framework(a)->year_from > v.framework(b)->year_from;
  });
  out += "<nav class=\"noprint\">";
  for (int t : nav)
    out += fmt::format("<a href=\"#fw-{}\">{}</a>", html_escape(v.framework(t)->id),
                       html_escape(v.framework(t)->title));
  if (!evaluation.facts.review_path.empty()) out += "<a href=\"#review\">人工复核</a>";
  out += "<a href=\"#files\">输出文件</a><a href=\"#facts\">运行信息</a>";
  if (failed) out += "<a href=\"#failed\">未能读取的报告</a>";
  const bool unknown =
      std::any_of(evaluation.reports.begin(), evaluation.reports.end(), metadata_unknown);
  if (unknown) out += "<a href=\"#unknown-meta\">未识别单位或年度的报告</a>";
  out += "</nav>\n";

  if (failed) {
    out += "<h2 id=\"failed\" class=\"error\">未能读取的报告</h2>\n<ul class=\"failed\">\n";
    for (const auto& r : evaluation.reports) {
      if (!r.failed) continue;
      out += "<li><code>" + html_escape(r.path) + "</code>";
      for (const auto& d : r.diagnostics)
        if (d.severity == Severity::kError)
          out += "<br><span class=\"error\">" + html_escape(d.str()) + "</span>";
      out += "</li>\n";
    }
    out += "</ul>\n";
  }
  if (unknown) unknown_metadata_section(evaluation, out);

  // Indicator frameworks newest edition first: the current one is what most readers want.
  std::vector<int> order;
  for (int t = 0; t < v.table_count(); ++t)
    if (v.is_indicators(t) && v.framework(t)) order.push_back(t);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return v.framework(a)->year_from > v.framework(b)->year_from;
  });
  bool any = false;
  for (int t : order) {
    any = true;
    const Framework* fw = v.framework(t);
    out += fmt::format(
        "<h2 id=\"fw-{}\">{}（{}）</h2>\n<p class=\"sub\">{} 个单位 · 框架 <code>{}"
        "</code> · 适用年度 {}–{}</p>\n",
        html_escape(fw->id), html_escape(fw->title), html_escape(fw->edition),
        evaluation.tables[t].units.size(), html_escape(fw->id), fw->year_from, fw->year_to);
    // The rankings per peer group and the all-units ranking as two tabs (both printed).
    const std::string id = html_escape(fw->id);
    out += fmt::format(
        "<div class=\"tabs\"><div class=\"tabbar noprint\"><button type=\"button\" "
        "data-tab=\"peers-{0}\">同级排名（按层级与年度）</button><button type=\"button\" "
        "data-tab=\"all-{0}\">全部单位排名</button></div>\n<div class=\"tabpanel\" "
        "id=\"tab-peers-{0}\">\n",
        id);
    peer_rankings_section(v, t, out);
    out += fmt::format("</div>\n<div class=\"tabpanel\" id=\"tab-all-{}\">\n", id);
    ranking_section(v, t, out);
    out += "</div></div>\n";
    heatmap_section(v, t, out);
    explorer_section(v, t, out);
    coverage_section(v, t, out);
    weights_section(v, t, out);
  }
  if (!any) out += "<p>没有报告按指标框架计分。</p>\n";
  out += review_section_html(v);
  structure_section(v, out);
  output_files_section(v, formats, out);
  facts_section(v, out);
  if (any)
    out += fmt::format("<style>{}</style>\n<script>{}</script>\n", explorer_css(), explorer_js());
  out += page_end(true);
  return out;
}

}  // namespace indicheck
