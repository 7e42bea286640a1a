// OCR of scanned PDF pages (`--ocr`): poppler-cpp renders the page (page_renderer, 8-bit grey,
// limits::kOcrDpi), libtesseract (Debian libtesseract-dev; language data tesseract-ocr-chi-sim)
// recognizes it, and each recognized text line comes back with its box scaled to PDF points,
// so the PDF reader drops furniture and joins wrapped lines exactly as for a text layer.
#include <fmt/format.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <cstdlib>
#include <filesystem>

#include "indicheck/limits.h"
#include "pdf_internal.h"

namespace indicheck::formats::detail {

namespace {

constexpr const char* kLanguage = "chi_sim";

// Where Tesseract will look for <lang>.traineddata: $TESSDATA_PREFIX, else Debian's path.
std::filesystem::path tessdata_dir() {
  if (const char* env = std::getenv("TESSDATA_PREFIX"); env && *env) return env;
  return "/usr/share/tesseract-ocr/5/tessdata";
}

}  // namespace

struct PageOcr::Impl {
  tesseract::TessBaseAPI api;
};

PageOcr::PageOcr() = default;
PageOcr::~PageOcr() {
  if (impl_) impl_->api.End();
}

bool PageOcr::init(const std::string& path, std::vector<Diagnostic>& diagnostics) {
  const std::filesystem::path data = tessdata_dir() / fmt::format("{}.traineddata", kLanguage);
  std::error_code ec;
  auto impl = std::make_unique<Impl>();
  // Checked first: Tesseract itself only prints to stderr when the file is missing.
  if (!std::filesystem::exists(data, ec) ||
      impl->api.Init(tessdata_dir().c_str(), kLanguage, tesseract::OEM_LSTM_ONLY) != 0) {
    diagnostics.push_back(make_error(
        path, "ocr-missing-language",
        fmt::format("--ocr needs Tesseract's Simplified Chinese language data ({}), which is not "
                    "installed: install the Debian package tesseract-ocr-chi-sim "
                    "(apt-get install tesseract-ocr-chi-sim)",
                    data.string())));
    return false;
  }
  impl->api.SetVariable("debug_file", "/dev/null");
  impl->api.SetPageSegMode(tesseract::PSM_AUTO);
  impl_ = std::move(impl);
  return true;
}

Page PageOcr::read(poppler::page& page) {
  Page out;
  out.height = page.page_rect().height();
  out.ocr = true;
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  const poppler::image img = renderer.render_page(&page, limits::kOcrDpi, limits::kOcrDpi);
  if (!img.is_valid()) return out;
  tesseract::TessBaseAPI& api = impl_->api;
  api.SetImage(reinterpret_cast<const unsigned char*>(img.const_data()), img.width(), img.height(),
               1, img.bytes_per_row());
  api.SetSourceResolution(static_cast<int>(limits::kOcrDpi));
  if (api.Recognize(nullptr) != 0) return out;
  const double scale = 72.0 / limits::kOcrDpi;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return out;
  do {
    if (it->Empty(tesseract::RIL_TEXTLINE)) continue;
    std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_TEXTLINE));
    if (!text) continue;
    int l = 0, t = 0, r = 0, b = 0;
    it->BoundingBox(tesseract::RIL_TEXTLINE, &l, &t, &r, &b);
    Line line;
    line.text = drop_wide_spaces(trim_space(text.get()));
    if (line.text.empty()) continue;
    line.left = l * scale;
    line.right = r * scale;
    line.top = t * scale;
    line.bottom = b * scale;
    out.lines.push_back(std::move(line));
  } while (it->Next(tesseract::RIL_TEXTLINE));
  api.Clear();
  return out;
}

std::string drop_wide_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  char32_t before = 0;  // the last character written that is not a space
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    const std::uint32_t n = next_code_point(s, i, cp);
    if (cp == U' ') {
      std::size_t j = i;
      while (j < s.size() && s[j] == ' ') ++j;
      char32_t next = 0;
      if (j < s.size()) next_code_point(s, j, next);
      if (!is_wide(before) && !is_wide(next)) out += ' ';
      i = j;
      continue;
    }
    out.append(s.substr(i, n));
    before = cp;
    i += n;
  }
  return out;
}

}  // namespace indicheck::formats::detail
