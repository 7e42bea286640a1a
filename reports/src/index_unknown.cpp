// index.html's list of reports whose unit or year is still unknown after the manifest.
#include "index_unknown.h"

#include <fmt/format.h>

#include "view.h"

namespace indicheck::reports_detail {

// A readable report whose unit or year is still unknown after the manifest: it is ranked under
// its file path, and scored against the newest framework when the year is missing.
bool metadata_unknown(const ReportResult& r) {
  return !r.failed && (r.meta.unit.value.empty() || r.meta.year == 0);
}

// Every report whose unit or year is unknown, with what is missing and how to supply it: on
// the page, not only as warnings on stderr that a run of thousands scrolls away.
void unknown_metadata_section(const Evaluation& evaluation, std::string& out) {
  out +=
      "<h2 id=\"unknown-meta\" class=\"error\">未识别单位或年度的报告</h2>\n"
      "<p class=\"note\">下列报告的正文中未能识别出单位或报告年度：单位未知时排名中以文件名代替"
      "单位名称，年度未知时按最新框架计分，同级比较也可能不准。请在清单中补充后重新评估："
      "<code>indicheck evaluate --manifest 清单.csv</code>（CSV 首行为列名 "
      "<code>path,unit,level,province,year</code>，见 docs/cli.md）。</p>\n"
      "<table class=\"unknown-meta\"><thead><tr><th>报告文件</th><th>缺少</th><th>已识别"
      "</th></tr></thead><tbody>\n";
  for (const auto& r : evaluation.reports) {
    if (!metadata_unknown(r)) continue;
    const bool no_unit = r.meta.unit.value.empty(), no_year = r.meta.year == 0;
    std::string known;
    const auto add = [&](const std::string& what) { known += (known.empty() ? "" : "；") + what; };
    if (!no_unit) add("单位 " + html_escape(r.meta.unit.value));
    if (!no_year) add(fmt::format("年度 {}", r.meta.year));
    if (!r.meta.level.value.empty()) add("层级 " + html_escape(r.meta.level.value));
    out += fmt::format("<tr><td><code>{}</code></td><td class=\"error\">{}</td><td>{}</td></tr>\n",
                       html_escape(r.path),
                       no_unit && no_year ? "单位、年度"
                       : no_unit          ? "单位"
                                          : "年度",
                       known.empty() ? "—" : known);
  }
  out += "</tbody></table>\n";
}

}  // namespace indicheck::reports_detail
