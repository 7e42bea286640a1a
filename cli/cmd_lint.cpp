// `indicheck rules lint --near-misses CORPUS` and `--collisions CORPUS`: reads the corpus with
// the document reader, hands every document to a CorpusLint (engine/rules, indicheck/lint.h)
// and prints what it found. Exit 0 (findings are for reading), 2 when a corpus path does not
// exist or holds no report.
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "common.h"
#include "indicheck/diagnostic.h"
#include "indicheck/document.h"
#include "indicheck/lint.h"
#include "indicheck/run.h"

namespace indicheck::cli {

namespace {

void print_near_misses(const CorpusLint& lint, std::size_t max_examples) {
  const auto sections = lint.near_misses();
  std::size_t total = 0;
  for (const auto& s : sections) total += s.count;
  std::cout << fmt::format(
      "near misses: {} sentence(s) in {} section(s), {} report(s)\n"
      "(achievements sentences holding an anchor of a section that no leaf of "
      "the section accepts; anchor near misses/sentences holding it)\n",
      total, sections.size(), lint.documents());
  for (const auto& s : sections) {
    const auto list = [](const std::vector<AnchorCount>& anchors) {
      std::vector<std::string> out;
      for (const auto& a : anchors)
        out.push_back(fmt::format("{} {}/{}", a.anchor, a.near_misses, a.sentences));
      return fmt::format("{}", fmt::join(out, ", "));
    };
    std::cout << fmt::format("\n{} {}  {}  {} sentence(s)\n  anchors: {}\n", s.framework_id,
                             s.section_id, s.title, s.count, list(s.anchors));
    if (!s.generic.empty())
      std::cout << fmt::format("  not counted (generic here): {}\n", list(s.generic));
    for (std::size_t i = 0; i < s.examples.size() && i < max_examples; ++i) {
      const auto& e = s.examples[i];
      std::cout << fmt::format("  {}:{}:{}: {}\n", e.path, e.line, e.column, e.text);
    }
  }
}

void print_collisions(const CorpusLint& lint, std::size_t min_occurrences) {
  const auto terms = lint.collisions();
  std::cout << fmt::format(
      "collisions: {} term(s) seen at least {} times in {} report(s), with "
      "their most frequent containing compounds\n",
      terms.size(), min_occurrences, lint.documents());
  for (const auto& t : terms) {
    std::vector<std::string> compounds;
    for (const auto& [compound, n] : t.compounds)
      compounds.push_back(fmt::format("{} {}", compound, n));
    std::cout << fmt::format("{}  {} occurrence(s), {} {}{}: {}\n", t.term, t.occurrences,
                             t.framework_id, t.node_id,
                             t.leaves > 1 ? fmt::format(" and {} more leaves", t.leaves - 1) : "",
                             fmt::join(compounds, ", "));
  }
}

void print_anchors(const CorpusLint& lint) {
  for (const auto& s : lint.section_anchors())
    std::cout << fmt::format(
        "{} {}  {}: {}\n", s.framework_id, s.section_id, s.title,
        s.anchors.empty() ? "(none)" : fmt::format("{}", fmt::join(s.anchors, " ")));
}

}  // namespace

int lint_corpus(std::shared_ptr<const CompiledRules> rules, const CorpusLintRequest& request) {
  CorpusLintOptions options;
  options.max_examples = request.max_examples;
  options.top_compounds = request.top;
  options.min_occurrences = request.min_occurrences;
  CorpusLint lint(std::move(rules), options);
  if (request.near_misses.empty() && request.collisions.empty()) {  // --anchors alone
    print_anchors(lint);
    return kExitOk;
  }
  // One reading of the corpus serves both modes when they name the same paths.
  std::vector<std::string> paths =
      request.near_misses.empty() ? request.collisions : request.near_misses;
  const bool same = request.near_misses.empty() || request.collisions.empty() ||
                    request.near_misses == request.collisions;
  if (!same) {
    std::cerr << tr(
        "indicheck: error[usage]: --near-misses 和 --collisions 指定了不同的语料；"
        "请分开运行\n",
        "indicheck: error[usage]: --near-misses and --collisions name different "
        "corpora; run them one at a time\n");
    return kExitInput;
  }
  std::vector<Diagnostic> diagnostics;
  const auto files = expand_inputs(paths, diagnostics);
  if (has_errors(diagnostics)) {
    print_diagnostics(diagnostics);
    return kExitInput;
  }
  if (files.empty()) {
    diagnostics.push_back(make_error(paths.front(), "no-input", "no report files to lint against"));
    print_diagnostics(diagnostics);
    return kExitInput;
  }
  for (const auto& file : files) {
    std::vector<Diagnostic> read;
    if (auto doc = read_document(file, ReadOptions{}, read)) lint.add(*doc);
    for (auto& d : read)
      if (d.severity == Severity::kError) diagnostics.push_back(std::move(d));
  }
  print_diagnostics(diagnostics);  // unreadable reports are reported and skipped
  if (request.anchors) print_anchors(lint);
  if (!request.near_misses.empty()) print_near_misses(lint, request.max_examples);
  if (!request.near_misses.empty() && !request.collisions.empty()) std::cout << '\n';
  if (!request.collisions.empty()) print_collisions(lint, request.min_occurrences);
  return kExitOk;
}

}  // namespace indicheck::cli
