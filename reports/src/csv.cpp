// scores.csv and evidence.csv, for Excel and WPS: UTF-8 with a byte-order mark (without it both
// read the file as GBK and Chinese turns to mojibake), CRLF line ends, RFC 4180 quoting.
#include <functional>

#include <fmt/format.h>

#include "view.h"

namespace indicheck {

namespace {

using reports_detail::csv_field;
using reports_detail::View;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

void add_row(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    out += cells[i];
  }
  out += "\r\n";
}

std::string number(double value, int digits) {
  if (value < 0) return "";
  return fmt::format("{:.{}f}", reports_detail::round_to(value, digits), digits);
}

}  // namespace

std::string render_scores_csv(const Evaluation& evaluation) {
  View v(evaluation);
  std::string out(kBom);
  std::vector<std::string> header = {"path",  "status",          "unit",      "level",
                                     "province", "year",         "framework", "score",
                                     "max_score", "rank",        "rank_of",   "peer_rank",
                                     "peer_count", "required_met", "required_total"};
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
      header.push_back(csv_field(evaluation.tables[t].framework_id + ":" + fw->nodes[n].id));
    }
  }
  add_row(out, header);
  for (int r = 0; r < v.report_count(); ++r) {
    const ReportResult& rep = evaluation.reports[r];
    const int t = v.primary_table(r);
    const int row = t >= 0 ? v.row_of(r, t) : -1;
    std::vector<std::string> cells = {
        csv_field(rep.path),
        rep.failed ? "failed" : "ok",
        csv_field(rep.meta.unit.value),
        csv_field(rep.meta.level.value),
        csv_field(rep.meta.province.value),
        rep.meta.year > 0 ? std::to_string(rep.meta.year) : "",
        t >= 0 ? csv_field(evaluation.tables[t].framework_id) : ""};
    if (row >= 0) {
      const UnitScore& u = evaluation.tables[t].units[row];
      cells.push_back(number(u.score, 2));
      cells.push_back(number(u.max_score, 2));
      cells.push_back(std::to_string(u.rank));
      cells.push_back(std::to_string(evaluation.tables[t].units.size()));
      cells.push_back(std::to_string(u.peer_rank));
      cells.push_back(std::to_string(u.peer_count));
      cells.push_back(std::to_string(u.required_met));
      cells.push_back(std::to_string(u.required_total));
    } else {
      cells.resize(cells.size() + 8);
    }
    for (const auto& c : columns) {
      const int crow = v.row_of(r, c.table);
      const auto& scores = crow >= 0 ? evaluation.tables[c.table].units[crow].node_scores
                                     : std::vector<double>{};
      cells.push_back(c.node < scores.size() ? number(scores[c.node], 2) : "");
    }
    add_row(out, cells);
  }
  return out;
}

namespace reports_detail {

// One report's rows at a time: a national run's evidence.csv is larger than memory should hold.
void write_evidence_csv(const View& v, const std::function<void(std::string_view)>& sink) {
  const Evaluation& evaluation = v.eval;
  std::string out(kBom);
  add_row(out, {"path", "unit", "year", "framework", "item", "item_title", "required", "state",
                "credit", "role", "line", "column", "section_path", "terms", "metrics",
                "quote"});
  for (int r = 0; r < v.report_count(); ++r) {
    const ReportResult& rep = evaluation.reports[r];
    if (!v.rows_of(r).empty()) v.load(r);
    for (const auto& ref : v.rows_of(r)) {
      const Framework* fw = v.framework(ref.table);
      if (!fw) continue;
      for (std::size_t l = 0; l < fw->leaves.size(); ++l) {
        const int leaf = static_cast<int>(l);
        const ItemEvidence* ev = v.item(r, ref.table, leaf);
        if (!ev) continue;
        const RuleNode& node = fw->nodes[fw->leaves[l]];
        for (const auto& q : ev->quotes) {
          std::string terms;
          for (const auto& term : q.terms) terms += (terms.empty() ? "" : "; ") + term;
          std::string metrics;
          for (const auto& m : q.metrics)
            metrics += fmt::format("{}{}={}{}{}", metrics.empty() ? "" : "; ", m.name, m.raw,
                                   m.unit, m.meets ? "" : " (below threshold)");
          add_row(out, {csv_field(rep.path), csv_field(rep.meta.unit.value),
                        rep.meta.year > 0 ? std::to_string(rep.meta.year) : "",
                        csv_field(evaluation.tables[ref.table].framework_id), csv_field(node.id),
                        csv_field(node.title), v.leaf_required(ref.table, leaf) ? "yes" : "no",
                        std::string(state_name(v.state(ref.table, ref.row, leaf))),
                        q.credit ? "yes" : "no", std::string(role_name(q.role)),
                        std::to_string(q.line), std::to_string(q.column),
                        csv_field(q.section_path), csv_field(terms), csv_field(metrics),
                        csv_field(q.text)});
        }
      }
    }
    sink(out);
    out.clear();
  }
  if (!out.empty()) sink(out);
}

}  // namespace reports_detail

std::string render_evidence_csv(const Evaluation& evaluation) {
  View v(evaluation);
  std::string out;
  reports_detail::write_evidence_csv(v, [&](std::string_view chunk) { out += chunk; });
  return out;
}

}  // namespace indicheck
