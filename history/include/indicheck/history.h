// Run history (历次评估记录) in one SQLite file: every `evaluate --history FILE.db` appends its
// run — date, rules fingerprint, profile and options, every report's metadata and content
// fingerprint, item states (machine and reviewed), quotes' locations and scores — in one
// transaction, so a crash or a kill leaves the file as it was before the run. The database is
// in WAL mode; its schema is versioned (PRAGMA user_version) and migrated forward on open.
//
// Layering: after run (it records an Evaluation), before reports and cli. SQLite stays private
// to this library (no sqlite3 type in this header).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "indicheck/diagnostic.h"
#include "indicheck/evaluation.h"

namespace indicheck {

// The schema version this build writes; older files are migrated forward on open, newer ones
// are refused (history-version).
inline constexpr int kHistorySchemaVersion = 2;

// The key that follows a unit across years: its name as the report (or the manifest, which
// renames units) gives it, without spaces and punctuation.
std::string unit_key(std::string_view unit);

class HistoryDb {
 public:
  // Opens (creating if needed) and migrates the database at `path`. nullptr with an error
  // (history-open, history-version, history-corrupt) naming the file.
  static std::unique_ptr<HistoryDb> open(const std::string& path,
                                         std::vector<Diagnostic>& diagnostics);
  ~HistoryDb();
  HistoryDb(const HistoryDb&) = delete;
  HistoryDb& operator=(const HistoryDb&) = delete;

  // Appends `evaluation` as a new run in one transaction; returns its id, or 0 with an error
  // (history-busy when another writer holds the database longer than the wait, history-write).
  // `options` is a one-line description of the run's options (stored verbatim).
  std::int64_t record(const Evaluation& evaluation, const std::string& options,
                      std::vector<Diagnostic>& diagnostics);

  int schema_version() const;
  const std::string& path() const { return path_; }

  struct Impl;  // history/src/sqlite.h
  Impl& impl() { return *impl_; }

 private:
  HistoryDb(std::string path, std::unique_ptr<Impl> impl);
  std::string path_;
  std::unique_ptr<Impl> impl_;
};

// Fills evaluation.previous: for every scored report, its unit's nearest earlier year in the
// history (latest run first), for the ▲/▼ of index.html and the gap reports. Runs before the
// current one is recorded, so a run is never its own previous year.
void previous_years(HistoryDb& db, Evaluation& evaluation);

// ---- What `indicheck history` prints (text in Chinese, one function per subcommand). Each
// returns the text, or nullopt with an error (history-unknown-unit, history-unknown-run).
std::optional<std::string> history_runs_text(HistoryDb& db, std::vector<Diagnostic>& diagnostics);
std::optional<std::string> history_units_text(HistoryDb& db, std::vector<Diagnostic>& diagnostics);
// A unit (its key, or a part of its name: 南湖区 finds 嘉兴市南湖区): per year, the latest
// run's score, rank and required coverage with ▲/▼ against the previous year, and the items
// gained and lost.
std::optional<std::string> history_unit_text(HistoryDb& db, const std::string& unit,
                                             std::vector<Diagnostic>& diagnostics);
// Two runs (ids, or "latest" and "previous"): what changed in the rules, profile and options,
// per unit-year the score and rank moves (▲/▼) and the items that flipped, with the reason
// (report text changed, rules changed, weights/profile changed, a review decision).
std::optional<std::string> history_diff_text(HistoryDb& db, const std::string& run_a,
                                             const std::string& run_b,
                                             std::vector<Diagnostic>& diagnostics);

}  // namespace indicheck
