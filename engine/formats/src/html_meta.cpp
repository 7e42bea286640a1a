// Publisher metadata of a government web page.
//
// CMS templates (TRS, 大汉, 博思) put the article's facts in <meta> tags for search engines
// (ArticleTitle, PubDate, ContentSource) and in a visible 政府信息公开 table above the article:
//
//   索 引 号：PZ00106-2500-2026-00120      主题分类：无
//   发布机构：区公安局                      成文日期：2026-03-31
//   发文字号：                              发布日期：2026-03-31
//
// Both are read here, each value with its source named. A key's value is the rest of its own
// text node, or the next text node when the key stands alone (<li>发布机构：<font>…</font>).
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "html_internal.h"

namespace indicheck::formats::detail {

namespace {

struct MetaName {
  const char* meta;   // <meta name=…>
  const char* field;  // our field name
};
constexpr MetaName kMetaNames[] = {
    {"articletitle", "标题"}, {"pubdate", "发布日期"}, {"contentsource", "发布机构"}};

// Visible table keys (whitespace removed) and the field each one fills.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kTableKeys{{
    {"索引号", "索引号"},
    {"发文字号", "发文字号"},
    {"文号", "发文字号"},
    {"发布机构", "发布机构"},
    {"发文机关", "发布机构"},
    {"成文日期", "成文日期"},
    {"发布日期", "发布日期"},
    {"发布时间", "发布日期"},
    {"标题", "标题"},
}};

// Values that mean "none".
bool empty_value(std::string_view v) {
  return v.empty() || v == "无" || v == "-" || v == "/" || v == "—" || v == "暂无";
}

std::string compact(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    i += next_code_point(s, i, cp);
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x3000 ||
        (cp >= 0x2000 && cp <= 0x200B))
      continue;
    append_utf8(out, cp);
  }
  return out;
}

bool has_field(const std::vector<PublisherField>& fields, std::string_view name) {
  for (const auto& f : fields)
    if (f.name == name) return true;
  return false;
}

void add(std::vector<PublisherField>& fields, std::string_view name, std::string_view value,
         const char* source) {
  const std::string v(trim_space(value));
  if (empty_value(v) || v.size() > 300 || has_field(fields, name)) return;
  fields.push_back({std::string(name), v, source});
}

const char* name_of(const xmlNode* n) {
  return n->name ? reinterpret_cast<const char*>(n->name) : "";
}

std::string prop(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

const xmlNode* next_node(const xmlNode* n, const xmlNode* root, bool descend) {
  if (descend && n->children) return n->children;
  while (n && n != root) {
    if (n->next) return n->next;
    n = n->parent;
  }
  return nullptr;
}

std::string text_of(const xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  if (!c) return {};
  std::string out(reinterpret_cast<const char*>(c));
  xmlFree(c);
  return out;
}

// "平潭综合实验区公安局2025年度法治政府建设情况报告_工作动态_平潭综合实验区党工委管委会":
// the article title is the part before the first separator.
std::string title_from_head(std::string_view title) {
  for (std::string_view sep : {"_", " - ", "|", "——"}) {
    const std::size_t at = title.find(sep);
    if (at != std::string_view::npos && at > 0) title = title.substr(0, at);
  }
  return std::string(trim_space(title));
}

void read_head(const xmlNode* root, std::vector<PublisherField>& meta, std::string& head_title) {
  for (const xmlNode* n = root; n; n = next_node(n, root, true)) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (std::strcmp(name_of(n), "meta") == 0) {
      std::string name = prop(n, "name");
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      for (const MetaName& m : kMetaNames)
        if (name == m.meta) add(meta, m.field, prop(n, "content"), "meta");
    } else if (std::strcmp(name_of(n), "title") == 0 && head_title.empty()) {
      head_title = title_from_head(text_of(n));
    } else if (std::strcmp(name_of(n), "body") == 0) {
      break;
    }
  }
}

// The visible table: text nodes of the body outside the content block.
void read_table(const xmlNode* body, const xmlNode* content, std::vector<PublisherField>& table) {
  std::string_view pending;  // a key waiting for its value in the next text node
  int pending_age = 0;
  for (const xmlNode* n = body; n;) {
    bool descend = true;
    if (n == content || (n->type == XML_ELEMENT_NODE && ignored_element(n)))
      descend = false;
    else if (n->type == XML_TEXT_NODE && n->content) {
      const std::string t = compact(reinterpret_cast<const char*>(n->content));
      if (!t.empty()) {
        bool is_key = false;
        for (const auto& [key, field] : kTableKeys) {
          if (t.compare(0, key.size(), key) != 0) continue;
          std::string_view rest = std::string_view(t).substr(key.size());
          if (rest.empty()) {  // <td>文号</td><td>莆市审〔2026〕6号</td>
            is_key = true;
            pending = field;
            pending_age = 0;
            break;
          }
          if (rest.rfind("：", 0) == 0)
            rest.remove_prefix(3);
          else if (rest.rfind(":", 0) == 0)
            rest.remove_prefix(1);
          else
            continue;
          is_key = true;
          // Keep the value's own spaces ("2026-03-31 18:32"): take it from the raw text.
          if (!rest.empty()) {
            // The first colon of the raw text is the key's (keys have none).
            const std::string_view raw(reinterpret_cast<const char*>(n->content));
            const std::size_t wide = raw.find("："), narrow = raw.find(':');
            const std::size_t colon = std::min(wide, narrow);
            const std::size_t after = colon + (colon == wide ? 3 : 1);
            add(table, field, raw.substr(std::min(after, raw.size())), "page table");
            pending = {};
          } else {
            pending = field;
            pending_age = 0;
          }
          break;
        }
        if (!is_key && !pending.empty()) {
          add(table, pending, reinterpret_cast<const char*>(n->content), "page table");
          pending = {};
        }
      }
      if (!pending.empty() && ++pending_age > 3) pending = {};
    }
    n = next_node(n, body, descend);
  }
}

}  // namespace

void read_page_metadata(const xmlDoc* doc, const xmlNode* body, const xmlNode* content,
                        std::vector<PublisherField>& fields) {
  const xmlNode* root = xmlDocGetRootElement(doc);
  std::vector<PublisherField> meta, table;
  std::string head_title;
  if (root) read_head(root, meta, head_title);
  if (body) read_table(body, content, table);
  // Meta tags first (machine-written), then the visible table, then <title>.
  for (const std::string_view name :
       {"标题", "发布日期", "成文日期", "发文字号", "发布机构", "索引号"}) {
    for (const auto* list : {&meta, &table})
      for (const auto& f : *list)
        if (f.name == name && !has_field(fields, name)) fields.push_back(f);
    if (name == "标题" && !has_field(fields, name) && !head_title.empty())
      fields.push_back({"标题", head_title, "title"});
  }
}

}  // namespace indicheck::formats::detail
