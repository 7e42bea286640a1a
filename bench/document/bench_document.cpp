// bench_document [SECONDS]: decode + normalize + outline + metadata throughput of the document
// stage, single thread, for Simplified (xiangcheng, nanhu, xinbei, sip) and Traditional
// (taicang) reports, each read as its own document from memory as many times as fits in the
// time budget (thread CPU time, so a busy machine does not distort it); plus one large one-line
// file. Prints MB/s per core (1 MB = 10^6 bytes of input) and the
// Traditional/Simplified ratio. Goal: > 150 MB/s per core, Traditional within 2x.
#include <fmt/format.h>

#include <time.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

#include "indicheck/document.h"

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

using Clock = std::chrono::steady_clock;

// CPU time of this thread: MB/s per core, independent of how busy the machine is.
double thread_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// MB/s over `inputs`, repeated until `seconds` have passed.
double last_wall_mbps = 0;  // wall-clock rate of the last throughput() call, for comparison

double throughput(const std::vector<std::string>& inputs, double seconds, std::size_t& sentences) {
  std::size_t bytes = 0;
  sentences = 0;
  const auto wall_start = Clock::now();
  const double start = thread_seconds();
  double elapsed = 0;
  do {
    for (const auto& in : inputs) {
      std::vector<indicheck::Diagnostic> diagnostics;
      auto doc = indicheck::read_document_bytes(in, "bench", {}, diagnostics);
      if (!doc) {
        fmt::print(stderr, "bench: read failed\n");
        std::exit(1);
      }
      bytes += in.size();
      sentences += doc->sentences.size();
    }
    elapsed = thread_seconds() - start;
  } while (elapsed < seconds);
  last_wall_mbps = static_cast<double>(bytes) / 1e6 /
                   std::chrono::duration<double>(Clock::now() - wall_start).count();
  return static_cast<double>(bytes) / 1e6 / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
  const std::string corpus = std::string(INDICHECK_SOURCE_DIR) + "/corpus/";
  std::vector<std::string> simplified, traditional;
  for (const char* name : {"xiangcheng-2021.txt", "nanhu-2021.txt", "xinbei-2020.txt", "sip-2023.txt"})
    simplified.push_back(slurp(corpus + name));
  traditional.push_back(slurp(corpus + "taicang-2024.txt"));

  // First use builds the normalization table from ICU; time it separately.
  const auto t0 = Clock::now();
  std::size_t sentences = 0;
  throughput({simplified[0]}, 0, sentences);
  fmt::print("table build + first document: {:.1f} ms\n",
             std::chrono::duration<double, std::milli>(Clock::now() - t0).count());

  const double s = throughput(simplified, seconds, sentences);
  fmt::print("simplified  (4 reports, {} KB): {:8.1f} MB/s per core", (simplified[0].size() + simplified[1].size() +
                                                                 simplified[2].size() + simplified[3].size()) / 1000,
             s);
  fmt::print("  (wall clock {:.1f} MB/s)\n", last_wall_mbps);
  // The same four reports in Traditional script (ICU Simplified-Traditional): a like-for-like
  // comparison, since taicang also differs in punctuation and length.
  std::vector<std::string> converted;
  {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> to_traditional(
        icu::Transliterator::createInstance("Simplified-Traditional", UTRANS_FORWARD, st));
    if (U_SUCCESS(st))
      for (const auto& in : simplified) {
        icu::UnicodeString u = icu::UnicodeString::fromUTF8(in);
        to_traditional->transliterate(u);
        std::string out;
        u.toUTF8String(out);
        converted.push_back(std::move(out));
      }
  }
  if (!converted.empty()) {
    const double c = throughput(converted, seconds, sentences);
    fmt::print("same 4 in Traditional script:     {:8.1f} MB/s per core  (wall clock {:.1f} MB/s)\n", c,
               last_wall_mbps);
    fmt::print("traditional / simplified time ratio (same text): {:.2f}x (goal <= 2x)\n", s / c);
  }
  const double t = throughput(traditional, seconds, sentences);
  fmt::print("traditional (taicang, {} KB):    {:8.1f} MB/s per core  (wall clock {:.1f} MB/s)\n",
             traditional[0].size() / 1000, t, last_wall_mbps);
  fmt::print("traditional / simplified time ratio: {:.2f}x (goal <= 2x)\n", s / t);

  // A 20 MB one-line file (every line break removed), read once.
  std::string big;
  std::string line;
  for (char c : simplified[1])
    if (c != '\n') line += c;
  while (big.size() < (20u << 20)) big += line;
  const double b = throughput({big}, 0, sentences);
  fmt::print("one-line 20 MB file:             {:8.1f} MB/s per core  (wall clock {:.1f} MB/s, {} sentences)\n",
             b, last_wall_mbps, sentences);
  return 0;
}
