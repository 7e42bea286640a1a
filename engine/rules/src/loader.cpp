// Loader of rule files: YAML text → validated RuleSet.
//
// Order of work per file: size limit, UTF-8, a raw-text pre-scan (aliases, several documents,
// nesting depth; see text_checks.h), then yaml-cpp, then a strict schema walk. The rule tree is
// walked with an explicit stack and a depth limit; includes are followed with a work list and
// an include chain (for cycles) confined to the rules root. Every problem is a Diagnostic with
// the 1-based line and code-point column of the YAML node at fault; loading continues after an
// error so one run reports as much as possible.
#include <fmt/format.h>
#include <hs/hs.h>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "condition.h"
#include "indicheck/limits.h"
#include "indicheck/rules.h"
#include "text_checks.h"

namespace fs = std::filesystem;

namespace indicheck {

int Framework::find(std::string_view node_id) const {
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].id == node_id) return static_cast<int>(i);
  return -1;
}

const Framework* RuleSet::find_framework(std::string_view id) const {
  for (const auto& f : frameworks)
    if (f.id == id) return &f;
  return nullptr;
}

const Framework* RuleSet::framework_for_year(int year) const {
  const Framework* newest = nullptr;
  for (const auto& f : frameworks) {
    if (f.kind != "indicators") continue;
    if (year != 0 && f.year_from <= year && year <= f.year_to) return &f;
    if (newest == nullptr || f.year_to > newest->year_to) newest = &f;
  }
  return newest;
}

std::vector<const Framework*> RuleSet::supplements() const {
  std::vector<const Framework*> out;
  for (const auto& f : frameworks)
    if (f.kind == "supplement") out.push_back(&f);
  return out;
}

namespace {

using rules_internal::closest;
using rules_internal::column_of;

const std::vector<std::string> kLevels = {"district", "county", "county-city", "city",
                                          "province", "department", "zone"};

// One loaded file: its display path and the line starts needed to turn yaml-cpp's byte
// columns into code-point columns.
struct FileContext {
  std::string path;  // as shown in diagnostics
  std::string text;
  std::vector<std::size_t> line_starts;

  SourceLocation at(const YAML::Mark& mark) const {
    SourceLocation loc;
    loc.path = path;
    if (mark.line < 0) return loc;
    const auto line = static_cast<std::size_t>(mark.line);
    loc.line = static_cast<std::uint32_t>(line + 1);
    if (line < line_starts.size()) {
      const std::size_t start = line_starts[line];
      loc.column = column_of(text, start, start + static_cast<std::size_t>(std::max(0, mark.column)));
    } else {
      loc.column = static_cast<std::uint32_t>(mark.column + 1);
    }
    return loc;
  }
  SourceLocation at(const YAML::Node& node) const { return at(node.Mark()); }
  // Byte offset in `text` of a mark.
  std::size_t offset(const YAML::Mark& mark) const {
    const auto line = static_cast<std::size_t>(std::max(0, mark.line));
    if (line >= line_starts.size()) return text.size();
    return std::min(text.size(), line_starts[line] + static_cast<std::size_t>(std::max(0, mark.column)));
  }
};

std::string dq(std::string_view s) { return fmt::format("\"{}\"", s); }

std::string location_str(const SourceLocation& l) {
  return l.line ? fmt::format("{}:{}:{}", l.path, l.line, l.column) : l.path;
}

class Loader {
 public:
  explicit Loader(std::vector<Diagnostic>& diagnostics) : diags_(diagnostics) {}

  void error(const SourceLocation& loc, const char* code, std::string message) {
    diags_.push_back(make_error(loc.path, code, std::move(message), loc.line, loc.column));
  }
  void error(const FileContext& f, const YAML::Node& n, const char* code, std::string message) {
    error(f.at(n), code, std::move(message));
  }

  // Reads, checks and parses one file. Returns nullptr on failure (diagnostics added).
  std::unique_ptr<FileContext> read(const std::string& display, const fs::path& real,
                                    const SourceLocation* included_from, YAML::Node& root);

  // Mapping checks: type, duplicate keys, unknown keys (with did-you-mean; empty `allowed`
  // accepts any key), missing keys.
  bool check_mapping(const FileContext& f, const YAML::Node& n, const std::string& what,
                     const std::vector<std::string>& allowed,
                     const std::vector<std::string>& required);

  bool get_string(const FileContext& f, const YAML::Node& map, const char* key, std::string& out);
  bool get_number(const FileContext& f, const YAML::Node& map, const char* key, double& out);
  bool get_bool(const FileContext& f, const YAML::Node& map, const char* key, bool& out);
  bool get_string_list(const FileContext& f, const YAML::Node& n, const std::string& what,
                       std::vector<std::string>& out, bool allow_scalar);
  bool get_levels(const FileContext& f, const YAML::Node& map, std::vector<std::string>& out);
  bool get_weight(const FileContext& f, const YAML::Node& map, double& out);

  void load_framework_file(const std::string& display, const fs::path& root, RuleSet& set);
  bool parse_check(const FileContext& f, const YAML::Node& n, Check& check);
  bool parse_terms(const FileContext& f, const YAML::Node& n, const char* key, Check& check,
                   bool regex);
  bool parse_examples(const FileContext& f, const YAML::Node& n, Check& check);

  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a 64 over every file read

 private:
  std::vector<Diagnostic>& diags_;
};

std::unique_ptr<FileContext> Loader::read(const std::string& display, const fs::path& real,
                                          const SourceLocation* included_from, YAML::Node& root) {
  std::error_code ec;
  const auto size = fs::file_size(real, ec);
  if (ec || !fs::is_regular_file(real, ec)) {
    if (included_from)
      error(*included_from, "not-found", fmt::format("included file {} not found", dq(display)));
    else
      diags_.push_back(make_error(display, "not-found", "no such file"));
    return nullptr;
  }
  if (size > limits::kMaxRuleFileBytes) {
    diags_.push_back(make_error(display, "file-too-large",
                                fmt::format("rule file is larger than {} MiB",
                                            limits::kMaxRuleFileBytes >> 20)));
    return nullptr;
  }
  std::ifstream in(real, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    diags_.push_back(make_error(display, "unreadable", "cannot read file"));
    return nullptr;
  }
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  auto f = std::make_unique<FileContext>();
  f->path = display;
  if (!rules_internal::check_utf8(text, display, diags_)) return nullptr;
  if (!rules_internal::prescan_yaml(text, display, diags_)) return nullptr;
  f->line_starts.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') f->line_starts.push_back(i + 1);
  f->text = std::move(text);
  try {
    root = YAML::Load(f->text);
  } catch (const YAML::Exception& e) {
    SourceLocation loc = f->at(e.mark);
    error(loc, "yaml-syntax", e.msg);
    return nullptr;
  }
  return f;
}

bool Loader::check_mapping(const FileContext& f, const YAML::Node& n, const std::string& what,
                           const std::vector<std::string>& allowed,
                           const std::vector<std::string>& required) {
  if (!n.IsMap()) {
    error(f, n, "wrong-type", fmt::format("{} must be a mapping", what));
    return false;
  }
  bool ok = true;
  std::map<std::string, YAML::Mark> seen;
  for (auto it = n.begin(); it != n.end(); ++it) {
    if (!it->first.IsScalar()) {
      error(f, it->first, "wrong-type", fmt::format("keys of {} must be strings", what));
      ok = false;
      continue;
    }
    const std::string key = it->first.Scalar();
    const auto [pos, inserted] = seen.emplace(key, it->first.Mark());
    if (!inserted) {
      const SourceLocation first = f.at(pos->second);
      error(f, it->first, "duplicate-key",
            fmt::format("duplicate key {} in one mapping (first at {}:{})", dq(key), first.line,
                        first.column));
      ok = false;
      continue;
    }
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      const std::string hint = closest(key, allowed);
      error(f, it->first, "unknown-key",
            hint.empty() ? fmt::format("unknown key {} in {}", dq(key), what)
                         : fmt::format("unknown key {} in {}; did you mean {}?", dq(key), what,
                                       dq(hint)));
      ok = false;
    }
  }
  for (const auto& key : required) {
    if (!seen.count(key)) {
      error(f, n, "missing-key", fmt::format("{} is missing key {}", what, dq(key)));
      ok = false;
    }
  }
  return ok;
}

bool Loader::get_string(const FileContext& f, const YAML::Node& map, const char* key,
                        std::string& out) {
  const YAML::Node n = map[key];
  if (!n) return true;
  if (!n.IsScalar()) {
    error(f, n.IsNull() ? map : n, "wrong-type", fmt::format("{} must be a string", dq(key)));
    return false;
  }
  out = n.Scalar();
  return true;
}

bool Loader::get_number(const FileContext& f, const YAML::Node& map, const char* key,
                        double& out) {
  const YAML::Node n = map[key];
  if (!n) return true;
  double v = 0;
  if (!n.IsScalar() || !YAML::convert<double>::decode(n, v)) {
    error(f, n.IsNull() ? map : n, "wrong-type", fmt::format("{} must be a number", dq(key)));
    return false;
  }
  out = v;
  return true;
}

bool Loader::get_bool(const FileContext& f, const YAML::Node& map, const char* key, bool& out) {
  const YAML::Node n = map[key];
  if (!n) return true;
  bool v = false;
  if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v)) {
    error(f, n.IsNull() ? map : n, "wrong-type",
          fmt::format("{} must be true or false", dq(key)));
    return false;
  }
  out = v;
  return true;
}

bool Loader::get_string_list(const FileContext& f, const YAML::Node& n, const std::string& what,
                             std::vector<std::string>& out, bool allow_scalar) {
  if (allow_scalar && n.IsScalar()) {
    out.push_back(n.Scalar());
    return true;
  }
  if (!n.IsSequence()) {
    error(f, n, "wrong-type", fmt::format("{} must be a list of strings", what));
    return false;
  }
  bool ok = true;
  for (const auto& item : n) {
    if (!item.IsScalar()) {
      error(f, item, "wrong-type", fmt::format("{} must be a list of strings", what));
      ok = false;
      continue;
    }
    out.push_back(item.Scalar());
  }
  return ok;
}

bool Loader::get_levels(const FileContext& f, const YAML::Node& map, std::vector<std::string>& out) {
  const YAML::Node n = map["levels"];
  if (!n) return true;
  if (!get_string_list(f, n, dq("levels"), out, false)) return false;
  bool ok = true;
  std::size_t k = 0;
  for (const auto& item : n) {
    const std::string& level = out[k++];
    if (std::find(kLevels.begin(), kLevels.end(), level) != kLevels.end()) continue;
    const std::string hint = closest(level, kLevels);
    error(f, item, "bad-value",
          hint.empty() ? fmt::format("unknown unit level {}", dq(level))
                       : fmt::format("unknown unit level {}; did you mean {}?", dq(level),
                                     dq(hint)));
    ok = false;
  }
  return ok;
}

bool Loader::get_weight(const FileContext& f, const YAML::Node& map, double& out) {
  if (!map["weight"]) return true;
  double w = 1;
  if (!get_number(f, map, "weight", w)) return false;
  if (!std::isfinite(w) || w < 0) {
    error(f, map["weight"], "bad-weight",
          fmt::format("weight must be a finite number >= 0, got {}", map["weight"].Scalar()));
    return false;
  }
  out = w;
  return true;
}

bool valid_selection_name(std::string_view name) {
  if (name.empty() || name == "and" || name == "or" || name == "not" || name == "of") return false;
  bool digits = true;
  for (unsigned char c : name) {
    if (!(std::isalnum(c) || c == '_' || c == '-' || c == '.' || c >= 0x80)) return false;
    if (!std::isdigit(c)) digits = false;
  }
  return !digits;
}

bool Loader::parse_terms(const FileContext& f, const YAML::Node& map, const char* key,
                         Check& check, bool regex) {
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

bool Loader::parse_check(const FileContext& f, const YAML::Node& n, Check& check) {
  static const std::vector<std::string> kKeys = {"terms",   "regex",   "condition", "window",
                                                 "exclude", "metrics", "roles",     "quotes"};
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

  std::vector<std::string> names;
  for (const auto& s : check.selections) names.push_back(s.name);
  if (const YAML::Node c = n["condition"]) {
    if (!c.IsScalar()) {
      error(f, c, "wrong-type", "\"condition\" must be a string");
      ok = false;
    } else {
      check.condition_text = c.Scalar();
      rules_internal::ConditionError cerr;
      if (!rules_internal::parse_condition(check.condition_text, names, check.condition, cerr)) {
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
                hint.empty() ? fmt::format("condition uses unknown selection {}",
                                           dq(cerr.unknown_name))
                             : fmt::format("condition uses unknown selection {}; did you mean {}?",
                                           dq(cerr.unknown_name), dq(hint)));
        } else {
          error(loc, "bad-condition", fmt::format("bad condition: {}", cerr.message));
        }
        ok = false;
      }
    }
  } else {
    check.condition_text = "any";
    check.condition = rules_internal::any_condition(check.selections.size());
  }
  if (const YAML::Node w = n["window"]) {
    static const std::vector<std::string> kWindows = {"sentence", "paragraph", "section"};
    const std::string v = w.IsScalar() ? w.Scalar() : "";
    const auto it = std::find(kWindows.begin(), kWindows.end(), v);
    if (it == kWindows.end()) {
      const std::string hint = closest(v, kWindows);
      error(f, w, "bad-value",
            fmt::format("\"window\" must be sentence, paragraph or section{}",
                        hint.empty() ? "" : fmt::format("; did you mean {}?", dq(hint))));
      ok = false;
    } else {
      check.window = static_cast<Window>(it - kWindows.begin());
    }
  }
  if (const YAML::Node q = n["quotes"]) {
    const std::string v = q.IsScalar() ? q.Scalar() : "";
    if (v == "strongest") {
      check.quotes_in_document_order = false;
    } else if (v == "first") {
      check.quotes_in_document_order = true;
    } else {
      error(f, q, "bad-value", "\"quotes\" must be strongest or first");
      ok = false;
    }
  }
  if (const YAML::Node e = n["exclude"]) {
    std::vector<std::string> raw;
    if (get_string_list(f, e, "\"exclude\"", raw, true)) {
      for (std::size_t k = 0; k < raw.size(); ++k) {
        const std::string term = normalize_for_matching(raw[k]);
        if (term.find_first_not_of(" \t\r\n") == std::string::npos) {
          error(f, e.IsSequence() ? e[k] : e, "empty-term", "empty term in \"exclude\"");
          ok = false;
          continue;
        }
        check.exclude.push_back(term);
      }
    } else {
      ok = false;
    }
  }
  if (const YAML::Node r = n["roles"]) {
    std::vector<std::string> raw;
    if (get_string_list(f, r, "\"roles\"", raw, false)) {
      check.roles.clear();
      std::vector<std::string> all;
      for (int k = 0; k < kRoleCount; ++k) all.emplace_back(role_name(static_cast<Role>(k)));
      for (std::size_t k = 0; k < raw.size(); ++k) {
        const auto role = role_from_name(raw[k]);
        if (!role) {
          const std::string hint = closest(raw[k], all);
          error(f, r[k], "bad-value",
                hint.empty() ? fmt::format("unknown role {}", dq(raw[k]))
                             : fmt::format("unknown role {}; did you mean {}?", dq(raw[k]),
                                           dq(hint)));
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
    } else {
      ok = false;
    }
  }
  if (const YAML::Node ms = n["metrics"]) {
    if (!ms.IsSequence()) {
      error(f, ms, "wrong-type", "\"metrics\" must be a list");
      return false;
    }
    static const std::vector<std::string> kMetricKeys = {
        "name", "pattern", "unit", "at_least", "at_most", "greater_than", "less_than", "equals"};
    static const std::vector<std::string> kComparisons = {"at_least", "at_most", "greater_than",
                                                          "less_than", "equals"};
    for (const auto& m : ms) {
      if (!check_mapping(f, m, "metric", kMetricKeys, {"name", "pattern"})) {
        ok = false;
        continue;
      }
      Metric metric;
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
        if (!get_number(f, m, kComparisons[k].c_str(), metric.threshold)) mok = false;
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
      if (mok) check.metrics.push_back(std::move(metric));
      ok = ok && mok;
    }
  }
  return ok;
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

// A file of the include tree waiting to be read.
struct PendingFile {
  std::string display;
  fs::path real;
  std::vector<std::string> chain;          // canonical paths from the framework file down
  std::vector<std::string> chain_display;  // the same, as shown
  SourceLocation included_at;
};

// A YAML list of nodes waiting to be walked.
struct PendingList {
  YAML::Node list;
  int parent = 0;
  std::size_t depth = 1;
  std::size_t file = 0;  // index into the loaded files
};

bool is_under(const fs::path& p, const fs::path& root) {
  auto r = root.begin();
  auto q = p.begin();
  for (; r != root.end(); ++r, ++q) {
    if (r->empty()) continue;  // trailing slash
    if (q == p.end() || *q != *r) return false;
  }
  return true;
}

void Loader::load_framework_file(const std::string& display, const fs::path& root, RuleSet& set) {
  std::error_code ec;
  const fs::path canonical_root = fs::weakly_canonical(root, ec);
  std::vector<std::unique_ptr<FileContext>> files;
  std::vector<PendingList> lists;  // in file order; walked after all files are read
  Framework fw;
  fw.nodes.emplace_back();  // root
  bool ok = true;

  std::vector<PendingFile> work;
  work.push_back({display, fs::path(display), {}, {}, {}});
  bool first = true;
  while (!work.empty()) {
    PendingFile pf = std::move(work.back());
    work.pop_back();
    const std::string canon = fs::weakly_canonical(pf.real, ec).string();
    if (!first) {
      if (std::find(pf.chain.begin(), pf.chain.end(), canon) != pf.chain.end()) {
        std::string cycle;
        const auto pos = std::find(pf.chain.begin(), pf.chain.end(), canon) - pf.chain.begin();
        for (auto k = static_cast<std::size_t>(pos); k < pf.chain_display.size(); ++k)
          cycle += pf.chain_display[k] + " -> ";
        error(pf.included_at, "include-cycle", fmt::format("include cycle: {}{}", cycle, pf.display));
        ok = false;
        continue;
      }
      if (pf.chain.size() > limits::kMaxIncludeDepth) {
        error(pf.included_at, "include-too-deep",
              fmt::format("includes nested deeper than {} files", limits::kMaxIncludeDepth));
        ok = false;
        continue;
      }
      if (!is_under(fs::weakly_canonical(pf.real, ec), canonical_root)) {
        error(pf.included_at, "include-outside-root",
              fmt::format("include {} is outside the rules root {}", dq(pf.display),
                          dq(root.string())));
        ok = false;
        continue;
      }
    }
    YAML::Node doc;
    auto file = read(pf.display, pf.real, first ? nullptr : &pf.included_at, doc);
    if (!file) {
      ok = false;
      first = false;
      continue;
    }
    const FileContext& f = *file;
    const std::size_t file_index = files.size();
    files.push_back(std::move(file));
    if (doc.IsNull()) {
      diags_.push_back(make_error(f.path, "missing-key",
                                  first ? "empty file: a framework file needs \"framework\""
                                        : "empty file: expected \"nodes\""));
      ok = false;
      first = false;
      continue;
    }
    const bool is_framework = first;
    first = false;
    if (!check_mapping(f, doc, is_framework ? "framework file" : "rule file",
                       is_framework ? std::vector<std::string>{"framework", "include", "nodes"}
                                    : std::vector<std::string>{"include", "nodes"},
                       is_framework ? std::vector<std::string>{"framework"}
                                    : std::vector<std::string>{"nodes"})) {
      ok = false;
      if (!doc.IsMap()) continue;
    }
    if (is_framework && doc["framework"]) {
      const YAML::Node fn = doc["framework"];
      if (check_mapping(f, fn, dq("framework"),
                        {"id", "title", "edition", "kind", "years", "levels", "note"},
                        {"id", "title"})) {
        fw.location = f.at(fn);
        bool fok = get_string(f, fn, "id", fw.id) && get_string(f, fn, "title", fw.title) &&
                   get_string(f, fn, "edition", fw.edition) && get_levels(f, fn, fw.levels);
        if (fok && (fw.id.empty() ||
                    fw.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") !=
                        std::string::npos)) {
          error(f, fn["id"], "bad-id",
                fmt::format("framework id {} must be lower-case letters, digits and '-'",
                            dq(fw.id)));
          fok = false;
        }
        fw.kind = "indicators";
        if (!get_string(f, fn, "kind", fw.kind)) fok = false;
        else if (fw.kind != "indicators" && fw.kind != "supplement") {
          const std::string hint = closest(fw.kind, {"indicators", "supplement"});
          error(f, fn["kind"], "bad-value",
                fmt::format("\"kind\" must be indicators or supplement{}",
                            hint.empty() ? "" : fmt::format("; did you mean {}?", dq(hint))));
          fok = false;
        }
        if (const YAML::Node y = fn["years"]) {
          int a = 0, b = 0;
          if (!y.IsSequence() || y.size() != 2 || !YAML::convert<int>::decode(y[0], a) ||
              !YAML::convert<int>::decode(y[1], b)) {
            error(f, y, "wrong-type", "\"years\" must be a list of two years [from, to]");
            fok = false;
          } else if (a > b) {
            error(f, y, "bad-value", fmt::format("\"years\" runs backwards: {} > {}", a, b));
            fok = false;
          } else {
            fw.year_from = a;
            fw.year_to = b;
          }
        } else if (fw.kind == "indicators") {
          error(f, fn, "missing-key", "\"framework\" of kind indicators is missing key \"years\"");
          fok = false;
        }
        ok = ok && fok;
      } else {
        ok = false;
      }
      fw.nodes[0].id = fw.id;
      fw.nodes[0].title = fw.title;
      fw.nodes[0].location = fw.location;
    }
    if (const YAML::Node nodes = doc["nodes"]) {
      if (!nodes.IsSequence()) {
        error(f, nodes, "wrong-type", "\"nodes\" must be a list");
        ok = false;
      } else {
        lists.push_back({nodes, 0, 1, file_index});
      }
    }
    if (const YAML::Node inc = doc["include"]) {
      std::vector<std::string> names;
      if (!get_string_list(f, inc, "\"include\"", names, false)) {
        ok = false;
        continue;
      }
      std::vector<std::string> chain = pf.chain;
      std::vector<std::string> chain_display = pf.chain_display;
      chain.push_back(canon);
      chain_display.push_back(pf.display);
      // Push in reverse so includes are read (and their nodes listed) in written order.
      for (std::size_t k = names.size(); k-- > 0;) {
        const fs::path rel(names[k]);
        PendingFile next;
        next.real = pf.real.parent_path() / rel;
        next.display = (fs::path(pf.display).parent_path() / rel).lexically_normal().string();
        next.chain = chain;
        next.chain_display = chain_display;
        next.included_at = f.at(inc[k]);
        if (rel.is_absolute()) {
          error(next.included_at, "include-outside-root",
                fmt::format("include {} must be a relative path", dq(names[k])));
          ok = false;
          continue;
        }
        work.push_back(std::move(next));
      }
    }
  }

  // Walk the node lists with an explicit stack. Children are attached in written order; the
  // pre-order numbering is computed afterwards.
  static const std::vector<std::string> kNodeKeys = {
      "id", "title", "weight", "required", "levels", "note", "children", "check", "examples"};
  std::vector<RuleNode>& nodes = fw.nodes;
  std::map<std::string, SourceLocation> ids;
  if (!fw.id.empty()) ids[fw.id] = fw.location;
  std::vector<PendingList> stack(lists.rbegin(), lists.rend());
  while (!stack.empty()) {
    PendingList pl = std::move(stack.back());
    stack.pop_back();
    const FileContext& f = *files[pl.file];
    std::vector<PendingList> child_lists;
    for (const auto& yn : pl.list) {
      if (!check_mapping(f, yn, "node", kNodeKeys, {"id", "title"})) {
        ok = false;
        if (!yn.IsMap()) continue;
      }
      RuleNode node;
      node.location = f.at(yn);
      node.parent = pl.parent;
      bool nok = get_string(f, yn, "id", node.id) && get_string(f, yn, "title", node.title) &&
                 get_string(f, yn, "note", node.note) && get_weight(f, yn, node.weight) &&
                 get_bool(f, yn, "required", node.required) && get_levels(f, yn, node.levels);
      if (yn["id"] && yn["id"].IsScalar()) {
        const SourceLocation id_loc = f.at(yn["id"]);
        if (node.id.empty() || node.id.find_first_of(" \t") != std::string::npos) {
          error(id_loc, "bad-id", fmt::format("node id {} must be non-empty without spaces",
                                              dq(node.id)));
          nok = false;
        } else if (pl.parent != 0 && node.id.rfind(nodes[pl.parent].id + ".", 0) != 0) {
          error(id_loc, "bad-id",
                fmt::format("id {} must start with its parent's id {} and a dot", dq(node.id),
                            dq(nodes[pl.parent].id)));
          nok = false;
        } else {
          const auto [it, inserted] = ids.emplace(node.id, id_loc);
          if (!inserted) {
            error(id_loc, "duplicate-id",
                  fmt::format("duplicate id {} (first defined at {})", dq(node.id),
                              location_str(it->second)));
            nok = false;
          }
        }
      }
      const YAML::Node children = yn["children"];
      const bool branch = children && !(children.IsSequence() && children.size() == 0);
      if (children && !children.IsSequence()) {
        error(f, children, "wrong-type", "\"children\" must be a list of nodes");
        nok = false;
      }
      if (branch && yn["check"]) {
        error(f, yn["check"], "check-on-branch",
              fmt::format("node {} has children; only leaves have a check", dq(node.id)));
        nok = false;
      }
      if (branch && yn["examples"]) {
        error(f, yn["examples"], "check-on-branch",
              fmt::format("node {} has children; only leaves have examples", dq(node.id)));
        nok = false;
      }
      if (!branch) {
        if (!yn["check"]) {
          error(f, yn, "missing-key", fmt::format("leaf {} is missing key \"check\"", dq(node.id)));
          nok = false;
        } else {
          Check check;
          if (parse_check(f, yn["check"], check)) {
            if (yn["examples"] && !parse_examples(f, yn["examples"], check)) nok = false;
            node.check = std::move(check);
          } else {
            nok = false;
          }
        }
      }
      ok = ok && nok;
      const int index = static_cast<int>(nodes.size());
      nodes[static_cast<std::size_t>(pl.parent)].children.push_back(index);
      nodes.push_back(std::move(node));
      if (branch && children.IsSequence()) {
        if (pl.depth + 1 > limits::kMaxRuleDepth) {
          error(f, children, "too-deep",
                fmt::format("rule tree nested deeper than {} levels", limits::kMaxRuleDepth));
          ok = false;
        } else {
          child_lists.push_back({children, index, pl.depth + 1, pl.file});
        }
      }
    }
    for (auto it = child_lists.rbegin(); it != child_lists.rend(); ++it) stack.push_back(*it);
  }

  // Sibling weights may not all be zero.
  for (const auto& parent : nodes) {
    if (parent.children.empty()) continue;
    double sum = 0;
    for (int c : parent.children) sum += nodes[static_cast<std::size_t>(c)].weight;
    if (sum <= 0) {
      const SourceLocation& loc = nodes[static_cast<std::size_t>(parent.children.front())].location;
      error(loc, "zero-weights",
            parent.parent < 0 && &parent == &nodes[0]
                ? std::string("weights of the top-level nodes sum to 0")
                : fmt::format("weights of the children of {} sum to 0", dq(parent.id)));
      ok = false;
    }
  }
  if (nodes.size() == 1 && ok) {
    error(fw.location, "missing-key", fmt::format("framework {} has no nodes", dq(fw.id)));
    ok = false;
  }
  if (!ok || fw.id.empty()) return;
  for (const auto& existing : set.frameworks) {
    if (existing.id == fw.id) {
      error(fw.location, "duplicate-id",
            fmt::format("duplicate framework id {} (first defined at {})", dq(fw.id),
                        location_str(existing.location)));
      return;
    }
  }

  // Renumber in pre-order (explicit stack).
  std::vector<int> order;
  std::vector<int> st{0};
  while (!st.empty()) {
    const int i = st.back();
    st.pop_back();
    order.push_back(i);
    const auto& ch = nodes[static_cast<std::size_t>(i)].children;
    for (auto it = ch.rbegin(); it != ch.rend(); ++it) st.push_back(*it);
  }
  std::vector<int> new_index(nodes.size(), -1);
  for (std::size_t k = 0; k < order.size(); ++k) new_index[static_cast<std::size_t>(order[k])] = static_cast<int>(k);
  std::vector<RuleNode> sorted;
  sorted.reserve(nodes.size());
  for (int i : order) {
    RuleNode n = std::move(nodes[static_cast<std::size_t>(i)]);
    if (n.parent >= 0) n.parent = new_index[static_cast<std::size_t>(n.parent)];
    for (int& c : n.children) c = new_index[static_cast<std::size_t>(c)];
    sorted.push_back(std::move(n));
  }
  nodes = std::move(sorted);
  nodes[0].parent = -1;
  for (std::size_t k = 1; k < nodes.size(); ++k)
    if (nodes[k].is_leaf()) fw.leaves.push_back(static_cast<int>(k));
  set.frameworks.push_back(std::move(fw));
}

}  // namespace

RuleSet load_rules(const std::vector<std::string>& paths, std::vector<Diagnostic>& diagnostics) {
  RuleSet set;
  Loader loader(diagnostics);
  for (const auto& p : paths) {
    std::error_code ec;
    const auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) {
      diagnostics.push_back(make_error(p, "not-found", "no such file or directory"));
      continue;
    }
    if (!fs::is_directory(status)) {
      fs::path root = fs::path(p).parent_path();
      if (root.empty()) root = ".";
      loader.load_framework_file(p, root, set);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const auto name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (name == "framework.yaml" && it->is_regular_file(ec)) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    if (found.empty())
      diagnostics.push_back(make_error(p, "not-found", "no framework.yaml below this directory"));
    for (const auto& file : found) loader.load_framework_file(file, fs::path(p), set);
  }
  set.hash = fmt::format("{:016x}", loader.hash);
  return set;
}

// ---- Profiles ------------------------------------------------------------------------------

bool load_profile(const std::string& path, RuleSet& rules, std::vector<Diagnostic>& diagnostics) {
  Loader loader(diagnostics);
  YAML::Node doc;
  auto file = loader.read(path, fs::path(path), nullptr, doc);
  if (!file) return false;
  const FileContext& f = *file;
  const std::size_t before = diagnostics.size();
  if (!loader.check_mapping(f, doc, "profile file", {"profile"}, {"profile"})) return false;
  const YAML::Node pn = doc["profile"];
  if (!loader.check_mapping(f, pn, dq("profile"),
                            {"id", "title", "framework", "partial_credit", "select", "deselect",
                             "weights", "required", "waivers"},
                            {"id", "framework"}))
    return false;
  Profile profile;
  profile.location = f.at(pn);
  loader.get_string(f, pn, "id", profile.id);
  loader.get_string(f, pn, "title", profile.title);
  loader.get_string(f, pn, "framework", profile.framework);
  const Framework* fw = rules.find_framework(profile.framework);
  if (fw == nullptr) {
    std::vector<std::string> ids;
    for (const auto& x : rules.frameworks) ids.push_back(x.id);
    const std::string hint = closest(profile.framework, ids);
    loader.error(f, pn["framework"], "unknown-id",
                 fmt::format("unknown framework {}{}", dq(profile.framework),
                             hint.empty() ? "" : fmt::format("; did you mean {}?", dq(hint))));
    return false;
  }
  std::vector<std::string> node_ids;  // for hints: every node but the implicit root
  for (std::size_t k = 1; k < fw->nodes.size(); ++k) node_ids.push_back(fw->nodes[k].id);
  const auto check_id = [&](const YAML::Node& at, const std::string& id) {
    if (fw->find(id) >= 0) return true;
    const std::string hint = closest(id, node_ids);
    loader.error(f, at, "unknown-id",
                 fmt::format("unknown node id {} in framework {}{}", dq(id), dq(fw->id),
                             hint.empty() ? "" : fmt::format("; did you mean {}?", dq(hint))));
    return false;
  };
  if (pn["partial_credit"]) {
    double pc = 0;
    if (loader.get_number(f, pn, "partial_credit", pc)) {
      if (!(pc >= 0 && pc <= 1))
        loader.error(f, pn["partial_credit"], "bad-value", "\"partial_credit\" must be between 0 and 1");
      else
        profile.partial_credit = pc;
    }
  }
  for (const char* key : {"select", "deselect"}) {
    if (!pn[key]) continue;
    auto& out = std::string_view(key) == "select" ? profile.select : profile.deselect;
    if (!loader.get_string_list(f, pn[key], dq(key), out, false)) continue;
    for (std::size_t k = 0; k < out.size(); ++k) check_id(pn[key][k], out[k]);
  }
  if (const YAML::Node w = pn["weights"]) {
    if (loader.check_mapping(f, w, dq("weights"), node_ids, {}) || w.IsMap()) {
      for (auto it = w.begin(); it != w.end(); ++it) {
        const std::string id = it->first.Scalar();
        if (fw->find(id) < 0) continue;  // reported as unknown key
        double v = 0;
        if (!it->second.IsScalar() || !YAML::convert<double>::decode(it->second, v) ||
            !std::isfinite(v) || v < 0) {
          loader.error(f, it->second, "bad-weight",
                       fmt::format("weight must be a finite number >= 0, got {}",
                                   it->second.IsScalar() ? it->second.Scalar() : "a collection"));
          continue;
        }
        profile.weights.emplace_back(id, v);
      }
    }
  }
  if (const YAML::Node r = pn["required"]) {
    if (loader.check_mapping(f, r, dq("required"), node_ids, {}) || r.IsMap()) {
      for (auto it = r.begin(); it != r.end(); ++it) {
        const std::string id = it->first.Scalar();
        if (fw->find(id) < 0) continue;
        bool v = false;
        if (!it->second.IsScalar() || !YAML::convert<bool>::decode(it->second, v)) {
          loader.error(f, it->second, "wrong-type", "required flags must be true or false");
          continue;
        }
        profile.required.emplace_back(id, v);
      }
    }
  }
  if (const YAML::Node ws = pn["waivers"]) {
    if (!ws.IsSequence()) {
      loader.error(f, ws, "wrong-type", "\"waivers\" must be a list");
    } else {
      for (const auto& wn : ws) {
        if (!loader.check_mapping(f, wn, "waiver", {"unit", "item", "justification", "expires"},
                                  {"unit", "item", "justification"}))
          continue;
        Waiver w;
        w.location = f.at(wn);
        loader.get_string(f, wn, "unit", w.unit);
        loader.get_string(f, wn, "item", w.item);
        loader.get_string(f, wn, "justification", w.justification);
        loader.get_string(f, wn, "expires", w.expires);
        if (!check_id(wn["item"], w.item)) continue;
        if (!w.expires.empty()) {
          int y = 0, m = 0, d = 0;
          char tail = 0;
          if (std::sscanf(w.expires.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 ||
              m > 12 || d < 1 || d > 31 || w.expires.size() != 10) {
            loader.error(f, wn["expires"], "bad-value",
                         fmt::format("\"expires\" must be an ISO date YYYY-MM-DD, got {}",
                                     dq(w.expires)));
            continue;
          }
        }
        profile.waivers.push_back(std::move(w));
      }
    }
  }
  for (std::size_t k = before; k < diagnostics.size(); ++k)
    if (diagnostics[k].severity == Severity::kError) return false;
  rules.profiles.push_back(std::move(profile));
  return true;
}

}  // namespace indicheck
