// Loader diagnostics, asserted word for word (path:line:col: error[code]: message).
#include <catch2/catch.hpp>

#include "test_util.h"

using rules_test::TempDir;
using Lines = std::vector<std::string>;

namespace {

const std::string kHead =
    "framework:\n"     // 1
    "  id: t\n"        // 2
    "  title: 测试\n"  // 3
    "  kind: supplement\n"
    "nodes:\n";  // 5

// A leaf starting on line `first`; `extra` lines go after the title (line first+2).
std::string leaf(const std::string& id, const std::string& extra = "",
                 const std::string& terms = "        a: [三项制度]\n") {
  return "  - id: \"" + id + "\"\n    title: 一\n" + extra + "    check:\n      terms:\n" + terms;
}

Lines load(const std::string& text, indicheck::RuleSet* out = nullptr) {
  TempDir dir;
  dir.write("t.yaml", text);
  return dir.load("t.yaml", out);
}

}  // namespace

TEST_CASE("a valid framework loads in pre-order with normalized terms", "[loader]") {
  indicheck::RuleSet set;
  const std::string text = kHead + "  - id: \"1\"\n    title: 一\n    weight: 2\n    children:\n" +
                           "      - id: \"1.1\"\n        title: 甲\n        required: true\n"
                           "        check:\n          terms:\n            a: [三项制度, 三项制度]\n"
                           "            b: 执法公示\n          condition: a or not b\n"
                           "          window: paragraph\n          roles: [achievements]\n"
                           "        examples:\n          match: [x]\n          no_match: [y, z]\n" +
                           leaf("2");
  CHECK(load(text, &set) == Lines{});
  REQUIRE(set.frameworks.size() == 1);
  const auto& fw = set.frameworks[0];
  CHECK(fw.kind == "supplement");
  REQUIRE(fw.nodes.size() == 4);
  CHECK(fw.nodes[0].id == "t");
  CHECK(fw.nodes[1].id == "1");
  CHECK(fw.nodes[1].weight == 2);
  CHECK(fw.nodes[2].id == "1.1");
  CHECK(fw.nodes[2].parent == 1);
  CHECK(fw.nodes[3].id == "2");
  CHECK(fw.leaves == std::vector<int>{2, 3});
  const auto& check = *fw.nodes[2].check;
  CHECK(fw.nodes[2].required);
  REQUIRE(check.selections.size() == 2);
  CHECK(check.selections[0].terms == std::vector<std::string>{"三项制度"});  // de-duplicated
  CHECK(check.selections[1].terms == std::vector<std::string>{"执法公示"});  // scalar = one term
  CHECK(check.condition.size() == 4);                                        // a b not or
  CHECK(check.window == indicheck::Window::kParagraph);
  CHECK(check.examples_no_match.size() == 2);
  CHECK(fw.nodes[3].check->condition_text == "any");
  CHECK(set.hash.size() == 16);
}

TEST_CASE("unknown key with did-you-mean, and the missing key it hides", "[loader]") {
  CHECK(
      load(kHead + "  - id: \"1\"\n    titel: 一\n    check:\n      terms:\n        a: [x]\n") ==
      Lines{
          "t.yaml:7:5: error[unknown-key]: unknown key \"titel\" in node; did you mean \"title\"?",
          "t.yaml:6:5: error[missing-key]: node is missing key \"title\""});
}

TEST_CASE("missing key", "[loader]") {
  CHECK(load("framework:\n  id: t\n  kind: supplement\nnodes:\n" + leaf("1")) ==
        Lines{"t.yaml:2:3: error[missing-key]: \"framework\" is missing key \"title\""});
  CHECK(load(kHead + "  - id: \"1\"\n    title: 一\n") ==
        Lines{"t.yaml:6:5: error[missing-key]: leaf \"1\" is missing key \"check\""});
}

TEST_CASE("wrong type", "[loader]") {
  CHECK(load(kHead + leaf("1", "    weight: heavy\n")) ==
        Lines{"t.yaml:8:13: error[wrong-type]: \"weight\" must be a number"});
  CHECK(load(kHead + leaf("1", "    required: maybe\n")) ==
        Lines{"t.yaml:8:15: error[wrong-type]: \"required\" must be true or false"});
  CHECK(load(kHead + leaf("1", "", "        a: {x: 1}\n")) ==
        Lines{"t.yaml:10:12: error[wrong-type]: selection \"a\" must be a list of strings"});
}

TEST_CASE("duplicate key in one mapping", "[loader]") {
  CHECK(load(kHead + leaf("1", "    title: 二\n")) ==
        Lines{"t.yaml:8:5: error[duplicate-key]: duplicate key \"title\" in one mapping (first at "
              "7:5)"});
}

TEST_CASE("duplicate id names the first definition", "[loader]") {
  CHECK(
      load(kHead + leaf("1") + leaf("1")) ==
      Lines{"t.yaml:11:9: error[duplicate-id]: duplicate id \"1\" (first defined at t.yaml:6:9)"});
}

TEST_CASE("negative, NaN and infinite weights", "[loader]") {
  CHECK(load(kHead + leaf("1", "    weight: -1\n")) ==
        Lines{"t.yaml:8:13: error[bad-weight]: weight must be a finite number >= 0, got -1"});
  CHECK(load(kHead + leaf("1", "    weight: .nan\n")) ==
        Lines{"t.yaml:8:13: error[bad-weight]: weight must be a finite number >= 0, got .nan"});
  CHECK(load(kHead + leaf("1", "    weight: .inf\n")) ==
        Lines{"t.yaml:8:13: error[bad-weight]: weight must be a finite number >= 0, got .inf"});
}

TEST_CASE("sibling weights whose sum overflows to infinity (issue 17, defect 4)", "[loader]") {
  CHECK(load(kHead + leaf("1", "    weight: 1e308\n") + leaf("2", "    weight: 1e308\n")) ==
        Lines{"t.yaml:14:13: error[bad-weight]: weights of the top-level nodes sum to more than "
              "the largest number at this weight (1e+308); weights are relative, use ordinary "
              "numbers"});
  const std::string parent =
      "  - id: \"1\"\n    title: 一\n    children:\n"                                  // 6-8
      "      - {id: \"1.1\", title: 二, weight: 1.7e308, check: {terms: {a: [x]}}}\n"  // 9
      "      - {id: \"1.2\", title: 三, weight: 1e308, check: {terms: {a: [y]}}}\n";   // 10
  CHECK(load(kHead + parent) ==
        Lines{"t.yaml:10:39: error[bad-weight]: weights of the children of \"1\" sum to more "
              "than the largest number at this weight (1e+308); weights are relative, use "
              "ordinary numbers"});
  CHECK(load(kHead + leaf("1", "    weight: 1e307\n") + leaf("2", "    weight: 1e307\n")) ==
        Lines{});
}

TEST_CASE("siblings whose weights sum to 0", "[loader]") {
  CHECK(load(kHead + leaf("1", "    weight: 0\n") + leaf("2", "    weight: 0\n")) ==
        Lines{"t.yaml:6:5: error[zero-weights]: weights of the top-level nodes sum to 0"});
}

TEST_CASE("empty term", "[loader]") {
  CHECK(load(kHead + leaf("1", "", "        a: [\"\", x]\n")) ==
        Lines{"t.yaml:10:13: error[empty-term]: empty term in selection \"a\""});
  CHECK(load(kHead + leaf("1", "", "        a: [x]\n      exclude: ['  ']\n")) ==
        Lines{"t.yaml:11:17: error[empty-term]: empty term in \"exclude\""});
}

TEST_CASE("invalid, empty-matching and unsupported regexes", "[loader]") {
  const std::string head = kHead + "  - id: \"1\"\n    title: 一\n    check:\n      regex:\n";
  CHECK(load(head + "        r: ['[']\n") ==
        Lines{"t.yaml:10:13: error[invalid-regex]: invalid regex \"[\": Unterminated character "
              "class starting at index 0."});
  CHECK(load(head + "        r: ['a*']\n") ==
        Lines{"t.yaml:10:13: error[empty-match]: regex \"a*\" can match the empty string"});
  CHECK(load(head + "        r: ['x|']\n") ==
        Lines{"t.yaml:10:13: error[empty-match]: regex \"x|\" can match the empty string"});
  CHECK(load(head + "        r: ['(a)\\1']\n") ==
        Lines{"t.yaml:10:13: error[unsupported-regex]: regex \"(a)\\1\" is not supported: "
              "Back-references are unsupported."});
  CHECK(load(head + "        r: ['(?=a)b']\n") ==
        Lines{"t.yaml:10:13: error[unsupported-regex]: regex \"(?=a)b\" is not supported: "
              "Zero-width assertions are not supported."});
  // Reports are normalized before matching: a full-width comma or a Traditional character is
  // never in the text, so a regex holding one is refused, not silently wrong.
  CHECK(load(head + "        r: ['法治[^。，]{0,9}督察']\n") ==
        Lines{"t.yaml:10:13: error[unnormalized-regex]: regex \"法治[^。，]{0,9}督察\" holds "
              "\"，\", which the normalized text never contains (it reads \",\")"});
  CHECK(load(head + "        r: ['法治[^。,]{0,9}督察']\n") == Lines{});
}

TEST_CASE("include cycle, include outside the root, missing include", "[loader]") {
  TempDir dir;
  dir.write("framework.yaml", kHead + leaf("1") + "include: [a.yaml]\n");
  dir.write("a.yaml", "include: [b.yaml]\nnodes: []\n");
  dir.write("b.yaml", "include:\n  - a.yaml\nnodes: []\n");
  CHECK(dir.load("framework.yaml") ==
        Lines{"b.yaml:2:5: error[include-cycle]: include cycle: a.yaml -> b.yaml -> a.yaml"});

  TempDir dir2;
  dir2.write("x.yaml", "nodes: []\n");
  dir2.write("sub/framework.yaml", kHead + leaf("1") + "include: [../x.yaml]\n");
  CHECK(dir2.load("sub/framework.yaml") ==
        Lines{"sub/framework.yaml:11:11: error[include-outside-root]: include \"x.yaml\" is "
              "outside the rules root \"sub\""});
  dir2.write("sub/f2.yaml", kHead + leaf("1") + "include: [/etc/passwd]\n");
  CHECK(dir2.load("sub/f2.yaml") ==
        Lines{"sub/f2.yaml:11:11: error[include-outside-root]: include \"/etc/passwd\" must be a "
              "relative path"});
  dir2.write("sub/f3.yaml", kHead + leaf("1") + "include: [nope.yaml]\n");
  CHECK(dir2.load("sub/f3.yaml") ==
        Lines{"sub/f3.yaml:11:11: error[not-found]: included file \"sub/nope.yaml\" not found"});
}

TEST_CASE("includes deeper than the limit", "[loader]") {
  TempDir dir;
  dir.write("framework.yaml", kHead + leaf("1") + "include: [i0.yaml]\n");
  for (int i = 0; i < 20; ++i)
    dir.write(fmt::format("i{}.yaml", i), fmt::format("include: [i{}.yaml]\nnodes: []\n", i + 1));
  dir.write("i20.yaml", "nodes: []\n");
  CHECK(dir.load("framework.yaml") ==
        Lines{"i15.yaml:1:11: error[include-too-deep]: includes nested deeper than 16 files"});
}

TEST_CASE("rule tree nesting deeper than kMaxRuleDepth", "[loader][limits]") {
  std::string text = kHead;
  std::string id;
  const int levels = 34;
  int error_line = 0;
  for (int depth = 1; depth <= levels; ++depth) {
    id += (depth == 1 ? "" : ".") + std::string("1");
    const std::string pad(static_cast<std::size_t>(2 * (depth - 1)) * 2, ' ');
    text += pad + "  - id: \"" + id + "\"\n" + pad + "    title: x\n";
    if (depth < levels) {
      text += pad + "    children:\n";
      if (depth == 32) error_line = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    } else {
      text += pad + "    check: {terms: {a: [x]}}\n";
    }
  }
  const auto lines = load(text);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] ==
        fmt::format("t.yaml:{}:{}: error[too-deep]: rule tree nested deeper than 32 levels",
                    error_line + 1, 2 * 32 * 2 + 3));
}

TEST_CASE("YAML anchors and aliases are refused before parsing", "[loader]") {
  CHECK(load(kHead + leaf("1", "", "        a: &x [三项制度]\n        b: *x\n")) ==
        Lines{"t.yaml:10:12: error[yaml-alias]: YAML anchors and aliases are not allowed"});
  CHECK(load(kHead + leaf("1", "", "        a: [三项制度, *x]\n")) ==
        Lines{"t.yaml:10:19: error[yaml-alias]: YAML anchors and aliases are not allowed"});
  // '&' and '*' inside scalars are text, not anchors.
  CHECK(load(kHead + leaf("1", "", "        a: [\"R&D *\", A&B, 'x *y']\n")) == Lines{});
}

TEST_CASE("several documents in one file", "[loader]") {
  CHECK(load("---\n" + kHead + leaf("1")) == Lines{});
  CHECK(load(kHead + leaf("1") + "---\nframework: {}\n") ==
        Lines{"t.yaml:11:1: error[multiple-documents]: several YAML documents in one file"});
}

TEST_CASE("a file that is not UTF-8", "[loader]") {
  CHECK(load("framework:\n  id: t\n  title: \xb2\xe2\xca\xd4\n") ==
        Lines{"t.yaml:3:10: error[not-utf8]: file is not valid UTF-8 (byte 0xB2)"});
}

TEST_CASE("a file over kMaxRuleFileBytes", "[loader][limits]") {
  std::string text = kHead + leaf("1");
  text += "#" + std::string(indicheck::limits::kMaxRuleFileBytes, 'x') + "\n";
  CHECK(load(text) == Lines{"t.yaml: error[file-too-large]: rule file is larger than 8 MiB"});
}

TEST_CASE("YAML syntax errors carry yaml-cpp's position", "[loader]") {
  CHECK(load(kHead + "  - id: [1, 2\n") ==
        Lines{"t.yaml:7:1: error[yaml-syntax]: end of sequence flow not found"});
  CHECK(load(kHead + "  - id: \"1\"\n   title: x\n") ==
        Lines{"t.yaml:7:4: error[yaml-syntax]: end of sequence not found"});
}

TEST_CASE("conditions: syntax errors and unknown selections point into the string", "[loader]") {
  const std::string terms = "        publicity: [执法公示]\n        recording: [全过程记录]\n";
  CHECK(load(kHead + leaf("1", "", terms + "      condition: publicty or recording\n")) ==
        Lines{"t.yaml:12:18: error[unknown-selection]: condition uses unknown selection "
              "\"publicty\"; did you mean \"publicity\"?"});
  CHECK(load(kHead + leaf("1", "", terms + "      condition: \"publicity and (recording\"\n")) ==
        Lines{"t.yaml:12:33: error[bad-condition]: bad condition: unbalanced '('"});
  CHECK(load(kHead + leaf("1", "", terms + "      condition: 3 of (publicity, recording)\n")) ==
        Lines{"t.yaml:12:18: error[bad-condition]: bad condition: '3 of' needs between 1 and 2 "
              "(the number of operands)"});
}

TEST_CASE("values with did-you-mean: window, roles, levels, kind", "[loader]") {
  CHECK(load(kHead + leaf("1", "", "        a: [x]\n      window: paragrph\n")) ==
        Lines{"t.yaml:11:15: error[bad-value]: \"window\" must be sentence, paragraph, section or "
              "clause; "
              "did you mean \"paragraph\"?"});
  CHECK(load(kHead + leaf("1", "", "        a: [x]\n      roles: [shortcoming]\n")) ==
        Lines{"t.yaml:11:15: error[bad-value]: unknown role \"shortcoming\"; did you mean "
              "\"shortcomings\"?"});
  CHECK(load(kHead + leaf("1", "", "        a: [x]\n      quotes: best\n")) ==
        Lines{"t.yaml:11:15: error[bad-value]: \"quotes\" must be strongest or first"});
  CHECK(load(kHead + leaf("1", "", "        a: [x]\n      titles: topic\n")) ==
        Lines{"t.yaml:11:15: error[bad-value]: \"titles\" must be \"evidence\""});
  CHECK(load(kHead + leaf("1", "", "        a: [x]\n      agency_names: no\n")) ==
        Lines{"t.yaml:11:21: error[bad-value]: \"agency_names\" must be \"ignore\""});
  CHECK(load(kHead + leaf("1", "    levels: [countyy]\n")) ==
        Lines{"t.yaml:8:14: error[bad-value]: unknown unit level \"countyy\"; did you mean "
              "\"county\"?"});
  CHECK(load(kHead + leaf("1", "    levels: [city]\n    outside_levels: evidence_only\n")) ==
        Lines{"t.yaml:9:21: error[bad-value]: \"outside_levels\" must be not-applicable or "
              "evidence-only; did you mean \"evidence-only\"?"});
  CHECK(load(kHead + leaf("1", "    outside_levels: evidence-only\n")) ==
        Lines{"t.yaml:8:21: error[bad-value]: \"outside_levels\" needs \"levels\" beside it"});
}

TEST_CASE("structure: ids follow the parent, checks only on leaves", "[loader]") {
  CHECK(load(kHead + "  - id: \"1\"\n    title: x\n    children:\n" +
             "      - id: \"2.1\"\n        title: y\n        check: {terms: {a: [x]}}\n") ==
        Lines{"t.yaml:9:13: error[bad-id]: id \"2.1\" must start with its parent's id \"1\" and a "
              "dot"});
  CHECK(load(kHead + "  - id: \"1\"\n    title: x\n    check: {terms: {a: [x]}}\n    children:\n" +
             "      - id: \"1.1\"\n        title: y\n        check: {terms: {a: [x]}}\n") ==
        Lines{"t.yaml:8:12: error[check-on-branch]: node \"1\" has children; only leaves have a "
              "check"});
  CHECK(load(kHead + "  - id: \"1\"\n    title: x\n    check: {condition: a}\n") ==
        Lines{"t.yaml:8:12: error[missing-key]: \"check\" needs \"terms\" or \"regex\"",
              "t.yaml:8:24: error[unknown-selection]: condition uses unknown selection \"a\""});
  CHECK(load(kHead + leaf("1", "", "        a: [x]\n      regex:\n        a: ['xy']\n")) ==
        Lines{"t.yaml:12:9: error[duplicate-selection]: selection \"a\" is defined in both "
              "\"terms\" and \"regex\""});
}

TEST_CASE("duplicate framework ids across files", "[loader]") {
  TempDir dir;
  dir.write("a/framework.yaml", kHead + leaf("1"));
  dir.write("b/framework.yaml", kHead + leaf("1"));
  std::vector<indicheck::Diagnostic> diagnostics;
  indicheck::load_rules({dir.path()}, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "duplicate-id");
  CHECK(diagnostics[0].line == 2);
  CHECK(diagnostics[0].message.find("duplicate framework id \"t\" (first defined at ") == 0);
}

TEST_CASE("profiles: unknown ids are errors with their line", "[loader][profile]") {
  TempDir dir;
  dir.write("framework.yaml", kHead + leaf("1") + leaf("2"));
  std::vector<indicheck::Diagnostic> diagnostics;
  auto set = indicheck::load_rules({dir.path("framework.yaml")}, diagnostics);
  REQUIRE(diagnostics.empty());
  dir.write(
      "p.yaml",
      "profile:\n  id: p\n  framework: t\n  deselect: [\"3\"]\n  weights: {\"1\": 2}\n"
      "  waivers:\n    - {unit: 园区, item: \"2\", justification: 无, expires: 2026-12-31}\n");
  CHECK(!indicheck::load_profile(dir.path("p.yaml"), set, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].line == 4);
  CHECK(diagnostics[0].column == 14);
  CHECK(diagnostics[0].message == "unknown node id \"3\" in framework \"t\"; did you mean \"1\"?");
  diagnostics.clear();
  dir.write(
      "q.yaml",
      "profile:\n  id: q\n  framework: t\n  weights: {\"1\": 2}\n"
      "  waivers:\n    - {unit: 园区, item: \"2\", justification: 无, expires: 2026-12-31}\n");
  CHECK(indicheck::load_profile(dir.path("q.yaml"), set, diagnostics));
  CHECK(diagnostics.empty());
  REQUIRE(set.profiles.size() == 1);
  CHECK(set.profiles[0].weights == std::vector<std::pair<std::string, double>>{{"1", 2.0}});
  REQUIRE(set.profiles[0].waivers.size() == 1);
  CHECK(set.profiles[0].waivers[0].expires == "2026-12-31");
}

TEST_CASE("profiles: weights whose sum overflows are refused at the weight", "[loader][profile]") {
  TempDir dir;
  dir.write("framework.yaml", kHead + leaf("1") + leaf("2") + leaf("3"));
  std::vector<indicheck::Diagnostic> diagnostics;
  auto set = indicheck::load_rules({dir.path("framework.yaml")}, diagnostics);
  REQUIRE(diagnostics.empty());
  dir.write("p.yaml",
            "profile:\n  id: p\n  framework: t\n  weights: {\"1\": 1e308, \"3\": 1.5e308}\n");
  CHECK_FALSE(indicheck::load_profile(dir.path("p.yaml"), set, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].str() ==
        dir.path("p.yaml") +
            ":4:30: error[bad-weight]: weights of the top-level nodes sum to more than the "
            "largest number at this weight (1.5e+308); weights are relative, use ordinary "
            "numbers");
  diagnostics.clear();
  dir.write("q.yaml", "profile:\n  id: q\n  framework: t\n  weights: {\"1\": 1e308}\n");
  CHECK(indicheck::load_profile(dir.path("q.yaml"), set, diagnostics));
  CHECK(diagnostics.empty());
}

TEST_CASE("profiles: waiver dates must exist in the calendar (issue 17, defect 10)",
          "[loader][profile]") {
  TempDir dir;
  dir.write("framework.yaml", kHead + leaf("1") + leaf("2"));
  std::vector<indicheck::Diagnostic> diagnostics;
  auto set = indicheck::load_rules({dir.path("framework.yaml")}, diagnostics);
  REQUIRE(diagnostics.empty());
  for (const std::string date : {"2024-02-30", "2026-02-29", "2100-02-29", "2024-04-31"}) {
    diagnostics.clear();
    dir.write("p.yaml",
              "profile:\n  id: p\n  framework: t\n  waivers:\n"
              "    - {unit: a, item: \"2\", justification: b, expires: " +
                  date + "}\n");
    CHECK_FALSE(indicheck::load_profile(dir.path("p.yaml"), set, diagnostics));
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].str() == dir.path("p.yaml") +
                                      ":5:55: error[bad-value]: \"expires\" must be a calendar "
                                      "date YYYY-MM-DD, got \"" +
                                      date + "\"");
  }
  diagnostics.clear();
  dir.write("q.yaml",
            "profile:\n  id: q\n  framework: t\n  waivers:\n"
            "    - {unit: a, item: \"2\", justification: b, expires: 2024-02-29}\n");
  CHECK(indicheck::load_profile(dir.path("q.yaml"), set, diagnostics));
  CHECK(diagnostics.empty());
}

TEST_CASE("the raw-text pre-scan accepts what only looks like anchors or nesting", "[loader]") {
  indicheck::RuleSet set;
  const std::string text = "# a comment with &anchor and *alias and [[[[\n" + kHead +
                           "  - id: \"1\"\n"
                           "    title: 'it''s [&x] *y'\n"
                           "    note: >-\n"
                           "      block text with &a *b [[[[ {{{{ and --- at no column 0\n"
                           "      - not a list: here\n"
                           "    check:\n"
                           "      terms:\n"
                           "        a: [\"R&D\", x*y, \"多行\n"
                           "          引号 *z\"]  # trailing comment &c\n";
  CHECK(load(text, &set) == Lines{});
  REQUIRE(set.frameworks.size() == 1);
  CHECK(set.frameworks[0].nodes[1].title == "it's [&x] *y");
  CHECK(set.frameworks[0].nodes[1].note.find("- not a list: here") != std::string::npos);
  CHECK(set.frameworks[0].nodes[1].check->selections[0].terms.size() == 3);
}

TEST_CASE("terms go through the document normalizer (Traditional, full-width)", "[loader]") {
  indicheck::RuleSet set;
  CHECK(load(kHead +
                 leaf("1", "",
                      "        a: [三項制度, ＡＢＣ１２３, 行政復議]\n      exclude: [（試點）]\n"),
             &set) == Lines{});
  REQUIRE(set.frameworks.size() == 1);
  const auto& check = *set.frameworks[0].nodes[1].check;
  CHECK(check.selections[0].terms == std::vector<std::string>{"三项制度", "ABC123", "行政复议"});
  CHECK(check.exclude == std::vector<std::string>{"(试点)"});
}
