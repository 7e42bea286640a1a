// Word .docx → report text: libzip opens the package, libxml2 reads word/document.xml (and
// numbering.xml, styles.xml for automatic numbering).
//
// One line per paragraph, in body order; a table row is one line with its cells separated by
// a space. Dropped: headers and footers (other parts, never read), tracked deletions (w:del,
// w:moveFrom, w:delText), field codes (w:instrText), the fallback copy of drawing content
// (mc:Fallback, which repeats mc:Choice). Automatic numbering comes back as the marker a
// reader sees ("一、", "（一）") in front of its paragraph. Line n of the extracted text is the
// n-th paragraph (or row), so a quote's line is its paragraph number.
//
// Every part is read through a cap (limits::kMaxDocxPartBytes) counted on the bytes actually
// inflated, not the sizes the zip claims: a zip bomb stops at the cap.
#include <fmt/format.h>
#include <libxml/parser.h>
#include <zip.h>

#include <memory>

#include "docx_internal.h"
#include "indicheck/limits.h"
#include "ooxml.h"

namespace indicheck::formats::detail {

namespace {

bool skipped(std::string_view name) {
  return name == "del" || name == "moveFrom" || name == "delText" || name == "instrText" ||
         name == "Fallback" || name == "rPr" || name == "pPr" || name == "sectPr" ||
         name == "tblPr" || name == "trPr" || name == "tcPr";
}

// Walks <w:body> without recursion (parent/next pointers), writing paragraphs and rows.
std::string body_text(const xmlNode* body, Numbering& numbering) {
  std::string out, paragraph, row;
  int table_depth = 0;
  auto end_line = [&](std::string& s) {
    const std::string_view t = trim_space(s);
    if (!t.empty()) {
      out.append(t);
      out += '\n';
    }
    s.clear();
  };
  auto enter = [&](const xmlNode* n) {
    const std::string_view name = local_name(n);
    if (name == "p")
      paragraph = numbering.marker(n);
    else if (name == "tbl")
      ++table_depth;
    else if (name == "tr" && table_depth == 1)
      row.clear();
    else if (name == "t" && n->children && n->children->content)
      paragraph += reinterpret_cast<const char*>(n->children->content);
    else if (name == "tab")
      paragraph += ' ';
    else if ((name == "br" && docx_attribute(n, "type") != "page") || name == "cr") {
      if (table_depth > 0)
        paragraph += ' ';
      else
        end_line(paragraph);
    }
  };
  auto leave = [&](const xmlNode* n) {
    const std::string_view name = local_name(n);
    if (name == "p") {
      if (table_depth > 0) {
        if (!row.empty() && row.back() != ' ' && !trim_space(paragraph).empty()) row += ' ';
        row.append(trim_space(paragraph));
        paragraph.clear();
      } else {
        end_line(paragraph);
      }
    } else if (name == "tc" && table_depth > 0) {
      if (!row.empty() && row.back() != ' ') row += ' ';
    } else if (name == "tr" && table_depth == 1) {
      end_line(row);
    } else if (name == "tbl") {
      --table_depth;
    }
  };
  for (const xmlNode* n = body; n;) {
    bool descend = n->type == XML_ELEMENT_NODE && !skipped(local_name(n));
    if (descend) enter(n);
    if (descend && n->children && local_name(n) != "t") {
      n = n->children;
      continue;
    }
    while (true) {
      if (descend && n->type == XML_ELEMENT_NODE) leave(n);
      descend = true;  // every ancestor we climb through was entered
      if (n == body) return out;
      if (n->next) {
        n = n->next;
        break;
      }
      n = n->parent;
    }
  }
  return out;
}

bool broken(const std::string& path, const std::string& why, std::vector<Diagnostic>& diagnostics) {
  diagnostics.push_back(
      make_error(path, "docx-broken",
                 fmt::format("this .docx {}; open it in Word or WPS and save it again", why)));
  return false;
}

}  // namespace

bool read_docx(std::string_view bytes, const std::string& path, Extracted& out,
               std::vector<Diagnostic>& diagnostics) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) return broken(path, "cannot be opened as a zip", diagnostics);
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (!zip) {
    zip_source_free(source);
    zip_error_fini(&error);
    return broken(path, "is a damaged zip", diagnostics);
  }
  std::unique_ptr<zip_t, void (*)(zip_t*)> owner(zip, [](zip_t* z) { zip_discard(z); });
  std::string xml;
  switch (read_part(zip, "word/document.xml", xml)) {
    case PartResult::kOk:
      break;
    case PartResult::kMissing:
      return broken(path, "has no word/document.xml (the text part)", diagnostics);
    case PartResult::kBroken:
      return broken(path, "has a damaged word/document.xml", diagnostics);
    case PartResult::kTooLarge:
      diagnostics.push_back(make_error(
          path, "zip-too-large",
          fmt::format("word/document.xml expands to more than {} MiB (a zip bomb?); refused",
                      limits::kMaxDocxPartBytes >> 20)));
      return false;
  }
  Numbering numbering;
  std::string part;
  if (read_part(zip, "word/numbering.xml", part) == PartResult::kOk)
    numbering.load_numbering(parse_xml(part, "numbering.xml").get());
  if (read_part(zip, "word/styles.xml", part) == PartResult::kOk)
    numbering.load_styles(parse_xml(part, "styles.xml").get());
  const XmlDocPtr doc = parse_xml(xml, "document.xml");
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  const xmlNode* body = docx_child(root, "body");
  if (!body)
    return broken(path, "has a word/document.xml that is not a Word document body", diagnostics);
  out.text = body_text(body, numbering);
  if (trim_space(out.text).empty()) {
    diagnostics.push_back(
        make_error(path, "empty", "this .docx has no text (only images or empty paragraphs?)"));
    return false;
  }
  return true;
}

}  // namespace indicheck::formats::detail
