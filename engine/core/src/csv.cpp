#include "indicheck/csv.h"

#include <algorithm>

namespace indicheck {

namespace {

char detect_separator(std::string_view text) {
  const std::string_view head = text.substr(0, text.find('\n'));
  return std::count(head.begin(), head.end(), '\t') > std::count(head.begin(), head.end(), ',')
             ? '\t'
             : ',';
}

bool blank(const CsvRow& row) {
  return row.fields.size() == 1 && row.fields[0].text.empty() && !row.fields[0].quoted;
}

// A cursor over the text that keeps the line and the column (in code points).
struct Cursor {
  std::string_view text;
  std::size_t i = 0;
  std::uint32_t line = 1, column = 1;

  bool done() const { return i >= text.size(); }
  char peek() const { return text[i]; }
  bool at(char c) const { return i < text.size() && text[i] == c; }
  bool at_line_end() const { return at('\n') || at('\r'); }
  char take() {
    const char c = text[i++];
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column;
    }
    return c;
  }
};

// The rest of a quoted field, the opening quote already taken. False when it is never closed.
bool quoted_field(Cursor& in, char sep, bool strict, CsvField& field,
                  std::optional<CsvError>& error) {
  while (!in.done()) {
    const char c = in.take();
    if (c != '"') {
      field.text += c;
      continue;
    }
    if (in.at('"')) {
      field.text += in.take();
      continue;
    }
    if (in.done() || in.at(sep) || in.at_line_end()) return true;
    if (strict) {
      error = CsvError{
          "text after a closing quote; a field with a quote inside is written "
          "\"like \"\"this\"\"\"",
          in.line, in.column};
      return false;
    }
    // Excel's reading: the text after the closing quote belongs to the same field.
    while (!in.done() && !in.at(sep) && !in.at_line_end()) field.text += in.take();
    return true;
  }
  error = CsvError{"a quoted field is not closed", field.line, field.column};
  return false;
}

}  // namespace

std::optional<CsvError> split_csv(std::string_view text, const CsvOptions& options,
                                  std::vector<CsvRow>& rows) {
  const char sep = options.separator ? options.separator : detect_separator(text);
  Cursor in{text};
  CsvRow row{in.line, {}};
  std::optional<CsvError> error;
  while (true) {
    CsvField field{"", in.line, in.column, false};
    if (in.at('"')) {
      in.take();
      field.quoted = true;
      if (!quoted_field(in, sep, options.strict_quotes, field, error)) return error;
    } else {
      while (!in.done() && !in.at(sep) && !in.at_line_end()) field.text += in.take();
    }
    row.fields.push_back(std::move(field));
    if (in.at(sep)) {
      in.take();
      continue;
    }
    if (in.at('\r')) in.take();
    if (in.at('\n')) in.take();
    if (options.keep_blank_rows || !blank(row)) rows.push_back(std::move(row));
    if (in.done()) break;
    row = CsvRow{in.line, {}};
  }
  while (!rows.empty() && blank(rows.back())) rows.pop_back();
  return std::nullopt;
}

}  // namespace indicheck
