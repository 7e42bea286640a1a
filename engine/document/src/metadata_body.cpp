// The unit's second choice: how the report's first paragraphs name their writer ("2023年，长兴县
// 司法局在县委…", "在市委市政府的正确领导下，市市场监管局…", "2024年，山西省委、省政府坚持…").
// Part of the metadata stage (metadata.cpp calls it when the title names no unit).
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "divisions.h"
#include "internal.h"
#include "metadata_internal.h"
#include "part_signals.h"

namespace indicheck::detail::meta {

namespace {
// The longest addressee line a report opens with (市委、市政府:, 区委依法治区办:).
constexpr std::size_t kMaxAddressee = 20 * 3;
}  // namespace

// Unit, second choice: a self-name opening a sentence of the first three body paragraphs
// (南湖区坚持…), not a generic one (我区, 全市, 园区…).
void unit_from_body(Document& doc) {
  // A place, its government or committee, or a department naming itself before its verb (kVerbs;
  // body_unit takes five more): "2023年，长兴县司法局在县委…", "…吴兴区人民政府深入推进…",
  // "2025年,中都街道领导班子始终…" (its leading group speaks for it).
  static constexpr std::array<std::string_view, 15> kOpeningVerbs = {
      "坚持", "始终", "深入", "认真", "全面", "紧紧", "紧扣", "积极",
      "聚焦", "高度", "着力", "持续", "扎实", "围绕", "坚定"};
  static const std::string kVerbs = [] {
    std::string alternatives;
    for (std::string_view v : kOpeningVerbs)
      alternatives.append(alternatives.empty() ? "" : "|").append(v);
    return alternatives;
  }();
  // "…支持下,区政府紧扣经济建设中心工作": a subject and its verb, up to a word that ends names
  // (中心), is no name; 全面 opens names too (全面依法治区委员会办公室).
  const auto holds_verb = [](std::string_view unit) {
    return std::any_of(kOpeningVerbs.begin(), kOpeningVerbs.end(),
                       [&](std::string_view v) { return v != "全面" && contains(unit, v); });
  };
  static const RE2 body_unit(
      R"((?:^|[^\p{Han}])(\p{Han}{1,20}?(?:区|县|市|州|省|旗|局|厅|政府|管委会|管理委员会|委员会|办公室|街道办事处|办事处|街道|街|乡|镇|委|办))(?:领导班子)?,?(?:\((?:以下简称)?[^)]{1,30}\))?(?:的?(?:法治政府建设工作|法治政府建设|法治建设工作|依法行政工作),?)?(?:)" +
      kVerbs + "|严格|切实|不断|大力|进一步|按照|以|在)");
  // "2024年，山西省委、省政府坚持…": a place's party committee and government report jointly.
  static const RE2 joint_unit(
      R"((?:^|[^\p{Han}])(\p{Han}{2,10}?(?:省|自治区|市|州|县|区|旗|镇|乡))(?:党委和|党委、|委、)\p{Han}{0,3}?政府,?(?:)" +
      kVerbs + "|以|在)");
  // "2024年，青岛西海岸新区工委(区委)、管委(区政府)在…": a zone's party working committee and
  // its administrative committee.
  static const RE2 zone_joint(
      R"((?:^|[^\p{Han}])(\p{Han}{2,16}?(?:新区|开发区|园区|示范区|实验区|试验区|合作区))(?:党工委|工委)(?:\([^)]{1,8}\))?、(?:管委会|管委)(?:\([^)]{1,8}\))?,?(?:)" +
      kVerbs + "|以|在)");
  static const RE2 bare_city(R"((?:^|[^\p{Han}])(\p{Han}{2,3})(?:)" + kVerbs + ")");
  // "在市委市政府的正确领导下,市市场监管局把握新形势": the subject after the clause of who leads
  // it, whatever its verb; not a party committee and its government (朔州市委、市政府坚持…).
  static const RE2 led_unit(
      R"((?:领导下|指导下|关心下|支持下),(\p{Han}{2,20}?(?:局|厅|委员会|委|办公室|办|中心))[^、])");
  const auto without_year = [](std::string& unit) {  // "2025年莆田市水利局…": 年 is no part of it
    for (std::string_view lead : {"年度", "年"})
      if (starts(unit, lead)) unit.erase(0, lead.size());
  };
  std::size_t seen = 0;
  for (const Paragraph& p : doc.paragraphs) {
    if (seen >= 3) break;
    const Role role = doc.sentences.empty() || p.sentence_count == 0
                          ? Role::kAchievements
                          : doc.sentences[p.first_sentence].role;
    if (role == Role::kTitle || role == Role::kBoilerplate) continue;
    const std::string_view body =
        head(std::string_view(doc.text).substr(p.span.begin, p.span.size()), kHeadBytes);
    // A page's furniture left in the body (站群导航, AQI, • 轻度污染 …): short, no sentence.
    // The addressee of a report sent up ("区委、区政府:") is no paragraph of its own text.
    if (furniture_like(body) || (body.size() <= kMaxAddressee && body.ends_with(":"))) continue;
    ++seen;
    re2::StringPiece input = sp(body);
    std::string unit;
    re2::StringPiece led = contains(body, "下,") ? sp(body) : re2::StringPiece();
    const bool zone =
        seen == 1 && contains(body, "工委") && RE2::PartialMatch(input, zone_joint, &unit);
    if (zone || (seen == 1 && (contains(body, "委、") || contains(body, "党委和")) &&
                 RE2::PartialMatch(input, joint_unit, &unit))) {
      without_year(unit);
      // A zone is named after its city, short or whole (青岛西海岸新区).
      // A township is not on the national list: its name is its own (观胜镇党委、政府…).
      if (!generic_unit(unit) && unit.size() >= 6 &&
          (opens_with_division(unit) || (!zone && ends_any(unit, {"镇", "乡"})) ||
           (zone && !place_of_unit(unit, body).province.empty()))) {
        const std::size_t pos = body.find(unit);
        doc.meta.unit =
            at_text(doc, unit, p.span.begin + static_cast<std::uint32_t>(pos), "first-lines");
        return;
      }
    }
    while (RE2::FindAndConsume(&input, body_unit, &unit) ||
           RE2::FindAndConsume(&led, led_unit, &unit)) {
      without_year(unit);
      // "在区党工委全面依法治区委员会的指导下": a preposition's object, a party body leading.
      // "县政府的坚强领导和县委…": a phrase, no name holds 的.
      // Two characters name a place only as a division's whole name (房县, 沛县).
      if (generic_unit(unit) || (unit.size() < 9 && !division_name(unit)) ||
          starts_any(unit, {"在", "以", "由", "根据", "按照", "为", "经", "对", "向", "关于",
                            "结合", "中共", "遵循", "组织", "召开"}) ||
          contains(unit, "的") || contains(unit, "了") || contains(unit, "及其") ||
          contains(unit, "领导小组") || ends_any(unit, {"党工委", "党委"}) ||
          // "…推进全镇法治政府建设工作,切实…", "省政府党组班子成员均到…联系市州": a clause
          // about the whole place or the leaders, no name.
          contains_any(unit, {"全镇", "全乡", "全区", "全县", "全市", "全省", "班子", "成员",
                              "党组", "分管"}) ||
          holds_verb(unit) || self_reference(unit) ||
          (ends(unit, "政府") && contains(unit, "委")))  // 龙华区委区政府: party and government
        continue;
      // A body's or committee's name starts with its place (长兴县司法局) or a relative one
      // (县司法局); a clause ending in 局 (筑牢法治根基我局…) is none.
      // A township or sub-district (周溪乡, 大中街道, 鼓楼街道办事处) and a zone's department
      // (高新区综治局) name their own place too.
      const bool place =
          ends_any(unit, {"区", "县", "市", "州", "旗", "乡", "镇", "街道", "办事处"}) ||
          (ends(unit, "街") && unit.size() <= 4 * 3) ||
          (zone_name(unit) && !starts_any(unit, {"区", "市", "县"}));
      const bool relative = starts_any(unit, {"市", "县", "区", "省", "州", "旗"});
      if (!place && !relative && !opens_with_division(unit) &&
          place_of_unit(unit, body).province.empty())
        continue;
      // A city, county or province is on the national list: 贸易兴市 (文化立市、工业强市、贸易兴市)
      // is a slogan's phrase.
      if (!relative && ends_any(unit, {"省", "市", "县", "州", "旗"}) && !opens_with_division(unit))
        continue;
      const std::size_t pos = body.find(unit);
      unit = strip_unit_suffix(std::move(unit));
      doc.meta.unit = at_text(doc, with_city_prefix(doc.text, unit),
                              p.span.begin + static_cast<std::uint32_t>(pos),
                              seen == 1 ? "first-lines" : "body");
      return;
    }
    // A city or a province by its bare name, as they write themselves ("…领导下，株洲深入贯彻…",
    // "2024年，广东坚持…"): a name that is a city with 市 after it, or a province's name without
    // its suffix, opening the first paragraph's sentence or clause.
    input = sp(body);
    if (seen == 1 && RE2::PartialMatch(input, bare_city, &unit)) {
      const std::string name =
          division_name(unit + "市") ? unit + "市" : meta::province_named(unit);
      if (!name.empty()) {
        const std::size_t pos = body.find(unit);
        doc.meta.unit =
            at_text(doc, name, p.span.begin + static_cast<std::uint32_t>(pos), "first-lines");
        return;
      }
    }
  }
}

}  // namespace indicheck::detail::meta
