// check_yaml_text: the gate every YAML reader (rule packs, profiles, AHP matrices) passes before
// yaml-cpp. Codes and messages word for word; the loaders' own tests check that they call it.
#include "indicheck/yaml_text.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "indicheck/limits.h"

using namespace indicheck;

namespace {

std::vector<std::string> check(const std::string& text) {
  std::vector<Diagnostic> diagnostics;
  const bool ok = check_yaml_text(text, "f.yaml", diagnostics);
  std::vector<std::string> lines;
  for (const auto& d : diagnostics) lines.push_back(d.str());
  CHECK(ok == lines.empty());
  return lines;
}

std::string nested_flow(std::size_t depth) {
  return "a: " + std::string(depth, '[') + std::string(depth, ']') + "\n";
}

}  // namespace

TEST_CASE("ordinary YAML passes the gate", "[core][yaml]") {
  CHECK(check("framework:\n  id: t\n  title: 测试\nnodes:\n  - id: \"1\"\n    title: '# x'\n")
            .empty());
  CHECK(check("").empty());
}

TEST_CASE("invalid UTF-8 is refused at its byte", "[core][yaml]") {
  const auto lines = check("a: 1\nb: \xB2\n");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == "f.yaml:2:4: error[not-utf8]: file is not valid UTF-8 (byte 0xB2)");
}

TEST_CASE("anchors, aliases and several documents are refused on the raw text", "[core][yaml]") {
  const auto alias = check("a: &x [1]\nb: *x\n");
  REQUIRE_FALSE(alias.empty());
  CHECK(alias[0].find("error[yaml-alias]: YAML anchors and aliases are not allowed") !=
        std::string::npos);
  const auto docs = check("a: 1\n---\nb: 2\n");
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].find("error[multiple-documents]: several YAML documents in one file") !=
        std::string::npos);
}

TEST_CASE("nesting deeper than kMaxYamlDepth is refused before any parser recurses",
          "[core][yaml][limits]") {
  CHECK(check(nested_flow(limits::kMaxYamlDepth - 1)).empty());
  const auto deep = check(nested_flow(10000));
  REQUIRE(deep.size() == 1);
  CHECK(deep[0].find("error[too-deep]: YAML nesting deeper than 72 levels") != std::string::npos);
  std::string block;  // the same depth by indentation
  for (std::size_t i = 0; i < 200; ++i) block += std::string(i, ' ') + "k:\n";
  const auto indented = check(block);
  REQUIRE_FALSE(indented.empty());
  CHECK(indented[0].find("error[too-deep]") != std::string::npos);
}
