// The compiled-database cache (db_cache.h).
#include "db_cache.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace indicheck::rules_internal {

namespace {

// Two independent 64-bit FNV-1a streams (different offset bases) over the same bytes.
struct Hash128 {
  std::uint64_t a = 0xcbf29ce484222325ULL;
  std::uint64_t b = 0x84222325cbf29ce4ULL;
  void bytes(const void* p, std::size_t n) {
    const auto* s = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) {
      a = (a ^ s[i]) * 0x100000001b3ULL;
      b = (b ^ s[i]) * 0x100000001b3ULL;
      b ^= b >> 29;
    }
  }
  // A length before every field, so that no two requests give the same byte stream.
  void field(const std::string& s) {
    const std::uint64_t n = s.size();
    bytes(&n, sizeof n);
    bytes(s.data(), s.size());
  }
  void number(std::uint64_t v) { bytes(&v, sizeof v); }
};

bool cache_off() {
  const char* off = std::getenv("INDICHECK_CACHE");
  return off && (std::string_view(off) == "off" || std::string_view(off) == "0");
}

// Entries kept: a rule author's edits make a new key each time; the oldest go first.
constexpr std::size_t kMaxEntries = 64;

void prune(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.starts_with("hs-") && name.ends_with(".db"))
      entries.emplace_back(e.last_write_time(ec), e.path());
  }
  if (entries.size() <= kMaxEntries) return;
  std::sort(entries.begin(), entries.end());
  for (std::size_t i = 0; i + kMaxEntries < entries.size(); ++i) fs::remove(entries[i].second, ec);
}

}  // namespace

std::string database_key(const DatabaseRequest& request) {
  Hash128 h;
  h.field(hs_version());
  h.number(HS_MODE_BLOCK);
  h.number(request.literals ? 1 : 0);
  h.number(request.expressions.size());
  for (std::size_t i = 0; i < request.expressions.size(); ++i) {
    h.field(request.expressions[i]);
    h.number(i < request.flags.size() ? request.flags[i] : 0);
    h.number(i < request.ids.size() ? request.ids[i] : 0);
  }
  return fmt::format("{:016x}{:016x}", h.a, h.b);
}

std::string database_cache_dir() {
  if (cache_off()) return {};
  std::string dir;
  if (const char* d = std::getenv("INDICHECK_CACHE_DIR"); d && *d) {
    dir = d;
  } else if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) {
    dir = std::string(x) + "/indicheck";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    dir = std::string(home) + "/.cache/indicheck";
  } else {
    return {};
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  return std::filesystem::is_directory(dir, ec) ? dir : std::string();
}

std::string database_entry(const DatabaseRequest& request) {
  const std::string dir = database_cache_dir();
  return dir.empty() ? std::string() : dir + "/hs-" + database_key(request) + ".db";
}

hs_database_t* load_cached_database(const std::string& path) {
  if (path.empty()) return nullptr;
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  hs_database_t* database = nullptr;
  if (bytes.empty() || hs_deserialize_database(bytes.data(), bytes.size(), &database) != HS_SUCCESS)
    return nullptr;
  return database;
}

void store_cached_database(const std::string& path, const hs_database_t* database) {
  if (path.empty() || !database) return;
  char* bytes = nullptr;
  std::size_t size = 0;
  if (hs_serialize_database(database, &bytes, &size) != HS_SUCCESS) return;
  // A name of this process's own, then one rename: readers see a whole entry or none.
  const std::string temp = fmt::format("{}.{}.tmp", path, static_cast<long>(getpid()));
  bool written = false;
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    written = out && out.write(bytes, static_cast<std::streamsize>(size)) && out.flush();
  }
  std::free(bytes);
  std::error_code ec;
  if (written) std::filesystem::rename(temp, path, ec);
  if (!written || ec) {
    std::filesystem::remove(temp, ec);
    return;
  }
  prune(std::filesystem::path(path).parent_path().string());
}

}  // namespace indicheck::rules_internal
