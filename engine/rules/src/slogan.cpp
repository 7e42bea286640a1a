// The slogan rule (slogan.h): plain string tests on code points, no regex.
#include "slogan.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "indicheck/utf8.h"

namespace indicheck::rules_internal {

namespace {

// Verbs of standing policy: the rubric's own (落实…, 积极推进…, 坚持…, 进一步加强…) and their
// kin. Verbs that set something up or change it (建立, 健全, 完善, 推行, 优化…) are left out:
// "a mechanism set up" is an act in the rubric.
constexpr std::array<std::string_view, 51> kStandingVerbs = {
    "依法依规做好", "严厉打击", "深入推进", "积极推进", "全面推进", "全面落实", "严格落实",
    "严格执行",     "认真落实", "扎实推进", "认真做好", "积极开展", "进一步",   "加强",
    "强化",         "坚持",     "持续",     "不断",     "切实",     "着力",     "大力",
    "努力",         "始终",     "注重",     "深化",     "落实",     "做好",     "确保",
    "营造",         "坚决",     "毫不",     "充分发挥", "牢固树立", "定期",     "主动接受",
    "自觉接受",     "全面加强", "全面提升", "全面贯彻", "自觉",     "认真履行", "严格履行",
    "认真贯彻",     "贯彻落实", "深入贯彻", "带头",     "压实",     "严格",     "高度重视",
    "深入学习",     "加快推进"};

// What a slogan's later clauses open with besides those: its purpose or result, stated as
// intent (…，推动矛盾纠纷就地化解 / 为…营造宽松环境 / 以数字化改革助力… / 做到同部署、同推进).
// Only after a first clause that is a standing verb's: a sentence opening with 推动… may
// report an act.
constexpr std::array<std::string_view, 16> kTailOpeners = {
    "推动", "推进", "以",   "为",   "把",   "做到", "促进", "助力",
    "提升", "提高", "增强", "形成", "实现", "维护", "保障", "筑牢"};

// Self-names that may stand before the verb: 我局坚持…, 全市持续…, 我乡严格执行….
constexpr std::array<std::string_view, 21> kSelfNames = {
    "我局", "我县", "我区", "我市", "我委", "我办", "本局", "全县",   "全区",   "全市", "全局",
    "我乡", "我镇", "我厅", "我省", "全乡", "全镇", "全省", "局党组", "局党委", "各级"};

// A leader as the subject (镇主要领导严格落实…, 局党组书记、局长认真落实…): the words that end
// it, found among the clause's first kLeaderReach code points.
constexpr std::array<std::string_view, 6> kLeaders = {
    "主要领导", "主要负责同志", "主要负责人", "党组书记、局长", "党组书记", "领导班子"};
constexpr std::size_t kLeaderReach = 8;

// The 第一责任人 regulation's own formulas, a tail's whole content (重要工作亲自部署、重大问题亲自
// 过问… / 将法治建设与中心工作同部署、同推进).
constexpr std::array<std::string_view, 4> kFormulas = {"亲自部署", "亲自过问", "同部署", "同推进"};

// Connectives a sentence may open with, a clause of their own (同时, / 此外,).
constexpr std::array<std::string_view, 6> kConnectives = {"同时", "此外",     "另外",
                                                          "其次", "与此同时", "首先"};

// A meeting's words: 会议指出 / 会议强调 / 会上要求 ….
constexpr std::array<std::string_view, 5> kSaid = {"指出", "强调", "要求", "提出", "号召"};

// An array declared longer than its list pads it with empty words, and an empty word opens
// every clause: each list must be as long as declared.
template <std::size_t N>
constexpr bool no_empty_word(const std::array<std::string_view, N>& words) {
  return std::none_of(words.begin(), words.end(), [](std::string_view w) { return w.empty(); });
}
static_assert(no_empty_word(kStandingVerbs) && no_empty_word(kTailOpeners) &&
                  no_empty_word(kSelfNames) && no_empty_word(kLeaders) &&
                  no_empty_word(kFormulas) && no_empty_word(kSaid) && no_empty_word(kConnectives),
              "a word list holds fewer words than its declared size");

constexpr std::u32string_view kChineseDigits = U"一二两三四五六七八九十百千万〇零";
// Measure words after a number in Chinese numerals (三次会议, 十二月, 五个方面).
constexpr std::u32string_view kMeasureWords = U"次件场个项人份家批期起条名篇部户宗轮余多月日年";

bool space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool starts(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// Bytes of the run of `digits` (Chinese numerals, 3 bytes each) opening `c`.
std::size_t numeral_bytes(std::string_view c, std::u32string_view digits) {
  std::size_t i = 0, n = 0;
  char32_t cp = 0;
  while (i < c.size() && (n = decode_utf8(c, i, cp)) != 0 &&
         digits.find(cp) != std::u32string_view::npos)
    i += n;
  return i;
}

// The clause after an item marker: 一是 / 二是…, (一) / (十二), 1. / 1、 / 一、.
std::string_view after_marker(std::string_view c) {
  std::size_t i = 0;
  if (starts(c, "(")) {
    const std::size_t close = c.find(')');
    if (close != std::string_view::npos && close <= 1 + 3 * 3) return c.substr(close + 1);
    return c;
  }
  // 1. / 1、 / 12) : an item numbered in ASCII digits.
  while (i < c.size() && i < 2 && c[i] >= '0' && c[i] <= '9') ++i;
  if (i > 0) {
    if (i < c.size() && (c[i] == '.' || c[i] == ')')) return c.substr(i + 1);
    if (starts(c.substr(i), "、")) return c.substr(i + 3);
    return c;
  }
  i = numeral_bytes(c, kChineseDigits);
  if (i > 0 && i <= 3 * 3) {
    if (starts(c.substr(i), "是")) return c.substr(i + 3);
    if (starts(c.substr(i), "、")) return c.substr(i + 3);
  }
  return c;
}

// Bytes of the clause delimiter at the start of `s` (, ; : ! ? or 。), 0 when there is none.
std::size_t delimiter(std::string_view s) {
  if (s.empty()) return 0;
  const char c = s[0];
  if (c == ',' || c == ';' || c == ':' || c == '!' || c == '?') return 1;
  // 。 is E3 80 82; tested byte by byte (this runs for every byte of a clause).
  return s.size() >= 3 && static_cast<unsigned char>(c) == 0xE3 &&
                 static_cast<unsigned char>(s[1]) == 0x80 &&
                 static_cast<unsigned char>(s[2]) == 0x82
             ? 3
             : 0;
}

bool leads(std::string_view c, std::u32string_view set) {
  if (c.size() < 3) return false;
  char32_t cp = 0;
  decode_utf8(c, 0, cp);
  return set.find(cp) != std::u32string_view::npos;
}

// Words by their first code point, in list order: a clause is compared only with the words
// that open with its own first character.
template <std::size_t N>
std::vector<std::pair<char32_t, std::string_view>> by_first_code_point(
    const std::array<std::string_view, N>& words) {
  std::vector<std::pair<char32_t, std::string_view>> out;
  for (std::string_view w : words) {
    char32_t cp = 0;
    decode_utf8(w, 0, cp);
    out.emplace_back(cp, w);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}
const auto kSelfIndex = by_first_code_point(kSelfNames);
const auto kVerbIndex = by_first_code_point(kStandingVerbs);
const auto kTailIndex = by_first_code_point(kTailOpeners);
const auto kSaidIndex = by_first_code_point(kSaid);

// Whether some word of `index` opens with `c`'s first code point: most clauses open with
// none, and are decided on that one code point.
bool leads(std::string_view c, const std::vector<std::pair<char32_t, std::string_view>>& index) {
  if (c.size() < 3) return false;
  char32_t cp = 0;
  decode_utf8(c, 0, cp);
  return std::binary_search(index.begin(), index.end(),
                            std::pair<char32_t, std::string_view>{cp, {}},
                            [](const auto& a, const auto& b) { return a.first < b.first; });
}

// The first word of `index` that `c` opens with, or an empty view.
std::string_view opening_word(std::string_view c,
                              const std::vector<std::pair<char32_t, std::string_view>>& index) {
  if (c.size() < 3) return {};
  char32_t cp = 0;
  decode_utf8(c, 0, cp);
  const auto first = std::lower_bound(index.begin(), index.end(), cp,
                                      [](const auto& e, char32_t x) { return e.first < x; });
  for (auto it = first; it != index.end() && it->first == cp; ++it)
    if (starts(c, it->second)) return it->second;
  return {};
}

// The bytes of `c` up to the end of a leader subject among its first code points, 0 when it
// opens with none.
std::size_t leader_end(std::string_view c) {
  // One pass over the first code points; a leader word opens with 主, 党 or 领.
  std::size_t i = 0;
  for (std::size_t k = 0; k <= kLeaderReach && i < c.size(); ++k) {
    char32_t cp = 0;
    const std::size_t n = decode_utf8(c, i, cp);
    if (n == 0) break;
    if (cp == U'主' || cp == U'党' || cp == U'领')
      for (std::string_view w : kLeaders)
        if (starts(c.substr(i), w)) return i + w.size();
    i += n;
  }
  return 0;
}

// "以标准化、规范化建设为抓手": the means or guide a slogan names before its verb.
constexpr std::array<std::string_view, 8> kMeansEnds = {"为抓手", "为引领", "为指导", "为统领",
                                                        "为主线", "为牵引", "为遵循", "为核心"};

bool standing_clause(std::string_view c) {
  c = after_marker(c);
  if (starts(c, "以") && std::any_of(kMeansEnds.begin(), kMeansEnds.end(),
                                     [&](std::string_view e) { return c.ends_with(e); }))
    return true;
  if (!opening_word(c.substr(opening_word(c, kSelfIndex).size()), kVerbIndex).empty()) return true;
  // A leader as the subject, after any self-name (局党组书记、局长认真履行…).
  const std::size_t leader = leader_end(c);
  return leader > 0 && !opening_word(c.substr(leader), kVerbIndex).empty();
}

bool tail_clause(std::string_view c) {
  if (!opening_word(c, kTailIndex).empty() || standing_clause(c)) return true;
  return std::any_of(kFormulas.begin(), kFormulas.end(),
                     [&](std::string_view f) { return c.find(f) != std::string_view::npos; });
}

// An activity or campaign named in quotes (开展“我与老兵面对面”宣讲活动, “送法进军营”等活动):
// the unit held it, an act. The name's closing quote, then at most two code points (等, 主题)
// before 活动 or 行动.
bool named_activity(std::string_view s) {
  for (std::size_t at = s.find("\u201D"); at != std::string_view::npos;
       at = s.find("\u201D", at + 3)) {
    std::string_view after = s.substr(at + 3);
    for (int k = 0; k <= 2 && !after.empty(); ++k) {
      if (starts(after, "活动") || starts(after, "行动")) return true;
      char32_t cp = 0;
      const std::size_t n = decode_utf8(after, 0, cp);
      if (n == 0 || delimiter(after) > 0) break;
      after.remove_prefix(n);
    }
  }
  return false;
}

}  // namespace

bool slogan_sentence(std::string_view sentence) {
  // Cheapest first: a sentence can only be a slogan when it opens with an item marker, a
  // self-name or a standing verb (after a connective of its own: 同时,严格落实督查制度…).
  {
    // Leading white space and a connective of its own go first, once.
    while (!sentence.empty() && space(sentence.front())) sentence.remove_prefix(1);
    for (std::string_view link : kConnectives)
      if (starts(sentence, link) && delimiter(sentence.substr(link.size())) == 1) {
        sentence.remove_prefix(link.size() + 1);
        break;
      }
    if (sentence.empty()) return false;
    // What a meeting said (会议强调,要…; 会议指出,《…条例》是…): its words, not the unit's act.
    if (starts(sentence, "会")) {
      const std::string_view said = sentence.substr(3);
      const std::size_t skip = starts(said, "议上")                       ? 6
                               : starts(said, "议") || starts(said, "上") ? 3
                                                                          : 0;
      if (skip > 0 && !opening_word(said.substr(skip), kSaidIndex).empty()) return true;
    }
    // (An ASCII digit only as an item's number, 1. / 1、: 2023年… is a date.)
    const bool numbered = sentence.front() >= '0' && sentence.front() <= '9' &&
                          after_marker(sentence).size() < sentence.size();
    if (sentence.front() != '(' && !numbered && !starts(sentence, "以") &&
        !leads(sentence, kVerbIndex) && !leads(sentence, kSelfIndex) &&
        !leads(sentence, kChineseDigits) && leader_end(sentence) == 0)
      return false;
  }
  // Most sentences do not open with a standing verb: decide that first, on the first 60 bytes
  // without white space (whole code points only), before copying anything.
  {
    char head[64];
    std::size_t n = 0;
    for (std::size_t i = 0; i < sentence.size();) {
      char32_t cp = 0;
      const std::size_t len = decode_utf8(sentence, i, cp);
      if (n + len > 60 || delimiter(sentence.substr(i)) > 0) break;
      if (!space(sentence[i]))
        for (std::size_t k = 0; k < len; ++k) head[n++] = sentence[i + k];
      i += len;
    }
    if (!standing_clause(std::string_view(head, n))) return false;
  }
  // A digit, a titled document or 了 anywhere: not a slogan (white space splits none of them).
  // An item's number (1.强化…) is no count.
  for (char c : after_marker(sentence))
    if (c >= '0' && c <= '9') return false;
  if (sentence.find("《") != std::string_view::npos ||
      sentence.find("了") != std::string_view::npos || named_activity(sentence))
    return false;
  // The sentence without white space (a hard-wrapped line may split a verb: 持续\n深化).
  std::string flat;
  flat.reserve(sentence.size());
  for (char c : sentence)
    if (!space(c)) flat += c;
  // Counted or dated in Chinese numerals: a numeral before a measure word (ASCII digits were
  // refused above; text is NFKC-normalized). A lone 一 is a name's (一件事, 一次办), and so is
  // 三项制度.
  std::size_t numerals = 0;  // Chinese numerals right before the current code point
  bool lone_one = false;
  for (std::size_t i = 0; i < flat.size();) {
    char32_t cp = 0;
    const std::size_t n = decode_utf8(flat, i, cp);
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
  const std::string_view text(flat);
  for (std::size_t i = 0, start = 0; i <= text.size();) {
    const std::size_t d = i == text.size() ? 1 : delimiter(text.substr(i));
    if (d == 0) {
      ++i;
      continue;
    }
    if (const std::string_view clause = text.substr(start, i - start); !clause.empty()) {
      if (!(any ? tail_clause(clause) : standing_clause(clause))) return false;
      any = true;
    }
    i += d;
    start = i;
  }
  return any;
}

bool heading_only(std::string_view sentence) {
  // A chapter's or section's marker: one to three of 一…十, then 、; or the same in ( ).
  constexpr std::u32string_view kHeadingDigits = U"一二三四五六七八九十";
  std::size_t marker = 0;
  if (const std::size_t n = numeral_bytes(sentence, kHeadingDigits);
      n > 0 && n <= 3 * 3 && starts(sentence.substr(n), "、")) {
    marker = n + 3;
  } else if (starts(sentence, "(")) {
    const std::size_t m = numeral_bytes(sentence.substr(1), kHeadingDigits);
    if (m > 0 && m <= 3 * 3 && starts(sentence.substr(1 + m), ")")) marker = m + 2;
  }
  if (marker == 0) return false;
  const std::string_view rest = sentence.substr(marker);
  return rest.find_first_of("0123456789:") == std::string_view::npos && rest.size() <= 40 * 3;
}

}  // namespace indicheck::rules_internal
