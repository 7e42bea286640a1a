// Helpers shared by the document-stage tests: corpus access, ICU re-encoding, running the CLI.
#pragma once

#include <sys/wait.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "indicheck/document.h"

namespace doctest {

inline std::string corpus_path(const std::string& name) {
  return std::string(INDICHECK_SOURCE_DIR) + "/corpus/" + name;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void spit(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// UTF-8 → bytes in the ICU encoding `name` (unmappable characters become the encoding's
// substitution character, which the tests then look for).
inline std::string encode(const std::string& utf8, const char* name) {
  UErrorCode st = U_ZERO_ERROR;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  UConverter* conv = ucnv_open(name, &st);
  if (U_FAILURE(st)) throw std::runtime_error(std::string("no converter ") + name);
  std::string out(static_cast<std::size_t>(u.length()) * 4 + 16, '\0');
  const int32_t len = u.extract(out.data(), static_cast<int32_t>(out.size()), conv, st);
  ucnv_close(conv);
  if (U_FAILURE(st)) throw std::runtime_error(std::string("cannot encode as ") + name);
  out.resize(static_cast<std::size_t>(len));
  return out;
}

inline indicheck::Document read_ok(const std::string& bytes, const std::string& path,
                                   const std::string& encoding = "") {
  std::vector<indicheck::Diagnostic> diagnostics;
  indicheck::ReadOptions options;
  options.encoding = encoding;
  auto doc = indicheck::read_document_bytes(bytes, path, options, diagnostics);
  if (!doc) {
    std::string all;
    for (const auto& d : diagnostics) all += d.str() + "\n";
    throw std::runtime_error("read failed: " + all);
  }
  return std::move(*doc);
}

struct RunResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs a shell command, capturing its output and exit code.
inline RunResult run(const std::string& command) {
  RunResult r;
  char name[] = "/tmp/indicheck-doc-test-XXXXXX";
  const int fd = ::mkstemp(name);
  if (fd >= 0) ::close(fd);
  const std::string out_file = name;
  const int status = std::system((command + " > " + out_file + " 2>&1").c_str());
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.output = slurp(out_file);
  std::remove(out_file.c_str());
  return r;
}

inline std::string_view text_of(const indicheck::Document& doc, indicheck::Span s) {
  return std::string_view(doc.text).substr(s.begin, s.size());
}

// The first sentence whose text contains `needle`, or nullptr.
inline const indicheck::Sentence* sentence_with(const indicheck::Document& doc,
                                                std::string_view needle) {
  for (const auto& s : doc.sentences)
    if (text_of(doc, s.span).find(needle) != std::string_view::npos) return &s;
  return nullptr;
}

// The role of the first sentence containing `needle` (the test fails when there is none).
inline indicheck::Role role_of(const indicheck::Document& doc, std::string_view needle) {
  const indicheck::Sentence* s = sentence_with(doc, needle);
  REQUIRE(s != nullptr);
  return s->role;
}

// The first section whose marker+title contains `needle`, or -1.
inline int section_with(const indicheck::Document& doc, std::string_view needle) {
  for (std::size_t i = 1; i < doc.sections.size(); ++i)
    if ((doc.sections[i].marker + doc.sections[i].title).find(needle) != std::string::npos)
      return static_cast<int>(i);
  return -1;
}

}  // namespace doctest
