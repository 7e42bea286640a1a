// Stage 4 of Indicheck: results → files an auditor reads and shares.
//
// Renders an Evaluation (indicheck/evaluation.h, filled by run_pipeline: metadata, evidence
// with quotes, score tables, run facts) as index.html, one gap report per unit-year (HTML and
// Markdown), results.json (schema in docs/results-schema.md), scores.csv and evidence.csv. The
// files are written into a staging folder that replaces --out as a whole (OutputSet below), so
// a failed or killed run never leaves half-written or mixed output.
//
// The renderers only read the Evaluation; they never reach back into the matcher or scoring.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
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
  // index.pdf and gaps/*.pdf: every HTML output printed by headless Chromium (only when asked:
  // "pdf"); without Chromium a warning pdf-no-chromium and no PDF.
  bool pdf = false;
  // Rows of one 证据 sheet of results.xlsx before the next (证据-2, …) starts: 0 = Excel's limit
  // less the header (reports_detail::kXlsxMaxRows). Tests set a small number (evaluate's hidden
  // --xlsx-max-rows) to see the split.
  std::uint32_t xlsx_max_rows = 0;
  Edition edition = Edition::kAudit;
};

// Parses "html,md,json,csv,xlsx,docx,pdf" (any subset, comma-separated; "all" = every format).
// Returns false with a message naming the unknown word.
bool parse_formats(std::string_view text, OutputFormats& formats, std::string& error);

// Renderers: pure functions of the Evaluation, deterministic (no clock, no environment), so
// output is byte-identical for any --jobs. Report text is escaped for each format.
std::string render_index_html(const Evaluation& evaluation);
// The same with a list of every output file written with `formats` (write_output_files).
std::string render_index_html(const Evaluation& evaluation, const OutputFormats& formats);
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

// The output folder of a run, replaced as a whole (docs/reliability.md, "The output set"). A
// reader of --out sees the previous run's complete set of files or this run's, never a mix and
// never a partial set, whatever kills the run when:
//
//   begin()  refuses an --out that is not a folder or holds files indicheck did not write,
//            removes the staging folders of dead runs (their lock is free), and creates this
//            run's staging folder beside --out (`.<name>.indicheck-<pid>`, locked with flock
//            while the run lives) — so an unwritable or full disk is found before any report
//            is read;
//   the run  writes every file into staging();
//   commit() swaps staging and --out in one renameat2(RENAME_EXCHANGE) (a plain rename when
//            --out does not exist yet) and removes the previous set.
//
// Destroying an uncommitted OutputSet removes its staging folder; --out is untouched.
class OutputSet {
 public:
  static std::unique_ptr<OutputSet> begin(const std::string& out_dir,
                                          std::vector<Diagnostic>& diagnostics);
  ~OutputSet();
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  const std::string& staging() const { return staging_; }
  const std::string& out_dir() const { return out_dir_; }
  bool commit(std::vector<Diagnostic>& diagnostics);

 private:
  OutputSet() = default;
  std::string out_dir_;  // as given (messages)
  std::string target_;   // the folder replaced: out_dir, or where it points when a symlink
  std::string staging_;
  int lock_fd_ = -1;
  bool committed_ = false;
};

// Renders every chosen format into the existing folder `dir` (a staging folder): index.html,
// results.json, scores.csv, evidence.csv, gaps/<stem>.html, gaps/<stem>.md. Messages name the
// files under `shown_dir` (the --out the user gave). False with an error on any failure.
bool write_output_files(const Evaluation& evaluation, const std::string& dir,
                        const std::string& shown_dir, const OutputFormats& formats,
                        std::vector<Diagnostic>& diagnostics);

// OutputSet::begin(out_dir), write_output_files() into its staging folder, commit(): on any
// failure --out is untouched and an error is added to `diagnostics`. True on success.
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
