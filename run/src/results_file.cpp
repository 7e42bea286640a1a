// results.json → Evaluation (indicheck/results_file.h): the reader `render` needs. Every value
// is checked for its type and range; a file that is not a results.json of this schema is one
// error naming the file (and the JSON key or line:column), never a crash.
#include "indicheck/results_file.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "indicheck/scoring.h"

namespace indicheck {

namespace {

using Json = nlohmann::json;

// A value of the wrong type or out of range: its JSON key, for the message.
struct BadValue : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const Json& member(const Json& object, const char* key, const std::string& where) {
  if (!object.is_object()) throw BadValue(fmt::format("{} is not an object", where));
  const auto it = object.find(key);
  if (it == object.end()) throw BadValue(fmt::format("{} has no \"{}\"", where, key));
  return *it;
}

std::string text(const Json& object, const char* key, const std::string& where) {
  const Json& v = member(object, key, where);
  if (!v.is_string()) throw BadValue(fmt::format("{}.{} is not a string", where, key));
  return v.get<std::string>();
}

// An optional string member: "" when absent.
std::string text_or(const Json& object, const char* key, const std::string& where) {
  return object.contains(key) ? text(object, key, where) : std::string();
}

std::int64_t integer(const Json& object, const char* key, const std::string& where,
                     std::int64_t low = 0, std::int64_t high = INT32_MAX) {
  const Json& v = member(object, key, where);
  if (!v.is_number_integer() || v.get<std::int64_t>() < low || v.get<std::int64_t>() > high)
    throw BadValue(fmt::format("{}.{} is not a whole number from {} to {}", where, key, low, high));
  return v.get<std::int64_t>();
}

double number(const Json& object, const char* key, const std::string& where) {
  const Json& v = member(object, key, where);
  if (!v.is_number()) throw BadValue(fmt::format("{}.{} is not a number", where, key));
  return v.get<double>();
}

bool flag(const Json& object, const char* key, const std::string& where) {
  const Json& v = member(object, key, where);
  if (!v.is_boolean()) throw BadValue(fmt::format("{}.{} is not true or false", where, key));
  return v.get<bool>();
}

const Json& array(const Json& object, const char* key, const std::string& where) {
  const Json& v = member(object, key, where);
  if (!v.is_array()) throw BadValue(fmt::format("{}.{} is not an array", where, key));
  return v;
}

std::vector<std::string> strings(const Json& object, const char* key, const std::string& where) {
  std::vector<std::string> out;
  for (const auto& s : array(object, key, where)) {
    if (!s.is_string())
      throw BadValue(fmt::format("{}.{} holds a value that is not a string", where, key));
    out.push_back(s.get<std::string>());
  }
  return out;
}

ItemState state_of(const Json& object, const char* key, const std::string& where) {
  const std::string name = text(object, key, where);
  for (int s = 0; s <= static_cast<int>(ItemState::kWaived); ++s)
    if (state_name(static_cast<ItemState>(s)) == name) return static_cast<ItemState>(s);
  throw BadValue(fmt::format("{}.{} is not a state: \"{}\"", where, key, name));
}

Role role_of(const Json& object, const char* key, const std::string& where) {
  const std::string name = text(object, key, where);
  if (const auto role = role_from_name(name)) return *role;
  throw BadValue(fmt::format("{}.{} is not a role: \"{}\"", where, key, name));
}

Located located(const Json& object, const char* key, const std::string& where) {
  const Json& v = member(object, key, where);
  const std::string at = where + "." + key;
  return {text(v, "value", at), static_cast<std::uint32_t>(integer(v, "line", at)),
          text(v, "source", at)};
}

Diagnostic diagnostic(const Json& d, const std::string& where) {
  Diagnostic out;
  const std::string severity = text(d, "severity", where);
  out.severity = severity == "error"     ? Severity::kError
                 : severity == "warning" ? Severity::kWarning
                                         : Severity::kNote;
  out.code = text(d, "code", where);
  out.message = text(d, "message", where);
  out.path = text(d, "path", where);
  out.line = static_cast<std::uint32_t>(integer(d, "line", where));
  out.column = static_cast<std::uint32_t>(integer(d, "column", where));
  return out;
}

Quote quote(const Json& q, const std::string& where) {
  Quote out;
  out.text = text(q, "text", where);
  out.line = static_cast<std::uint32_t>(integer(q, "line", where));
  out.column = static_cast<std::uint32_t>(integer(q, "column", where));
  if (q.contains("page")) {
    out.page = static_cast<std::uint32_t>(integer(q, "page", where));
    out.page_line = static_cast<std::uint32_t>(integer(q, "page_line", where));
  }
  out.ocr = q.contains("ocr") && flag(q, "ocr", where);
  out.role = role_of(q, "role", where);
  out.section_path = text(q, "section_path", where);
  out.terms = strings(q, "terms", where);
  for (const auto& m : array(q, "metrics", where)) {
    const std::string at = where + ".metrics";
    out.metrics.push_back({text(m, "name", at), number(m, "value", at), text(m, "unit", at),
                           text(m, "raw", at), flag(m, "meets", at)});
  }
  out.credit = flag(q, "credit", where);
  if (q.contains("gate")) out.gate = static_cast<float>(number(q, "gate", where));
  return out;
}

Reason reason(const Json& r, const std::string& where) {
  Reason out;
  const std::string code = text(r, "code", where);
  if (!reason_code_from_name(code, out.code))
    throw BadValue(fmt::format("{}.code is not a reason code: \"{}\"", where, code));
  out.role = role_of(r, "role", where);
  out.line = static_cast<std::uint32_t>(integer(r, "line", where));
  out.column = static_cast<std::uint32_t>(integer(r, "column", where));
  out.args = strings(r, "args", where);
  return out;
}

NearMiss near_miss(const Json& m, const std::string& where) {
  NearMiss out;
  out.text = text(m, "text", where);
  out.line = static_cast<std::uint32_t>(integer(m, "line", where));
  out.column = static_cast<std::uint32_t>(integer(m, "column", where));
  out.role = role_of(m, "role", where);
  out.section_path = text(m, "section", where);
  out.present = static_cast<std::uint16_t>(integer(m, "selections_present", where, 0, 65535));
  out.total = static_cast<std::uint16_t>(integer(m, "selections_total", where, 0, 65535));
  out.lacking = text(m, "lacking", where);
  return out;
}

ReviewMark review_mark(const Json& m, const std::string& framework, int leaf,
                       const std::string& where) {
  ReviewMark out;
  out.framework_id = framework;
  out.leaf = leaf;
  out.machine = state_of(m, "machine_state", where);
  out.reviewed = state_of(m, "reviewed_state", where);
  out.note = text(m, "note", where);
  out.reviewer = text(m, "reviewer", where);
  out.date = text(m, "date", where);
  out.stale_report = flag(m, "stale_report", where);
  out.stale_rule = flag(m, "stale_rule", where);
  const std::string source = text(m, "source", where);  // "path:line"
  const std::size_t colon = source.rfind(':');
  out.location.path = source.substr(0, colon);
  if (colon != std::string::npos)
    out.location.line =
        static_cast<std::uint32_t>(std::strtoul(source.c_str() + colon + 1, nullptr, 10));
  return out;
}

// One element of a report's "results": the evidence of one framework (and review marks).
void read_result(const Json& res, const RuleSet& rules, ReportResult& rep,
                 const std::string& where) {
  const std::string id = text(res, "framework", where);
  const Framework* fw = rules.find_framework(id);
  if (!fw) throw BadValue(fmt::format("{}.framework \"{}\" is not in the rules", where, id));
  const Json& items = array(res, "items", where);
  if (items.size() != fw->leaves.size())
    throw BadValue(fmt::format("{}.items has {} items, the framework \"{}\" has {} leaves", where,
                               items.size(), id, fw->leaves.size()));
  DocumentEvidence ev;
  ev.framework_id = id;
  for (std::size_t l = 0; l < items.size(); ++l) {
    const Json& it = items[l];
    const std::string at = fmt::format("{}.items[{}]", where, l);
    if (it.contains("review"))
      rep.reviews.push_back(review_mark(it["review"], id, static_cast<int>(l), at + ".review"));
    if (member(it, "evidence_state", at).is_null()) continue;
    ItemEvidence item;
    item.node = fw->leaves[l];
    item.state = state_of(it, "evidence_state", at);
    item.reason = reason(member(it, "reason_code", at), at + ".reason_code");
    for (const auto& q : array(it, "quotes", at)) item.quotes.push_back(quote(q, at + ".quotes"));
    if (it.contains("near_misses"))
      for (const auto& m : array(it, "near_misses", at))
        item.near_misses.push_back(near_miss(m, at + ".near_misses"));
    ev.items.push_back(std::move(item));
  }
  if (!ev.items.empty()) rep.evidence.push_back(std::move(ev));
}

ReportResult read_report(const Json& r, const RuleSet& rules, PreviousYear& previous,
                         const std::string& where) {
  ReportResult rep;
  rep.path = text(r, "path", where);
  rep.failed = text(r, "status", where) == "failed";
  rep.content_hash = text_or(r, "content_hash", where);
  for (const auto& d : array(r, "diagnostics", where))
    rep.diagnostics.push_back(diagnostic(d, where + ".diagnostics"));
  const Json& meta = member(r, "meta", where);
  const std::string m = where + ".meta";
  rep.meta.unit = located(meta, "unit", m);
  rep.meta.level = located(meta, "level", m);
  rep.meta.province = located(meta, "province", m);
  rep.meta.year = static_cast<int>(integer(meta, "year", m));
  rep.meta.year_found = located(meta, "year_found", m);
  rep.meta.published = located(meta, "published", m);
  rep.meta.doc_number = located(meta, "doc_number", m);
  rep.meta.format = text(meta, "format", m);
  rep.meta.encoding = text(meta, "encoding", m);
  rep.meta.traditional = flag(meta, "traditional", m);
  if (r.contains("previous_year")) {
    const Json& p = r["previous_year"];
    const std::string at = where + ".previous_year";
    previous = {static_cast<int>(integer(p, "year", at)),
                text(p, "framework", at),
                number(p, "score", at),
                static_cast<int>(integer(p, "rank", at)),
                static_cast<int>(integer(p, "units", at)),
                integer(p, "run", at, 0, INT64_MAX)};
  }
  const Json& results = array(r, "results", where);
  for (std::size_t i = 0; i < results.size(); ++i)
    read_result(results[i], rules, rep, fmt::format("{}.results[{}]", where, i));
  return rep;
}

// The run facts, and the options that change outputs.
void read_facts(const Json& run, Evaluation& e) {
  RunFacts& f = e.facts;
  const std::string w = "run";
  f.tool_version = text(run, "tool_version", w);
  f.date = text(run, "date", w);
  f.rules_hash = text(run, "rules_hash", w);
  f.rules_paths = strings(run, "rules_paths", w);
  f.profile_path = text(run, "profile_path", w);
  f.model = text(run, "model", w);
  if (run.contains("partial_credit")) f.partial_credit = number(run, "partial_credit", w);
  f.max_quotes = static_cast<int>(integer(run, "max_quotes", w, 1, 1000));
  f.gate = text_or(run, "evidence_gate", w);
  f.manifest_path = text_or(run, "manifest_path", w);
  f.review_path = text_or(run, "review_path", w);
  if (run.contains("lang") && !parse_lang(text(run, "lang", w), f.lang))
    throw BadValue("run.lang is neither \"zh\" nor \"en\"");
  if (run.contains("gap_reports_max"))
    e.gap_reports_max = static_cast<std::size_t>(integer(run, "gap_reports_max", w, 0, INT64_MAX));
  if (run.contains("gap_units")) e.gap_units = strings(run, "gap_units", w);
  f.inputs = strings(run, "inputs", w);
}

// The line:column of byte `offset` (0-based) of `text`, the column in code points.
std::pair<std::uint32_t, std::uint32_t> line_column(const std::string& text, std::size_t offset) {
  std::uint32_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

bool read_whole_file(const std::string& path, std::string& bytes, std::vector<Diagnostic>& diags) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    diags.push_back(make_error(path, "not-found", "no such file"));
    return false;
  }
  if (std::filesystem::is_directory(path, ec)) {
    diags.push_back(make_error(path, "bad-results", "is a folder, not a results.json file"));
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (!in) {
    diags.push_back(make_error(path, "unreadable", std::strerror(errno)));
    return false;
  }
  bytes = std::move(buffer).str();
  return true;
}

}  // namespace

int read_results_file(const std::string& path, const std::vector<std::string>& rules_paths,
                      PipelineResult& result) {
  auto& diags = result.diagnostics;
  std::string bytes;
  if (!read_whole_file(path, bytes, diags)) return kExitInput;
  Json root;
  try {
    root = Json::parse(bytes);
  } catch (const Json::parse_error& e) {
    const auto [line, column] = line_column(bytes, e.byte > 0 ? e.byte - 1 : 0);
    diags.push_back(make_error(
        path, "bad-results",
        e.byte >= bytes.size() ? "not a complete JSON file (truncated?)" : "not a JSON file", line,
        column));
    return kExitInput;
  }
  if (!root.is_object() || !root.contains("schema") || !root["schema"].is_string()) {
    diags.push_back(make_error(path, "bad-results",
                               "not a results.json written by indicheck evaluate (no \"schema\")"));
    return kExitInput;
  }
  if (const std::string schema = root["schema"].get<std::string>(); schema != kResultsSchema) {
    diags.push_back(make_error(path, "results-version",
                               fmt::format("written as \"{}\"; this indicheck reads \"{}\" only: "
                                           "evaluate the reports again",
                                           schema, kResultsSchema)));
    return kExitInput;
  }
  Evaluation& e = result.evaluation;
  try {
    read_facts(member(root, "run", "the file"), e);
  } catch (const BadValue& bad) {
    diags.push_back(make_error(path, "bad-results", bad.what()));
    return kExitInput;
  }
  // The rule files, as the run read them.
  const std::vector<std::string> paths = rules_paths.empty() ? e.facts.rules_paths : rules_paths;
  result.rules = load_rules(paths, diags);
  if (has_errors(diags)) return kExitInput;
  if (!e.facts.profile_path.empty() &&
      (!load_profile(e.facts.profile_path, result.rules, diags) || has_errors(diags)))
    return kExitInput;
  if (result.rules.hash != e.facts.rules_hash) {
    diags.push_back(make_error(
        path, "rules-changed",
        fmt::format("the run used rules with hash {}; the rule files at {} hash to {} now "
                    "(give the run's rule files with --rules, or evaluate again)",
                    e.facts.rules_hash, fmt::join(paths, ", "), result.rules.hash)));
    return kExitInput;
  }
  e.rules = &result.rules;
  try {
    const Json& reports = array(root, "reports", "the file");
    std::vector<PreviousYear> previous(reports.size());
    bool any_previous = false;
    for (std::size_t i = 0; i < reports.size(); ++i) {
      e.reports.push_back(
          read_report(reports[i], result.rules, previous[i], fmt::format("reports[{}]", i)));
      any_previous = any_previous || previous[i].year != 0;
    }
    if (any_previous) e.previous = std::move(previous);
  } catch (const BadValue& bad) {
    diags.push_back(make_error(path, "bad-results", bad.what()));
    return kExitInput;
  }
  ScoringOptions scoring;
  const auto model = model_from_name(e.facts.model);
  if (!model) {
    diags.push_back(
        make_error(path, "bad-results",
                   fmt::format("run.model \"{}\" is not a scoring model", e.facts.model)));
    return kExitInput;
  }
  scoring.model = *model;
  scoring.partial_credit = e.facts.partial_credit;
  scoring.today = e.facts.date;
  return score_evaluation(scoring, result) ? kExitOk : kExitInput;
}

}  // namespace indicheck
