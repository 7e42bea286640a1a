// --review inside the run (run/src/review_apply.cpp): decisions → ReviewMarks → states.
#pragma once

#include <string>
#include <vector>

#include "indicheck/evaluation.h"
#include "indicheck/review.h"

namespace indicheck {

// Records every decision of `file` as a ReviewMark on the reports it names (unit and year;
// framework when given). False with errors at the file's line for a unit-year no report of
// the run has (review-unknown-unit) or an item none of its frameworks has as a leaf
// (review-unknown-item).
bool apply_review(const ReviewFile& file, const RuleSet& rules, std::vector<ReportResult>& reports,
                  std::vector<Diagnostic>& diagnostics);

// Replaces the states of reviewed leaves of `framework_id` with the reviewed states.
void apply_review_marks(const ReportResult& report, const std::string& framework_id,
                        std::vector<ItemState>& states);

}  // namespace indicheck
