// The one CSV reader (core/csv.h) behind manifests, review files and AHP sheets, and the one
// UTF-8 check (core/utf8.h). Expectations written by hand from RFC 4180 and Excel's behaviour.
#include "indicheck/csv.h"

#include <catch2/catch.hpp>

#include "indicheck/utf8.h"

using namespace indicheck;

namespace {

std::vector<std::vector<std::string>> cells(const std::vector<CsvRow>& rows) {
  std::vector<std::vector<std::string>> out;
  for (const auto& r : rows) {
    auto& c = out.emplace_back();
    for (const auto& f : r.fields) c.push_back(f.text);
  }
  return out;
}

}  // namespace

TEST_CASE("csv: quotes, doubled quotes, line breaks inside quotes, CRLF", "[core][csv]") {
  std::vector<CsvRow> rows;
  REQUIRE_FALSE(
      split_csv("path,单位\r\n\"a,b.txt\",\"示例\"\"县\"\"\"\r\nc.txt,\"两\n行\"\n", {}, rows));
  using V = std::vector<std::vector<std::string>>;
  CHECK(cells(rows) == V{{"path", "单位"}, {"a,b.txt", "示例\"县\""}, {"c.txt", "两\n行"}});
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].line == 2);
  CHECK(rows[2].line == 3);
  // Columns count code points: "c.txt," is 6, so the quoted field starts at column 7.
  CHECK(rows[2].fields[1].column == 7);
  CHECK(rows[2].fields[1].quoted);
  CHECK_FALSE(rows[2].fields[0].quoted);
}

TEST_CASE("csv: blank lines skipped or kept, trailing blank lines dropped", "[core][csv]") {
  const std::string text = "a,b\n\n1,2\n\n\n";
  std::vector<CsvRow> skipped, kept;
  REQUIRE_FALSE(split_csv(text, {}, skipped));
  CHECK(skipped.size() == 2);
  CHECK(skipped[1].line == 3);
  REQUIRE_FALSE(split_csv(text, CsvOptions{',', true, true}, kept));
  using V = std::vector<std::vector<std::string>>;
  CHECK(cells(kept) == V{{"a", "b"}, {""}, {"1", "2"}});
  // A trailing separator is one more, empty, field.
  std::vector<CsvRow> rows;
  REQUIRE_FALSE(split_csv("a,", {}, rows));
  CHECK(cells(rows) == V{{"a", ""}});
}

TEST_CASE("csv: the separator Excel's Unicode text uses is detected", "[core][csv]") {
  std::vector<CsvRow> rows;
  REQUIRE_FALSE(split_csv("单位\t指标编号\t结论\n示例县\t5.1.1\t认可, 有依据\n",
                          CsvOptions{'\0', false, true}, rows));
  using V = std::vector<std::vector<std::string>>;
  CHECK(cells(rows) == V{{"单位", "指标编号", "结论"}, {"示例县", "5.1.1", "认可, 有依据"}});
}

TEST_CASE("csv: a quote left open and text after a closing quote", "[core][csv]") {
  std::vector<CsvRow> rows;
  const auto open = split_csv("a,b\n1,\"两\n", {}, rows);
  REQUIRE(open);
  CHECK(open->line == 2);
  CHECK(open->column == 3);
  CHECK(open->message == "a quoted field is not closed");

  rows.clear();
  const auto after = split_csv("a,b\n\"x\"y,2\n", {}, rows);
  REQUIRE(after);
  CHECK(after->line == 2);
  CHECK(after->column == 4);

  // Lenient: Excel keeps the text after the closing quote in the same cell.
  rows.clear();
  REQUIRE_FALSE(split_csv("a,b\n\"x\"y,2\n", CsvOptions{',', false, false}, rows));
  using V = std::vector<std::vector<std::string>>;
  CHECK(cells(rows) == V{{"a", "b"}, {"xy", "2"}});
}

TEST_CASE("utf8: valid_utf8 accepts UTF-8 and nothing else", "[core][utf8]") {
  CHECK(valid_utf8(""));
  CHECK(valid_utf8("法治政府"));                // ends on a three-byte character
  CHECK(valid_utf8("a\xF0\x9F\x98\x80"));       // U+1F600 at the very end
  CHECK_FALSE(valid_utf8("\xE6\xB3"));          // truncated at the end
  CHECK_FALSE(valid_utf8("\x80"));              // stray continuation byte
  CHECK_FALSE(valid_utf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(valid_utf8("\xE0\x80\xAF"));      // overlong, three bytes
  CHECK_FALSE(valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  CHECK_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(valid_utf8("\xB7\xA8\xD6\xCE"));  // 法治 in GBK
}
