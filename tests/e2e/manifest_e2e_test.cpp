// End-to-end `evaluate --manifest`: reports whose unit or year is unknown are listed on
// index.html (and keep empty values in results.json) until a manifest names them; a bad
// manifest is one diagnostic and exit 2, with nothing written.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "e2e_util.h"

namespace fs = std::filesystem;

namespace {

const fs::path kSource = INDICHECK_SOURCE_DIR;

// A tiny report that names neither its unit nor its year.
constexpr const char* kAnonymousReport =
    "一、主要举措和成效\n我们坚持依法行政，推进行政执法公示制度，开展法治宣传教育。\n"
    "二、存在的不足\n法治宣传仍不够深入。\n";

}  // namespace

TEST_CASE("index.html lists reports whose unit or year is unknown until a manifest names them",
          "[e2e][manifest]") {
  const fs::path dir = e2e::fresh_dir("manifest");
  fs::create_directories(dir / "reports");
  std::ofstream(dir / "reports/anonymous.txt") << kAnonymousReport;
  fs::copy_file(kSource / "corpus/sip-2023.txt", dir / "reports/sip-2023.txt");
  const std::vector<std::string> common = {(dir / "reports").string(),
                                           "--rules",
                                           (kSource / "rules").string(),
                                           "--date",
                                           "2026-01-02",
                                           "--format",
                                           "html,json"};

  auto args = common;
  args.insert(args.end(), {"--out", (dir / "a").string()});
  const e2e::Run a = e2e::evaluate(args);
  INFO(a.out);
  REQUIRE(a.status == 0);
  const std::string index = e2e::slurp(dir / "a/index.html");
  const auto section =
      index.find("<h2 id=\"unknown-meta\" class=\"error\">未识别单位或年度的报告</h2>");
  REQUIRE(section != std::string::npos);
  const std::string listed = index.substr(section, index.find("</table>", section) - section);
  CHECK(listed.find("<code>" + (dir / "reports/anonymous.txt").string() +
                    "</code></td><td class=\"error\">单位、年度</td>") != std::string::npos);
  CHECK(listed.find("sip-2023.txt") == std::string::npos);  // unit and year found
  CHECK(listed.find("--manifest") != std::string::npos);
  CHECK(index.find("<a href=\"#unknown-meta\">") != std::string::npos);
  const auto json = nlohmann::json::parse(e2e::slurp(dir / "a/results.json"));
  CHECK(json["reports"][0]["meta"]["unit"]["value"] == "");
  CHECK(json["reports"][0]["meta"]["year"] == 0);

  // The manifest names the unit only: the year is still missing, and the page says so.
  std::ofstream(dir / "unit.csv") << "path,unit,level\nreports/anonymous.txt,示例县,county\n";
  args = common;
  args.insert(args.end(),
              {"--out", (dir / "b").string(), "--manifest", (dir / "unit.csv").string()});
  const e2e::Run b = e2e::evaluate(args);
  INFO(b.out);
  REQUIRE(b.status == 0);
  const std::string index_b = e2e::slurp(dir / "b/index.html");
  CHECK(index_b.find("<td class=\"error\">年度</td><td>单位 示例县；层级 county</td>") !=
        std::string::npos);
  CHECK(index_b.find("清单（--manifest）") != std::string::npos);
  const auto json_b = nlohmann::json::parse(e2e::slurp(dir / "b/results.json"));
  CHECK(json_b["reports"][0]["meta"]["unit"]["value"] == "示例县");
  CHECK(json_b["reports"][0]["meta"]["unit"]["source"] == "manifest");
  CHECK(json_b["reports"][0]["meta"]["unit"]["line"] == 2);

  // Unit and year: nothing left to list.
  std::ofstream(dir / "full.csv") << "file,unit,year\nanonymous.txt,示例县,2022\n";
  args = common;
  args.insert(args.end(),
              {"--out", (dir / "c").string(), "--manifest", (dir / "full.csv").string()});
  const e2e::Run c = e2e::evaluate(args);
  INFO(c.out);
  REQUIRE(c.status == 0);
  CHECK(e2e::slurp(dir / "c/index.html").find("unknown-meta") == std::string::npos);
  CHECK(c.out.find("year-unknown") == std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("a bad manifest: one diagnostic, exit 2, nothing written", "[e2e][manifest][exit]") {
  const fs::path dir = e2e::fresh_dir("manifest-bad");
  std::ofstream(dir / "m.csv") << "path,level\ncorpus/sip-2023.txt,town\n";
  const e2e::Run r =
      e2e::evaluate({(kSource / "corpus").string(), "--rules", (kSource / "rules").string(),
                     "--out", (dir / "o").string(), "--manifest", (dir / "m.csv").string()});
  CHECK(r.status == 2);
  CHECK(r.out == (dir / "m.csv").string() +
                     ":2:21: error[manifest]: unknown level \"town\"; use one of district, "
                     "county, county-city, city, province, department, zone, township\n");
  CHECK_FALSE(fs::exists(dir / "o/index.html"));
  fs::remove_all(dir);
}
