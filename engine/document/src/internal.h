// Private seams between the parts of the document stage: decode → normalize → outline →
// metadata. Nothing here is visible outside engine/document.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "indicheck/diagnostic.h"
#include "indicheck/document.h"
#include "indicheck/utf8.h"

namespace indicheck::detail {

// ---- decode.cpp -----------------------------------------------------------------------------

struct Decoded {
  std::string utf8;      // valid UTF-8, BOM removed
  std::string encoding;  // "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "GB18030", ...
};

// Decodes `bytes` (see document.h for the policy). On failure returns false after adding
// exactly one error to `diagnostics`; warnings (replaced bytes) may be added on success.
bool decode_bytes(std::string_view bytes, const std::string& path, const std::string& forced,
                  Decoded& out, std::vector<Diagnostic>& diagnostics);

// ---- normalize.cpp --------------------------------------------------------------------------

struct NormalizeStats {
  std::uint64_t traditional_chars = 0;  // code points the Traditional→Simplified map changed
  std::uint64_t han_bytes = 0;          // rough size of the CJK part (3-byte sequences)
};

// Fills doc.text, doc.offset_anchors_ and doc.line_starts_ from doc.original in one pass.
// `boilerplate_lines` receives the 0-based line numbers whose content was set aside.
void normalize_document(Document& doc, NormalizeStats& stats,
                        std::vector<std::uint32_t>& boilerplate_lines);

// True when a normalized line is web-page furniture (share buttons, 扫一扫, breadcrumbs...).
bool is_boilerplate_line(std::string_view normalized_line);
// A normalized line that is only a page number ("— 3 —", "第3页 共10页"): one of the above.
bool page_number_line(std::string_view normalized_line);
// The same asked of a line of the original (before normalization: full-width digits, indentation).
bool original_page_number_line(std::string_view original_line);
// Lines (0-based, as normalization counts them, sorted) of `original` that only their
// neighbours show to be page furniture (furniture_lines.cpp): a PDF's running head or foot (the
// same text next to two page numbers, or the title next to one), and a related-articles list
// (相关阅读 and the short lines after it).
std::vector<std::uint32_t> furniture_lines(std::string_view original);

// ---- header.cpp -----------------------------------------------------------------------------

// A crawler's "key: value" block at the top of the file (标题:, 发布时间:, 文号:, 发布机构:,
// 栏目:, 原始链接:, 正文:). Values are normalized text; `line` is the original line.
struct CrawlerHeader {
  std::uint32_t end_line = 0;  // text lines [0, end_line) are the header; 0 = no header
  Located title;               // 标题
  Located published;           // 发布时间, as an ISO date
  Located doc_number;          // 文号 (only when filled in)
  Located publisher;           // 发布机构 / 来源: a last-resort unit candidate
};

// `source` names where the block came from in each Located: "header" for a crawler's text
// file, "page" for the publisher metadata engine/formats found in a web page or file.
CrawlerHeader read_crawler_header(const Document& doc, const char* source = "header");

// ---- reflow.cpp -----------------------------------------------------------------------------

// Joins the lines of hard-wrapped pages back into paragraphs ("一是\n加强…", "开展\n行政执法\n
// 案卷评查。", "2023\n年"): the '\n' between them is deleted from doc.text, the offset map keeps
// every quote pointing at the original. Lines before `first_body_line` (the crawler header) are
// left alone. `boilerplate_lines` (text line numbers) are renumbered to the new lines.
void reflow_lines(Document& doc, std::uint32_t first_body_line,
                  std::vector<std::uint32_t>& boilerplate_lines);

// ---- outline.cpp ----------------------------------------------------------------------------

// Builds sentences, paragraphs, sections and roles. `report_year` (0 = unknown) lets a
// paragraph opening with the next year start the plans part.
// Lines before `header_end_line` are a crawler header (title role).
void build_outline(Document& doc, int report_year,
                   const std::vector<std::uint32_t>& boilerplate_lines,
                   std::uint32_t header_end_line);

// ---- metadata.cpp ---------------------------------------------------------------------------

// Year reported on, before the outline exists: the title (crawler header first), the preamble's
// opening, a plans heading naming the next year, the body's most frequent "YYYY年以来/年度",
// the header's publication date (Q4: same year, else the year before).
void infer_year(Document& doc, const CrawlerHeader& header);
// Unit, level, province, published date, document number (needs the outline's roles).
void infer_metadata(Document& doc, const CrawlerHeader& header);

// ---- shared helpers -------------------------------------------------------------------------

// Where `what` first occurs in s at or after `from`, or npos. The heading, part and furniture
// tests ask this dozens of times per line, for Chinese words. string_view::find stops at every
// occurrence of the needle's first byte, and a Chinese character's lead byte (0xE4-0xE9) is a
// third of all bytes; glibc's memmem clears a 256-byte table on every call. This looks for the
// needle's last byte instead (a continuation byte: 64 values, rarely repeated) and compares
// the rest only there.
inline std::size_t find_text(std::string_view s, std::string_view what, std::size_t from = 0) {
  const std::size_t n = what.size();
  if (from > s.size()) return std::string_view::npos;
  if (n == 0) return from;
  if (s.size() - from < n) return std::string_view::npos;
  const char* const base = s.data();
  const char* const end = base + s.size();
  const char last = what[n - 1];
  for (const char* p = base + from + n - 1; p < end; ++p) {
    p = static_cast<const char*>(std::memchr(p, last, static_cast<std::size_t>(end - p)));
    if (!p) break;
    const char* start = p - (n - 1);
    if (n == 1 || std::memcmp(start, what.data(), n - 1) == 0)
      return static_cast<std::size_t>(start - base);
  }
  return std::string_view::npos;
}

inline bool contains(std::string_view s, std::string_view what) {
  return find_text(s, what) != std::string_view::npos;
}

// Moves back from `i` to the start of the UTF-8 character containing byte i.
inline std::size_t utf8_floor(std::string_view s, std::size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

}  // namespace indicheck::detail
