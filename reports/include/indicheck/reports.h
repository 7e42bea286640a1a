// Stage 4 of Indicheck: results → files an auditor reads and shares.
//
// Renders an Evaluation (metadata, evidence with quotes, score tables, run facts) as
// index.html, one gap report per unit-year (HTML and Markdown), results.json (schema in
// docs/results-schema.md), scores.csv and evidence.csv. Every file is written to a temporary
// name and renamed, so a failed run never leaves half-written output.
//
// The renderers only read the Evaluation; they never reach back into the matcher or scoring.
#pragma once

#include <string>
#include <vector>

#include "indicheck/diagnostic.h"
#include "indicheck/document.h"
#include "indicheck/matcher.h"
#include "indicheck/rules.h"
#include "indicheck/scoring.h"

namespace indicheck {

// One report file's outcome. A file that could not be read has failed = true, its errors, and
// no evidence; it is listed in every output.
struct ReportResult {
  std::string path;
  bool failed = false;
  Metadata meta;
  std::vector<Diagnostic> diagnostics;     // errors (failed) or warnings
  std::vector<DocumentEvidence> evidence;  // one per framework evaluated (indicators first)
};

struct RunFacts {
  std::string tool_version;
  std::string rules_hash;
  std::string date;                 // ISO date of the run
  std::vector<std::string> inputs;  // paths as given
  std::vector<std::string> rules_paths;
  std::string profile_path;
  std::string model;                // scoring model name
  int jobs = 1;
};

struct Evaluation {
  RunFacts facts;
  const RuleSet* rules = nullptr;
  std::vector<ReportResult> reports;  // sorted by path: output never depends on --jobs
  std::vector<ScoreTable> tables;     // one per framework that scored any report
};

}  // namespace indicheck
