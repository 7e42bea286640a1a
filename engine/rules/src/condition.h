// The condition language of checks: `a and b`, `a or not b`, `(a or b) and not c`,
// `2 of (a, b, c)`. Parsed with a shunting-yard loop (no recursion, whatever the nesting) into
// postfix form, and evaluated with a value stack.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "indicheck/rules.h"

namespace indicheck::rules_internal {

struct ConditionError {
  std::size_t offset = 0;  // byte offset in the condition text
  std::string message;
  std::string unknown_name;  // set when the error is an unknown selection name
};

// Parses `text` against the selection names; returns false with `error` set on failure.
bool parse_condition(std::string_view text, const std::vector<std::string>& names,
                     std::vector<ConditionOp>& out, ConditionError& error);

// "any of the selections": s0 s1 or s2 or ...
std::vector<ConditionOp> any_condition(std::size_t selection_count);

// Evaluates postfix `ops` with `present[i]` = selection i has a hit in the window.
bool evaluate_condition(const std::vector<ConditionOp>& ops, const std::vector<char>& present);

}  // namespace indicheck::rules_internal
