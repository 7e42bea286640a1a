// Running a helper program (antiword) without a shell: posix_spawnp with an argument vector,
// stdout through a pipe, stderr to /dev/null, a deadline and an output cap; the child is
// killed when either is passed. Safe to call from several worker threads at once (every fd we
// open is close-on-exec, so a child spawned by another thread inherits none of ours).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <string_view>

#include "internal.h"

extern char** environ;

namespace indicheck::formats::detail {

namespace {

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// Kills and reaps `pid`.
void kill_child(pid_t pid) {
  ::kill(pid, SIGKILL);
  int status;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace

ToolResult run_tool(const std::vector<std::string>& args, int timeout_ms, std::size_t max_output,
                    std::string& output) {
  output.clear();
  int p[2];
  if (::pipe2(p, O_CLOEXEC) != 0) return ToolResult::kFailed;
  Fd read_end{p[0]}, write_end{p[1]};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, write_end.fd, STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  // The child gets the caller's environment with the locale pinned to C.UTF-8: antiword maps
  // its output through the locale, and under a LANG or LC_ALL naming a locale that is not
  // installed (en_US.UTF-8 on a minimal Debian) it drops every Chinese character.
  static char kLocale[] = "LC_ALL=C.UTF-8";
  std::vector<char*> env;
  for (char** e = environ; e && *e; ++e) {
    const std::string_view entry(*e);
    if (entry.rfind("LC_ALL=", 0) == 0 || entry.rfind("LC_CTYPE=", 0) == 0 ||
        entry.rfind("LANG=", 0) == 0)
      continue;
    env.push_back(*e);
  }
  env.push_back(kLocale);
  env.push_back(nullptr);
  pid_t pid;
  const int rc = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return rc == ENOENT ? ToolResult::kNotFound : ToolResult::kFailed;
  ::close(write_end.fd);
  write_end.fd = -1;

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  char buf[65536];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) {
      kill_child(pid);
      return ToolResult::kTimeout;
    }
    pollfd pfd{read_end.fd, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) continue;  // the deadline check above ends it
    const ssize_t n = ::read(read_end.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (output.size() + static_cast<std::size_t>(n) > max_output) {
      kill_child(pid);
      return ToolResult::kTooLarge;
    }
    output.append(buf, static_cast<std::size_t>(n));
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return ToolResult::kFailed;
  }
  // posix_spawnp reports a missing program as exit 127 where the C library execs in the child.
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && output.empty())
    return ToolResult::kNotFound;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? ToolResult::kOk : ToolResult::kFailed;
}

}  // namespace indicheck::formats::detail
