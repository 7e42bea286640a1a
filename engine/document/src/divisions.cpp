// Units → province and level through the national list of divisions.
//
// The list (about 3,300 rows) is a constexpr array generated at build time from
// data/divisions.tsv; an index from every full and short name to the divisions bearing it is
// built once, on first use. A unit name is short (tens of characters), so it is matched by
// trying, at each character, the longest name first.
//
// Short names are where the danger is: 公安 (公安县) sits inside 公安局, 资源 (资源县) inside
// 自然资源局. So a short name, or a full name of two characters (城区, 郊区, 东区), only counts at
// the start of the unit (after 中共) or right after a division already found, and every name
// after the first must lie inside the one before it. An autonomous prefecture or county is
// also found by the name its reports use (红河州, 镇宁自治县), a full name to this index.
#include "divisions.h"

#include <algorithm>
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "internal.h"

namespace indicheck::detail {

namespace {

constexpr Division kDivisions[] = {
#include "divisions_data.inc"
};

struct Index {
  std::unordered_map<std::string_view, std::vector<std::uint16_t>> by_key;  // full or short name
  std::unordered_map<std::uint32_t, std::uint16_t> by_code;
  // Full names as reports write them for autonomous divisions (红河州, 镇宁自治县): the keys
  // they add to by_key, and the strings those keys view.
  std::unordered_set<std::string_view> aliases;
  std::deque<std::string> alias_text;
  std::size_t longest_key = 0;  // bytes
};

// 红河哈尼族彝族自治州 is 红河州 in its own reports, 镇宁布依族苗族自治县 镇宁自治县 or 镇宁县:
// the short name with the division's kind, read as a full name when no division bears it.
void add_aliases(Index& ix) {
  for (std::size_t i = 0; i < std::size(kDivisions); ++i) {
    const Division& d = kDivisions[i];
    if (d.short_name.empty()) continue;
    std::vector<std::string> names;
    if (d.name.ends_with("自治州")) names = {std::string(d.short_name) + "州"};
    if (d.name.ends_with("自治县"))
      names = {std::string(d.short_name) + "自治县", std::string(d.short_name) + "县"};
    for (std::string& name : names) {
      if (name == d.name || ix.by_key.contains(name)) continue;
      const std::string_view key = ix.alias_text.emplace_back(std::move(name));
      ix.by_key[key].push_back(static_cast<std::uint16_t>(i));
      ix.aliases.insert(key);
      ix.longest_key = std::max(ix.longest_key, key.size());
    }
  }
}

const Index& index() {
  static const Index built = [] {
    Index ix;
    for (std::size_t i = 0; i < std::size(kDivisions); ++i) {
      const Division& d = kDivisions[i];
      const auto id = static_cast<std::uint16_t>(i);
      ix.by_code.emplace(d.code, id);
      for (std::string_view key : {d.name, d.short_name}) {
        if (key.empty()) continue;
        auto& ids = ix.by_key[key];
        if (ids.empty() || ids.back() != id) ids.push_back(id);
        ix.longest_key = std::max(ix.longest_key, key.size());
      }
    }
    add_aliases(ix);
    return ix;
  }();
  return built;
}

// Is `key` a full name of division `id` (its own, or the alias its reports write)?
bool full_name_of(const Index& ix, std::string_view key, std::uint16_t id) {
  return kDivisions[id].name == key || ix.aliases.contains(key);
}

const Division* parent_of(const Division& d) {
  if (d.parent == 0) return nullptr;
  const auto& codes = index().by_code;
  const auto it = codes.find(d.parent);
  return it == codes.end() ? nullptr : &kDivisions[it->second];
}

const Division& province_of(const Division& d) {
  const Division* at = &d;
  while (const Division* up = parent_of(*at)) at = up;
  return *at;
}

bool inside(const Division& inner, const Division& outer) {
  for (const Division* up = parent_of(inner); up; up = parent_of(*up))
    if (up == &outer) return true;
  return false;
}

std::string_view level_name(const Division& d) {
  switch (d.level) {
    case DivisionLevel::kProvince:
      return "province";
    case DivisionLevel::kCity:
      return "city";
    case DivisionLevel::kZone:
      return "zone";
    case DivisionLevel::kCounty:
      break;
  }
  const std::string_view n = d.name;
  auto ends = [&](std::string_view s) {
    return n.size() >= s.size() && n.substr(n.size() - s.size()) == s;
  };
  // The one forest area (林区) and the one special area (特区) are county-level, not districts;
  // 碑林区 and 万柏林区 are districts.
  if (n == "神农架林区" || n == "六枝特区") return "county";
  if (ends("区")) return "district";
  if (ends("市")) return "county-city";
  return "county";
}

// One name found in the unit, with every division that bears it (still possible).
struct Found {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool full_name = false;  // the text is a full name of every candidate
  std::vector<const Division*> candidates;
};

// The longest name starting at `pos`: its byte length and the divisions bearing it.
std::size_t longest_name_at(std::string_view unit, std::size_t pos, Found& found) {
  const Index& ix = index();
  for (std::size_t len = std::min(ix.longest_key, unit.size() - pos); len >= 6; --len) {
    const std::size_t end = pos + len;
    if (end < unit.size() && (static_cast<unsigned char>(unit[end]) & 0xC0) == 0x80) continue;
    const auto it = ix.by_key.find(unit.substr(pos, len));
    if (it == ix.by_key.end()) continue;
    found.end = end;
    found.candidates.clear();
    found.full_name = true;
    for (std::uint16_t id : it->second) {
      found.candidates.push_back(&kDivisions[id]);
      if (!full_name_of(ix, unit.substr(pos, len), id)) found.full_name = false;
    }
    return len;
  }
  return 0;
}

// The names of the unit, left to right, each inside the one before (see the file comment).
std::vector<Found> names_in_unit(std::string_view unit) {
  std::vector<Found> chain;
  std::size_t start = unit.substr(0, 6) == "中共" ? 6 : 0;
  std::size_t pos = start;
  while (pos < unit.size()) {
    Found found;
    const std::size_t len = longest_name_at(unit, pos, found);
    char32_t cp = 0;
    const std::size_t step = decode_utf8(unit, pos, cp);
    if (len == 0) {
      pos += step;
      continue;
    }
    const bool weak = !found.full_name || len <= 6;
    const bool anchored = pos == start || (!chain.empty() && chain.back().end == pos);
    if (weak && !anchored) {
      pos += step;
      continue;
    }
    if (!chain.empty()) {
      const auto& outer = chain.back().candidates;
      std::erase_if(found.candidates, [&](const Division* d) {
        return std::none_of(outer.begin(), outer.end(),
                            [&](const Division* o) { return inside(*d, *o); });
      });
      if (found.candidates.empty()) {
        pos += step;
        continue;
      }
    }
    found.begin = pos;
    chain.push_back(std::move(found));
    pos = chain.back().end;
  }
  // Narrow each name to the candidates that hold the next one (南湖区 inside 嘉兴市).
  for (std::size_t i = chain.size(); i-- > 1;) {
    const auto& inner = chain[i].candidates;
    std::erase_if(chain[i - 1].candidates, [&](const Division* o) {
      return std::none_of(inner.begin(), inner.end(),
                          [&](const Division* d) { return inside(*d, *o); });
    });
  }
  return chain;
}

std::size_t count_in(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + needle.size()))
    ++n;
  return n;
}

// Among divisions sharing a name: the ones whose city and province the text names most, then
// the highest level (海南: the province before 海南藏族自治州 and 海南区).
std::vector<const Division*> settle(std::vector<const Division*> candidates,
                                    std::string_view text) {
  if (candidates.size() <= 1) return candidates;
  std::vector<std::size_t> votes;
  for (const Division* d : candidates) {
    std::size_t v = 0;
    for (const Division* up = parent_of(*d); up; up = parent_of(*up))
      v += count_in(text, up->short_name.empty() ? up->name : up->short_name);
    votes.push_back(v);
  }
  const std::size_t best = *std::max_element(votes.begin(), votes.end());
  if (best > 0) {
    std::vector<const Division*> kept;
    for (std::size_t i = 0; i < candidates.size(); ++i)
      if (votes[i] == best) kept.push_back(candidates[i]);
    candidates = std::move(kept);
  }
  const auto top =
      std::min_element(candidates.begin(), candidates.end(),
                       [](const Division* a, const Division* b) { return a->level < b->level; });
  const auto same_level =
      std::count_if(candidates.begin(), candidates.end(),
                    [&](const Division* d) { return d->level == (*top)->level; });
  if (same_level == 1) return {*top};
  return candidates;
}

}  // namespace

std::span<const Division> all_divisions() {
  return kDivisions;
}

bool opens_with_division(std::string_view unit) {
  const std::vector<Found> chain = names_in_unit(unit);
  const std::size_t start = unit.substr(0, 6) == "中共" ? 6 : 0;
  return !chain.empty() && chain.front().full_name && chain.front().begin == start;
}

bool division_name(std::string_view name) {
  const Index& ix = index();
  const auto it = ix.by_key.find(name);
  return it != ix.by_key.end() &&
         std::any_of(it->second.begin(), it->second.end(),
                     [&](std::uint16_t id) { return full_name_of(ix, name, id); });
}

bool same_division(std::string_view a, std::string_view b) {
  const Index& ix = index();
  const auto ia = ix.by_key.find(a), ib = ix.by_key.find(b);
  if (ia == ix.by_key.end() || ib == ix.by_key.end()) return false;
  for (std::uint16_t id : ia->second)
    if (full_name_of(ix, a, id) && full_name_of(ix, b, id) &&
        std::find(ib->second.begin(), ib->second.end(), id) != ib->second.end())
      return true;
  return false;
}

Place place_of_unit(std::string_view unit, std::string_view text) {
  Place place;
  std::vector<Found> chain = names_in_unit(unit);
  if (chain.empty()) return place;
  Found& last = chain.back();
  last.candidates = settle(std::move(last.candidates), text);
  const Division& first = province_of(*last.candidates.front());
  if (std::all_of(last.candidates.begin(), last.candidates.end(),
                  [&](const Division* d) { return &province_of(*d) == &first; }))
    place.province = std::string(first.name);
  if (last.end == unit.size() && last.full_name) {
    const std::string_view level = level_name(*last.candidates.front());
    if (std::all_of(last.candidates.begin(), last.candidates.end(),
                    [&](const Division* d) { return level_name(*d) == level; }))
      place.level = std::string(level);
  }
  return place;
}

}  // namespace indicheck::detail
