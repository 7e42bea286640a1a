// Hostile rule files and patterns end with a diagnostic or a linear-time result, never a crash,
// a hang or a stack overflow.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <random>
#include <set>

#include "indicheck/matcher.h"
#include "test_util.h"

using namespace indicheck;
using rules_test::TempDir;
using Lines = std::vector<std::string>;

namespace {

Lines load(const std::string& text) {
  TempDir dir;
  dir.write("t.yaml", text);
  return dir.load("t.yaml");
}

const std::string kHead = "framework:\n  id: t\n  title: x\n  kind: supplement\nnodes:\n";

// The code of "path:line:col: error[code]: message" ("" when the line is not of that form).
std::string diagnostic_code(const std::string& line) {
  const std::size_t open = line.find(": error[") != std::string::npos ? line.find(": error[") + 8
                           : line.find(": warning[") != std::string::npos
                               ? line.find(": warning[") + 10
                               : std::string::npos;
  if (open == std::string::npos) return "";
  const std::size_t close = line.find("]: ", open);
  if (close == std::string::npos || close + 3 >= line.size()) return "";
  return line.substr(open, close - open);
}

// Every code docs/errors.md lists in a table row ("| `code` | ...").
const std::set<std::string>& documented_codes() {
  static const std::set<std::string> codes = [] {
    std::set<std::string> out;
    std::ifstream in(std::string(INDICHECK_SOURCE_DIR) + "/docs/errors.md");
    for (std::string line; std::getline(in, line);)
      if (line.rfind("| `", 0) == 0) out.insert(line.substr(3, line.find('`', 3) - 3));
    return out;
  }();
  return codes;
}

}  // namespace

TEST_CASE("10,000-deep flow nesting is refused before yaml-cpp recurses", "[bad-input][limits]") {
  const std::string text = "nodes: " + std::string(10000, '[') + std::string(10000, ']') + "\n";
  CHECK(load(text) == Lines{"t.yaml:1:79: error[too-deep]: YAML nesting deeper than 72 levels"});
}

TEST_CASE("2,000-deep block nesting and 10,000 nested dashes are refused", "[bad-input][limits]") {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += std::string(static_cast<std::size_t>(i), ' ') + "a:\n";
  CHECK(load(text) == Lines{"t.yaml:73:73: error[too-deep]: YAML nesting deeper than 72 levels"});
  std::string dashes = "nodes:\n  ";
  for (int i = 0; i < 10000; ++i) dashes += "- ";
  dashes += "x\n";
  const auto lines = load(dashes);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("error[too-deep]") != std::string::npos);
}

TEST_CASE("an alias bomb never expands", "[bad-input]") {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'z'; ++c)
    text += fmt::format("{}: &{} [*{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}]\n", c, c,
                        char(c - 1), char(c - 1), char(c - 1), char(c - 1), char(c - 1),
                        char(c - 1), char(c - 1), char(c - 1), char(c - 1), char(c - 1));
  CHECK(load(text) ==
        Lines{"t.yaml:1:4: error[yaml-alias]: YAML anchors and aliases are not allowed"});
}

TEST_CASE("random bytes give diagnostics, never a crash", "[bad-input]") {
  std::mt19937 rng(12345);
  for (int round = 0; round < 200; ++round) {
    std::string bytes(static_cast<std::size_t>(rng() % 400), '\0');
    for (auto& b : bytes) b = static_cast<char>(rng() & 0xFF);
    const auto lines = load(bytes);
    CHECK(!lines.empty());
  }
}

TEST_CASE("mutated rule files give diagnostics or load, never a crash", "[bad-input]") {
  const std::string valid =
      kHead +
      "  - id: \"1\"\n    title: x\n    check:\n      terms: {a: [三项制度], b: [c]}\n"
      "      condition: a and not (b or 2 of (a, b))\n"
      "      regex: {r: ['公开\\d+条']}\n"
      "    examples: {match: [三项制度], no_match: [y]}\n";
  REQUIRE(load(valid) == Lines{});
  std::mt19937 rng(777);
  const std::string alphabet = "[]{}:-,'\"&*!|>#\n ab1.\\";
  for (int round = 0; round < 300; ++round) {
    std::string text = valid;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0:
          text[at] = alphabet[rng() % alphabet.size()];
          break;
        case 1:
          text.insert(at, 1, alphabet[rng() % alphabet.size()]);
          break;
        default:
          text.erase(at, 1);
          break;
      }
    }
    INFO("round " << round << ":\n" << text);
    Lines lines;
    REQUIRE_NOTHROW(lines = load(text));
    // Each problem is one line naming the file, with a documented code; a text that loads
    // without error compiles too.
    for (const auto& line : lines) {
      INFO(line);
      CHECK(line.rfind("t.yaml", 0) == 0);
      const std::string code = diagnostic_code(line);
      CHECK(!code.empty());
      CHECK(documented_codes().count(code) == 1);
    }
    bool errors = false;
    for (const auto& line : lines) errors = errors || line.find(": error[") != std::string::npos;
    if (!errors) {
      TempDir dir;
      dir.write("t.yaml", text);
      RuleSet set;
      REQUIRE(dir.load("t.yaml", &set).empty());
      std::vector<Diagnostic> diags;
      CHECK(CompiledRules::compile(set, diags) != nullptr);
      CHECK_FALSE(has_errors(diags));
    }
  }
}

TEST_CASE("(a+)+$ on 100 KB of 'a' runs in linear time", "[bad-input]") {
  TempDir dir;
  dir.write("t.yaml",
            kHead +
                "  - id: \"1\"\n    title: x\n    check:\n      regex: {r: ['(a+)+$']}\n"
                "      metrics:\n        - {name: m, pattern: '(a+)+$', unit: x, at_least: 1}\n");
  RuleSet set;
  std::vector<Diagnostic> diagnostics;
  set = load_rules({dir.path("t.yaml")}, diagnostics);
  REQUIRE(diagnostics.empty());
  auto compiled = CompiledRules::compile(set, diagnostics);
  REQUIRE(compiled);
  auto doc = rules_test::make_document({{Role::kAchievements, {std::string(100000, 'a')}}});
  Scanner scanner(compiled);
  const auto ev = scanner.scan(doc, set.frameworks[0]).items[0];
  // Hyperscan and RE2 are automata: no backtracking. The capture is not a number → partial.
  CHECK(ev.state == ItemState::kPartial);
}

TEST_CASE("a metric pattern that matches the empty string terminates", "[bad-input]") {
  TempDir dir;
  dir.write("t.yaml",
            kHead +
                "  - id: \"1\"\n    title: x\n    check:\n      terms: {a: [出庭]}\n"
                "      metrics:\n        - {name: m, pattern: '([0-9]*)', unit: x, at_least: 5}\n");
  std::vector<Diagnostic> diagnostics;
  RuleSet set = load_rules({dir.path("t.yaml")}, diagnostics);
  REQUIRE(diagnostics.empty());
  auto compiled = CompiledRules::compile(set, diagnostics);
  REQUIRE(compiled);
  Scanner scanner(compiled);
  auto doc = rules_test::make_document({{Role::kAchievements, {"负责人出庭应诉，共三件。"}}});
  CHECK(scanner.scan(doc, set.frameworks[0]).items[0].state == ItemState::kPartial);
  doc =
      rules_test::make_document({{Role::kAchievements, {"负责人出庭应诉，共 3 件，出庭 7 次。"}}});
  const auto ev = scanner.scan(doc, set.frameworks[0]).items[0];
  CHECK(ev.state == ItemState::kMet);
  REQUIRE(ev.quotes.size() == 1);
  REQUIRE(ev.quotes[0].metrics.size() == 1);
  CHECK(ev.quotes[0].metrics[0].value == 7);  // 3 is below 5; the first value that meets wins
}

TEST_CASE("a huge literal term is term-too-long at its position, echoed in 40 characters",
          "[bad-input][issue17]") {
  // Before issue 17: error[unsupported-regex] from Hyperscan, no position, and all 3 MB of the
  // term on one stderr line.
  const std::string term(3000000, 'a');
  const auto lines =
      load(kHead + "  - id: \"1\"\n    title: x\n    check:\n      terms: {a: [" + term + "]}\n");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == "t.yaml:9:19: error[term-too-long]: term \"" + std::string(40, 'a') +
                        "…\" (3000000 bytes) in selection \"a\" is longer than 1024 bytes");
}

TEST_CASE("an included folder or FIFO, and a FIFO rule file, are named for what they are",
          "[bad-input][issue17]") {
  TempDir dir;
  dir.write("a.yaml",
            "framework:\n  id: a\n  title: x\n  kind: supplement\n"
            "include: [sub]\nnodes:\n  - {id: \"1\", title: x, check: {terms: {a: [x]}}}\n");
  std::filesystem::create_directories(dir.path("sub"));
  // Before issue 17: 'included file "sub" not found' for a folder that is there.
  CHECK(
      dir.load("a.yaml") ==
      Lines{"a.yaml:5:11: error[is-directory]: included file \"sub\" is a directory, not a file"});
  // A FIFO with no writer: refused without opening it (opening would block forever).
  REQUIRE(::mkfifo(dir.path("f.yaml").c_str(), 0600) == 0);
  CHECK(dir.load("f.yaml") == Lines{"f.yaml: error[not-a-file]: is not a regular file (a FIFO, "
                                    "socket or device); refused without reading"});
}
