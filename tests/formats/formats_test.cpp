// engine/formats: detection by content, what each reader keeps and drops, and one clear
// diagnostic per bad file (tests/formats/bad, made by make-fixtures.sh), word for word.
#include "indicheck/formats.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <iconv.h>
#include <unistd.h>
#include <zip.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "indicheck/document.h"
#include "indicheck/limits.h"

namespace fs = std::filesystem;
using namespace indicheck;
using formats::Format;

namespace {

const fs::path kDir = fs::path(INDICHECK_SOURCE_DIR) / "tests/formats";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The one error line of a file that must fail, as `indicheck parse` prints it.
std::string error_of(const fs::path& p) {
  std::vector<Diagnostic> d;
  const auto doc = read_document(p.string(), {}, d);
  CHECK_FALSE(doc);
  std::string out;
  for (const auto& x : d)
    if (x.severity == Severity::kError) out += x.str();
  return out;
}

formats::Extracted extract(std::string_view bytes, std::vector<Diagnostic>& d) {
  formats::Extracted out;
  formats::extract(bytes, "t", out, d);
  return out;
}

std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 2, '\0');
  char* in = const_cast<char*>(utf8.data());
  char* dst = out.data();
  std::size_t in_left = utf8.size(), out_left = out.size();
  iconv(cd, &in, &in_left, &dst, &out_left);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

// A .docx built in memory from its parts (libzip), for features LibreOffice's text import
// never produces: automatic numbering, tracked changes, tables, headers.
std::string make_docx(const std::vector<std::pair<std::string, std::string>>& parts) {
  const fs::path p =
      fs::temp_directory_path() / fmt::format("indicheck-formats-{}.docx", ::getpid());
  fs::remove(p);
  int err = 0;
  zip_t* z = zip_open(p.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  REQUIRE(z);
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
    zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8);
  }
  REQUIRE(zip_close(z) == 0);
  std::string bytes = slurp(p);
  fs::remove(p);
  return bytes;
}

constexpr const char* kW =
    R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";

std::string paragraph(const std::string& text, int num_id = 0, int level = 0) {
  std::string ppr =
      num_id ? fmt::format(
                   R"(<w:pPr><w:numPr><w:ilvl w:val="{}"/><w:numId w:val="{}"/></w:numPr></w:pPr>)",
                   level, num_id)
             : "";
  return fmt::format("<w:p>{}<w:r><w:t>{}</w:t></w:r></w:p>", ppr, text);
}

}  // namespace

TEST_CASE("formats are detected by content, not by extension") {
  using namespace std::string_view_literals;
  CHECK(formats::detect_format("%PDF-1.7\n") == Format::kPdf);
  CHECK(formats::detect_format("PK\x03\x04....word/document.xml"sv) == Format::kDocx);
  CHECK(formats::detect_format("PK\x03\x04....xl/workbook.xml"sv) == Format::kOtherBinary);
  CHECK(formats::detect_format("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"sv) == Format::kLegacyWord);
  CHECK(formats::detect_format("\xEF\xBB\xBF  <!DOCTYPE HTML>\n<html>") == Format::kHtml);
  CHECK(formats::detect_format("<meta charset=gbk><p>报告</p>") == Format::kHtml);
  CHECK(formats::detect_format("苏州市相城区2021年法治政府建设工作报告\n<p>") == Format::kText);
  CHECK(formats::detect_format("") == Format::kText);
  // A .txt that is a saved page and a .doc that is a .docx are read as what they are.
  CHECK(formats::detect_format(slurp(kDir / "html/putian-1791882.html")) == Format::kHtml);
  CHECK(formats::detect_format(slurp(kDir / "docx/putian-1791882.docx")) == Format::kDocx);
}

TEST_CASE("HTML: the article block as lines, furniture dropped, metadata read") {
  const std::string page =
      R"(<html><head><meta charset="gb2312"><title>某区2023年法治政府建设情况报告_通知公告_某区人民政府</title>
<meta name="PubDate" content="2024-03-01 09:00"><style>p{color:red}</style><script>var x="不要这个，。";</script></head>
<body><div class="nav"><a href="/">首页</a><a href="/a">政务公开</a></div>
<div class="crumb">当前位置：首页 &gt; 通知公告</div>
<table><tr><td>索&ensp;引&ensp;号：</td><td>ABC-2024-01</td><td>发布机构：</td><td><font>某区司法局</font></td></tr>
<tr><td>文号</td><td>某政〔2024〕3号</td></tr></table>
<div id="zoom"><p>　　2023年，某区坚持以习近平法治思想为指导，全面推进法治政府建设，现将有关情况报告如下：</p>
<h3>一、主要举措和成效</h3><p>（一）健全依法决策机制。制定重大行政决策事项目录，开展合法性审查，共审查文件十二件。</p>
<ul><li>一是加强组织领导。</li><li>二是强化督促检查。</li></ul>
<p>第一行<br>第二行</p><table><tr><td>事项</td><td>件数</td></tr></table>
<div class="bdsharebuttonbox">分享到：<a>微信</a><a>微博</a></div></div>
<div class="footer">版权所有：某区人民政府　地址：某路1号</div></body></html>)";
  std::vector<Diagnostic> d;
  const auto out = extract(to_gb18030(page), d);
  INFO((d.empty() ? std::string() : d[0].str()));
  REQUIRE(out.format == Format::kHtml);
  CHECK(out.encoding == "GB18030 (declared gb2312)");
  CHECK(out.text ==
        "2023年，某区坚持以习近平法治思想为指导，全面推进法治政府建设，现将有关情况报告如下：\n"
        "一、主要举措和成效\n"
        "（一）健全依法决策机制。制定重大行政决策事项目录，开展合法性审查，共审查文件十二件。\n"
        "一是加强组织领导。\n二是强化督促检查。\n第一行\n第二行\n事项 件数\n");
  std::vector<std::string> fields;
  for (const auto& f : out.metadata)
    fields.push_back(f.name + "=" + f.value + " (" + f.source + ")");
  CHECK(fields == std::vector<std::string>{
                      "标题=某区2023年法治政府建设情况报告 (title)",
                      "发布日期=2024-03-01 09:00 (meta)", "发文字号=某政〔2024〕3号 (page table)",
                      "发布机构=某区司法局 (page table)", "索引号=ABC-2024-01 (page table)"});
}

TEST_CASE("HTML: a page's metadata reaches the metadata stage with its source named") {
  std::vector<Diagnostic> d;
  const auto doc = read_document((kDir / "html/putian-1791882.html").string(), {}, d);
  REQUIRE(doc);
  CHECK(doc->meta.format == "html");
  CHECK(doc->meta.unit.value == "莆田市审计局");
  CHECK(doc->meta.year == 2022);
  CHECK(doc->meta.published.value == "2022-12-30");
  CHECK(doc->meta.published.source == "page");
  CHECK(doc->original.rfind("标题: 莆田市审计局关于2022年法治政府建设工作情况的报告\n", 0) == 0);
}

TEST_CASE("DOCX: numbering markers, tables as rows, deletions and headers dropped") {
  const std::string numbering = fmt::format(
      R"(<w:numbering {}><w:abstractNum w:abstractNumId="0">)"
      R"(<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>)"
      R"(<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>)"
      R"(<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>)"
      R"(</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>)",
      kW);
  const std::string body =
      paragraph("主要举措", 5, 0) + paragraph("健全决策机制", 5, 1) + paragraph("目录管理", 5, 2) +
      paragraph("合法性审查", 5, 2) + paragraph("加强执法监督", 5, 1) +
      paragraph("存在的问题", 5, 0) + paragraph("一是保留的文字。") +
      R"(<w:p><w:r><w:t>开展</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:ins><w:r><w:t>执法检查</w:t></w:r></w:ins><w:r><w:t>。</w:t></w:r></w:p>)"
      R"(<w:tbl><w:tr><w:tc><w:p><w:r><w:t>事项</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>件数</w:t></w:r></w:p></w:tc></w:tr>)"
      R"(<w:tr><w:tc><w:p><w:r><w:t>复议</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr></w:tbl>)";
  const std::string docx = make_docx({
      {"[Content_Types].xml", "<Types/>"},
      {"word/document.xml",
       fmt::format("<w:document {}><w:body>{}<w:sectPr/></w:body></w:document>", kW, body)},
      {"word/numbering.xml", numbering},
      {"word/header1.xml", fmt::format("<w:hdr {}>{}</w:hdr>", kW, paragraph("页眉不要"))},
  });
  std::vector<Diagnostic> d;
  const auto out = extract(docx, d);
  INFO((d.empty() ? std::string() : d[0].str()));
  CHECK(out.format == Format::kDocx);
  CHECK(out.text ==
        "一、主要举措\n（一）健全决策机制\n1.目录管理\n2."
        "合法性审查\n（二）加强执法监督\n二、存在的问题\n"
        "一是保留的文字。\n开展执法检查。\n事项 件数\n复议 12\n");
}

TEST_CASE("DOCX: a part's wrong encoding declaration is not followed, and libxml2 stays quiet") {
  // A package's XML is UTF-8 or UTF-16; "GBK" or a mistyped "UTF-8-" in the declaration of a
  // UTF-8 part garbled every character (libxml2 followed it) and printed libxml2's own
  // "encoding error" lines on stderr.
  for (const char* declared : {"GBK", "UTF-8-"}) {
    const std::string docx = make_docx({
        {"[Content_Types].xml", "<Types/>"},
        {"word/document.xml",
         fmt::format(R"(<?xml version="1.0" encoding="{}"?><w:document {}><w:body>{}</w:body>)"
                     R"(</w:document>)",
                     declared, kW, paragraph("全年办理行政复议案件3件。"))},
    });
    // What the reader writes on stderr while it reads: nothing.
    const fs::path err = fs::temp_directory_path() / fmt::format("indicheck-stderr-{}", ::getpid());
    const int saved = ::dup(2);
    const int file = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(file >= 0);
    ::dup2(file, 2);
    std::vector<Diagnostic> d;
    const auto out = extract(docx, d);
    ::dup2(saved, 2);
    ::close(saved);
    ::close(file);
    const std::string printed = slurp(err);
    fs::remove(err);
    INFO(declared);
    CHECK(printed.empty());
    CHECK(d.empty());
    CHECK(out.text == "全年办理行政复议案件3件。\n");
  }
}

TEST_CASE("bad files: one clear error each, word for word") {
  CHECK(error_of(kDir / "bad/encrypted.pdf") ==
        (kDir / "bad/encrypted.pdf").string() +
            ": error[encrypted]: this PDF needs a password to open; ask the publisher for an "
            "unprotected copy or "
            "the text");
  CHECK(error_of(kDir / "bad/scanned.pdf") ==
        (kDir / "bad/scanned.pdf").string() +
            ": error[no-text-layer]: this PDF has no text layer (2 pages of images: a scan?); "
            "Indicheck reads "
            "text, not images. Run again with --ocr to recognize the text (slow, check the "
            "quotes), or ask for the text, .docx or a PDF saved from the original document");
  CHECK(error_of(kDir / "bad/zip-bomb.docx") ==
        (kDir / "bad/zip-bomb.docx").string() +
            fmt::format(": error[zip-too-large]: word/document.xml expands to more than {} MiB (a "
                        "zip bomb?); refused",
                        limits::kMaxDocxPartBytes >> 20));
  CHECK(error_of(kDir / "bad/no-document.docx") ==
        (kDir / "bad/no-document.docx").string() +
            ": error[docx-broken]: this .docx has no word/document.xml (the text part); open it in "
            "Word or WPS "
            "and save it again");
  CHECK(error_of(kDir / "bad/script-only.html") ==
        (kDir / "bad/script-only.html").string() +
            ": error[html-no-text]: the page has no report text (0 Chinese characters outside "
            "scripts, styles and "
            "links): it may load the report by script or only link to an attachment; save the "
            "report itself "
            "(text, .docx or PDF)");
  std::vector<Diagnostic> d;
  CHECK_FALSE(read_document_bytes("%PDF-1.4 not really", "x.pdf", {}, d));
  CHECK(d.back().str() ==
        "x.pdf: error[pdf-broken]: poppler cannot open this PDF (damaged or not a PDF)");
  d.clear();
  CHECK_FALSE(read_document_bytes("<html><body><p>\xff\xfe\xfd\xfc abc</p></body></html>", "x.html",
                                  {}, d));
  CHECK(d.back().str() ==
        "x.html: error[wrong-charset]: the page declares no charset and is neither valid UTF-8 nor "
        "GB18030; save "
        "it again as UTF-8");
}

TEST_CASE("HTML: a wrong meta charset is a warning and the page is still read") {
  std::vector<Diagnostic> d;
  const auto doc = read_document((kDir / "bad/gbk-declared-utf8.html").string(), {}, d);
  REQUIRE(doc);
  REQUIRE(d.size() == 1);
  CHECK(d[0].str() ==
        (kDir / "bad/gbk-declared-utf8.html").string() +
            ": warning[charset-mismatch]: the page declares charset utf-8 but its bytes are not "
            "utf-8; read as GB18030");
  CHECK(doc->meta.year == 2022);
  CHECK(doc->meta.encoding == "GB18030 (declared utf-8)");
}

TEST_CASE("HTML: malformed markup is recovered") {
  std::vector<Diagnostic> d;
  const auto doc = read_document((kDir / "bad/malformed.html").string(), {}, d);
  REQUIRE(doc);
  CHECK(doc->meta.format == "html");
  CHECK(doc->original.find("2022年，我局坚持以习近平新时代中国特色社会主义思想为指导") !=
        std::string::npos);
}

TEST_CASE("HTML: a 50 MB page is read in one pass") {
  std::string page =
      "<html><head><meta charset=\"utf-8\"></head><body><div class=\"nav\">首页</div><div>";
  const std::string p =
      "<p>2023年，我区坚持以习近平法治思想为指导，全面推进法治政府建设，严格执行重大行政决策程序。<"
      "/p>\n";
  while (page.size() < (50u << 20)) page += p;
  page += "</div></body></html>";
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<Diagnostic> d;
  const auto out = extract(page, d);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(d.empty());
  CHECK(out.text.size() > (40u << 20));
  WARN(fmt::format("50 MB page extracted in {:.2f} s", s));
}

TEST_CASE("old binary .doc: read through antiword, refused when it cannot be read") {
  std::vector<Diagnostic> d;
  const auto doc = read_document((kDir / "bad/legacy.doc").string(), {}, d);
  REQUIRE(doc);
  CHECK(d.empty());
  CHECK(doc->meta.format == "doc");
  CHECK(doc->meta.year == 2022);
  // antiword -w 0: a paragraph is one line, Chinese intact.
  CHECK(doc->original.find("\n一、主要工作开展情况\n") != std::string::npos);
  CHECK(doc->original.find("习近平法治思想，将法治政府建设与审计工作紧密结合") !=
        std::string::npos);

  // An OLE2 container antiword cannot read (a native WPS file, a damaged .doc).
  std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  ole += std::string(4096, 'x');
  d.clear();
  CHECK_FALSE(read_document_bytes(ole, "old.wps", {}, d));
  REQUIRE(d.size() == 1);
  CHECK(d[0].str() ==
        "old.wps: error[legacy-word]: this is an old binary Word/WPS file (.doc/.wps) and antiword "
        "cannot read it (a native WPS file, Word 6/95, or damaged). Open it in Word or WPS and "
        "save it as .docx (请用 Word 或 WPS 另存为 .docx)");
}

TEST_CASE("old binary .doc: Chinese intact whatever locale the caller names") {
  // en_US.UTF-8 is not installed on a minimal Debian: antiword under it dropped every Chinese
  // character and the file was refused as legacy-word.
  const char* old_all = std::getenv("LC_ALL");
  const std::string saved = old_all ? old_all : "";
  ::setenv("LC_ALL", "xx_YY.UTF-8", 1);
  std::vector<Diagnostic> d;
  const auto doc = read_document((kDir / "bad/legacy.doc").string(), {}, d);
  if (old_all)
    ::setenv("LC_ALL", saved.c_str(), 1);
  else
    ::unsetenv("LC_ALL");
  REQUIRE(doc);
  CHECK(d.empty());
  CHECK(doc->original.find("\n一、主要工作开展情况\n") != std::string::npos);
}

TEST_CASE("old binary .doc without antiword installed names the package") {
  const char* old_path = std::getenv("PATH");
  const std::string saved = old_path ? old_path : "";
  ::setenv("PATH", "/nonexistent", 1);
  std::vector<Diagnostic> d;
  const auto doc = read_document((kDir / "bad/legacy.doc").string(), {}, d);
  ::setenv("PATH", saved.c_str(), 1);
  CHECK_FALSE(doc);
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "tool-missing");
  CHECK(d[0].message.find("install the Debian package antiword") != std::string::npos);
}
