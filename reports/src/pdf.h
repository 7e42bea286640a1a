// `--format pdf`: the HTML outputs (index.html, gap reports of both editions) printed to PDF by
// headless Chromium, when it is installed (Debian: chromium; CJK glyphs from fonts-noto-cjk).
// The pages' own print CSS sets the paper: A4 (the 单位版 portrait, index and 审核版 landscape).
#pragma once

#include <string>
#include <vector>

namespace indicheck::reports_detail {

// Chromium to print with: $INDICHECK_CHROMIUM when set (a path or a name in PATH), else the
// first of chromium, chromium-browser, google-chrome found in PATH; "" when none.
std::string find_chromium();

// Prints each of `html_names` (relative to `dir`) to the same name with .pdf, on up to `jobs`
// Chromium processes at a time (each killed after two minutes). False with `error` naming the
// file that could not be printed.
bool print_pdfs(const std::string& chromium, const std::string& dir,
                const std::vector<std::string>& html_names, int jobs, std::string& error,
                std::string& failed_name);

}  // namespace indicheck::reports_detail
