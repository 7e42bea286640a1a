// End-to-end review loop (docs/review.md): `review init` writes the sheet, an auditor fills in a
// few verdicts, `evaluate --review` scores them (machine state still shown), a report that
// changes afterwards makes its decision stale (still applied, flagged in index.html and the gap
// report), and unknown units or items are errors at the file's line.
#include <iconv.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "e2e_util.h"
#include "indicheck/formats/xlsx.h"

namespace fs = std::filesystem;
using indicheck::Diagnostic;
namespace formats = indicheck::formats;

namespace {

const fs::path kSource = INDICHECK_SOURCE_DIR;

// RFC 4180 rows (quoted cells may hold commas, quotes and line breaks); BOM skipped.
std::vector<std::vector<std::string>> parse_csv(std::string text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(cell);
      cell.clear();
    } else if (c == '\r') {
    } else if (c == '\n') {
      rows.back().push_back(cell);
      cell.clear();
      rows.emplace_back();
    } else {
      cell += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

struct Sheet {
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  const std::map<std::string, std::string>* find(const std::string& unit,
                                                 const std::string& item) const {
    for (const auto& r : rows)
      if (r.at("单位") == unit && r.at("指标编号") == item) return &r;
    return nullptr;
  }
  // The first row of `unit` in `state` whose points are at least `min_points`.
  const std::map<std::string, std::string>* first(const std::string& unit, const std::string& state,
                                                  double min_points = 0.5) const {
    for (const auto& r : rows)
      if (r.at("单位") == unit && r.at("机器判定") == state &&
          std::stod(r.at("分值")) >= min_points)
        return &r;
    return nullptr;
  }
};

Sheet read_sheet(const fs::path& p) {
  auto rows = parse_csv(e2e::slurp(p));
  Sheet s;
  s.header = rows.at(0);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    std::map<std::string, std::string> m;
    for (std::size_t c = 0; c < s.header.size() && c < rows[i].size(); ++c)
      m[s.header[c]] = rows[i][c];
    s.rows.push_back(std::move(m));
  }
  return s;
}

std::string to_gbk(const std::string& utf8) {
  iconv_t cd = iconv_open("GBK", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size(), out_left = out.size();
  char* o = out.data();
  REQUIRE(iconv(cd, &in, &in_left, &o, &out_left) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

nlohmann::json report_json(const fs::path& results, const std::string& unit) {
  const auto json = nlohmann::json::parse(e2e::slurp(results));
  for (const auto& r : json["reports"])
    if (r["meta"]["unit"]["value"] == unit) return r["results"][0];
  FAIL("no report of " << unit);
  return {};
}

nlohmann::json item_json(const nlohmann::json& result, const std::string& id) {
  for (const auto& it : result["items"])
    if (it["id"] == id) return it;
  FAIL("no item " << id);
  return {};
}

e2e::Run review_init(const std::vector<std::string>& args) {
  std::string cmd = "env -u CI " + e2e::quote_arg(INDICHECK_BINARY) + " review init";
  for (const auto& a : args) cmd += " " + e2e::quote_arg(a);
  return e2e::run(cmd);
}

}  // namespace

TEST_CASE("review loop: sheet, verdicts, scores and ranks, machine state kept, stale flag",
          "[e2e][review]") {
  const fs::path dir = e2e::fresh_dir("review");
  fs::create_directories(dir / "reports");
  for (const char* f : {"nanhu-2021.txt", "xiangcheng-2021.txt", "sip-2023.txt", "xinbei-2020.txt"})
    fs::copy_file(kSource / "corpus" / f, dir / "reports" / f);
  const std::string rules = (kSource / "rules").string();
  const std::vector<std::string> common = {
      (dir / "reports").string(), "--rules", rules, "--date", "2026-01-02", "--format",
      "html,md,json,csv",         "-q"};

  // 1. The sheet: Chinese header, one row per unit × item, near misses for missing items.
  const e2e::Run init = review_init(
      {(dir / "reports").string(), "--rules", rules, "--out", (dir / "review.csv").string()});
  INFO(init.out);
  REQUIRE(init.status == 0);
  const Sheet sheet = read_sheet(dir / "review.csv");
  CHECK(sheet.header == std::vector<std::string>{"单位", "年度", "报告文件", "报告指纹", "框架",
                                                 "指标编号", "指标名称", "必选", "分值", "机器判定",
                                                 "判定依据", "最佳引文或接近的句子", "规则指纹",
                                                 "复核结论", "说明", "复核人", "日期"});
  // nanhu and xiangcheng are scored against gangyao-2021 (98 leaves), the others differ.
  std::size_t nanhu_rows = 0, with_near = 0;
  for (const auto& r : sheet.rows) {
    nanhu_rows += r.at("单位") == "南湖区" ? 1 : 0;
    CHECK(r.at("复核结论").empty());
    if (r.at("最佳引文或接近的句子").find("接近：") != std::string::npos) {
      ++with_near;
      CHECK(r.at("最佳引文或接近的句子").find("欠缺：") != std::string::npos);
      CHECK((r.at("机器判定") == "未见证据" || r.at("机器判定") == "部分落实"));
    }
  }
  CHECK(nanhu_rows == 98);
  CHECK(with_near > 0);

  // Baseline scores, without review.
  auto args = common;
  args.insert(args.end(), {"--out", (dir / "base").string()});
  REQUIRE(e2e::evaluate(args).status == 0);
  const auto nanhu_base = report_json(dir / "base/results.json", "南湖区");
  const auto xc_base = report_json(dir / "base/results.json", "苏州市相城区");

  // 2. Three verdicts: credit a missing item of 南湖区, withdraw a met item of 相城区, and
  // half-credit a missing one of 相城区 (whose report changes later).
  const auto* up = sheet.first("南湖区", "未见证据");
  const auto* down = sheet.first("苏州市相城区", "已落实");
  REQUIRE(up);
  REQUIRE(down);
  const auto* other = sheet.first("苏州市相城区", "未见证据");
  REQUIRE(other);
  std::string csv = "单位,年度,指标编号,报告指纹,规则指纹,复核结论,说明,复核人,日期\n";
  const auto line = [&](const std::map<std::string, std::string>& r, const std::string& verdict,
                        const std::string& note) {
    csv += r.at("单位") + "," + r.at("年度") + "," + r.at("指标编号") + "," + r.at("报告指纹") +
           "," + r.at("规则指纹") + "," + verdict + "," + note + ",张审计,2026-01-05\n";
  };
  line(*up, "已落实", "附件材料中有该项的落实记录");
  line(*down, "未见证据", "引文只是提及，并非落实");
  line(*other, "部分落实", "复核认为部分落实");
  // Saved from Excel on a Chinese Windows: GBK.
  std::ofstream(dir / "decisions.csv", std::ios::binary) << to_gbk(csv);

  args = common;
  args.insert(args.end(),
              {"--review", (dir / "decisions.csv").string(), "--out", (dir / "reviewed").string()});
  e2e::Run reviewed = e2e::evaluate(args);
  INFO(reviewed.out);
  REQUIRE(reviewed.status == 0);
  const auto nanhu = report_json(dir / "reviewed/results.json", "南湖区");
  const auto xc = report_json(dir / "reviewed/results.json", "苏州市相城区");
  const auto up_item = item_json(nanhu, up->at("指标编号"));
  CHECK(up_item["state"] == "met");
  CHECK(up_item["evidence_state"] == "missing");  // the machine state stays visible
  CHECK(up_item["review"]["machine_state"] == "missing");
  CHECK(up_item["review"]["reviewer"] == "张审计");
  CHECK(up_item["review"]["stale_report"] == false);
  CHECK(item_json(xc, down->at("指标编号"))["state"] == "missing");
  // A missing item credited in full adds its points at stake (hierarchical model, nothing of
  // its area waived); a met one withdrawn takes them away.
  const double up_points = std::stod(up->at("分值"));
  const double down_points = std::stod(down->at("分值"));
  CHECK(nanhu["score"].get<double>() ==
        Approx(nanhu_base["score"].get<double>() + up_points).margin(0.02));
  const double other_points = std::stod(other->at("分值"));
  const double other_credit = 0.5;  // missing → partial
  CHECK(xc["score"].get<double>() ==
        Approx(xc_base["score"].get<double>() - down_points + other_points * other_credit)
            .margin(0.02));
  // Ranks follow the reviewed scores: 南湖区 and 相城区 are peers (district, 2021).
  const bool nanhu_ahead = nanhu["score"].get<double>() > xc["score"].get<double>();
  CHECK((nanhu["rank"].get<int>() < xc["rank"].get<int>()) == nanhu_ahead);

  std::string index = e2e::slurp(dir / "reviewed/index.html");
  CHECK(index.find("<h2 id=\"review\">人工复核</h2>") != std::string::npos);
  CHECK(index.find("3 项复核结论已计入得分和排名 · 0 项已过期") != std::string::npos);
  std::string gap_md;
  for (const auto& e : fs::directory_iterator(dir / "reviewed/gaps"))
    if (e.path().extension() == ".md" && e.path().string().find("nanhu") != std::string::npos)
      gap_md = e2e::slurp(e.path());
  CHECK(gap_md.find("人工复核：已落实（机器判定：未见证据） · 复核人 张审计 · 2026-01-05 · "
                    "说明：附件材料中有该项的落实记录") != std::string::npos);

  // 3. 相城区's report changes after the review: its decisions are stale, still applied.
  std::ofstream(dir / "reports/xiangcheng-2021.txt", std::ios::app)
      << "\n区司法局持续推进行政复议规范化建设。\n";
  args = common;
  args.insert(args.end(),
              {"--review", (dir / "decisions.csv").string(), "--out", (dir / "stale").string()});
  reviewed = e2e::evaluate(args);
  REQUIRE(reviewed.status == 0);
  const auto xc_stale = report_json(dir / "stale/results.json", "苏州市相城区");
  const auto down_item = item_json(xc_stale, down->at("指标编号"));
  CHECK(down_item["state"] == "missing");
  CHECK(down_item["evidence_state"] == "met");
  CHECK(down_item["review"]["stale_report"] == true);
  CHECK(item_json(report_json(dir / "stale/results.json", "南湖区"),
                  up->at("指标编号"))["review"]["stale_report"] == false);
  index = e2e::slurp(dir / "stale/index.html");
  CHECK(index.find("3 项复核结论已计入得分和排名 · 2 项已过期") != std::string::npos);
  CHECK(index.find("⚠ 复核后报告内容已改变，请重新核对") != std::string::npos);
  std::string xc_gap;
  for (const auto& e : fs::directory_iterator(dir / "stale/gaps"))
    if (e.path().extension() == ".html" &&
        e.path().string().find("xiangcheng") != std::string::npos)
      xc_gap = e2e::slurp(e.path());
  CHECK(xc_gap.find("人工复核：未见证据（机器判定：已落实）") != std::string::npos);
  CHECK(xc_gap.find("已过期：复核后报告内容已改变") != std::string::npos);
  // evidence.csv marks the reviewed item's quotes too (its 人工复核 column).
  const std::string xc_evidence = e2e::slurp(dir / "stale/evidence.csv");
  CHECK(xc_evidence.find("人工复核：未见证据（机器判定：已落实）") != std::string::npos);
}

TEST_CASE("review files: YAML, unknown unit or item at the file's line", "[e2e][review]") {
  const fs::path dir = e2e::fresh_dir("review-errors");
  fs::create_directories(dir / "reports");
  fs::copy_file(kSource / "corpus/nanhu-2021.txt", dir / "reports/nanhu-2021.txt");
  const std::vector<std::string> common = {(dir / "reports").string(),
                                           "--rules",
                                           (kSource / "rules").string(),
                                           "--date",
                                           "2026-01-02",
                                           "--format",
                                           "json",
                                           "-q"};
  std::ofstream(dir / "r.yaml") << "reviews:\n"
                                   "  - unit: 南湖区\n    year: 2021\n    item: \"2.1.1\"\n"
                                   "    state: 已落实\n    reviewer: 李四\n";
  auto args = common;
  args.insert(args.end(), {"--review", (dir / "r.yaml").string(), "--out", (dir / "y").string()});
  const e2e::Run y = e2e::evaluate(args);
  INFO(y.out);
  REQUIRE(y.status == 0);
  CHECK(item_json(report_json(dir / "y/results.json", "南湖区"), "2.1.1")["state"] == "met");

  std::ofstream(dir / "bad.csv") << "单位,年度,指标编号,复核结论\n"
                                    "南湖区,2021,2.1.1,已落实\n"
                                    "北湖区,2021,2.1.1,已落实\n"
                                    "南湖区,2021,99.9,未见证据\n";
  args = common;
  args.insert(args.end(), {"--review", (dir / "bad.csv").string(), "--out", (dir / "b").string()});
  const e2e::Run bad = e2e::evaluate(args);
  INFO(bad.out);
  CHECK(bad.status == 2);
  CHECK(bad.out.find((dir / "bad.csv").string() + ":3: error[review-unknown-unit]") !=
        std::string::npos);
  CHECK(bad.out.find((dir / "bad.csv").string() + ":4: error[review-unknown-item]") !=
        std::string::npos);
  CHECK(!fs::exists(dir / "b/results.json"));

  std::ofstream(dir / "verdict.csv") << "单位,年度,指标编号,复核结论\n南湖区,2021,2.1.1,通过\n";
  args = common;
  args.insert(args.end(),
              {"--review", (dir / "verdict.csv").string(), "--out", (dir / "v").string()});
  const e2e::Run verdict = e2e::evaluate(args);
  CHECK(verdict.status == 2);
  CHECK(verdict.out.find("verdict.csv:2: error[review-state]") != std::string::npos);
}

TEST_CASE("review sheet as .xlsx: written by review init, filled in, read back", "[e2e][review]") {
  const fs::path dir = e2e::fresh_dir("review-xlsx");
  fs::create_directories(dir / "reports");
  fs::copy_file(kSource / "corpus/nanhu-2021.txt", dir / "reports/nanhu-2021.txt");
  const std::string rules = (kSource / "rules").string();
  REQUIRE(review_init({(dir / "reports").string(), "--rules", rules, "--out",
                       (dir / "review.xlsx").string()})
              .status == 0);
  REQUIRE(review_init({(dir / "reports").string(), "--rules", rules, "--out",
                       (dir / "review.csv").string()})
              .status == 0);
  std::vector<Diagnostic> diags;
  auto sheet = formats::read_xlsx((dir / "review.xlsx").string(), "人工复核", diags);
  REQUIRE(sheet);
  const auto csv = parse_csv(e2e::slurp(dir / "review.csv"));
  REQUIRE(sheet->rows.size() == csv.size());  // header + 98 items
  CHECK(sheet->rows[0] == csv[0]);
  CHECK(sheet->rows[5] == csv[5]);
  // The team fills in row 3 (Excel's numbering; header is row 1): 复核结论 is column 14.
  REQUIRE(sheet->rows[2][5] == csv[2][5]);
  sheet->rows[2][13] = "已落实";
  sheet->rows[2][15] = "王复核";
  const std::string item = sheet->rows[2][5];
  REQUIRE(formats::write_xlsx((dir / "filled.xlsx").string(), sheet->rows, {}, diags));
  const e2e::Run r = e2e::evaluate(
      {(dir / "reports").string(), "--rules", rules, "--date", "2026-01-02", "--format", "json",
       "-q", "--review", (dir / "filled.xlsx").string(), "--out", (dir / "out").string()});
  INFO(r.out);
  REQUIRE(r.status == 0);
  const auto it = item_json(report_json(dir / "out/results.json", "南湖区"), item);
  CHECK(it["state"] == "met");
  CHECK(it["review"]["reviewer"] == "王复核");
  CHECK(it["review"]["source"] == (dir / "filled.xlsx").string() + ":3");

  sheet->rows[4][0] = "北湖区";
  sheet->rows[4][13] = "不适用";
  REQUIRE(formats::write_xlsx((dir / "bad.xlsx").string(), sheet->rows, {}, diags));
  const e2e::Run bad =
      e2e::evaluate({(dir / "reports").string(), "--rules", rules, "--format", "json", "-q",
                     "--review", (dir / "bad.xlsx").string(), "--out", (dir / "bad").string()});
  CHECK(bad.status == 2);
  CHECK(bad.out.find("bad.xlsx:5: error[review-unknown-unit]") != std::string::npos);
}
