// Writing outputs all-or-nothing: every file is rendered and written into a staging directory
// inside the output directory (same file system, so rename is atomic), and only when all are
// written are they renamed into place. A failure before the renames leaves every earlier output
// untouched and removes the staging directory.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "gap.h"
#include "view.h"

namespace fs = std::filesystem;

namespace indicheck {

bool parse_formats(std::string_view text, OutputFormats& formats, std::string& error) {
  OutputFormats f;
  f.html = f.markdown = f.json = f.csv = false;
  std::size_t start = 0;
  bool any = false;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view word = text.substr(start, comma - start);
    while (!word.empty() && word.front() == ' ') word.remove_prefix(1);
    while (!word.empty() && word.back() == ' ') word.remove_suffix(1);
    if (word == "html") f.html = true;
    else if (word == "md" || word == "markdown") f.markdown = true;
    else if (word == "json") f.json = true;
    else if (word == "csv") f.csv = true;
    else if (word == "all") f.html = f.markdown = f.json = f.csv = true;
    else if (!word.empty()) {
      error = fmt::format("unknown format '{}' (expected html, md, json, csv or all)", word);
      return false;
    }
    any = any || !word.empty();
    start = comma + 1;
  }
  if (!any) {
    error = "no format given (expected html, md, json, csv or all)";
    return false;
  }
  formats = f;
  return true;
}

std::string gap_report_stem(const Evaluation& evaluation, std::size_t report_index) {
  if (report_index >= evaluation.reports.size()) return "";
  reports_detail::View v(evaluation);
  return v.gap_stem(static_cast<int>(report_index));
}

namespace {

bool write_file(const fs::path& path, const std::string& content, std::string& error) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    error = "cannot create file";
    return false;
  }
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.flush();
  if (!out) {
    error = "write failed";
    return false;
  }
  return true;
}

}  // namespace

bool write_outputs(const Evaluation& evaluation, const std::string& out_dir,
                   const OutputFormats& formats, std::vector<Diagnostic>& diagnostics) {
  std::error_code ec;
  const fs::path out(out_dir);
  fs::create_directories(out / "gaps", ec);
  if (ec) {
    diagnostics.push_back(
        make_error(out_dir, "output", "cannot create output directory: " + ec.message()));
    return false;
  }
  const fs::path staging = out / fmt::format(".indicheck-tmp-{}", static_cast<long>(::getpid()));
  fs::remove_all(staging, ec);
  fs::create_directories(staging / "gaps", ec);
  if (ec) {
    diagnostics.push_back(make_error(staging.string(), "output",
                                     "cannot create staging directory: " + ec.message()));
    return false;
  }
  // Whatever happens below (a write error, a renderer exception), the staging directory goes.
  struct RemoveStaging {
    fs::path path;
    ~RemoveStaging() {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
  } guard{staging};

  // Each file is rendered and written before the next is rendered, so memory holds one output
  // at a time (a national run's results.json alone is hundreds of MB).
  std::vector<std::string> names;
  const auto write = [&](const std::string& name, const std::string& content) {
    std::string error;
    if (!write_file(staging / name, content, error)) {
      diagnostics.push_back(make_error((out / name).string(), "output", error));
      return false;
    }
    names.push_back(name);
    return true;
  };
  reports_detail::View v(evaluation);
  if (formats.html && !write("index.html", render_index_html(evaluation))) return false;
  // results.json and evidence.csv are written in one pass over the reports, each report's
  // evidence loaded (read back from the store, for a large run) once for both files. Each file
  // gets its text in chunks of about kWriteChunk bytes.
  struct Stream {
    std::ofstream file;
    std::string text;
    void flush() {
      file.write(text.data(), static_cast<std::streamsize>(text.size()));
      text.clear();
    }
  };
  Stream json_file, csv_file;
  std::optional<reports_detail::ResultsJsonStream> json;
  std::optional<reports_detail::EvidenceCsvStream> csv;
  if (formats.json) {
    json_file.file.open(staging / "results.json", std::ios::binary | std::ios::trunc);
    json_file.text.reserve(reports_detail::kWriteChunk * 5 / 4);
    json.emplace(v);
    json->head(json_file.text);
  }
  if (formats.csv) {
    csv_file.file.open(staging / "evidence.csv", std::ios::binary | std::ios::trunc);
    csv_file.text.reserve(reports_detail::kWriteChunk * 5 / 4);
    csv.emplace(v);
    csv->head(csv_file.text);
  }
  for (int r = 0; (json || csv) && r < v.report_count(); ++r) {
    // A file that cannot be written (disk full) ends the pass; finish() below reports it.
    if ((json && !json_file.file) || (csv && !csv_file.file)) break;
    const bool csv_rows = csv && !v.rows_of(r).empty();
    if (!json && !csv_rows) continue;
    v.load(r);
    if (json) {
      json->add_report(r, json_file.text);
      if (json_file.text.size() >= reports_detail::kWriteChunk) json_file.flush();
    }
    if (csv_rows) {
      csv->add_report(r, csv_file.text);
      if (csv_file.text.size() >= reports_detail::kWriteChunk) csv_file.flush();
    }
  }
  const auto finish = [&](Stream& s, const std::string& name) {
    s.flush();
    s.file.flush();
    if (!s.file) {
      diagnostics.push_back(make_error((out / name).string(), "output", "write failed"));
      return false;
    }
    names.push_back(name);
    return true;
  };
  if (json) {
    json->finish(json_file.text);
    if (!finish(json_file, "results.json")) return false;
  }
  if (csv && (!write("scores.csv", reports_detail::scores_csv(v)) ||
              !finish(csv_file, "evidence.csv")))
    return false;
  if (formats.html || formats.markdown) {
    for (int r = 0; r < v.report_count(); ++r) {
      const std::string stem = v.gap_stem(r);
      if (stem.empty()) continue;
      if (formats.html && !write("gaps/" + stem + ".html", reports_detail::gap_html(v, r)))
        return false;
      if (formats.markdown && !write("gaps/" + stem + ".md", reports_detail::gap_markdown(v, r)))
        return false;
    }
  }

  if (v.load_failed()) {
    diagnostics.push_back(make_error(out_dir, "output",
                                     "the evidence kept on disk during the run could not be read "
                                     "back; nothing was written"));
    return false;
  }

  // A target that cannot be replaced by a file (a directory in its place) is found before any
  // rename, so the set of outputs is never mixed between two runs.
  for (const auto& name : names) {
    if (fs::is_directory(out / name, ec)) {
      diagnostics.push_back(make_error((out / name).string(), "output", "a directory is in the way"));
      return false;
    }
  }
  for (const auto& name : names) {
    fs::rename(staging / name, out / name, ec);
    if (ec) {
      diagnostics.push_back(make_error((out / name).string(), "output",
                                       "cannot rename into place: " + ec.message()));
      return false;
    }
  }
  return true;
}

}  // namespace indicheck
