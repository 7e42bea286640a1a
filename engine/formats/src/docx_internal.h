// Shared between docx.cpp (the document body) and docx_numbering.cpp (automatic numbering).
#pragma once

#include <libxml/tree.h>

#include <map>
#include <string>
#include <vector>

#include "internal.h"

namespace indicheck::formats::detail {

// Local name of an element ("p" for <w:p>); namespaces are not compared, so transitional and
// strict OOXML read alike.
inline std::string_view local_name(const xmlNode* n) {
  return n && n->name ? std::string_view(reinterpret_cast<const char*>(n->name))
                      : std::string_view();
}
// The w:val (or any attribute of that local name) of an element, "" when absent.
std::string docx_attribute(const xmlNode* n, const char* name);
// The first child element with that local name.
const xmlNode* docx_child(const xmlNode* n, std::string_view name);

// Automatic numbering (word/numbering.xml, word/styles.xml) turned back into the markers a
// reader sees: "一、", "（一）", "1.", "(1)". Counters advance as paragraphs are numbered, in
// document order; a level restarts when a higher level of its list advances.
class Numbering {
 public:
  void load_numbering(const xmlDoc* numbering);
  void load_styles(const xmlDoc* styles);
  // The marker of paragraph `p` (<w:p>), advancing its list's counters; "" when unnumbered.
  std::string marker(const xmlNode* p);

 private:
  struct Level {
    int start = 1;
    std::string format = "decimal";  // w:numFmt
    std::string text;                // w:lvlText, "%1、"
  };
  struct List {
    std::map<int, Level> levels;  // by w:ilvl
  };
  struct StyleNumbering {
    int num_id = 0, level = 0;
    std::string based_on;
  };
  std::map<std::string, List> abstract_;              // by w:abstractNumId
  std::map<int, std::string> num_to_abstract_;        // w:numId → w:abstractNumId
  std::map<int, std::map<int, int>> start_override_;  // numId → level → start
  std::map<std::string, StyleNumbering> styles_;
  std::map<int, std::vector<int>> counters_;  // numId → value per level (0 = not yet used)
};

}  // namespace indicheck::formats::detail
