// End-to-end in a browser: `indicheck evaluate` on the bundled corpus, then index.html and one
// gap report opened in headless Chromium (Debian's chromium, installed by
// scripts/install-deps.sh): the pages render with the expected unit names, log nothing to the
// console, and the ranking table sorts when a header is clicked. Screenshots are kept in the
// build tree (INDICHECK_E2E_ARTEFACTS) for a person to look at.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
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
using e2e::slurp;

}  // namespace

// ctest reports this test as skipped (SKIP_RETURN_CODE 77, tests/e2e/CMakeLists.txt) when
// chromium is not installed; run directly, it fails then.
TEST_CASE("index.html and a gap report render in headless Chromium", "[e2e][chromium]") {
  if (run("command -v chromium").status != 0)
    FAIL("chromium is not installed (scripts/install-deps.sh installs it)");
  fs::create_directories(kArtefacts);
  const fs::path out = kArtefacts / "out";
  fs::remove_all(out);
  const Run r = evaluate({(kSource / "corpus").string(), "--rules", (kSource / "rules").string(),
                          "--out", out.string(), "--date", "2026-01-02", "--quiet"});
  INFO(r.out);
  REQUIRE(r.status == 0);

  const fs::path profile = fresh_dir("chromium-profile");
  const auto chromium = [&](const std::string& flags, const fs::path& page) {
    return run(
        "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic "
        "--no-first-run --disable-background-networking --disable-component-update "
        "--disable-sync --disable-dev-shm-usage --user-data-dir=" +
        quote_arg(profile.string()) + " " + flags + " " +
        quote_arg("file://" + fs::absolute(page).string()));
  };
  struct Page {
    fs::path file;
    std::string shot;
    std::vector<std::string> expect;
  };
  const std::vector<Page> pages = {
      {out / "index.html",
       "index.png",
       // 南湖区: the report names itself only in the body (南湖区坚持…), so that is the name.
       {"苏州市相城区", "太仓市", "南湖区", "常州市新北区", "苏州工业园区"}},
      {out / "gaps/xiangcheng-2021.html", "gap-xiangcheng-2021.png", {"苏州市相城区", "差距分析"}},
  };
  for (const auto& page : pages) {
    INFO(page.file.string());
    const Run dom = chromium("--enable-logging=stderr --v=0 --dump-dom", page.file);
    REQUIRE(dom.status == 0);
    for (const auto& name : page.expect) CHECK(dom.out.find(name) != std::string::npos);
    // Console messages are logged as "INFO:CONSOLE:line] "text"" whatever their level
    // (console.error and uncaught exceptions alike). Our pages log nothing, so any is a failure.
    std::istringstream log(dom.out);
    std::string line, console;
    while (std::getline(log, line))
      if (line.find(":CONSOLE") != std::string::npos || line.find("Uncaught") != std::string::npos)
        console += line + "\n";
    INFO(console);
    CHECK(console.empty());
    const fs::path shot = kArtefacts / page.shot;
    fs::remove(shot);
    const Run png = chromium(
        "--hide-scrollbars --window-size=1400,2000 --screenshot=" + quote_arg(shot.string()),
        page.file);
    INFO(png.out);
    CHECK(png.status == 0);
    REQUIRE(fs::exists(shot));
    CHECK(fs::file_size(shot) > 20000);  // a blank page is a few KB
  }

  // Sorting works: a copy of index.html with a probe appended after the page's own script
  // clicks the 得分 (score) header once (ascending) and records the order it produced.
  {
    std::string page = slurp(out / "index.html");
    const std::string probe =
        "<script>var t=document.querySelector('table.ranking');"
        "t.tHead.rows[0].cells[4].click();"
        "document.body.setAttribute('data-sorted',Array.prototype.map.call(t.tBodies[0].rows,"
        "function(r){return r.cells[4].getAttribute('data-v');}).join(','));</script>";
    const auto end = page.rfind("</body>");
    REQUIRE(end != std::string::npos);
    page.insert(end, probe);
    const fs::path probed = kArtefacts / "index-sort-probe.html";
    std::ofstream(probed, std::ios::binary) << page;
    const Run dom = chromium("--dump-dom", probed);
    const auto at = dom.out.find("data-sorted=\"");
    REQUIRE(at != std::string::npos);
    const std::string list = dom.out.substr(at + 13, dom.out.find('"', at + 13) - at - 13);
    std::vector<double> scores;
    std::istringstream in(list);
    std::string item;
    while (std::getline(in, item, ',')) scores.push_back(std::stod(item));
    INFO(list);
    REQUIRE(scores.size() == 4);  // the four 2021-2025 reports
    CHECK(std::is_sorted(scores.begin(), scores.end()));
    CHECK(scores.front() < scores.back());  // the default order (by rank) is descending
    CHECK(dom.out.find("aria-sort=\"ascending\"") != std::string::npos);
  }
  fs::remove_all(profile);
}
