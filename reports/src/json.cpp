// results.json: every fact of the run in one versioned document (docs/results-schema.md).
// Keys keep insertion order (ordered_json) so the file diffs cleanly between runs.
#include <functional>

#include <nlohmann/json.hpp>

#include "view.h"

namespace indicheck {

namespace {

using Json = nlohmann::ordered_json;
using reports_detail::View;
using reports_detail::round_to;

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

Json located(const Located& l) {
  Json j;
  j["value"] = l.value;
  j["line"] = l.line;
  j["source"] = l.source;
  return j;
}

const char* severity_name(Severity s) {
  return s == Severity::kError ? "error" : s == Severity::kWarning ? "warning" : "note";
}

Json diagnostics_json(const std::vector<Diagnostic>& diags) {
  Json arr = Json::array();
  for (const auto& d : diags) {
    Json j;
    j["severity"] = severity_name(d.severity);
    j["code"] = d.code;
    j["message"] = d.message;
    j["path"] = d.path;
    j["line"] = d.line;
    j["column"] = d.column;
    j["text"] = d.str();
    arr.push_back(std::move(j));
  }
  return arr;
}

Json quote_json(const Quote& q) {
  Json j;
  j["text"] = q.text;
  j["line"] = q.line;
  j["column"] = q.column;
  j["role"] = std::string(role_name(q.role));
  j["section_path"] = q.section_path;
  j["terms"] = q.terms;
  Json metrics = Json::array();
  for (const auto& m : q.metrics) {
    Json mj;
    mj["name"] = m.name;
    mj["value"] = m.value;
    mj["unit"] = m.unit;
    mj["raw"] = m.raw;
    mj["meets"] = m.meets;
    metrics.push_back(std::move(mj));
  }
  j["metrics"] = std::move(metrics);
  j["credit"] = q.credit;
  return j;
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
      nj["parent"] = node.parent < 0 ? Json(nullptr)
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

Json result_json(const View& v, int r, int t, int row) {
  const ScoreTable& table = v.eval.tables[t];
  const UnitScore& u = table.units[row];
  const Framework* fw = v.framework(t);
  Json j;
  j["framework"] = table.framework_id;
  j["score"] = round_to(u.score, 2);
  j["max_score"] = round_to(u.max_score, 2);
  j["rank"] = u.rank;
  j["rank_of"] = table.units.size();
  j["peer_rank"] = u.peer_rank;
  j["peer_count"] = u.peer_count;
  j["required_met"] = u.required_met;
  j["required_total"] = u.required_total;
  Json scores = Json::object();
  if (fw)
    for (std::size_t n = 0; n < fw->nodes.size() && n < u.node_scores.size(); ++n) {
      const std::string id = n == 0 ? table.framework_id : fw->nodes[n].id;
      scores[id] = u.node_scores[n] < 0 ? Json(nullptr) : Json(round_to(u.node_scores[n], 2));
    }
  j["node_scores"] = std::move(scores);
  Json items = Json::array();
  if (fw)
    for (std::size_t l = 0; l < fw->leaves.size(); ++l) {
      const int leaf = static_cast<int>(l);
      const RuleNode& node = fw->nodes[fw->leaves[l]];
      const ItemEvidence* ev = v.item(r, t, leaf);
      Json ij;
      ij["id"] = node.id;
      ij["title"] = node.title;
      ij["required"] = v.leaf_required(t, leaf);
      ij["state"] = std::string(state_name(v.state(t, row, leaf)));
      ij["evidence_state"] = ev ? Json(std::string(state_name(ev->state))) : Json(nullptr);
      ij["points_at_stake"] = round_to(v.points_at_stake(t, leaf), 4);
      ij["reason"] = ev ? ev->reason : "";
      ij["rule"] = reports_detail::rule_location(node);
      Json quotes = Json::array();
      if (ev)
        for (const auto& q : ev->quotes) quotes.push_back(quote_json(q));
      ij["quotes"] = std::move(quotes);
      items.push_back(std::move(ij));
    }
  j["items"] = std::move(items);
  return j;
}

}  // namespace

namespace reports_detail {

// Streams results.json: the head (run, profiles, frameworks) is one small document; each report
// is built, dumped and dropped in turn, so memory holds one report's JSON at a time even for a
// national corpus. The text is the same as dumping the whole document with indent 2.
void write_results_json(const View& v, const std::function<void(std::string_view)>& sink) {
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

  // Head: every key but "reports", without its closing brace.
  std::string head = dump_indented(root, 0);
  head.resize(head.size() - 2);  // drop "\n}"
  sink(head);
  if (v.report_count() == 0) {
    sink(",\n  \"reports\": []\n}\n");
    return;
  }
  sink(",\n  \"reports\": [\n");
  for (int r = 0; r < v.report_count(); ++r) {
    const ReportResult& rep = evaluation.reports[r];
    v.load(r);
    Json rj;
    rj["path"] = rep.path;
    rj["status"] = rep.failed ? "failed" : "ok";
    const std::string stem = v.gap_stem(r);
    rj["gap_report"] = stem.empty() ? Json(nullptr) : Json("gaps/" + stem + ".html");
    rj["diagnostics"] = diagnostics_json(rep.diagnostics);
    Json meta;
    meta["unit"] = located(rep.meta.unit);
    meta["level"] = located(rep.meta.level);
    meta["province"] = located(rep.meta.province);
    meta["year"] = rep.meta.year;
    meta["year_found"] = located(rep.meta.year_found);
    meta["published"] = located(rep.meta.published);
    meta["doc_number"] = located(rep.meta.doc_number);
    meta["encoding"] = rep.meta.encoding;
    meta["traditional"] = rep.meta.traditional;
    rj["meta"] = std::move(meta);
    Json results = Json::array();
    for (const auto& ref : v.rows_of(r)) results.push_back(result_json(v, r, ref.table, ref.row));
    rj["results"] = std::move(results);
    sink("    " + dump_indented(rj, 4) + (r + 1 < v.report_count() ? ",\n" : "\n"));
  }
  sink("  ]\n}\n");
}

}  // namespace reports_detail

std::string render_results_json(const Evaluation& evaluation) {
  View v(evaluation);
  std::string out;
  reports_detail::write_results_json(v, [&](std::string_view chunk) { out += chunk; });
  return out;
}

}  // namespace indicheck
