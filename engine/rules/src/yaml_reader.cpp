// Reading one rule file, and the strict readers of its YAML nodes.
//
// Order of work per file: size limit, the YAML text gate every reader shares (UTF-8, aliases,
// several documents, nesting depth; indicheck/yaml_text.h), then yaml-cpp. The readers below are
// the only place that asks yaml-cpp what a node is; they turn every surprise (a list where a string
// belongs, an unknown key, a negative weight) into a diagnostic at the node's line and code-point
// column.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>

#include "indicheck/file_check.h"
#include "indicheck/levels.h"
#include "indicheck/limits.h"
#include "indicheck/yaml_text.h"
#include "loader_internal.h"
#include "text_checks.h"

namespace fs = std::filesystem;

namespace indicheck::rules_internal {

namespace {

const std::vector<std::string> kLevels(std::begin(kUnitLevels), std::end(kUnitLevels));

}  // namespace

SourceLocation FileContext::at(const YAML::Mark& mark) const {
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

std::size_t FileContext::offset(const YAML::Mark& mark) const {
  const auto line = static_cast<std::size_t>(std::max(0, mark.line));
  if (line >= line_starts.size()) return text.size();
  return std::min(text.size(),
                  line_starts[line] + static_cast<std::size_t>(std::max(0, mark.column)));
}

std::string dq(std::string_view s) {
  if (s.size() <= limits::kMaxTermBytes) return fmt::format("\"{}\"", s);
  // The first kMaxEchoedChars code points, cut at a character boundary, and the length.
  std::size_t end = 0;
  for (std::size_t chars = 0; end < s.size() && chars < limits::kMaxEchoedChars; ++chars) {
    ++end;
    while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) ++end;
  }
  return fmt::format("\"{}…\" ({} bytes)", s.substr(0, end), s.size());
}

std::string location_str(const SourceLocation& l) {
  return l.line ? fmt::format("{}:{}:{}", l.path, l.line, l.column) : l.path;
}

std::unique_ptr<FileContext> Loader::read(const std::string& display, const fs::path& real,
                                          const SourceLocation* included_from, YAML::Node& root) {
  // Checked before opening: a FIFO would block the open, a folder is no file (issue 17).
  if (auto problem = check_regular_file(real.string(), display)) {
    if (!included_from)
      diags_.push_back(std::move(*problem));
    else if (problem->code == "not-found")
      error(*included_from, "not-found", fmt::format("included file {} not found", dq(display)));
    else
      error(*included_from, problem->code.c_str(),
            fmt::format("included file {} {}", dq(display), problem->message));
    return nullptr;
  }
  std::error_code ec;
  const auto size = fs::file_size(real, ec);
  if (size > limits::kMaxRuleFileBytes) {
    diags_.push_back(make_error(
        display, "file-too-large",
        fmt::format("rule file is larger than {} MiB", limits::kMaxRuleFileBytes >> 20)));
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
  if (!check_yaml_text(text, display, diags_)) return nullptr;
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
            hint.empty()
                ? fmt::format("unknown key {} in {}", dq(key), what)
                : fmt::format("unknown key {} in {}; did you mean {}?", dq(key), what, dq(hint)));
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

bool Loader::get_number(const FileContext& f, const YAML::Node& map, const char* key, double& out) {
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
    error(f, n.IsNull() ? map : n, "wrong-type", fmt::format("{} must be true or false", dq(key)));
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

bool Loader::get_levels(const FileContext& f, const YAML::Node& map,
                        std::vector<std::string>& out) {
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
          hint.empty()
              ? fmt::format("unknown unit level {}", dq(level))
              : fmt::format("unknown unit level {}; did you mean {}?", dq(level), dq(hint)));
    ok = false;
  }
  return ok;
}

// "outside_levels": not-applicable (the default) or evidence-only; only beside "levels".
bool Loader::get_outside_levels(const FileContext& f, const YAML::Node& map, RuleNode& node) {
  const YAML::Node n = map["outside_levels"];
  if (!n) return true;
  std::string value;
  if (!get_string(f, map, "outside_levels", value)) return false;
  static const std::vector<std::string> kValues = {"not-applicable", "evidence-only"};
  if (std::find(kValues.begin(), kValues.end(), value) == kValues.end()) {
    const std::string hint = closest(value, kValues);
    error(f, n, "bad-value",
          fmt::format("\"outside_levels\" must be not-applicable or evidence-only{}",
                      hint.empty() ? "" : fmt::format("; did you mean {}?", dq(hint))));
    return false;
  }
  if (!map["levels"]) {
    error(f, n, "bad-value", "\"outside_levels\" needs \"levels\" beside it");
    return false;
  }
  node.evidence_outside_levels = value == "evidence-only";
  return true;
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

}  // namespace indicheck::rules_internal
