// Fuzz target: the HTML reader (libxml2 HTML parser, charset detection, page metadata). See
// format_fuzzer.h.
#include "format_fuzzer.h"
#include "internal.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return indicheck::fuzz::fuzz_reader(data, size, "fuzz.html",
                                      indicheck::formats::detail::read_html);
}
