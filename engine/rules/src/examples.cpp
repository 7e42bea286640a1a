// Rule examples: `rules test` runs each leaf's `examples` (match / no_match) through the real
// scanner, so an example passes exactly when a report sentence like it would earn the item.
//
// An example becomes a one-paragraph Document in the leaf's first credit role
// (example_document); no document stage is involved, so examples test the rule, not the
// outline or role detection.
#include <algorithm>

#include "matcher_internal.h"

namespace indicheck {

Document example_document(std::string_view raw, Role role) {
  Document doc;
  doc.path = "<example>";
  doc.text = normalize_for_matching(raw);
  doc.original = doc.text;  // identity offset map: quotes of examples show the normalized text
  doc.line_starts_.push_back(0);
  Section root;
  root.role = role;
  root.span = {0, static_cast<std::uint32_t>(doc.text.size())};
  doc.sections.push_back(root);
  const std::string& t = doc.text;
  std::uint32_t start = 0;
  const auto flush = [&](std::uint32_t end) {
    // Trim leading spaces; skip empty pieces.
    while (start < end && (t[start] == ' ' || t[start] == '\n')) ++start;
    if (start >= end) return;
    Sentence s;
    s.span = {start, end};
    s.role = role;
    doc.sentences.push_back(s);
    start = end;
  };
  for (std::uint32_t i = 0; i < t.size();) {
    const auto c = static_cast<unsigned char>(t[i]);
    std::uint32_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    const std::string_view ch(t.data() + i, std::min<std::size_t>(len, t.size() - i));
    i += len;
    if (ch == "。" || ch == "！" || ch == "？" || ch == "；" || ch == "!" || ch == "?" ||
        ch == ";" || ch == "\n")
      flush(std::min<std::uint32_t>(i, static_cast<std::uint32_t>(t.size())));
  }
  flush(static_cast<std::uint32_t>(t.size()));
  Paragraph p;
  p.span = root.span;
  p.sentence_count = static_cast<std::uint32_t>(doc.sentences.size());
  doc.paragraphs.push_back(p);
  return doc;
}

std::vector<ExampleFailure> run_examples(Scanner& scanner, const Framework& framework,
                                         std::size_t& examples_run) {
  std::vector<ExampleFailure> failures;
  examples_run = 0;
  for (int leaf : framework.leaves) {
    const RuleNode& node = framework.nodes[static_cast<std::size_t>(leaf)];
    if (!node.check) continue;
    const Role role = node.check->roles.empty() ? Role::kAchievements : node.check->roles.front();
    for (int pass = 0; pass < 2; ++pass) {
      const bool expect = pass == 0;
      const auto& list = expect ? node.check->examples_match : node.check->examples_no_match;
      for (const auto& example : list) {
        ++examples_run;
        const Document doc = example_document(example, role);
        const ItemEvidence ev = scanner.scan_item(doc, framework, leaf);
        const bool matched = ev.state == ItemState::kMet || ev.state == ItemState::kPartial;
        if (matched != expect) failures.push_back({leaf, expect, example, ev.state, ev.reason});
      }
    }
  }
  return failures;
}

}  // namespace indicheck
