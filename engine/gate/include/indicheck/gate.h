// The evidence gate: does a sentence state a concrete act or result, or only a slogan, a goal,
// a plan or a topic?
//
// Terms and windows find *candidate* evidence; they cannot see whether `坚持公开为常态，不断提升
// 行政透明度。` reports anything done. The gate is a linear model (logistic regression) over
// hashed character 1-3-grams of the normalized sentence and a few binary cues (numbers, an
// issuing verb before 《》, completed-action verbs, intention and slogan openers, heading shape,
// other actors). It is trained offline from the labelled sentences of tests/devcorpus by
// tools/gate/train.py, shipped as data (rules/evidence-gate.json), and only read here.
//
// The matcher asks it about the sentences a rule proposes; a window whose sentences all score
// below the threshold earns no credit. Scoring is a few hundred additions per sentence.
// This library knows nothing about rules, documents or outputs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "indicheck/diagnostic.h"

namespace indicheck {

class EvidenceGate {
 public:
  // Reads a model file ("format": "indicheck.gate/1"). On failure returns nullptr and adds one
  // error naming the file (not-found, gate-format).
  static std::shared_ptr<const EvidenceGate> load(const std::string& path,
                                                  std::vector<Diagnostic>& diagnostics);
  // Same from the file's text (tests); `path` is only for messages.
  static std::shared_ptr<const EvidenceGate> parse(std::string_view json, const std::string& path,
                                                   std::vector<Diagnostic>& diagnostics);

  // Probability that the (normalized) sentence states a concrete act or result. Thread-safe.
  double score(std::string_view sentence) const;
  // Credit needs score >= threshold().
  double threshold() const { return threshold_; }
  bool passes(std::string_view sentence) const { return score(sentence) >= threshold_; }
  // What the model was trained on, for run facts ("trained on 1,296 sentences of 21 reports").
  const std::string& description() const { return description_; }

  // The feature indices of a sentence (sorted, unique): exposed for the agreement test with
  // tools/gate/features.py.
  static std::vector<std::uint32_t> features(std::string_view sentence);

  ~EvidenceGate();
  EvidenceGate(const EvidenceGate&) = delete;
  EvidenceGate& operator=(const EvidenceGate&) = delete;

 private:
  EvidenceGate();
  struct Weights;
  std::unique_ptr<Weights> weights_;
  double bias_ = 0;
  double threshold_ = 0.5;
  std::string description_;
};

}  // namespace indicheck
