// End-to-end, `--format pdf` (issue 13, Deliver 4): index.html and both editions of a gap report
// printed by headless Chromium into PDFs that have pages of A4 paper (counted by poppler's
// pdfinfo), by `evaluate` and by `render`. Skipped (77) by ctest when chromium is missing;
// scripts/install-deps.sh installs chromium, fonts-noto-cjk and poppler-utils, so CI runs it.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
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

TEST_CASE("the 审核版's filter hides the states unticked; its buttons close every item",
          "[e2e][pdf]") {
  const fs::path dir = fresh_dir("filter");
  const Run r = evaluate({(kSource / "corpus" / "xiangcheng-2021.txt").string(), "--rules",
                          (kSource / "rules").string(), "--out", (dir / "out").string(), "--date",
                          "2026-01-02", "--format", "html", "--quiet"});
  REQUIRE(r.status == 0);
  // The page as written, plus a script doing what a user does: untick 已落实, press 全部收起.
  std::string page = slurp(dir / "out" / "gaps" / "xiangcheng-2021.html");
  const std::string user =
      "<script>var i=document.querySelector('#filter input[value=met]');i.checked=false;"
      "document.getElementById('filter').dispatchEvent(new Event('change'));"
      "document.querySelector('#filter button[data-open=\"0\"]').click();</script></body>";
  page.replace(page.rfind("</body>"), 7, user);
  std::ofstream(dir / "out" / "gaps" / "user.html") << page;
  const Run dom =
      run("timeout 120 chromium --headless --no-sandbox --disable-gpu "
          "--user-data-dir=" +
          quote_arg((dir / "profile").string()) + " --dump-dom " +
          quote_arg("file://" + (dir / "out/gaps/user.html").string()) + " 2>/dev/null");
  REQUIRE(dom.status == 0);
  const auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (auto at = dom.out.find(what); at != std::string::npos; at = dom.out.find(what, at + 1))
      ++n;
    return n;
  };
  // Before: met items closed, missing ones open; after: met hidden, nothing open.
  CHECK(page.find("<details class=\"item\" data-state=\"missing\" open>") != std::string::npos);
  CHECK(page.find("<details class=\"item\" data-state=\"met\">") != std::string::npos);
  CHECK(count("data-state=\"met\" hidden") > 10);
  CHECK(count("data-state=\"met\">") == 0);
  CHECK(count("data-state=\"missing\">") > 5);  // shown, and closed
  CHECK(count("data-state=\"missing\" open") == 0);
  CHECK(count("data-state=\"missing\" hidden") == 0);
  fs::remove_all(dir);
}
