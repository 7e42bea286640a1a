// Writing outputs all-or-nothing: everything is rendered in memory, written into a staging
// directory inside the output directory (same file system, so rename is atomic), and only then
// renamed into place. A failure before the renames leaves every earlier output untouched.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>

#include <fmt/format.h>

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
  // Render first: a renderer bug must not cost the user their previous outputs.
  std::vector<std::pair<std::string, std::string>> files;  // relative path, content
  if (formats.html) files.emplace_back("index.html", render_index_html(evaluation));
  if (formats.json) files.emplace_back("results.json", render_results_json(evaluation));
  if (formats.csv) {
    files.emplace_back("scores.csv", render_scores_csv(evaluation));
    files.emplace_back("evidence.csv", render_evidence_csv(evaluation));
  }
  if (formats.html || formats.markdown) {
    reports_detail::View v(evaluation);
    for (std::size_t r = 0; r < evaluation.reports.size(); ++r) {
      const std::string stem = v.gap_stem(static_cast<int>(r));
      if (stem.empty()) continue;
      if (formats.html) files.emplace_back("gaps/" + stem + ".html", render_gap_html(evaluation, r));
      if (formats.markdown)
        files.emplace_back("gaps/" + stem + ".md", render_gap_markdown(evaluation, r));
    }
  }

  std::error_code ec;
  const fs::path out(out_dir);
  fs::create_directories(out / "gaps", ec);
  if (ec) {
    diagnostics.push_back(make_error(out_dir, "output", "cannot create output directory: " + ec.message()));
    return false;
  }
  const fs::path staging = out / fmt::format(".indicheck-tmp-{}", static_cast<long>(::getpid()));
  fs::remove_all(staging, ec);
  fs::create_directories(staging / "gaps", ec);
  if (ec) {
    diagnostics.push_back(make_error(staging.string(), "output", "cannot create staging directory: " + ec.message()));
    return false;
  }
  for (const auto& [name, content] : files) {
    std::string error;
    if (!write_file(staging / name, content, error)) {
      diagnostics.push_back(make_error((out / name).string(), "output", error));
      fs::remove_all(staging, ec);
      return false;
    }
  }
  // A target that cannot be replaced by a file (a directory in its place) is found before any
  // rename, so the set of outputs is never mixed between two runs.
  for (const auto& [name, content] : files) {
    if (fs::is_directory(out / name, ec)) {
      diagnostics.push_back(make_error((out / name).string(), "output", "a directory is in the way"));
      fs::remove_all(staging, ec);
      return false;
    }
  }
  bool ok = true;
  for (const auto& [name, content] : files) {
    fs::rename(staging / name, out / name, ec);
    if (ec) {
      diagnostics.push_back(make_error((out / name).string(), "output", "cannot rename into place: " + ec.message()));
      ok = false;
      break;
    }
  }
  fs::remove_all(staging, ec);
  return ok;
}

}  // namespace indicheck
