// A read-only index over an Evaluation, shared by every renderer: which score-table row belongs
// to which report, the evidence behind each row, gap-report file names, the best peer example
// for each item, and the other years of the same unit. Built once per render; never changes
// the Evaluation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "indicheck/reason_text.h"
#include "indicheck/reports.h"

namespace indicheck::reports_detail {

// Escaping, one function per output format. Every piece of text that comes from a report, a
// rule file or a path goes through one of these.
std::string html_escape(std::string_view text);
std::string markdown_escape(std::string_view text);  // inline text; also HTML-escapes < and &
std::string csv_field(std::string_view text);        // RFC 4180 quoting + formula guard
// csv_field(text) appended to `out` (no temporary string: evidence.csv has ~16 cells a row).
void append_csv_field(std::string& out, std::string_view text);

// The streamed outputs hand their text to the sink in chunks of about this many bytes: few,
// large writes, and a bounded buffer whatever the corpus size.
inline constexpr std::size_t kWriteChunk = std::size_t{1} << 20;

// "83.5"; "—" for a negative score (nothing scored under the node).
std::string format_score(double score);
// Rounds to `digits` decimals for JSON (stable, readable numbers).
double round_to(double value, int digits);

struct RowRef {
  int table = -1;  // index into Evaluation::tables
  int row = -1;    // index into ScoreTable::units
};

class View {
 public:
  explicit View(const Evaluation& evaluation);

  const Evaluation& eval;
  // Language of the outputs (RunFacts::lang).
  Lang lang() const { return eval.facts.lang; }

  int report_count() const { return static_cast<int>(eval.reports.size()); }
  int table_count() const { return static_cast<int>(eval.tables.size()); }

  // Framework of a table (nullptr when the rules do not hold it, e.g. a hand-made Evaluation).
  const Framework* framework(int table) const { return frameworks_[table]; }
  bool is_indicators(int table) const;
  // Report index of a table row (-1 when its path matches no report).
  int report_of(int table, int row) const { return row_report_[table][row]; }
  // Row of a report in a table, -1 when the report was not scored there.
  int row_of(int report, int table) const;
  // Indicators table scoring this report, -1 when none.
  int primary_table(int report) const { return primary_[report]; }
  // Every table row of a report, indicators first (table order).
  const std::vector<RowRef>& rows_of(int report) const { return report_rows_[report]; }

  // Makes the full evidence of `report` available to evidence()/item() when it is in
  // Evaluation::store (one report at a time; a no-op for evidence kept in memory). Renderers
  // call it before rendering a report's quotes. False (and load_failed()) when it cannot be
  // read back; the report then shows no quotes.
  bool load(int report) const;
  bool load_failed() const { return load_failed_; }
  // Whether a leaf of a report has a quote (from the compact form when the evidence is stored).
  bool has_quote(int report, int table, int leaf_pos) const;

  const DocumentEvidence* evidence(int report, int table) const;
  // Evidence of leaf number `leaf_pos` (Framework::leaves order) or nullptr.
  const ItemEvidence* item(int report, int table, int leaf_pos) const;
  // State after the profile (from the score table), falling back to the evidence.
  ItemState state(int table, int row, int leaf_pos) const;
  // Global weight of a leaf × 100: the points a missing item costs on a 0-100 scale.
  double points_at_stake(int table, int leaf_pos) const;
  bool leaf_required(int table, int leaf_pos) const;
  bool node_included(int table, int node) const;
  double node_weight(int table, int node) const;

  // The quote an auditor shows as "what the item looks like": the first credit quote of the
  // best-scoring report of another unit that met (else partially met) the item. Sets `peer` to its
  // report. With `met_only`, only a credited sentence of a report where the item is met (the
  // unit edition's model sentences: never a partial or uncredited one).
  const Quote* peer_example(int table, int leaf_pos, int exclude_report, int& peer,
                            bool met_only = false) const;

  // The profile waiver behind a waived leaf (same unit or "*", the leaf or an ancestor), or
  // nullptr.
  const Waiver* waiver_for(int table, int report, const RuleNode& leaf) const;

  // Unit name as found in the report, or a placeholder naming the file.
  std::string unit_name(int report) const;
  std::string unit_label(int report) const;  // "unit year" ("苏州市相城区 2021年")
  std::string gap_stem(int report) const { return stems_[report]; }
  // Other reports of the same unit (by name), sorted by year then path; excludes `report`.
  std::vector<int> other_years(int report) const;

  // Rows of a table ordered by rank, then path.
  std::vector<int> rows_by_rank(int table) const;
  // Top-level nodes (areas) of a table's framework.
  std::vector<int> areas(int table) const;

 private:
  std::vector<const Framework*> frameworks_;
  std::vector<std::vector<int>> row_report_;
  std::vector<std::vector<RowRef>> report_rows_;
  std::vector<int> primary_;
  std::vector<std::string> stems_;
  // table → leaf → best rows, best first (a unit never is its own peer).
  std::vector<std::vector<std::vector<int>>> best_rows_;
  std::map<std::string, std::vector<int>> by_unit_;
  // The one report whose stored evidence is loaded (load()).
  mutable int loaded_report_ = -1;
  mutable std::vector<DocumentEvidence> loaded_;
  mutable bool load_failed_ = false;
  // Example quotes of best_rows_, same shape, filled on the first peer_example() call so a
  // national run reads at most kPeerCandidates reports per leaf back, once.
  void load_peer_quotes() const;
  mutable bool peer_quotes_ready_ = false;
  mutable std::vector<std::vector<std::vector<int>>> peer_quote_index_;  // -1: no item
  mutable std::vector<Quote> peer_quotes_;
};

// results.json and evidence.csv in pieces, so that write_outputs writes both in one pass over
// the reports and reads each report's stored evidence back once, not once per file. Use:
// head(out); for each report, view.load(r) then add_report(r, out); finish(out). Every call
// appends to `out`; the caller hands `out` to the file whenever it passes kWriteChunk.
class ResultsJsonStream {  // json.cpp
 public:
  explicit ResultsJsonStream(const View& view);
  ~ResultsJsonStream();
  void head(std::string& out) const;
  void add_report(int report, std::string& out);
  void finish(std::string& out) const;

 private:
  struct Tables;  // per-table text escaped once per run
  const View& view_;
  std::unique_ptr<Tables> tables_;
};

class EvidenceCsvStream {  // csv.cpp
 public:
  explicit EvidenceCsvStream(const View& view);
  void head(std::string& out) const;
  void add_report(int report, std::string& out);  // no-op for a report scored nowhere
  void finish(std::string&) const {}

 private:
  const View& view_;
  std::vector<std::vector<std::string>> leaf_cells_;  // table → leaf → escaped cells
  std::string report_cells_, joined_;                 // scratch, reused across rows
};

// scores.csv (csv.cpp; render_scores_csv builds its own View); write_scores_csv appends it to
// `out` and hands `out` to `flush` (which writes and clears it) whenever it passes kWriteChunk.
// table < 0: scores.csv; else scores-<framework>.csv of that table.
std::string scores_csv(const View& view, int table = -1);
void write_scores_csv(const View& view, std::string& out,
                      const std::function<void(std::string&)>& flush, int table = -1);
// Every report's part of results.json and evidence.csv (write.cpp): rendered in batches on up
// to facts.jobs threads, each with its own View, and handed to `append(json_text, csv_text)` in
// report order on the calling thread, so the text is the same for any number of threads.
// `append` returns false to stop (a write failed). Returns false when stored evidence could not
// be read back. An exception in a rendering thread (out of memory) is rethrown here.
bool render_reports(const Evaluation& evaluation, bool want_json, bool want_csv,
                    const std::function<bool(std::string&, std::string&)>& append);

// results.xlsx (xlsx.cpp) into `path`; an evidence sheet holds at most `max_evidence_rows` rows
// (kXlsxMaxRows; tests pass fewer to see the split). False with `error` on failure.
bool write_results_xlsx(const View& view, const std::string& path, std::string& error,
                        std::uint32_t max_evidence_rows);

// index.html: one ranking per peer group (level × year) of table `t`, with 必选达标, 主要失分项
// and rank stability (index_peers.cpp).
void peer_rankings_section(const View& view, int t, std::string& out);

// index.html: 输出文件, a link to every file the run wrote with `formats` (index_files.cpp).
void output_files_section(const View& view, const OutputFormats& formats, std::string& out);
// Pixels the heatmap's label column needs for the longest unit label of `rows` (13px text), at
// least 230 (index_peers.cpp).
int heatmap_label_width(const View& view, int t, const std::vector<int>& rows);

// The first credit quote of an item, else its first quote, else nullptr.
const Quote* first_credit_quote(const ItemEvidence& item);
// The credit quote to show as an example to another unit: the first one long enough to be a
// statement rather than a bare heading ("（二）建设政务守信机制。"), else first_credit_quote().
const Quote* example_quote(const ItemEvidence& item);

// Chinese label of a unit level ("district" → 区); unknown values are shown as they are.
std::string level_label(std::string_view level);
// Chinese label of the file format a report was read from ("html" → 网页（HTML）).
std::string format_label(std::string_view format);

// Chinese label of a state, for auditors ("已落实" ...), and a CSS class.
std::string_view state_label(ItemState state);

// "path:line" of a node's rule, for "the rule that looked for it".
std::string rule_location(const RuleNode& node);
// Up to `max_terms` terms of a check, joined by "、", naming what the rule looked for.
std::string rule_terms(const RuleNode& node, std::size_t max_terms);

}  // namespace indicheck::reports_detail
