// Corpus lint for rule authors: what the rules miss, and where their terms mean something else.
//
// `indicheck rules lint --near-misses CORPUS` and `--collisions CORPUS` run this. A CorpusLint
// is made once from compiled rules, is given every document of a corpus in turn (add()), and
// then answers two questions:
//
// - near_misses(): per section of an indicators framework (the parent of its leaves), the
//   achievements sentences that hold one of the section's anchors but that no leaf of the
//   section accepts: candidate vocabulary the rules miss. A section's anchors are derived from
//   its terms (SectionAnchors says how), so they need no upkeep; an anchor counts only where
//   the section accepts at least a fifth of the corpus sentences holding it (a word the
//   section's own evidence uses, not one every subject uses).
// - collisions(): per term, its most frequent containing compounds in the corpus (行政执法,
//   综合执法局 for 执法), so an author sees where a term is part of another word.
//
// Like a Scanner, a CorpusLint is not thread-safe. It keeps counts and a few example sentences,
// never the documents. It prints nothing: the cli does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "indicheck/document.h"
#include "indicheck/matcher.h"

namespace indicheck {

struct CorpusLintOptions {
  std::size_t max_examples = 3;      // example sentences per section (--max-examples)
  std::size_t top_compounds = 5;     // compounds per term (--top)
  std::size_t min_occurrences = 20;  // terms seen fewer times are not listed (--min-occurrences)
};

// One sentence shown as an example: where it is and its original text (whitespace removed,
// cut after 120 code points with "…").
struct LintSentence {
  std::string path;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string text;
};

// A section's anchors: two-character words at the start or end of at least two of its terms
// that start or end terms of at most two sections of the framework (see lint.cpp).
struct SectionAnchors {
  std::string framework_id;
  std::string section_id;
  std::string title;
  std::vector<std::string> anchors;  // sorted
};

struct AnchorCount {
  std::string anchor;
  std::size_t near_misses =
      0;                      // achievements sentences holding it that the section does not accept
  std::size_t sentences = 0;  // achievements sentences holding it
};

struct NearMissSection {
  std::string framework_id;
  std::string section_id;
  std::string title;
  std::size_t count = 0;  // achievements sentences holding a counted anchor, accepted by no leaf
  std::vector<AnchorCount> anchors;    // counted anchors with near misses, most first
  std::vector<AnchorCount> generic;    // anchors not counted: the section accepts under 20% of
                                       // the sentences holding them (lint.cpp); most first
  std::vector<LintSentence> examples;  // at most max_examples, spread over the anchors
};

struct TermCollisions {
  std::string term;
  std::size_t occurrences = 0;  // in the normalized text of every document added
  std::string framework_id;     // the first leaf using the term
  std::string node_id;
  std::size_t leaves = 0;  // leaves using the term, in every framework
  std::vector<std::pair<std::string, std::size_t>> compounds;  // most frequent first
};

class CorpusLint {
 public:
  CorpusLint(std::shared_ptr<const CompiledRules> rules, CorpusLintOptions options);
  ~CorpusLint();
  CorpusLint(const CorpusLint&) = delete;
  CorpusLint& operator=(const CorpusLint&) = delete;

  // Counts one document: near misses against the indicators framework of its year
  // (RuleSet::framework_for_year), compounds of every term in its whole text.
  void add(const Document& document);

  std::size_t documents() const;
  // Sections with at least one near miss, most first (ties: framework, then node order).
  std::vector<NearMissSection> near_misses() const;
  // Terms with at least min_occurrences occurrences and one compound, most frequent first.
  std::vector<TermCollisions> collisions() const;
  // The anchors of every section of every indicators framework, in framework and node order.
  const std::vector<SectionAnchors>& section_anchors() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace indicheck
