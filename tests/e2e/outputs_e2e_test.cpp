// End-to-end, Chinese outputs (issue 13): the bundled corpus evaluated with both editions, then
// - every HTML, Markdown, XLSX and DOCX output holds none of the matcher's English vocabulary, and
//   results.xlsx (and any .docx) read back by independent readers (python3-openpyxl,
//   python3-docx) hold the expected sheets, headers, rows and paragraphs (check_outputs.py);
// - the 单位版 of every bundled sample prints to at most 3 A4 pages in headless Chromium (pages
//   counted by poppler's pdfinfo); a screenshot of one is kept in the artefacts;
// - the CLI speaks Chinese under --lang zh and LANG=zh_CN, English under --lang en, and the
//   diagnostic code stays the same in both.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "e2e_util.h"

namespace fs = std::filesystem;

namespace {

const fs::path kSource = INDICHECK_SOURCE_DIR;
const fs::path kArtefacts = INDICHECK_E2E_ARTEFACTS;

using e2e::evaluate;
using e2e::fresh_dir;
using e2e::quote_arg;
using e2e::Run;
using e2e::run;

const std::vector<std::string> kSamples = {"nanhu-2021", "sip-2023", "taicang-2024",
                                           "xiangcheng-2021", "xinbei-2020"};

// Debian's python3 (the modules come from python3-openpyxl / python3-docx), not a pyenv one.
std::string python() {
  return fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

fs::path corpus_run() {
  static const fs::path out = [] {
    fs::create_directories(kArtefacts);
    const fs::path dir = kArtefacts / "outputs";
    fs::remove_all(dir);
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

TEST_CASE("outputs read back by openpyxl and python-docx, no English matcher vocabulary",
          "[e2e][outputs]") {
  const fs::path out = corpus_run();
  for (const auto& s : kSamples) {
    CHECK(fs::exists(out / "gaps" / (s + ".html")));
    CHECK(fs::exists(out / "gaps" / (s + ".unit.html")));
    CHECK(fs::exists(out / "gaps" / (s + ".unit.md")));
  }
  REQUIRE(fs::exists(out / "results.xlsx"));
  const Run modules = run(python() + " -c 'import openpyxl, docx'");
  INFO("python3-openpyxl and python3-docx are installed by scripts/install-deps.sh");
  REQUIRE(modules.status == 0);
  const Run check =
      run(python() + " " + quote_arg((kSource / "tests/e2e/check_outputs.py").string()) + " " +
          quote_arg(out.string()));
  INFO(check.out);
  CHECK(check.status == 0);
}

TEST_CASE("results.xlsx splits the evidence over several sheets at the row limit",
          "[e2e][outputs]") {
  const fs::path out = fresh_dir("xlsx-split");
  // 757 evidence rows at 300 a sheet: 证据, 证据-2 (300 each), 证据-3 (157).
  const Run r = evaluate({(kSource / "corpus").string(), "--rules", (kSource / "rules").string(),
                          "--out", out.string(), "--date", "2026-01-02", "--format", "csv,xlsx",
                          "--xlsx-max-rows", "300", "--quiet"});
  INFO(r.out);
  REQUIRE(r.status == 0);
  const Run check =
      run(python() + " " + quote_arg((kSource / "tests/e2e/check_xlsx_split.py").string()) + " " +
          quote_arg(out.string()) + " 300");
  INFO(check.out);
  CHECK(check.status == 0);
  CHECK(check.out.find("3 evidence sheets") != std::string::npos);
  fs::remove_all(out);
}

TEST_CASE("the 单位版 of every bundled sample prints to at most 3 A4 pages", "[e2e][outputs]") {
  if (run("command -v chromium && command -v pdfinfo").status != 0) {
    WARN(
        "SKIPPED: chromium or pdfinfo (poppler-utils) missing; scripts/install-deps.sh installs "
        "them");
    return;
  }
  const fs::path out = corpus_run();
  const fs::path profile = fresh_dir("unit-print-profile");
  const auto chromium = [&](const std::string& flags, const fs::path& page) {
    return run(
        "timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run "
        "--disable-background-networking --disable-component-update --disable-sync "
        "--disable-dev-shm-usage --user-data-dir=" +
        quote_arg(profile.string()) + " " + flags + " " +
        quote_arg("file://" + fs::absolute(page).string()));
  };
  for (const auto& s : kSamples) {
    INFO(s);
    const fs::path pdf = kArtefacts / (s + ".unit.pdf");
    fs::remove(pdf);
    const Run print = chromium("--no-pdf-header-footer --print-to-pdf=" + quote_arg(pdf.string()),
                               out / "gaps" / (s + ".unit.html"));
    INFO(print.out);
    REQUIRE(fs::exists(pdf));
    const Run info = run("pdfinfo " + quote_arg(pdf.string()));
    const auto at = info.out.find("Pages:");
    REQUIRE(at != std::string::npos);
    const int pages = std::stoi(info.out.substr(at + 6));
    INFO(info.out);
    CHECK(pages >= 1);
    CHECK(pages <= 3);
    CHECK(info.out.find("(A4)") != std::string::npos);
  }
  const fs::path shot = kArtefacts / "unit-xiangcheng-2021.png";
  fs::remove(shot);
  chromium("--hide-scrollbars --window-size=900,2400 --screenshot=" + quote_arg(shot.string()),
           out / "gaps/xiangcheng-2021.unit.html");
  CHECK(fs::exists(shot));
  fs::remove_all(profile);
}

TEST_CASE("the CLI speaks Chinese or English; codes stay", "[e2e][outputs]") {
  const fs::path out = fresh_dir("lang");
  const std::string missing = (out / "nowhere.txt").string();
  const std::string rules = " --rules " + quote_arg((kSource / "rules").string());
  Run zh = run(std::string(INDICHECK_BINARY) + " --lang zh evaluate " + quote_arg(missing) + rules +
               " --out " + quote_arg((out / "o").string()));
  CHECK(zh.status == 2);
  CHECK(zh.out.find("error[not-found]: 找不到文件或文件夹") != std::string::npos);
  Run en = run(std::string(INDICHECK_BINARY) + " --lang en evaluate " + quote_arg(missing) + rules +
               " --out " + quote_arg((out / "o").string()));
  CHECK(en.status == 2);
  CHECK(en.out.find("error[not-found]: ") != std::string::npos);
  CHECK(en.out.find("找不到") == std::string::npos);
  // LANG chooses when --lang is not given; the summary comes from the catalogue.
  const Run summary = run("env -u LC_MESSAGES LANG=zh_CN.UTF-8 " + std::string(INDICHECK_BINARY) +
                          " evaluate " + quote_arg((kSource / "corpus/sip-2023.txt").string()) +
                          rules + " --out " + quote_arg((out / "s").string()) + " --format csv");
  CHECK(summary.status == 0);
  CHECK(summary.out.find("indicheck：已评估 1 份报告，0 份失败") != std::string::npos);
  CHECK(run(std::string(INDICHECK_BINARY) + " --lang fr version").status == 2);
}
