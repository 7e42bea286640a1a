// Fuzz target: the matcher over the shipped rule packs (rules/, compiled once with the shipped
// evidence gate) with arbitrary text: the bytes read as a report (read_document_bytes) and
// scanned against every framework, and the same bytes, when valid UTF-8, as one rule example
// (example_document: text straight to sentences, no outline) scanned likewise. Checked: one
// item per leaf, in leaf order; quotes and near misses name sentences that exist.
#include <memory>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "indicheck/document.h"
#include "indicheck/gate.h"
#include "indicheck/matcher.h"
#include "indicheck/rules.h"

using namespace indicheck;
using indicheck::fuzz::fuzz_check;

namespace {

struct Pack {
  std::shared_ptr<const CompiledRules> compiled;
  std::vector<const Framework*> frameworks;
};

const Pack& shipped_pack() {
  static const Pack pack = [] {
    std::vector<Diagnostic> diagnostics;
    RuleSet rules = load_rules({INDICHECK_SOURCE_DIR "/rules"}, diagnostics);
    auto gate = EvidenceGate::load(INDICHECK_SOURCE_DIR "/rules/evidence-gate.json", diagnostics);
    Pack p;
    if (!has_errors(diagnostics)) p.compiled = CompiledRules::compile(rules, diagnostics, gate);
    if (!p.compiled || has_errors(diagnostics)) fuzz::fuzz_fail("the shipped rules do not compile");
    for (const auto& fw : p.compiled->rules().frameworks) p.frameworks.push_back(&fw);
    return p;
  }();
  return pack;
}

void scan_and_check(Scanner& scanner, const Pack& pack, const Document& doc) {
  const auto evidence = scanner.scan(doc, pack.frameworks);
  fuzz_check(evidence.size() == pack.frameworks.size(), "one evidence per framework");
  for (std::size_t f = 0; f < evidence.size(); ++f) {
    const Framework& fw = *pack.frameworks[f];
    const auto& items = evidence[f].items;
    fuzz_check(items.size() == fw.leaves.size(), "one item per leaf");
    for (std::size_t i = 0; i < items.size(); ++i) {
      fuzz_check(items[i].node == fw.leaves[i], "items in leaf order");
      for (const auto& q : items[i].quotes)
        fuzz_check(q.sentence < doc.sentences.size(), "quote names a sentence that exists");
      for (const auto& m : items[i].near_misses)
        fuzz_check(m.sentence < doc.sentences.size(), "near miss names a sentence that exists");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Pack& pack = shipped_pack();
  static Scanner scanner(pack.compiled);
  const auto bytes = fuzz::as_view(data, size);
  std::vector<Diagnostic> diagnostics;
  auto doc = read_document_bytes(bytes, "fuzz.txt", ReadOptions{}, diagnostics);
  fuzz::check_diagnostics(doc.has_value(), diagnostics);
  if (doc) scan_and_check(scanner, pack, *doc);
  if (size <= 64 * 1024 && fuzz::valid_utf8(bytes))
    scan_and_check(scanner, pack, example_document(bytes));
  return 0;
}
