// Private seams of the format readers. Nothing here is visible outside engine/formats.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "indicheck/diagnostic.h"
#include "indicheck/formats.h"
#include "indicheck/formats/subprocess.h"
#include "indicheck/utf8.h"

namespace indicheck::formats::detail {

// ---- charset.cpp ----------------------------------------------------------------------------

// The charset a page declares (<meta charset>, http-equiv content="…; charset=…", an XML
// declaration's encoding=), lower-cased; empty when none is declared in the first 16 KiB.
std::string declared_charset(std::string_view bytes);

// Converts a page to UTF-8: the declared charset when the bytes are valid in it, else UTF-8,
// else GB18030 (a warning `charset-mismatch` names both). `encoding` gets what was used.
// Returns false after one error `wrong-charset` when no charset reads the bytes cleanly.
bool page_to_utf8(std::string_view bytes, const std::string& path, std::string& utf8,
                  std::string& encoding, std::vector<Diagnostic>& diagnostics);

// ---- html.cpp / html_meta.cpp -----------------------------------------------------------------

bool read_html(std::string_view bytes, const std::string& path, Extracted& out,
               std::vector<Diagnostic>& diagnostics);

// ---- docx.cpp -------------------------------------------------------------------------------

bool read_docx(std::string_view bytes, const std::string& path, Extracted& out,
               std::vector<Diagnostic>& diagnostics);

// ---- pdf.cpp --------------------------------------------------------------------------------

bool read_pdf(std::string_view bytes, const std::string& path, const ExtractOptions& options,
              Extracted& out, std::vector<Diagnostic>& diagnostics);

// ---- legacy_doc.cpp / subprocess.cpp ----------------------------------------------------------

bool read_legacy_word(std::string_view bytes, const std::string& path, Extracted& out,
                      std::vector<Diagnostic>& diagnostics);

// run_tool: indicheck/formats/subprocess.h (public: the reports stage runs Chromium with it).

// ---- shared text helpers --------------------------------------------------------------------

// Decodes one code point of valid UTF-8 at s[i]; returns its length (1 for a stray byte).
std::uint32_t next_code_point(std::string_view s, std::size_t i, char32_t& cp);
// CJK ideographs (the unified blocks and extension A).
inline bool is_han(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF);
}
// Full-width and ASCII sentence or clause punctuation that body text is dense in.
bool is_text_punctuation(char32_t cp);
// Wide characters (CJK, full-width forms): a line break or a space between two of them is
// not a word break.
bool is_wide(char32_t cp);
// Removes leading and trailing ASCII whitespace, U+00A0, U+2002-U+200B and U+3000.
std::string_view trim_space(std::string_view s);

}  // namespace indicheck::formats::detail
