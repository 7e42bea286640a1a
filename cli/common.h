// Helpers shared by subcommands: input expansion and diagnostic printing.
#pragma once

#include <boost/program_options.hpp>
#include <string>
#include <vector>

#include "commands.h"
#include "indicheck/diagnostic.h"

namespace indicheck::cli {

// Expands files and directories (recursively: every regular file, hidden ones skipped) into a
// sorted, de-duplicated list of files. A path that does not exist becomes an error diagnostic
// ("not-found"); an unreadable directory "unreadable". Order never depends on the file system.
std::vector<std::string> expand_inputs(const std::vector<std::string>& paths,
                                       std::vector<Diagnostic>& diagnostics);

// Parses a subcommand's arguments: `visible` options (listed by --help), `hidden` ones that
// the bare arguments fill through `positional`. Returns Boost's message for a usage error and
// "" on success; each command prints the message its own way and exits kExitInput.
std::string parse_arguments(const Args& args,
                            const boost::program_options::options_description& visible,
                            const boost::program_options::options_description& hidden,
                            const boost::program_options::positional_options_description& positional,
                            boost::program_options::variables_map& vm);

// Prints each diagnostic on its own line to stderr.
void print_diagnostics(const std::vector<Diagnostic>& diagnostics);

// Directory holding the bundled rules/ and corpus/ when the user gives none: the current
// directory if it has them, else the source tree the binary was built from.
std::string default_data_path(const std::string& name);

}  // namespace indicheck::cli
