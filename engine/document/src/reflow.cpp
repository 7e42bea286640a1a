// Reflow: hard-wrapped web pages back into paragraphs.
//
// Crawled pages often carry each inline span of the HTML on its own line:
//
//   一是
//   加强组织领导，结合实际及时调整了…领导小组、
//   “八五”普法工作领导小组，明确分工要求，层层压实责任。
//
// Read line by line, "一是" is an empty heading, the sentence is cut in three, terms that span
// a break ("行政执法\n案卷评查") are never seen and a date split as "2023\n年\n12\n月" is not a
// date. So before the outline, the '\n' between two lines of one paragraph is deleted from
// doc.text; the offset map gets a deletion anchor there, so quotes and line:column still point
// at the original lines.
//
// When is a line break inside a paragraph? The line before it does not end a sentence (no
// 。！？；: at its end), the line after it does not open a numbered heading, and:
//   - the line is a bare numbering marker ("一是", "(二)", "3."), which always joins; or
//   - it ends with a character that cannot end a paragraph ("，", "、", "“", "《", "("); or
//   - the page is hard-wrapped as a whole (several such unterminated, unnumbered lines) and the
//     line is neither a title, a heading with its own marker, a signature nor a date.
// A page that is not hard-wrapped (one paragraph a line, as a .docx export gives) keeps its
// unterminated lines, which there are titles and headings without markers.
#include <re2/re2.h>

#include <algorithm>

#include "internal.h"
#include "part_signals.h"

namespace indicheck::detail {

namespace {

// A page is hard-wrapped when at least this many body lines are unterminated fragments...
constexpr std::size_t kMinFragments = 3;
// ...and they are at least this share (in percent) of its body lines.
constexpr std::size_t kMinFragmentPercent = 15;
// A signature line (unit name) is short.
constexpr std::size_t kMaxSignatureBytes = 60;
// Lines longer than this are never title-like.
constexpr std::size_t kMaxTitleBytes = 200;

struct LineInfo {
  std::uint32_t b = 0, e = 0;  // trimmed content in text
  std::uint32_t nl = 0;        // offset of the '\n' after the line (== text size for the last)
  bool blank = true;
  bool boilerplate = false;  // set aside by normalization (its content is gone)
};

bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

re2::StringPiece sp(std::string_view s) {
  return re2::StringPiece(s.data(), s.size());
}

// A numbering marker at the start of a (normalized) line.
bool starts_with_marker(std::string_view s) {
  static const RE2 re(
      R"(^(?:[一二三四五六七八九十]{1,3}[是、.]|\([一二三四五六七八九十]{1,3}\)|\(\d{1,2}\)|\d{1,2}(?:、|\.[^\d])|第[一二三四五六七八九十]{1,3}[,、是章部分])|[①②③④⑤⑥⑦⑧⑨⑩])");
  return RE2::PartialMatch(sp(s.substr(0, 24)), re);
}

// A heading's marker (一、 (一) 1. 1、 第一), as opposed to the run-in items 一是/二是 whose
// text runs on like any sentence.
bool starts_with_heading_marker(std::string_view s) {
  static const RE2 re(
      R"(^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\(\d{1,2}\)|\d{1,2}(?:、|\.(?:[^\d]|$))|第[一二三四五六七八九十]{1,3}[,、章部分])|[①②③④⑤⑥⑦⑧⑨⑩])");
  return RE2::PartialMatch(sp(s.substr(0, 24)), re);
}

// The whole line is a marker: "一是", "(二)", "3.", "三、".
bool bare_marker(std::string_view s) {
  static const RE2 re(
      R"(^(?:[一二三四五六七八九十]{1,3}[是、.]|\([一二三四五六七八九十]{1,3}\)|\(\d{1,2}\)|\d{1,2}[、.]|第[一二三四五六七八九十]{1,3}(?:[,、是]|部分:?|章:?)?|[①②③④⑤⑥⑦⑧⑨⑩])$)");
  return s.size() <= 16 && RE2::FullMatch(sp(s), re);
}

// Ends a sentence or announces what follows.
bool terminated(std::string_view s) {
  for (std::string_view end : {"。", "!", "?", ";", ":", "…", "!", "?"})
    if (ends_with(s, end)) return true;
  // A closing quote or bracket after a terminator: “……。”
  for (std::string_view close : {"”", "’", ")", "」", "』"})
    if (ends_with(s, close)) {
      std::string_view inner = s.substr(0, s.size() - close.size());
      for (std::string_view end : {"。", "!", "?", ";"})
        if (ends_with(inner, end)) return true;
    }
  return false;
}

// Ends with a character after which a paragraph cannot end.
bool open_end(std::string_view s) {
  for (std::string_view end : {",", "、", "“", "《", "(", "‘", "「", "—", "-", "·"})
    if (ends_with(s, end)) return true;
  return false;
}

// A number cut by the line break: the line ends with a digit and the next goes on with a
// digit or a unit (年 月 日 号 % …).
bool split_number(std::string_view line, std::string_view next) {
  if (line.empty() || next.empty() || !(line.back() >= '0' && line.back() <= '9')) return false;
  if (next.front() >= '0' && next.front() <= '9') return true;
  for (std::string_view unit :
       {"年", "月", "日", "号", "%", "万", "亿", "个", "件", "项", "人", "次", "家", "余"})
    if (next.compare(0, unit.size(), unit) == 0) return true;
  return false;
}

bool date_like(std::string_view s) {
  static const RE2 re(R"(^\d{4}\s*年\s*(?:\d{0,2}|元)\s*月\s*\d{0,2}\s*(?:日|号)$)");
  int y = 0, m = 0, d = 0;
  return s.size() <= 60 &&
         (RE2::FullMatch(sp(s), re) || (!s.empty() && chinese_date_at(s, 0, y, m, d) == s.size()));
}

bool signature_like(std::string_view s) {
  // A unit's name, unpunctuated, never speaking of itself: "…，我局" or "下一步我局" at a
  // wrapped paragraph's start is a sentence going on.
  if (s.size() > kMaxSignatureBytes || contains(s, ",") || contains(s, "。") || contains(s, ";") ||
      contains(s, ":") || contains(s, "我") || contains(s, "本局"))
    return false;
  for (std::string_view suffix : {"人民政府", "政府", "管理委员会", "管委会", "委员会", "办公室",
                                  "局", "厅", "委", "办", "领导小组", "中心"})
    if (ends_with(s, suffix)) return true;
  return s == "特此报告" || s == "专此报告";
}

bool wrapped_title_like(std::string_view s) {
  return s.size() <= kMaxTitleBytes && !contains(s, ",") &&
         (contains(s, "报告") || contains(s, "情况") || contains(s, "总结") ||
          contains(s, "要点") || contains(s, "计划"));
}

// A title set over two lines, as formal documents break a long title and a PDF's text gives it
// ("莆田市审计局关于2020年开展法治政府" / "建设工作报告"): both parts unpunctuated, the first
// holding the year or 关于 and not a complete title nor a red header (…文件) or document number
// (…号), the second short (a line above a whole title does not join it), the two a title.
bool broken_title(std::string_view c, std::string_view next) {
  // The first part holds the title's year or 关于; the second is its short rest.
  if (c.size() > kMaxTitleBytes / 2 || next.size() > 20 * 3) return false;
  if (!contains(c, "年") && !contains(c, "关于")) return false;
  for (std::string_view p : {",", ";", ":", "。", "、"})
    if (contains(c, p) || contains(next, p)) return false;
  if (ends_with(c, "文件") || ends_with(c, "号")) return false;
  bool continues = false;  // "…建设情况" / "的报告", "报告", "及2024年工作计划"
  for (std::string_view start : {"的", "及", "暨", "和", "报告"})
    continues = continues || next.rfind(start, 0) == 0;
  for (std::string_view end : {"报告", "总结", "要点", "计划", "思路", "打算", "情况"})
    if (ends_with(c, end) && !continues) return false;
  std::string joined(c);
  joined += next;
  return title_like(joined);
}

// An item of a bulleted list ("• 郑州市某局", "• 2024-01-02": a page's metadata written as a
// list) is a line of its own: it neither joins the line above nor takes the line below.
bool bullet_line(std::string_view s) {
  for (std::string_view b : {"•", "●", "▪", "◆", "■", "◦"})
    if (s.rfind(b, 0) == 0) return true;
  return false;
}

// A formal document's red header ("上海市宝山区生态环境局文件") or its number ("宝环保〔2026〕1号")
// above the title is a line of its own (only before the first sentence).
bool header_line(std::string_view s) {
  if (s.size() > 30 * 3 || s.find("。") != std::string_view::npos) return false;
  if (ends_with(s, "文件")) return true;
  return ends_with(s, "号") &&
         (s.find("〔") != std::string_view::npos || s.find("[") != std::string_view::npos);
}

bool starts_with_punctuation(std::string_view s) {
  for (std::string_view p : {",", "、", "。", ";", ":", ")", "”"})
    if (s.rfind(p, 0) == 0) return true;
  return false;
}

// Was text line `li` (set aside as furniture) a page number? Before reflow, lines of the text
// and of the original correspond one to one.
bool page_number_at(const Document& doc, std::size_t li) {
  if (li >= doc.line_starts_.size()) return false;
  const std::size_t start = doc.line_starts_[li];
  const std::size_t end =
      li + 1 < doc.line_starts_.size() ? doc.line_starts_[li + 1] : doc.original.size();
  return original_page_number_line(std::string_view(doc.original).substr(start, end - start));
}

// Lines set aside right after line `li` that make a page break — a page number, with at most
// a running foot before it and a running head after it — followed by text; 0 when there is none.
std::size_t page_break_after(const Document& doc, const std::vector<LineInfo>& lines,
                             std::size_t li) {
  constexpr std::size_t kMaxBreakLines = 3;
  std::size_t k = 0;
  bool page = false;
  while (k < kMaxBreakLines && li + 1 + k < lines.size() && lines[li + 1 + k].boilerplate) {
    page = page || page_number_at(doc, li + 1 + k);
    ++k;
  }
  if (!page || li + 1 + k >= lines.size() || lines[li + 1 + k].blank) return 0;
  return k;
}

// Deletes the '\n' bytes at text offsets `joins` (sorted) from doc.text. Each becomes a deletion
// in the offset map: at its new text position, the original offsets of the '\n' (span ends)
// and of what follows it (span starts).
void delete_newlines(Document& doc, const std::vector<std::uint32_t>& joins) {
  const std::string_view text = doc.text;
  std::vector<std::uint32_t> newline_original(joins.size());
  for (std::size_t k = 0; k < joins.size(); ++k) newline_original[k] = doc.to_original(joins[k]);
  std::string out;
  out.reserve(text.size() - joins.size());
  std::size_t from = 0;
  for (std::uint32_t p : joins) {
    out.append(text.substr(from, p - from));
    from = p + 1;
  }
  out.append(text.substr(from));

  std::vector<std::pair<std::uint32_t, std::uint32_t>> anchors;
  anchors.reserve(doc.offset_anchors_.size() + 2 * joins.size());
  auto push = [&](std::uint32_t t, std::uint32_t o) {
    if (!anchors.empty() && anchors.back().first == t && anchors.back().second == o) return;
    anchors.emplace_back(t, o);
  };
  std::size_t k = 0;  // joins before the current anchor
  for (const auto& [t, o] : doc.offset_anchors_) {
    // Emit the deletions that come before this anchor's text position.
    while (k < joins.size() && joins[k] < t) {
      const auto at = static_cast<std::uint32_t>(joins[k] - k);
      push(at, newline_original[k]);
      push(at, newline_original[k] + 1);
      ++k;
    }
    push(static_cast<std::uint32_t>(t - k), o);
  }
  while (k < joins.size()) {
    const auto at = static_cast<std::uint32_t>(joins[k] - k);
    push(at, newline_original[k]);
    push(at, newline_original[k] + 1);
    ++k;
  }
  // An anchor at a deleted '\n' itself (t == join) was emitted with the shifted position before
  // that join's pair; keep the pairs sorted by text offset, then original offset.
  std::stable_sort(anchors.begin(), anchors.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  doc.offset_anchors_ = std::move(anchors);
  doc.text = std::move(out);
}

}  // namespace

void reflow_lines(Document& doc, std::uint32_t first_body_line,
                  std::vector<std::uint32_t>& boilerplate_lines) {
  const std::string_view text = doc.text;
  std::vector<LineInfo> lines;
  {
    std::size_t start = 0;
    std::size_t bp = 0;
    for (std::uint32_t li = 0;; ++li) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      LineInfo l;
      std::size_t b = start, e = end;
      while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
      while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
      l.b = static_cast<std::uint32_t>(b);
      l.e = static_cast<std::uint32_t>(e);
      l.nl = static_cast<std::uint32_t>(end);
      while (bp < boilerplate_lines.size() && boilerplate_lines[bp] < li) ++bp;
      const bool boiler = bp < boilerplate_lines.size() && boilerplate_lines[bp] == li;
      l.blank = b == e || boiler;
      l.boilerplate = boiler;
      lines.push_back(l);
      if (end >= text.size()) break;
      start = end + 1;
    }
  }
  auto content = [&](std::size_t li) {
    return text.substr(lines[li].b, lines[li].e - lines[li].b);
  };

  // Is the page hard-wrapped? Count unterminated, unnumbered body lines followed by a line.
  std::size_t body = 0, fragments = 0;
  std::size_t first_sentence_line = lines.size();  // first line holding a 。
  for (std::size_t li = first_body_line; li < lines.size(); ++li) {
    if (lines[li].blank) continue;
    const std::string_view c = content(li);
    ++body;
    if (first_sentence_line == lines.size() && contains(c, "。")) first_sentence_line = li;
    if (li + 1 < lines.size() && !lines[li + 1].blank && !terminated(c) && !starts_with_marker(c) &&
        !date_like(c) && !signature_like(c))
      ++fragments;
  }
  const bool hard_wrapped =
      fragments >= kMinFragments && fragments * 100 >= body * kMinFragmentPercent;

  std::vector<std::uint32_t> joins;          // text offsets of the '\n' to delete
  std::vector<std::uint32_t> joined_lines;   // their line numbers
  std::vector<std::uint32_t> bridged;        // boilerplate lines a join goes across
  std::size_t para_first = first_body_line;  // first line of the paragraph being built
  for (std::size_t li = first_body_line; li + 1 < lines.size(); ++li) {
    if (lines[li].blank) {
      para_first = li + 1;
      continue;
    }
    // A page's number between two pages of a PDF's text ("— 13 —"), with the running foot and
    // head around it, does not end the sentence it falls into: the next line is the one after
    // them.
    const std::size_t across = hard_wrapped ? page_break_after(doc, lines, li) : 0;
    const std::size_t nx = li + 1 + across;
    const std::string_view c = content(li);
    const std::string_view next = content(nx);
    // The paragraph so far, its first line to this one (a title or heading over two lines).
    const std::string_view so_far =
        text.substr(lines[para_first].b, lines[li].e - lines[para_first].b);
    bool join = false;
    // A marker alone on its line ("3." before "2021年工作思路") starts a heading, whatever the
    // line above ends with.
    if (!lines[nx].blank && !starts_with_marker(next) && !bare_marker(next) && !date_like(next) &&
        !terminated(c) && !bullet_line(c) && !bullet_line(next) &&
        !(li < first_sentence_line && (header_line(c) || header_line(next)))) {
      if (para_first == li && bare_marker(c)) {
        join = true;
      } else if (li < first_sentence_line && para_first == li && broken_title(c, next)) {
        join = true;  // before the signature test: "关于2023年法治政府" ends like a unit
      } else if (date_like(c) || (para_first == li && signature_like(c) && !open_end(c))) {
        join = false;
      } else if (part_heading_line(so_far) && !starts_with_punctuation(next)) {
        // "存在的主要问题" (or "2022年" / "工作安排") above its text: a part's heading without its
        // number ends with its line.
        join = false;
      } else if (open_end(c)) {
        join = true;
      } else if (split_number(c, next)) {
        join = true;  // "202\n2\n年", "12\n月"
      } else if (hard_wrapped) {
        // A numbered heading ends at its own line's end ("二、\n2023年工作计划\n2022年，我局…":
        // the heading is the marker and the line after it), unless a number runs on.
        const bool numbered_heading = starts_with_heading_marker(content(para_first));
        // The title is the paragraph so far: a title over two lines ("…建设工" / "作情况的报告")
        // ends with its second line.
        // So is a title at most two lines under a date: a report attached to the letter sending
        // it (特此报告。 / 附件:… / 某局 / 2024年3月20日 / [某局] / 某局2023年度…情况报告).
        const auto date_at = [&](std::size_t k) {
          return !lines[k].blank && date_like(content(k));
        };
        const bool under_date = (para_first > 0 && date_at(para_first - 1)) ||
                                (para_first > 1 && date_at(para_first - 2));
        const bool title = (li < first_sentence_line || under_date) && wrapped_title_like(so_far);
        // A heading that carries body text ("1.领导高度重视。印发…") wraps like body text.
        join = !(numbered_heading && !contains(c, "。")) && !title;
      }
    }
    if (join) {
      joins.push_back(lines[li].nl);
      joined_lines.push_back(static_cast<std::uint32_t>(li));
      for (std::size_t k = 0; k < across; ++k) {
        joins.push_back(lines[li + 1].nl);
        joined_lines.push_back(static_cast<std::uint32_t>(li + 1));
        bridged.push_back(static_cast<std::uint32_t>(li + 1));
        ++li;
      }
    } else {
      para_first = li + 1;
    }
  }
  if (joins.empty()) return;

  delete_newlines(doc, joins);

  // Renumber the boilerplate lines: each join before a line moves it up by one. A bridged
  // line is gone (joined into the sentence around it, with no content of its own).
  std::erase_if(boilerplate_lines, [&](std::uint32_t line) {
    return std::binary_search(bridged.begin(), bridged.end(), line);
  });
  for (std::uint32_t& line : boilerplate_lines) {
    const auto before =
        std::lower_bound(joined_lines.begin(), joined_lines.end(), line) - joined_lines.begin();
    line -= static_cast<std::uint32_t>(before);
  }
}

}  // namespace indicheck::detail
