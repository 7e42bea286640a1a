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

bool space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

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

// First characters of the self-names and of the standing verbs: most clauses begin with none
// of them, and are decided on one code point.
constexpr std::u32string_view kSelfLeads = U"我本全局各";
constexpr std::u32string_view kVerbLeads = U"依严深积全认扎进加强坚持不切着大努始注落做确营";

bool leads(std::string_view c, std::u32string_view set) {
  if (c.size() < 3) return false;
  char32_t cp = 0;
  decode_utf8(c, 0, cp);
  return set.find(cp) != std::u32string_view::npos;
}

bool standing_clause(std::string_view c) {
  c = after_marker(c);
  if (leads(c, kSelfLeads))
    for (std::string_view self : kSelfNames)
      if (starts(c, self)) {
        c.remove_prefix(self.size());
        break;
      }
  if (!leads(c, kVerbLeads)) return false;
  for (std::string_view verb : kStandingVerbs)
    if (starts(c, verb)) return true;
  return false;
}

}  // namespace

bool slogan_sentence(std::string_view sentence) {
  // Cheapest first: a sentence can only be a slogan when it opens with an item marker, a
  // self-name or a standing verb.
  {
    std::size_t i = 0;
    while (i < sentence.size() && space(sentence[i])) ++i;
    if (i == sentence.size()) return false;
    if (sentence[i] != '(' && !leads(sentence.substr(i), kVerbLeads) &&
        !leads(sentence.substr(i), kSelfLeads) && !leads(sentence.substr(i), kChineseDigits))
      return false;
  }
  // Most sentences do not open with a standing verb: decide that first, on the first 60 bytes
  // without white space (whole code points only), before copying anything.
  {
    char head[64];
    std::size_t n = 0;
    for (std::size_t i = 0; i < sentence.size();) {
      const auto c = static_cast<unsigned char>(sentence[i]);
      const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      if (i + len > sentence.size() || n + len > 60) break;
      if (!space(sentence[i]))
        for (std::size_t k = 0; k < len; ++k) head[n++] = sentence[i + k];
      i += len;
    }
    std::string_view first(head, n);
    for (std::size_t i = 0; i < first.size(); ++i)
      if (first[i] == ',' || first[i] == ';' || first[i] == ':') {
        first = first.substr(0, i);
        break;
      }
    if (!standing_clause(first)) return false;
  }
  // A digit, a titled document or 了 anywhere: not a slogan (white space splits none of them).
  for (char c : sentence)
    if (c >= '0' && c <= '9') return false;
  if (sentence.find("《") != std::string_view::npos ||
      sentence.find("了") != std::string_view::npos)
    return false;
  // The sentence without white space (a hard-wrapped line may split a verb: 持续\n深化).
  std::string flat;
  flat.reserve(sentence.size());
  for (char c : sentence)
    if (!space(c)) flat += c;
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
