// Checks on the raw bytes of a rule file, before yaml-cpp sees them.
//
// yaml-cpp parses nested collections recursively and expands aliases eagerly, so a 10,000-deep
// `[[[[...` or a "billion laughs" alias bomb would overflow its stack or exhaust memory before
// we could walk the tree. These checks run on the text first and refuse such files with a
// diagnostic: invalid UTF-8, anchors/aliases, several documents, and nesting deeper than
// limits::kMaxYamlDepth. The scanner is a deliberately small approximation of YAML's lexical
// rules (quotes, comments, block scalars, flow brackets, indentation): it errs on the side of
// over-counting depth, never on letting a deep file through.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "indicheck/diagnostic.h"

namespace indicheck::rules_internal {

// Returns false (and adds one error) when `text` is not valid UTF-8.
bool check_utf8(std::string_view text, const std::string& path,
                std::vector<Diagnostic>& diagnostics);

// Returns false (and adds errors) on aliases/anchors, several documents or deep nesting.
bool prescan_yaml(std::string_view text, const std::string& path,
                  std::vector<Diagnostic>& diagnostics);

// Levenshtein distance over bytes (keys and names are ASCII); for did-you-mean hints.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a small distance, or "" if none is close.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

// 1-based column in code points of byte `offset` within its line.
std::uint32_t column_of(std::string_view text, std::size_t line_start, std::size_t offset);

}  // namespace indicheck::rules_internal
