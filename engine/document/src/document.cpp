// read_document(): file → bytes → decode → normalize → year → outline → metadata; and the
// offset map that takes normalized offsets back to the original text.
//
// Offset map: offset_anchors_ holds (text offset, original offset) pairs, starting with
// (0, 0), one after every character whose normalized length differs from its original length
// (full-width → half-width, deletions, boilerplate lines). Between anchors both advance
// together. A deletion leaves two anchors with the same text offset; "last" lookup (begin of a
// span) lands after the deleted original text, "first" lookup (end of a span) before it, so a
// quote never includes an artefact it did not start with.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>

#include "indicheck/formats.h"
#include "indicheck/limits.h"
#include "internal.h"

namespace indicheck {

namespace {

using Anchor = std::pair<std::uint32_t, std::uint32_t>;

std::uint32_t clamp_original(const Document& doc, std::uint64_t o) {
  return static_cast<std::uint32_t>(std::min<std::uint64_t>(o, doc.original.size()));
}

// Original offset of text offset t, before anything deleted at t.
std::uint32_t to_original_first(const Document& doc, std::uint32_t t) {
  const auto& a = doc.offset_anchors_;
  if (a.empty()) return clamp_original(doc, t);
  auto it = std::lower_bound(a.begin(), a.end(), t,
                             [](const Anchor& x, std::uint32_t v) { return x.first < v; });
  if (it != a.end() && it->first == t) return clamp_original(doc, it->second);
  if (it == a.begin()) return clamp_original(doc, t);
  const auto prev = std::prev(it);
  std::uint64_t o = prev->second + std::uint64_t(t - prev->first);
  if (it != a.end()) o = std::min<std::uint64_t>(o, it->second);
  return clamp_original(doc, o);
}

// Code points in UTF-8 `s`: bytes that are not continuation bytes (10xxxxxx). A one-line web
// crawl puts a whole report on one line, so columns there cost a walk of up to the whole
// file per quote; eight bytes at a time keeps that walk cheap. Byte b is a continuation byte
// when bit 7 is set and bit 6 is clear: (w & ~(w << 1)) & 0x80… selects exactly those.
std::uint32_t count_code_points(std::string_view s) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  std::size_t continuation = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    continuation += static_cast<std::size_t>(__builtin_popcountll(w & ~(w << 1) & kHigh));
  }
  for (; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++continuation;
  return static_cast<std::uint32_t>(s.size() - continuation);
}

// The extracted text of a page or Word file, with the publisher's metadata first as the
// "key: value" block a crawler writes (标题: …, 发布日期: …, 正文:), so that one reader
// (header.cpp) takes metadata from both. Fields the reader does not know (索引号) are still
// shown to the user in `parse --text`.
std::string with_publisher_block(const formats::Extracted& extracted) {
  if (extracted.metadata.empty()) return extracted.text;
  std::string out;
  for (const formats::PublisherField& f : extracted.metadata) {
    std::string value = f.value;
    for (char& c : value)
      if (c == '\n' || c == '\r') c = ' ';
    out += fmt::format("{}: {}\n", f.name, value);
  }
  out += "正文:\n";
  out += extracted.text;
  return out;
}

// The PDF reader's page marks, moved below the header block with_publisher_block wrote.
void add_page_anchors(const formats::Extracted& extracted, Document& doc) {
  if (extracted.page_marks.empty()) return;
  const auto header_lines =
      static_cast<std::uint32_t>(extracted.metadata.empty() ? 0 : extracted.metadata.size() + 1);
  doc.page_anchors_.reserve(extracted.page_marks.size());
  for (const formats::PageMark& m : extracted.page_marks)
    doc.page_anchors_.push_back(
        {LineCol{m.line + header_lines, m.column}, PagePlace{m.page, m.page_line, m.ocr}});
}

}  // namespace

std::uint32_t Document::to_original(std::uint32_t t) const {
  const auto& a = offset_anchors_;
  if (a.empty()) return clamp_original(*this, t);
  auto it = std::upper_bound(a.begin(), a.end(), t,
                             [](std::uint32_t v, const Anchor& x) { return v < x.first; });
  if (it == a.begin()) return clamp_original(*this, t);
  const auto cur = std::prev(it);
  std::uint64_t o = cur->second + std::uint64_t(t - cur->first);
  if (it != a.end()) o = std::min<std::uint64_t>(o, it->second);
  return clamp_original(*this, o);
}

LineCol Document::line_col(std::uint32_t o) const {
  LineCol lc;
  if (line_starts_.empty()) return lc;
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), o);
  lc.line = static_cast<std::uint32_t>(it - line_starts_.begin());
  const std::uint32_t start = line_starts_[lc.line - 1];
  const std::uint32_t end = std::min<std::uint32_t>(o, static_cast<std::uint32_t>(original.size()));
  lc.column =
      1 +
      (end > start ? count_code_points(std::string_view(original).substr(start, end - start)) : 0);
  return lc;
}

std::string_view Document::original_text(Span span) const {
  std::uint32_t b, e;
  if (span.begin >= span.end) {
    // An empty span at a deletion shows what was deleted (a boilerplate line).
    b = to_original_first(*this, span.begin);
    e = to_original(span.begin);
  } else {
    b = to_original(span.begin);
    e = to_original_first(*this, span.end);
  }
  if (e < b) e = b;
  return std::string_view(original).substr(b, e - b);
}

PagePlace Document::page_place(LineCol at) const {
  auto after = std::upper_bound(
      page_anchors_.begin(), page_anchors_.end(), at, [](const LineCol& x, const PageAnchor& a) {
        return x.line < a.at.line || (x.line == a.at.line && x.column < a.at.column);
      });
  if (after == page_anchors_.begin()) return {};
  return std::prev(after)->place;
}

std::string Document::section_path(std::uint32_t section) const {
  std::vector<std::uint32_t> chain;
  for (int s = static_cast<int>(section);
       s > 0 && static_cast<std::size_t>(s) < sections.size() && chain.size() < 64;
       s = sections[static_cast<std::size_t>(s)].parent)
    chain.push_back(static_cast<std::uint32_t>(s));
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (!out.empty()) out += " > ";
    const Section& s = sections[*it];
    out += s.marker;
    out += s.title;
  }
  return out;
}

std::optional<Document> read_document_bytes(std::string_view bytes, const std::string& path,
                                            const ReadOptions& options,
                                            std::vector<Diagnostic>& diagnostics) {
  try {
    formats::Extracted extracted;
    formats::ExtractOptions extract_options;
    extract_options.ocr = options.ocr;
    if (!formats::extract(bytes, path, extracted, diagnostics, extract_options))
      return std::nullopt;
    detail::Decoded decoded;
    if (extracted.format == formats::Format::kText) {
      if (!detail::decode_bytes(bytes, path, options.encoding, decoded, diagnostics))
        return std::nullopt;
    } else {
      decoded.utf8 = with_publisher_block(extracted);
      decoded.encoding = extracted.encoding.empty() ? "Unicode" : std::move(extracted.encoding);
    }
    Document doc;
    doc.meta.format = std::string(formats::format_name(extracted.format));
    doc.path = path;
    doc.source_bytes = bytes.size();
    doc.original = std::move(decoded.utf8);
    doc.meta.encoding = std::move(decoded.encoding);
    add_page_anchors(extracted, doc);
    detail::NormalizeStats stats;
    std::vector<std::uint32_t> boilerplate;
    detail::normalize_document(doc, stats, boilerplate);
    // "Mostly Traditional": more than ~3% of CJK characters changed by the T→S step.
    doc.meta.traditional =
        stats.traditional_chars >= 20 && stats.traditional_chars * 3 * 30 > stats.han_bytes;
    const detail::CrawlerHeader header =
        detail::read_crawler_header(doc, doc.meta.format == "text" ? "header" : "page");
    detail::reflow_lines(doc, header.end_line, boilerplate);
    detail::infer_year(doc, header);
    detail::build_outline(doc, doc.meta.year, boilerplate, header.end_line);
    detail::infer_metadata(doc, header);
    for (const auto& d : diagnostics)
      if (d.path == path && d.severity != Severity::kError) doc.warnings.push_back(d);
    return doc;
  } catch (const std::bad_alloc&) {
    diagnostics.push_back(make_error(path, "too-large", "out of memory while reading this file"));
  } catch (const std::exception& e) {
    diagnostics.push_back(
        make_error(path, "internal", fmt::format("unexpected failure: {}", e.what())));
  }
  return std::nullopt;
}

std::optional<Document> read_document(const std::string& path, const ReadOptions& options,
                                      std::vector<Diagnostic>& diagnostics) {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise block forever, before fstat
  // could tell it is not a file. Regular files ignore the flag.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT || err == ENOTDIR)
      diagnostics.push_back(make_error(path, "not-found", "no such file"));
    else if (err == EACCES || err == EPERM)
      diagnostics.push_back(
          make_error(path, "permission-denied", "permission denied (cannot read the file)"));
    else if (err == EISDIR)
      diagnostics.push_back(make_error(path, "is-directory", "is a directory, not a report file"));
    else
      diagnostics.push_back(
          make_error(path, "unreadable", fmt::format("cannot open: {}", std::strerror(err))));
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    ::close(fd);
    diagnostics.push_back(make_error(path, "is-directory", "is a directory, not a report file"));
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    diagnostics.push_back(make_error(
        path, "not-a-file", "is not a regular file (a FIFO, socket or device), not a report file"));
    return std::nullopt;
  }
  if (static_cast<std::uint64_t>(st.st_size) > limits::kMaxReportBytes) {
    ::close(fd);
    diagnostics.push_back(
        make_error(path, "too-large",
                   fmt::format("file is {} bytes; reports larger than {} MiB are refused",
                               st.st_size, limits::kMaxReportBytes >> 20)));
    return std::nullopt;
  }
  // Read straight into the string: its size grows by what each read() returned. A regular
  // file is read in one or two calls; a file that grows meanwhile still works.
  std::string bytes;
  std::size_t used = 0;
  bytes.resize(static_cast<std::size_t>(st.st_size) + 1);
  while (true) {
    if (used == bytes.size()) bytes.resize(std::min(bytes.size() * 2, limits::kMaxReportBytes + 1));
    const ssize_t got = ::read(fd, bytes.data() + used, bytes.size() - used);
    if (got < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      if (err == EISDIR)
        diagnostics.push_back(
            make_error(path, "is-directory", "is a directory, not a report file"));
      else
        diagnostics.push_back(
            make_error(path, "unreadable", fmt::format("cannot read: {}", std::strerror(err))));
      return std::nullopt;
    }
    if (got == 0) break;
    used += static_cast<std::size_t>(got);
    if (used > limits::kMaxReportBytes) break;  // decode refuses it with too-large
  }
  ::close(fd);
  bytes.resize(used);
  return read_document_bytes(bytes, path, options, diagnostics);
}

}  // namespace indicheck
