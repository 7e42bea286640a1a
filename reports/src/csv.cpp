// scores.csv and evidence.csv, for Excel and WPS: UTF-8 with a byte-order mark (without it both
// read the file as GBK and Chinese turns to mojibake), CRLF line ends, RFC 4180 quoting.
#include <fmt/format.h>

#include <functional>

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

void append_header(std::string& out, std::initializer_list<std::string_view> names) {
  bool first = true;
  for (std::string_view name : names) {
    if (!first) out += ',';
    first = false;
    out += name;
  }
}

}  // namespace

namespace reports_detail {

std::string scores_csv(const View& v) {
  std::string out;
  write_scores_csv(v, out, [](std::string&) {});
  return out;
}

// Row by row: a national run has one row per report (73,000 rows are ~60 MB), handed to
// `flush` whenever the text passes kWriteChunk.
void write_scores_csv(const View& v, std::string& out,
                      const std::function<void(std::string&)>& flush) {
  const Evaluation& evaluation = v.eval;
  out += kBom;
  append_header(out, {"path", "status", "unit", "level", "province", "year", "framework", "score",
                      "max_score", "rank", "rank_of", "peer_rank", "peer_count", "required_met",
                      "required_total"});
  // One column per node of every framework scored, named framework:node-id, so one file holds
  // indicators and report-structure alike; a row leaves other frameworks' columns empty.
  struct Column {
    int table;
    std::size_t node;
  };
  std::vector<Column> columns;
  for (int t = 0; t < v.table_count(); ++t) {
    const Framework* fw = v.framework(t);
    if (!fw) continue;
    for (std::size_t n = 1; n < fw->nodes.size(); ++n) {
      columns.push_back({t, n});
      out += ',';
      append_csv_field(out, evaluation.tables[t].framework_id + ":" + fw->nodes[n].id);
    }
  }
  out += "\r\n";
  for (int r = 0; r < v.report_count(); ++r) {
    const ReportResult& rep = evaluation.reports[r];
    const int t = v.primary_table(r);
    const int row = t >= 0 ? v.row_of(r, t) : -1;
    append_csv_field(out, rep.path);
    out += rep.failed ? ",failed," : ",ok,";
    append_csv_field(out, rep.meta.unit.value);
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
    for (const auto& c : columns) {
      out += ',';
      const int crow = v.row_of(r, c.table);
      if (crow < 0) continue;
      const auto& scores = evaluation.tables[c.table].units[crow].node_scores;
      if (c.node < scores.size()) append_number(out, scores[c.node], 2);
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
      cells += view.leaf_required(t, static_cast<int>(l)) ? ",yes," : ",no,";
      leaf_cells_[t].push_back(std::move(cells));
    }
  }
}

void EvidenceCsvStream::head(std::string& out) const {
  out += kBom;
  append_header(out,
                {"path", "unit", "year", "framework", "item", "item_title", "required", "state",
                 "credit", "role", "line", "column", "section_path", "terms", "metrics", "quote"});
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
      const std::string_view state = state_name(v.state(ref.table, ref.row, leaf));
      for (const auto& q : ev->quotes) {
        out += report_cells_;
        out += leaf_cells_[ref.table][l];
        out += state;
        out += q.credit ? ",yes," : ",no,";
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
                         m.name, m.raw, m.unit, m.meets ? "" : " (below threshold)");
        append_csv_field(out, joined_);
        out += ',';
        append_csv_field(out, q.text);
        out += "\r\n";
      }
    }
  }
}

}  // namespace reports_detail

std::string render_scores_csv(const Evaluation& evaluation) {
  return reports_detail::scores_csv(View(evaluation));
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
