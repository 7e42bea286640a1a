// The national list of divisions (engine/document/data/divisions.tsv, compiled in) and the
// province and level it gives a unit's name (engine/document/src/divisions.cpp), alone and
// through read_document's metadata. Every expected value was checked by hand against the list.
#include "divisions.h"

#include <array>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "doc_test_util.h"

using namespace indicheck;
using indicheck::detail::all_divisions;
using indicheck::detail::DivisionLevel;
using indicheck::detail::place_of_unit;

namespace {

const std::string kTsv = std::string(INDICHECK_SOURCE_DIR) + "/engine/document/data/divisions.tsv";

struct Expected {
  const char* unit;
  const char* province;
  const char* level;
};

// Metadata of a small report whose title names `unit`, with `body` as its text.
Metadata metadata_of(const std::string& unit, const std::string& body) {
  const std::string text = unit + "2023年法治政府建设情况报告\n" + body + "\n";
  std::vector<Diagnostic> diags;
  auto doc = read_document_bytes(text, "unit.txt", {}, diags);
  REQUIRE(doc);
  return doc->meta;
}

}  // namespace

TEST_CASE("divisions: the data file is small and holds every level of the national list") {
  REQUIRE(std::filesystem::exists(kTsv));
  CHECK(std::filesystem::file_size(kTsv) < 200u * 1024);
  std::ifstream in(kTsv);
  std::map<std::string, int> levels;
  int rows = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    ++rows;
    const auto a = line.find('\t'), b = line.find('\t', a + 1), c = line.find('\t', b + 1);
    ++levels[line.substr(b + 1, c - b - 1)];
  }
  CHECK(levels["province"] == 34);  // 31 + 台湾, 香港, 澳门
  CHECK(levels["city"] == 333);
  CHECK(levels["county"] == 2850);
  CHECK(levels["zone"] == 124);
  CHECK(levels.size() == 4);
  // The compiled-in table is the file.
  CHECK(all_divisions().size() == static_cast<std::size_t>(rows));
}

TEST_CASE("divisions: every parent exists and comes first; codes are unique") {
  std::set<std::uint32_t> seen;
  for (const auto& d : all_divisions()) {
    INFO(d.name);
    CHECK(seen.insert(d.code).second);
    if (d.level == DivisionLevel::kProvince)
      CHECK(d.parent == 0);
    else
      CHECK(seen.count(d.parent) == 1);
    CHECK(d.short_name != d.name);
  }
}

TEST_CASE("divisions: units → province and level") {
  const Expected cases[] = {
      {"苏州市相城区", "江苏省", "district"},  // a district of a prefecture-level city
      {"太仓市", "江苏省", "county-city"},     // a county-level city, alone
      {"江苏省太仓市", "江苏省", "county-city"},
      {"嘉兴市", "浙江省", "city"},                // a prefecture-level city
      {"恩施土家族苗族自治州", "湖北省", "city"},  // an autonomous prefecture
      {"重庆市忠县", "重庆市", "county"},          // a county of a municipality (two characters)
      {"长兴县", "浙江省", "county"},              // a county
      {"六枝特区", "贵州省", "county"},            // a special area: county-level
      {"神农架林区", "湖北省", "county"},
      {"西安市碑林区", "陕西省", "district"},    // 林区 ending a district's name
      {"北京市朝阳区", "北京市", "district"},    // a municipality's district
      {"上海市浦东新区", "上海市", "district"},  // 新区, yet a district
      {"浙江省", "浙江省", "province"},
      {"北京市", "北京市", "province"},     // a municipality is provincial
      {"仙桃市", "湖北省", "county-city"},  // a county-level city under the province
      {"东莞市", "广东省", "city"},         // a prefecture-level city without counties
      {"苏州工业园区", "江苏省", "zone"},
      {"嘉兴市南湖区", "浙江省", "district"},
  };
  for (const auto& c : cases) {
    INFO(c.unit);
    const auto place = place_of_unit(c.unit, "");
    CHECK(place.province == c.province);
    CHECK(place.level == c.level);
  }
}

TEST_CASE("divisions: a name several cities share is settled by the city the text names") {
  // 鼓楼区: 南京, 徐州 (江苏), 福州 (福建), 开封 (河南).
  CHECK(place_of_unit("鼓楼区", "在福州市委市政府的坚强领导下,鼓楼区坚持…").province == "福建省");
  CHECK(place_of_unit("鼓楼区", "在开封市委的领导下").province == "河南省");
  CHECK(place_of_unit("鼓楼区", "").province.empty());  // not settled: no guess
  CHECK(place_of_unit("鼓楼区", "").level == "district");
  // 朝阳区: 北京, 长春; the city in the name settles it without any text.
  CHECK(place_of_unit("长春市朝阳区", "").province == "吉林省");
  // Through the document: the body names the city.
  const Metadata meta = metadata_of("鼓楼区", "2023年,在福州市委的坚强领导下,鼓楼区坚持依法行政。");
  CHECK(meta.province.value == "福建省");
  CHECK(meta.level.value == "district");
}

TEST_CASE("divisions: short names only count where a place name can stand") {
  // 公安 (公安县, 湖北) inside 公安局, 资源 (资源县, 广西) inside 自然资源局: not places.
  CHECK(place_of_unit("莆田市公安局", "").province == "福建省");
  CHECK(place_of_unit("莆田市公安局", "").level.empty());
  CHECK(place_of_unit("桂林市自然资源局", "").province == "广西壮族自治区");
  CHECK(place_of_unit("中共苏州市委", "").province == "江苏省");
  CHECK(place_of_unit("平潭综合实验区", "").province == "福建省");  // 平潭 (平潭县) at the start
  CHECK(place_of_unit("河东区", "").level == "district");           // not 东区 of 攀枝花
  CHECK(place_of_unit("国家税务总局", "").province.empty());
}

TEST_CASE("divisions: departments and zones keep their own level in the metadata") {
  const Expected cases[] = {
      {"莆田市审计局", "福建省", "department"},  // a department whatever place it names
      {"莆田市公安局", "福建省", "department"},
      {"苏州市相城区", "江苏省", "district"},
      {"上海市浦东新区", "上海市", "district"},
      {"张家口市下花园区", "河北省", "district"},  // 园区 in a district's name
      {"太仓市", "江苏省", "county-city"},
      {"苏州工业园区", "江苏省", "zone"},
  };
  for (const auto& c : cases) {
    INFO(c.unit);
    const Metadata meta = metadata_of(c.unit, "2023年,我们坚持依法行政。");
    CHECK(meta.unit.value == c.unit);
    CHECK(meta.province.value == c.province);
    CHECK(meta.level.value == c.level);
  }
}

TEST_CASE("divisions: prefectures named 自治州, 盟 and 地区 are units of their own") {
  const Metadata yanbian = metadata_of("延边朝鲜族自治州", "2023年,州政府全年开展普法活动12场。");
  CHECK(yanbian.unit.value == "延边朝鲜族自治州");
  CHECK(yanbian.province.value == "吉林省");
  CHECK(yanbian.level.value == "city");
  const Metadata xingan = metadata_of("兴安盟", "2023年,全盟开展普法活动。");
  CHECK(xingan.unit.value == "兴安盟");
  CHECK(xingan.province.value == "内蒙古自治区");
  const Metadata ali = metadata_of("阿里地区", "2023年,地区行署开展普法活动。");
  CHECK(ali.unit.value == "阿里地区");
  CHECK(ali.province.value == "西藏自治区");
}

TEST_CASE("divisions: an autonomous prefecture or county by the name its reports use") {
  // 红河哈尼族彝族自治州 writes itself 红河州; 镇宁布依族苗族自治县 镇宁自治县 or 镇宁县.
  const std::array<Expected, 5> cases = {{
      {"红河州", "云南省", "city"},
      {"黔西南州", "贵州省", "city"},
      {"镇宁自治县", "贵州省", "county"},
      {"镇宁县", "贵州省", "county"},
      {"红河州交通运输局", "云南省", ""},
  }};
  for (const Expected& e : cases) {
    INFO(e.unit);
    const detail::Place place = place_of_unit(e.unit, "");
    CHECK(place.province == e.province);
    CHECK(place.level == e.level);
  }
  CHECK(detail::division_name("红河州"));
  CHECK(detail::division_name("镇宁自治县"));
  // A real county keeps its own name: 红河县 is a county of 红河州, not the prefecture.
  CHECK(place_of_unit("红河县", "").level == "county");
  // The short name alone is still no full name (杭州 is no unit; 杭州市 is).
  CHECK_FALSE(detail::division_name("杭州"));
  CHECK_FALSE(detail::division_name("杭州州"));
  const Metadata honghe = metadata_of("红河州", "2023年,州政府全年开展普法活动12场。");
  CHECK(honghe.level.value == "city");
  CHECK(honghe.province.value == "云南省");
}
