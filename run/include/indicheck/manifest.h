// The corpus manifest (`--manifest FILE.csv`): an auditor's word on which unit, level, province
// and year a report is about, which wins over what the document stage inferred from the text.
//
// A CSV file (RFC 4180: commas, "quoted, fields" with "" for a quote, CRLF or LF), UTF-8 with
// or without a BOM, or GB18030/Big5 detected the way reports are. The first line names the
// columns: `path` (or `file`) is required; `unit`, `level`, `province`, `year` are optional and
// any other column is ignored (so docs/corpus-manifest.csv is a manifest as it stands). An
// empty cell keeps the inferred value. A row matches a report file, first that applies:
//   1. its path as written (relative to the current directory, or absolute) names the file;
//   2. its path relative to the manifest's folder names the file;
//   3. its file name is the file name of exactly one report, and no other row has it.
// The run (run_pipeline) applies the manifest right after a report is read and before it is
// scanned, so the year picks the framework and the level decides not-applicable items and
// peers. This header reads, matches and applies; it does not render anything.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indicheck/diagnostic.h"
#include "indicheck/document.h"

namespace indicheck {

struct ManifestEntry {
  std::string path;        // as written in the manifest
  std::uint32_t line = 0;  // the row's line in the manifest (1-based; the header is line 1)
  std::string unit;        // empty = keep the inferred value (normalized like report text)
  std::string level;       // one of kUnitLevels (indicheck/levels.h), or empty
  std::string province;    // empty = keep
  int year = 0;            // 0 = keep
};

struct Manifest {
  std::string path;  // the manifest file, as given
  std::vector<ManifestEntry> entries;
};

// A plausible year reported on: annual rule-of-law reports exist since the 2004 纲要.
inline constexpr int kManifestMinYear = 2000;
inline constexpr int kManifestMaxYear = 2099;

// Reads a manifest file. On any error (file missing or too large, bad encoding, bad header,
// unknown level, bad year, a path listed twice, a row with the wrong number of fields) returns
// nullopt with every error in `diagnostics` (`not-found`, `too-large`, `unreadable`,
// `manifest`); nothing is applied from a manifest with errors.
std::optional<Manifest> read_manifest(const std::string& path,
                                      std::vector<Diagnostic>& diagnostics);

// Same from bytes already in memory; `path` names the file in messages and is the folder of
// rule 2 above.
std::optional<Manifest> parse_manifest(std::string_view bytes, const std::string& path,
                                       std::vector<Diagnostic>& diagnostics);

// The entry describing each of `files` (same order; nullptr = none), by the rules above. Adds a
// warning `manifest-unmatched` for a row that names none of the files and
// `manifest-ambiguous` for a row whose file name alone fits several.
std::vector<const ManifestEntry*> match_manifest(const Manifest& manifest,
                                                 const std::vector<std::string>& files,
                                                 std::vector<Diagnostic>& diagnostics);

// Overrides the fields the entry gives: unit, level and province become Located values with
// source "manifest" and the manifest row's line; the year replaces Metadata::year and
// year_found becomes {year, row line, "manifest"}.
void apply_manifest(const ManifestEntry& entry, Metadata& meta);

}  // namespace indicheck
