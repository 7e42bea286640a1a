// The main() of every Catch2 test program. Tests put their scratch files under
// std::filesystem::temp_directory_path(); here that is one folder per test program
// ($TMPDIR/indicheck-test-XXXXXX, made the way /tmp is: 1777, so tests that drop privileges can
// still use it), handed to the program and the indicheck runs it starts through TMPDIR, and
// removed when the program ends. Before, every run left its folders in /tmp.
#define CATCH_CONFIG_RUNNER
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

int main(int argc, char* argv[]) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::string pattern = (fs::temp_directory_path(ec) / "indicheck-test-XXXXXX").string();
  const bool scratch = !ec && ::mkdtemp(pattern.data()) != nullptr;
  if (scratch) {
    ::chmod(pattern.c_str(), 01777);
    ::setenv("TMPDIR", pattern.c_str(), 1);
  }
  const int result = Catch::Session().run(argc, argv);
  if (scratch) fs::remove_all(pattern, ec);
  return result;
}
