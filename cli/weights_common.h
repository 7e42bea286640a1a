// Shared by the `weights` commands (cmd_weights.cpp, cmd_weights_ahp.cpp).
#pragma once

#include <string>

namespace indicheck::cli::weights {

// The methods of `weights --help`, in the CLI's language (ui_lang()).
const char* weights_usage();
// "indicheck CMD: error[usage]: MESSAGE (run …--help)" on stderr, in the CLI's language;
// returns the input exit code.
int usage_error(const std::string& command, const std::string& message);
// Writes `text` to `path` through a temporary file and a rename; error[unwritable] otherwise.
int write_file(const std::string& path, const std::string& text);
// The profile to stdout, or to `out` (written as by write_file) with a note how to use it.
int emit_profile(const std::string& yaml, const std::string& out);

}  // namespace indicheck::cli::weights
