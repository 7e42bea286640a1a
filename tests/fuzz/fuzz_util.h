// Shared by the fuzz targets (tests/fuzz/*_fuzzer.cpp): what counts as a finding.
//
// Bad input is expected: a stage that returns no result with an error diagnostic naming the
// input has done its job. A finding is anything else: a crash or sanitizer report (libFuzzer and
// the sanitizers catch those), an exception escaping a stage (std::terminate aborts), a stage
// returning nothing without an error, or an `internal` error (a library exception caught at the
// boundary: a bug by docs/errors.md), or a broken invariant of a result. fuzz_fail() aborts so
// that libFuzzer saves the input and the replay driver fails the ctest test.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "indicheck/diagnostic.h"

namespace indicheck::fuzz {

[[noreturn]] inline void fuzz_fail(const std::string& what) {
  std::fprintf(stderr, "fuzz finding: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

inline void fuzz_check(bool ok, const char* what) {
  if (!ok) fuzz_fail(what);
}

// A stage that failed (`ok` false) must have said why with an error; no stage may report an
// `internal` error (an exception it did not expect) or an error without a code.
// INDICHECK_FUZZ_VERBOSE=1 prints every diagnostic (to see what an input exercises).
inline void check_diagnostics(bool ok, const std::vector<Diagnostic>& diagnostics) {
  static const bool verbose = std::getenv("INDICHECK_FUZZ_VERBOSE") != nullptr;
  if (verbose) {
    for (const auto& d : diagnostics) std::fprintf(stderr, "  %s\n", d.str().c_str());
    std::fprintf(stderr, "  -> %s\n", ok ? "ok" : "failed");
  }
  for (const auto& d : diagnostics) {
    if (d.code.empty()) fuzz_fail("diagnostic without a code: " + d.str());
    if (d.code == "internal") fuzz_fail("internal error: " + d.str());
  }
  if (!ok && !has_errors(diagnostics)) fuzz_fail("failed without an error diagnostic");
}

// A private folder for targets whose stage reads files (rule packs, profiles): made once per
// process, removed at exit.
class ScratchDir {
 public:
  ScratchDir() {
    std::error_code ec;
    auto base = std::filesystem::temp_directory_path(ec);
    if (ec) base = "/tmp";
    std::string tmpl = (base / "indicheck-fuzz-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) fuzz_fail("cannot create a scratch folder");
    path_ = tmpl;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  // Copies `file` into the folder under its own name.
  void copy_in(const std::filesystem::path& file) const {
    std::error_code ec;
    std::filesystem::copy_file(file, path_ / file.filename(),
                               std::filesystem::copy_options::overwrite_existing, ec);
    if (ec) fuzz_fail("cannot copy " + file.string() + ": " + ec.message());
  }

  // Writes `bytes` to `name` in the folder (replacing it) and returns its path.
  std::string write(const std::string& name, std::string_view bytes) const {
    const auto p = path_ / name;
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) fuzz_fail("cannot write " + p.string());
    return p.string();
  }

 private:
  std::filesystem::path path_;
};

// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
inline bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    // Length from the lead byte; 0xC0, 0xC1 and 0xF5-0xFF never appear.
    const std::size_t n = b < 0x80   ? 1
                          : b < 0xC2 ? 0
                          : b < 0xE0 ? 2
                          : b < 0xF0 ? 3
                          : b < 0xF5 ? 4
                                     : 0;
    if (n == 0) return false;
    char32_t cp = n == 1 ? b : b & (0x7Fu >> n);
    if (i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0u) != 0x80u) return false;
      cp = (cp << 6) | (c & 0x3Fu);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    i += n;
  }
  return true;
}

inline std::string_view as_view(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace indicheck::fuzz
