// Starting worker threads on a machine that may refuse them. std::thread throws when the
// system cannot create a thread (RLIMIT_NPROC reached, no address space left for its stack
// under `ulimit -v`); a throw while other threads run, or an exception leaving a constructor
// of a vector<std::thread> with joinable threads in it, ends in std::terminate (exit 134). So
// every pool is started through start_threads(): it starts as many threads as it can, up to
// `wanted`, and returns how many it started. The caller runs with fewer workers (0 means: do
// the work on the calling thread) and says so; it never aborts.
//
// Test hook: INDICHECK_TEST_THREAD_LIMIT=N in the environment makes thread creation fail after
// N threads of one pool, as `ulimit -u` would, so the fallback is tested on any machine (root
// ignores RLIMIT_NPROC). Documented in docs/reliability.md.
#pragma once

#include <cstdlib>
#include <new>
#include <system_error>
#include <thread>
#include <vector>

namespace indicheck {

// The limit the test hook sets, or `wanted`.
inline unsigned thread_limit_for_tests(unsigned wanted) {
  const char* limit = std::getenv("INDICHECK_TEST_THREAD_LIMIT");
  if (limit == nullptr || *limit == '\0') return wanted;
  char* end = nullptr;
  const unsigned long n = std::strtoul(limit, &end, 10);
  if (*end != '\0') return wanted;
  return n < wanted ? static_cast<unsigned>(n) : wanted;
}

template <typename F>
unsigned start_threads(std::vector<std::thread>& pool, unsigned wanted, const F& body) {
  const unsigned allowed = thread_limit_for_tests(wanted);
  try {
    pool.reserve(wanted);
  } catch (...) {
    return 0;
  }
  for (unsigned i = 0; i < allowed; ++i) {
    try {
      pool.emplace_back(body);
    } catch (const std::system_error&) {
      break;
    } catch (const std::bad_alloc&) {
      break;
    }
  }
  return static_cast<unsigned>(pool.size());
}

}  // namespace indicheck
