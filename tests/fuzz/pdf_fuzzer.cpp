// Fuzz target: the PDF reader (poppler text layer, page marks; OCR off). See format_fuzzer.h.
#include "format_fuzzer.h"
#include "internal.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return indicheck::fuzz::fuzz_reader(
      data, size, "fuzz.pdf",
      [](std::string_view bytes, const std::string& path, indicheck::formats::Extracted& out,
         std::vector<indicheck::Diagnostic>& diagnostics) {
        return indicheck::formats::detail::read_pdf(bytes, path, {}, out, diagnostics);
      });
}
