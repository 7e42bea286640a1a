// Metadata: placing a unit by the divisions its text names (a relative name, a district without
// its city, a government writing of itself only as 我区). See metadata.cpp for the rest.
#include <re2/re2.h>

#include <map>
#include <string>
#include <unordered_set>

#include "divisions.h"
#include "internal.h"
#include "metadata_internal.h"
#include "part_signals.h"

namespace indicheck::detail::meta {

namespace {

// Divisions below a province by name, and the four municipalities, which are provinces in the
// list and a 市 to their bodies (天津市卫生健康委).
const std::unordered_set<std::string_view>& place_names() {
  static const std::unordered_set<std::string_view> names = [] {
    std::unordered_set<std::string_view> set;
    for (const Division& d : all_divisions())
      if (d.level != DivisionLevel::kProvince) set.insert(d.name);
    for (std::string_view m : {"北京市", "天津市", "上海市", "重庆市"}) set.insert(m);
    return set;
  }();
  return names;
}

// Calls visit(place) for the division names of kind `suffix` (市, 区 or 县) ending at `end`
// (exclusive) of `scan`, without the suffix, nearest first, until visit returns true.
template <typename Visit>
void places_ending_at(std::string_view scan, std::size_t end, std::string_view suffix,
                      Visit&& visit) {
  for (std::size_t chars = 1; chars <= 6 && end >= 3 * chars; ++chars) {
    const std::size_t b = end - 3 * chars;
    char32_t cp = 0;
    decode_utf8(scan, b, cp);
    if (cp < 0x4E00 || cp > 0x9FFF) return;
    const std::string_view place = scan.substr(b, end - b);
    if (chars >= 2 && place_names().count(std::string(place) + std::string(suffix)) && visit(place))
      return;
  }
}

struct NamedPlace {
  std::string_view place;  // without its suffix; empty when none is named twice
  std::size_t first = 0;   // where its suffix is first written
  bool tied = false;       // another place is named as often
};

// The division of kind `suffix` that `scan` names most often, at least twice; of those named
// as often, the one named first.
NamedPlace most_named_place(std::string_view scan, std::string_view suffix) {
  std::map<std::string_view, std::pair<int, std::size_t>> counts;  // place → (count, first)
  for (std::size_t at = scan.find(suffix); at != std::string_view::npos;
       at = scan.find(suffix, at + 3)) {
    places_ending_at(scan, at, suffix, [&](std::string_view place) {
      auto& c = counts[place];
      if (c.first++ == 0) c.second = at;
      return true;
    });
  }
  NamedPlace best;
  int best_count = 1;
  for (const auto& [place, c] : counts) {
    if (c.first > best_count) {
      best = {place, c.second, false};
      best_count = c.first;
    } else if (c.first == best_count && !best.place.empty()) {
      best.tied = true;
      if (c.second < best.first) {
        best.place = place;
        best.first = c.second;
      }
    }
  }
  return best;
}

}  // namespace

// "南湖区" → "嘉兴市南湖区" when the text writes the city right before the unit somewhere.
std::string with_city_prefix(std::string_view text, const std::string& unit) {
  const std::string_view scan = head(text, kBodyScanBytes);
  for (std::size_t at = scan.find(unit); at != std::string_view::npos;
       at = scan.find(unit, at + 1)) {
    if (at < 3 || scan.substr(at - 3, 3) != "市") continue;
    std::size_t b = at - 3;
    int chars = 0;
    while (b >= 3 && chars < 4) {
      char32_t cp = 0;
      decode_utf8(scan, b - 3, cp);
      if (cp < 0x4E00 || cp > 0x9FFF) break;
      b -= 3;
      ++chars;
    }
    if (chars >= 2) return std::string(scan.substr(b, at - b)) + unit;
  }
  return unit;
}

// A relative name placed by the text: "市审计局" → "莆田市审计局" where the text writes
// 莆田市审计局 (a division's name ending where the unit's 市, 区 or 县 is); else by the division of
// that kind the text names most often, at least twice (莆田市 …莆田市 → 莆田市海渔局).
std::string placed_by_text(std::string_view text, const std::string& unit) {
  const std::string_view scan = head(text, kBodyScanBytes);
  const std::string_view suffix = std::string_view(unit).substr(0, 3);  // 市, 区 or 县
  for (std::size_t at = scan.find(unit); at != std::string_view::npos;
       at = scan.find(unit, at + 1)) {
    std::string found;
    places_ending_at(scan, at, suffix, [&](std::string_view place) {
      found = std::string(place) + unit;
      return true;
    });
    if (!found.empty()) return found;
  }
  const NamedPlace best = most_named_place(scan, suffix);
  return best.place.empty() ? unit : std::string(best.place) + unit;
}

std::string province_named(std::string_view bare) {
  for (const Division& d : all_divisions())
    if (d.level == DivisionLevel::kProvince && d.name.size() > bare.size() &&
        starts(d.name, bare) && !division_name(std::string(bare)))
      return std::string(d.name);
  return {};
}

namespace {

// A province writing of itself as 全省 / 我省, named by the General Secretary's speech on its work
// or his visit to it ("深入学习贯彻习近平总书记对江苏工作重要讲话精神", "考察江西重要讲话精神").
bool province_by_speech(Document& doc, std::string_view opening) {
  if (!contains(opening, "全省") && !contains(opening, "我省")) return false;
  // A city's or county's report names the province too (全省第一, 考察江西重要讲话).
  for (std::string_view lower : {"我市", "我县", "我区", "全市", "全县", "全区", "我镇", "我乡"})
    if (contains(opening, lower)) return false;
  static const RE2 speech(R"((?:对|考察)(\p{Han}{2,3}?)(?:工作)?(?:时的)?重要(?:讲话|指示))");
  std::string bare;
  if (!RE2::PartialMatch(sp(opening), speech, &bare)) return false;
  const std::string province = province_named(bare);
  if (province.empty()) return false;
  doc.meta.unit = at_text(doc, province, static_cast<std::uint32_t>(opening.find(bare)), "body");
  return true;
}

}  // namespace

// Unit, last resort: a government that writes of itself only as 我区, 我市, 我县 or 区政府, 市政府,
// 县政府 in its opening ("2023年，我区坚持…"), never a body's report (我局, 本局, 我委 …): the
// division of that kind the text names most often, at least twice and more than any other.
void unit_from_self_reference(Document& doc) {
  // The subject of a sentence or clause ("2023年，市政府坚持…"), not the one leading it
  // ("在市委、市政府的领导下").
  static const RE2 government(R"((?:^|[\n,;:。]|年)(区|市|县)(?:人民)?政府)");
  const std::string_view opening = head(doc.text, 2400);
  if (names_body_self(opening) || contains(opening, "局党组") || contains(opening, "委党组"))
    return;
  if (province_by_speech(doc, opening)) return;
  std::string kind;
  for (std::string_view self : {"我区", "我市", "我县"})
    if (contains(opening, self)) {
      kind = std::string(self.substr(3));
      break;
    }
  if (kind.empty() && !RE2::PartialMatch(sp(opening), government, &kind)) return;
  const std::string_view scan = head(doc.text, kBodyScanBytes);
  const NamedPlace best = most_named_place(scan, kind);
  if (!best.place.empty() && !best.tied) {
    doc.meta.unit = at_text(doc, std::string(best.place) + kind,
                            static_cast<std::uint32_t>(best.first - best.place.size()), "body");
    return;
  }
  // The place's short name in its own slogan: 法治弋阳、法治政府、法治社会一体建设 (我县 → 弋阳县).
  for (std::size_t at = opening.find("法治"); at != std::string_view::npos;
       at = opening.find("法治", at + 6)) {
    for (std::size_t chars : {2, 3}) {
      const std::string_view name = opening.substr(at + 6, chars * 3);
      if (name.size() < chars * 3 || !han_only(name)) continue;
      const std::string unit = std::string(name) + kind;
      if (!division_name(unit)) continue;
      doc.meta.unit = at_text(doc, unit, static_cast<std::uint32_t>(at + 6), "body");
      return;
    }
  }
}

}  // namespace indicheck::detail::meta
