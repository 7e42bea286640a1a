// A path named as a rule file, profile or manifest, checked with stat() before it is opened:
// opening a FIFO with no writer blocks forever, and a folder or a device is no file to read.
// The codes match those of reading reports (docs/document.md).
#pragma once

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>

#include "indicheck/diagnostic.h"

namespace indicheck {

// No value when `path` is a regular file (after symbolic links); else the error naming `shown`:
// not-found, is-directory, not-a-file (FIFO, socket, device) or unreadable (a symbolic link
// loop, no permission to look).
inline std::optional<Diagnostic> check_regular_file(const std::string& path,
                                                    const std::string& shown) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    if (err == ENOENT || err == ENOTDIR)
      return make_error(shown, "not-found", "no such file or directory");
    return make_error(shown, "unreadable", fmt::format("cannot open: {}", std::strerror(err)));
  }
  if (S_ISDIR(st.st_mode)) return make_error(shown, "is-directory", "is a directory, not a file");
  if (!S_ISREG(st.st_mode))
    return make_error(shown, "not-a-file",
                      "is not a regular file (a FIFO, socket or device); refused without reading");
  return std::nullopt;
}

}  // namespace indicheck
