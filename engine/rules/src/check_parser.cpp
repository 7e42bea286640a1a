// Parsing a leaf's `check` (and `examples`) into a Check, strictly.
//
// A check names selections of literal terms (`terms`) or regexes (`regex`), a condition over
// them, the window a condition must hold in, credit roles, exclusions and metrics. Each part
// is read by its own function, in the order of parse_check, so diagnostics come out in the
// same order for the same file. Regexes are checked with Hyperscan here (rejected, or able to
// match the empty string) so that a bad pattern is reported at its line, not at compile time;
// metric patterns are checked with RE2, which runs them.
#include <fmt/format.h>
#include <hs/hs.h>
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>
#include <string>
#include <utility>

#include "condition.h"
#include "indicheck/document.h"
#include "indicheck/limits.h"
#include "indicheck/utf8.h"
#include "loader_internal.h"
#include "text_checks.h"

namespace indicheck::rules_internal {

namespace {

bool valid_selection_name(std::string_view name) {
  if (name.empty() || name == "and" || name == "or" || name == "not" || name == "of") return false;
  bool digits = true;
  for (unsigned char c : name) {
    if (!(std::isalnum(c) || c == '_' || c == '-' || c == '.' || c >= 0x80)) return false;
    if (!std::isdigit(c)) digits = false;
  }
  return !digits;
}

// The first non-ASCII character of `pattern` that normalization for matching changes, and what
// it becomes; empty views when there is none.
std::pair<std::string, std::string> unnormalized_character(std::string_view pattern) {
  for (std::size_t i = 0; i < pattern.size();) {  // rule files are valid UTF-8 (yaml_reader.cpp)
    char32_t cp = 0;
    const std::size_t len = decode_utf8(pattern, i, cp);
    const std::string_view ch = pattern.substr(i, len);
    i += len;
    if (cp < 0x80) continue;
    if (std::string to = normalize_for_matching(ch); to != ch) return {std::string(ch), to};
  }
  return {};
}

}  // namespace

bool Loader::parse_terms(const FileContext& f, const YAML::Node& map, const char* key, Check& check,
                         bool regex) {
  const YAML::Node n = map[key];
  if (!n) return true;
  if (!check_mapping(f, n, dq(key), {}, {}) && !n.IsMap()) return false;
  bool ok = true;
  std::set<std::string> names_here;
  for (auto it = n.begin(); it != n.end(); ++it) {
    if (!it->first.IsScalar()) continue;
    const std::string name = it->first.Scalar();
    if (!names_here.insert(name).second) continue;  // duplicate key, reported
    if (!valid_selection_name(name)) {
      error(f, it->first, "bad-name",
            fmt::format("selection name {} must be letters, digits, '_', '-' or '.' and not "
                        "a keyword (and, or, not, of)",
                        dq(name)));
      ok = false;
      continue;
    }
    const auto existing = std::find_if(check.selections.begin(), check.selections.end(),
                                       [&](const Selection& s) { return s.name == name; });
    if (existing != check.selections.end()) {
      error(f, it->first, "duplicate-selection",
            fmt::format("selection {} is defined in both \"terms\" and \"regex\"", dq(name)));
      ok = false;
      continue;
    }
    Selection sel;
    sel.name = name;
    sel.location = f.at(it->first);
    std::vector<std::string> raw;
    if (!get_string_list(f, it->second, fmt::format("selection {}", dq(name)), raw, true)) {
      ok = false;
      continue;
    }
    const YAML::Node items = it->second;
    for (std::size_t k = 0; k < raw.size(); ++k) {
      const YAML::Node item = items.IsSequence() ? items[k] : items;
      if (raw[k].size() > limits::kMaxTermBytes) {
        error(f, item, "term-too-long",
              fmt::format("{} {} in selection {} is longer than {} bytes", regex ? "regex" : "term",
                          dq(raw[k]), dq(name), limits::kMaxTermBytes));
        ok = false;
        continue;
      }
      if (!regex) {
        const std::string term = normalize_for_matching(raw[k]);
        if (term.find_first_not_of(" \t\r\n") == std::string::npos) {
          error(f, item, "empty-term", fmt::format("empty term in selection {}", dq(name)));
          ok = false;
          continue;
        }
        if (std::find(sel.terms.begin(), sel.terms.end(), term) == sel.terms.end())
          sel.terms.push_back(term);
        continue;
      }
      const std::string& pattern = raw[k];
      if (pattern.empty()) {
        error(f, item, "empty-term", fmt::format("empty regex in selection {}", dq(name)));
        ok = false;
        continue;
      }
      hs_expr_info_t* info = nullptr;
      hs_compile_error_t* cerr = nullptr;
      if (hs_expression_info(pattern.c_str(), HS_FLAG_UTF8 | HS_FLAG_UCP, &info, &cerr) !=
          HS_SUCCESS) {
        const std::string msg = cerr ? cerr->message : "rejected";
        hs_free_compile_error(cerr);
        const bool unsupported = msg.find("unsupported") != std::string::npos ||
                                 msg.find("not supported") != std::string::npos;
        error(f, item, unsupported ? "unsupported-regex" : "invalid-regex",
              unsupported ? fmt::format("regex {} is not supported: {}", dq(pattern), msg)
                          : fmt::format("invalid regex {}: {}", dq(pattern), msg));
        ok = false;
        continue;
      }
      const bool empty = info->min_width == 0;
      std::free(info);
      // The text is normalized before matching (，；：（） become , ; : ( ), Traditional becomes
      // Simplified): a character normalization changes is never in the text, so a regex holding
      // one is silently wrong (a class [^。，] that excludes nothing, a literal that never
      // matches).
      if (const auto [from, to] = unnormalized_character(pattern); !from.empty()) {
        error(
            f, item, "unnormalized-regex",
            fmt::format("regex {} holds {}, which the normalized text never contains (it reads {})",
                        dq(pattern), dq(from), dq(to)));
        ok = false;
        continue;
      }
      if (empty) {
        error(f, item, "empty-match",
              fmt::format("regex {} can match the empty string", dq(pattern)));
        ok = false;
        continue;
      }
      sel.regexes.push_back(pattern);
    }
    check.selections.push_back(std::move(sel));
  }
  return ok;
}

bool Loader::parse_switch(const FileContext& f, const YAML::Node& n, const char* key,
                          const char* value, bool& on) {
  const YAML::Node v = n[key];
  if (!v) return true;
  if (!v.IsScalar() || v.Scalar() != value) {
    error(f, v, "bad-value", "\"" + std::string(key) + "\" must be \"" + value + "\"");
    return false;
  }
  on = true;
  return true;
}

bool Loader::parse_check(const FileContext& f, const YAML::Node& n, Check& check) {
  static const std::vector<std::string> kKeys = {"terms",   "regex",       "condition", "window",
                                                 "exclude", "metrics",     "roles",     "quotes",
                                                 "titles",  "agency_names"};
  if (!check_mapping(f, n, dq("check"), kKeys, {})) {
    if (!n.IsMap()) return false;
  }
  bool ok = true;
  if (!n["terms"] && !n["regex"]) {
    error(f, n, "missing-key", "\"check\" needs \"terms\" or \"regex\"");
    ok = false;
  }
  ok = parse_terms(f, n, "terms", check, false) && ok;
  ok = parse_terms(f, n, "regex", check, true) && ok;
  if (const YAML::Node c = n["condition"]) {
    ok = parse_condition_key(f, c, check) && ok;
  } else {
    check.condition_text = "any";
    check.condition = rules_internal::any_condition(check.selections.size());
  }
  if (const YAML::Node w = n["window"]) ok = parse_window(f, w, check) && ok;
  if (const YAML::Node q = n["quotes"]) ok = parse_quotes(f, q, check) && ok;
  if (const YAML::Node e = n["exclude"]) ok = parse_exclude(f, e, check) && ok;
  ok = parse_switch(f, n, "titles", "evidence", check.titles_as_evidence) && ok;
  ok = parse_switch(f, n, "agency_names", "ignore", check.agency_names_ignored) && ok;
  // "must name at least one role" is said only when nothing else was wrong so far.
  if (const YAML::Node r = n["roles"]) ok = parse_roles(f, r, check, ok);
  if (const YAML::Node ms = n["metrics"]) {
    if (!ms.IsSequence()) {
      error(f, ms, "wrong-type", "\"metrics\" must be a list");
      return false;
    }
    ok = parse_metrics(f, ms, check) && ok;
  }
  return ok;
}

// `condition`: parsed against the names of the selections read so far.
bool Loader::parse_condition_key(const FileContext& f, const YAML::Node& c, Check& check) {
  std::vector<std::string> names;
  for (const auto& s : check.selections) names.push_back(s.name);
  if (!c.IsScalar()) {
    error(f, c, "wrong-type", "\"condition\" must be a string");
    return false;
  }
  check.condition_text = c.Scalar();
  rules_internal::ConditionError cerr;
  if (rules_internal::parse_condition(check.condition_text, names, check.condition, cerr))
    return true;
  // Point at the offending token when the scalar is written on one line.
  SourceLocation loc = f.at(c);
  const std::size_t start = f.offset(c.Mark());
  std::size_t body = start;
  if (body < f.text.size() && (f.text[body] == '"' || f.text[body] == '\'')) ++body;
  if (f.text.compare(body, check.condition_text.size(), check.condition_text) == 0) {
    const std::size_t line_start = f.line_starts[static_cast<std::size_t>(c.Mark().line)];
    loc.column = column_of(f.text, line_start, body + cerr.offset);
  }
  if (!cerr.unknown_name.empty()) {
    const std::string hint = closest(cerr.unknown_name, names);
    error(loc, "unknown-selection",
          hint.empty() ? fmt::format("condition uses unknown selection {}", dq(cerr.unknown_name))
                       : fmt::format("condition uses unknown selection {}; did you mean {}?",
                                     dq(cerr.unknown_name), dq(hint)));
  } else {
    error(loc, "bad-condition", fmt::format("bad condition: {}", cerr.message));
  }
  return false;
}

bool Loader::parse_window(const FileContext& f, const YAML::Node& w, Check& check) {
  static const std::vector<std::string> kWindows = {"sentence", "paragraph", "section", "clause"};
  const std::string v = w.IsScalar() ? w.Scalar() : "";
  const auto it = std::find(kWindows.begin(), kWindows.end(), v);
  if (it == kWindows.end()) {
    const std::string hint = closest(v, kWindows);
    error(f, w, "bad-value",
          fmt::format("\"window\" must be sentence, paragraph, section or clause{}",
                      hint.empty() ? "" : fmt::format("; did you mean {}?", dq(hint))));
    return false;
  } else {
    check.window = static_cast<Window>(it - kWindows.begin());
  }
  return true;
}

bool Loader::parse_quotes(const FileContext& f, const YAML::Node& q, Check& check) {
  const std::string v = q.IsScalar() ? q.Scalar() : "";
  if (v == "strongest") {
    check.quotes_in_document_order = false;
  } else if (v == "first") {
    check.quotes_in_document_order = true;
  } else {
    error(f, q, "bad-value", "\"quotes\" must be strongest or first");
    return false;
  }
  return true;
}

bool Loader::parse_exclude(const FileContext& f, const YAML::Node& e, Check& check) {
  std::vector<std::string> raw;
  if (!get_string_list(f, e, "\"exclude\"", raw, true)) return false;
  bool ok = true;
  for (std::size_t k = 0; k < raw.size(); ++k) {
    const std::string term = normalize_for_matching(raw[k]);
    if (term.find_first_not_of(" \t\r\n") == std::string::npos) {
      error(f, e.IsSequence() ? e[k] : e, "empty-term", "empty term in \"exclude\"");
      ok = false;
      continue;
    }
    check.exclude.push_back(term);
  }
  return ok;
}

// `roles`; `ok` is whether the check is fine so far, returned updated.
bool Loader::parse_roles(const FileContext& f, const YAML::Node& r, Check& check, bool ok) {
  std::vector<std::string> raw;
  if (!get_string_list(f, r, "\"roles\"", raw, false)) return false;
  check.roles.clear();
  std::vector<std::string> all;
  for (int k = 0; k < kRoleCount; ++k) all.emplace_back(role_name(static_cast<Role>(k)));
  for (std::size_t k = 0; k < raw.size(); ++k) {
    const auto role = role_from_name(raw[k]);
    if (!role) {
      const std::string hint = closest(raw[k], all);
      error(f, r[k], "bad-value",
            hint.empty() ? fmt::format("unknown role {}", dq(raw[k]))
                         : fmt::format("unknown role {}; did you mean {}?", dq(raw[k]), dq(hint)));
      ok = false;
      continue;
    }
    if (std::find(check.roles.begin(), check.roles.end(), *role) == check.roles.end())
      check.roles.push_back(*role);
  }
  if (check.roles.empty() && ok) {
    error(f, r, "bad-value", "\"roles\" must name at least one role");
    ok = false;
  }
  return ok;
}

bool Loader::parse_metrics(const FileContext& f, const YAML::Node& ms, Check& check) {
  static const std::vector<std::string> kMetricKeys = {
      "name", "pattern", "unit", "at_least", "at_most", "greater_than", "less_than", "equals"};
  bool ok = true;
  for (const auto& m : ms) {
    if (!check_mapping(f, m, "metric", kMetricKeys, {"name", "pattern"})) {
      ok = false;
      continue;
    }
    Metric metric;
    const bool mok = parse_metric(f, m, metric);
    if (mok) check.metrics.push_back(std::move(metric));
    ok = ok && mok;
  }
  return ok;
}

// One metric: name, pattern (RE2, exactly one capturing group), unit and one threshold.
bool Loader::parse_metric(const FileContext& f, const YAML::Node& m, Metric& metric) {
  static const std::vector<std::string> kComparisons = {"at_least", "at_most", "greater_than",
                                                        "less_than", "equals"};
  metric.location = f.at(m);
  bool mok = get_string(f, m, "name", metric.name) && get_string(f, m, "pattern", metric.pattern) &&
             get_string(f, m, "unit", metric.unit);
  int comparisons = 0;
  for (std::size_t k = 0; k < kComparisons.size(); ++k) {
    if (!m[kComparisons[k]]) continue;
    ++comparisons;
    if (comparisons > 1) {
      error(f, m[kComparisons[k]], "bad-metric", "a metric takes exactly one threshold");
      mok = false;
      break;
    }
    metric.comparison = static_cast<Comparison>(k);
    if (!get_number(f, m, kComparisons[k].c_str(), metric.threshold))
      mok = false;
    else if (!std::isfinite(metric.threshold)) {
      error(f, m[kComparisons[k]], "bad-metric", "a threshold must be a finite number");
      mok = false;
    }
  }
  if (comparisons == 0) {
    error(f, m, "missing-key",
          "metric needs one of \"at_least\", \"at_most\", \"greater_than\", \"less_than\", "
          "\"equals\"");
    mok = false;
  }
  if (mok) {
    RE2::Options options;
    options.set_log_errors(false);
    RE2 re(metric.pattern, options);
    if (!re.ok()) {
      error(f, m["pattern"], "invalid-regex",
            fmt::format("invalid regex {}: {}", dq(metric.pattern), re.error()));
      mok = false;
    } else if (re.NumberOfCapturingGroups() != 1) {
      error(f, m["pattern"], "bad-metric",
            fmt::format("metric pattern must have exactly one capturing group, has {}",
                        re.NumberOfCapturingGroups()));
      mok = false;
    }
  }
  return mok;
}

bool Loader::parse_examples(const FileContext& f, const YAML::Node& n, Check& check) {
  if (!check_mapping(f, n, dq("examples"), {"match", "no_match"}, {})) {
    if (!n.IsMap()) return false;
  }
  bool ok = true;
  if (n["match"])
    ok = get_string_list(f, n["match"], "\"match\"", check.examples_match, false) && ok;
  if (n["no_match"])
    ok = get_string_list(f, n["no_match"], "\"no_match\"", check.examples_no_match, false) && ok;
  return ok;
}

}  // namespace indicheck::rules_internal
