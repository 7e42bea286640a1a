// The rubric's slogan rule: which sentences are slogans, and what a slogan earns in an
// indicator framework (nothing, with its reason) and in a supplement (what it always did).
#include "slogan.h"

#include <catch2/catch.hpp>

#include "indicheck/document.h"
#include "indicheck/matcher.h"
#include "indicheck/reason_text.h"
#include "test_util.h"

using namespace indicheck;
using rules_internal::slogan_sentence;
using rules_test::make_document;

TEST_CASE("slogans: every clause a standing verb, nothing done or counted", "[slogan]") {
  // The rubric's and the adjudication's own examples (SECTIONS-2021, ADJUDICATION C4), as
  // normalization writes them (half-width comma).
  for (const char* s :
       {"坚持依法统计,严格执行统计法律法规。", "积极开展法治宣传活动,营造良好法治氛围。",
        "切实履行法治建设第一责任人职责,坚持法治建设与业务工作同部署、同推进。",
        "严格落实行政执法三项制度,进一步规范执法行为。", "一是加强政务公开。",
        "(二)深化政务公开和政务诚信建设。", "我局坚持领导干部带头学法,不断提高依法行政能力。",
        "持续\n深化放管服改革,不断优化营商环境。", "全面推进一件事一次办改革。",
        // A township's or a province's self-name before the verb.
        "我乡严格执行行政执法程序,强化执法监督,确保行政执法公正、公开、公平。",
        "全省持续深化放管服改革,不断优化营商环境。"}) {
    INFO(s);
    CHECK(slogan_sentence(s));
  }
  // An act, a count, a date, a document, a completed aspect, or a clause that does something.
  for (const char* s :
       {"加强执法,查处案件12件。", "成立法治建设领导小组。", "坚持每月召开三次专题会议。",
        "严格落实《重大行政决策程序暂行条例》。", "加强了执法队伍建设。",
        "坚持依法行政,组织全体干部参加宪法宣誓。", "健全行政调解与人民调解联动机制。",
        "十二月召开专题会议研究部署法治工作。", "", "一、主要工作"}) {
    INFO(s);
    CHECK_FALSE(slogan_sentence(s));
  }
}

TEST_CASE("slogans: more standing openers, and a purpose or result as a later clause", "[slogan]") {
  // Written from the rubric by readers who saw neither the engine nor any report.
  for (const char* s :
       {"充分发挥法律顾问作用,确保各项决策于法有据。", "坚决守住不发生区域性风险的底线。",
        "牢固树立谁执法谁普法理念,推动民族宗教政策法规深入人心。",
        "全面落实行政执法三项制度,做到执法全过程有据可查。",
        "持续深化数字政府建设,以数字化改革助力法治政府建设。",
        "坚持包容审慎原则,为新业态健康发展营造宽松有序的环境。",
        "定期对规范性文件进行清理,确保不出现与上位法相抵触的条款。",
        "主动接受人大、政协和社会各界监督,不断提升服务水平。",
        "坚持依法科学精准防控,毫不放松抓好各项防控工作。"}) {
    INFO(s);
    CHECK(slogan_sentence(s));
  }
  // A purpose clause after an act stays an act; a sentence opening with 推动 may report one.
  for (const char* s :
       {"开展执法案卷评查,推动执法规范化。", "推动成立行政争议调解中心。",
        "深入开展道路交通安全执法领域突出问题专项整治。", "积极运用省行政执法监督信息系统。"}) {
    INFO(s);
    CHECK_FALSE(slogan_sentence(s));
  }
}

TEST_CASE("slogans: a leader as the subject, and the first-responsibility formulas", "[slogan]") {
  // The 第一责任人 duty restated by its holder, with the regulation's own formulas as tails.
  for (const char* s :
       {"镇主要领导严格落实推进法治建设第一责任人职责,将法治建设与中心工作同部署、同推进,"
        "重要工作亲自部署、重大问题亲自过问。",
        "局党组书记、局长认真履行推进法治建设第一责任人职责,自觉运用法治思维和法治方式推动工作。",
        "主要负责同志带头尊法学法守法用法,压实法治建设责任。",
        "严格规范公正文明执法,推动执法质量不断提升。",
        "高度重视法治政府建设,确保各项工作落到实处。"}) {
    INFO(s);
    CHECK(slogan_sentence(s));
  }
  // A leader who did something, or a count, is an act; a standing verb first is read as before.
  for (const char* s : {"局主要领导主持召开专题会议研究法治工作。",
                        "区主要领导亲自部署,组织召开法治政府建设推进会。",
                        "主要领导严格落实第一责任人职责,年内听取法治工作汇报3次。",
                        "领导班子成员参加旁听庭审活动。", "严格审查规范性文件12件。"}) {
    INFO(s);
    CHECK_FALSE(slogan_sentence(s));
  }
}

namespace {

std::string framework(const std::string& kind) {
  return "framework:\n  id: t\n  title: 测试\n  kind: " + kind +
         (kind == "indicators" ? "\n  years: [2021, 2025]" : "") +
         "\nnodes:\n  - id: \"1\"\n    title: 政务公开\n    check:\n      terms:\n"
         "        open: [政务公开]\n";
}

ItemEvidence scan(const std::string& kind, const std::vector<std::string>& sentences,
                  RuleSet& rules) {
  const auto [problems, compiled] = rules_test::load_and_compile(framework(kind), rules);
  for (const auto& line : problems) UNSCOPED_INFO(line);
  REQUIRE(problems.empty());
  REQUIRE(compiled);
  Scanner scanner(compiled);
  return scanner.scan(make_document({{Role::kAchievements, sentences}}), rules.frameworks[0])
      .items.at(0);
}

}  // namespace

TEST_CASE("slogans: what a meeting said is its words, not the unit's act", "[slogan]") {
  for (const char* s : {"会议强调,要领悟好、贯彻好上级部署要求,在推进依法治理上持续发力。",
                        "会议指出,《政务数据共享条例》是我国首部规范政务数据共享的行政法规。",
                        "会上要求各单位于12月底前完成自查。"}) {
    INFO(s);
    CHECK(slogan_sentence(s));
  }
  for (const char* s : {"会议审议通过《某区行政执法监督办法》。", "会上通报了3起典型案例。",
                        "会议研究部署法治政府建设工作。"}) {
    INFO(s);
    CHECK_FALSE(slogan_sentence(s));
  }
}

TEST_CASE("slogans: an activity named in quotes is one the unit held", "[slogan]") {
  for (const char* s : {"积极开展“送法进军营”等活动,充分发挥法律援助站作用。",
                        "深入开展“宪法进万家”活动。", "积极开展“法律明白人”主题活动。"}) {
    INFO(s);
    CHECK_FALSE(slogan_sentence(s));
  }
  // A quoted slogan or programme, no activity held: still a slogan.
  for (const char* s : {"积极开展“八五”普法宣传活动。", "深入推进“放管服”改革。",
                        "认真落实“谁执法谁普法”责任制。"}) {
    INFO(s);
    CHECK(slogan_sentence(s));
  }
}

TEST_CASE("an indicator's slogan earns nothing, says why, and is still quoted", "[slogan]") {
  RuleSet rules;
  const ItemEvidence slogan = scan("indicators", {"积极推进政务公开工作。"}, rules);
  CHECK(slogan.state == ItemState::kMissing);
  CHECK(slogan.reason.code == ReasonCode::kSlogan);
  CHECK(reason_code_name(slogan.reason.code) == "slogan");
  CHECK(reason_text(slogan.reason, rules.frameworks[0].nodes[slogan.node], Lang::kZh) ==
        "在“主要举措和成效”部分提及“政务公开”（第1行），但只是口号式表述（坚持、加强、严格落实…）"
        "或只是标题，未写明本年度的具体做法、数字或文件");
  REQUIRE(slogan.quotes.size() == 1);
  CHECK_FALSE(slogan.quotes[0].credit);

  RuleSet rules2;
  const ItemEvidence act =
      scan("indicators", {"积极推进政务公开工作。", "全年政务公开信息286条。"}, rules2);
  CHECK(act.state == ItemState::kMet);

  // The report-structure pack and supplements ask whether a content is there at all.
  RuleSet rules3;
  CHECK(scan("supplement", {"积极推进政务公开工作。"}, rules3).state == ItemState::kMet);
}

TEST_CASE("slogans: an item numbered in ASCII digits, and 深入学习 as a standing opener",
          "[slogan]") {
  // The item's number is no count (a thirteenth probe's headings 1.强化…学习宣传).
  for (const char* s : {"1.强化习近平法治思想学习宣传。", "2.深化生态环境行政审批制度改革。",
                        "12、持续深化放管服改革。", "深入学习宣传贯彻习近平法治思想。",
                        "(一)深入学习宣传贯彻习近平法治思想。"}) {
    INFO(s);
    CHECK(slogan_sentence(s));
  }
  // A count after the number, a year, a decimal, or an act in a later clause is no slogan.
  for (const char* s :
       {"1.强化学习宣传,开展普法活动12场。", "2023年深入学习宣传贯彻习近平法治思想。",
        "1.5万人深入学习宣传贯彻习近平法治思想。",
        "深入学习宣传贯彻习近平法治思想,邀请专家作专题辅导。"}) {
    INFO(s);
    CHECK_FALSE(slogan_sentence(s));
  }
}

TEST_CASE(
    "slogans: a means named first, a connective of its own, 推进 after a standing clause, 加快推进",
    "[slogan]") {
  for (const char* s :
       {"以标准化、规范化建设为抓手,强化重大行政决策程序规定,充分发挥合法性审查制度功能。",
        "同时,严格落实督查制度,确保责任落实到位。",
        "严格执行重大行政决策程序,推进严格规范公正文明执法。", "与此同时,持续深化放管服改革。",
        "1.加快推进政府职能转变。"}) {
    INFO(s);
    CHECK(slogan_sentence(s));
  }
  for (const char* s :
       {"以规范性文件清理为抓手,废止文件12件。", "同时,开展执法检查。", "以案释法,发布典型案例。",
        "推进执法公示平台建设。", "加大执法力度,推进执法规范化。",
        "加快推进政府职能转变,取消行政许可事项12项。"}) {
    INFO(s);
    CHECK_FALSE(slogan_sentence(s));
  }
}

namespace {

// Item "1" (政务公开) of the indicators test framework on `text` read by the document stage.
ItemEvidence scan_text(const std::string& text, RuleSet& rules) {
  const auto [problems, compiled] = rules_test::load_and_compile(framework("indicators"), rules);
  REQUIRE(problems.empty());
  REQUIRE(compiled);
  std::vector<Diagnostic> diagnostics;
  const auto doc = read_document_bytes(text, "h.txt", ReadOptions{}, diagnostics);
  REQUIRE(doc);
  Scanner scanner(compiled);
  return scanner.scan(*doc, rules.frameworks[0]).items.at(0);
}

}  // namespace

TEST_CASE("a heading's own sentence is a slogan; its body, or a run-in item, is not", "[slogan]") {
  const std::string head =
      "示例县2023年法治政府建设情况报告\n一、主要举措和成效\n(一)加强组织领导\n"
      "成立法治政府建设领导小组。\n";
  // The heading names the topic and nothing under it carries the act: the page ends after it,
  // the next heading follows at once, its body is about something else; an item heading (1.) at
  // a page's end.
  for (const std::string tail :
       {"(二)推进政务公开\n", "(二)推进政务公开\n(三)规范执法行为\n",
        "(二)推进政务公开\n召开专题会议研究部署。\n", "二、推进政务公开\n成立工作专班。\n",
        "(二)规范执法行为\n1.推进政务公开\n"}) {
    INFO(tail);
    RuleSet rules;
    const ItemEvidence ev = scan_text(head + tail, rules);
    CHECK(ev.state == ItemState::kMissing);
    CHECK(ev.reason.code == ReasonCode::kSlogan);
  }
  // Its body states the work; or the item's work is written on in its own sentence.
  for (const std::string tail : {"(二)推进政务公开\n全年政务公开信息286条。\n",
                                 "(二)规范执法行为\n1.公开目录\n全年政务公开信息286条。\n",
                                 "1.推进政务公开:全年公开信息286条。\n", "一是推进政务公开\n",
                                 "(二)推进政务公开,全年公开信息286条。\n"}) {
    INFO(tail);
    RuleSet rules;
    CHECK(scan_text(head + tail, rules).state == ItemState::kMet);
  }
}

TEST_CASE("a heading reads the same run into one line as on a line of its own", "[slogan]") {
  // A one-line page runs the heading into its first item (…全过程一是依法健全制度。); the
  // document stage cuts it there, so the heading is a sentence of its own either way.
  const std::string lines =
      "示例县2023年法治政府建设情况报告\n一、主要举措和成效\n二、强化政务公开监督\n"
      "一是依法健全制度。\n";
  const std::string one_line =
      "示例县2023年法治政府建设情况报告\n一、主要举措和成效。二、强化政务公开监督一是依法健全"
      "制度。\n";
  for (const std::string& text : {lines, one_line}) {
    INFO(text);
    RuleSet rules;
    const ItemEvidence ev = scan_text(text, rules);
    CHECK(ev.state == ItemState::kMissing);
    CHECK(ev.reason.code == ReasonCode::kSlogan);
  }
  // The item's own sentence after the cut still counts.
  RuleSet rules;
  CHECK(scan_text("示例县2023年法治政府建设情况报告\n一、主要举措和成效。二、强化监督一是全年政务"
                  "公开信息286条。\n",
                  rules)
            .state == ItemState::kMet);
}
