// Helpers shared by subcommands: input expansion and diagnostic printing.
#pragma once

#include <string>
#include <vector>

#include "indicheck/diagnostic.h"

namespace indicheck::cli {

// Expands files and directories (recursively: every regular file, hidden ones skipped) into a
// sorted, de-duplicated list of files. A path that does not exist becomes an error diagnostic
// ("not-found"); an unreadable directory "unreadable". Order never depends on the file system.
std::vector<std::string> expand_inputs(const std::vector<std::string>& paths,
                                       std::vector<Diagnostic>& diagnostics);

// Prints each diagnostic on its own line to stderr.
void print_diagnostics(const std::vector<Diagnostic>& diagnostics);

// Directory holding the bundled rules/ and corpus/ when the user gives none: the current
// directory if it has them, else the source tree the binary was built from.
std::string default_data_path(const std::string& name);

}  // namespace indicheck::cli
