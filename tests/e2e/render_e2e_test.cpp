// End-to-end, `indicheck render` (issue 13, Deliver 6): the bundled corpus evaluated with every
// output format and both editions, then rendered again from its results.json into another
// folder: every file of the two folders is compared byte for byte (a file missing on either side
// or differing fails). Bad results.json files (not JSON, truncated, another schema, edited
// scores, changed rules) are one error naming the file, exit code 2, nothing written.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

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

Run render(const std::vector<std::string>& args) {
  std::string cmd = "env -u CI " + quote_arg(INDICHECK_BINARY) + " render";
  for (const auto& a : args) cmd += " " + quote_arg(a);
  return run(cmd);
}

// The names of files that are missing on one side or differ ("" = the folders are equal).
std::string differences(const fs::path& a, const fs::path& b) {
  const auto left = files_below(a), right = files_below(b);
  std::string out;
  for (const auto& [name, bytes] : left) {
    const auto it = right.find(name);
    if (it == right.end())
      out += "missing in " + b.string() + ": " + name + "\n";
    else if (it->second != bytes)
      out += "differs: " + name + "\n";
  }
  for (const auto& [name, bytes] : right)
    if (left.find(name) == left.end()) out += "missing in " + a.string() + ": " + name + "\n";
  return out;
}

const fs::path& corpus_run() {
  static const fs::path out = [] {
    const fs::path dir = fresh_dir("render") / "run";
    const Run r = evaluate({(kSource / "corpus").string(), "--rules", (kSource / "rules").string(),
                            "--out", dir.string(), "--date", "2026-01-02", "--edition", "both",
                            "--format", "all,docx", "--quiet"});
    INFO(r.out);
    REQUIRE(r.status == 0);
    return dir;
  }();
  return out;
}

}  // namespace

TEST_CASE("render writes every output of a run again, byte for byte", "[e2e][render]") {
  const fs::path& original = corpus_run();
  const auto files = files_below(original);
  // What the run wrote: both editions of every gap report, the workbook, the .docx.
  CHECK(files.count("index.html") == 1);
  CHECK(files.count("results.json") == 1);
  CHECK(files.count("results.xlsx") == 1);
  CHECK(files.count("evidence.csv") == 1);
  CHECK(files.count("gaps/xiangcheng-2021.html") == 1);
  CHECK(files.count("gaps/xiangcheng-2021.unit.docx") == 1);
  REQUIRE(files.size() > 30);

  const fs::path again = original.parent_path() / "again";
  // From another working directory: results.json names the rule folder as the run gave it.
  const Run r = render({(original / "results.json").string(), "--out", again.string(), "--edition",
                        "both", "--format", "all,docx"});
  INFO(r.out);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("rendered the outputs of 5 report(s)") != std::string::npos);
  CHECK(differences(original, again).empty());
  INFO(differences(original, again));

  SECTION("the comparison fails on a missing or changed file") {
    fs::remove(again / "gaps" / "nanhu-2021.md");
    {
      std::ofstream f(again / "index.html", std::ios::app);
      f << " ";
    }
    const std::string diff = differences(original, again);
    CHECK(diff.find("missing in " + again.string() + ": gaps/nanhu-2021.md") != std::string::npos);
    CHECK(diff.find("differs: index.html") != std::string::npos);
  }

  SECTION("another edition and language from the same results.json") {
    const fs::path en = original.parent_path() / "en";
    const Run e = render({(original / "results.json").string(), "--out", en.string(), "--edition",
                          "both", "--format", "md,csv,html", "--lang", "en"});
    INFO(e.out);
    REQUIRE(e.status == 0);
    CHECK(fs::exists(en / "gaps" / "xiangcheng-2021.unit.md"));
    CHECK_FALSE(fs::exists(en / "results.json"));
    // The 审核版's page furniture follows --lang (the catalogue), the run's text stays Chinese.
    const std::string gap = slurp(en / "gaps" / "xiangcheng-2021.html");
    CHECK(gap.find("<html lang=\"en\">") != std::string::npos);
    CHECK(gap.find("<h2>1. Required items missing (") != std::string::npos);
    CHECK(gap.find("How to read this report") != std::string::npos);
    CHECK(gap.find("缺失的必选指标") == std::string::npos);
    CHECK(slurp(original / "gaps" / "xiangcheng-2021.html").find("<h2>一、缺失的必选指标（") !=
          std::string::npos);
    // So do index.html's and the 单位版's (render uses the same renderers as evaluate).
    const std::string index = slurp(en / "index.html");
    CHECK(index.find("<html lang=\"en\">") != std::string::npos);
    CHECK(index.find("<h2 id=\"files\">Output files</h2>") != std::string::npos);
    CHECK(index.find("输出文件") == std::string::npos);
    CHECK(slurp(en / "gaps" / "xiangcheng-2021.unit.md").find("## 1. Required items not met (") !=
          std::string::npos);
    // CSV headers follow --lang: English headers, where the run's are Chinese.
    CHECK(slurp(en / "evidence.csv").find("state") != std::string::npos);
    CHECK(slurp(original / "evidence.csv").find("状态") != std::string::npos);
  }
}

TEST_CASE("render refuses a file that is not a results.json of this run", "[e2e][render]") {
  const fs::path& original = corpus_run();
  const fs::path dir = original.parent_path() / "bad";
  fs::create_directories(dir);
  const std::string json = slurp(original / "results.json");
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name, std::ios::binary) << text;
    return (dir / name).string();
  };
  const fs::path out = dir / "out";
  struct Case {
    std::string name, text, expected;
  };
  std::string edited = json;
  const std::size_t score = edited.find("\"score\": ");
  REQUIRE(score != std::string::npos);
  edited.replace(score, 9, "\"score\": 1");  // 1 before the run's digits: another score
  std::string version = json;
  version.replace(version.find("indicheck.results/1"), 19, "indicheck.results/9");
  const std::vector<Case> cases = {
      {"page.json", "<html>not json</html>\n",
       "page.json:1:1: error[bad-results]: not a JSON file"},
      {"truncated.json", json.substr(0, json.size() / 2),
       "error[bad-results]: not a complete JSON file (truncated?)"},
      {"other.json", "{\"a\": 1}\n",
       "other.json: error[bad-results]: not a results.json written by indicheck evaluate"},
      {"version.json", version,
       "version.json: error[results-version]: written as \"indicheck.results/9\""},
      {"noreports.json", json.substr(0, json.find("\"reports\"")) + "\"x\": 1}\n",
       "noreports.json: error[bad-results]: the file has no \"reports\""},
      {"edited.json", edited, "edited.json:"},
  };
  for (const auto& c : cases) {
    const std::string path = write(c.name, c.text);
    const Run r = render({path, "--out", out.string()});
    INFO(c.name << "\n" << r.out);
    CHECK(r.status == 2);
    CHECK(r.out.find(c.expected) != std::string::npos);
    CHECK_FALSE(fs::exists(out));  // nothing written
  }
  const Run edited_run = render({(dir / "edited.json").string(), "--out", out.string()});
  CHECK(edited_run.out.find("error[results-mismatch]") != std::string::npos);

  const Run missing = render({(dir / "nothing.json").string(), "--out", out.string()});
  CHECK(missing.status == 2);
  CHECK(missing.out.find("nothing.json: error[not-found]") != std::string::npos);

  // Rules that changed since the run: refused, naming results.json.
  const fs::path rules = dir / "rules";
  fs::copy(kSource / "rules", rules, fs::copy_options::recursive);
  std::ofstream(rules / "gangyao-2021" / "framework.yaml", std::ios::app) << "# changed\n";
  const Run changed = render(
      {(original / "results.json").string(), "--out", out.string(), "--rules", rules.string()});
  INFO(changed.out);
  CHECK(changed.status == 2);
  CHECK(changed.out.find("results.json: error[rules-changed]") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("--format pdf without Chromium is a warning, the other outputs are written",
          "[e2e][render]") {
  const fs::path& original = corpus_run();
  const fs::path out = original.parent_path() / "nopdf";
  const Run r =
      run("env -u CI INDICHECK_CHROMIUM=/nonexistent/chromium " + quote_arg(INDICHECK_BINARY) +
          " render " + quote_arg((original / "results.json").string()) + " --out " +
          quote_arg(out.string()) + " --format json,pdf");
  INFO(r.out);
  CHECK(r.status == 0);
  CHECK(r.out.find("warning[pdf-no-chromium]") != std::string::npos);
  CHECK(fs::exists(out / "results.json"));
  CHECK_FALSE(fs::exists(out / "index.pdf"));
  CHECK_FALSE(fs::exists(out / "index.html"));
  // In Chinese the warning says so in words, the code stays.
  const Run zh =
      run("env -u CI INDICHECK_CHROMIUM=/nonexistent/chromium " + quote_arg(INDICHECK_BINARY) +
          " --lang zh render " + quote_arg((original / "results.json").string()) + " --out " +
          quote_arg(out.string()) + " --format json,pdf");
  CHECK(zh.out.find("warning[pdf-no-chromium]: 未找到 Chromium，无法生成 PDF") !=
        std::string::npos);
}
