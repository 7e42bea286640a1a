// Subcommands of the `indicheck` executable. Each takes the arguments after its own name and
// returns a process exit code (indicheck::ExitCode). Each lives in its own cmd_*.cpp.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace indicheck {
class CompiledRules;
}

namespace indicheck::cli {

using Args = std::vector<std::string>;

int run_parse(const Args& args);        // cmd_parse.cpp
int run_rules(const Args& args);        // cmd_rules.cpp: rules check|test|lint|list
int run_explain(const Args& args);      // cmd_rules.cpp
int run_evaluate(const Args& args);     // cmd_evaluate.cpp
int run_render(const Args& args);       // cmd_render.cpp: outputs again from results.json
int run_weights(const Args& args);      // cmd_weights.cpp: weights ahp|entropy|critic|fit
int run_weights_ahp(const Args& args);  // cmd_weights_ahp.cpp: weights ahp (YAML, .xlsx, .csv)
int run_sensitivity(const Args& args);  // cmd_weights.cpp
int run_review(const Args& args);       // cmd_review.cpp: review init
int run_history(const Args& args);      // cmd_history.cpp: history FILE.db runs|units|unit|diff

// `rules lint --near-misses|--collisions CORPUS` and `--anchors` (cmd_lint.cpp), after
// run_rules has loaded and compiled the rules.
struct CorpusLintRequest {
  std::vector<std::string> near_misses;  // corpus paths, or empty
  std::vector<std::string> collisions;   // corpus paths, or empty
  bool anchors = false;                  // also print every section's anchors
  std::size_t max_examples = 3;
  std::size_t top = 5;
  std::size_t min_occurrences = 20;
};
int lint_corpus(std::shared_ptr<const CompiledRules> rules, const CorpusLintRequest& request);

}  // namespace indicheck::cli
