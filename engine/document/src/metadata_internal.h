// Helpers shared by the metadata stage's files (metadata.cpp: unit, level, province, dates;
// metadata_year.cpp: the year reported on; metadata_body.cpp: the unit as the first paragraphs
// name it; metadata_place.cpp: units placed by the divisions their text names).
#pragma once

#include <re2/re2.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "internal.h"

namespace indicheck::detail::meta {

// Only the head of a document is searched for title-like facts (a 50 MB one-line file must
// not be scanned by every pattern).
constexpr std::size_t kHeadBytes = 4096;
constexpr std::size_t kBodyScanBytes = 256u << 10;

inline bool starts(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
inline bool ends(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
inline bool ends_any(std::string_view s, std::initializer_list<std::string_view> ps) {
  for (std::string_view p : ps)
    if (ends(s, p)) return true;
  return false;
}
inline bool starts_any(std::string_view s, std::initializer_list<std::string_view> ps) {
  for (std::string_view p : ps)
    if (starts(s, p)) return true;
  return false;
}
// A title some sites write inside book-title marks, 《某某局2023年法治政府建设情况报告》: the
// title within them. Any other line is returned as it is (a title that cites a document,
// 关于贯彻《…》的报告, keeps its marks).
inline std::string_view unwrapped_title(std::string_view t) {
  // A page's list item ("• 2021年度山西省法治政府建设年度报告"): the bullet is no part of it.
  constexpr std::string_view kBullet = "•";
  if (t.substr(0, kBullet.size()) == kBullet) {
    t.remove_prefix(kBullet.size());
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  }
  constexpr std::string_view kOpen = "《", kClose = "》";
  if (t.size() > kOpen.size() + kClose.size() && t.substr(0, kOpen.size()) == kOpen &&
      t.substr(t.size() - kClose.size()) == kClose) {
    const std::string_view inner = t.substr(kOpen.size(), t.size() - kOpen.size() - kClose.size());
    if (!contains(inner, kOpen) && !contains(inner, kClose)) return inner;
  }
  return t;
}

inline std::uint32_t line_of_text_offset(const Document& doc, std::uint32_t t) {
  const std::uint32_t o = doc.to_original(t);
  const auto it = std::upper_bound(doc.line_starts_.begin(), doc.line_starts_.end(), o);
  return static_cast<std::uint32_t>(it - doc.line_starts_.begin());
}

inline Located at_text(const Document& doc, std::string value, std::uint32_t t,
                       std::string source) {
  Located l;
  l.value = std::move(value);
  l.line = line_of_text_offset(doc, t);
  l.source = std::move(source);
  return l;
}

inline re2::StringPiece sp(std::string_view s) {
  return re2::StringPiece(s.data(), s.size());
}

inline std::string_view head(std::string_view s, std::size_t n) {
  if (s.size() <= n) return s;
  return s.substr(0, utf8_floor(s, n));
}

// Lines (as text ranges) of the document's first non-blank lines, bounded.
// Lines before `skip` (a crawler header) are left out.
inline std::vector<std::pair<std::uint32_t, std::string_view>> first_lines(const Document& doc,
                                                                           std::size_t count,
                                                                           std::uint32_t skip = 0) {
  std::vector<std::pair<std::uint32_t, std::string_view>> out;
  const std::string_view t = head(doc.text, 64u << 10);
  std::size_t start = 0;
  for (std::uint32_t li = 0; li < skip && start < t.size(); ++li) {
    const std::size_t end = t.find('\n', start);
    start = end == std::string_view::npos ? t.size() : end + 1;
  }
  while (start < t.size() && out.size() < count) {
    std::size_t end = t.find('\n', start);
    if (end == std::string_view::npos) end = t.size();
    std::string_view line = t.substr(start, end - start);
    std::size_t lead = 0;
    while (lead < line.size() && (line[lead] == ' ' || line[lead] == '\t')) ++lead;
    line.remove_prefix(lead);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (!line.empty())
      out.emplace_back(static_cast<std::uint32_t>(start + lead), head(line, kHeadBytes));
    start = end + 1;
  }
  return out;
}

// A page's furniture left in the text (站群导航, AQI, • 轻度污染, 2024-03-15来源:): a short
// stretch holding no sentence.
inline bool furniture_like(std::string_view s) {
  return s.size() < 20 * 3 && !contains(s, "。") && !contains(s, ",");
}

// How a body (not a government) writes of itself: a report holding one is a department's.
inline constexpr std::string_view kBodySelfNames[] = {"我局", "本局", "我委",  "本委",
                                                      "我厅", "我办", "我中心"};
inline bool names_body_self(std::string_view s) {
  for (std::string_view w : kBodySelfNames)
    if (contains(s, w)) return true;
  return false;
}

// Lines as (text offset, line), as first_lines gives them.
using SignatureLines = std::vector<std::pair<std::uint32_t, std::string_view>>;

// The publication date: the signature's last date, else the crawler header's 发布时间
// (metadata_year.cpp).
void published_from_signature(Document& doc, const SignatureLines& signature,
                              const CrawlerHeader& header);

// The year reported on from a publication date: a report published in Q4 reports on that year,
// otherwise on the year before (metadata_year.cpp).
bool year_from_published(Document& doc, const Located& published);

// A zone's name (…园区, …开发区, …新区 …): its committee names the zone (metadata.cpp).
bool zone_name(std::string_view unit);
// 某某县人民政府 → 某某县, 某某高新区管委会 → 某某高新区; a joint name run together keeps the
// government's (metadata.cpp).
std::string strip_unit_suffix(std::string unit);
// A name that speaks of its writer (…我局, 本级…): no unit's own name (metadata.cpp).
bool self_reference(std::string_view u);
// 我区, 全市, 园区, 区政府 …: how a report speaks of its writer or of a kind of place, not a name
// (metadata.cpp).
bool generic_unit(std::string_view u);

// Unit, second choice: a self-name opening a sentence of the first three body paragraphs
// (南湖区坚持…), not a generic one (metadata_body.cpp).
void unit_from_body(Document& doc);

// "南湖区" → "嘉兴市南湖区" when the text writes the city right before the unit
// (metadata_place.cpp).
std::string with_city_prefix(std::string_view text, const std::string& unit);

// A relative name (市审计局) placed by the divisions the text names (metadata_place.cpp).
std::string placed_by_text(std::string_view text, const std::string& unit);

// The province a bare name stands for (广东 → 广东省, 广西 → 广西壮族自治区); empty when none
// (metadata_place.cpp).
std::string province_named(std::string_view bare);

// Unit, last resort: a government writing of itself only as 我区 / 区政府, placed by the division
// of that kind its text names most, or a province as 全省 / 我省 by the visit or speech its
// opening names (metadata_place.cpp).
void unit_from_self_reference(Document& doc);

}  // namespace indicheck::detail::meta
