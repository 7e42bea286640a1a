// Private seams between the PDF reader (pdf.cpp) and OCR of scanned pages (ocr.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "internal.h"

namespace poppler {
class page;
}

namespace indicheck::formats::detail {

// A printed line: its text and box in PDF points (y grows downwards, as poppler gives it).
struct Line {
  std::string text;
  double left = 0, right = 0, top = 0, bottom = 0;
  std::uint32_t number = 0;  // 1-based line on its page, before headers/footers are dropped
};

struct Page {
  std::vector<Line> lines;
  double height = 0;
  std::uint32_t number = 0;  // 1-based
  bool ocr = false;          // lines recognized by Tesseract
};

// Tesseract (chi_sim) over pages rendered by poppler at limits::kOcrDpi. One per document:
// loading the language data takes a fraction of a second.
class PageOcr {
 public:
  PageOcr();
  ~PageOcr();
  // False after one error `ocr-missing-language` (naming the Debian package to install) when
  // the chi_sim language data cannot be loaded.
  bool init(const std::string& path, std::vector<Diagnostic>& diagnostics);
  // The page's lines as recognized, with boxes in PDF points (numbers left for the caller).
  Page read(poppler::page& page);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Removes spaces next to a wide character: Tesseract's chi_sim puts one between every pair of
// recognized Chinese characters and around numbers ("2022 年"); Chinese text has none there.
std::string drop_wide_spaces(std::string_view s);

}  // namespace indicheck::formats::detail
