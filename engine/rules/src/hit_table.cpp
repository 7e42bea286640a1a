// The hit table: one document's sorted (sentence, pattern) pairs, from one Hyperscan pass.
//
// Per document: one hs_scan over Document::text gives (pattern, end) pairs. A literal's
// start is end - length; it counts for the sentence that contains it whole. Without
// start-of-match tracking (costly in Hyperscan) a regex end only says "a match ends here, maybe
// starting in an earlier sentence", so each sentence with a regex end, or whose literals let a
// triggered regex through, is re-scanned alone (each candidate regex by its RE2, or by the
// regex-only database for regexes RE2 would read otherwise, see compile.cpp) and only regex
// matches inside it are kept: regexes match within a sentence, exactly like RE2 run on the
// sentence. The result is a sorted (sentence, pattern) table, built once per Scanner::scan call
// and read by every framework of that call.
//
// Every leaf of every framework reads this table (leaf_evaluator.cpp groups it into windows);
// building it is the only place the document's whole text is scanned.
#include <algorithm>
#include <iterator>

#include "matcher_internal.h"
#include "titles.h"

namespace indicheck {

namespace {

// Bound of a scanner's cache of trigger answers by atom set (see Scanner::Scratch): a few
// thousand combinations occur in practice; 64 Ki entries are ~2 MB.
constexpr std::size_t kMaxTriggerCache = std::size_t{1} << 16;

int on_match(unsigned int id, unsigned long long /*from*/, unsigned long long to,
             unsigned int /*flags*/, void* context) {
  auto* raw = static_cast<std::vector<std::pair<std::uint32_t, std::uint64_t>>*>(context);
  raw->emplace_back(id, to);
  return 0;
}

void run_hs(const hs_database_t* database, Scanner::Scratch& s, std::string_view text) {
  s.raw.clear();
  if (!database || !s.scratch || text.empty()) return;
  hs_scan(database, text.data(), static_cast<unsigned>(text.size()), 0, s.scratch, on_match,
          &s.raw);
}

}  // namespace

std::vector<std::pair<std::uint32_t, std::uint32_t>> literal_hits(Scanner& scanner,
                                                                  const std::string& text) {
  const auto& impl = ScannerAccess::impl(scanner);
  auto& s = ScannerAccess::scratch(scanner);
  run_hs(impl.database, s, text);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  for (const auto& [id, end] : s.raw) {
    if (id >= impl.literal_count) continue;
    out.emplace_back(id, static_cast<std::uint32_t>(end - impl.patterns[id].text.size()));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

// Sorts `v` by (sentence, pattern): when it is already in sentence order only each sentence's
// run is sorted.
void sort_sentence_runs(std::vector<SentenceHit>& v) {
  const auto by_sentence = [](const SentenceHit& a, const SentenceHit& b) {
    return a.sentence < b.sentence;
  };
  if (!std::is_sorted(v.begin(), v.end(), by_sentence)) {
    std::sort(v.begin(), v.end());
    return;
  }
  for (auto it = v.begin(); it != v.end();) {
    auto run_end = it + 1;
    while (run_end != v.end() && run_end->sentence == it->sentence) ++run_end;
    if (run_end - it > 16) {
      std::sort(it, run_end);
    } else {  // a sentence's few hits: insertion sort, without std::sort's set-up
      for (auto k = it + 1; k < run_end; ++k) {
        const SentenceHit h = *k;
        auto j = k;
        for (; j != it && h < *(j - 1); --j) *j = *(j - 1);
        *j = h;
      }
    }
    it = run_end;
  }
}

// One full-text Hyperscan pass over a document: each report (pattern id, end offset) is turned
// into a hit as it arrives (no buffer of raw matches). A literal or atom counts for the
// sentence that contains it whole; a regex end (regex without trigger) marks its sentence for
// the re-scan.
struct TextPass {
  const CompiledRules::Impl& impl;
  const std::vector<Sentence>& sentences;
  const std::vector<std::uint32_t>* order;  // sentences by start; null = already in order
  Scanner::Scratch& s;
  // Index into the start order of the last sentence found; -1 = before the first sentence.
  long cursor = -1;
  std::size_t run_begin = 0;  // where the last sentence's hits start in s.hits

  // Literal hits come grouped by sentence (each lies inside its sentence and Hyperscan reports
  // by end offset): each sentence's run is kept sorted by pattern and free of duplicates as
  // hits arrive, an insertion into a few elements.
  void add_hit(std::uint32_t sentence, std::uint32_t id) {
    auto& hits = s.hits;
    if (hits.empty() || hits.back().sentence != sentence) {
      run_begin = hits.size();
      hits.push_back({sentence, id});
      return;
    }
    std::size_t at = hits.size();
    while (at > run_begin && hits[at - 1].pattern > id) --at;
    if (at > run_begin && hits[at - 1].pattern == id) return;  // the same literal again
    hits.insert(hits.begin() + static_cast<std::ptrdiff_t>(at), SentenceHit{sentence, id});
  }

  std::uint32_t sorted_at(long k) const {
    const auto i = static_cast<std::uint32_t>(k);
    return order ? (*order)[i] : i;
  }
  // The sentence holding byte `offset`: the last sentence (by start) starting at or before it,
  // if it ends after it. Hyperscan reports matches by end offset, so successive offsets are
  // close: the cursor walks from the previous answer instead of a binary search per hit. The
  // walk lands on the same index upper_bound would (starts are sorted).
  long sentence_at(std::uint64_t offset) {
    const auto n = static_cast<long>(sentences.size());
    while (cursor >= 0 && sentences[sorted_at(cursor)].span.begin > offset) --cursor;
    while (cursor + 1 < n && sentences[sorted_at(cursor + 1)].span.begin <= offset) ++cursor;
    if (cursor < 0) return -1;
    const std::uint32_t si = sorted_at(cursor);
    return offset < sentences[si].span.end ? static_cast<long>(si) : -1;
  }
  // Whether [begin, end) lies inside a title named only as a topic (titles.h).
  bool in_topic_title(std::uint64_t begin, std::uint64_t end) const {
    return rules_internal::inside_title(s.topic_titles, begin, end);
  }
  void add(std::uint32_t id, std::uint64_t end) {
    const auto n_patterns = static_cast<std::uint32_t>(impl.patterns.size());
    if (id < impl.literal_count || id >= n_patterns) {  // a literal, or a trigger's own atom
      const std::uint64_t begin = end - impl.match_length[id];
      const long si = sentence_at(begin);
      if (si < 0 || end > sentences[static_cast<std::size_t>(si)].span.end) return;
      const auto sentence = static_cast<std::uint32_t>(si);
      if (id < n_patterns) {
        // Inside a title named as a topic: kept apart (add_title_hits); a regex's trigger
        // atoms still count, regexes match the whole sentence.
        if (id < impl.literal_count && in_topic_title(begin, end))
          s.in_titles.push_back({sentence, id});
        else
          add_hit(sentence, id);
        if (impl.trigger && impl.literal_atom[id] >= 0)
          s.atom_hits.emplace_back(sentence, impl.literal_atom[id]);
      } else {
        s.atom_hits.emplace_back(sentence, impl.extra_atom[id - n_patterns]);
      }
    } else if (end > 0) {  // a regex without trigger: a match ends here
      const long si = sentence_at(end - 1);
      if (si >= 0) s.regex_candidates.emplace_back(static_cast<std::uint32_t>(si), id);
    }
  }
  static int on_match(unsigned int id, unsigned long long /*from*/, unsigned long long to,
                      unsigned int /*flags*/, void* context) {
    static_cast<TextPass*>(context)->add(id, to);
    return 0;
  }
};

// Sentences ordered by start into `order`. Reports come out of the document stage already in
// order, so the usual case needs no index at all (returns true, `order` empty); otherwise a
// stable sort by start, as before.
bool order_by_start(const std::vector<Sentence>& sentences, std::vector<std::uint32_t>& order) {
  const auto n_sentences = static_cast<std::uint32_t>(sentences.size());
  bool in_order = true;
  for (std::uint32_t i = 1; i < n_sentences && in_order; ++i)
    in_order = sentences[i - 1].span.begin <= sentences[i].span.begin;
  order.clear();
  if (!in_order) {
    order.resize(n_sentences);
    for (std::uint32_t i = 0; i < n_sentences; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return sentences[a].span.begin < sentences[b].span.begin;
    });
  }
  return in_order;
}

// Adds to s.regex_candidates each sentence with the triggered regexes its atoms let through.
// Atom hits come grouped by sentence (each lies inside one sentence, reported by end offset),
// in sentence order when sentences are; otherwise sorted first, so that each sentence is one
// run with all its atoms.
void add_triggered_sentences(const CompiledRules::Impl& impl, Scanner::Scratch& s) {
  auto& atom_hits = s.atom_hits;
  const auto by_sentence = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (!std::is_sorted(atom_hits.begin(), atom_hits.end(), by_sentence))
    std::stable_sort(atom_hits.begin(), atom_hits.end(), by_sentence);
  for (std::size_t i = 0; i < atom_hits.size();) {
    const std::uint32_t sentence = atom_hits[i].first;
    s.atoms.clear();
    bool distinct = false;  // at least two different atoms
    for (; i < atom_hits.size() && atom_hits[i].first == sentence; ++i) {
      distinct = distinct || (!s.atoms.empty() && s.atoms.front() != atom_hits[i].second);
      s.atoms.push_back(atom_hits[i].second);
    }
    if (!distinct && !impl.trigger_single_atom) continue;
    TriggerKey key;  // there are at most kMaxTriggerAtoms = 256 atoms
    for (int atom : s.atoms) key.bits[atom >> 6] |= std::uint64_t{1} << (atom & 63);
    auto found = s.trigger_cache.find(key);
    if (found == s.trigger_cache.end()) {
      if (s.trigger_cache.size() >= kMaxTriggerCache) {
        s.trigger_cache.clear();
        s.potential_sets.clear();
      }
      impl.trigger->AllPotentials(s.atoms, &s.potentials);
      std::vector<std::uint32_t> ids;
      for (int k : s.potentials) ids.push_back(impl.trigger_ids[static_cast<std::size_t>(k)]);
      s.potential_sets.push_back(std::move(ids));
      found = s.trigger_cache.emplace(key, static_cast<std::uint32_t>(s.potential_sets.size() - 1))
                  .first;
    }
    for (std::uint32_t id : s.potential_sets[found->second])
      s.regex_candidates.emplace_back(sentence, id);
  }
}

// Regex hits of every sentence in s.regex_candidates, into s.regex_hits (in sentence order).
// Every regex that matches inside a sentence is a candidate there (its trigger's formula holds,
// or its match ends there), and each candidate is confirmed on the sentence alone: by its RE2,
// or by the regex-only database (which reports every regex of its own that matches).
void rescan_regex_sentences(const CompiledRules::Impl& impl, Scanner::Scratch& s,
                            const Document& document) {
  auto& candidates = s.regex_candidates;
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<SentenceHit>& regex_hits = s.regex_hits;
  regex_hits.clear();
  for (std::size_t i = 0; i < candidates.size();) {
    const std::uint32_t si = candidates[i].first;
    const Span span = document.sentences[si].span;
    const std::string_view sentence =
        std::string_view(document.text).substr(span.begin, span.size());
    bool by_database = false;
    for (; i < candidates.size() && candidates[i].first == si; ++i) {
      const std::uint32_t id = candidates[i].second;
      const RE2* re = impl.regex_re2[id - impl.literal_count].get();
      if (!re)
        by_database = true;
      else if (RE2::PartialMatch(re2::StringPiece(sentence.data(), sentence.size()), *re))
        regex_hits.push_back({si, id});
    }
    if (!by_database) continue;
    run_hs(impl.regex_database, s, sentence);
    for (const auto& [id, end] : s.raw)
      if (id >= impl.literal_count) regex_hits.push_back({si, id});
  }
}

// s.hits (literal hits) and s.regex_hits into one sorted, unique table in s.hits.
void merge_regex_hits(Scanner::Scratch& s) {
  std::vector<SentenceHit>& regex_hits = s.regex_hits;
  // Literal hits are sorted within each sentence already (TextPass::add_hit); the sentences
  // come in order too unless the document's sentences are out of start order: then a full
  // sort (duplicates of one sentence, split over runs, are removed below). Regex hits come in
  // sentence order (regex sentences are visited in order); sorting reduces to the few hits of
  // each sentence. Then one merge.
  const auto by_sentence_only = [](const SentenceHit& a, const SentenceHit& b) {
    return a.sentence < b.sentence;
  };
  const bool literals_sorted = std::is_sorted(s.hits.begin(), s.hits.end(), by_sentence_only);
  if (!literals_sorted) std::sort(s.hits.begin(), s.hits.end());
  if (!regex_hits.empty()) {
    sort_sentence_runs(regex_hits);
    s.merged.clear();
    std::merge(s.hits.begin(), s.hits.end(), regex_hits.begin(), regex_hits.end(),
               std::back_inserter(s.merged));
    s.hits.swap(s.merged);
  }
  if (!literals_sorted || !regex_hits.empty())
    s.hits.erase(std::unique(s.hits.begin(), s.hits.end()), s.hits.end());
}

// The literal hits seen only inside topic titles (s.in_titles, not in s.hits) into s.title_only
// and into s.hits: leaves that count titles read them, the others skip them (leaf_hits).
void add_title_hits(Scanner::Scratch& s) {
  s.title_only.clear();
  if (s.in_titles.empty()) return;
  std::sort(s.in_titles.begin(), s.in_titles.end());
  s.in_titles.erase(std::unique(s.in_titles.begin(), s.in_titles.end()), s.in_titles.end());
  for (const SentenceHit& h : s.in_titles)
    if (!std::binary_search(s.hits.begin(), s.hits.end(), h)) s.title_only.push_back(h);
  s.in_titles.clear();
  if (s.title_only.empty()) return;
  s.merged.clear();
  std::merge(s.hits.begin(), s.hits.end(), s.title_only.begin(), s.title_only.end(),
             std::back_inserter(s.merged));
  s.hits.swap(s.merged);
}

}  // namespace

const std::vector<SentenceHit>& sentence_hits(Scanner& scanner, const Document& document) {
  const auto& impl = ScannerAccess::impl(scanner);
  auto& s = ScannerAccess::scratch(scanner);
  s.hits.clear();
  s.views.clear();
  s.section_paths.clear();
  s.strengths.clear();
  s.gate_scores.clear();
  s.slogans.clear();
  const auto& sentences = document.sentences;
  const bool in_order = order_by_start(sentences, s.order);
  // The full-text pass: literal and atom hits, and the sentences where a regex ends, taken as
  // Hyperscan reports them.
  // Titles named only as a topic, and a meeting's agenda: their terms reach only the leaves
  // that count topics (titles.h).
  rules_internal::mentioned_titles(document.text, s.topic_titles);
  rules_internal::meeting_agendas(document.text, s.topic_titles);
  s.in_titles.clear();
  TextPass pass{impl, sentences, in_order ? nullptr : &s.order, s};
  s.regex_candidates.clear();
  s.atom_hits.clear();
  if (impl.database && s.scratch && !document.text.empty())
    hs_scan(impl.database, document.text.data(), static_cast<unsigned>(document.text.size()), 0,
            s.scratch, TextPass::on_match, &pass);
  add_triggered_sentences(impl, s);
  rescan_regex_sentences(impl, s, document);
  merge_regex_hits(s);
  add_title_hits(s);
  return s.hits;
}

}  // namespace indicheck
