// indicheck-gen: a synthetic national corpus for benchmarks and scale tests.
//
// Reports are recombined from the paragraphs of the sample reports in corpus/: each keeps the
// shape of a real report (title with unit and year, optional document number and addressee,
// preamble, chapters 一、… with sections in one of the numbering schemes, shortcomings, a plan
// for the next year, signature and date). Unit names come from a table of real county-level
// units (units.inc) plus their cities, provinces, departments and a few zones; years are
// 2016-2025, and the sample text is shifted to the year and renamed to the unit.
//
// A share of the files is written the way they arrive from government sites: Traditional
// script (ICU's Simplified-Traditional transliterator, run once over the whole report),
// GB18030-encoded, or a one-line web crawl (every newline removed, page furniture around it).
//
// Output is a pure function of (--seed, report index): report i gets its own random stream,
// so a 100 MB corpus is a prefix of the 1 GB corpus with the same seed. A hidden
// DIR/.manifest.csv lists every file with the facts it was generated with (hidden so that
// `indicheck evaluate DIR` does not read it as a report).
#include <fmt/core.h>
#include <unicode/translit.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------------------------------------
// Deterministic randomness (std distributions differ between standard libraries; this does not).

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() { return splitmix64(state_); }
  // Uniform in [0, n).
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
  int between(int lo, int hi) {
    return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1)));
  }
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }
  // k indices into a pool of n, distinct while k <= n (a report does not repeat a paragraph).
  std::vector<std::size_t> distinct(std::size_t n, std::size_t k) {
    std::vector<std::size_t> all(n), out;
    std::size_t used = n;  // forces a fresh deck first
    while (out.size() < k && n > 0) {
      if (used == n) {
        for (std::size_t i = 0; i < n; ++i) all[i] = i;
        used = 0;
      }
      std::size_t j = used + below(n - used);  // partial Fisher-Yates
      std::swap(all[used], all[j]);
      out.push_back(all[used++]);
    }
    return out;
  }

 private:
  std::uint64_t state_;
};

// ---------------------------------------------------------------------------------------------
// UTF-8 helpers.

std::string trim(std::string_view s) {
  auto is_space = [](std::string_view t, std::size_t i, std::size_t& len) {
    len = 1;
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return true;
    if (t.substr(i, 3) == "\xE3\x80\x80" || t.substr(i, 3) == "\xEF\xBB\xBF") {
      len = 3;
      return true;
    }  // U+3000, BOM
    if (t.substr(i, 2) == "\xC2\xA0") {
      len = 2;
      return true;
    }
    return false;
  };
  std::size_t b = 0, len = 0;
  while (b < s.size() && is_space(s, b, len)) b += len;
  std::size_t e = s.size();
  while (e > b) {
    std::size_t k = e - 1;
    while (k > b && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    if (!is_space(s, k, len)) break;
    e = k;
  }
  return std::string(s.substr(b, e - b));
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
bool contains(std::string_view s, std::string_view p) {
  return s.find(p) != std::string_view::npos;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  for (;;) {
    std::size_t hit = s.find(from, pos);
    if (hit == std::string::npos) break;
    out.append(s, pos, hit - pos);
    out.append(to);
    pos = hit + from.size();
  }
  out.append(s, pos, std::string::npos);
  s.swap(out);
}

const std::vector<std::string>& chinese_numerals() {
  static const std::vector<std::string> v = {"一",   "二",   "三",   "四",   "五",   "六",   "七",
                                             "八",   "九",   "十",   "十一", "十二", "十三", "十四",
                                             "十五", "十六", "十七", "十八", "十九", "二十"};
  return v;
}

std::string numeral(std::size_t i) {  // 0-based
  const auto& v = chinese_numerals();
  return i < v.size() ? v[i] : std::to_string(i + 1);
}

// Length in bytes of a leading numbering marker (一、 （一） (一) 1、 1. 1． 一是), 0 if none.
// `kind` gets 'c' chapter, 's' section, 'n' number item, 'y' 一是 item.
std::size_t marker_length(std::string_view s, char& kind) {
  kind = 0;
  std::size_t i = 0;
  auto numeral_run = [&](std::size_t from) {
    std::size_t k = from;
    for (;;) {
      bool hit = false;
      for (const char* n : {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}) {
        if (s.substr(k, 3) == n) {
          k += 3;
          hit = true;
          break;
        }
      }
      if (!hit) break;
    }
    return k;
  };
  // （一） or (一)
  for (auto [open, close] :
       {std::pair<std::string_view, std::string_view>{"（", "）"}, {"(", ")"}}) {
    if (starts_with(s, open)) {
      std::size_t k = numeral_run(open.size());
      if (k > open.size() && s.substr(k, close.size()) == close) {
        kind = 's';
        return k + close.size();
      }
    }
  }
  std::size_t k = numeral_run(0);
  if (k > 0) {
    if (s.substr(k, 3) == "、") {
      kind = 'c';
      return k + 3;
    }
    if (s.substr(k, 3) == "是") {
      kind = 'y';
      return k + 3;
    }
    return 0;
  }
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i > 0 && i <= 2) {
    if (s.substr(i, 3) == "、") {
      kind = 'n';
      k = i + 3;
    } else if (s.substr(i, 3) == "．") {
      kind = 'n';
      k = i + 3;
    } else if (s.substr(i, 1) == ".") {
      kind = 'n';
      k = i + 1;
    } else
      return 0;
    while (k < s.size() && s[k] == ' ') ++k;
    return k;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// The paragraph pools cut from the sample reports.

struct Pools {
  std::vector<std::string> preambles;       // opening paragraph (no 现将…如下)
  std::vector<std::string> chapter_titles;  // achievement chapter headings, marker removed
  std::vector<std::string> sections;        // "title。body" of a section, marker removed
  std::vector<std::string> items;           // 一是… bodies, marker removed
  std::vector<std::string> shortcomings;    // shortcoming paragraphs or items
  std::vector<std::string> plan_intros;     // "2022年，X将…"
  std::vector<std::string> plan_items;      // plan items, marker removed
};

// Names by which each sample report calls itself, longest first; replaced by the generated
// unit's names so that no generated report talks about 相城区 unless it is 相城区.
struct SourceNames {
  int year = 0;
  std::vector<std::pair<std::string, char>> names;  // 'f' = full name, 's' = stem (相城)
};

const std::vector<std::pair<std::string, SourceNames>>& source_names() {
  static const std::vector<std::pair<std::string, SourceNames>> v = {
      {"xiangcheng", {2021, {{"苏州市相城区", 'f'}, {"相城区", 'f'}, {"相城", 's'}}}},
      {"taicang", {2024, {{"太仓市", 'f'}, {"太仓", 's'}}}},
      {"nanhu", {2021, {{"嘉兴市南湖区", 'f'}, {"南湖区", 'f'}, {"南湖", 's'}}}},
      {"xinbei", {2020, {{"常州市新北区", 'f'}, {"新北区", 'f'}, {"新北", 's'}}}},
      {"sip", {2023, {{"苏州工业园区", 'f'}, {"园区管委会", 'f'}, {"园区", 'f'}}}},
  };
  return v;
}

// True when the year at `i` closes a range such as 纲要（2021－2025年）: the name of a framework,
// which must not move with the report year.
bool after_range_dash(const std::string& s, std::size_t i) {
  for (std::string_view dash : {"－", "-", "—", "~", "至"}) {
    if (i >= dash.size() && std::string_view(s).substr(i - dash.size(), dash.size()) == dash)
      return true;
  }
  return false;
}

// Marks the source unit's names and years with placeholders, filled per generated report:
// \x01F full name, \x01S stem, \x01W self-reference (我区), \x01Y+d year shifted by d from the
// source year.
std::string templatize(std::string s, const SourceNames& names) {
  for (const auto& [name, kind] : names.names) {
    replace_all(s, name,
                kind == 'f' ? "\x01"
                              "F"
                            : "\x01"
                              "S");
  }
  for (const char* self : {"我区", "我市", "我县"})
    replace_all(s, self,
                "\x01"
                "W");
  if (names.year == 0) return s;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (i + 7 <= s.size() && s[i] == '2' && s[i + 1] == '0' &&
        std::isdigit(static_cast<unsigned char>(s[i + 2])) &&
        std::isdigit(static_cast<unsigned char>(s[i + 3])) && s.compare(i + 4, 3, "年") == 0 &&
        (i == 0 || !std::isdigit(static_cast<unsigned char>(s[i - 1]))) &&
        !after_range_dash(s, i)) {
      int y = std::stoi(s.substr(i, 4));
      int d = y - names.year;
      if (d >= -5 && d <= 5) {
        out += fmt::format("\x01Y{:+d}", d);
        i += 4;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

struct Unit {
  std::string full;        // 苏州市相城区
  std::string short_name;  // 相城区
  std::string stem;        // 相城
  std::string self;        // 我区 / 我县 / 我市 / 我局
  std::string level;       // district | county | county-city | city | province | department | zone
  std::string province;
  std::string superior;  // addressee: 苏州市人民政府
  std::string signer;    // 苏州市相城区人民政府 / 苏州市相城区司法局
  std::string abbr;      // first character, for document numbers: 相政呈
};

std::string strip_suffix(const std::string& name) {
  for (const char* suf : {"新区", "区", "县", "市", "省"}) {
    std::string_view sv(suf);
    if (name.size() > sv.size() + 3 && name.compare(name.size() - sv.size(), sv.size(), sv) == 0) {
      return name.substr(0, name.size() - sv.size());
    }
  }
  return name;
}

std::string first_char(const std::string& s) {
  std::size_t n = 1;
  while (n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
  return s.substr(0, n);
}

std::vector<Unit> build_units() {
  static const char* kTable =
#include "units.inc"
      ;
  std::vector<Unit> units;
  std::vector<std::string> provinces_seen, cities_seen;
  std::istringstream in(kTable);
  std::string line;
  static const std::vector<std::pair<std::string, std::string>> departments = {
      {"司法局", "department"},           {"市场监督管理局", "department"},
      {"生态环境局", "department"},       {"应急管理局", "department"},
      {"自然资源和规划局", "department"}, {"交通运输局", "department"}};
  auto add_departments = [&](const Unit& parent) {
    for (const auto& [dept, level] : departments) {
      Unit d = parent;
      d.full = parent.full + dept;
      if (parent.level == "province") d.full.replace(d.full.size() - 3, 3, "厅");  // 司法厅
      d.short_name = d.full;
      d.self = "我局";
      d.level = level;
      d.superior = parent.full + "人民政府";
      d.signer = d.full;
      units.push_back(d);
    }
  };
  while (std::getline(in, line)) {
    std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::istringstream head(line.substr(0, colon));
    std::string province, city;
    head >> province >> city;
    bool municipality = city.empty();
    if (std::find(provinces_seen.begin(), provinces_seen.end(), province) == provinces_seen.end()) {
      provinces_seen.push_back(province);
      Unit p{province,
             province,
             strip_suffix(province),
             municipality ? "我市" : "我省",
             municipality ? "city" : "province",
             province,
             "国务院",
             province + "人民政府",
             first_char(province)};
      units.push_back(p);
      add_departments(p);
    }
    if (!municipality &&
        std::find(cities_seen.begin(), cities_seen.end(), city) == cities_seen.end()) {
      cities_seen.push_back(city);
      Unit c{city,
             city,
             strip_suffix(city),
             "我市",
             "city",
             province,
             province + "人民政府",
             city + "人民政府",
             first_char(city)};
      units.push_back(c);
      add_departments(c);
    }
    std::istringstream names(line.substr(colon + 1));
    std::string name;
    while (names >> name) {
      Unit u;
      std::string parent = municipality ? province : city;
      u.full = parent + name;
      u.short_name = name;
      u.stem = strip_suffix(name);
      std::string_view tail = std::string_view(name).substr(name.size() - 3);
      if (tail == "区") {
        u.level = "district";
        u.self = "我区";
      } else if (tail == "县") {
        u.level = "county";
        u.self = "我县";
      } else {
        u.level = "county-city";
        u.self = "我市";
        u.full = name;
      }
      u.province = province;
      u.superior = parent + "人民政府";
      u.signer = u.full + "人民政府";
      u.abbr = first_char(name);
      units.push_back(u);
      if (u.level != "county-city" || units.size() % 3 == 0) add_departments(u);
    }
  }
  for (const auto& [full, short_name, province, superior] :
       std::vector<std::tuple<std::string, std::string, std::string, std::string>>{
           {"苏州工业园区", "园区", "江苏省", "苏州市人民政府"},
           {"南京江北新区", "新区", "江苏省", "南京市人民政府"},
           {"杭州高新技术产业开发区", "高新区", "浙江省", "杭州市人民政府"},
           {"青岛西海岸新区", "新区", "山东省", "青岛市人民政府"}}) {
    units.push_back(Unit{full, short_name, short_name, "我区", "zone", province, superior,
                         full + "管理委员会", first_char(full)});
  }
  return units;
}

std::string fill(const std::string& templ, const Unit& unit, int year) {
  std::string out;
  out.reserve(templ.size() + 64);
  for (std::size_t i = 0; i < templ.size();) {
    if (templ[i] != '\x01' || i + 1 >= templ.size()) {
      out += templ[i++];
      continue;
    }
    char kind = templ[i + 1];
    i += 2;
    if (kind == 'F')
      out += unit.short_name;
    else if (kind == 'S')
      out += unit.stem.empty() ? unit.short_name : unit.stem;
    else if (kind == 'W')
      out += unit.self;
    else if (kind == 'Y') {
      std::size_t end = i + 1;
      while (end < templ.size() && std::isdigit(static_cast<unsigned char>(templ[end]))) ++end;
      int d = std::stoi(templ.substr(i, end - i));
      out += std::to_string(year + d);
      i = end;
    }
  }
  return out;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Cuts one sample report into the pools. A small state machine over its lines: head (before
// the first chapter), achievements, shortcomings, plans, signature.
void cut_report(const std::string& text, const SourceNames& names, Pools& pools) {
  enum { kHead, kAchievements, kShortcomings, kPlans } state = kHead;
  std::istringstream in(text);
  std::string raw;
  while (std::getline(in, raw)) {
    std::string line = trim(raw);
    replace_all(line, "[bookmark: _GoBack]", "");
    if (line.empty() || line == "-" || contains(line, "扫一扫") || contains(line, "特此报告"))
      continue;
    std::size_t cps = code_points(line);
    char kind = 0;
    std::size_t mlen = marker_length(line, kind);
    std::string body = trim(std::string_view(line).substr(mlen));
    bool heading = mlen > 0 && cps < 45 && !contains(body, "。");
    bool chapter = heading && (kind == 'c' || (kind == 'n' && state == kHead));
    if (chapter) {
      if (contains(body, "问题") || contains(body, "不足") || contains(body, "薄弱")) {
        state = kShortcomings;
      } else if (contains(body, "安排") || contains(body, "计划") || contains(body, "打算") ||
                 contains(body, "下一")) {
        state = kPlans;
      } else {
        state = kAchievements;
        pools.chapter_titles.push_back(templatize(body, names));
      }
      continue;
    }
    if (cps < 30 && !contains(line, "。")) continue;  // titles, signatures, dates, sub-headings
    std::string t = templatize(mlen > 0 ? body : line, names);
    switch (state) {
      case kHead:
        if (cps > 80) pools.preambles.push_back(templatize(line, names));
        break;
      case kAchievements:
        if (mlen == 0 &&
            (contains(line, "虽然") || contains(line, "不足") || contains(line, "薄弱"))) {
          pools.shortcomings.push_back(t);
          state = kPlans;
        } else if (kind == 's' || kind == 'n') {
          pools.sections.push_back(t);
        } else if (kind == 'y') {
          pools.items.push_back(t);
        }
        break;
      case kShortcomings:
        pools.shortcomings.push_back(t);
        break;
      case kPlans:
        if (mlen == 0 && contains(line, "将"))
          pools.plan_intros.push_back(t);
        else if (mlen > 0)
          pools.plan_items.push_back(t);
        break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// One report.

struct Options {
  std::uint64_t size_bytes = 0;
  std::size_t count = 0;
  std::string out;
  std::uint64_t seed = 1;
  std::string corpus = INDICHECK_SOURCE_DIR "/corpus";
  double traditional = 0.12;
  double gb18030 = 0.10;
  double web = 0.08;
  bool tiny = false;
};

struct Generated {
  std::string text;  // UTF-8
  const Unit* unit = nullptr;
  int year = 0;
};

// Full-width or half-width punctuation, chosen per report (both occur in the samples).
void set_punctuation(std::string& s, bool half_width) {
  static const std::pair<const char*, const char*> kPairs[] = {
      {"，", ","}, {"：", ":"}, {"；", ";"}, {"（", "("}, {"）", ")"}};
  for (const auto& [full, half] : kPairs) {
    if (half_width)
      replace_all(s, full, half);
    else
      replace_all(s, half, full);
  }
  if (!half_width) {  // keep thousands separators such as 1,000 (now 1，000) as they were
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s.compare(i, 3, "，") == 0 && i > 0 &&
          std::isdigit(static_cast<unsigned char>(s[i - 1])) && i + 3 < s.size() &&
          std::isdigit(static_cast<unsigned char>(s[i + 3]))) {
        out += ',';
        i += 2;
      } else {
        out += s[i];
      }
    }
    s.swap(out);
  }
}

std::string first_sentence(const std::string& s) {
  std::size_t p = s.find("。");
  return p == std::string::npos ? s : s.substr(0, p + 3);
}

std::string section_marker(char style, std::size_t i, bool half_width) {
  switch (style) {
    case 's':
      return half_width ? "(" + numeral(i) + ")" : "（" + numeral(i) + "）";
    case 'n':
      return std::to_string(i + 1) + ".";
    default:
      return numeral(i) + "是";
  }
}

Generated generate_report(const Pools& pools, const std::vector<Unit>& units, Rng& rng, bool tiny) {
  Generated g;
  // About half county-level governments, a third departments, the rest cities, provinces, zones.
  static const auto by_kind = [&] {
    std::array<std::vector<const Unit*>, 3> k;
    for (const Unit& x : units) {
      bool county = x.level == "district" || x.level == "county" || x.level == "county-city";
      k[county ? 0 : x.level == "department" ? 1 : 2].push_back(&x);
    }
    return k;
  }();
  double r = static_cast<double>(rng.below(1000)) / 1000.0;
  g.unit = rng.pick(by_kind[r < 0.55 ? 0 : r < 0.88 ? 1 : 2]);
  g.year = rng.between(2016, 2025);
  const Unit& u = *g.unit;
  const int y = g.year;
  const bool half = rng.chance(0.4);
  auto F = [&](const std::string& templ) { return fill(templ, u, y); };
  std::string& t = g.text;
  static const std::vector<std::string> kTitles = {
      "年法治政府建设工作报告", "年法治政府建设情况报告", "年度法治政府建设工作情况报告",
      "年度法治政府建设情况的报告"};
  if (!tiny && rng.chance(0.3)) {
    t += fmt::format("{}政呈〔{}〕{}号\n\n", u.abbr, y + 1, rng.between(1, 60));
  }
  if (rng.chance(0.95)) t += u.full + std::to_string(y) + rng.pick(kTitles) + "\n";
  if (!tiny && rng.chance(0.3)) t += u.superior + "：\n";
  std::string preamble = F(rng.pick(pools.preambles));
  if (tiny) preamble = first_sentence(preamble);
  t += preamble;
  if (!contains(preamble, "如下")) t += "现将有关情况报告如下：";
  t += "\n";

  const std::size_t chapters = tiny ? 1 : static_cast<std::size_t>(rng.between(3, 6));
  const char style = "ssnny"[rng.below(5)];
  const bool continuous =
      style == 's' && rng.chance(0.3);  // xiangcheng numbers （一）…（十九） across chapters
  std::size_t section_no = 0;
  const auto titles = rng.distinct(pools.chapter_titles.size(), chapters);
  const auto bodies = rng.distinct(pools.sections.size(), chapters * 4);
  std::size_t next_body = 0;
  for (std::size_t c = 0; c < chapters; ++c) {
    t += numeral(c) + "、" + F(pools.chapter_titles[titles[c]]) + "\n";
    const std::size_t sections = tiny ? 1 : static_cast<std::size_t>(rng.between(2, 4));
    if (!continuous) section_no = 0;
    for (std::size_t s = 0; s < sections; ++s) {
      std::string body = F(style == 'y' && rng.chance(0.5) ? rng.pick(pools.items)
                                                           : pools.sections[bodies[next_body++]]);
      if (tiny) body = first_sentence(body);
      t += section_marker(style, section_no++, half) + body + "\n";
    }
  }
  if (!tiny) {
    std::size_t next = chapters;
    if (rng.chance(0.5)) {
      t += numeral(next++) + "、" + (rng.chance(0.5) ? "存在的问题和不足" : "存在的不足和原因") +
           "\n";
      std::size_t k = static_cast<std::size_t>(rng.between(1, 3));
      for (std::size_t i : rng.distinct(pools.shortcomings.size(), k))
        t += F(pools.shortcomings[i]) + "\n";
    } else {
      t += F(rng.pick(pools.shortcomings)) + "\n";
    }
    if (rng.chance(0.6)) {
      t += numeral(next++) + "、" +
           (rng.chance(0.5) ? std::to_string(y + 1) + "年工作安排"
                            : std::string("下一年度推进法治政府建设主要安排")) +
           "\n";
    }
    t += F(rng.pick(pools.plan_intros)) + "\n";
    std::size_t k = static_cast<std::size_t>(rng.between(2, 5));
    const char plan_style = "sny"[rng.below(3)];
    const auto plans = rng.distinct(pools.plan_items.size(), k);
    for (std::size_t i = 0; i < k; ++i)
      t += section_marker(plan_style, i, half) + F(pools.plan_items[plans[i]]) + "\n";
    if (rng.chance(0.5)) t += "特此报告。\n";
    t += u.signer + "\n";
    t += fmt::format("{}年{}月{}日\n", y + 1, rng.between(1, 3), rng.between(1, 28));
  }
  set_punctuation(t, half);
  return g;
}

std::string web_crawl(const std::string& text, const Generated& g, Rng& rng) {
  std::string body = text;
  replace_all(body, "\r", "");
  replace_all(body, "\n", "");
  const Unit& u = *g.unit;
  std::string out = fmt::format(
      "首页 > 政务公开 > 法治政府建设 > 正文 发布时间：{}-0{}-{:02d} 来源：{} 浏览次数：{} "
      "【字体：大 中 小】 ",
      g.year + 1, rng.between(1, 3), rng.between(1, 28), u.signer, rng.between(20, 9000));
  out += body;
  out += fmt::format(
      " 【打印本页】【关闭窗口】 扫一扫在手机打开当前页 相关链接： 中国政府网 {}人民政府 "
      "主办单位：{}办公室 网站标识码：{} ICP备案号：ICP备{}号",
      u.province, u.signer, 3200000000ull + rng.below(99999), rng.between(10000000, 99999999));
  return out;  // no newline at all: the whole page is one line
}

void usage() {
  std::cerr
      << "usage: indicheck-gen (--size N[KB|MB|GB] | --count N) --out DIR [--seed S]\n"
         "                     [--corpus DIR] [--traditional F] [--gb18030 F] [--web F] [--tiny]\n";
}

bool parse_size(const std::string& s, std::uint64_t& out) {
  std::size_t pos = 0;
  double v = 0;
  try {
    v = std::stod(s, &pos);
  } catch (...) {
    return false;
  }
  std::string unit = s.substr(pos);
  double mul = 1;
  if (unit == "KB" || unit == "K" || unit == "kB")
    mul = 1e3;
  else if (unit == "MB" || unit == "M")
    mul = 1e6;
  else if (unit == "GB" || unit == "G")
    mul = 1e9;
  else if (!unit.empty() && unit != "B")
    return false;
  out = static_cast<std::uint64_t>(v * mul);
  return out > 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) {
        usage();
        std::exit(2);
      }
      return args[++i];
    };
    try {
      if (a == "--size") {
        if (!parse_size(value(), o.size_bytes)) {
          usage();
          return 2;
        }
      } else if (a == "--count")
        o.count = std::stoul(value());
      else if (a == "--out")
        o.out = value();
      else if (a == "--seed")
        o.seed = std::stoull(value());
      else if (a == "--corpus")
        o.corpus = value();
      else if (a == "--traditional")
        o.traditional = std::stod(value());
      else if (a == "--gb18030")
        o.gb18030 = std::stod(value());
      else if (a == "--web")
        o.web = std::stod(value());
      else if (a == "--tiny")
        o.tiny = true;
      else if (a == "-h" || a == "--help") {
        usage();
        return 0;
      } else {
        std::cerr << "indicheck-gen: unknown option " << a << "\n";
        usage();
        return 2;
      }
    } catch (const std::exception&) {
      std::cerr << "indicheck-gen: bad value for " << a << "\n";
      return 2;
    }
  }
  if (o.out.empty() || (o.size_bytes == 0 && o.count == 0)) {
    usage();
    return 2;
  }

  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> to_simplified(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
  std::unique_ptr<icu::Transliterator> to_traditional(
      icu::Transliterator::createInstance("Simplified-Traditional", UTRANS_FORWARD, status));
  UConverter* gb = ucnv_open("GB18030", &status);
  if (U_FAILURE(status)) {
    std::cerr << "indicheck-gen: ICU: " << u_errorName(status) << "\n";
    return 3;
  }

  // Pools from the samples, in a fixed order (sorted file names) so output is reproducible.
  Pools pools;
  std::vector<fs::path> samples;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(o.corpus, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".txt") samples.push_back(e.path());
  }
  if (ec || samples.empty()) {
    std::cerr << "indicheck-gen: no sample reports (*.txt) in " << o.corpus << "\n";
    return 2;
  }
  std::sort(samples.begin(), samples.end());
  for (const auto& p : samples) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(read_file(p));
    to_simplified->transliterate(u);  // taicang is Traditional; the others are unchanged
    std::string text;
    u.toUTF8String(text);
    SourceNames names;
    for (const auto& [key, n] : source_names()) {
      if (p.filename().string().find(key) != std::string::npos) names = n;
    }
    cut_report(text, names, pools);
  }
  if (pools.preambles.empty() || pools.chapter_titles.empty() || pools.sections.empty() ||
      pools.shortcomings.empty() || pools.plan_intros.empty() || pools.plan_items.empty()) {
    std::cerr << "indicheck-gen: the sample reports did not yield every kind of paragraph\n";
    return 2;
  }
  if (pools.items.empty()) pools.items = pools.sections;
  const std::vector<Unit> units = build_units();

  fs::create_directories(o.out, ec);
  if (ec) {
    std::cerr << "indicheck-gen: cannot create " << o.out << ": " << ec.message() << "\n";
    return 2;
  }
  std::ofstream manifest(fs::path(o.out) / ".manifest.csv", std::ios::binary);
  manifest << "file,unit,level,province,year,script,encoding,shape,bytes\n";

  std::uint64_t total = 0;
  std::size_t n = 0;
  std::size_t made_dirs = 0;
  std::vector<bool> have_dir(16, false);
  for (; o.count ? n < o.count : total < o.size_bytes; ++n) {
    std::uint64_t stream = o.seed * 0x100000001B3ull + n;
    Rng rng(splitmix64(stream));
    Generated g = generate_report(pools, units, rng, o.tiny);
    bool traditional = rng.chance(o.traditional);
    bool web = rng.chance(o.web);
    bool gb18030 = !web && rng.chance(o.gb18030);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(g.text);
    if (traditional) {
      to_traditional->transliterate(u);
      g.text.clear();
      u.toUTF8String(g.text);
    }
    std::string bytes = web ? web_crawl(g.text, g, rng) : g.text;
    if (gb18030) {
      icu::UnicodeString w = icu::UnicodeString::fromUTF8(bytes);
      status = U_ZERO_ERROR;
      int32_t need = w.extract(nullptr, 0, gb, status);
      status = U_ZERO_ERROR;
      bytes.assign(static_cast<std::size_t>(need), '\0');
      w.extract(bytes.data(), need, gb, status);
      if (U_FAILURE(status) && status != U_STRING_NOT_TERMINATED_WARNING) {
        std::cerr << "indicheck-gen: GB18030: " << u_errorName(status) << "\n";
        return 3;
      }
    }
    std::size_t slot = static_cast<std::size_t>(g.year - 2016);
    fs::path dir = fs::path(o.out) / std::to_string(g.year);
    if (!have_dir[slot]) {
      fs::create_directories(dir, ec);
      have_dir[slot] = true;
      ++made_dirs;
    }
    std::string name = fmt::format("r{:07d}.txt", n);
    {
      std::ofstream f(dir / name, std::ios::binary);
      f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      if (!f) {
        std::cerr << "indicheck-gen: cannot write " << (dir / name).string() << "\n";
        return 2;
      }
    }
    manifest << fmt::format("{}/{},{},{},{},{},{},{},{},{}\n", g.year, name, g.unit->full,
                            g.unit->level, g.unit->province, g.year,
                            traditional ? "traditional" : "simplified",
                            gb18030 ? "GB18030" : "UTF-8",
                            web ? "web-one-line" : (o.tiny ? "tiny" : "report"), bytes.size());
    total += bytes.size();
  }
  ucnv_close(gb);
  std::cerr << fmt::format("indicheck-gen: {} reports, {:.1f} MB in {} ({} year directories)\n", n,
                           static_cast<double>(total) / 1e6, o.out, made_dirs);
  return 0;
}
