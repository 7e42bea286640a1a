// Reading the parts of an Office Open XML package (.docx, .xlsx): one part inflated from the
// zip with a size cap, parsed by libxml2 as data only. Shared by docx.cpp and xlsx.cpp.
#pragma once

#include <libxml/tree.h>
#include <zip.h>

#include <memory>
#include <string>

namespace indicheck::formats::detail {

struct XmlDocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

enum class PartResult { kOk, kMissing, kTooLarge, kBroken };

// Inflates the part `name` (case-insensitive) into `out`, at most limits::kMaxDocxPartBytes.
PartResult read_part(zip_t* zip, const std::string& name, std::string& out);

// Parses a part: no DTD loading, no entity substitution, no network (a part is data, never a
// fetch). Null when it is not well-formed XML.
XmlDocPtr parse_xml(const std::string& xml, const char* name);

}  // namespace indicheck::formats::detail
