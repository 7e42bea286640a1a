// Reading review files: the CSV sheet `review init` writes after an auditor filled it in Excel
// or WPS (which save UTF-8 with a BOM, or GBK when "CSV" is chosen on a Chinese Windows), and a
// YAML list for teams that keep decisions in version control. Both become ReviewDecisions with
// the line they came from, so every later error (unknown unit or item) names it.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "indicheck/csv.h"
#include "indicheck/document.h"
#include "indicheck/formats/xlsx.h"
#include "indicheck/review.h"
#include "indicheck/utf8.h"
#include "indicheck/yaml_text.h"

namespace indicheck {

namespace {

std::string trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  // A full-width space (U+3000) typed in a cell counts as blank too.
  while (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") s.remove_suffix(3);
  while (s.size() >= 3 && s.substr(0, 3) == "\xE3\x80\x80") s.remove_prefix(3);
  return std::string(s);
}

// A table's rows as strings: CSV rows, or an .xlsx sheet's (line = the row number Excel shows).
struct SheetRow {
  std::uint32_t line = 0;
  std::vector<std::string> cells;
};

bool parse_year(const std::string& text, int& year) {
  std::string digits;
  for (char c : text)
    if (c >= '0' && c <= '9') digits += c;
  // "2021", "2021年", "2021.0" (a number cell saved by Excel)
  if (digits.size() < 4) return false;
  year = std::stoi(digits.substr(0, 4));
  return year >= 1990 && year <= 2100;
}

// The decision of one row (CSV cells by column, or YAML fields); false with an error when the
// row has a verdict that cannot be used. `keep` is false for rows without a verdict.
struct RawRow {
  std::string unit, year, framework, item, verdict, note, reviewer, date, report_hash, rule_hash;
};

bool make_decision(const RawRow& raw, const std::string& path, std::uint32_t line,
                   std::vector<Diagnostic>& diags, std::vector<ReviewDecision>& out) {
  if (raw.verdict.empty()) return true;  // not reviewed: the sheet's default
  ReviewDecision d;
  d.location = {path, line, 0};
  d.unit = raw.unit;
  d.framework = raw.framework;
  d.item = raw.item;
  d.note = raw.note;
  d.reviewer = raw.reviewer;
  d.date = raw.date;
  d.report_hash = raw.report_hash;
  d.rule_hash = raw.rule_hash;
  const auto state = review_state_from_text(raw.verdict);
  if (!state) {
    diags.push_back(
        make_error(path, "review-state",
                   fmt::format("复核结论“{}”无法识别：应为 已落实、部分落实、未见证据 或 不适用"
                               "（或 met、partial、missing、not-applicable）",
                               raw.verdict),
                   line));
    return false;
  }
  d.state = *state;
  if (d.unit.empty() || d.item.empty()) {
    diags.push_back(
        make_error(path, "review-row", "有复核结论的行必须填写 单位 和 指标编号", line));
    return false;
  }
  if (!parse_year(raw.year, d.year)) {
    diags.push_back(make_error(
        path, "review-year", fmt::format("年度“{}”不是 1990 到 2100 之间的年份", raw.year), line));
    return false;
  }
  out.push_back(std::move(d));
  return true;
}

// Rows of a sheet (CSV or .xlsx) with the header first: decisions by column name.
bool read_rows(const std::vector<SheetRow>& rows, const std::string& path,
               std::vector<Diagnostic>& diags, std::vector<ReviewDecision>& out) {
  if (rows.empty()) {
    diags.push_back(make_error(path, "review-header", "复核表是空的：缺少表头行", 1));
    return false;
  }
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < rows[0].cells.size(); ++i) col.emplace(trim(rows[0].cells[i]), i);
  for (std::string_view need : {ReviewColumns::kUnit, ReviewColumns::kYear, ReviewColumns::kItem,
                                ReviewColumns::kVerdict}) {
    if (col.count(std::string(need)) == 0) {
      diags.push_back(
          make_error(path, "review-header",
                     fmt::format("表头缺少“{}”列（复核表由 indicheck review init 生成）", need),
                     rows[0].line));
      return false;
    }
  }
  bool ok = true;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& cells = rows[r].cells;
    const auto get = [&](std::string_view name) {
      const auto it = col.find(std::string(name));
      return it != col.end() && it->second < cells.size() ? trim(cells[it->second]) : std::string();
    };
    RawRow raw{get(ReviewColumns::kUnit),       get(ReviewColumns::kYear),
               get(ReviewColumns::kFramework),  get(ReviewColumns::kItem),
               get(ReviewColumns::kVerdict),    get(ReviewColumns::kNote),
               get(ReviewColumns::kReviewer),   get(ReviewColumns::kDate),
               get(ReviewColumns::kReportHash), get(ReviewColumns::kRuleHash)};
    ok = make_decision(raw, path, rows[r].line, diags, out) && ok;
  }
  return ok;
}

bool read_csv(std::string_view text, const std::string& path, std::vector<Diagnostic>& diags,
              std::vector<ReviewDecision>& out) {
  // The separator Excel chose (comma, or tab for "Unicode text"); text after a closing quote
  // is read the way Excel reads it.
  std::vector<CsvRow> csv;
  if (const auto error = split_csv(text, CsvOptions{'\0', false, false}, csv)) {
    diags.push_back(make_error(path, "bad-csv", "带引号的单元格没有闭合（缺少结尾的引号）",
                               error->line, error->column));
    return false;
  }
  std::vector<SheetRow> rows;
  for (CsvRow& row : csv) {
    SheetRow& r = rows.emplace_back(SheetRow{row.line, {}});
    for (CsvField& f : row.fields) r.cells.push_back(std::move(f.text));
  }
  return read_rows(rows, path, diags, out);
}

// An .xlsx sheet's rows: line = the row number Excel shows.
bool read_sheet(std::string_view bytes, const std::string& path, std::vector<Diagnostic>& diags,
                std::vector<ReviewDecision>& out) {
  std::optional<formats::Sheet> sheet = formats::read_xlsx_bytes(bytes, path, "", diags);
  if (!sheet) return false;
  std::vector<SheetRow> rows;
  for (std::size_t r = 0; r < sheet->rows.size(); ++r) {
    bool blank = true;
    for (const auto& c : sheet->rows[r]) blank = blank && trim(c).empty();
    if (!blank) rows.push_back({static_cast<std::uint32_t>(r + 1), std::move(sheet->rows[r])});
  }
  return read_rows(rows, path, diags, out);
}

std::string yaml_scalar(const YAML::Node& n, const char* key) {
  const YAML::Node v = n[key];
  return v && v.IsScalar() ? trim(v.Scalar()) : std::string();
}

bool read_yaml(std::string_view text, const std::string& path, std::vector<Diagnostic>& diags,
               std::vector<ReviewDecision>& out) {
  if (!check_yaml_text(text, path, diags)) return false;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    diags.push_back(make_error(path, "yaml", e.msg, static_cast<std::uint32_t>(e.mark.line + 1),
                               static_cast<std::uint32_t>(e.mark.column + 1)));
    return false;
  }
  const YAML::Node list = root.IsMap() ? root["reviews"] : YAML::Node();
  if (!list || !list.IsSequence()) {
    diags.push_back(make_error(path, "review-header", "YAML 复核文件需要顶层的 reviews: 列表", 1));
    return false;
  }
  bool ok = true;
  for (const auto& n : list) {
    const auto line = static_cast<std::uint32_t>(n.Mark().line + 1);
    if (!n.IsMap()) {
      diags.push_back(make_error(path, "review-row", "reviews 的每一项应是一个映射", line));
      ok = false;
      continue;
    }
    RawRow raw{yaml_scalar(n, "unit"),     yaml_scalar(n, "year"),  yaml_scalar(n, "framework"),
               yaml_scalar(n, "item"),     yaml_scalar(n, "state"), yaml_scalar(n, "note"),
               yaml_scalar(n, "reviewer"), yaml_scalar(n, "date"),  yaml_scalar(n, "report_hash"),
               yaml_scalar(n, "rule_hash")};
    if (raw.verdict.empty()) {
      diags.push_back(make_error(path, "review-state", "缺少 state（复核结论）", line));
      ok = false;
      continue;
    }
    ok = make_decision(raw, path, line, diags, out) && ok;
  }
  return ok;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  std::string tail(s.substr(s.size() - suffix.size()));
  std::transform(tail.begin(), tail.end(), tail.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return tail == suffix;
}

// Two verdicts on one item of one unit-year: which one wins would be a guess.
std::optional<ReviewFile> check_duplicates(ReviewFile file, std::vector<Diagnostic>& diagnostics) {
  bool ok = true;
  std::map<std::tuple<std::string, int, std::string, std::string>, std::uint32_t> seen;
  for (const auto& d : file.decisions) {
    const auto [it, fresh] =
        seen.emplace(std::tuple(d.unit, d.year, d.framework, d.item), d.location.line);
    if (!fresh) {
      diagnostics.push_back(make_error(
          file.path, "review-duplicate",
          fmt::format("{} {}年 指标 {} 已在第 {} 行复核过", d.unit, d.year, d.item, it->second),
          d.location.line));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return file;
}

}  // namespace

std::optional<ReviewFile> read_review_text(std::string_view bytes, const std::string& path,
                                           std::vector<Diagnostic>& diagnostics) {
  if (ends_with(path, ".xlsx")) {
    ReviewFile file;
    file.path = path;
    if (!read_sheet(bytes, path, diagnostics, file.decisions)) return std::nullopt;
    return check_duplicates(std::move(file), diagnostics);
  }
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::string text(bytes);
  if (!valid_utf8(text) && !convert_strict(bytes, "GB18030", text)) {
    diagnostics.push_back(make_error(path, "not-utf8", "复核文件既不是 UTF-8 也不是 GBK 编码"));
    return std::nullopt;
  }
  ReviewFile file;
  file.path = path;
  bool ok;
  if (ends_with(path, ".csv") || ends_with(path, ".txt")) {
    ok = read_csv(text, path, diagnostics, file.decisions);
  } else if (ends_with(path, ".yaml") || ends_with(path, ".yml")) {
    ok = read_yaml(text, path, diagnostics, file.decisions);
  } else {
    diagnostics.push_back(
        make_error(path, "review-format", "复核文件应为 .csv、.xlsx、.yaml 或 .yml"));
    return std::nullopt;
  }
  if (!ok) return std::nullopt;
  return check_duplicates(std::move(file), diagnostics);
}

std::optional<ReviewFile> read_review_file(const std::string& path,
                                           std::vector<Diagnostic>& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.push_back(make_error(path, "not-found", "复核文件不存在或无法打开"));
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    diagnostics.push_back(make_error(path, "unreadable", "复核文件无法读取"));
    return std::nullopt;
  }
  return read_review_text(buffer.str(), path, diagnostics);
}

}  // namespace indicheck
