// Running the indicheck CLI from the scoring tests: from the source tree (relative paths in
// messages stay stable), stdout and stderr captured through files in a scratch folder.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace scoring_test {

struct Run {
  int rc = -1;
  std::string out, err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// One folder per test program for the captured output.
inline std::filesystem::path scratch() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("indicheck-scoring-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline Run run_indicheck(const std::string& args) {
  const auto out = scratch() / "stdout.txt", err = scratch() / "stderr.txt";
  const std::string cmd = std::string("cd '") + INDICHECK_SOURCE_DIR + "' && '" + INDICHECK_BINARY +
                          "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  Run r;
  const int status = std::system(cmd.c_str());
  r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace scoring_test
