// Heading tree and roles on small hand-written reports: every numbering scheme, CRLF line
// endings, headings carrying body text, the depth limit.
#include <catch2/catch.hpp>

#include "doc_test_util.h"

using namespace indicheck;
using doctest::read_ok;
using doctest::section_with;

namespace {

const Section& section(const Document& doc, std::string_view needle) {
  const int i = section_with(doc, needle);
  REQUIRE(i > 0);
  return doc.sections[static_cast<std::size_t>(i)];
}

}  // namespace

TEST_CASE("numbering schemes nest by kind: 一、 (一) 1、 (1) and back") {
  const Document doc = read_ok(
      "某某县人民政府关于2021年度法治政府建设情况的报告\r\n"
      "2021年，我县坚持依法行政。现将有关情况报告如下：\r\n"
      "一、主要成效\r\n"
      "（一）第一节。正文一句。\r\n"
      "1、条目一。正文。\r\n"
      "（1）小项甲。\r\n"
      "（2）小项乙。\r\n"
      "2、条目二。正文。\r\n"
      "（二）第二节\r\n"
      "二、存在的问题\r\n"
      "一是短板一。二是短板二。\r\n"
      "三、2022年工作打算\r\n"
      "1.加强学习。\r\n"
      "某某县人民政府\r\n"
      "2022年2月8日\r\n",
      "t.txt");
  CHECK(doc.meta.unit.value == "某某县");
  CHECK(doc.meta.level.value == "county");
  CHECK(doc.meta.year == 2021);
  CHECK(doc.meta.published.value == "2022-02-08");
  CHECK(section(doc, "一、主要成效").depth == 1);
  CHECK(section(doc, "(一)第一节").depth == 2);
  CHECK(section(doc, "(一)第一节").title == "第一节");
  CHECK(section(doc, "1、条目一").depth == 3);
  CHECK(section(doc, "(1)小项甲").depth == 4);
  CHECK(section(doc, "(2)小项乙").parent == section_with(doc, "1、条目一"));
  CHECK(section(doc, "2、条目二").depth == 3);
  CHECK(section(doc, "(二)第二节").depth == 2);
  CHECK(section(doc, "(二)第二节").line == 9);
  CHECK(section(doc, "二、存在的问题").role == Role::kShortcomings);
  CHECK(section(doc, "二是短板二").role == Role::kShortcomings);
  CHECK(section(doc, "二是短板二").depth == 1 + section(doc, "二、存在的问题").depth);
  CHECK(section(doc, "三、2022年工作打算").role == Role::kPlans);
  CHECK(section(doc, "1.加强学习").role == Role::kPlans);
  CHECK(section(doc, "1.加强学习").depth == 2);
  const Sentence* sig = doctest::sentence_with(doc, "2022年2月8日");
  REQUIRE(sig != nullptr);
  CHECK(sig->role == Role::kSignature);
  // CRLF: original lines and columns still line up.
  const LineCol lc =
      doc.line_col(doc.to_original(static_cast<std::uint32_t>(doc.text.find("条目二"))));
  CHECK(lc.line == 8);
  CHECK(lc.column == 3);
  CHECK(doc.section_path(static_cast<std::uint32_t>(section_with(doc, "(1)小项甲"))) ==
        "一、主要成效 > (一)第一节 > 1、条目一 > (1)小项甲");
}

TEST_CASE("a numbering scheme seen again becomes a sibling, so nesting stays bounded") {
  std::string text = "2021年，我区坚持依法行政。\n一、总体\n";
  // Alternate schemes so that every marker would nest one level deeper.
  const char* kinds[] = {"（一）", "1、", "（1）", "1.", "一是"};
  for (int i = 0; i < 20; ++i)
    text += std::string(kinds[i % 5]) + "层级" + std::to_string(i) + "。\n";
  const Document doc = read_ok(text, "deep.txt");
  int deepest = 0;
  for (const auto& s : doc.sections) deepest = std::max(deepest, s.depth);
  CHECK(deepest == 6);  // 一、 (一) 1、 (1) 1. 一是, then (一) again is a sibling at depth 2
  CHECK(section(doc, "(一)层级15").depth == 2);
}

TEST_CASE("random cuts and splices of the samples never break the document invariants") {
  // A small deterministic fuzzer: pieces of real reports cut at arbitrary bytes, spliced with
  // markers, line breaks and junk. Whatever comes out must be a consistent Document or an error.
  std::vector<std::string> sources;
  for (const char* name : {"xiangcheng-2021.txt", "taicang-2024.txt", "xinbei-2020.txt"})
    sources.push_back(doctest::slurp(doctest::corpus_path(name)));
  const char* splices[] = {"\n",
                           "一、",
                           "(一)",
                           "1.",
                           "一是",
                           "。",
                           "\r",
                           "\xFF",
                           "[bookmark: x]",
                           "2022年,将",
                           "虽然",
                           "但存在",
                           "特此报告",
                           "\n扫一扫在手机打开当前页\n",
                           "\xE3\x80",
                           ":二是"};
  std::uint64_t state = 42;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::size_t>(state >> 33);
  };
  for (int round = 0; round < 300; ++round) {
    std::string input;
    const int pieces = 1 + static_cast<int>(next() % 6);
    for (int p = 0; p < pieces; ++p) {
      const std::string& src = sources[next() % sources.size()];
      const std::size_t b = next() % src.size();
      input += src.substr(b, next() % 400);
      input += splices[next() % (sizeof splices / sizeof *splices)];
    }
    std::vector<Diagnostic> diagnostics;
    const auto doc = read_document_bytes(input, "fuzz.txt", {}, diagnostics);
    if (!doc) {
      CHECK(has_errors(diagnostics));
      continue;
    }
    const auto size = static_cast<std::uint32_t>(doc->text.size());
    for (const Sentence& s : doc->sentences) {
      REQUIRE(s.span.begin <= s.span.end);
      REQUIRE(s.span.end <= size);
      REQUIRE(s.section < doc->sections.size());
      REQUIRE(s.paragraph < doc->paragraphs.size());
      (void)doc->original_text(s.span);
      (void)doc->line_col(doc->to_original(s.span.end));
    }
    for (std::size_t i = 1; i < doc->sections.size(); ++i) {
      const Section& sec = doc->sections[i];
      REQUIRE(sec.parent >= 0);
      REQUIRE(static_cast<std::size_t>(sec.parent) < i);
      REQUIRE(sec.depth == doc->sections[static_cast<std::size_t>(sec.parent)].depth + 1);
      REQUIRE(sec.span.begin <= sec.span.end);
    }
    (void)doc->section_path(static_cast<std::uint32_t>(doc->sections.size() - 1));
  }
}

TEST_CASE("columns count characters, not bytes, far into a long one-line report") {
  // 300 characters mixing 1-, 2-, 3- and 4-byte UTF-8 before the target, on the second line:
  // the column is 301 whatever the byte widths (checked against a plain count below).
  std::string prefix;
  const char* pieces[] = {"a", "é", "法", "𠀀", "，", "1"};
  for (int i = 0; i < 300; ++i) prefix += pieces[i % 6];
  const std::string text = "2021年法治政府建设情况报告\n" + prefix + "目标句子在这里。\n";
  std::vector<Diagnostic> diagnostics;
  const auto doc = read_document_bytes(text, "long.txt", {}, diagnostics);
  REQUIRE(doc.has_value());
  const auto at = doc->original.find("目标句子");
  REQUIRE(at != std::string::npos);
  const LineCol lc = doc->line_col(static_cast<std::uint32_t>(at));
  CHECK(lc.line == 2);
  CHECK(lc.column == 301);
  // Every offset of the line: the column is one more than the characters before it.
  const auto line_start = doc->original.find('\n') + 1;
  std::uint32_t chars = 0;
  for (std::size_t o = line_start; o < at; ++o) {
    const auto c = static_cast<unsigned char>(doc->original[o]);
    if ((c & 0xC0) != 0x80) {
      REQUIRE(doc->line_col(static_cast<std::uint32_t>(o)).column == chars + 1);
      ++chars;
    }
  }
  CHECK(chars == 300);
}

TEST_CASE("a shortcomings part opened by an admission without 虽 or 但") {
  // Invented text in the shape of a city report (dev corpus, putian-1287433): the part opens
  // with 在看到成绩的同时，我们也认识到…不足 and has no heading of its own.
  const Document doc = read_ok(
      "某某市人民政府关于2018年法治政府建设工作情况的报告\n"
      "一、2018年法治政府建设的主要情况\n"
      "全年组织领导干部学法4次，使干部职工深刻认识到依法行政的重要性，解决了一批实际问题。\n"
      "修订规范性文件12件。\n"
      "在看到成绩的同时，我们也认识到我市法治建设还面临着一定的困难和不足，执法体制改革有待深入。\n"
      "二、2019年工作打算\n"
      "继续加强学习。\n",
      "t.txt");
  // Staff who 认识到 something important: no admission, the achievements go on.
  CHECK(doctest::role_of(doc, "使干部职工深刻认识到") == Role::kAchievements);
  CHECK(doctest::role_of(doc, "修订规范性文件12件") == Role::kAchievements);
  CHECK(doctest::role_of(doc, "在看到成绩的同时") == Role::kShortcomings);
  CHECK(doctest::role_of(doc, "继续加强学习") == Role::kPlans);

  const Document soberly = read_ok(
      "某某局2023年法治政府建设情况报告\n"
      "一、主要工作\n"
      "全年办理行政复议案件3件。\n"
      "面对新形势新任务，我们清醒地认识到当前工作中仍存在一些困难和问题。\n"
      "一是力量不足。\n",
      "s.txt");
  const Sentence* s = doctest::sentence_with(soberly, "我们清醒地认识到");
  REQUIRE(s != nullptr);
  CHECK(s->role == Role::kShortcomings);
  const Sentence* a = doctest::sentence_with(soberly, "全年办理行政复议案件3件");
  REQUIRE(a != nullptr);
  CHECK(a->role == Role::kAchievements);
}

TEST_CASE("a hard-wrapped signature block with its colophon, and a short name in the title") {
  // Invented, in the shape of a dev-corpus page (putian-1421263): the title uses the short
  // name (安监局), the signature spells the unit out over two lines, the date and the 印发 line
  // of the colophon are broken digit by digit; reflow joins them into one line.
  std::string text =
      "某某市安监局2017年度依法行政工作报告\n"
      "一、主要工作\n"
      "全年办理行政复议案件3件，\n"
      "组织执法培训5期。\n"
      "二、存在的问题\n"
      "执法力量不足。\n"
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
      "26\n"
      "日\n"
      "某某市安全生产监督管理局\n"
      "办公室\n"
      "201\n"
      "8\n"
      "年\n"
      "1\n"
      "月\n"
      "26\n"
      "日印发\n";
  const Document doc = read_ok(text, "t.txt");
  CHECK(doc.meta.unit.value == "某某市安全生产监督管理局");
  CHECK(doc.meta.unit.source == "signature");
  CHECK(doc.meta.published.value == "2018-01-26");
  const Sentence* last = &doc.sentences.back();
  CHECK(last->role == Role::kSignature);
  const Sentence* plan = doctest::sentence_with(doc, "提升执法水平");
  REQUIRE(plan != nullptr);
  CHECK(plan->role == Role::kPlans);

  // A title naming the unit in full keeps it; a signature of another unit does not replace it.
  const Document other = read_ok(
      "某某市审计局2023年度法治政府建设情况报告\n"
      "一、主要工作\n"
      "完成审计项目12个。\n"
      "某某市审计局办公室\n"
      "2024年1月5日\n",
      "o.txt");
  CHECK(other.meta.unit.value == "某某市审计局");
}

TEST_CASE("a shortcomings chapter headed 存在的主要问题; a chapter that 解决…主要问题 is not one") {
  const Document doc = read_ok(
      "某某局2022年法治政府建设情况报告\n"
      "一、主要工作\n"
      "（一）着力解决群众反映的主要问题\n"
      "全年办理群众诉求120件。\n"
      "二、存在的主要问题\n"
      "一是执法力量不足。\n"
      "三、2023年工作安排\n"
      "继续加强执法队伍建设。\n",
      "t.txt");
  CHECK(doctest::role_of(doc, "着力解决群众反映的主要问题") == Role::kAchievements);
  CHECK(doctest::role_of(doc, "全年办理群众诉求120件") == Role::kAchievements);
  CHECK(doctest::role_of(doc, "二、存在的主要问题") == Role::kShortcomings);
  CHECK(doctest::role_of(doc, "一是执法力量不足") == Role::kShortcomings);
  CHECK(doctest::role_of(doc, "继续加强执法队伍建设") == Role::kPlans);
}

TEST_CASE("one-line pages: the signature after 专此报告, its date run on, names the unit") {
  // Invented, in the shape of a source that cut the title (dev corpus, zizheng-*): the unit is
  // named only by the signature, whose date follows it in the same line.
  const Document doc = read_ok(
      "现将有关情况报告如下：一、主要工作全年办理行政复议案件3件。组织执法培训5期。"
      "二、2020年工作计划进一步加强行政应诉工作。专此报告。"
      "某某市某某区人民政府  2019年12月18日",
      "t.txt");
  CHECK(doc.meta.unit.value == "某某市某某区");
  CHECK(doc.meta.unit.source == "signature");
  CHECK(doc.meta.published.value == "2019-12-18");
  const Sentence* s = doctest::sentence_with(doc, "专此报告");
  REQUIRE(s != nullptr);
  CHECK(s->role == Role::kSignature);

  // The same page's signature as a reflowed block with the colophon, on one line.
  const Document block = read_ok(
      "某某市安监局2017年度依法行政工作报告\n"
      "一、主要工作全年办理行政复议案件3件。二、2018年工作打算继续加强执法。"
      "某某市安全生产监督管理局2018年1月26日某某市安全生产监督管理局办公室2018年1月26日印发",
      "b.txt");
  CHECK(block.meta.unit.value == "某某市安全生产监督管理局");
  CHECK(block.sentences.back().role == Role::kSignature);
}

TEST_CASE("a preamble that ends with 如下 mid-line hands over to the body before any heading") {
  // Invented: the first chapter marker runs on after 如下： inside the preamble's paragraph, so
  // the first line-start heading comes only with the second chapter.
  const Document doc = read_ok(
      "某某局2022年法治工作情况报告\n"
      "\n"
      "根据工作要求，将我局有关工作情况总结如下：一、工作开展情况（一）党政主要负责人履行第一责任人"
      "职责。\n"
      "\n"
      "全年开展普法活动12场。\n"
      "\n"
      "组织执法培训5期。\n"
      "\n"
      "二、存在的问题\n"
      "\n"
      "执法力量不足。\n",
      "t.txt");
  CHECK(doctest::role_of(doc, "根据工作要求") == Role::kPreamble);
  CHECK(doctest::role_of(doc, "全年开展普法活动12场") == Role::kAchievements);
  CHECK(doctest::role_of(doc, "组织执法培训5期") == Role::kAchievements);
  CHECK(doctest::role_of(doc, "执法力量不足") == Role::kShortcomings);
}

TEST_CASE("one-line pages: a heading run into its first item is a sentence of its own") {
  const Document doc = read_ok(
      "现将有关情况报告如下：一、主要工作全年办理行政复议案件3件。"
      "四、履行职责使命，强化考核审计监督一是依法健全制度。制定办法2项。"
      "五、聚焦依法行政主线（一）严格落实权责清单管理。二是健全机制。",
      "t.txt");
  const auto text = [&](const char* needle) {
    const Sentence* s = doctest::sentence_with(doc, needle);
    REQUIRE(s != nullptr);
    return std::string(doctest::text_of(doc, s->span));
  };
  CHECK(text("四、") == "四、履行职责使命,强化考核审计监督");
  CHECK(text("依法健全") == "一是依法健全制度。");
  CHECK(text("五、") == "五、聚焦依法行政主线");
  CHECK(text("权责清单") == "(一)严格落实权责清单管理。");
  // A marker beyond a heading's length, or none, leaves the sentence whole; so does a section
  // marker after a section marker ((二)…(一) is no nesting), and a page with line breaks.
  const Document other = read_ok(
      "现将有关情况报告如下：一、主要工作全年办理行政复议案件3件，涉及征收、许可、处罚等多个"
      "领域的具体行政行为，已全部依法审结一是依法健全制度。(二)推进公开(一)严格落实清单。",
      "u.txt");
  CHECK(doctest::text_of(other, doctest::sentence_with(other, "一、主要工作")->span)
            .ends_with("审结一是依法健全制度。"));
  CHECK(std::string(doctest::text_of(other, doctest::sentence_with(other, "推进公开")->span)) ==
        "(二)推进公开(一)严格落实清单。");
  const Document lines = read_ok(
      "示例县2023年法治政府建设情况报告\n现将有关情况报告如下：\n一、主要工作\n"
      "全年办理行政复议案件3件。\n组织执法培训5期。\n四、强化监督一是依法健全制度。\n"
      "制定办法2项。\n五、2024年工作计划\n继续加强执法。\n",
      "v.txt");
  CHECK(std::string(doctest::text_of(lines, doctest::sentence_with(lines, "四、")->span)) ==
        "四、强化监督一是依法健全制度。");
}
