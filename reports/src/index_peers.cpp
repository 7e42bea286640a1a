// index.html, the peer-group rankings: one table per peer group (same level and year, the
// comparison that is fair), with 必选达标, 主要失分项 (the three items with most points lost)
// and the rank stability the sensitivity analysis gives (p5–p95 rank band and P(第一名) over
// weight draws with a fixed seed). Kept apart from html.cpp so index sections added by other
// work merge without conflict.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "unit_edition.h"
#include "view.h"

namespace indicheck::reports_detail {

namespace {

// Draws of the default sensitivity run: enough for a stable band, cheap for a few hundred
// units; beyond kStabilityMaxUnits the column says it was not computed.
constexpr int kStabilityDraws = 200;
constexpr std::size_t kStabilityMaxUnits = 2000;

std::string gap_href(const View& v, int r) {
  const std::string stem = v.gap_stem(r);
  if (r < 0 || stem.empty()) return "";
  return "gaps/" + stem + ".html";
}

// The three items of a row with most points lost (missing, planned, admitted), by points.
std::string top_losses(const View& v, int t, int row) {
  const Framework& fw = *v.framework(t);
  std::vector<std::pair<double, int>> lost;
  for (std::size_t l = 0; l < fw.leaves.size(); ++l) {
    const int leaf = static_cast<int>(l);
    if (!v.node_included(t, fw.leaves[l])) continue;
    const ItemState st = v.state(t, row, leaf);
    if (st == ItemState::kMissing || st == ItemState::kPlanned || st == ItemState::kAcknowledged)
      lost.emplace_back(v.points_at_stake(t, leaf), leaf);
  }
  std::stable_sort(lost.begin(), lost.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string out;
  for (std::size_t k = 0; k < lost.size() && k < 3; ++k) {
    const RuleNode& node = fw.nodes[fw.leaves[static_cast<std::size_t>(lost[k].second)]];
    out += fmt::format("{}{}<span class=\"note\">{}</span>", k ? msg(Msg::kIdxSemi, v.lang()) : "",
                       html_escape(cut_text(node.title, 18)),
                       tr(v.lang(), Msg::kIdxLossPoints, lost[k].first));
  }
  return out.empty() ? "—" : out;
}

}  // namespace

int heatmap_label_width(const View& v, int t, const std::vector<int>& rows) {
  // A CJK character is 13px wide at 13px, other characters about 8px (新疆生产建设兵团第十二师…).
  int width = 230;
  for (int row : rows) {
    const int r = v.report_of(t, row);
    const std::string name = r >= 0 ? v.unit_label(r) : v.eval.tables[t].units[row].key.unit;
    int px = 16;
    for (std::size_t i = 0; i < name.size();) {
      const auto c = static_cast<unsigned char>(name[i]);
      px += c < 0x80 ? 8 : 13;
      i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    width = std::max(width, px);
  }
  return width;
}

void peer_rankings_section(const View& v, int t, std::string& out) {
  const ScoreTable& table = v.eval.tables[t];
  const Framework* fw = v.framework(t);
  if (!fw || table.units.empty()) return;
  SensitivityResult stability;
  if (table.units.size() <= kStabilityMaxUnits) {
    SensitivityOptions options;
    options.draws = kStabilityDraws;
    stability = sensitivity(*fw, table, options);
  }
  const bool stable = stability.error.empty() && stability.units.size() == table.units.size();
  std::map<std::pair<int, std::string>, std::vector<int>> groups;  // (-year, level) → rows
  for (int row : v.rows_by_rank(t))
    groups[{-table.units[row].key.year, table.units[row].key.level}].push_back(row);
  const Lang lang = v.lang();
  out += fmt::format("<h3 id=\"peers-{}\">{}</h3>\n<p class=\"note\">{}</p>\n",
                     html_escape(table.framework_id), msg(Msg::kIdxPeersHead, lang),
                     tr(lang, Msg::kIdxPeersNote, kStabilityDraws));
  for (const auto& [key, rows] : groups) {
    const int year = -key.first;
    out += fmt::format(
        "<h4>{}</h4>\n",
        tr(lang, Msg::kIdxPeerGroup,
           year > 0 ? tr(lang, Msg::kGapYear, year) : std::string(msg(Msg::kIdxYearUnknown, lang)),
           html_escape(level_label(key.second, lang)), rows.size()));
    out += fmt::format(
        "<table class=\"sortable peers\">\n<thead><tr><th class=\"num\">{}</th>"
        "<th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>"
        "<th>{}</th><th class=\"num\">{}</th>"
        "<th class=\"num\">{}</th></tr></thead>\n<tbody>\n",
        msg(Msg::kThPeerRank, lang), msg(Msg::kThUnit, lang), msg(Msg::kThScore, lang),
        msg(Msg::kThRequiredMet, lang), msg(Msg::kThTopLosses, lang), msg(Msg::kThRankBand, lang),
        msg(Msg::kThPFirst, lang));
    for (int row : rows) {
      const UnitScore& u = table.units[row];
      const int r = v.report_of(t, row);
      const std::string name = html_escape(r >= 0 ? v.unit_name(r) : u.key.unit);
      const std::string href = gap_href(v, r);
      out += fmt::format(
          "<tr><td class=\"num\" data-v=\"{0}\">{0}</td><td class=\"unit\">{1}</td>"
          "<td class=\"num\" data-v=\"{2:.4f}\">{2:.1f}</td>"
          "<td class=\"num{3}\" data-v=\"{4}\">{4} / {5}</td><td>{6}</td>",
          u.peer_rank,
          href.empty() ? name : "<a href=\"" + html_escape(href) + "\">" + name + "</a>", u.score,
          u.required_met < u.required_total ? " error" : "", u.required_met, u.required_total,
          top_losses(v, t, row));
      if (stable) {
        const UnitSensitivity& s = stability.units[static_cast<std::size_t>(row)];
        out += fmt::format(
            "<td class=\"num\" data-v=\"{0}\">{0}–{1}</td><td class=\"num\" data-v=\"{2:.4f}\">"
            "{3:.0f}%</td></tr>\n",
            s.rank_p5, s.rank_p95, s.p_first, 100 * s.p_first);
      } else {
        out += fmt::format("<td class=\"num\">{}</td><td class=\"num\">—</td></tr>\n",
                           msg(Msg::kIdxNotComputed, lang));
      }
    }
    out += "</tbody></table>\n";
  }
}

}  // namespace indicheck::reports_detail
