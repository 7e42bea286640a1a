// Loading and applying the evidence gate's model (see indicheck/gate.h).
//
// The model file is JSON written by tools/gate/train.py:
//   {"format": "indicheck.gate/1", "hash_bits": 18, "dense": [15 cue names], "bias": b,
//    "threshold": t, "description": "...", "weights": [[feature index, weight], ...]}
// Only non-zero weights are listed; they are spread into one dense vector (1 MB), so scoring a
// sentence is a gather-and-sum over its feature indices.
#include "indicheck/gate.h"

#include <fmt/format.h>

#include <Eigen/Core>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "gate_features.h"

namespace indicheck {

struct EvidenceGate::Weights {
  Eigen::VectorXf w;
};

EvidenceGate::EvidenceGate() : weights_(std::make_unique<Weights>()) {}
EvidenceGate::~EvidenceGate() = default;

std::vector<std::uint32_t> EvidenceGate::features(std::string_view sentence) {
  return gate_detail::sentence_features(sentence);
}

double EvidenceGate::score(std::string_view sentence) const {
  double z = bias_;
  for (std::uint32_t f : gate_detail::sentence_features(sentence))
    z += weights_->w[static_cast<Eigen::Index>(f)];
  return 1.0 / (1.0 + std::exp(-z));
}

std::shared_ptr<const EvidenceGate> EvidenceGate::parse(std::string_view text,
                                                        const std::string& path,
                                                        std::vector<Diagnostic>& diagnostics) {
  auto fail = [&](const std::string& message) {
    diagnostics.push_back(make_error(path, "gate-format", message));
    return std::shared_ptr<const EvidenceGate>();
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return fail(fmt::format("not valid JSON (byte {})", e.byte));
  }
  if (!j.is_object() || j.value("format", "") != "indicheck.gate/1")
    return fail("not an evidence gate model (expected \"format\": \"indicheck.gate/1\")");
  if (j.value("hash_bits", 0) != static_cast<int>(gate_detail::kHashBits))
    return fail(fmt::format("hash_bits must be {}", gate_detail::kHashBits));
  if (!j.contains("dense") || !j["dense"].is_array() ||
      j["dense"].size() != gate_detail::kDenseCount)
    return fail(fmt::format("\"dense\" must list the {} cue names", gate_detail::kDenseCount));
  if (!j.contains("bias") || !j["bias"].is_number() || !j.contains("threshold") ||
      !j["threshold"].is_number())
    return fail("\"bias\" and \"threshold\" must be numbers");
  const double threshold = j["threshold"].get<double>();
  if (!(threshold > 0 && threshold < 1)) return fail("\"threshold\" must be between 0 and 1");
  if (!j.contains("weights") || !j["weights"].is_array())
    return fail("\"weights\" must be a list of [index, weight]");
  std::shared_ptr<EvidenceGate> gate(new EvidenceGate());
  gate->weights_->w = Eigen::VectorXf::Zero(gate_detail::kDimension);
  for (const auto& pair : j["weights"]) {
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number_unsigned() ||
        !pair[1].is_number())
      return fail("each weight must be [index, weight]");
    const auto index = pair[0].get<std::uint64_t>();
    const double w = pair[1].get<double>();
    if (index >= gate_detail::kDimension || !std::isfinite(w))
      return fail(fmt::format("weight index {} out of range or weight not finite", index));
    gate->weights_->w[static_cast<Eigen::Index>(index)] = static_cast<float>(w);
  }
  gate->bias_ = j["bias"].get<double>();
  if (!std::isfinite(gate->bias_)) return fail("\"bias\" is not finite");
  gate->threshold_ = threshold;
  gate->description_ = j.value("description", "");
  return gate;
}

std::shared_ptr<const EvidenceGate> EvidenceGate::load(const std::string& path,
                                                       std::vector<Diagnostic>& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.push_back(make_error(path, "not-found", "cannot open the evidence gate model"));
    return nullptr;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse(buffer.str(), path, diagnostics);
}

}  // namespace indicheck
