// Writing outputs all-or-nothing: every file is rendered and written into the staging folder of
// an OutputSet (output_set.cpp), which then replaces --out as a whole. A failure anywhere leaves
// every earlier output untouched and removes the staging folder.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>

#include "gap.h"
#include "indicheck/threads.h"
#include "pdf.h"
#include "unit_edition.h"
#include "view.h"
#include "xlsx_writer.h"

namespace fs = std::filesystem;

namespace indicheck {

bool parse_formats(std::string_view text, OutputFormats& formats, std::string& error) {
  OutputFormats f;
  f.html = f.markdown = f.json = f.csv = f.xlsx = false;
  std::size_t start = 0;
  bool any = false;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view word = text.substr(start, comma - start);
    while (!word.empty() && word.front() == ' ') word.remove_prefix(1);
    while (!word.empty() && word.back() == ' ') word.remove_suffix(1);
    if (word == "html")
      f.html = true;
    else if (word == "md" || word == "markdown")
      f.markdown = true;
    else if (word == "json")
      f.json = true;
    else if (word == "csv")
      f.csv = true;
    else if (word == "xlsx")
      f.xlsx = true;
    else if (word == "docx")
      f.docx = true;
    else if (word == "pdf")
      f.pdf = true;
    else if (word == "all")
      f.html = f.markdown = f.json = f.csv = f.xlsx = true;
    else if (!word.empty()) {
      error = fmt::format(
          "unknown format '{}' (expected html, md, json, csv, xlsx, docx, pdf or all)", word);
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

// "write failed: No space left on device": the reason of the failed write(2), when the stream
// left it in errno (it does for a full disk and a quota).
std::string write_failure() {
  const int err = errno;
  return err != 0 ? fmt::format("write failed: {}", std::strerror(err)) : "write failed";
}

bool write_file(const fs::path& path, const std::string& content, std::string& error) {
  errno = 0;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    error = "cannot create file";
    return false;
  }
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.flush();
  if (!out) {
    error = write_failure();
    return false;
  }
  return true;
}

// ---- results.json and evidence.csv, rendered in parallel, written in order --------------------

// Reports per batch: a report's JSON and CSV text is ~100 KB, so a batch is a few MB, worth a
// hand-off between threads, and two batches per thread waiting to be written stay small.
constexpr int kRenderBatch = 32;

// One rendering thread's state: its own View (a View caches the one report it has loaded from
// the evidence store) and streams (scratch buffers). Not movable: the streams point at `view`.
struct Renderer {
  reports_detail::View view;
  std::optional<reports_detail::ResultsJsonStream> json;
  std::optional<reports_detail::EvidenceCsvStream> csv;
  Renderer(const Evaluation& evaluation, bool want_json, bool want_csv) : view(evaluation) {
    if (want_json) json.emplace(view);
    if (want_csv) csv.emplace(view);
  }
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;
  void render(int first, int last, std::string& json_text, std::string& csv_text) {
    for (int r = first; r < last; ++r) {
      const bool csv_rows = csv && !view.rows_of(r).empty();
      if (!json && !csv_rows) continue;
      view.load(r);
      if (json) json->add_report(r, json_text);
      if (csv_rows) csv->add_report(r, csv_text);
    }
  }
};

// render_reports() on the calling thread, batch after batch.
bool render_reports_here(const Evaluation& evaluation, bool want_json, bool want_csv,
                         const std::function<bool(std::string&, std::string&)>& append) {
  const int n = static_cast<int>(evaluation.reports.size());
  const int batches = (n + kRenderBatch - 1) / kRenderBatch;
  Renderer renderer(evaluation, want_json, want_csv);
  std::string json_text, csv_text;
  for (int b = 0; b < batches; ++b) {
    json_text.clear();
    csv_text.clear();
    renderer.render(b * kRenderBatch, std::min(n, (b + 1) * kRenderBatch), json_text, csv_text);
    if (!append(json_text, csv_text)) break;
  }
  return !renderer.view.load_failed();
}

}  // namespace

// Declared in view.h.
bool reports_detail::render_reports(const Evaluation& evaluation, bool want_json, bool want_csv,
                                    const std::function<bool(std::string&, std::string&)>& append) {
  const int n = static_cast<int>(evaluation.reports.size());
  const int batches = (n + kRenderBatch - 1) / kRenderBatch;
  // facts.jobs is the run's --jobs (0 already resolved to the cores); no cap by the cores here,
  // so the threaded path is the same code on a one-core machine.
  const int wanted = std::min(std::max(1, evaluation.facts.jobs), batches);
  if (wanted <= 1) return render_reports_here(evaluation, want_json, want_csv, append);

  // Batch b is rendered into slots[b % window] and may be taken only once batch b - window has
  // been written, so memory holds at most `window` batches whatever the corpus size.
  struct Slot {
    std::string json_text, csv_text;
    bool ready = false;
  };
  const int threads = wanted;
  const int window = 2 * threads;
  std::vector<Slot> slots(static_cast<std::size_t>(window));
  std::mutex mutex;
  std::condition_variable changed;
  int next_batch = 0, written = 0;
  bool stop = false, load_failed = false;
  std::exception_ptr failure;
  const auto worker = [&] {
    try {
      Renderer renderer(evaluation, want_json, want_csv);
      std::string json_text, csv_text;
      while (true) {
        int b = 0;
        {
          std::unique_lock lock(mutex);
          changed.wait(
              lock, [&] { return stop || next_batch >= batches || next_batch < written + window; });
          if (stop || next_batch >= batches) break;
          b = next_batch++;
        }
        json_text.clear();
        csv_text.clear();
        renderer.render(b * kRenderBatch, std::min(n, (b + 1) * kRenderBatch), json_text, csv_text);
        {
          std::lock_guard lock(mutex);
          Slot& slot = slots[static_cast<std::size_t>(b % window)];
          slot.json_text.swap(json_text);
          slot.csv_text.swap(csv_text);
          slot.ready = true;
        }
        changed.notify_all();
      }
      std::lock_guard lock(mutex);
      load_failed = load_failed || renderer.view.load_failed();
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
      stop = true;
      changed.notify_all();
    }
  };
  // A machine that refuses threads gets fewer renderers; with none, this thread renders.
  std::vector<std::thread> pool;
  if (start_threads(pool, static_cast<unsigned>(threads), worker) == 0)
    return render_reports_here(evaluation, want_json, want_csv, append);
  std::string json_text, csv_text;
  for (int b = 0; b < batches; ++b) {
    {
      std::unique_lock lock(mutex);
      Slot& slot = slots[static_cast<std::size_t>(b % window)];
      changed.wait(lock, [&] { return stop || slot.ready; });
      if (stop) break;
      json_text.swap(slot.json_text);
      csv_text.swap(slot.csv_text);
      slot.ready = false;
      written = b + 1;
    }
    changed.notify_all();
    if (!append(json_text, csv_text)) {
      std::lock_guard lock(mutex);
      stop = true;
      changed.notify_all();
      break;
    }
  }
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  return !load_failed;
}

namespace {

// Every gap report of the chosen edition(s) and formats, through `write(name, content)`.
bool write_gap_reports(const reports_detail::View& v, const OutputFormats& formats,
                       const fs::path& staging,
                       const std::function<bool(const std::string&, const std::string&)>& write) {
  const bool audit = formats.edition != Edition::kUnit;
  const bool unit = formats.edition != Edition::kAudit;
  for (int r = 0; r < v.report_count(); ++r) {
    const std::string stem = v.gap_stem(r);
    if (stem.empty()) continue;
    if (audit && formats.html && !write("gaps/" + stem + ".html", reports_detail::gap_html(v, r)))
      return false;
    if (audit && formats.markdown &&
        !write("gaps/" + stem + ".md", reports_detail::gap_markdown(v, r)))
      return false;
    if (unit && formats.html &&
        !write("gaps/" + stem + ".unit.html", reports_detail::unit_html(v, r)))
      return false;
    if (unit && formats.markdown &&
        !write("gaps/" + stem + ".unit.md", reports_detail::unit_markdown(v, r)))
      return false;
    if (formats.docx) {
      std::string error;
      const std::string bytes =
          reports_detail::unit_docx(v, r, (staging / "docx.tmp").string(), error);
      if (!error.empty() || !write("gaps/" + stem + ".unit.docx", bytes)) return false;
    }
  }
  return true;
}

// --format pdf: every HTML output written (`names`) printed beside it. HTML written only to be
// printed (`keep_html` false) is removed again. False with an error naming the PDF on failure.
bool print_html_outputs(const std::string& chromium, const fs::path& staging, const fs::path& out,
                        int jobs, bool keep_html, std::vector<std::string>& names,
                        std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> html;
  for (const auto& n : names)
    if (n.size() > 5 && n.compare(n.size() - 5, 5, ".html") == 0) html.push_back(n);
  std::string error, failed;
  if (!reports_detail::print_pdfs(chromium, staging.string(), html, jobs, error, failed)) {
    diagnostics.push_back(make_error((out / failed).string(), "pdf-failed", error));
    return false;
  }
  for (const auto& n : html) {
    names.push_back(n.substr(0, n.size() - 5) + ".pdf");
    std::error_code ec;
    if (!keep_html) fs::remove(staging / n, ec);
  }
  if (!keep_html)
    std::erase_if(names, [](const std::string& n) {
      return n.size() > 5 && n.compare(n.size() - 5, 5, ".html") == 0;
    });
  return true;
}

}  // namespace

bool write_output_files(const Evaluation& evaluation, const std::string& dir,
                        const std::string& shown_dir, const OutputFormats& asked,
                        std::vector<Diagnostic>& diagnostics) {
  // --format pdf prints the HTML outputs: they are written (and removed after unless asked).
  OutputFormats formats = asked;
  std::string chromium;
  if (formats.pdf) {
    chromium = reports_detail::find_chromium();
    if (chromium.empty()) {
      diagnostics.push_back(make_warning(
          shown_dir, "pdf-no-chromium",
          "no Chromium found (chromium, chromium-browser, google-chrome or $INDICHECK_CHROMIUM): "
          "no PDF was written; install it (Debian: apt install chromium fonts-noto-cjk) or print "
          "the HTML outputs from a browser"));
      formats.pdf = false;
    }
    formats.html = formats.html || formats.pdf;
  }
  std::error_code ec;
  const fs::path staging(dir);
  const fs::path out(shown_dir);
  fs::create_directories(staging / "gaps", ec);
  if (ec) {
    diagnostics.push_back(
        make_error(shown_dir, "output", "cannot create output directory: " + ec.message()));
    return false;
  }
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
  // index.html lists the files this run keeps (HTML written only to be printed is not kept).
  OutputFormats kept = formats;
  kept.html = asked.html;
  if (formats.html && !write("index.html", render_index_html(evaluation, kept))) return false;
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
  std::optional<reports_detail::ResultsJsonStream> json;  // head and finish of results.json
  if (formats.json) {
    json_file.file.open(staging / "results.json", std::ios::binary | std::ios::trunc);
    json_file.text.reserve(reports_detail::kWriteChunk * 5 / 4);
    json.emplace(v);
    json->head(json_file.text);
  }
  if (formats.csv) {
    csv_file.file.open(staging / "evidence.csv", std::ios::binary | std::ios::trunc);
    csv_file.text.reserve(reports_detail::kWriteChunk * 5 / 4);
    reports_detail::EvidenceCsvStream(v).head(csv_file.text);
  }
  bool render_load_failed = false;
  if (formats.json || formats.csv) {
    // A file that cannot be written (disk full) ends the pass; finish() below reports it.
    const auto append = [&](std::string& json_text, std::string& csv_text) {
      if (formats.json) {
        json_file.text += json_text;
        if (json_file.text.size() >= reports_detail::kWriteChunk) json_file.flush();
      }
      if (formats.csv) {
        csv_file.text += csv_text;
        if (csv_file.text.size() >= reports_detail::kWriteChunk) csv_file.flush();
      }
      return (!formats.json || json_file.file) && (!formats.csv || csv_file.file);
    };
    render_load_failed =
        !reports_detail::render_reports(evaluation, formats.json, formats.csv, append);
    if (json) json->finish(json_file.text);
  }
  const auto finish = [&](Stream& s, const std::string& name) {
    s.flush();
    s.file.flush();
    if (!s.file) {
      diagnostics.push_back(make_error((out / name).string(), "output", write_failure()));
      return false;
    }
    names.push_back(name);
    return true;
  };
  if (formats.json && !finish(json_file, "results.json")) return false;
  if (formats.csv) {
    Stream scores_file;
    scores_file.file.open(staging / "scores.csv", std::ios::binary | std::ios::trunc);
    scores_file.text.reserve(reports_detail::kWriteChunk * 5 / 4);
    reports_detail::write_scores_csv(v, scores_file.text,
                                     [&](std::string&) { scores_file.flush(); });
    if (!finish(scores_file, "scores.csv") || !finish(csv_file, "evidence.csv")) return false;
    // One file per framework with its node scores: no row carries another framework's columns.
    for (int t = 0; t < v.table_count(); ++t)
      if (v.framework(t) && !write("scores-" + evaluation.tables[t].framework_id + ".csv",
                                   reports_detail::scores_csv(v, t)))
        return false;
  }
  if ((formats.html || formats.markdown || formats.docx) &&
      !write_gap_reports(v, formats, staging, write))
    return false;

  if (formats.xlsx) {
    std::string error;
    const std::uint32_t max_rows =
        formats.xlsx_max_rows > 0 ? formats.xlsx_max_rows : reports_detail::kXlsxMaxRows;
    if (!reports_detail::write_results_xlsx(v, (staging / "results.xlsx").string(), error,
                                            max_rows)) {
      diagnostics.push_back(make_error((out / "results.xlsx").string(), "output", error));
      return false;
    }
    names.push_back("results.xlsx");
  }

  if (formats.pdf && !print_html_outputs(chromium, staging, out, evaluation.facts.jobs, asked.html,
                                         names, diagnostics))
    return false;

  if (v.load_failed() || render_load_failed) {
    diagnostics.push_back(make_error(shown_dir, "output",
                                     "the evidence kept on disk during the run could not be read "
                                     "back; nothing was written"));
    return false;
  }

  return true;
}

bool write_outputs(const Evaluation& evaluation, const std::string& out_dir,
                   const OutputFormats& formats, std::vector<Diagnostic>& diagnostics) {
  const auto set = OutputSet::begin(out_dir, diagnostics);
  return set && write_output_files(evaluation, set->staging(), out_dir, formats, diagnostics) &&
         set->commit(diagnostics);
}

}  // namespace indicheck
