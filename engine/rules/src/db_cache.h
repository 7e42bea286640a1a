// A cache of compiled Hyperscan databases on disk, so that a run whose rules have not changed
// skips the pattern compiler (0.1 s of a run's 0.2 s start for the shipped packs).
//
// The key is a 128-bit hash of everything the compiler is given (the Hyperscan version, the mode,
// each pattern's bytes, flags and id, and whether it goes through the literal compiler), so a
// changed rule file, term or library is a different key and an old entry is never read for it.
// An entry is Hyperscan's own serialized form (hs_serialize_database); Hyperscan checks its
// version and platform when it reads one back and refuses a foreign entry, which then counts as
// a miss. Entries are written to a temporary file and renamed into place, so two runs filling
// the cache at once never see half an entry. The 64 newest entries are kept (~0.5 MB each).
//
// Where: $INDICHECK_CACHE_DIR, else $XDG_CACHE_HOME/indicheck, else $HOME/.cache/indicheck.
// INDICHECK_CACHE=off (or an INDICHECK_CACHE_DIR that cannot be created) turns it off: every
// run compiles, as before. Nothing about the cache ever fails a run.
#pragma once

#include <hs/hs.h>

#include <cstdint>
#include <string>
#include <vector>

namespace indicheck::rules_internal {

// What compile_db gives Hyperscan for one database.
struct DatabaseRequest {
  std::vector<std::string> expressions;  // literal bytes when `literals`, else regex text
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  bool literals = false;  // hs_compile_lit_multi, not hs_compile_multi
};

// The request's cache key: 32 hex digits.
std::string database_key(const DatabaseRequest& request);

// The cache directory in force, or "" when the cache is off.
std::string database_cache_dir();

// The cache entry's path for `request`, or "" when the cache is off.
std::string database_entry(const DatabaseRequest& request);

// The database cached at `entry`, or null (none, unreadable, refused by Hyperscan, or "").
hs_database_t* load_cached_database(const std::string& entry);

// Stores `database` at `entry`; silently does nothing when it cannot (or for "").
void store_cached_database(const std::string& entry, const hs_database_t* database);

}  // namespace indicheck::rules_internal
