// Format detection by content: magic bytes first, then markup for web pages. The extension of
// a file is never looked at: a .txt saved from a browser is HTML, a .doc or .wps written by
// WPS Office is often a .docx inside.
#include <algorithm>
#include <cctype>
#include <cstring>

#include "internal.h"

namespace indicheck::formats {

namespace {

using namespace std::string_view_literals;

bool starts_with(std::string_view b, std::string_view magic) {
  return b.size() >= magic.size() && b.substr(0, magic.size()) == magic;
}

// Markup that opens a web page. Looked for (case-insensitively) in the first 4 KiB once the
// first non-blank character is '<': a report in plain text never starts with a tag.
constexpr std::string_view kPageTags[] = {"<!doctype html", "<html", "<head", "<body", "<meta",
                                          "<title",         "<div",  "<p>",   "<p ",   "<table"};
constexpr std::size_t kMarkupWindow = 4096;

bool looks_like_html(std::string_view b) {
  if (starts_with(b, "\xEF\xBB\xBF"sv)) b.remove_prefix(3);
  std::size_t i = 0;
  while (i < b.size() && std::isspace(static_cast<unsigned char>(b[i]))) ++i;
  if (i >= b.size() || b[i] != '<') return false;
  std::string head(b.substr(i, kMarkupWindow));
  std::transform(head.begin(), head.end(), head.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return std::any_of(std::begin(kPageTags), std::end(kPageTags),
                     [&](std::string_view tag) { return head.find(tag) != std::string::npos; });
}

// A zip is a Word document when an entry name starts with "word/" (local headers and the
// central directory both carry the names; memmem runs at memory speed).
bool zip_has_word_part(std::string_view b) {
  return ::memmem(b.data(), b.size(), "word/", 5) != nullptr;
}

}  // namespace

std::string_view format_name(Format format) {
  switch (format) {
    case Format::kText:
      return "text";
    case Format::kHtml:
      return "html";
    case Format::kDocx:
      return "docx";
    case Format::kPdf:
      return "pdf";
    case Format::kLegacyWord:
      return "doc";
    case Format::kOtherBinary:
      return "binary";
  }
  return "text";
}

Format detect_format(std::string_view b) {
  if (starts_with(b, "PK\x03\x04"sv) || starts_with(b, "PK\x05\x06"sv))
    return zip_has_word_part(b) ? Format::kDocx : Format::kOtherBinary;
  // %PDF may follow a few bytes of junk (the specification allows 1 KiB).
  if (b.substr(0, 1024).find("%PDF-") != std::string_view::npos) return Format::kPdf;
  if (starts_with(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv)) return Format::kLegacyWord;
  if (starts_with(b, "\x89PNG"sv) || starts_with(b, "\x1F\x8B"sv) ||
      starts_with(b, "\xFF\xD8\xFF"sv) || starts_with(b, "GIF8"sv))
    return Format::kOtherBinary;
  if (looks_like_html(b)) return Format::kHtml;
  return Format::kText;
}

}  // namespace indicheck::formats
