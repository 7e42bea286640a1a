// Input expansion: the files and directories a run is given → the report files it reads.
//
// Directories are walked with an explicit stack (no recursion over the user's tree). A folder
// that cannot be listed is an error naming it (it becomes a failed report, so the run's exit
// code says something failed), never a silent gap in the batch: issue 17, defect 3.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "indicheck/run.h"

namespace fs = std::filesystem;

namespace indicheck {

namespace {

Diagnostic unreadable_directory(const fs::path& dir, const std::error_code& ec) {
  return make_error(dir.string(), "unreadable", "cannot read directory: " + ec.message());
}

// Every regular file under `root` (hidden entries skipped; symlinks to directories are not
// followed, so a link loop cannot trap the walk). Returns false when a folder could not be read.
bool list_directory(const fs::path& root, std::vector<std::string>& found,
                    std::vector<Diagnostic>& diagnostics) {
  bool complete = true;
  std::vector<fs::path> pending{root};
  while (!pending.empty()) {
    const fs::path dir = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    std::vector<fs::path> subdirs;
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
      const auto name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') continue;
      std::error_code type_ec;
      if (it->is_directory(type_ec)) {
        if (!it->is_symlink(type_ec)) subdirs.push_back(it->path());
      } else if (it->is_regular_file(type_ec)) {
        found.push_back(it->path().string());
      }
    }
    if (ec) {
      diagnostics.push_back(unreadable_directory(dir, ec));
      complete = false;
    }
    pending.insert(pending.end(), subdirs.rbegin(), subdirs.rend());
  }
  return complete;
}

}  // namespace

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
    const bool complete = list_directory(p, found, diagnostics);
    if (found.empty() && complete)
      diagnostics.push_back(make_warning(p, "empty-directory", "directory holds no files"));
    files.insert(files.end(), found.begin(), found.end());
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

}  // namespace indicheck
