// Pieces every HTML page of the outputs shares (html.cpp): the page frame with its inline CSS
// and sorting script, the state badge, a score cell and a quote. Used by index.html (html.cpp)
// and the 审核版 gap report (gap_html.cpp).
#pragma once

#include <string>
#include <string_view>

#include "indicheck/matcher.h"
#include "indicheck/messages.h"

namespace indicheck::reports_detail {

// <!DOCTYPE html> … <body>, the page's language attribute from `lang`.
std::string page_start(std::string_view title, Lang lang = Lang::kZh);
std::string page_end(bool sortable);  // the table-sorting script when asked, </html>
std::string badge(ItemState s, Lang lang = Lang::kZh);  // <span class="state s-met">已落实</span>
// A report-structure content's state: an absent optional content (the 5th) reads 未单列（非必备）.
std::string structure_badge(ItemState s, bool required, Lang lang = Lang::kZh);
std::string num_cell(double score, int digits = 1);
std::string quote_html(const Quote& q, bool peer = false);

}  // namespace indicheck::reports_detail
