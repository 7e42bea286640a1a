// Numbering markers at a line's or sentence's start: 一、 一. (一) 1、 1. (1) 一是 第一部分 —
// their kind, value and length (outline.cpp builds the heading tree from them).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "internal.h"
#include "part_signals.h"

namespace indicheck::detail {

enum class Kind : std::uint8_t {
  kNone,
  kCnDun,
  kCnParen,
  kArDun,
  kArDot,
  kArParen,
  kCnShi,
  kImplicit
};

struct Marker {
  Kind kind = Kind::kNone;
  int value = 0;
  std::size_t len = 0;  // bytes of the marker itself
};

// Value of the Chinese digit 一…九 at s[i], else 0. Runs at every sentence start: decode and
// switch rather than compare nine strings.
inline int cn_digit(std::string_view s, std::size_t i) {
  if (i + 3 > s.size()) return 0;
  const auto b = static_cast<unsigned char>(s[i]);
  if (b != 0xE4 && b != 0xE5) return 0;
  char32_t cp = 0;
  decode_utf8(s, i, cp);
  switch (cp) {
    case U'一':
      return 1;
    case U'二':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return 0;
  }
}

// Chinese numeral 1-99 at s[i]; returns value and sets len (bytes), or 0.
inline int cn_numeral(std::string_view s, std::size_t i, std::size_t& len) {
  int value = 0;
  std::size_t k = i;
  const int first = cn_digit(s, k);
  if (first) k += 3;
  if (k + 3 <= s.size() && static_cast<unsigned char>(s[k]) == 0xE5 && at(s, k, "十")) {
    k += 3;
    value = (first ? first : 1) * 10;
    if (const int unit = cn_digit(s, k)) {
      value += unit;
      k += 3;
    }
  } else {
    value = first;
  }
  len = k - i;
  return value;
}

inline int ascii_number(std::string_view s, std::size_t i, std::size_t& len) {
  std::size_t k = i;
  int value = 0;
  while (k < s.size() && k - i < 3 && s[k] >= '0' && s[k] <= '9')
    value = value * 10 + (s[k++] - '0');
  len = k - i;
  if (len == 0 || len > 2) return 0;
  return value;
}

// The numbering marker at s[i] (s is normalized: full-width brackets are ASCII).
inline Marker parse_marker(std::string_view s, std::size_t i) {
  Marker m;
  std::size_t len = 0;
  if (at(s, i, "(")) {
    if (const int v = cn_numeral(s, i + 1, len); v && at(s, i + 1 + len, ")"))
      return {Kind::kCnParen, v, len + 2};
    if (const int v = ascii_number(s, i + 1, len); v && at(s, i + 1 + len, ")"))
      return {Kind::kArParen, v, len + 2};
    return m;
  }
  // 第一部分 / 第一章 (then a space or a colon): a chapter, like 一、.
  if (at(s, i, "第")) {
    if (const int v = cn_numeral(s, i + 3, len)) {
      std::size_t k = i + 3 + len;
      const std::size_t word = at(s, k, "部分") ? 6 : at(s, k, "章") ? 3 : 0;
      if (word == 0) return m;
      k += word;
      while (k < s.size() && (s[k] == ' ' || s[k] == ':')) ++k;
      return {Kind::kCnDun, v, k - i};
    }
    return m;
  }
  if (const int v = cn_numeral(s, i, len)) {
    if (at(s, i + len, "、")) return {Kind::kCnDun, v, len + 3};
    // "一." (一． before normalization) for 一、, as many documents write it; never a decimal,
    // so a year may follow ("一.2025年工作情况").
    if (at(s, i + len, ".")) return {Kind::kCnDun, v, len + 1};
    if (v <= 20 && at(s, i + len, "是")) return {Kind::kCnShi, v, len + 3};
    return m;
  }
  if (const int v = ascii_number(s, i, len)) {
    if (at(s, i + len, "、")) return {Kind::kArDun, v, len + 3};
    const std::size_t k = i + len;
    if (at(s, k, ".") && k + 1 < s.size() && !(s[k + 1] >= '0' && s[k + 1] <= '9') &&
        s[k + 1] != '.' && s[k + 1] != '\n')
      return {Kind::kArDot, v, len + 1};
    // "3.2021年工作思路": a bare "3." reflowed onto a year; no decimal is followed by 年.
    auto digit = [&](std::size_t j) { return j < s.size() && s[j] >= '0' && s[j] <= '9'; };
    if (at(s, k, ".") && digit(k + 1) && digit(k + 2) && digit(k + 3) && digit(k + 4) &&
        at(s, k + 5, "年"))
      return {Kind::kArDot, v, len + 1};
  }
  return m;
}

inline bool is_dun(Kind k) {
  return k == Kind::kCnDun || k == Kind::kArDun;
}

inline std::string marker_text(std::string_view s, std::size_t b, const Marker& m) {
  return std::string(s.substr(b, m.len));
}

// A one-line page runs a heading into its first item: "四、履行职责使命,…全过程一是依法健全制度。",
// "二、聚焦依法行政主线,推进法治政府建设(一)严格落实…". Where the page with line breaks has the
// heading on a line of its own, the sentence [s, e) of `t` that opens with a chapter or section
// marker is cut before the first item's marker (一是, or (一) after a chapter) within a
// heading's length (40 Han characters); returns that offset, or 0.
inline std::size_t run_in_item(std::string_view t, std::size_t s, std::size_t e) {
  constexpr std::size_t kMaxRunInHeadingBytes = 40 * 3;
  const Marker head = parse_marker(t, s);
  if (head.kind != Kind::kCnDun && head.kind != Kind::kCnParen) return 0;
  const std::size_t from = s + head.len;
  const std::size_t limit = std::min(e, from + kMaxRunInHeadingBytes);
  for (std::string_view item : {std::string_view("一是"), std::string_view("(一)")}) {
    if (item == "(一)" && head.kind == Kind::kCnParen) continue;  // (二)…(一): no nesting
    const std::size_t at = t.substr(0, limit).find(item, from);
    if (at != std::string_view::npos && at > from + 3) return at;
  }
  return 0;
}

}  // namespace indicheck::detail
