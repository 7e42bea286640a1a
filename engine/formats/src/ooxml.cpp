#include "ooxml.h"

#include <libxml/parser.h>

#include "indicheck/limits.h"

namespace indicheck::formats::detail {

PartResult read_part(zip_t* zip, const std::string& name, std::string& out) {
  const zip_int64_t index = zip_name_locate(zip, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return PartResult::kMissing;
  zip_file_t* f = zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0);
  if (!f) return PartResult::kBroken;
  out.clear();
  char buf[1 << 16];
  PartResult result = PartResult::kOk;
  while (true) {
    const zip_int64_t got = zip_fread(f, buf, sizeof buf);
    if (got < 0) {
      result = PartResult::kBroken;
      break;
    }
    if (got == 0) break;
    if (out.size() + static_cast<std::size_t>(got) > limits::kMaxDocxPartBytes) {
      result = PartResult::kTooLarge;
      break;
    }
    out.append(buf, static_cast<std::size_t>(got));
  }
  zip_fclose(f);
  return result;
}

XmlDocPtr parse_xml(const std::string& xml, const char* name) {
  // No DTD loading, no entity substitution, no network: a part is data, never a fetch.
  return XmlDocPtr(
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), name, nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT));
}

}  // namespace indicheck::formats::detail
