// Renderers on a hand-made Evaluation (synthetic.h): escaping, gap-report order, peer examples,
// JSON against docs/results-schema.json, CSV conventions, all-or-nothing writing.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "indicheck/reports.h"
#include "json_schema.h"
#include "synthetic.h"

namespace fs = std::filesystem;
using namespace indicheck;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1))
    ++n;
  return n;
}

// Report index by path in the synthetic data (reports are sorted by path).
constexpr std::size_t kA2022 = 0, kA2021 = 1, kB2021 = 2, kBroken = 3;

fs::path temp_dir(const std::string& name) {
  fs::path p =
      fs::temp_directory_path() / ("indicheck-reports-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

}  // namespace

TEST_CASE("report text with markup is escaped in HTML, never emitted as a tag", "[html][escape]") {
  synthetic::Data d;
  synthetic::build(d);
  const std::string index = render_index_html(d.eval);
  const std::string gap = render_gap_html(d.eval, kA2021);
  REQUIRE_FALSE(gap.empty());
  CHECK(gap.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(gap.find("<script>alert") == std::string::npos);
  CHECK(index.find("<script>alert") == std::string::npos);
  // The gap report has one script (the filter by state); index.html has two (table sorting,
  // the weight explorer) plus one JSON data block per explorer section, whose '<' are escaped.
  CHECK(count(gap, "<script") == 1);
  CHECK(count(index, "<script>") == 2);
  const std::size_t data_blocks =
      count(index, "<script type=\"application/json\" class=\"wx-data\">");
  CHECK(data_blocks >= 1);
  CHECK(count(index, "<script") == 2 + data_blocks);
  // A diagnostic with markup is escaped too (failed inputs are listed in index.html).
  CHECK(index.find("cannot detect the encoding &lt;b&gt;") != std::string::npos);
  // B's report is the peer example for A's missing 3.1: its text appears in A's gap report.
  CHECK(gap.find("严格落实行政规范性文件合法性审核") != std::string::npos);
}

TEST_CASE("index.html holds ranking, heatmap, coverage, weights, structure and run facts",
          "[html]") {
  synthetic::Data d;
  synthetic::build(d);
  const std::string html = render_index_html(d.eval);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("\"Noto Sans CJK SC\",\"Microsoft YaHei\",\"PingFang SC\",sans-serif") !=
        std::string::npos);
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("<table class=\"sortable ranking\">") != std::string::npos);
  CHECK(html.find("<svg") != std::string::npos);
  // No network: nothing is fetched from anywhere.
  CHECK(html.find("src=\"http") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  // Ranking order: 甲区 2022 (rank 1) before 乙区 (2) before 甲区 2021 (3).
  const auto ranking = html.substr(html.find("sortable ranking"));
  const auto p1 = ranking.find("a-2022.html"), p2 = ranking.find("b-2021.html"),
             p3 = ranking.find("a-2021.html");
  REQUIRE(p1 != std::string::npos);
  CHECK(p1 < p2);
  CHECK(p2 < p3);
  CHECK(html.find("weight of 2.1 set to 3 (was 1)") != std::string::npos);  // override shown
  CHECK(html.find("年度报告五项内容") != std::string::npos);                // structure
  CHECK(html.find("abc123") != std::string::npos);                          // rules hash
  CHECK(html.find("2026-01-02") != std::string::npos);                      // run date
  CHECK(html.find("corpus/broken.txt") != std::string::npos);               // failed input
  // Coverage: 3.2 is missed by every unit of 2021 (planned, acknowledged): it comes first.
  const auto coverage = html.substr(html.find("sortable coverage"));
  CHECK(coverage.find("基层立法联系点") < coverage.find("权责清单动态调整"));
}

TEST_CASE("gap report: missing required items first, by points at stake", "[gap]") {
  synthetic::Data d;
  synthetic::build(d);
  // Make both required items missing for 甲区 2021, with 3.1 worth more than 2.1.
  auto& table = d.eval.tables[0];
  table.units[1].states[0] = ItemState::kMissing;
  table.leaf_global_weights = {0.1, 0.125, 0.5, 0.275};
  const std::string md = render_gap_markdown(d.eval, kA2021);
  const auto first = md.find("## 一、缺失的必选指标");
  const auto second = md.find("## 二、仅列入计划或自认不足的指标");
  const auto third = md.find("## 三、缺失的其他指标");
  const auto fourth = md.find("## 四、已落实和部分落实的指标");
  REQUIRE(first != std::string::npos);
  REQUIRE(first < second);
  REQUIRE(second < third);
  REQUIRE(third < fourth);
  const auto section = md.substr(first, second - first);
  CHECK(section.find("3.1 行政规范性文件合法性审核") < section.find("2.1 权责清单动态调整"));
  CHECK(section.find("分值 50.00") != std::string::npos);
  CHECK(section.find("分值 10.00") != std::string::npos);
  // The rule that looked for it, with its location.
  CHECK(section.find("`rules/gangyao-2021/area.yaml:40`") != std::string::npos);
  // Planned item with its quote in section two.
  CHECK(md.substr(second, third - second).find("2022年将建立基层立法联系点。") !=
        std::string::npos);
  // It earned nothing: its location says so.
  CHECK(md.substr(second, third - second).find("— 不计分 · 第 40 行第 1 列") != std::string::npos);
  // Peer example for 2.2: 甲区 2022 met it with a higher score (81.25) than 乙区 (75), but a
  // unit is never its own peer, so 乙区's sentence is the example.
  const auto other = md.substr(third, fourth - third);
  CHECK(other.find("参考示例（乙区 2021年）") != std::string::npos);
  CHECK(other.find("=全面推行证明事项告知承诺制。") != std::string::npos);
  CHECK(other.find("甲区告知承诺制全覆盖。") == std::string::npos);
  // Markdown escapes markup in quotes.
  CHECK(md.find("<script>") == std::string::npos);
  CHECK(md.find("&lt;script>alert(1)&lt;/script>") != std::string::npos);
  // Other years side by side: 2021 and 2022 of 甲区.
  CHECK(md.find("## 本单位其他年度对比") != std::string::npos);
  CHECK(md.find("2022年 |") != std::string::npos);
}

TEST_CASE("gap report exists only for scored reports; stems are unique", "[gap]") {
  synthetic::Data d;
  synthetic::build(d);
  CHECK(render_gap_html(d.eval, kBroken).empty());
  CHECK(gap_report_stem(d.eval, kBroken).empty());
  CHECK(gap_report_stem(d.eval, kA2021) == "a-2021");
  d.eval.reports[kB2021].path = "other/a-2021.txt";
  d.eval.tables[0].units[2].key.path = "other/a-2021.txt";
  d.eval.tables[1].units[2].key.path = "other/a-2021.txt";
  CHECK(gap_report_stem(d.eval, kB2021) == "a-2021-2");
  // Waived and not-applicable items stay visible, with the waiver's justification (a waiver
  // on an ancestor, "3", covers the leaf 3.2) and the levels an item applies to.
  d.eval.tables[0].units[0].states[3] = ItemState::kWaived;
  d.eval.tables[0].units[0].states[1] = ItemState::kNotApplicable;
  d.rules.frameworks[0].nodes[3].levels = {"county", "city"};
  Profile p;
  p.id = "p";
  p.framework = "gangyao-2021";
  p.waivers.push_back({"*", "3.2", "all units", "", {}});
  p.waivers.push_back({"甲区", "3", "无立法权<b>", "2030-01-01", {}});
  d.rules.profiles.push_back(p);
  const std::string html = render_gap_html(d.eval, kA2022);
  CHECK(html.find("五、豁免与不适用（2 项）") != std::string::npos);
  CHECK(html.find("s-waived") != std::string::npos);
  CHECK(html.find("豁免理由：无立法权&lt;b&gt;（有效期至 2030-01-01）") != std::string::npos);
  CHECK(html.find("不适用：本项仅适用于 县、市") != std::string::npos);
  const std::string md = render_gap_markdown(d.eval, kA2022);
  CHECK(md.find("豁免理由：无立法权&lt;b>（有效期至 2030-01-01）") != std::string::npos);
}

TEST_CASE("results.json validates against docs/results-schema.json", "[json]") {
  synthetic::Data d;
  synthetic::build(d);
  Profile p;
  p.id = "county";
  p.framework = "gangyao-2021";
  p.weights = {{"2.1", 3}};
  p.waivers.push_back({"甲区", "3.2", "无立法权", "2030-01-01", {}});
  d.rules.profiles.push_back(p);
  const auto doc = nlohmann::json::parse(render_results_json(d.eval));
  const auto schema =
      nlohmann::json::parse(slurp(fs::path(INDICHECK_SOURCE_DIR) / "docs/results-schema.json"));
  const auto errors = schema_check::validate(schema, doc);
  for (const auto& e : errors) UNSCOPED_INFO(e);
  CHECK(errors.empty());
  CHECK(doc["schema"] == "indicheck.results/1");
  // The streamed text is exactly what dumping the whole document at indent 2 gives.
  const std::string text = render_results_json(d.eval);
  CHECK(nlohmann::ordered_json::parse(text).dump(2) + "\n" == text);
  CHECK(doc["reports"].size() == 4);
  CHECK(doc["reports"][3]["status"] == "failed");
  const auto& a21 = doc["reports"][1];
  CHECK(a21["gap_report"] == "gaps/a-2021.html");
  CHECK(a21["results"][0]["score"] == 37.5);
  CHECK(a21["results"][0]["items"][0]["points_at_stake"] == 37.5);
  CHECK(a21["results"][0]["items"][0]["quotes"][0]["text"] ==
        "全面推行权责清单制度<script>alert(1)</script>，实现动态调整。");
  CHECK(a21["results"][0]["node_scores"]["3"] == 0);
  // The validator itself rejects a document that breaks the schema.
  auto broken = doc;
  broken["reports"][0]["status"] = "maybe";
  broken["run"].erase("date");
  broken["extra"] = 1;
  CHECK(schema_check::validate(schema, broken).size() == 3);
}

TEST_CASE("CSVs: BOM, CRLF, quoting, formula guard, one row per unit-year", "[csv]") {
  synthetic::Data d;
  synthetic::build(d);
  const std::string scores = render_scores_csv(d.eval);
  // Chinese headers and labels, a code column beside each label scripts read.
  REQUIRE(
      scores.rfind("\xEF\xBB\xBF"
                   "文件,读取状态代码,读取状态,单位,层级,层级代码,省份,年度,纲要,得分,满分,排名,"
                   "参评数,同级排名,同级单位数,必选达标,必选总数\r\n",
                   0) == 0);
  CHECK(count(scores, "\r\n") == 5);  // header + 4 reports
  // No node columns in scores.csv: they are in one file per framework.
  CHECK(scores.find("3.1") == std::string::npos);
  CHECK(scores.find("corpus/a-2021.txt,ok,正常,甲区,区,district,,2021,gangyao-2021,37.50,100.00,3,"
                    "3,2,2,1,2\r\n") != std::string::npos);
  CHECK(scores.find("corpus/broken.txt,failed,未能读取,") != std::string::npos);
  int indicators = -1, structure = -1;
  for (int t = 0; t < static_cast<int>(d.eval.tables.size()); ++t)
    (d.eval.tables[t].framework_id == "gangyao-2021" ? indicators : structure) = t;
  REQUIRE(indicators >= 0);
  const std::string per_framework = render_scores_csv(d.eval, indicators);
  CHECK(per_framework.find(",必选总数,") != std::string::npos);
  CHECK(per_framework.find(",3.1") != std::string::npos);               // a node column
  CHECK(per_framework.find("report-structure") == std::string::npos);   // no other framework
  CHECK(per_framework.find("corpus/broken.txt") == std::string::npos);  // scored by it only
  const std::string evidence = render_evidence_csv(d.eval);
  REQUIRE(evidence.rfind("\xEF\xBB\xBF"
                         "文件,单位,年度,纲要,项目编号,项目,必选,状态,状态代码,人工复核,计入得分,"
                         "所在部分,部分代码,"
                         "行,列,章节,命中关键词,指标数值,原文\r\n",
                         0) == 0);
  CHECK(evidence.find(",已落实,met,,是,主要举措和成效,achievements,") != std::string::npos);
  // Quotes with commas and double quotes are quoted; a leading = is neutralised.
  CHECK(evidence.find("\"权责清单, \"\"调整\"\"中。\"") != std::string::npos);
  CHECK(evidence.find(",'=全面推行证明事项告知承诺制。") != std::string::npos);
  // 4 reports' quotes: A22 4+5, A21 2+5, B21 4+5 = 25 evidence rows + header.
  CHECK(count(evidence, "\r\n") == 26);
}

TEST_CASE("parse_formats accepts subsets and rejects unknown words", "[formats]") {
  OutputFormats f;
  std::string error;
  REQUIRE(parse_formats("json,csv", f, error));
  CHECK((f.json && f.csv && !f.html && !f.markdown));
  REQUIRE(parse_formats("all", f, error));
  CHECK((f.json && f.csv && f.html && f.markdown));
  REQUIRE(parse_formats("html,pdf", f, error));
  CHECK((f.html && f.pdf && !f.docx && !f.json));
  REQUIRE(parse_formats("all", f, error));
  CHECK_FALSE(f.pdf);  // pdf and docx only when asked
  CHECK_FALSE(parse_formats("html,rtf", f, error));
  CHECK(error == "unknown format 'rtf' (expected html, md, json, csv, xlsx, docx, pdf or all)");
  CHECK_FALSE(parse_formats("", f, error));
}

TEST_CASE("write_outputs writes every file, or none on failure", "[write]") {
  synthetic::Data d;
  synthetic::build(d);
  const fs::path dir = temp_dir("write");
  std::vector<Diagnostic> diags;
  REQUIRE(write_outputs(d.eval, (dir / "out").string(), OutputFormats{}, diags));
  CHECK(diags.empty());
  for (const char* f : {"index.html", "results.json", "scores.csv", "evidence.csv",
                        "gaps/a-2021.html", "gaps/a-2021.md", "gaps/a-2022.html", "gaps/b-2021.md"})
    CHECK(fs::exists(dir / "out" / f));
  CHECK_FALSE(fs::exists(dir / "out/gaps/broken.html"));
  // No staging directory is left behind.
  for (const auto& e : fs::directory_iterator(dir / "out"))
    CHECK(e.path().filename().string().rfind(".indicheck-tmp", 0) != 0);

  // An output directory that is a file: error, nothing written, previous files untouched.
  const fs::path blocker = dir / "blocked";
  std::ofstream(blocker) << "not a directory";
  diags.clear();
  CHECK_FALSE(write_outputs(d.eval, blocker.string(), OutputFormats{}, diags));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == "output");
  CHECK(slurp(blocker) == "not a directory");

  // A directory where results.json should go: found before any rename, so no output of this
  // run appears (index.html is renamed before results.json and must not be there either).
  const fs::path out2 = dir / "out2";
  fs::create_directories(out2 / "results.json");
  diags.clear();
  CHECK_FALSE(write_outputs(d.eval, out2.string(), OutputFormats{}, diags));
  CHECK(fs::is_directory(out2 / "results.json"));
  CHECK_FALSE(fs::exists(out2 / "index.html"));
  for (const auto& e : fs::directory_iterator(out2))
    CHECK(e.path().filename().string().rfind(".indicheck-tmp", 0) != 0);
  fs::remove_all(dir);
}

TEST_CASE("renderers are deterministic", "[determinism]") {
  synthetic::Data d1, d2;
  synthetic::build(d1);
  synthetic::build(d2);
  CHECK(render_index_html(d1.eval) == render_index_html(d2.eval));
  CHECK(render_results_json(d1.eval) == render_results_json(d2.eval));
  CHECK(render_gap_html(d1.eval, kA2022) == render_gap_html(d2.eval, kA2022));
}

TEST_CASE("synthetic outputs are kept as artefacts for inspection", "[artefacts]") {
  // Written into the build tree (not a temp dir) so a person can open them in a browser.
  synthetic::Data d;
  synthetic::build(d);
  std::vector<Diagnostic> diags;
  REQUIRE(write_outputs(d.eval, INDICHECK_REPORTS_ARTEFACTS, OutputFormats{}, diags));
  CHECK(fs::exists(fs::path(INDICHECK_REPORTS_ARTEFACTS) / "index.html"));
}

// The weight explorer's embedded data: what the page's JS scores from (docs/scoring.md §5.6).
// Its numbers are checked against `evaluate --profile` in tests/e2e/weight_explorer_e2e.py.
TEST_CASE("index.html: weight explorer data", "[html][explorer]") {
  synthetic::Data d;
  synthetic::build(d);
  const std::string html = render_index_html(d.eval);
  const std::string open = "<script type=\"application/json\" class=\"wx-data\">";
  const auto at = html.find(open);
  REQUIRE(at != std::string::npos);
  const auto end = html.find("</script>", at);
  const auto data = nlohmann::json::parse(html.substr(at + open.size(), end - at - open.size()));
  CHECK(data["fw"] == "gangyao-2021");
  CHECK(data["model"] == "hierarchical");
  CHECK(data["pc"] == 0.5);
  CHECK(data["leaves"] == nlohmann::json::array({2, 3, 5, 6}));
  REQUIRE(data["nodes"].size() == 7);
  CHECK(data["nodes"][2]["id"] == "2.1");
  CHECK(data["nodes"][2]["run"] == 3);  // the profile's weight, not the rule file's
  CHECK(data["nodes"][2]["def"] == 3);  // synthetic rule weight of 2.1
  CHECK(data["nodes"][0]["children"] == nlohmann::json::array({1, 4}));
  // One letter per leaf after the profile: met, partial, no credit (missing/planned/...).
  REQUIRE(data["units"].size() == 3);
  CHECK(data["units"][0]["states"] == "pmmm");
  CHECK(data["units"][1]["states"] == "mzzz");
  CHECK(data["units"][2]["states"] == "mmmz");
  CHECK(data["units"][0]["rank"] == 1);
  CHECK(data["units"][0]["gap"].get<std::string>().rfind("gaps/", 0) == 0);
  // The export is this head with its weights filled in.
  const std::string head = data["head"];
  CHECK(head.find("  framework: \"gangyao-2021\"\n") != std::string::npos);
  CHECK(head.find("  partial_credit: 0.5\n") != std::string::npos);
  CHECK(head.find("  weights: {}\n") != std::string::npos);
  CHECK(html.find("<button type=\"button\" class=\"wx-export\">导出权重方案</button>") !=
        std::string::npos);

  // A model without weights gets a note, no explorer.
  d.eval.tables[0].model = ScoringModel::kAbsolute;
  const std::string absolute = render_index_html(d.eval);
  CHECK(absolute.find(open) == std::string::npos);
  CHECK(absolute.find("该模型不使用权重，无法试算") != std::string::npos);
}
