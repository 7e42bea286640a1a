// End-to-end run history (docs/history.md): the corpus evaluated twice with different weights
// and once with a changed report (plus the next year of one unit), then `history unit` and
// `history diff` read back with their ▲/▼ marks; a process killed mid-write (test hook) leaves
// the database readable with the earlier runs intact; a second writer waits or fails clearly;
// a schema-1 file is migrated forward.
#include <fmt/format.h>
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "e2e_util.h"

namespace fs = std::filesystem;

namespace {

const fs::path kSource = INDICHECK_SOURCE_DIR;

e2e::Run indicheck(const std::string& env, const std::vector<std::string>& args) {
  std::string cmd = "env -u CI " + env + " " + e2e::quote_arg(INDICHECK_BINARY);
  for (const auto& a : args) cmd += " " + e2e::quote_arg(a);
  return e2e::run(cmd);
}

// The first met item of `unit` in results.json with exactly one credit quote: (id, title,
// quote text).
struct MetItem {
  std::string id, title, quote;
};
MetItem single_quote_item(const fs::path& results, const std::string& unit) {
  const auto json = nlohmann::json::parse(e2e::slurp(results));
  for (const auto& r : json["reports"]) {
    if (r["meta"]["unit"]["value"] != unit) continue;
    for (const auto& it : r["results"][0]["items"]) {
      if (it["state"] != "met") continue;
      int credit = 0;
      std::string text;
      for (const auto& q : it["quotes"]) {
        credit += q["credit"].get<bool>() ? 1 : 0;
        if (q["credit"].get<bool>()) text = q["text"];
      }
      if (credit == 1 && it["quotes"].size() == 1 && text.size() > 30)
        return {it["id"], it["title"], text};
    }
  }
  FAIL("no single-quote met item for " << unit);
  return {};
}

std::string state_of(const fs::path& results, const std::string& unit, int year,
                     const std::string& id) {
  const auto json = nlohmann::json::parse(e2e::slurp(results));
  for (const auto& r : json["reports"])
    if (r["meta"]["unit"]["value"] == unit && r["meta"]["year"] == year)
      for (const auto& it : r["results"][0]["items"])
        if (it["id"] == id) return it["state"];
  return "";
}

std::string label(const std::string& state) {
  if (state == "met") return "已落实";
  if (state == "partial") return "部分落实";
  if (state == "planned") return "仅列入计划";
  if (state == "acknowledged") return "自认不足";
  return "未见证据";
}

}  // namespace

TEST_CASE("history: weights, a changed report, the next year; diff, unit, kill, busy",
          "[e2e][history]") {
  const fs::path dir = e2e::fresh_dir("history");
  fs::create_directories(dir / "reports");
  for (const auto& e : fs::directory_iterator(kSource / "corpus"))
    fs::copy_file(e.path(), dir / "reports" / e.path().filename());
  const std::string db = (dir / "h.db").string();
  const std::vector<std::string> common = {"evaluate",  (dir / "reports").string(),
                                           "--rules",   (kSource / "rules").string(),
                                           "--date",    "2026-01-02",
                                           "--format",  "json,md,html",
                                           "--history", db,
                                           "-q"};
  const auto evaluate = [&](std::vector<std::string> extra, const std::string& env = "") {
    auto args = common;
    args.insert(args.end(), extra.begin(), extra.end());
    return indicheck(env, args);
  };

  // Run 1: defaults. Run 2: area 2 weighs far more.
  e2e::Run r = evaluate({"--out", (dir / "o1").string()});
  INFO(r.out);
  REQUIRE(r.status == 0);
  std::ofstream(dir / "p.yaml") << "profile:\n  id: heavy-2\n  title: 测试权重\n"
                                   "  framework: gangyao-2021\n  weights: {\"2\": 60}\n";
  r = evaluate({"--profile", (dir / "p.yaml").string(), "--out", (dir / "o2").string()});
  INFO(r.out);
  REQUIRE(r.status == 0);

  // Run 3: 相城区 2021 loses the one sentence that met an item; its 2022 report (the original
  // text, year set by a manifest) keeps it.
  const MetItem lost = single_quote_item(dir / "o2/results.json", "苏州市相城区");
  fs::copy_file(dir / "reports/xiangcheng-2021.txt", dir / "reports/xiangcheng-2022.txt");
  std::string text = e2e::slurp(dir / "reports/xiangcheng-2021.txt");
  const auto at = text.find(lost.quote);
  REQUIRE(at != std::string::npos);
  text.erase(at, lost.quote.size());
  std::ofstream(dir / "reports/xiangcheng-2021.txt", std::ios::binary) << text;
  std::ofstream(dir / "m.csv") << "path,year\nreports/xiangcheng-2022.txt,2022\n";
  r = evaluate({"--profile", (dir / "p.yaml").string(), "--manifest", (dir / "m.csv").string(),
                "--out", (dir / "o3").string()});
  INFO(r.out);
  REQUIRE(r.status == 0);
  const std::string lost_state = state_of(dir / "o3/results.json", "苏州市相城区", 2021, lost.id);
  REQUIRE(lost_state != "met");
  REQUIRE(state_of(dir / "o3/results.json", "苏州市相城区", 2022, lost.id) == "met");

  // The outputs of run 3 show the previous year the history held before it: 相城区 2021 as
  // run 2 scored it (the original text, same profile: the same score).
  {
    const auto json = nlohmann::json::parse(e2e::slurp(dir / "o2/results.json"));
    std::string expected;
    for (const auto& rep : json["reports"])
      if (rep["meta"]["unit"]["value"] == "苏州市相城区") {
        const auto& res = rep["results"][0];
        expected = fmt::format("＝（上年 2021年 {:.1f} 分，第 {}/{} 名", res["score"].get<double>(),
                               res["rank"].get<int>(), res["rank_of"].get<int>());
      }
    REQUIRE(!expected.empty());
    std::string md;
    for (const auto& e : fs::directory_iterator(dir / "o3/gaps"))
      if (e.path().extension() == ".md" && e.path().string().find("2022") != std::string::npos)
        md = e2e::slurp(e.path());
    CHECK(md.find("| 与上年比较 | " + expected) != std::string::npos);
    CHECK(e2e::slurp(dir / "o3/index.html").find(expected) != std::string::npos);
    // Run 1 had no history yet: no comparison.
    CHECK(e2e::slurp(dir / "o1/index.html").find("上年") == std::string::npos);
  }

  // diff 1 2: weights only — scores move with ▲/▼, no item flips.
  const e2e::Run d12 = indicheck("", {"history", db, "diff", "1", "2"});
  INFO(d12.out);
  REQUIRE(d12.status == 0);
  CHECK(d12.out.find("权重或计分配置已变") != std::string::npos);
  CHECK(d12.out.find("规则已变") == std::string::npos);
  CHECK(d12.out.find("没有指标状态变化：得分变化来自权重或计分配置") != std::string::npos);
  CHECK((d12.out.find("▲") != std::string::npos || d12.out.find("▼") != std::string::npos));
  CHECK(d12.out.find("状态变化的指标") == std::string::npos);

  // diff 2 3: the changed report — one flip with its reason, the score falls.
  const e2e::Run d23 = indicheck("", {"history", db, "diff", "previous", "latest"});
  INFO(d23.out);
  REQUIRE(d23.status == 0);
  CHECK(d23.out.find("权重或计分配置已变") == std::string::npos);
  const auto xc = d23.out.find("苏州市相城区 2021年：得分");
  REQUIRE(xc != std::string::npos);
  const std::string xc_block = d23.out.substr(xc, d23.out.find("\n\n", xc) - xc);
  CHECK(xc_block.find("▼") != std::string::npos);
  CHECK(xc_block.find("报告内容已变") != std::string::npos);
  CHECK(xc_block.find(lost.id + " " + lost.title + "：已落实 → " + label(lost_state) +
                      "（报告内容已变）") != std::string::npos);
  CHECK(d23.out.find("苏州市相城区 2022年：仅在后一次运行中") != std::string::npos);

  // history unit: 2021 then 2022, ▲ against the year before, the item regained.
  const e2e::Run unit = indicheck("", {"history", db, "unit", "相城区"});
  INFO(unit.out);
  REQUIRE(unit.status == 0);
  const auto y21 = unit.out.find("2021年  运行 #3"), y22 = unit.out.find("2022年  运行 #3");
  REQUIRE(y21 != std::string::npos);
  REQUIRE(y22 != std::string::npos);
  CHECK(y21 < y22);
  const std::string y22_block = unit.out.substr(y22);
  CHECK(y22_block.find("（▲ ") != std::string::npos);
  CHECK(y22_block.find(lost.id + " " + lost.title + "（" + label(lost_state) + " → 已落实）") !=
        std::string::npos);
  CHECK(indicheck("", {"history", db, "unit", "北湖区"}).out.find("error[history-unknown-unit]") !=
        std::string::npos);
  const e2e::Run units = indicheck("", {"history", db, "units"});
  CHECK(units.out.find("苏州市相城区") != std::string::npos);
  CHECK(units.out.find("2021,2022") != std::string::npos);

  // Killed mid-write: the database still opens, with runs 1-3 intact and no trace of run 4.
  r = evaluate({"--out", (dir / "o4").string()}, "INDICHECK_TEST_HISTORY_KILL_AFTER=150");
  CHECK(r.status == 128 + 9);  // the shell reports the SIGKILL, not an exit of indicheck
  const e2e::Run runs = indicheck("", {"history", db, "runs"});
  INFO(runs.out);
  REQUIRE(runs.status == 0);
  CHECK(runs.out.find("#3 ") != std::string::npos);
  CHECK(runs.out.find("#4 ") == std::string::npos);
  CHECK(indicheck("", {"history", db, "unit", "相城区"}).out == unit.out);
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "ok");
  sqlite3_finalize(st);

  // A second writer while this one holds the write lock: it waits, then fails clearly.
  REQUIRE(sqlite3_exec(raw, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  r = evaluate({"--out", (dir / "o5").string()}, "INDICHECK_HISTORY_BUSY_MS=300");
  CHECK(r.status == 2);
  CHECK(r.out.find("error[history-busy]") != std::string::npos);
  REQUIRE(sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(raw);
  // ...and once the lock is released it records as run 4.
  r = evaluate({"--out", (dir / "o6").string()});
  CHECK(r.status == 0);
  CHECK(indicheck("", {"history", db, "runs"}).out.find("#4 ") != std::string::npos);
}

TEST_CASE("history: a schema-1 database is migrated forward", "[e2e][history]") {
  const fs::path dir = e2e::fresh_dir("history-migrate");
  const std::string db = (dir / "old.db").string();
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  const char* v1 = R"sql(
CREATE TABLE runs(id INTEGER PRIMARY KEY, recorded TEXT NOT NULL, date TEXT, tool_version TEXT,
  rules_hash TEXT, profile TEXT, weights_hash TEXT, model TEXT, options TEXT, review TEXT);
CREATE TABLE reports(id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
  path TEXT, unit TEXT, level TEXT, province TEXT, year INTEGER, published TEXT,
  doc_number TEXT, format TEXT, encoding TEXT, content_hash TEXT, failed INTEGER);
CREATE TABLE scores(report_id INTEGER NOT NULL REFERENCES reports(id), framework TEXT,
  kind TEXT, score REAL, max_score REAL, rank INTEGER, units INTEGER, peer_rank INTEGER,
  peer_count INTEGER, required_met INTEGER, required_total INTEGER);
CREATE TABLE items(report_id INTEGER NOT NULL REFERENCES reports(id), framework TEXT,
  item TEXT, title TEXT, state TEXT, machine_state TEXT, reviewed INTEGER, points REAL);
CREATE TABLE quotes(report_id INTEGER NOT NULL REFERENCES reports(id), framework TEXT,
  item TEXT, line INTEGER, col INTEGER, credit INTEGER, text TEXT);
INSERT INTO runs VALUES(1, '2025-01-01T00:00:00Z', '2025-01-01', '0.1', 'abc', '', 'w', 'hierarchical', '', '');
INSERT INTO reports VALUES(1, 1, 'a.txt', '旧 新区', 'district', '', 2020, '', '', 'text', 'UTF-8', 'h', 0);
INSERT INTO scores VALUES(1, 'gangyao-2015', 'indicators', 50, 100, 1, 1, 1, 1, 3, 4);
PRAGMA user_version = 1;
)sql";
  REQUIRE(sqlite3_exec(raw, v1, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(raw);
  const e2e::Run units = indicheck("", {"history", db, "units"});
  INFO(units.out);
  REQUIRE(units.status == 0);
  CHECK(units.out.find("旧 新区（旧新区）") != std::string::npos);  // unit_key filled in
  const e2e::Run unit = indicheck("", {"history", db, "unit", "旧新区"});
  CHECK(unit.out.find("2020年  运行 #1") != std::string::npos);
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(sqlite3_column_int(st, 0) == 2);
  sqlite3_finalize(st);
  sqlite3_close(raw);
}
