// One format reader of engine/formats (html.cpp, docx.cpp, pdf.cpp) as a fuzz target: the
// reader itself, called without extract()'s net that turns library exceptions into an
// `internal` error, so an exception is a crash here. Checked: a failure carries an error; the
// text of a success is valid UTF-8 and its page marks point at lines that exist.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "indicheck/formats.h"

namespace indicheck::fuzz {

inline void check_extracted(const formats::Extracted& out) {
  const auto& t = out.text;
  fuzz_check(valid_utf8(t), "extracted text is not valid UTF-8");
  const auto lines = static_cast<std::uint32_t>(std::count(t.begin(), t.end(), '\n')) + 1;
  for (const auto& m : out.page_marks) fuzz_check(m.line >= 1 && m.line <= lines, "page mark line");
}

template <typename Reader>
int fuzz_reader(const std::uint8_t* data, std::size_t size, const char* path, Reader read) {
  formats::Extracted out;
  std::vector<Diagnostic> diagnostics;
  const bool ok = read(as_view(data, size), std::string(path), out, diagnostics);
  check_diagnostics(ok, diagnostics);
  if (ok) check_extracted(out);
  return 0;
}

}  // namespace indicheck::fuzz
