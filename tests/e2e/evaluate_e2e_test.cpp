// End-to-end: the built `indicheck evaluate` on the bundled corpus, as an auditor runs it.
// - outputs exist and results.json validates against docs/results-schema.json;
// - --jobs 1 and --jobs 2 give byte-identical outputs (the run date is pinned with --date);
// - evidence kept on disk during the run (default) and in memory give identical outputs;
// - a report containing <script> shows it as text, never as markup;
// - an unreadable input is listed, the batch completes, exit code 2; --fail-under gives 1;
// - a unit's other years are side by side in its gap report.
// The browser checks are in chromium_e2e_test.cpp.
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "../reports/json_schema.h"
#include "e2e_util.h"

namespace fs = std::filesystem;

namespace {

const fs::path kSource = INDICHECK_SOURCE_DIR;

using e2e::evaluate;
using e2e::files_below;
using e2e::fresh_dir;
using e2e::quote_arg;
using e2e::Run;
using e2e::run;
using e2e::slurp;

const std::vector<std::string> kCorpusFiles = {"nanhu-2021", "sip-2023", "taicang-2024",
                                               "xiangcheng-2021", "xinbei-2020"};

}  // namespace

TEST_CASE("evaluate the corpus: every output, schema-valid JSON", "[e2e]") {
  const fs::path out = fresh_dir("corpus");
  const Run r = evaluate({(kSource / "corpus").string(), "--rules", (kSource / "rules").string(),
                          "--out", out.string(), "--date", "2026-01-02", "--quiet"});
  INFO(r.out);
  REQUIRE(r.status == 0);
  for (const char* f : {"index.html", "results.json", "scores.csv", "evidence.csv"})
    CHECK(fs::exists(out / f));
  for (const auto& stem : kCorpusFiles) {
    CHECK(fs::exists(out / "gaps" / (stem + ".html")));
    CHECK(fs::exists(out / "gaps" / (stem + ".md")));
  }
  const auto doc = nlohmann::json::parse(slurp(out / "results.json"));
  const auto schema = nlohmann::json::parse(slurp(kSource / "docs/results-schema.json"));
  const auto errors = schema_check::validate(schema, doc);
  for (const auto& e : errors) UNSCOPED_INFO(e);
  CHECK(errors.empty());
  CHECK(doc["run"]["date"] == "2026-01-02");
  REQUIRE(doc["reports"].size() == 5);
  // The 2020 report is scored against the 2015-2020 framework, the others against 2021-2025.
  for (const auto& rep : doc["reports"]) {
    INFO(rep["path"]);
    CHECK(rep["status"] == "ok");
    REQUIRE(!rep["results"].empty());
    const bool is2020 = rep["path"].get<std::string>().find("xinbei-2020") != std::string::npos;
    CHECK(rep["results"][0]["framework"] == (is2020 ? "gangyao-2015" : "gangyao-2021"));
  }
  // CSVs open in Excel/WPS: BOM first.
  CHECK(slurp(out / "scores.csv").rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(slurp(out / "evidence.csv").rfind("\xEF\xBB\xBF", 0) == 0);
  // No staging directory left.
  for (const auto& e : fs::directory_iterator(out))
    CHECK(e.path().filename().string().rfind(".indicheck-tmp", 0) != 0);
  fs::remove_all(out);
}

TEST_CASE("--jobs 1 and --jobs 2 write byte-identical outputs", "[e2e][jobs]") {
  const fs::path a = fresh_dir("jobs1"), b = fresh_dir("jobs2");
  // The run date is pinned by SOURCE_DATE_EPOCH (2026-01-02T00:00:00Z) for both runs.
  const Run one = run("env -u CI SOURCE_DATE_EPOCH=1767312000 " + quote_arg(INDICHECK_BINARY) +
                      " evaluate " + quote_arg((kSource / "corpus").string()) + " --rules " +
                      quote_arg((kSource / "rules").string()) + " --out " + quote_arg(a.string()) +
                      " --jobs 1 --quiet");
  const Run two = run("env -u CI SOURCE_DATE_EPOCH=1767312000 " + quote_arg(INDICHECK_BINARY) +
                      " evaluate " + quote_arg((kSource / "corpus").string()) + " --rules " +
                      quote_arg((kSource / "rules").string()) + " --out " + quote_arg(b.string()) +
                      " --jobs 2 --quiet");
  INFO(one.out << two.out);
  REQUIRE(one.status == 0);
  REQUIRE(two.status == 0);
  const auto ta = files_below(a), tb = files_below(b);
  REQUIRE(ta.size() >= 14);
  CHECK(ta.size() == tb.size());
  for (const auto& [name, bytes] : ta) {
    INFO(name);
    REQUIRE(tb.count(name));
    CHECK(bytes == tb.at(name));
  }
  CHECK(ta.at("results.json").find("\"date\": \"2026-01-02\"") != std::string::npos);
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST_CASE("evidence stored in memory (default), on disk and kept whole write the same outputs",
          "[e2e][memory]") {
  // The default run stores each report's quotes in their binary form, in memory up to a budget
  // and in an unlinked temporary file inside --out beyond it, and reads them back per report;
  // the hidden --evidence-memory 0 sends all of it to the file; the hidden --keep-evidence
  // keeps the quotes whole in memory as before.
  const fs::path a = fresh_dir("spill"), b = fresh_dir("keep"), c = fresh_dir("stored");
  const std::vector<std::string> common = {(kSource / "corpus").string(),
                                           "--rules",
                                           (kSource / "rules").string(),
                                           "--date",
                                           "2026-01-02",
                                           "--quiet"};
  std::vector<std::string> args_a = common, args_b = common, args_c = common;
  args_a.insert(args_a.end(), {"--out", a.string(), "--evidence-memory", "0", "--stats"});
  args_b.insert(args_b.end(), {"--out", b.string(), "--keep-evidence"});
  args_c.insert(args_c.end(), {"--out", c.string(), "--stats"});
  const Run ra = evaluate(args_a), rb = evaluate(args_b), rc = evaluate(args_c);
  INFO(ra.out << rb.out << rc.out);
  REQUIRE(ra.status == 0);
  REQUIRE(rb.status == 0);
  REQUIRE(rc.status == 0);
  // --stats says where the evidence went.
  CHECK(ra.out.find("evidence kept in memory: 0.0 MB, on disk: 0.") != std::string::npos);
  CHECK(rc.out.find(", on disk: 0.0 MB)") != std::string::npos);
  CHECK(rc.out.find("evidence kept in memory: 0.0 MB") == std::string::npos);
  const auto ta = files_below(a), tb = files_below(b), tc = files_below(c);
  REQUIRE(ta.size() >= 14);
  CHECK(ta.size() == tb.size());
  CHECK(ta.size() == tc.size());
  for (const auto& [name, bytes] : ta) {
    INFO(name);
    REQUIRE(tb.count(name));
    REQUIRE(tc.count(name));
    CHECK(bytes == tb.at(name));
    CHECK(bytes == tc.at(name));
  }
  // Peer examples come from other reports' stored evidence: a gap report quotes another unit.
  CHECK(ta.at("gaps/nanhu-2021.md").find("参考示例（") != std::string::npos);
  // Nothing of the temporary evidence file is left behind, even by name.
  for (const fs::path& dir : {a, c}) {
    for (const auto& e : fs::directory_iterator(dir)) {
      const std::string name = e.path().filename().string();
      CHECK(name.rfind(".indicheck", 0) != 0);
    }
  }
  fs::remove_all(a);
  fs::remove_all(b);
  fs::remove_all(c);
}

TEST_CASE("a report containing <script> shows it as text, never as markup", "[e2e][escape]") {
  const fs::path dir = fresh_dir("script");
  fs::create_directories(dir / "in");
  // xiangcheng-2021 with markup injected into a sentence the 2021 rules credit (行政复议).
  std::string text = slurp(kSource / "corpus/xiangcheng-2021.txt");
  const std::string marker = "<script>alert(1)</script>";
  std::string injected;
  std::istringstream lines(text);
  std::string line;
  int changed = 0;
  while (std::getline(lines, line)) {
    if (line.find("行政复议") != std::string::npos && changed < 3) {
      const auto pos = line.find("行政复议");
      line.insert(pos, marker);
      ++changed;
    }
    injected += line + "\n";
  }
  REQUIRE(changed > 0);
  std::ofstream(dir / "in/xiangcheng-2021.txt", std::ios::binary) << injected;
  const Run r = evaluate({(dir / "in").string(), "--rules", (kSource / "rules").string(), "--out",
                          (dir / "out").string(), "--date", "2026-01-02", "--quiet"});
  INFO(r.out);
  REQUIRE(r.status == 0);
  // The marker survives as data (JSON keeps it verbatim) ...
  const std::string json = slurp(dir / "out/results.json");
  REQUIRE(json.find(marker) != std::string::npos);
  // ... and every HTML page shows it escaped, never as a tag.
  for (const auto& [name, bytes] : files_below(dir / "out")) {
    INFO(name);
    if (name.size() > 5 && name.substr(name.size() - 5) == ".html") {
      CHECK(bytes.find("<script>alert") == std::string::npos);
    }
    if (name.size() > 3 && name.substr(name.size() - 3) == ".md")
      CHECK(bytes.find("<script>") == std::string::npos);
  }
  const std::string gap = slurp(dir / "out/gaps/xiangcheng-2021.html");
  CHECK(gap.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("an unreadable input is listed, the batch completes, exit code 2", "[e2e][errors]") {
  const fs::path out = fresh_dir("missing");
  const std::string ghost = (out / "no-such-report.txt").string();
  const std::string empty = (out / "empty.txt").string();
  std::ofstream(empty).close();
  const Run r = evaluate({(kSource / "corpus/taicang-2024.txt").string(), ghost, empty, "--rules",
                          (kSource / "rules").string(), "--out", (out / "o").string(), "--date",
                          "2026-01-02"});
  INFO(r.out);
  CHECK(r.status == 2);
  CHECK(r.out.find(ghost + ": error[not-found]: no such file or directory") != std::string::npos);
  CHECK(fs::exists(out / "o/gaps/taicang-2024.html"));
  const std::string index = slurp(out / "o/index.html");
  CHECK(index.find("no-such-report.txt") != std::string::npos);
  CHECK(index.find("empty.txt") != std::string::npos);
  CHECK(r.out.find(empty + ": error[") != std::string::npos);
  const auto doc = nlohmann::json::parse(slurp(out / "o/results.json"));
  CHECK(doc["run"]["failed_count"] == 2);
  CHECK(doc["run"]["report_count"] == 3);
  CHECK(slurp(out / "o/scores.csv").find(",failed,") != std::string::npos);
  fs::remove_all(out);
}

TEST_CASE("--stats reports what was read and where the time went, also with --quiet",
          "[e2e][stats]") {
  const fs::path out = fresh_dir("stats");
  const std::string taicang = (kSource / "corpus/taicang-2024.txt").string();
  const Run r = evaluate({taicang, (kSource / "corpus/nanhu-2021.txt").string(), "--rules",
                          (kSource / "rules").string(), "--out", (out / "o").string(), "--date",
                          "2026-01-02", "--quiet", "--stats", "--format", "csv"});
  INFO(r.out);
  CHECK(r.status == 0);
  // The bytes read are the two files' sizes as on disk, to 0.1 MB.
  const double mb = static_cast<double>(fs::file_size(taicang) +
                                        fs::file_size(kSource / "corpus/nanhu-2021.txt")) /
                    1e6;
  CHECK(r.out.find(fmt::format("reports        2 (0 failed), {:.1f} MB read", mb)) !=
        std::string::npos);
  CHECK(r.out.find("  read + match   ") != std::string::npos);
  // What was written is what is in --out: scores.csv and evidence.csv only.
  const double written = static_cast<double>(fs::file_size(out / "o/scores.csv") +
                                             fs::file_size(out / "o/evidence.csv")) /
                         1e6;
  CHECK(r.out.find(fmt::format("({:.1f} MB written)", written)) != std::string::npos);
  CHECK(r.out.find("peak memory") != std::string::npos);
  // Without --stats, --quiet prints nothing at all on a clean run.
  const Run quiet = evaluate({taicang, "--rules", (kSource / "rules").string(), "--out",
                              (out / "q").string(), "--date", "2026-01-02", "--quiet"});
  CHECK(quiet.status == 0);
  CHECK(quiet.out.empty());
  fs::remove_all(out);
}

TEST_CASE("--max-quotes keeps the strongest quotes of each item; scores do not change",
          "[e2e][quotes]") {
  const fs::path out = fresh_dir("quotes");
  const std::vector<std::string> common = {(kSource / "corpus").string(),
                                           "--rules",
                                           (kSource / "rules").string(),
                                           "--date",
                                           "2026-01-02",
                                           "--quiet",
                                           "--format",
                                           "csv,json"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = common;
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  REQUIRE(evaluate(with({"--out", (out / "all").string()})).status == 0);
  REQUIRE(evaluate(with({"--out", (out / "one").string(), "--max-quotes", "1"})).status == 0);
  // The cap is stated in results.json, and no item holds more quotes than it.
  const auto doc = nlohmann::json::parse(slurp(out / "one/results.json"));
  CHECK(doc["run"]["max_quotes"] == 1);
  for (const auto& rep : doc["reports"])
    for (const auto& res : rep["results"])
      for (const auto& item : res["items"]) CHECK(item["quotes"].size() <= 1);
  CHECK(slurp(out / "all/scores.csv") == slurp(out / "one/scores.csv"));
  // Rows keyed by path, framework and item (columns 0, 3, 4): with --max-quotes 1 each key
  // has one row, the first row of that key in the full run.
  const auto rows_by_item = [](const std::string& csv) {
    std::map<std::string, std::vector<std::string>> rows;
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::vector<std::string> cells;
      std::string cell;
      std::istringstream fields(line);
      // The first five columns never hold a comma: path, unit, year, framework, item.
      for (int i = 0; i < 5 && std::getline(fields, cell, ','); ++i) cells.push_back(cell);
      REQUIRE(cells.size() == 5);
      rows[cells[0] + "|" + cells[3] + "|" + cells[4]].push_back(line);
    }
    return rows;
  };
  const auto all = rows_by_item(slurp(out / "all/evidence.csv"));
  const auto one = rows_by_item(slurp(out / "one/evidence.csv"));
  CHECK(all.size() == one.size());
  std::size_t items_with_more = 0;
  for (const auto& [key, rows] : one) {
    INFO(key);
    REQUIRE(rows.size() == 1);
    REQUIRE(all.count(key) == 1);
    CHECK(rows.front() == all.at(key).front());
    items_with_more += all.at(key).size() > 1 ? 1 : 0;
  }
  CHECK(items_with_more > 20);  // the option did cut something
  const Run bad = evaluate(with({"--out", (out / "bad").string(), "--max-quotes", "0"}));
  CHECK(bad.status == 2);
  CHECK(bad.out.find("error[usage]: --max-quotes must be between 1 and 8") != std::string::npos);
  fs::remove_all(out);
}

TEST_CASE("a unit's other years are shown side by side; a unit is not its own peer",
          "[e2e][years]") {
  const fs::path dir = fresh_dir("years");
  fs::create_directories(dir / "in");
  // The same report presented as 2022's: the title names the year reported on.
  std::string text = slurp(kSource / "corpus/xiangcheng-2021.txt");
  const std::string from = "苏州市相城区2021年法治政府建设工作报告";
  const auto pos = text.find(from);
  REQUIRE(pos != std::string::npos);
  std::ofstream(dir / "in/xiangcheng-2021.txt", std::ios::binary) << text;
  text.replace(pos, from.size(), "苏州市相城区2022年法治政府建设工作报告");
  std::ofstream(dir / "in/xiangcheng-2022.txt", std::ios::binary) << text;
  const Run r = evaluate({(dir / "in").string(), "--rules", (kSource / "rules").string(), "--out",
                          (dir / "out").string(), "--date", "2026-01-02", "--quiet"});
  INFO(r.out);
  REQUIRE(r.status == 0);
  const std::string html = slurp(dir / "out/gaps/xiangcheng-2021.html");
  CHECK(html.find("本单位其他年度对比") != std::string::npos);
  CHECK(html.find("<a href=\"xiangcheng-2022.html\">2022年</a>") != std::string::npos);
  const std::string md = slurp(dir / "out/gaps/xiangcheng-2022.md");
  CHECK(md.find("| | 2021年 | 2022年（本报告） |") != std::string::npos);
  // The only other report is the same unit, so no missing item has a peer example.
  CHECK(md.find("参考示例（") == std::string::npos);
  CHECK(md.find("参考示例：本批次没有其他单位落实该项。") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("exit codes: --fail-under, bad options, broken rules", "[e2e][exit]") {
  const fs::path out = fresh_dir("exit");
  const std::string corpus = (kSource / "corpus/taicang-2024.txt").string();
  const std::string rules = (kSource / "rules").string();
  Run r = evaluate({corpus, "--rules", rules, "--out", (out / "a").string(), "--fail-under", "101",
                    "--date", "2026-01-02"});
  INFO(r.out);
  CHECK(r.status == 1);
  CHECK(r.out.find("below --fail-under") != std::string::npos);
  r = evaluate({corpus, "--rules", rules, "--out", (out / "b").string(), "--fail-under", "0",
                "--quiet", "--date", "2026-01-02"});
  CHECK(r.status == 0);
  r = evaluate({corpus, "--format", "html,rtf"});
  CHECK(r.status == 2);
  CHECK(r.out.find("unknown format 'rtf'") != std::string::npos);
  r = evaluate(
      {corpus, "--rules", (out / "no-rules-here").string(), "--out", (out / "c").string()});
  CHECK(r.status == 2);
  CHECK_FALSE(fs::exists(out / "c/index.html"));  // rules failed: nothing written
  r = evaluate({corpus, "--rules", rules, "--framework", "no-such-framework", "--out",
                (out / "d").string()});
  CHECK(r.status == 2);
  CHECK(r.out.find("error[unknown-framework]") != std::string::npos);
  // A profile naming an item the framework does not have: exit 2, nothing written.
  std::ofstream(out / "bad-profile.yaml") << "profile:\n  id: bad\n  framework: gangyao-2021\n"
                                             "  weights: {\"99.9\": 2}\n";
  r = evaluate({corpus, "--rules", rules, "--profile", (out / "bad-profile.yaml").string(), "--out",
                (out / "f").string()});
  INFO(r.out);
  CHECK(r.status == 2);
  CHECK(r.out.find("bad-profile.yaml:4:") != std::string::npos);
  CHECK_FALSE(fs::exists(out / "f/index.html"));
  // An impossible date is a usage error, not a date compared as a string (issue 17, defect 10).
  for (const std::string date : {"2025-02-30", "2026-02-29", "2025-13-01", "2025-04-31"}) {
    r = evaluate({corpus, "--rules", rules, "--out", (out / "g").string(), "--date", date});
    CHECK(r.status == 2);
    CHECK(r.out ==
          "indicheck evaluate: error[usage]: --date must be a calendar date YYYY-MM-DD, "
          "got '" +
              date + "' (run 'indicheck evaluate --help')\n");
    CHECK_FALSE(fs::exists(out / "g/index.html"));
  }
  // --format json writes only results.json.
  r = evaluate({corpus, "--rules", rules, "--out", (out / "e").string(), "--format", "json",
                "--quiet", "--date", "2026-01-02"});
  CHECK(r.status == 0);
  CHECK(fs::exists(out / "e/results.json"));
  CHECK_FALSE(fs::exists(out / "e/index.html"));
  CHECK_FALSE(fs::exists(out / "e/scores.csv"));
  fs::remove_all(out);
}

TEST_CASE("a report with one bad byte warns once on stderr and once in results.json",
          "[e2e][warnings]") {
  const fs::path out = fresh_dir("bad-byte");
  std::string text = slurp(kSource / "corpus/taicang-2024.txt");
  text.insert(text.find('\n') + 1, "\xFF");
  const fs::path file = out / "taicang-2024.txt";
  std::ofstream(file, std::ios::binary) << text;
  const Run r = evaluate({file.string(), "--rules", (kSource / "rules").string(), "--out",
                          (out / "o").string(), "--format", "json", "--date", "2026-01-02"});
  INFO(r.out);
  CHECK(r.status == 0);
  std::size_t lines = 0;
  for (std::size_t at = r.out.find(file.string() + ":"); at != std::string::npos;
       at = r.out.find(file.string() + ":", at + 1))
    ++lines;
  CHECK(lines == 1);
  CHECK(r.out.find("warning[") != std::string::npos);
  const auto doc = nlohmann::json::parse(slurp(out / "o/results.json"));
  REQUIRE(doc["reports"].size() == 1);
  CHECK(doc["reports"][0]["diagnostics"].size() == 1);
  fs::remove_all(out);
}
