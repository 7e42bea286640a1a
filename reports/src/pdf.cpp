// Printing HTML outputs to PDF through headless Chromium (pdf.h).
#include "pdf.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <thread>

#include "indicheck/formats/subprocess.h"
#include "indicheck/threads.h"

namespace fs = std::filesystem;

namespace indicheck::reports_detail {

namespace {

constexpr int kPrintTimeoutMs = 120000;

bool executable_in_path(const std::string& name) {
  if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::string_view rest = path ? path : "/usr/bin:/bin";
  while (!rest.empty()) {
    const std::size_t colon = rest.find(':');
    const std::string dir(rest.substr(0, colon));
    if (!dir.empty() && ::access((dir + "/" + name).c_str(), X_OK) == 0) return true;
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return false;
}

// One page printed: Chromium's exit status says little (it exits 0 when the page failed to
// load), so the PDF itself must be there and start like one.
bool print_one(const std::string& chromium, const fs::path& html, const fs::path& pdf,
               const fs::path& profile) {
  std::vector<std::string> args = {chromium,
                                   "--headless",
                                   "--disable-gpu",
                                   "--no-first-run",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--disable-sync",
                                   "--disable-dev-shm-usage",
                                   "--user-data-dir=" + profile.string(),
                                   "--no-pdf-header-footer",
                                   "--print-to-pdf=" + pdf.string(),
                                   "file://" + html.string()};
  // Chromium refuses to start as root with its sandbox on (containers, CI).
  if (::geteuid() == 0) args.insert(args.begin() + 1, "--no-sandbox");
  std::string output;
  const auto result = formats::detail::run_tool(args, kPrintTimeoutMs, 1 << 20, output);
  std::error_code ec;
  fs::remove_all(profile, ec);
  if (result != formats::detail::ToolResult::kOk) return false;
  char head[5] = {};
  FILE* f = std::fopen(pdf.c_str(), "rb");
  if (!f) return false;
  const bool pdf_bytes = std::fread(head, 1, 4, f) == 4 && std::string_view(head, 4) == "%PDF";
  std::fclose(f);
  return pdf_bytes;
}

}  // namespace

std::string find_chromium() {
  if (const char* given = std::getenv("INDICHECK_CHROMIUM"); given && *given)
    return executable_in_path(given) ? given : "";
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"})
    if (executable_in_path(name)) return name;
  return "";
}

bool print_pdfs(const std::string& chromium, const std::string& dir,
                const std::vector<std::string>& html_names, int jobs, std::string& error,
                std::string& failed_name) {
  const fs::path base = fs::absolute(dir);
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  const auto worker = [&](unsigned id) {
    for (;;) {
      const std::size_t i = next++;
      if (i >= html_names.size()) return;
      {
        std::lock_guard lock(mutex);
        if (!failed_name.empty()) return;
      }
      const fs::path html = base / html_names[i];
      fs::path pdf = html;
      pdf.replace_extension(".pdf");
      if (!print_one(chromium, html, pdf, base / fmt::format(".chromium-profile-{}", id))) {
        std::lock_guard lock(mutex);
        if (failed_name.empty()) {
          failed_name = html_names[i];
          failed_name.replace(failed_name.size() - 5, 5, ".pdf");
          error = fmt::format("{} could not print it (no PDF after {} s at most)", chromium,
                              kPrintTimeoutMs / 1000);
        }
      }
    }
  };
  // Chromium is heavy (a few hundred MB a process): at most 4 at a time.
  const unsigned wanted = static_cast<unsigned>(std::clamp(jobs, 1, 4));
  std::vector<std::thread> pool;
  std::atomic<unsigned> ids{0};
  const auto body = [&] { worker(ids++); };
  if (start_threads(pool, wanted, body) == 0) body();
  for (auto& t : pool) t.join();
  return failed_name.empty();
}

}  // namespace indicheck::reports_detail
