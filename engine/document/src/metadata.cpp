// Metadata inferred from the text: unit, level, province, year reported on, publication date,
// document number, each with the line and the kind of place it came from.
//
// The year reported on is the subtle one: a report on 2021 is written and dated in 2022 and
// plans 2022, so the year comes from the title ("2021年法治政府建设…报告") or the preamble's
// opening ("2021年，…"), never from the date or the doc number (〔2022〕). Only when neither
// exists do we fall back to the publication year minus one.
//
// The unit comes from the title; else from the body's first paragraphs ("南湖区坚持…"); else
// from the signature (苏州工业园区管理委员会 → 苏州工业园区). Province and level come from the
// divisions the unit's name contains, through the national list (divisions.h); a province the
// name does not settle is the one the body names most.
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_set>

#include "divisions.h"
#include "internal.h"
#include "metadata_internal.h"
#include "part_signals.h"

namespace indicheck::detail {

using namespace meta;

namespace {

// The provinces of the national list (省, 自治区, 直辖市, 特别行政区), in code order.
const std::vector<std::string_view>& province_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const Division& d : all_divisions())
      if (d.level == DivisionLevel::kProvince) out.push_back(d.name);
    return out;
  }();
  return names;
}

// The unit a title starts with: "苏州市相城区2021年…" → 苏州市相城区.
bool unit_suffix(std::string_view unit) {
  for (std::string_view suffix :
       {"省",     "市",     "区", "县",   "旗",     "管委会", "管理委员会", "局",  "厅",
        "委员会", "办公室", "委", "办",   "中心",   "院",     "署",         "镇",  "乡",
        "街道",   "州",     "盟", "地区", "办事处", "大队",   "支队",       "新城"})
    if (ends(unit, suffix)) return true;
  return false;
}

// The places whose party committee and government report jointly: the government is the unit.
bool governed_place(std::string_view place) {
  return ends_any(place, {"省", "市", "区", "县", "旗", "州", "盟", "镇", "乡", "街道"});
}

// A report issued jointly by the party committee and the government names both: "中共某某县委
// 某某县人民政府关于…" (the space gone in normalization). The government is the unit.
std::string after_party_committee(std::string unit) {
  if (unit.rfind("中共", 0) != 0) return unit;
  for (std::string_view committee : {"委员会", "委"}) {
    const std::size_t at = unit.find(committee, 6);
    if (at == std::string::npos) continue;
    const std::string rest = unit.substr(at + committee.size());
    // The government of a place (某某县, 某某市某某区), not another committee's office.
    if (rest.size() < 6 || rest.find("委") != std::string::npos) continue;
    if (governed_place(rest)) return rest;
  }
  return unit;
}

std::string unit_from_title(std::string_view raw_title) {
  // "苏州市相城区2021年…", "莆田市审计局关于2022年…",
  // "莆田市人民政府国有资产监督管理委员会关于2025年…".
  // A parenthesised aside in the title (某某县司法局(县委依法治县办)2023年…) is not read.
  std::string title(unwrapped_title(raw_title));
  // "【长兴县】2023年度…", "长兴县:2023年度…": the unit set apart at the start is read as if
  // it ran on into the title; a column's tag (【专题】…) is dropped.
  constexpr std::size_t kMaxName = 30 * 3;
  // "[天政发〔2026〕7号]天水市人民政府关于…": a document number in brackets before the title.
  if (starts(title, "[")) {
    const std::size_t close = title.find(']');
    if (close != std::string::npos && close <= kMaxName &&
        contains(std::string_view(title).substr(0, close), "号"))
      title.erase(0, close + 1);
  }
  if (starts(title, "【")) {
    const std::size_t close = title.find("】");
    if (close != std::string::npos && close <= kMaxName) {
      const std::string tag = title.substr(3, close - 3);
      title = (unit_suffix(tag) ? tag : std::string()) + title.substr(close + 3);
    }
  } else if (const std::size_t colon = title.find(':');
             colon != std::string::npos && colon <= kMaxName &&
             unit_suffix(std::string_view(title).substr(0, colon))) {
    title.erase(colon, 1);
  }
  // "关于2023年度…的报告(长兴县司法局)": a unit named in closing parentheses, read when the
  // title names none before them.
  std::string closing;
  if (ends(title, ")")) {
    const std::size_t open = title.rfind('(');
    const std::string_view inner =
        open == std::string::npos
            ? std::string_view()
            : std::string_view(title).substr(open + 1, title.size() - open - 2);
    if (!inner.empty() && inner.size() <= kMaxName && unit_suffix(inner) &&
        inner.find_first_of("0123456789") == std::string_view::npos)
      closing = inner;
  }
  for (std::size_t open = title.find('('); open != std::string::npos;) {
    const std::size_t close = title.find(')', open);
    if (close == std::string::npos || close - open > 60) break;
    // A free trade zone's name holds its province: 中国(上海)自由贸易试验区.
    if (open >= 6 && std::string_view(title).substr(open - 6, 6) == "中国" &&
        close - open <= 1 + 9 &&
        han_only(std::string_view(title).substr(open + 1, close - open - 1))) {
      open = title.find('(', close);
      continue;
    }
    title.erase(open, close - open + 1);
    open = title.find('(', open);
  }
  static const RE2 with_year(
      R"(^(?:关于)?((?:\p{Han}|[()]){2,30}?)(?:人民政府)?(?:关于)?\s*(?:\d{4}|[〇○零O一二三四五六七八九]{4})\s*年)");
  // "莆田市审计局关于贯彻落实法治政府建设情况的自查报告": no year after the unit.
  static const RE2 with_about(R"(^(\p{Han}{2,30}?)(?:人民政府)?关于)");
  // "2023年某某县法治政府建设情况报告": the year first, then the unit and the subject.
  // "关于2022年度某某市某某区法治政府建设情况的报告": 关于 may come first.
  static const RE2 year_first(
      R"(^(?:关于)?(?:\d{4}|[〇○零O一二三四五六七八九]{4})\s*年度?(\p{Han}{2,30}?)(?:人民政府)?(?:关于)?(?:法治政府|依法行政|法治建设|法治工作|推进法治))");
  // "某某局法治政府建设情况报告": neither year nor 关于, the subject follows the unit.
  static const RE2 with_subject(
      R"(^(\p{Han}{2,30}?)(?:人民政府)?(?:年度)?(?:法治政府|依法行政|法治建设|法治工作|推进法治))");
  // Each pattern needs a word of its own (年, 关于, the subject): most lines asked about have
  // none, and a capturing match is the costly kind.
  const bool year = contains(title, "年");
  const bool subject = contains(title, "法治政府") || contains(title, "依法行政") ||
                       contains(title, "法治建设") || contains(title, "法治工作") ||
                       contains(title, "推进法治");
  // year_first before with_subject: a title that opens with its year in Chinese numerals
  // (二〇二三年度某某县法治政府…) would otherwise give the year as part of the unit.
  const std::pair<const RE2*, bool> patterns[] = {{&with_year, year},
                                                  {&with_about, contains(title, "关于")},
                                                  {&year_first, year && subject},
                                                  {&with_subject, subject}};
  std::string unit;
  for (const auto& [pattern, possible] : patterns) {
    if (!possible || !RE2::PartialMatch(sp(title), *pattern, &unit)) continue;
    // "某某市人民政府关于某某市2023年度…", "某某区人民政府办公室关于某某区2023年度…": the
    // issuer before 关于 is the unit (an office issues its government's report).
    if (const std::size_t about = unit.find("关于"); about != std::string::npos) {
      unit.resize(about);
      for (std::string_view issuer : {"人民政府办公室", "人民政府"})
        if (ends(unit, issuer)) {
          unit.resize(unit.size() - issuer.size());
          break;
        }
    }
    if (unit_suffix(unit)) return after_party_committee(unit);
  }
  return closing.empty() ? std::string() : after_party_committee(closing);
}

}  // namespace

// Shared with metadata_body.cpp (metadata_internal.h).
namespace meta {

// A zone's committee names the zone (苏州工业园区管理委员会 → 苏州工业园区); a department
// that is a committee keeps its name (国有资产监督管理委员会).
bool zone_name(std::string_view unit) {
  for (std::string_view z :
       {"园区", "开发区", "高新区", "实验区", "试验区", "新区", "片区", "合作区", "示范区",
        "度假区", "保税区", "综保区", "管理区", "功能区", "风景区", "港区"})
    if (contains(unit, z)) return true;
  return false;
}

std::string strip_unit_suffix(std::string unit) {
  for (std::string_view suffix : {"人民政府", "政府", "行政公署", "管理委员会", "管委会", "管委"}) {
    if (!ends(unit, suffix) || unit.size() <= suffix.size() + 3) continue;
    const std::string_view stem = std::string_view(unit).substr(0, unit.size() - suffix.size());
    // A league's or prefecture's 行政公署 is its government (锡林郭勒盟行政公署).
    if (suffix == "行政公署" && !ends(stem, "盟") && !ends(stem, "地区")) continue;
    // 某某区政府: a place's government by its short name (not 市政府, a relative one).
    if (suffix == "政府" && !ends_any(stem, {"区", "县", "市", "旗", "镇", "乡"})) continue;
    if ((suffix != "人民政府" && suffix != "政府" && suffix != "行政公署") &&
        !(zone_name(stem) && (ends(stem, "区"))))
      continue;
    unit.resize(stem.size());
    break;
  }
  // A joint signature whose two names normalization ran together (中共某某市委某某市人民政府).
  return after_party_committee(std::move(unit));
}

// A department by its official name when the report writes a common short form (乳山市市场监管局
// → 乳山市市场监督管理局, 市卫健委 → 市卫生健康委员会, 江北区政府办公室 → 江北区人民政府办公室):
// one unit, one name, whichever form a year's report uses. Only short forms that stand for one
// official name everywhere; 交通局, 城管局 and the like are left as written.
std::string official_name(std::string unit) {
  static constexpr std::pair<std::string_view, std::string_view> kShortForms[] = {
      {"市场监管局", "市场监督管理局"},
      {"卫健委", "卫生健康委员会"},
      {"卫生健康委", "卫生健康委员会"},
      {"卫健局", "卫生健康局"},
      {"科技局", "科学技术局"},
      {"人社局", "人力资源和社会保障局"},
      {"人力社保局", "人力资源和社会保障局"},
      {"住建局", "住房和城乡建设局"},
      {"发改委", "发展和改革委员会"},
      {"发改局", "发展和改革局"},
      {"工信局", "工业和信息化局"},
      {"医保局", "医疗保障局"},
      {"应急局", "应急管理局"},
      {"退役军人局", "退役军人事务局"},
      {"林草局", "林业和草原局"},
      {"文旅局", "文化和旅游局"},
      {"国资委", "国有资产监督管理委员会"},
      {"商务委", "商务委员会"},
      {"政府办公室", "人民政府办公室"},
      {"政府办公厅", "人民政府办公厅"},
  };
  for (const auto& [short_form, official] : kShortForms) {
    if (!ends(unit, short_form) || unit.size() == short_form.size()) continue;
    const std::string_view stem = std::string_view(unit).substr(0, unit.size() - short_form.size());
    // Right after its place (乳山市, 市, 江北区): 教育科技局 is a bureau's own name.
    if (!ends_any(stem, {"市", "区", "县", "州", "省", "旗", "盟"})) continue;
    return std::string(stem) + std::string(official);
  }
  return unit;
}

// A name that speaks of its writer (…我局, 本级…): no unit's own name.
bool self_reference(std::string_view u) {
  return contains(u, "我") || contains(u, "本");
}

// "区政府坚持…", "县人民政府…": a level's government with no place named is how a report
// speaks of its own writer, not a name.
bool government_of_no_place(std::string_view u) {
  for (std::string_view level : {"省", "市", "区", "县", "州", "旗", "镇", "乡"}) {
    if (!starts(u, level)) continue;
    const std::string_view rest = u.substr(level.size());
    return rest == "政府" || rest == "人民政府" || rest == "委" || rest == "党委" ||
           rest == "委区政府" || rest == "委县政府" || rest == "委市政府" || rest == "管委会" ||
           rest == "管理委员会" || rest == "党工委" || rest == "工委";
  }
  return false;
}

bool generic_unit(std::string_view u) {
  return starts(u, "我") || starts(u, "全") || starts(u, "本") || starts(u, "该") ||
         starts(u, "各") || u == "园区" || u == "新区" || u == "城区" || u == "市区" ||
         u == "辖区" || u == "社区" || u == "片区" || u == "景区" || u == "实验区" ||
         u == "试验区" || u == "开发区" || u == "高新区" || u == "自贸区" || u == "示范区" ||
         u == "经开区" || u == "经济开发区" || u == "经济技术开发区" || u == "高新技术产业开发区" ||
         u == "综保区" || u == "保税区" || u == "工业园区" || u == "产业园区" || u == "合作区" ||
         u == "农村" || u == "城市" || u == "地区" || u == "县区" || u == "市县" || u == "乡镇" ||
         u == "街道" || u == "镇街" || u == "街镇" || u == "城乡" || government_of_no_place(u);
}

}  // namespace meta

namespace {

bool department_suffix(std::string_view unit) {
  return ends(unit, "局") || ends(unit, "厅") || ends(unit, "委") || ends(unit, "办") ||
         ends(unit, "委员会") || ends(unit, "办公室") || ends(unit, "中心") || ends(unit, "院") ||
         ends(unit, "署") || ends(unit, "大队") || ends(unit, "支队");
}

// The level: departments and zones by their own words (a unit ending in 局/委/办… is a
// department whatever place it names), then the division the name ends with (`place`), then
// the suffix for names the national list does not hold.
std::string level_of(std::string_view unit, bool committee_signature, const Place& place) {
  if (unit.empty()) return {};
  // A zone's bureau (平潭综合实验区自然资源与生态环境局) is a department; the zone itself, or
  // its committee, is a zone.
  // The zone's own administration: 开发区管委会, 苏平片区管理局 (a zone word right before it).
  bool zone_committee = false;
  for (std::string_view suffix : {"管委会", "管理委员会", "管理局", "管委"})
    if (ends(unit, suffix) && zone_name(unit) &&
        ends(unit.substr(0, unit.size() - suffix.size()), "区"))
      zone_committee = true;
  // A township's government (黄石镇, 屿头乡, 龙桥街道, its 街道办事处; in Guangzhou 鹤龙街): below
  // the national list.
  for (std::string_view suffix : {"镇", "乡", "街道", "街道办事处", "苏木"})
    if (ends(unit, suffix)) return "township";
  if (ends(unit, "街") && unit.size() <= 4 * 3) return "township";
  if (department_suffix(unit) && !zone_committee) return "department";
  if (committee_signature || zone_committee) return "zone";
  // A real division wins over zone words in its name (浦东新区, 下花园区 are districts).
  if (!place.level.empty()) return place.level;
  if (zone_name(unit) && ends(unit, "区")) return "zone";
  if (ends(unit, "区")) return "district";
  if (ends(unit, "县") || ends(unit, "旗")) return "county";
  if (ends(unit, "市")) return "county-city";  // not in the list: most likely a county-level city
  if (ends(unit, "省") || ends(unit, "自治区")) return "province";
  return {};
}

}  // namespace

namespace {

using Lines = std::vector<std::pair<std::uint32_t, std::string_view>>;  // (text offset, line)

// Document number: in the head (相政呈〔2022〕20号), else the crawler header's 文号.
void find_doc_number(Document& doc, const Lines& lines, const CrawlerHeader& header) {
  static const RE2 doc_number(
      R"((\p{Han}{1,12}(?:〔|\[|【|\()\d{4}(?:〕|\]|】|\))\s*\d{1,5}\s*号))");
  for (const auto& [offset, line] : lines) {
    if (line.size() > 200 || !contains(line, "号"))
      continue;  // the pattern needs 号; most lines lack it
    std::string number;
    if (RE2::PartialMatch(sp(line), doc_number, &number)) {
      const std::size_t pos = line.find(number);
      doc.meta.doc_number = at_text(doc, number, offset + static_cast<std::uint32_t>(pos), "title");
      break;
    }
  }
  if (!doc.meta.doc_number.found() && header.doc_number.found())
    doc.meta.doc_number = header.doc_number;
}

// The signature's sentences (role kSignature), in order.
Lines signature_of(const Document& doc) {
  Lines signature;
  for (const Sentence& s : doc.sentences)
    if (s.role == Role::kSignature)
      signature.emplace_back(s.span.begin,
                             std::string_view(doc.text).substr(s.span.begin, s.span.size()));
  return signature;
}

// The title of the report a letter sends (关于报送《某局2023年度法治政府建设情况报告》的报告 → the
// name inside 《》); any other line as it is.
std::string_view sent_title(std::string_view line) {
  if (!starts(line, "关于报送《")) return line;
  line.remove_prefix(std::string_view("关于报送《").size());
  return line.substr(0, line.find("》"));
}

// Unit, first choice: a title (the crawler header's, a title line, or a title run into the
// body on the first line). `committee` is set when the title names a 管委会.
// "中共某某镇委员会 / 某某镇人民政府 / 关于…的报告": a party committee and its government
// report jointly, each named on a title line of its own; the government is the unit, as when
// both stand on one line (after_party_committee).
void government_over_party(Document& doc, const Lines& lines) {
  std::string_view place = doc.meta.unit.value;
  if (!starts(place, "中共")) return;
  place.remove_prefix(std::string_view("中共").size());
  if (ends(place, "委员会"))
    place.remove_suffix(std::string_view("委员会").size());
  else if (ends(place, "委"))
    place.remove_suffix(std::string_view("委").size());
  else
    return;
  if (!governed_place(place)) return;
  const std::string government = std::string(place) + "人民政府";
  for (const auto& [offset, line] : lines)
    if (line == government) {
      doc.meta.unit = at_text(doc, std::string(place), offset, "title");
      return;
    }
}

void unit_from_titles(Document& doc, const Lines& lines, const CrawlerHeader& header,
                      bool& committee) {
  Metadata& meta = doc.meta;
  // "经济技术开发区管理委员会关于…报告": a zone's or a level's generic name is no unit.
  const auto named_unit = [](std::string unit) {
    if (!unit.empty() && generic_unit(strip_unit_suffix(unit))) unit.clear();
    return unit;
  };
  if (header.title.found()) {
    std::string unit = named_unit(unit_from_title(header.title.value));
    if (!unit.empty()) {
      committee = contains(unit, "管委会") || contains(unit, "管理委员会");
      meta.unit = header.title;
      meta.unit.value = strip_unit_suffix(unit);
      meta.unit.source = "title";
    }
  }
  for (const auto& [offset, line] : lines) {
    if (meta.unit.found()) break;
    // A line ending in a colon addresses someone ("某某区法治政府建设工作领导小组办公室:").
    if (!title_like(line) || line.ends_with(":")) continue;
    std::string unit = named_unit(unit_from_title(sent_title(line)));
    if (!unit.empty()) {
      committee = contains(unit, "管委会") || contains(unit, "管理委员会");
      meta.unit = at_text(doc, strip_unit_suffix(unit), offset, "title");
      break;
    }
  }
  // A formal document's red header names the issuing unit (莆田市审计局文件) when its title
  // does not (关于2023年度法治政府建设情况的报告).
  for (const auto& [offset, line] : lines) {
    if (meta.unit.found()) break;
    const std::string_view unit = red_header_unit(line);
    if (unit.empty() || !unit_suffix(unit)) continue;
    committee = contains(unit, "管委会") || contains(unit, "管理委员会");
    meta.unit = at_text(doc, strip_unit_suffix(std::string(unit)), offset, "red-header");
  }
  // A title set over two lines, the unit on the first ("西宁市城东区人民政府" /
  // "关于2022年…的报告", "2024年度浦东新区建设和交通委员会" / "法治政府建设情况报告").
  for (std::size_t i = 1; i < lines.size() && !meta.unit.found(); ++i) {
    const auto& [offset, line] = lines[i];
    const std::string_view above = lines[i - 1].second;
    if (!title_like(line) || title_like(above) || !unit_suffix(above)) continue;
    const std::string unit = named_unit(unit_from_title(std::string(above) + std::string(line)));
    if (!unit.empty())
      meta.unit = at_text(doc, strip_unit_suffix(unit), lines[i - 1].first, "title");
  }
  // A publication note before the text names the report: "现将《某某市文化和旅游局2025年度法治
  // 政府建设情况报告》予以公布", "现将市人社局2021年法治政府建设情况报告予以公开".
  for (const auto& [offset, line] : lines) {
    if (meta.unit.found()) break;
    const std::size_t at = line.find("现将");
    if (at == std::string_view::npos ||
        !contains_any(line.substr(at),
                      {"予以公布", "予以公开", "予以发布", "公布如下", "报告如下"}))
      continue;
    std::string_view named = line.substr(at + std::string_view("现将").size());
    if (starts(named, "《")) named.remove_prefix(std::string_view("《").size());
    const std::string unit = unit_from_title(named);
    if (unit.empty() || self_reference(unit) || generic_unit(unit)) continue;
    meta.unit =
        at_text(doc, strip_unit_suffix(unit), offset + static_cast<std::uint32_t>(at), "title");
  }
  if (!meta.unit.found() && !lines.empty() && meta.year_found.source == "title" &&
      meta.year_found.line == line_of_text_offset(doc, lines.front().first)) {
    // The title runs into the body on the first line (after a breadcrumb, maybe).
    std::string unit = named_unit(unit_from_title(meta.year_found.value));
    // "现将我局2019年…情况报告如下" is the preamble's own phrase, no title.
    if (!unit.empty() && !self_reference(unit) && !starts(unit, "现将"))
      meta.unit = at_text(doc, strip_unit_suffix(unit), lines.front().first, "title");
  }
}

// A signature line's name: what precedes its date when the date runs on in the same line
// (one-line pages: "深圳市光明区人民政府2022年1月5日").
std::string_view signature_name(std::string_view s) {
  // A colophon's (此件主动公开) reflowed onto the name's line.
  if (starts(s, "(此件") && s.find(')') != std::string_view::npos) s.remove_prefix(s.find(')') + 1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  const std::size_t digit = s.find_first_of("0123456789");
  if (digit != std::string_view::npos) s = s.substr(0, digit);
  // …二〇二四年一月十五日: the name ends where a year in Chinese numerals begins.
  int year = 0;
  if (const std::size_t at = find_chinese_year(s, year); at != std::string_view::npos)
    s = s.substr(0, at);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  // "某某县人民政府办公室(代章)": the office seals on its government's behalf.
  const bool on_behalf = ends(s, "(代章)");
  s = without_seal(s);
  if (on_behalf && ends(s, "政府办公室")) s.remove_suffix(std::string_view("办公室").size());
  // Two issuers on one line, set apart by spaces ("中共某某县委    某某县人民政府"): the
  // government, named last, signs.
  if (const std::size_t gap = s.rfind("  "); gap != std::string_view::npos) {
    std::string_view last = s.substr(gap);
    while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
    if (!last.empty()) s = last;
  }
  return s;
}

// "莆田市安全生产监督管理局2018年1月26日莆田市安全生产监督管理局办公室2018年1月26日印发": a
// signature and the colophon reflowed into one line (two dated names); its first name signs.
bool signature_run_into_colophon(std::string_view line) {
  if (!joined_signature_block(line)) return false;
  std::size_t dates = 0;
  for (std::size_t at = line.find("日"); at != std::string_view::npos; at = line.find("日", at + 1))
    ++dates;
  return dates >= 2;
}

// A colophon line that holds no signature (抄送…, (此件主动公开), …办公室…印发 alone).
bool colophon_only(std::string_view line) {
  return colophon_line(line) && !signature_run_into_colophon(line);
}

bool signing_unit_name(std::string_view s) {
  return !contains(s, "。") && s.size() <= 60 &&
         (ends(s, "人民政府") || ends(s, "管理委员会") || ends(s, "管委会") || ends(s, "委员会") ||
          ends(s, "局") || ends(s, "厅") || ends(s, "办公室") || ends(s, "行政公署"));
}

// "中共莆田市林业局党组" signs for its bureau: the party group (党组, 党委) of a body named by 局
// or 管理委员会 names the body. A place's party committee (中共某某县委) names none.
std::string_view body_of_party_group(std::string_view s) {
  if (!ends_any(s, {"党组", "党委"})) return {};
  s.remove_suffix(std::string_view("党组").size());
  for (std::string_view lead : {"中国共产党", "中共"})
    if (starts(s, lead)) {
      s.remove_prefix(lead.size());
      break;
    }
  return ends_any(s, {"局", "管理委员会", "管委会"}) ? s : std::string_view();
}

// Unit, third choice: the signature's unit line (苏州工业园区管理委员会 → 苏州工业园区); else the
// colophon's printing office, which is the unit's own (莆田市水利局办公室 …印发 → 莆田市水利局).
// 抄送 names other units and is never read.
void unit_from_signature(Document& doc, const Lines& signature, bool& committee) {
  for (const auto& [offset, line] : signature) {
    if (doc.meta.unit.found()) return;
    std::string_view s = signature_name(line);
    if (colophon_only(line)) continue;
    if (const std::string_view body = body_of_party_group(s); !body.empty()) s = body;
    if (!signing_unit_name(s)) continue;
    committee = ends(s, "管理委员会") || ends(s, "管委会");
    doc.meta.unit = at_text(doc, strip_unit_suffix(std::string(s)), offset, "signature");
  }
  for (const auto& [offset, line] : signature) {
    if (doc.meta.unit.found()) return;
    if (!ends(line, "印发")) continue;
    std::string_view s = signature_name(line);
    if (ends(s, "办公室") && unit_suffix(s.substr(0, s.size() - std::string_view("办公室").size())))
      s.remove_suffix(std::string_view("办公室").size());
    if (!signing_unit_name(s)) continue;
    committee = ends(s, "管理委员会") || ends(s, "管委会");
    doc.meta.unit = at_text(doc, strip_unit_suffix(std::string(s)), offset, "signature");
  }
}

// Code points of a UTF-8 string.
std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const std::uint32_t n = decode_utf8(s, i, cp);
    out += cp;
    i += n ? n : 1;
  }
  return out;
}

// Is `full` the long form of the abbreviation `abbr` (莆田市安监局 → 莆田市安全生产监督管理局):
// same first two and last characters, longer, and every character of `abbr` in it in order?
bool expands(std::string_view abbr, std::string_view full) {
  const std::u32string a = code_points(abbr), f = code_points(full);
  if (a.size() < 4 || f.size() <= a.size() || a.substr(0, 2) != f.substr(0, 2) ||
      a.back() != f.back())
    return false;
  std::size_t k = 0;
  for (char32_t c : f)
    if (k < a.size() && c == a[k]) ++k;
  return k == a.size();
}

// A unit named relative to the reader's place: 市审计局, 区公安局 (no place before 市/区/县).
bool relative_unit(std::string_view u) {
  return starts(u, "市") || starts(u, "区") || starts(u, "县");
}

// Does `full` spell out `unit`: hold it whole (苏平片区 in 平潭综合实验区苏平片区管理局), expand
// its abbreviation (莆田市安监局 → 莆田市安全生产监督管理局), or place a relative name (市审计局 →
// 莆田市审计局, 市海渔局 → 莆田市海洋与渔业局)? A unit's office (…局办公室) spells out no unit but
// itself.
bool completes(std::string_view unit, std::string_view full) {
  if (unit.size() < 9 || full.size() <= unit.size() || !unit_suffix(full)) return false;
  if (ends(full, "办公室") && !ends(unit, "办公室")) return false;
  // A place is not completed into one of its departments: 薛城区 published by 薛城区司法局 is
  // the district's report.
  if (starts(full, unit) && division_name(unit)) return false;
  if (contains(full, unit) || expands(unit, full)) return true;
  if (!relative_unit(unit)) return false;
  const std::u32string a = code_points(unit), f = code_points(full);
  if (a.back() != f.back()) return false;
  std::size_t k = 0;
  for (char32_t c : f)
    if (k < a.size() && c == a[k]) ++k;
  return k == a.size();
}

// Does the name above the title spell out the opening's name: complete it, write its 委 as
// 委员会 (交通运输委 / 交通运输委员会), or give an autonomous county its whole name?
bool spells_out(const std::string& unit, std::string_view name) {
  if (completes(unit, name)) return true;
  // The division's official name above the title, its reports' short form in the opening
  // (焉耆回族自治县人民政府 / 2022年以来,焉耆县坚持…).
  if (const std::string place = strip_unit_suffix(std::string(name));
      place.size() > unit.size() && same_division(unit, place))
    return true;
  if (!ends(unit, "委")) return false;
  const std::string committee = unit + "员会";
  return committee == name || completes(committee, name);
}

// Unit, fourth choice: a formal document's issuing unit on its own line right above a title that
// names none ("莆田市林业局" / "关于2023年度法治政府建设情况的报告", or
// "2023年法治政府建设工作总结"; the title may run over two lines, "关于2022年度法治政府部门建设" /
// "工作情况的报告"). After the signature, which names the same unit when there is one, so that a
// site's banner never wins over it. Such a name also spells out the opening's shorter one
// ("遂宁市人民政府办公室" for "市政府办公室坚持…", "…交通运输委员会" for "…交通运输委").
void unit_from_name_line(Document& doc, const Lines& lines, bool& committee) {
  const bool named_by_opening =
      doc.meta.unit.source == "first-lines" || doc.meta.unit.source == "body";
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (doc.meta.unit.found() && !named_by_opening) return;
    const std::string_view name = lines[i].second;
    const std::string_view title = lines[i + 1].second;
    // Above the title, or above the addressee of a report read to a congress ("杭州市人民政府"
    // / "主任、副主任、秘书长、各位委员:").
    const bool addressee = title.ends_with(":") && title.size() <= 30 * 3 && !contains(title, "。");
    const bool two_lines = i + 2 < lines.size() && !title_like(title) &&
                           title.size() + lines[i + 2].second.size() <= 60 * 3 &&
                           title_like(std::string(title) + std::string(lines[i + 2].second));
    if (name.size() < 4 * 3 || !(title_like(title) || addressee || two_lines) ||
        !signing_unit_name(name) || !han_only(name))
      continue;
    if (named_by_opening && !spells_out(doc.meta.unit.value, name)) continue;
    committee = ends(name, "管理委员会") || ends(name, "管委会");
    doc.meta.unit = at_text(doc, strip_unit_suffix(std::string(name)), lines[i].first, "title");
    return;
  }
}

// A title that names the unit by its short name (莆田市安监局2017年度依法行政工作报告) and a
// signature that spells it out, maybe over two lines (莆田市 / 安全生产监督管理局): the signature's
// full name is the unit.
void unit_expanded_by_signature(Document& doc, const Lines& signature) {
  if (doc.meta.unit.source != "title" && doc.meta.unit.source != "first-lines" &&
      doc.meta.unit.source != "body")
    return;
  for (std::size_t i = 0; i < signature.size(); ++i) {
    for (std::size_t n = 1; n <= 2 && i + n <= signature.size(); ++n) {
      std::string joined;
      for (std::size_t k = i; k < i + n; ++k) joined += signature[k].second;
      // A signature block reflowed into one line: the name is what precedes its date.
      const std::string name(signature_name(joined));
      if (contains(name, "。") || name.size() > 60) continue;
      if (colophon_only(joined)) continue;
      if (!completes(doc.meta.unit.value, name)) continue;
      doc.meta.unit = at_text(doc, strip_unit_suffix(name), signature[i].first, "signature");
      return;
    }
  }
}

// The crawler header's publisher: completes a title's short name (苏平片区 in
// 平潭综合实验区苏平片区管理局), and is the unit of last resort.
void unit_from_publisher(Document& doc, const CrawlerHeader& header) {
  Metadata& meta = doc.meta;
  const std::string& publisher = header.publisher.value;
  const bool named = meta.unit.source == "title" || meta.unit.source == "first-lines" ||
                     meta.unit.source == "body";
  // An info bar's 来源 is often the office that posted the page (某区人民政府办公室): the last
  // resort, and a completion only of a relative name it spells out (市卫生健康委 →
  // 天津市卫生健康委员会), which a posting office never does.
  const bool from_bar = header.publisher.source == "info-bar";
  if (meta.unit.found() && named && header.publisher.found() &&
      (from_bar ? relative_unit(meta.unit.value) && spells_out(meta.unit.value, publisher)
                : completes(meta.unit.value, publisher))) {
    meta.unit.value = strip_unit_suffix(publisher);
  }
  if (!meta.unit.found() && header.publisher.found() && !generic_unit(publisher) &&
      unit_suffix(publisher)) {
    meta.unit = header.publisher;
    meta.unit.value = strip_unit_suffix(meta.unit.value);
    meta.unit.source = "publisher";
  }
  // 市审计局, from any source (the publisher field too): placed by the text where it can be.
  if (meta.unit.found() && relative_unit(meta.unit.value))
    meta.unit.value = placed_by_text(doc.text, meta.unit.value);
}

// Unit, before the last resort: a body that writes of itself only as 我局 and cites the report
// or the year's plan it wrote by title ("我局总结形成了《上海市生态环境局关于2022年度法治政府建设
// 情况的报告》", "结合我局实际制定了《某市某局2025年度法治政府建设工作要点》"), not one it studied.
// The self-name may stand in the opening instead of the citing sentence ("我局坚持…" / "…牵头研究
// 制定《某区某局2025年法治政府建设工作要点》"): then the cited plan's unit must be a department.
void unit_from_cited_report(Document& doc) {
  constexpr std::string_view kOpen = "《", kClose = "》";
  constexpr std::size_t kOpeningBytes = 200 * 3;
  const std::string_view scan = head(doc.text, kHeadBytes);
  const bool self_opening = names_body_self(head(doc.text, kOpeningBytes));
  for (std::size_t open = scan.find(kOpen); open != std::string_view::npos;
       open = scan.find(kOpen, open + kOpen.size())) {
    const std::size_t close = scan.find(kClose, open);
    if (close == std::string_view::npos) return;
    const std::string_view title = scan.substr(open + kOpen.size(), close - open - kOpen.size());
    std::size_t from = scan.rfind("。", open);
    from = from == std::string_view::npos ? 0 : from;
    const std::string_view before = scan.substr(from, open - from);
    const bool self_before = names_body_self(before);
    if (!contains_any(title, {"报告", "要点", "计划"}) || !contains(title, "年") ||
        !contains_any(title, {"法治政府", "依法行政", "法治建设"}) ||
        !(self_before || self_opening) ||
        !contains_any(before, {"形成", "拟就", "拟定", "起草", "撰写", "编写", "报送", "呈报",
                               "制定", "印发"}))
      continue;
    const std::string unit = unit_from_title(title);
    if (unit.empty() || self_reference(unit) || generic_unit(unit) || !unit_suffix(unit)) continue;
    if (!self_before && !department_suffix(unit)) continue;
    doc.meta.unit = at_text(doc, strip_unit_suffix(unit), static_cast<std::uint32_t>(open), "body");
    return;
  }
}

// Level and province follow the unit, placed in the national list of divisions.
void place_unit(Document& doc, bool committee) {
  Metadata& meta = doc.meta;
  if (!meta.unit.found()) return;
  const Place place = place_of_unit(meta.unit.value, head(doc.text, kBodyScanBytes));
  meta.level = meta.unit;
  meta.level.value = level_of(meta.unit.value, committee, place);
  if (meta.level.value.empty()) meta.level = Located{};
  if (!place.province.empty()) {
    meta.province = meta.unit;
    meta.province.value = place.province;
  }
}

// The province the body names most often: one pass over the occurrences of 省 and 自治区, each
// checked against the names ending there.
void province_from_body(Document& doc) {
  const std::string_view scan = head(doc.text, kBodyScanBytes);
  std::map<std::string_view, std::pair<std::size_t, std::size_t>> counts;  // name → (count, first)
  for (std::string_view tail : {std::string_view("省"), std::string_view("自治区")}) {
    for (std::size_t at = scan.find(tail); at != std::string_view::npos;
         at = scan.find(tail, at + tail.size())) {
      const std::size_t end = at + tail.size();
      for (std::string_view p : province_names()) {
        if (p.size() > end || !ends(p, tail) || scan.substr(end - p.size(), p.size()) != p)
          continue;
        auto& c = counts[p];
        if (c.first++ == 0) c.second = end - p.size();
      }
    }
  }
  std::size_t best_count = 0;
  for (std::string_view p : province_names()) {  // code order breaks ties
    const auto it = counts.find(p);
    if (it == counts.end() || it->second.first <= best_count) continue;
    best_count = it->second.first;
    doc.meta.province =
        at_text(doc, std::string(p), static_cast<std::uint32_t>(it->second.second), "body");
  }
}

}  // namespace

void infer_metadata(Document& doc, const CrawlerHeader& header) {
  const Lines lines = first_lines(doc, 15, header.end_line);
  find_doc_number(doc, lines, header);
  const Lines signature = signature_of(doc);
  // Unit: title (the crawler header's first), then the body's opening, then the signature,
  // then the header's publisher.
  bool committee = false;  // the unit was named by its 管委会: a zone
  unit_from_titles(doc, lines, header, committee);
  if (!doc.meta.unit.found()) unit_from_body(doc);
  unit_from_signature(doc, signature, committee);
  unit_from_name_line(doc, lines, committee);
  government_over_party(doc, lines);
  unit_expanded_by_signature(doc, signature);
  // Official names before the publisher completes a relative one (市卫健委 → 市卫生健康委员会 is
  // spelled out by 三明市卫生健康委员会), and again for the units found after it.
  if (doc.meta.unit.found()) doc.meta.unit.value = official_name(doc.meta.unit.value);
  published_from_signature(doc, signature, header);
  unit_from_publisher(doc, header);
  if (!doc.meta.unit.found()) unit_from_cited_report(doc);
  if (!doc.meta.unit.found()) unit_from_self_reference(doc);
  if (doc.meta.unit.found()) doc.meta.unit.value = official_name(doc.meta.unit.value);
  place_unit(doc, committee);
  if (!doc.meta.province.found()) province_from_body(doc);
  // Year fallback: the date under the signature (a Q4 date is the same year, else the year
  // after the one reported on).
  if (doc.meta.year == 0) year_from_published(doc, doc.meta.published);
}

}  // namespace indicheck::detail
