// Fuzz target: the DOCX reader (libzip, word/document.xml, numbering and styles, size limits). See
// format_fuzzer.h. Inputs that are not a zip are the XML parts (document, numbering, styles)
// separated by "--8<--" lines, zipped in memory (zip_parts.h), so mutations reach the XML.
#include "format_fuzzer.h"
#include "internal.h"
#include "zip_parts.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes =
      indicheck::fuzz::zip_input(indicheck::fuzz::as_view(data, size),
                                 {"word/document.xml", "word/numbering.xml", "word/styles.xml"});
  return indicheck::fuzz::fuzz_reader(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                      bytes.size(), "fuzz.docx",
                                      indicheck::formats::detail::read_docx);
}
