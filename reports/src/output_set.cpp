// OutputSet (indicheck/reports.h): --out replaced as a whole, by one rename.
//
// The staging folder is a sibling of --out (same file system, so the rename is atomic) named
// `.<name>.indicheck-XXXXXX`. A run holds an flock on it for as long as it lives; the kernel
// drops the lock when the process dies, however it dies, so "unlocked" is exactly "left by a
// dead run" and the next run removes it. The folder is created under a name the cleanup only
// removes when it is also a minute old (`.<name>.indicheck~XXXXXX`), locked, then renamed: a
// concurrent run can never remove a folder between its creation and its lock.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "indicheck/reports.h"

namespace fs = std::filesystem;

namespace indicheck {

namespace {

// Below this much free space on the disk of --out a run is refused before it reads a report.
constexpr std::uint64_t kMinFreeBytes = 16ull << 20;

// Entries a folder of outputs may hold: what a run writes (index.html, results.json and .xlsx,
// scores.csv and scores-<framework>.csv, evidence.csv, index.pdf; gaps/ holding only .html,
// .md, .docx, .pdf),
// staging and evidence files of older versions (`.indicheck-*`), and what file managers add.
bool is_output_entry(const fs::directory_entry& e) {
  const std::string name = e.path().filename().string();
  std::error_code ec;
  const bool framework_scores = name.rfind("scores-", 0) == 0 && name.size() > 11 &&
                                name.compare(name.size() - 4, 4, ".csv") == 0;
  if (name == "index.html" || name == "results.json" || name == "scores.csv" ||
      name == "evidence.csv" || name == "results.xlsx" || name == "index.pdf" || framework_scores)
    return e.is_regular_file(ec);
  if (name == "gaps") {
    if (!e.is_directory(ec) || e.is_symlink(ec)) return false;
    for (fs::directory_iterator it(e.path(), ec), end; !ec && it != end; it.increment(ec)) {
      const std::string ext = it->path().extension().string();
      if (!it->is_regular_file(ec) ||
          (ext != ".html" && ext != ".md" && ext != ".docx" && ext != ".pdf"))
        return false;
    }
    return !ec;
  }
  return name.rfind(".indicheck-", 0) == 0 || name == ".DS_Store" || name == "Thumbs.db" ||
         name == "desktop.ini";
}

// The first entry of `dir` that a run did not write ("" when none): such a folder is not
// replaced, since replacing it would delete that entry.
std::string foreign_entry(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (!is_output_entry(*it)) return it->path().filename().string();
  return ec ? std::string("?") : std::string();
}

// Removes the staging folders of runs into `target` that are dead: their lock is free. A
// folder still being set up (`~`) must also be a minute old.
void remove_stale_staging(const fs::path& parent, const std::string& name) {
  const std::string done = "." + name + ".indicheck-", setting_up = "." + name + ".indicheck~";
  std::vector<fs::path> stale;
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string entry = it->path().filename().string();
    const bool is_done = entry.rfind(done, 0) == 0;
    if (!is_done && entry.rfind(setting_up, 0) != 0) continue;
    std::error_code time_ec;
    if (!is_done && now - fs::last_write_time(it->path(), time_ec) < std::chrono::minutes(1))
      continue;
    const int fd = ::open(it->path().c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) continue;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) stale.push_back(it->path());
    ::close(fd);
  }
  for (const auto& path : stale) fs::remove_all(path, ec);
}

// The folder --out names: itself, or where it points when it is a symbolic link (the link
// stays). Empty with `error` set when it cannot be used.
fs::path resolve_target(const std::string& out_dir, std::string& error) {
  std::error_code ec;
  fs::path target(out_dir.empty() ? std::string(".") : out_dir);
  if (fs::is_symlink(fs::symlink_status(target, ec))) {
    target = fs::canonical(target, ec);
    if (ec) {
      error = "is a symbolic link to nothing: " + ec.message();
      return {};
    }
  }
  target = fs::absolute(target, ec).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  if (ec || target.filename().empty() || target == target.root_path()) {
    error = "cannot be the root folder";
    return {};
  }
  const auto status = fs::status(target, ec);
  if (fs::exists(status) && !fs::is_directory(status)) {
    error = "is not a folder";
    return {};
  }
  if (fs::is_directory(status)) {
    const std::string foreign = foreign_entry(target);
    if (!foreign.empty()) {
      error = fmt::format(
          "holds \"{}\", which indicheck did not write; the outputs replace the whole folder, "
          "so give an empty or new folder",
          foreign);
      return {};
    }
  }
  return target;
}

}  // namespace

std::unique_ptr<OutputSet> OutputSet::begin(const std::string& out_dir,
                                            std::vector<Diagnostic>& diagnostics) {
  std::unique_ptr<OutputSet> set(new OutputSet);
  set->out_dir_ = out_dir;
  std::string error;
  const fs::path target = resolve_target(out_dir, error);
  if (target.empty()) {
    diagnostics.push_back(make_error(out_dir, "output", error));
    return nullptr;
  }
  set->target_ = target.string();
  const fs::path parent = target.parent_path();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) {
    diagnostics.push_back(make_error(parent.string(), "output",
                                     "cannot create the folder of --out: " + ec.message()));
    return nullptr;
  }
  const std::string name = target.filename().string();
  remove_stale_staging(parent, name);

  std::string staging = (parent / ("." + name + ".indicheck~XXXXXX")).string();
  if (::mkdtemp(staging.data()) == nullptr) {
    diagnostics.push_back(make_error(
        parent.string(), "output",
        fmt::format("cannot create a folder beside --out (the outputs are written there, then "
                    "swapped in): {}",
                    std::strerror(errno))));
    return nullptr;
  }
  set->staging_ = staging;  // removed by the destructor from here on
  // mkdtemp makes the folder 0700; the new --out gets the mode of the old one, or what the
  // umask gives a new folder (a web server or a colleague may read it).
  struct stat old_out {};
  mode_t mode = 0;
  if (::stat(target.c_str(), &old_out) == 0) {
    mode = old_out.st_mode & 07777;
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0777 & ~mask;
  }
  ::chmod(staging.c_str(), mode | S_IRWXU);
  set->lock_fd_ = ::open(staging.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (set->lock_fd_ < 0 || ::flock(set->lock_fd_, LOCK_EX) != 0) {
    diagnostics.push_back(
        make_error(staging, "output", fmt::format("cannot lock: {}", std::strerror(errno))));
    return nullptr;
  }
  std::string locked = staging;
  locked[locked.rfind('~')] = '-';  // mkdtemp's letters are [A-Za-z0-9]
  if (::rename(staging.c_str(), locked.c_str()) != 0) {
    diagnostics.push_back(
        make_error(staging, "output", fmt::format("cannot rename: {}", std::strerror(errno))));
    return nullptr;
  }
  set->staging_ = locked;

  struct statvfs fs_info {};
  if (::statvfs(locked.c_str(), &fs_info) == 0) {
    const std::uint64_t free_bytes =
        static_cast<std::uint64_t>(fs_info.f_bavail) * static_cast<std::uint64_t>(fs_info.f_frsize);
    if (free_bytes < kMinFreeBytes) {
      diagnostics.push_back(make_error(
          out_dir, "no-space",
          fmt::format("only {:.1f} MB free on the disk of --out; a run needs at least {} MB "
                      "(No space left on device)",
                      static_cast<double>(free_bytes) / 1e6, kMinFreeBytes >> 20)));
      return nullptr;
    }
  }
  return set;
}

OutputSet::~OutputSet() {
  if (!committed_ && !staging_.empty()) {
    std::error_code ignored;
    fs::remove_all(staging_, ignored);
  }
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

bool OutputSet::commit(std::vector<Diagnostic>& diagnostics) {
  std::error_code ec;
  const bool replace = fs::exists(fs::symlink_status(target_, ec));
  // Checked again: a file put into --out during the run would be deleted with the old set.
  if (replace) {
    const std::string foreign = foreign_entry(target_);
    if (!foreign.empty()) {
      diagnostics.push_back(make_error(
          out_dir_, "output",
          fmt::format("holds \"{}\", which indicheck did not write (it appeared during the "
                      "run); nothing was replaced",
                      foreign)));
      return false;
    }
  }
  int rc = replace
               ? ::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE)
               : ::rename(staging_.c_str(), target_.c_str());
  if (rc != 0 && !replace && (errno == EEXIST || errno == ENOTEMPTY))  // another run was first
    rc = ::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE);
  if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
    // A file system without RENAME_EXCHANGE: the old set is moved aside first, so for a moment
    // --out does not exist; it is never mixed.
    const std::string aside = staging_ + "-old";
    rc = ::rename(target_.c_str(), aside.c_str());
    if (rc == 0) {
      rc = ::rename(staging_.c_str(), target_.c_str());
      if (rc != 0)
        ::rename(aside.c_str(), target_.c_str());
      else
        ::rename(aside.c_str(), staging_.c_str());
    }
  }
  if (rc != 0) {
    diagnostics.push_back(make_error(
        out_dir_, "output",
        fmt::format("cannot replace the folder with the new outputs: {}", std::strerror(errno))));
    return false;
  }
  committed_ = true;
  // staging_ now holds the previous set (or nothing, for a first run).
  fs::remove_all(staging_, ec);
  return true;
}

}  // namespace indicheck
