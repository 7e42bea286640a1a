// The gate every YAML file passes before a YAML parser sees it (rule packs, profiles, AHP
// matrices: every reader calls check_yaml_text on the raw text, then parses).
//
// yaml-cpp parses nested collections recursively and expands aliases eagerly, so a 10,000-deep
// `[[[[...` or a "billion laughs" alias bomb would overflow its stack or exhaust memory before
// we could walk the tree. This check runs on the text first and refuses such files with a
// diagnostic: invalid UTF-8, anchors/aliases, several documents, and nesting deeper than
// limits::kMaxYamlDepth. The scan is a deliberately small approximation of YAML's lexical
// rules (quotes, comments, block scalars, flow brackets, indentation): it errs on the side of
// over-counting depth, never on letting a deep file through.
//
// It takes and returns plain text and diagnostics only, so it lives in core and no YAML
// library type appears here; reading the file (size limit, BOM) and parsing stay with each
// reader, which owns its own messages for those.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indicheck/diagnostic.h"

namespace indicheck {

// True when `text` (a YAML file's content, UTF-8 BOM already removed) may be handed to a YAML
// parser. Otherwise false, with errors added for `path`: not-utf8 (at the first bad byte), or
// yaml-alias, multiple-documents, too-deep (at the offending line:column).
bool check_yaml_text(std::string_view text, const std::string& path,
                     std::vector<Diagnostic>& diagnostics);

}  // namespace indicheck
