// index.html, 输出文件: a link to every file the run wrote beside index.html — results.json, the
// workbook, the CSVs, index.pdf — and a table of every gap report in each edition and format
// written. Kept apart from html.cpp (at its size limit) like the other index sections.
#include <fmt/format.h>

#include "view.h"

namespace indicheck::reports_detail {

void output_files_section(const View& v, const OutputFormats& f, std::string& out) {
  const Lang lang = v.lang();
  out += fmt::format("<h2 id=\"files\">{}</h2>\n<ul class=\"files\">\n", msg(Msg::kIdxFiles, lang));
  const auto file = [&](const std::string& name, std::string_view what) {
    out += fmt::format("<li><a href=\"{0}\"><code>{0}</code></a> — {1}</li>\n", html_escape(name),
                       what);
  };
  if (f.pdf) file("index.pdf", msg(Msg::kIdxFilePdf, lang));
  if (f.json) file("results.json", msg(Msg::kIdxFileJson, lang));
  if (f.xlsx) file("results.xlsx", msg(Msg::kIdxFileXlsx, lang));
  if (f.csv) {
    file("scores.csv", msg(Msg::kIdxFileScores, lang));
    for (int t = 0; t < v.table_count(); ++t)
      if (v.framework(t))
        file("scores-" + v.eval.tables[t].framework_id + ".csv",
             tr(lang, Msg::kIdxFileNodeScores, html_escape(v.framework(t)->title)));
    file("evidence.csv", msg(Msg::kIdxFileEvidence, lang));
  }
  out += "</ul>\n";
  // Gap reports: one row per unit-year, a column per edition and format written.
  const bool audit = f.edition != Edition::kUnit, unit = f.edition != Edition::kAudit;
  std::vector<std::pair<std::string, std::string>> cols;  // header, suffix
  const auto col = [&](Msg edition, std::string_view format, const char* suffix) {
    cols.emplace_back(tr(lang, edition, format), suffix);
  };
  if (audit && f.html) col(Msg::kIdxAuditEdition, "HTML", ".html");
  if (audit && f.markdown) col(Msg::kIdxAuditEdition, "Markdown", ".md");
  if (audit && f.pdf) col(Msg::kIdxAuditEdition, "PDF", ".pdf");
  if (unit && f.html) col(Msg::kIdxUnitEdition, "HTML", ".unit.html");
  if (unit && f.markdown) col(Msg::kIdxUnitEdition, "Markdown", ".unit.md");
  if (unit && f.pdf) col(Msg::kIdxUnitEdition, "PDF", ".unit.pdf");
  if (f.docx) col(Msg::kIdxUnitEdition, "Word", ".unit.docx");
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
  out += fmt::format("<h3>{}</h3>\n<table class=\"files\"><thead><tr><th>{}</th>",
                     tr(lang, Msg::kIdxGapReports, count), msg(Msg::kThUnit, lang));
  for (const auto& [head, suffix] : cols) out += "<th>" + head + "</th>";
  out += "</tr></thead><tbody>\n" + rows + "</tbody></table>\n";
}

}  // namespace indicheck::reports_detail
