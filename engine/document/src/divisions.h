// The national list of administrative divisions (provinces, prefecture-level and county-level
// units, from data/divisions.tsv, compiled into the binary) and what it says about a unit's
// name: which province it is in and at which level it governs.
//
// Private to the document stage (metadata.cpp asks it); tests/document checks it directly.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace indicheck::detail {

enum class DivisionLevel : std::uint8_t {
  kProvince,  // 省, 自治区, 直辖市, 特别行政区
  kCity,      // 地级: 市, 自治州, 地区, 盟
  kCounty,    // 县级: 区, 县, 旗, 县级市, 林区, 特区
  kZone,      // statistical county-level codes of development zones (苏州工业园区)
};

struct Division {
  std::uint32_t code;     // 6 digits, 320585
  std::string_view name;  // 太仓市
  DivisionLevel level;
  std::uint32_t parent;         // code of the parent, 0 for a province
  std::string_view short_name;  // 太仓; empty when the name has no suffix to drop
};

// Every division, parents before children, in code order within a parent.
std::span<const Division> all_divisions();

// What a unit's name says about where it is.
struct Place {
  std::string province;  // full name (江苏省), empty when the name does not settle it
  // The level of the division the name ends with: province, city, district, county,
  // county-city or zone; empty when the name does not end with a division's full name.
  std::string level;
};

// Finds the divisions a unit's name contains, left to right, each the longest name (full, or
// short at the start and right after another one) at its place: 苏州市相城区 → 苏州市, 相城区.
// A later name must lie inside the earlier one (莆田市公安局 does not name 公安县), which also
// narrows names several divisions share. Names still shared (鼓楼区: 南京, 徐州, 福州, 开封) are
// settled by `text` (the document, or its head): the candidate whose city and province the text
// names most wins.
Place place_of_unit(std::string_view unit, std::string_view text);

// Does the name open with a division's full name (城中区应急管理局: 城中区, of 西宁 or of 柳州),
// however many divisions bear it?
bool opens_with_division(std::string_view unit);

// Is the name a division's whole name (房县, 沛县: a place of two characters)?
bool division_name(std::string_view name);

// Are the two names full names of one division (焉耆回族自治县 and the 焉耆县 its report writes)?
bool same_division(std::string_view a, std::string_view b);

}  // namespace indicheck::detail
