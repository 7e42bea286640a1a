// The five sample reports: metadata and roles, against expectations checked by reading each
// report (see the comments; line numbers are the original files' lines).
#include <catch2/catch.hpp>

#include "doc_test_util.h"

using namespace indicheck;
using doctest::corpus_path;
using doctest::section_with;
using doctest::sentence_with;

namespace {

Document load(const std::string& name) {
  std::vector<Diagnostic> diagnostics;
  auto doc = read_document(corpus_path(name), {}, diagnostics);
  REQUIRE(doc.has_value());
  CHECK(diagnostics.empty());
  return std::move(*doc);
}

Role role_of_sentence(const Document& doc, std::string_view needle) {
  const Sentence* s = sentence_with(doc, needle);
  REQUIRE(s != nullptr);
  return s->role;
}

const Section& section(const Document& doc, std::string_view needle) {
  const int i = section_with(doc, needle);
  REQUIRE(i > 0);
  return doc.sections[static_cast<std::size_t>(i)];
}

std::size_t count_chapters(const Document& doc) {
  std::size_t n = 0;
  for (const auto& s : doc.sections)
    if (s.depth == 1 && !s.marker.empty()) ++n;
  return n;
}

}  // namespace

TEST_CASE("xiangcheng-2021: title, doc number, 1、 chapter, plans after the 2022 intro") {
  const Document doc = load("xiangcheng-2021.txt");
  const Metadata& m = doc.meta;
  CHECK(m.encoding == "UTF-8");
  CHECK_FALSE(m.traditional);
  // Line 11: 苏州市相城区2021年法治政府建设工作报告
  CHECK(m.unit.value == "苏州市相城区");
  CHECK(m.unit.line == 11);
  CHECK(m.unit.source == "title");
  CHECK(m.level.value == "district");
  CHECK(m.province.value == "江苏省");
  CHECK(m.year == 2021);
  CHECK(m.year_found.line == 11);
  // Line 8: 相政呈〔2022〕20号 (its 2022 is the writing year, not the year reported on).
  CHECK(m.doc_number.value == "相政呈〔2022〕20号");
  CHECK(m.doc_number.line == 8);
  CHECK_FALSE(m.published.found());  // the report carries no signature date

  CHECK(role_of_sentence(doc, "相政呈") == Role::kTitle);
  CHECK(role_of_sentence(doc, "苏州市人民政府:") ==
        Role::kTitle);  // addressee, after [bookmark: _GoBack]
  CHECK(doc.text.find("[bookmark") == std::string::npos);
  CHECK(role_of_sentence(doc, "现将工作情况报告如下") == Role::kPreamble);
  // The first chapter is numbered 1、 and the second 二、: both are chapters.
  CHECK(count_chapters(doc) == 7);
  CHECK(section(doc, "1、").depth == 1);
  CHECK(section(doc, "二、全面履行政府职能").depth == 1);
  CHECK(section(doc, "(十九)").depth == 2);
  CHECK(section(doc, "(三)压实法治建设第一责任").role == Role::kLeadership);
  CHECK(role_of_sentence(doc, "强化法治督察") == Role::kLeadership);
  CHECK(role_of_sentence(doc, "加大主动公开力度") == Role::kAchievements);
  // Line 41: shortcomings without a heading (虽然…但…存在不少困难和问题), with inline 一是/二是.
  CHECK(role_of_sentence(doc, "虽然取得了一定的成绩") == Role::kShortcomings);
  CHECK(role_of_sentence(doc, "基层法治建设工作发展不平衡") == Role::kShortcomings);
  CHECK(role_of_sentence(doc, "法治建设特色品牌意识有待加强") == Role::kShortcomings);
  // Line 42: "2022年，…将…" opens the plans; (一)(二)(三) after it are plans, not children of
  // (十九).
  CHECK(role_of_sentence(doc, "2022年,相城区法治政府建设工作将继续") == Role::kPlans);
  const Section& plan1 = section(doc, "(一)聚焦全区重点工作");
  CHECK(plan1.role == Role::kPlans);
  CHECK(plan1.line == 43);
  CHECK(plan1.depth == 2);
  const Section& parent = doc.sections[static_cast<std::size_t>(plan1.parent)];
  CHECK(parent.role == Role::kPlans);
  CHECK(parent.line == 42);
  CHECK(role_of_sentence(doc, "全面部署实施“八五”普法规划") == Role::kPlans);
}

TEST_CASE("taicang-2024: Traditional, 1. items, blank date, web boilerplate") {
  const Document doc = load("taicang-2024.txt");
  const Metadata& m = doc.meta;
  CHECK(m.traditional);
  // Line 1: 太倉市2024年度法治政府建設工作情況報告
  CHECK(m.unit.value == "太仓市");
  CHECK(m.unit.line == 1);
  CHECK(m.level.value == "county-city");
  CHECK(m.province.value == "江苏省");
  CHECK(m.year == 2024);
  // Line 30: "2025年 月 日" — a blank date is the partial date 2025.
  CHECK(m.published.value == "2025");
  CHECK(m.published.line == 30);
  CHECK_FALSE(m.doc_number.found());

  CHECK(role_of_sentence(doc, "太仓市2024年度法治政府建设工作情况报告") == Role::kTitle);
  CHECK(role_of_sentence(doc, "2024年,太仓市全面贯彻落实") == Role::kPreamble);
  CHECK(count_chapters(doc) == 6);
  CHECK(section(doc, "1.全面加强党的领导").depth == 2);
  CHECK(section(doc, "2.压实法治建设第一责任").role == Role::kLeadership);
  CHECK(section(doc, "五、法治政府建设工作存在的不足").role == Role::kShortcomings);
  CHECK(role_of_sentence(doc, "还存在一些薄弱环节和不足之处") == Role::kShortcomings);
  CHECK(section(doc, "六、2025年法治政府建设主要工作安排").role == Role::kPlans);
  // A plan about the 第一责任人 is a plan, not leadership evidence.
  CHECK(section(doc, "1.督促落实法治建设第一责任人职责").role == Role::kPlans);
  CHECK(role_of_sentence(doc, "特此报告") == Role::kSignature);
  CHECK(role_of_sentence(doc, "太仓市人民政府") == Role::kSignature);
  // Lines 31-32 ("-", 掃一掃在手機打開當前頁) are set aside: boilerplate, not in the text.
  CHECK(doc.text.find("扫一扫") == std::string::npos);
  std::size_t boilerplate = 0;
  for (const auto& s : doc.sentences)
    if (s.role == Role::kBoilerplate) {
      ++boilerplate;
      if (doc.original_text(s.span).find("掃一掃") != std::string_view::npos)
        CHECK(doc.line_col(doc.to_original(s.span.begin)).line == 32);
    }
  CHECK(boilerplate == 2);
}

TEST_CASE("nanhu-2021: no title, unit from the body, province from the national list") {
  const Document doc = load("nanhu-2021.txt");
  const Metadata& m = doc.meta;
  // Line 1: "…,南湖区坚持以习近平…". The text never names 嘉兴 (the manifest's 嘉兴市南湖区 comes
  // from outside the text), so the unit is 南湖区; the national list of divisions has one 南湖区
  // (嘉兴市, 浙江省), so the province follows the unit. (The body names it too, on line 10:
  // 2021年浙江省“未来工厂”.)
  CHECK(m.unit.value == "南湖区");
  CHECK(m.unit.line == 1);
  CHECK(m.unit.source == "first-lines");
  CHECK(m.level.value == "district");
  CHECK(m.province.value == "浙江省");
  CHECK(m.province.source == "first-lines");
  CHECK(m.year == 2021);
  CHECK(m.year_found.source == "preamble");
  CHECK_FALSE(m.published.found());

  CHECK(role_of_sentence(doc, "在市委、市政府的正确领导下") == Role::kPreamble);
  CHECK(role_of_sentence(doc, "现将2021年度法治政府建设情况报告如下") == Role::kPreamble);
  CHECK(count_chapters(doc) == 6);
  CHECK(section(doc, "(四)落实第一责任人职责").role == Role::kLeadership);
  // "2.0 示范" is not a sentence end.
  CHECK(sentence_with(doc, "省政务服务 2.0 示范大厅建设试点") != nullptr);
  CHECK(role_of_sentence(doc, "但在工作中还存在一些问题和不足") == Role::kShortcomings);
  CHECK(role_of_sentence(doc, "行政执法监督工作有待加强") == Role::kShortcomings);
  CHECK(role_of_sentence(doc, "2022年,南湖区将坚持") == Role::kPlans);
}

TEST_CASE("xinbei-2020: 一是 items, 第一责任人 chapter, 存在问题 and 下一年度 chapters") {
  const Document doc = load("xinbei-2020.txt");
  const Metadata& m = doc.meta;
  CHECK(m.unit.value == "常州市新北区");
  CHECK(m.level.value == "district");
  CHECK(m.province.value == "江苏省");
  CHECK(m.year == 2020);
  CHECK(m.year_found.line == 1);

  CHECK(count_chapters(doc) == 4);
  const Section& item = section(doc, "一是推行权力清单制度");
  CHECK(item.depth == 3);
  CHECK(item.line == 5);
  CHECK(doc.sections[static_cast<std::size_t>(item.parent)].marker == "(一)");
  CHECK(section(doc, "二是落实重大行政决策程序").parent == item.parent);
  CHECK(section(doc, "二、履职尽责,严格落实第一责任人职责").role == Role::kLeadership);
  CHECK(role_of_sentence(doc, "党政主要负责人自觉践行法治理念") == Role::kLeadership);
  CHECK(role_of_sentence(doc, "区委书记周斌和区长乔俊杰率先垂范") == Role::kLeadership);
  CHECK(section(doc, "三、存在问题").role == Role::kShortcomings);
  // Mentions 第一责任人 but sits in the shortcomings: stays a shortcoming.
  CHECK(role_of_sentence(doc, "一是理论研究不够深入") == Role::kShortcomings);
  CHECK(section(doc, "四、下一年度推进法治政府建设主要安排").role == Role::kPlans);
  CHECK(role_of_sentence(doc, "三是以更大力度强化依法行政") ==
        Role::kPlans);  // after [bookmark: _GoBack]
}

TEST_CASE("sip-2023: unit only in the signature, dated 2024年3月27日") {
  const Document doc = load("sip-2023.txt");
  const Metadata& m = doc.meta;
  // Line 35: 苏州工业园区管理委员会; line 36: 2024年3月27日.
  CHECK(m.unit.value == "苏州工业园区");
  CHECK(m.unit.line == 35);
  CHECK(m.unit.source == "signature");
  CHECK(m.level.value == "zone");
  CHECK(m.province.value == "江苏省");
  CHECK(m.year == 2023);  // from the preamble's "2023年,园区坚持…", not the 2024 date
  CHECK(m.published.value == "2024-03-27");
  CHECK(m.published.line == 36);

  CHECK(role_of_sentence(doc, "园区坚持以习近平新时代") == Role::kPreamble);
  CHECK(section(doc, "压实党政第一责任人职责").role == Role::kLeadership);
  CHECK(role_of_sentence(doc, "但也存在一些薄弱环节") == Role::kShortcomings);
  CHECK(role_of_sentence(doc, "2024年,园区将重点做好以下工作") == Role::kPlans);
  const Section& plan = section(doc, "一是深入学习贯彻落实习近平法治思想");
  CHECK(plan.role == Role::kPlans);
  CHECK(doc.sections[static_cast<std::size_t>(plan.parent)].line == 31);
  CHECK(role_of_sentence(doc, "苏州工业园区管理委员会") == Role::kSignature);
  CHECK(role_of_sentence(doc, "2024年3月27日") == Role::kSignature);
}

TEST_CASE("the manifest agrees with what the text yields") {
  const std::string manifest =
      doctest::slurp(std::string(INDICHECK_SOURCE_DIR) + "/docs/corpus-manifest.csv");
  std::istringstream lines(manifest);
  std::string line;
  std::getline(lines, line);  // header
  int rows = 0;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::size_t start = 0;
    for (int k = 0; k < 6; ++k) {
      const std::size_t comma = line.find(',', start);
      f.push_back(line.substr(start, comma - start));
      start = comma + 1;
    }
    INFO(f[0]);
    std::vector<Diagnostic> diagnostics;
    const auto doc = read_document(std::string(INDICHECK_SOURCE_DIR) + "/" + f[0], {}, diagnostics);
    REQUIRE(doc.has_value());
    // The unit in the text may omit the prefecture (南湖区 for 嘉兴市南湖区).
    const std::string& unit = doc->meta.unit.value;
    CHECK((!unit.empty() && f[2].size() >= unit.size() &&
           f[2].compare(f[2].size() - unit.size(), unit.size(), unit) == 0));
    CHECK(doc->meta.level.value == f[3]);
    CHECK(doc->meta.province.value == f[4]);
    CHECK(doc->meta.year == std::stoi(f[5]));
    ++rows;
  }
  CHECK(rows == 5);
}
