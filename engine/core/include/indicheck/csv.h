// CSV as Excel, WPS and scripts save it (RFC 4180): one reader for every table the tool takes in
// (corpus manifests, review files, AHP sheets). Each field keeps the line and column where it
// starts, so a message can point at the cell.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace indicheck {

struct CsvField {
  std::string text;          // unquoted: as written; quoted: without the quotes, "" as "
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based, in code points
  bool quoted = false;
};

struct CsvRow {
  std::uint32_t line = 0;  // the line the row starts on
  std::vector<CsvField> fields;
};

struct CsvOptions {
  // ',' or '\t'; '\0' = the one the first line uses more (Excel's "Unicode text" is tab-separated).
  char separator = ',';
  // Blank lines inside the table are kept as rows of one empty field (a sheet's row numbers stay
  // the lines'); blank lines at the end are dropped either way.
  bool keep_blank_rows = false;
  // Text after a closing quote (`"a"b`) is an error; otherwise it is appended, as Excel reads it.
  bool strict_quotes = true;
};

struct CsvError {
  std::string message;  // English detail, for a diagnostic's text
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// Splits UTF-8 text (a BOM already removed) into rows; CRLF or LF. Quoted fields may hold
// separators, doubled quotes and line breaks. Returns the first error (a quote left open; with
// strict_quotes, text after a closing quote), `rows` then holding the rows before it.
std::optional<CsvError> split_csv(std::string_view text, const CsvOptions& options,
                                  std::vector<CsvRow>& rows);

}  // namespace indicheck
