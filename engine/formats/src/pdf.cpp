// PDF → report text with poppler-cpp (Debian libpoppler-cpp-dev).
//
// poppler gives the words of a page in reading order (columns untangled), each with its box.
// From them we rebuild the printed lines, then undo what printing did to the text:
//   - page furniture: a line in the top or bottom band of the page that is a page number
//     ("- 3 -", "第3页 共9页", "3/9", "3") or that repeats, digits aside, on at least half of
//     the pages (a running header or footer), is dropped;
//   - hard wrapping: a line that reaches the right margin of the text continues on the next
//     line unless the next one is indented or set off by paragraph spacing (a new paragraph;
//     a line ending in 。 that fills the width is no sign: one-paragraph crawls are common) or,
//     after a sentence's end, opens with a heading's number (三、 （三） 3. 第三部分);
//     the two are joined without a space between Chinese characters (with one between Latin
//     words), so terms split by a line end ("行政执法\n案卷评查") are whole again.
// An image-only PDF (a scan) has no words: error[no-text-layer]. A PDF that needs a password to
// open: error[encrypted]. Password-free encryption (permissions only) is read normally.
#include <fmt/format.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "indicheck/limits.h"
#include "pdf_internal.h"

namespace indicheck::formats::detail {

namespace {

// Share of the page height, at top and bottom, where headers, footers and page numbers live.
constexpr double kFurnitureBand = 0.1;
// Fewer letters than this in the whole file: no text layer (a scan).
constexpr std::size_t kMinTextChars = 40;

// A page with fewer bytes of text than this has no text layer of its own (a scanned page; a
// page number stamped on a scan is a few bytes): with --ocr it is recognized.
constexpr std::size_t kMinPageTextBytes = 20;

std::uint32_t count_code_points(std::string_view s) {
  std::uint32_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string utf8_of(const poppler::ustring& u) {
  const poppler::byte_array bytes = u.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

bool wide_end(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  char32_t cp;
  next_code_point(s, i, cp);
  return is_wide(cp);
}

bool wide_start(std::string_view s) {
  if (s.empty()) return false;
  char32_t cp;
  next_code_point(s, 0, cp);
  return is_wide(cp);
}

// Ends a sentence: 。！？：；(full-width or ASCII).
bool ends_sentence(std::string_view s) {
  for (std::string_view end : {"。", "！", "？", "：", "；", "!", "?", ":", ";"})
    if (s.size() >= end.size() && s.substr(s.size() - end.size()) == end) return true;
  return false;
}

// Starts with a heading's numbering: 三、 (三) （三） 3、 3. 第三部分 第三章.
bool starts_heading_marker(std::string_view s) {
  constexpr std::u32string_view kNumerals = U"一二三四五六七八九十";
  std::size_t i = 0;
  char32_t cp = 0;
  auto next = [&] { return i < s.size() ? (i += next_code_point(s, i, cp), cp) : U'\0'; };
  char32_t c = next();
  const bool opened = c == U'（' || c == U'(';
  const bool chapter = c == U'第';
  if (opened || chapter) c = next();
  int numerals = 0, digits = 0;
  for (; kNumerals.find(c) != std::u32string_view::npos && numerals < 3; c = next()) ++numerals;
  if (!opened && !chapter && numerals == 0)
    for (; c >= U'0' && c <= U'9' && digits < 2; c = next()) ++digits;
  if (numerals + digits == 0) return false;
  if (opened) return c == U'）' || c == U')';
  if (chapter) return numerals > 0 && (c == U'章' || (c == U'部' && next() == U'分'));
  if (c == U'、') return true;
  if (digits > 0 && (c == U'.' || c == U'．')) {
    const char32_t after = next();
    return after != U'\0' && !(after >= U'0' && after <= U'9');
  }
  return false;
}

// Words in reading order → lines: a word starts a new line when it is not on the same
// baseline band as the previous word or lies to its left.
Page page_lines(poppler::page& page) {
  Page out;
  out.height = page.page_rect().height();
  const std::vector<poppler::text_box> words = page.text_list();
  Line cur;
  bool open = false, space_after = false;
  double last_right = 0;
  for (const poppler::text_box& w : words) {
    const poppler::rectf b = w.bbox();
    const std::string text = utf8_of(w.text());
    const double mid = b.y() + b.height() / 2;
    const bool same_line =
        open && mid > cur.top && mid < cur.bottom && b.x() >= cur.right - b.height() * 0.5;
    if (!same_line) {
      if (open) out.lines.push_back(std::move(cur));
      cur = Line{text, b.x(), b.x() + b.width(), b.y(), b.y() + b.height()};
      open = true;
    } else {
      // Between Latin words poppler's own space mark counts; between a Chinese character and
      // a number ("2022年", set in two fonts) only a visible gap does; between Chinese
      // characters never.
      const bool wide_a = wide_end(cur.text), wide_b = wide_start(text);
      const double gap = b.x() - last_right;
      if (!(wide_a && wide_b) && ((!wide_a && !wide_b) ? space_after : gap > 0.6 * b.height()))
        cur.text += ' ';
      cur.text += text;
      cur.right = std::max(cur.right, b.x() + b.width());
      cur.top = std::min(cur.top, b.y());
      cur.bottom = std::max(cur.bottom, b.y() + b.height());
    }
    space_after = w.has_space_after();
    last_right = b.x() + b.width();
  }
  if (open) out.lines.push_back(std::move(cur));
  return out;
}

// A line's text with digits masked: running headers and footers differ only in numbers.
std::string shape(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') {
      if (out.empty() || out.back() != '#') out += '#';
    } else if (c != ' ') {
      out += c;
    }
  return out;
}

bool page_number(std::string_view s) {
  std::string t;
  for (char c : s)
    if (c != ' ') t += c;
  for (std::string_view strip : {"-", "—", "－", "第", "页", "共", "/", "Page", "of", "·"}) {
    std::size_t at;
    while ((at = t.find(strip)) != std::string::npos) t.erase(at, strip.size());
  }
  return !t.empty() && t.size() <= 8 &&
         std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool in_band(const Line& l, const Page& p) {
  return l.bottom < p.height * kFurnitureBand || l.top > p.height * (1 - kFurnitureBand);
}

void drop_furniture(std::vector<Page>& pages) {
  std::map<std::string, int> repeats;
  for (const Page& p : pages)
    for (const Line& l : p.lines)
      if (in_band(l, p)) ++repeats[shape(l.text)];
  const int min_repeats = std::max(2, static_cast<int>(pages.size() + 1) / 2);
  for (Page& p : pages)
    std::erase_if(p.lines, [&](const Line& l) {
      return in_band(l, p) &&
             (page_number(l.text) || (pages.size() >= 2 && repeats[shape(l.text)] >= min_repeats));
    });
}

// The font size of the body text: Chinese is set one character per em, so the median advance
// of a character on lines of wide characters. The boxes' heights are no measure when there
// are such lines: they include the font's ascent and descent (2.6 em for Noto CJK, so an
// indentation of 2 em looked like none). Without such lines, `median_height`.
double em_of(const std::vector<const Line*>& lines, double median_height) {
  std::vector<double> advances;
  for (const Line* l : lines) {
    std::size_t chars = 0, wide = 0;
    for (std::size_t i = 0; i < l->text.size();) {
      char32_t cp = 0;
      const std::uint32_t n = next_code_point(l->text, i, cp);
      i += n ? n : 1;
      ++chars;
      wide += is_wide(cp);
    }
    if (chars >= 8 && wide * 10 >= chars * 9 && l->right > l->left)
      advances.push_back((l->right - l->left) / static_cast<double>(chars));
  }
  if (advances.size() < 3) return median_height;
  std::nth_element(advances.begin(), advances.begin() + advances.size() / 2, advances.end());
  return advances[advances.size() / 2];
}

// Joins hard-wrapped lines into paragraphs (see the file comment), and marks where each
// printed line starts in the joined text.
std::string join_lines(const std::vector<Page>& pages, std::vector<PageMark>& marks) {
  std::vector<const Line*> lines;
  std::vector<const Page*> page_of;
  for (const Page& p : pages)
    for (const Line& l : p.lines) {
      lines.push_back(&l);
      page_of.push_back(&p);
    }
  if (lines.empty()) return {};
  std::vector<double> rights, lefts, heights;
  for (const Line* l : lines) {
    rights.push_back(l->right);
    lefts.push_back(l->left);
    heights.push_back(l->bottom - l->top);
  }
  auto quantile = [](std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
  };
  const double margin_right = quantile(rights, 0.9), margin_left = quantile(lefts, 0.1);
  const double em = std::max(1.0, em_of(lines, quantile(heights, 0.5)));
  std::string out;
  std::uint32_t text_line = 1, column = 1;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& l = *lines[i];
    const std::string_view t = trim_space(l.text);
    marks.push_back({text_line, column, page_of[i]->number, l.number, page_of[i]->ocr});
    out.append(t);
    column += count_code_points(t);
    const bool last = i + 1 == lines.size();
    const bool full = l.right >= margin_right - 1.5 * em;
    const bool next_indented = !last && lines[i + 1]->left > margin_left + 1.2 * em;
    // Paragraph spacing: a gap above the next line (on the same page) wider than a line's.
    const bool next_spaced =
        !last && lines[i + 1]->top > l.bottom && lines[i + 1]->top - l.bottom > 0.8 * em;
    // A sentence's end and a heading's number at the next line's start: a new paragraph even
    // when indentation cannot tell (a page of one-line paragraphs is all indented).
    const bool next_heading =
        !last && ends_sentence(t) && starts_heading_marker(trim_space(lines[i + 1]->text));
    if (!last && full && !next_indented && !next_spaced && !next_heading) {
      if (!(wide_end(t) && wide_start(trim_space(lines[i + 1]->text)))) {
        out += ' ';
        ++column;
      }
      continue;
    }
    out += '\n';
    ++text_line;
    column = 1;
  }
  return out;
}

void quiet(const std::string&, void*) {}

// Every page's printed lines; with `ocr`, pages without a text layer are recognized by
// Tesseract. False after one error (OCR language data missing, too many pages to OCR).
bool read_pages(poppler::document& doc, const std::string& path, bool ocr, std::vector<Page>& pages,
                std::vector<Diagnostic>& diagnostics) {
  std::unique_ptr<PageOcr> engine;
  std::vector<std::uint32_t> recognized;
  for (int i = 0; i < doc.pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc.create_page(i));
    if (!page) continue;
    Page p = page_lines(*page);
    std::size_t bytes = 0;
    for (const Line& l : p.lines) bytes += l.text.size();
    if (ocr && bytes < kMinPageTextBytes) {
      if (!engine) {
        if (doc.pages() > limits::kMaxOcrPages) {
          diagnostics.push_back(make_error(
              path, "too-large",
              fmt::format("this scan has {} pages; --ocr reads at most {} pages of a file",
                          doc.pages(), limits::kMaxOcrPages)));
          return false;
        }
        engine = std::make_unique<PageOcr>();
        if (!engine->init(path, diagnostics)) return false;
      }
      p = engine->read(*page);
      recognized.push_back(static_cast<std::uint32_t>(i + 1));
    }
    p.number = static_cast<std::uint32_t>(i + 1);
    std::uint32_t n = 0;
    for (Line& l : p.lines) l.number = ++n;
    pages.push_back(std::move(p));
  }
  if (!recognized.empty()) {
    std::string list;
    for (std::uint32_t n : recognized) list += (list.empty() ? "" : ", ") + std::to_string(n);
    diagnostics.push_back(make_warning(
        path, "ocr",
        fmt::format("page{} {} had no text layer and {} read by OCR (Tesseract, chi_sim): check "
                    "quotes from {} (marked 来源：OCR) against the scan",
                    recognized.size() > 1 ? "s" : "", list, recognized.size() > 1 ? "were" : "was",
                    recognized.size() > 1 ? "them" : "it")));
  }
  return true;
}

}  // namespace

bool read_pdf(std::string_view bytes, const std::string& path, const ExtractOptions& options,
              Extracted& out, std::vector<Diagnostic>& diagnostics) {
  poppler::set_debug_error_function(quiet, nullptr);
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) {
    diagnostics.push_back(
        make_error(path, "pdf-broken", "poppler cannot open this PDF (damaged or not a PDF)"));
    return false;
  }
  if (doc->is_locked()) {
    diagnostics.push_back(make_error(path, "encrypted",
                                     "this PDF needs a password to open; ask the publisher for an "
                                     "unprotected copy or the text"));
    return false;
  }
  std::vector<Page> pages;
  if (!read_pages(*doc, path, options.ocr, pages, diagnostics)) return false;
  std::size_t chars = 0;
  for (const Page& p : pages)
    for (const Line& l : p.lines) chars += l.text.size();
  if (chars < kMinTextChars) {
    diagnostics.push_back(make_error(
        path, "no-text-layer",
        options.ocr
            ? fmt::format("this PDF has no text layer ({} pages) and OCR found no text in it",
                          doc->pages())
            : fmt::format("this PDF has no text layer ({} pages of images: a scan?); "
                          "Indicheck reads text, not images. Run again with --ocr to "
                          "recognize the text (slow, check the quotes), or ask for the text, "
                          ".docx or a PDF saved from the original document",
                          doc->pages())));
    return false;
  }
  drop_furniture(pages);
  out.text = join_lines(pages, out.page_marks);
  return true;
}

}  // namespace indicheck::formats::detail
