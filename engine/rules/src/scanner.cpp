// The scanner: one per worker thread, over the shared, immutable CompiledRules.
//
// scan() builds the document's hit table once (hit_table.cpp), then for each framework asked
// for buckets its hits per leaf and lets one LeafEvaluator (leaf_evaluator.cpp) turn each
// leaf's bucket into evidence. The caller passes every framework of a document in one call, so
// the scanner never has to recognise a document coming back: the hit table and quote views in
// Scanner::Scratch are rebuilt at the start of every call and mean nothing after it. The
// buffers are reused, so a Scanner needs no allocation per document once warm, and two
// Scanners never share anything mutable.
#include <algorithm>

#include "matcher_internal.h"

namespace indicheck {

Scanner::Scratch::~Scratch() {
  if (scratch) hs_free_scratch(scratch);
}

Scanner::Scanner(std::shared_ptr<const CompiledRules> rules)
    : rules_(std::move(rules)), scratch_(std::make_unique<Scratch>()) {
  if (rules_->impl().scratch_prototype &&
      hs_clone_scratch(rules_->impl().scratch_prototype, &scratch_->scratch) != HS_SUCCESS)
    scratch_->scratch = nullptr;  // scan() then finds no hits; cannot happen short of OOM
}
Scanner::~Scanner() = default;
Scanner::Scanner(Scanner&&) noexcept = default;

namespace {

// A hit found only inside a title named as a topic (titles.h) reaches only the leaves of an
// indicators framework that count titles (`titles: evidence`) and those of other frameworks;
// exclusions always reach their leaf.
bool title_hit_counts(const Framework& framework, std::size_t slot, std::int32_t selection) {
  return selection < 0 || framework.kind != "indicators" ||
         framework.nodes[static_cast<std::size_t>(framework.leaves[slot])]
             .check->titles_as_evidence;
}

// Whether hit `h` is one of `title_only` (sorted); `next` walks along it as `h` grows (hits
// come sorted), so a document's check costs one pass over both lists.
bool in_title_only(const std::vector<SentenceHit>& title_only, std::size_t& next,
                   const SentenceHit& h) {
  while (next < title_only.size() && title_only[next] < h) ++next;
  return next < title_only.size() && title_only[next] == h;
}

// Hits of one framework, bucketed per leaf slot into `out` (buffers reused). `hits` is sorted
// by sentence, so each bucket comes out in sentence order, hit order kept.
void leaf_hits(const CompiledRules::Impl& impl, std::size_t fw,
               const std::vector<SentenceHit>& hits, const std::vector<SentenceHit>& title_only,
               std::vector<std::vector<LeafHit>>& out) {
  const Framework& framework = impl.rules.frameworks[fw];
  const std::size_t leaves = framework.leaves.size();
  if (out.size() < leaves) out.resize(leaves);
  for (std::size_t i = 0; i < leaves; ++i) out[i].clear();
  const auto& fu = impl.framework_uses[fw];
  std::size_t next = 0;
  for (const auto& h : hits) {
    const bool topic = in_title_only(title_only, next, h);
    for (std::uint32_t u = fu.begin[h.pattern]; u < fu.begin[h.pattern + 1]; ++u) {
      const auto [slot, selection] = fu.uses[u];
      if (topic && !title_hit_counts(framework, slot, selection)) continue;
      out[slot].push_back({h.sentence, selection, h.pattern});
    }
  }
}

}  // namespace

std::vector<DocumentEvidence> Scanner::scan(const Document& document,
                                            std::span<const Framework* const> frameworks,
                                            std::size_t max_quotes, bool near_misses) {
  max_quotes = std::min(max_quotes, limits::kMaxQuotesPerItem);
  std::vector<DocumentEvidence> out(frameworks.size());
  const auto& impl = rules_->impl();
  const std::vector<SentenceHit>* hits = nullptr;  // built on the first framework compiled in
  for (std::size_t k = 0; k < frameworks.size(); ++k) {
    out[k].framework_id = frameworks[k]->id;
    const int fi = impl.framework_index(frameworks[k]->id);
    if (fi < 0) continue;
    if (!hits) hits = &sentence_hits(*this, document);
    const auto fw = static_cast<std::size_t>(fi);
    auto& per_leaf = scratch_->per_leaf;
    leaf_hits(impl, fw, *hits, scratch_->title_only, per_leaf);
    LeafEvaluator evaluator(impl, document, fw, *scratch_, max_quotes, near_misses);
    const std::size_t leaves = impl.rules.frameworks[fw].leaves.size();
    auto& items = out[k].items;
    items.reserve(leaves);
    for (std::size_t slot = 0; slot < leaves; ++slot)
      items.push_back(evaluator.evaluate(slot, per_leaf[slot]));
  }
  return out;
}

DocumentEvidence Scanner::scan(const Document& document, const Framework& framework,
                               std::size_t max_quotes) {
  const Framework* one[] = {&framework};
  return std::move(scan(document, one, max_quotes).front());
}

std::vector<std::vector<std::uint32_t>> Scanner::accepted_sentences(const Document& document,
                                                                    const Framework& framework) {
  const auto& impl = rules_->impl();
  const int fi = impl.framework_index(framework.id);
  if (fi < 0) return {};
  const auto fw = static_cast<std::size_t>(fi);
  const auto& hits = sentence_hits(*this, document);
  auto& per_leaf = scratch_->per_leaf;
  leaf_hits(impl, fw, hits, scratch_->title_only, per_leaf);
  LeafEvaluator evaluator(impl, document, fw, *scratch_, limits::kMaxQuotesPerItem);
  const std::size_t leaves = impl.rules.frameworks[fw].leaves.size();
  std::vector<std::vector<std::uint32_t>> out(leaves);
  for (std::size_t slot = 0; slot < leaves; ++slot)
    evaluator.accepted(slot, per_leaf[slot], out[slot]);
  return out;
}

ItemEvidence Scanner::scan_item(const Document& document, const Framework& framework, int node) {
  const auto& impl = rules_->impl();
  const int fi = impl.framework_index(framework.id);
  ItemEvidence none;
  none.node = node;
  if (fi < 0) return none;
  const Framework& fw = impl.rules.frameworks[static_cast<std::size_t>(fi)];
  const auto it = std::find(fw.leaves.begin(), fw.leaves.end(), node);
  if (it == fw.leaves.end()) return none;
  const auto slot = static_cast<std::size_t>(it - fw.leaves.begin());
  const auto& hits = sentence_hits(*this, document);
  std::vector<LeafHit> mine;
  std::size_t next = 0;
  for (const auto& h : hits) {
    const bool topic = in_title_only(scratch_->title_only, next, h);
    for (const auto& use : impl.patterns[h.pattern].uses)
      if (use.framework == static_cast<std::uint32_t>(fi) && use.leaf_slot == slot &&
          (!topic || title_hit_counts(fw, slot, use.selection)))
        mine.push_back({h.sentence, use.selection, h.pattern});
  }
  LeafEvaluator evaluator(impl, document, static_cast<std::size_t>(fi), *scratch_,
                          limits::kMaxQuotesPerItem);
  return evaluator.evaluate(slot, mine);
}

}  // namespace indicheck
