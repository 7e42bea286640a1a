// results.json: every fact of the run in one versioned document (docs/results-schema.md).
// Keys keep insertion order (ordered_json) so the file diffs cleanly between runs.
#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "json_writer.h"
#include "view.h"

namespace indicheck {

namespace {

using Json = nlohmann::ordered_json;
using reports_detail::JsonWriter;
using reports_detail::kWriteChunk;
using reports_detail::round_to;
using reports_detail::View;

// dump(2) of a value nested `depth` spaces deep. JSON strings hold no raw newline (they are
// escaped), so indenting after every newline is exact. Invalid UTF-8 in report text is
// replaced, never a throw: a stray byte must not lose a run.
std::string dump_indented(const Json& value, int depth) {
  const std::string text = value.dump(2, ' ', false, Json::error_handler_t::replace);
  if (depth == 0) return text;
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  const std::string pad(static_cast<std::size_t>(depth), ' ');
  for (char c : text) {
    out += c;
    if (c == '\n') out += pad;
  }
  return out;
}

const char* severity_name(Severity s) {
  return s == Severity::kError ? "error" : s == Severity::kWarning ? "warning" : "note";
}

Json framework_json(const View& v, int t) {
  const ScoreTable& table = v.eval.tables[t];
  const Framework* fw = v.framework(t);
  Json j;
  j["id"] = table.framework_id;
  j["title"] = fw ? fw->title : "";
  j["edition"] = fw ? fw->edition : "";
  j["kind"] = fw ? fw->kind : "";
  j["years"] = Json::array({fw ? fw->year_from : 0, fw ? fw->year_to : 0});
  j["model"] = std::string(v.eval.facts.model.empty() ? "hierarchical" : v.eval.facts.model);
  j["partial_credit"] = round_to(table.partial_credit, 4);
  j["applied_overrides"] = table.applied_overrides;
  Json nodes = Json::array();
  if (fw) {
    std::vector<double> global(fw->nodes.size(), -1.0);
    for (std::size_t l = 0; l < fw->leaves.size(); ++l)
      global[fw->leaves[l]] = v.points_at_stake(t, static_cast<int>(l)) / 100.0;
    for (std::size_t n = 0; n < fw->nodes.size(); ++n) {
      const RuleNode& node = fw->nodes[n];
      Json nj;
      nj["id"] = n == 0 ? table.framework_id : node.id;
      nj["title"] = n == 0 ? fw->title : node.title;
      nj["parent"] = node.parent < 0    ? Json(nullptr)
                     : node.parent == 0 ? Json(table.framework_id)
                                        : Json(fw->nodes[node.parent].id);
      nj["leaf"] = node.is_leaf();
      nj["weight"] = round_to(v.node_weight(t, static_cast<int>(n)), 6);
      const auto& req = table.node_required;
      nj["required"] = n < req.size() ? static_cast<bool>(req[n]) : node.required;
      nj["included"] = v.node_included(t, static_cast<int>(n));
      nj["global_weight"] = global[n] < 0 ? Json(nullptr) : Json(round_to(global[n], 6));
      nj["rule"] = reports_detail::rule_location(node);
      nodes.push_back(std::move(nj));
    }
  }
  j["nodes"] = std::move(nodes);
  return j;
}

// What every report's results repeat for one table, escaped and formatted once per run instead
// of once per report: with 147 leaves a report, the ids, titles, rule locations and points at
// stake are most of results.json's keys and values that do not come from the report itself.
struct TableText {
  struct Leaf {
    std::string id, title, rule;  // JSON string literals
    std::string points_at_stake;  // JSON number
    bool required = false;
  };
  std::string framework_id;  // JSON string literal
  std::vector<Leaf> leaves;
  // "node_scores" keys in node order (the root is named after the framework). When two nodes
  // share an id, ordered_json would keep the first key's place with the last node's value; such
  // a table is written through nlohmann instead (never the case for validated rules).
  std::vector<std::string> node_keys;
  bool node_keys_unique = true;
};

TableText table_text(const View& v, int t) {
  const ScoreTable& table = v.eval.tables[t];
  const Framework* fw = v.framework(t);
  TableText text;
  reports_detail::append_json_string(text.framework_id, table.framework_id);
  if (!fw) return text;
  for (std::size_t l = 0; l < fw->leaves.size(); ++l) {
    const int leaf = static_cast<int>(l);
    const RuleNode& node = fw->nodes[fw->leaves[l]];
    TableText::Leaf out;
    reports_detail::append_json_string(out.id, node.id);
    reports_detail::append_json_string(out.title, node.title);
    reports_detail::append_json_string(out.rule, reports_detail::rule_location(node));
    reports_detail::append_json_double(out.points_at_stake,
                                       round_to(v.points_at_stake(t, leaf), 4));
    out.required = v.leaf_required(t, leaf);
    text.leaves.push_back(std::move(out));
  }
  std::set<std::string_view> seen;
  for (std::size_t n = 0; n < fw->nodes.size(); ++n) {
    const std::string& id = n == 0 ? table.framework_id : fw->nodes[n].id;
    text.node_keys_unique = seen.insert(id).second && text.node_keys_unique;
    std::string key;
    reports_detail::append_json_string(key, id);
    text.node_keys.push_back(std::move(key));
  }
  return text;
}

void write_located(JsonWriter& w, const Located& l) {
  w.begin_object();
  w.key("value");
  w.string(l.value);
  w.key("line");
  w.integer(l.line);
  w.key("source");
  w.string(l.source);
  w.end_object();
}

void write_quote(JsonWriter& w, const Quote& q) {
  w.begin_object();
  w.key("text");
  w.string(q.text);
  w.key("line");
  w.integer(q.line);
  w.key("column");
  w.integer(q.column);
  if (q.page) {  // PDF: the printed page and line ("p3:12")
    w.key("page");
    w.integer(q.page);
    w.key("page_line");
    w.integer(q.page_line);
  }
  if (q.ocr) {
    w.key("ocr");
    w.boolean(true);
  }
  w.key("role");
  w.string(role_name(q.role));
  w.key("section_path");
  w.string(q.section_path);
  w.key("terms");
  w.begin_array();
  for (const auto& term : q.terms) w.string(term);
  w.end_array();
  w.key("metrics");
  w.begin_array();
  for (const auto& m : q.metrics) {
    w.begin_object();
    w.key("name");
    w.string(m.name);
    w.key("value");
    w.number(m.value);
    w.key("unit");
    w.string(m.unit);
    w.key("raw");
    w.string(m.raw);
    w.key("meets");
    w.boolean(m.meets);
    w.end_object();
  }
  w.end_array();
  w.key("credit");
  w.boolean(q.credit);
  if (q.gate >= 0) {  // only when the rules ran with the evidence gate
    w.key("gate");    // the float's shortest text: `render` reads back the very value
    w.raw(fmt::format("{}", q.gate));
  }
  w.end_object();
}

// "near_misses": sentences that came closest to a missing or partial item.
void write_near_misses(JsonWriter& w, const ItemEvidence& ev) {
  w.key("near_misses");
  w.begin_array();
  for (const auto& m : ev.near_misses) {
    w.begin_object();
    w.key("text");
    w.string(m.text);
    w.key("line");
    w.integer(m.line);
    w.key("column");
    w.integer(m.column);
    w.key("role");
    w.string(role_name(m.role));
    w.key("section");
    w.string(m.section_path);
    w.key("selections_present");
    w.integer(m.present);
    w.key("selections_total");
    w.integer(m.total);
    w.key("lacking");
    w.string(m.lacking);
    w.end_object();
  }
  w.end_array();
}

// "review": the auditor's decision applied to the item (state is the reviewed one).
void write_review(JsonWriter& w, const ReviewMark& m) {
  w.key("review");
  w.begin_object();
  w.key("machine_state");
  w.string(state_name(m.machine));
  w.key("reviewed_state");
  w.string(state_name(m.reviewed));
  w.key("note");
  w.string(m.note);
  w.key("reviewer");
  w.string(m.reviewer);
  w.key("date");
  w.string(m.date);
  w.key("stale_report");
  w.boolean(m.stale_report);
  w.key("stale_rule");
  w.boolean(m.stale_rule);
  w.key("source");
  w.string(fmt::format("{}:{}", m.location.path, m.location.line));
  w.end_object();
}

// One element of a report's "results": the unit's scores in table t and every leaf's state
// and quotes.
void write_result(JsonWriter& w, const View& v, const TableText& text, int r, int t, int row) {
  const ScoreTable& table = v.eval.tables[t];
  const UnitScore& u = table.units[row];
  const Framework* fw = v.framework(t);
  w.begin_object();
  w.key("framework");
  w.raw(text.framework_id);
  w.key("score");
  w.number(round_to(u.score, 2));
  w.key("max_score");
  w.number(round_to(u.max_score, 2));
  w.key("rank");
  w.integer(u.rank);
  w.key("rank_of");
  w.integer(table.units.size());
  w.key("peer_rank");
  w.integer(u.peer_rank);
  w.key("peer_count");
  w.integer(u.peer_count);
  w.key("required_met");
  w.integer(u.required_met);
  w.key("required_total");
  w.integer(u.required_total);
  w.key("node_scores");
  const std::size_t scored = fw ? std::min(fw->nodes.size(), u.node_scores.size()) : 0;
  if (text.node_keys_unique) {
    w.begin_object();
    for (std::size_t n = 0; n < scored; ++n) {
      w.escaped_key(text.node_keys[n]);
      if (u.node_scores[n] < 0)
        w.null();
      else
        w.number(round_to(u.node_scores[n], 2));
    }
    w.end_object();
  } else {
    Json scores = Json::object();
    for (std::size_t n = 0; n < scored; ++n) {
      const std::string id = n == 0 ? table.framework_id : fw->nodes[n].id;
      scores[id] = u.node_scores[n] < 0 ? Json(nullptr) : Json(round_to(u.node_scores[n], 2));
    }
    w.raw(dump_indented(scores, w.indent()));
  }
  w.key("items");
  w.begin_array();
  for (std::size_t l = 0; l < text.leaves.size(); ++l) {
    const int leaf = static_cast<int>(l);
    const TableText::Leaf& lt = text.leaves[l];
    const ItemEvidence* ev = v.item(r, t, leaf);
    w.begin_object();
    w.key("id");
    w.raw(lt.id);
    w.key("title");
    w.raw(lt.title);
    w.key("required");
    w.boolean(lt.required);
    w.key("state");
    w.string(state_name(v.state(t, row, leaf)));
    w.key("evidence_state");
    if (ev)
      w.string(state_name(ev->state));
    else
      w.null();
    w.key("points_at_stake");
    w.raw(lt.points_at_stake);
    // The reason in words (the run's language) and as the matcher gave it (code + arguments).
    const Framework* fw = v.framework(t);
    const RuleNode* node = fw ? &fw->nodes[fw->leaves[l]] : nullptr;
    w.key("reason");
    w.string(ev && node ? reason_text(ev->reason, *node, v.lang()) : std::string());
    w.key("reason_code");
    if (ev) {
      w.begin_object();
      w.key("code");
      w.string(reason_code_name(ev->reason.code));
      w.key("role");
      w.string(role_name(ev->reason.role));
      w.key("line");
      w.integer(ev->reason.line);
      w.key("column");
      w.integer(ev->reason.column);
      w.key("args");
      w.begin_array();
      for (const auto& a : ev->reason.args) w.string(a);
      w.end_array();
      w.end_object();
    } else {
      w.null();
    }
    w.key("rule");
    w.raw(lt.rule);
    w.key("quotes");
    w.begin_array();
    if (ev)
      for (const auto& q : ev->quotes) write_quote(w, q);
    w.end_array();
    if (ev && !ev->near_misses.empty()) write_near_misses(w, *ev);
    if (const ReviewMark* m = v.eval.reports[static_cast<std::size_t>(r)].review(
            v.eval.tables[static_cast<std::size_t>(t)].framework_id, leaf))
      write_review(w, *m);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

// One element of "reports", written at 4 spaces (the caller writes the first line's indent).
void write_report(JsonWriter& w, const View& v, const std::vector<TableText>& tables, int r) {
  const ReportResult& rep = v.eval.reports[r];
  w.begin_object();
  w.key("path");
  w.string(rep.path);
  w.key("status");
  w.string(rep.failed ? "failed" : "ok");
  w.key("gap_report");
  const std::string stem = v.gap_stem(r);
  if (stem.empty())
    w.null();
  else
    w.string("gaps/" + stem + ".html");
  w.key("content_hash");
  w.string(rep.content_hash);
  w.key("diagnostics");
  w.begin_array();
  for (const auto& d : rep.diagnostics) {
    w.begin_object();
    w.key("severity");
    w.string(severity_name(d.severity));
    w.key("code");
    w.string(d.code);
    w.key("message");
    w.string(d.message);
    w.key("path");
    w.string(d.path);
    w.key("line");
    w.integer(d.line);
    w.key("column");
    w.integer(d.column);
    w.key("text");
    w.string(d.str());
    w.end_object();
  }
  w.end_array();
  const Metadata& meta = rep.meta;
  w.key("meta");
  w.begin_object();
  w.key("unit");
  write_located(w, meta.unit);
  w.key("level");
  write_located(w, meta.level);
  w.key("province");
  write_located(w, meta.province);
  w.key("year");
  w.integer(meta.year);
  w.key("year_found");
  write_located(w, meta.year_found);
  w.key("published");
  write_located(w, meta.published);
  w.key("doc_number");
  write_located(w, meta.doc_number);
  w.key("format");
  w.string(meta.format);
  w.key("encoding");
  w.string(meta.encoding);
  w.key("traditional");
  w.boolean(meta.traditional);
  w.end_object();
  if (static_cast<std::size_t>(r) < v.eval.previous.size() && v.eval.previous[r].year != 0) {
    const PreviousYear& p = v.eval.previous[r];  // from --history
    w.key("previous_year");
    w.begin_object();
    w.key("year");
    w.integer(p.year);
    w.key("framework");
    w.string(p.framework);
    w.key("score");
    w.number(p.score);
    w.key("rank");
    w.integer(p.rank);
    w.key("units");
    w.integer(p.units);
    w.key("run");
    w.integer(p.run);
    w.end_object();
  }
  w.key("results");
  w.begin_array();
  for (const auto& ref : v.rows_of(r)) write_result(w, v, tables[ref.table], r, ref.table, ref.row);
  w.end_array();
  w.end_object();
}

}  // namespace

namespace reports_detail {

// results.json in pieces: the head (run, profiles, frameworks) is one small document built
// with nlohmann and dumped once; each report is then written by JsonWriter straight into the
// output buffer, so memory holds about one chunk of text at a time even for a national corpus.
// The text is the same as dumping the whole document with indent 2 (tests/reports checks both
// against nlohmann).
struct ResultsJsonStream::Tables {
  std::vector<TableText> tables;
};

ResultsJsonStream::ResultsJsonStream(const View& view) : view_(view), tables_(new Tables) {
  for (int t = 0; t < view.table_count(); ++t) tables_->tables.push_back(table_text(view, t));
}

ResultsJsonStream::~ResultsJsonStream() = default;

void ResultsJsonStream::head(std::string& out) const {
  const View& v = view_;
  const Evaluation& evaluation = v.eval;
  const RunFacts& f = evaluation.facts;
  Json root;
  root["schema"] = std::string(kResultsSchema);
  Json run;
  run["tool_version"] = f.tool_version;
  run["date"] = f.date;
  run["rules_hash"] = f.rules_hash;
  run["rules_paths"] = f.rules_paths;
  run["profile_path"] = f.profile_path;
  run["model"] = f.model;
  run["partial_credit"] = f.partial_credit;
  run["max_quotes"] = f.max_quotes;
  if (!f.gate.empty()) run["evidence_gate"] = f.gate;
  if (!f.manifest_path.empty()) run["manifest_path"] = f.manifest_path;
  if (!f.review_path.empty()) run["review_path"] = f.review_path;
  run["lang"] = std::string(lang_code(f.lang));
  run["gap_reports_max"] = evaluation.gap_reports_max;
  run["gap_units"] = evaluation.gap_units;
  run["inputs"] = f.inputs;
  run["report_count"] = evaluation.reports.size();
  int failed = 0;
  for (const auto& rep : evaluation.reports) failed += rep.failed ? 1 : 0;
  run["failed_count"] = failed;
  root["run"] = std::move(run);

  Json profiles = Json::array();
  if (evaluation.rules)
    for (const auto& p : evaluation.rules->profiles) {
      Json pj;
      pj["id"] = p.id;
      pj["title"] = p.title;
      pj["framework"] = p.framework;
      pj["partial_credit"] = p.partial_credit ? Json(*p.partial_credit) : Json(nullptr);
      pj["select"] = p.select;
      pj["deselect"] = p.deselect;
      Json w = Json::object();
      for (const auto& [id, weight] : p.weights) w[id] = weight;
      pj["weights"] = std::move(w);
      Json req = Json::object();
      for (const auto& [id, flag] : p.required) req[id] = flag;
      pj["required"] = std::move(req);
      Json waivers = Json::array();
      for (const auto& wv : p.waivers) {
        Json wj;
        wj["unit"] = wv.unit;
        wj["item"] = wv.item;
        wj["justification"] = wv.justification;
        wj["expires"] = wv.expires;
        waivers.push_back(std::move(wj));
      }
      pj["waivers"] = std::move(waivers);
      profiles.push_back(std::move(pj));
    }
  root["profiles"] = std::move(profiles);

  Json frameworks = Json::array();
  for (int t = 0; t < v.table_count(); ++t) frameworks.push_back(framework_json(v, t));
  root["frameworks"] = std::move(frameworks);

  // Every key but "reports", without its closing brace.
  std::string text = dump_indented(root, 0);
  text.resize(text.size() - 2);  // drop "\n}"
  out += text;
  out += v.report_count() == 0 ? ",\n  \"reports\": []" : ",\n  \"reports\": [\n";
}

void ResultsJsonStream::add_report(int report, std::string& out) {
  out += "    ";
  JsonWriter w(out, 4);
  write_report(w, view_, tables_->tables, report);
  out += report + 1 < view_.report_count() ? ",\n" : "\n";
}

void ResultsJsonStream::finish(std::string& out) const {
  out += view_.report_count() == 0 ? "\n}\n" : "  ]\n}\n";
}

}  // namespace reports_detail

std::string render_results_json(const Evaluation& evaluation) {
  View v(evaluation);
  const reports_detail::ResultsJsonStream json(v);
  std::string out;
  json.head(out);
  reports_detail::render_reports(evaluation, true, false, [&](std::string& text, std::string&) {
    out += text;
    return true;
  });
  json.finish(out);
  return out;
}

}  // namespace indicheck
