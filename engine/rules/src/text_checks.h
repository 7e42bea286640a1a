// Small text helpers of the rule loader: did-you-mean hints and code-point columns. The checks
// on a rule file's raw text before yaml-cpp sees it are core's check_yaml_text
// (indicheck/yaml_text.h), shared with every other YAML reader.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "indicheck/diagnostic.h"

namespace indicheck::rules_internal {

// Levenshtein distance over bytes (keys and names are ASCII); for did-you-mean hints.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a small distance, or "" if none is close.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

// 1-based column in code points of byte `offset` within its line.
std::uint32_t column_of(std::string_view text, std::size_t line_start, std::size_t offset);

}  // namespace indicheck::rules_internal
