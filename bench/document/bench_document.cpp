// bench_document [SECONDS]: decode + normalize + outline + metadata throughput of the document
// stage, single thread, for Simplified (xiangcheng, nanhu, xinbei, sip) and Traditional
// (taicang) reports, each read as its own document from memory as many times as fits in the
// time budget (thread CPU time, so a busy machine does not distort it); plus one large one-line
// file; plus the same reports re-encoded as GB18030 (and taicang as Big5), decode alone and
// end to end. Prints MB/s per core (1 MB = 10^6 bytes of input) and the
// Traditional/Simplified and GB18030/UTF-8 ratios. Goal: > 150 MB/s per core, Traditional and
// GB18030 within 2x.
#include <fmt/format.h>
#include <time.h>
#include <unicode/translit.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "indicheck/document.h"
#include "internal.h"  // decode_bytes, to time decoding alone

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

// UTF-8 → bytes in the ICU encoding `name`.
std::string encode(const std::string& utf8, const char* name) {
  UErrorCode st = U_ZERO_ERROR;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  UConverter* conv = ucnv_open(name, &st);
  std::string out(static_cast<std::size_t>(u.length()) * 4 + 16, '\0');
  const int32_t len = u.extract(out.data(), static_cast<int32_t>(out.size()), conv, st);
  ucnv_close(conv);
  if (U_FAILURE(st)) {
    fmt::print(stderr, "bench: cannot encode as {}\n", name);
    std::exit(1);
  }
  out.resize(static_cast<std::size_t>(len));
  return out;
}

// Decode-only MB/s (input bytes) over `inputs`; checks the detected encoding.
double decode_throughput(const std::vector<std::string>& inputs, double seconds,
                         const char* expect) {
  std::size_t bytes = 0;
  const double start = thread_seconds();
  double elapsed = 0;
  do {
    for (const auto& in : inputs) {
      std::vector<indicheck::Diagnostic> diagnostics;
      indicheck::detail::Decoded decoded;
      if (!indicheck::detail::decode_bytes(in, "bench", {}, decoded, diagnostics) ||
          decoded.encoding != expect) {
        fmt::print(stderr, "bench: decode failed or detected {} instead of {}\n", decoded.encoding,
                   expect);
        std::exit(1);
      }
      bytes += in.size();
    }
    elapsed = thread_seconds() - start;
  } while (elapsed < seconds);
  return static_cast<double>(bytes) / 1e6 / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
  const std::string corpus = std::string(INDICHECK_SOURCE_DIR) + "/corpus/";
  std::vector<std::string> simplified, traditional;
  for (const char* name :
       {"xiangcheng-2021.txt", "nanhu-2021.txt", "xinbei-2020.txt", "sip-2023.txt"})
    simplified.push_back(slurp(corpus + name));
  traditional.push_back(slurp(corpus + "taicang-2024.txt"));

  // First use builds the normalization table from ICU; time it separately.
  const auto t0 = Clock::now();
  std::size_t sentences = 0;
  throughput({simplified[0]}, 0, sentences);
  fmt::print("table build + first document: {:.1f} ms\n",
             std::chrono::duration<double, std::milli>(Clock::now() - t0).count());

  const double s = throughput(simplified, seconds, sentences);
  fmt::print(
      "simplified  (4 reports, {} KB): {:8.1f} MB/s per core",
      (simplified[0].size() + simplified[1].size() + simplified[2].size() + simplified[3].size()) /
          1000,
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
    fmt::print(
        "same 4 in Traditional script:     {:8.1f} MB/s per core  (wall clock {:.1f} MB/s)\n", c,
        last_wall_mbps);
    fmt::print("traditional / simplified time ratio (same text): {:.2f}x (goal <= 2x)\n", s / c);
  }
  const double t = throughput(traditional, seconds, sentences);
  fmt::print("traditional (taicang, {} KB):    {:8.1f} MB/s per core  (wall clock {:.1f} MB/s)\n",
             traditional[0].size() / 1000, t, last_wall_mbps);
  fmt::print("traditional / simplified time ratio: {:.2f}x (goal <= 2x)\n", s / t);

  // Legacy encodings: the four Simplified reports in GB18030, taicang in Big5.
  {
    std::vector<std::string> gb, big5;
    std::size_t gb_bytes = 0;
    for (const auto& in : simplified) {
      gb.push_back(encode(in, "GB18030"));
      gb_bytes += gb.back().size();
    }
    big5.push_back(encode(traditional[0], "Big5"));
    const double du = decode_throughput(simplified, seconds, "UTF-8");
    const double dg = decode_throughput(gb, seconds, "GB18030");
    const double db = decode_throughput(big5, seconds, "Big5");
    fmt::print(
        "decode only: UTF-8 {:.1f} MB/s, GB18030 {:.1f} MB/s, Big5 (taicang) {:.1f} MB/s per "
        "core\n",
        du, dg, db);
    const double g = throughput(gb, seconds, sentences);
    fmt::print("same 4 in GB18030 ({} KB):       {:8.1f} MB/s per core  (wall clock {:.1f} MB/s)\n",
               gb_bytes / 1000, g, last_wall_mbps);
    // Per report, not per byte: GB18030 takes 2 bytes a Han character where UTF-8 takes 3.
    const double g_per_report = g / static_cast<double>(gb_bytes);
    const double s_per_report =
        s / static_cast<double>(simplified[0].size() + simplified[1].size() + simplified[2].size() +
                                simplified[3].size());
    fmt::print("GB18030 / UTF-8 time ratio (same reports): {:.2f}x (goal <= 2x)\n",
               s_per_report / g_per_report);
  }

  // A 20 MB one-line file (every line break removed), read once.
  std::string big;
  std::string line;
  for (char c : simplified[1])
    if (c != '\n') line += c;
  while (big.size() < (20u << 20)) big += line;
  const double b = throughput({big}, 0, sentences);
  fmt::print(
      "one-line 20 MB file:             {:8.1f} MB/s per core  (wall clock {:.1f} MB/s, {} "
      "sentences)\n",
      b, last_wall_mbps, sentences);
  return 0;
}
