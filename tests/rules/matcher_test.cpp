// The scanner on hand-built documents: states, windows, roles, exclusions, metrics, quotes.
#include "indicheck/matcher.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "indicheck/reason_text.h"
#include "test_util.h"

using namespace indicheck;
using rules_test::make_document;
using rules_test::Para;
using rules_test::TempDir;

namespace {

const std::string kHead = "framework:\n  id: t\n  title: 测试\n  kind: supplement\nnodes:\n";

struct Compiled {
  RuleSet rules;
  std::shared_ptr<const CompiledRules> compiled;
};

Compiled compile(const std::string& nodes) {
  TempDir dir;
  dir.write("t.yaml", kHead + nodes);
  Compiled c;
  const auto lines = dir.load("t.yaml", &c.rules);
  INFO(lines.size());
  for (const auto& l : lines) INFO(l);
  REQUIRE(lines.empty());
  std::vector<Diagnostic> diagnostics;
  c.compiled = CompiledRules::compile(c.rules, diagnostics);
  REQUIRE(c.compiled);
  return c;
}

const std::string kThree =
    "  - id: \"1\"\n    title: 三项制度\n    check:\n      terms:\n"
    "        whole: [三项制度]\n        publicity: [执法公示]\n        recording: [全过程记录]\n"
    "        review: [法制审核]\n"
    "      condition: whole or 2 of (publicity, recording, review)\n"
    "      window: paragraph\n"
    "      exclude: [三项制度改革试点]\n";

const std::string kRate =
    "  - id: \"2\"\n    title: 出庭应诉\n    check:\n      terms:\n"
    "        court: [出庭应诉]\n"
    "      metrics:\n"
    "        - name: 出庭应诉率\n          pattern: "
    "'出庭(?:应诉)?率(?:达到|达)?(\\d+(?:\\.\\d+)?)%'\n"
    "          unit: '%'\n          at_least: 100\n";

ItemState state_of(const Compiled& c, const Document& doc, int leaf_slot = 0) {
  Scanner scanner(c.compiled);
  return scanner.scan(doc, c.rules.frameworks[0])
      .items.at(static_cast<std::size_t>(leaf_slot))
      .state;
}

}  // namespace

TEST_CASE("paragraph window: parts of the condition may sit in different sentences", "[matcher]") {
  const auto c = compile(kThree);
  // Two of three parts, in two sentences of one achievements paragraph → met.
  auto doc =
      make_document({{Role::kAchievements, {"全面落实执法公示制度。", "推行执法全过程记录。"}}});
  CHECK(state_of(c, doc) == ItemState::kMet);
  // The same two parts in two different paragraphs → missing.
  doc = make_document({{Role::kAchievements, {"全面落实执法公示制度。"}},
                       {Role::kAchievements, {"推行执法全过程记录。"}}});
  CHECK(state_of(c, doc) == ItemState::kMissing);
  Scanner scanner(c.compiled);
  const auto ev = scanner.scan(doc, c.rules.frameworks[0]).items[0];
  CHECK(ev.reason.code == ReasonCode::kNotTogether);
  CHECK(reason_text(ev.reason, c.rules.frameworks[0].nodes[ev.node], Lang::kZh) ==
        "提到了部分关键词，但未在同一段中同时提及“三项制度”或（“执法公示”、“全过程记录”、"
        "“法制审核”中至少2项）");
  CHECK(reason_text(ev.reason, c.rules.frameworks[0].nodes[ev.node], Lang::kEn) ==
        "some terms found, but “三项制度” or (at least 2 of “执法公示”, “全过程记录”, "
        "“法制审核”) not mentioned together in one paragraph");
}

TEST_CASE("clause window: the parts of the condition in one clause", "[matcher]") {
  const auto c = compile(
      "  - id: \"1\"\n    title: 重点领域执法\n    check:\n      terms:\n"
      "        field: [安全生产, 卫生健康]\n        action: [执法, 检查]\n"
      "        whole: [重点领域执法]\n"
      "      condition: whole or (field and action)\n      window: clause\n");
  const auto state = [&](std::string sentence) {
    return state_of(c, make_document({{Role::kAchievements, {std::move(sentence)}}}));
  };
  CHECK(state("开展安全生产执法检查12次。") == ItemState::kMet);
  CHECK(state("召开会议,开展安全生产执法检查12次。") == ItemState::kMet);
  // Field and action in different clauses (, ; :) of one sentence: not together.
  CHECK(state("把法治建设纳入卫生健康工作全局,与业务工作同安排、同检查。") == ItemState::kMissing);
  CHECK(state("围绕安全生产;严格规范公正文明执法。") == ItemState::kMissing);
  // One term alone satisfies an `or`, in whatever clause; a term found twice counts in both.
  CHECK(state("会议强调,加大重点领域执法力度。") == ItemState::kMet);
  CHECK(state("安全生产培训3次,安全生产执法检查5次。") == ItemState::kMet);
  // Items of a list of quoted topics are clauses of their own; one quoted name is not.
  CHECK(state("围绕“安全生产”“执法规范化”等开展培训。") == ItemState::kMissing);
  CHECK(state("围绕“安全生产”、“执法规范化”等开展培训。") == ItemState::kMissing);
  CHECK(state("开展“安全生产”执法检查5次。") == ItemState::kMet);
  // A term inside a title the clause only studies holds in no clause there, even when the
  // sentence names it again elsewhere.
  CHECK(state("学习《安全生产法》等执法依据,推进安全生产标准化。") == ItemState::kMissing);
  CHECK(state("印发《安全生产执法检查办法》。") == ItemState::kMet);
  Scanner scanner(c.compiled);
  const auto ev = scanner
                      .scan(make_document({{Role::kAchievements, {"围绕安全生产,严格执法。"}}}),
                            c.rules.frameworks[0])
                      .items[0];
  CHECK(ev.reason.code == ReasonCode::kNotTogether);
  CHECK(reason_text(ev.reason, c.rules.frameworks[0].nodes[ev.node], Lang::kZh) ==
        "提到了部分关键词，但未在同一分句中同时提及“重点领域执法”或（“安全生产”等和“执法”等）");
}

TEST_CASE("roles: achievements earn credit, shortcomings acknowledge, plans plan", "[matcher]") {
  const auto c = compile(kThree);
  auto doc = make_document(
      {{Role::kShortcomings, {"三项制度落实不到位。"}}, {Role::kPlans, {"深化三项制度。"}}});
  CHECK(state_of(c, doc) == ItemState::kAcknowledged);
  doc = make_document({{Role::kPreamble, {"三项制度。"}}, {Role::kPlans, {"深化三项制度。"}}});
  CHECK(state_of(c, doc) == ItemState::kPlanned);
  doc = make_document({{Role::kPreamble, {"落实三项制度。"}}});
  Scanner scanner(c.compiled);
  auto ev = scanner.scan(doc, c.rules.frameworks[0]).items[0];
  CHECK(ev.state == ItemState::kMissing);
  CHECK(ev.reason == Reason{ReasonCode::kOutsideCredit, Role::kPreamble, 1, 1, {}});
  CHECK(reason_text(ev.reason, c.rules.frameworks[0].nodes[ev.node], Lang::kZh) ==
        "仅在“导语”部分提及“三项制度”或（“执法公示”、“全过程记录”、“法制审核”中至少2项）"
        "（第1行），不计为落实");
  doc = make_document({{Role::kShortcomings, {"三项制度落实不到位。"}},
                       {Role::kLeadership, {"主要负责人督促落实三项制度。"}}});
  ev = scanner.scan(doc, c.rules.frameworks[0]).items[0];
  CHECK(ev.state == ItemState::kMet);
  CHECK(ev.reason == Reason{ReasonCode::kMet, Role::kLeadership, 2, 1, {}});
  // Credit quote first, then the acknowledged one, not credited.
  REQUIRE(ev.quotes.size() == 2);
  CHECK(ev.quotes[0].text == "主要负责人督促落实三项制度。");
  CHECK(ev.quotes[0].credit);
  CHECK(ev.quotes[0].line == 2);
  CHECK(ev.quotes[0].terms == std::vector<std::string>{"三项制度"});
  CHECK(ev.quotes[0].section_path == "leadership");
  CHECK(ev.quotes[1].role == Role::kShortcomings);
  CHECK_FALSE(ev.quotes[1].credit);
}

TEST_CASE("a window never spans two roles", "[matcher]") {
  const auto c = compile(kThree);
  Document doc =
      make_document({{Role::kAchievements, {"全面落实执法公示制度。", "推行执法全过程记录。"}}});
  doc.sentences[1].role = Role::kPlans;  // same paragraph, different roles
  CHECK(state_of(c, doc) == ItemState::kMissing);
}

TEST_CASE("agency_names: ignore — a term opening an agency's name is no hit", "[matcher]") {
  const std::string leaf =
      "  - id: \"1\"\n    title: 重点领域执法\n    check:\n      terms:\n"
      "        field: [城市管理, 卫生健康]\n        action: [执法, 检查]\n"
      "      condition: field and action\n      window: WINDOW\n";
  for (const char* window : {"clause", "sentence"}) {
    INFO(window);
    std::string nodes = leaf;
    nodes.replace(nodes.find("WINDOW"), 6, window);
    const auto plain = compile(nodes);
    const auto named = compile(nodes + "      agency_names: ignore\n");
    const auto state = [](const Compiled& c, std::string sentence) {
      return state_of(c, make_document({{Role::kAchievements, {std::move(sentence)}}}));
    };
    // The unit's name, not its field or its act (a thirteenth probe's pages).
    for (const char* s : {"柳州市城市管理行政执法局更名为柳州市城市管理局。",
                          "区卫生健康局被推选为全国行政执法先进集体。"}) {
      INFO(s);
      CHECK(state(plain, s) == ItemState::kMet);
      CHECK(state(named, s) == ItemState::kMissing);
    }
    // The field and the act named outside the name still count, also beside it.
    for (const char* s : {"开展城市管理执法检查12次。", "区卫生健康局开展卫生健康执法检查5次。"}) {
      INFO(s);
      CHECK(state(named, s) == ItemState::kMet);
    }
  }
}

TEST_CASE("a sentence with an exclude term contributes nothing", "[matcher]") {
  const auto c = compile(kThree);
  auto doc = make_document({{Role::kAchievements, {"开展三项制度改革试点。"}}});
  CHECK(state_of(c, doc) == ItemState::kMissing);
  doc = make_document({{Role::kAchievements, {"开展三项制度改革试点。", "巩固三项制度成果。"}}});
  CHECK(state_of(c, doc) == ItemState::kMet);
}

TEST_CASE("metrics: stated and meeting → met; missing or below → partial", "[matcher]") {
  const auto c = compile(kRate);
  Scanner scanner(c.compiled);
  auto doc = make_document(
      {{Role::kAchievements, {"严格落实行政机关负责人出庭应诉制度，负责人出庭率达100%。"}}});
  auto ev = scanner.scan(doc, c.rules.frameworks[0]).items[0];
  CHECK(ev.state == ItemState::kMet);
  REQUIRE(ev.quotes.size() == 1);
  REQUIRE(ev.quotes[0].metrics.size() == 1);
  CHECK(ev.quotes[0].metrics[0].value == 100);
  CHECK(ev.quotes[0].metrics[0].raw == "100");
  CHECK(ev.quotes[0].metrics[0].meets);
  CHECK(ev.reason == Reason{ReasonCode::kMet, Role::kAchievements, 1, 1, {"出庭应诉率", "100%"}});
  CHECK(reason_text(ev.reason, c.rules.frameworks[0].nodes[ev.node], Lang::kZh) ==
        "在“主要举措和成效”部分提及“出庭应诉”（第1行）；出庭应诉率为100%");

  doc = make_document({{Role::kAchievements, {"行政机关负责人出庭应诉率达到95.5%。"}}});
  ev = scanner.scan(doc, c.rules.frameworks[0]).items[0];
  CHECK(ev.state == ItemState::kPartial);
  CHECK(ev.reason == Reason{ReasonCode::kPartialBelow,
                            Role::kAchievements,
                            1,
                            1,
                            {"出庭应诉率", "95.5%", ">=", "100%"}});
  CHECK(reason_text(ev.reason, c.rules.frameworks[0].nodes[ev.node], Lang::kZh) ==
        "在“主要举措和成效”部分提及“出庭应诉”（第1行），但出庭应诉率为95.5%，要求不低于100%");
  CHECK(reason_text(ev.reason, c.rules.frameworks[0].nodes[ev.node], Lang::kEn) ==
        "“出庭应诉” mentioned in the “measures and results” part (line 1), but 出庭应诉率 is "
        "95.5%; required: at least 100%");

  doc = make_document({{Role::kAchievements, {"严格落实行政机关负责人出庭应诉制度。"}}});
  ev = scanner.scan(doc, c.rules.frameworks[0]).items[0];
  CHECK(ev.state == ItemState::kPartial);
  CHECK(ev.reason ==
        Reason{ReasonCode::kPartialNotStated, Role::kAchievements, 1, 1, {"出庭应诉率"}});
  CHECK(reason_text(ev.reason, c.rules.frameworks[0].nodes[ev.node], Lang::kZh) ==
        "在“主要举措和成效”部分提及“出庭应诉”（第1行），但未写明出庭应诉率");
  // A metric in the plans part is not looked for: planned.
  doc = make_document({{Role::kPlans, {"出庭应诉率达到100%。"}}});
  CHECK(scanner.scan(doc, c.rules.frameworks[0]).items[0].state == ItemState::kPlanned);
}

TEST_CASE("not-applicable from node levels vs the document's level", "[matcher]") {
  const auto c = compile(
      "  - id: \"1\"\n    title: x\n    levels: [city, province]\n    children:\n"
      "      - id: \"1.1\"\n        title: y\n        check: {terms: {a: [地方立法]}}\n");
  const auto doc = make_document({{Role::kAchievements, {"开展地方立法。"}}}, "district");
  Scanner scanner(c.compiled);
  const auto ev = scanner.scan(doc, c.rules.frameworks[0]).items[0];
  CHECK(ev.state == ItemState::kNotApplicable);
  CHECK(ev.reason ==
        Reason{ReasonCode::kLevelExcluded, Role::kAchievements, 0, 0, {"district", "1"}});
  CHECK(reason_text(ev.reason, c.rules.frameworks[0].nodes[ev.node], Lang::kZh) ==
        "第1项不适用于区级单位");
  CHECK(state_of(c, make_document({{Role::kAchievements, {"开展地方立法。"}}}, "city")) ==
        ItemState::kMet);
  CHECK(state_of(c, make_document({{Role::kAchievements, {"开展地方立法。"}}})) == ItemState::kMet);
}

TEST_CASE("outside_levels: evidence-only — below its levels a node counts only when evidenced",
          "[matcher]") {
  const auto c = compile(
      "  - id: \"1\"\n    title: x\n    levels: [city, province]\n"
      "    outside_levels: evidence-only\n    children:\n"
      "      - id: \"1.1\"\n        title: y\n        check: {terms: {a: [条例草案]}}\n");
  // A district that drafts a 条例 earns the item …
  CHECK(state_of(c, make_document({{Role::kAchievements, {"编制某某条例草案。"}}}, "district")) ==
        ItemState::kMet);
  // … one that does not, or only plans to, is not judged on it.
  Scanner scanner(c.compiled);
  const auto none = scanner
                        .scan(make_document({{Role::kAchievements, {"开展普法。"}}}, "district"),
                              c.rules.frameworks[0])
                        .items[0];
  CHECK(none.state == ItemState::kNotApplicable);
  CHECK(none.reason == Reason{ReasonCode::kLevelExcluded,
                              Role::kAchievements,
                              0,
                              0,
                              {"district", "1", "evidence-only"}});
  CHECK(reason_text(none.reason, c.rules.frameworks[0].nodes[none.node], Lang::kZh) ==
        "第1项对区级单位只在报告有相关成效时计入，本报告未见，不扣分");
  const auto planned =
      scanner
          .scan(make_document({{Role::kPlans, {"编制某某条例草案。"}}}, "district"),
                c.rules.frameworks[0])
          .items[0];
  CHECK(planned.state == ItemState::kNotApplicable);
  CHECK(planned.quotes.empty());
  // At its own levels a missing item is missing.
  CHECK(state_of(c, make_document({{Role::kAchievements, {"开展普法。"}}}, "city")) ==
        ItemState::kMissing);
}

TEST_CASE("regexes match within one sentence only", "[matcher]") {
  const auto c = compile(
      "  - id: \"1\"\n    title: x\n    check:\n      regex:\n"
      "        r: ['公开[^。]{0,6}条']\n        s: ['A.*B']\n");
  Scanner scanner(c.compiled);
  auto doc = make_document({{Role::kAchievements, {"主动公开信息4115条。"}}});
  CHECK(scanner.scan(doc, c.rules.frameworks[0]).items[0].state == ItemState::kMet);
  // "A" ends one sentence and "B" starts the next: a whole-text regex would match across.
  doc = make_document({{Role::kAchievements, {"xA。", "Bx。"}}});
  CHECK(scanner.scan(doc, c.rules.frameworks[0]).items[0].state == ItemState::kMissing);
}

TEST_CASE("quotes are capped and evidence is deterministic", "[matcher][limits]") {
  const auto c = compile(kThree);
  std::vector<Para> paras;
  for (int i = 0; i < 20; ++i) paras.push_back({Role::kAchievements, {"落实三项制度。"}});
  const auto doc = make_document(paras);
  Scanner a(c.compiled), b(c.compiled);
  const auto ea = a.scan(doc, c.rules.frameworks[0]).items[0];
  const auto eb = b.scan(doc, c.rules.frameworks[0]).items[0];
  CHECK(ea.quotes.size() == limits::kMaxQuotesPerItem);
  REQUIRE(ea.quotes.size() == eb.quotes.size());
  for (std::size_t i = 0; i < ea.quotes.size(); ++i)
    CHECK(ea.quotes[i].sentence == eb.quotes[i].sentence);
  CHECK(ea.quotes[0].sentence == 0);
  CHECK(ea.quotes[7].sentence == 7);
}

TEST_CASE("one scan serves every framework of a document; a quote cap keeps a prefix",
          "[matcher][limits]") {
  // The caller passes all frameworks of a document at once (the text is scanned once for all of
  // them); each gets the evidence a scan of it alone gives, and --max-quotes N is the first N
  // quotes of the uncapped list.
  const auto c = compile(kThree + kRate);
  std::vector<Para> paras;
  for (int i = 0; i < 12; ++i) paras.push_back({Role::kAchievements, {"落实三项制度。"}});
  for (int i = 0; i < 5; ++i) paras.push_back({Role::kAchievements, {"出庭应诉率达100%。"}});
  const auto doc = make_document(paras);
  const Framework& fw = c.rules.frameworks[0];
  Framework foreign = fw;
  foreign.id = "not-compiled";
  Scanner scanner(c.compiled);
  const DocumentEvidence alone = scanner.scan(doc, fw);
  REQUIRE(alone.items.size() == 2);
  const Framework* frameworks[] = {&fw, &foreign, &fw};
  const auto all = scanner.scan(doc, frameworks, 3);
  REQUIRE(all.size() == 3);
  CHECK(all[1].framework_id == "not-compiled");
  CHECK(all[1].items.empty());
  for (const std::size_t k : {std::size_t{0}, std::size_t{2}}) {
    CHECK(all[k].framework_id == fw.id);
    REQUIRE(all[k].items.size() == alone.items.size());
    for (std::size_t i = 0; i < alone.items.size(); ++i) {
      const ItemEvidence& capped = all[k].items[i];
      const ItemEvidence& full = alone.items[i];
      CHECK(capped.state == full.state);
      CHECK(capped.reason == full.reason);
      REQUIRE(capped.quotes.size() == std::min<std::size_t>(3, full.quotes.size()));
      for (std::size_t q = 0; q < capped.quotes.size(); ++q) {
        CHECK(capped.quotes[q].sentence == full.quotes[q].sentence);
        CHECK(capped.quotes[q].text == full.quotes[q].text);
        CHECK(capped.quotes[q].credit == full.quotes[q].credit);
      }
    }
  }
  CHECK(alone.items[0].quotes.size() == limits::kMaxQuotesPerItem);
  CHECK(scanner.scan(doc, fw, 100).items[0].quotes.size() == limits::kMaxQuotesPerItem);
  // scan_item (rules test) gives the item scan gives.
  const ItemEvidence item = scanner.scan_item(doc, fw, fw.leaves[1]);
  CHECK(item.state == alone.items[1].state);
  CHECK(item.reason == alone.items[1].reason);
  CHECK(item.quotes.size() == alone.items[1].quotes.size());
}

TEST_CASE("examples run in the leaf's first credit role", "[matcher][examples]") {
  const auto c = compile(
      "  - id: \"1\"\n    title: x\n    check:\n      terms: {gap: [不足]}\n      roles: "
      "[shortcomings]\n"
      "    examples:\n      match: [存在不足。, 还有不足。]\n      no_match: [取得成效。, "
      "存在不足。]\n");
  Scanner scanner(c.compiled);
  std::size_t run = 0;
  const auto failures = run_examples(scanner, c.rules.frameworks[0], run);
  CHECK(run == 4);
  REQUIRE(failures.size() == 1);
  CHECK(failures[0].example == "存在不足。");
  CHECK_FALSE(failures[0].expected_match);
  CHECK(failures[0].state == ItemState::kMet);
}

TEST_CASE("example documents split sentences at 。！？；", "[matcher][examples]") {
  const auto doc = example_document("一是加强执法。二是完善制度；三是推进改革！好？");
  REQUIRE(doc.sentences.size() == 4);
  CHECK(doc.text.substr(doc.sentences[1].span.begin, doc.sentences[1].span.size()) ==
        "二是完善制度;");  // NFKC: ；→;
  CHECK(doc.paragraphs.size() == 1);
  CHECK(doc.sentences[3].role == Role::kAchievements);
}

TEST_CASE("the strongest window is quoted first unless the check asks for document order",
          "[matcher][quotes]") {
  // A heading names the topic; a body sentence with a number shows the work.
  const std::string text =
      "一、深化改革\n"
      "（一）推进三项制度。全面部署相关工作。\n"
      "（二）强化执法。落实三项制度，全年公示执法信息1200条。\n";
  std::vector<indicheck::Diagnostic> diags;
  const auto doc = indicheck::read_document_bytes(text, "q.txt", {}, diags);
  REQUIRE(doc.has_value());
  const std::string base =
      "  - id: \"1\"\n    title: x\n    check:\n      terms: {whole: [三项制度]}\n";
  {
    const auto c = compile(base);
    Scanner scanner(c.compiled);
    const auto ev = scanner.scan(*doc, c.rules.frameworks[0]).items[0];
    REQUIRE(ev.quotes.size() == 2);
    CHECK(ev.quotes[0].line == 3);  // the quantified body sentence
    CHECK(ev.quotes[1].line == 2);  // the heading
    CHECK(ev.reason == Reason{ReasonCode::kMet, Role::kAchievements, 3, 9, {}});
  }
  {
    const auto c = compile(base + "      quotes: first\n");
    Scanner scanner(c.compiled);
    const auto ev = scanner.scan(*doc, c.rules.frameworks[0]).items[0];
    REQUIRE(ev.quotes.size() == 2);
    CHECK(ev.quotes[0].line == 2);
    CHECK(ev.quotes[1].line == 3);
  }
}

TEST_CASE("one scanner, one document object changed in place: quotes follow the new original",
          "[matcher]") {
  // The scanner keeps nothing of a document between calls (hit table, quote views: original
  // text, line:col, section path); a change of the original text must not serve stale quotes.
  const auto c = compile(kThree);
  Scanner scanner(c.compiled);
  auto doc = make_document({{Role::kAchievements, {"全面落实三项制度。"}}});
  auto ev = scanner.scan(doc, c.rules.frameworks[0]);
  REQUIRE(ev.items.at(0).state == ItemState::kMet);
  REQUIRE(ev.items[0].quotes.size() == 1);
  CHECK(ev.items[0].quotes[0].text == "全面落实三项制度。");
  // Same address, same normalized text, another original (as a Traditional-script source):
  // 製 and 制 are both three bytes, so the identity offset map still holds.
  const std::string traditional = "全面落實三項製度。";
  REQUIRE(traditional.size() == std::string("全面落实三项制度。").size());
  doc.original.replace(0, traditional.size(), traditional);
  ev = scanner.scan(doc, c.rules.frameworks[0]);
  REQUIRE(ev.items.at(0).state == ItemState::kMet);
  REQUIRE(ev.items[0].quotes.size() == 1);
  CHECK(ev.items[0].quotes[0].text == traditional);
}

TEST_CASE("sentences listed out of document order give the same evidence", "[matcher]") {
  // The hit-to-sentence walk expects sentences by start and falls back to sorting them.
  const auto c = compile(kThree);
  auto doc = make_document({{Role::kAchievements, {"推行执法全过程记录。", "一般情况。"}},
                            {Role::kAchievements, {"全面落实三项制度。"}}});
  Scanner scanner(c.compiled);
  const auto in_order = scanner.scan(doc, c.rules.frameworks[0]).items.at(0);
  REQUIRE(in_order.state == ItemState::kMet);
  REQUIRE(in_order.quotes.size() == 1);
  CHECK(in_order.quotes[0].text == "全面落实三项制度。");
  // Reverse the sentence list (fix up the paragraph indices so windows are unchanged).
  Document reversed = doc;
  std::reverse(reversed.sentences.begin(), reversed.sentences.end());
  for (auto& p : reversed.paragraphs) {
    const std::uint32_t n = static_cast<std::uint32_t>(reversed.sentences.size());
    p.first_sentence = n - (p.first_sentence + p.sentence_count);
  }
  Scanner other(c.compiled);
  const auto out_of_order = other.scan(reversed, c.rules.frameworks[0]).items.at(0);
  CHECK(out_of_order.state == ItemState::kMet);
  REQUIRE(out_of_order.quotes.size() == 1);
  CHECK(out_of_order.quotes[0].text == "全面落实三项制度。");
  CHECK(out_of_order.quotes[0].sentence == 0);  // its index in the reversed list
}
