// Documents named, not issued (issue 11 §3): a term inside a 《…》 title that its clause only
// studies or follows is the sentence's topic, not evidence, in an indicator framework; a
// leaf with `titles: evidence` (leaders' study, publicity) still counts it.
#include "titles.h"

#include <catch2/catch.hpp>

#include "indicheck/matcher.h"
#include "test_util.h"

using namespace indicheck;
using rules_internal::mentioned_titles;
using rules_test::make_document;

namespace {

// The titles mentioned_titles() finds, as text.
std::vector<std::string> topics(std::string_view text) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
  mentioned_titles(text, spans);
  std::vector<std::string> out;
  for (const auto& [b, e] : spans) out.emplace_back(text.substr(b, e - b));
  return out;
}

using Titles = std::vector<std::string>;

}  // namespace

TEST_CASE("titles named as a topic: studied or followed, not issued", "[titles]") {
  CHECK(topics("组织学习《行政复议法》《信访工作条例》等法律法规。") ==
        Titles{"行政复议法", "信访工作条例"});
  CHECK(topics("认真贯彻落实《重大行政决策程序暂行条例》,严格执行议事规则。") ==
        Titles{"重大行政决策程序暂行条例"});
  // Issued, drafted or revised by the unit: evidence of its own work.
  CHECK(topics("印发《2023年法治政府建设工作要点》。").empty());
  // 新修订的 names the law's revision, not the unit's.
  CHECK(topics("学习新修订的《行政处罚法》。") == Titles{"行政处罚法"});
  CHECK(topics("根据《行政许可法》,制定《行政许可事项清单》。") == Titles{"行政许可法"});
  CHECK(topics("按照《实施方案》要求,修订《规范性文件管理办法》。") == Titles{"实施方案"});
  // A verb inside an earlier title is not the clause's verb: 印发 here is part of a name.
  CHECK(topics("学习《关于印发〈纲要〉的通知》和《宪法》。") ==
        Titles{"关于印发〈纲要〉的通知", "宪法"});
  // No verb of either kind, another clause's verb, no title at all, a stray 《.
  CHECK(topics("《优化营商环境条例》正式施行。").empty());
  CHECK(topics("开展培训,出台《公平竞争审查办法》。").empty());
  CHECK(topics("没有书名号的句子。").empty());
  CHECK(topics("学习《未闭合的标题").empty());
}

TEST_CASE("titles named as a topic by the words after them", "[titles]") {
  // The study or publicity named after the titles, past 等 and a short noun.
  CHECK(topics("通过党组会议等方式组织《退役军人保障法》《信访工作条例》等法律的学习。") ==
        Titles{"退役军人保障法", "信访工作条例"});
  CHECK(topics("开展《民法典》宣传活动12场。") == Titles{"民法典"});
  CHECK(topics("组织《行政复议法》、《信访工作条例》专题培训。") ==
        Titles{"行政复议法", "信访工作条例"});
  // A making verb first, the word in a later clause or too far on: not the topic.
  CHECK(topics("完成《信访工作条例》修订后的学习。").empty());
  CHECK(topics("组织《信访工作条例》实施,开展学习。").empty());
  CHECK(topics("推动《信访工作条例》的各项规定和要求逐条落地后开展学习。").empty());
}

namespace {

// One indicator framework with two leaves on the same term: "plain" and "study" (titles:
// evidence). Returns the two items' states for one achievements sentence.
std::pair<ItemState, ItemState> states(const std::string& sentence) {
  RuleSet rules;
  const auto [problems, compiled] = rules_test::load_and_compile(
      "framework:\n  id: t\n  title: 测试\n  kind: indicators\n  years: [2021, 2025]\n"
      "nodes:\n"
      "  - id: \"1\"\n    title: 行政复议\n    check:\n      terms:\n"
      "        review: [行政复议]\n"
      "  - id: \"2\"\n    title: 学法\n    check:\n      titles: evidence\n      terms:\n"
      "        review: [行政复议]\n",
      rules);
  for (const auto& line : problems) UNSCOPED_INFO(line);
  REQUIRE(problems.empty());
  REQUIRE(compiled);
  Scanner scanner(compiled);
  const auto evidence =
      scanner.scan(make_document({{Role::kAchievements, {sentence}}}), rules.frameworks[0]);
  return {evidence.items.at(0).state, evidence.items.at(1).state};
}

}  // namespace

TEST_CASE("a studied title is no hit, unless the leaf counts titles", "[titles]") {
  // Studied only: the plain leaf finds nothing, the study leaf is met.
  CHECK(states("组织干部学习新修订的《行政复议法》3次。") ==
        std::pair{ItemState::kMissing, ItemState::kMet});
  // The same term outside the title, or the title issued: both count it.
  CHECK(states("学习《行政复议法》,办理行政复议案件12件。") ==
        std::pair{ItemState::kMet, ItemState::kMet});
  CHECK(states("制定《行政复议案件办理规程》12条。") ==
        std::pair{ItemState::kMet, ItemState::kMet});
}

namespace {

// The agenda ranges meeting_agendas() finds, as text.
std::vector<std::string> agendas(std::string_view text) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
  rules_internal::meeting_agendas(text, spans);
  std::vector<std::string> out;
  for (const auto& [b, e] : spans) out.emplace_back(text.substr(b, e - b));
  return out;
}

}  // namespace

TEST_CASE("a meeting's agenda is its topics, not the unit's work", "[titles]") {
  // 研究部署 finds the agenda twice; it is kept once, from its first verb.
  CHECK(
      agendas("召开党组会,研究部署推动规范性文件监督管理、政府法律顾问、行政复议及应诉等工作。") ==
      Titles{"部署推动规范性文件监督管理、政府法律顾问、行政复议及应诉"});
  CHECK(agendas("专门听取法律顾问工作、行政败诉案件情况汇报。") ==
        Titles{"法律顾问工作、行政败诉案件情况"});
  CHECK(agendas("多次专题研究行政执法改革、优化法治化营商环境等重点任务。") ==
        Titles{"行政执法改革、优化法治化营商环境"});
  // A document reviewed among the items, one item only, no closing 等 and noun, consulting
  // (听取…意见), another clause: no agenda.
  CHECK(agendas("研究法治政府建设年度工作要点、重大行政决策事项目录等事项。").empty());
  CHECK(agendas("研究部署法治政府建设工作。").empty());
  CHECK(agendas("部署开展食品安全、安全生产等领域专项执法检查。").empty());
  CHECK(agendas("重大决策听取法律顾问意见、合法性审查等相关工作制度。").empty());
  CHECK(agendas("研究部署法治工作,开展执法监督、案卷评查等工作。").empty());
  // After the titles the clause names as topics, in text order.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
  const std::string text = "学习《宪法》。会议研究执法监督、案卷评查等工作。";
  mentioned_titles(text, spans);
  rules_internal::meeting_agendas(text, spans);
  REQUIRE(spans.size() == 2);
  CHECK(spans[0].first < spans[1].first);
}

TEST_CASE("an agenda's items reach only the leaves that count topics", "[titles]") {
  CHECK(states("区政府常务会议专题研究行政复议、行政应诉等工作。") ==
        std::pair{ItemState::kMissing, ItemState::kMet});
  CHECK(states("区政府常务会议专题研究行政复议工作,全年办理行政复议案件12件。") ==
        std::pair{ItemState::kMet, ItemState::kMet});
}
