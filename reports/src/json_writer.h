// A streaming JSON writer whose output is byte for byte what nlohmann's
// dump(2, ' ', false, error_handler_t::replace) writes for the same values, so results.json can
// be written straight into an output buffer instead of building an ordered_json tree per report,
// dumping it and re-indenting the dump.
//
// What "byte for byte" takes, and how each part gets it:
// - layout: 2 spaces per level, "key": value, "[]" and "{}" for empty containers (nlohmann's
//   rule), elements on their own lines otherwise. JsonWriter keeps one small frame per open
//   container to know whether a separator is due.
// - strings: valid UTF-8 is copied as is except '"', '\\' and bytes below 0x20, escaped the way
//   nlohmann escapes them (\b \t \n \f \r, else \u00xx in lower case). A string with any byte
//   sequence that is not valid UTF-8 is handed to nlohmann itself: its replacement rules
//   (U+FFFD, re-reading the rejected byte) are subtle and such strings are rare.
// - numbers: integers in decimal; doubles through nlohmann's own Grisu2 to_chars ("1.0", not
//   "1"), non-finite as null.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace indicheck::reports_detail {

// Length of the valid UTF-8 sequence starting at s[i] (lead byte >= 0x80), or 0 when it is not
// one. The strict definition of Unicode Table 3-7 (no overlong forms, no surrogates, nothing
// above U+10FFFF), which is what nlohmann's decoder accepts.
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const auto cont = [&](std::size_t k, unsigned lo, unsigned hi) {
    return k < s.size() && at(k) >= lo && at(k) <= hi;
  };
  const unsigned c = at(i);
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1, 0x80, 0xBF) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned lo = c == 0xE0 ? 0xA0 : 0x80;
    const unsigned hi = c == 0xED ? 0x9F : 0xBF;
    return cont(i + 1, lo, hi) && cont(i + 2, 0x80, 0xBF) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned lo = c == 0xF0 ? 0x90 : 0x80;
    const unsigned hi = c == 0xF4 ? 0x8F : 0xBF;
    return cont(i + 1, lo, hi) && cont(i + 2, 0x80, 0xBF) && cont(i + 3, 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

// Appends `text` as a JSON string literal (with its quotes), exactly as nlohmann dumps it with
// ensure_ascii = false and error_handler_t::replace.
inline void append_json_string(std::string& out, std::string_view text) {
  const std::size_t start = out.size();
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8_sequence_length(text, i);
      if (n == 0) {
        // Invalid UTF-8: let nlohmann replace it, so the bytes are its bytes.
        out.resize(start);
        out += nlohmann::json(std::string(text)).dump(-1, ' ', false,
                                                      nlohmann::json::error_handler_t::replace);
        return;
      }
      i += n;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(text.data() + run, i - run);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
    }
    run = ++i;
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

// A double as nlohmann writes it: shortest round-trip digits, always with a fraction or an
// exponent ("37.5", "0.0", "1e+20"); NaN and infinities as null.
inline void append_json_double(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  std::array<char, 64> buf;  // nlohmann's number buffer size
  const char* end = nlohmann::detail::to_chars(buf.data(), buf.data() + buf.size(), value);
  out.append(buf.data(), static_cast<std::size_t>(end - buf.data()));
}

// Writes values in document order into `out`. Usage mirrors the document:
//   w.begin_object(); w.key("id"); w.string("5.3.1"); w.end_object();
// `base_indent` is the column of the first value's line, for a document nested inside text
// written by other means (a report inside the "reports" array).
class JsonWriter {
 public:
  JsonWriter(std::string& out, int base_indent) : out_(out), base_(base_indent) {
    frames_.reserve(16);
  }

  void begin_object() { open('{', false); }
  void end_object() { close('}'); }
  void begin_array() { open('[', true); }
  void end_array() { close(']'); }

  void key(std::string_view name) {
    separate();
    append_json_string(out_, name);
    out_ += ": ";
  }
  // A key already escaped as a JSON string literal (quotes included), e.g. cached per leaf.
  void escaped_key(std::string_view literal) {
    separate();
    out_ += literal;
    out_ += ": ";
  }

  void string(std::string_view text) {
    value_start();
    append_json_string(out_, text);
  }
  // Text that is already a complete JSON value at this position (an escaped string literal, a
  // cached number); it must not contain newlines unless they carry the right indentation.
  void raw(std::string_view json) {
    value_start();
    out_ += json;
  }
  void null() { raw("null"); }
  void boolean(bool b) { raw(b ? "true" : "false"); }
  void number(double value) {
    value_start();
    append_json_double(out_, value);
  }
  template <typename Int>
  void integer(Int value) {
    static_assert(std::is_integral_v<Int> && !std::is_same_v<Int, bool>);
    value_start();
    fmt::format_to(std::back_inserter(out_), "{}", value);
  }

  // Current indentation of a new line at this depth (for raw multi-line values).
  int indent() const { return base_ + 2 * static_cast<int>(frames_.size()); }

 private:
  struct Frame {
    bool array;
    bool empty;
  };

  // Before a member key or an array element: ",\n" after a sibling, "\n" for the first, then
  // the indentation of the container's contents.
  void separate() {
    Frame& f = frames_.back();
    out_ += f.empty ? "\n" : ",\n";
    f.empty = false;
    out_.append(static_cast<std::size_t>(indent()), ' ');
  }
  // A value inside an array starts its own line; after a key it follows ": ".
  void value_start() {
    if (!frames_.empty() && frames_.back().array) separate();
  }
  void open(char bracket, bool array) {
    value_start();
    out_ += bracket;
    frames_.push_back({array, true});
  }
  void close(char bracket) {
    const bool empty = frames_.back().empty;
    frames_.pop_back();
    if (!empty) {
      out_ += '\n';
      out_.append(static_cast<std::size_t>(indent()), ' ');
    }
    out_ += bracket;
  }

  std::string& out_;
  int base_;
  std::vector<Frame> frames_;
};

}  // namespace indicheck::reports_detail
