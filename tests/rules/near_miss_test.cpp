// Near misses (matcher.h NearMiss): for missing and partial items, the sentences that came
// closest, closest first, with what was lacking; none for met items.
#include <catch2/catch.hpp>

#include "indicheck/matcher.h"
#include "test_util.h"

using namespace indicheck;
using rules_test::make_document;
using rules_test::TempDir;

namespace {

const std::string kFramework =
    "framework:\n  id: t\n  title: 测试\n  kind: supplement\nnodes:\n"
    "  - id: \"1\"\n    title: 规章清理\n    check:\n      terms:\n"
    "        rules: [规章]\n        review: [清理, 立法后评估, 废止]\n"
    "      condition: rules and review\n"
    "  - id: \"2\"\n    title: 出庭应诉\n    check:\n      terms:\n"
    "        court: [出庭应诉]\n"
    "      metrics:\n"
    "        - name: 出庭应诉率\n          pattern: '出庭(?:应诉)?率(?:达到|达)?(\\d+)%'\n"
    "          unit: '%'\n          at_least: 100\n";

struct Compiled {
  RuleSet rules;
  std::shared_ptr<const CompiledRules> compiled;
};

Compiled compile() {
  TempDir dir;
  dir.write("t.yaml", kFramework);
  Compiled c;
  REQUIRE(dir.load("t.yaml", &c.rules).empty());
  std::vector<Diagnostic> diagnostics;
  c.compiled = CompiledRules::compile(c.rules, diagnostics);
  REQUIRE(c.compiled);
  return c;
}

}  // namespace

TEST_CASE("near misses: one selection away, then outside the credit parts; none when met",
          "[matcher][near-miss]") {
  const Compiled c = compile();
  Scanner scanner(c.compiled);
  // 规章 without a review word (one selection away), and the full condition in the preamble.
  auto doc = make_document({{Role::kPreamble, {"开展规章清理工作。"}},
                            {Role::kAchievements, {"制定政府规章2部。", "加强规范性文件管理。"}}});
  auto ev = scanner.scan(doc, c.rules.frameworks[0]).items[0];
  CHECK(ev.state == ItemState::kMissing);
  REQUIRE(ev.near_misses.size() == 2);
  // Condition met but in a part that earns nothing: closest.
  CHECK(ev.near_misses[0].text == "开展规章清理工作。");
  CHECK(ev.near_misses[0].line == 1);
  CHECK(ev.near_misses[0].lacking == "条件已满足，但位于「开头」部分，该部分不计分");
  CHECK(ev.near_misses[0].present == 2);
  CHECK(ev.near_misses[1].text == "制定政府规章2部。");
  CHECK(ev.near_misses[1].lacking == "缺少「清理、立法后评估、废止」");
  CHECK(ev.near_misses[1].present == 1);
  CHECK(ev.near_misses[1].total == 2);

  // Met: no near misses, whatever else is around.
  doc = make_document({{Role::kAchievements, {"废止规章1部。", "制定政府规章2部。"}}});
  ev = scanner.scan(doc, c.rules.frameworks[0]).items[0];
  CHECK(ev.state == ItemState::kMet);
  CHECK(ev.near_misses.empty());

  // At most three, closest (most selections, then stronger sentences) first.
  doc = make_document(
      {{Role::kAchievements, {"规章一。", "规章二。", "规章三。", "规章第4项。", "规章五。"}}});
  ev = scanner.scan(doc, c.rules.frameworks[0]).items[0];
  REQUIRE(ev.near_misses.size() == 3);
  CHECK(ev.near_misses[0].text == "规章第4项。");  // a digit makes it the strongest
  CHECK(ev.near_misses[1].text == "规章一。");
  CHECK(ev.near_misses[2].text == "规章二。");
}

TEST_CASE("near misses of a partial item name the metric that fell short", "[matcher][near-miss]") {
  const Compiled c = compile();
  Scanner scanner(c.compiled);
  const auto doc = make_document({{Role::kAchievements, {"行政机关负责人出庭应诉率达到95%。"}}});
  const auto ev = scanner.scan(doc, c.rules.frameworks[0]).items[1];
  CHECK(ev.state == ItemState::kPartial);
  REQUIRE(ev.near_misses.size() == 1);
  CHECK(ev.near_misses[0].lacking.rfind("条件已满足，但指标值不足：", 0) == 0);
}
