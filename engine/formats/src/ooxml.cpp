#include "ooxml.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

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

namespace {

void silent(void*, const char*, ...) {}

}  // namespace

XmlDocPtr parse_xml(const std::string& xml, const char* name) {
  // libxml2 reports encoding and I/O errors through its generic error function whatever the
  // parse options say ("encoding error : input conversion failed…" on our stderr): silence it
  // for this thread; a part that does not parse is the reader's error to report.
  xmlSetGenericErrorFunc(nullptr, silent);
  // A package's XML is UTF-8 or UTF-16 (ECMA-376 Part 2, 8.1.4): a declaration naming anything
  // else ("UTF-8-", "GBK") is wrong and is not followed; UTF-16 shows its byte order mark.
  const bool utf16 =
      xml.size() >= 2 &&
      ((static_cast<unsigned char>(xml[0]) == 0xFF && static_cast<unsigned char>(xml[1]) == 0xFE) ||
       (static_cast<unsigned char>(xml[0]) == 0xFE && static_cast<unsigned char>(xml[1]) == 0xFF));
  // No DTD loading, no entity substitution, no network: a part is data, never a fetch.
  return XmlDocPtr(
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), name, utf16 ? nullptr : "UTF-8",
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT));
}

}  // namespace indicheck::formats::detail
