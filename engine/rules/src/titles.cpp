// Titles named as a topic (titles.h): plain byte searches, no regex.
#include "titles.h"

#include <array>
#include <cstring>

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

// Whether `c` is a one-byte clause mark: , ; : ! ? or newline (text is normalized).
bool ascii_clause_mark(char c) {
  return c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\n';
}

// Whether s[0, k) ends with a clause mark: , ; : ! ? newline, or 。.
bool ends_clause(std::string_view s, std::size_t k) {
  return ascii_clause_mark(s[k - 1]) || (k >= 3 && s.substr(k - 3, 3) == "。");
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

// Verbs of a meeting taking up its agenda (研究部署X、Y等工作, 听取X、Y情况汇报).
constexpr std::array<std::string_view, 3> kMeetingVerbs = {"研究", "部署", "听取"};
// What the agenda's list closes with, right after its 等 (等工作, 等重点任务, 等问题).
constexpr std::array<std::string_view, 8> kAgendaNouns = {"工作", "任务", "问题", "事项",
                                                          "议题", "情况", "重点", "方面"};
constexpr std::size_t kMaxAgenda = 300;
// A document among the items: the meeting reviews it, its own act.
constexpr std::array<std::string_view, 11> kDocumentWords = {
    "审议", "《", "》", "要点", "目录", "计划", "方案", "清单", "办法", "规定", "草案"};

// Bytes from `from` to the next clause mark (, ; : ! ? newline or 。), at most kMaxAgenda;
// `listed` tells whether a 、 comes first (an agenda is a list: most clauses are not).
std::size_t clause_end(std::string_view text, std::size_t from, bool& listed) {
  listed = false;
  std::size_t k = from;
  const std::size_t stop = std::min(text.size(), from + kMaxAgenda);
  for (; k < stop; ++k) {
    const char c = text[k];
    if (ascii_clause_mark(c)) break;
    // 。 is E3 80 82, 、 is E3 80 81.
    if (c == '\xE3' && k + 2 < text.size() && text[k + 1] == '\x80') {
      if (text[k + 2] == '\x82') break;
      if (text[k + 2] == '\x81') listed = true;
    }
  }
  return k;
}

// text.find(word, from) by glibc's memmem: several times faster on Chinese text, where the
// word's first byte (E7 for 研) starts a fifth of all characters.
std::size_t find_bytes(std::string_view text, std::string_view word, std::size_t from) {
  if (from >= text.size()) return std::string_view::npos;
  const void* hit = memmem(text.data() + from, text.size() - from, word.data(), word.size());
  return hit == nullptr ? std::string_view::npos
                        : static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
}

// Where the agenda starting at `agenda` ends: its closing 等 followed by an agenda noun, or,
// after 听取, the 汇报 it hears; npos when it has none.
std::size_t agenda_end(std::string_view agenda, bool heard) {
  constexpr std::string_view kEtc = "等";
  for (std::size_t at = agenda.find(kEtc); at != std::string_view::npos;
       at = agenda.find(kEtc, at + kEtc.size())) {
    const std::string_view after = agenda.substr(at + kEtc.size(), 4 * 3);
    for (std::string_view noun : kAgendaNouns)
      if (const std::size_t n = after.find(noun); n != std::string_view::npos && n <= 2 * 3)
        return at;
  }
  return heard ? agenda.find("汇报") : std::string_view::npos;
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

void meeting_agendas(std::string_view text,
                     std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) {
  // `out` holds the titles until the agendas are appended at the end.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> found;
  for (std::string_view verb : kMeetingVerbs)
    for (std::size_t at = find_bytes(text, verb, 0); at != std::string_view::npos;
         at = find_bytes(text, verb, at + verb.size())) {
      const std::size_t from = at + verb.size();
      bool listed = false;
      const std::size_t stop = clause_end(text, from, listed);
      if (!listed) continue;
      const std::string_view clause = text.substr(from, stop - from);
      const bool heard = verb == "听取";
      const std::size_t end = agenda_end(clause, heard);
      if (end == std::string_view::npos ||
          clause.substr(0, end).find("、") == std::string_view::npos)
        continue;
      // A document reviewed or named (审议《…计划》, 研究年度工作要点、决策事项目录等事项) is the
      // meeting's own act on it; 听取…意见 is consulting (决策听取法律顾问意见).
      if (holds_any(clause, kDocumentWords) ||
          (heard && clause.substr(0, clause.find("、")).find("意见") != std::string_view::npos))
        continue;
      if (inside_title(out, from, from + end)) continue;
      found.emplace_back(static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(from + end));
    }
  if (found.empty()) return;
  // One range per agenda (研究部署 finds it twice), then all ranges in text order.
  std::sort(found.begin(), found.end());
  std::size_t kept = 0;
  for (const auto& r : found) {
    if (kept > 0 && r.first <= found[kept - 1].second) {
      found[kept - 1].second = std::max(found[kept - 1].second, r.second);
      continue;
    }
    found[kept++] = r;
  }
  found.resize(kept);
  out.insert(out.end(), found.begin(), found.end());
  std::sort(out.begin(), out.end());
}

}  // namespace indicheck::rules_internal
