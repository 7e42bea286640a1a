#include "indicheck/file_walk.h"

#include <system_error>

namespace fs = std::filesystem;

namespace indicheck {

bool list_regular_files(const fs::path& root, std::vector<std::string>& found,
                        std::vector<Diagnostic>& diagnostics) {
  bool complete = true;
  std::vector<fs::path> pending{root};
  while (!pending.empty()) {
    const fs::path dir = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      const auto name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') continue;
      std::error_code type_ec;
      if (it->is_directory(type_ec)) {
        if (!it->is_symlink(type_ec)) pending.push_back(it->path());
      } else if (it->is_regular_file(type_ec)) {
        found.push_back(it->path().string());
      }
    }
    if (ec) {
      diagnostics.push_back(
          make_error(dir.string(), "unreadable", "cannot read directory: " + ec.message()));
      complete = false;
    }
  }
  return complete;
}

}  // namespace indicheck
