// bench_formats [SECONDS]: MB/s of input per core for each format reader, on the committed
// fixtures of tests/formats (real saved pages, LibreOffice .docx, .doc and PDF, a scanned page
// read with --ocr). Each group of files is extracted repeatedly from memory for SECONDS
// (default 2) of CPU time: the process's (Tesseract may use threads) plus its finished
// children's (antiword), so one core's worth of work whatever runs it.
#include <fmt/format.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "indicheck/formats.h"

namespace fs = std::filesystem;

namespace {

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  rusage children{};
  getrusage(RUSAGE_CHILDREN, &children);
  auto tv = [](const timeval& v) {
    return static_cast<double>(v.tv_sec) + static_cast<double>(v.tv_usec) * 1e-6;
  };
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9 +
         tv(children.ru_utime) + tv(children.ru_stime);
}

std::vector<std::string> load(const fs::path& dir, const std::string& ext) {
  std::vector<std::string> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ext) {
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      out.push_back(ss.str());
    }
  return out;
}

// `pages`: pages per file, to print pages/s (OCR).
void run(const char* name, const std::vector<std::string>& files, double seconds,
         const indicheck::formats::ExtractOptions& options = {}, int pages = 0) {
  if (files.empty()) return;
  std::size_t bytes = 0, text = 0, rounds = 0;
  const double t0 = cpu_seconds();
  double t = t0;
  while (t - t0 < seconds) {
    for (const auto& f : files) {
      std::vector<indicheck::Diagnostic> d;
      indicheck::formats::Extracted out;
      indicheck::formats::extract(f, "bench", out, d, options);
      bytes += f.size();
      text += out.text.size();
    }
    ++rounds;
    t = cpu_seconds();
  }
  const double mb = static_cast<double>(bytes) / 1e6;
  fmt::print(
      "{:<6} {:2} files, {:7.1f} KB each on average: {:7.1f} MB/s of input, {:6.1f} MB/s of text "
      "out ({} rounds)\n",
      name, files.size(),
      static_cast<double>(bytes) / static_cast<double>(files.size() * rounds) / 1e3, mb / (t - t0),
      static_cast<double>(text) / 1e6 / (t - t0), rounds);
  if (pages > 0)
    fmt::print("{:<6} {:.3f} pages/s per core\n", name,
               static_cast<double>(pages * files.size() * rounds) / (t - t0));
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
  const fs::path dir = fs::path(INDICHECK_SOURCE_DIR) / "tests/formats";
  run("html", load(dir / "html", ".html"), seconds);
  run("docx", load(dir / "docx", ".docx"), seconds);
  run("pdf", load(dir / "pdf", ".pdf"), seconds);
  run("doc", load(dir / "doc", ".doc"), seconds);
  indicheck::formats::ExtractOptions ocr;
  ocr.ocr = true;
  run("ocr", load(dir / "ocr", ".pdf"), seconds, ocr, 1);
  return 0;
}
