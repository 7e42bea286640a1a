// extract(): detect the format by content, run its reader, turn library exceptions into
// diagnostics; and the small UTF-8 helpers the readers share.
#include <fmt/format.h>

#include <exception>
#include <new>

#include "indicheck/utf8.h"
#include "internal.h"

namespace indicheck::formats {

namespace detail {

std::uint32_t next_code_point(std::string_view s, std::size_t i, char32_t& cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  auto byte = [&](std::size_t k) { return char32_t(static_cast<unsigned char>(s[i + k]) & 0x3F); };
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  if (c >= 0xC0 && c < 0xE0 && cont(1)) {
    cp = (char32_t(c & 0x1F) << 6) | byte(1);
    return 2;
  }
  if (c >= 0xE0 && c < 0xF0 && cont(1) && cont(2)) {
    cp = (char32_t(c & 0x0F) << 12) | (byte(1) << 6) | byte(2);
    return 3;
  }
  if (c >= 0xF0 && cont(1) && cont(2) && cont(3)) {
    cp = (char32_t(c & 0x07) << 18) | (byte(1) << 12) | (byte(2) << 6) | byte(3);
    return 4;
  }
  cp = 0xFFFD;
  return 1;
}

bool is_text_punctuation(char32_t cp) {
  switch (cp) {
    case U'。':
    case U'，':
    case U'；':
    case U'：':
    case U'、':
    case U'！':
    case U'？':
    case U'“':
    case U'”':
    case U'（':
    case U'）':
    case U'《':
    case U'》':
      return true;
    default:
      return false;
  }
}

bool is_wide(char32_t cp) {
  return is_han(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
         (cp >= 0x2018 && cp <= 0x201F) || (cp >= 0x2460 && cp <= 0x24FF);
}

std::string_view trim_space(std::string_view s) {
  auto space_at_front = [](std::string_view t, std::size_t& n) {
    if (t.empty()) return false;
    const auto c = static_cast<unsigned char>(t[0]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return (n = 1), true;
    if (t.substr(0, 2) == "\xC2\xA0") return (n = 2), true;      // U+00A0
    if (t.substr(0, 3) == "\xE3\x80\x80") return (n = 3), true;  // U+3000
    if (t.size() >= 3 && c == 0xE2 && static_cast<unsigned char>(t[1]) == 0x80 &&
        static_cast<unsigned char>(t[2]) <= 0x8B)
      return (n = 3), true;  // U+2000-U+200B
    return false;
  };
  auto space_at_back = [](std::string_view t, std::size_t& n) {
    if (t.empty()) return false;
    const auto c = static_cast<unsigned char>(t.back());
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return (n = 1), true;
    if (t.size() >= 2 && t.substr(t.size() - 2) == "\xC2\xA0") return (n = 2), true;
    if (t.size() >= 3) {
      const std::string_view e = t.substr(t.size() - 3);
      if (e == "\xE3\x80\x80") return (n = 3), true;
      if (static_cast<unsigned char>(e[0]) == 0xE2 && static_cast<unsigned char>(e[1]) == 0x80 &&
          static_cast<unsigned char>(e[2]) <= 0x8B)
        return (n = 3), true;
    }
    return false;
  };
  std::size_t n = 0;
  while (space_at_front(s, n)) s.remove_prefix(n);
  while (space_at_back(s, n)) s.remove_suffix(n);
  return s;
}

}  // namespace detail

bool extract(std::string_view bytes, const std::string& path, Extracted& out,
             std::vector<Diagnostic>& diagnostics, const ExtractOptions& options) {
  out = Extracted{};
  out.format = detect_format(bytes);
  try {
    switch (out.format) {
      case Format::kText:
        return true;
      case Format::kHtml:
        return detail::read_html(bytes, path, out, diagnostics);
      case Format::kDocx:
        return detail::read_docx(bytes, path, out, diagnostics);
      case Format::kPdf:
        return detail::read_pdf(bytes, path, options, out, diagnostics);
      case Format::kLegacyWord:
        return detail::read_legacy_word(bytes, path, out, diagnostics);
      case Format::kOtherBinary:
        diagnostics.push_back(
            make_error(path, "binary",
                       "this is not a report (an image, an archive or a zip that is not a "
                       "Word document); give the report as text, HTML, .docx or PDF"));
        return false;
    }
  } catch (const std::bad_alloc&) {
    diagnostics.push_back(
        make_error(path, "too-large", "out of memory while extracting the text of this file"));
  } catch (const std::exception& e) {
    diagnostics.push_back(make_error(
        path, "internal", fmt::format("unexpected failure extracting text: {}", e.what())));
  }
  return false;
}

}  // namespace indicheck::formats
