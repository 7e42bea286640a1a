// Fuzz target: the .xlsx reader (formats/xlsx.h: libzip, workbook and sheet parts, shared
// strings, cell references, row and column limits) that AHP matrices and review sheets are read
// with. Checked: a failure carries an error; rows are padded to one width within the limits.
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "indicheck/formats/xlsx.h"

using namespace indicheck;
using indicheck::fuzz::fuzz_check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<Diagnostic> diagnostics;
  // An empty sheet name reads the first sheet.
  auto sheet = formats::read_xlsx_bytes(fuzz::as_view(data, size), "fuzz.xlsx", "", diagnostics);
  fuzz::check_diagnostics(sheet.has_value(), diagnostics);
  if (!sheet) return 0;
  fuzz_check(sheet->rows.size() <= limits::kMaxSheetRows, "row limit");
  for (const auto& row : sheet->rows) {
    fuzz_check(row.size() == sheet->rows.front().size(), "rows padded to one width");
    fuzz_check(row.size() <= limits::kMaxSheetColumns, "column limit");
  }
  return 0;
}
