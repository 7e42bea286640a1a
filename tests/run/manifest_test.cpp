// The corpus manifest (indicheck/manifest.h): CSV reading (BOM, CRLF, quotes, GB18030, other
// columns ignored), every error word for word, the three-step match of rows to files, and in
// run_pipeline: a year that changes the framework, a level that changes the peers.
#include "indicheck/manifest.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "indicheck/limits.h"
#include "indicheck/run.h"

namespace fs = std::filesystem;
using namespace indicheck;

namespace {

const fs::path kSource = INDICHECK_SOURCE_DIR;

fs::path fresh_dir(const std::string& name) {
  const fs::path p =
      fs::temp_directory_path() / ("indicheck-manifest-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

// The one error a bad manifest gives, as printed.
std::string only_error(const std::string& text) {
  std::vector<Diagnostic> diags;
  const auto m = parse_manifest(text, "m.csv", diags);
  CHECK_FALSE(m.has_value());
  REQUIRE(diags.size() == 1);
  return diags[0].str();
}

PipelineOptions corpus_options(const std::string& manifest) {
  PipelineOptions o;
  o.inputs = {(kSource / "corpus").string()};
  o.rules_paths = {(kSource / "rules").string()};
  o.jobs = 2;
  o.scoring.today = "2026-01-01";
  o.manifest_path = manifest;
  return o;
}

const UnitScore* unit_in(const Evaluation& e, const std::string& framework,
                         const std::string& file) {
  for (const auto& t : e.tables)
    if (t.framework_id == framework)
      for (const auto& u : t.units)
        if (fs::path(u.key.path).filename() == file) return &u;
  return nullptr;
}

}  // namespace

TEST_CASE("manifest: docs/corpus-manifest.csv reads as it stands", "[manifest]") {
  std::vector<Diagnostic> diags;
  const auto m = read_manifest((kSource / "docs/corpus-manifest.csv").string(), diags);
  REQUIRE(m.has_value());
  CHECK(diags.empty());
  REQUIRE(m->entries.size() == 5);
  const ManifestEntry& sip = m->entries[4];
  CHECK(sip.path == "corpus/sip-2023.txt");  // the "file" column
  CHECK(sip.unit == "苏州工业园区");
  CHECK(sip.level == "zone");
  CHECK(sip.province == "江苏省");
  CHECK(sip.year == 2023);
  CHECK(sip.line == 6);
}

TEST_CASE("manifest: BOM, CRLF, quotes, blank lines, empty cells, Chinese headers", "[manifest]") {
  std::vector<Diagnostic> diags;
  const auto m = parse_manifest(
      "\xEF\xBB\xBF路径,单位,年度,notes\r\n\"a, b.txt\",\"示例县\",2020,\"say \"\"hi\"\"\"\r\n\r\n"
      "c.txt,,,\r\n",
      "m.csv", diags);
  REQUIRE(m.has_value());
  CHECK(diags.empty());
  REQUIRE(m->entries.size() == 2);
  CHECK(m->entries[0].path == "a, b.txt");
  CHECK(m->entries[0].unit == "示例县");
  CHECK(m->entries[0].year == 2020);
  CHECK(m->entries[1].path == "c.txt");
  CHECK(m->entries[1].line == 4);
  CHECK(m->entries[1].unit.empty());
  CHECK(m->entries[1].year == 0);
}

TEST_CASE("manifest: GB18030 is detected like a report", "[manifest][encoding]") {
  // path,unit / xiangcheng.txt,苏州市相城区 ... in GB18030 (苏 CBD5 州 D6DD 市 CAD0 相 CFE0
  // 城 B3C7 区 C7F8; 法治政府建设 B7A8 D6CE D5FE B8AE BDA8 C9E8).
  std::string text = "path,unit,notes\n";
  for (int i = 0; i < 6; ++i)
    text += "r" + std::to_string(i) +
            ".txt,\xCB\xD5\xD6\xDD\xCA\xD0\xCF\xE0\xB3\xC7\xC7\xF8,"
            "\xB7\xA8\xD6\xCE\xD5\xFE\xB8\xAE\xBD\xA8\xC9\xE8\xB7\xA8\xD6\xCE\xD5\xFE\xB8\xAE\n";
  std::vector<Diagnostic> diags;
  const auto m = parse_manifest(text, "m.csv", diags);
  REQUIRE(m.has_value());
  REQUIRE(m->entries.size() == 6);
  CHECK(m->entries[0].unit == "苏州市相城区");
}

TEST_CASE("manifest: errors word for word", "[manifest][errors]") {
  CHECK(only_error("") ==
        "m.csv:1:1: error[manifest]: the manifest is empty; its first line must name the "
        "columns, e.g. path,unit,level,province,year");
  CHECK(only_error("name,unit\na.txt,x\n") ==
        "m.csv:1:1: error[manifest]: the header has no \"path\" (or \"file\") column; the first "
        "line must name the columns, e.g. path,unit,level,province,year");
  CHECK(only_error("path,file\na.txt,a.txt\n") ==
        "m.csv:1:6: error[manifest]: the header names the path column twice (\"path\" and "
        "\"file\")");
  CHECK(only_error("path,year,year\na.txt,2020,2020\n") ==
        "m.csv:1:11: error[manifest]: the header names the column \"year\" twice");
  CHECK(only_error("path,level\na.txt,town\n") ==
        "m.csv:2:7: error[manifest]: unknown level \"town\"; use one of district, county, "
        "county-city, city, province, department, zone, township");
  CHECK(only_error("path,unit,year\n示例县.txt,示例县,21\n") ==
        "m.csv:2:13: error[manifest]: year \"21\" is not a year between 2000 and 2099 (four "
        "digits, the year reported on)");
  CHECK(only_error("path,year\na.txt,1899\n") ==
        "m.csv:2:7: error[manifest]: year \"1899\" is not a year between 2000 and 2099 (four "
        "digits, the year reported on)");
  CHECK(only_error("path,year\na.txt,2020\n./a.txt,2021\n") ==
        "m.csv:3:1: error[manifest]: \"./a.txt\" is listed twice (first on line 2)");
  CHECK(only_error("path,unit\na.txt,x,y\n") ==
        "m.csv:2:1: error[manifest]: the row has 3 fields, the header 2; a value with a comma "
        "must be in \"quotes\"");
  CHECK(only_error("path,unit\n,x\n") == "m.csv:2:1: error[manifest]: the row has no path");
  CHECK(only_error("path,unit\n\"a.txt,x\n") ==
        "m.csv:2:1: error[manifest]: a quoted field is not closed");
  CHECK(only_error(std::string(limits::kMaxManifestBytes + 1, 'a')) ==
        "m.csv: error[too-large]: the manifest is larger than 64 MiB");
  std::vector<Diagnostic> diags;
  CHECK_FALSE(read_manifest("/no/such/manifest.csv", diags).has_value());
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].str() == "/no/such/manifest.csv: error[not-found]: no such file or directory");
}

TEST_CASE("manifest: every bad row is reported, not only the first", "[manifest][errors]") {
  std::vector<Diagnostic> diags;
  CHECK_FALSE(parse_manifest("path,level,year\na,town,2020\nb,city,20x0\n", "m.csv", diags));
  REQUIRE(diags.size() == 2);
  CHECK(diags[0].line == 2);
  CHECK(diags[1].line == 3);
}

TEST_CASE("manifest: rows match files by path, by path from its folder, then by name",
          "[manifest][match]") {
  const fs::path dir = fresh_dir("match");
  fs::create_directories(dir / "m" / "r");
  fs::create_directories(dir / "x");
  fs::create_directories(dir / "y");
  for (const char* f : {"m/r/a.txt", "m/r/b.txt", "x/c.txt", "x/d.txt", "y/d.txt"})
    std::ofstream(dir / f) << "x";
  const std::string manifest_path = (dir / "m" / "manifest.csv").string();
  std::vector<Diagnostic> diags;
  const auto m = parse_manifest(
      "path,unit\n" + (dir / "m/r/a.txt").string() + ",A\nr/b.txt,B\nc.txt,C\nd.txt,D\ne.txt,E\n",
      manifest_path, diags);
  REQUIRE(m.has_value());
  const std::vector<std::string> files = {(dir / "m/r/a.txt").string(),
                                          (dir / "m/r/b.txt").string(), (dir / "x/c.txt").string(),
                                          (dir / "x/d.txt").string(), (dir / "y/d.txt").string()};
  const auto rows = match_manifest(*m, files, diags);
  REQUIRE(rows.size() == 5);
  REQUIRE(rows[0] != nullptr);
  CHECK(rows[0]->unit == "A");  // 1. the path as written (absolute here)
  REQUIRE(rows[1] != nullptr);
  CHECK(rows[1]->unit == "B");  // 2. relative to the manifest's folder
  REQUIRE(rows[2] != nullptr);
  CHECK(rows[2]->unit == "C");  // 3. by file name
  CHECK(rows[3] == nullptr);    // d.txt names two files: applied to neither
  CHECK(rows[4] == nullptr);
  REQUIRE(diags.size() == 2);
  CHECK(diags[0].str() == manifest_path +
                              ":5:1: warning[manifest-ambiguous]: \"d.txt\" fits several reports "
                              "or rows by file name alone; not applied (write the path, relative "
                              "to the manifest's folder)");
  CHECK(diags[1].str() == manifest_path +
                              ":6:1: warning[manifest-unmatched]: \"e.txt\" is not among the "
                              "reports evaluated");
  fs::remove_all(dir);
}

TEST_CASE("manifest: values replace what was inferred, marked as from the manifest", "[manifest]") {
  Metadata meta;
  meta.unit = {"南湖区", 3, "title"};
  meta.year = 2021;
  meta.level = {"district", 3, "title"};
  ManifestEntry e;
  e.line = 7;
  e.unit = "嘉兴市南湖区";
  e.year = 2020;
  apply_manifest(e, meta);
  CHECK(meta.unit.value == "嘉兴市南湖区");
  CHECK(meta.unit.source == "manifest");
  CHECK(meta.unit.line == 7);
  CHECK(meta.year == 2020);
  CHECK(meta.year_found.value == "2020");
  CHECK(meta.year_found.source == "manifest");
  CHECK(meta.level.value == "district");  // not given: kept
  CHECK(meta.level.source == "title");
}

TEST_CASE("run_pipeline --manifest: the year picks the framework", "[manifest][run]") {
  const fs::path dir = fresh_dir("year");
  // Found by file name: sip-2023 (a 2023 report) forced to 2020 → the 2015-2020 纲要.
  std::ofstream(dir / "m.csv") << "file,year\nsip-2023.txt,2020\n";
  PipelineResult without, with;
  REQUIRE(run_pipeline(corpus_options(""), without) == kExitOk);
  REQUIRE(run_pipeline(corpus_options((dir / "m.csv").string()), with) == kExitOk);
  CHECK(unit_in(without.evaluation, "gangyao-2021", "sip-2023.txt") != nullptr);
  CHECK(unit_in(without.evaluation, "gangyao-2015", "sip-2023.txt") == nullptr);
  CHECK(unit_in(with.evaluation, "gangyao-2021", "sip-2023.txt") == nullptr);
  const UnitScore* sip = unit_in(with.evaluation, "gangyao-2015", "sip-2023.txt");
  REQUIRE(sip != nullptr);
  CHECK(sip->key.year == 2020);
  CHECK(with.evaluation.facts.manifest_path == (dir / "m.csv").string());
  fs::remove_all(dir);
}

TEST_CASE("run_pipeline --manifest: the level changes the peers", "[manifest][run]") {
  const fs::path dir = fresh_dir("level");
  // xiangcheng-2021 and nanhu-2021 are both districts of 2021: each other's peer. Made a zone,
  // nanhu has no peer left, and neither has xiangcheng.
  std::ofstream(dir / "m.csv") << "path,level,unit\n"
                               << (kSource / "corpus/nanhu-2021.txt").string()
                               << ",zone,嘉兴市南湖区\n";
  PipelineResult without, with;
  REQUIRE(run_pipeline(corpus_options(""), without) == kExitOk);
  REQUIRE(run_pipeline(corpus_options((dir / "m.csv").string()), with) == kExitOk);
  const UnitScore* before = unit_in(without.evaluation, "gangyao-2021", "xiangcheng-2021.txt");
  const UnitScore* after = unit_in(with.evaluation, "gangyao-2021", "xiangcheng-2021.txt");
  const UnitScore* nanhu = unit_in(with.evaluation, "gangyao-2021", "nanhu-2021.txt");
  REQUIRE(before != nullptr);
  REQUIRE(after != nullptr);
  REQUIRE(nanhu != nullptr);
  CHECK(before->peer_count == 2);
  CHECK(after->peer_count == 1);
  CHECK(nanhu->key.level == "zone");
  CHECK(nanhu->key.unit == "嘉兴市南湖区");
  fs::remove_all(dir);
}

TEST_CASE("run_pipeline --manifest: a bad manifest stops the run; an unknown row warns",
          "[manifest][run][errors]") {
  const fs::path dir = fresh_dir("bad");
  std::ofstream(dir / "bad.csv") << "path,year\nsip-2023.txt,23\n";
  PipelineResult bad;
  CHECK(run_pipeline(corpus_options((dir / "bad.csv").string()), bad) == kExitInput);
  REQUIRE(bad.diagnostics.size() == 1);
  CHECK(bad.diagnostics[0].code == "manifest");
  CHECK(bad.evaluation.reports.empty());

  std::ofstream(dir / "other.csv") << "path,year\nnot-in-corpus.txt,2023\n";
  PipelineResult other;
  CHECK(run_pipeline(corpus_options((dir / "other.csv").string()), other) == kExitOk);
  bool warned = false;
  for (const auto& d : other.diagnostics) warned = warned || d.code == "manifest-unmatched";
  CHECK(warned);
  fs::remove_all(dir);
}
