// A small RAII wrapper over libxlsxwriter (C): a workbook written straight to a file, sheets
// filled row by row (constant-memory mode, so a national evidence sheet never sits in memory),
// with the few things Indicheck's workbooks use: a bold frozen header with an autofilter,
// column widths, numbers with a fixed number of decimals, and a 3-colour scale. No libxlsxwriter
// type appears here, so other libraries (the review workbook) can reuse it.
#pragma once

#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace indicheck::reports_detail {

class XlsxSheet;

class XlsxWorkbook {
 public:
  // `created` sets the document date (and the zip entries' dates), so the same data gives the
  // same bytes. ok() is false when the file cannot be created.
  XlsxWorkbook(const std::string& path, std::time_t created);
  ~XlsxWorkbook();
  XlsxWorkbook(const XlsxWorkbook&) = delete;
  XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;

  bool ok() const { return ok_; }
  // A new sheet; `name` is made valid for Excel (at most 31 characters, no []:*?/\) and unique.
  XlsxSheet& add_sheet(std::string_view name);
  // Writes the file. False with `error` set when it fails.
  bool close(std::string& error);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  std::vector<std::unique_ptr<XlsxSheet>> sheets_;
  std::vector<std::string> names_;
  bool ok_ = false;
};

class XlsxSheet {
 public:
  // Writes the header in row 0 (bold, grey), freezes it and sets column widths (characters; 0 =
  // default). Call first.
  void header(const std::vector<std::string>& names, const std::vector<double>& widths = {});
  // Cells of the next row (rows are written in order). An empty string leaves the cell blank.
  void text(int col, std::string_view value);
  void number(int col, double value, int decimals = 2);
  void integer(int col, long long value);
  void next_row();  // the next cells go to a new row
  // Autofilter over the header and every row written; a 3-colour scale (red–yellow–green,
  // low to high) over columns [first, last] of the data rows. Call after the rows.
  void finish(bool autofilter, int scale_first = -1, int scale_last = -1);
  std::uint32_t rows() const { return row_; }  // data rows written so far

  XlsxSheet(XlsxWorkbook::Impl& book, void* sheet) : book_(book), sheet_(sheet) {}

 private:
  XlsxWorkbook::Impl& book_;
  void* sheet_;            // lxw_worksheet*
  std::uint32_t row_ = 0;  // current data row (0 = the header)
  int columns_ = 0;
  bool row_started_ = false;
};

// Excel's limit per sheet is 1,048,576 rows; an evidence sheet is split well below it.
inline constexpr std::uint32_t kXlsxMaxRows = 1'000'000;

}  // namespace indicheck::reports_detail
