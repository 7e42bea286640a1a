// Subcommands of the `indicheck` executable. Each takes the arguments after its own name and
// returns a process exit code (indicheck::ExitCode). Each lives in its own cmd_*.cpp.
#pragma once

#include <string>
#include <vector>

namespace indicheck::cli {

using Args = std::vector<std::string>;

int run_parse(const Args& args);        // cmd_parse.cpp
int run_rules(const Args& args);        // cmd_rules.cpp: rules check|test|lint|list
int run_explain(const Args& args);      // cmd_rules.cpp
int run_evaluate(const Args& args);     // cmd_evaluate.cpp
int run_weights(const Args& args);      // cmd_weights.cpp: weights ahp|entropy|critic|fit
int run_sensitivity(const Args& args);  // cmd_weights.cpp

}  // namespace indicheck::cli
