#include "xlsx_writer.h"

#include <xlsxwriter.h>

#include <algorithm>

namespace indicheck::reports_detail {

struct XlsxWorkbook::Impl {
  lxw_workbook* book = nullptr;
  lxw_format* head = nullptr;
  lxw_format* decimals[5] = {};  // "0", "0.0", "0.00", ...
};

namespace {

// At most 31 characters (code points), none of []:*?/\ .
std::string sheet_name(std::string_view name) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < name.size() && chars < 31;) {
    const auto c = static_cast<unsigned char>(name[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len == 1 && std::string_view("[]:*?/\\").find(name[i]) != std::string_view::npos)
      out += '_';
    else
      out.append(name.substr(i, len));
    i += len;
    ++chars;
  }
  return out.empty() ? "Sheet" : out;
}

lxw_worksheet* ws(void* p) {
  return static_cast<lxw_worksheet*>(p);
}

}  // namespace

XlsxWorkbook::XlsxWorkbook(const std::string& path, std::time_t created)
    : impl_(std::make_unique<Impl>()) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.use_zip64 = LXW_TRUE;
  impl_->book = workbook_new_opt(path.c_str(), &options);
  ok_ = impl_->book != nullptr;
  if (!ok_) return;
  lxw_doc_properties props{};
  props.created = created;
  workbook_set_properties(impl_->book, &props);
  impl_->head = workbook_add_format(impl_->book);
  format_set_bold(impl_->head);
  format_set_bg_color(impl_->head, 0xF2F2F2);
  format_set_border(impl_->head, LXW_BORDER_THIN);
  static const char* kFormats[] = {"0", "0.0", "0.00", "0.000", "0.0000"};
  for (int i = 0; i < 5; ++i) {
    impl_->decimals[i] = workbook_add_format(impl_->book);
    format_set_num_format(impl_->decimals[i], kFormats[i]);
  }
}

XlsxWorkbook::~XlsxWorkbook() {
  if (impl_ && impl_->book) {
    // Not closed: free without writing is not in libxlsxwriter's API; closing writes the file,
    // which the caller's staging directory removes.
    workbook_close(impl_->book);
  }
}

XlsxSheet& XlsxWorkbook::add_sheet(std::string_view name) {
  std::string base = sheet_name(name), unique = base;
  for (int n = 2; std::find(names_.begin(), names_.end(), unique) != names_.end(); ++n)
    unique = sheet_name(base.substr(0, std::min<std::size_t>(base.size(), 24)) + "_" +
                        std::to_string(n));
  names_.push_back(unique);
  lxw_worksheet* sheet = workbook_add_worksheet(impl_->book, unique.c_str());
  sheets_.push_back(std::make_unique<XlsxSheet>(*impl_, sheet));
  return *sheets_.back();
}

bool XlsxWorkbook::close(std::string& error) {
  if (!impl_->book) {
    error = "cannot create the workbook";
    return false;
  }
  const lxw_error e = workbook_close(impl_->book);
  impl_->book = nullptr;
  if (e != LXW_NO_ERROR) {
    error = lxw_strerror(e);
    return false;
  }
  return true;
}

void XlsxSheet::header(const std::vector<std::string>& names, const std::vector<double>& widths) {
  columns_ = static_cast<int>(names.size());
  for (std::size_t c = 0; c < names.size(); ++c) {
    const double w = c < widths.size() ? widths[c] : 0;
    if (w > 0) worksheet_set_column(ws(sheet_), c, c, w, nullptr);
  }
  for (std::size_t c = 0; c < names.size(); ++c)
    worksheet_write_string(ws(sheet_), 0, c, names[c].c_str(), book_.head);
  worksheet_freeze_panes(ws(sheet_), 1, 0);
  row_ = 0;
}

void XlsxSheet::next_row() {
  ++row_;
  row_started_ = true;
}

void XlsxSheet::text(int col, std::string_view value) {
  if (value.empty()) return;
  const std::string s(value);
  worksheet_write_string(ws(sheet_), row_, static_cast<lxw_col_t>(col), s.c_str(), nullptr);
}

void XlsxSheet::number(int col, double value, int decimals) {
  worksheet_write_number(ws(sheet_), row_, static_cast<lxw_col_t>(col), value,
                         book_.decimals[std::clamp(decimals, 0, 4)]);
}

void XlsxSheet::integer(int col, long long value) {
  worksheet_write_number(ws(sheet_), row_, static_cast<lxw_col_t>(col), static_cast<double>(value),
                         book_.decimals[0]);
}

void XlsxSheet::finish(bool autofilter, int scale_first, int scale_last) {
  if (autofilter && columns_ > 0)
    worksheet_autofilter(ws(sheet_), 0, 0, row_, static_cast<lxw_col_t>(columns_ - 1));
  if (scale_first >= 0 && scale_last >= scale_first && row_ > 0) {
    lxw_conditional_format cf{};
    cf.type = LXW_CONDITIONAL_3_COLOR_SCALE;
    cf.min_color = 0xF8696B;
    cf.mid_color = 0xFFEB84;
    cf.max_color = 0x63BE7B;
    worksheet_conditional_format_range(ws(sheet_), 1, static_cast<lxw_col_t>(scale_first), row_,
                                       static_cast<lxw_col_t>(scale_last), &cf);
  }
}

}  // namespace indicheck::reports_detail
