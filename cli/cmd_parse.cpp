// `indicheck parse FILE... [--json] [--text] [--encoding NAME]`: what the document stage made
// of each report — metadata with the line each value came from, then the outline tree with
// roles and original line numbers. --json prints the same as data (format in docs/document.md);
// --text prints the text as extracted from a web page, .docx or PDF (what is scored, and what
// quotes' lines and columns count in).
//
// Every file is processed even when an earlier one fails; each failure prints one diagnostic
// line ("path: error[code]: message") on stderr. Exit codes: 0 all files read, 2 at least one
// file could not be read or a bad option, 3 internal error.
#include <fmt/format.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "common.h"
#include "indicheck/diagnostic.h"
#include "indicheck/document.h"

namespace po = boost::program_options;

namespace indicheck::cli {

namespace {

const char* parse_usage() {
  return tr(
      R"(用法：indicheck parse FILE... [--json] [--text] [--encoding NAME] [--ocr]

读取每份报告，显示其元数据（单位、层级、省份、报告年度、日期、文号，
各附所在行）和结构：各级标题的编号、标题、角色和原文行号，以及标题、导语、落款和
网页杂项等部分。角色：title preamble achievements leadership shortcomings plans
other signature boilerplate。网页（.html，或任何实为 HTML 的文件）、.docx 和 PDF
文件按内容而非扩展名识别；--text 显示从中提取的文本，即计分所依据的文本。

)",
      R"(Usage: indicheck parse FILE... [--json] [--text] [--encoding NAME] [--ocr]

Reads each report and prints its metadata (unit, level, province, year reported on, date,
document number, each with the line it came from) and its outline: headings with their
numbering, title, role and original line, plus the title, preamble, signature and boilerplate
parts. Roles: title preamble achievements leadership shortcomings plans other signature
boilerplate. Web pages (.html, or any file that is HTML), .docx and PDF files are read by
content, not extension; --text prints the text extracted from them, which is what is scored.

)");
}

// Original line and column of normalized offsets, for offsets visited in increasing order
// (linear over a document even when it is one 50 MB line).
class Cursor {
 public:
  explicit Cursor(const Document& doc) : doc_(doc) {}
  LineCol at_text(std::uint32_t text_offset) { return at_original(doc_.to_original(text_offset)); }
  LineCol at_original(std::uint32_t o) {
    if (o < offset_) {
      offset_ = 0;
      lc_ = {1, 1};
    }
    const std::string& s = doc_.original;
    for (; offset_ < o && offset_ < s.size(); ++offset_) {
      const auto c = static_cast<unsigned char>(s[offset_]);
      if (c == '\n' || (c == '\r' && (offset_ + 1 >= s.size() || s[offset_ + 1] != '\n'))) {
        ++lc_.line;
        lc_.column = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++lc_.column;
      }
    }
    return lc_;
  }

 private:
  const Document& doc_;
  std::uint32_t offset_ = 0;
  LineCol lc_{1, 1};
};

std::string_view excerpt(std::string_view s, std::size_t max_chars) {
  std::size_t chars = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) break;
      ++chars;
    }
  }
  return s.substr(0, i);
}

std::string located(const Located& l) {
  if (!l.found()) return "-";
  if (l.line) return fmt::format("{}    (line {}, {})", l.value, l.line, l.source);
  return fmt::format("{}    ({})", l.value, l.source);
}

Role paragraph_role(const Document& doc, const Paragraph& p) {
  return p.sentence_count ? doc.sentences[p.first_sentence].role : Role::kAchievements;
}

// One outline entry: a section heading, or a paragraph whose role its section does not show.
struct Entry {
  std::uint32_t offset;
  int order;  // sections before paragraphs at the same offset
  std::uint32_t index;
};

std::vector<Entry> outline_entries(const Document& doc) {
  std::vector<Entry> entries;
  for (std::uint32_t s = 1; s < doc.sections.size(); ++s)
    entries.push_back({doc.sections[s].span.begin, 0, s});
  for (std::uint32_t p = 0; p < doc.paragraphs.size(); ++p) {
    const Paragraph& para = doc.paragraphs[p];
    const Role role = paragraph_role(doc, para);
    const Section& sec = doc.sections[para.section];
    const bool heading = para.section != 0 && sec.span.begin == para.span.begin;
    if (heading) continue;
    if (role == Role::kTitle || role == Role::kPreamble || role == Role::kSignature ||
        role == Role::kBoilerplate || role != sec.role)
      entries.push_back({para.span.begin, 1, p});
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.offset != b.offset ? a.offset < b.offset : a.order < b.order;
  });
  return entries;
}

void print_human(const Document& doc) {
  const Metadata& m = doc.meta;
  std::cout << doc.path << '\n';
  std::cout << fmt::format("  format      {}\n", m.format);
  std::cout << fmt::format("  encoding    {}{}\n", m.encoding,
                           m.traditional ? " (Traditional script)" : "");
  std::cout << fmt::format("  unit        {}\n", located(m.unit));
  std::cout << fmt::format("  level       {}\n", located(m.level));
  std::cout << fmt::format("  province    {}\n", located(m.province));
  if (m.year)
    std::cout << fmt::format("  year        {}    (line {}, {}: {})\n", m.year, m.year_found.line,
                             m.year_found.source, excerpt(m.year_found.value, 40));
  else
    std::cout << "  year        -\n";
  std::cout << fmt::format("  published   {}\n", located(m.published));
  std::cout << fmt::format("  doc number  {}\n", located(m.doc_number));
  std::cout << fmt::format("  outline     {} sections, {} paragraphs, {} sentences\n",
                           doc.sections.size() - 1, doc.paragraphs.size(), doc.sentences.size());
  Cursor cursor(doc);
  for (const Entry& e : outline_entries(doc)) {
    const LineCol lc = cursor.at_text(e.offset);
    if (e.order == 0) {
      const Section& s = doc.sections[e.index];
      const std::string indent(static_cast<std::size_t>(s.depth - 1) * 2, ' ');
      std::cout << fmt::format("    L{:<5} {}{}{} {}  [{}]\n", s.line ? s.line : lc.line, indent,
                               s.marker.empty() ? "·" : s.marker, s.marker.empty() ? " " : "",
                               excerpt(s.title, 40), role_name(s.role));
    } else {
      const Paragraph& p = doc.paragraphs[e.index];
      const Role role = paragraph_role(doc, p);
      const int depth = doc.sections[p.section].depth;
      const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
      std::string_view shown = std::string_view(doc.text).substr(p.span.begin, p.span.size());
      if (shown.empty()) shown = doc.original_text(p.span);
      std::cout << fmt::format("    L{:<5} {}- {}  [{}]\n", lc.line, indent, excerpt(shown, 30),
                               role_name(role));
    }
  }
}

nlohmann::json located_json(const Located& l) {
  if (!l.found()) return nullptr;
  return {{"value", l.value}, {"line", l.line}, {"source", l.source}};
}

nlohmann::json to_json(const Document& doc) {
  using nlohmann::json;
  const Metadata& m = doc.meta;
  json j;
  j["path"] = doc.path;
  j["format"] = m.format;
  j["encoding"] = m.encoding;
  j["traditional"] = m.traditional;
  j["metadata"] = {
      {"unit", located_json(m.unit)},
      {"level", located_json(m.level)},
      {"province", located_json(m.province)},
      {"year", m.year ? json(m.year) : json(nullptr)},
      {"year_found", located_json(m.year_found)},
      {"published", located_json(m.published)},
      {"doc_number", located_json(m.doc_number)},
  };
  json sections = json::array();
  for (std::size_t i = 1; i < doc.sections.size(); ++i) {
    const Section& s = doc.sections[i];
    sections.push_back({{"index", i},
                        {"parent", s.parent},
                        {"depth", s.depth},
                        {"marker", s.marker},
                        {"title", s.title},
                        {"role", role_name(s.role)},
                        {"line", s.line},
                        {"span", {s.span.begin, s.span.end}}});
  }
  j["sections"] = std::move(sections);
  Cursor cursor(doc);
  json paragraphs = json::array();
  for (const Paragraph& p : doc.paragraphs) {
    paragraphs.push_back({{"line", cursor.at_text(p.span.begin).line},
                          {"role", role_name(paragraph_role(doc, p))},
                          {"section", p.section},
                          {"first_sentence", p.first_sentence},
                          {"sentence_count", p.sentence_count},
                          {"span", {p.span.begin, p.span.end}}});
  }
  j["paragraphs"] = std::move(paragraphs);
  Cursor sentence_cursor(doc);
  json sentences = json::array();
  for (const Sentence& s : doc.sentences) {
    const LineCol lc = sentence_cursor.at_text(s.span.begin);
    sentences.push_back({{"line", lc.line},
                         {"column", lc.column},
                         {"role", role_name(s.role)},
                         {"section", s.section},
                         {"paragraph", s.paragraph},
                         {"text", std::string_view(doc.text).substr(s.span.begin, s.span.size())}});
  }
  j["sentences"] = std::move(sentences);
  json warnings = json::array();
  for (const auto& w : doc.warnings) warnings.push_back({{"code", w.code}, {"message", w.message}});
  j["warnings"] = std::move(warnings);
  return j;
}

}  // namespace

int run_parse(const Args& args) {
  po::options_description options;
  options.add_options()("help,h", tr("显示本帮助", "show this help"))(
      "json", tr("以 JSON 输出结果（数组，每个文件一个对象）",
                 "print the result as JSON (an array, one object per file)"))(
      "text", tr("只显示每个文件读到的文本（从 HTML、.docx 或 PDF 中提取）",
                 "print the text of each file as read (extracted from HTML, .docx or PDF), "
                 "nothing else"))(
      "encoding", po::value<std::string>()->value_name("NAME"),
      tr("用该 ICU 编码（GB18030、Big5、UTF-16LE 等）解码，不再自动识别",
         "decode with this ICU encoding (GB18030, Big5, UTF-16LE, ...) instead of detecting "
         "it"))("ocr", tr("用 Tesseract 识别扫描版 PDF 页面（无文字层；速度慢）",
                          "recognize scanned PDF pages (no text layer) with Tesseract (slow)"));
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::vector<std::string>>(), "report files");
  po::positional_options_description positional;
  positional.add("file", -1);
  po::variables_map vm;
  if (const std::string usage = parse_arguments(args, options, hidden, positional, vm);
      !usage.empty()) {
    std::cerr << "indicheck parse: error[usage]: " << usage
              << tr("（运行 indicheck parse --help 查看用法）\n",
                    " (run 'indicheck parse --help')\n");
    return kExitInput;
  }
  if (vm.count("help")) {
    std::cout << parse_usage();
    print_options(std::cout, options, tr("选项", "Options"));
    std::cout << '\n';
    return kExitOk;
  }
  if (!vm.count("file")) {
    std::cerr << tr(
        "indicheck parse: error[usage]: 没有指定输入文件（运行 indicheck parse --help "
        "查看用法）\n",
        "indicheck parse: error[usage]: no input files (run 'indicheck parse --help')\n");
    return kExitInput;
  }
  ReadOptions read_options;
  if (vm.count("encoding")) read_options.encoding = vm["encoding"].as<std::string>();
  read_options.ocr = vm.count("ocr") > 0;
  const bool json = vm.count("json") > 0;
  const bool text = vm.count("text") > 0 && !json;
  nlohmann::json out = nlohmann::json::array();
  bool failed = false;
  bool first = true;
  for (const auto& path : vm["file"].as<std::vector<std::string>>()) {
    std::vector<Diagnostic> diagnostics;
    auto doc = read_document(path, read_options, diagnostics);
    print_diagnostics(diagnostics);
    if (!doc) {
      failed = true;
      if (json) {
        nlohmann::json error = {{"path", path}};
        for (const auto& d : diagnostics)
          if (d.severity == Severity::kError)
            error["error"] = {{"code", d.code}, {"message", d.message}};
        out.push_back(std::move(error));
      }
      continue;
    }
    if (json) {
      out.push_back(to_json(*doc));
    } else if (text) {
      std::cout << doc->original;
      if (!doc->original.empty() && doc->original.back() != '\n') std::cout << '\n';
    } else {
      if (!first) std::cout << '\n';
      print_human(*doc);
    }
    first = false;
  }
  if (json) std::cout << out.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  return failed ? kExitInput : kExitOk;
}

}  // namespace indicheck::cli
