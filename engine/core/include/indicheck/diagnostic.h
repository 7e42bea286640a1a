// Diagnostics: how every stage reports expected failures.
//
// Indicheck never throws across a stage boundary for bad input. A stage returns a value
// plus a list of Diagnostics; library exceptions (yaml-cpp, ICU, RE2 errors) are caught at the
// boundary and turned into one of these. A diagnostic prints as
//
//     path:line:col: error[code]: message
//
// (line and column 1-based; omitted when 0), which is what editors and CI annotators parse.
// Codes are short kebab-case words ("not-found", "unknown-key") documented in docs/errors.md
// and asserted word for word in tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace indicheck {

enum class Severity : std::uint8_t { kError, kWarning, kNote };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string path;        // file the problem is in; may be empty for run-level problems
  std::uint32_t line = 0;  // 1-based; 0 = no position
  std::uint32_t column = 0;
  std::string code;     // e.g. "not-found"
  std::string message;  // one sentence, no trailing period needed

  // "path:line:col: error[code]: message" (parts omitted when absent).
  std::string str() const;
};

Diagnostic make_error(std::string path, std::string code, std::string message,
                      std::uint32_t line = 0, std::uint32_t column = 0);
Diagnostic make_warning(std::string path, std::string code, std::string message,
                        std::uint32_t line = 0, std::uint32_t column = 0);

bool has_errors(const std::vector<Diagnostic>& diagnostics);

// Process exit codes, shared by every subcommand (documented in docs/cli.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitFindings = 1,  // below --fail-under, failing rule examples, inconsistent AHP matrix
  kExitInput = 2,     // bad input: missing file, broken rule file, bad option
  kExitInternal = 3,  // a bug: an exception escaped a stage
};

}  // namespace indicheck
