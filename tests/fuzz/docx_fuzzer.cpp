// Fuzz target: the DOCX reader (libzip, word/document.xml, numbering and styles, size limits). See
// format_fuzzer.h.
#include "format_fuzzer.h"
#include "internal.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return indicheck::fuzz::fuzz_reader(data, size, "fuzz.docx",
                                      indicheck::formats::detail::read_docx);
}
