// Normalization for matching, in one pass over the decoded text.
//
// The idea: every transformation we need is a function of one code point at a time —
// NFKC (full-width → half-width, compatibility ideographs → unified), ICU's
// "Traditional-Simplified" transform (character based), and deletion of format (Cf) and
// control characters. So we ask ICU once per BMP code point, at first use, and keep the
// answers in a 64K-entry table whose non-identity results live in one string pool. ICU stays
// the source of truth; the table is only a cache of its answers. Running ICU's transliterator
// over whole documents costs ~10 MB/s; the table pass is a load and a compare per character,
// and runs of unchanged characters are copied with one memcpy.
//
// Known simplification: NFKC is applied per code point, so a base letter followed by a
// combining mark is left decomposed. Reports are Chinese text where this does not occur, and
// rule terms are normalized the same way, so matching is unaffected.
//
// Two context-dependent steps ride along in the same pass:
//   - export artefacts like "[bookmark: _GoBack]" are deleted where they stand, and so are
//     Markdown's marks (a heading's "## " at a line's start, "**" emphasis);
//   - each finished line is checked for web-page furniture (扫一扫…, share buttons,
//     breadcrumbs, 附件下载, 打印本页/关闭窗口, a site's footer); such a line's content is
//     rolled back.
// Every place where text and original advance by different amounts gets an offset anchor.
#include <re2/re2.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

#include "internal.h"

namespace indicheck::detail {

namespace {

// Longest original line that can still be web furniture; longer lines are report text.
constexpr std::size_t kMaxBoilerplateLineBytes = 300;
// Longest "[bookmark: ...]" artefact we delete.
constexpr std::size_t kMaxArtefactBytes = 96;

struct Table {
  // entry[cp] == 0: unchanged. Otherwise (pool offset << 8) | byte length of the replacement
  // (offset ≥ 1, so a deletion, length 0, is still non-zero).
  std::vector<std::uint32_t> entry;
  std::vector<std::uint8_t> traditional;  // 1 when the Traditional→Simplified step changed cp
  std::string pool;
  std::array<bool, 128> ascii_plain{};  // ASCII bytes copied as they are
};

Table build_table() {
  Table t;
  t.entry.assign(0x10000, 0);
  t.traditional.assign(0x10000, 0);
  t.pool = "\0";  // offset 0 is never used
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(st);
  if (U_FAILURE(st)) nfkc = nullptr;
  st = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> to_simplified(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, st));
  if (U_FAILURE(st)) to_simplified.reset();
  icu::UnicodeSet source;  // the characters the transform can change at all
  if (to_simplified) to_simplified->getSourceSet(source);

  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;  // never in valid UTF-8
    const auto c = static_cast<UChar32>(cp);
    const auto type = u_charType(c);
    const bool keep_control = cp == '\t' || cp == '\n' || cp == '\r';
    if (type == U_FORMAT_CHAR || (type == U_CONTROL_CHAR && !keep_control)) {
      t.entry[cp] = static_cast<std::uint32_t>(1u << 8);  // delete
      continue;
    }
    icu::UnicodeString s(c);
    if (nfkc && !nfkc->isInert(c)) {
      st = U_ZERO_ERROR;
      icu::UnicodeString n = nfkc->normalize(s, st);
      if (U_SUCCESS(st)) s = n;
    }
    if (to_simplified && source.containsSome(s)) {
      const icu::UnicodeString before = s;
      to_simplified->transliterate(s);
      if (s != before) t.traditional[cp] = 1;
    }
    if (s.length() == 1 && s.char32At(0) == c) continue;
    std::string utf8;
    s.toUTF8String(utf8);
    t.entry[cp] = static_cast<std::uint32_t>((t.pool.size() << 8) | utf8.size());
    t.pool += utf8;
  }
  for (int b = 0; b < 128; ++b)
    t.ascii_plain[static_cast<std::size_t>(b)] = t.entry[static_cast<std::size_t>(b)] == 0;
  // Bytes the main loop handles itself.
  t.ascii_plain['\n'] = t.ascii_plain['\r'] = t.ascii_plain['['] = false;
  t.ascii_plain[' '] = false;  // a space between two Han characters goes (join_han_space)
  t.ascii_plain['*'] = false;  // Markdown's ** emphasis goes
  t.ascii_plain['&'] = false;  // an undecoded character reference (&nbsp;) is read
  t.ascii_plain['('] = false;  // a pinyin gloss after a Han character goes (gloss_end)
  return t;
}

// Built on first use; C++ guarantees one thread builds it while others wait.
const Table& table() {
  static const Table t = build_table();
  return t;
}

// Supplementary-plane code points are rare: ask ICU directly (Normalizer2 is thread-safe).
std::string normalize_supplementary(char32_t cp) {
  const auto c = static_cast<UChar32>(cp);
  if (u_charType(c) == U_FORMAT_CHAR) return {};
  icu::UnicodeString s(c);
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(st);
  if (U_SUCCESS(st) && !nfkc->isInert(c)) {
    icu::UnicodeString n = nfkc->normalize(s, st);
    if (U_SUCCESS(st)) s = n;
  }
  std::string out;
  s.toUTF8String(out);
  return out;
}

// Bytes of a Markdown heading's marker at in[i] ("# ", "## " … "###### "), or 0: a report
// converted to Markdown (pandoc, an online editor) marks its title and chapters so.
std::size_t markdown_heading(std::string_view in, std::size_t i) {
  std::size_t k = i;
  while (k < in.size() && k - i < 6 && in[k] == '#') ++k;
  if (k == i || k >= in.size() || (in[k] != ' ' && in[k] != '\t')) return 0;
  while (k < in.size() && (in[k] == ' ' || in[k] == '\t')) ++k;
  return k - i;
}

// A character reference of HTML left undecoded in text (a careless extraction, a CMS's source
// copied): "&nbsp;", "&ldquo;", "&#12289;", "&#x3001;". Its length (0 when there is none at
// in[i]) and the character it stands for. Only the names such text holds, and characters a text
// may contain (no controls, no surrogates).
std::size_t character_reference(std::string_view in, std::size_t i, char32_t& cp) {
  constexpr std::size_t kMaxReferenceBytes = 10;  // "&#x10FFFF;"
  const std::size_t semi = in.find(';', i + 1);
  if (semi == std::string_view::npos || semi - i > kMaxReferenceBytes || semi == i + 1) return 0;
  const std::string_view body = in.substr(i + 1, semi - i - 1);
  std::uint32_t value = 0;
  if (body[0] == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    for (char d : digits) {
      int v = -1;
      if (d >= '0' && d <= '9')
        v = d - '0';
      else if (hex && d >= 'a' && d <= 'f')
        v = d - 'a' + 10;
      else if (hex && d >= 'A' && d <= 'F')
        v = d - 'A' + 10;
      if (v < 0) return 0;
      value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
      if (value > 0x10FFFF) return 0;
    }
  } else {
    static constexpr std::pair<std::string_view, char32_t> kNames[] = {
        {"nbsp", 0xA0},    {"ldquo", 0x201C},  {"rdquo", 0x201D}, {"lsquo", 0x2018},
        {"rsquo", 0x2019}, {"mdash", 0x2014},  {"ndash", 0x2013}, {"hellip", 0x2026},
        {"middot", 0xB7},  {"bull", 0x2022},   {"amp", '&'},      {"lt", '<'},
        {"gt", '>'},       {"quot", '"'},      {"apos", '\''},    {"ensp", 0x2002},
        {"emsp", 0x2003},  {"thinsp", 0x2009}, {"laquo", 0xAB},   {"raquo", 0xBB},
        {"times", 0xD7},   {"deg", 0xB0},      {"copy", 0xA9},    {"reg", 0xAE}};
    for (const auto& [name, c] : kNames)
      if (body == name) value = c;
    if (value == 0) return 0;
  }
  if (value < 0x20 || (value >= 0x7F && value < 0xA0) || (value >= 0xD800 && value < 0xE000))
    return 0;
  cp = value;
  return semi + 1 - i;
}

// End of an export artefact like "[bookmark: _GoBack]" starting at in[i], or 0.
std::size_t artefact_end(std::string_view in, std::size_t i) {
  static constexpr std::string_view kPrefix = "[bookmark:";
  if (in.compare(i, kPrefix.size(), kPrefix) != 0) return 0;
  const std::size_t limit = std::min(in.size(), i + kMaxArtefactBytes);
  for (std::size_t k = i + kPrefix.size(); k < limit; ++k) {
    if (in[k] == ']') return k + 1;
    if (in[k] == '\n' || in[k] == '\r') return 0;
  }
  return 0;
}

// The output buffer is sized up front and written through a position (`size`), not grown by
// append() per character: Traditional text replaces almost every character.
struct Sink {
  std::string& out;
  std::size_t size = 0;  // bytes written so far
  void reserve(std::size_t extra) {
    if (size + extra > out.size()) out.resize(std::max(out.size() * 2, size + extra + 64));
  }
  void write(const char* p, std::size_t n) {
    reserve(n);
    std::memcpy(out.data() + size, p, n);
    size += n;
  }
  void put(char c) {
    reserve(1);
    out[size++] = c;
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>>* anchors;
  // After a character whose length changed: text position `t` now corresponds to `o`.
  void note(std::size_t o) const {
    if (!anchors) return;
    const auto t = static_cast<std::uint32_t>(size);
    const auto oo = static_cast<std::uint32_t>(o);
    if (!anchors->empty() && anchors->back().first == t && anchors->back().second == oo) return;
    anchors->emplace_back(t, oo);
  }
  // A deletion: text position t stands for both o_before (start) and o_after (end).
  void deleted(std::size_t o_before, std::size_t o_after) const {
    if (!anchors) return;
    const auto t = static_cast<std::uint32_t>(size);
    const auto ob = static_cast<std::uint32_t>(o_before);
    if (anchors->empty() || anchors->back() != std::pair<std::uint32_t, std::uint32_t>(t, ob))
      anchors->emplace_back(t, ob);
    note(o_after);
  }
  // Takes back the line written since text position t0 (original o0 to o1): it is furniture.
  void roll_back_line(std::size_t t0, std::size_t o0, std::size_t o1) {
    size = t0;
    if (!anchors) return;
    while (anchors->size() > 1 && anchors->back().first >= t0) anchors->pop_back();
    deleted(o0, o1);
  }
};

bool han(char32_t cp) {
  return cp >= 0x3400 && cp <= 0x9FFF;
}

// End of a pinyin gloss starting at in[i] ("(zhèn)" after 鎮, as some mirror sites print each
// Traditional character's reading), or 0: "(" or "（" right after a Han character, then at most
// eight Latin letters with at least one tone mark (so "(app)" or "(试行)" stay), then ")" or
// "）". The gloss splits the words it sits in (認(rèn)真), so it goes like an export artefact.
std::size_t gloss_end(std::string_view in, std::size_t i) {
  char32_t cp = 0;
  if (i < 3 || decode_utf8(in, i - 3, cp) != 3 || !han(cp)) return 0;
  std::size_t k = i + (in[i] == '(' ? 1 : 3);  // "(" or "（" (3 bytes)
  bool toned = false;
  for (int letters = 0; k < in.size() && letters <= 8; ++letters) {
    const auto c = static_cast<unsigned char>(in[k]);
    if (c == ')') return letters > 0 && toned ? k + 1 : 0;
    if (in.compare(k, 3, "\uFF09") == 0) return letters > 0 && toned ? k + 3 : 0;
    if (c >= 'a' && c <= 'z') {
      ++k;
      continue;
    }
    const std::uint32_t len = decode_utf8(in, k, cp);
    // Tone-marked vowels and ü: Latin-1 à-ü, Latin Extended-A ā-ū, Extended-B ǎ-ǜ.
    const bool vowel =
        (cp >= 0xE0 && cp <= 0xFC) || (cp >= 0x101 && cp <= 0x16B) || (cp >= 0x1CE && cp <= 0x1DC);
    if (len != 2 || !vowel) return 0;
    toned = true;
    k += len;
  }
  return 0;
}

// Bytes of indentation at in[i]: spaces, tabs, U+3000, U+00A0 and an undecoded &nbsp;.
std::size_t indentation(std::string_view in, std::size_t i) {
  const std::size_t from = i;
  while (i < in.size()) {
    if (in[i] == ' ' || in[i] == '\t') {
      ++i;
    } else if (in.compare(i, 3, "\xE3\x80\x80") == 0) {
      i += 3;
    } else if (in.compare(i, 2, "\xC2\xA0") == 0) {
      i += 2;
    } else if (in.compare(i, 6, "&nbsp;") == 0) {  // undecoded (character_reference)
      i += 6;
    } else {
      break;
    }
  }
  return i - from;
}

// The first code point `cp` normalizes to (itself when the table leaves it).
char32_t normalized_first(const Table& tab, char32_t cp) {
  if (cp >= 0x10000 || tab.entry[cp] == 0) return cp;
  const std::uint32_t e = tab.entry[cp];
  if ((e & 0xFF) == 0) return 0;
  char32_t first = 0;
  decode_utf8(std::string_view(tab.pool.data() + (e >> 8), e & 0xFF), 0, first);
  return first;
}

// A single space (ASCII, no-break or ideographic) at in[i, i + len) between two Han
// characters, the one before already written: PDF and Word exports put them between
// characters ("法 治 政 府", "行政 复议"), where they split terms and break exclusions. Runs of
// two or more spaces are kept: they separate things (a title from its body, a unit from its
// date).
bool join_han_space(const Table& tab, std::string_view in, std::size_t i, std::size_t len,
                    const Sink& sink) {
  if (sink.size < 3 || i + len >= in.size()) return false;
  char32_t before = 0;
  if (decode_utf8(std::string_view(sink.out.data() + sink.size - 3, 3), 0, before) != 3 ||
      !han(before))
    return false;
  char32_t after = 0;
  decode_utf8(in, i + len, after);
  return han(normalized_first(tab, after));
}

// Writes what code point `cp` normalizes to (the table's entry; for a character reference, the
// character itself when the table leaves it as it is: the fast path copies such characters from
// the input, which here holds the reference) and returns its length in bytes.
std::size_t put_normalized(const Table& tab, Sink& sink, char32_t cp, bool reference,
                           std::uint64_t& traditional) {
  if (reference && cp < 0x10000 && tab.entry[cp] == 0) {
    std::string utf8;
    append_utf8(utf8, cp);
    sink.write(utf8.data(), utf8.size());
    return utf8.size();
  }
  if (cp >= 0x10000) {
    const std::string rep = normalize_supplementary(cp);
    sink.write(rep.data(), rep.size());
    return rep.size();
  }
  const std::uint32_t e = tab.entry[cp];
  const std::size_t rep_len = e & 0xFF;
  const char* rep = tab.pool.data() + (e >> 8);
  if (rep_len == 3) {  // the usual Traditional → Simplified case: no library call
    sink.reserve(3);
    char* w = sink.out.data() + sink.size;
    w[0] = rep[0];
    w[1] = rep[1];
    w[2] = rep[2];
    sink.size += 3;
  } else {
    sink.write(rep, rep_len);
  }
  traditional += tab.traditional[cp];
  return rep_len;
}

// Line numbers, sorted, asked about in increasing order.
class LineSet {
 public:
  using Lines = std::vector<std::uint32_t>;
  explicit LineSet(Lines lines) : lines_(std::move(lines)) {}
  bool next_is(std::uint32_t line) {
    while (next_ < lines_.size() && lines_[next_] < line) ++next_;
    return next_ < lines_.size() && lines_[next_] == line;
  }

 private:
  Lines lines_;
  std::size_t next_ = 0;
};

// The single pass. `anchors`, `line_starts` and `boilerplate` may be null.
void normalize_pass(std::string_view in, std::string& out,
                    std::vector<std::pair<std::uint32_t, std::uint32_t>>* anchors,
                    std::vector<std::uint32_t>* line_starts, NormalizeStats& stats,
                    std::vector<std::uint32_t>* boilerplate) {
  const Table& tab = table();
  out.clear();
  out.resize(in.size() + 64);
  if (anchors) {
    anchors->clear();
    anchors->emplace_back(0, 0);
  }
  if (line_starts) {
    line_starts->clear();
    line_starts->push_back(0);
  }
  Sink sink{out, 0, anchors};
  const std::size_t n = in.size();
  const char* const data = in.data();
  std::size_t i = 0;
  std::uint32_t line_no = 0;
  std::uint64_t han_bytes = 0, traditional = 0;
  // A PDF's running heads and feet and a page's related-articles list go the way of other
  // furniture (only for a document: the line numbers are the original's).
  LineSet furniture(boilerplate && line_starts ? furniture_lines(in) : LineSet::Lines());
  while (true) {
    const std::size_t line_o0 = i;
    const std::size_t line_t0 = sink.size;
    // A document line's indentation is layout, not text (spaces, tabs, U+3000, no-break
    // spaces): reflowed into the line before, it would split a name ("莆田市" / "　　安全生产
    // 监督管理局"). Terms and quotes (normalize_for_matching) keep theirs.
    if (const std::size_t indent = line_starts ? indentation(in, i) : 0) {
      sink.deleted(i, i + indent);
      i += indent;
    }
    if (const std::size_t marker = line_starts ? markdown_heading(in, i) : 0) {
      sink.deleted(i, i + marker);
      i += marker;
    }
    while (i < n) {
      // Copy the longest run of characters the table leaves unchanged.
      std::size_t run = i;
      while (run < n) {
        const auto c = static_cast<unsigned char>(data[run]);
        if (c < 0x80) {
          if (!tab.ascii_plain[c]) break;
          ++run;
          continue;
        }
        char32_t cp = 0;
        const std::uint32_t len = decode_utf8(in, run, cp);
        if (cp >= 0x10000 || tab.entry[cp] != 0) break;
        if (len == 3) han_bytes += 3;
        run += len;
      }
      if (run > i) {
        sink.write(data + i, run - i);
        i = run;
      }
      if (i >= n) break;
      const auto c = static_cast<unsigned char>(data[i]);
      if (c == '\n') break;
      if (c == '\r') {
        if (i + 1 < n && data[i + 1] == '\n') {  // CRLF: the CR goes
          sink.deleted(i, i + 1);
          ++i;
          continue;
        }
        break;  // a lone CR ends a line (old Mac files)
      }
      if (c == '*') {  // Markdown's **emphasis** markers go; a single * stays
        if (i + 1 < n && data[i + 1] == '*') {
          std::size_t end = i + 2;
          while (end < n && data[end] == '*') ++end;
          sink.deleted(i, end);
          i = end;
        } else {
          sink.put('*');
          ++i;
        }
        continue;
      }
      if (c == '[') {
        if (const std::size_t end = artefact_end(in, i)) {
          sink.deleted(i, end);
          i = end;
        } else {
          sink.put('[');
          ++i;
        }
        continue;
      }
      if (c == '(' || (c == 0xEF && in.compare(i, 3, "\uFF08") == 0)) {
        if (const std::size_t end = gloss_end(in, i)) {
          sink.deleted(i, end);
          i = end;
          continue;
        }
        if (c == '(') {
          sink.put('(');
          ++i;
          continue;
        }
      }
      char32_t cp = 0;
      std::uint32_t len = 0;
      if (c == '&') {
        len = static_cast<std::uint32_t>(character_reference(in, i, cp));
        if (len == 0) {
          sink.put('&');
          ++i;
          continue;
        }
      } else {
        len = decode_utf8(in, i, cp);
      }
      if ((cp == ' ' || cp == 0xA0 || cp == 0x3000) && join_han_space(tab, in, i, len, sink)) {
        sink.deleted(i, i + len);
        i += len;
        continue;
      }
      if (cp == ' ' && c != '&') {  // not plain only to be looked at above
        sink.put(' ');
        ++i;
        continue;
      }
      const std::size_t rep_len = put_normalized(tab, sink, cp, c == '&', traditional);
      if (cp < 0x10000 && len == 3) han_bytes += 3;
      if (rep_len == 0)
        sink.deleted(i, i + len);
      else if (rep_len != len)
        sink.note(i + len);
      i += len;
    }
    // End of a line: web furniture is rolled back, leaving an empty line.
    if (boilerplate && (furniture.next_is(line_no) ||
                        (i - line_o0 <= kMaxBoilerplateLineBytes &&
                         is_boilerplate_line({out.data() + line_t0, sink.size - line_t0})))) {
      sink.roll_back_line(line_t0, line_o0, i);
      boilerplate->push_back(line_no);
    }
    if (i >= n) break;
    sink.put('\n');  // '\n' or a lone '\r': one byte either way
    ++i;
    ++line_no;
    if (line_starts) line_starts->push_back(static_cast<std::uint32_t>(i));
  }
  out.resize(sink.size);
  stats.han_bytes = han_bytes;
  stats.traditional_chars = traditional;
}

// A row of an article's buttons: "分享 收藏 点赞 在看" (its spaces may be gone: a single space
// between Han characters is deleted first), "阅读原文" — nothing but buttons.
bool button_row(std::string_view line) {
  if (line.size() > 60) return false;
  static constexpr std::string_view kButtons[] = {
      "阅读原文", "写留言", "分享", "收藏", "点赞", "在看", "转发", "留言", "打印", "关闭", "赞"};
  std::size_t words = 0;
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t len = 0;
    for (std::string_view b : kButtons)
      if (line.compare(i, b.size(), b) == 0) {
        len = b.size();
        break;
      }
    if (len == 0) return false;
    i += len;
    ++words;
  }
  return words >= 2 || line == "阅读原文";
}

// A long report's table of contents, as Word lays it out: "目录" (目 录) alone, and entries that
// end in a dot leader and a page number ("一、主要工作……………3"; NFKC has made … into ...).
bool toc_line(std::string_view line) {
  if (line == "目录" || line == "目 录" || line == "目  录") return true;
  if (line.size() > 200 || contains(line, "。")) return false;
  std::size_t end = line.size();
  std::size_t digits = 0;
  while (end > 0 && line[end - 1] >= '0' && line[end - 1] <= '9' && digits < 4) {
    --end;
    ++digits;
  }
  if (digits == 0 || digits > 3) return false;
  while (end > 0 && line[end - 1] == ' ') --end;
  std::size_t leader = 0;
  for (;;) {
    if (end > 0 && (line[end - 1] == '.' || line[end - 1] == '-' || line[end - 1] == '_')) {
      --end;
      ++leader;
    } else if (end >= 2 && line.substr(end - 2) == "\u00B7") {  // middle dot ·
      end -= 2;
      ++leader;
    } else {
      break;
    }
  }
  return leader >= 3 && end > 0;  // a heading before the leader
}

}  // namespace

// A page number a PDF's text keeps between its pages: "— 3 —", "- 3 -", "第3页", "第3页 共10页",
// "3/10". A bare number is not one: hard-wrapped pages break dates into lines of digits.
bool page_number_line(std::string_view line) {
  static const RE2 page(
      R"((?:[-—–]\s*\d{1,4}\s*[-—–])|(?:第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?)|)"
      R"((?:\d{1,4}\s*/\s*\d{1,4}))");
  return line.size() <= 40 && line.find_first_of("0123456789") != std::string_view::npos &&
         RE2::FullMatch(re2::StringPiece(line.data(), line.size()), page);
}

bool original_page_number_line(std::string_view original_line) {
  constexpr std::size_t kMaxOriginalBytes = 80;  // 40 normalized bytes, indentation around them
  if (original_line.size() > kMaxOriginalBytes) return false;
  // A digit, ASCII or full-width (U+FF10-U+FF19: EF BC 90-99), before normalizing anything.
  bool digit = false;
  for (std::size_t i = 0; i < original_line.size() && !digit; ++i) {
    const auto c = static_cast<unsigned char>(original_line[i]);
    digit = (c >= '0' && c <= '9') || (c == 0xEF && i + 2 < original_line.size() &&
                                       static_cast<unsigned char>(original_line[i + 1]) == 0xBC &&
                                       static_cast<unsigned char>(original_line[i + 2]) >= 0x90 &&
                                       static_cast<unsigned char>(original_line[i + 2]) <= 0x99);
  }
  if (!digit) return false;
  std::string line = normalize_for_matching(original_line);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' '))
    line.pop_back();
  std::size_t front = 0;
  while (front < line.size() && line[front] == ' ') ++front;
  return page_number_line(std::string_view(line).substr(front));
}

namespace {
// A page's font-size switch (字号:大 中 小), not a document number's field (发文字号:
// 某政〔2024〕3号).
bool font_size_switch(std::string_view line) {
  return contains(line, "字号:") && !contains(line, "文字号:");
}
}  // namespace

bool is_boilerplate_line(std::string_view line) {
  // Trim spaces and tabs.
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  if (line.empty()) return false;
  // A line of nothing but rules and dashes: a page separator.
  bool only_rules = true;
  for (std::size_t i = 0; i < line.size() && only_rules;) {
    char32_t cp = 0;
    i += decode_utf8(line, i, cp);
    only_rules = cp == '-' || cp == '_' || cp == '=' || cp == '*' || cp == '~' || cp == ' ' ||
                 cp == 0x2014 || cp == 0x2015 || cp == 0x2500 || cp == 0x2501 || cp == 0xB7;
  }
  if (only_rules) return true;
  if (page_number_line(line)) return true;
  const bool short_line = line.size() < 120 || !contains(line, "。");
  static constexpr std::string_view kFurniture[] = {
      "点击上方蓝字", "扫一扫在手机打开", "在手机打开当前页", "扫一扫",   "分享到",
      "打印本页",     "关闭窗口",         "附件下载",         "【打印】", "【关闭】",
      "[打印]",       "[关闭]",           "返回顶部",         "收藏本页", "当前位置:",
      "您当前的位置", "您现在的位置",     "【字体:",          "[字体:",   "您现在所在的位置",
      "字体大小:",
  };
  if (short_line)
    for (auto phrase : kFurniture)
      if (contains(line, phrase)) return true;
  if (short_line && font_size_switch(line)) return true;
  if (line.size() < 160 && line.substr(0, 6) == "首页" &&
      (contains(line, ">") || contains(line, "›") || contains(line, "»") || contains(line, "→") ||
       contains(line, "/")))
    return true;
  if (line == "附件" || (line.size() < 160 && line.substr(0, 7) == "附件:")) return true;
  if (toc_line(line)) return true;
  // A site's footer and tool bar: 上一篇/下一篇 links, 主办单位, 版权所有, ICP and police
  // registration numbers, link lists (相关链接, 中国政府网 …), and buttons left one per line
  // (翻译, 搜索, 复制).
  if (short_line && line.size() < 300) {
    for (std::string_view start :
         {"上一篇", "下一篇", "主办单位", "承办单位", "主办:", "承办:", "技术支持", "版权所有",
          "Copyright", "copyright", "©", "网站标识码", "浏览次数", "访问量", "网站地图", "相关链接",
          "友情链接", "中国政府网"})
      if (line.substr(0, start.size()) == start) return true;
    // An article's credits (编辑:张三, 审核:李四), one short field.
    if (line.size() <= 60)
      for (std::string_view start : {"编辑:", "责任编辑:", "审核:", "校对:", "来源:", "作者:"})
        if (line.substr(0, start.size()) == start) return true;
    for (std::string_view mark : {"ICP备", "公网安备", "网站标识码"})
      if (contains(line, mark)) return true;
  }
  // A site's date widget: "今天是:2019年10月31日 星期三 农历十月初七", "某某区人民政府
  // 2019年12月3日星期二" — today's date with its weekday, never a report's.
  if (line.size() < 160 && !contains(line, "。") &&
      line.find_first_of("0123456789") != std::string_view::npos &&
      (line.substr(0, 9) == "今天是" || contains(line, "日星期") || contains(line, "日 星期") ||
       contains(line, "农历")))
    return true;
  // A site's warning about the reader's browser ("当前浏览器版本过低…请切换至极速模式。").
  if (line.size() < 240 && contains(line, "浏览器") &&
      (contains(line, "升级") || contains(line, "版本过低") || contains(line, "极速模式") ||
       contains(line, "最佳体验") || contains(line, "兼容模式") || contains(line, "分辨率")))
    return true;
  // A page's info bar: "发布时间:2023-01-06 来源:本网 浏览次数:1234", two or more fields.
  if (line.size() < 240 && !contains(line, "。")) {
    int fields = 0;
    for (std::string_view key :
         {"发布时间:", "发布日期:", "更新时间:", "来源:", "浏览次数:", "点击数:", "阅读次数:",
          "访问次数:", "作者:", "责任编辑:", "编辑:", "审核:", "校对:", "字体:", "分享:"})
      fields += contains(line, key);
    fields += font_size_switch(line);
    if (fields >= 2) return true;
  }
  for (std::string_view button :
       {"翻译", "搜索", "复制", "打印", "关闭", "收藏", "分享", "返回", "顶部", "【返回顶部】"})
    if (line == button) return true;
  if (button_row(line)) return true;
  // An article's byline: "莆田司法 2024-01-05 10:00 发表于福建".
  if (line.size() < 120 && contains(line, "发表于") && !contains(line, "。") &&
      line.find_first_of("0123456789") != std::string_view::npos)
    return true;
  if (line.size() < 80) {
    int share = 0;
    for (std::string_view s : {"微信", "微博", "QQ", "朋友圈", "空间", "豆瓣"})
      share += contains(line, s);
    if (share >= 2 && !contains(line, "。")) return true;
  }
  return false;
}

void normalize_document(Document& doc, NormalizeStats& stats,
                        std::vector<std::uint32_t>& boilerplate_lines) {
  normalize_pass(doc.original, doc.text, &doc.offset_anchors_, &doc.line_starts_, stats,
                 &boilerplate_lines);
}

}  // namespace indicheck::detail

namespace indicheck {

std::string normalize_for_matching(std::string_view utf8) {
  // Rule terms and quotes may come from anywhere: make them valid UTF-8 first.
  std::string valid;
  bool ok = true;
  for (std::size_t i = 0; i < utf8.size() && ok;) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (len == 0 || i + len > utf8.size()) {
      ok = false;
      break;
    }
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(utf8[i + k]) & 0xC0) != 0x80) ok = false;
    i += len;
  }
  if (!ok) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    u.toUTF8String(valid);
    utf8 = valid;
  }
  std::string out;
  detail::NormalizeStats stats;
  detail::normalize_pass(utf8, out, nullptr, nullptr, stats, nullptr);
  return out;
}

}  // namespace indicheck
