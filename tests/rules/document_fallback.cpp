// TEMPORARY stand-ins for the document stage's functions, so the rules tests link while the
// document stage is being written. Compiled only with -DINDICHECK_RULES_DOCUMENT_FALLBACK=ON
// (never in a normal build, where the real definitions in indicheck::document are used).
#include <string>

#include "indicheck/document.h"

namespace indicheck {

std::string normalize_for_matching(std::string_view utf8) {
  return std::string(utf8);
}

std::uint32_t Document::to_original(std::uint32_t text_offset) const {
  return text_offset;
}

LineCol Document::line_col(std::uint32_t offset) const {
  LineCol lc{1, 1};
  for (std::uint32_t i = 0; i < offset && i < original.size(); ++i) {
    if (original[i] == '\n')
      lc.line++, lc.column = 1;
    else if ((static_cast<unsigned char>(original[i]) & 0xC0) != 0x80)
      lc.column++;
  }
  return lc;
}

std::string_view Document::original_text(Span span) const {
  return std::string_view(original).substr(span.begin, span.size());
}

std::string Document::section_path(std::uint32_t section) const {
  std::string out;
  for (int s = static_cast<int>(section); s > 0; s = sections[static_cast<std::size_t>(s)].parent)
    out = sections[static_cast<std::size_t>(s)].title + (out.empty() ? "" : " > " + out);
  return out;
}

}  // namespace indicheck
