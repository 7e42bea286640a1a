// Issue 17 (reliability), end to end: a machine that refuses threads, and an output folder that
// changes as a whole (no stale gap reports, no staging folder left by a dead run, an unusable
// --out found before any report is read).
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "e2e_util.h"

using namespace e2e;

namespace {

const fs::path kSource = INDICHECK_SOURCE_DIR;

std::vector<std::string> common_args(const fs::path& out) {
  return {(kSource / "corpus").string(),
          "--rules",
          (kSource / "rules").string(),
          "--date",
          "2026-01-02",
          "--out",
          out.string()};
}

Run evaluate_env(const std::string& env, const std::vector<std::string>& args) {
  std::string cmd = "env -u CI " + env + " " + quote_arg(INDICHECK_BINARY) + " evaluate";
  for (const auto& a : args) cmd += " " + quote_arg(a);
  return run(cmd);
}

// Names beside `out` that are staging folders of runs into it.
std::vector<std::string> staging_beside(const fs::path& out) {
  std::vector<std::string> found;
  const std::string prefix = "." + out.filename().string() + ".indicheck";
  for (const auto& e : fs::directory_iterator(out.parent_path()))
    if (e.path().filename().string().rfind(prefix, 0) == 0)
      found.push_back(e.path().filename().string());
  return found;
}

}  // namespace

TEST_CASE("a machine that refuses worker threads gets fewer workers, never an abort",
          "[e2e][threads]") {
  // Before issue 17 a refused thread (ulimit -u, ulimit -v with many --jobs) ended in
  // std::terminate, exit 134. INDICHECK_TEST_THREAD_LIMIT makes creation fail after N threads
  // (docs/reliability.md), which root's ulimit -u cannot do.
  const fs::path base = fresh_dir("threads");
  const Run reference = evaluate(common_args(base / "one"));
  REQUIRE(reference.status == 0);
  const auto expected = files_below(base / "one");
  for (const char* limit : {"0", "1", "3"}) {
    INFO("thread limit " << limit);
    const fs::path out = base / (std::string("limit-") + limit);
    auto args = common_args(out);
    args.insert(args.end(), {"--jobs", "4"});
    const Run r = evaluate_env(std::string("INDICHECK_TEST_THREAD_LIMIT=") + limit, args);
    INFO(r.out);
    CHECK(r.status == 0);
    CHECK(r.out.find(std::string("warning[threads]: the system refused to start more threads: ") +
                     limit + " of 4 worker(s) started") != std::string::npos);
    CHECK(files_below(out) == expected);
  }
  fs::remove_all(base);
}

TEST_CASE("a real address-space cap with many --jobs is a clean run or out-of-memory",
          "[e2e][threads]") {
#if defined(__SANITIZE_ADDRESS__)
  WARN("skipped under AddressSanitizer: its shadow memory does not fit under ulimit -v");
  return;
#else
  // Each thread reserves its stack and a malloc arena: 64 of them do not fit in 1.2 GB of
  // address space, so thread creation (or an allocation) fails for real. 70 reports, so that
  // --jobs 64 is not cut down to the number of files. Before issue 17: terminate, exit 134.
  const fs::path out = fresh_dir("ulimit");
  REQUIRE(run(quote_arg(INDICHECK_GEN) + " --count 70 --tiny --seed 3 --out " +
              quote_arg((out / "corpus").string()))
              .status == 0);
  std::string cmd = "ulimit -v 1200000; env -u CI " + quote_arg(INDICHECK_BINARY) + " evaluate";
  auto args = common_args(out / "out");
  args[0] = (out / "corpus").string();
  args.insert(args.end(), {"--jobs", "64"});
  for (const auto& a : args) cmd += " " + quote_arg(a);
  const Run r = run("bash -c " + quote_arg(cmd));
  INFO(r.out);
  CHECK((r.status == 0 || r.status == 3));
  if (r.status == 3) CHECK(r.out.find("error[out-of-memory]") != std::string::npos);
  CHECK(r.out.find("terminate called") == std::string::npos);
  fs::remove_all(out);
#endif
}

TEST_CASE("the output folder is replaced as a whole: no stale gap report survives",
          "[e2e][output]") {
  const fs::path base = fresh_dir("whole");
  const fs::path out = base / "out";
  fs::create_directories(base / "two");
  for (const char* f : {"nanhu-2021.txt", "sip-2023.txt"})
    fs::copy_file(kSource / "corpus" / f, base / "two" / f);
  auto args = common_args(out);
  args[0] = (base / "two").string();
  REQUIRE(evaluate(args).status == 0);
  REQUIRE(fs::exists(out / "gaps/sip-2023.html"));
  fs::remove(base / "two/sip-2023.txt");
  const Run second = evaluate(args);
  INFO(second.out);
  REQUIRE(second.status == 0);
  // Before issue 17 the gap report of the removed report stayed, with its outdated rank.
  CHECK_FALSE(fs::exists(out / "gaps/sip-2023.html"));
  CHECK_FALSE(fs::exists(out / "gaps/sip-2023.md"));
  CHECK(fs::exists(out / "gaps/nanhu-2021.html"));
  // A run with fewer formats leaves only those: the set is this run's.
  args.insert(args.end(), {"--format", "json"});
  REQUIRE(evaluate(args).status == 0);
  CHECK(fs::exists(out / "results.json"));
  CHECK_FALSE(fs::exists(out / "index.html"));
  CHECK(staging_beside(out).empty());
  // The folder keeps the mode it had (the staging folder is made 0700 by mkdtemp).
  fs::permissions(out, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
  REQUIRE(evaluate(args).status == 0);
  CHECK((fs::status(out).permissions() & fs::perms::all) ==
        (fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
         fs::perms::others_read | fs::perms::others_exec));
  fs::remove_all(base);
}

TEST_CASE("staging folders of dead runs are removed by the next run, live ones are kept",
          "[e2e][output]") {
  const fs::path base = fresh_dir("stale");
  const fs::path out = base / "out";
  // A dead run's staging folder: nobody holds its lock (a SIGKILLed run leaves exactly this).
  fs::create_directories(base / ".out.indicheck-dead01/gaps");
  std::ofstream(base / ".out.indicheck-dead01/results.json") << "{";
  // A live run's: this test process holds the lock.
  fs::create_directories(base / ".out.indicheck-live01");
  const int fd = ::open((base / ".out.indicheck-live01").c_str(), O_RDONLY | O_DIRECTORY);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX) == 0);
  // Another output folder's staging is not this run's business.
  fs::create_directories(base / ".other.indicheck-dead02");
  const Run r = evaluate(common_args(out));
  INFO(r.out);
  REQUIRE(r.status == 0);
  CHECK_FALSE(fs::exists(base / ".out.indicheck-dead01"));
  CHECK(fs::exists(base / ".out.indicheck-live01"));
  CHECK(fs::exists(base / ".other.indicheck-dead02"));
  ::close(fd);
  fs::remove_all(base);
}

TEST_CASE("an --out that cannot be used stops the run before any report is read", "[e2e][output]") {
  const fs::path base = fresh_dir("badout");
  // A folder holding the user's own files is never replaced (that would delete them).
  fs::create_directories(base / "mine");
  std::ofstream(base / "mine/notes.txt") << "keep me";
  auto args = common_args(base / "mine");
  args[0] = (base / "no-such-report.txt").string();
  Run r = evaluate(args);
  INFO(r.out);
  CHECK(r.status == 2);
  CHECK(r.out.find(base.string() + "/mine: error[output]: holds \"notes.txt\", which indicheck "
                                   "did not write; the outputs replace the whole folder, so "
                                   "give an empty or new folder") != std::string::npos);
  // Checked first: the missing report is never looked at.
  CHECK(r.out.find("not-found") == std::string::npos);
  CHECK(slurp(base / "mine/notes.txt") == "keep me");

  // A folder that cannot be created (its parent is a file): the real errno, up front.
  std::ofstream(base / "file") << "x";
  args = common_args(base / "file/out");
  args[0] = (base / "no-such-report.txt").string();
  r = evaluate(args);
  INFO(r.out);
  CHECK(r.status == 2);
  CHECK(r.out.find("error[output]: cannot create the folder of --out: Not a directory") !=
        std::string::npos);
  CHECK(r.out.find("not-found") == std::string::npos);
  fs::remove_all(base);
}
