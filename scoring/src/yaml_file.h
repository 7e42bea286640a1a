// Every YAML file scoring reads (AHP matrices) goes through the same checks as rule files:
// size limit, UTF-8, no anchors/aliases or several documents, nesting no deeper than
// limits::kMaxYamlDepth — before yaml-cpp, which recurses and would overflow its stack on a
// deep file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "indicheck/diagnostic.h"

namespace indicheck::detail {

// The parsed document, or nullopt with errors in `diagnostics` (not-found, too-large, the
// text checks' codes, yaml).
std::optional<YAML::Node> load_yaml_file(const std::string& path,
                                         std::vector<Diagnostic>& diagnostics);

}  // namespace indicheck::detail
