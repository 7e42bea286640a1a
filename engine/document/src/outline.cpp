// Outline: sentences, paragraphs, the heading tree and a role for every sentence.
//
// Paragraphs are lines. A line that starts with a numbering marker (一、 (一) 1、 1. (1) 一是)
// opens a section; where it goes in the tree is decided with an explicit stack of open
// sections, by marker kind rather than by a fixed rank, because reports mix schemes freely:
//   - a kind already open closes everything below it and becomes its sibling;
//   - a kind not open becomes a child of the innermost open section;
//   - "1、" followed by "二、" (xiangcheng's first chapter) are one scheme: a 、-marker whose
//     value continues an open 、-marker is its sibling;
//   - the kind of the top-level chapters always goes back to the root.
// Reports often leave their last parts without headings: a paragraph that opens the
// shortcomings (虽然…但…存在…) or the plans (next year + 将, 下一步, ...) starts an implicit
// top-level section, so that a plan list numbered (一)(二)(三) after "2022年，…将…" hangs under
// the plans and not under the previous chapter's last section.
// Roles flow down the tree: a section's role comes from its own title (存在的问题 / 下一年度 /
// 第一责任 ...) unless its parent is already shortcomings or plans. Title lines, preamble,
// signature and web furniture are recognised by position and shape. A report whose body is one
// line switches role sentence by sentence instead.
#include <algorithm>
#include <array>

#include "indicheck/limits.h"
#include "internal.h"
#include "markers.h"
#include "part_signals.h"

namespace indicheck::detail {

namespace {

// Deepest heading nesting we track; deeper markers become siblings of the deepest level.
constexpr std::size_t kMaxSectionDepth = 8;
// A heading title is cut here (at a character boundary) when a line has no 。 at all.
constexpr std::size_t kMaxTitleBytes = 300;
// Body paragraph count at or below which the report is treated as "one line".
constexpr std::size_t kOneLineBodyParagraphs = 2;
// A letter sending the report as its attachment is a few sentences (about 400 characters).
constexpr std::size_t kMaxCoverLetterBytes = 1200;
// A one-line report's preamble is cut after this many sentences when no "如下" closes it.
constexpr std::size_t kOneLinePreambleSentences = 3;

// Bytes that never start a sentence end (. ! ? ; : and the lead byte of 。 are not boring).
constexpr std::array<bool, 256> kBoring = [] {
  std::array<bool, 256> b{};
  for (int i = 0; i < 256; ++i) b[static_cast<std::size_t>(i)] = true;
  constexpr unsigned char kEnds[] = {'.', '!', '?', ';', ':', 0xE3};
  for (unsigned char c : kEnds) b[c] = false;
  return b;
}();

bool space(char c) {
  return c == ' ' || c == '\t';
}

std::string_view cut_utf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  return s.substr(0, utf8_floor(s, max));
}

bool is_title_line(std::string_view s) {
  if (s.size() > 200 || contains(s, "。")) return false;
  if (parse_marker(s, 0).kind != Kind::kNone) return false;
  if (title_like(s)) return true;
  if (contains(s, "〔") && s.size() >= 3 && s.substr(s.size() - 3) == "号")
    return true;  // 相政呈〔2022〕20号
  if (!s.empty() && s.back() == ':' && s.size() <= 90 && !contains_any(s, {"如下", "现将"}))
    return true;  // addressee (not "现将有关情况报告如下:", the preamble)
  if (red_header(s)) return true;      // 莆田市审计局文件
  if (unit_name_line(s)) return true;  // the sender under the title: 莆田市审计局
  return is_date_line(s);
}

// A colon at t[k] ends a sentence only when an inline item follows it (the next after
// `inline_value`), or a list's first marker ("…报告如下:一、…", "…以下几个方面:(一)…").
bool colon_ends_sentence(std::string_view t, std::size_t k, std::size_t end, int inline_value) {
  std::size_t q = k + 1;
  while (q < end && space(t[q])) ++q;
  const Marker m = parse_marker(t, q);
  const bool first_of_list = m.value == 1 && m.kind != Kind::kNone && m.kind != Kind::kCnShi;
  return (m.kind == Kind::kCnShi && m.value == inline_value + 1) || first_of_list;
}

// Closing quotes and brackets after a sentence's end belong to the sentence they close.
std::size_t past_closers(std::string_view t, std::size_t after, std::size_t end) {
  while (after < end) {
    if (at(t, after, "”") || at(t, after, "’") || at(t, after, "」") || at(t, after, "』"))
      after += 3;
    else if (t[after] == ')' || t[after] == '"')
      after += 1;
    else
      break;
  }
  return after;
}

// A sentence [s, k) too long for a quote: cut after the last comma, space or 、 in the second
// half of the window, else at a character boundary.
std::size_t long_sentence_cut(std::string_view t, std::size_t s, std::size_t k) {
  std::size_t cut = 0;
  for (std::size_t q = k; q > s + limits::kMaxSentenceBytes / 2; --q) {
    if (t[q - 1] == ',' || t[q - 1] == ' ' || (q >= s + 3 && at(t, q - 3, "、"))) {
      cut = q;
      break;
    }
  }
  if (!cut) cut = utf8_floor(t, k);
  return cut <= s ? k : cut;
}

struct Line {
  std::uint32_t b = 0, e = 0;       // trimmed content in text
  std::uint32_t original_line = 0;  // 1-based line of the original where it starts
  bool boilerplate = false;
  bool blank = false;
};

class Builder {
 public:
  Builder(Document& doc, int report_year, const std::vector<std::uint32_t>& boilerplate_lines,
          std::uint32_t header_end_line)
      : doc_(doc), text_(doc.text), year_(report_year), header_end_(header_end_line) {
    split_lines(boilerplate_lines);
  }

  void run() {
    doc_.sentences.clear();
    doc_.paragraphs.clear();
    doc_.sections.clear();
    Section root;
    root.span = {0, static_cast<std::uint32_t>(text_.size())};
    root.role = Role::kAchievements;
    doc_.sections.push_back(root);
    info_.push_back({Kind::kNone, 0, false});
    stack_.push_back(0);
    classify_regions();
    for (std::uint32_t li = 0; li < lines_.size(); ++li) paragraph(li);
    close_to(1, static_cast<std::uint32_t>(text_.size()));
  }

 private:
  struct SectionInfo {
    Kind kind;
    int value;
    bool inline_item;
    bool part_heading = false;  // implicit: opened by a part's heading without its number
  };

  void split_lines(const std::vector<std::uint32_t>& boilerplate_lines) {
    std::size_t start = 0;
    std::size_t next_boiler = 0;
    for (std::uint32_t li = 0;; ++li) {
      std::size_t end = text_.find('\n', start);
      if (end == std::string::npos) end = text_.size();
      Line line;
      std::size_t b = start, e = end;
      while (b < e && space(text_[b])) ++b;
      while (e > b && space(text_[e - 1])) --e;
      line.b = static_cast<std::uint32_t>(b);
      line.e = static_cast<std::uint32_t>(e);
      line.blank = b == e;
      while (next_boiler < boilerplate_lines.size() && boilerplate_lines[next_boiler] < li)
        ++next_boiler;
      line.boilerplate =
          next_boiler < boilerplate_lines.size() && boilerplate_lines[next_boiler] == li;
      // Reflow may have joined lines: the original line is found through the offset map.
      line.original_line = doc_.line_col(doc_.to_original(static_cast<std::uint32_t>(b))).line;
      lines_.push_back(line);
      if (end >= text_.size()) break;
      start = end + 1;
    }
  }

  std::string_view content(const Line& l) const {
    return std::string_view(text_).substr(l.b, l.e - l.b);
  }

  // The end of a title region starting at line `from`: short lines without 。 (title, doc
  // number, addressee) and the short lines above a title.
  std::uint32_t title_region_end(std::uint32_t from) const {
    for (; from < lines_.size(); ++from) {
      const Line& l = lines_[from];
      if (l.blank || l.boilerplate) continue;
      if (!is_title_line(content(l)) && !above_title(from)) break;
    }
    return from;
  }

  void classify_regions() {
    // A crawler header (标题: …, 发布时间: …) comes first and is part of the title region.
    title_end_ = title_region_end(
        std::min<std::uint32_t>(header_end_, static_cast<std::uint32_t>(lines_.size())));
    attachments_begin_ = attachments_after_signature();
    if (cover_letter(attachments_begin_)) {
      // The report is the attachment: the letter sending it (关于报送《…报告》的报告 … 特此报告。)
      // is read as the head of the document, and the attachment (after its 附件 line) as its text.
      title_end_ = title_region_end(attachments_begin_ + 1);
      attachments_begin_ = attachments_after_signature();
    }
    // Signature region: trailing 特此报告, unit name and date lines (before any attachment).
    signature_begin_ = attachments_begin_;
    for (std::uint32_t k = attachments_begin_; k-- > title_end_;) {
      const Line& l = lines_[k];
      if (l.blank || l.boilerplate) continue;
      if (!is_signature_line(content(l)) && !copied_to_list(k) && !attachment_note(k)) break;
      signature_begin_ = k;
    }
    std::size_t body = 0;
    first_heading_ = static_cast<std::uint32_t>(lines_.size());
    for (std::uint32_t k = title_end_; k < signature_begin_; ++k) {
      const Line& l = lines_[k];
      if (l.blank || l.boilerplate) continue;
      ++body;
      if (first_heading_ == lines_.size() && parse_marker(text_, l.b).kind != Kind::kNone)
        first_heading_ = k;
    }
    one_line_ = body <= kOneLineBodyParagraphs;
  }

  // Is line k a short unpunctuated line of the head above the title ("附件1", "内部资料"): the
  // title follows within two lines?
  bool above_title(std::uint32_t k) const {
    for (std::uint32_t j = k, seen = 0; j < lines_.size() && seen < 3; ++j) {
      const Line& l = lines_[j];
      if (l.blank || l.boilerplate) continue;
      const std::string_view c = content(l);
      if (parse_marker(c, 0).kind != Kind::kNone) return false;  // a heading: the body
      if (title_like(c)) return seen > 0;
      if (++seen == 3 || c.size() > 30 * 3 || contains_any(c, {"。", ",", ";"})) return false;
    }
    return false;
  }

  // The line where attachments begin: a line starting with 附件 (附件：…统计表, 附件1) right
  // below a signature line (a date, a unit name, 特此报告); lines_.size() when there is none.
  // A "附件:" line is set aside as web furniture, so its original text is read.
  std::uint32_t attachments_after_signature() const {
    const auto n = static_cast<std::uint32_t>(lines_.size());
    std::uint32_t previous = n;  // the last non-blank line seen
    for (std::uint32_t k = title_end_; k < n; ++k) {
      const Line& l = lines_[k];
      if (l.blank && !l.boilerplate) continue;
      if (starts_attachment(l) && previous < n && !lines_[previous].boilerplate &&
          ((is_signature_line(content(lines_[previous])) && !note_above_signature(k)) ||
           table_to_the_end(k)))
        return k;
      previous = k;
    }
    return n;
  }

  // Is the attachment starting at line k the report itself, sent with a short letter: a title
  // naming a report among its first four lines (附件:某局2023年度法治政府建设情况报告), a text
  // longer than the letter above it, itself short (a few sentences: 根据…要求，我局拟就了《…》，
  // 现予报送。特此报告。), and no table?
  bool cover_letter(std::uint32_t k) const {
    const auto n = static_cast<std::uint32_t>(lines_.size());
    if (k >= n || table_to_the_end(k)) return false;
    std::size_t letter = 0, attached = 0, lines = 0;
    bool titled = false;
    for (std::uint32_t j = title_end_; j < n; ++j) {
      const Line& l = lines_[j];
      if (l.blank || l.boilerplate) continue;
      const std::string_view c = content(l);
      if (j < k) {
        letter += c.size();
        continue;
      }
      if (++lines <= 4 && title_like(c) && contains_any(c, {"报告", "情况", "总结"})) titled = true;
      if (j > k) attached += c.size();
    }
    return titled && lines >= 5 && letter <= kMaxCoverLetterBytes && attached >= letter;
  }

  // Is everything after line k a table's rows (cells split by tabs), to the end of the text —
  // a statistics table attached to a report that has no signature?
  bool table_to_the_end(std::uint32_t k) const {
    std::size_t rows = 0;
    for (std::uint32_t j = k + 1; j < lines_.size(); ++j) {
      const Line& l = lines_[j];
      if (l.blank) continue;
      if (l.boilerplate || content(l).find('\t') == std::string_view::npos) return false;
      ++rows;
    }
    return rows > 0;
  }

  bool starts_attachment(const Line& l) const {
    if (!l.boilerplate) return at(content(l), 0, "附件");
    const std::size_t start = doc_.line_starts_[l.original_line - 1];
    return at(std::string_view(doc_.original).substr(start, 64), 0, "附件");
  }

  // Is line k the list of a "抄送:" line just above it (the colophon's copy-to units)?
  bool copied_to_list(std::uint32_t k) const {
    for (std::uint32_t j = k, seen = 0; j-- > 0 && seen < 2;) {
      if (lines_[j].blank || lines_[j].boilerplate) continue;
      ++seen;
      const std::string_view above = content(lines_[j]);
      if (at(above, 0, "抄送") || at(above, 0, "抄报")) return above.size() <= 400;
    }
    return false;
  }

  // Is the 附件 line k an attachment note (附件说明) above the signature: numbered names under
  // it ("2.…目录"), then only signature lines (unit, date, colophon) to the end — as 特此报告。 /
  // 附件：1.… / 2.… / 某某局 / 2023年12月20日 is laid out?
  bool note_above_signature(std::uint32_t k) const {
    bool items = true, signed_below = false;
    for (std::uint32_t j = k + 1; j < lines_.size(); ++j) {
      const Line& l = lines_[j];
      if (l.blank) continue;
      const std::string_view c = content(l);
      if (items && !l.boilerplate && attachment_item(c) && !is_date_line(c)) continue;
      items = false;
      if (l.boilerplate || !(is_signature_line(c) || copied_to_list(j))) return false;
      signed_below = true;
    }
    return signed_below;
  }

  // Is line k in the attachment note (附件说明) between the body and the signature: the line
  // "附件：1.…统计表" or a numbered name under it ("2.…目录"), short and without 。?
  bool attachment_note(std::uint32_t k) const {
    for (std::uint32_t j = k + 1; j-- > title_end_;) {
      const Line& l = lines_[j];
      if (starts_attachment(l)) return true;
      if (l.blank) continue;
      const std::string_view c = content(l);
      if (l.boilerplate || !attachment_item(c)) return false;
    }
    return false;
  }

  // Is the open top-level section a part headed without its number ("存在的主要问题")?
  bool in_unnumbered_part() const {
    return stack_.size() >= 2 && info_[static_cast<std::size_t>(stack_[1])].part_heading;
  }

  // A numbered name of an attachment note ("2.…目录"): short, without 。.
  static bool attachment_item(std::string_view c) {
    return c.size() <= 120 && !contains(c, "。") && parse_marker(c, 0).kind != Kind::kNone;
  }

  Role current_role() const { return doc_.sections[static_cast<std::size_t>(stack_.back())].role; }

  // Closes open sections until the stack has `keep` entries; they end at `end`.
  void close_to(std::size_t keep, std::uint32_t end) {
    while (stack_.size() > keep) {
      doc_.sections[static_cast<std::size_t>(stack_.back())].span.end = end;
      stack_.pop_back();
    }
  }

  int open_section(Kind kind, int value, std::string marker, std::string_view title,
                   std::uint32_t begin, std::uint32_t line, Role role, bool inline_item) {
    Section s;
    s.parent = stack_.back();
    s.depth = doc_.sections[static_cast<std::size_t>(s.parent)].depth + 1;
    s.marker = std::move(marker);
    s.title = std::string(cut_utf8(title, kMaxTitleBytes));
    while (!s.title.empty() && space(s.title.back())) s.title.pop_back();
    s.role = role;
    s.span = {begin, begin};
    s.line = line;
    doc_.sections.push_back(std::move(s));
    info_.push_back({kind, value, inline_item});
    const int index = static_cast<int>(doc_.sections.size() - 1);
    stack_.push_back(index);
    return index;
  }

  Role child_role(Role parent, std::optional<Role> own) const {
    if (parent == Role::kShortcomings || parent == Role::kPlans || parent == Role::kOther)
      return parent;
    if (own) return *own;
    return parent == Role::kLeadership ? Role::kLeadership : Role::kAchievements;
  }

  // Places a heading on the stack (see the file comment) and opens its section.
  void heading(const Marker& m, std::uint32_t begin, std::uint32_t line_end, std::uint32_t line) {
    const std::string_view rest =
        std::string_view(text_).substr(begin + m.len, line_end - begin - m.len);
    std::string_view title = rest.substr(0, first_sentence_end(rest));
    if (title.size() >= 3 && title.substr(title.size() - 3) == "。")
      title.remove_suffix(3);
    else if (!title.empty() && (title.back() == ';' || title.back() == '!' || title.back() == '?'))
      title.remove_suffix(1);
    while (!title.empty() && space(title.front())) title.remove_prefix(1);

    if (chapter_kind_ != Kind::kNone && m.kind == chapter_kind_) {
      // Under a part's heading without its number ("存在的主要问题" over (一)(二)…, when the
      // achievements' sections were numbered (一)(二) too), the part's sections stay in it.
      close_to(in_unnumbered_part() ? 2 : 1, begin);
    } else {
      std::size_t j = stack_.size();
      for (std::size_t k = stack_.size(); k-- > 1;)
        if (info_[static_cast<std::size_t>(stack_[k])].kind == m.kind) {
          j = k;
          break;
        }
      if (j == stack_.size() && is_dun(m.kind)) {
        for (std::size_t k = stack_.size(); k-- > 1;) {
          const SectionInfo& si = info_[static_cast<std::size_t>(stack_[k])];
          if (is_dun(si.kind) && si.value + 1 == m.value) {
            j = k;
            if (k == 1) chapter_kind_ = m.kind;
            break;
          }
        }
      }
      if (j < stack_.size())
        close_to(j, begin);
      else if (stack_.size() > kMaxSectionDepth)
        close_to(stack_.size() - 1, begin);
    }
    const Role parent = current_role();
    const Role role = child_role(parent, heading_signal(title, year_));
    open_section(m.kind, m.value, marker_text(text_, begin, m), title, begin, line, role, false);
    heading_kind_ = m.kind;
    heading_value_ = m.value;
    if (stack_.size() == 2 && chapter_kind_ == Kind::kNone) chapter_kind_ = m.kind;
  }

  void implicit_section(Role role, std::string_view opening, std::uint32_t begin,
                        std::uint32_t line) {
    // A part opened inside a part headed without a number goes on in its place.
    const bool in_part = in_unnumbered_part();
    close_to(1, begin);
    std::string_view title = opening.substr(0, first_sentence_end(opening));
    open_section(Kind::kImplicit, 0, "", cut_utf8(title, 120), begin, line, role, false);
    info_.back().part_heading = in_part;
  }

  void paragraph(std::uint32_t li) {
    const Line& l = lines_[li];
    const std::uint32_t line_no = l.original_line;
    if (l.blank && !l.boilerplate) return;
    Paragraph p;
    p.span = {l.b, l.e};
    p.first_sentence = static_cast<std::uint32_t>(doc_.sentences.size());
    const auto pi = static_cast<std::uint32_t>(doc_.paragraphs.size());
    if (l.boilerplate) {
      if (li >= signature_begin_) close_to(1, l.b);
      p.section = static_cast<std::uint32_t>(stack_.back());
      doc_.sentences.push_back({p.span, pi, p.section, Role::kBoilerplate});
      p.sentence_count = 1;
      doc_.paragraphs.push_back(p);
      return;
    }
    const std::string_view body = content(l);
    Role role;
    Marker m = parse_marker(text_, l.b);
    bool is_heading = false;
    if (li < title_end_) {
      role = Role::kTitle;
    } else if (li >= attachments_begin_) {
      // Attachments (statistics tables, lists) are not the report's parts.
      if (!attachments_open_) {
        implicit_section(Role::kOther, body, l.b, line_no);
        attachments_open_ = true;
      }
      role = Role::kOther;
    } else if (li >= signature_begin_) {
      close_to(1, l.b);  // the signature belongs to no chapter
      role = Role::kSignature;
    } else if (m.kind != Kind::kNone && m.len < body.size()) {
      heading(m, l.b, l.e, line_no);
      role = current_role();
      is_heading = true;
    } else if (li < first_heading_ && (first_heading_ < lines_.size() || !seen_body_) &&
               !preamble_closed_) {
      role = Role::kPreamble;
    } else {
      const Role here = current_role();
      std::optional<Role> opened;
      // A part's heading without its number ("存在的主要问题", "2022年工作安排").
      const std::optional<Role> heading =
          part_heading_line(body) ? heading_signal(body, year_) : std::nullopt;
      if (heading && heading != here)
        opened = heading;
      else if (here != Role::kShortcomings && shortcomings_opening(body))
        opened = Role::kShortcomings;
      else if (here != Role::kPlans && plans_opening(body, year_))
        opened = Role::kPlans;
      if (opened && !heading && here == Role::kAchievements && stack_.size() > 2 &&
          numbering_continues_after(li)) {
        // "下一步，将…" closing a section whose numbering goes on ((一)…(二)…): an aside of
        // this paragraph, not the start of the report's plans.
        role = *opened;
      } else {
        if (opened) {
          implicit_section(*opened, body, l.b, line_no);
          if (heading) info_.back().part_heading = true;
        }
        role = current_role();
      }
    }
    if (li >= title_end_ && li < signature_begin_) seen_body_ = true;
    p.section = static_cast<std::uint32_t>(stack_.back());
    doc_.paragraphs.push_back(p);
    sentences(pi, l, role, is_heading, line_no);
    // Inline 一是/二是 items end with their paragraph.
    while (stack_.size() > 1 && info_[static_cast<std::size_t>(stack_.back())].inline_item)
      close_to(stack_.size() - 1, l.e);
    Paragraph& done = doc_.paragraphs.back();  // the line's last (one-line pages: split)
    done.sentence_count = static_cast<std::uint32_t>(doc_.sentences.size()) - done.first_sentence;
  }

  // Is line l the body's last line: right above the signature region, or the text's last line
  // when there is none ("…感染力。平潭综合实验区苏平片区管理局2023年12月21日": a signature
  // run on after the last sentence, as a PDF's text or a crawl without spaces gives it)?
  bool right_above_signature(const Line& l) const {
    auto next = static_cast<std::uint32_t>(&l - lines_.data()) + 1;
    while (next < signature_begin_ && (lines_[next].blank || lines_[next].boilerplate)) ++next;
    return next == signature_begin_;
  }

  // On a one-line page, does the sentence `st` (not its line's first) begin a paragraph: a
  // section opened since the last sentence, or a numbering marker at its start?
  bool starts_own_paragraph(std::string_view st) const {
    return one_line_ && doc_.sentences.back().role != Role::kPreamble &&
           (doc_.sentences.back().section != static_cast<std::uint32_t>(stack_.back()) ||
            parse_marker(st, 0).kind != Kind::kNone);
  }

  // Ends paragraph `para` at text offset `at` and opens the next one there, in the innermost
  // open section, up to `end`. Returns the new paragraph's index.
  std::uint32_t split_paragraph(std::uint32_t para, std::uint32_t at, std::uint32_t end) {
    Paragraph& cur = doc_.paragraphs[para];
    cur.span.end = at;
    cur.sentence_count = static_cast<std::uint32_t>(doc_.sentences.size()) - cur.first_sentence;
    Paragraph next;
    next.span = {at, end};
    next.first_sentence = static_cast<std::uint32_t>(doc_.sentences.size());
    next.section = static_cast<std::uint32_t>(stack_.back());
    doc_.paragraphs.push_back(next);
    return static_cast<std::uint32_t>(doc_.paragraphs.size() - 1);
  }

  // Does the next numbered heading after line li continue an open section's numbering (same
  // kind, next value)? Then the report goes on with the same part.
  bool numbering_continues_after(std::uint32_t li) const {
    for (std::uint32_t k = li + 1; k < lines_.size() && k < signature_begin_; ++k) {
      const Line& l = lines_[k];
      if (l.blank || l.boilerplate) continue;
      const Marker m = parse_marker(text_, l.b);
      if (m.kind == Kind::kNone || m.kind == Kind::kCnShi) continue;
      for (std::size_t j = 1; j < stack_.size(); ++j) {
        const SectionInfo& si = info_[static_cast<std::size_t>(stack_[j])];
        if (si.kind == m.kind && si.value + 1 == m.value) return true;
      }
      return false;
    }
    return false;
  }

  // The part a sentence (not the paragraph's first) belongs to, opening an implicit part when it
  // starts one. One-line reports change parts sentence by sentence (a run-in heading, 特此报告, a
  // shortcomings or plans opener, the next chapter after a 下一步 sentence); elsewhere only a
  // plans opener inside a shortcomings paragraph does.
  Role switch_part(std::string_view st, std::uint32_t b, std::uint32_t line_no, Role role) {
    if (one_line_ && role != Role::kTitle && role != Role::kSignature) {
      // One-line report: the parts change inside the paragraph, sentence by sentence.
      const Role here = current_role();
      // A heading run into the text: "五、法治政府建设工作存在的不足一年来,…".
      std::optional<Role> heading_role;
      if (const Marker m = parse_marker(st, 0); m.kind == Kind::kCnDun || m.kind == Kind::kCnParen)
        heading_role = heading_signal(cut_utf8(st.substr(m.len), 90), year_);
      if (heading_role == Role::kLeadership || heading_role == Role::kOther) heading_role.reset();
      const Marker chapter = parse_marker(st, 0);
      if (heading_role && *heading_role != here) {
        implicit_section(*heading_role, st, b, line_no);
        role = *heading_role;
        part_from_sentence_ = false;
      } else if (!heading_role && part_from_sentence_ && chapter.kind == Kind::kCnDun &&
                 chapter.value >= 2 && (here == Role::kPlans || here == Role::kShortcomings)) {
        // "…下一步，将…。三、加强…": a 下一步 sentence ended its chapter, not the
        // achievements; the next chapter returns to them.
        implicit_section(Role::kAchievements, st, b, line_no);
        role = Role::kAchievements;
        part_from_sentence_ = false;
      } else if (at(st, 0, "特此报告") || at(st, 0, "专此报告") || joined_signature_block(st) ||
                 // (a block ends in 日, 号 or 印发: the footer is looked for only then)
                 ((contains(st, "日") || contains(st, "号") || contains(st, "印发")) &&
                  joined_signature_block(before_page_footer(st)))) {
        implicit_section(Role::kSignature, st, b, line_no);
        role = Role::kSignature;
      } else if (here != Role::kShortcomings && shortcomings_opening(st)) {
        implicit_section(Role::kShortcomings, st, b, line_no);
        role = Role::kShortcomings;
        part_from_sentence_ = true;
      } else if (here != Role::kPlans && plans_opening(st, year_)) {
        implicit_section(Role::kPlans, st, b, line_no);
        role = Role::kPlans;
        part_from_sentence_ = true;
      }
    } else if (!one_line_ && role == Role::kShortcomings && plans_opening(st, year_)) {
      // "…存在…不足。2023年，我局将…": the plans start inside the shortcomings paragraph.
      implicit_section(Role::kPlans, st, b, line_no);
      role = Role::kPlans;
    } else if (!one_line_ && role == Role::kAchievements && plans_aside(st, year_)) {
      // "…全年开展执法检查12次。下一步，我局将研究出台…。": an intention closing a paragraph of
      // the year's work is a plan (the rubric: plans are not evidence); the paragraphs after it
      // are still the year's work.
      role = Role::kPlans;
    }
    return role;
  }

  // Splits [l.b, l.e) into sentences; opens inline 一是 items; in one-line mode switches roles.
  void sentences(std::uint32_t pi, const Line& l, Role role, bool is_heading,
                 std::uint32_t line_no) {
    const std::string_view t = text_;
    std::size_t s = l.b;
    std::size_t k = l.b;
    const std::size_t end = l.e;
    // After a line-start 一是, an inline 二是 in the same line is its sibling.
    int inline_value = is_heading && heading_kind_ == Kind::kCnShi ? heading_value_ : 0;
    // The preamble may end inside its paragraph: "…现将有关情况报告如下：一、…" runs on (one-line
    // pages, and hard-wrapped ones whose lines reflow into one paragraph).
    bool preamble_open = role == Role::kPreamble;
    std::size_t sentence_no = 0;
    const bool last_body_line = right_above_signature(l);

    // A one-line page's line holds the whole report: its paragraph is split where a section
    // opens (an inline item, a part) and where a sentence starts with a numbering marker (a
    // run-in heading: "(二)…", "3.…"), so a paragraph never spans two sections and paragraph
    // windows are about as wide as on the page with line breaks.
    std::uint32_t para = pi;
    auto emit = [&](std::size_t b, std::size_t e) {
      while (b < e && space(t[b])) ++b;
      while (e > b && space(t[e - 1])) --e;
      if (b >= e) return;
      const std::string_view st = t.substr(b, e - b);
      if (preamble_open && sentence_no > 0) {
        // "…现将有关情况报告如下：一、…": the preamble ends at the first chapter marker.
        const Marker m = parse_marker(st, 0);
        if (m.value == 1 &&
            (m.kind == Kind::kCnDun || m.kind == Kind::kCnParen || m.kind == Kind::kArDun)) {
          preamble_open = false;
          role = Role::kAchievements;
        }
      }
      if (sentence_no > 0) role = switch_part(st, static_cast<std::uint32_t>(b), line_no, role);
      if (sentence_no > 0 && e == end && last_body_line && role != Role::kSignature &&
          is_signature_line(st)) {
        // "…感染力。 平潭综合实验区苏平片区管理局" above a date line: the name signs.
        close_to(1, static_cast<std::uint32_t>(b));
        role = Role::kSignature;
      }
      if (sentence_no > 0 && starts_own_paragraph(st))
        para = split_paragraph(para, static_cast<std::uint32_t>(b), l.e);
      doc_.sentences.push_back({{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)},
                                para,
                                static_cast<std::uint32_t>(stack_.back()),
                                role});
      ++sentence_no;
      // A one-line preamble ends with "现将…报告如下" (or after a few sentences).
      if (preamble_open &&
          (contains(st, "如下") || (one_line_ && sentence_no >= kOneLinePreambleSentences))) {
        preamble_open = false;
        preamble_closed_ = true;  // the next paragraphs are the body, heading or not
        role = Role::kAchievements;
      }
    };
    // An inline item (一是, 二是 …) starting at position b of this paragraph?
    auto inline_item = [&](std::size_t b) {
      while (b < end && space(t[b])) ++b;
      if (b >= end) return;
      const Marker m = parse_marker(t, b);
      if (m.kind != Kind::kCnShi || m.value != inline_value + 1) return;
      if (b == l.b && !one_line_) return;  // a line-start item is a heading, handled already
      // Close the previous item (inline, or the line's own 一是 heading).
      if (inline_value > 0) {
        for (std::size_t q = stack_.size(); q-- > 1;) {
          const SectionInfo& si = info_[static_cast<std::size_t>(stack_[q])];
          if (si.kind == Kind::kCnShi) {
            close_to(q, static_cast<std::uint32_t>(b));
            break;
          }
        }
      }
      inline_value = m.value;
      const std::string_view rest = t.substr(b + m.len, end - b - m.len);
      std::string_view title = rest.substr(0, first_sentence_end(rest));
      if (title.size() >= 3 && title.substr(title.size() - 3) == "。") title.remove_suffix(3);
      open_section(Kind::kCnShi, m.value, marker_text(t, b, m), title,
                   static_cast<std::uint32_t>(b), line_no, current_role(), true);
    };

    // Emits the sentence [s, e); on a one-line page a heading run into its first item first
    // (markers.h, run_in_item), so that the item opens its own sentence.
    auto emit_cut = [&](std::size_t e) {
      if (const std::size_t item = one_line_ ? run_in_item(t, s, e) : 0) {
        emit(s, item);
        s = item;
        inline_item(s);
      }
      emit(s, e);
    };

    if (one_line_ && !is_heading) inline_item(l.b);
    while (k < end) {
      // Skip characters that cannot end a sentence, a whole CJK character at a time.
      {
        const std::size_t cap = std::min(end, s + limits::kMaxSentenceBytes);
        while (k < cap) {
          const auto b = static_cast<unsigned char>(t[k]);
          if (b >= 0xE4 && b <= 0xEF)
            k += 3;  // no terminator starts with these lead bytes
          else if (kBoring[b])
            ++k;
          else
            break;
        }
        if (k > end) k = end;
        if (k >= end) break;
      }
      const auto c = static_cast<unsigned char>(t[k]);
      std::size_t after = 0;
      if (c == 0xE3 && period_at(t, k)) {
        after = k + 3;
      } else if (c == '!' || c == '?' || c == ';') {
        after = k + 1;
      } else if (c == '.') {
        const char prev = k > l.b ? t[k - 1] : ' ';
        const char next = k + 1 < end ? t[k + 1] : ' ';
        const bool prev_ok = !(prev >= '0' && prev <= '9') &&
                             !((prev | 0x20) >= 'a' && (prev | 0x20) <= 'z') && prev != '.';
        const bool next_ok = !(next >= '0' && next <= '9') && next != '.';
        if (prev_ok && next_ok) after = k + 1;
      } else if (c == ':' && colon_ends_sentence(t, k, end, inline_value)) {
        after = k + 1;
      }
      if (after) {
        after = past_closers(t, after, end);
        emit_cut(after);
        s = k = after;
        inline_item(s);
        continue;
      }
      if (k - s >= limits::kMaxSentenceBytes) {
        const std::size_t cut = long_sentence_cut(t, s, k);
        emit(s, cut);
        s = k = cut;
        continue;
      }
      ++k;
    }
    if (s < end) emit_cut(end);
  }

  Document& doc_;
  const std::string& text_;
  int year_;
  std::vector<Line> lines_;
  std::vector<SectionInfo> info_;  // parallel to doc_.sections
  std::vector<int> stack_;         // open sections, root first
  Kind chapter_kind_ = Kind::kNone;
  Kind heading_kind_ = Kind::kNone;  // marker of the last line-start heading
  int heading_value_ = 0;
  std::uint32_t header_end_ = 0;  // lines before it are a crawler header
  std::uint32_t title_end_ = 0, signature_begin_ = 0, first_heading_ = 0;
  std::uint32_t attachments_begin_ = 0;  // lines_.size() when the report has no attachment
  bool attachments_open_ = false;        // their section is open
  bool one_line_ = false;
  bool seen_body_ = false;
  bool preamble_closed_ = false;  // a preamble sentence said 如下 before any heading
  bool part_from_sentence_ =
      false;  // one-line mode: the open part began at a sentence, not a heading
};

}  // namespace

void build_outline(Document& doc, int report_year,
                   const std::vector<std::uint32_t>& boilerplate_lines,
                   std::uint32_t header_end_line) {
  Builder builder(doc, report_year, boilerplate_lines, header_end_line);
  builder.run();
}

}  // namespace indicheck::detail
