// Spreadsheets (.xlsx) as rows of strings, for the files auditors exchange in meetings: AHP
// pairwise matrices (`weights ahp`), review sheets. Reading uses libzip + libxml2 (the .docx
// reader's libraries): the workbook's sheet list, sharedStrings.xml and one worksheet's cells.
// Writing uses libxlsxwriter (Debian's libxlsxwriter-dev). No formula is evaluated: a formula
// cell reads as the value Excel cached for it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indicheck/diagnostic.h"

namespace indicheck::limits {
// A spreadsheet read here (AHP matrices, review sheets) is a table a person fills in: beyond
// these it is not such a table, and a cell reference like XFD1048576 must not make the reader
// allocate a million empty rows.
inline constexpr std::size_t kMaxSheetRows = 100000;
inline constexpr std::size_t kMaxSheetColumns = 1000;
}  // namespace indicheck::limits

namespace indicheck::formats {

struct Sheet {
  std::string name;                            // the sheet's name as the workbook lists it
  std::vector<std::vector<std::string>> rows;  // rows[r][c]: cell text, "" for an empty cell
  // A cell's reference as Excel shows it: cell_ref(2, 1) == "B3" (row and column 0-based).
  static std::string cell_ref(std::size_t row, std::size_t column);
};

// Reads one sheet of an .xlsx file: `sheet_name` empty = the first sheet. Cell text: shared and
// inline strings as written, numbers as stored ("3", "0.33333333333333331"), booleans as
// "TRUE"/"FALSE". Rows are padded to the longest row. Errors (with `path`): not-found,
// unreadable, too-large (a part inflating beyond limits::kMaxDocxPartBytes, or more than
// limits::kMaxSheetRows rows / kMaxSheetColumns columns), bad-xlsx (not a zip, or a workbook
// part missing or not XML), no-sheet (no sheet of that name).
std::optional<Sheet> read_xlsx(const std::string& path, std::string_view sheet_name,
                               std::vector<Diagnostic>& diagnostics);
std::optional<Sheet> read_xlsx_bytes(std::string_view bytes, const std::string& path,
                                     std::string_view sheet_name,
                                     std::vector<Diagnostic>& diagnostics);

// Writes rows of strings as one sheet. Cells listed in `text_columns` (0-based) of the rows
// after the first are formatted as text ("@"), so what a person types there ("1/3") stays as
// typed instead of becoming a date. Column widths are `width` characters. Written to a
// temporary name and renamed; error unwritable on failure.
struct XlsxWriteOptions {
  std::string sheet_name = "Sheet1";
  double width = 14;
  std::vector<std::size_t> text_columns;
  bool bold_first_row = true;
  bool bold_first_column = true;
};
bool write_xlsx(const std::string& path, const std::vector<std::vector<std::string>>& rows,
                const XlsxWriteOptions& options, std::vector<Diagnostic>& diagnostics);

}  // namespace indicheck::formats
