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
  const Lang lang = evaluation.facts.lang;
  out += fmt::format(
      "<h2 id=\"unknown-meta\" class=\"error\">{}</h2>\n<p class=\"note\">{}</p>\n"
      "<table class=\"unknown-meta\"><thead><tr><th>{}</th><th>{}</th><th>{}"
      "</th></tr></thead><tbody>\n",
      msg(Msg::kIdxUnknown, lang), msg(Msg::kIdxUnknownNote, lang), msg(Msg::kThReportFile, lang),
      msg(Msg::kThMissing, lang), msg(Msg::kThKnown, lang));
  for (const auto& r : evaluation.reports) {
    if (!metadata_unknown(r)) continue;
    const bool no_unit = r.meta.unit.value.empty(), no_year = r.meta.year == 0;
    std::string known;
    const auto add = [&](const std::string& what) {
      known += std::string(known.empty() ? "" : msg(Msg::kIdxSemi, lang)) + what;
    };
    if (!no_unit) add(tr(lang, Msg::kIdxKnownUnit, html_escape(r.meta.unit.value)));
    if (!no_year) add(tr(lang, Msg::kIdxKnownYear, r.meta.year));
    if (!r.meta.level.value.empty())
      add(tr(lang, Msg::kIdxKnownLevel, html_escape(r.meta.level.value)));
    out += fmt::format("<tr><td><code>{}</code></td><td class=\"error\">{}</td><td>{}</td></tr>\n",
                       html_escape(r.path),
                       msg(no_unit && no_year ? Msg::kIdxNoUnitYear
                           : no_unit          ? Msg::kIdxNoUnit
                                              : Msg::kIdxNoYear,
                           lang),
                       known.empty() ? "—" : known);
  }
  out += "</tbody></table>\n";
}

}  // namespace indicheck::reports_detail
