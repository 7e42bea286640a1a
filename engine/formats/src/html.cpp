// Web pages → report text, with libxml2's HTML parser.
//
// Why libxml2 and not gumbo: libxml2 is already on every Debian machine (and its XML parser
// reads .docx), it parses GB18030 pages' tag soup in recovering mode at ~100 MB/s, and it
// gives a plain tree we can walk without recursion. gumbo would add a second parser for the
// same job.
//
// The idea: a government CMS page is the report inside a content block, surrounded by
// navigation, breadcrumbs, a metadata table, share buttons, 相关链接 and a footer. The report
// is where Chinese text and sentence punctuation are dense, and link text is not. So every
// visible text node (outside <a>, script, style, nav, forms…) scores its Han characters plus
// a bonus per punctuation mark, added to all its ancestors; then, from <body>, we descend into
// the child holding most of the score for as long as it holds at least kDescendShare of it (or
// half of it and nearly all the sentence ends: furniture has no 。).
// The block we stop at is the smallest one that still holds nearly all the report text.
// Inside it, blocks (p, div, li, tr, h1-h6, br) become lines; furniture that sits inside the
// content block (share bars, print/close buttons, related links) is dropped by its class or id
// when it has little punctuation of its own.
//
// The tree is walked through parent/next pointers (no recursion, no stack): a deeply nested
// page cannot overflow the stack.
#include <fmt/format.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "html_internal.h"
#include "indicheck/limits.h"

namespace indicheck::formats::detail {

namespace {

// Share of the parent's score the best child must hold for the descent to continue.
constexpr double kDescendShare = 0.8;
// ...or at least kDescendMinShare of it with kDescendStopShare of the sentence ends (。！？；).
constexpr double kDescendMinShare = 0.5;
constexpr double kDescendStopShare = 0.9;
// Weight of one punctuation mark against one Han character: sentences, not menus.
constexpr double kPunctuationWeight = 5.0;
// A page with fewer Han characters than this in its content block has no report in it.
constexpr std::size_t kMinReportHan = 40;
// Furniture named by class or id is dropped only when it has fewer marks than this.
constexpr std::uint32_t kMaxFurniturePunctuation = 3;

const char* name_of(const xmlNode* n) {
  return n->name ? reinterpret_cast<const char*>(n->name) : "";
}

bool is_block(std::string_view tag) {
  static constexpr std::string_view kBlocks[] = {
      "p",    "div",   "li",     "ul",         "ol",      "tr",      "table",  "tbody", "thead",
      "h1",   "h2",    "h3",     "h4",         "h5",      "h6",      "br",     "hr",    "dd",
      "dt",   "dl",    "pre",    "blockquote", "section", "article", "center", "form",  "header",
      "main", "aside", "figure", "figcaption", "address", "caption"};
  return std::find(std::begin(kBlocks), std::end(kBlocks), tag) != std::end(kBlocks);
}

bool furniture_name(std::string_view value) {
  static constexpr std::string_view kWords[] = {
      "share",  "print", "close", "crumb",   "related", "xglj", "fenxiang", "bdshare",
      "footer", "nav",   "menu",  "toolbar", "qrcode",  "ewm",  "weixin",   "wechat"};
  std::string v(value);
  std::transform(v.begin(), v.end(), v.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return std::any_of(std::begin(kWords), std::end(kWords),
                     [&](std::string_view w) { return v.find(w) != std::string::npos; });
}

std::string attribute(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

struct Score {
  double weight = 0;  // Han characters + punctuation bonus
  std::uint32_t han = 0;
  std::uint32_t punctuation = 0;
  std::uint32_t stops = 0;  // sentence ends 。！？；
};
using Scores = std::unordered_map<const xmlNode*, Score>;

// Next node in document order; skips the subtree of `n` when `descend` is false. Never
// leaves the subtree of `root`.
const xmlNode* next_node(const xmlNode* n, const xmlNode* root, bool descend) {
  if (descend && n->children) return n->children;
  while (n && n != root) {
    if (n->next) return n->next;
    n = n->parent;
  }
  return nullptr;
}

void count_text(std::string_view s, Score& score) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    i += next_code_point(s, i, cp);
    if (is_han(cp))
      ++score.han;
    else if (is_text_punctuation(cp))
      ++score.punctuation;
    if (cp == U'。' || cp == U'！' || cp == U'？' || cp == U'；') ++score.stops;
  }
  score.weight = score.han + kPunctuationWeight * score.punctuation;
}

// Scores of every element under `body` (see the file comment).
Scores score_tree(const xmlNode* body) {
  Scores scores;
  for (const xmlNode* n = body; n;) {
    bool descend = true;
    if (n->type == XML_ELEMENT_NODE) {
      descend = !ignored_element(n);
    } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      Score s;
      count_text(reinterpret_cast<const char*>(n->content ? n->content : BAD_CAST ""), s);
      bool in_link = false;
      for (const xmlNode* a = n->parent; a && a != body->parent; a = a->parent)
        if (a->type == XML_ELEMENT_NODE && std::strcmp(name_of(a), "a") == 0) in_link = true;
      if (!in_link && s.han + s.punctuation > 0)
        for (const xmlNode* a = n->parent; a && a != body->parent; a = a->parent) {
          Score& t = scores[a];
          t.weight += s.weight;
          t.han += s.han;
          t.punctuation += s.punctuation;
          t.stops += s.stops;
        }
    }
    n = next_node(n, body, descend);
  }
  return scores;
}

const xmlNode* content_block(const xmlNode* body, const Scores& scores) {
  const xmlNode* at = body;
  while (true) {
    const auto here = scores.find(at);
    if (here == scores.end()) return at;
    const xmlNode* best = nullptr;
    const Score* best_score = nullptr;
    for (const xmlNode* c = at->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      const auto s = scores.find(c);
      if (s != scores.end() && (!best_score || s->second.weight > best_score->weight)) {
        best = c;
        best_score = &s->second;
      }
    }
    if (!best) return at;
    const Score& parent = here->second;
    // Most of the text, or a good part of it with nearly every sentence end (a short report
    // beside a long metadata table and footer, which have no 。).
    const bool most_text = best_score->weight >= kDescendShare * parent.weight;
    const bool the_sentences = best_score->weight >= kDescendMinShare * parent.weight &&
                               parent.stops > 0 &&
                               best_score->stops >= kDescendStopShare * parent.stops;
    if (!most_text && !the_sentences) return at;
    at = best;
  }
}

// Furniture inside the content block: named so by class or id, hidden, and short of sentences.
bool furniture(const xmlNode* n, const Scores& scores) {
  const std::string cls = attribute(n, "class"), id = attribute(n, "id"),
                    style = attribute(n, "style");
  std::string compact;
  for (char c : style)
    if (c != ' ') compact += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool hidden = compact.find("display:none") != std::string::npos;
  if (!hidden && !furniture_name(cls) && !furniture_name(id)) return false;
  const auto s = scores.find(n);
  return s == scores.end() || s->second.punctuation < kMaxFurniturePunctuation;
}

// Accumulates lines: HTML whitespace collapses to one space, dropped between two wide
// characters when it was a source line break (CJK text wrapped in the markup).
class LineWriter {
 public:
  void text(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
      char32_t cp;
      i += next_code_point(s, i, cp);
      if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f') {
        pending_ = true;
        pending_newline_ = pending_newline_ || cp == '\n' || cp == '\r';
        continue;
      }
      if (pending_ && !line_.empty() && !(pending_newline_ && is_wide(last_) && is_wide(cp)))
        line_ += ' ';
      pending_ = pending_newline_ = false;
      append_utf8(line_, cp);
      last_ = cp;
    }
  }
  void cell_break() { pending_ = true; }
  void line_break() {
    const std::string_view t = trim_space(line_);
    if (!t.empty()) {
      out_.append(t);
      out_ += '\n';
    }
    line_.clear();
    pending_ = pending_newline_ = false;
    last_ = 0;
  }
  std::string take() {
    line_break();
    return std::move(out_);
  }

 private:
  std::string out_, line_;
  bool pending_ = false, pending_newline_ = false;
  char32_t last_ = 0;
};

std::string block_lines(const xmlNode* block, const Scores& scores) {
  LineWriter w;
  auto leave = [&](const xmlNode* n) {
    if (n->type != XML_ELEMENT_NODE) return;
    const std::string_view tag = name_of(n);
    if (is_block(tag))
      w.line_break();
    else if (tag == "td" || tag == "th")
      w.cell_break();
  };
  for (const xmlNode* n = block; n;) {
    bool descend = true;
    if (n->type == XML_ELEMENT_NODE) {
      descend = !ignored_element(n) && (n == block || !furniture(n, scores));
      if (descend && is_block(name_of(n))) w.line_break();
    } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content) w.text(reinterpret_cast<const char*>(n->content));
    }
    if (descend && n->children) {
      n = n->children;
      continue;
    }
    // Leave n and every ancestor that has no next sibling, up to the block.
    while (true) {
      leave(n);
      if (n == block) {
        n = nullptr;
        break;
      }
      if (n->next) {
        n = n->next;
        break;
      }
      n = n->parent;
    }
  }
  return w.take();
}

}  // namespace

bool ignored_element(const xmlNode* n) {
  static constexpr std::string_view kIgnored[] = {
      "script",   "style", "noscript", "template", "iframe", "head",  "select", "option", "button",
      "textarea", "svg",   "nav",      "footer",   "object", "embed", "input",  "map"};
  const std::string_view tag = name_of(n);
  return std::find(std::begin(kIgnored), std::end(kIgnored), tag) != std::end(kIgnored);
}

bool read_html(std::string_view bytes, const std::string& path, Extracted& out,
               std::vector<Diagnostic>& diagnostics) {
  std::string utf8;
  if (!page_to_utf8(bytes, path, utf8, out.encoding, diagnostics)) return false;
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                      HTML_PARSE_NONET | HTML_PARSE_NOBLANKS | HTML_PARSE_COMPACT |
                      HTML_PARSE_IGNORE_ENC;
  htmlDocPtr doc =
      htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8", options);
  if (!doc) {
    diagnostics.push_back(
        make_error(path, "html-broken", "libxml2 could not parse this page at all"));
    return false;
  }
  const xmlNode* root = xmlDocGetRootElement(doc);
  const xmlNode* body = root;
  for (const xmlNode* n = root; n; n = next_node(n, root, !ignored_element(n)))
    if (n->type == XML_ELEMENT_NODE && std::strcmp(name_of(n), "body") == 0) {
      body = n;
      break;
    }
  std::string text;
  std::size_t han = 0;
  if (body) {
    const Scores scores = score_tree(body);
    const xmlNode* block = content_block(body, scores);
    text = block_lines(block, scores);
    if (const auto s = scores.find(block); s != scores.end()) han = s->second.han;
    read_page_metadata(doc, body, block, out.metadata);
  }
  xmlFreeDoc(doc);
  if (han < kMinReportHan) {
    diagnostics.push_back(make_error(
        path, "html-no-text",
        fmt::format(
            "the page has no report text ({} Chinese characters outside scripts, styles and "
            "links): it may load the report by script or only link to an attachment; save the "
            "report itself (text, .docx or PDF)",
            han)));
    return false;
  }
  out.text = std::move(text);
  return true;
}

}  // namespace indicheck::formats::detail
