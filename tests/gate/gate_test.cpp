// The evidence gate: features identical to the training script's, model files checked, the
// shipped model's behaviour on hand-written sentences, and the matcher withholding credit from
// a window whose sentences the gate rejects.
#include "indicheck/gate.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "indicheck/matcher.h"
#include "indicheck/rules.h"

using namespace indicheck;
namespace fs = std::filesystem;

namespace {

const std::string kSource = INDICHECK_SOURCE_DIR;

// A gate whose only weight is the "digit" cue (dense index 0 = feature 2^18): a sentence with
// a digit scores sigmoid(-4 + 8) ≈ 0.98, one without sigmoid(-4) ≈ 0.02.
std::string digit_gate_json(double threshold = 0.5) {
  nlohmann::json j;
  j["format"] = "indicheck.gate/1";
  j["hash_bits"] = 18;
  j["dense"] = std::vector<std::string>(15, "cue");
  j["bias"] = -4.0;
  j["threshold"] = threshold;
  j["weights"] = nlohmann::json::array({nlohmann::json::array({262144, 8.0})});
  return j.dump();
}

}  // namespace

TEST_CASE("gate features equal tools/gate/features.py on the fixtures", "[gate]") {
  std::ifstream in(kSource + "/tests/gate/fixtures.jsonl");
  REQUIRE(in);
  std::string line;
  int checked = 0;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    const std::string text = j["text"];
    INFO(text);
    CHECK(EvidenceGate::features(text) == j["features"].get<std::vector<std::uint32_t>>());
    ++checked;
  }
  CHECK(checked == 9);
}

TEST_CASE("gate model files are checked", "[gate]") {
  std::vector<Diagnostic> d;
  CHECK(EvidenceGate::parse(digit_gate_json(), "g.json", d) != nullptr);
  CHECK(d.empty());

  auto error_of = [](const std::string& text) {
    std::vector<Diagnostic> diags;
    const auto gate = EvidenceGate::parse(text, "g.json", diags);
    REQUIRE(gate == nullptr);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].code == "gate-format");
    CHECK(diags[0].path == "g.json");
    return diags[0].message;
  };
  CHECK(error_of("{").find("not valid JSON") != std::string::npos);
  CHECK(error_of(R"({"format": "other"})").find("not an evidence gate model") != std::string::npos);
  auto j = nlohmann::json::parse(digit_gate_json());
  j["hash_bits"] = 16;
  CHECK(error_of(j.dump()) == "hash_bits must be 18");
  j = nlohmann::json::parse(digit_gate_json());
  j["weights"] = nlohmann::json::array({nlohmann::json::array({262144 + 15, 1.0})});
  CHECK(error_of(j.dump()).find("out of range") != std::string::npos);
  j = nlohmann::json::parse(digit_gate_json());
  j["threshold"] = 1.5;
  CHECK(error_of(j.dump()) == "\"threshold\" must be between 0 and 1");

  std::vector<Diagnostic> missing;
  CHECK(EvidenceGate::load("/nonexistent/gate.json", missing) == nullptr);
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].code == "not-found");
}

TEST_CASE("the shipped gate tells an act from a slogan", "[gate]") {
  std::vector<Diagnostic> d;
  const auto gate = EvidenceGate::load(kSource + "/rules/evidence-gate.json", d);
  REQUIRE(gate);
  CHECK(gate->threshold() > 0);
  CHECK(gate->threshold() < 1);
  // Written for this test, not taken from the corpus.
  const double act =
      gate->score("2024年,我局共组织执法人员法律知识培训4次,参训160人次,考试合格率100%。");
  const double slogan = gate->score("坚持把法治建设摆在突出位置,不断增强依法行政意识。");
  const double plan = gate->score("下一步,我局将进一步加强法治宣传教育。");
  CHECK(act > 0.5);
  CHECK(slogan < 0.5);
  CHECK(plan < 0.5);
  CHECK(act > slogan);
}

TEST_CASE("with a gate, a slogan window earns no credit", "[gate]") {
  const fs::path dir =
      fs::temp_directory_path() / ("indicheck-gate-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "t.yaml") << "framework:\n  id: t\n  title: 测试\n  kind: indicators\n"
                                   "  years: [2021, 2025]\nnodes:\n"
                                   "  - id: \"1\"\n    title: 普法\n    check:\n      terms:\n"
                                   "        pop: [普法]\n";
  std::vector<Diagnostic> d;
  const RuleSet rules = load_rules({(dir / "t.yaml").string()}, d);
  REQUIRE(d.empty());
  const auto gate = EvidenceGate::parse(digit_gate_json(), "g.json", d);
  REQUIRE(gate);
  const auto with_gate = CompiledRules::compile(rules, d, gate);
  const auto without = CompiledRules::compile(rules, d);
  REQUIRE(with_gate);
  REQUIRE(without);
  CHECK(with_gate->gate() == gate.get());

  const Framework& fw = rules.frameworks.at(0);
  Scanner gated(with_gate), plain(without);
  const Document slogan = example_document("深入开展普法宣传教育。");
  const Document act = example_document("全年开展普法活动12场。");

  const ItemEvidence s = gated.scan(slogan, fw).items.at(0);
  CHECK(s.state == ItemState::kMissing);
  CHECK(s.reason.code == ReasonCode::kGated);
  REQUIRE(s.reason.args.size() == 2);  // the score and the threshold
  CHECK(std::stod(s.reason.args[0]) < std::stod(s.reason.args[1]));
  REQUIRE(s.quotes.size() == 1);
  CHECK_FALSE(s.quotes[0].credit);
  CHECK(s.quotes[0].gate < 0.5f);
  CHECK(plain.scan(slogan, fw).items.at(0).state == ItemState::kMet);  // no gate: found = met

  const ItemEvidence a = gated.scan(act, fw).items.at(0);
  CHECK(a.state == ItemState::kMet);
  REQUIRE(a.quotes.size() == 1);
  CHECK(a.quotes[0].credit);
  CHECK(a.quotes[0].gate > 0.5f);
  fs::remove_all(dir);
}
