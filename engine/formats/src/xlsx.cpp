// .xlsx as rows of strings (formats/xlsx.h). An .xlsx is a zip of XML parts:
//   xl/workbook.xml            <sheets><sheet name=".." r:id="rId1"/>…  (tab order)
//   xl/_rels/workbook.xml.rels <Relationship Id="rId1" Target="worksheets/sheet1.xml"/>
//   xl/sharedStrings.xml       <si><t>text</t></si> or <si><r><t>rich</t></r>…</si>
//   xl/worksheets/sheetN.xml   <sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>…
// Every part is inflated through the same cap as .docx parts; the XML is parsed with no
// network and no entity expansion; the tree is walked with loops (fixed depth), no recursion.
#include "indicheck/formats/xlsx.h"

#include <fmt/format.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "indicheck/limits.h"
#include "ooxml.h"

namespace indicheck::formats {
namespace {

using detail::PartResult;
using detail::read_part;
using detail::XmlDocPtr;

bool is(const xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST name) == 0;
}

std::string attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, BAD_CAST name);
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

// r:id is in the relationships namespace; its local name is "id".
std::string relationship_id(const xmlNode* n) {
  for (const xmlAttr* a = n->properties; a; a = a->next)
    if (xmlStrcmp(a->name, BAD_CAST "id") == 0 && a->ns != nullptr) {
      xmlChar* v = xmlNodeGetContent(reinterpret_cast<const xmlNode*>(a));
      std::string s(v ? reinterpret_cast<const char*>(v) : "");
      xmlFree(v);
      return s;
    }
  return {};
}

std::string text_of(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  std::string s(v ? reinterpret_cast<const char*>(v) : "");
  xmlFree(v);
  return s;
}

const xmlNode* child(const xmlNode* n, const char* name) {
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (is(c, name)) return c;
  return nullptr;
}

// Text of a string item (<si> or <is>): its <t>, or the <t> of every rich run <r>; phonetic
// runs (<rPh>) are annotations, not text.
std::string string_item(const xmlNode* si) {
  std::string out;
  for (const xmlNode* c = si->children; c; c = c->next) {
    if (is(c, "t")) out += text_of(c);
    if (is(c, "r"))
      if (const xmlNode* t = child(c, "t")) out += text_of(t);
  }
  return out;
}

// "B3" → row 2, column 1; false when it is not a cell reference.
bool parse_ref(const std::string& ref, std::size_t& row, std::size_t& column) {
  std::size_t i = 0, col = 0, r = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 4)
    col = col * 26 + static_cast<std::size_t>(ref[i++] - 'A' + 1);
  const std::size_t letters = i;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && i < letters + 8)
    r = r * 10 + static_cast<std::size_t>(ref[i++] - '0');
  if (letters == 0 || i == letters || i != ref.size() || r == 0) return false;
  row = r - 1;
  column = col - 1;
  return true;
}

class Reader {
 public:
  Reader(const std::string& path, std::vector<Diagnostic>& diagnostics)
      : path_(path), diags_(diagnostics) {}

  bool fail(const std::string& code, const std::string& message) {
    diags_.push_back(make_error(path_, code, message));
    return false;
  }

  // Inflates and parses one part; nullptr (with an error unless optional) when it cannot.
  XmlDocPtr part(zip_t* zip, const std::string& name, bool optional) {
    std::string xml;
    const PartResult p = read_part(zip, name, xml);
    if (p == PartResult::kMissing) {
      if (!optional) fail("bad-xlsx", fmt::format("不是有效的 .xlsx 文件：缺少 {}", name));
      return nullptr;
    }
    if (p == PartResult::kTooLarge) {
      fail("too-large", fmt::format("{} 解压后超过 {} MiB", name, limits::kMaxDocxPartBytes >> 20));
      return nullptr;
    }
    XmlDocPtr doc(p == PartResult::kOk ? detail::parse_xml(xml, name.c_str()) : nullptr);
    if (!doc) fail("bad-xlsx", fmt::format("不是有效的 .xlsx 文件：{} 无法解析", name));
    return doc;
  }

  // The worksheet part of the named (or first) sheet, and its name.
  bool locate_sheet(zip_t* zip, std::string_view wanted, std::string& part_name,
                    std::string& name) {
    const XmlDocPtr wb = part(zip, "xl/workbook.xml", false);
    if (!wb) return false;
    std::string rid;
    for (const xmlNode* s = child(child(xmlDocGetRootElement(wb.get()), "sheets"), "sheet"); s;
         s = s->next) {
      if (!is(s, "sheet")) continue;
      if (wanted.empty() || attr(s, "name") == wanted) {
        rid = relationship_id(s);
        name = attr(s, "name");
        break;
      }
    }
    if (rid.empty())
      return fail("no-sheet", wanted.empty() ? std::string("工作簿中没有工作表")
                                             : fmt::format("工作簿中没有名为“{}”的工作表", wanted));
    const XmlDocPtr rels = part(zip, "xl/_rels/workbook.xml.rels", false);
    if (!rels) return false;
    for (const xmlNode* r = xmlDocGetRootElement(rels.get())->children; r; r = r->next) {
      if (!is(r, "Relationship") || attr(r, "Id") != rid) continue;
      const std::string target = attr(r, "Target");
      part_name = !target.empty() && target[0] == '/' ? target.substr(1) : "xl/" + target;
      return true;
    }
    return fail("bad-xlsx", fmt::format("不是有效的 .xlsx 文件：找不到工作表“{}”的数据", name));
  }

  bool shared_strings(zip_t* zip, std::vector<std::string>& out) {
    std::string xml;
    if (read_part(zip, "xl/sharedStrings.xml", xml) == PartResult::kMissing) return true;
    const XmlDocPtr doc = part(zip, "xl/sharedStrings.xml", false);
    if (!doc) return false;
    for (const xmlNode* si = xmlDocGetRootElement(doc.get())->children; si; si = si->next)
      if (is(si, "si")) out.push_back(string_item(si));
    return true;
  }

  std::string cell_text(const xmlNode* c, const std::vector<std::string>& strings) {
    const std::string type = attr(c, "t");
    if (type == "inlineStr") {
      const xmlNode* is_node = child(c, "is");
      return is_node ? string_item(is_node) : std::string();
    }
    const xmlNode* v = child(c, "v");
    const std::string value = v ? text_of(v) : std::string();
    if (type == "s") {
      char* end = nullptr;
      const unsigned long k = std::strtoul(value.c_str(), &end, 10);
      return !value.empty() && *end == '\0' && k < strings.size() ? strings[k] : std::string();
    }
    if (type == "b") return value == "1" ? "TRUE" : "FALSE";
    return value;  // n (number), str (formula result), e (error such as #DIV/0!), d (ISO date)
  }

  bool cells(const xmlDoc* doc, const std::vector<std::string>& strings, Sheet& sheet) {
    const xmlNode* data = child(xmlDocGetRootElement(doc), "sheetData");
    std::size_t next_row = 0, width = 0;
    for (const xmlNode* row = data ? data->children : nullptr; row; row = row->next) {
      if (!is(row, "row")) continue;
      std::size_t r = next_row;
      if (const std::string rr = attr(row, "r"); !rr.empty())
        r = std::strtoul(rr.c_str(), nullptr, 10) - 1;
      if (r >= limits::kMaxSheetRows)
        return fail("too-large", fmt::format("工作表超过 {} 行", limits::kMaxSheetRows));
      next_row = r + 1;
      std::size_t next_col = 0;
      for (const xmlNode* c = row->children; c; c = c->next) {
        if (!is(c, "c")) continue;
        std::size_t rr = r, cc = next_col;
        if (const std::string ref = attr(c, "r"); !ref.empty() && !parse_ref(ref, rr, cc))
          return fail("bad-xlsx", fmt::format("单元格引用“{}”无效", ref));
        if (cc >= limits::kMaxSheetColumns)
          return fail("too-large", fmt::format("工作表超过 {} 列", limits::kMaxSheetColumns));
        next_col = cc + 1;
        std::string text = cell_text(c, strings);
        if (text.empty()) continue;
        if (sheet.rows.size() <= r) sheet.rows.resize(r + 1);
        auto& cells_of_row = sheet.rows[r];
        if (cells_of_row.size() <= cc) cells_of_row.resize(cc + 1);
        cells_of_row[cc] = std::move(text);
        width = std::max(width, cc + 1);
      }
    }
    for (auto& row : sheet.rows) row.resize(width);
    return true;
  }

 private:
  const std::string& path_;
  std::vector<Diagnostic>& diags_;
};

}  // namespace

std::string Sheet::cell_ref(std::size_t row, std::size_t column) {
  std::string letters;
  for (std::size_t c = column + 1; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row + 1);
}

std::optional<Sheet> read_xlsx_bytes(std::string_view bytes, const std::string& path,
                                     std::string_view sheet_name,
                                     std::vector<Diagnostic>& diagnostics) {
  Reader reader(path, diagnostics);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* zip = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  if (!zip) {
    if (source) zip_source_free(source);
    reader.fail("bad-xlsx", "不是有效的 .xlsx 文件（不是 zip 压缩包）");
    return std::nullopt;
  }
  std::unique_ptr<zip_t, void (*)(zip_t*)> owner(zip, [](zip_t* z) { zip_discard(z); });
  Sheet sheet;
  std::string part_name;
  std::vector<std::string> strings;
  if (!reader.locate_sheet(zip, sheet_name, part_name, sheet.name)) return std::nullopt;
  if (!reader.shared_strings(zip, strings)) return std::nullopt;
  const XmlDocPtr doc = reader.part(zip, part_name, false);
  if (!doc || !reader.cells(doc.get(), strings, sheet)) return std::nullopt;
  return sheet;
}

std::optional<Sheet> read_xlsx(const std::string& path, std::string_view sheet_name,
                               std::vector<Diagnostic>& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.push_back(make_error(path, "not-found", "文件不存在或无法打开"));
    return std::nullopt;
  }
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0 || static_cast<std::size_t>(size) > limits::kMaxDocxPartBytes) {
    diagnostics.push_back(make_error(
        path, size < 0 ? "unreadable" : "too-large",
        size < 0 ? "无法读取" : fmt::format("超过 {} MiB", limits::kMaxDocxPartBytes >> 20)));
    return std::nullopt;
  }
  in.seekg(0);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (!in.read(bytes.data(), size)) {
    diagnostics.push_back(make_error(path, "unreadable", "无法读取"));
    return std::nullopt;
  }
  return read_xlsx_bytes(bytes, path, sheet_name, diagnostics);
}

bool write_xlsx(const std::string& path, const std::vector<std::vector<std::string>>& rows,
                const XlsxWriteOptions& options, std::vector<Diagnostic>& diagnostics) {
  const std::string tmp = path + ".tmp.xlsx";
  lxw_workbook* wb = workbook_new(tmp.c_str());
  if (wb == nullptr) {
    diagnostics.push_back(make_error(path, "unwritable", "无法写入"));
    return false;
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb, options.sheet_name.c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  std::size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row.size());
  if (ws != nullptr && width > 0)
    worksheet_set_column(ws, 0, static_cast<lxw_col_t>(width - 1), options.width, nullptr);
  for (std::size_t r = 0; ws != nullptr && r < rows.size(); ++r) {
    for (std::size_t c = 0; c < width; ++c) {
      const bool is_text =
          r > 0 && std::find(options.text_columns.begin(), options.text_columns.end(), c) !=
                       options.text_columns.end();
      lxw_format* format =
          (r == 0 && options.bold_first_row) || (c == 0 && options.bold_first_column) ? bold
          : is_text                                                                   ? text
                                                                                      : nullptr;
      const std::string& value = c < rows[r].size() ? rows[r][c] : std::string();
      const auto rr = static_cast<lxw_row_t>(r);
      const auto cc = static_cast<lxw_col_t>(c);
      if (value.empty())
        worksheet_write_blank(ws, rr, cc, format);
      else
        worksheet_write_string(ws, rr, cc, value.c_str(), format);
    }
  }
  const lxw_error closed = workbook_close(wb);
  if (ws == nullptr || closed != LXW_NO_ERROR || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    diagnostics.push_back(make_error(path, "unwritable", "无法写入"));
    return false;
  }
  return true;
}

}  // namespace indicheck::formats
