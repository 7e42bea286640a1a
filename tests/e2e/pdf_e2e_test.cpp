// End-to-end, `--format pdf` (issue 13, Deliver 4): index.html and both editions of a gap report
// printed by headless Chromium into PDFs that have pages of A4 paper (counted by poppler's
// pdfinfo), by `evaluate` and by `render`. Skipped (77) by ctest when chromium is missing;
// scripts/install-deps.sh installs chromium, fonts-noto-cjk and poppler-utils, so CI runs it.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "e2e_util.h"

namespace fs = std::filesystem;

namespace {

const fs::path kSource = INDICHECK_SOURCE_DIR;

using e2e::evaluate;
using e2e::fresh_dir;
using e2e::quote_arg;
using e2e::Run;
using e2e::run;
using e2e::slurp;

// A PDF with at least one page, of A4 paper.
void check_pdf(const fs::path& pdf) {
  INFO(pdf.string());
  REQUIRE(fs::exists(pdf));
  CHECK(slurp(pdf).rfind("%PDF", 0) == 0);
  const Run info = run("pdfinfo " + quote_arg(pdf.string()));
  INFO(info.out);
  REQUIRE(info.status == 0);
  const auto at = info.out.find("Pages:");
  REQUIRE(at != std::string::npos);
  CHECK(std::stoi(info.out.substr(at + 6)) >= 1);
  CHECK(info.out.find("pts (A4)") != std::string::npos);  // pdfinfo names A4 either way round
}

}  // namespace

TEST_CASE("--format pdf prints index.html and the gap reports of both editions", "[e2e][pdf]") {
  REQUIRE(run("command -v pdfinfo").status == 0);  // poppler-utils, from install-deps.sh
  const fs::path dir = fresh_dir("pdf");
  const Run r = evaluate({(kSource / "corpus" / "sip-2023.txt").string(), "--rules",
                          (kSource / "rules").string(), "--out", (dir / "out").string(), "--date",
                          "2026-01-02", "--edition", "both", "--format", "json,pdf"});
  INFO(r.out);
  REQUIRE(r.status == 0);
  check_pdf(dir / "out" / "index.pdf");
  check_pdf(dir / "out" / "gaps" / "sip-2023.pdf");
  check_pdf(dir / "out" / "gaps" / "sip-2023.unit.pdf");
  // HTML was only the source of the PDFs: not asked for, not left behind.
  CHECK_FALSE(fs::exists(dir / "out" / "index.html"));
  CHECK_FALSE(fs::exists(dir / "out" / "gaps" / "sip-2023.html"));
  CHECK_FALSE(fs::exists(dir / "out" / ".chromium-profile-0"));

  // render prints the same pages from results.json.
  const Run again = run("env -u CI " + quote_arg(INDICHECK_BINARY) + " render " +
                        quote_arg((dir / "out" / "results.json").string()) + " --out " +
                        quote_arg((dir / "again").string()) + " --format html,pdf");
  INFO(again.out);
  REQUIRE(again.status == 0);
  CHECK(fs::exists(dir / "again" / "index.html"));
  check_pdf(dir / "again" / "index.pdf");
  check_pdf(dir / "again" / "gaps" / "sip-2023.pdf");
  fs::remove_all(dir);
}
