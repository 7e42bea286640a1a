// Corpus lint (lint.h): near misses per section, and each term's containing compounds.
//
// Anchors. A section's topic shows in the words its terms are built from: 7.3's terms
// 行政复议, 复议体制改革, 复议职责整合 all hold 复议, 7.4's 出庭应诉, 负责人出庭 hold 出庭.
// Chinese compounds have no spaces, but a term's first and last two characters sit on a word
// boundary (the term's own ends), so those two-character strings are the candidates: head
// nouns (顾问, 复议) and head verbs (审批, 督查). A candidate becomes one of the section's
// anchors when it (a) appears in at least two distinct terms of the section — a word the
// vocabulary is built around, not an accident of one term — and (b) starts or ends terms of at
// most two sections of the framework — 机制, 制度, 管理 end terms everywhere and say nothing
// about a topic. Both cut-offs are kMinTermsPerAnchor and kMaxSectionsPerAnchor below.
//
// Near misses. A sentence of the achievements (or 第一责任人) part holding an anchor of section
// S is a near miss of S when no leaf of S accepts it (Scanner::accepted_sentences: it lies in
// no window that satisfies a leaf's condition). Only anchors the section's own evidence uses
// count (kMinAnchorAcceptance, measured on the corpus); the others are listed as generic. Many
// near misses are fine (the anchor in passing), but the ones that recur are phrasings the
// rules do not know.
//
// Compounds. Every occurrence of a term in a document's normalized text is extended by 0-4
// characters on each side, staying within CJK characters and stopping at a function
// character (的, 和, 等, ...): 综合|执法|局, |执法|大队. Each extension is counted once per
// occurrence; those seen at least twice are kept, and an extension mostly followed (or
// preceded) by the same character (kDominantExtension) is dropped in favour of the longer
// one: 政执法 gives way to 行政执法, 执法大 to 执法大队. The most frequent remaining are the
// term's compounds.
#include "indicheck/lint.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "matcher_internal.h"

namespace indicheck {

namespace {

constexpr std::size_t kMinTermsPerAnchor = 2;
constexpr std::size_t kMaxSectionsPerAnchor = 2;
constexpr std::size_t kMaxContext = 4;           // characters added on each side of a term
constexpr std::size_t kExampleCodePoints = 120;  // example sentences are cut after this
// An extension holding this share of a shorter one's occurrences replaces it.
constexpr double kDominantExtension = 2.0 / 3.0;
// Near misses count only anchors the section itself uses: of the achievements sentences
// holding the anchor in the corpus, at least this share must be accepted by a leaf of the
// section. 开展 (from 开展应急演练) or 问题 (from 突出问题) pass the rules-only test but head
// thousands of sentences on every subject; 复议 or 出庭 head sentences the section accepts.
constexpr double kMinAnchorAcceptance = 0.2;

// One code point of UTF-8 text: its byte offset and value.
struct CodePoint {
  std::uint32_t offset;
  char32_t value;
};

// Decodes well-formed UTF-8 (documents and terms are normalized UTF-8). A bad byte becomes
// U+FFFD, one byte long, so the walk always advances.
std::vector<CodePoint> code_points(std::string_view s) {
  std::vector<CodePoint> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    char32_t v = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    if (n == 0 || i + n > s.size()) {
      out.push_back({static_cast<std::uint32_t>(i), U'\uFFFD'});
      ++i;
      continue;
    }
    for (std::size_t k = 1; k < n; ++k)
      v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back({static_cast<std::uint32_t>(i), v});
    i += n;
  }
  return out;
}

bool is_cjk(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

// Characters that end a compound: particles and conjunctions glue words, they are not part of
// one (的执法, 执法和 are not compounds of 执法).
bool is_function_character(char32_t c) {
  static constexpr std::u32string_view kFunction = U"的了和与及或等是在对并把被之其各也都又还着";
  return kFunction.find(c) != std::u32string_view::npos;
}

bool extends_compound(char32_t c) {
  return is_cjk(c) && !is_function_character(c);
}

std::string sentence_text(std::string_view original) {
  std::string out;
  std::size_t kept = 0;
  const auto cps = code_points(original);
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const char32_t c = cps[i].value;
    if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u3000') continue;
    if (kept == kExampleCodePoints) {
      out += "…";
      break;
    }
    const std::size_t end = i + 1 < cps.size() ? cps[i + 1].offset : original.size();
    out.append(original.substr(cps[i].offset, end - cps[i].offset));
    ++kept;
  }
  return out;
}

// A term's first and last two characters, when both are CJK: its word-boundary candidates.
std::vector<std::string> boundary_pairs(const std::string& term) {
  const auto cps = code_points(term);
  std::vector<std::string> out;
  if (cps.size() < 2) return out;
  const auto pair_at = [&](std::size_t i) {
    if (!is_cjk(cps[i].value) || !is_cjk(cps[i + 1].value)) return;
    const std::size_t end = i + 2 < cps.size() ? cps[i + 2].offset : term.size();
    std::string p = term.substr(cps[i].offset, end - cps[i].offset);
    if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(std::move(p));
  };
  pair_at(0);
  pair_at(cps.size() - 2);
  return out;
}

}  // namespace

// Counts of one section, while documents are added.
struct SectionCounts {
  struct Anchor {
    std::size_t sentences = 0, accepted = 0, near_misses = 0;
    std::vector<LintSentence> examples;  // near misses holding it, at most max_examples
  };
  std::map<std::string, Anchor> anchors;
  // The anchors of each near-miss sentence (sorted, joined by ' ') → sentences: the section's
  // count is known only once the anchors that count are (kMinAnchorAcceptance, at the end).
  std::map<std::string, std::size_t> near_miss_sets;
};

// One indicators framework: its sections, their anchors and counts.
struct FrameworkLint {
  const Framework* framework = nullptr;
  std::vector<int> sections;                 // node indices, in node order
  std::vector<std::size_t> section_of_slot;  // by leaf slot: index into `sections`
  std::unordered_map<std::string, std::vector<std::size_t>> anchor_sections;
  std::vector<SectionCounts> counts;  // by section
};

struct TermCounts {
  std::string term;
  std::string framework_id, node_id;
  std::size_t leaves = 0;
  std::size_t occurrences = 0;
  std::unordered_map<std::string, std::uint32_t> extensions;  // "left|right" → occurrences
};

struct CorpusLint::Impl {
  std::shared_ptr<const CompiledRules> rules;
  CorpusLintOptions options;
  Scanner scanner;
  std::vector<FrameworkLint> frameworks;
  std::vector<SectionAnchors> anchors;
  std::vector<TermCounts> terms;
  std::vector<std::int32_t> term_of_pattern;  // literal pattern id → index into terms, or -1
  std::size_t documents = 0;

  Impl(std::shared_ptr<const CompiledRules> r, CorpusLintOptions o)
      : rules(r), options(o), scanner(std::move(r)) {}
  void derive_anchors(const Framework& fw);
  void index_terms();
  void count_near_misses(const Document& doc);
  void count_compounds(const Document& doc);
};

void CorpusLint::Impl::derive_anchors(const Framework& fw) {
  FrameworkLint& fl = frameworks.emplace_back();
  fl.framework = &fw;
  std::map<int, std::size_t> section_index;
  std::vector<std::set<std::string>> section_terms;
  for (int leaf : fw.leaves) {
    const RuleNode& node = fw.nodes[static_cast<std::size_t>(leaf)];
    const int section = node.parent > 0 ? node.parent : leaf;
    auto [it, fresh] = section_index.try_emplace(section, fl.sections.size());
    if (fresh) {
      fl.sections.push_back(section);
      section_terms.emplace_back();
    }
    fl.section_of_slot.push_back(it->second);
    if (!node.check) continue;
    for (const auto& sel : node.check->selections)
      section_terms[it->second].insert(sel.terms.begin(), sel.terms.end());
  }
  // Candidates per section with their support (distinct terms holding them), then how many
  // sections have each candidate.
  std::vector<std::map<std::string, std::size_t>> candidates(fl.sections.size());
  std::map<std::string, std::size_t> sections_with;
  for (std::size_t s = 0; s < fl.sections.size(); ++s) {
    for (const auto& term : section_terms[s])
      for (auto& pair : boundary_pairs(term)) candidates[s].emplace(std::move(pair), 0);
    for (auto& [pair, support] : candidates[s]) {
      for (const auto& term : section_terms[s]) support += term.find(pair) != std::string::npos;
      ++sections_with[pair];
    }
  }
  fl.counts.resize(fl.sections.size());
  for (std::size_t s = 0; s < fl.sections.size(); ++s) {
    const RuleNode& node = fw.nodes[static_cast<std::size_t>(fl.sections[s])];
    SectionAnchors& sa = anchors.emplace_back(SectionAnchors{fw.id, node.id, node.title, {}});
    for (const auto& [pair, support] : candidates[s])
      if (support >= kMinTermsPerAnchor && sections_with[pair] <= kMaxSectionsPerAnchor) {
        sa.anchors.push_back(pair);
        fl.anchor_sections[pair].push_back(s);
      }
  }
}

void CorpusLint::Impl::index_terms() {
  std::map<std::string, std::size_t> index;
  for (const auto& fw : rules->rules().frameworks)
    for (int leaf : fw.leaves) {
      const RuleNode& node = fw.nodes[static_cast<std::size_t>(leaf)];
      if (!node.check) continue;
      std::set<std::string> mine;
      for (const auto& sel : node.check->selections)
        mine.insert(sel.terms.begin(), sel.terms.end());
      for (const auto& term : mine) {
        auto [it, fresh] = index.try_emplace(term, terms.size());
        if (fresh) terms.push_back(TermCounts{term, fw.id, node.id, 0, 0, {}});
        ++terms[it->second].leaves;
      }
    }
  const auto& impl = rules->impl();
  term_of_pattern.assign(impl.literal_count, -1);
  for (std::size_t id = 0; id < impl.literal_count; ++id)
    if (const auto it = index.find(impl.patterns[id].text); it != index.end())
      term_of_pattern[id] = static_cast<std::int32_t>(it->second);
}

void CorpusLint::Impl::count_near_misses(const Document& doc) {
  const Framework* fw = rules->rules().framework_for_year(doc.meta.year);
  if (!fw) return;
  const auto found =
      std::find_if(frameworks.begin(), frameworks.end(),
                   [&](const FrameworkLint& f) { return f.framework->id == fw->id; });
  if (found == frameworks.end()) return;
  FrameworkLint& fl = *found;
  // Sentences accepted per section: the union of its leaves' accepted sentences.
  std::vector<std::vector<std::uint32_t>> accepted(fl.sections.size());
  const auto per_leaf = scanner.accepted_sentences(doc, *fw);
  for (std::size_t slot = 0; slot < per_leaf.size(); ++slot) {
    auto& into = accepted[fl.section_of_slot[slot]];
    into.insert(into.end(), per_leaf[slot].begin(), per_leaf[slot].end());
  }
  for (auto& a : accepted) std::sort(a.begin(), a.end());
  std::vector<std::pair<std::size_t, std::string>> hits;  // (section, anchor) in this sentence
  for (std::uint32_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& sentence = doc.sentences[si];
    if (sentence.role != Role::kAchievements && sentence.role != Role::kLeadership) continue;
    const std::string_view text(doc.text.data() + sentence.span.begin, sentence.span.size());
    const auto cps = code_points(text);
    hits.clear();
    for (std::size_t i = 0; i + 1 < cps.size(); ++i) {
      const std::size_t end = i + 2 < cps.size() ? cps[i + 2].offset : text.size();
      const auto it =
          fl.anchor_sections.find(std::string(text.substr(cps[i].offset, end - cps[i].offset)));
      if (it == fl.anchor_sections.end()) continue;
      for (std::size_t s : it->second) hits.emplace_back(s, it->first);
    }
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    LintSentence example;
    for (std::size_t h = 0; h < hits.size();) {  // one section at a time
      const std::size_t s = hits[h].first;
      SectionCounts& sc = fl.counts[s];
      const bool accepted_here = std::binary_search(accepted[s].begin(), accepted[s].end(), si);
      std::string set;
      for (; h < hits.size() && hits[h].first == s; ++h) {
        SectionCounts::Anchor& a = sc.anchors[hits[h].second];
        ++a.sentences;
        if (accepted_here) {
          ++a.accepted;
          continue;
        }
        ++a.near_misses;
        set += set.empty() ? hits[h].second : " " + hits[h].second;
        if (a.examples.size() >= options.max_examples) continue;
        if (example.path.empty()) {
          const LineCol at = doc.line_col(doc.to_original(sentence.span.begin));
          example = LintSentence{doc.path, at.line, at.column,
                                 sentence_text(doc.original_text(sentence.span))};
        }
        a.examples.push_back(example);
      }
      if (!accepted_here) ++sc.near_miss_sets[set];
    }
  }
}

void CorpusLint::Impl::count_compounds(const Document& doc) {
  const std::string& text = doc.text;
  const auto cps = code_points(text);
  // Code point index of a byte offset (term hits start on code point boundaries).
  const auto index_of = [&](std::uint32_t offset) {
    return static_cast<std::size_t>(
        std::lower_bound(cps.begin(), cps.end(), offset,
                         [](const CodePoint& c, std::uint32_t o) { return c.offset < o; }) -
        cps.begin());
  };
  const auto slice = [&](std::size_t from, std::size_t to) {  // code points [from, to)
    const std::uint32_t b =
        from < cps.size() ? cps[from].offset : static_cast<std::uint32_t>(text.size());
    const std::uint32_t e =
        to < cps.size() ? cps[to].offset : static_cast<std::uint32_t>(text.size());
    return std::string_view(text).substr(b, e - b);
  };
  std::string key;
  for (const auto& [id, start] : literal_hits(scanner, text)) {
    if (id >= term_of_pattern.size() || term_of_pattern[id] < 0) continue;
    TermCounts& tc = terms[static_cast<std::size_t>(term_of_pattern[id])];
    ++tc.occurrences;
    const std::size_t first = index_of(start);
    const std::size_t last =
        index_of(static_cast<std::uint32_t>(start + tc.term.size()));  // one past
    std::size_t left = 0, right = 0;
    while (left < kMaxContext && first > left && extends_compound(cps[first - left - 1].value))
      ++left;
    while (right < kMaxContext && last + right < cps.size() &&
           extends_compound(cps[last + right].value))
      ++right;
    for (std::size_t l = 0; l <= left; ++l)
      for (std::size_t r = 0; r <= right; ++r) {
        if (l == 0 && r == 0) continue;
        key.assign(slice(first - l, first));
        key += '|';
        key += slice(last, last + r);
        ++tc.extensions[key];
      }
  }
}

CorpusLint::CorpusLint(std::shared_ptr<const CompiledRules> rules, CorpusLintOptions options)
    : impl_(std::make_unique<Impl>(std::move(rules), options)) {
  for (const auto& fw : impl_->rules->rules().frameworks)
    if (fw.kind == "indicators") impl_->derive_anchors(fw);
  impl_->index_terms();
}

CorpusLint::~CorpusLint() = default;

void CorpusLint::add(const Document& document) {
  impl_->count_near_misses(document);
  impl_->count_compounds(document);
  ++impl_->documents;
}

std::size_t CorpusLint::documents() const {
  return impl_->documents;
}

const std::vector<SectionAnchors>& CorpusLint::section_anchors() const {
  return impl_->anchors;
}

std::vector<NearMissSection> CorpusLint::near_misses() const {
  std::vector<NearMissSection> out;
  const std::size_t max_examples = impl_->options.max_examples;
  for (const auto& fl : impl_->frameworks)
    for (std::size_t s = 0; s < fl.sections.size(); ++s) {
      const SectionCounts& sc = fl.counts[s];
      const RuleNode& node = fl.framework->nodes[static_cast<std::size_t>(fl.sections[s])];
      NearMissSection nm{fl.framework->id, node.id, node.title, 0, {}, {}, {}};
      std::set<std::string> counted;
      for (const auto& [anchor, a] : sc.anchors) {
        if (a.near_misses == 0) continue;
        const bool counts = static_cast<double>(a.accepted) >=
                            kMinAnchorAcceptance * static_cast<double>(a.sentences);
        (counts ? nm.anchors : nm.generic)
            .push_back(AnchorCount{anchor, a.near_misses, a.sentences});
        if (counts) counted.insert(anchor);
      }
      for (const auto& [set, n] : sc.near_miss_sets) {
        bool any = false;
        for (std::size_t b = 0, e; b <= set.size() && !any; b = e + 1) {
          e = set.find(' ', b);
          if (e == std::string::npos) e = set.size();
          any = counted.count(set.substr(b, e - b)) > 0;
        }
        if (any) nm.count += n;
      }
      if (nm.count == 0) continue;
      const auto most = [](const AnchorCount& x, const AnchorCount& y) {
        return x.near_misses > y.near_misses;
      };
      std::stable_sort(nm.anchors.begin(), nm.anchors.end(), most);
      std::stable_sort(nm.generic.begin(), nm.generic.end(), most);
      // Examples round-robin over the counted anchors, most frequent first, so they show
      // variety; a sentence holding two anchors is shown once.
      for (std::size_t round = 0; nm.examples.size() < max_examples; ++round) {
        bool any = false;
        for (const auto& ac : nm.anchors) {
          const auto& examples = sc.anchors.at(ac.anchor).examples;
          if (round >= examples.size() || nm.examples.size() >= max_examples) continue;
          any = true;
          const LintSentence& e = examples[round];
          if (std::none_of(nm.examples.begin(), nm.examples.end(), [&](const LintSentence& x) {
                return x.path == e.path && x.line == e.line && x.column == e.column;
              }))
            nm.examples.push_back(e);
        }
        if (!any) break;
      }
      out.push_back(std::move(nm));
    }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.count > b.count; });
  return out;
}

std::vector<TermCollisions> CorpusLint::collisions() const {
  std::vector<TermCollisions> out;
  for (const auto& tc : impl_->terms) {
    if (tc.occurrences < impl_->options.min_occurrences || tc.occurrences == 0) continue;
    // Closed extensions: drop one whose one-character-longer extension counts the same.
    std::unordered_map<std::string, bool> closed;
    for (const auto& [key, n] : tc.extensions)
      if (n >= 2) closed.emplace(key, true);
    for (const auto& [key, n] : tc.extensions) {
      if (n < 2) continue;
      const std::size_t bar = key.find('|');
      const auto left = code_points(std::string_view(key).substr(0, bar));
      const auto right = code_points(std::string_view(key).substr(bar + 1));
      // This key is a one-character extension of `shorter`: when it holds most of shorter's
      // occurrences (kDominantExtension), shorter is a fragment of it (政执法 of 行政执法).
      // A copy: clang before 16 cannot capture a structured binding (scripts/fuzz.sh uses 14).
      const auto count = n;
      const auto drop_if_same = [&](const std::string& shorter) {
        const auto it = tc.extensions.find(shorter);
        if (it != tc.extensions.end() &&
            static_cast<double>(count) >= kDominantExtension * static_cast<double>(it->second))
          closed[shorter] = false;
      };
      if (!left.empty()) drop_if_same(key.substr(left.size() > 1 ? left[1].offset : bar));
      if (!right.empty()) drop_if_same(key.substr(0, bar + 1 + right.back().offset));
    }
    std::vector<std::pair<std::string, std::size_t>> compounds;
    for (const auto& [key, keep] : closed) {
      if (!keep) continue;
      const std::size_t bar = key.find('|');
      compounds.emplace_back(key.substr(0, bar) + tc.term + key.substr(bar + 1),
                             tc.extensions.at(key));
    }
    if (compounds.empty()) continue;
    std::sort(compounds.begin(), compounds.end(), [](const auto& a, const auto& b) {
      if (a.second != b.second) return a.second > b.second;
      if (a.first.size() != b.first.size()) return a.first.size() > b.first.size();
      return a.first < b.first;
    });
    if (compounds.size() > impl_->options.top_compounds)
      compounds.resize(impl_->options.top_compounds);
    out.push_back(TermCollisions{tc.term, tc.occurrences, tc.framework_id, tc.node_id, tc.leaves,
                                 std::move(compounds)});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.occurrences > b.occurrences; });
  return out;
}

}  // namespace indicheck
