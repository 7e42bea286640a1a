// Part openers, heading signals and signature shapes (see part_signals.h).
#include "part_signals.h"

#include <re2/re2.h>

#include <charconv>
#include <string>

#include "internal.h"

namespace indicheck::detail {

namespace {

// How far into a paragraph 虽然 may start for the paragraph to open the shortcomings.
constexpr std::size_t kShortcomingsLeadBytes = 120;

// "面对新形势，我们清醒地认识到…仍存在一些困难和问题": a self-critical admission that opens
// with 认识到 (we, also, soberly) near the start and names a gap after it. A sentence about
// staff who 认识到 the importance of something does not qualify: the subject must be 我们 or
// the clause must say 也/清醒.
bool admission_opening(std::string_view first) {
  // "…也清醒认识到…", "但也要清醒地看到…".
  std::size_t aware = find_text(first, "认识到");
  if (const std::size_t seen = find_text(first, "看到");
      seen != std::string_view::npos && contains(first.substr(0, seen), "清醒"))
    aware = std::min(aware, seen);
  if (aware == std::string_view::npos || aware > kShortcomingsLeadBytes / 2) return false;
  const std::string_view before =
      first.substr(aware >= 18 ? aware - 18 : 0, aware >= 18 ? 18 : aware);
  if (!contains_any(before, {"我们", "也", "清醒"})) return false;
  return contains_any(first.substr(aware), {"不足", "差距", "困难", "短板", "薄弱", "有待",
                                            "存在一些问题", "存在的问题"});
}

bool starts_with_year(std::string_view s, int year) {
  if (year <= 0) return false;
  char digits[16];  // no allocation: this runs for every sentence of the year's work
  const auto end = std::to_chars(digits, digits + sizeof digits, year).ptr;
  const std::string_view y(digits, static_cast<std::size_t>(end - digits));
  return s.starts_with(y) && at(s, y.size(), "年");
}

// Does s name the plans part with one of the words a plans heading is made of (工作安排,
// 工作计划, 工作思路 …: "2024年工作思路", "三、法治政府建设主要安排")? Only as the head of
// s's first clause, not as the object of another act: "纳入区委常委会工作计划", "紧扣市委工作
// 安排", "…，提出法治化工作思路" are the year's work under a heading or an item 一是 that reads
// like a sentence.
bool names_plans_part(std::string_view s) {
  std::size_t clause = s.size();
  for (std::size_t k = 0; k < s.size(); ++k)
    if (s[k] == ',' || s[k] == ';' || s[k] == ':') {
      clause = k;
      break;
    }
  const std::string_view head = s.substr(0, clause);
  std::size_t cue = std::string_view::npos;
  for (std::string_view word : {"工作安排", "工作打算", "主要安排", "工作计划", "工作思路"})
    cue = std::min(cue, find_text(head, word));
  if (cue == std::string_view::npos) return false;
  return !contains_any(head.substr(0, cue),
                       {"纳入", "列入", "制定", "出台", "印发", "紧扣", "围绕", "按照", "根据",
                        "结合", "落实", "对照", "提出", "编制", "报送", "部署", "服务"});
}

}  // namespace

// Does text opening with s start the shortcomings part?
bool shortcomings_opening(std::string_view s) {
  const std::string_view first = s.substr(0, first_sentence_end(s));
  if (at(first, 0, "存在的问题") || at(first, 0, "存在问题") || at(first, 0, "存在的不足") ||
      at(first, 0, "主要问题") || at(first, 0, "不足之处") || admission_opening(first))
    return true;
  // "对照上级要求，我县法治政府建设还存在一定差距": 还/仍 存在 a gap, near the start — not a
  // gap found and acted on (针对检查发现还存在的问题，督促整改). Also 但也存在一些问题, 仍有一定
  // 差距, 仍面临一些困难和问题.
  enum class Gaps { kAny, kNoProblem, kFaced };  // which gap words may follow the word
  static constexpr std::pair<std::string_view, Gaps> kStill[] = {
      {"还存在", Gaps::kAny},   {"仍存在", Gaps::kAny},     {"仍然存在", Gaps::kAny},
      {"也存在", Gaps::kAny},   {"仍有", Gaps::kNoProblem}, {"还有", Gaps::kNoProblem},
      {"仍面临", Gaps::kFaced}, {"还面临", Gaps::kFaced}};
  for (const auto& [word, gaps] : kStill) {
    const std::size_t at_still = find_text(first, word);
    if (at_still == std::string_view::npos || at_still > kShortcomingsLeadBytes) continue;
    if (contains_any(first, {"整改", "解决", "发现", "督促", "针对"})) break;
    const std::string_view rest = first.substr(at_still);
    if (gaps == Gaps::kAny ? contains_any(rest, {"问题", "不足", "差距", "短板", "薄弱"})
        : gaps == Gaps::kNoProblem ? contains_any(rest, {"不足", "差距", "短板", "薄弱"})
                                   : contains_any(rest, {"困难", "问题", "挑战"}))
      return true;
  }
  // "虽然…但…存在…", and without 虽: "一年来…取得了一定成效，但…仍存在…差距".
  std::size_t though = find_text(first, "虽");
  if (though == std::string_view::npos || though > kShortcomingsLeadBytes) {
    though = std::string_view::npos;
    for (std::string_view won : {"取得", "成绩", "成效", "进展"}) {
      const std::size_t at_won = find_text(first, won);
      if (at_won != std::string_view::npos && at_won <= kShortcomingsLeadBytes * 2) {
        though = std::min(though, at_won);
      }
    }
    if (though == std::string_view::npos) return false;
  }
  // The turn: "但", or "在看到成绩的同时，我们也认识到…".
  std::size_t but = find_text(first, "但", though);
  const std::size_t meanwhile = find_text(first, "的同时", though);
  if (meanwhile != std::string_view::npos && meanwhile <= though + 12)
    but = std::min(but, meanwhile);
  if (but == std::string_view::npos) return false;
  return contains_any(first.substr(but), {"存在", "不足", "问题", "差距", "薄弱", "短板"});
}

// Does text opening with s start the plans part?
bool plans_opening(std::string_view s, int report_year) {
  const std::string_view first = s.substr(0, first_sentence_end(s));
  if (report_year > 0 && starts_with_year(first, report_year + 1) && contains(first, "将"))
    return true;
  if (at(first, 0, "下一步") || at(first, 0, "下一年度") || at(first, 0, "明年")) return true;
  // "新的一年，…将…", "今后，我们将…", "展望2024年，…将…", "站在新的起点上，…将…".
  if ((at(first, 0, "新的一年") || at(first, 0, "在新的一年") || at(first, 0, "今后") ||
       at(first, 0, "展望") || at(first, 0, "站在新的起点")) &&
      contains(first, "将"))
    return true;
  if (first.size() <= 150 && names_plans_part(first)) return true;
  return false;
}

// Does a sentence inside a paragraph of the year's work state an intention rather than a deed:
// "下一步，我局将…", "明年将…", "2024年，将…" (the year after the report's), "今后将…"?
bool plans_aside(std::string_view s, int report_year) {
  // The opening first (most sentences have none of these), then the first sentence's 将.
  if (!(at(s, 0, "下一步") || at(s, 0, "明年") || at(s, 0, "今后") || at(s, 0, "下一年度") ||
        (report_year > 0 && starts_with_year(s, report_year + 1))))
    return false;
  return contains(s.substr(0, first_sentence_end(s)), "将");
}

// Role a heading title asks for, or nullopt when it says nothing special.
std::optional<Role> heading_signal(std::string_view title, int report_year) {
  if (contains_any(title, {"存在的问题", "存在问题", "存在的不足", "不足", "薄弱环节", "需要改进",
                           "有待改进", "有待加强", "有待提高"}))
    return Role::kShortcomings;
  // 存在的主要问题, 存在的困难和短板: 存在 with a gap word (a chapter that 解决…主要问题 is not
  // one).
  if (contains(title, "存在") && contains_any(title, {"问题", "短板", "差距", "困难"}))
    return Role::kShortcomings;
  // 困难和问题, 面临的困难, 问题与差距 — not an act on them (解决…问题, 化解…困难), nor the
  // people helped (困难群众, 困难企业).
  // Also 短板弱项, 工作短板, 面临的挑战, a chapter named 主要问题 — not an act on them (补齐短板,
  // 应对挑战).
  const bool hardship = title.ends_with("困难") || title.ends_with("主要问题") ||
                        title.ends_with("短板") || title.ends_with("弱项") ||
                        contains_any(title, {"困难和", "困难与", "困难及", "和困难", "与困难",
                                             "短板和", "短板与", "面临的挑战"});
  if (!contains_any(title, {"解决", "化解", "整改", "破解", "帮助", "纾困", "补齐", "补短板",
                            "补强", "弥补", "应对", "聚焦", "针对"}) &&
      (hardship ||
       (contains(title, "问题") && contains_any(title, {"短板", "差距", "挑战", "不足"}))))
    return Role::kShortcomings;
  if (names_plans_part(title) ||
      contains_any(title,
                   {"下一年度", "下一步", "明年", "下一阶段", "下阶段", "今后工作", "今后的工作",
                    "下步打算", "下步工作", "今后打算", "努力方向", "工作设想", "工作展望"}))
    return Role::kPlans;
  if (report_year > 0 && starts_with_year(title, report_year + 1)) return Role::kPlans;
  if (contains(title, "其他需要报告")) return Role::kOther;
  if (contains(title, "第一责任")) return Role::kLeadership;
  return std::nullopt;
}

bool part_heading_line(std::string_view s) {
  if (s.empty() || s.size() > 25 * 3 || contains_any(s, {"。", ",", ";", ":", "、", "!", "?"}))
    return false;
  // A heading ends with its noun ("存在的主要问题", "2022年工作安排"); a line that reads
  // "下一步我局" or "存在的问题主要" is a wrapped sentence's start, not a heading.
  bool noun_end = false;
  for (std::string_view noun :
       {"问题", "不足", "短板", "差距", "困难", "环节", "挑战",   "安排", "打算", "计划", "思路",
        "要点", "重点", "方向", "举措", "措施", "工作", "下一步", "展望", "方面", "设想"})
    noun_end = noun_end || s.ends_with(noun);
  if (!noun_end) return false;
  const std::optional<Role> role = heading_signal(s, 0);
  return role == Role::kShortcomings || role == Role::kPlans;
}

namespace {

// The value of a Chinese digit at s[i] (〇 ○ 零 O and 一 … 九) and its length, or -1.
int chinese_digit_at(std::string_view s, std::size_t i, std::size_t& len) {
  static constexpr std::string_view kDigits[] = {"〇", "一", "二", "三", "四",
                                                 "五", "六", "七", "八", "九"};
  if (i < s.size() && s[i] == 'O') {
    len = 1;
    return 0;
  }
  for (std::string_view zero : {"○", "零"})
    if (at(s, i, zero)) {
      len = zero.size();
      return 0;
    }
  for (int v = 0; v < 10; ++v)
    if (at(s, i, kDigits[v])) {
      len = kDigits[v].size();
      return v;
    }
  return -1;
}

// 一 … 九, 十, 十一 … 十九, 二十 … 三十一 at s[i]: the value (1-31) and its bytes, or 0.
std::size_t chinese_small_number_at(std::string_view s, std::size_t i, int& value) {
  std::size_t len = 0, k = i;
  int tens = 0, units = 0;
  const int first = chinese_digit_at(s, k, len);
  if (first > 0) k += len;
  if (at(s, k, "十")) {
    k += 3;
    tens = first > 0 ? first : 1;
    const int unit = chinese_digit_at(s, k, len);
    if (unit > 0) {
      units = unit;
      k += len;
    }
  } else if (first > 0) {
    units = first;
  } else {
    return 0;
  }
  value = tens * 10 + units;
  return value >= 1 && value <= 31 ? k - i : 0;
}

}  // namespace

std::size_t chinese_year_at(std::string_view s, std::size_t i, int& year) {
  std::size_t k = i, len = 0;
  int value = 0;
  for (int n = 0; n < 4; ++n) {
    const int d = chinese_digit_at(s, k, len);
    if (d < 0) return 0;
    value = value * 10 + d;
    k += len;
  }
  while (k < s.size() && s[k] == ' ') ++k;
  if (!at(s, k, "年")) return 0;
  year = value;
  return k + 3 - i;
}

std::size_t find_chinese_year(std::string_view s, int& year, std::size_t from) {
  for (std::size_t i = from; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chinese_year_at(s, i, year)) return i;
  return std::string_view::npos;
}

std::size_t chinese_date_at(std::string_view s, std::size_t i, int& year, int& month, int& day) {
  std::size_t k = i + chinese_year_at(s, i, year);
  if (k == i) return 0;
  auto part = [&](std::string_view unit, int& value) {
    while (k < s.size() && s[k] == ' ') ++k;
    value = 0;
    if (unit == "月" && at(s, k, "元")) {  // 元月 is January
      value = 1;
      k += 3;
    } else {
      k += chinese_small_number_at(s, k, value);
    }
    while (k < s.size() && s[k] == ' ') ++k;
    if (unit == "日" && at(s, k, "号")) {  // the spoken 号 for 日
      k += 3;
      return true;
    }
    if (!at(s, k, unit)) return false;
    k += unit.size();
    return true;
  };
  if (!part("月", month) || !part("日", day)) return 0;
  return k - i;
}

// A date as a signature also writes it: 2024-01-05, 2024.1.5, 2024/1/5, 2024年1月, 2024 年 1 月 5
// 日. Not a title line's test: a hard-wrapped first line can read "2023年12月".
bool loose_date_line(std::string_view s) {
  static const RE2 loose(
      R"(^\(?(?:\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}|\d{4}\s*年\s*(?:\d{1,2}|元)\s*月(?:\s*\d{1,2}\s*(?:日|号))?)\)?$)");
  return s.size() <= 40 && RE2::FullMatch(re2::StringPiece(s.data(), s.size()), loose);
}

bool is_date_line(std::string_view s) {
  // (2023年12月20日) under a title
  if (s.size() > 2 && s.front() == '(' && s.back() == ')') s = s.substr(1, s.size() - 2);
  // 二〇二四年三月二十七日
  int y = 0, m = 0, d = 0;
  if (chinese_date_at(s, 0, y, m, d) == s.size() && !s.empty()) return true;
  // 2024年3月27日, 2025年 月 日
  std::size_t k = 0;
  while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
  if (k != 4 || !at(s, k, "年")) return false;
  k += 3;
  auto skip = [&] {
    while (k < s.size() && ((s[k] >= '0' && s[k] <= '9') || s[k] == ' ')) ++k;
  };
  skip();
  if (at(s, k, "元")) k += 3;  // 元月
  if (!at(s, k, "月")) return false;
  k += 3;
  skip();
  if (!at(s, k, "日") && !at(s, k, "号")) return false;
  return k + 3 == s.size();
}

// A hard-wrapped signature block reflowed into one line, maybe with the colophon (版记) after it:
// "莆田市安全生产监督管理局2018年1月26日莆田市安全生产监督管理局办公室2018年1月26日印发" — unit
// names, each followed by its date, and nothing else.
bool joined_signature_block(std::string_view s) {
  // A name, then its date in Arabic or Chinese numerals (二〇二四年一月十五日), then maybe 印发.
  static const RE2 block(
      R"(^(?:\p{Han}{2,30}?(?:人民政府|政府|管理委员会|管委会|委员会|办公室|局|厅|委|办)\s*)"
      R"((?:\d{4}\s*年\s*(?:\d{1,2}|元)\s*月\s*\d{1,2}\s*(?:日|号)|)"
      R"([〇○零O一二三四五六七八九]{4}\s*年\s*(?:[一二三四五六七八九十]{1,3}|元)\s*月\s*[一二三四五六七八九十]{1,3}\s*(?:日|号)))"
      R"((?:印发)?)+$)");
  // Every sentence of the outline asks; only those ending as a date (or 印发) can match.
  if (s.size() > 240 || !(s.ends_with("日") || s.ends_with("号") || s.ends_with("印发")))
    return false;
  return RE2::FullMatch(re2::StringPiece(s.data(), s.size()), block);
}

std::string_view before_page_footer(std::string_view s) {
  std::size_t cut = s.size();
  for (std::string_view mark : {"上一篇", "下一篇", "【打印", "打印本页", "【关闭", "关闭窗口",
                                "主办单位", "版权所有", "附件下载", "责任编辑", "扫一扫", "分享到"})
    cut = std::min(cut, s.find(mark));  // npos when absent
  s = s.substr(0, cut);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool han_only(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    i += decode_utf8(s, i, cp);
    if (cp < 0x4E00 || cp > 0x9FFF) return false;
  }
  return true;
}

std::string_view red_header_unit(std::string_view s) {
  constexpr std::string_view kSuffix = "文件";
  if (s.size() < 4 * 3 + kSuffix.size() || s.size() > 30 * 3 + kSuffix.size() ||
      !s.ends_with(kSuffix))
    return {};
  const std::string_view unit = s.substr(0, s.size() - kSuffix.size());
  return han_only(unit) ? unit : std::string_view();
}

bool colophon_line(std::string_view s) {
  if (s.size() > 400) return false;
  // (此件主动公开), (此件公开发布), (此件不予公开)
  if (at(s, 0, "(此件") && s.back() == ')' && s.size() <= 40) return true;
  return at(s, 0, "抄送") || at(s, 0, "抄报") ||
         (s.size() <= 200 && s.size() >= 6 && s.substr(s.size() - 6) == "印发");
}

bool title_like(std::string_view line) {
  if (line.size() > 300 || contains(line, "。")) return false;
  // A preamble without its full stop: "根据《…》的要求,现将我局2019年…情况报告如下:".
  if (contains_any(line, {"如下", "现将"}) || at(line, 0, "根据") || at(line, 0, "按照"))
    return false;
  if (contains(line, "报告")) return true;
  // Without 报告 a title is short and has no comma; a hard-wrapped first body line
  // ("2022年,我局坚持以习近平法治思想为指导,法治政府建设工作") is neither.
  return line.size() <= 150 && !contains_any(line, {",", ";"}) &&
         contains_any(line, {"法治", "依法行政"}) && contains_any(line, {"情况", "总结", "工作"});
}

bool is_signature_line(std::string_view s) {
  // A colophon's (此件主动公开) reflowed onto the signature's line, before or after it.
  if (const std::size_t open = s.find("(此件"); open != std::string_view::npos && s.size() <= 200) {
    const std::size_t close = s.find(')', open);
    if (close != std::string_view::npos && (open == 0 || close + 1 == s.size())) {
      const std::string_view rest = open == 0 ? s.substr(close + 1) : s.substr(0, open);
      if (rest.empty()) return true;
      s = rest;
    }
  }
  if (at(s, 0, "特此报告") || at(s, 0, "专此报告")) return true;
  if (is_date_line(s) || loose_date_line(s)) return true;
  if (joined_signature_block(s)) return true;
  if (colophon_line(s)) return true;
  return unit_name_line(s);
}

std::string_view without_seal(std::string_view s) {
  for (std::string_view seal : {"(盖章)", "(印)", "(公章)", "(代章)", "(章)", "(签章)", "(印章)"})
    if (s.size() > seal.size() && s.substr(s.size() - seal.size()) == seal) {
      s.remove_suffix(seal.size());
      while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
      return s;
    }
  return s;
}

bool unit_name_line(std::string_view s) {
  s = without_seal(s);
  if (s.size() > 60 || contains_any(s, {"。", ",", ";", ":", "、", "!", "?"})) return false;
  for (std::string_view suffix : {"人民政府", "政府", "管理委员会", "管委会", "委员会", "办公室",
                                  "局", "厅", "委", "办", "领导小组", "党组"})
    if (s.ends_with(suffix)) return true;
  return false;
}

}  // namespace indicheck::detail
