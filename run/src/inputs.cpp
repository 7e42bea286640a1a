// Input expansion: the files and directories a run is given → the report files it reads.
//
// Directories are walked with an explicit stack (no recursion over the user's tree). A folder
// that cannot be listed is an error naming it (it becomes a failed report, so the run's exit
// code says something failed), never a silent gap in the batch: issue 17, defect 3.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "indicheck/file_walk.h"
#include "indicheck/run.h"

namespace fs = std::filesystem;

namespace indicheck {

std::vector<std::string> expand_inputs(const std::vector<std::string>& paths,
                                       std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    auto status = fs::status(p, ec);
    if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
      // A symbolic link loop, a path it may not look at: the code `parse` gives it too.
      diagnostics.push_back(make_error(p, "unreadable", "cannot open: " + ec.message()));
      continue;
    }
    if (ec || !fs::exists(status)) {
      diagnostics.push_back(make_error(p, "not-found", "no such file or directory"));
      continue;
    }
    if (!fs::is_directory(status)) {
      files.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    const bool complete = list_regular_files(p, found, diagnostics);
    if (found.empty() && complete)
      diagnostics.push_back(make_warning(p, "empty-directory", "directory holds no files"));
    files.insert(files.end(), found.begin(), found.end());
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

}  // namespace indicheck
