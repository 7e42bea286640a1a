// `indicheck rules check|test|lint|list [PATH...]` and `indicheck explain FILE --item ID`.
//
// Exit codes: rules check → 0 ok, 2 errors in the rules. rules test → 0 all examples pass,
// 1 an example fails, 2 the rules do not load. rules lint → 0 (warnings are printed). rules
// list → 0, 2 when the rules do not load. explain → 0, 2 bad input (unreadable report, unknown
// item, broken rules).
#include <fmt/format.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <iostream>
#include <map>
#include <set>

#include "commands.h"
#include "common.h"
#include "indicheck/diagnostic.h"
#include "indicheck/document.h"
#include "indicheck/matcher.h"
#include "indicheck/reason_text.h"
#include "indicheck/rules.h"
#include "indicheck/run.h"

namespace po = boost::program_options;

namespace indicheck::cli {

namespace {

const char* rules_usage() {
  return tr(
      R"(用法：indicheck rules check|test|lint|list [PATH...] [选项]

  check   校验规则文件（默认：自带的 rules/）；有任何错误则退出码为 2
  test    运行每个末级指标的示例；有示例未通过则退出码为 1
  lint    警告单字词语、没有示例的末级指标、在 --corpus DIR 中从未出现或过于频繁
          （每 MB 不少于 500 次）的词语，以及词语大量重合的末级指标；
          加 --near-misses CORPUS：列出含有某部分锚词、但该部分没有任何末级指标
          接受的成效句；
          加 --collisions CORPUS：列出每个词语最常见的、包含它的复合词；
          加 --anchors：列出每个部分的锚词
  list    显示指标树及权重和必选标记

PATH 为纲要文件，或在其中查找 framework.yaml 文件的目录。
)",
      R"(Usage: indicheck rules check|test|lint|list [PATH...] [OPTIONS]

  check   validate rule files (default: the bundled rules/); exit 2 on any error
  test    run every leaf's examples; exit 1 if one fails
  lint    warn about single-character terms, leaves without examples, terms never seen in
          --corpus DIR or frequent there (>= 500 per MB), and leaves whose terms overlap heavily;
          with --near-misses CORPUS: achievements sentences holding a section's anchor that no
          leaf of the section accepts; with --collisions CORPUS: each term's most frequent
          containing compounds; with --anchors: every section's anchors
  list    print the node tree with weights and required flags

PATH is a framework file or a directory searched for framework.yaml files.
)");
}

struct Loaded {
  RuleSet rules;
  std::shared_ptr<const CompiledRules> compiled;
};

// Loads and compiles; prints diagnostics. Returns false on errors.
// `gate`: as `evaluate --gate` (off, default, or a model file); `rules test` and `rules lint`
// never use one: examples test conditions, not the gate.
bool load_and_compile(const std::vector<std::string>& paths, Loaded& out, bool compile = true,
                      const std::string& gate = "off") {
  std::vector<Diagnostic> diagnostics;
  out.rules = load_rules(paths, diagnostics);
  std::string where;
  std::shared_ptr<const EvidenceGate> evidence_gate;
  if (!has_errors(diagnostics) && compile)
    evidence_gate = load_gate(gate, paths, diagnostics, where);
  if (!has_errors(diagnostics) && compile)
    out.compiled = CompiledRules::compile(out.rules, diagnostics, std::move(evidence_gate));
  print_diagnostics(diagnostics);
  return !has_errors(diagnostics);
}

std::string location(const SourceLocation& l) {
  return l.line ? fmt::format("{}:{}:{}", l.path, l.line, l.column) : l.path;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

int rules_check(const Loaded& loaded) {
  std::size_t nodes = 0, leaves = 0;
  for (const auto& f : loaded.rules.frameworks) {
    nodes += f.nodes.size() - 1;
    leaves += f.leaves.size();
  }
  std::cout << fmt::format("ok: {} framework(s), {} nodes, {} leaves, {} patterns\n",
                           loaded.rules.frameworks.size(), nodes, leaves,
                           loaded.compiled->pattern_count());
  return kExitOk;
}

int rules_test(const Loaded& loaded, bool verbose) {
  Scanner scanner(loaded.compiled);
  std::size_t total = 0, failed = 0, leaves_failed = 0, leaves = 0;
  for (const auto& fw : loaded.rules.frameworks) {
    std::size_t run = 0;
    const auto failures = run_examples(scanner, fw, run);
    total += run;
    failed += failures.size();
    std::map<int, std::vector<const ExampleFailure*>> by_leaf;
    for (const auto& f : failures) by_leaf[f.node].push_back(&f);
    for (int leaf : fw.leaves) {
      const RuleNode& node = fw.nodes[static_cast<std::size_t>(leaf)];
      if (!node.check) continue;
      ++leaves;
      const std::size_t n =
          node.check->examples_match.size() + node.check->examples_no_match.size();
      const auto it = by_leaf.find(leaf);
      if (it == by_leaf.end()) {
        if (verbose) std::cout << fmt::format("PASS {} {} ({} examples)\n", fw.id, node.id, n);
        continue;
      }
      ++leaves_failed;
      std::cout << fmt::format("FAIL {} {} {}\n", fw.id, node.id, node.title);
      for (const ExampleFailure* f : it->second)
        std::cout << fmt::format("  {}: expected {}, got {}: {}\n       {}\n",
                                 location(node.location), f->expected_match ? "match" : "no match",
                                 state_name(f->state), f->example,
                                 reason_text(f->reason, node, ui_lang()));
    }
  }
  std::cout << fmt::format("{} examples in {} leaves: {} passed, {} failed ({} leaves failing)\n",
                           total, leaves, total - failed, failed, leaves_failed);
  return failed == 0 ? kExitOk : kExitFindings;
}

int rules_list(const Loaded& loaded) {
  for (const auto& fw : loaded.rules.frameworks) {
    std::cout << fmt::format("{}  {}  [{}", fw.id, fw.title, fw.kind);
    if (fw.year_from) std::cout << fmt::format(", {}-{}", fw.year_from, fw.year_to);
    std::cout << "]\n";
    // Explicit stack over the (already validated) tree.
    std::vector<std::pair<int, int>> stack;  // (node, depth)
    const auto& root = fw.nodes[0];
    for (auto it = root.children.rbegin(); it != root.children.rend(); ++it)
      stack.push_back({*it, 1});
    while (!stack.empty()) {
      const auto [i, depth] = stack.back();
      stack.pop_back();
      const RuleNode& n = fw.nodes[static_cast<std::size_t>(i)];
      const RuleNode& parent = fw.nodes[static_cast<std::size_t>(n.parent)];
      double sum = 0;
      for (int c : parent.children) sum += fw.nodes[static_cast<std::size_t>(c)].weight;
      std::cout << fmt::format(
          "{}{}  {}  weight {:g} ({:.1f}%){}{}\n",
          std::string(static_cast<std::size_t>(depth) * 2, ' '), n.id, n.title, n.weight,
          sum > 0 ? 100 * n.weight / sum : 0.0, n.required ? "  required" : "",
          n.levels.empty() ? "" : fmt::format("  levels [{}]", fmt::join(n.levels, ", ")));
      for (auto it = n.children.rbegin(); it != n.children.rend(); ++it)
        stack.push_back({*it, depth + 1});
    }
  }
  return kExitOk;
}

int rules_lint(const Loaded& loaded, const std::string& corpus) {
  std::vector<Diagnostic> warnings;
  std::vector<std::string> corpus_texts;
  if (!corpus.empty()) {
    std::vector<Diagnostic> diagnostics;
    for (const auto& file : expand_inputs({corpus}, diagnostics)) {
      auto doc = read_document(file, ReadOptions{}, diagnostics);
      if (doc) corpus_texts.push_back(std::move(doc->text));
    }
    print_diagnostics(diagnostics);
  }
  const auto warn = [&](const SourceLocation& l, const char* code, std::string msg) {
    warnings.push_back(make_warning(l.path, code, std::move(msg), l.line, l.column));
  };
  // Frequent terms: every occurrence is a match the scanner must place and verify (the shipped
  // packs' two-character terms make up most of the ~63,000 matches per MB, docs/performance.md),
  // and a term in every other sentence says little on its own. Counted in a sample of the
  // corpus text so a large --corpus stays quick; one warning per term, at its first use.
  constexpr std::size_t kFrequencySampleBytes = std::size_t{4} << 20;
  constexpr double kFrequentPerMB = 500;  // once every ~700 characters of Chinese text
  std::size_t sample_bytes = 0;
  std::vector<std::string_view> sample;
  for (const auto& text : corpus_texts) {
    if (sample_bytes >= kFrequencySampleBytes) break;
    sample.emplace_back(text.data(), std::min(text.size(), kFrequencySampleBytes - sample_bytes));
    sample_bytes += sample.back().size();
  }
  struct TermUse {
    SourceLocation first;
    std::string node;
    std::size_t selections = 0;
  };
  std::map<std::string, TermUse> term_uses;
  std::vector<std::string> term_order;
  for (const auto& fw : loaded.rules.frameworks) {
    std::vector<std::pair<int, std::set<std::string>>> leaf_terms;
    for (int leaf : fw.leaves) {
      const RuleNode& node = fw.nodes[static_cast<std::size_t>(leaf)];
      if (!node.check) continue;
      const Check& c = *node.check;
      if (c.examples_match.empty() && c.examples_no_match.empty())
        warn(node.location, "no-examples", fmt::format("leaf \"{}\" has no examples", node.id));
      else if (c.examples_match.empty() || c.examples_no_match.empty())
        warn(node.location, "no-examples",
             fmt::format("leaf \"{}\" has no {} examples", node.id,
                         c.examples_match.empty() ? "match" : "no_match"));
      std::set<std::string> terms;
      for (const auto& s : c.selections) {
        for (const auto& t : s.terms) {
          terms.insert(t);
          if (code_points(t) == 1)
            warn(s.location, "short-term",
                 fmt::format("single-character term \"{}\" in selection \"{}\" of \"{}\" matches "
                             "almost anything",
                             t, s.name, node.id));
          if (code_points(t) > 1) {
            auto [use, first] = term_uses.try_emplace(t, TermUse{s.location, node.id, 0});
            if (first) term_order.push_back(t);
            ++use->second.selections;
          }
          if (!corpus_texts.empty() &&
              std::none_of(corpus_texts.begin(), corpus_texts.end(), [&](const std::string& text) {
                return text.find(t) != std::string::npos;
              }))
            warn(s.location, "unseen-term",
                 fmt::format("term \"{}\" of \"{}\" never occurs in the corpus", t, node.id));
        }
      }
      // A regex without regex syntax is a term written in the wrong place: it costs one of the
      // few regexes the scanner can trigger by their literals (engine/rules/src/triggers.cpp).
      for (const auto& s : c.selections)
        for (const auto& r : s.regexes)
          if (r.find_first_of("\\^$.|?*+()[]{}") == std::string::npos)
            warn(s.location, "literal-regex",
                 fmt::format("regex \"{}\" in selection \"{}\" of \"{}\" has no regex syntax; "
                             "list it under terms",
                             r, s.name, node.id));
      leaf_terms.emplace_back(leaf, std::move(terms));
    }
    // Leaves whose term sets overlap heavily (Jaccard >= 0.5) are probably duplicates.
    for (std::size_t a = 0; a < leaf_terms.size(); ++a) {
      for (std::size_t b = a + 1; b < leaf_terms.size(); ++b) {
        const auto& ta = leaf_terms[a].second;
        const auto& tb = leaf_terms[b].second;
        if (ta.empty() || tb.empty()) continue;
        std::size_t common = 0;
        for (const auto& t : ta) common += tb.count(t);
        const double jaccard =
            static_cast<double>(common) / static_cast<double>(ta.size() + tb.size() - common);
        if (jaccard >= 0.5) {
          const RuleNode& na = fw.nodes[static_cast<std::size_t>(leaf_terms[a].first)];
          const RuleNode& nb = fw.nodes[static_cast<std::size_t>(leaf_terms[b].first)];
          warn(nb.location, "overlapping-terms",
               fmt::format("leaves \"{}\" and \"{}\" share {} of {} distinct terms", na.id, nb.id,
                           common, ta.size() + tb.size() - common));
        }
      }
    }
  }
  if (sample_bytes > 0) {
    const double mb = static_cast<double>(sample_bytes) / 1e6;
    for (const auto& term : term_order) {
      std::size_t count = 0;
      for (const auto text : sample)
        for (auto at = text.find(term); at != std::string_view::npos;
             at = text.find(term, at + term.size()))
          ++count;
      const double per_mb = static_cast<double>(count) / mb;
      if (per_mb < kFrequentPerMB) continue;
      const TermUse& use = term_uses.at(term);
      warn(use.first, "frequent-term",
           fmt::format("term \"{}\" of \"{}\" ({} selection(s) use it) occurs {:.0f} times per MB "
                       "of the corpus: each occurrence is a match to verify, and alone it says "
                       "little; pair it with a more specific term",
                       term, use.node, use.selections, per_mb));
    }
  }
  print_diagnostics(warnings);
  std::cout << fmt::format("{} warning(s)\n", warnings.size());
  return kExitOk;
}

}  // namespace

int run_rules(const Args& args) {
  po::options_description options;
  options.add_options()("help,h", tr("显示帮助", "show help"))(
      "corpus", po::value<std::string>(),
      tr("lint：在该目录的报告中查找词语", "lint: directory of reports to look terms up in"))(
      "near-misses", po::value<std::vector<std::string>>()->composing(),
      tr("lint：报告文件或目录；列出规则差一点就接受的句子",
         "lint: report files or directories; list sentences the rules nearly accept"))(
      "collisions", po::value<std::vector<std::string>>()->composing(),
      tr("lint：报告文件或目录；列出包含各词语的复合词",
         "lint: report files or directories; list each term's containing compounds"))(
      "anchors", tr("lint：列出每个部分的锚词", "lint: print every section's anchor words"))(
      "max-examples", po::value<std::size_t>()->default_value(3),
      tr("lint --near-misses：每个部分列出的例句数", "lint --near-misses: examples per section"))(
      "top", po::value<std::size_t>()->default_value(5),
      tr("lint --collisions：每个词语列出的复合词数", "lint --collisions: compounds per term"))(
      "min-occurrences", po::value<std::size_t>()->default_value(20),
      tr("lint --collisions：只列出至少出现这么多次的词语",
         "lint --collisions: list only terms seen at least this often"))(
      "verbose,v", tr("test：也列出通过的规则", "test: list passing rules too"));
  po::options_description hidden;
  hidden.add_options()("action", po::value<std::string>())("paths",
                                                           po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("action", 1).add("paths", -1);
  po::variables_map vm;
  if (const std::string usage = parse_arguments(args, options, hidden, positional, vm);
      !usage.empty()) {
    std::cerr << "indicheck: error[usage]: " << usage << "\n" << rules_usage();
    return kExitInput;
  }
  if (vm.count("help")) {
    std::cout << rules_usage();
    print_options(std::cout, options, tr("选项", "Options"));
    return kExitOk;
  }
  const std::string action = vm.count("action") ? vm["action"].as<std::string>() : "";
  if (action != "check" && action != "test" && action != "lint" && action != "list") {
    std::cerr << tr("indicheck: error[usage]: 需要子命令 check、test、lint 或 list\n",
                    "indicheck: error[usage]: expected check, test, lint or list\n")
              << rules_usage();
    return kExitInput;
  }
  std::vector<std::string> paths;
  if (vm.count("paths")) paths = vm["paths"].as<std::vector<std::string>>();
  if (paths.empty()) paths.push_back(default_data_path("rules"));
  Loaded loaded;
  if (!load_and_compile(paths, loaded)) return kExitInput;
  if (action == "check") return rules_check(loaded);
  if (action == "test") return rules_test(loaded, vm.count("verbose") > 0);
  if (action == "list") return rules_list(loaded);
  if (vm.count("near-misses") || vm.count("collisions") || vm.count("anchors")) {
    CorpusLintRequest request;
    if (vm.count("near-misses"))
      request.near_misses = vm["near-misses"].as<std::vector<std::string>>();
    if (vm.count("collisions"))
      request.collisions = vm["collisions"].as<std::vector<std::string>>();
    request.anchors = vm.count("anchors") > 0;
    request.max_examples = vm["max-examples"].as<std::size_t>();
    request.top = vm["top"].as<std::size_t>();
    request.min_occurrences = vm["min-occurrences"].as<std::size_t>();
    return lint_corpus(loaded.compiled, request);
  }
  return rules_lint(loaded, vm.count("corpus") ? vm["corpus"].as<std::string>() : "");
}

namespace {

const char* explain_usage() {
  return tr(
      "用法：indicheck explain FILE --item ID [--rules PATH] [--framework ID] [--encoding NAME]\n"
      "                        [--gate FILE|off]\n",
      "Usage: indicheck explain FILE --item ID [--rules PATH] [--framework ID] [--encoding NAME]\n"
      "                         [--gate FILE|off]\n");
}

void print_item(const Document& doc, const Framework& fw, const ItemEvidence& ev) {
  const RuleNode& node = fw.nodes[static_cast<std::size_t>(ev.node)];
  std::cout << fmt::format("{} {}  {}\n", fw.id, node.id, node.title);
  std::cout << fmt::format("  state:  {}\n  reason: {}\n", state_name(ev.state),
                           reason_text(ev.reason, node, ui_lang()));
  if (node.check) {
    const Check& c = *node.check;
    std::vector<std::string> roles;
    for (Role r : c.roles) roles.emplace_back(role_name(r));
    std::cout << fmt::format("  check:  condition `{}`, window {}, credit roles [{}]\n",
                             c.condition_text,
                             c.window == Window::kSentence    ? "sentence"
                             : c.window == Window::kParagraph ? "paragraph"
                             : c.window == Window::kSection   ? "section"
                                                              : "clause",
                             fmt::join(roles, ", "));
    for (const auto& s : c.selections) {
      std::vector<std::string> parts = s.terms;
      for (const auto& r : s.regexes) parts.push_back("/" + r + "/");
      std::cout << fmt::format("          {}: {}\n", s.name, fmt::join(parts, " | "));
    }
  }
  if (ev.quotes.empty()) std::cout << "  no supporting sentence\n";
  for (const auto& q : ev.quotes) {
    const PagePlace page = doc.page_place({q.line, q.column});
    std::cout << fmt::format(
        "  {}:{}:{}{}{} [{}{}{}] {}\n", doc.path, q.line, q.column,
        page.page ? fmt::format(" p{}:{}", page.page, page.line) : "", page.ocr ? " (OCR)" : "",
        role_name(q.role), q.credit ? ", credit" : "",
        q.gate >= 0 ? fmt::format(", gate {:.2f}", q.gate) : std::string(), q.section_path);
    std::cout << fmt::format("    {}\n", q.text);
    if (!q.terms.empty()) std::cout << fmt::format("    terms: {}\n", fmt::join(q.terms, ", "));
    for (const auto& m : q.metrics)
      std::cout << fmt::format("    metric {} = {}{} (\"{}\"; {})\n", m.name, m.value, m.unit,
                               m.raw, m.meets ? "meets the threshold" : "below the threshold");
  }
  if (!ev.near_misses.empty()) std::cout << "  接近的句子（差一点满足，最接近的在前）：\n";
  for (const auto& m : ev.near_misses) {
    std::cout << fmt::format("  {}:{}:{} [{}，{}/{} 组词语] {}\n", doc.path, m.line, m.column,
                             role_name(m.role), m.present, m.total, m.section_path);
    std::cout << fmt::format("    {}\n    欠缺：{}\n", m.text, m.lacking);
  }
}

}  // namespace

int run_explain(const Args& args) {
  po::options_description options;
  options.add_options()("help,h", tr("显示帮助", "show help"))("item", po::value<std::string>(),
                                                               tr("节点 id", "node id"))(
      "rules", po::value<std::vector<std::string>>(),
      tr("规则文件或目录（默认 rules/）", "rule files or directories (default rules/)"))(
      "framework", po::value<std::string>(),
      tr("纲要 id（默认：按报告年度选择，其次为补充纲要）",
         "framework id (default: by report year, then supplements)"))(
      "encoding", po::value<std::string>(), tr("强制报告编码", "force the report's encoding"))(
      "gate", po::value<std::string>(),
      tr("证据门控：off（默认）、default 或模型文件",
         "evidence gate: off (default), default, or a model file"));
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("file", -1);
  po::variables_map vm;
  if (const std::string usage = parse_arguments(args, options, hidden, positional, vm);
      !usage.empty()) {
    std::cerr << "indicheck: error[usage]: " << usage << "\n" << explain_usage();
    return kExitInput;
  }
  if (vm.count("help")) {
    std::cout << explain_usage();
    print_options(std::cout, options, tr("选项", "Options"));
    return kExitOk;
  }
  if (!vm.count("file") || vm["file"].as<std::vector<std::string>>().size() != 1 ||
      !vm.count("item")) {
    std::cerr << tr("indicheck: error[usage]: explain 需要一个 FILE 和 --item ID\n",
                    "indicheck: error[usage]: explain needs one FILE and --item ID\n")
              << explain_usage();
    return kExitInput;
  }
  const std::string file = vm["file"].as<std::vector<std::string>>().front();
  const std::string item = vm["item"].as<std::string>();
  std::vector<std::string> rule_paths{default_data_path("rules")};
  if (vm.count("rules")) rule_paths = vm["rules"].as<std::vector<std::string>>();
  Loaded loaded;
  if (!load_and_compile(rule_paths, loaded, true,
                        vm.count("gate") ? vm["gate"].as<std::string>() : "off"))
    return kExitInput;

  std::vector<Diagnostic> diagnostics;
  ReadOptions read_options;
  if (vm.count("encoding")) read_options.encoding = vm["encoding"].as<std::string>();
  auto doc = read_document(file, read_options, diagnostics);
  print_diagnostics(diagnostics);
  if (!doc) return kExitInput;

  // Which framework: the one named, else the report year's and the supplements that hold the id.
  std::vector<const Framework*> candidates;
  if (vm.count("framework")) {
    const Framework* fw = loaded.rules.find_framework(vm["framework"].as<std::string>());
    if (!fw) {
      std::cerr << fmt::format("indicheck: error[unknown-id]: no framework \"{}\"\n",
                               vm["framework"].as<std::string>());
      return kExitInput;
    }
    candidates.push_back(fw);
  } else {
    if (const Framework* fw = loaded.rules.framework_for_year(doc->meta.year))
      candidates.push_back(fw);
    for (const Framework* fw : loaded.rules.supplements()) candidates.push_back(fw);
  }
  const Framework* framework = nullptr;
  for (const Framework* fw : candidates)
    if (fw->find(item) > 0) {
      framework = fw;
      break;
    }
  if (!framework) {
    std::cerr << fmt::format(
        "indicheck: error[unknown-id]: no item \"{}\" in the framework(s) "
        "that apply to this report\n",
        item);
    return kExitInput;
  }
  std::cout << fmt::format("{}: unit {} ({}), year {}\n", doc->path,
                           doc->meta.unit.found() ? doc->meta.unit.value : "?",
                           doc->meta.level.found() ? doc->meta.level.value : "level ?",
                           doc->meta.year ? std::to_string(doc->meta.year) : "?");
  // The item and every leaf below it, in pre-order (leaves are in pre-order already).
  const int index = framework->find(item);
  Scanner scanner(loaded.compiled);
  const DocumentEvidence evidence = scanner.scan(*doc, *framework);
  for (std::size_t slot = 0; slot < framework->leaves.size(); ++slot) {
    bool under = false;
    for (int i = framework->leaves[slot]; i >= 0;
         i = framework->nodes[static_cast<std::size_t>(i)].parent)
      if (i == index) under = true;
    if (!under) continue;
    std::cout << '\n';
    print_item(*doc, *framework, evidence.items[slot]);
  }
  return kExitOk;
}

}  // namespace indicheck::cli
