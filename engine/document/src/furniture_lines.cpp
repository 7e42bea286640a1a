// Page furniture that only its neighbours give away, found before normalization by line:
// - the running heads and feet of a PDF printed from Word: the title, or the unit's name and the
//   document number, repeated at the top (or bottom) of every page next to its page number.
//   Left in the text they are a heading in the middle of a sentence: the sentence is cut in two
//   and the title's words (法治政府建设…) are read as evidence where the page breaks;
// - a page's related-articles list below the text (相关阅读, then other reports' titles with
//   their dates): left in, it is read as the end of the report, after the signature, and its
//   titles' words (工作要点…) as evidence.
#include <algorithm>
#include <cstring>
#include <map>
#include <string_view>
#include <vector>

#include "internal.h"

namespace indicheck::detail {

namespace {

// Longest line taken for a running head (a title over 40 characters, in bytes).
constexpr std::size_t kMaxHeadBytes = 160;
// Longest raw line that may head a related-articles list (a heading, indentation around it).
constexpr std::size_t kMaxListHeadingBytes = 80;
// Lines at the top of the text that may hold the title (crawler header lines before it).
constexpr std::size_t kTitleLines = 12;

std::string_view trimmed(std::string_view s) {
  auto space_at_front = [&] {
    if (s.empty()) return std::size_t{0};
    if (s.front() == ' ' || s.front() == '\t' || s.front() == '\r') return std::size_t{1};
    return s.substr(0, 3) == "\u3000" ? std::size_t{3} : std::size_t{0};
  };
  auto space_at_back = [&] {
    if (s.empty()) return std::size_t{0};
    if (s.back() == ' ' || s.back() == '\t' || s.back() == '\r') return std::size_t{1};
    return s.size() >= 3 && s.substr(s.size() - 3) == "\u3000" ? std::size_t{3} : std::size_t{0};
  };
  while (const std::size_t n = space_at_front()) s.remove_prefix(n);
  while (const std::size_t n = space_at_back()) s.remove_suffix(n);
  return s;
}

}  // namespace

namespace {

// A related-articles list's heading, alone on its line (a colon after it or not).
bool related_list_heading(std::string_view line) {
  for (std::string_view colon : {":", "："})
    if (line.size() > colon.size() && line.substr(line.size() - colon.size()) == colon)
      line.remove_suffix(colon.size());
  for (std::string_view h : {"相关阅读", "推荐阅读", "相关文章", "相关新闻", "延伸阅读", "相关信息",
                             "相关稿件", "相关推荐", "猜你喜欢", "热点推荐", "热门文章"})
    if (line == h) return true;
  return false;
}

// Items of a list: short lines without a full stop.
constexpr std::size_t kMaxListItemBytes = 200;
constexpr std::size_t kMaxListItems = 30;

}  // namespace

std::vector<std::uint32_t> furniture_lines(std::string_view original) {
  // Lines as normalize_pass counts them: '\n', CRLF or a lone '\r' ends one.
  const bool cr = std::memchr(original.data(), '\r', original.size()) != nullptr;
  auto each_line = [&](auto&& take) {
    std::size_t b = 0;
    if (!cr) {  // the usual case: memchr from line to line
      for (const char* nl; (nl = static_cast<const char*>(std::memchr(
                                original.data() + b, '\n', original.size() - b))) != nullptr;) {
        const auto e = static_cast<std::size_t>(nl - original.data());
        take(original.substr(b, e - b));
        b = e + 1;
      }
    } else {
      for (std::size_t i = 0; i < original.size(); ++i) {
        const char c = original[i];
        if (c != '\n' && c != '\r') continue;
        if (c == '\r' && i + 1 < original.size() && original[i + 1] == '\n') continue;
        take(original.substr(b, i - b));
        b = i + 1;
      }
    }
    take(original.substr(b));
  };
  // Most documents have no page number and no list: found on a first pass that keeps nothing
  // else.
  std::vector<std::size_t> pages;  // lines holding a page number
  std::vector<std::size_t> lists;  // lines heading a related-articles list
  std::size_t count = 0;
  each_line([&](std::string_view raw) {
    if (original_page_number_line(raw)) pages.push_back(count);
    if (raw.size() <= kMaxListHeadingBytes && related_list_heading(trimmed(raw)))
      lists.push_back(count);
    ++count;
  });
  if (pages.empty() && lists.empty()) return {};
  std::vector<std::string_view> lines;
  lines.reserve(count);
  each_line([&](std::string_view raw) { lines.push_back(trimmed(raw)); });
  std::vector<std::uint32_t> furniture;
  // A list: its heading and the short lines after it, blank lines between them allowed.
  for (const std::size_t h : lists) {
    furniture.push_back(static_cast<std::uint32_t>(h));
    for (std::size_t li = h + 1, items = 0; li < lines.size() && items < kMaxListItems; ++li) {
      if (lines[li].empty()) continue;
      if (lines[li].size() > kMaxListItemBytes || contains(lines[li], "。")) break;
      furniture.push_back(static_cast<std::uint32_t>(li));
      ++items;
    }
  }
  // Next to each page number: the first non-empty line after it (a head) and before it (a
  // foot). The same text next to two page numbers, or the title next to one, runs.
  std::map<std::string_view, std::vector<std::uint32_t>> beside;
  auto candidate = [&](std::size_t li) {
    const std::string_view s = lines[li];
    if (s.empty() || s.size() > kMaxHeadBytes || original_page_number_line(s) || contains(s, "。"))
      return;
    auto& at = beside[s];
    if (at.empty() || at.back() != li) at.push_back(static_cast<std::uint32_t>(li));
  };
  for (const std::size_t p : pages) {
    std::size_t after = p + 1;
    while (after < lines.size() && lines[after].empty()) ++after;
    if (after < lines.size()) candidate(after);
    std::size_t before = p;
    while (before > 0 && lines[before - 1].empty()) --before;
    if (before > 0 && before - 1 > kTitleLines) candidate(before - 1);
  }
  for (const auto& [text, at] : beside) {
    bool title = false;
    for (std::size_t li = 0, seen = 0; li < lines.size() && seen < kTitleLines && !title; ++li) {
      if (lines[li].empty()) continue;
      ++seen;
      title = lines[li] == text && li < at.front();
    }
    if (at.size() >= 2 || title) furniture.insert(furniture.end(), at.begin(), at.end());
  }
  std::sort(furniture.begin(), furniture.end());
  furniture.erase(std::unique(furniture.begin(), furniture.end()), furniture.end());
  return furniture;
}

}  // namespace indicheck::detail
