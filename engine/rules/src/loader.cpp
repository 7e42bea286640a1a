// Loader of rule files: a framework file and its include tree → one validated Framework.
//
// Files are read first (yaml_reader.cpp), following includes with a work list and an include
// chain (for cycles) confined to the rules root; then the rule tree of all of them is walked
// with an explicit stack and a depth limit; then sibling weights are checked and the nodes
// numbered in pre-order. Every problem is a Diagnostic with the 1-based line and code-point
// column of the YAML node at fault; loading continues after an error so one run reports as
// much as possible. Checks are parsed in check_parser.cpp, profiles in profile.cpp.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>

#include "indicheck/file_walk.h"
#include "indicheck/limits.h"
#include "indicheck/rules.h"
#include "loader_internal.h"
#include "text_checks.h"

namespace fs = std::filesystem;

namespace indicheck {

int Framework::find(std::string_view node_id) const {
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].id == node_id) return static_cast<int>(i);
  return -1;
}

LevelScope Framework::level_scope(int node, std::string_view level, std::string* by) const {
  if (level.empty()) return LevelScope::kApplies;
  LevelScope scope = LevelScope::kApplies;
  for (int i = node; i >= 0; i = nodes[static_cast<std::size_t>(i)].parent) {
    const RuleNode& n = nodes[static_cast<std::size_t>(i)];
    if (n.levels.empty() || std::find(n.levels.begin(), n.levels.end(), level) != n.levels.end())
      continue;
    if (by) *by = n.id;
    if (!n.evidence_outside_levels) return LevelScope::kExcluded;
    scope = LevelScope::kEvidenceOnly;
  }
  return scope;
}

const Framework* RuleSet::find_framework(std::string_view id) const {
  for (const auto& f : frameworks)
    if (f.id == id) return &f;
  return nullptr;
}

const Framework* RuleSet::framework_for_year(int year) const {
  const Framework* newest = nullptr;
  for (const auto& f : frameworks) {
    if (f.kind != "indicators") continue;
    if (year != 0 && f.year_from <= year && year <= f.year_to) return &f;
    if (newest == nullptr || f.year_to > newest->year_to) newest = &f;
  }
  return newest;
}

std::vector<const Framework*> RuleSet::supplements() const {
  std::vector<const Framework*> out;
  for (const auto& f : frameworks)
    if (f.kind == "supplement") out.push_back(&f);
  return out;
}

namespace rules_internal {

// A file of the include tree waiting to be read.
struct PendingFile {
  std::string display;
  fs::path real;
  std::vector<std::string> chain;          // canonical paths from the framework file down
  std::vector<std::string> chain_display;  // the same, as shown
  SourceLocation included_at;
};

// A YAML list of nodes waiting to be walked.
struct PendingList {
  YAML::Node list;
  int parent = 0;
  std::size_t depth = 1;
  std::size_t file = 0;  // index into the loaded files
};

namespace {

bool is_under(const fs::path& p, const fs::path& root) {
  auto r = root.begin();
  auto q = p.begin();
  for (; r != root.end(); ++r, ++q) {
    if (r->empty()) continue;  // trailing slash
    if (q == p.end() || *q != *r) return false;
  }
  return true;
}

// Renumbers the nodes of `fw` in pre-order (explicit stack) and lists its leaves.
void number_preorder(Framework& fw) {
  std::vector<RuleNode>& nodes = fw.nodes;
  std::vector<int> order;
  std::vector<int> st{0};
  while (!st.empty()) {
    const int i = st.back();
    st.pop_back();
    order.push_back(i);
    const auto& ch = nodes[static_cast<std::size_t>(i)].children;
    for (auto it = ch.rbegin(); it != ch.rend(); ++it) st.push_back(*it);
  }
  std::vector<int> new_index(nodes.size(), -1);
  for (std::size_t k = 0; k < order.size(); ++k)
    new_index[static_cast<std::size_t>(order[k])] = static_cast<int>(k);
  std::vector<RuleNode> sorted;
  sorted.reserve(nodes.size());
  for (int i : order) {
    RuleNode n = std::move(nodes[static_cast<std::size_t>(i)]);
    if (n.parent >= 0) n.parent = new_index[static_cast<std::size_t>(n.parent)];
    for (int& c : n.children) c = new_index[static_cast<std::size_t>(c)];
    sorted.push_back(std::move(n));
  }
  nodes = std::move(sorted);
  nodes[0].parent = -1;
  for (std::size_t k = 1; k < nodes.size(); ++k)
    if (nodes[k].is_leaf()) fw.leaves.push_back(static_cast<int>(k));
}

}  // namespace

struct FrameworkDraft {
  Framework fw;
  std::vector<std::unique_ptr<FileContext>> files;
  std::vector<PendingList> lists;         // in file order; walked after all files are read
  std::vector<SourceLocation> weight_at;  // per node: its "weight" value, else the node
  bool ok = true;
};

// Cycle, depth and root checks of an included file (`canon`: its canonical path).
bool Loader::include_allowed(const PendingFile& pf, const std::string& canon,
                             const fs::path& canonical_root, const fs::path& root) {
  std::error_code ec;
  if (std::find(pf.chain.begin(), pf.chain.end(), canon) != pf.chain.end()) {
    std::string cycle;
    const auto pos = std::find(pf.chain.begin(), pf.chain.end(), canon) - pf.chain.begin();
    for (auto k = static_cast<std::size_t>(pos); k < pf.chain_display.size(); ++k)
      cycle += pf.chain_display[k] + " -> ";
    error(pf.included_at, "include-cycle", fmt::format("include cycle: {}{}", cycle, pf.display));
    return false;
  }
  if (pf.chain.size() > limits::kMaxIncludeDepth) {
    error(pf.included_at, "include-too-deep",
          fmt::format("includes nested deeper than {} files", limits::kMaxIncludeDepth));
    return false;
  }
  if (!is_under(fs::weakly_canonical(pf.real, ec), canonical_root)) {
    error(
        pf.included_at, "include-outside-root",
        fmt::format("include {} is outside the rules root {}", dq(pf.display), dq(root.string())));
    return false;
  }
  return true;
}

// The `framework` mapping of a framework file: id, title, edition, kind, years, levels.
bool Loader::parse_framework_header(const FileContext& f, const YAML::Node& fn, Framework& fw) {
  bool ok = false;
  if (check_mapping(f, fn, dq("framework"),
                    {"id", "title", "edition", "kind", "years", "levels", "note"},
                    {"id", "title"})) {
    fw.location = f.at(fn);
    bool fok = get_string(f, fn, "id", fw.id) && get_string(f, fn, "title", fw.title) &&
               get_string(f, fn, "edition", fw.edition) && get_levels(f, fn, fw.levels);
    if (fok && (fw.id.empty() || fw.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") !=
                                     std::string::npos)) {
      error(f, fn["id"], "bad-id",
            fmt::format("framework id {} must be lower-case letters, digits and '-'", dq(fw.id)));
      fok = false;
    }
    fw.kind = "indicators";
    if (!get_string(f, fn, "kind", fw.kind))
      fok = false;
    else if (fw.kind != "indicators" && fw.kind != "supplement") {
      const std::string hint = closest(fw.kind, {"indicators", "supplement"});
      error(f, fn["kind"], "bad-value",
            fmt::format("\"kind\" must be indicators or supplement{}",
                        hint.empty() ? "" : fmt::format("; did you mean {}?", dq(hint))));
      fok = false;
    }
    if (const YAML::Node y = fn["years"]) {
      int a = 0, b = 0;
      if (!y.IsSequence() || y.size() != 2 || !YAML::convert<int>::decode(y[0], a) ||
          !YAML::convert<int>::decode(y[1], b)) {
        error(f, y, "wrong-type", "\"years\" must be a list of two years [from, to]");
        fok = false;
      } else if (a > b) {
        error(f, y, "bad-value", fmt::format("\"years\" runs backwards: {} > {}", a, b));
        fok = false;
      } else {
        fw.year_from = a;
        fw.year_to = b;
      }
    } else if (fw.kind == "indicators") {
      error(f, fn, "missing-key", "\"framework\" of kind indicators is missing key \"years\"");
      fok = false;
    }
    ok = fok;
  }
  fw.nodes[0].id = fw.id;
  fw.nodes[0].title = fw.title;
  fw.nodes[0].location = fw.location;
  return ok;
}

// Queues the files named by `include` of file `pf` (`canon`: its canonical path).
bool Loader::queue_includes(const FileContext& f, const YAML::Node& inc, const PendingFile& pf,
                            const std::string& canon, std::vector<PendingFile>& work) {
  std::vector<std::string> names;
  if (!get_string_list(f, inc, "\"include\"", names, false)) return false;
  bool ok = true;
  std::vector<std::string> chain = pf.chain;
  std::vector<std::string> chain_display = pf.chain_display;
  chain.push_back(canon);
  chain_display.push_back(pf.display);
  // Push in reverse so includes are read (and their nodes listed) in written order.
  for (std::size_t k = names.size(); k-- > 0;) {
    const fs::path rel(names[k]);
    PendingFile next;
    next.real = pf.real.parent_path() / rel;
    next.display = (fs::path(pf.display).parent_path() / rel).lexically_normal().string();
    next.chain = chain;
    next.chain_display = chain_display;
    next.included_at = f.at(inc[k]);
    if (rel.is_absolute()) {
      error(next.included_at, "include-outside-root",
            fmt::format("include {} must be a relative path", dq(names[k])));
      ok = false;
      continue;
    }
    work.push_back(std::move(next));
  }
  return ok;
}

// Reads the framework file and every file it includes, depth first in written order; their
// node lists go to draft.lists, the `framework` mapping to draft.fw.
void Loader::read_include_tree(const std::string& display, const fs::path& root,
                               FrameworkDraft& draft) {
  std::error_code ec;
  const fs::path canonical_root = fs::weakly_canonical(root, ec);
  std::vector<PendingFile> work;
  work.push_back({display, fs::path(display), {}, {}, {}});
  bool first = true;
  while (!work.empty()) {
    PendingFile pf = std::move(work.back());
    work.pop_back();
    const std::string canon = fs::weakly_canonical(pf.real, ec).string();
    if (!first && !include_allowed(pf, canon, canonical_root, root)) {
      draft.ok = false;
      continue;
    }
    YAML::Node doc;
    auto file = read(pf.display, pf.real, first ? nullptr : &pf.included_at, doc);
    if (!file) {
      draft.ok = false;
      first = false;
      continue;
    }
    const FileContext& f = *file;
    const std::size_t file_index = draft.files.size();
    draft.files.push_back(std::move(file));
    if (doc.IsNull()) {
      diags_.push_back(make_error(f.path, "missing-key",
                                  first ? "empty file: a framework file needs \"framework\""
                                        : "empty file: expected \"nodes\""));
      draft.ok = false;
      first = false;
      continue;
    }
    const bool is_framework = first;
    first = false;
    if (!check_mapping(f, doc, is_framework ? "framework file" : "rule file",
                       is_framework ? std::vector<std::string>{"framework", "include", "nodes"}
                                    : std::vector<std::string>{"include", "nodes"},
                       is_framework ? std::vector<std::string>{"framework"}
                                    : std::vector<std::string>{"nodes"})) {
      draft.ok = false;
      if (!doc.IsMap()) continue;
    }
    if (is_framework && doc["framework"] && !parse_framework_header(f, doc["framework"], draft.fw))
      draft.ok = false;
    if (const YAML::Node nodes = doc["nodes"]) {
      if (!nodes.IsSequence()) {
        error(f, nodes, "wrong-type", "\"nodes\" must be a list");
        draft.ok = false;
      } else {
        draft.lists.push_back({nodes, 0, 1, file_index});
      }
    }
    if (const YAML::Node inc = doc["include"]; inc && !queue_includes(f, inc, pf, canon, work))
      draft.ok = false;
  }
}

// Walks the node lists with an explicit stack. Children are attached in written order; the
// pre-order numbering is computed afterwards.
void Loader::walk_nodes(FrameworkDraft& draft) {
  static const std::vector<std::string> kNodeKeys = {
      "id",   "title",    "weight", "required", "levels", "outside_levels",
      "note", "children", "check",  "examples"};
  std::vector<RuleNode>& nodes = draft.fw.nodes;
  std::map<std::string, SourceLocation> ids;
  if (!draft.fw.id.empty()) ids[draft.fw.id] = draft.fw.location;
  std::vector<PendingList> stack(draft.lists.rbegin(), draft.lists.rend());
  while (!stack.empty()) {
    PendingList pl = std::move(stack.back());
    stack.pop_back();
    const FileContext& f = *draft.files[pl.file];
    std::vector<PendingList> child_lists;
    for (const auto& yn : pl.list) {
      if (!check_mapping(f, yn, "node", kNodeKeys, {"id", "title"})) {
        draft.ok = false;
        if (!yn.IsMap()) continue;
      }
      RuleNode node;
      node.location = f.at(yn);
      node.parent = pl.parent;
      bool nok = get_string(f, yn, "id", node.id) && get_string(f, yn, "title", node.title) &&
                 get_string(f, yn, "note", node.note) && get_weight(f, yn, node.weight) &&
                 get_bool(f, yn, "required", node.required) && get_levels(f, yn, node.levels) &&
                 get_outside_levels(f, yn, node);
      nok = check_node_id(f, yn, nodes, pl.parent, ids, node) && nok;
      const YAML::Node children = yn["children"];
      const bool branch = children && !(children.IsSequence() && children.size() == 0);
      nok = parse_node_body(f, yn, children, branch, node) && nok;
      draft.ok = draft.ok && nok;
      const int index = static_cast<int>(nodes.size());
      nodes[static_cast<std::size_t>(pl.parent)].children.push_back(index);
      draft.weight_at.push_back(yn["weight"] ? f.at(yn["weight"]) : node.location);
      nodes.push_back(std::move(node));
      if (branch && children.IsSequence()) {
        if (pl.depth + 1 > limits::kMaxRuleDepth) {
          error(f, children, "too-deep",
                fmt::format("rule tree nested deeper than {} levels", limits::kMaxRuleDepth));
          draft.ok = false;
        } else {
          child_lists.push_back({children, index, pl.depth + 1, pl.file});
        }
      }
    }
    for (auto it = child_lists.rbegin(); it != child_lists.rend(); ++it) stack.push_back(*it);
  }
}

// A node's id: non-empty without spaces, its parent's id and a dot before it, unique in the
// framework (`ids`: every id so far, with its location).
bool Loader::check_node_id(const FileContext& f, const YAML::Node& yn,
                           const std::vector<RuleNode>& nodes, int parent,
                           std::map<std::string, SourceLocation>& ids, const RuleNode& node) {
  if (!yn["id"] || !yn["id"].IsScalar()) return true;
  const auto parent_slot = static_cast<std::size_t>(parent);
  bool nok = true;
  const SourceLocation id_loc = f.at(yn["id"]);
  if (node.id.empty() || node.id.find_first_of(" \t") != std::string::npos) {
    error(id_loc, "bad-id",
          fmt::format("node id {} must be non-empty without spaces", dq(node.id)));
    nok = false;
  } else if (parent != 0 && node.id.rfind(nodes[parent_slot].id + ".", 0) != 0) {
    error(id_loc, "bad-id",
          fmt::format("id {} must start with its parent's id {} and a dot", dq(node.id),
                      dq(nodes[parent_slot].id)));
    nok = false;
  } else {
    const auto [it, inserted] = ids.emplace(node.id, id_loc);
    if (!inserted) {
      error(id_loc, "duplicate-id",
            fmt::format("duplicate id {} (first defined at {})", dq(node.id),
                        location_str(it->second)));
      nok = false;
    }
  }
  return nok;
}

// A node's children and check: a branch has children and no check or examples; a leaf has a
// check (and maybe examples).
bool Loader::parse_node_body(const FileContext& f, const YAML::Node& yn, const YAML::Node& children,
                             bool branch, RuleNode& node) {
  bool nok = true;
  if (children && !children.IsSequence()) {
    error(f, children, "wrong-type", "\"children\" must be a list of nodes");
    nok = false;
  }
  if (branch && yn["check"]) {
    error(f, yn["check"], "check-on-branch",
          fmt::format("node {} has children; only leaves have a check", dq(node.id)));
    nok = false;
  }
  if (branch && yn["examples"]) {
    error(f, yn["examples"], "check-on-branch",
          fmt::format("node {} has children; only leaves have examples", dq(node.id)));
    nok = false;
  }
  if (!branch) {
    if (!yn["check"]) {
      error(f, yn, "missing-key", fmt::format("leaf {} is missing key \"check\"", dq(node.id)));
      nok = false;
    } else {
      Check check;
      if (parse_check(f, yn["check"], check)) {
        if (yn["examples"] && !parse_examples(f, yn["examples"], check)) nok = false;
        node.check = std::move(check);
      } else {
        nok = false;
      }
    }
  }
  return nok;
}

int first_overflowing_weight(const std::vector<double>& weights) {
  double sum = 0;
  for (std::size_t k = 0; k < weights.size(); ++k) {
    sum += weights[k];
    if (!std::isfinite(sum)) return static_cast<int>(k);
  }
  return -1;
}

std::string sibling_group(const std::vector<RuleNode>& nodes, int parent) {
  return parent == 0
             ? std::string("the top-level nodes")
             : fmt::format("the children of {}", dq(nodes[static_cast<std::size_t>(parent)].id));
}

// Sibling weights must sum to a finite number above zero: scoring divides by that sum.
bool Loader::check_sibling_weights(const std::vector<RuleNode>& nodes,
                                   const std::vector<SourceLocation>& weight_at) {
  bool ok = true;
  for (std::size_t p = 0; p < nodes.size(); ++p) {
    const auto& children = nodes[p].children;
    if (children.empty()) continue;
    std::vector<double> weights;
    for (int c : children) weights.push_back(nodes[static_cast<std::size_t>(c)].weight);
    const int over = first_overflowing_weight(weights);
    double sum = 0;
    for (double w : weights) sum += w;
    if (over >= 0) {
      const auto c = static_cast<std::size_t>(children[static_cast<std::size_t>(over)]);
      error(weight_at[c], "bad-weight",
            fmt::format("weights of {} sum to more than the largest number at this weight ({}); "
                        "weights are relative, use ordinary numbers",
                        sibling_group(nodes, static_cast<int>(p)),
                        weights[static_cast<std::size_t>(over)]));
      ok = false;
    } else if (sum <= 0) {
      error(nodes[static_cast<std::size_t>(children.front())].location, "zero-weights",
            fmt::format("weights of {} sum to 0", sibling_group(nodes, static_cast<int>(p))));
      ok = false;
    }
  }
  return ok;
}

void Loader::load_framework_file(const std::string& display, const fs::path& root, RuleSet& set) {
  FrameworkDraft draft;
  draft.fw.nodes.emplace_back();  // root
  draft.weight_at.emplace_back();
  read_include_tree(display, root, draft);
  walk_nodes(draft);
  Framework& fw = draft.fw;
  if (!check_sibling_weights(fw.nodes, draft.weight_at)) draft.ok = false;
  if (fw.nodes.size() == 1 && draft.ok) {
    error(fw.location, "missing-key", fmt::format("framework {} has no nodes", dq(fw.id)));
    draft.ok = false;
  }
  if (!draft.ok || fw.id.empty()) return;
  for (const auto& existing : set.frameworks) {
    if (existing.id == fw.id) {
      error(fw.location, "duplicate-id",
            fmt::format("duplicate framework id {} (first defined at {})", dq(fw.id),
                        location_str(existing.location)));
      return;
    }
  }
  number_preorder(fw);
  set.frameworks.push_back(std::move(fw));
}

}  // namespace rules_internal

RuleSet load_rules(const std::vector<std::string>& paths, std::vector<Diagnostic>& diagnostics) {
  RuleSet set;
  rules_internal::Loader loader(diagnostics);
  for (const auto& p : paths) {
    std::error_code ec;
    const auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) {
      diagnostics.push_back(make_error(p, "not-found", "no such file or directory"));
      continue;
    }
    if (!fs::is_directory(status)) {
      fs::path root = fs::path(p).parent_path();
      if (root.empty()) root = ".";
      loader.load_framework_file(p, root, set);
      continue;
    }
    std::vector<std::string> found;
    const bool complete = list_regular_files(p, found, diagnostics);
    std::erase_if(found,
                  [](const std::string& f) { return fs::path(f).filename() != "framework.yaml"; });
    std::sort(found.begin(), found.end());
    if (found.empty() && complete)
      diagnostics.push_back(make_error(p, "not-found", "no framework.yaml below this directory"));
    for (const auto& file : found) loader.load_framework_file(file, fs::path(p), set);
  }
  set.hash = fmt::format("{:016x}", loader.hash);
  return set;
}

}  // namespace indicheck
