// Encoding twins (each sample re-encoded through ICU must give the same document), the offset
// map property, and normalization details against ICU as the source of truth.
#include <unicode/normalizer2.h>
#include <unicode/translit.h>

#include <catch2/catch.hpp>
#include <memory>

#include "doc_test_util.h"

using namespace indicheck;
using doctest::corpus_path;
using doctest::encode;
using doctest::read_ok;

namespace {

const char* const kSamples[] = {"xiangcheng-2021.txt", "taicang-2024.txt", "nanhu-2021.txt",
                                "xinbei-2020.txt", "sip-2023.txt"};

void check_same(const Document& a, const Document& b) {
  CHECK(a.original == b.original);
  CHECK(a.text == b.text);
  REQUIRE(a.sentences.size() == b.sentences.size());
  for (std::size_t i = 0; i < a.sentences.size(); ++i) {
    CHECK(a.sentences[i].span.begin == b.sentences[i].span.begin);
    CHECK(a.sentences[i].span.end == b.sentences[i].span.end);
    CHECK(a.sentences[i].role == b.sentences[i].role);
    CHECK(a.sentences[i].section == b.sentences[i].section);
  }
  REQUIRE(a.sections.size() == b.sections.size());
  for (std::size_t i = 0; i < a.sections.size(); ++i) {
    CHECK(a.sections[i].marker == b.sections[i].marker);
    CHECK(a.sections[i].title == b.sections[i].title);
    CHECK(a.sections[i].role == b.sections[i].role);
    CHECK(a.sections[i].parent == b.sections[i].parent);
    CHECK(a.sections[i].line == b.sections[i].line);
  }
  CHECK(a.paragraphs.size() == b.paragraphs.size());
  const Metadata &x = a.meta, &y = b.meta;
  CHECK(x.unit.value == y.unit.value);
  CHECK(x.unit.line == y.unit.line);
  CHECK(x.level.value == y.level.value);
  CHECK(x.province.value == y.province.value);
  CHECK(x.year == y.year);
  CHECK(x.published.value == y.published.value);
  CHECK(x.doc_number.value == y.doc_number.value);
  CHECK(x.traditional == y.traditional);
}

}  // namespace

TEST_CASE("encoding twins: UTF-8 BOM, UTF-16LE BOM and GB18030 give the same document") {
  for (const char* name : kSamples) {
    INFO(name);
    const std::string utf8 = doctest::slurp(corpus_path(name));
    const Document base = read_ok(utf8, name);
    CHECK(base.meta.encoding == "UTF-8");

    const Document bom = read_ok("\xEF\xBB\xBF" + utf8, name);
    CHECK(bom.meta.encoding == "UTF-8 (BOM)");
    check_same(base, bom);

    const Document utf16 = read_ok("\xFF\xFE" + encode(utf8, "UTF-16LE"), name);
    CHECK(utf16.meta.encoding == "UTF-16LE");
    check_same(base, utf16);

    const std::string gb = encode(utf8, "GB18030");
    const Document gbdoc = read_ok(gb, name);  // detected, not forced
    CHECK(gbdoc.meta.encoding == "GB18030");
    check_same(base, gbdoc);
    check_same(base, read_ok(gb, name, "GB18030"));  // and forced
  }
}

TEST_CASE("UTF-16BE and UTF-32 byte order marks") {
  const std::string utf8 = doctest::slurp(corpus_path("xiangcheng-2021.txt"));
  const Document base = read_ok(utf8, "x");
  const Document be = read_ok("\xFE\xFF" + encode(utf8, "UTF-16BE"), "x");
  CHECK(be.meta.encoding == "UTF-16BE");
  check_same(base, be);
  const Document u32 = read_ok(std::string("\xFF\xFE\0\0", 4) + encode(utf8, "UTF-32LE"), "x");
  CHECK(u32.meta.encoding == "UTF-32LE");
  check_same(base, u32);
}

TEST_CASE("encoding twins: the Traditional sample in Big5") {
  const std::string utf8 = doctest::slurp(corpus_path("taicang-2024.txt"));
  const std::string big5 = encode(utf8, "Big5");
  REQUIRE(big5.find('\x1A') == std::string::npos);  // every character exists in Big5
  const Document base = read_ok(utf8, "taicang");
  const Document twin = read_ok(big5, "taicang");
  CHECK(twin.meta.encoding == "Big5");
  CHECK(twin.meta.traditional);
  check_same(base, twin);
}

TEST_CASE("offset map: every sentence's original text normalizes to the sentence") {
  for (const char* name : kSamples) {
    INFO(name);
    const std::string utf8 = doctest::slurp(corpus_path(name));
    for (const std::string& bytes : {utf8, "\xEF\xBB\xBF" + utf8, encode(utf8, "GB18030")}) {
      const Document doc = read_ok(bytes, name);
      REQUIRE(!doc.sentences.empty());
      for (const Sentence& s : doc.sentences) {
        if (s.role == Role::kBoilerplate) continue;  // set aside on purpose
        const std::string_view original = doc.original_text(s.span);
        INFO(std::string(original));
        CHECK(normalize_for_matching(original) == doctest::text_of(doc, s.span));
        const LineCol begin = doc.line_col(doc.to_original(s.span.begin));
        CHECK(begin.line >= 1);
        CHECK(begin.line <= doc.line_starts_.size());
      }
    }
  }
}

TEST_CASE("offset map: artefacts and full-width characters map back exactly") {
  const std::string original =
      "标题\r\n[bookmark: _GoBack]苏州市人民政府：\r\n２０２１年，相城区坚持。\n";
  const Document doc = read_ok(original, "t.txt");
  CHECK(doc.text == "标题\n苏州市人民政府:\n2021年,相城区坚持。\n");
  const std::size_t pos = doc.text.find("苏州");
  // The span starting at 苏州 starts after the deleted artefact in the original.
  const Span unit{static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(pos + 21)};
  CHECK(doc.original_text(unit) == "苏州市人民政府");
  const LineCol lc = doc.line_col(doc.to_original(unit.begin));
  CHECK(lc.line == 2);
  CHECK(lc.column == 20);  // 19 characters of "[bookmark: _GoBack]" come first
  const std::size_t year = doc.text.find("2021");
  const Span y{static_cast<std::uint32_t>(year), static_cast<std::uint32_t>(year + 7)};
  CHECK(doc.original_text(y) == "２０２１年");
  CHECK(doc.line_col(doc.to_original(y.end)).line == 3);
  CHECK(doc.line_col(doc.to_original(y.end)).column == 6);
}

TEST_CASE("a mirror site's pinyin glosses go, and quotes still point at the original") {
  // Some mirror sites print each Traditional character's reading after it: 鎮(zhèn).
  const std::string original = "2022年,大涌鎮(zhèn)認(rèn)真開展普法宣傳（xuān）活動。\n";
  const Document doc = read_ok(original, "g.txt");
  CHECK(doc.text == "2022年,大涌镇认真开展普法宣传活动。\n");
  const std::size_t pos = doc.text.find("认真开展");
  const Span span{static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(pos + 12)};
  CHECK(doc.original_text(span) == "認(rèn)真開展");
  CHECK(doc.meta.unit.value == "大涌镇");
  // Latin in parentheses without a tone mark, or after no Han character, stays.
  CHECK(normalize_for_matching("上线平台(app)和系统(v2),附件(zhèn)") ==
        "上线平台(app)和系统(v2),附件");
  CHECK(normalize_for_matching("(zhèn)开头,2(fā)") == "(zhèn)开头,2(fā)");
}

TEST_CASE("normalization: NFKC, Traditional to Simplified, format characters, boilerplate") {
  CHECK(normalize_for_matching("（一）ＡＢＣ１２３，；：！？") == "(一)ABC123,;:!?");
  CHECK(normalize_for_matching("法治政府建設與責任落實") == "法治政府建设与责任落实");
  CHECK(normalize_for_matching("行政\u200B复议\u200D体制\uFEFF改革\u00AD") == "行政复议体制改革");
  CHECK(normalize_for_matching("首页") == "首页");  // a term stays a term
  const Document doc = read_ok(
      "标题报告\n首页 > 政务公开 > 法治政府建设\n分享到：微信 微博 "
      "QQ空间\n2021年，我区坚持依法行政。\n"
      "附件下载：2021年报告.docx\n【打印本页】【关闭窗口】\n",
      "web.txt");
  CHECK(doc.text == "标题报告\n\n\n2021年,我区坚持依法行政。\n\n\n");
}

TEST_CASE("the normalization table agrees with ICU applied directly") {
  // ICU is the source of truth: NFKC, then the Traditional-Simplified transform, per character.
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(st);
  REQUIRE(U_SUCCESS(st));
  std::unique_ptr<icu::Transliterator> ts(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, st));
  REQUIRE(U_SUCCESS(st));
  std::size_t checked = 0, changed = 0;
  for (UChar32 cp = 0x20; cp < 0x10000; cp += (cp >= 0x4E00 && cp < 0xA000) ? 7 : 1) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    if (u_charType(cp) == U_FORMAT_CHAR || u_charType(cp) == U_CONTROL_CHAR) continue;
    if (cp == '[') continue;  // artefact handling starts here; tested above
    icu::UnicodeString s(cp);
    s = nfkc->normalize(s, st);
    ts->transliterate(s);
    std::string expected, input;
    s.toUTF8String(expected);
    icu::UnicodeString(cp).toUTF8String(input);
    const std::string got = normalize_for_matching(input);
    if (got != expected)
      FAIL_CHECK("U+" << std::hex << cp << " table gives " << got << " ICU gives " << expected);
    ++checked;
    changed += got != input;
  }
  CHECK(checked > 20000);
  CHECK(changed > 2000);
}
