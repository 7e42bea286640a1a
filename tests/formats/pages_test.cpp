// PDF quotes located as printed page:line, and OCR of scanned pages (--ocr): character
// accuracy on a scan made from a known text (tests/formats/ocr, made by make-fixtures.sh),
// quotes marked as OCR, and a clear error when the language data is missing.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "indicheck/document.h"

namespace fs = std::filesystem;
using namespace indicheck;

namespace {

const fs::path kDir = fs::path(INDICHECK_SOURCE_DIR) / "tests/formats";

// Floor of the OCR character accuracy on ocr/putian-1791882-scan.pdf (measured 0.975 with
// Debian's tesseract 5.3 + chi_sim: docs/document.md). A regression in rendering, the page
// segmentation or the space clean-up falls below it.
constexpr double kOcrAccuracyFloor = 0.95;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Code points of `s` without whitespace (normalized text: NFKC already applied).
std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0x3F >> (n - 1));
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    if (cp != U' ' && cp != U'\n' && cp != U'\t' && cp != U'\r' && cp != 0x3000) out += cp;
  }
  return out;
}

std::size_t levenshtein(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

LineCol position_of(const Document& doc, std::string_view phrase) {
  const std::size_t at = doc.original.find(phrase);
  REQUIRE(at != std::string::npos);
  return doc.line_col(static_cast<std::uint32_t>(at));
}

}  // namespace

TEST_CASE("PDF: a position is located as the printed page and line") {
  std::vector<Diagnostic> d;
  const auto doc = read_document((kDir / "pdf/putian-1791882.pdf").string(), {}, d);
  REQUIRE(doc);
  // Checked by hand with `pdftotext -layout -f N -l N pdf/putian-1791882.pdf -`: the title is
  // line 1 of page 1; page 2 prints 直至销号 / ” / 的循环督促链条， / 对 / 12 个业务科室、… on
  // lines 1-5 (the crawl's line breaks, kept by the .docx the PDF was made from).
  const PagePlace title = doc->page_place(position_of(*doc, "莆田市审计局关于2022年"));
  CHECK(title.page == 1);
  CHECK(title.line == 1);
  CHECK_FALSE(title.ocr);
  const PagePlace p2 =
      doc->page_place(position_of(*doc, "12个业务科室、中心实施的项目进行台账管理"));
  CHECK(p2.page == 2);
  CHECK(p2.line == 5u);
  // A .docx has no pages: its lines are its paragraphs.
  const auto docx = read_document((kDir / "docx/putian-1791882.docx").string(), {}, d);
  REQUIRE(docx);
  CHECK(docx->page_place({3, 1}).page == 0);
}

TEST_CASE("OCR: a scanned page is refused without --ocr and read with it") {
  const fs::path scan = kDir / "ocr/putian-1791882-scan.pdf";
  std::vector<Diagnostic> d;
  CHECK_FALSE(read_document(scan.string(), {}, d));
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "no-text-layer");
  CHECK(d[0].message.find("--ocr") != std::string::npos);

  d.clear();
  ReadOptions ocr;
  ocr.ocr = true;
  const auto doc = read_document(scan.string(), ocr, d);
  REQUIRE(doc);
  REQUIRE(d.size() == 1);
  CHECK(d[0].str() == scan.string() +
                          ": warning[ocr]: page 1 had no text layer and was read by OCR "
                          "(Tesseract, chi_sim): check quotes from it (marked 来源：OCR) "
                          "against the scan");
  CHECK(doc->meta.format == "pdf");
  CHECK(doc->meta.year == 2022);
  const PagePlace first = doc->page_place({1, 1});
  CHECK(first.page == 1);
  CHECK(first.line == 1);
  CHECK(first.ocr);

  // Character accuracy against the text layer of the PDF the scan was made from.
  const std::u32string truth =
      code_points(normalize_for_matching(slurp(kDir / "ocr/putian-1791882-scan.txt")));
  const std::u32string read = code_points(doc->text);
  REQUIRE(truth.size() > 1000);
  const double accuracy =
      1.0 - static_cast<double>(levenshtein(truth, read)) / static_cast<double>(truth.size());
  INFO(fmt::format("OCR character accuracy {:.4f} ({} reference characters)", accuracy,
                   truth.size()));
  CHECK(accuracy >= kOcrAccuracyFloor);
}

TEST_CASE("OCR: missing language data names the package to install") {
  const char* old = std::getenv("TESSDATA_PREFIX");
  const std::string saved = old ? old : "";
  ::setenv("TESSDATA_PREFIX", "/nonexistent/tessdata", 1);
  std::vector<Diagnostic> d;
  ReadOptions ocr;
  ocr.ocr = true;
  const auto doc = read_document((kDir / "ocr/putian-1791882-scan.pdf").string(), ocr, d);
  if (old)
    ::setenv("TESSDATA_PREFIX", saved.c_str(), 1);
  else
    ::unsetenv("TESSDATA_PREFIX");
  CHECK_FALSE(doc);
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "ocr-missing-language");
  CHECK(d[0].message.find("install the Debian package tesseract-ocr-chi-sim") != std::string::npos);
}

TEST_CASE("evaluate: PDF quotes carry page:line, OCR quotes are marked, in JSON and gap reports") {
  const fs::path out = fs::temp_directory_path() / fmt::format("indicheck-pages-{}", ::getpid());
  fs::remove_all(out);
  // No OMP_THREAD_LIMIT from ctest here: the binary must set it itself (cli/main.cpp).
  const std::string command = fmt::format(
      "env -u OMP_THREAD_LIMIT {} evaluate {} {} --ocr --format json,md --quiet --date "
      "2024-01-01 -o {} 2>&1",
      INDICHECK_BINARY, (kDir / "pdf/putian-1791882.pdf").string(),
      (kDir / "ocr/putian-1791882-scan.pdf").string(), out.string());
  REQUIRE(std::system(command.c_str()) == 0);
  const auto results = nlohmann::json::parse(slurp(out / "results.json"));
  std::map<std::string, std::pair<int, int>> placed;  // file → (quotes with page, with ocr)
  for (const auto& r : results["reports"])
    for (const auto& fw : r["results"])
      for (const auto& item : fw["items"])
        for (const auto& q : item["quotes"]) {
          const std::string name = fs::path(r["path"].get<std::string>()).filename().string();
          CHECK(q.contains("page"));
          CHECK(q.value("page_line", 0) >= 1);
          placed[name].first += q.contains("page");
          placed[name].second += q.value("ocr", false);
        }
  CHECK(placed["putian-1791882.pdf"].first > 5);
  CHECK(placed["putian-1791882.pdf"].second == 0);
  CHECK(placed["putian-1791882-scan.pdf"].second > 5);
  CHECK(placed["putian-1791882-scan.pdf"].second == placed["putian-1791882-scan.pdf"].first);
  const std::string md = slurp(out / "gaps/putian-1791882-scan.md");
  CHECK(md.find("第 1 页第 ") != std::string::npos);
  CHECK(md.find("来源：OCR") != std::string::npos);
  CHECK(slurp(out / "gaps/putian-1791882.md").find("第 2 页第 ") != std::string::npos);
  fs::remove_all(out);
}
