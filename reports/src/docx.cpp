// The 单位版 as a Word document (.docx): a minimal WordprocessingML package written with libzip
// (already a dependency for reading .docx, engine/formats): [Content_Types].xml, _rels/.rels,
// word/document.xml and word/styles.xml. Why not Pandoc or LibreOffice: both are large runtime
// dependencies for four small XML files; why not a docx library: Debian packages none for C++.
// Word, WPS and LibreOffice open it; the text is the same UnitModel as the HTML edition.
#include <fmt/format.h>
#include <zip.h>

#include <fstream>
#include <iterator>

#include "unit_edition.h"

namespace indicheck::reports_detail {

namespace {

constexpr std::string_view kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>)";

constexpr std::string_view kRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)";

constexpr std::string_view kDocumentRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>)";

// Default font: 宋体/SimSun for Chinese (what Word and WPS have), 10.5pt (五号), A4 margins below.
constexpr std::string_view kStyles =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>)";

// Text for a w:t element: XML-escaped, characters XML 1.0 forbids dropped.
std::string xml_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t') continue;
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else
      out += c;
  }
  return out;
}

struct Run {
  std::string text;
  bool bold = false;
  int half_points = 0;  // 0 = default size
  std::string colour;   // "" = default
};

void paragraph(std::string& body, const std::vector<Run>& runs, int indent_twips = 0) {
  body += "<w:p>";
  if (indent_twips) body += fmt::format("<w:pPr><w:ind w:left=\"{}\"/></w:pPr>", indent_twips);
  for (const Run& r : runs) {
    body += "<w:r>";
    if (r.bold || r.half_points || !r.colour.empty()) {
      body += "<w:rPr>";
      if (r.bold) body += "<w:b/>";
      if (!r.colour.empty()) body += "<w:color w:val=\"" + r.colour + "\"/>";
      if (r.half_points)
        body += fmt::format("<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>", r.half_points);
      body += "</w:rPr>";
    }
    body += "<w:t xml:space=\"preserve\">" + xml_text(r.text) + "</w:t></w:r>";
  }
  body += "</w:p>";
}

std::string document_xml(const View& v, const UnitModel& m) {
  std::string b;
  paragraph(b, {{m.title, true, 32}});
  paragraph(b, {{fmt::format("对照《{}》 · 评估日期 {}", m.gap.framework->title, v.eval.facts.date),
                 false, 0, "57606A"}});
  paragraph(
      b,
      {{fmt::format("得分：{} / {}；同级排名（{}）：第 {} 名，共 {} 个单位；必选项达标：{} / {}；"
                    "全部参评单位中：第 {} 名，共 {} 个",
                    format_score(m.score), format_score(m.max_score), m.peer_group, m.peer_rank,
                    m.peer_count, m.required_met, m.required_total, m.rank, m.rank_of)}});
  paragraph(b, {{fmt::format("一、未达到的必选项（{} 项）", m.required_missing.size()), true, 26}});
  if (m.required_missing.empty()) paragraph(b, {{"必选项均已达到。"}});
  for (const auto& e : m.required_missing)
    paragraph(
        b,
        {{e.item.node->title, true}, {fmt::format("（分值 {:.1f}）：", e.item.points)}, {e.why}});
  paragraph(b, {{fmt::format("二、失分最多的 {} 项", m.top.size()), true, 26}});
  for (std::size_t i = 0; i < m.top.size(); ++i) {
    const UnitEntry& e = m.top[i];
    paragraph(
        b,
        {{fmt::format("{}. {}{}", i + 1, e.item.node->title, e.item.required ? "【必选】" : ""),
          true},
         {fmt::format("（{} · 分值 {:.1f}）", state_label(e.item.state, v.lang()), e.item.points),
          false, 0, "57606A"}});
    paragraph(b, {{"所属领域：" + e.area, false, 0, "57606A"}}, 360);
    paragraph(b, {{"为何未计分：" + e.why}}, 360);
    if (e.model)
      paragraph(b,
                {{fmt::format("参考写法（{}）：", v.unit_label(e.model_report)), true, 0, "0A3069"},
                 {cut_text(e.model->text, kUnitQuoteChars)}},
                360);
  }
  paragraph(b,
            {{fmt::format("三、仅列入计划或自认不足的事项（{} 项）", m.planned.size()), true, 26}});
  if (m.planned.empty()) paragraph(b, {{"无。"}});
  for (const auto& e : m.planned) paragraph(b, {{e.item.node->title, true}, {"：" + e.why}});
  paragraph(
      b,
      {{"说明：分值为该项在满分100分中的权重；“参考写法”摘自同批次中确已落实该项的单位报告原文。",
        false, 18, "57606A"}});
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
         b +
         R"(<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>)";
}

}  // namespace

std::string unit_docx(const View& v, int r, const std::string& scratch_path, std::string& error) {
  UnitModel m;
  if (!build_unit(v, r, m)) return "";
  const std::string document = document_xml(v, m);
  int code = 0;
  zip_t* zip = zip_open(scratch_path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (!zip) {
    error = "cannot create " + scratch_path;
    return "";
  }
  // Fixed entry dates (the run date is in the text): the same data gives the same bytes.
  const std::pair<const char*, std::string_view> parts[] = {
      {"[Content_Types].xml", kContentTypes},
      {"_rels/.rels", kRels},
      {"word/_rels/document.xml.rels", kDocumentRels},
      {"word/document.xml", document},
      {"word/styles.xml", kStyles}};
  bool ok = true;
  for (const auto& [name, text] : parts) {
    zip_source_t* src = zip_source_buffer(zip, text.data(), text.size(), 0);
    const zip_int64_t index = src ? zip_file_add(zip, name, src, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (src) zip_source_free(src);
      ok = false;
      break;
    }
    zip_file_set_mtime(zip, static_cast<zip_uint64_t>(index), 315532800 /* 1980-01-01 */, 0);
  }
  if (!ok || zip_close(zip) != 0) {
    error = std::string("cannot write the .docx: ") + zip_strerror(zip);
    zip_discard(zip);
    return "";
  }
  std::ifstream in(scratch_path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::remove(scratch_path.c_str());
  return bytes;
}

}  // namespace indicheck::reports_detail
