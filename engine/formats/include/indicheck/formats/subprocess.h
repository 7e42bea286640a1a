// Running a helper program without a shell (antiword for .doc, Chromium for `--format pdf`):
// posix_spawnp with an argument vector, stdout through a pipe, stderr to /dev/null, a deadline
// and an output cap; the child is killed when either is passed. Safe from several threads.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace indicheck::formats::detail {

enum class ToolResult { kOk, kNotFound, kTimeout, kTooLarge, kFailed };

// Runs args[0] (looked up in PATH) with `args` and no shell; its stdout goes to `output`.
// Killed after `timeout_ms` or once it writes more than `max_output` bytes. kFailed: it
// could not be started, or exited non-zero or by a signal. The child's locale is C.UTF-8.
ToolResult run_tool(const std::vector<std::string>& args, int timeout_ms, std::size_t max_output,
                    std::string& output);

}  // namespace indicheck::formats::detail
