// scores.csv and evidence.csv, for Excel and WPS: UTF-8 with a byte-order mark (without it both
// read the file as GBK and Chinese turns to mojibake), CRLF line ends, RFC 4180 quoting.
#include <fmt/format.h>

#include <functional>

#include "review_render.h"
#include "view.h"

namespace indicheck {

namespace {

using reports_detail::append_csv_field;
using reports_detail::kWriteChunk;
using reports_detail::View;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Rows are built by appending each cell straight into the output text: a cell separator, then
// the cell (escaped by append_csv_field, or a number formatted in place). No cell is a string
// of its own.
void append_int(std::string& out, long long value) {
  const fmt::format_int digits(value);
  out.append(digits.data(), digits.size());
}

// A score with `digits` decimals; empty for a negative value (nothing scored).
void append_number(std::string& out, double value, int digits) {
  if (value < 0) return;
  fmt::format_to(std::back_inserter(out), "{:.{}f}", reports_detail::round_to(value, digits),
                 digits);
}

}  // namespace

namespace reports_detail {

std::string scores_csv(const View& v, int table) {
  std::string out;
  write_scores_csv(
      v, out, [](std::string&) {}, table);
  return out;
}

// Row by row: a national run has one row per report (73,000 rows are ~60 MB), handed to
// `flush` whenever the text passes kWriteChunk. table < 0: scores.csv, one row per report with
// its indicators score; else scores-<framework>.csv, one row per report that framework scored,
// with a column per node of that framework only (no empty columns of other frameworks).
void write_scores_csv(const View& v, std::string& out,
                      const std::function<void(std::string&)>& flush, int table) {
  const Evaluation& evaluation = v.eval;
  const Lang lang = v.lang();
  out += kBom;
  bool first = true;
  for (Msg m :
       {Msg::kColPath, Msg::kColStatusCode, Msg::kColStatus, Msg::kColUnit, Msg::kColLevel,
        Msg::kColLevelCode, Msg::kColProvince, Msg::kColYear, Msg::kColFramework, Msg::kColScore,
        Msg::kColMaxScore, Msg::kColRank, Msg::kColRankOf, Msg::kColPeerRank, Msg::kColPeerCount,
        Msg::kColRequiredMet, Msg::kColRequiredTotal}) {
    if (!first) out += ',';
    first = false;
    append_csv_field(out, msg(m, lang));
  }
  const Framework* fw = table >= 0 ? v.framework(table) : nullptr;
  if (fw)  // a column per node, named by its id (areas also by their title)
    for (std::size_t n = 1; n < fw->nodes.size(); ++n) {
      out += ',';
      const RuleNode& node = fw->nodes[n];
      append_csv_field(out, node.parent == 0 ? node.id + " " + node.title : node.id);
    }
  out += "\r\n";
  for (int r = 0; r < v.report_count(); ++r) {
    const ReportResult& rep = evaluation.reports[r];
    const int t = table >= 0 ? table : v.primary_table(r);
    const int row = t >= 0 ? v.row_of(r, t) : -1;
    if (table >= 0 && row < 0) continue;
    append_csv_field(out, rep.path);
    out += rep.failed ? ",failed," : ",ok,";
    append_csv_field(out, msg(rep.failed ? Msg::kStatusFailed : Msg::kStatusOk, lang));
    out += ',';
    append_csv_field(out, rep.meta.unit.value);
    out += ',';
    append_csv_field(out, level_label(rep.meta.level.value, lang));
    out += ',';
    append_csv_field(out, rep.meta.level.value);
    out += ',';
    append_csv_field(out, rep.meta.province.value);
    out += ',';
    if (rep.meta.year > 0) append_int(out, rep.meta.year);
    out += ',';
    if (t >= 0) append_csv_field(out, evaluation.tables[t].framework_id);
    if (row >= 0) {
      const UnitScore& u = evaluation.tables[t].units[row];
      out += ',';
      append_number(out, u.score, 2);
      out += ',';
      append_number(out, u.max_score, 2);
      for (long long n :
           {static_cast<long long>(u.rank),
            static_cast<long long>(evaluation.tables[t].units.size()),
            static_cast<long long>(u.peer_rank), static_cast<long long>(u.peer_count),
            static_cast<long long>(u.required_met), static_cast<long long>(u.required_total)}) {
        out += ',';
        append_int(out, n);
      }
    } else {
      out += ",,,,,,,,";
    }
    if (fw) {
      const auto& scores = evaluation.tables[t].units[row].node_scores;
      for (std::size_t n = 1; n < fw->nodes.size(); ++n) {
        out += ',';
        if (n < scores.size()) append_number(out, scores[n], 2);
      }
    }
    out += "\r\n";
    if (out.size() >= kWriteChunk) flush(out);
  }
}

// One report's rows at a time: a national run's evidence.csv is larger than memory should hold.
// The cells that repeat on every row of an item (framework, item id and title, required) are
// escaped once per run, those of a report (path, unit, year) once per report.
EvidenceCsvStream::EvidenceCsvStream(const View& view)
    : view_(view), leaf_cells_(static_cast<std::size_t>(view.table_count())) {
  // "framework,item,item_title,required," per table and leaf.
  for (int t = 0; t < view.table_count(); ++t) {
    const Framework* fw = view.framework(t);
    if (!fw) continue;
    for (std::size_t l = 0; l < fw->leaves.size(); ++l) {
      const RuleNode& node = fw->nodes[fw->leaves[l]];
      std::string cells;
      append_csv_field(cells, view.eval.tables[t].framework_id);
      cells += ',';
      append_csv_field(cells, node.id);
      cells += ',';
      append_csv_field(cells, node.title);
      cells += ',';
      append_csv_field(cells, msg(view.leaf_required(t, static_cast<int>(l)) ? Msg::kYes : Msg::kNo,
                                  view.lang()));
      cells += ',';
      leaf_cells_[t].push_back(std::move(cells));
    }
  }
}

void EvidenceCsvStream::head(std::string& out) const {
  out += kBom;
  bool first = true;
  for (Msg m :
       {Msg::kColPath, Msg::kColUnit, Msg::kColYear, Msg::kColFramework, Msg::kColItem,
        Msg::kColItemTitle, Msg::kColRequired, Msg::kColState, Msg::kColStateCode, Msg::kColReview,
        Msg::kColCredit, Msg::kColRole, Msg::kColRoleCode, Msg::kColLine, Msg::kColColumn,
        Msg::kColSection, Msg::kColTerms, Msg::kColMetrics, Msg::kColQuote}) {
    if (!first) out += ',';
    first = false;
    append_csv_field(out, msg(m, view_.lang()));
  }
  out += "\r\n";
}

void EvidenceCsvStream::add_report(int r, std::string& out) {
  const View& v = view_;
  const ReportResult& rep = v.eval.reports[r];
  if (v.rows_of(r).empty()) return;
  report_cells_.clear();  // "path,unit,year,"
  append_csv_field(report_cells_, rep.path);
  report_cells_ += ',';
  append_csv_field(report_cells_, rep.meta.unit.value);
  report_cells_ += ',';
  if (rep.meta.year > 0) append_int(report_cells_, rep.meta.year);
  report_cells_ += ',';
  for (const auto& ref : v.rows_of(r)) {
    const Framework* fw = v.framework(ref.table);
    if (!fw) continue;
    for (std::size_t l = 0; l < fw->leaves.size(); ++l) {
      const int leaf = static_cast<int>(l);
      const ItemEvidence* ev = v.item(r, ref.table, leaf);
      if (!ev || ev->quotes.empty()) continue;
      const ItemState st = v.state(ref.table, ref.row, leaf);
      const Lang lang = v.lang();
      // The auditors' decision on the item, as every other output shows it (docs/review.md).
      const ReviewMark* mark = review_mark(v, r, ref.table, leaf);
      const std::string review = mark ? review_line(*mark) : std::string();
      for (const auto& q : ev->quotes) {
        out += report_cells_;
        out += leaf_cells_[ref.table][l];
        append_csv_field(out, state_label(st, lang));
        out += ',';
        out += state_name(st);
        out += ',';
        append_csv_field(out, review);
        out += ',';
        append_csv_field(out, msg(q.credit ? Msg::kYes : Msg::kNo, lang));
        out += ',';
        append_csv_field(out, role_label(q.role, lang));
        out += ',';
        out += role_name(q.role);
        out += ',';
        append_int(out, q.line);
        out += ',';
        append_int(out, q.column);
        out += ',';
        append_csv_field(out, q.section_path);
        out += ',';
        joined_.clear();  // terms, then metrics, of the quote before escaping
        for (const auto& term : q.terms) {
          if (!joined_.empty()) joined_ += "; ";
          joined_ += term;
        }
        append_csv_field(out, joined_);
        out += ',';
        joined_.clear();
        for (const auto& m : q.metrics)
          fmt::format_to(std::back_inserter(joined_), "{}{}={}{}{}", joined_.empty() ? "" : "; ",
                         m.name, m.raw, m.unit, m.meets ? "" : msg(Msg::kBelowThreshold, lang));
        append_csv_field(out, joined_);
        out += ',';
        append_csv_field(out, q.text);
        out += "\r\n";
      }
    }
  }
}

}  // namespace reports_detail

std::string render_scores_csv(const Evaluation& evaluation, int table) {
  return reports_detail::scores_csv(View(evaluation), table);
}

std::string render_evidence_csv(const Evaluation& evaluation) {
  View v(evaluation);
  std::string out;
  reports_detail::EvidenceCsvStream(v).head(out);
  reports_detail::render_reports(evaluation, false, true, [&](std::string&, std::string& text) {
    out += text;
    return true;
  });
  return out;
}

}  // namespace indicheck
