// Stage 1 of Indicheck: bytes of a report file → one normalized, structured Document.
//
// read_document() decodes the file (BOM, UTF-8, or detected GB18030/Big5, or a forced
// encoding), keeps the decoded text as `original`, and builds `text`, the form every later
// stage matches against: NFKC (full-width → half-width), Traditional → Simplified, zero-width
// and format characters removed, export artefacts ([bookmark: _GoBack]) and web boilerplate
// lines blanked. An offset map takes any byte offset of `text` back to `original`, so every
// quote, line and column an auditor sees points at the report as it was written.
//
// The outline splits `text` into sentences, paragraphs and a heading tree (一、 （一） 1、 1.
// （1） 一是…), and gives every sentence a Role: which part of the report it is in
// (achievements, shortcomings, plans, ...). Roles come from the text itself, never from the
// file name. Metadata (unit, level, year reported on, date, document number) is inferred the
// same way, each value with the line it was found on.
//
// A saved web page, a .docx or a PDF is first turned into text lines by engine/formats (picked
// by content, not extension); `original` is then that extracted text, so quotes, lines and
// columns point into what `indicheck parse --text` prints. The publisher metadata such files
// carry (a page's ArticleTitle, PubDate, 发布机构…) arrives as a "key: value" block at the top
// of the extracted text and is read like a crawler's header.
//
// This stage knows nothing about rules, scores or output formats.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indicheck/diagnostic.h"

namespace indicheck {

// Which part of a report a sentence belongs to. Only kAchievements (and kLeadership, which is
// the 第一责任人 part of the achievements) earn credit by default; the others are recorded.
enum class Role : std::uint8_t {
  kTitle,         // title, document number, addressee
  kPreamble,      // opening paragraph before the first chapter
  kAchievements,  // 主要举措和成效
  kLeadership,    // 党政主要负责人履行第一责任人职责 part
  kShortcomings,  // 存在的问题 / 不足 / 薄弱环节
  kPlans,         // 下一年度主要安排 / 2022年…将…
  kOther,         // 其他需要报告的情况
  kSignature,     // signature block, date, 特此报告
  kBoilerplate,   // web page furniture (掃一掃…, 附件下载), export artefacts
};
inline constexpr int kRoleCount = 9;

// "title", "preamble", "achievements", "leadership", "shortcomings", "plans", "other",
// "signature", "boilerplate".
std::string_view role_name(Role role);
std::optional<Role> role_from_name(std::string_view name);

// Byte range [begin, end) in Document::text (the normalized text).
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t size() const { return end - begin; }
};

struct Sentence {
  Span span;                    // includes its closing 。！？；if any
  std::uint32_t paragraph = 0;  // index into Document::paragraphs
  std::uint32_t section = 0;    // index into Document::sections (innermost)
  Role role = Role::kAchievements;
};

struct Paragraph {
  Span span;
  std::uint32_t first_sentence = 0;
  std::uint32_t sentence_count = 0;
  std::uint32_t section = 0;  // innermost section containing it
};

// A node of the heading tree. sections[0] is the root (the whole document, depth 0).
struct Section {
  int parent = -1;     // index into Document::sections; -1 for the root
  int depth = 0;       // 0 root, 1 chapter (一、), 2 section (（一）), 3 item (1.), ...
  std::string marker;  // numbering as normalized: "一、", "(一)", "1.", "(1)", "一是"
  std::string title;   // heading text after the marker, up to its first 。 (normalized)
  Role role = Role::kAchievements;  // role of the heading's own sentence
  Span span;                        // heading and everything under it
  std::uint32_t line = 0;           // original line (1-based) of the heading; 0 for the root
};

// A value inferred from the text and where it was found.
struct Located {
  std::string value;       // empty = not found
  std::uint32_t line = 0;  // original 1-based line; 0 if not from a line
  std::string source;      // "title", "first-lines", "body", "signature", "option"; or
                           // "manifest" (--manifest: `line` is then the manifest's line)
  bool found() const { return !value.empty(); }
};

struct Metadata {
  Located unit;   // 苏州市相城区 (Simplified, as normalized)
  Located level;  // "district" | "county" | "county-city" | "city" | "province" |
                  // "department" | "zone" (开发区/园区管委会) | "township" (镇/乡/街道);
                  // indicheck/levels.h lists them
  Located province;      // 江苏省, when the text says or implies it
  int year = 0;          // the year reported on (2021 for a report written in 2022); 0 = unknown
  Located year_found;    // the phrase the year came from
  Located published;     // ISO date "2024-03-27" or partial "2025" when the date is blank
  Located doc_number;    // 相政呈〔2022〕20号 (as normalized)
  std::string encoding;  // "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "GB18030", "Big5", ...
  std::string format = "text";  // what the file was: "text", "html", "docx", "pdf"
  bool traditional = false;     // the original was mostly Traditional script
};

struct LineCol {
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based, counted in Unicode code points
};

// Where a position of a paged source (PDF) was printed: line `line` of page `page` (1-based,
// header lines counted), and whether that page's text came from OCR. page = 0: not a PDF.
struct PagePlace {
  std::uint32_t page = 0;
  std::uint32_t line = 0;
  bool ocr = false;
};

class Document {
 public:
  std::string path;                // as given by the user
  std::string original;            // decoded original text, UTF-8, line breaks kept as in the file
  std::string text;                // normalized text that rules match against
  std::uint64_t source_bytes = 0;  // size of the input as read (file bytes, before decoding)

  std::vector<Sentence> sentences;
  std::vector<Paragraph> paragraphs;
  std::vector<Section> sections;  // sections[0] is the root
  Metadata meta;
  std::vector<Diagnostic> warnings;  // e.g. replaced invalid bytes

  // Offset map: a byte offset in `text` → byte offset in `original`. Offsets at the end of a
  // normalized character map to the end of the original character it came from.
  std::uint32_t to_original(std::uint32_t text_offset) const;
  // Line and column of a byte offset in `original`.
  LineCol line_col(std::uint32_t original_offset) const;
  // The original text behind a normalized span: what a quote shows.
  std::string_view original_text(Span span) const;
  // "一、… > (三) …" titles from the root down to `section`, for locations in reports.
  std::string section_path(std::uint32_t section) const;
  // The printed page and line of an original line:column (PDF); {0, 0, false} otherwise.
  PagePlace page_place(LineCol at) const;

  // Internal: filled by the reader. Runs of (text offset, original offset) at every point
  // where the two advance at different rates; see offset_map.cpp.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> offset_anchors_;
  std::vector<std::uint32_t> line_starts_;  // byte offset in `original` of each line
  // PDF: where each printed line starts (original line, column → page, printed line, OCR).
  struct PageAnchor {
    LineCol at;
    PagePlace place;
  };
  std::vector<PageAnchor> page_anchors_;
};

struct ReadOptions {
  std::string encoding;  // empty = detect; else an ICU converter name ("GB18030", "Big5", ...)
  bool ocr = false;      // recognize scanned PDF pages with Tesseract (--ocr)
};

// Reads, decodes, normalizes and outlines one report file. On failure returns nullopt and at
// least one error in `diagnostics`; warnings may be added either way. Never throws for bad input.
std::optional<Document> read_document(const std::string& path, const ReadOptions& options,
                                      std::vector<Diagnostic>& diagnostics);

// Same from bytes already in memory (tests, stdin, benchmarks); `path` is only for messages.
std::optional<Document> read_document_bytes(std::string_view bytes, const std::string& path,
                                            const ReadOptions& options,
                                            std::vector<Diagnostic>& diagnostics);

// Converts a whole small file (a review sheet, an AHP matrix saved as CSV) from `encoding` (an
// ICU converter name, e.g. "GB18030", the superset of GBK that Excel on Chinese Windows writes)
// to UTF-8, strictly: false at the first invalid or unassigned sequence. Reports go through
// read_document, which detects the encoding.
bool convert_strict(std::string_view bytes, const char* encoding, std::string& utf8);

// Normalizes a short string the way documents are normalized (rule terms use this so that
// Traditional or full-width terms match). Thread-safe.
std::string normalize_for_matching(std::string_view utf8);

}  // namespace indicheck
