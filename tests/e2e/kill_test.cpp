// Issue 17, "Done when": SIGKILL at random moments of 50 runs over a generated corpus, the
// output folder checked after each. It must always hold one complete set of one run (or not
// exist yet), never a mix of two runs or a partial set; and a run that completes leaves no
// staging folder beside it (the dead runs' ones included).
//
// Runs are told apart by their --date, which every output file carries. Kill times are drawn
// from a fixed seed over [0.4, 1.2] x the duration of the last unkilled run (the first 0.4 are
// rule loading), so some runs die reading reports, some writing, some swapping, some not at
// all; every third run is not killed. The
// duration is measured only to place the kills; nothing asserts on time.
#include <fmt/format.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "e2e_util.h"

using namespace e2e;

namespace {

const fs::path kSource = INDICHECK_SOURCE_DIR;

std::string date_of_run(int i) {
  return fmt::format("2026-{:02}-{:02}", 1 + i / 28, 1 + i % 28);
}

// Starts `indicheck evaluate` and returns its pid; stdout and stderr go to /dev/null.
pid_t start_run(const fs::path& corpus, const fs::path& out, const std::string& date) {
  const std::vector<std::string> args = {INDICHECK_BINARY,
                                         "evaluate",
                                         corpus.string(),
                                         "--rules",
                                         (kSource / "rules").string(),
                                         "--out",
                                         out.string(),
                                         "--date",
                                         date,
                                         "--jobs",
                                         "2",
                                         "--quiet"};
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::freopen("/dev/null", "w", stdout);
    ::freopen("/dev/null", "w", stderr);
    ::unsetenv("CI");
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

// What a complete set holds: the files and the number of gap reports.
struct SetShape {
  std::set<std::string> files;
};

SetShape shape_of(const fs::path& out) {
  SetShape s;
  for (const auto& e : fs::recursive_directory_iterator(out))
    if (e.is_regular_file()) s.files.insert(fs::relative(e.path(), out).string());
  return s;
}

// "" when `out` holds one complete set of one run, else what is wrong. `date` receives the run.
std::string check_set(const fs::path& out, const SetShape& expected, std::string& date) {
  const SetShape got = shape_of(out);
  if (got.files != expected.files)
    return fmt::format("{} files instead of {} (partial or mixed set)", got.files.size(),
                       expected.files.size());
  const auto doc = nlohmann::json::parse(slurp(out / "results.json"), nullptr, false);
  if (doc.is_discarded() || !doc.contains("run")) return "results.json is not complete JSON";
  date = doc["run"]["date"].get<std::string>();
  for (const auto& f : got.files) {
    if (f.size() < 5 || (f.substr(f.size() - 5) != ".html" && f != "results.json")) continue;
    if (slurp(out / f).find(date) == std::string::npos)
      return fmt::format("{} is not from the run of {} (mixed set)", f, date);
  }
  return "";
}

std::vector<std::string> staging_beside(const fs::path& out) {
  std::vector<std::string> found;
  const std::string prefix = "." + out.filename().string() + ".indicheck";
  for (const auto& e : fs::directory_iterator(out.parent_path()))
    if (e.path().filename().string().rfind(prefix, 0) == 0)
      found.push_back(e.path().filename().string());
  return found;
}

}  // namespace

TEST_CASE("SIGKILL at random moments of 50 runs never leaves a mixed or partial output set",
          "[e2e][kill]") {
  const fs::path base = fresh_dir("kill");
  const fs::path corpus = base / "corpus", out = base / "out";
  const Run gen = run(quote_arg(INDICHECK_GEN) + " --count 24 --out " + quote_arg(corpus.string()) +
                      " --seed 17");
  INFO(gen.out);
  REQUIRE(gen.status == 0);

  // An unkilled run: the shape of a complete set, and how long a run takes.
  auto started = std::chrono::steady_clock::now();
  REQUIRE(WEXITSTATUS(wait_for(start_run(corpus, out, "2025-12-31"))) == 0);
  double run_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const SetShape expected = shape_of(out);
  REQUIRE(expected.files.size() > 10);

  std::mt19937 random(17);
  // Before 0.4 x the run, a run is still loading rules (two thirds of its time): kills there
  // only show that nothing changes, so they are spread over the reading, writing and swapping.
  // Every third run is not killed: it replaces the set, and its duration rescales the window
  // (the machine's load changes while ctest runs other tests beside this one).
  std::uniform_real_distribution<double> when(0.4, 1.2);
  int killed = 0, completed = 0;
  std::set<std::string> dates_seen;
  for (int i = 0; i < 50; ++i) {
    const std::string date = date_of_run(i);
    const bool spare = i % 3 == 2;
    const double delay = when(random) * run_seconds;
    started = std::chrono::steady_clock::now();
    const pid_t pid = start_run(corpus, out, date);
    bool sent = false;
    if (!spare) {
      std::this_thread::sleep_for(std::chrono::duration<double>(delay));
      sent = ::kill(pid, SIGKILL) == 0;
    }
    const int status = wait_for(pid);
    const bool was_killed = WIFSIGNALED(status);
    killed += was_killed ? 1 : 0;
    INFO("run " << i << " (" << date << "), killed: " << was_killed << ", signal sent: " << sent);
    if (spare)
      run_seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!was_killed) {
      REQUIRE(WEXITSTATUS(status) == 0);
      ++completed;
      // A run that completed removed every staging folder of the dead runs before it.
      CHECK(staging_beside(out).empty());
    }
    std::string set_date;
    const std::string problem = check_set(out, expected, set_date);
    INFO(problem);
    REQUIRE(problem.empty());
    if (!was_killed) CHECK(set_date == date);
    dates_seen.insert(set_date);
  }
  // The last word: a run that is not killed cleans up whatever the kills left.
  REQUIRE(WEXITSTATUS(wait_for(start_run(corpus, out, "2026-12-31"))) == 0);
  CHECK(staging_beside(out).empty());
  std::string final_date;
  CHECK(check_set(out, expected, final_date).empty());
  CHECK(final_date == "2026-12-31");
  // The kills did land at different moments: some runs died, some were replaced by later ones.
  WARN(killed << " of 50 runs killed, " << completed << " completed, " << dates_seen.size()
              << " different sets seen");
  CHECK(killed >= 10);
  CHECK(completed >= 16);
  CHECK(dates_seen.size() >= 3);
  fs::remove_all(base);
}
