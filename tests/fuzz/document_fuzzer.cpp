// Fuzz target: a report file's bytes → decoding (encoding detection, GB18030/Big5/UTF-16),
// format detection and extraction, normalization, outline, metadata (read_document_bytes), then
// the Document's own accessors over every sentence. Checked: a failure carries an error; a
// Document's spans, indices and sections are consistent with its text (what the matcher and
// the reports rely on without checking again).
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "indicheck/document.h"

using namespace indicheck;
using indicheck::fuzz::fuzz_check;

namespace {

void check_document(const Document& doc) {
  const auto text_size = doc.text.size();
  fuzz_check(!doc.sections.empty() && doc.sections[0].parent == -1, "sections[0] is not the root");
  for (std::size_t i = 1; i < doc.sections.size(); ++i) {
    const auto& s = doc.sections[i];
    fuzz_check(s.parent >= 0 && static_cast<std::size_t>(s.parent) < i, "section parent order");
    fuzz_check(s.span.begin <= s.span.end && s.span.end <= text_size, "section span");
  }
  for (const auto& p : doc.paragraphs) {
    fuzz_check(p.span.begin <= p.span.end && p.span.end <= text_size, "paragraph span");
    fuzz_check(p.section < doc.sections.size(), "paragraph section");
    fuzz_check(std::size_t{p.first_sentence} + p.sentence_count <= doc.sentences.size(),
               "paragraph sentences");
  }
  for (const auto& s : doc.sentences) {
    fuzz_check(s.span.begin <= s.span.end && s.span.end <= text_size, "sentence span");
    fuzz_check(s.paragraph < doc.paragraphs.size(), "sentence paragraph");
    fuzz_check(s.section < doc.sections.size(), "sentence section");
    const auto begin = doc.to_original(s.span.begin);
    const auto end = doc.to_original(s.span.end);
    fuzz_check(begin <= doc.original.size() && end <= doc.original.size(), "to_original range");
    const LineCol at = doc.line_col(begin);
    fuzz_check(at.line >= 1, "line_col line");
    doc.page_place(at);
    doc.section_path(s.section);
    if (begin <= end) doc.original_text(Span{begin, end});
  }
  // Matching text is normalized already: normalizing again must not fail on it.
  normalize_for_matching(doc.original.substr(0, 4096));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<Diagnostic> diagnostics;
  // A .txt path: the format is detected from the bytes (HTML, DOCX and PDF inputs arrive too).
  auto doc = read_document_bytes(fuzz::as_view(data, size), "fuzz.txt", ReadOptions{}, diagnostics);
  fuzz::check_diagnostics(doc.has_value(), diagnostics);
  if (doc) check_document(*doc);
  return 0;
}
