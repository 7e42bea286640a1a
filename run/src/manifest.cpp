// The corpus manifest (see indicheck/manifest.h): a small RFC 4180 reader that keeps the line
// and column of every field (diagnostics point at the cell), the header's column names, the
// checks of each value, and the three-step match of rows to report files.
#include "indicheck/manifest.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>
#include <unordered_map>

#include "indicheck/csv.h"
#include "indicheck/file_check.h"
#include "indicheck/levels.h"
#include "indicheck/limits.h"
#include "indicheck/utf8.h"

namespace fs = std::filesystem;

namespace indicheck {

namespace {

using Field = CsvField;
using Row = CsvRow;

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

// The core CSV reader's rows, unquoted fields trimmed; false (an error in `diags`) on a quote
// left open or text after a closing quote.
bool split_csv(std::string_view text, const std::string& path, std::vector<Row>& rows,
               std::vector<Diagnostic>& diags) {
  if (const auto error = indicheck::split_csv(text, CsvOptions{}, rows)) {
    diags.push_back(make_error(path, "manifest", error->message, error->line, error->column));
    return false;
  }
  for (Row& row : rows)
    for (Field& field : row.fields)
      if (!field.quoted) field.text = trim(field.text);
  return true;
}

// The manifest's bytes as UTF-8: as they are (minus a BOM) when valid UTF-8, else decoded the
// way reports are (GB18030, Big5 detected). Empty optional when neither works.
std::optional<std::string> manifest_text(std::string_view bytes, const std::string& path) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (valid_utf8(bytes)) {
    if (bytes.substr(0, 3) == kBom) bytes.remove_prefix(3);
    return std::string(bytes);
  }
  std::vector<Diagnostic> ignored;
  auto doc = read_document_bytes(bytes, path, ReadOptions{}, ignored);
  if (!doc) return std::nullopt;
  std::string text = std::move(doc->original);
  if (std::string_view(text).substr(0, 3) == kBom) text.erase(0, 3);
  return text;
}

enum class Column { kPath, kUnit, kLevel, kProvince, kYear, kIgnored };

Column column_for(std::string name) {
  for (auto& c : name)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (name == "path" || name == "file" || name == "路径" || name == "文件") return Column::kPath;
  if (name == "unit" || name == "单位") return Column::kUnit;
  if (name == "level" || name == "层级" || name == "级别") return Column::kLevel;
  if (name == "province" || name == "省份") return Column::kProvince;
  if (name == "year" || name == "年度" || name == "年份") return Column::kYear;
  return Column::kIgnored;
}

constexpr const char* kColumnNames[] = {"path", "unit", "level", "province", "year"};

// Column index of each known column (-1 = absent). False (errors in `diags`) for a header
// without a path column or naming a column twice.
bool read_header(const Row& header, const std::string& path, int (&index)[5],
                 std::vector<Diagnostic>& diags) {
  std::fill(std::begin(index), std::end(index), -1);
  bool ok = true;
  for (std::size_t f = 0; f < header.fields.size(); ++f) {
    const Field& field = header.fields[f];
    const Column c = column_for(field.text);
    if (c == Column::kIgnored) continue;
    int& slot = index[static_cast<int>(c)];
    if (slot >= 0) {
      const std::string& first = header.fields[static_cast<std::size_t>(slot)].text;
      diags.push_back(
          make_error(path, "manifest",
                     first == field.text
                         ? fmt::format("the header names the column \"{}\" twice", field.text)
                         : fmt::format("the header names the {} column twice (\"{}\" and \"{}\")",
                                       kColumnNames[static_cast<int>(c)], first, field.text),
                     field.line, field.column));
      ok = false;
      continue;
    }
    slot = static_cast<int>(f);
  }
  if (ok && index[0] < 0) {
    diags.push_back(make_error(path, "manifest",
                               "the header has no \"path\" (or \"file\") column; the first line "
                               "must name the columns, e.g. path,unit,level,province,year",
                               header.line, 1));
    ok = false;
  }
  return ok;
}

// One row → an entry; false (errors in `diags`) for a bad level or year.
bool read_row(const Row& row, const int (&index)[5], const std::string& path, ManifestEntry& entry,
              std::vector<Diagnostic>& diags) {
  const auto cell = [&](Column c) -> const Field* {
    const int f = index[static_cast<int>(c)];
    return f < 0 ? nullptr : &row.fields[static_cast<std::size_t>(f)];
  };
  bool ok = true;
  entry.line = row.line;
  const Field* p = cell(Column::kPath);
  entry.path = p->text;
  if (entry.path.empty()) {
    diags.push_back(make_error(path, "manifest", "the row has no path", p->line, p->column));
    ok = false;
  }
  if (const Field* f = cell(Column::kUnit); f && !f->text.empty())
    entry.unit = normalize_for_matching(f->text);
  if (const Field* f = cell(Column::kProvince); f && !f->text.empty())
    entry.province = normalize_for_matching(f->text);
  if (const Field* f = cell(Column::kLevel); f && !f->text.empty()) {
    if (known_unit_level(f->text)) {
      entry.level = f->text;
    } else {
      diags.push_back(make_error(
          path, "manifest",
          fmt::format("unknown level \"{}\"; use one of {}", f->text, unit_levels_text()), f->line,
          f->column));
      ok = false;
    }
  }
  if (const Field* f = cell(Column::kYear); f && !f->text.empty()) {
    const std::string& y = f->text;
    const bool digits = y.size() == 4 && std::all_of(y.begin(), y.end(),
                                                     [](char c) { return c >= '0' && c <= '9'; });
    const int year = digits ? std::stoi(y) : 0;
    if (year >= kManifestMinYear && year <= kManifestMaxYear) {
      entry.year = year;
    } else {
      diags.push_back(make_error(path, "manifest",
                                 fmt::format("year \"{}\" is not a year between {} and {} "
                                             "(four digits, the year reported on)",
                                             y, kManifestMinYear, kManifestMaxYear),
                                 f->line, f->column));
      ok = false;
    }
  }
  return ok;
}

// The file a path names, for comparing paths written differently (./a, a, /abs/a).
std::string canonical_key(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  if (ec) c = fs::absolute(p, ec).lexically_normal();
  return c.string();
}

}  // namespace

std::optional<Manifest> parse_manifest(std::string_view bytes, const std::string& path,
                                       std::vector<Diagnostic>& diagnostics) {
  if (bytes.size() > limits::kMaxManifestBytes) {
    diagnostics.push_back(make_error(
        path, "too-large",
        fmt::format("the manifest is larger than {} MiB", limits::kMaxManifestBytes >> 20)));
    return std::nullopt;
  }
  const auto text = manifest_text(bytes, path);
  if (!text) {
    diagnostics.push_back(make_error(path, "manifest",
                                     "the manifest is neither UTF-8 nor text in a detectable "
                                     "Chinese encoding; save it as UTF-8 CSV"));
    return std::nullopt;
  }
  std::vector<Diagnostic> diags;
  std::vector<Row> rows;
  if (!split_csv(*text, path, rows, diags)) {
    for (auto& d : diags) diagnostics.push_back(std::move(d));
    return std::nullopt;
  }
  if (rows.empty()) {
    diagnostics.push_back(make_error(path, "manifest",
                                     "the manifest is empty; its first line must name the "
                                     "columns, e.g. path,unit,level,province,year",
                                     1, 1));
    return std::nullopt;
  }
  int index[5];
  if (!read_header(rows.front(), path, index, diagnostics)) return std::nullopt;
  Manifest manifest;
  manifest.path = path;
  std::map<std::string, std::uint32_t> first_line;  // normalized path → its first row's line
  const std::size_t width = rows.front().fields.size();
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Row& row = rows[r];
    if (row.fields.size() != width) {
      diags.push_back(make_error(path, "manifest",
                                 fmt::format("the row has {} fields, the header {}; a value "
                                             "with a comma must be in \"quotes\"",
                                             row.fields.size(), width),
                                 row.line, 1));
      continue;
    }
    ManifestEntry entry;
    if (!read_row(row, index, path, entry, diags)) continue;
    const std::string key = fs::path(entry.path).lexically_normal().generic_string();
    const auto [it, fresh] = first_line.emplace(key, entry.line);
    if (!fresh) {
      const Field& p = row.fields[static_cast<std::size_t>(index[0])];
      diags.push_back(make_error(
          path, "manifest",
          fmt::format("\"{}\" is listed twice (first on line {})", entry.path, it->second), p.line,
          p.column));
      continue;
    }
    manifest.entries.push_back(std::move(entry));
  }
  const bool failed = has_errors(diags);
  for (auto& d : diags) diagnostics.push_back(std::move(d));
  if (failed) return std::nullopt;
  return manifest;
}

std::optional<Manifest> read_manifest(const std::string& path,
                                      std::vector<Diagnostic>& diagnostics) {
  // Before opening: a FIFO named as the manifest would block the open forever.
  if (auto problem = check_regular_file(path, path)) {
    diagnostics.push_back(std::move(*problem));
    return std::nullopt;
  }
  std::error_code ec;
  const auto status = fs::status(path, ec);
  const auto size = fs::is_regular_file(status) ? fs::file_size(path, ec) : 0;
  if (!ec && size > limits::kMaxManifestBytes) {
    diagnostics.push_back(make_error(
        path, "too-large",
        fmt::format("the manifest is larger than {} MiB", limits::kMaxManifestBytes >> 20)));
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  if (!fs::is_regular_file(status) || !in || !(bytes << in.rdbuf())) {
    diagnostics.push_back(make_error(path, "unreadable", "cannot read file"));
    return std::nullopt;
  }
  return parse_manifest(bytes.str(), path, diagnostics);
}

std::vector<const ManifestEntry*> match_manifest(const Manifest& manifest,
                                                 const std::vector<std::string>& files,
                                                 std::vector<Diagnostic>& diagnostics) {
  std::vector<const ManifestEntry*> match(files.size(), nullptr);
  const fs::path folder = fs::path(manifest.path).parent_path();
  // Steps 1 and 2: the file each row's path names, as written and from the manifest's folder.
  std::unordered_map<std::string, const ManifestEntry*> as_written, from_folder;
  for (const auto& e : manifest.entries) {
    as_written.emplace(canonical_key(e.path), &e);
    if (fs::path(e.path).is_relative()) from_folder.emplace(canonical_key(folder / e.path), &e);
  }
  std::vector<std::string> keys(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    keys[i] = canonical_key(files[i]);
    if (auto it = as_written.find(keys[i]); it != as_written.end())
      match[i] = it->second;
    else if (auto jt = from_folder.find(keys[i]); jt != from_folder.end())
      match[i] = jt->second;
  }
  std::vector<bool> used(manifest.entries.size(), false);
  for (const auto* m : match)
    if (m) used[static_cast<std::size_t>(m - manifest.entries.data())] = true;
  // Step 3: by file name, among the rows and files not matched by path, only when unambiguous.
  std::unordered_map<std::string, std::vector<std::size_t>> rows_by_name, files_by_name;
  for (std::size_t e = 0; e < manifest.entries.size(); ++e)
    if (!used[e]) rows_by_name[fs::path(manifest.entries[e].path).filename().string()].push_back(e);
  for (std::size_t i = 0; i < files.size(); ++i)
    if (!match[i]) files_by_name[fs::path(files[i]).filename().string()].push_back(i);
  std::vector<bool> ambiguous(manifest.entries.size(), false);
  for (const auto& [name, rows] : rows_by_name) {
    const auto it = files_by_name.find(name);
    if (it == files_by_name.end()) continue;
    if (rows.size() == 1 && it->second.size() == 1) {
      match[it->second.front()] = &manifest.entries[rows.front()];
      used[rows.front()] = true;
    } else {
      for (std::size_t e : rows) ambiguous[e] = true;
    }
  }
  for (std::size_t e = 0; e < manifest.entries.size(); ++e) {
    const ManifestEntry& entry = manifest.entries[e];
    if (ambiguous[e])
      diagnostics.push_back(make_warning(
          manifest.path, "manifest-ambiguous",
          fmt::format("\"{}\" fits several reports or rows by file name alone; not applied "
                      "(write the path, relative to the manifest's folder)",
                      entry.path),
          entry.line, 1));
    else if (!used[e])
      diagnostics.push_back(make_warning(
          manifest.path, "manifest-unmatched",
          fmt::format("\"{}\" is not among the reports evaluated", entry.path), entry.line, 1));
  }
  return match;
}

void apply_manifest(const ManifestEntry& entry, Metadata& meta) {
  const auto located = [&](const std::string& value) {
    return Located{value, entry.line, "manifest"};
  };
  if (!entry.unit.empty()) meta.unit = located(entry.unit);
  if (!entry.level.empty()) meta.level = located(entry.level);
  if (!entry.province.empty()) meta.province = located(entry.province);
  if (entry.year != 0) {
    meta.year = entry.year;
    meta.year_found = located(std::to_string(entry.year));
  }
}

}  // namespace indicheck
