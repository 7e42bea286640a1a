// What a line or a sentence says about the part of the report it belongs to: the openers of
// the shortcomings and plans parts, a heading's part, the shapes of signature and date lines.
// Shared by the outline builder (outline.cpp) and defined in part_signals.cpp.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "indicheck/document.h"
#include "internal.h"

namespace indicheck::detail {

inline bool at(std::string_view s, std::size_t i, std::string_view what) {
  return s.size() >= i + what.size() && s.compare(i, what.size(), what) == 0;
}

// 。 (U+3002) at s[i], without a library call: this runs for every byte of the text.
inline bool period_at(std::string_view s, std::size_t i) {
  return i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE3 &&
         static_cast<unsigned char>(s[i + 1]) == 0x80 &&
         static_cast<unsigned char>(s[i + 2]) == 0x82;
}

inline bool contains_any(std::string_view s, std::initializer_list<std::string_view> words) {
  for (auto w : words)
    if (contains(s, w)) return true;
  return false;
}

// End of the first sentence of s (after its terminator), or s.size().
inline std::size_t first_sentence_end(std::string_view s) {
  for (std::size_t k = 0; k < s.size(); ++k) {
    const char c = s[k];
    if (c == '!' || c == '?' || c == ';') return k + 1;
    if (period_at(s, k)) return k + 3;
  }
  return s.size();
}

// Does text opening with s start the shortcomings part (存在的问题…, 虽然…但…存在…, an admission)?
bool shortcomings_opening(std::string_view s);
// Does text opening with s start the plans part (下一步, 2024年…将, 工作安排…)?
bool plans_opening(std::string_view s, int report_year);
// An intention inside a paragraph of the year's work ("下一步，我局将…", "2024年将…"): the
// sentence is a plan; the part does not change.
bool plans_aside(std::string_view s, int report_year);
// Role a heading title asks for, or nullopt when it says nothing special.
std::optional<Role> heading_signal(std::string_view title, int report_year);

// A shortcomings or plans part's heading on its own line without a number ("存在的主要问题",
// "2026年工作打算"): short, unpunctuated, with the heading signal of that part.
bool part_heading_line(std::string_view s);
// A year written in Chinese numerals at s[i] (二〇二三年, 二零二三年, 二○二三年): its value and the
// bytes it spans up to and including 年, or 0.
std::size_t chinese_year_at(std::string_view s, std::size_t i, int& year);
// The first year in Chinese numerals in s at or after `from` (at a character boundary): its
// offset and value, or npos.
std::size_t find_chinese_year(std::string_view s, int& year, std::size_t from = 0);
// A date written in Chinese numerals at s[i] (二〇二三年十二月二十日, 二〇二五年 月 日): the bytes
// it spans, or 0; month and day are 0 when left blank.
std::size_t chinese_date_at(std::string_view s, std::size_t i, int& year, int& month, int& day);
// 2024年3月27日, 2025年 月 日, 二〇二四年三月二十七日
bool is_date_line(std::string_view s);
// A signature's date in the other ways it is written (2024-01-05, 2024.1.5, 2024年1月).
bool loose_date_line(std::string_view s);
// Unit names each followed by its date (a hard-wrapped signature block reflowed into one line).
bool joined_signature_block(std::string_view s);
// `s` up to a page's footer run into it on a one-line page ("…2018年1月26日 上一篇:…
// 【打印本页】…"), without trailing spaces; `s` itself when it holds no footer.
std::string_view before_page_footer(std::string_view s);
// A line of the document's colophon (版记) after the signature: (此件主动公开), 抄送:…, and
// "…办公室 2024年2月24日印发".
bool colophon_line(std::string_view s);

// A unit's name alone on a short line, unpunctuated (某某市审计局, 某某区人民政府): a signature,
// or the sender under a title.
bool unit_name_line(std::string_view s);

// The name without a seal's note after it: "某某县人民政府(盖章)", "(印)", "(代章)".
std::string_view without_seal(std::string_view s);

// True when `s` is made of CJK unified ideographs only (a unit's name on a line of its own).
bool han_only(std::string_view s);
// A formal document's red header: the issuing unit and 文件 on a line of their own
// ("莆田市审计局文件", "中共某某县委全面依法治县委员会文件"). Returns the unit, or empty.
std::string_view red_header_unit(std::string_view s);
inline bool red_header(std::string_view s) {
  return !red_header_unit(s).empty();
}
// A title line, also one without 报告: "…2023年法治政府建设情况", "…工作总结及2024年工作计划".
bool title_like(std::string_view line);
// A line of the signature region: 特此报告, a unit name, a date.
bool is_signature_line(std::string_view s);

}  // namespace indicheck::detail
