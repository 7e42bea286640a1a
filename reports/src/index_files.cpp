// index.html, 输出文件: a link to every file the run wrote beside index.html — results.json, the
// workbook, the CSVs, index.pdf — and a table of every gap report in each edition and format
// written. Kept apart from html.cpp (at its size limit) like the other index sections.
#include <fmt/format.h>

#include "view.h"

namespace indicheck::reports_detail {

void output_files_section(const View& v, const OutputFormats& f, std::string& out) {
  out += "<h2 id=\"files\">输出文件</h2>\n<ul class=\"files\">\n";
  const auto file = [&](const std::string& name, std::string_view what) {
    out += fmt::format("<li><a href=\"{0}\"><code>{0}</code></a> — {1}</li>\n", html_escape(name),
                       what);
  };
  if (f.pdf) file("index.pdf", "本页的 PDF（A4 横向）");
  if (f.json)
    file("results.json",
         "全部结果，结构化（schema indicheck.results/1，可用 render 重新生成各输出）");
  if (f.xlsx) file("results.xlsx", "Excel 工作簿：运行信息、排名、热力图、缺项清单、证据、权重");
  if (f.csv) {
    file("scores.csv", "每份报告一行的得分与排名");
    for (int t = 0; t < v.table_count(); ++t)
      if (v.framework(t))
        file("scores-" + v.eval.tables[t].framework_id + ".csv",
             "该纲要各层级节点得分（" + html_escape(v.framework(t)->title) + "）");
    file("evidence.csv", "每条引文一行的证据");
  }
  out += "</ul>\n";
  // Gap reports: one row per unit-year, a column per edition and format written.
  const bool audit = f.edition != Edition::kUnit, unit = f.edition != Edition::kAudit;
  std::vector<std::pair<std::string, std::string>> cols;  // header, suffix
  if (audit && f.html) cols.emplace_back("审核版 HTML", ".html");
  if (audit && f.markdown) cols.emplace_back("审核版 Markdown", ".md");
  if (audit && f.pdf) cols.emplace_back("审核版 PDF", ".pdf");
  if (unit && f.html) cols.emplace_back("单位版 HTML", ".unit.html");
  if (unit && f.markdown) cols.emplace_back("单位版 Markdown", ".unit.md");
  if (unit && f.pdf) cols.emplace_back("单位版 PDF", ".unit.pdf");
  if (f.docx) cols.emplace_back("单位版 Word", ".unit.docx");
  std::string rows;
  int count = 0;
  for (int r = 0; r < v.report_count(); ++r) {
    const std::string stem = v.gap_stem(r);
    if (stem.empty() || cols.empty()) continue;
    ++count;
    rows += fmt::format("<tr><td>{}</td>", html_escape(v.unit_label(r)));
    for (const auto& [head, suffix] : cols)
      rows += fmt::format("<td><a href=\"gaps/{0}{1}\">{0}{1}</a></td>", html_escape(stem), suffix);
    rows += "</tr>\n";
  }
  if (count == 0) return;
  out += fmt::format(
      "<h3>差距报告（{} 份，位于 gaps/ 文件夹）</h3>\n<table "
      "class=\"files\"><thead><tr><th>单位</th>",
      count);
  for (const auto& [head, suffix] : cols) out += "<th>" + head + "</th>";
  out += "</tr></thead><tbody>\n" + rows + "</tbody></table>\n";
}

}  // namespace indicheck::reports_detail
