// End to end: the report-structure pack on the five sample reports (real document stage).
// Expected states are from reading each report (see the comments), not from running the tool.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "indicheck/matcher.h"
#include "indicheck/rules.h"

using namespace indicheck;

namespace {

struct Pack {
  RuleSet rules;
  std::shared_ptr<const CompiledRules> compiled;
  const Framework* framework = nullptr;
};

const Pack& pack() {
  static const Pack p = [] {
    Pack x;
    std::vector<Diagnostic> diagnostics;
    x.rules =
        load_rules({std::string(INDICHECK_SOURCE_DIR) + "/rules/report-structure"}, diagnostics);
    REQUIRE(diagnostics.empty());
    x.compiled = CompiledRules::compile(x.rules, diagnostics);
    REQUIRE(x.compiled);
    x.framework = x.compiled->rules().find_framework("report-structure");
    REQUIRE(x.framework);
    return x;
  }();
  return p;
}

std::string slurp(const std::string& name) {
  std::ifstream in(std::string(INDICHECK_SOURCE_DIR) + "/corpus/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Drops lines [from, to] (1-based, inclusive) of a text.
std::string drop_lines(const std::string& text, int from, int to) {
  std::string out;
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (n < from || n > to) out += line + "\n";
  return out;
}

struct Result {
  std::vector<ItemState> states;
  std::vector<std::uint32_t> first_credit_line;  // 0 when no credit quote
};

Result scan_text(const std::string& text, const std::string& name) {
  std::vector<Diagnostic> diagnostics;
  auto doc = read_document_bytes(text, name, ReadOptions{}, diagnostics);
  REQUIRE(doc);
  Scanner scanner(pack().compiled);
  const auto ev = scanner.scan(*doc, *pack().framework);
  Result r;
  for (const auto& item : ev.items) {
    r.states.push_back(item.state);
    r.first_credit_line.push_back(
        !item.quotes.empty() && item.quotes[0].credit ? item.quotes[0].line : 0);
  }
  return r;
}

constexpr auto kMet = ItemState::kMet;
constexpr auto kMissing = ItemState::kMissing;

}  // namespace

// Every sample has achievements (1), a shortcomings part (2), a 第一责任人 passage in its
// achievements (3) and a plan for the next year (4). None has a separate "其他需要报告的情况"
// part (5, not required): sip-2023's honours paragraph (荣获…) sits at the end of its
// achievements, where "other" earns no credit.
TEST_CASE("report-structure: the five contents of each sample report", "[e2e][report-structure]") {
  struct Expect {
    const char* file;
    std::uint32_t shortcomings_line, leadership_line, plans_line;
  };
  // Lines read off the files: where the shortcomings part, the 第一责任人 passage and the plan
  // begin.
  const Expect expectations[] = {
      {"nanhu-2021.txt", 29, 6,
       30},  // 虽然…但…还存在一些问题和不足 / (四)落实第一责任人职责 / 2022年,南湖区将…
      {"sip-2023.txt", 30, 4,
       31},  // 虽然…但也存在一些薄弱环节 / (二)…压实党政第一责任人职责 / 2024年,园区将…
      {"taicang-2024.txt", 19, 5,
       21},  // 五、…存在的不足 / 2.壓實法治建設第一責任 / 六、2025年…主要工作安排
      {"xiangcheng-2021.txt", 41, 18,
       42},  // 回顾…虽然…但… / (三)压实法治建设第一责任 / 2022年，…将继续…
      {"xinbei-2020.txt", 22, 17,
       26},  // 三、存在问题 / 二、履职尽责，严格落实第一责任人职责 / 四、下一年度…主要安排
  };
  for (const auto& e : expectations) {
    INFO(e.file);
    const Result r = scan_text(slurp(e.file), e.file);
    CHECK(r.states == std::vector<ItemState>{kMet, kMet, kMet, kMet, kMissing});
    CHECK(r.first_credit_line[1] == e.shortcomings_line);
    CHECK(r.first_credit_line[2] == e.leadership_line);
    CHECK(r.first_credit_line[3] == e.plans_line);
  }
}

TEST_CASE("report-structure: a report cut before its shortcomings has no 2 and no 4",
          "[e2e][report-structure]") {
  // xiangcheng-2021 without lines 41-45 (shortcomings paragraph and the 2022 plan).
  const std::string text = drop_lines(slurp("xiangcheng-2021.txt"), 41, 200);
  const Result r = scan_text(text, "xiangcheng-cut.txt");
  CHECK(r.states == std::vector<ItemState>{kMet, kMissing, kMet, kMissing, kMissing});
}

TEST_CASE("report-structure: 第一责任人 only admitted as a gap is acknowledged, not met",
          "[e2e][report-structure]") {
  // xinbei-2020 without its chapter 二、履职尽责 (lines 17-21): 第一责任人 then appears only in
  // the shortcomings (line 23) and the plan (line 27).
  const std::string text = drop_lines(slurp("xinbei-2020.txt"), 17, 21);
  const Result r = scan_text(text, "xinbei-cut.txt");
  CHECK(r.states[2] == ItemState::kAcknowledged);
  CHECK(r.states[0] == kMet);
  CHECK(r.states[1] == kMet);
  CHECK(r.states[3] == kMet);
}
