// Word's automatic numbering, back to visible markers. A Chinese report's outline (一、 （一）
// 1. （1）) is often not in its text but in numbering.xml; without the markers the document
// stage sees no headings. Level formats: decimal, chineseCounting(Thousand) and the other
// Chinese counting styles (一 二 … 九十九), chineseLegalSimplified (壹 贰), ideographTraditional
// (甲 乙 丙), decimalEnclosedCircle (① …), letters, roman numerals, full-width digits; bullets
// give no marker. Not modelled (rare in reports): isLgl, legacy numbering, w:lvlRestart.
#include <array>
#include <cstdlib>

#include "docx_internal.h"

namespace indicheck::formats::detail {

namespace {

int to_int(const std::string& s, int fallback) {
  if (s.empty()) return fallback;
  char* end = nullptr;
  const long v = std::strtol(s.c_str(), &end, 10);
  return end && *end == '\0' && v >= 0 && v < 100000 ? static_cast<int>(v) : fallback;
}

std::string chinese_number(int n, const std::array<const char*, 10>& digits, const char* ten) {
  if (n <= 0 || n >= 100) return std::to_string(n);
  if (n < 10) return digits[n];
  std::string out = n >= 20 ? digits[n / 10] : "";
  out += ten;
  if (n % 10) out += digits[n % 10];
  return out;
}

std::string roman(int n, bool upper) {
  static constexpr std::pair<int, const char*> kParts[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string out;
  for (const auto& [v, s] : kParts)
    while (n >= v && n < 4000) {
      out += s;
      n -= v;
    }
  if (upper)
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string format_value(int n, const std::string& f) {
  static constexpr std::array<const char*, 10> kChinese = {"〇", "一", "二", "三", "四",
                                                           "五", "六", "七", "八", "九"};
  static constexpr std::array<const char*, 10> kLegal = {"零", "壹", "贰", "叁", "肆",
                                                         "伍", "陆", "柒", "捌", "玖"};
  static constexpr const char* kStems[] = {"甲", "乙", "丙", "丁", "戊",
                                           "己", "庚", "辛", "壬", "癸"};
  if (f == "chineseCounting" || f == "chineseCountingThousand" || f == "japaneseCounting" ||
      f == "taiwaneseCounting" || f == "taiwaneseCountingThousand" || f == "koreanCounting")
    return chinese_number(n, kChinese, "十");
  if (f == "chineseLegalSimplified") return chinese_number(n, kLegal, "拾");
  if (f == "ideographDigital" || f == "taiwaneseDigital") {
    std::string out;
    for (char c : std::to_string(n)) out += kChinese[static_cast<std::size_t>(c - '0')];
    return out;
  }
  if (f == "ideographTraditional" && n >= 1 && n <= 10) return kStems[n - 1];
  if ((f == "decimalEnclosedCircle" || f == "decimalEnclosedCircleChinese") && n >= 1 && n <= 20) {
    std::string out;
    append_utf8(out, static_cast<char32_t>(0x2460 + n - 1));
    return out;
  }
  if (f == "decimalFullWidth" || f == "decimalFullWidth2") {
    std::string out;
    for (char c : std::to_string(n)) append_utf8(out, static_cast<char32_t>(0xFF10 + (c - '0')));
    return out;
  }
  if ((f == "lowerLetter" || f == "upperLetter") && n >= 1)
    return std::string(static_cast<std::size_t>((n - 1) / 26 + 1),
                       static_cast<char>((f == "lowerLetter" ? 'a' : 'A') + (n - 1) % 26));
  if (f == "lowerRoman" || f == "upperRoman") return roman(n, f == "upperRoman");
  if (f == "decimalZero" && n < 10) return "0" + std::to_string(n);
  if (f == "bullet" || f == "none") return {};
  return std::to_string(n);
}

}  // namespace

std::string docx_attribute(const xmlNode* n, const char* name) {
  if (!n) return {};
  for (const xmlAttr* a = n->properties; a; a = a->next)
    if (a->name && std::string_view(reinterpret_cast<const char*>(a->name)) == name &&
        a->children && a->children->content)
      return reinterpret_cast<const char*>(a->children->content);
  return {};
}

const xmlNode* docx_child(const xmlNode* n, std::string_view name) {
  if (!n) return nullptr;
  for (const xmlNode* c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && local_name(c) == name) return c;
  return nullptr;
}

void Numbering::load_numbering(const xmlDoc* numbering) {
  const xmlNode* root = numbering ? xmlDocGetRootElement(numbering) : nullptr;
  if (!root) return;
  for (const xmlNode* c = root->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (local_name(c) == "abstractNum") {
      List& list = abstract_[docx_attribute(c, "abstractNumId")];
      for (const xmlNode* l = c->children; l; l = l->next) {
        if (l->type != XML_ELEMENT_NODE || local_name(l) != "lvl") continue;
        Level& level = list.levels[to_int(docx_attribute(l, "ilvl"), 0)];
        level.start = to_int(docx_attribute(docx_child(l, "start"), "val"), 1);
        if (const xmlNode* f = docx_child(l, "numFmt")) level.format = docx_attribute(f, "val");
        level.text = docx_attribute(docx_child(l, "lvlText"), "val");
      }
    } else if (local_name(c) == "num") {
      const int id = to_int(docx_attribute(c, "numId"), -1);
      num_to_abstract_[id] = docx_attribute(docx_child(c, "abstractNumId"), "val");
      for (const xmlNode* o = c->children; o; o = o->next)
        if (o->type == XML_ELEMENT_NODE && local_name(o) == "lvlOverride")
          if (const xmlNode* s = docx_child(o, "startOverride"))
            start_override_[id][to_int(docx_attribute(o, "ilvl"), 0)] =
                to_int(docx_attribute(s, "val"), 1);
    }
  }
}

void Numbering::load_styles(const xmlDoc* styles) {
  const xmlNode* root = styles ? xmlDocGetRootElement(styles) : nullptr;
  if (!root) return;
  for (const xmlNode* c = root->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || local_name(c) != "style") continue;
    StyleNumbering s;
    const xmlNode* num = docx_child(docx_child(c, "pPr"), "numPr");
    s.num_id = to_int(docx_attribute(docx_child(num, "numId"), "val"), 0);
    s.level = to_int(docx_attribute(docx_child(num, "ilvl"), "val"), 0);
    s.based_on = docx_attribute(docx_child(c, "basedOn"), "val");
    styles_[docx_attribute(c, "styleId")] = s;
  }
}

std::string Numbering::marker(const xmlNode* p) {
  const xmlNode* ppr = docx_child(p, "pPr");
  const xmlNode* num = docx_child(ppr, "numPr");
  int num_id = num ? to_int(docx_attribute(docx_child(num, "numId"), "val"), 0) : 0;
  int level = num ? to_int(docx_attribute(docx_child(num, "ilvl"), "val"), 0) : 0;
  if (!num) {
    // The paragraph style's numbering, through at most 8 basedOn links (a cycle stops there).
    std::string style = docx_attribute(docx_child(ppr, "pStyle"), "val");
    for (int hop = 0; hop < 8 && !style.empty(); ++hop) {
      const auto it = styles_.find(style);
      if (it == styles_.end()) break;
      if (it->second.num_id) {
        num_id = it->second.num_id;
        level = it->second.level;
        break;
      }
      style = it->second.based_on;
    }
  }
  const auto abstract = num_to_abstract_.find(num_id);
  if (num_id <= 0 || abstract == num_to_abstract_.end() || level < 0 || level > 8) return {};
  const List& list = abstract_[abstract->second];
  auto start_of = [&](int l) {
    const auto o = start_override_.find(num_id);
    if (o != start_override_.end() && o->second.count(l)) return o->second.at(l);
    const auto it = list.levels.find(l);
    return it == list.levels.end() ? 1 : it->second.start;
  };
  std::vector<int>& count = counters_[num_id];
  count.resize(9, 0);
  count[static_cast<std::size_t>(level)] = count[static_cast<std::size_t>(level)] == 0
                                               ? start_of(level)
                                               : count[static_cast<std::size_t>(level)] + 1;
  for (std::size_t l = static_cast<std::size_t>(level) + 1; l < count.size(); ++l) count[l] = 0;
  const auto lvl = list.levels.find(level);
  if (lvl == list.levels.end() || lvl->second.format == "bullet" || lvl->second.format == "none")
    return {};
  std::string out;
  const std::string& text = lvl->second.text;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
      const int l = text[i + 1] - '1';
      const int value = count[static_cast<std::size_t>(l)] == 0
                            ? start_of(l)
                            : count[static_cast<std::size_t>(l)];
      const auto f = list.levels.find(l);
      out += format_value(value, f == list.levels.end() ? "decimal" : f->second.format);
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace indicheck::formats::detail
