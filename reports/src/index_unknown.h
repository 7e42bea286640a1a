// index.html's list of reports whose unit or year is still unknown (issue 11: on the page, not
// only on stderr), split from html.cpp.
#pragma once

#include <string>

#include "indicheck/reports.h"

namespace indicheck::reports_detail {

bool metadata_unknown(const ReportResult& r);
void unknown_metadata_section(const Evaluation& evaluation, std::string& out);

}  // namespace indicheck::reports_detail
