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

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace indicheck::reports_detail {

namespace json_detail {

// Per lead byte of a multi-byte UTF-8 sequence: its length and the range of its second byte
// (later bytes are always 0x80..0xBF). The strict definition of Unicode Table 3-7 (no overlong
// forms, no surrogates, nothing above U+10FFFF), which is what nlohmann's decoder accepts;
// length 0 for bytes that cannot start a sequence.
struct Lead {
  std::uint8_t length, low, high;
};
constexpr std::array<Lead, 256> kLeads = [] {
  std::array<Lead, 256> t{};
  for (int c = 0xC2; c <= 0xDF; ++c) t[c] = {2, 0x80, 0xBF};
  for (int c = 0xE0; c <= 0xEF; ++c) t[c] = {3, 0x80, 0xBF};
  t[0xE0].low = 0xA0;   // below: overlong
  t[0xED].high = 0x9F;  // above: UTF-16 surrogates
  for (int c = 0xF0; c <= 0xF4; ++c) t[c] = {4, 0x80, 0xBF};
  t[0xF0].low = 0x90;   // below: overlong
  t[0xF4].high = 0x8F;  // above: beyond U+10FFFF
  return t;
}();

// ASCII bytes a JSON string cannot hold as they are: '"', '\\' and control characters.
constexpr std::array<bool, 128> kAsciiEscape = [] {
  std::array<bool, 128> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['"'] = t['\\'] = true;
  return t;
}();

}  // namespace json_detail

// Length of the valid UTF-8 sequence starting at s[i] (lead byte >= 0x80), or 0 when it is not
// one.
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const json_detail::Lead lead = json_detail::kLeads[byte(i)];
  if (lead.length == 0 || s.size() - i < lead.length) return 0;
  if (byte(i + 1) < lead.low || byte(i + 1) > lead.high) return 0;
  for (std::size_t k = 2; k < lead.length; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  return lead.length;
}

// Appends `text` as a JSON string literal (with its quotes), exactly as nlohmann dumps it with
// ensure_ascii = false and error_handler_t::replace.
inline void append_json_string(std::string& out, std::string_view text) {
  const std::size_t start = out.size();
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  std::size_t i = 0;
  while (i < text.size()) {
    // Fast paths for what report text is made of: a CJK character (lead byte E1..EC or
    // EE..EF and two continuation bytes) needs no range check beyond the continuation bits;
    // eight ASCII bytes with nothing to escape (no high bit, no control byte, no '"' or '\\':
    // the "has a byte less than / equal to" word tricks) are skipped at once.
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      if (c >= 0xE1 && c != 0xED && c <= 0xEF && text.size() - i >= 3 &&
          (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80 &&
          (static_cast<unsigned char>(text[i + 2]) & 0xC0) == 0x80) {
        i += 3;
        continue;
      }
      const std::size_t n = utf8_sequence_length(text, i);
      if (n == 0) {
        // Invalid UTF-8: let nlohmann replace it, so the bytes are its bytes.
        out.resize(start);
        out += nlohmann::json(std::string(text))
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
      }
      i += n;
      continue;
    }
    if (text.size() - i >= 8) {
      constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
      std::uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      const std::uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
      const std::uint64_t special = (w | ((w - kOnes * 0x20) & ~w) | ((quote - kOnes) & ~quote) |
                                     ((backslash - kOnes) & ~backslash)) &
                                    kHighs;
      if (special == 0) {
        i += 8;
        continue;
      }
    }
    if (!json_detail::kAsciiEscape[c]) {
      ++i;
      continue;
    }
    out.append(text.data() + run, i - run);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
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

  // One of results.json's own key names: plain ASCII with nothing to escape, so it is copied.
  void key(std::string_view name) { line("\"", name, "\": "); }
  // A key already escaped as a JSON string literal (quotes included), e.g. cached per leaf.
  void escaped_key(std::string_view literal) { line(literal, ": "); }

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
  void boolean(bool b) { raw(b ? std::string_view("true") : std::string_view("false")); }
  void number(double value) {
    value_start();
    append_json_double(out_, value);
  }
  template <typename Int>
  void integer(Int value) {
    static_assert(std::is_integral_v<Int> && !std::is_same_v<Int, bool>);
    value_start();
    const fmt::format_int digits(value);
    out_.append(digits.data(), digits.size());
  }

  // Current indentation of a new line at this depth (for raw multi-line values).
  int indent() const { return base_ + 2 * static_cast<int>(frames_.size()); }

 private:
  struct Frame {
    bool array;
    bool empty;
  };

  // Before a member key or an array element: "," after a sibling, a line break and the
  // indentation of the container's contents, then `a`, `b` and `c` (a key and its quotes),
  // assembled on the stack and appended at once: most of results.json is such short pieces,
  // and one append costs the same as one of its characters would.
  void line(std::string_view a = {}, std::string_view b = {}, std::string_view c = {}) {
    Frame& f = frames_.back();
    const bool comma = !f.empty;
    f.empty = false;
    const auto spaces = static_cast<std::size_t>(indent());
    char buf[256];
    if (2 + spaces + a.size() + b.size() + c.size() > sizeof buf) {  // a long key: rare
      if (comma) out_ += ',';
      new_line();
      out_.append(a).append(b).append(c);
      return;
    }
    char* p = buf;
    if (comma) *p++ = ',';
    *p++ = '\n';
    std::memset(p, ' ', spaces);
    p += spaces;
    for (std::string_view part : {a, b, c}) {
      if (!part.empty()) std::memcpy(p, part.data(), part.size());
      p += part.size();
    }
    out_.append(buf, static_cast<std::size_t>(p - buf));
  }
  // A line break and the indentation of the current depth (before a closing bracket).
  void new_line() {
    out_ += '\n';
    out_.append(static_cast<std::size_t>(indent()), ' ');
  }
  // A value inside an array starts its own line; after a key it follows ": ".
  void value_start() {
    if (!frames_.empty() && frames_.back().array) line();
  }
  void open(char bracket, bool array) {
    value_start();
    out_ += bracket;
    frames_.push_back({array, true});
  }
  void close(char bracket) {
    const bool empty = frames_.back().empty;
    frames_.pop_back();
    if (!empty) new_line();
    out_ += bracket;
  }

  std::string& out_;
  int base_;
  std::vector<Frame> frames_;
};

}  // namespace indicheck::reports_detail
