// bench_formats [SECONDS]: MB/s of input per core for each format reader, on the committed
// fixtures of tests/formats (real saved pages, LibreOffice .docx and PDF). Each group of files
// is extracted repeatedly from memory for SECONDS (default 2) of thread CPU time.
#include <fmt/format.h>
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
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
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

void run(const char* name, const std::vector<std::string>& files, double seconds) {
  if (files.empty()) return;
  std::size_t bytes = 0, text = 0, rounds = 0;
  const double t0 = cpu_seconds();
  double t = t0;
  while (t - t0 < seconds) {
    for (const auto& f : files) {
      std::vector<indicheck::Diagnostic> d;
      indicheck::formats::Extracted out;
      indicheck::formats::extract(f, "bench", out, d);
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
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
  const fs::path dir = fs::path(INDICHECK_SOURCE_DIR) / "tests/formats";
  run("html", load(dir / "html", ".html"), seconds);
  run("docx", load(dir / "docx", ".docx"), seconds);
  run("pdf", load(dir / "pdf", ".pdf"), seconds);
  return 0;
}
