// Reports in the shapes users copy them from government sites, beyond the crawler's: a plain
// title line without 报告 before a one-line body, the site's footer below the text, the
// colophon (版记) after the signature, and a preamble that looks like a title. Each case is
// invented, in the shape of a dev-corpus report read by tests/accuracy/variants.py.
#include <catch2/catch.hpp>

#include "doc_test_util.h"

using namespace indicheck;
using doctest::read_ok;
using doctest::role_of;
using doctest::section_with;

namespace {

// The achievements chapter most cases below start with.
const std::string kWork = "一、主要工作\n全年办理行政复议案件3件。\n";

// An opening sentence above the work, read as a page.
Document opening(const std::string& sentence) {
  return read_ok(sentence + "\n" + kWork, "t.txt");
}

}  // namespace

TEST_CASE("a plain title without 报告 before a one-line body is the title, not the preamble") {
  // pingtan-104827 copied from its page: title line, then the whole body on one line.
  const Document doc = read_ok(
      "某某实验区自然资源局2025年度法治政府建设情况\n"
      "2025年我局坚持以习近平法治思想为指导，着力推进法治政府建设。"
      "一、深学细悟践行思想全年组织集中学法12次。"
      "二、存在的问题执法力量不足。"
      "三、2026年工作打算继续加强执法队伍建设。",
      "t.txt");
  CHECK(role_of(doc, "某某实验区自然资源局2025年度") == Role::kTitle);
  CHECK(role_of(doc, "2025年我局坚持") == Role::kPreamble);
  CHECK(role_of(doc, "全年组织集中学法12次") == Role::kAchievements);
  CHECK(role_of(doc, "执法力量不足") == Role::kShortcomings);
  CHECK(role_of(doc, "继续加强执法队伍建设") == Role::kPlans);
  CHECK(doc.meta.unit.value == "某某实验区自然资源局");
  CHECK(doc.meta.year == 2025);

  // No title: a hard-wrapped first line that speaks of 法治…工作 is body text, not a title.
  const Document untitled = read_ok(
      "2022年，我局坚持以习近平法治思想为指导，法治政府建设工作\n"
      "取得明显成效。一、主要工作\n"
      "全年组织集中学法12次。\n",
      "u.txt");
  CHECK(role_of(untitled, "2022年,我局坚持") != Role::kTitle);
}

TEST_CASE("a site's footer and tool bar are boilerplate; the signature above them still signs") {
  const std::string footer =
      "上一篇：某某市人民政府关于公布第一批市级非物质文化遗产的通知\n"
      "下一篇：关于开展2023年度全市统计执法检查的通知\n"
      "主办单位：某某市人民政府办公室  承办单位：某某市大数据集团有限公司\n"
      "版权所有：某某市人民政府  闽ICP备05007397号  闽公网安备35030202000108号\n"
      "网站标识码：3503000006\n"
      "翻译\n"
      "搜索\n"
      "复制\n";
  const Document doc = read_ok(kWork +
                                   "二、2020年工作计划\n"
                                   "进一步加强行政应诉工作。\n"
                                   "专此报告。\n"
                                   "某某市某某区人民政府\n"
                                   "2019年12月18日\n" +
                                   footer,
                               "t.txt");
  CHECK(doc.meta.unit.value == "某某市某某区");
  CHECK(doc.meta.unit.source == "signature");
  CHECK(doc.meta.published.value == "2019-12-18");
  CHECK(role_of(doc, "专此报告") == Role::kSignature);
  CHECK(doctest::sentence_with(doc, "版权所有") == nullptr);  // set aside, not text
  CHECK(doctest::sentence_with(doc, "翻译") == nullptr);

  // On a one-line page the footer lines below do not switch one-line mode off.
  const Document one = read_ok(
      "某某局2025年法治政府建设情况报告\n"
      "现将有关情况报告如下：一、主要工作全年办理行政复议案件3件。"
      "二、存在的问题执法力量不足。三、2026年工作计划进一步加强行政应诉工作。\n" +
          footer,
      "o.txt");
  CHECK(role_of(one, "执法力量不足") == Role::kShortcomings);
  CHECK(role_of(one, "进一步加强行政应诉工作") == Role::kPlans);

  // "主办单位" inside a report's sentence is text.
  const Document body = read_ok(
      "一、主要工作\n"
      "主办单位为市司法局，全年举办法治讲座6场，参加干部职工300余人次，进一步提升了全局干部职工的"
      "法治意识和依法行政能力，推动各项工作在法治轨道上运行。\n",
      "b.txt");
  CHECK(role_of(body, "全年举办法治讲座6场") == Role::kAchievements);
}

TEST_CASE("the colophon: 抄送 names other units, the printing office is the unit's own") {
  // putian-1975864 without its crawler header: signature, 抄送 over two lines, then the 印发
  // line of the unit's office.
  const Document doc = read_ok(kWork +
                                   "二、2025年工作计划\n"
                                   "进一步加强行政应诉工作。\n"
                                   "某某市水利局\n"
                                   "2025年2月24日\n"
                                   "抄送：\n"
                                   "中共某某市委全面依法治市委员会办公室。\n"
                                   "某某市水利局办公室 2025年2月24日印发\n",
                               "t.txt");
  CHECK(doc.meta.unit.value == "某某市水利局");
  CHECK(role_of(doc, "进一步加强行政应诉工作") == Role::kPlans);
  CHECK(role_of(doc, "中共某某市委全面依法治市委员会办公室") == Role::kSignature);

  // Only the 印发 line names anyone: the office prints for its unit.
  const Document office = read_ok(kWork + "某某市应急管理局办公室2021年12月15日印发\n", "o.txt");
  CHECK(office.meta.unit.value == "某某市应急管理局");

  // (此件主动公开) after the signature's date, reflowed onto its line.
  const Document open = read_ok(kWork +
                                    "特此报告。\n"
                                    "某某\n"
                                    "市海洋与渔业局\n"
                                    "201\n"
                                    "8\n"
                                    "年1月\n"
                                    "30\n"
                                    "日\n"
                                    "（此件主动公开）\n",
                                "p.txt");
  CHECK(open.meta.unit.value == "某某市海洋与渔业局");
  CHECK(open.meta.published.value == "2018-01-30");
}

TEST_CASE("a short name in the title or body is completed by a signature that holds it whole") {
  const Document doc = read_ok(
      "苏平片区2023年法治政府建设工作情况总结\n"
      "2023年以来，苏平片区坚持以习近平法治思想为指导。现将情况总结如下：一、主要工作全年办理"
      "行政复议案件3件。二、2024年工作思路继续加强执法。 某某实验区苏平片区管理局 2023年12月21日",
      "t.txt");
  CHECK(doc.meta.unit.value == "某某实验区苏平片区管理局");
}

TEST_CASE(
    "a preamble without its full stop is not a title, and the 纲要's years are not the year") {
  const Document doc = read_ok(
      "根据《法治政府建设实施纲要（2015-"
      "2020年）》的要求，现将我局2019年开展法治政府建设工作情况报告"
      "如下：\n"
      "一、主要做法\n"
      "全年办理行政复议案件3件。\n"
      "二、2020年工作打算\n"
      "继续加强执法。\n",
      "t.txt");
  CHECK(doc.meta.year == 2019);
  CHECK(role_of(doc, "根据《法治政府建设实施纲要") != Role::kTitle);
}

TEST_CASE("a PDF's text: page numbers between pages are set aside, sentences run across them") {
  // Hard-wrapped at 20 characters, a page number after every few lines, one inside a sentence
  // and one inside the signature's date (putian-1421263 as its PDF would print).
  const Document doc = read_ok(
      "某某市安监局2017年度依法行政工作报告\n"
      "一、主要工作\n"
      "全年组织安全生产执法检查120次，\n"
      "查处违法违规行为35起，\n"
      "— 1 —\n"
      "罚款金额共计80万元。\n"
      "二、存在的问题\n"
      "执法力量不足，\n"
      "执法装备有待加强。\n"
      "第 2 页 共 3 页\n"
      "三、2018年工作打算\n"
      "继续加强执法，\n"
      "提升执法水平。\n"
      "某某市\n"
      "安全生产监督管理局\n"
      "201\n"
      "8\n"
      "年\n"
      "1\n"
      "月\n"
      "- 3 -\n"
      "26\n"
      "日\n",
      "t.txt");
  const Sentence* fine = doctest::sentence_with(doc, "罚款金额共计80万元");
  REQUIRE(fine != nullptr);
  CHECK(doctest::text_of(doc, fine->span) ==
        "全年组织安全生产执法检查120次,查处违法违规行为35起,罚款金额共计80万元。");
  CHECK(fine->role == Role::kAchievements);
  // The quote's original text spans the page break; without its line breaks and the page
  // number it is the sentence.
  std::string original(doc.original_text(fine->span));
  std::string flat;
  for (std::size_t at = 0; at < original.size();) {
    const std::size_t nl = std::min(original.find('\n', at), original.size());
    const std::string line = original.substr(at, nl - at);
    if (line != "— 1 —") flat += line;
    at = nl + 1;
  }
  CHECK(normalize_for_matching(flat) == doctest::text_of(doc, fine->span));
  CHECK(role_of(doc, "执法装备有待加强") == Role::kShortcomings);
  CHECK(role_of(doc, "提升执法水平") == Role::kPlans);
  CHECK(doctest::sentence_with(doc, "第2页") == nullptr);
  CHECK(doc.meta.unit.value == "某某市安全生产监督管理局");
  CHECK(doc.meta.published.value == "2018-01-26");

  // Dates and numbers broken over lines stay what they are: a bare number is not a page's.
  CHECK(doc.meta.year == 2017);
}

TEST_CASE("a PDF printed from Word: running heads and feet go with the page numbers") {
  // Every page of the printout starts with a running head and ends with "第 N 页 共 M 页": the
  // title on one document, the unit and document number on the other. The heads fall inside a
  // sentence and inside the signature's date; left in, the title's words would be a heading
  // there and the sentence and the date cut in two.
  for (const std::string& head : {std::string("某某市安监局2017年度依法行政工作报告"),
                                  std::string("某某市人民政府办公室 某政办〔2018〕12号")}) {
    for (const bool crlf : {false, true}) {
      INFO(head << (crlf ? " CRLF" : ""));
      std::string text =
          "某某市安监局2017年度依法行政工作报告\n"
          "一、主要工作\n"
          "全年组织安全生产执法检查120次，\n"
          "查处违法违规行为35起，\n"
          "第 1 页 共 3 页\n" +
          head +
          "\n"
          "罚款金额共计80万元。\n"
          "二、存在的问题\n"
          "执法力量不足，\n"
          "执法装备有待加强。\n"
          "三、2018年工作打算\n"
          "继续加强执法，\n"
          "第 2 页 共 3 页\n" +
          head +
          "\n"
          "提升执法水平。\n"
          "某某市\n"
          "安全生产监督管理局\n"
          "201\n"
          "8\n"
          "年\n"
          "1\n"
          "月\n"
          "第 3 页 共 3 页\n" +
          head +
          "\n"
          "26\n"
          "日\n";
      if (crlf)  // the lines as Windows writes them: the same line numbers
        for (std::size_t at = text.find('\n'); at != std::string::npos;
             at = text.find('\n', at + 2))
          text.insert(at, "\r");
      const Document doc = read_ok(text, "t.txt");
      const Sentence* fine = doctest::sentence_with(doc, "罚款金额共计80万元");
      REQUIRE(fine != nullptr);
      CHECK(doctest::text_of(doc, fine->span) ==
            "全年组织安全生产执法检查120次,查处违法违规行为35起,罚款金额共计80万元。");
      const Sentence* plan = doctest::sentence_with(doc, "提升执法水平");
      REQUIRE(plan != nullptr);
      CHECK(doctest::text_of(doc, plan->span) == "继续加强执法,提升执法水平。");
      CHECK(plan->role == Role::kPlans);
      // The title is read once, at the top; no sentence holds a running head.
      CHECK(role_of(doc, "某某市安监局2017年度") == Role::kTitle);
      std::size_t titles = 0;
      for (const Sentence& s : doc.sentences) {
        const std::string_view said = doctest::text_of(doc, s.span);
        titles += said.find("依法行政工作报告") != std::string_view::npos;
        CHECK(said.find("某政办") == std::string_view::npos);
      }
      CHECK(titles == 1);
      CHECK(doc.meta.unit.value == "某某市安全生产监督管理局");
      CHECK(doc.meta.published.value == "2018-01-26");
      CHECK(doc.meta.year == 2017);
    }
  }
  // A line that happens to follow one page number is text, not a head.
  const Document once = read_ok(
      "某某市安监局2017年度依法行政工作报告\n"
      "一、主要工作\n"
      "全年组织安全生产执法检查120次，\n"
      "第 1 页 共 2 页\n"
      "组织执法培训\n"
      "3次。\n",
      "u.txt");
  CHECK(doctest::sentence_with(once, "组织执法培训") != nullptr);
}

TEST_CASE("a table of contents between the title and the text is set aside") {
  // A long report as Word lays it out: 目录, then each chapter with a dot leader and its page.
  // Read as text, the entries were headings: the plans heading at the top of the document, the
  // title's words credited, and a year read from "2024年工作打算" where the title has none.
  const Document doc = read_ok(
      "某某县司法局法治政府建设情况报告\n"
      "目  录\n"
      "一、主要工作开展情况……………………1\n"
      "二、存在的问题…………………………5\n"
      "三、2024年工作打算·····················7\n"
      "2023年，我局坚持以习近平法治思想为指导，现将有关情况报告如下：\n"
      "一、主要工作开展情况\n"
      "全年办理行政复议案件3件。\n"
      "二、存在的问题\n"
      "执法力量不足。\n"
      "三、2024年工作打算\n"
      "继续加强执法队伍建设。\n",
      "t.txt");
  CHECK(role_of(doc, "全年办理行政复议案件3件") == Role::kAchievements);
  CHECK(role_of(doc, "执法力量不足") == Role::kShortcomings);
  CHECK(role_of(doc, "继续加强执法队伍建设") == Role::kPlans);
  for (const Sentence& s : doc.sentences) {
    const std::string_view said = doctest::text_of(doc, s.span);
    CHECK(said.find("...") == std::string_view::npos);
    CHECK(said.find("目录") == std::string_view::npos);
  }
  CHECK(doc.meta.year == 2023);
  CHECK(doc.meta.unit.value == "某某县司法局");
  // A sentence (its 。) or a short leader before a number is text.
  const Document text = read_ok(kWork + "共办理各类案件...3件。\n受理申请..12\n", "u.txt");
  CHECK(doctest::sentence_with(text, "共办理各类案件") != nullptr);
  CHECK(doctest::sentence_with(text, "受理申请") != nullptr);
}

TEST_CASE("a title written inside book-title marks names the unit and the year") {
  // Some sites list a report as 《…报告》; the signature has only the short name.
  const Document doc = read_ok(
      "《某某市海洋与渔业局2023年度法治政府建设情况报告》\n"
      "一、主要工作\n"
      "全年办理行政复议案件3件。\n"
      "二、2024年工作打算\n"
      "继续加强执法队伍建设。\n"
      "某某市海渔局\n"
      "2024年2月5日\n",
      "t.txt");
  CHECK(doc.meta.unit.value == "某某市海洋与渔业局");
  CHECK(doc.meta.unit.source == "title");
  CHECK(doc.meta.year == 2023);
  CHECK(role_of(doc, "全年办理行政复议案件3件") == Role::kAchievements);
  // A title that cites a document keeps its marks: the cited 纲要's years are not the year.
  const Document cites = read_ok(
      "某某县司法局关于贯彻落实《法治政府建设实施纲要(2021—2025年)》情况的报告\n"
      "2022年，我局坚持以习近平法治思想为指导，现将有关情况报告如下：\n" +
          kWork,
      "u.txt");
  CHECK(cites.meta.year == 2022);
  CHECK(cites.meta.unit.value == "某某县司法局");
}

TEST_CASE("a page's related-articles list below the text is furniture; the signature signs") {
  // Other units' reports of other years with their dates, under 相关阅读, after the signature:
  // read as text they were the report's end (no signature, no unit) and their words evidence.
  const Document doc =
      read_ok(kWork +
                  "二、2024年工作计划\n"
                  "进一步加强行政应诉工作。\n"
                  "某某市某某区人民政府\n"
                  "2024年1月15日\n"
                  "\n"
                  "相关阅读：\n"
                  "某某市司法局关于2019年度法治政府建设情况的报告 2020-01-15\n"
                  "\n"
                  "某某区人民政府2018年法治政府建设工作总结 2019-02-01\n"
                  "关于印发《某某市2020年法治政府建设工作要点》的通知 2020-03-09\n",
              "t.txt");
  CHECK(doc.meta.unit.value == "某某市某某区");
  CHECK(doc.meta.unit.source == "signature");
  CHECK(doc.meta.published.value == "2024-01-15");
  CHECK(doc.meta.year == 2023);
  CHECK(role_of(doc, "进一步加强行政应诉工作") == Role::kPlans);
  for (const Sentence& s : doc.sentences) {
    const std::string_view said = doctest::text_of(doc, s.span);
    CHECK(said.find("工作要点") == std::string_view::npos);
    CHECK(said.find("相关阅读") == std::string_view::npos);
  }
  // A chapter that goes on after a line reading 相关信息 keeps its sentences.
  const Document body = read_ok(kWork + "相关信息\n全年组织执法培训3次。\n", "u.txt");
  CHECK(role_of(body, "全年组织执法培训3次") == Role::kAchievements);
}

TEST_CASE("HTML character references left undecoded in text are read as their characters") {
  // A careless extraction keeps &nbsp; (here the indentation), &ldquo; &rdquo; and &#12289;.
  CHECK(normalize_for_matching("推行&ldquo;三项制度&rdquo;&#12289;执法公示&#x3001;记录") ==
        "推行“三项制度”、执法公示、记录");
  CHECK(normalize_for_matching("A&amp;B&lt;C&gt;") == "A&B<C>");
  CHECK(normalize_for_matching("A&#32;B&#x1F600;C") == "A B\U0001F600C");  // a space, an emoji
  // Not references: unknown names, no semicolon, controls, surrogates, a bare ampersand.
  CHECK(normalize_for_matching("R&D;研发&copy") == "R&D;研发&copy");
  CHECK(normalize_for_matching("&#0;&#xD800;&#12;&foo;&") == "&#0;&#xD800;&#12;&foo;&");
  const std::string page =
      "某某市安监局2017年度依法行政工作报告\n"
      "&nbsp;&nbsp;&nbsp;&nbsp;一、主要工作\n"
      "&nbsp;&nbsp;&nbsp;&nbsp;全面推行行政执法&ldquo;三项制度&rdquo;&#12289;开展执法检查120次，\n"
      "&nbsp;&nbsp;&nbsp;&nbsp;查处违法违规行为35起。\n"
      "&nbsp;&nbsp;&nbsp;&nbsp;二、2018年工作打算\n"
      "&nbsp;&nbsp;&nbsp;&nbsp;继续加强执法。\n"
      "&nbsp;&nbsp;&nbsp;&nbsp;某某市安全生产监督管理局\n"
      "&nbsp;&nbsp;&nbsp;&nbsp;2018年1月26日\n";
  // The same page with the references decoded by hand (&nbsp; indentation as U+3000).
  std::string plain = page;
  for (const auto& [ref, ch] : {std::pair<std::string, std::string>{"&nbsp;", "\u3000"},
                                {"&ldquo;", "“"},
                                {"&rdquo;", "”"},
                                {"&#12289;", "、"}})
    for (std::size_t at = plain.find(ref); at != std::string::npos; at = plain.find(ref, at))
      plain.replace(at, ref.size(), ch);
  const Document doc = read_ok(page, "t.txt"), want = read_ok(plain, "u.txt");
  REQUIRE(doc.sentences.size() == want.sentences.size());
  for (std::size_t k = 0; k < doc.sentences.size(); ++k) {
    CHECK(doctest::text_of(doc, doc.sentences[k].span) ==
          doctest::text_of(want, want.sentences[k].span));
    CHECK(doc.sentences[k].role == want.sentences[k].role);
  }
  const Sentence* act = doctest::sentence_with(doc, "三项制度");
  REQUIRE(act != nullptr);
  CHECK(doctest::text_of(doc, act->span) ==
        "全面推行行政执法“三项制度”、开展执法检查120次,查处违法违规行为35起。");
  CHECK(act->role == Role::kAchievements);
  // The quote is the original text, references and all.
  CHECK(doc.original_text(act->span).find("&ldquo;三项制度&rdquo;") != std::string_view::npos);
  CHECK(doc.meta.unit.value == want.meta.unit.value);
  CHECK(doc.meta.published.value == "2018-01-26");
  CHECK(doc.meta.year == 2017);
}

TEST_CASE("a signing name run on after the last sentence, its date wrapped below, signs") {
  const Document doc = read_ok(
      "苏平片区2023年法治政府建设工作情况总结\n"
      "现将情况总结如下：一、主要工作全年办理行政复议案件3件。二、2024年工作思路继续加强执法，"
      "增强法治宣传教育吸引力。 某某实验区苏平片区管理局\n"
      " 2023年12月21日\n",
      "t.txt");
  CHECK(role_of(doc, "某某实验区苏平片区管理局") == Role::kSignature);
  CHECK(role_of(doc, "增强法治宣传教育吸引力") == Role::kPlans);
  CHECK(doc.meta.unit.value == "某某实验区苏平片区管理局");
  CHECK(doc.meta.published.value == "2023-12-21");
}

TEST_CASE("a relative unit name (市审计局) is placed by the text or the publisher field") {
  // The crawler's 发布机构 says only 市审计局; the text cites 《莆田市审计局…》.
  const Document cited = read_ok(
      "标题: 关于2021年开展法治政府建设工作情况的报告\n"
      "发布时间: 2021-12-31 08:39\n"
      "发布机构: 市审计局\n"
      "正文:\n"
      "一、主要工作\n"
      "出台了《莆田市审计局重大行政决策程序规定》，全年完成审计项目12个。\n",
      "t.txt");
  CHECK(cited.meta.unit.value == "莆田市审计局");
  CHECK(cited.meta.province.value == "福建省");

  // No full name anywhere: the city the text names most often (at least twice).
  const Document named = read_ok(
      "标题: 关于2022年法治政府建设情况的报告\n"
      "发布机构: 市海渔局\n"
      "正文:\n"
      "一、主要工作\n"
      "参与莆田市海洋经济发展规划编制，配合莆田市开展海岸带保护。\n",
      "n.txt");
  CHECK(named.meta.unit.value == "莆田市海渔局");

  // A body self-name completed by the publisher: 区公安局 in 平潭综合实验区公安局.
  const Document body = read_ok(
      "标题: 2025年度法治政府建设情况报告\n"
      "发布机构: 平潭综合实验区公安局\n"
      "正文:\n"
      "区公安局坚持以习近平法治思想为指导。一、主要工作全年办理行政复议案件3件。\n",
      "b.txt");
  CHECK(body.meta.unit.value == "平潭综合实验区公安局");
}

TEST_CASE("the title's unit without a year or 关于, and a title's plans year") {
  const Document doc = read_ok(
      "某某市林业局法治政府建设情况报告\n"
      "一、主要工作\n"
      "2023年，全年办理林业行政案件12件。\n",
      "t.txt");
  CHECK(doc.meta.unit.value == "某某市林业局");

  // "…情况及2021年工作思路": 2021 is the plans' year; the report is on 2020.
  const Document plans = read_ok(
      "某某市科学技术局关于法治政府建设情况及2021年工作思路的报告\n"
      "一、主要工作\n"
      "全年办理行政许可12件。\n",
      "p.txt");
  CHECK(plans.meta.year == 2020);
  // With the report's year too, the first year that is not the plans' wins.
  const Document both = read_ok(
      "某某市科学技术局关于2020年度法治政府建设情况及2021年工作思路的报告\n"
      "一、主要工作\n"
      "全年办理行政许可12件。\n",
      "b.txt");
  CHECK(both.meta.year == 2020);
}

TEST_CASE("spaces between Han characters go, other spaces stay; indentation is not text") {
  const std::string original =
      "　　一、主要工作\n"
      "  全年办理行 政 复 议案件3件，省政务服务 2.0 示范大厅通过验收。\n"
      "某某市  2023年12月21日\n";
  const Document doc = read_ok(original, "t.txt");
  const Sentence* s = doctest::sentence_with(doc, "行政复议案件3件");
  REQUIRE(s != nullptr);
  // Spaces between two Han characters are gone; one next to a digit stays.
  CHECK(doctest::text_of(doc, s->span) ==
        "全年办理行政复议案件3件,省政务服务 2.0 示范大厅通过验收。");
  // The quote's original text starts after the indentation and keeps what the author wrote.
  CHECK(doc.original_text(s->span) ==
        "全年办理行 政 复 议案件3件，省政务服务 2.0 示范大厅通过验收。");
  CHECK(normalize_for_matching(doc.original_text(s->span)) == doctest::text_of(doc, s->span));
  CHECK(doc.line_col(doc.to_original(s->span.begin)).column == 3);
  // Two spaces are a separator, not a stray one.
  CHECK(doctest::sentence_with(doc, "某某市  2023年") != nullptr);
  // Terms are normalized the same way.
  CHECK(normalize_for_matching("行政 复议") == "行政复议");
  CHECK(normalize_for_matching("行政  复议") == "行政  复议");
  CHECK(normalize_for_matching(" ") == " ");
}

TEST_CASE("dates and years in Chinese numerals sign and date a report") {
  const Document doc = read_ok("某某区二〇二一年法治政府建设情况报告\n" + kWork +
                                   "二、2022年工作计划\n"
                                   "进一步加强行政应诉工作。\n"
                                   "专此报告。\n"
                                   "某某市某某区人民政府\n"
                                   "二〇二二年一月五日\n",
                               "t.txt");
  CHECK(doc.meta.year == 2021);
  CHECK(doc.meta.unit.value == "某某区");
  CHECK(doc.meta.published.value == "2022-01-05");
  CHECK(role_of(doc, "二〇二二年一月五日") == Role::kSignature);

  // Signed only, the date run on (one-line page): 二〇一九年十二月十八日, 二○ with a circle.
  const Document signed_only = read_ok(
      "现将有关情况报告如下：一、主要工作全年办理行政复议案件3件。二、2020年工作计划进一步加强"
      "行政应诉工作。专此报告。某某市某某区人民政府二○一九年十二月十八日",
      "s.txt");
  CHECK(signed_only.meta.unit.value == "某某市某某区");
  CHECK(signed_only.meta.published.value == "2019-12-18");
  CHECK(signed_only.meta.year == 2019);

  // A blank day and month, as templates leave them: 二〇二五年 月 日.
  const Document blank = read_ok("某某局2024年法治政府建设情况报告\n" + kWork +
                                     "某某局\n"
                                     "二〇二五年  月  日\n",
                                 "b.txt");
  CHECK(blank.meta.published.value == "2025");
}

TEST_CASE("an attachment after the signature is neither the signature nor the report's parts") {
  const Document doc = read_ok(kWork +
                                   "二、2020年工作计划\n"
                                   "进一步加强行政应诉工作。\n"
                                   "专此报告。\n"
                                   "某某市某某区人民政府\n"
                                   "2019年12月18日\n"
                                   "附件：2019年度行政执法数据统计表\n"
                                   "序号\t项目\t数量\n"
                                   "1\t行政处罚案件\t120件\n",
                               "t.txt");
  CHECK(doc.meta.unit.value == "某某市某某区");
  CHECK(doc.meta.published.value == "2019-12-18");
  CHECK(role_of(doc, "2019年12月18日") == Role::kSignature);
  CHECK(role_of(doc, "行政处罚案件") == Role::kOther);
  CHECK(role_of(doc, "进一步加强行政应诉工作") == Role::kPlans);

  // 附件 inside the body (a list of documents issued) is body text.
  const Document body = read_ok(kWork +
                                    "附件清单已报市司法局备案。\n"
                                    "二、存在的问题\n"
                                    "执法力量不足。\n",
                                "b.txt");
  CHECK(role_of(body, "附件清单已报市司法局备案") == Role::kAchievements);
}

TEST_CASE("chapters numbered 第一部分 or 第一章, and a bare 3. above a year") {
  const Document doc = read_ok(
      "某某局2022年法治政府建设情况报告\n"
      "第一部分 主要工作\n"
      "全年办理行政复议案件3件。\n"
      "第二部分：存在的问题\n"
      "执法力量不足。\n"
      "第三章\n"
      "2023年工作计划\n"
      "继续加强执法。\n",
      "t.txt");
  CHECK(role_of(doc, "全年办理行政复议案件3件") == Role::kAchievements);
  CHECK(role_of(doc, "执法力量不足") == Role::kShortcomings);
  CHECK(role_of(doc, "继续加强执法") == Role::kPlans);
  CHECK(doctest::section_with(doc, "存在的问题") > 0);

  // Hard-wrapped: "3." alone after a line that ends with a comma, then the year.
  const Document wrapped = read_ok(
      "某某局2020年法治政府建设情况报告\n"
      "1.\n"
      "主要工作\n"
      "全年办理行政\n"
      "复议案件3件，罚款共计\n"
      "3.5万元，\n"
      "组织执法培训\n"
      "5期，\n"
      "2.\n"
      "存在的问题\n"
      "执法力量还有\n"
      "待加强，\n"
      "3.\n"
      "2021年工作思路\n"
      "继续加强执法\n"
      "队伍建设。\n",
      "w.txt");
  CHECK(role_of(wrapped, "执法力量还有待加强") == Role::kShortcomings);
  CHECK(role_of(wrapped, "继续加强执法队伍建设") == Role::kPlans);
  CHECK(doctest::section_with(wrapped, "2021年工作思路") > 0);
  // A decimal is not a marker: 3.5万元 runs on in its sentence.
  CHECK(doctest::sentence_with(wrapped, "罚款共计3.5万元") != nullptr);
  CHECK(doctest::section_with(wrapped, "5万元") <= 0);
}

TEST_CASE("a page's info bar (信息来源, 发布日期, 点击数) is furniture, not the preamble") {
  const Document doc = read_ok(
      "某某局2023年法治政府建设工作情况总结\n"
      "信息来源：本网  发布日期：2023-12-21  点击数：88\n"
      "2023年以来，我局坚持依法行政。现将情况总结如下：一、主要工作全年办理行政复议案件3件。"
      "二、存在的问题执法力量不足。三、2024年工作思路继续加强执法。\n",
      "t.txt");
  CHECK(doctest::sentence_with(doc, "信息来源") == nullptr);
  CHECK(role_of(doc, "2023年以来,我局坚持依法行政") == Role::kPreamble);
  CHECK(role_of(doc, "全年办理行政复议案件3件") == Role::kAchievements);
  CHECK(role_of(doc, "执法力量不足") == Role::kShortcomings);
  CHECK(role_of(doc, "继续加强执法") == Role::kPlans);
  // One field alone is text: "来源:" in a sentence of the report.
  const Document one = read_ok("一、主要工作\n经费来源:财政拨款,全年支出12万元\n", "o.txt");
  CHECK(doctest::sentence_with(one, "经费来源") != nullptr);
}

TEST_CASE("a formal document: red header, document number, a title over two lines, addressee") {
  // The report as its signed Word or PDF version shows it (variants.py: official document).
  const std::string body =
      "\n某市委全面依法治市委员会办公室：\n"
      "2023年，我局全面推进法治政府建设。\n"
      "一、主要工作\n全年办理行政复议案件3件。\n"
      "二、存在的问题\n执法力量不足。\n"
      "三、2024年工作打算\n继续加强执法队伍建设。\n";
  const Document doc = read_ok(
      "某某市审计局文件\n\n某审〔2024〕6号\n\n"
      "某某市审计局关于2023年开展法治政府\n建设工作情况的报告\n" +
          body,
      "t.txt");
  CHECK(role_of(doc, "某某市审计局文件") == Role::kTitle);
  CHECK(role_of(doc, "某某市审计局关于2023年开展法治政府建设工作情况的报告") == Role::kTitle);
  CHECK(role_of(doc, "2023年,我局全面推进") == Role::kPreamble);
  CHECK(role_of(doc, "全年办理行政复议案件3件") == Role::kAchievements);
  CHECK(role_of(doc, "执法力量不足") == Role::kShortcomings);
  CHECK(role_of(doc, "继续加强执法队伍建设") == Role::kPlans);
  CHECK(doc.meta.unit.value == "某某市审计局");
  CHECK(doc.meta.year == 2023);
  CHECK(doc.meta.doc_number.value == "某审〔2024〕6号");

  // A title without its unit under the red header, broken where a unit name could end
  // (…法治政府 / 建设…): the red header names the unit, the joined title gives the year.
  const Document short_title =
      read_ok("某某县林业局文件\n\n关于2022年法治政府\n建设工作情况总结\n" + body, "s.txt");
  CHECK(role_of(short_title, "关于2022年法治政府建设工作情况总结") == Role::kTitle);
  CHECK(short_title.meta.unit.value == "某某县林业局");
  CHECK(short_title.meta.unit.source == "red-header");
  CHECK(short_title.meta.year == 2022);

  // Two head lines that do not make a title together stay apart; a complete title does not
  // take the addressee below it.
  const Document apart =
      read_ok("某某县林业局关于2022年法治政府建设工作情况的报告\n某县人民政府：\n" + body.substr(1),
              "a.txt");
  CHECK(role_of(apart, "某县人民政府:") == Role::kTitle);
  CHECK(apart.meta.unit.value == "某某县林业局");
  CHECK(apart.meta.year == 2022);
}

TEST_CASE("a hard-wrapped page's title over two lines ends with its second line") {
  // A PDF's text (putian-1694272 printed): the title breaks inside a word, the preamble below
  // it is hard-wrapped too; the title must not run into the preamble.
  const Document doc = read_ok(
      "某某市审计局关于2021年开展法治政府建设工\n"
      "作情况的报告\n"
      "根据《法治政府建设与责任落实督察工作规定》和法治政\n"
      "府建设工作要求，现将我局\n"
      "2021年开展法治政府建设工作情况报告如下：\n"
      "一、主要做法\n"
      "2021年，我局严格执行重大行政决策程序，全年\n"
      "审议重大决策事项5项，邀请法律顾问\n"
      "列席会议12次。\n"
      "二、存在的问题\n"
      "执法力量\n"
      "不足。\n",
      "t.pdf.txt");
  CHECK(role_of(doc, "某某市审计局关于2021年开展法治政府建设工作情况的报告") == Role::kTitle);
  CHECK(role_of(doc, "根据《法治政府建设与责任落实督察工作规定》") == Role::kPreamble);
  CHECK(doc.meta.unit.value == "某某市审计局");
  CHECK(doc.meta.year == 2021);
  CHECK(role_of(doc, "审议重大决策事项5项") == Role::kAchievements);
  CHECK(role_of(doc, "执法力量不足") == Role::kShortcomings);
}

TEST_CASE("a signature run on after the last sentence, with nothing below it, signs") {
  // A PDF's text or a crawl without spaces: "…感染力。平潭…管理局2023年12月21日" at the end.
  const Document doc = read_ok(
      "苏平片区2023年法治政府建设工作情况总结\n"
      "2023年以来，我局坚持依法行政。\n"
      "一、主要工作\n"
      "全年办理行政复议案件3件。增强法治宣传教育吸引力、感染力。"
      "某某实验区苏平片区管理局2023年12月21日\n",
      "t.txt");
  CHECK(role_of(doc, "某某实验区苏平片区管理局2023年12月21日") == Role::kSignature);
  CHECK(role_of(doc, "增强法治宣传教育吸引力") == Role::kAchievements);
  CHECK(doc.meta.unit.value == "某某实验区苏平片区管理局");
  CHECK(doc.meta.unit.source == "signature");
  CHECK(doc.meta.published.value == "2023-12-21");
}

TEST_CASE("a title's date or sender below it is head, not body; the one-line body stays one line") {
  const std::string one_line =
      "2023年我局坚持以习近平法治思想为指导。一、主要工作全年组织集中学法12次。"
      "二、存在的问题执法力量不足。三、2024年工作打算继续加强执法队伍建设。";
  for (const std::string head :
       {"某某实验区公安局2023年度法治政府建设情况报告\n（2023年12月20日）\n\n",
        "某某实验区公安局2023年度法治政府建设情况报告\n某某实验区公安局\n"
        "2023年12月20日\n\n"}) {
    const Document doc = read_ok(head + one_line, "t.txt");
    CHECK(role_of(doc, "全年组织集中学法12次") == Role::kAchievements);
    CHECK(role_of(doc, "执法力量不足") == Role::kShortcomings);
    CHECK(role_of(doc, "继续加强执法队伍建设") == Role::kPlans);
    CHECK(doc.meta.unit.value == "某某实验区公安局");
    CHECK(doc.meta.year == 2023);
  }
}

TEST_CASE("an attachment note above the signature signs with it; a link list below is furniture") {
  const Document doc = read_ok(kWork +
                                   "特此报告。\n"
                                   "附件：1.2023年度行政复议应诉情况统计表\n"
                                   "2.2023年度规范性文件目录\n"
                                   "某某市某某区人民政府\n"
                                   "2024年1月5日\n"
                                   "\n相关链接\n"
                                   "中国政府网 某某省人民政府 某某市人民政府\n",
                               "t.txt");
  CHECK(role_of(doc, "2.2023年度规范性文件目录") == Role::kSignature);
  CHECK(role_of(doc, "某某市某某区人民政府") == Role::kSignature);
  CHECK(doc.meta.unit.value == "某某市某某区");
  CHECK(doc.meta.published.value == "2024-01-05");
  CHECK(role_of(doc, "全年办理行政复议案件3件") == Role::kAchievements);

  // A statistics table attached after the signature is still an attachment (role other).
  const Document table = read_ok(kWork +
                                     "某某市某某区人民政府\n2024年1月5日\n"
                                     "附件：2023年度行政执法数据统计表\n1\t行政处罚案件\t120件\n",
                                 "u.txt");
  CHECK(table.meta.unit.value == "某某市某某区");
  CHECK(role_of(table, "行政处罚案件") == Role::kOther);
}

TEST_CASE("chapters without numbers: the parts' (一)(二) sections stay in their parts") {
  // A hard-wrapped page whose chapter headings lost their numbers; the sections under each part
  // are numbered (一)(二) like the achievements' own.
  const Document doc = read_ok(
      "现将有关情况报告如下：\n"
      "主要工作\n"
      "（一）加强规范性文件管理\n"
      "全年审核规范性文件12件，\n"
      "备案率100%。\n"
      "（二）推进严格执法\n"
      "开展行政执法案卷评查2次。\n"
      "存在的主要问题\n"
      "（一）执法力量薄弱\n"
      "执法人员\n"
      "不足。\n"
      "2022年\n"
      "工作安排\n"
      "（一）持续开展普法宣传\n"
      "继续开展宪法宣传周活动。\n"
      "（二）严格执法程序\n"
      "进一步规范行政执法文书。\n",
      "t.txt");
  CHECK(role_of(doc, "现将有关情况报告如下") == Role::kPreamble);
  CHECK(role_of(doc, "全年审核规范性文件12件") == Role::kAchievements);
  CHECK(role_of(doc, "开展行政执法案卷评查2次") == Role::kAchievements);
  CHECK(role_of(doc, "执法人员不足") == Role::kShortcomings);
  CHECK(role_of(doc, "继续开展宪法宣传周活动") == Role::kPlans);
  CHECK(role_of(doc, "进一步规范行政执法文书") == Role::kPlans);
}

TEST_CASE("chapters numbered 一. (一．) are chapters like 一、") {
  const Document doc = read_ok(
      "某某县2023年法治政府建设情况报告\n"
      "一．主要工作\n（一）健全制度\n全年审核规范性文件12件。\n"
      "二．存在问题\n（一）执法力量薄弱\n执法人员不足。\n"
      "三．\n2024年工作打算\n（一）加强学习\n继续组织集中学法。\n",
      "t.txt");
  CHECK(role_of(doc, "全年审核规范性文件12件") == Role::kAchievements);
  CHECK(role_of(doc, "执法人员不足") == Role::kShortcomings);
  CHECK(role_of(doc, "继续组织集中学法") == Role::kPlans);
  const auto chapters = std::count_if(doc.sections.begin(), doc.sections.end(),
                                      [](const Section& s) { return s.depth == 1; });
  CHECK(chapters == 3);
}

TEST_CASE("a WeChat article's prompt, byline, credits and buttons are furniture") {
  const Document doc = read_ok(
      "点击上方蓝字关注我们\n"
      "某某县司法局2023年法治政府建设情况报告\n"
      "某某司法 2024-01-05 10:00 发表于福建\n" +
          kWork +
          "某某县司法局\n2024年1月5日\n"
          "编辑：张三\n审核：李四\n阅读原文\n分享 收藏 点赞 在看\n",
      "t.txt");
  CHECK(doctest::sentence_with(doc, "点击上方蓝字") == nullptr);  // set aside, not text
  CHECK(doctest::sentence_with(doc, "发表于") == nullptr);
  CHECK(doctest::sentence_with(doc, "审核") == nullptr);
  CHECK(doctest::sentence_with(doc, "点赞") == nullptr);
  CHECK(role_of(doc, "某某县司法局2023年法治政府建设情况报告") == Role::kTitle);
  CHECK(doc.meta.unit.value == "某某县司法局");
  CHECK(doc.meta.published.value == "2024-01-05");
  CHECK(role_of(doc, "全年办理行政复议案件3件") == Role::kAchievements);
  // A line above a whole title does not join it.
  const Document above =
      read_ok("内部资料 注意保存\n某某县司法局2023年法治政府建设情况报告\n" + kWork, "u.txt");
  CHECK(role_of(above, "某某县司法局2023年法治政府建设情况报告") == Role::kTitle);
  CHECK(above.meta.unit.value == "某某县司法局");
}

TEST_CASE(
    "a township's report: its level is township, a bureau of the countryside is a department") {
  const std::string body = "\n2023年，我镇坚持依法行政。\n" + kWork;
  CHECK(read_ok("某某市某某区黄石镇2023年法治政府建设工作报告" + body, "a.txt").meta.level.value ==
        "township");
  CHECK(
      read_ok("某某区龙桥街道关于2023年法治政府建设情况的报告" + body, "b.txt").meta.level.value ==
      "township");
  CHECK(read_ok("某某市乡村振兴局2023年法治政府建设情况报告" + body, "c.txt").meta.level.value ==
        "department");
  // A resort or bonded zone's committee names its zone.
  const Document resort =
      read_ok("某某岛国家旅游度假区管委会2023年法治政府建设情况报告" + body, "d.txt");
  CHECK(resort.meta.unit.value == "某某岛国家旅游度假区");
  CHECK(resort.meta.level.value == "zone");
  // A sub-district office's full name (…街道办事处) is a unit; a new area's committee signs as
  // 管委 as often as 管委会.
  const Document office = read_ok("某某市某某区望京街道办事处2023年法治政府建设工作报告" + body +
                                      "某某市某某区望京街道办事处\n2024年1月15日\n",
                                  "e.txt");
  CHECK(office.meta.unit.value == "某某市某某区望京街道办事处");
  CHECK(office.meta.level.value == "township");
  const Document area = read_ok(
      "某某西海岸新区2023年法治政府建设情况报告" + body + "某某西海岸新区管委\n2024年1月15日\n",
      "f.txt");
  CHECK(area.meta.unit.value == "某某西海岸新区");
  CHECK(area.meta.level.value == "zone");
}

TEST_CASE("titles and signatures of other places name their unit") {
  const std::string body = "\n2023年，我们深入推进法治政府建设。\n" + kWork;
  const auto unit_of = [&](const std::string& title, const std::string& signature) {
    const Document doc = read_ok(title + body + signature + "\n2024年1月15日\n", "t.txt");
    return doc.meta.unit.value + "|" + doc.meta.level.value;
  };
  // The issuer before 关于 names the unit; its office issues the government's report.
  CHECK(unit_of("某某市人民政府关于某某市2023年度法治政府建设情况的报告", "某某市人民政府") ==
        "某某市|county-city");
  CHECK(unit_of("绍兴市上虞区人民政府办公室关于上虞区2023年度法治政府建设情况的报告",
                "绍兴市上虞区人民政府办公室") == "绍兴市上虞区|district");
  // A year in Chinese numerals first is no part of the unit.
  CHECK(unit_of("二〇二三年度长兴县法治政府建设情况报告", "长兴县人民政府") == "长兴县|county");
  // A league's 行政公署 is its government.
  CHECK(unit_of("锡林郭勒盟行政公署2023年法治政府建设情况报告", "锡林郭勒盟行政公署") ==
        "锡林郭勒盟|city");
  // The unit set apart: in 【】 or before a colon at the start, in parentheses at the end; a
  // column's tag in 【】 is no part of it.
  CHECK(unit_of("【长兴县】2023年度法治政府建设情况报告", "") == "长兴县|county");
  CHECK(unit_of("长兴县：2023年度法治政府建设情况报告", "") == "长兴县|county");
  CHECK(unit_of("关于2023年度法治政府建设情况的报告（长兴县司法局）", "") ==
        "长兴县司法局|department");
  CHECK(unit_of("【专题】长兴县2023年度法治政府建设情况报告", "") == "长兴县|county");
  // A joint signature with one space between the names (run together by normalization).
  CHECK(unit_of("2023年法治政府建设年度报告", "中共瑞安市委 瑞安市人民政府") ==
        "瑞安市|county-city");
}

TEST_CASE("a title without the unit: the opening names it, a department or a government too") {
  const auto unit_of = [](const std::string& opening) {
    return read_ok("关于2023年度法治政府建设情况的报告\n" + opening + "\n" + kWork, "t.txt")
        .meta.unit.value;
  };
  CHECK(unit_of("2023年，长兴县司法局在县委、县政府的坚强领导下，深入推进法治政府建设。") ==
        "长兴县司法局");
  CHECK(unit_of("今年以来，湖州市吴兴区人民政府深入推进法治政府建设。") == "湖州市吴兴区");
  CHECK(unit_of("2023年，中共长兴县委、长兴县人民政府深入推进法治政府建设。") == "长兴县");
  CHECK(unit_of("2023年，嘉兴经济技术开发区管委会深入推进法治政府建设。") == "嘉兴经济技术开发区");
  CHECK(unit_of("2023年德清县市场监督管理局认真贯彻落实上级决策部署。") == "德清县市场监督管理局");
  // Not a name: a leading party body, a clause ending in 我局.
  CHECK(unit_of("2023年，在区党工委全面依法治区委员会的指导下，我局深入推进法治建设。").empty());
  CHECK(unit_of("2023年，为筑牢法治根基我局坚持依法行政。").empty());
  CHECK(unit_of("2023年，龙华区委区政府高度重视法治政府建设。").empty());  // party and government
  CHECK(unit_of("现将我局2023年开展法治政府建设情况报告如下：").empty());  // no title
  // A level's government with no place (区政府, 县人民政府) is the writer speaking of itself.
  CHECK(unit_of("2023年，在市委、市政府和区委的坚强领导下，区政府坚持依法行政。").empty());
  CHECK(unit_of("2023年，县人民政府深入推进法治政府建设。").empty());
  CHECK(unit_of("2023年，市政府坚持依法行政。").empty());
  CHECK(unit_of("2023年，区党工委、区管委会围绕中心工作推进法治建设。").empty());
  // A phrase that happens to end in 县委 before 全面…: no name holds 的.
  CHECK(
      unit_of("2024年，得益于县委、县政府的坚强领导和县委全面依法治县委员会的引领，我乡积极作为。")
          .empty());
  // Townships and sub-districts, and a zone's department, name themselves the same way.
  CHECK(unit_of("2025年，某某街道在区委、区政府的坚强领导下，扎实推进依法行政。") == "某某街道");
  CHECK(unit_of("2025年，某某街道办事处深入学习贯彻习近平法治思想。") == "某某街道办事处");
  CHECK(unit_of("一年来，某某乡在县委、县政府的正确领导下，有序推进法治政府建设。") == "某某乡");
  CHECK(unit_of("2023年，高新区综治局在区党工委的领导下推进法治建设。") == "高新区综治局");
  CHECK(unit_of("2023年，乡镇坚持依法行政。").empty());
}

TEST_CASE("a one-line page: breadcrumb, info bar and title run into the text") {
  const std::string bar =
      "首页 > 政务公开 > 法治政府建设 > 正文 发布时间：2019-03-23 来源：某某市某某区人民政府 "
      "浏览次数：5857 【字体：大 中 小】 ";
  const std::string body =
      "2018年,某某区全面贯彻落实上级部署。一、主要工作全年审核规范性文件12件。"
      "二、存在的问题执法力量不足。三、下一步工作计划继续组织集中学法。\n";
  const Document doc = read_ok(bar + "某某市某某区2018年法治政府建设情况报告" + body, "a.txt");
  CHECK(doc.meta.year == 2018);
  CHECK(doc.meta.unit.value == "某某市某某区");
  // A document number run into the title is no part of the unit.
  const Document numbered =
      read_ok(bar + "某政呈〔2019〕36号某某省应急管理厅2018年法治政府建设工作报告" + body, "b.txt");
  CHECK(numbered.meta.year == 2018);
  CHECK(numbered.meta.unit.value == "某某省应急管理厅");
  // The breadcrumb's last column runs into the title when normalization drops the space.
  const Document column = read_ok(
      "首页 > 信息公开 > 年度报告 长兴县司法局2023年度法治政府建设情况报告 " + body, "f.txt");
  CHECK(column.meta.unit.value == "长兴县司法局");
  CHECK(column.meta.year == 2023);
  // The signature with the page's footer run into it still signs (its full name is the unit).
  const Document footer =
      read_ok("首页 > 信息公开 > 年度报告 某某市安监局2023年度法治政府建设情况报告 " +
                  body.substr(0, body.size() - 1) +
                  " 某某市安全生产监督管理局 2024年1月5日 上一篇：关于开展统计执法检查的通知 "
                  "【打印本页】【关闭窗口】\n",
              "g.txt");
  CHECK(footer.meta.unit.value == "某某市安全生产监督管理局");
  CHECK(footer.meta.published.value == "2024-01-05");
  // No title at all: the info bar's date is the publication date (and gives the year), the
  // opening names the unit (a place's 政府, a department ending in 厅).
  const Document untitled = read_ok(bar + "某某市人民政府：" + body, "c.txt");
  CHECK(untitled.meta.published.value == "2019-03-23");
  CHECK(untitled.meta.published.source == "info-bar");
  CHECK(untitled.meta.year == 2018);
  CHECK(read_ok(bar + "2018年，某某区政府在市委的领导下深入推进法治建设。" + body, "d.txt")
            .meta.unit.value == "某某市某某区");  // placed by the text
  CHECK(
      read_ok(bar + "2018年，湖北省交通运输厅全面推进法治建设。" + body, "e.txt").meta.unit.value ==
      "湖北省交通运输厅");
}

TEST_CASE("a 发文字号 field is the document number, a 字号 switch is furniture") {
  const Document doc = read_ok(
      "标题: 长兴县2023年度法治政府建设情况报告\n发文字号: 长政〔2024〕3号\n发布机构: "
      "长兴县人民政府\n"
      "正文:\n字号：大 中 小\n2023年，长兴县坚持依法行政。\n" +
          kWork,
      "t.txt");
  CHECK(doc.meta.doc_number.value == "长政〔2024〕3号");
  CHECK(doctest::sentence_with(doc, "大中小") == nullptr);
}

TEST_CASE("a report in Markdown: heading marks and ** emphasis are not text") {
  const Document doc = read_ok(
      "# 某某县水利局2023年法治政府建设情况报告\n"
      "## 一、主要工作\n"
      "**（一）健全制度**\n"
      "全年审核**规范性文件**12件。\n"
      "## 二、存在问题\n"
      "执法力量不足。\n"
      "## 三、2024年工作打算\n"
      "继续组织集中学法。\n"
      "某某县水利局\n2024年1月5日\n",
      "t.md");
  CHECK(role_of(doc, "某某县水利局2023年法治政府建设情况报告") == Role::kTitle);
  CHECK(doc.meta.unit.value == "某某县水利局");
  CHECK(doc.meta.year == 2023);
  CHECK(section_with(doc, "健全制度") > 0);
  CHECK(role_of(doc, "全年审核规范性文件12件") == Role::kAchievements);
  CHECK(role_of(doc, "执法力量不足") == Role::kShortcomings);
  CHECK(role_of(doc, "继续组织集中学法") == Role::kPlans);
  CHECK(doctest::sentence_with(doc, "#") == nullptr);
  CHECK(doctest::sentence_with(doc, "**") == nullptr);
  // A single * stays (1*2 in a table, a footnote mark).
  CHECK(doctest::sentence_with(read_ok("一、主要工作\n共3*2组。\n", "s.txt"), "3*2组") != nullptr);
}

TEST_CASE("a statistics table attached to a report without a signature is not its text") {
  // A one-line page with no signature, then the table (pingtan-104827 with a table attached).
  const Document doc = read_ok(
      "某某局2025年法治政府建设情况\n"
      "现将有关情况报告如下：一、主要工作全年组织集中学法12次。二、存在的问题执法力量不足。\n"
      "附件：2025年度行政执法数据统计表\n序号\t项目\t数量\n1\t行政处罚案件\t120件\n"
      "3\t行政复议案件\t5件\n",
      "t.txt");
  CHECK(role_of(doc, "行政复议案件") == Role::kOther);
  CHECK(role_of(doc, "全年组织集中学法12次") == Role::kAchievements);
  CHECK(role_of(doc, "执法力量不足") == Role::kShortcomings);
}

TEST_CASE("a report issued by the party committee and the government: the government is the unit") {
  const std::string body = "\n2023年，我县坚持依法行政。\n" + kWork;
  const Document title =
      read_ok("中共某某县委 某某县人民政府关于2023年度法治政府建设情况的报告" + body, "a.txt");
  CHECK(title.meta.unit.value == "某某县");
  CHECK(title.meta.level.value == "county");
  const Document signed_ = read_ok("关于2023年度法治政府建设情况的报告" + body +
                                       "中共某某县委    某某县人民政府\n2024年1月5日\n",
                                   "b.txt");
  CHECK(signed_.meta.unit.value == "某某县");
  // A committee's own office stays what it is; an aside in parentheses is not read.
  CHECK(
      read_ok("中共某某市委全面依法治市委员会办公室关于2023年度法治建设情况的报告" + body, "c.txt")
          .meta.unit.value == "中共某某市委全面依法治市委员会办公室");
  CHECK(read_ok("某某县司法局（县委依法治县办）2023年法治政府建设情况报告" + body, "d.txt")
            .meta.unit.value == "某某县司法局");
}

TEST_CASE("titles that put the year first or 报送 after 关于 still name their unit") {
  const std::string body = "\n今年以来，我县坚持依法行政。\n" + kWork;
  CHECK(read_ok("2023年某某县法治政府建设情况报告" + body, "a.txt").meta.unit.value == "某某县");
  CHECK(read_ok("2023年度某某市司法局法治政府建设工作总结" + body, "b.txt").meta.unit.value ==
        "某某市司法局");
  const Document sent =
      read_ok("某某区人民政府关于报送2023年度法治政府建设情况的报告" + body, "c.txt");
  CHECK(sent.meta.unit.value == "某某区");
  CHECK(sent.meta.year == 2023);
  CHECK(read_ok("2023年法治政府建设情况报告" + body, "d.txt").meta.unit.value.empty());
  // A cited document's years are not the title's.
  CHECK(read_ok("某某县关于贯彻落实《法治政府建设实施纲要（2021—2025年）》2023年度工作情况的报告" +
                    body,
                "e.txt")
            .meta.year == 2023);
}

TEST_CASE("without a year in the title or preamble, the plans' opening year gives it") {
  const Document doc = read_ok("某某市审计局法治政府建设情况报告\n今年以来，我局坚持依法行政。\n" +
                                   kWork + "二、下一步工作计划\n2024年，我局将继续加强学习。\n",
                               "t.txt");
  CHECK(doc.meta.year == 2023);
  CHECK(doc.meta.year_found.source == "plans-heading");
}

TEST_CASE("part headings in other words: 困难和问题, 面临的困难, 今后工作, 下一阶段") {
  auto roles = [](const std::string& shortcomings, const std::string& plans) {
    const Document doc = read_ok("某某县2023年法治政府建设情况报告\n" + kWork + shortcomings +
                                     "\n执法力量不足。\n" + plans + "\n继续组织集中学法。\n",
                                 "t.txt");
    return std::pair(role_of(doc, "执法力量不足"), role_of(doc, "继续组织集中学法"));
  };
  const auto parts = std::pair(Role::kShortcomings, Role::kPlans);
  CHECK(roles("二、困难和问题", "三、今后工作方向") == parts);
  CHECK(roles("二、面临的困难", "三、下一阶段工作重点") == parts);
  CHECK(roles("二、问题与差距", "三、下阶段工作打算") == parts);
  CHECK(roles("二、短板弱项", "三、今后努力方向") == parts);
  CHECK(roles("二、需要改进的方面", "三、下步打算") == parts);
  CHECK(roles("二、面临的挑战", "三、工作展望") == parts);
  CHECK(roles("二、主要问题", "三、下一步工作设想") == parts);
  CHECK(roles("二、工作短板", "三、下步工作安排") == parts);
  // Acts on problems and the people helped are achievements.
  const auto none = std::pair(Role::kAchievements, Role::kAchievements);
  CHECK(roles("二、着力解决群众急难愁盼问题", "三、帮助企业纾困解难") == none);
  CHECK(roles("二、关爱困难群众", "三、为今后发展奠定基础") == none);
  CHECK(roles("二、补齐执法短板", "三、聚焦短板弱项") == none);
  CHECK(roles("二、积极应对风险挑战", "三、聚焦群众反映的主要问题") == none);
}

TEST_CASE("a plans word as another act's object is the year's work, not the plans part") {
  // 工作计划, 工作安排, 工作思路 head a plans heading ("三、2024年工作思路"); inside a heading or
  // an item 一是 that reads as a sentence they are what the unit did or followed (a twelfth probe).
  auto role = [](const std::string& item) {
    const Document doc =
        read_ok("某某县2023年法治政府建设情况报告\n一、主要工作情况\n(一)加强领导\n" + item +
                    "\n(二)规范执法\n开展执法检查12次。\n",
                "t.txt");
    return std::pair(role_of(doc, "研究部署法治政府建设年度重点工作"),
                     role_of(doc, "开展执法检查12次"));
  };
  const auto work = std::pair(Role::kAchievements, Role::kAchievements);
  CHECK(role("一是组织召开会议学习,提出法治化工作思路。二是研究部署法治政府建设年度重点工作。") ==
        work);
  CHECK(role("(一)将法治建设纳入区委常委会工作计划。研究部署法治政府建设年度重点工作。") == work);
  CHECK(role("紧扣市委工作安排,研究部署法治政府建设年度重点工作。") == work);
  // The part's own heading still opens it, numbered or not.
  const auto plans = std::pair(Role::kPlans, Role::kPlans);
  CHECK(role("二、2024年工作思路\n研究部署法治政府建设年度重点工作。") == plans);
  CHECK(role("2024年工作安排\n研究部署法治政府建设年度重点工作。") == plans);
}

TEST_CASE("part openers in other words: 清醒地看到, 还存在…差距, 新的一年…将, 今后…将") {
  auto roles = [](const std::string& shortcomings, const std::string& plans) {
    const Document doc =
        read_ok("某某县2023年法治政府建设情况报告\n" + kWork + "开展行政执法案卷评查2次。\n" +
                    shortcomings + "\n" + plans + "\n",
                "t.txt");
    return std::pair(doc.sentences[doc.sentences.size() - 2].role, doc.sentences.back().role);
  };
  const auto parts = std::pair(Role::kShortcomings, Role::kPlans);
  CHECK(roles("但也要清醒地看到，我县法治政府建设还存在一些问题，执法力量不足。",
              "新的一年，我县将继续组织集中学法。") == parts);
  CHECK(roles("对照上级要求，我县法治政府建设还存在一定差距，执法力量不足。",
              "今后，我们将继续组织集中学法。") == parts);
  CHECK(roles("在肯定成绩的同时，我们也清醒认识到，执法人员素质有待提高。",
              "展望2024年，我县将继续组织集中学法。") == parts);
  CHECK(roles("但对照上级要求，仍有一定差距，执法力量不足。",
              "站在新的起点上，我县将继续组织集中学法。") == parts);
  CHECK(roles("客观分析，我县法治政府建设仍面临一些困难和问题，执法力量不足。",
              "在新的一年，我县将继续组织集中学法。") == parts);
  CHECK(roles("但也存在一些问题，执法力量不足。", "下一步，我县将继续组织集中学法。") == parts);
  // A problem found and acted on is an achievement.
  CHECK(roles("针对检查中发现还存在的问题，督促整改到位。", "今后一段时期的工作举措已明确。") ==
        std::pair(Role::kAchievements, Role::kAchievements));
  CHECK(roles("全县还有3个乡镇完成了示范创建。", "展望未来发展的法治讲座举办2场。") ==
        std::pair(Role::kAchievements, Role::kAchievements));
}

TEST_CASE("a seal's note after the signing name: (盖章), (印), and (代章) for the government") {
  auto unit = [](const std::string& signature) {
    return read_ok("关于2023年度法治政府建设情况的报告\n今年以来，我县坚持依法行政。\n" + kWork +
                       signature + "\n2024年1月5日\n",
                   "t.txt")
        .meta.unit.value;
  };
  CHECK(unit("某某县人民政府（盖章）") == "某某县");
  CHECK(unit("某某县司法局（印）") == "某某县司法局");
  CHECK(unit("某某县人民政府办公室（代章）") == "某某县");
}

TEST_CASE("a signature's date written 2024-01-05, 2024.1.5, 2024年1月; an impossible one is none") {
  auto read = [](const std::string& date) {
    return read_ok("关于2023年度法治政府建设情况的报告\n今年以来，我县坚持依法行政。\n" + kWork +
                       "某某县人民政府\n" + date + "\n",
                   "t.txt");
  };
  for (const char* date : {"2024-01-05", "2024.1.5", "2024/1/5", "2024 年 1 月 5 日"}) {
    const Document doc = read(date);
    INFO(date);
    CHECK(doc.meta.unit.value == "某某县");
    CHECK(doc.meta.published.value == "2024-01-05");
  }
  CHECK(read("2024年1月").meta.published.value == "2024-01");
  // 元月 is January, 号 the spoken 日; the year reported on follows from the date.
  for (const char* date :
       {"2024年元月5日", "二〇二四年元月五日", "2024年1月5号", "2024年元月5号"}) {
    const Document doc = read(date);
    INFO(date);
    CHECK(doc.meta.published.value == "2024-01-05");
    CHECK(doc.meta.year == 2023);
    CHECK(role_of(doc, date) == Role::kSignature);
  }
  CHECK(read("2024年元月").meta.published.value == "2024-01");
  const Document impossible = read("2024年2月30日");
  CHECK(impossible.meta.unit.value == "某某县");
  CHECK_FALSE(impossible.meta.published.found());
}

TEST_CASE("other crawlers' header blocks: English keys and 【key】value lines") {
  for (const std::string head :
       {"Title: 某某县2023年法治政府建设情况报告\nURL: https://www.example.gov.cn/a/1.htm\n"
        "Date: 2024-01-05\n\n",
        "【标题】某某县2023年法治政府建设情况报告\n【发布时间】2024-01-"
        "05\n【来源】某某县人民政府\n\n"}) {
    const Document doc = read_ok(head + "2023年，我县坚持依法行政。\n" + kWork, "t.txt");
    CHECK(doc.meta.unit.value == "某某县");
    CHECK(doc.meta.year == 2023);
    CHECK(doc.meta.published.value == "2024-01-05");
    CHECK(role_of(doc, "2023年,我县坚持依法行政") == Role::kPreamble);
    CHECK(role_of(doc, "全年办理行政复议案件3件") == Role::kAchievements);
  }
}

TEST_CASE(
    "a hard-wrapped paragraph that starts 下一步我局 goes on; it is no heading or signature") {
  const Document doc = read_ok(
      "某某县2023年法治政府建设情况报告\n一、主要工作\n（一）加强执法\n全年办理行政\n复议案件3件。"
      "\n"
      "下一步我局\n将继续加强执法。\n开展案卷评查\n2次。\n二、存在问题\n执法力量\n不足。\n"
      "三、2024年工作打算\n继续组织\n集中学法。\n",
      "t.txt");
  CHECK(role_of(doc, "下一步我局将继续加强执法") == Role::kPlans);  // one sentence, an aside
  CHECK(role_of(doc, "开展案卷评查2次") == Role::kAchievements);
  CHECK(role_of(doc, "执法力量不足") == Role::kShortcomings);
  CHECK(role_of(doc, "继续组织集中学法") == Role::kPlans);
}

TEST_CASE("a bureau's party group signs for the bureau: 中共某某市林业局党组, 某某市林业局党委") {
  for (const std::string signer :
       {"中共某某市林业局党组", "某某市林业局党委", "中国共产党某某市林业局党组"}) {
    const Document doc =
        read_ok("关于2023年度法治政府建设情况的报告\n2023年，我局坚持依法行政。\n" + kWork + "\n" +
                    signer + "\n2024年1月10日\n",
                "t.txt");
    INFO(signer);
    CHECK(doc.meta.unit.value == "某某市林业局");
    CHECK(doc.meta.level.value == "department");
  }
  // A place's party committee is no government unit.
  const Document county =
      read_ok("关于2023年度法治政府建设情况的报告\n2023年，我县坚持依法行政。\n" + kWork +
                  "\n中共某某县委\n2024年1月10日\n",
              "t.txt");
  CHECK_FALSE(county.meta.unit.found());
}

TEST_CASE("the issuing unit on its own line above a title that names none") {
  for (const std::string title :
       {"关于2023年度法治政府建设情况的报告", "2023年法治政府建设工作总结"}) {
    const Document doc =
        read_ok("某某市林业局\n" + title + "\n2023年，我局坚持依法行政。\n" + kWork, "t.txt");
    INFO(title);
    CHECK(doc.meta.unit.value == "某某市林业局");
    CHECK(doc.meta.year == 2023);
  }
  // An addressee line (某某市人民政府：) below the title is no issuer.
  const Document addressed =
      read_ok("关于2023年度法治政府建设情况的报告\n某某市人民政府：\n2023年，我局坚持依法行政。\n" +
                  kWork + "\n2024年1月10日\n",
              "t.txt");
  CHECK_FALSE(addressed.meta.unit.found());
}

TEST_CASE("a site's article line under the title dates the page; today's date above it does not") {
  // "文章来源:司法局 更新时间:2021/03/29 11:30:01" under the title; the site's own date line
  // ("今天是:…") at the top is no publication date.
  const Document doc = read_ok(
      "今天是:2019年10月31日 星期三\n工作报告\n您所在的位置:政务公开 > 工作报告\n"
      "某某区法治政府建设情况报告\n文章来源:司法局 更新时间:2021/03/29 11:30:01\n"
      "某某区坚持依法行政。\n" +
          kWork,
      "t.txt");
  CHECK(doc.meta.published.value == "2021-03-29");
  CHECK(doc.meta.published.source == "info-bar");
  CHECK(doc.meta.year == 2020);  // published in March: the year before
  CHECK(doc.meta.unit.value == "某某区");
  CHECK(doctest::sentence_with(doc, "今天是") == nullptr);  // furniture: blanked

  // The site's name with today's date and weekday above the title; the info bar under it.
  const Document dated = read_ok(
      "某某市某某区人民政府 2019年12月3日星期二\n无障碍 简体| 繁体\n"
      "某某区2023年度法治政府建设情况报告\n来源:某某区人民政府办公室 发布时间:2024-03-28 09:18\n"
      "2023年，某某区坚持依法行政。\n" +
          kWork,
      "t.txt");
  CHECK(doctest::sentence_with(dated, "2019年12月3日") == nullptr);
  CHECK(dated.meta.published.value == "2024-03-28");
  CHECK(dated.meta.year == 2023);
  CHECK(dated.meta.unit.value == "某某区");
}

TEST_CASE("a browser warning, an addressee or the unit's name above the opening year") {
  // A site's warning about old browsers above a body without a title: furniture, and the
  // opening sentence still names the unit and the year.
  const Document warned = read_ok(
      "更换或升级浏览器以获得最佳体验。\n当前浏览器版本过低，可能会有安全风险且无法正常显示。\n"
      "若您当前使用的浏览器为QQ浏览器，请切换至极速模式。\n"
      "2023年，某某新区坚持以习近平法治思想为指导，深入推进法治政府建设。\n" +
          kWork,
      "t.txt");
  CHECK(doctest::sentence_with(warned, "浏览器") == nullptr);
  CHECK(warned.meta.year == 2023);
  CHECK(warned.meta.unit.value == "某某新区");

  // An addressee line, or the issuing unit's name, before the opening "2025年以来…".
  for (const std::string head : {"市委、市政府：\n", "某某乡人民政府\n"}) {
    const Document doc = read_ok(
        head + "2025年以来，我委紧扣法治政府建设总体目标，系统推进各项工作。\n" + kWork, "t.txt");
    INFO(head);
    CHECK(doc.meta.year == 2025);
  }
  // The sender and the sending date under a title without a year: the date opens nothing.
  const Document sent = read_ok(
      "关于法治政府建设情况的报告\n某某县司法局\n2024年1月5日\n"
      "2023年，我局坚持依法行政，深入推进法治政府建设。\n" +
          kWork,
      "t.txt");
  CHECK(sent.meta.year == 2023);
}

TEST_CASE("an intention closing a paragraph of the year's work is a plan, the part goes on") {
  const Document doc = read_ok(
      "某某市商务局2023年法治政府建设情况报告\n一、2023年推进法治政府建设的主要举措和成效\n"
      "全年开展执法检查12次。下一步，我局将研究出台免罚轻罚清单。\n"
      "组织集中学法4次。2024年，将继续开展执法检查。\n"
      "二、存在的不足\n一是工作仍有差距。\n三、下一步工作计划\n2024年将继续推进。\n",
      "t.txt");
  CHECK(role_of(doc, "全年开展执法检查12次") == Role::kAchievements);
  CHECK(role_of(doc, "我局将研究出台") == Role::kPlans);
  CHECK(role_of(doc, "组织集中学法4次") == Role::kAchievements);
  CHECK(role_of(doc, "将继续开展执法检查") == Role::kPlans);
  CHECK(role_of(doc, "工作仍有差距") == Role::kShortcomings);
}

TEST_CASE("a publisher's metadata table above the title: pipe rows and fields run together") {
  // Rows copied from a 政府信息公开 table: a key with its value in the next cell, several keys
  // on one row, an empty field before the next one on one line.
  const Document table = read_ok(
      "| 索 引 号:000014349/2026-01547 | |\n| 发文字号: | 发文时间: |\n"
      "| 发文机关:某某县住房和城乡建设管理局 | 主 题 词: |\n"
      "| 标 题:某某县住房和城乡建设管理局关于2025年法治政府建设情况的报告 | |\n"
      "| 主题分类: | 发布日期:2026-01-15 |\n"
      "2025年，在县委、县政府的正确领导下，我局深入学习贯彻习近平法治思想。\n" +
          kWork,
      "t.txt");
  CHECK(table.meta.unit.value == "某某县住房和城乡建设管理局");
  CHECK(table.meta.year == 2025);
  CHECK(table.meta.published.value == "2026-01-15");
  CHECK(role_of(table, "我局深入学习") == Role::kPreamble);

  const Document cells = read_ok(
      "| 索引号: | 4300000001/2026-00628 | 分类: | |\n| 发文机关: | 某某县应急管理局 | 发文日期: | "
      "|\n"
      "某某县应急管理局\n2025年法治政府建设报告\n某某县应急管理局坚持以习近平法治思想为统揽。\n" +
          kWork,
      "t.txt");
  CHECK(cells.meta.unit.value == "某某县应急管理局");
  CHECK(cells.meta.year == 2025);

  const Document run_together = read_ok(
      "索引号: A25290--2024-0018 主题分类: 综合政务\n"
      "发布机构: 某某区文化广电旅游局 生成日期: 2024-03-01\n文件编号: 有效性: 有效\n"
      "某某区文化广电旅游局2023年法治政府建设年度报告\n某某区文化广电旅游局始终坚持依法行政。\n" +
          kWork,
      "t.txt");
  CHECK(run_together.meta.unit.value == "某某区文化广电旅游局");
  CHECK(run_together.meta.published.value == "2024-03-01");
  CHECK(run_together.meta.doc_number.value.empty());  // 文件编号 left empty, not "有效性: 有效"

  // A title alone in a table row above the title itself.
  const Document row = read_ok(
      "| 某某综合保税区2025年度法治政府建设情况报告 "
      "|\n某某综合保税区2025年度法治政府建设\n情况报告\n"
      "2025年，某某综保区深入贯彻习近平法治思想。\n" +
          kWork,
      "t.txt");
  CHECK(row.meta.unit.value == "某某综合保税区");
  CHECK(row.meta.level.value == "zone");
}

TEST_CASE("departments' openings: a province's 厅 above its title, a space before the year") {
  const Document ting = read_ok(
      "某某省交通运输厅\n2025年法治政府部门建设工作情况\n2025年，我厅坚持依法行政。\n" + kWork,
      "t.txt");
  CHECK(ting.meta.unit.value == "某某省交通运输厅");
  const Document spaced = read_ok(
      "某某县教育局 2023年度法治政府建设工作情况报告\n我局认真开展了2023年度法治政府建设工作。\n" +
          kWork,
      "t.txt");
  CHECK(spaced.meta.unit.value == "某某县教育局");
  const auto unit_of = [](const std::string& opening) {
    return read_ok("关于2024年度法治政府建设情况的报告\n" + opening + "\n" + kWork, "t.txt")
        .meta.unit.value;
  };
  // The name and its verb set apart by a comma.
  CHECK(unit_of(
            "2024年，在市委、市政府的正确领导下，丽江市林业和草原局，以全面推进依法行政为目标。") ==
        "丽江市林业和草原局");
  // A publication note before the text names the report it publishes.
  for (const std::string note :
       {"现将《某某市文化和旅游局2025年度法治政府建设情况报告》予以公布。",
        "根据有关要求，现将某某市人社局2025年法治政府建设情况报告予以公开。"}) {
    const Document published = read_ok(note + "\n2025年，我局坚持依法行政。\n" + kWork, "t.txt");
    INFO(note);
    // 人社局 by its official name.
    CHECK((published.meta.unit.value == "某某市文化和旅游局" ||
           published.meta.unit.value == "某某市人力资源和社会保障局"));
  }
  // A notice's preposition and a party committee are no unit.
  CHECK(unit_of("根据按照中共某某市委全面依法治市委员会办公室的通知要求，现将报告予以公布。")
            .empty());
}

TEST_CASE("a publisher's table with bare keys, a rule row and the site's name above it") {
  const Document table = read_ok(
      "某某县人民政府\n政府信息公开\n"
      "| [ 索引号 ] | 0017/2026-00002 | [ 发文字号 ] | 某林草发〔2026〕6号 |\n"
      "|---|---|---|---|\n"
      "| 关键词 | 发布机构 | 某某县林草局 | |\n"
      "| 公开形式 | 责任部门 | ||\n"
      "| 生成日期 | 2026-01-16 18:00:00 | 是否有效 |\n"
      "2025年，我局法治政府建设坚持依法行政。\n" +
          kWork,
      "t.txt");
  CHECK(table.meta.unit.value == "某某县林业和草原局");
  CHECK(table.meta.year == 2025);
  CHECK(table.meta.doc_number.value == "某林草发〔2026〕6号");
  CHECK(table.meta.published.value == "2026-01-16");
  // A list of fields, one bullet each; 成文时间 and 效力状态 are fields too.
  const Document listed = read_ok(
      "- 索 引 号:0017/2022-00029\n- 发布机构:人力资源和社会保障局\n- 成文时间:2022年02月28日\n"
      "- 文 号:无\n- 标 题:某某区人社局2021年度法治政府建设情况报告\n- 效力状态:有效\n"
      "某某区人社局2021年度法治政府建设情况报告\n2021年以来，区人社局坚持依法行政。\n" +
          kWork,
      "t.txt");
  CHECK(listed.meta.year == 2021);
  CHECK(listed.meta.unit.value == "某某区人力资源和社会保障局");
  CHECK(listed.meta.doc_number.value.empty());
  const Document bullets = read_ok(
      "• 发布机构: 某某县教育局\n• 发布时间: 2023-03-06\n"
      "2022年，我局坚持依法行政。\n" +
          kWork,
      "t.txt");
  CHECK(bullets.meta.unit.value == "某某县教育局");
  CHECK(bullets.meta.published.value == "2023-03-06");
  // A table's stray "|" above the addressee and the opening year.
  const Document stray = read_ok(
      "|\n县人大常委会:\n2021年，在市委、市政府正确领导下，我县切实推进法治政府建设。\n" + kWork,
      "t.txt");
  CHECK(stray.meta.year == 2021);
}

TEST_CASE("openings that name a province, a joint committee, an ambiguous district") {
  const auto unit_of = [](const std::string& opening) {
    return read_ok("关于2024年度法治政府建设情况的报告\n" + opening + "\n" + kWork, "t.txt")
        .meta.unit.value;
  };
  CHECK(unit_of("2019年，浙江省以习近平新时代中国特色社会主义思想为指导，深入推进依法行政。") ==
        "浙江省");
  CHECK(unit_of("2024年，安徽省委、省政府坚持以习近平新时代中国特色社会主义思想为指导。") ==
        "安徽省");
  // 城中区 is a district of 西宁 and of 柳州: a name still.
  CHECK(unit_of("2025年以来，城中区应急管理局在区委、区政府的坚强领导下，推进依法行政。") ==
        "城中区应急管理局");
  // The name, then the work it reports on, then the verb.
  CHECK(unit_of("2024年，江宁区商务局法治政府建设工作坚持以习近平法治思想为指导。") ==
        "江宁区商务局");
  // "现将…报告如下" names the unit as a publication note does.
  CHECK(unit_of("按照有关规定，现将某某市人社局2020年法治政府建设工作情况报告如下。") ==
        "某某市人力资源和社会保障局");
  // A zone's generic name in the title is no unit.
  CHECK(read_ok("经济技术开发区管理委员会关于 2022年法治政府建设情况报告\n"
                "2022年，经开区坚持依法行政。\n" +
                    kWork,
                "t.txt")
            .meta.unit.value.empty());
}

TEST_CASE("a fourth probe's shapes: keys without colons, a 大队, a doc number above the opening") {
  // A publisher's table copied without colons; normalization joins 发布机构 and 文号.
  const Document bare = read_ok(
      "索 引 号 XM00128-30-01-2022-005 主题分类 文件通知\n发布机构 文 号 某政外综〔2022〕94号\n"
      "标 题: 某某市人民政府外事办公室关于 2021年法治政府建设工作情况的报告\n"
      "某某市人民政府外事办公室关于 2021年法治政府建设工作情况的报告\n"
      "2021年，市外办坚持依法行政。\n" +
          kWork,
      "t.txt");
  CHECK(bare.meta.unit.value == "某某市人民政府外事办公室");
  CHECK(bare.meta.doc_number.value == "某政外综〔2022〕94号");
  const auto unit_of = [](const std::string& text) {
    return read_ok(text + "\n" + kWork, "t.txt").meta.unit.value;
  };
  CHECK(unit_of("某某市消防救援大队2023年度法治政府建设情况报告\n2023年，我大队坚持依法行政。") ==
        "某某市消防救援大队");
  // A free trade zone's name keeps its province in parentheses.
  CHECK(unit_of("中国(上海)自由贸易试验区管理委员会保税区管理局2023年度法治政府建设情况报告\n"
                "2023年，保税区管理局坚持依法行政。") ==
        "中国(上海)自由贸易试验区管理委员会保税区管理局");
  // The name, its short form in parentheses, then the verb; 严格 is a verb too.
  CHECK(unit_of(
            "关于2024年度法治政府建设情况的报告\n2024年，中新-某某经济技术开发区(以下简称“中新经开"
            "区”)深入贯彻落实习近平法治思想。") == "某某经济技术开发区");
  CHECK(
      unit_of("关于2020年法治政府建设情况的报告\n为贯彻落实有关精神，区统计局严格对标对表实施纲要，"
              "将2020年法治政府建设情况报告如下：") == "区统计局");
  // "制定了某某镇全面依法治镇…" is an act's object, not the writer naming itself.
  CHECK(unit_of("关于2023年度法治政府建设情况的报告\n2023年以来，我镇坚持依法行政。\n"
                "一是加强组织领导。结合新形势新任务，制定了某某镇全面依法治镇2023年工作要点。")
            .empty());
  // The document number above the opening does not hide its year.
  const Document numbered = read_ok(
      "某东府〔2025〕26号\n2025年以来，在市委、市政府的坚强领导下，我镇坚持依法行政。\n" + kWork,
      "t.txt");
  CHECK(numbered.meta.year == 2025);
}

TEST_CASE("a report read to a congress; a leading group named in the body") {
  // The occasion in parentheses, the government's name, the congress as addressee.
  const Document read = read_ok(
      "(2023年4月27日在某某市第十四届人民代表大会常务委员会第十次会议上)\n某某市人民政府\n"
      "主任、副主任、秘书长、各位委员:\n2022年，全市法治政府建设坚持依法行政。\n" +
          kWork,
      "t.txt");
  CHECK(read.meta.year == 2022);
  CHECK(read.meta.unit.value == "某某市");
  // "省法治政府建设领导小组及其办公室积极履行…": a body of the writer's, not its name.
  CHECK(read_ok("国务院:\n2018年，全省不断开创法治政府建设新局面。\n一、完善工作机制\n"
                "(一)健全组织领导机制。省法治政府建设领导小组及其办公室积极履行协调职能，"
                "开展了2017年度依法行政考核。\n" +
                    kWork,
                "t.txt")
            .meta.unit.value.empty());
}

TEST_CASE("a sixth probe's shapes: short county names, 委, bulleted fields, a name over a title") {
  // A county of two characters naming itself after a clause; a 委 naming itself before 的.
  CHECK(read_ok("2024年，在市委市政府坚强领导下，沛县坚持以习近平法治思想为指导，扎实推进法治"
                "政府建设。\n" +
                    kWork,
                "t.txt")
            .meta.unit.value == "沛县");
  CHECK(read_ok("2025年，洛阳市卫生健康委的法治政府建设工作紧紧围绕年度工作要点抓落实。\n" + kWork,
                "t.txt")
            .meta.unit.value == "洛阳市卫生健康委员会");
  // A slogan's "贸易兴市" is no city: a city is on the national list.
  const std::string slogan_unit =
      read_ok(
          "2023年，全市各级行政机关扎实推进法治政府建设，为文化立市、工业强市、贸易兴市，"
          "全面建设现代化城市提供法治支撑。\n" +
              kWork,
          "t.txt")
          .meta.unit.value;
  CHECK(slogan_unit != "贸易兴市");
  CHECK(slogan_unit != "工业强市");
  // A publisher's fields as a bulleted list without keys above the title: each item a line of
  // its own, so the title under them is read.
  const Document listed = read_ok(
      "  • 005254130/2024-00001\n  • 洛阳市自然资源和规划局西工分局\n"
      "  • 洛阳市自然资源和规划局西工分局2023年法治政府建设工作报告\n  • 2023-12-14\n"
      "  • 2024-01-02\n洛阳市自然资源和规划局西工分局2023年法治政府建设工作报告\n\n"
      "   2023年以来，我局坚持以习近平法治思想为指导，有力推动依法行政工作。\n" +
          kWork,
      "t.txt");
  CHECK(listed.meta.unit.value == "洛阳市自然资源和规划局西工分局");
  CHECK(listed.meta.year == 2023);
  CHECK(role_of(listed, "• 2024-01-02") == Role::kTitle);
  // The unit's name above a title set over two lines.
  CHECK(read_ok("湖南省林业局\n\n关于2022年度法治政府部门建设\n\n工作情况的报告\n\n"
                "2022年，我厅坚持以习近平法治思想为指导，扎实推进法治政府建设。\n" +
                    kWork,
                "t.txt")
            .meta.unit.value == "湖南省林业局");
  // The name above the title spells out the opening's shorter one.
  CHECK(read_ok("绵府办〔2025〕3号\n绵阳市人民政府办公室\n关于2024年法治政府建设工作情况的报告\n"
                "市委、市政府:\n2024年，市政府办公室坚持以习近平法治思想为指导，扎实推进法治政府"
                "建设。\n" +
                    kWork,
                "t.txt")
            .meta.unit.value == "绵阳市人民政府办公室");
  CHECK(read_ok("重庆市璧山区交通运输委员会\n关于2024年法治政府建设工作情况的报告\n"
                "2024年，璧山区交通运输委坚持以习近平法治思想为指导，扎实推进法治政府建设。\n" +
                    kWork,
                "t.txt")
            .meta.unit.value == "重庆市璧山区交通运输委员会");
}

TEST_CASE("a seventh probe's shapes: 关于 before the year, a bracketed number, 党委和政府, 按照") {
  // The unit between the year and the subject, after 关于.
  CHECK(read_ok("关于2024年天心区法治政府建设工作情况的报告\n\n2024年，我区坚持以习近平法治思想为"
                "指导，扎实推进法治政府建设。\n" +
                    kWork,
                "t.txt")
            .meta.unit.value == "天心区");
  // A document number in brackets before the title's unit.
  CHECK(read_ok("[定政发〔2026〕5号]定西市人民政府关于2025年法治政府建设情况的报告\n市委:\n2025年，"
                "市政府坚持以习近平法治思想为指导，扎实推进法治政府建设。\n" +
                    kWork,
                "t.txt")
            .meta.unit.value == "定西市");
  // A region's party committee and government writing jointly, joined by 和.
  CHECK(
      read_ok("2022年，内蒙古自治区党委和政府全面学习贯彻党的二十大精神，持续推进法治政府建设。\n" +
                  kWork,
              "t.txt")
          .meta.unit.value == "内蒙古自治区");
  // 按照 as the verb after the self-name.
  CHECK(read_ok("2025年度，在区委、区政府的正确领导下，春申街道按照《法治政府建设与责任落实督察工作"
                "规定》要求，全面推进法治政府建设。\n" +
                    kWork,
                "t.txt")
            .meta.unit.value == "春申街道");
}

TEST_CASE(
    "an eighth probe's shapes: a 新城, verbs before 新区, an addressee, an info bar's source") {
  // A zone named 新城 in its title; "遵循新区全面依法治区总体思路" names no unit.
  const Document town = read_ok(
      "沣东新城2022年度法治政府建设工作报告\n\n2022年，沣东新城深入贯彻习近平法治思想，"
      "遵循新区全面依法治区总体思路，奋力推进法治工作。\n" +
          kWork,
      "t.txt");
  CHECK(town.meta.unit.value == "沣东新城");
  CHECK(read_ok("2022年，全区深入贯彻习近平法治思想，遵循新区全面依法治区总体思路，奋力推进法治"
                "工作。\n" +
                    kWork,
                "t.txt")
            .meta.unit.value != "遵循新区");
  CHECK(read_ok("一、推进法治政府建设主要举措和成效\n(一)聚焦重点任务\n组织召开两江新区全面依法治区"
                "委员会第六次会议，研究部署法治建设。\n",
                "t.txt")
            .meta.unit.value != "组织召开两江新区");
  // A cover letter's addressee is no title: the unit is the one signing the letter.
  CHECK(read_ok(
            "上海市浦东新区法治政府建设工作领导小组办公室:\n根据有关工作要求，我委拟就了《浦东新区"
            "发展和改革委员会2023年度法治政府建设情况的报告》，现呈上，请审阅。\n特此报告。\n"
            "上海市浦东新区发展和改革委员会\n2024年1月19日\n" +
                kWork,
            "t.txt")
            .meta.unit.value != "上海市浦东新区");
  // An info bar's source names the unit when nothing else does ("我局…"); it never completes a
  // name the report gives (the office that posted a district's report is not its unit).
  CHECK(read_ok(
            "2024年法治政府建设情况报告\n发布时间:2025-03-06 15:53 信息来源:新晃县退役军人事务局\n"
            "2024年，在县委、县政府的正确领导下，我局始终坚持以习近平法治思想为指导。\n" +
                kWork,
            "t.txt")
            .meta.unit.value == "新晃县退役军人事务局");
  CHECK(
      read_ok(
          "来源:南湖区人民政府办公室 发布时间:2024-03-28 09:18\n南湖区2023年法治政府建设情况报告\n"
          "2023年，南湖区坚持以习近平法治思想为指导。\n" +
              kWork,
          "t.txt")
          .meta.unit.value == "南湖区");
}

TEST_CASE("a report read to a congress that announces itself without its year") {
  // The year opens the first chapter, after an announcement and the chapter's heading.
  const Document read = read_ok(
      "某某市人民政府关于法治政府建设情况的报告\n(2024年5月28日在市六届人大常委会第九次会议上)\n"
      "市人大常委会:\n按照工作安排，现就法治政府建设情况报告如下。\n一、主要工作举措及成效\n"
      "2023年，在市委坚强领导下，全市各级行政机关深学笃用习近平法治思想。\n" +
          kWork,
      "t.txt");
  CHECK(read.meta.year == 2023);
}

TEST_CASE("a ninth probe's shapes: a breadcrumb over a publisher's table of padded keys") {
  // 政府信息公开 platforms align their keys with spaces ("标      题") under a breadcrumb.
  const Document read = read_ok(
      "某某区人民政府信息公开专栏 >> 某某区人民政府办公室 >> 政府信息公开基础平台\n\n"
      "索  引 号: 11220502013583620H/2025-05229\n分      类: 其他 ; 报告\n"
      "发文机关: 通化市东昌区人民政府\n成文日期: 2025年02月27日\n"
      "标      题: 中共东昌区委东昌区人民政府关于2024年度法治政府建设工作情况的报告\n"
      "发文字号: 通昌委〔2025〕1号\n发布日期: 2025年02月27日\n" +
          kWork,
      "t.txt");
  CHECK(read.meta.unit.value == "东昌区");
  CHECK(read.meta.year == 2024);
  CHECK(read.meta.published.value == "2025-02-27");
  // An info bar over two lines; its source spells out the title's relative name, and a
  // municipality places one (天津市 is a province in the list of divisions).
  CHECK(read_ok("当前位置: 首页>政务公开>公示公告\n\n市卫生健康委2023年法治政府建设情况报告\n\n"
                "发布日期: 2024-03-14 09:37\n来源: 天津市卫生健康委员会\n\n"
                "2023年,市卫生健康委坚持以习近平新时代中国特色社会主义思想为指导。\n" +
                    kWork,
                "t.txt")
            .meta.unit.value == "天津市卫生健康委员会");
  CHECK(read_ok("市生态环境局2023年法治政府建设情况报告\n\n2023年,市生态环境局坚持以习近平法治思想"
                "为指导，全面落实天津市生态环境局年度工作要点。\n" +
                    kWork,
                "t.txt")
            .meta.unit.value == "天津市生态环境局");
  // A district's department by its whole name: sixteen characters before its verb.
  CHECK(
      read_ok("2024年,长沙市岳麓区人力资源和社会保障局坚持以习近平新时代中国特色社会主义思想为指导,"
              "全面学习贯彻党的二十大精神。\n" +
                  kWork,
              "t.txt")
          .meta.unit.value == "长沙市岳麓区人力资源和社会保障局");
  // A sub-district named 街 (Guangzhou's usage); a street of shops is none.
  const Document street = read_ok(
      "2024年,鹤龙街坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的二十大精神。\n" +
          kWork,
      "t.txt");
  CHECK(street.meta.unit.value == "鹤龙街");
  CHECK(street.meta.level.value == "township");
  CHECK(read_ok("2024年,打造特色商业街坚持以人民为中心。\n" + kWork, "t.txt").meta.unit.value !=
        "打造特色商业街");
  // A city by its bare name; a phrase that is no city's name is none.
  const Document city = read_ok(
      "2024年,在省委、省人民政府的坚强领导下,株洲深入贯彻党的二十大精神和习近平法治思想。\n" +
          kWork,
      "t.txt");
  CHECK(city.meta.unit.value == "株洲市");
  CHECK(city.meta.level.value == "city");
  CHECK(!read_ok("2024年,法治深入人心,全面推进依法行政。\n" + kWork, "t.txt").meta.unit.found());
  // A government that writes of itself only as 我区: the district its text names most, twice
  // at least; none when two are named as often, or when the opening is a body's (我局).
  const Document self = read_ok(
      "2024年,我区坚持以习近平新时代中国特色社会主义思想为指导。\n"
      "一、主要举措和成效\n(一)强化组织领导\n凤翔区政府常务会议学法4次。"
      "印发《凤翔区2024年法治政府建设工作要点》。\n",
      "t.txt");
  CHECK(self.meta.unit.value == "凤翔区");
  CHECK(self.meta.level.value == "district");
  CHECK(!read_ok("2024年,我区坚持以习近平法治思想为指导。\n凤翔区、金台区、凤翔区、金台区。\n",
                 "t.txt")
             .meta.unit.found());
  CHECK(!read_ok("2024年,在市委、市政府的坚强领导下,我局坚持依法行政。\n印发《鞍山市实施方案》"
                 "《鞍山市工作要点》。\n",
                 "t.txt")
             .meta.unit.found());
  // A body's other names in brackets after its self-name (合署办公).
  CHECK(read_ok("2025年,市数据局(市营商环境建设局、市行政审批局)在市委、市政府的坚强领导下,深入学习"
                "贯彻习近平法治思想,"
                "全面落实《鞍山市法治政府建设实施方案》《中共鞍山市委2025年工作要点》。\n" +
                    kWork,
                "t.txt")
            .meta.unit.value == "鞍山市数据局");
  // The year in the sentence announcing the report, after the reporter ("现将我厅2025年…"), past
  // the part of a long first line read for a title run into the body.
  CHECK(
      read_ok("在省委、省政府的坚强领导下,省生态环境厅坚持以习近平新时代中国特色社会主义思想为指导,"
              "深入学习贯彻习近平法治思想、习近平生态文明思想,坚决扛起生态环境保护政治责任,紧紧"
              "围绕党中央和省委关于法治建设的决策部署,扎实推进依法治污取得明显成效。"
              "现将我厅2025年法治政府建设工作情况报告如下:\n" +
                  kWork,
              "t.txt")
          .meta.year == 2025);
  // A body writing of itself as 我局 that cites its own report by title; a higher body's
  // document cited the same way names no unit.
  CHECK(read_ok(
            "沪环法〔2023〕23号\n市委、市政府:\n2022年,我局坚持以习近平法治思想为指导。根据有关"
            "要求,我局总结形成了《上海市生态环境局关于2022年度法治政府建设情况的报告》,现报送。\n" +
                kWork,
            "t.txt")
            .meta.unit.value == "上海市生态环境局");
  CHECK(!read_ok("2022年,我局坚持以习近平法治思想为指导。\n我局认真学习《某某市人民政府关于2021年度"
                 "法治政府建设情况的报告》。\n" +
                     kWork,
                 "t.txt")
             .meta.unit.found());
  // The office that posted the page completes no name.
  CHECK(read_ok(
            "区司法局2023年法治政府建设情况报告\n发布日期: 2024-03-14\n来源: 某某区人民政府办公室\n"
            "2023年,区司法局坚持以习近平法治思想为指导。\n" +
                kWork,
            "t.txt")
            .meta.unit.value == "区司法局");
}

TEST_CASE("a tenth probe's shapes: a clause ending in a city, furniture before the opening") {
  // A long clause that ends in a city's name and opens with none is no self-name; the bare
  // name of a county-level city is one.
  const Document city = read_ok(
      "2023年,邹城坚持以习近平新时代中国特色社会主义思想为指导,持续提升法治政府建设质效,司法部"
      "行政执法协调监督业务培训班和济宁市全面推进依法治市专题培训班在邹城举办。\n" +
          kWork,
      "t.txt");
  CHECK(city.meta.unit.value == "邹城市");
  // A site's furniture above the text (站群导航, AQI, a list of levels, a date bar) takes none of
  // the opening's place: its self-name and year are read.
  const Document page = read_ok(
      "站群导航\n\nAQI\n\n  • 轻度污染\n  • 中度污染\n  • 重度污染\n  • 严重污染\n\n"
      "2024-03-15来源:\n\n2023年,吉林省人民政府坚持以习近平新时代中国特色社会主义思想为指导,"
      "推动法治政府建设实现新突破。\n\n" +
          kWork,
      "t.txt");
  CHECK(page.meta.unit.value == "吉林省");
  CHECK(page.meta.year == 2023);
  // A red header and the document's number above a name and a title, each on its own line:
  // none is joined to the next.
  const Document red = read_ok(
      "上海市宝山区生态环境局文件\n宝环保〔2026〕1号\n宝山区生态环境局\n2025年法治政府建设情况报告"
      "\n"
      "中共上海市宝山区委、宝山区人民政府:\n2025年在区委、区政府的坚强领导下,我局扎实推进法治"
      "政府建设。\n" +
          kWork,
      "t.txt");
  CHECK(red.meta.unit.value == "上海市宝山区生态环境局");
  CHECK(red.meta.doc_number.value == "宝环保〔2026〕1号");
  CHECK(red.meta.year == 2025);
}

TEST_CASE("a report sent as the attachment of a short letter is read as the report") {
  // 关于报送《…》的报告: the letter, its signature, 附件, then the report with its own title over
  // two lines under the letter's date. The report's chapters earn credit; the letter is its head.
  const std::string letter =
      "关于报送《2024年度浦东新区建设和交通委员会法治政府建设情况报告》的报告\n"
      "上海市浦东新区法治政府建设工作领导小组办公室:\n"
      "根据法治政府建设有关工作要求,我委拟就了《2024年度浦东新区建设和交通委员会法治政府建设情况"
      "报告》,现予报送。\n特此报告。\n"
      "附件:2024年度浦东新区建设和交通委员会法治政府建设情况报告\n"
      "上海市浦东新区建设和交通委员会\n2025年1月20日\n";
  const std::string report =
      "2024年度浦东新区建设和交通委员会\n法治政府建设情况报告\n"
      "2024年,在区委、区政府的坚强领导下,浦东新区建交委全面贯彻落实法治政府建设各项要求。\n"
      "一、2024年法治工作情况总结\n(一)深入学习宣传贯彻习近平法治思想\n"
      "全年组织集中学法12次,开展专题讲座3场。\n二、存在的不足\n执法力量不足。\n"
      "三、下一步工作打算\n继续深化行政执法改革。\n";
  const Document doc = read_ok(letter + report, "t.txt");
  CHECK(role_of(doc, "全年组织集中学法12次") == Role::kAchievements);
  CHECK(role_of(doc, "执法力量不足") == Role::kShortcomings);
  CHECK(role_of(doc, "继续深化行政执法改革") == Role::kPlans);
  CHECK(role_of(doc, "根据法治政府建设有关工作要求") == Role::kTitle);
  CHECK(doc.meta.unit.value == "浦东新区建设和交通委员会");
  CHECK(doc.meta.year == 2024);
  // An attachment that is no report (a table of figures, a list) stays an attachment.
  const Document table =
      read_ok("某区司法局2024年法治政府建设情况报告\n2024年,我局扎实推进法治政府建设。\n" + kWork +
                  "特此报告。\n某区司法局\n2025年1月20日\n附件:行政复议案件统计表\n"
                  "类别\t件数\n受理\t12\n办结\t11\n",
              "t.txt");
  CHECK(role_of(table, "全年办理行政复议案件3件") == Role::kAchievements);
  CHECK(role_of(table, "受理") == Role::kOther);
}

TEST_CASE("an eleventh probe's shapes: a province by its bare name, a zone's two committees") {
  // A crawler's table whose publisher is a department of the district the text names: the
  // district reports, its 司法局 only publishes (the publisher does not complete a place).
  const Document district = read_ok(
      "- 发布机构:薛城区司法局\n- 标 题:关于2025年度法治政府建设情况的报告\n"
      "关于2025年度法治政府建设情况的报告\n\n"
      "2025年,在市委、市政府的坚强领导下,薛城区坚持以习近平法治思想为根本遵循,系统推进法治政府"
      "建设。\n" +
          kWork,
      "t.txt");
  CHECK(district.meta.unit.value == "薛城区");
  // A province by its bare name.
  const Document province = opening(
      "2024年,广东坚持以习近平新时代中国特色社会主义思想为指导,扎实推动法治政府建设取得积极成效。");
  CHECK(province.meta.unit.value == "广东省");
  CHECK(province.meta.level.value == "province");
  // A zone's party working committee and administrative committee, each with its other name.
  CHECK(opening("2024年,青岛西海岸新区工委(区委)、管委(区政府)在市委、市政府的坚强领导下,扎实推进"
                "法治政府建设。")
            .meta.unit.value == "青岛西海岸新区");
  // 我县 named only in the county's slogan (法治弋阳、法治政府、法治社会一体建设).
  CHECK(opening("2023年,我县坚持依法治县、依法执政、依法行政共同推进,法治弋阳、法治政府、法治社会"
                "一体建设。")
            .meta.unit.value == "弋阳县");
  // A province writing of itself as 全省, named by the speech on its work; a city that names
  // the same speech is not the province.
  CHECK(opening("2024年,全省各级政府及其组成部门深入学习贯彻习近平法治思想和习近平总书记对江苏工作"
                "重要讲话精神,依法全面履行政府职能。")
            .meta.unit.value == "江苏省");
  CHECK(
      opening("2023年,我市深入学习贯彻习近平总书记考察江西重要讲话精神,法治政府建设位列全省第一。")
          .meta.unit.value != "江西省");
  // The year named only by the achievements part's heading.
  const Document heading = read_ok(
      "通州区坚持以习近平新时代中国特色社会主义思想为指导,法治建设的保障作用全面彰显。\n"
      "一、2022年法治政府建设主要举措和成效\n全年办理行政复议案件3件。\n",
      "t.txt");
  CHECK(heading.meta.year == 2022);
}

TEST_CASE("a twelfth probe's shapes: a department after who leads it, its own year's plan") {
  // The subject after the clause of who leads it, whatever its verb; placed by the addressee.
  CHECK(opening("2025年,在区委、区政府的坚强领导下,龙华区政务服务和数据管理局锚定法治建设总目标,"
                "推动法治政府建设与主责主业融合。")
            .meta.unit.value == "龙华区政务服务和数据管理局");
  const Document addressed = read_ok(
      "荣成市委、荣成市人民政府:\n2024年,在市委市政府的正确领导下,市市场监管局把握新形势,树立"
      "法治新理念。\n" +
          kWork,
      "t.txt");
  CHECK(addressed.meta.unit.value == "荣成市市场监督管理局");
  CHECK(addressed.meta.level.value == "department");
  // A party committee and its government after the clause are no department (朔州市委、市政府).
  CHECK(opening("2024年,在省委、省政府的正确领导下,朔州委、政府坚持以习近平法治思想为指导。")
            .meta.unit.value != "朔州委");
  // 我局 only, and the year's plan it made, cited by its title.
  const Document plan = opening(
      "2025年,我局深入学习贯彻习近平法治思想。结合我局实际工作制定了《湛江市城市管理和综合执法局"
      "2025年度法治政府建设工作要点》,明确年度任务。");
  CHECK(plan.meta.unit.value == "湛江市城市管理和综合执法局");
  // A plan it only follows names no unit.
  CHECK(opening("2025年,我局认真落实《湛江市2025年度法治政府建设工作要点》,明确年度任务。")
            .meta.unit.value.empty());
}

TEST_CASE("a thirteenth probe's shapes: an addressee line, a township's party and government") {
  // The addressee line does not use up the first paragraph: the township's party committee and
  // government report jointly (观胜镇党委、政府), a township is no division of the list.
  const Document township = read_ok(
      "区委、区政府:\n2025年以来,在区委、区政府的坚强领导下,观胜镇党委、政府深入学习宣传贯彻"
      "习近平法治思想。\n" +
          kWork,
      "t.txt");
  CHECK(township.meta.unit.value == "观胜镇");
  CHECK(township.meta.level.value == "township");
  // An autonomous prefecture or county by its short name, after who leads it.
  CHECK(opening("2023年,在省委、省政府的坚强领导下,红河州坚持以习近平新时代中国特色社会主义思想"
                "为指导。")
            .meta.unit.value == "红河州");
  CHECK(opening("2022年在县委、县政府的坚强领导下,镇宁自治县坚持以习近平新时代中国特色社会主义思想"
                "为指导。")
            .meta.unit.value == "镇宁自治县");
  // 坚定 as the verb; the year's work named before the comma (…局法治建设工作,坚持…).
  CHECK(opening("2024年,广安市坚定以习近平新时代中国特色社会主义思想为指导。").meta.unit.value ==
        "广安市");
  CHECK(opening("2024年荔湾区卫生健康局法治建设工作,坚持以习近平新时代中国特色社会主义思想为指导。")
            .meta.unit.value == "荔湾区卫生健康局");
  // A city by a bare name ending in 州 is not a prefecture's: 杭州 is named 杭州市.
  CHECK(opening("2024年,杭州坚持依法行政。").meta.unit.value != "杭州");
  // The party committee and the government on title lines of their own: the government.
  const Document joint = read_ok(
      "中共某某县某某镇委员会\n某某县某某镇人民政府\n关于2025年法治政府建设情况的报告\n"
      "2025年,某某镇坚持依法行政。\n" +
          kWork,
      "t.txt");
  CHECK(joint.meta.unit.value == "某某县某某镇");
  CHECK(joint.meta.level.value == "township");
  // A party committee alone keeps its name.
  CHECK(
      read_ok("中共某某县某某镇委员会\n关于2025年法治建设情况的报告\n2025年,全镇坚持依法行政。\n" +
                  kWork,
              "t.txt")
          .meta.unit.value == "中共某某县某某镇委员会");
}

TEST_CASE("a fifteenth probe's shapes: a leading group, a lead sentence, a county's whole name") {
  // The township's leading group speaks for it.
  CHECK(opening("2025年,中都街道领导班子始终以习近平法治思想为统领,扎实履行法治建设领导职责。")
            .meta.unit.value == "中都街道");
  // A clause about the whole township or the leaders names no unit.
  CHECK(!opening("一是加强组织领导。负责组织、协调、推进全镇法治政府建设工作,切实加强党的领导。")
             .meta.unit.found());
  CHECK(!opening("省长带头履行职责。省政府党组班子成员均到分管部门或联系市州深入调研。")
             .meta.unit.found());
  // A lead sentence of general words, then the year's opening in the same paragraph.
  const Document lead = opening(
      "法治政府建设是全面推进依法治国的关键。2024年,巨野河街道以习近平法治思想为指导,切实推进"
      "法治建设。");
  CHECK(lead.meta.year == 2024);
  CHECK(lead.meta.unit.value == "巨野河街道");
  // A lead sentence that holds a year is no lead: the year is not taken from later on.
  CHECK(opening("2023年是全面贯彻党的二十大精神的开局之年。2024年,某某街道以习近平法治思想为指导。")
            .meta.year != 2024);
  // The county's whole name above a title that names none; the opening writes it short.
  const Document county = read_ok(
      "焉耆回族自治县人民政府\n2022年度法治政府建设工作报告\n2022年以来,焉耆县坚持以习近平新时代"
      "中国特色社会主义思想为指导。\n" +
          kWork,
      "t.txt");
  CHECK(county.meta.unit.value == "焉耆回族自治县");
  CHECK(county.meta.level.value == "county");
  // A title that is a page's list item.
  CHECK(
      read_ok("  • 2021年度山西省法治政府建设年度报告\n2021年,省委、省政府坚持依法行政。\n" + kWork,
              "t.txt")
          .meta.unit.value == "山西省");
}

TEST_CASE("a department's common short name is given as its official name") {
  // One unit, one name, whichever form a year's report writes.
  CHECK(opening("2024年,乳山市市场监管局坚持以习近平法治思想为指导。").meta.unit.value ==
        "乳山市市场监督管理局");
  CHECK(opening("2023年,钟楼区人社局坚持依法行政。").meta.unit.value ==
        "钟楼区人力资源和社会保障局");
  CHECK(opening("2022年,江北区政府办公室认真贯彻落实法治政府建设各项任务。").meta.unit.value ==
        "江北区人民政府办公室");
  // The official name stays as it is; so does a short form that stands for several names.
  CHECK(opening("2022年,江北区人民政府办公室认真贯彻落实法治政府建设各项任务。").meta.unit.value ==
        "江北区人民政府办公室");
  CHECK(opening("2023年,浙江省卫生健康委员会坚持依法行政。").meta.unit.value ==
        "浙江省卫生健康委员会");
  CHECK(opening("2023年,长兴县交通局坚持依法行政。").meta.unit.value == "长兴县交通局");
  // A short form inside a bureau's own longer name is part of that name.
  CHECK(opening("2023年,长兴县教育科技局坚持依法行政。").meta.unit.value == "长兴县教育科技局");
}

TEST_CASE("a department that writes 我局 and cites its own year's plan later on") {
  const std::string opening =
      "2025年,在区委、区政府的正确领导下,我局坚持以习近平法治思想为指导,扎实推进法治政府建设。\n"
      "一、2025年主要工作情况\n";
  // The plan's unit is a department: the unit.
  CHECK(read_ok(opening +
                    "严格落实第一责任人职责,牵头研究制定《光明区城市更新和土地整备局2025年法治政府"
                    "建设工作要点》。\n" +
                    kWork,
                "t.txt")
            .meta.unit.value == "光明区城市更新和土地整备局");
  // A place's plan it followed is not: the unit stays unknown.
  CHECK(
      !read_ok(opening + "根据区委制定的《光明区2025年法治政府建设工作要点》,明确任务。\n" + kWork,
               "t.txt")
           .meta.unit.found());
}

TEST_CASE("an eighteenth probe's shapes: the subject of a clause is no unit with its verb") {
  // "…支持下,区政府紧扣经济建设中心工作": 区政府 and its verb up to 中心, a word that ends names.
  const std::string text =
      "常州市人民政府:\n"
      "2024年,在市委、市政府和区委的坚强领导下,在区人大、区政协的监督支持下,区政府紧扣经济建设"
      "中心工作和高质量发展首要任务,深入推进法治政府建设各项工作。\n"
      "一、深化改革加快政府职能转变\n";
  CHECK_FALSE(read_ok(text + kWork, "t.txt").meta.unit.found());
  // A centre that names itself after who leads it is still one.
  CHECK(read_ok("2024年,在市委、市政府的坚强领导下,市政务服务中心深入推进法治政府建设。\n"
                "一、主要工作\n" +
                    kWork,
                "t.txt")
            .meta.unit.value == "市政务服务中心");
}
