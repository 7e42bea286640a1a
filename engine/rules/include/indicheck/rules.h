// Stage 2a of Indicheck: rule files (YAML) → a validated, immutable RuleSet.
//
// A RuleSet holds frameworks (indicator trees such as 纲要 2021-2025) and their checks. The
// loader is strict: every problem becomes a Diagnostic "path:line:col: error[code]: message"
// (unknown keys with a did-you-mean, duplicate ids naming the first definition, bad weights,
// empty terms, regexes Hyperscan cannot compile or that match the empty string, include cycles,
// nesting deeper than limits::kMaxRuleDepth, aliases, ...). The language is specified in
// rules/README.md; this header is its in-memory form.
//
// Loading does not compile patterns into a scanning database; see matcher.h for that.
// This stage knows nothing about documents' contents, scores or output formats.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indicheck/diagnostic.h"
#include "indicheck/document.h"

namespace indicheck {

struct SourceLocation {
  std::string path;
  std::uint32_t line = 0;  // 1-based
  std::uint32_t column = 0;
};

// kClause: one sentence, its terms in one clause (between , ; : of the normalized text).
enum class Window : std::uint8_t { kSentence, kParagraph, kSection, kClause };

// A named list of alternatives ("any of"). Terms are normalized like documents.
struct Selection {
  std::string name;
  std::vector<std::string> terms;    // literal, normalized
  std::vector<std::string> regexes;  // Hyperscan-compatible, matched on normalized text
  SourceLocation location;
};

// Condition over selections, as postfix (RPN) so evaluation needs no recursion.
struct ConditionOp {
  enum Kind : std::uint8_t { kSelection, kAnd, kOr, kNot, kAtLeast } kind = kSelection;
  std::uint32_t operand = 0;  // kSelection: index into Check::selections;
                              // kAtLeast: how many of the `arity` values on the stack
  std::uint32_t arity = 0;    // kAtLeast: number of operands popped
};

enum class Comparison : std::uint8_t { kAtLeast, kAtMost, kGreater, kLess, kEqual };

// A number a report states, e.g. 行政机关负责人出庭应诉率 ≥ 100%.
struct Metric {
  std::string name;
  std::string pattern;  // RE2 with exactly one capturing group, matched on normalized text
  std::string unit;     // "%", "件", ...
  Comparison comparison = Comparison::kAtLeast;
  double threshold = 0;
  SourceLocation location;
};

struct Check {
  std::vector<Selection> selections;
  std::string condition_text;          // as written; default "any" = any selection
  std::vector<ConditionOp> condition;  // compiled RPN
  Window window = Window::kSentence;
  std::vector<std::string> exclude;  // a sentence containing one of these contributes nothing
  std::vector<Metric> metrics;       // all must be met for full credit; else partial
  std::vector<Role> roles{Role::kAchievements, Role::kLeadership};  // roles that earn credit
  // Which satisfied window is quoted first and named in the reason: by default the strongest
  // (a body sentence stating a number, then any body sentence, then a bare heading); with
  // `quotes: first`, the first in document order (structure checks, where a heading is the
  // evidence that a part exists).
  bool quotes_in_document_order = false;
  // In an indicators framework a term inside a 《…》 title that its clause only studies or
  // follows (学习《行政复议法》, 贯彻《优化营商环境条例》) is the sentence's topic and no hit;
  // with `titles: evidence` it counts (leaders' study, publicity: 学习《宪法》 is 学法).
  bool titles_as_evidence = false;
  // With `agency_names: ignore` (clause windows): a term that opens an agency's name
  // (城市管理 in 城市管理局, 卫生健康 in 卫生健康委, 执法 in 行政执法局) holds in no clause there:
  // the name says who acts, not in which field or how.
  bool agency_names_ignored = false;
  std::vector<std::string> examples_match;
  std::vector<std::string> examples_no_match;
};

struct RuleNode {
  std::string id;     // "5.3.1"; hierarchical, stable
  std::string title;  // Chinese, as in the framework
  std::string note;   // optional explanation for auditors
  double weight = 1;  // >= 0, relative to siblings
  bool required = false;
  std::vector<std::string> levels;  // unit levels it applies to; empty = all
  // outside_levels: evidence-only — below `levels` the node is still evaluated and counts when
  // met or partial; only its absence is not-applicable (3.1: a district drafting a 条例).
  bool evidence_outside_levels = false;
  int parent = -1;             // index into Framework::nodes
  std::vector<int> children;   // indices into Framework::nodes
  std::optional<Check> check;  // leaves only
  SourceLocation location;
  bool is_leaf() const { return children.empty(); }
};

// How a node's `levels` (its own and its ancestors') treat a unit's level.
enum class LevelScope : std::uint8_t {
  kApplies,
  kExcluded,      // not-applicable
  kEvidenceOnly,  // outside_levels: evidence-only — counts only when met or partial
};

struct Framework {
  std::string id;       // "gangyao-2021"
  std::string title;    // 法治政府建设实施纲要（2021－2025年）
  std::string edition;  // "2021-2025"
  std::string kind;     // "indicators" (chosen by year) or "supplement" (runs with any)
  int year_from = 0;    // report years it applies to (year reported on), inclusive
  int year_to = 0;
  std::vector<std::string> levels;  // empty = all
  std::vector<RuleNode> nodes;      // nodes[0] is the root; pre-order
  std::vector<int> leaves;          // indices of leaves in pre-order
  SourceLocation location;

  int find(std::string_view node_id) const;  // index or -1
  // The scope of node `node` for a unit of `level` (empty: applies), from the node's and its
  // ancestors' `levels`; the framework's own `levels` are not asked. `by`, when not null, gets
  // the id of the node that decides (the excluding one; for evidence-only, the topmost).
  LevelScope level_scope(int node, std::string_view level, std::string* by = nullptr) const;
};

struct Waiver {
  std::string unit;  // unit name as in Metadata::unit; "*" = every unit
  std::string item;  // node id
  std::string justification;
  std::string expires;  // ISO date; an expired waiver is ignored with a warning
  SourceLocation location;
};

// An overlay that tailors a framework without editing it.
struct Profile {
  std::string id;
  std::string title;
  std::string framework;  // framework id it applies to
  std::optional<double> partial_credit;
  std::vector<std::string> select;                      // keep only these subtrees (empty = all)
  std::vector<std::string> deselect;                    // drop these subtrees
  std::vector<std::pair<std::string, double>> weights;  // node id → weight
  std::vector<std::pair<std::string, bool>> required;   // node id → required
  std::vector<Waiver> waivers;
  SourceLocation location;
};

class RuleSet {
 public:
  std::vector<Framework> frameworks;
  std::vector<Profile> profiles;
  std::string hash;  // hex digest of every loaded file's bytes, for run facts

  const Framework* find_framework(std::string_view id) const;
  // The indicators framework for a report year: the one whose range contains it; for year 0
  // or a year outside every range, the newest one (caller warns).
  const Framework* framework_for_year(int year) const;
  // Frameworks of kind "supplement" (report-structure), run with every report.
  std::vector<const Framework*> supplements() const;
};

// Loads rule files. Each path is a file (a framework file) or a directory (every file named
// framework.yaml below it). Includes are resolved relative to the including file and must stay
// under `root` (default: the directory of each path given). Returns the RuleSet; errors go to
// `diagnostics` (check has_errors()).
RuleSet load_rules(const std::vector<std::string>& paths, std::vector<Diagnostic>& diagnostics);

// Loads a profile file and checks it against the frameworks already in `rules` (unknown ids
// are errors with the line). Appends to rules.profiles.
bool load_profile(const std::string& path, RuleSet& rules, std::vector<Diagnostic>& diagnostics);

}  // namespace indicheck
