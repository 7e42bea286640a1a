// Private middle of the rule loader: what its files share.
//
// The loader is cut by job, one file each:
//   yaml_reader.cpp   one rule file: limits, UTF-8, pre-scan, yaml-cpp; strict node readers
//                     (mappings with unknown and missing keys, strings, numbers, lists, weights)
//   check_parser.cpp  a leaf's `check` and `examples`: selections, condition, window, roles,
//                     exclusions, metrics
//   loader.cpp        a framework file and its include tree → one Framework; load_rules
//   profile.cpp       profile files (load_profile)
// Every problem is a Diagnostic with the 1-based line and code-point column of the YAML node
// at fault; loading continues after an error so one run reports as much as possible.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "indicheck/rules.h"

namespace indicheck::rules_internal {

// One loaded file: its display path and the line starts needed to turn yaml-cpp's byte
// columns into code-point columns.
struct FileContext {
  std::string path;  // as shown in diagnostics
  std::string text;
  std::vector<std::size_t> line_starts;

  SourceLocation at(const YAML::Mark& mark) const;
  SourceLocation at(const YAML::Node& node) const { return at(node.Mark()); }
  // Byte offset in `text` of a mark.
  std::size_t offset(const YAML::Mark& mark) const;
};

// `s` in double quotes, as diagnostics name keys and values; a text longer than
// limits::kMaxTermBytes as its first limits::kMaxEchoedChars characters, "…" and its length.
std::string dq(std::string_view s);

// Index of the first of `weights` at which their running sum stops being a finite number
// (two siblings of 1e308), or -1. Scoring divides by that sum: infinity would score 0.
int first_overflowing_weight(const std::vector<double>& weights);
// "the top-level nodes" or "the children of \"5\"", for sibling-weight messages.
std::string sibling_group(const std::vector<RuleNode>& nodes, int parent);
// "path:line:col", or the path alone when the line is unknown.
std::string location_str(const SourceLocation& l);

// State of one framework file being loaded (loader.cpp): the files of its include tree, the
// node lists found in them, and the framework built so far.
struct FrameworkDraft;
// A file of the include tree waiting to be read.
struct PendingFile;

class Loader {
 public:
  explicit Loader(std::vector<Diagnostic>& diagnostics) : diags_(diagnostics) {}

  void error(const SourceLocation& loc, const char* code, std::string message) {
    diags_.push_back(make_error(loc.path, code, std::move(message), loc.line, loc.column));
  }
  void error(const FileContext& f, const YAML::Node& n, const char* code, std::string message) {
    error(f.at(n), code, std::move(message));
  }

  // ---- yaml_reader.cpp ----
  // Reads, checks and parses one file. Returns nullptr on failure (diagnostics added).
  std::unique_ptr<FileContext> read(const std::string& display, const std::filesystem::path& real,
                                    const SourceLocation* included_from, YAML::Node& root);

  // Mapping checks: type, duplicate keys, unknown keys (with did-you-mean; empty `allowed`
  // accepts any key), missing keys.
  bool check_mapping(const FileContext& f, const YAML::Node& n, const std::string& what,
                     const std::vector<std::string>& allowed,
                     const std::vector<std::string>& required);

  bool get_string(const FileContext& f, const YAML::Node& map, const char* key, std::string& out);
  bool get_number(const FileContext& f, const YAML::Node& map, const char* key, double& out);
  bool get_bool(const FileContext& f, const YAML::Node& map, const char* key, bool& out);
  bool get_string_list(const FileContext& f, const YAML::Node& n, const std::string& what,
                       std::vector<std::string>& out, bool allow_scalar);
  bool get_levels(const FileContext& f, const YAML::Node& map, std::vector<std::string>& out);
  bool get_outside_levels(const FileContext& f, const YAML::Node& map, RuleNode& node);
  bool get_weight(const FileContext& f, const YAML::Node& map, double& out);

  // ---- check_parser.cpp ----
  bool parse_check(const FileContext& f, const YAML::Node& n, Check& check);
  bool parse_examples(const FileContext& f, const YAML::Node& n, Check& check);

  // ---- loader.cpp ----
  void load_framework_file(const std::string& display, const std::filesystem::path& root,
                           RuleSet& set);

  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a 64 over every file read

 private:
  // check_parser.cpp: the parts of a check, in the order parse_check reads them.
  bool parse_terms(const FileContext& f, const YAML::Node& n, const char* key, Check& check,
                   bool regex);
  bool parse_condition_key(const FileContext& f, const YAML::Node& c, Check& check);
  bool parse_window(const FileContext& f, const YAML::Node& w, Check& check);
  bool parse_quotes(const FileContext& f, const YAML::Node& q, Check& check);
  bool parse_exclude(const FileContext& f, const YAML::Node& e, Check& check);
  // A switch written as its one value (`titles: evidence`, `agency_names: ignore`): sets `on`.
  bool parse_switch(const FileContext& f, const YAML::Node& n, const char* key, const char* value,
                    bool& on);
  bool parse_roles(const FileContext& f, const YAML::Node& r, Check& check, bool ok);
  bool parse_metrics(const FileContext& f, const YAML::Node& ms, Check& check);
  bool parse_metric(const FileContext& f, const YAML::Node& m, Metric& metric);

  // loader.cpp: the phases of load_framework_file.
  void read_include_tree(const std::string& display, const std::filesystem::path& root,
                         FrameworkDraft& draft);
  bool include_allowed(const PendingFile& pf, const std::string& canon,
                       const std::filesystem::path& canonical_root,
                       const std::filesystem::path& root);
  bool parse_framework_header(const FileContext& f, const YAML::Node& fn, Framework& fw);
  bool queue_includes(const FileContext& f, const YAML::Node& inc, const PendingFile& pf,
                      const std::string& canon, std::vector<PendingFile>& work);
  void walk_nodes(FrameworkDraft& draft);
  bool check_node_id(const FileContext& f, const YAML::Node& yn, const std::vector<RuleNode>& nodes,
                     int parent, std::map<std::string, SourceLocation>& ids, const RuleNode& node);
  bool parse_node_body(const FileContext& f, const YAML::Node& yn, const YAML::Node& children,
                       bool branch, RuleNode& node);
  bool check_sibling_weights(const std::vector<RuleNode>& nodes,
                             const std::vector<SourceLocation>& weight_at);

  std::vector<Diagnostic>& diags_;
};

}  // namespace indicheck::rules_internal
