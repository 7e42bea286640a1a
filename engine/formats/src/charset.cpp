// Charsets of web pages. Government pages are UTF-8 or GB2312/GBK (read as GB18030, their
// superset); a few declare one and are written in the other (a template copied between
// sites). The declared charset is honoured when the bytes are valid in it; otherwise the
// page is read as whichever of UTF-8 and GB18030 is valid, and a warning says so, because a
// page silently read in the wrong charset scores zero.
//
// glibc's iconv does the conversion (GB18030, GBK, Big5, UTF-16 are all built in), so the
// formats stage needs no ICU.
#include <fmt/format.h>
#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

#include "indicheck/utf8.h"
#include "internal.h"

namespace indicheck::formats::detail {

namespace {

constexpr std::size_t kCharsetWindow = 16 * 1024;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return out;
}

// iconv name of a declared charset; GB2312 and GBK pages are decoded as GB18030 (a superset:
// pages declaring gb2312 routinely use GBK characters such as 镕).
std::string iconv_name(const std::string& declared) {
  if (declared == "gb2312" || declared == "gbk" || declared == "x-gbk" || declared == "gb18030" ||
      declared == "cp936" || declared == "euc-cn" || declared == "hz-gb-2312")
    return "GB18030";
  if (declared == "utf8" || declared == "utf-8") return "UTF-8";
  if (declared == "big5" || declared == "big5-hkscs" || declared == "x-x-big5") return "BIG5-HKSCS";
  return declared;
}

bool single_byte_charset(const std::string& name) {
  return name.rfind("iso-8859", 0) == 0 || name.rfind("windows-125", 0) == 0 ||
         name == "us-ascii" || name == "ascii" || name == "latin1";
}

// Strict conversion: false at the first invalid or incomplete sequence.
bool convert(std::string_view bytes, const std::string& from, std::string& out) {
  if (from == "UTF-8") {
    if (!valid_utf8(bytes)) return false;
    out.assign(bytes);
    return true;
  }
  iconv_t cd = ::iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  out.assign(bytes.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::size_t used = 0;
  bool ok = true;
  while (in_left > 0) {
    char* dst = out.data() + used;
    std::size_t dst_left = out.size() - used;
    const std::size_t r = ::iconv(cd, &in, &in_left, &dst, &dst_left);
    used = out.size() - dst_left;
    if (r != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    ok = false;  // EILSEQ or EINVAL
    break;
  }
  ::iconv_close(cd);
  out.resize(used);
  return ok;
}

}  // namespace

std::string declared_charset(std::string_view bytes) {
  const std::string head = lower(bytes.substr(0, kCharsetWindow));
  for (std::size_t at = head.find("charset"); at != std::string::npos;
       at = head.find("charset", at + 7)) {
    // Only inside a tag: the last '<' before it is after the last '>'.
    const std::size_t lt = head.rfind('<', at), gt = head.rfind('>', at);
    if (lt == std::string::npos || (gt != std::string::npos && gt > lt)) continue;
    if (head.compare(lt, 5, "<meta") != 0) continue;
    std::size_t i = at + 7;
    while (i < head.size() &&
           (head[i] == ' ' || head[i] == '=' || head[i] == '"' || head[i] == '\''))
      ++i;
    std::size_t j = i;
    while (j < head.size() &&
           (std::isalnum(static_cast<unsigned char>(head[j])) || head[j] == '-' || head[j] == '_'))
      ++j;
    if (j > i) return head.substr(i, j - i);
  }
  return {};
}

bool page_to_utf8(std::string_view bytes, const std::string& path, std::string& utf8,
                  std::string& encoding, std::vector<Diagnostic>& diagnostics) {
  using namespace std::string_view_literals;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF"sv) {
    bytes.remove_prefix(3);
    if (convert(bytes, "UTF-8", utf8)) {
      encoding = "UTF-8 (BOM)";
      return true;
    }
  }
  const std::string declared = declared_charset(bytes);
  const std::string name = iconv_name(declared);
  const bool ascii_only =
      std::all_of(bytes.begin(), bytes.end(), [](char c) { return (c & 0x80) == 0; });
  if (!declared.empty() && (!single_byte_charset(declared) || ascii_only) &&
      convert(bytes, name, utf8)) {
    encoding = name == declared || lower(name) == declared
                   ? name
                   : fmt::format("{} (declared {})", name, declared);
    return true;
  }
  for (const char* guess : {"UTF-8", "GB18030"}) {
    if (!convert(bytes, guess, utf8)) continue;
    encoding = guess;
    if (!declared.empty()) {
      encoding += fmt::format(" (declared {})", declared);
      diagnostics.push_back(make_warning(
          path, "charset-mismatch",
          fmt::format("the page declares charset {} but its bytes are not {}; read as {}", declared,
                      declared, guess)));
    }
    return true;
  }
  diagnostics.push_back(make_error(path, "wrong-charset",
                                   declared.empty()
                                       ? "the page declares no charset and is neither valid UTF-8 "
                                         "nor GB18030; save it again as UTF-8"
                                       : fmt::format("the page declares charset {} but its bytes "
                                                     "are not valid {}, UTF-8 or GB18030; save it "
                                                     "again as UTF-8",
                                                     declared, declared)));
  return false;
}

}  // namespace indicheck::formats::detail
