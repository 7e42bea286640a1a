// Every YAML file scoring reads (AHP matrices) goes through the same gate as rule files:
// size limit, then check_yaml_text (indicheck/yaml_text.h: UTF-8, no anchors/aliases or
// several documents, nesting no deeper than limits::kMaxYamlDepth) — before yaml-cpp, which
// recurses and would overflow its stack on a deep file.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "indicheck/diagnostic.h"

namespace indicheck::detail {

// The parsed document, or nullopt with errors in `diagnostics` (not-found, too-large,
// unreadable, check_yaml_text's not-utf8 / yaml-alias / multiple-documents / too-deep, yaml).
std::optional<YAML::Node> load_yaml_file(const std::string& path,
                                         std::vector<Diagnostic>& diagnostics);

}  // namespace indicheck::detail
