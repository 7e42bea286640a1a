// Leaf evaluation: one leaf's hits (from the hit table) → its state, reason and quotes.
//
// Hits are grouped into windows (sentence, paragraph or innermost section, split by role so a
// window never spans two roles); sentences holding an exclude term contribute nothing; the
// postfix condition is evaluated per window; RE2 extracts metric values only in windows that
// satisfied the condition and lie in a credit role. States follow rules/README.md:
// met > partial > acknowledged > planned > missing; not-applicable from node levels.
//
// LeafEvaluator::evaluate runs those phases in order: group_hits, evaluate_windows (with
// read_metrics), ranking by strength (first_best_window), write_reason, take_quotes. This runs
// for every leaf of every framework on every report, so buffers are reused from leaf to leaf
// and what a quote shows of a sentence is computed once per document.
#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "condition.h"
#include "indicheck/gate.h"
#include "indicheck/limits.h"
#include "matcher_internal.h"
#include "slogan.h"
#include "titles.h"

namespace indicheck {

namespace {

// The quotes that mark a list of quoted items (U+201D, U+201C; 、 is U+3001).
constexpr std::string_view kCloseQuote = "\u201D";
constexpr std::string_view kOpenQuote = "\u201C";
constexpr std::string_view kListedOpenQuote = "\u3001\u201C";

// What ends an agency's name right after a term (城市管理局, 卫生健康委, 行政执法支队,
// 市场监督管理局): the term names who acts, not the field or the act.
bool opens_agency_name(std::string_view after) {
  for (std::string_view end :
       {"局", "委", "厅", "部门", "支队", "大队", "中队", "机构", "管理局", "监管局", "监督管理局",
        "行政执法局", "执法局", "综合执法局", "行政执法支队", "行政执法大队"})
    if (after.starts_with(end)) return true;
  return false;
}

bool compare(Comparison c, double v, double t) {
  switch (c) {
    case Comparison::kAtLeast:
      return v >= t;
    case Comparison::kAtMost:
      return v <= t;
    case Comparison::kGreater:
      return v > t;
    case Comparison::kLess:
      return v < t;
    case Comparison::kEqual:
      return std::fabs(v - t) < 1e-9;
  }
  return false;
}

const char* comparison_symbol(Comparison c) {
  switch (c) {
    case Comparison::kAtLeast:
      return ">=";
    case Comparison::kAtMost:
      return "<=";
    case Comparison::kGreater:
      return ">";
    case Comparison::kLess:
      return "<";
    case Comparison::kEqual:
      return "=";
  }
  return "?";
}

// A number as reports write it: "100", "99.5", "1,234", "2.0 " (stray spaces).
bool parse_number(std::string_view raw, double& out) {
  std::string cleaned;
  for (char c : raw)
    if (c != ',' && c != ' ') cleaned += c;
  if (cleaned.empty()) return false;
  char* end = nullptr;
  out = std::strtod(cleaned.c_str(), &end);
  return end == cleaned.c_str() + cleaned.size() && std::isfinite(out);
}

bool in_roles(const Check& check, Role r) {
  return std::find(check.roles.begin(), check.roles.end(), r) != check.roles.end();
}

// Code points in UTF-8 `s` (bytes that are not continuation bytes 10xxxxxx), as
// Document::line_col counts them; eight bytes at a time without a popcount instruction.
std::uint32_t count_code_points(std::string_view s) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL, kOnes = 0x0101010101010101ULL;
  std::size_t continuation = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    // One bit per continuation byte at bit 0 of the byte; the multiply sums the bytes (<= 8).
    continuation += static_cast<std::size_t>(((((w & ~(w << 1)) & kHigh) >> 7) * kOnes) >> 56);
  }
  for (; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++continuation;
  return static_cast<std::uint32_t>(s.size() - continuation);
}

}  // namespace

// ---- What a quote shows of a sentence, cached per document -----------------------------------

SentenceView& LeafEvaluator::view_slot(std::uint32_t si) const {
  if (views_.empty()) views_.resize(doc_.sentences.size());
  return views_[si];
}

LineCol LeafEvaluator::position_of(std::uint32_t si) const {
  SentenceView& v = view_slot(si);
  if (!v.position_ready) fill_positions();
  return v.position;
}

const SentenceView& LeafEvaluator::view(std::uint32_t si) const {
  SentenceView& v = view_slot(si);
  if (!v.ready) {
    const Sentence& s = doc_.sentences[si];
    v.text = std::string(doc_.original_text(s.span));
    v.position = position_of(si);
    v.ready = true;
  }
  return v;
}

const std::string& LeafEvaluator::section_path(std::uint32_t section) const {
  if (section_paths_.size() <= section)
    section_paths_.resize(std::max<std::size_t>(section + 1, doc_.sections.size()));
  auto& path = section_paths_[section];
  if (!path) path = doc_.section_path(section);
  return *path;
}

// Line:column of every sentence start, equal to Document::line_col(to_original(start)), in one
// sweep: line_col counts code points from the line start, which for a one-line web crawl is
// up to the whole report per sentence; here each sentence continues from the previous one on
// the same line. A sentence starting before the previous one (not the case for reports) falls
// back to line_col.
void LeafEvaluator::fill_positions() const {
  const auto& starts = doc_.line_starts_;
  const std::string_view original = doc_.original;
  const auto size = static_cast<std::uint32_t>(original.size());
  std::size_t line = 0;  // line starts at or before the previous sentence start
  std::uint32_t prev_o = 0, prev_end = 0, prev_column = 0;
  bool have_prev = false;
  for (std::uint32_t si = 0; si < doc_.sentences.size(); ++si) {
    SentenceView& v = view_slot(si);
    v.position_ready = true;
    const std::uint32_t o = doc_.to_original(doc_.sentences[si].span.begin);
    if (starts.empty() || (have_prev && o < prev_o) || starts.front() > o) {
      v.position = doc_.line_col(o);
      continue;
    }
    const std::size_t prev_line = line;
    while (line < starts.size() && starts[line] <= o) ++line;
    const std::uint32_t end = std::min(o, size);
    std::uint32_t column;
    if (have_prev && line == prev_line) {
      column = prev_column + count_code_points(original.substr(prev_end, end - prev_end));
    } else {
      const std::uint32_t start = starts[line - 1];
      column = 1 + (end > start ? count_code_points(original.substr(start, end - start)) : 0);
    }
    v.position = {static_cast<std::uint32_t>(line), column};
    have_prev = true;
    prev_o = o;
    prev_end = end;
    prev_column = column;
  }
}

// ---- Windows ---------------------------------------------------------------------------------

LevelScope LeafEvaluator::level_scope(std::size_t slot, Reason& reason) const {
  const std::string& level = doc_.meta.level.value;
  if (level.empty()) return LevelScope::kApplies;
  if (!fw_.levels.empty() &&
      std::find(fw_.levels.begin(), fw_.levels.end(), level) == fw_.levels.end()) {
    reason.code = ReasonCode::kLevelExcluded;
    reason.args = {level, ""};
    return LevelScope::kExcluded;
  }
  std::string by;
  const LevelScope scope = fw_.level_scope(fw_.leaves[slot], level, &by);
  if (scope != LevelScope::kApplies) {
    reason.code = ReasonCode::kLevelExcluded;
    reason.args = {level, by};
    if (scope == LevelScope::kEvidenceOnly) reason.args.emplace_back("evidence-only");
  }
  return scope;
}

void LeafEvaluator::window_sentences(Window w, std::uint32_t unit, Role role,
                                     std::vector<std::uint32_t>& out) const {
  out.clear();
  if (w == Window::kSentence || w == Window::kClause) {
    out.push_back(unit);
    return;
  }
  if (w == Window::kParagraph && unit < doc_.paragraphs.size()) {
    const Paragraph& p = doc_.paragraphs[unit];
    for (std::uint32_t k = 0; k < p.sentence_count; ++k) {
      const std::uint32_t si = p.first_sentence + k;
      if (si < doc_.sentences.size() && doc_.sentences[si].role == role) out.push_back(si);
    }
    return;
  }
  for (std::uint32_t si = 0; si < doc_.sentences.size(); ++si) {
    const Sentence& s = doc_.sentences[si];
    const std::uint32_t u = w == Window::kParagraph ? s.paragraph : s.section;
    if (u == unit && s.role == role) out.push_back(si);
  }
}

std::uint32_t LeafEvaluator::first_window_sentence(Window w, std::uint32_t unit, Role role,
                                                   std::uint32_t bound) const {
  if (w == Window::kSentence || w == Window::kClause) return std::min(unit, bound);
  if (w == Window::kParagraph && unit < doc_.paragraphs.size()) {
    const Paragraph& p = doc_.paragraphs[unit];
    for (std::uint32_t k = 0; k < p.sentence_count; ++k) {
      const std::uint32_t si = p.first_sentence + k;
      if (si < doc_.sentences.size() && doc_.sentences[si].role == role) return std::min(si, bound);
    }
    return bound;
  }
  for (std::uint32_t si = 0; si < bound && si < doc_.sentences.size(); ++si) {
    const Sentence& s = doc_.sentences[si];
    const std::uint32_t u = w == Window::kParagraph ? s.paragraph : s.section;
    if (u == unit && s.role == role) return si;
  }
  return bound;
}

// ---- evaluate, phase by phase ------------------------------------------------------------------

ItemEvidence LeafEvaluator::evaluate(std::size_t slot, const std::vector<LeafHit>& hits) const {
  const bool checked = fw_.nodes[static_cast<std::size_t>(fw_.leaves[slot])].check.has_value();
  Reason excluded;
  const LevelScope scope = checked ? level_scope(slot, excluded) : LevelScope::kApplies;
  if (scope == LevelScope::kExcluded) {
    ItemEvidence ev;
    ev.node = fw_.leaves[slot];
    ev.state = ItemState::kNotApplicable;
    ev.reason = std::move(excluded);
    return ev;
  }
  ItemEvidence ev = evaluate_applicable(slot, hits);
  // Below its levels an evidence-only leaf stands only when the report evidences it.
  if (scope == LevelScope::kEvidenceOnly && ev.state != ItemState::kMet &&
      ev.state != ItemState::kPartial) {
    ev.state = ItemState::kNotApplicable;
    ev.reason = std::move(excluded);
    ev.quotes.clear();
    ev.near_misses.clear();
  }
  return ev;
}

ItemEvidence LeafEvaluator::evaluate_applicable(std::size_t slot,
                                                const std::vector<LeafHit>& hits) const {
  ItemEvidence ev;
  ev.node = fw_.leaves[slot];
  const RuleNode& leaf = fw_.nodes[static_cast<std::size_t>(ev.node)];
  if (!leaf.check) {
    ev.reason.code = ReasonCode::kNoCheck;
    return ev;
  }
  const Check& check = *leaf.check;
  if (hits.empty()) {  // the common case: nothing to group
    ev.reason.code = ReasonCode::kNoTerms;
    return ev;
  }
  const bool any_hit = group_hits(check, hits);
  evaluate_windows(check, slot);
  const auto by_first = [](const WindowResult& a, const WindowResult& b) {
    return a.first_sentence < b.first_sentence;
  };
  // Windows come in (unit, role) order, usually already document order: a stable sort of a
  // sorted range changes nothing, so it is skipped.
  if (!std::is_sorted(results_.begin(), results_.end(), by_first))
    std::stable_sort(results_.begin(), results_.end(), by_first);
  // Only windows with the best outcome are ranked by strength, and often only the first few of
  // them: computed on first use (-1 = not yet).
  window_strengths_.assign(results_.size(), -1);
  Outcome best = Outcome::kElsewhere;
  for (const auto& r : results_) best = std::min(best, r.outcome);
  const WindowResult* first_best = first_best_window(check, best);
  write_reason(best, first_best, any_hit, ev);
  take_quotes(check, best, ev);
  if (want_near_misses_ && (ev.state == ItemState::kMissing || ev.state == ItemState::kPartial))
    near_misses(check, ev);
  return ev;
}

// The sentences a leaf accepts (for `rules lint --near-misses`): the sentences of every window
// that satisfies its condition, in any role, whatever the gate or the unit's level would say:
// lint asks about vocabulary, not credit. Sorted, unique, into `out`.
void LeafEvaluator::accepted(std::size_t slot, const std::vector<LeafHit>& hits,
                             std::vector<std::uint32_t>& out) const {
  out.clear();
  const RuleNode& leaf = fw_.nodes[static_cast<std::size_t>(fw_.leaves[slot])];
  if (!leaf.check || hits.empty()) return;
  if (!group_hits(*leaf.check, hits)) return;
  evaluate_windows(*leaf.check, slot);
  for (const auto& r : results_) {
    const auto [begin, end] = sentences_of(r);
    out.insert(out.end(), begin, end);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

// Phase 1: the leaf's hits as a flat list of group entries sorted by window (entries_), the
// (sentence, pattern) of every counted hit in hit order (terms_in_), and the excluded
// sentences (excluded_). Returns false when every hit was excluded.
bool LeafEvaluator::group_hits(const Check& check, const std::vector<LeafHit>& hits) const {
  // Sentences with an exclude term contribute nothing. (`hits` is in sentence order, so this
  // list is sorted.)
  std::vector<std::uint32_t>& excluded = excluded_;
  excluded.clear();
  for (const auto& h : hits)
    if (h.selection < 0) excluded.push_back(h.sentence);
  const auto is_excluded = [&](std::uint32_t si) {
    return std::binary_search(excluded.begin(), excluded.end(), si);
  };

  // Group hits into windows keyed by (unit, role), visited in (unit, role) order, hit order kept
  // inside a window: a flat list sorted by (unit, role, hit order), no map or per-window vectors.
  std::vector<GroupEntry>& entries = entries_;
  entries.clear();
  std::vector<std::pair<std::uint32_t, std::uint32_t>>& terms_in =
      terms_in_;  // (sentence, pattern), hit order
  terms_in.clear();
  bool any_hit = false;
  for (const auto& h : hits) {
    if (h.selection < 0 || is_excluded(h.sentence)) continue;
    any_hit = true;
    const Sentence& s = doc_.sentences[h.sentence];
    const auto role = static_cast<std::uint8_t>(s.role);
    terms_in.emplace_back(h.sentence, h.pattern);
    if (check.window == Window::kClause) {
      // One entry per clause holding the term: the condition is then tested clause by clause.
      for (std::uint32_t mask = clauses_holding(h.sentence, h.pattern, check.titles_as_evidence,
                                                check.agency_names_ignored);
           mask != 0; mask &= mask - 1)
        entries.push_back({h.sentence, static_cast<std::uint8_t>(std::countr_zero(mask)), role,
                           static_cast<std::uint32_t>(entries.size()), h.sentence, h.selection});
      continue;
    }
    // Every occurrence opening an agency's name: no hit in this sentence.
    if (check.agency_names_ignored &&
        clauses_holding(h.sentence, h.pattern, check.titles_as_evidence, true) == 0)
      continue;
    const std::uint32_t unit = check.window == Window::kSentence    ? h.sentence
                               : check.window == Window::kParagraph ? s.paragraph
                                                                    : s.section;
    entries.push_back(
        {unit, 0, role, static_cast<std::uint32_t>(entries.size()), h.sentence, h.selection});
  }
  const auto entry_less = [](const GroupEntry& x, const GroupEntry& y) {
    if (x.unit != y.unit) return x.unit < y.unit;
    if (x.clause != y.clause) return x.clause < y.clause;
    if (x.role != y.role) return x.role < y.role;
    return x.seq < y.seq;
  };
  if (!std::is_sorted(entries.begin(), entries.end(), entry_less))
    std::sort(entries.begin(), entries.end(), entry_less);
  return any_hit;
}

std::uint32_t LeafEvaluator::clauses_holding(std::uint32_t si, std::uint32_t id, bool in_titles,
                                             bool skip_names) const {
  const Span span = doc_.sentences[si].span;
  const std::string_view text = std::string_view(doc_.text).substr(span.begin, span.size());
  // Clause marks of the normalized text (，；：are , ; : after NFKC), and the closing quote of
  // an item in a list of quoted items (“…”“…” or “…”、“…”): each item is a topic of its own.
  const auto is_mark = [text](std::size_t i) {
    const char c = text[i];
    if (c == ',' || c == ';' || c == ':') return true;
    if (c != '\xE2' || text.compare(i, 3, kCloseQuote) != 0) return false;
    const std::string_view after = text.substr(i + 3);
    return after.starts_with(kOpenQuote) || after.starts_with(kListedOpenQuote);
  };
  const auto bit = [](std::size_t clause) {
    return std::uint32_t{1} << std::min<std::size_t>(clause, 31);
  };
  const CompiledPattern& p = impl_.patterns[id];
  std::uint32_t mask = 0;
  bool named_only = false;  // found, but each time as an agency's name
  if (!p.regex) {
    std::size_t clause = 0, scanned = 0;
    for (std::size_t at = text.find(p.text); at != std::string_view::npos;
         at = text.find(p.text, at + 1)) {
      if (!in_titles && rules_internal::inside_title(topic_titles_, span.begin + at,
                                                     span.begin + at + p.text.size()))
        continue;
      if (skip_names && opens_agency_name(text.substr(at + p.text.size()))) {
        named_only = true;
        continue;
      }
      for (; scanned < at; ++scanned) clause += is_mark(scanned) ? 1 : 0;
      mask |= bit(clause);
    }
  }
  if (mask != 0 || named_only) return mask;
  // A regex (or a literal not found as written): every clause of the sentence.
  std::size_t marks = 0;
  for (std::size_t i = 0; i < text.size(); ++i) marks += is_mark(i) ? 1 : 0;
  return bit(marks) | (bit(marks) - 1);
}

// Phase 2: every window whose selections satisfy the condition, in (unit, role) order, into
// results_ (its sentences into pool_).
void LeafEvaluator::evaluate_windows(const Check& check, std::size_t slot) const {
  const std::vector<GroupEntry>& entries = entries_;
  results_.clear();
  pool_.clear();
  std::vector<char>& present = present_;
  const bool any_hit_satisfies = impl_.any_hit_satisfies[fw_index_][slot] != 0;
  std::vector<std::uint32_t>& win_sentences = win_sentences_;
  for (std::size_t g = 0; g < entries.size();) {
    const std::uint32_t unit = entries[g].unit;
    const std::uint8_t clause = entries[g].clause;
    const std::uint8_t role = entries[g].role;
    if (!any_hit_satisfies) present.assign(check.selections.size(), 0);
    win_sentences.clear();
    for (; g < entries.size() && entries[g].unit == unit && entries[g].clause == clause &&
           entries[g].role == role;
         ++g) {
      if (!any_hit_satisfies) present[static_cast<std::size_t>(entries[g].selection)] = 1;
      if (win_sentences.empty() || win_sentences.back() != entries[g].sentence)
        win_sentences.push_back(entries[g].sentence);
    }
    if (!any_hit_satisfies && !rules_internal::evaluate_condition(check.condition, present))
      continue;
    add_window(check, slot, unit, static_cast<Role>(role));
  }
}

// One satisfied window (its hit sentences are win_sentences_): its first sentence, metrics and
// outcome.
void LeafEvaluator::add_window(const Check& check, std::size_t slot, std::uint32_t unit,
                               Role role) const {
  std::vector<std::uint32_t>& pool = pool_;
  std::vector<std::uint32_t>& win_sentences = win_sentences_;
  WindowResult& r = results_.emplace_back();
  r.role = role;
  r.sentences_begin = static_cast<std::uint32_t>(pool.size());
  pool.insert(pool.end(), win_sentences.begin(), win_sentences.end());
  // Every sentence of the window is needed only to read metrics; otherwise just its first.
  const bool read_metrics_here = in_roles(check, r.role) && !check.metrics.empty();
  if (read_metrics_here) {
    std::vector<std::uint32_t>& members = members_;
    window_sentences(check.window, unit, r.role, members);
    r.first_sentence =
        members.empty() ? win_sentences.front() : std::min(members.front(), win_sentences.front());
  } else {
    r.first_sentence = first_window_sentence(check.window, unit, r.role, win_sentences.front());
  }
  if (in_roles(check, r.role)) {
    read_metrics(check, slot, r);
    // Whether one hit sentence of the window passes `test`.
    const auto any_hit = [&](auto&& test) {
      for (std::uint32_t k = r.sentences_begin; k < r.sentences_begin + win_sentences.size(); ++k)
        if (test(pool[k])) return true;
      return false;
    };
    // Credit needs one hit sentence that is more than a slogan (the rubric's slogan rule), and
    // with the gate, one that states an act or result, not only its topic.
    if (slogan_rule_ && !any_hit([&](std::uint32_t si) { return !slogan(si); }))
      r.outcome = Outcome::kSlogan;
    else if (gated_ &&
             !any_hit([&](std::uint32_t si) { return gate_score(si) >= impl_.gate->threshold(); }))
      r.outcome = Outcome::kGated;
  } else if (r.role == Role::kShortcomings) {
    r.outcome = Outcome::kAcknowledged;
  } else if (r.role == Role::kPlans) {
    r.outcome = Outcome::kPlanned;
  } else {
    r.outcome = Outcome::kElsewhere;
  }
  r.sentences_end = static_cast<std::uint32_t>(pool.size());
}

// A window in a credit role: every metric read from its sentences (members_, filled by
// add_window when there are metrics); met when all meet, else partial with a note why.
void LeafEvaluator::read_metrics(const Check& check, std::size_t slot, WindowResult& r) const {
  std::vector<std::uint32_t>& pool = pool_;
  bool all = true;
  for (std::size_t mi = 0; mi < check.metrics.size(); ++mi) {
    const Metric& metric = check.metrics[mi];
    const RE2& re = *impl_.metrics[fw_index_][slot][mi];
    bool found = false, meets = false;
    read_metric(metric, re, r, found, meets);
    if (!found) {
      all = false;
      if (r.partial_args.empty()) {
        r.partial_code = ReasonCode::kPartialNotStated;
        r.partial_args = {metric.name};
      }
    } else if (!meets) {
      all = false;
      const auto& mv = std::find_if(r.metrics.begin(), r.metrics.end(), [&](const auto& x) {
                         return x.second.name == metric.name;
                       })->second;
      if (r.partial_args.empty()) {
        r.partial_code = ReasonCode::kPartialBelow;
        r.partial_args = {metric.name, fmt::format("{}{}", mv.value, metric.unit),
                          comparison_symbol(metric.comparison),
                          fmt::format("{}{}", metric.threshold, metric.unit)};
      }
    }
  }
  for (const auto& [si, mv] : r.metrics)  // this window's sentences are the pool's tail
    if (std::find(pool.begin() + r.sentences_begin, pool.end(), si) == pool.end())
      pool.push_back(si);
  r.outcome = all ? Outcome::kMet : Outcome::kPartial;
}

// One metric over the window's sentences, in order, until a value meets it. `found`: some
// value was read; `meets`: the kept value meets the threshold.
void LeafEvaluator::read_metric(const Metric& metric, const RE2& re, WindowResult& r, bool& found,
                                bool& meets) const {
  for (std::uint32_t si : members_) {
    const Span span = doc_.sentences[si].span;
    re2::StringPiece input(doc_.text.data() + span.begin, span.size());
    re2::StringPiece capture;
    while (!meets && !input.empty()) {
      const char* before = input.data();
      if (!RE2::FindAndConsume(&input, re, &capture)) break;
      if (input.data() == before) {
        // An empty match consumes nothing: step one code point so the loop ends.
        std::size_t step = 1;
        while (step < input.size() && (static_cast<unsigned char>(input[step]) & 0xC0) == 0x80)
          ++step;
        input.remove_prefix(step);
      }
      double value = 0;
      if (!parse_number(capture.data() ? std::string_view(capture.data(), capture.size())
                                       : std::string_view(),
                        value))
        continue;
      if (found && !compare(metric.comparison, value, metric.threshold)) continue;
      MetricValue mv;
      mv.name = metric.name;
      mv.value = value;
      mv.unit = metric.unit;
      const auto b = static_cast<std::uint32_t>(capture.data() - doc_.text.data());
      mv.raw =
          std::string(doc_.original_text(Span{b, b + static_cast<std::uint32_t>(capture.size())}));
      mv.meets = compare(metric.comparison, value, metric.threshold);
      // Keep one value per metric per window: the first that meets, else the first seen.
      auto it = std::find_if(r.metrics.begin(), r.metrics.end(),
                             [&](const auto& x) { return x.second.name == metric.name; });
      if (it != r.metrics.end()) r.metrics.erase(it);
      r.metrics.emplace_back(si, mv);
      found = true;
      meets = mv.meets;
    }
    if (meets) break;
  }
}

// How convincing window `window` (an index into results_) is to an auditor, to pick which one a
// report quotes first: 2 = a body sentence stating a number (61个, 100%), 1 = a body sentence,
// 0 = only headings. A heading ("（五）继续深化“放管服”改革。") names a topic; the sentences under
// it show the work. This orders quotes and picks the window the reason names; it never changes
// the state. Computed on first use (window_strengths_, -1 = not yet).
int LeafEvaluator::window_strength(const Check& check, std::size_t window) const {
  int& cached = window_strengths_[window];
  if (cached >= 0) return cached;
  int best_strength = 0;
  if (!check.quotes_in_document_order) {
    for (auto [it, end] = sentences_of(results_[window]); it != end; ++it) {
      best_strength = std::max(best_strength, sentence_strength(*it));
      if (best_strength == 2) break;
    }
  }
  cached = best_strength;
  return cached;
}

// Phase 3: the first window of the best outcome with the highest strength (2 is the highest);
// null when there is no window.
const WindowResult* LeafEvaluator::first_best_window(const Check& check, Outcome best) const {
  const WindowResult* first_best = nullptr;
  int first_best_strength = -1;
  for (std::size_t i = 0; i < results_.size() && first_best_strength < 2; ++i)
    if (results_[i].outcome == best && window_strength(check, i) > first_best_strength) {
      first_best = &results_[i];
      first_best_strength = window_strengths_[i];
    }
  return first_best;
}

// Phase 4: the state and its reason (a code and arguments; reason_text() words it).
void LeafEvaluator::write_reason(Outcome best, const WindowResult* first_best, bool any_hit,
                                 ItemEvidence& ev) const {
  Reason& reason = ev.reason;
  // Role and line:column of the window the reason names.
  const auto at = [&] {
    const LineCol lc = position_of(first_best->first_sentence);
    reason.role = first_best->role;
    reason.line = lc.line;
    reason.column = lc.column;
  };
  if (first_best == nullptr || best == Outcome::kElsewhere) {
    ev.state = ItemState::kMissing;
    if (!any_hit) {
      reason.code = ReasonCode::kNoTerms;
    } else if (first_best != nullptr) {
      reason.code = ReasonCode::kOutsideCredit;
      at();
    } else {
      reason.code = ReasonCode::kNotTogether;
    }
    return;
  }
  at();
  switch (best) {
    case Outcome::kMet:
      ev.state = ItemState::kMet;
      reason.code = ReasonCode::kMet;
      for (const auto& [si, mv] : first_best->metrics) {
        reason.args.push_back(mv.name);
        reason.args.push_back(fmt::format(FMT_COMPILE("{}{}"), mv.value, mv.unit));
      }
      break;
    case Outcome::kPartial:
      ev.state = ItemState::kPartial;
      reason.code = first_best->partial_code;
      reason.args = first_best->partial_args;
      break;
    case Outcome::kAcknowledged:
      ev.state = ItemState::kAcknowledged;
      reason.code = ReasonCode::kAcknowledged;
      break;
    case Outcome::kPlanned:
      ev.state = ItemState::kPlanned;
      reason.code = ReasonCode::kPlanned;
      break;
    case Outcome::kSlogan:
      ev.state = ItemState::kMissing;
      reason.code = ReasonCode::kSlogan;
      break;
    case Outcome::kGated: {
      ev.state = ItemState::kMissing;
      reason.code = ReasonCode::kGated;
      float top = 0;
      for (std::uint32_t k = first_best->sentences_begin; k < first_best->sentences_end; ++k)
        top = std::max(top, gate_score(pool_[k]));
      reason.args = {fmt::format(FMT_COMPILE("{:.2f}"), top),
                     fmt::format(FMT_COMPILE("{:.2f}"), impl_.gate->threshold())};
      break;
    }
    case Outcome::kElsewhere:
      break;
  }
}

// Phase 5: quotes. The windows that earned the state first (credit, strongest first), then the
// other satisfied windows in priority and document order; each sentence once; visited in that
// order until max_quotes_ quotes are taken (quote_window returns false when full).
void LeafEvaluator::take_quotes(const Check& check, Outcome best, ItemEvidence& ev) const {
  quoted_.clear();
  const auto& terms_in = terms_in_;
  const bool terms_sorted =
      std::is_sorted(terms_in.begin(), terms_in.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  // Every quoted sentence is in the pool (each at most once, but for a metric sentence shared
  // by windows): room for the quotes at once instead of growing 1, 2, 4, 8.
  ev.quotes.reserve(std::min(max_quotes_, pool_.size()));
  const std::vector<WindowResult>& results = results_;
  bool room = true;
  if (best != Outcome::kElsewhere)
    for (int level = 2; level >= 0 && room; --level)
      for (std::size_t i = 0; i < results.size() && room; ++i)
        if (results[i].outcome == best && window_strength(check, i) == level)
          room = quote_window(results[i], best, terms_sorted, ev);
  for (int o = 0; o <= static_cast<int>(Outcome::kGated) && room; ++o)
    for (std::size_t i = 0; i < results.size() && room; ++i)
      if (static_cast<int>(results[i].outcome) == o && results[i].outcome != best)
        room = quote_window(results[i], best, terms_sorted, ev);
}

// Quotes the sentences of window `r` not quoted yet; false once max_quotes_ are taken.
bool LeafEvaluator::quote_window(const WindowResult& r, Outcome best, bool terms_sorted,
                                 ItemEvidence& ev) const {
  std::vector<std::uint32_t>& quoted = quoted_;
  const auto& terms_in = terms_in_;
  for (auto [it, end] = sentences_of(r); it != end; ++it) {
    const std::uint32_t si = *it;
    if (ev.quotes.size() >= max_quotes_) break;
    if (std::find(quoted.begin(), quoted.end(), si) != quoted.end()) continue;
    quoted.push_back(si);
    const Sentence& s = doc_.sentences[si];
    Quote& q = ev.quotes.emplace_back();
    q.sentence = si;
    const SentenceView& v = view(si);
    q.text = v.text;
    q.line = v.position.line;
    q.column = v.position.column;
    q.role = s.role;
    q.section_path = section_path(s.section);
    // terms_in is in hit order, i.e. sentence order: only this sentence's range is read.
    auto t_begin = terms_in.cbegin(), t_end = terms_in.cend();
    if (terms_sorted) {
      t_begin = std::lower_bound(t_begin, t_end, si,
                                 [](const auto& t, std::uint32_t x) { return t.first < x; });
      t_end = std::upper_bound(t_begin, t_end, si,
                               [](std::uint32_t x, const auto& t) { return x < t.first; });
      q.terms.reserve(static_cast<std::size_t>(t_end - t_begin));
    }
    for (auto t = t_begin; t != t_end; ++t) {
      const auto& [tsi, pattern] = *t;
      if (tsi != si) continue;
      const CompiledPattern& p = impl_.patterns[pattern];
      std::string label = p.regex ? "/" + p.text + "/" : p.text;
      if (std::find(q.terms.begin(), q.terms.end(), label) == q.terms.end())
        q.terms.push_back(std::move(label));
    }
    for (const auto& [msi, mv] : r.metrics)
      if (msi == si) q.metrics.push_back(mv);
    q.credit = r.outcome == best && best != Outcome::kElsewhere && best != Outcome::kGated &&
               best != Outcome::kSlogan;
    if (gated_ && (r.outcome == Outcome::kMet || r.outcome == Outcome::kPartial ||
                   r.outcome == Outcome::kGated))
      q.gate = gate_score(si);
  }
  return ev.quotes.size() < max_quotes_;
}

}  // namespace indicheck
