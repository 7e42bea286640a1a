// Legacy encodings without a BOM: strict GB18030 / Big5 conversions decide long texts, ICU's
// charset detector decides short texts and damaged files (engine/document/src/decode.cpp).
#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "doc_test_util.h"

using namespace indicheck;
using doctest::corpus_path;
using doctest::encode;
using doctest::read_ok;

namespace {

std::string utf8_of(const char* name) {
  return doctest::slurp(corpus_path(name));
}

// Cuts UTF-8 text to at most `n` bytes without splitting a character.
std::string utf8_prefix(const std::string& s, std::size_t n) {
  if (n >= s.size()) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

}  // namespace

TEST_CASE("legacy: clean GB18030 and Big5 files give exactly the UTF-8 text") {
  for (const char* name : {"xiangcheng-2021.txt", "nanhu-2021.txt", "xinbei-2020.txt",
                           "sip-2023.txt", "taicang-2024.txt"}) {
    INFO(name);
    const std::string utf8 = utf8_of(name);
    std::vector<Diagnostic> d;
    const auto gb = read_document_bytes(encode(utf8, "GB18030"), name, {}, d);
    REQUIRE(gb.has_value());
    CHECK(d.empty());  // no warning: nothing was replaced
    CHECK(gb->meta.encoding == "GB18030");
    CHECK(gb->original == utf8);
  }
  const std::string taicang = utf8_of("taicang-2024.txt");
  std::vector<Diagnostic> d;
  const auto big5 = read_document_bytes(encode(taicang, "Big5"), "taicang", {}, d);
  REQUIRE(big5.has_value());
  CHECK(d.empty());
  CHECK(big5->meta.encoding == "Big5");
  CHECK(big5->original == taicang);
}

TEST_CASE("legacy: a few hundred characters are enough, in either encoding") {
  // ~300 Han characters: above the strict path's evidence floor (100 Han characters).
  const std::string simplified = utf8_prefix(utf8_of("nanhu-2021.txt"), 1200);
  const Document gb = read_ok(encode(simplified, "GB18030"), "gb");
  CHECK(gb.meta.encoding == "GB18030");
  CHECK(gb.original == simplified);
  const std::string traditional = utf8_prefix(utf8_of("taicang-2024.txt"), 1200);
  const std::string big5 = encode(traditional, "Big5");
  REQUIRE(big5.find('\x1A') == std::string::npos);
  const Document b = read_ok(big5, "big5");
  CHECK(b.meta.encoding == "Big5");
  CHECK(b.original == traditional);
}

TEST_CASE("legacy: a short text is still left to the detector") {
  // A title line, 17 Han characters: valid GB18030 and far below the evidence floor; the
  // detector recognises it as before.
  const std::string title = "苏州市相城区2021年法治政府建设工作报告\n";
  const Document gb = read_ok(encode(title, "GB18030"), "title");
  CHECK(gb.meta.encoding == "GB18030");
  CHECK(gb.original == title);
  // Two characters and a full stop, valid in both GB18030 (报告 。) and Big5: refused as before.
  std::vector<Diagnostic> d;
  CHECK_FALSE(read_document_bytes("\xB1\xA8\xB8\xE6 \xA1\xA3", "r.txt", {}, d).has_value());
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "encoding-unknown");
}

TEST_CASE("legacy: GB18030 with corrupt bytes still decodes, with one U+FFFD warning") {
  const std::string utf8 = utf8_of("xiangcheng-2021.txt");
  std::string gb = encode(utf8, "GB18030");
  // 0x80 is never a GB18030 lead byte, and 0xFF never any byte; put each between two
  // characters (a lead byte position) near the start, and cut the last character in half.
  std::size_t at = 0, k = 0;
  std::vector<std::size_t> offsets;
  const auto* s = reinterpret_cast<const unsigned char*>(gb.data());
  // Walk the GB18030 sequences to find character boundaries.
  auto next = [&](std::size_t i) {
    if (s[i] < 0x80) return i + 1;
    if (s[i + 1] >= 0x30 && s[i + 1] <= 0x39) return i + 4;
    return i + 2;
  };
  while (offsets.size() < 2) {
    at = next(at);
    if (++k % 150 == 0 && s[at] >= 0x80) offsets.push_back(at);
  }
  gb.insert(offsets[1], 1, '\xFF');
  gb.insert(offsets[0], 1, '\x80');
  offsets[1] += 1;
  std::string cut = gb;
  while (static_cast<unsigned char>(cut.back()) < 0x80) cut.pop_back();
  cut.pop_back();  // the last character's lead byte stays alone
  std::vector<Diagnostic> d;
  const auto doc = read_document_bytes(cut, "bad.txt", {}, d);
  REQUIRE(doc.has_value());
  CHECK(doc->meta.encoding == "GB18030");
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "invalid-bytes");
  CHECK(d[0].severity == Severity::kWarning);
  CHECK(d[0].message ==
        fmt::format("3 invalid GB18030 sequences replaced with U+FFFD at byte offsets {}, {}, {}",
                    offsets[0], offsets[1], cut.size() - 1));
  CHECK(doc->meta.unit.value == "苏州市相城区");
  // Three replacement characters, the rest of the text intact around them.
  std::size_t fffd = 0;
  for (std::size_t p = doc->original.find("\uFFFD"); p != std::string::npos;
       p = doc->original.find("\uFFFD", p + 1))
    ++fffd;
  CHECK(fffd == 3);
  CHECK(doc->original.size() > utf8.size() - 16);
}

TEST_CASE("legacy: Big5 with a corrupt byte still decodes, with one U+FFFD warning") {
  std::string big5 = encode(utf8_of("taicang-2024.txt"), "Big5");
  // A lone lead byte at the end of a line (0xFF is no use here: Big5 as ICU reads it, like
  // Windows-950, maps it to U+F8F8).
  const std::size_t at = big5.find('\n', big5.size() / 2);
  big5.insert(at, 1, '\xA4');
  std::vector<Diagnostic> d;
  const auto doc = read_document_bytes(big5, "bad5.txt", {}, d);
  REQUIRE(doc.has_value());
  CHECK(doc->meta.encoding == "Big5");
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "invalid-bytes");
  CHECK(d[0].message ==
        fmt::format("1 invalid Big5 sequence replaced with U+FFFD at byte offset {}", at));
  CHECK(doc->original.find("\uFFFD") != std::string::npos);
}
