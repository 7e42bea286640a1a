#include "common.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <system_error>

namespace fs = std::filesystem;

namespace indicheck::cli {

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

std::string parse_arguments(const Args& args,
                            const boost::program_options::options_description& visible,
                            const boost::program_options::options_description& hidden,
                            const boost::program_options::positional_options_description& positional,
                            boost::program_options::variables_map& vm) {
  namespace po = boost::program_options;
  po::options_description all;
  all.add(visible).add(hidden);
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return e.what();
  }
  return "";
}

void print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) std::cerr << d.str() << '\n';
}

std::string default_data_path(const std::string& name) {
  std::error_code ec;
  if (fs::exists(name, ec)) return name;
#ifdef INDICHECK_SOURCE_DIR
  fs::path source = fs::path(INDICHECK_SOURCE_DIR) / name;
  if (fs::exists(source, ec)) return source.string();
#endif
  return name;
}

}  // namespace indicheck::cli
