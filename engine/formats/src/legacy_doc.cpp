// Old binary Word files (.doc, and .wps saved in Word 97 format) → text with Debian's antiword.
//
// antiword is a program, not a library: the bytes go to a private temporary file (mode 0600,
// removed at once), and `antiword -w 0 -m UTF-8.txt FILE` runs as a child process with no
// shell (run_tool: posix_spawnp, an argument vector, a deadline and an output cap). `-w 0`
// turns off its hard wrapping, so one output line is one paragraph, as for .docx; `-m
// UTF-8.txt` makes it write UTF-8. Checked on Word 97 files written by LibreOffice
// (tests/formats/doc/): the Chinese comes out intact and the file scores like its text twin.
//
// What antiword cannot read (native Kingsoft .wps, Word 2/6/95 with GBK code pages, damaged
// files) is `legacy-word`, asking for .docx; so is an output with fewer than 40 Chinese
// characters — garbage is never scored. Without antiword installed the error names the
// package to install.
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>

#include "indicheck/limits.h"
#include "internal.h"

namespace indicheck::formats::detail {

namespace {

constexpr std::size_t kMinHanChars = 40;

// A private temporary file holding `bytes`, removed when this goes out of scope.
class TempFile {
 public:
  bool write(std::string_view bytes) {
    const char* dir = std::getenv("TMPDIR");
    path_ = fmt::format("{}/indicheck-doc-XXXXXX", dir && *dir ? dir : "/tmp");
    const int fd = ::mkostemp(path_.data(), O_CLOEXEC);
    if (fd < 0) {
      path_.clear();
      return false;
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    return done == bytes.size();
  }
  const std::string& path() const { return path_; }
  ~TempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }

 private:
  std::string path_;
};

// antiword's text: lines trimmed, picture markers dropped, runs of blank lines kept as one.
std::string clean(std::string_view raw, std::size_t& han) {
  std::string out;
  han = 0;
  std::size_t pos = 0;
  bool blank = true;
  while (pos < raw.size()) {
    std::size_t end = raw.find('\n', pos);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view line = trim_space(raw.substr(pos, end - pos));
    pos = end + 1;
    if (line == "[pic]") continue;
    if (line.empty()) {
      if (!blank) out += '\n';
      blank = true;
      continue;
    }
    blank = false;
    for (std::size_t i = 0; i < line.size();) {
      char32_t cp;
      i += next_code_point(line, i, cp);
      if (is_han(cp)) ++han;
    }
    out.append(line);
    out += '\n';
  }
  return out;
}

void refuse(const std::string& path, std::string why, std::vector<Diagnostic>& diagnostics) {
  diagnostics.push_back(make_error(
      path, "legacy-word",
      fmt::format("this is an old binary Word/WPS file (.doc/.wps) and {}. Open it in Word or WPS "
                  "and save it as .docx (请用 Word 或 WPS 另存为 .docx)",
                  why)));
}

}  // namespace

bool read_legacy_word(std::string_view bytes, const std::string& path, Extracted& out,
                      std::vector<Diagnostic>& diagnostics) {
  TempFile tmp;
  if (!tmp.write(bytes)) {
    diagnostics.push_back(make_error(
        path, "unreadable", "cannot write a temporary copy for antiword (is TMPDIR writable?)"));
    return false;
  }
  std::string raw;
  switch (run_tool({"antiword", "-w", "0", "-m", "UTF-8.txt", tmp.path()},
                   limits::kLegacyWordTimeoutMs, limits::kMaxLegacyWordTextBytes, raw)) {
    case ToolResult::kOk:
      break;
    case ToolResult::kNotFound:
      diagnostics.push_back(make_error(
          path, "tool-missing",
          "this is an old binary Word/WPS file (.doc/.wps); reading it needs antiword, which is "
          "not installed: install the Debian package antiword (apt-get install antiword), or "
          "save the file as .docx"));
      return false;
    case ToolResult::kTimeout:
      refuse(
          path,
          fmt::format("antiword did not finish within {} s", limits::kLegacyWordTimeoutMs / 1000),
          diagnostics);
      return false;
    case ToolResult::kTooLarge:
      refuse(path, "antiword's text of it is larger than any report", diagnostics);
      return false;
    case ToolResult::kFailed:
      refuse(path, "antiword cannot read it (a native WPS file, Word 6/95, or damaged)",
             diagnostics);
      return false;
  }
  std::size_t han = 0;
  out.text = clean(raw, han);
  if (han < kMinHanChars) {
    refuse(path,
           fmt::format("antiword found only {} Chinese characters in it (a native WPS file, or "
                       "Word 6/95 with a Chinese code page?)",
                       han),
           diagnostics);
    out.text.clear();
    return false;
  }
  return true;
}

}  // namespace indicheck::formats::detail
