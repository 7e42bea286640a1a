// A saved run read back: results.json (written by `evaluate`, docs/results-schema.md) → the
// run's data model (Evaluation), for `indicheck render` to write every output again without
// reading a single report.
//
// results.json holds every fact the renderers read of a report: its metadata, diagnostics,
// every item's state, structured reason, quotes, near misses and review mark, the previous
// year from the history, and the run facts (date, version, language, options that change
// outputs). The rule files are read again from the paths the run used (or `rules_paths`) and
// must hash as the run's did; the scores are computed again from the states (scoring is a pure
// function of states, rules, profile and options), so ranks, peer groups and the sensitivity
// draws are the run's.
#pragma once

#include <string>
#include <vector>

#include "indicheck/run.h"

namespace indicheck {

// Reads `path` into `result` (rules, evaluation with every report's evidence in memory, tables).
// Returns kExitOk, or kExitInput with one error in result.diagnostics naming `path`:
//   not-found / unreadable   the file cannot be read
//   bad-results              not JSON (with line:column), truncated, not a results.json, or a
//                            value of the wrong type or out of range (names the JSON key)
//   results-version          another schema than kResultsSchema (another indicheck)
//   rules-changed            the rule files do not hash as the run's (--rules names others)
// plus the rule loader's own errors when the rule files do not load. `rules_paths` empty = the
// paths results.json names.
int read_results_file(const std::string& path, const std::vector<std::string>& rules_paths,
                      PipelineResult& result);

}  // namespace indicheck
