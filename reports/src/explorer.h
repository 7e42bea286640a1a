// The weight explorer (权重试算) section of index.html: explorer.cpp renders the data and the
// controls, explorer_js.h holds the page code. See explorer.cpp.
#pragma once

#include <string>
#include <string_view>

#include "view.h"

namespace indicheck::reports_detail {

// Whether the table's model uses weights (hierarchical, flat): only those can be explored.
bool explorer_supported(const ScoreTable& table);
// The section for table `t` (a heading and a note only when its model uses no weights).
void explorer_section(const View& v, int t, std::string& out);
// Page-wide CSS and script, included once when any section was rendered.
std::string_view explorer_css();
std::string_view explorer_js();

}  // namespace indicheck::reports_detail
