// Input expansion: the files and directories a run is given → the report files it reads.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "indicheck/run.h"

namespace fs = std::filesystem;

namespace indicheck {

std::vector<std::string> expand_inputs(const std::vector<std::string>& paths,
                                       std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) {
      diagnostics.push_back(make_error(p, "not-found", "no such file or directory"));
      continue;
    }
    if (!fs::is_directory(status)) {
      files.push_back(p);
      continue;
    }
    fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      diagnostics.push_back(make_error(p, "unreadable", "cannot read directory: " + ec.message()));
      continue;
    }
    std::vector<std::string> found;
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const auto name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) found.push_back(it->path().string());
    }
    if (found.empty())
      diagnostics.push_back(make_warning(p, "empty-directory", "directory holds no files"));
    files.insert(files.end(), found.begin(), found.end());
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

}  // namespace indicheck
