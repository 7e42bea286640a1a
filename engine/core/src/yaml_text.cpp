// The YAML text gate (see indicheck/yaml_text.h): UTF-8 check, then a raw-text pre-scan for
// aliases, several documents and nesting depth.
#include "indicheck/yaml_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "indicheck/limits.h"

namespace indicheck {

namespace {

// 1-based column in code points of byte `offset` within its line.
std::uint32_t column_of(std::string_view text, std::size_t line_start, std::size_t offset) {
  std::uint32_t col = 1;
  for (std::size_t i = line_start; i < offset && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
  return col;
}

bool check_utf8(std::string_view text, const std::string& path,
                std::vector<Diagnostic>& diagnostics) {
  std::size_t i = 0, line = 1, line_start = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      line_start = ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t min = 0;
    if (c < 0x80)
      len = 1;
    else if ((c & 0xE0) == 0xC0)
      len = 2, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
      len = 3, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
      len = 4, min = 0x10000;
    bool ok = len > 0 && i + len <= n;
    std::uint32_t cp = len <= 1 ? c : c & (0x3Fu >> (len - 1));
    for (std::size_t k = 1; ok && k < len; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if (ok && len > 1 && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) ok = false;
    if (!ok) {
      diagnostics.push_back(
          make_error(path, "not-utf8", fmt::format("file is not valid UTF-8 (byte 0x{:02X})", c),
                     static_cast<std::uint32_t>(line), column_of(text, line_start, i)));
      return false;
    }
    i += len;
  }
  return true;
}

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

bool prescan_yaml(std::string_view text, const std::string& path,
                  std::vector<Diagnostic>& diagnostics) {
  const std::size_t max_depth = limits::kMaxYamlDepth;
  std::vector<std::size_t> indents;  // block indentation levels currently open
  std::size_t flow = 0;              // open [ and { brackets
  char quote = 0;                    // open ' or " spanning lines
  bool seen_content = false;
  bool ok = true;
  long block_scalar_indent = -1;  // lines more indented than this are block scalar text
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size() && ok) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    const std::size_t line_start = pos;
    ++line_no;
    pos = end + 1;
    const auto err = [&](std::size_t at, const char* code, std::string message) {
      diagnostics.push_back(make_error(path, code, std::move(message),
                                       static_cast<std::uint32_t>(line_no),
                                       column_of(text, line_start, line_start + at)));
      ok = false;
    };
    std::size_t indent = 0;
    while (indent < line.size() && line[indent] == ' ') ++indent;
    const bool blank =
        indent == line.size() || line[indent] == '\r' || (line[indent] == '#' && quote == 0);
    if (block_scalar_indent >= 0) {
      if (blank || static_cast<long>(indent) > block_scalar_indent) {
        if (end == text.size()) break;
        continue;
      }
      block_scalar_indent = -1;
    }
    if (blank && quote == 0) {
      if (end == text.size()) break;
      continue;
    }
    std::size_t i = 0;
    if (quote == 0 && flow == 0) {
      // Document markers at column 0.
      if (line.substr(0, 3) == "---" &&
          (line.size() == 3 || is_space(line[3]) || line[3] == '\r')) {
        if (seen_content) {
          err(0, "multiple-documents", "several YAML documents in one file");
          break;
        }
        i = 3;
      } else if (line.substr(0, 3) == "...") {
        i = 3;
      }
      while (!indents.empty() && indents.back() > indent) indents.pop_back();
      if (indents.empty() || indents.back() < indent) indents.push_back(indent);
      if (i == 0) i = indent;
    }
    seen_content = true;
    std::size_t dashes = 0;
    bool token_start = quote == 0;  // at a position where a node may begin
    char last_indicator = 0;
    for (; i < line.size() && ok; ++i) {
      const char c = line[i];
      if (quote == '"') {
        if (c == '\\')
          ++i;
        else if (c == '"')
          quote = 0, token_start = false, last_indicator = 0;
        continue;
      }
      if (quote == '\'') {
        if (c == '\'' && i + 1 < line.size() && line[i + 1] == '\'')
          ++i;
        else if (c == '\'')
          quote = 0, token_start = false, last_indicator = 0;
        continue;
      }
      if (is_space(c)) {
        if (last_indicator != 0) token_start = true;
        continue;
      }
      if (c == '#' && (i == 0 || is_space(line[i - 1]))) break;  // comment
      if (token_start) {
        if (c == '&' || c == '*') {
          err(i, "yaml-alias", "YAML anchors and aliases are not allowed");
          break;
        }
        if (c == '"' || c == '\'') {
          quote = c;
          continue;
        }
        if (c == '-' && flow == 0 && (i + 1 == line.size() || is_space(line[i + 1]))) {
          ++dashes;
          last_indicator = '-';
          continue;
        }
        if ((c == '|' || c == '>') && flow == 0) {
          // Block scalar: the rest of its lines are text.
          block_scalar_indent = static_cast<long>(indent);
          break;
        }
      }
      if (c == '[' || c == '{') {
        ++flow;
        last_indicator = c;
        token_start = true;
      } else if (c == ']' || c == '}') {
        if (flow > 0) --flow;
        last_indicator = 0;
        token_start = false;
      } else if (c == ',' && flow > 0) {
        last_indicator = c;
        token_start = true;
      } else if (c == ':' &&
                 (i + 1 == line.size() || is_space(line[i + 1]) ||
                  (flow > 0 && (line[i + 1] == ',' || line[i + 1] == ']' || line[i + 1] == '}')))) {
        last_indicator = c;
        token_start = false;  // becomes true after the following space
      } else if (c == '?' && token_start) {
        last_indicator = c;
      } else if (c == '!' && token_start) {
        // A tag: skip it; the node (maybe an anchor) follows after a space.
        while (i + 1 < line.size() && !is_space(line[i + 1])) ++i;
        last_indicator = '!';
      } else {
        last_indicator = 0;
        token_start = false;
      }
      if (indents.size() + dashes + flow > max_depth) {
        err(i, "too-deep", fmt::format("YAML nesting deeper than {} levels", max_depth));
        break;
      }
    }
    if (ok && indents.size() + dashes + flow > max_depth)
      err(indent, "too-deep", fmt::format("YAML nesting deeper than {} levels", max_depth));
    if (end == text.size()) break;
  }
  return ok;
}

}  // namespace

bool check_yaml_text(std::string_view text, const std::string& path,
                     std::vector<Diagnostic>& diagnostics) {
  return check_utf8(text, path, diagnostics) && prescan_yaml(text, path, diagnostics);
}

}  // namespace indicheck
