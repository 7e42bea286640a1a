// What the leaf evaluator asks of one sentence, each answer cached per document in the
// scanner's scratch: how strong a quote it makes, whether it is a slogan (or a heading's own
// sentence, or a heading with nothing under it), and the evidence gate's score.
#include "indicheck/gate.h"
#include "indicheck/utf8.h"
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

bool LeafEvaluator::slogan(std::uint32_t si) const {
  if (slogans_.size() != doc_.sentences.size()) slogans_.assign(doc_.sentences.size(), -1);
  std::int8_t& v = slogans_[si];
  if (v < 0) {
    const Span span = doc_.sentences[si].span;
    v = heading_sentence(si) || bare_heading(si) ||
                rules_internal::slogan_sentence(
                    std::string_view(doc_.text).substr(span.begin, span.size()))
            ? 1
            : 0;
  }
  return v == 1;
}

namespace {

// Bytes of a chapter or section marker opening `t` (一、, 十二、, (三)), or 0.
std::size_t heading_marker(std::string_view t) {
  const auto numeral = [](std::string_view x) {
    std::size_t n = 0;
    while (n + 3 <= x.size() && n < 9) {
      char32_t cp = 0;
      decode_utf8(x, n, cp);
      if (std::u32string_view(U"一二三四五六七八九十").find(cp) == std::u32string_view::npos) break;
      n += 3;
    }
    return n;
  };
  if (const std::size_t n = numeral(t); n > 0 && t.substr(n).starts_with("、")) return n + 3;
  if (t.starts_with("(")) {
    const std::size_t n = numeral(t.substr(1));
    if (n > 0 && t.substr(1 + n).starts_with(")")) return n + 2;
  }
  return 0;
}

}  // namespace

// A chapter's or section's heading as its own sentence ("(二)健全政府机构职能体系,推动更好发挥
// 政府作用。"): it names a topic, often in the 纲要's own words, and shows no work; the rubric:
// headings alone are not evidence, the body under them must carry the act. Told by its text,
// not by the outline, so that a page reads the same with line breaks or run into one line
// (engine/document cuts a heading run into its first item there). An item written on in the
// heading's sentence is none: a digit or a colon after the marker, or more than 40 characters.
bool LeafEvaluator::heading_sentence(std::uint32_t si) const {
  const Span span = doc_.sentences[si].span;
  const std::string_view text = std::string_view(doc_.text).substr(span.begin, span.size());
  const std::size_t marker = heading_marker(text);
  if (marker == 0) return false;
  const std::string_view rest = text.substr(marker);
  return rest.find_first_of("0123456789:") == std::string_view::npos && rest.size() <= 40 * 3;
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
