// The scanner: one per worker thread, over the shared, immutable CompiledRules.
//
// scan() builds (or reuses) the document's hit table (hit_table.cpp), buckets its hits per leaf
// of the framework asked for, and lets one LeafEvaluator (leaf_evaluator.cpp) turn each leaf's
// bucket into evidence. All per-document state lives in Scanner::Scratch, so a Scanner needs no
// allocation per document once warm, and two Scanners never share anything mutable.
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

// Hits of one framework, bucketed per leaf slot into `out` (buffers reused). `hits` is sorted
// by sentence, so each bucket comes out in sentence order, hit order kept.
void leaf_hits(const CompiledRules::Impl& impl, std::size_t fw, const std::vector<SentenceHit>& hits,
               std::vector<std::vector<LeafHit>>& out) {
  const std::size_t leaves = impl.rules.frameworks[fw].leaves.size();
  if (out.size() < leaves) out.resize(leaves);
  for (std::size_t i = 0; i < leaves; ++i) out[i].clear();
  const auto& fu = impl.framework_uses[fw];
  for (const auto& h : hits)
    for (std::uint32_t u = fu.begin[h.pattern]; u < fu.begin[h.pattern + 1]; ++u) {
      const auto [slot, selection] = fu.uses[u];
      out[slot].push_back({h.sentence, selection, h.pattern});
    }
}

}  // namespace

DocumentEvidence Scanner::scan(const Document& document, const Framework& framework) {
  DocumentEvidence out;
  out.framework_id = framework.id;
  const auto& impl = rules_->impl();
  const int fi = impl.framework_index(framework.id);
  if (fi < 0) return out;
  const auto& hits = sentence_hits(*this, document);
  auto& per_leaf = scratch_->per_leaf;
  leaf_hits(impl, static_cast<std::size_t>(fi), hits, per_leaf);
  LeafEvaluator evaluator(impl, document, static_cast<std::size_t>(fi), *scratch_);
  const std::size_t leaves = impl.rules.frameworks[static_cast<std::size_t>(fi)].leaves.size();
  out.items.reserve(leaves);
  for (std::size_t slot = 0; slot < leaves; ++slot)
    out.items.push_back(evaluator.evaluate(slot, per_leaf[slot]));
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
  for (const auto& h : hits)
    for (const auto& use : impl.patterns[h.pattern].uses)
      if (use.framework == static_cast<std::uint32_t>(fi) && use.leaf_slot == slot)
        mine.push_back({h.sentence, use.selection, h.pattern});
  LeafEvaluator evaluator(impl, document, static_cast<std::size_t>(fi), *scratch_);
  return evaluator.evaluate(slot, mine);
}

}  // namespace indicheck
