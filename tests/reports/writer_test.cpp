// Differential tests of the output writers against what they replace: JsonWriter and its string
// and number escaping against nlohmann's dump (results.json must stay byte-identical), and
// append_csv_field against the plain RFC 4180 + formula-guard definition.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "json_writer.h"
#include "view.h"

using namespace indicheck::reports_detail;

namespace {

std::string nlohmann_string(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string writer_string(const std::string& s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

// The definition csv_field had before it was made table-driven.
std::string reference_csv(std::string value) {
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r'))
    value.insert(value.begin(), '\'');
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// Strings that mix what report text holds: Chinese, ASCII, punctuation that needs escaping,
// control bytes and, sometimes, broken UTF-8 (truncated sequences, stray continuation bytes,
// overlong forms, surrogates).
std::vector<std::string> mixed_strings() {
  const std::vector<std::string> pieces = {"法治政府",
                                           "，",
                                           "。",
                                           "a",
                                           "Z",
                                           " ",
                                           ",",
                                           "\"",
                                           "\\",
                                           "\n",
                                           "\r",
                                           "\t",
                                           "\b",
                                           "\f",
                                           std::string(1, '\0'),
                                           "\x01",
                                           "\x1f",
                                           "\x7f",
                                           "=",
                                           "+",
                                           "-",
                                           "@",
                                           "/",
                                           "é",
                                           "𠀀",
                                           "\xe6\xb3",
                                           "\x80",
                                           "\xbf",
                                           "\xc0\xaf",
                                           "\xc1\xbf",
                                           "\xed\xa0\x80",
                                           "\xf4\x90\x80\x80",
                                           "\xf5",
                                           "\xff",
                                           "\xe0\x80\xaf",
                                           "\xf0\x80\x80\xaf",
                                           "\xc2",
                                           "\xf0\x9f\x98"};
  std::mt19937 rng(20261121);
  std::vector<std::string> out = {"",    "plain",         "全面推行权责清单制度",
                                  "a,b", "\"quoted\"",    "=SUM(A1)",
                                  "-1",  "line\r\nbreak", "\xe6\xb3\x95\xe6"};
  for (int n = 0; n < 4000; ++n) {
    std::string s;
    const int len = static_cast<int>(rng() % 40);
    const bool clean = rng() % 2 == 0;  // half the strings keep to valid, common pieces
    for (int k = 0; k < len; ++k) {
      const std::size_t limit = clean ? 6 : pieces.size();
      s += pieces[rng() % limit];
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

TEST_CASE("JSON strings are escaped exactly as nlohmann dumps them", "[json][writer]") {
  for (const auto& s : mixed_strings()) {
    INFO(nlohmann::json(s).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
    REQUIRE(writer_string(s) == nlohmann_string(s));
  }
  // An escape at every position of a long ASCII string, and a broken or non-CJK sequence at
  // every position of a long Chinese one (the edges of the 8-byte and 3-byte fast paths).
  const std::string ascii = "condition met in paragraph at 12:1 (see 3.2.1)";
  const std::string cjk = "全面推行权责清单制度，实现动态调整。";
  for (const std::string& base : {ascii, cjk})
    for (std::size_t pos = 0; pos <= base.size(); ++pos)
      for (const char* special : {"\"", "\\", "\n", "\x1f", "\x7f", "é", "𠀀", "\xed\x9f\xbf",
                                  "\xed\xa0\x80", "\xe0\xa0\x80", "\xe6\xb3", "\xff", "\x80"}) {
        const std::string s = base.substr(0, pos) + special + base.substr(pos);
        REQUIRE(writer_string(s) == nlohmann_string(s));
      }
  // Spelled out once, so a change on both sides still shows.
  CHECK(writer_string("a\"b\\c\n\x01") == "\"a\\\"b\\\\c\\n\\u0001\"");
  CHECK(writer_string("法\xff") == "\"法\xEF\xBF\xBD\"");
}

TEST_CASE("JSON doubles are written as nlohmann writes them", "[json][writer]") {
  const std::vector<double> values = {
      0.0,    -0.0,        1.0,          37.5,
      100.0,  0.1,         1e20,         1e-7,
      2.675,  83.33,       -12.25,       1e300,
      5e-324, 123456789.0, std::nan(""), std::numeric_limits<double>::infinity()};
  for (double d : values) {
    std::string out;
    append_json_double(out, d);
    CHECK(out == nlohmann::json(d).dump());
  }
  std::string out;
  append_json_double(out, 100.0);
  CHECK(out == "100.0");
}

TEST_CASE("JsonWriter lays out nested values as dump(2) does", "[json][writer]") {
  nlohmann::ordered_json doc;
  doc["name"] = "甲区";
  doc["empty_list"] = nlohmann::ordered_json::array();
  doc["empty_map"] = nlohmann::ordered_json::object();
  doc["list"] = {1, 2.5, nullptr, true, "x"};
  doc["map"]["inner"] = nlohmann::ordered_json::array({nlohmann::ordered_json::object()});
  doc["map"]["n"] = -3;

  std::string out;
  JsonWriter w(out, 0);
  w.begin_object();
  w.key("name");
  w.string("甲区");
  w.key("empty_list");
  w.begin_array();
  w.end_array();
  w.key("empty_map");
  w.begin_object();
  w.end_object();
  w.key("list");
  w.begin_array();
  w.integer(1);
  w.number(2.5);
  w.null();
  w.boolean(true);
  w.string("x");
  w.end_array();
  w.key("map");
  w.begin_object();
  w.key("inner");
  w.begin_array();
  w.begin_object();
  w.end_object();
  w.end_array();
  w.escaped_key("\"n\"");
  w.integer(-3);
  w.end_object();
  w.end_object();
  CHECK(out == doc.dump(2));

  // Nested at a base indentation: every line after the first is shifted by it.
  std::string nested = "    ";
  JsonWriter w4(nested, 4);
  w4.begin_object();
  w4.key("a");
  w4.begin_array();
  w4.integer(7u);
  w4.end_array();
  w4.end_object();
  CHECK(nested == "    {\n      \"a\": [\n        7\n      ]\n    }");
}

TEST_CASE("CSV cells: quoting and formula guard as RFC 4180 plus the guard define them",
          "[csv][writer]") {
  for (const auto& s : mixed_strings()) {
    REQUIRE(csv_field(s) == reference_csv(s));
    std::string appended = "x,";
    append_csv_field(appended, s);
    REQUIRE(appended == "x," + reference_csv(s));
  }
  // A special byte at every position of a long Chinese cell (the 8-byte-word scan's edges).
  const std::string base = "全面推行权责清单制度，实现动态调整。";
  for (std::size_t pos = 0; pos <= base.size(); ++pos)
    for (const char* special : {",", "\"", "\r", "\n", "+"}) {
      const std::string s = base.substr(0, pos) + special + base.substr(pos);
      REQUIRE(csv_field(s) == reference_csv(s));
    }
  CHECK(csv_field("a \"b\", c") == "\"a \"\"b\"\", c\"");
  CHECK(csv_field("=1+1") == "'=1+1");
  CHECK(csv_field("-1,5") == "\"'-1,5\"");
}
