// Fuzz target: one rule file → load_rules (size and depth pre-checks, YAML parsing, keys, terms,
// regexes, weights, includes) and, when it loads without an error, CompiledRules::compile
// (Hyperscan database, RE2 verifiers) and the rule examples run by `rules test`. The file is
// written as framework.yaml to a scratch folder that also holds every file the shipped packs
// include (area-02.yaml, tasks.yaml, contents.yaml, ...), so a shipped framework file as seed
// loads and compiles whole, and its mutations reach the compiler. Checked: a failure carries an
// error.
#include <memory>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "indicheck/matcher.h"
#include "indicheck/rules.h"

using namespace indicheck;

namespace {

void compile_and_test(const RuleSet& rules) {
  std::vector<Diagnostic> diagnostics;
  auto compiled = CompiledRules::compile(rules, diagnostics);
  fuzz::check_diagnostics(compiled != nullptr, diagnostics);
  if (!compiled) return;
  Scanner scanner(compiled);
  for (const auto& fw : compiled->rules().frameworks) {
    std::size_t examples_run = 0;
    run_examples(scanner, fw, examples_run);
  }
}

const fuzz::ScratchDir& scratch_with_includes() {
  static const fuzz::ScratchDir scratch;
  static const bool copied = [] {
    namespace fs = std::filesystem;
    for (const auto& pack : fs::directory_iterator(INDICHECK_SOURCE_DIR "/rules")) {
      if (!pack.is_directory()) continue;
      for (const auto& f : fs::directory_iterator(pack.path()))
        if (f.path().extension() == ".yaml" && f.path().filename() != "framework.yaml")
          scratch.copy_in(f.path());
    }
    return true;
  }();
  (void)copied;
  return scratch;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fuzz::ScratchDir& scratch = scratch_with_includes();
  const std::string path = scratch.write("framework.yaml", fuzz::as_view(data, size));
  std::vector<Diagnostic> diagnostics;
  RuleSet rules = load_rules({path}, diagnostics);
  const bool ok = !has_errors(diagnostics);
  fuzz::check_diagnostics(ok, diagnostics);
  if (ok && !rules.frameworks.empty()) compile_and_test(rules);
  return 0;
}
