// Accuracy of the framework packs against the hand-made expectations (issue 4, "Accuracy,
// measured").
//
// For every tests/expectations/<report>.yaml: read corpus/<report>.txt with the real reader,
// scan it with the real rules (rules/, every pack) and compare section-level coverage with the
// hand-made calls. A node (section of gangyao-2021, task of gangyao-2015) is "evidenced" by the
// engine when at least one leaf under it is met or partial (i.e. found in a credit role).
//
//   precision = agreed evidenced / engine evidenced
//   recall    = agreed evidenced / expected evidenced
//
// Overall = every report under the framework its year selects (four 2021-2025 reports × 32
// sections + xinbei-2020 × the eight items of the 2015 pack). The test fails when overall
// precision or recall is below 0.85. The 2021 pack forced onto xinbei-2020 is printed (the
// issue asks to run it) but not asserted: the 2020 report was written against the 2015 纲要, so
// that comparison measures how well the 2021 placement transfers, not the packs' accuracy.
// Scores with the expectations' borderline calls left out are printed too.
//
// The expectation files were made by reading the reports, never by running the engine
// (tests/expectations/README.md); this test only reads them.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "indicheck/diagnostic.h"
#include "indicheck/document.h"
#include "indicheck/matcher.h"
#include "indicheck/rules.h"

namespace fs = std::filesystem;
using namespace indicheck;

namespace {

constexpr double kMinPrecision = 0.85;
constexpr double kMinRecall = 0.85;

const std::string kSource = INDICHECK_SOURCE_DIR;

struct Counts {
  int tp = 0, fp = 0, fn = 0, tn = 0;
  void add(bool engine, bool expected) {
    if (engine && expected)
      ++tp;
    else if (engine)
      ++fp;
    else if (expected)
      ++fn;
    else
      ++tn;
  }
  Counts& operator+=(const Counts& o) {
    tp += o.tp;
    fp += o.fp;
    fn += o.fn;
    tn += o.tn;
    return *this;
  }
  // An empty denominator means nothing was claimed (precision) or nothing was expected
  // (recall): no error of that kind was possible.
  double precision() const { return tp + fp == 0 ? 1.0 : double(tp) / double(tp + fp); }
  double recall() const { return tp + fn == 0 ? 1.0 : double(tp) / double(tp + fn); }
  int calls() const { return tp + fp + fn + tn; }
};

std::string line_of(const Counts& c) {
  return fmt::format("precision {:.3f} ({}/{})  recall {:.3f} ({}/{})  [{} calls, tn {}]",
                     c.precision(), c.tp, c.tp + c.fp, c.recall(), c.tp, c.tp + c.fn, c.calls(),
                     c.tn);
}

// The loaded and compiled rules, shared by every test case (compiling is the slow part).
struct Engine {
  RuleSet rules;
  std::shared_ptr<const CompiledRules> compiled;
  std::vector<Diagnostic> diagnostics;
};

const Engine& engine() {
  static const Engine* e = [] {
    auto* out = new Engine;
    out->rules = load_rules({kSource + "/rules"}, out->diagnostics);
    if (!has_errors(out->diagnostics))
      out->compiled = CompiledRules::compile(out->rules, out->diagnostics);
    return out;
  }();
  return *e;
}

struct NodeVerdict {
  bool evidenced = false;
  std::set<std::uint32_t> lines;  // original lines of the credit quotes behind it
  std::string quote;              // first credit quote, for the printout
};

// Engine verdict per node id for the given node ids of `fw`.
std::map<std::string, NodeVerdict> engine_verdicts(const Document& doc, const Framework& fw,
                                                   const std::vector<std::string>& ids) {
  Scanner scanner(engine().compiled);
  const DocumentEvidence ev = scanner.scan(doc, fw);
  std::map<std::string, NodeVerdict> out;
  for (const auto& id : ids) out[id];
  for (const auto& item : ev.items) {
    if (item.state != ItemState::kMet && item.state != ItemState::kPartial) continue;
    const std::string& leaf = fw.nodes[static_cast<std::size_t>(item.node)].id;
    for (const auto& id : ids) {
      if (leaf != id && leaf.rfind(id + ".", 0) != 0) continue;
      auto& v = out[id];
      v.evidenced = true;
      for (const auto& q : item.quotes) {
        if (!q.credit) continue;
        v.lines.insert(q.line);
        if (v.quote.empty()) v.quote = fmt::format("{} {}:{} {}", leaf, q.line, q.column, q.text);
      }
    }
  }
  return out;
}

struct Comparison {
  Counts all;
  Counts firm;  // borderline calls left out
  int quote_checked = 0, quote_agreed = 0;
  std::vector<std::string> disagreements;
};

// Compares the engine with one expectation table (`sections` or `gangyao_2015`).
// `to_node` maps an expectation key to the framework's node id.
Comparison compare(const Document& doc, const Framework& fw, const YAML::Node& table,
                   const std::function<std::string(const std::string&)>& to_node) {
  std::vector<std::string> keys, ids;
  for (const auto& kv : table) {
    keys.push_back(kv.first.as<std::string>());
    ids.push_back(to_node(keys.back()));
  }
  const auto verdicts = engine_verdicts(doc, fw, ids);
  Comparison c;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const YAML::Node entry = table[keys[i]];
    const bool expected = entry["evidenced"].as<bool>();
    const bool borderline = entry["borderline"] && entry["borderline"].as<bool>();
    const NodeVerdict& v = verdicts.at(ids[i]);
    INFO(fw.id << " " << ids[i] << " is not a node of the pack");
    CHECK(fw.find(ids[i]) >= 0);
    c.all.add(v.evidenced, expected);
    if (!borderline) c.firm.add(v.evidenced, expected);
    if (v.evidenced && expected && entry["line"]) {
      std::set<std::uint32_t> accepted{entry["line"].as<std::uint32_t>()};
      if (entry["other_lines"])
        for (const auto& l : entry["other_lines"]) accepted.insert(l.as<std::uint32_t>());
      ++c.quote_checked;
      for (auto l : v.lines)
        if (accepted.count(l)) {
          ++c.quote_agreed;
          break;
        }
    }
    if (v.evidenced != expected)
      c.disagreements.push_back(fmt::format("    {:5} engine {:3} expected {:3}{}  {}", ids[i],
                                            v.evidenced ? "yes" : "no", expected ? "yes" : "no",
                                            borderline ? " (borderline)" : "",
                                            v.evidenced      ? v.quote
                                            : entry["quote"] ? entry["quote"].as<std::string>()
                                                             : ""));
  }
  return c;
}

void print(const std::string& title, const Comparison& c) {
  fmt::print(
      "  {}\n    {}\n    without borderline: {}\n    quote lines agreeing with the "
      "reader (info): {}/{}\n",
      title, line_of(c.all), line_of(c.firm), c.quote_agreed, c.quote_checked);
  for (const auto& d : c.disagreements) fmt::print("{}\n", d);
}

std::vector<fs::path> expectation_files() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kSource + "/tests/expectations"))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("rules load and compile") {
  const Engine& e = engine();
  for (const auto& d : e.diagnostics) UNSCOPED_INFO(d.str());
  REQUIRE_FALSE(has_errors(e.diagnostics));
  REQUIRE(e.compiled != nullptr);
  REQUIRE(e.rules.find_framework("gangyao-2021") != nullptr);
  REQUIRE(e.rules.find_framework("gangyao-2015") != nullptr);
}

TEST_CASE("section-level coverage matches the hand-made expectations") {
  const Engine& e = engine();
  REQUIRE_FALSE(has_errors(e.diagnostics));
  const Framework* fw2021 = e.rules.find_framework("gangyao-2021");
  const Framework* fw2015 = e.rules.find_framework("gangyao-2015");
  REQUIRE(fw2021);
  REQUIRE(fw2015);

  const auto files = expectation_files();
  REQUIRE(files.size() >= 5);  // one per corpus report

  Counts overall, overall_firm, forced;
  int reports_2021 = 0, reports_2015 = 0;
  fmt::print("accuracy: section-level coverage vs tests/expectations/\n");
  for (const auto& path : files) {
    const YAML::Node exp = YAML::LoadFile(path.string());
    const std::string report = exp["file"].as<std::string>();
    const std::string expected_fw = exp["framework"].as<std::string>();
    INFO(path.filename().string() << ": " << report);

    std::vector<Diagnostic> diags;
    const auto doc = read_document(kSource + "/" + report, ReadOptions{}, diags);
    REQUIRE(doc.has_value());

    // Framework selection by the year reported on must agree with the reader's call.
    const Framework* chosen = e.rules.framework_for_year(doc->meta.year);
    REQUIRE(chosen != nullptr);
    CHECK(chosen->id == expected_fw);

    fmt::print("{} ({} {}, framework {})\n", report, doc->meta.unit.value, doc->meta.year,
               chosen->id);
    if (expected_fw == "gangyao-2021") {
      REQUIRE(exp["sections"]);
      REQUIRE(exp["sections"].size() == 32);
      const auto c =
          compare(*doc, *fw2021, exp["sections"], [](const std::string& k) { return k; });
      print("gangyao-2021 sections", c);
      overall += c.all;
      overall_firm += c.firm;
      ++reports_2021;
    } else {
      REQUIRE(expected_fw == "gangyao-2015");
      REQUIRE(exp["gangyao_2015"]);
      REQUIRE(exp["gangyao_2015"].size() == 8);
      // Expectation keys t1..t8 are the pack's top-level nodes "1".."8".
      const auto c = compare(*doc, *fw2015, exp["gangyao_2015"], [](const std::string& k) {
        return k.size() > 1 && k[0] == 't' ? k.substr(1) : k;
      });
      print("gangyao-2015 tasks", c);
      overall += c.all;
      overall_firm += c.firm;
      ++reports_2015;
      if (exp["sections"]) {
        const auto f =
            compare(*doc, *fw2021, exp["sections"], [](const std::string& k) { return k; });
        print("gangyao-2021 forced (printed, not asserted)", f);
        forced += f.all;
      }
    }
  }
  fmt::print("overall (each report under its own framework): {}\n", line_of(overall));
  fmt::print("overall without borderline calls:             {}\n", line_of(overall_firm));
  if (forced.calls() > 0)
    fmt::print("gangyao-2021 forced onto 2015-2020 reports:   {}\n", line_of(forced));

  CHECK(reports_2021 >= 4);
  CHECK(reports_2015 >= 1);
  CHECK(overall.precision() >= kMinPrecision);
  CHECK(overall.recall() >= kMinRecall);
}
