// Helpers for rules tests: temporary rule trees and hand-built documents.
#pragma once

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "indicheck/document.h"
#include "indicheck/limits.h"
#include "indicheck/matcher.h"
#include "indicheck/rules.h"

namespace rules_test {

namespace fs = std::filesystem;

// A temporary directory of rule files, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    dir_ = fs::temp_directory_path() / fmt::format("indicheck-rules-{}-{}", getpid(), counter++);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~TempDir() { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) const {
    const fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  std::string path(const std::string& name = "") const { return (dir_ / name).string(); }
  // Diagnostics of loading `name`, with the directory prefix removed.
  std::vector<std::string> load(const std::string& name, indicheck::RuleSet* out = nullptr) const {
    std::vector<indicheck::Diagnostic> diagnostics;
    auto set = indicheck::load_rules({path(name)}, diagnostics);
    if (out) *out = std::move(set);
    std::vector<std::string> lines;
    const std::string prefix = dir_.string() + "/";
    for (const auto& d : diagnostics) {
      std::string s = d.str();
      for (std::size_t at; (at = s.find(prefix)) != std::string::npos;) s.erase(at, prefix.size());
      lines.push_back(s);
    }
    return lines;
  }

 private:
  fs::path dir_;
};

// A hand-built document: each entry is one paragraph of sentences, all in one role and one
// section per role. Text = original (identity offset map), one line per paragraph.
struct Para {
  indicheck::Role role;
  std::vector<std::string> sentences;
};

// One rule file written from `yaml`, loaded into `rules` and compiled: the load's problems
// (empty when it loaded cleanly) and the compiled rules (null when they did not compile).
inline std::pair<std::vector<std::string>, std::shared_ptr<const indicheck::CompiledRules>>
load_and_compile(const std::string& yaml, indicheck::RuleSet& rules) {
  TempDir dir;
  dir.write("t.yaml", yaml);
  auto problems = dir.load("t.yaml", &rules);
  if (!problems.empty()) return {std::move(problems), nullptr};
  std::vector<indicheck::Diagnostic> diagnostics;
  return {std::move(problems), indicheck::CompiledRules::compile(rules, diagnostics)};
}

inline indicheck::Document make_document(const std::vector<Para>& paras, std::string level = "") {
  using namespace indicheck;
  Document doc;
  doc.path = "doc.txt";
  doc.meta.level.value = std::move(level);
  Section root;
  doc.sections.push_back(root);
  for (const auto& p : paras) {
    // One section per run of paragraphs with the same role.
    if (doc.sections.size() == 1 || doc.sections.back().role != p.role) {
      Section s;
      s.parent = 0;
      s.depth = 1;
      s.title = std::string(role_name(p.role));
      s.role = p.role;
      s.span.begin = static_cast<std::uint32_t>(doc.text.size());
      doc.sections.push_back(s);
    }
    Paragraph para;
    para.span.begin = static_cast<std::uint32_t>(doc.text.size());
    para.first_sentence = static_cast<std::uint32_t>(doc.sentences.size());
    para.section = static_cast<std::uint32_t>(doc.sections.size() - 1);
    for (const auto& text : p.sentences) {
      Sentence s;
      s.span.begin = static_cast<std::uint32_t>(doc.text.size());
      doc.text += text;
      s.span.end = static_cast<std::uint32_t>(doc.text.size());
      s.paragraph = static_cast<std::uint32_t>(doc.paragraphs.size());
      s.section = para.section;
      s.role = p.role;
      doc.sentences.push_back(s);
    }
    para.sentence_count = static_cast<std::uint32_t>(doc.sentences.size()) - para.first_sentence;
    para.span.end = static_cast<std::uint32_t>(doc.text.size());
    doc.paragraphs.push_back(para);
    doc.sections.back().span.end = para.span.end;
    doc.text += "\n";
  }
  doc.sections[0].span = {0, static_cast<std::uint32_t>(doc.text.size())};
  doc.original = doc.text;
  doc.line_starts_.push_back(0);
  for (std::size_t i = 0; i < doc.original.size(); ++i)
    if (doc.original[i] == '\n') doc.line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
  return doc;
}

}  // namespace rules_test
