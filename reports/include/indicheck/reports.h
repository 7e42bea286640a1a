// Stage 4 of Indicheck: results → files an auditor reads and shares.
//
// Renders an Evaluation (indicheck/evaluation.h, filled by run_pipeline: metadata, evidence
// with quotes, score tables, run facts) as index.html, one gap report per unit-year (HTML and
// Markdown), results.json (schema in docs/results-schema.md), scores.csv and evidence.csv. Every
// file is written to a temporary name and renamed, so a failed run never leaves half-written
// output.
//
// The renderers only read the Evaluation; they never reach back into the matcher or scoring.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "indicheck/diagnostic.h"
#include "indicheck/evaluation.h"

namespace indicheck {

// Which edition of the gap reports to write (--edition).
enum class Edition : std::uint8_t {
  kAudit,  // 审核版: the full trail, gaps/<stem>.html|md (default)
  kUnit,   // 单位版: at most 3 A4 pages for the unit, gaps/<stem>.unit.html|md
  kBoth,
};
bool parse_edition(std::string_view text, Edition& edition);

// Which outputs to write. Default: all.
struct OutputFormats {
  bool html = true;      // index.html and gaps/*.html
  bool markdown = true;  // gaps/*.md
  bool json = true;      // results.json
  bool csv = true;       // scores.csv, scores-<framework>.csv, evidence.csv
  bool xlsx = true;      // results.xlsx
  bool docx = false;     // gaps/<stem>.unit.docx: the 单位版 as Word (only when asked: "docx")
  Edition edition = Edition::kAudit;
};

// Parses "html,md,json,csv,xlsx" (any subset, comma-separated; "all" = every format). Returns false
// with a message naming the unknown word.
bool parse_formats(std::string_view text, OutputFormats& formats, std::string& error);

// The schema id written into results.json; bumped on any incompatible change.
inline constexpr std::string_view kResultsSchema = "indicheck.results/1";

// Renderers: pure functions of the Evaluation, deterministic (no clock, no environment), so
// output is byte-identical for any --jobs. Report text is escaped for each format.
std::string render_index_html(const Evaluation& evaluation);
std::string render_results_json(const Evaluation& evaluation);
// UTF-8 with BOM, CRLF; headers and labels in Evaluation::facts.lang, codes beside them.
// table < 0: scores.csv (one row per report); else scores-<framework>.csv of that score table.
std::string render_scores_csv(const Evaluation& evaluation, int table = -1);
std::string render_evidence_csv(const Evaluation& evaluation);  // UTF-8 with BOM, CRLF

// Gap reports exist for every report that was read and scored against an indicators framework.
// gap_report_stem() is the file name without extension, unique in the run ("" = no gap report:
// the report failed or no indicators framework scored it).
std::string gap_report_stem(const Evaluation& evaluation, std::size_t report_index);
std::string render_gap_html(const Evaluation& evaluation, std::size_t report_index);
std::string render_gap_markdown(const Evaluation& evaluation, std::size_t report_index);
// The unit edition (单位版) of a gap report: "" when the report has no gap report.
std::string render_unit_html(const Evaluation& evaluation, std::size_t report_index);
std::string render_unit_markdown(const Evaluation& evaluation, std::size_t report_index);

// Renders every chosen format into `out_dir` (created if needed): index.html, results.json,
// scores.csv, evidence.csv, gaps/<stem>.html, gaps/<stem>.md. Everything is rendered and
// written into a staging directory inside out_dir first, then renamed into place; on any
// failure the staging directory is removed, no output file is replaced, and an error is added
// to `diagnostics`. Returns true on success.
bool write_outputs(const Evaluation& evaluation, const std::string& out_dir,
                   const OutputFormats& formats, std::vector<Diagnostic>& diagnostics);

// The review sheet (人工复核表, indicheck/review.h): one row per unit-year × item of its
// indicators framework, header first (review_sheet_header()): unit, year, report file and its
// fingerprint, item, points at stake, machine state and reason, the best quote (met, partial)
// or the near misses (missing, partial), the rule fingerprint, and the columns an audit team
// fills in (复核结论, 说明, 复核人, 日期; pre-filled from the review applied to the run, if any).
std::vector<std::vector<std::string>> review_sheet_rows(const Evaluation& evaluation);
// The sheet as CSV: UTF-8 with BOM, CRLF (what Excel and WPS open without asking).
std::string render_review_csv(const std::vector<std::vector<std::string>>& rows);
// Writes the sheet to `path` (.xlsx with libxlsxwriter, sheet 人工复核, the columns to fill in
// formatted as text; or .csv) through a temporary file and a rename: never half-written.
bool write_review_sheet(const Evaluation& evaluation, const std::string& path,
                        std::vector<Diagnostic>& diagnostics);

}  // namespace indicheck
