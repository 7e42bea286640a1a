// Walking a folder for the files below it, shared by the report inputs (run/) and the rule
// packs (engine/rules): hidden entries skipped, symbolic links to folders not followed (a link
// loop cannot trap the walk), and a folder that cannot be listed reported, never skipped
// silently (issue 17).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "indicheck/diagnostic.h"

namespace indicheck {

// Appends every regular file below `root` to `found` (in no particular order: callers sort).
// A folder that cannot be listed is error[unreadable] naming it; returns false then.
bool list_regular_files(const std::filesystem::path& root, std::vector<std::string>& found,
                        std::vector<Diagnostic>& diagnostics);

}  // namespace indicheck
