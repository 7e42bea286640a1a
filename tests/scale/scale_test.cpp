// Scale correctness: outputs do not depend on --jobs, and many small files are all evaluated.
// The corpora come from indicheck-gen (bench/gen) with fixed seeds, so the inputs are the same
// on every run; they are written under the build tree and removed afterwards.
#include <fmt/core.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

// Scratch space: tmpfs when there is one (creating 20,000 files on a disk costs more time than
// evaluating them), else the build tree. Unique per process so parallel ctest runs do not clash.
const fs::path& work_dir() {
  static const fs::path dir = [] {
    std::error_code ec;
    fs::path base =
        fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::path(SCALE_WORK_DIR);
    fs::path d = base / fmt::format("indicheck-scale-{}", static_cast<long>(::getpid()));
    fs::create_directories(d, ec);
    if (ec) d = SCALE_WORK_DIR;
    return d;
  }();
  return dir;
}

struct RemoveWorkDir {
  ~RemoveWorkDir() {
    std::error_code ec;
    if (work_dir().parent_path() == "/dev/shm") fs::remove_all(work_dir(), ec);
  }
};

// Runs a command line (arguments are our own paths: no spaces or quotes) and returns its exit code.
int run(const std::string& command) {
  const std::string err = (work_dir() / "last-stderr.txt").string();
  int status = std::system((command + " >/dev/null 2>" + err).c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string last_stderr() {
  std::ifstream in(work_dir() / "last-stderr.txt");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Relative path → contents of every regular file below `dir`.
std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = slurp(e.path());
  }
  return files;
}

fs::path fresh(const std::string& name) {
  fs::path p = work_dir() / name;
  static RemoveWorkDir cleanup;  // constructed after work_dir's path, so destroyed before it
  fs::remove_all(p);
  return p;
}

}  // namespace

TEST_CASE("a generated corpus gives byte-identical outputs with 1 and 2 jobs", "[scale]") {
  const fs::path corpus = fresh("corpus-2mb");
  REQUIRE(run(fmt::format("{} --size 2MB --seed 7 --out {}", INDICHECK_GEN, corpus.string())) == 0);
  std::size_t reports = 0;
  for (const auto& e : fs::recursive_directory_iterator(corpus)) {
    reports += e.is_regular_file() && e.path().filename().string()[0] != '.';
  }
  REQUIRE(reports > 100);  // ~150 reports of 3,000-20,000 characters

  const fs::path out1 = fresh("out-jobs1");
  const fs::path out2 = fresh("out-jobs2");
  const std::string base = fmt::format("{} evaluate {} --quiet", INDICHECK_BINARY, corpus.string());
  int rc1 = run(fmt::format("{} --jobs 1 --out {}", base, out1.string()));
  INFO(last_stderr());
  REQUIRE((rc1 == 0 || rc1 == 1));
  int rc2 = run(fmt::format("{} --jobs 2 --out {}", base, out2.string()));
  INFO(last_stderr());
  REQUIRE(rc2 == rc1);

  const auto a = tree(out1);
  const auto b = tree(out2);
  REQUIRE(a.count("results.json") == 1);
  REQUIRE(a.count("scores.csv") == 1);
  REQUIRE(a.count("evidence.csv") == 1);
  std::size_t gap_pages = 0;
  for (const auto& [name, content] : a) gap_pages += name.rfind("gaps/", 0) == 0;
  CHECK(gap_pages >= reports);  // HTML and Markdown gap reports are compared too
  REQUIRE(a.size() == b.size());
  for (const auto& [name, content] : a) {
    INFO(name);
    REQUIRE(b.count(name) == 1);
    CHECK(b.at(name) == content);
  }
  // Every generated file is in the results, and nearly all of them were read.
  const auto results = nlohmann::json::parse(a.at("results.json"));
  CHECK(results["run"]["report_count"].get<std::size_t>() == reports);
  fs::remove_all(corpus);
  fs::remove_all(out1);
  fs::remove_all(out2);
}

TEST_CASE("a run over 20,000 small files completes and lists every file", "[scale]") {
  const fs::path corpus = fresh("corpus-20k");
  // Tiny reports (title, preamble sentence, one chapter with one section): ~0.5 KB each. No
  // GB18030 here: a few hundred bytes are too little for charset detection, by design.
  REQUIRE(run(fmt::format("{} --count 20000 --tiny --gb18030 0 --seed 11 --out {}", INDICHECK_GEN,
                          corpus.string())) == 0);
  const fs::path out = fresh("out-20k");
  // CSV only: results.json lists every leaf of every report (~40 KB a tiny report) and is
  // checked on the 2 MB corpus above; here the point is that 20,000 inputs all come through.
  int rc = run(fmt::format("{} evaluate {} --quiet --jobs 2 --format csv --out {}",
                           INDICHECK_BINARY, corpus.string(), out.string()));
  INFO(last_stderr());
  REQUIRE((rc == 0 || rc == 1));
  // scores.csv: a header, then one row per report and framework that scored it, with the
  // report's path first and its status second.
  std::istringstream scores(slurp(out / "scores.csv"));
  std::string line;
  REQUIRE(std::getline(scores, line));  // header
  std::set<std::string> paths;
  std::size_t not_ok = 0;
  while (std::getline(scores, line)) {
    const std::size_t comma = line.find(',');
    if (comma == std::string::npos) {
      ++not_ok;
      continue;
    }
    paths.insert(line.substr(0, comma));
    not_ok += line.compare(comma + 1, 3, "ok,") != 0;
  }
  CHECK(paths.size() == 20000);
  CHECK(not_ok == 0);
  fs::remove_all(corpus);
  fs::remove_all(out);
}
