// The slogan rule (slogan.h): plain string tests on code points, no regex.
#include "slogan.h"

#include <array>
#include <string>

#include "indicheck/utf8.h"

namespace indicheck::rules_internal {

namespace {

// Verbs of standing policy: the rubric's own (落实…, 积极推进…, 坚持…, 进一步加强…) and their
// kin. Verbs that set something up or change it (建立, 健全, 完善, 推行, 优化…) are left out:
// "a mechanism set up" is an act in the rubric.
constexpr std::array<std::string_view, 29> kStandingVerbs = {
    "依法依规做好", "严厉打击", "深入推进", "积极推进", "全面推进", "全面落实",
    "严格落实",     "严格执行", "认真落实", "扎实推进", "认真做好", "积极开展",
    "进一步",       "加强",     "强化",     "坚持",     "持续",     "不断",
    "切实",         "着力",     "大力",     "努力",     "始终",     "注重",
    "深化",         "落实",     "做好",     "确保",     "营造"};

// Self-names that may stand before the verb: 我局坚持…, 全市持续….
constexpr std::array<std::string_view, 14> kSelfNames = {"我局", "我县",   "我区",   "我市", "我委",
                                                         "我办", "本局",   "全县",   "全区", "全市",
                                                         "全局", "局党组", "局党委", "各级"};

constexpr std::u32string_view kChineseDigits = U"一二两三四五六七八九十百千万〇零";
// Measure words after a number in Chinese numerals (三次会议, 十二月, 五个方面).
constexpr std::u32string_view kMeasureWords = U"次件场个项人份家批期起条名篇部户宗轮余多月日年";

bool starts(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// The clause after an item marker: 一是 / 二是…, (一) / (十二), 1. / 1、 / 一、.
std::string_view after_marker(std::string_view c) {
  std::size_t i = 0;
  char32_t cp = 0;
  if (starts(c, "(")) {
    const std::size_t close = c.find(')');
    if (close != std::string_view::npos && close <= 1 + 3 * 3) return c.substr(close + 1);
    return c;
  }
  std::size_t n = 0;
  while (i < c.size() && (n = decode_utf8(c, i, cp)) != 0 &&
         kChineseDigits.find(cp) != std::u32string_view::npos)
    i += n;
  if (i > 0 && i <= 3 * 3) {
    if (starts(c.substr(i), "是")) return c.substr(i + 3);
    if (starts(c.substr(i), "、")) return c.substr(i + 3);
  }
  return c;
}

bool standing_clause(std::string_view c) {
  c = after_marker(c);
  for (std::string_view self : kSelfNames)
    if (starts(c, self)) {
      c.remove_prefix(self.size());
      break;
    }
  for (std::string_view verb : kStandingVerbs)
    if (starts(c, verb)) return true;
  return false;
}

}  // namespace

bool slogan_sentence(std::string_view sentence) {
  // The sentence without white space (a hard-wrapped line may split a verb: 持续\n深化).
  std::string flat;
  flat.reserve(sentence.size());
  for (char c : sentence)
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') flat += c;
  if (flat.empty() || flat.find("《") != std::string::npos || flat.find("了") != std::string::npos)
    return false;
  // Counted or dated: an ASCII digit (text is NFKC-normalized), or a Chinese numeral before a
  // measure word. A lone 一 is a name's (一件事, 一次办), and so is 三项制度.
  std::size_t numerals = 0;  // Chinese numerals right before the current code point
  bool lone_one = false;
  for (std::size_t i = 0; i < flat.size();) {
    char32_t cp = 0;
    const std::size_t n = decode_utf8(flat, i, cp);
    if (n == 0) return false;
    if (cp >= '0' && cp <= '9') return false;
    if (numerals > 0 && !(numerals == 1 && lone_one) &&
        kMeasureWords.find(cp) != std::u32string_view::npos &&
        !starts(std::string_view(flat).substr(i - 3), "三项制度"))
      return false;
    if (kChineseDigits.find(cp) != std::u32string_view::npos) {
      lone_one = numerals == 0 && cp == U'一';
      ++numerals;
    } else {
      numerals = 0;
    }
    i += n;
  }
  // Every clause opens with a standing verb. An item marker's own clause ("一、", "(二)") is
  // part of the clause after it, since the marker holds no comma.
  bool any = false;
  std::size_t start = 0;
  const std::string_view text(flat);
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const bool end = i == text.size() || text[i] == ',' || text[i] == ';' || text[i] == ':' ||
                     text[i] == '!' || text[i] == '?' || starts(text.substr(i), "。");
    if (!end) continue;
    const std::string_view clause = text.substr(start, i - start);
    if (!clause.empty()) {
      if (!standing_clause(clause)) return false;
      any = true;
    }
    start = i + (i < text.size() && starts(text.substr(i), "。") ? 3 : 1);
    if (i < text.size() && starts(text.substr(i), "。")) i += 2;
  }
  return any;
}

}  // namespace indicheck::rules_internal
