// What the leaf evaluator asks of one sentence, each answer cached per document in the
// scanner's scratch: how strong a quote it makes, whether it is a slogan (or a heading's own
// sentence, or a heading with nothing under it), and the evidence gate's score.
#include "indicheck/gate.h"
#include "matcher_internal.h"
#include "slogan.h"

namespace indicheck {

// 0 = a heading, 1 = a body sentence, 2 = a body sentence holding a digit.
int LeafEvaluator::sentence_strength(std::uint32_t si) const {
  if (strengths_.empty()) strengths_.assign(doc_.sentences.size(), -1);
  std::int8_t& v = strengths_[si];
  if (v < 0) {
    const Sentence& s = doc_.sentences[si];
    const Section& section = doc_.sections[s.section];
    const bool heading =
        section.depth > 0 && !section.marker.empty() && section.span.begin == s.span.begin;
    v = 0;
    if (!heading) {
      // Any ASCII digit: a loop without early exit, which the compiler vectorizes.
      unsigned char digit = 0;
      for (std::uint32_t i = s.span.begin; i < s.span.end; ++i)
        digit |= static_cast<unsigned char>(static_cast<unsigned char>(doc_.text[i]) - '0') < 10;
      v = digit ? 2 : 1;
    }
  }
  return v;
}

// A slogan (slogan.h), or a heading that shows no work: a chapter's or section's heading as its
// own sentence ("(二)健全政府机构职能体系,推动更好发挥政府作用。"; the rubric: headings alone are
// not evidence, the body under them must carry the act), told by its text so that a page reads the
// same with line breaks or run into one line (engine/document cuts a heading run into its first
// item there); or a heading of any kind with nothing under it (bare_heading).
bool LeafEvaluator::slogan(std::uint32_t si) const {
  if (slogans_.size() != doc_.sentences.size()) slogans_.assign(doc_.sentences.size(), -1);
  std::int8_t& v = slogans_[si];
  if (v < 0) {
    const Span span = doc_.sentences[si].span;
    const std::string_view text = std::string_view(doc_.text).substr(span.begin, span.size());
    v = rules_internal::heading_only(text) || bare_heading(si) ||
                rules_internal::slogan_sentence(text)
            ? 1
            : 0;
  }
  return v == 1;
}

// A heading with nothing under it but more headings: a page cut off after it
// ("（二）加大普法工作力度。" as its last line), or the next heading straight after it. It names
// a topic and shows no work, so to the slogan rule it is a slogan. A heading with a body (its
// own sentences, or its sub-sections' sentences) is not bare.
bool LeafEvaluator::bare_heading(std::uint32_t si) const {
  if (sentence_strength(si) != 0) return false;
  // 一是…, 二是…: a run-in item, whose marker opens the item's own first sentence.
  if (doc_.sections[doc_.sentences[si].section].marker.ends_with("是")) return false;
  // 1.加强组织领导成立了以党委书记为组长…: the item's work written on in the heading's sentence.
  const Span span = doc_.sentences[si].span;
  std::string_view text = std::string_view(doc_.text).substr(span.begin, span.size());
  // After its marker (1. has a digit of its own); at most some 40 Han characters.
  const std::string& marker = doc_.sections[doc_.sentences[si].section].marker;
  if (text.starts_with(marker)) text.remove_prefix(marker.size());
  if (text.find_first_of("0123456789:") != std::string_view::npos || text.size() > 120)
    return false;
  const std::uint32_t end = doc_.sections[doc_.sentences[si].section].span.end;
  for (std::uint32_t k = si + 1; k < doc_.sentences.size() && doc_.sentences[k].span.begin < end;
       ++k)
    if (sentence_strength(k) != 0) return false;
  return true;
}

float LeafEvaluator::gate_score(std::uint32_t si) const {
  if (gate_scores_.size() != doc_.sentences.size())
    gate_scores_.assign(doc_.sentences.size(), -1.0f);
  float& score = gate_scores_[si];
  if (score < 0) {
    const Span span = doc_.sentences[si].span;
    score = static_cast<float>(
        impl_.gate->score(std::string_view(doc_.text).substr(span.begin, span.size())));
  }
  return score;
}

}  // namespace indicheck
