// Fuzz target: the .xlsx reader (formats/xlsx.h: libzip, workbook and sheet parts, shared
// strings, cell references, row and column limits) that AHP matrices and review sheets are read
// with. Checked: a failure carries an error; rows are padded to one width within the limits.
// Inputs that are not a zip are the XML parts (workbook, its relationships, the first sheet,
// shared strings) separated by "--8<--" lines, zipped in memory (zip_parts.h).
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "indicheck/formats/xlsx.h"
#include "zip_parts.h"

using namespace indicheck;
using indicheck::fuzz::fuzz_check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<Diagnostic> diagnostics;
  // An empty sheet name reads the first sheet.
  const std::string bytes = fuzz::zip_input(fuzz::as_view(data, size),
                                            {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                             "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"});
  auto sheet = formats::read_xlsx_bytes(bytes, "fuzz.xlsx", "", diagnostics);
  fuzz::check_diagnostics(sheet.has_value(), diagnostics);
  if (!sheet) return 0;
  fuzz_check(sheet->rows.size() <= limits::kMaxSheetRows, "row limit");
  for (const auto& row : sheet->rows) {
    fuzz_check(row.size() == sheet->rows.front().size(), "rows padded to one width");
    fuzz_check(row.size() <= limits::kMaxSheetColumns, "column limit");
  }
  return 0;
}
