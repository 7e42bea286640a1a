// Stage 0 of Indicheck: the bytes of a report file as an auditor received it (a saved web
// page, a Word file, a PDF) → the report's text as lines, before any decoding of plain text.
//
// extract() looks at the content, never the file name (magic bytes: %PDF, a zip holding
// word/, an OLE2 container, markup that opens like <html>), and hands back UTF-8 lines plus
// the publisher's metadata the file carries (a page's <meta name="ArticleTitle">, PubDate,
// ContentSource, its visible 索引号/发文字号/发布机构/成文日期/发布日期 table). Plain text is
// left alone: engine/document decodes it as before. What comes out of here is exactly the text
// that is scored; `indicheck parse --text` prints it.
//
// This stage knows nothing about sentences, outlines, rules or scores. Parser libraries
// (libxml2, libzip, poppler) are private to it: no type of theirs appears here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indicheck/diagnostic.h"

namespace indicheck::formats {

enum class Format {
  kText,         // plain text (any encoding): engine/document decodes the bytes itself
  kHtml,         // a web page, whatever its extension (.html, .shtml, a .txt that is HTML)
  kDocx,         // Office Open XML word processing (a zip with word/document.xml)
  kPdf,          // %PDF
  kLegacyWord,   // an OLE2 compound file: binary .doc / .wps (read by antiword)
  kOtherBinary,  // zip without word/, images, gzip: not a report (error[binary])
};

// "text", "html", "docx", "pdf", "doc", "binary".
std::string_view format_name(Format format);

// The format of `bytes`, by content only. Cheap: looks at the first few KiB (and, for a zip,
// its central directory).
Format detect_format(std::string_view bytes);

// One publisher field, named as the 政府信息公开 tables name them ("标题", "发布日期",
// "发布机构", "发文字号", "索引号", "成文日期"), and where it came from ("meta ArticleTitle",
// "page table", "docProps/core.xml", "PDF Info").
struct PublisherField {
  std::string name;
  std::string value;
  std::string source;
};

// Where a printed line of a paged source (PDF) begins in the extracted text: text line
// `line`, code point `column` (both 1-based, before any header block the document stage puts
// in front) is the start of line `page_line` of page `page` as printed (header lines count).
// `ocr`: the page had no text layer and its text was recognized by Tesseract (--ocr).
struct PageMark {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::uint32_t page = 0;
  std::uint32_t page_line = 0;
  bool ocr = false;
};

struct Extracted {
  Format format = Format::kText;
  // UTF-8 text, one line per block (paragraph, heading, list item, table row, PDF line).
  // Empty for kText: the caller decodes the bytes as plain text.
  std::string text;
  // The charset the bytes were in ("UTF-8", "GB18030 (declared gb2312)") for HTML; empty for
  // the binary formats (their text is Unicode inside).
  std::string encoding;
  std::vector<PublisherField> metadata;
  // PDF only: one mark per printed line, in text order; empty for the other formats (their
  // text lines are the file's paragraphs).
  std::vector<PageMark> page_marks;
};

struct ExtractOptions {
  // Recognize the text of PDF pages that have none (scans) with Tesseract (chi_sim) instead of
  // refusing the file with no-text-layer. Slow: seconds per page.
  bool ocr = false;
};

// Extracts the text of one file. Returns false after adding exactly one error (code and
// message documented in docs/errors.md: no-text-layer, encrypted, legacy-word, zip-too-large,
// docx-broken, html-no-text, wrong-charset, pdf-broken, binary, tool-missing,
// ocr-missing-language) to `diagnostics`; warnings
// (a page whose declared charset was wrong) may be added either way. Never throws for bad
// input. `path` is only for messages.
bool extract(std::string_view bytes, const std::string& path, Extracted& out,
             std::vector<Diagnostic>& diagnostics, const ExtractOptions& options = {});

}  // namespace indicheck::formats
