// Titles named as a topic (titles.h): plain byte searches, no regex.
#include "titles.h"

#include <array>

namespace indicheck::rules_internal {

namespace {

constexpr std::string_view kOpen = "《";
constexpr std::string_view kClose = "》";
// Longer than this between 《 and 》 is no title; a clause is searched this far back for verbs.
constexpr std::size_t kMaxTitle = 300;
constexpr std::size_t kMaxClause = 600;

// Verbs that make a named document the topic of the clause: study, publicity, following it.
constexpr std::array<std::string_view, 22> kTopicVerbs = {
    "学习", "宣传", "宣讲", "宣贯", "解读", "培训", "贯彻", "落实", "执行", "实施", "按照",
    "依据", "根据", "依照", "遵照", "遵循", "结合", "对照", "围绕", "传达", "研读", "领会"};

// Verbs that make it the unit's own work: issuing, drafting, revising, reviewing, sending.
constexpr std::array<std::string_view, 22> kMakingVerbs = {
    "印发", "出台", "制定", "修订", "修改", "编制", "发布", "起草", "审议", "下发", "制发",
    "颁布", "编印", "编写", "形成", "完成", "报送", "建立", "推出", "拟定", "公布", "签订"};

// Words after a title (and the titles, 等 and a short noun after it) that make it the topic:
// 组织《退役军人保障法》《民法典》等法律的学习, 开展《条例》宣传.
constexpr std::array<std::string_view, 7> kTopicAfter = {"学习", "宣传", "宣讲", "宣贯",
                                                         "解读", "培训", "研读"};
// How far past the last title such a word is looked for: 等法律法规的 is 6 characters.
constexpr std::size_t kMaxAfter = 24;

// Whether s[0, k) ends with a clause mark: , ; : ! ? newline, or 。.
bool ends_clause(std::string_view s, std::size_t k) {
  const char c = s[k - 1];
  if (c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\n') return true;
  return k >= 3 && s.substr(k - 3, 3) == "。";
}

template <std::size_t N>
bool holds_any(std::string_view s, const std::array<std::string_view, N>& words) {
  for (std::string_view w : words)
    if (s.find(w) != std::string_view::npos) return true;
  return false;
}

// A making verb, not as an adjective: 新修订的《行政处罚法》 names the law's own revision.
bool holds_making(std::string_view s) {
  constexpr std::string_view kNew = "新";
  for (std::string_view w : kMakingVerbs)
    for (std::size_t at = s.find(w); at != std::string_view::npos; at = s.find(w, at + w.size()))
      if (at < kNew.size() || s.substr(at - kNew.size(), kNew.size()) != kNew) return true;
  return false;
}

// Whether the title closing at `close` is followed by a topic word (kTopicAfter) before the
// next clause mark and within kMaxAfter bytes of the last title of its run (《甲》、《乙》《丙》),
// with no making verb before it.
bool topic_after(std::string_view text, std::size_t close) {
  std::size_t at = close + kClose.size();
  for (;;) {  // past the titles that follow: 、《…》 or 《…》
    std::size_t next = at;
    if (text.substr(next, 3) == "、") next += 3;
    if (text.substr(next, kOpen.size()) != kOpen) break;
    const std::size_t end = text.find(kClose, next);
    if (end == std::string_view::npos || end - next > kMaxTitle) break;
    at = end + kClose.size();
  }
  std::string_view after = text.substr(at, kMaxAfter);
  for (std::size_t k = 1; k <= after.size(); ++k)
    if (ends_clause(after, k) || after.substr(k - 1).starts_with(kOpen)) {
      after = after.substr(0, k - 1);
      break;
    }
  for (std::string_view w : kTopicAfter)
    if (const std::size_t found = after.find(w); found != std::string_view::npos)
      return !holds_making(after.substr(0, found));
  return false;
}

}  // namespace

void mentioned_titles(std::string_view text,
                      std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) {
  out.clear();
  for (std::size_t open = text.find(kOpen); open != std::string_view::npos;
       open = text.find(kOpen, open + kOpen.size())) {
    const std::size_t begin = open + kOpen.size();
    const std::size_t close = text.find(kClose, begin);
    if (close == std::string_view::npos) return;
    if (close - begin > kMaxTitle) continue;  // a stray 《, not a title
    // The clause before the title: back to the last clause mark, at most kMaxClause bytes.
    std::size_t from = open > kMaxClause ? open - kMaxClause : 0;
    for (std::size_t k = open; k > from; --k)
      if (ends_clause(text, k)) {
        from = k;
        break;
      }
    bool topic = false, making = false;
    // Its text outside earlier titles: verbs inside a title are part of a name.
    std::size_t plain = from;
    while (plain < open) {
      std::size_t stop = text.find(kOpen, plain);
      if (stop == std::string_view::npos || stop > open) stop = open;
      const std::string_view part = text.substr(plain, stop - plain);
      topic = topic || holds_any(part, kTopicVerbs);
      making = making || holds_making(part);
      const std::size_t end = stop < open ? text.find(kClose, stop) : std::string_view::npos;
      plain = end == std::string_view::npos ? open : end + kClose.size();
    }
    if (!topic && !making) topic = topic_after(text, close);
    if (topic && !making)
      out.emplace_back(static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(close));
    open = close;
  }
}

}  // namespace indicheck::rules_internal
