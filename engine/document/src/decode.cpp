// Decoding: bytes of a report file → valid UTF-8.
//
// Order of decisions (each one is a documented diagnostic code, see docs/document.md):
//   1. too large → error[too-large]; known binary magic (zip/docx, pdf, png, OLE .doc, gzip)
//      → error[binary];
//   2. a BOM decides: UTF-8, UTF-16LE/BE, UTF-32LE/BE;
//   3. a forced --encoding is used as given (unknown name → error[unknown-encoding]; output
//      that is mostly U+FFFD or not plausibly Chinese → error[wrong-encoding]);
//   4. NUL bytes without a UTF-16/32 BOM → error[binary];
//   5. valid UTF-8 stays; UTF-8 with a few bad bytes (truncated files, one stray byte) stays
//      with U+FFFD in their place and one warning naming the offsets;
//   6. otherwise a strict GB18030 conversion (a superset of GBK/GB2312), then a strict Big5
//      one: a conversion without a single invalid or unassigned sequence, with enough Han
//      characters to judge (kStrictMinHan) and plausible Chinese, is taken (both clean: the
//      one with the larger share of common characters). ICU's converters run at ~100 MB/s
//      where its charset detector runs at ~2 MB/s, so the detector is left for
//   7. short texts and damaged files: it chooses between GB18030 and Big5 and refuses below
//      limits::kMinEncodingConfidence with error[encoding-unknown] (asks for --encoding).
// Empty and whitespace-only results are error[empty].
#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

#include "indicheck/document.h"
#include "indicheck/limits.h"
#include "internal.h"

namespace indicheck::detail {

namespace {

// How many offsets a replaced-bytes warning names before it says "and N more".
constexpr std::size_t kOffsetsNamed = 5;

struct InvalidBytes {
  std::uint64_t count = 0;             // invalid sequences replaced
  std::vector<std::uint64_t> offsets;  // first kOffsetsNamed byte offsets
  void add(std::uint64_t offset) {
    if (offsets.size() < kOffsetsNamed) offsets.push_back(offset);
    ++count;
  }
};

std::string describe_offsets(const InvalidBytes& bad) {
  std::string s;
  for (std::size_t i = 0; i < bad.offsets.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(bad.offsets[i]);
  }
  if (bad.count > bad.offsets.size())
    s += fmt::format(" and {} more", bad.count - bad.offsets.size());
  return s;
}

// Length of the valid UTF-8 sequence at s[i], or 0 with `consumed` = the maximal invalid
// subpart (Unicode's "U+FFFD per maximal subpart" practice, what browsers do).
std::size_t utf8_sequence(const unsigned char* s, std::size_t n, std::size_t i,
                          std::size_t& consumed) {
  const unsigned char c = s[i];
  std::size_t need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    consumed = 1;
    return 0;
  }
  std::size_t k = 1;
  for (; k <= need; ++k) {
    if (i + k >= n) break;
    const unsigned char d = s[i + k];
    const unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
    if (d < l || d > h) break;
  }
  if (k == need + 1) return need + 1;
  consumed = k;
  return 0;
}

struct Utf8Scan {
  std::uint64_t multibyte = 0;  // valid non-ASCII sequences
  InvalidBytes bad;             // see may_stop
  bool has_nul = false;
};

// `may_stop`: give up counting once the text cannot be mostly UTF-8 (not after a UTF-8 BOM,
// where every bad byte is reported).
Utf8Scan scan_utf8(std::string_view bytes, bool may_stop) {
  Utf8Scan scan;
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII fast path, 8 bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, s + i, 8);
      if (w & 0x8080808080808080ull) break;
      // A zero byte in the word: classic has-zero-byte trick.
      if ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull) scan.has_nul = true;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = s[i];
    if (c < 0x80) {
      if (c == 0) scan.has_nul = true;
      ++i;
      continue;
    }
    // Fast path for the common case, a well-formed 3-byte sequence (all of CJK).
    if ((c & 0xF0) == 0xE0 && i + 2 < n) {
      const unsigned char c1 = s[i + 1], c2 = s[i + 2];
      if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80 && (c != 0xE0 || c1 >= 0xA0) &&
          (c != 0xED || c1 < 0xA0)) {
        ++scan.multibyte;
        i += 3;
        continue;
      }
    }
    std::size_t consumed = 0;
    const std::size_t len = utf8_sequence(s, n, i, consumed);
    if (len) {
      ++scan.multibyte;
      i += len;
    } else {
      scan.bad.add(i);
      i += consumed;
      // Not UTF-8 whatever follows (each valid sequence ahead takes >= 2 bytes, so the
      // caller's "multibyte >= 10 x bad" cannot hold): stop here, GB18030 text would
      // otherwise crawl through the slow path to its end. Only NUL bytes still matter.
      if (may_stop && scan.multibyte + (n - i) / 2 < 10 * scan.bad.count) {
        if (std::memchr(s + i, 0, n - i)) scan.has_nul = true;
        break;
      }
    }
  }
  return scan;
}

std::string repair_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + 16);
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    if (s[i] < 0x80) {
      out += static_cast<char>(s[i++]);
      continue;
    }
    std::size_t consumed = 0;
    const std::size_t len = utf8_sequence(s, n, i, consumed);
    if (len) {
      out.append(bytes.data() + i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      i += consumed;
    }
  }
  return out;
}

bool starts_with(std::string_view b, std::string_view magic) {
  return b.size() >= magic.size() && b.substr(0, magic.size()) == magic;
}

const char* binary_kind(std::string_view b) {
  using namespace std::string_view_literals;
  if (starts_with(b, "PK\x03\x04"sv) || starts_with(b, "PK\x05\x06"sv))
    return "a zip archive (.docx/.xlsx?)";
  if (starts_with(b, "%PDF"sv)) return "a PDF file";
  if (starts_with(b, "\x89PNG"sv)) return "a PNG image";
  if (starts_with(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv)) return "an OLE file (.doc/.xls?)";
  if (starts_with(b, "\x1F\x8B"sv)) return "a gzip archive";
  if (starts_with(b, "\xFF\xD8\xFF"sv)) return "a JPEG image";
  if (starts_with(b, "GIF8"sv)) return "a GIF image";
  return nullptr;
}

struct ConvertContext {
  const char* base = nullptr;
  InvalidBytes bad;
};

extern "C" void record_and_substitute(const void* context, UConverterToUnicodeArgs* args,
                                      const char* code_units, int32_t length,
                                      UConverterCallbackReason reason, UErrorCode* err) {
  if (reason == UCNV_ILLEGAL || reason == UCNV_UNASSIGNED || reason == UCNV_IRREGULAR) {
    auto* ctx = static_cast<ConvertContext*>(const_cast<void*>(context));
    // `code_units` may point into the converter's own buffer; `args->source` is in ours, just
    // past the `length` bad bytes.
    const auto offset = args->source - length - ctx->base;
    ctx->bad.add(offset >= 0 ? static_cast<std::uint64_t>(offset) : 0);
  }
  UCNV_TO_U_CALLBACK_SUBSTITUTE(nullptr, args, code_units, length, reason, err);
}

// Converts with an ICU converter in 1 MiB steps (bounded memory for big files). `strict`:
// stop at the first invalid or unassigned sequence and fail with error "invalid" (used to try
// an encoding); otherwise each one becomes U+FFFD and is recorded in `bad`.
bool convert_with_icu(std::string_view bytes, const char* name, std::string& out, InvalidBytes& bad,
                      std::string& error, bool strict = false) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(name, &status), &ucnv_close);
  if (U_FAILURE(status) || !conv) {
    error = "unknown";
    return false;
  }
  ConvertContext ctx;
  // Error positions are found from the converter's position in the buffer we hand it.
  ctx.base = bytes.data();
  if (strict)
    ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  else
    ucnv_setToUCallBack(conv.get(), record_and_substitute, &ctx, nullptr, nullptr, &status);
  out.clear();
  out.reserve(bytes.size() + bytes.size() / 2);
  constexpr std::size_t kStep = 1u << 20;
  // At most one UTF-16 unit per input byte; sized to the input so small files stay cheap.
  std::vector<UChar> buf(std::min(kStep, bytes.size()) + 64);
  std::string chunk;
  const char* src = bytes.data();
  const char* const end = bytes.data() + bytes.size();
  UChar pending_high = 0;  // a lead surrogate left at the end of the previous chunk
  while (true) {
    const char* limit = std::min(end, src + kStep);
    const bool flush = limit == end;
    UChar* target = buf.data();
    if (pending_high) *target++ = pending_high;
    pending_high = 0;
    status = U_ZERO_ERROR;
    ucnv_toUnicode(conv.get(), &target, buf.data() + buf.size(), &src, limit, nullptr, flush,
                   &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) status = U_ZERO_ERROR;  // continue with the rest
    if (U_FAILURE(status)) {
      error = strict && (status == U_ILLEGAL_CHAR_FOUND || status == U_INVALID_CHAR_FOUND ||
                         status == U_TRUNCATED_CHAR_FOUND)
                  ? "invalid"
                  : u_errorName(status);
      return false;
    }
    auto units = static_cast<int32_t>(target - buf.data());
    if (!flush && units > 0 && U16_IS_LEAD(buf[static_cast<std::size_t>(units - 1)])) {
      pending_high = buf[static_cast<std::size_t>(--units)];
    }
    int32_t needed = 0;
    status = U_ZERO_ERROR;
    chunk.resize(static_cast<std::size_t>(units) * 3 + 4);
    u_strToUTF8WithSub(chunk.data(), static_cast<int32_t>(chunk.size()), &needed, buf.data(), units,
                       0xFFFD, nullptr, &status);
    if (U_FAILURE(status)) {
      error = u_errorName(status);
      return false;
    }
    out.append(chunk.data(), static_cast<std::size_t>(needed));
    if (flush && src >= end) break;
  }
  bad = ctx.bad;
  return true;
}

// Characters that make up a large share of any Chinese government report, in both scripts.
// Text decoded with the wrong converter is mojibake: rare characters in random order, so
// the share of these drops from ~40% to a few percent.
constexpr std::string_view kCommonHan =
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"
    "下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加"
    "量都两体制机当使点从业本去把性好应开合还因由其些然前外天政四日那社义事平形相全表间样与关"
    "各重新线内数正心反明看原又么利比或但质气第向道命此变条只没结解问意建月公无系很情者最立代"
    "想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图统接"
    "知较将组见计别角期根论运农指几九区强放决西被做必先回则任取据处府研确万调住治依规范执监督"
    "审查务服市县省级委领导责深推全面落实习思想新时代加快完善健全开展推进机制体系"
    "們來這說為國會時對發經產動過學種還進與關開現實當從點應機長業將體區務設於報議執導領規範"
    "審查監督責縣級務認識決積極構優質營環境堅持貫徹習總書記黨維護";

// Bit set over the CJK Unified Ideographs block U+4E00..U+9FFF (2.6 KB): one lookup per Han
// character, since measure() runs over every decoded file.
constexpr char32_t kHanFirst = 0x4E00, kHanLast = 0x9FFF;
using HanBits = std::array<std::uint64_t, (kHanLast - kHanFirst + 64) / 64>;

const HanBits& common_han_bits() {
  static const HanBits bits = [] {
    HanBits b{};
    for (std::size_t i = 0; i < kCommonHan.size();) {
      char32_t c = 0;
      i += decode_utf8(kCommonHan, i, c);
      if (c >= kHanFirst && c <= kHanLast)
        b[(c - kHanFirst) / 64] |= std::uint64_t{1} << ((c - kHanFirst) % 64);
    }
    return b;
  }();
  return bits;
}

struct Plausibility {
  std::uint64_t chars = 0, replacement = 0, han = 0, common = 0;
};

Plausibility measure(std::string_view utf8) {
  const HanBits& common = common_han_bits();
  Plausibility p;
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t cp = 0;
    i += decode_utf8(utf8, i, cp);
    ++p.chars;
    if (cp == 0xFFFD)
      ++p.replacement;
    else if (cp >= kHanFirst && cp <= kHanLast) {
      ++p.han;
      p.common += (common[(cp - kHanFirst) / 64] >> ((cp - kHanFirst) % 64)) & 1;
    }
  }
  return p;
}

// Empty when the decoded text looks like real Chinese text; else why it does not.
std::string implausible(const Plausibility& p) {
  if (p.chars >= 20 && p.replacement * 20 > p.chars)
    return fmt::format("{} of {} characters could not be decoded", p.replacement, p.chars);
  if (p.han >= 100 && p.common * 8 < p.han)
    return fmt::format("the decoded text is not plausible Chinese (only {}% common characters)",
                       p.common * 100 / p.han);
  return {};
}

// A strict conversion is trusted only with at least this many Han characters: a few bytes of
// GB2312 are often valid Big5 too (and the other way round), and implausible() judges the
// share of common characters only from 100 Han characters on. Shorter texts go to ICU's
// detector, which is cheap on them.
constexpr std::uint64_t kStrictMinHan = 100;

// A clean decode whose common-character share is at least 1 in 4 is taken without trying the
// other encoding: real reports have 65-72 % (corpus), Big5 read as GB18030 about 8 %.
bool clearly_chinese(const Plausibility& p) {
  return p.common * 4 >= p.han;
}

struct StrictTry {
  bool clean = false;  // decoded without a single invalid sequence, enough Han, plausible
  std::string utf8;
  Plausibility p;
};

StrictTry try_strict(std::string_view body, const char* name) {
  StrictTry t;
  InvalidBytes unused;
  std::string error;
  if (!convert_with_icu(body, name, t.utf8, unused, error, /*strict=*/true)) return t;
  t.p = measure(t.utf8);
  t.clean = t.p.han >= kStrictMinHan && implausible(t.p).empty();
  if (!t.clean) std::string().swap(t.utf8);  // do not hold two copies of a large file
  return t;
}

// Common-character share comparison a/b > c/d without division.
bool higher_share(const Plausibility& a, const Plausibility& b) {
  return a.common * b.han > b.common * a.han;
}

bool only_whitespace(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t cp = 0;
    i += decode_utf8(utf8, i, cp);
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
        cp == 0x3000 || cp == 0xFEFF || cp == 0xA0 || cp == 0x200B)
      continue;
    return false;
  }
  return true;
}

// What the phases of decode_bytes hand on: the bytes after any byte order mark and the ICU
// converter chosen so far (empty: UTF-8, or not decided yet).
struct DecodePlan {
  std::string_view body;
  std::string converter;
  bool forced_used = false;  // the converter is --encoding's
};

// Decision 1 (see the top of this file): refuse what cannot be a report's text before decoding
// anything (size, binary magic).
bool refuse_unreadable(std::string_view bytes, const std::string& path,
                       std::vector<Diagnostic>& diagnostics) {
  if (bytes.size() > limits::kMaxReportBytes) {
    diagnostics.push_back(
        make_error(path, "too-large",
                   fmt::format("file is {} bytes; reports larger than {} MiB are refused",
                               bytes.size(), limits::kMaxReportBytes >> 20)));
    return true;
  }
  if (const char* kind = binary_kind(bytes)) {
    diagnostics.push_back(
        make_error(path, "binary",
                   fmt::format("this is {}, not a text file; export the report as text", kind)));
    return true;
  }
  return false;
}

// Decision 2: a byte order mark is proof of the encoding; it is dropped from the body.
DecodePlan plan_from_bom(std::string_view bytes, Decoded& out) {
  using namespace std::string_view_literals;
  DecodePlan plan;
  plan.body = bytes;
  if (starts_with(bytes, "\xEF\xBB\xBF"sv)) {
    out.encoding = "UTF-8 (BOM)";
    plan.body = bytes.substr(3);
  } else if (starts_with(bytes, "\xFF\xFE\x00\x00"sv)) {
    out.encoding = plan.converter = "UTF-32LE";
    plan.body = bytes.substr(4);
  } else if (starts_with(bytes, "\x00\x00\xFE\xFF"sv)) {
    out.encoding = plan.converter = "UTF-32BE";
    plan.body = bytes.substr(4);
  } else if (starts_with(bytes, "\xFF\xFE"sv)) {
    out.encoding = plan.converter = "UTF-16LE";
    plan.body = bytes.substr(2);
  } else if (starts_with(bytes, "\xFE\xFF"sv)) {
    out.encoding = plan.converter = "UTF-16BE";
    plan.body = bytes.substr(2);
  }
  return plan;
}

// Decision 3: --encoding decides when there is no BOM; with one it is ignored, but it must still
// name an encoding ICU knows.
bool apply_forced_encoding(const std::string& forced, const std::string& path, DecodePlan& plan,
                           Decoded& out, std::vector<Diagnostic>& diagnostics) {
  if (forced.empty()) return true;
  if (plan.converter.empty() && out.encoding.empty()) {
    plan.converter = forced;
    out.encoding = forced;
    plan.forced_used = true;
    return true;
  }
  UErrorCode st = U_ZERO_ERROR;
  UConverter* probe = ucnv_open(forced.c_str(), &st);
  if (U_FAILURE(st) || !probe) {
    diagnostics.push_back(make_error(path, "unknown-encoding",
                                     fmt::format("'{}' is not an encoding ICU knows", forced)));
    return false;
  }
  ucnv_close(probe);
  return true;
}

// Decisions 4-6, without a converter yet: UTF-8 (kept as is, or repaired when only a few bytes are
// bad), else the strict GB18030 and Big5 conversions. Leaves out.encoding empty when none fits;
// false only for NUL bytes (binary).
bool decode_unlabelled(std::string_view body, Decoded& out, InvalidBytes& bad,
                       const std::string& path, std::vector<Diagnostic>& diagnostics) {
  const Utf8Scan scan = scan_utf8(body, /*may_stop=*/out.encoding.empty());
  if (scan.has_nul) {
    diagnostics.push_back(make_error(
        path, "binary",
        "file contains NUL bytes and no UTF-16/UTF-32 byte order mark; not a text file"));
    return false;
  }
  if (scan.bad.count == 0) {
    if (out.encoding.empty()) out.encoding = "UTF-8";
    out.utf8.assign(body.data(), body.size());
  } else if (!out.encoding.empty() || scan.multibyte >= 10 * scan.bad.count) {
    // Mostly UTF-8: a truncated file or a stray byte. Keep it and say where.
    if (out.encoding.empty()) out.encoding = "UTF-8";
    out.utf8 = repair_utf8(body);
    bad = scan.bad;
    if (out.encoding == "UTF-8 (BOM)")
      for (auto& o : bad.offsets) o += 3;
  } else {
    StrictTry gb = try_strict(body, "GB18030");
    StrictTry big5;
    if (!(gb.clean && clearly_chinese(gb.p))) big5 = try_strict(body, "Big5");
    if (gb.clean && (!big5.clean || !higher_share(big5.p, gb.p))) {
      out.encoding = "GB18030";
      out.utf8 = std::move(gb.utf8);
    } else if (big5.clean) {
      out.encoding = "Big5";
      out.utf8 = std::move(big5.utf8);
    }
  }
  return true;
}

// Decision 7: ICU's charset detector, among the legacy Chinese encodings only; refuses below
// limits::kMinEncodingConfidence.
bool detect_legacy_encoding(DecodePlan& plan, Decoded& out, const std::string& path,
                            std::vector<Diagnostic>& diagnostics) {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&st), &ucsdet_close);
  // The detector only looks at a prefix; 64 KiB is plenty for a statistical guess.
  const auto sample = static_cast<int32_t>(std::min<std::size_t>(plan.body.size(), 64u << 10));
  ucsdet_setText(det.get(), plan.body.data(), sample, &st);
  int32_t found = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &found, &st);
  std::string best;
  int32_t best_conf = -1;
  for (int32_t k = 0; U_SUCCESS(st) && k < found; ++k) {
    const std::string name = ucsdet_getName(matches[k], &st);
    const int32_t conf = ucsdet_getConfidence(matches[k], &st);
    if ((name == "GB18030" || name == "Big5") && conf > best_conf) {
      best = name;
      best_conf = conf;
    }
  }
  if (best.empty() || best_conf < limits::kMinEncodingConfidence) {
    diagnostics.push_back(make_error(
        path, "encoding-unknown",
        best.empty()
            ? std::string("not UTF-8, and neither GB18030 nor Big5 fits; give --encoding NAME")
            : fmt::format("not UTF-8; best guess {} at confidence {} is below {}; give "
                          "--encoding NAME",
                          best, best_conf, limits::kMinEncodingConfidence)));
    return false;
  }
  plan.converter = best;
  out.encoding = best;
  return true;
}

// With the converter chosen (BOM, --encoding or the detector): convert (byte offsets of bad bytes
// count from the file's start, BOM included) and refuse text that is not plausibly Chinese.
bool convert_planned(std::string_view bytes, const DecodePlan& plan, Decoded& out,
                     InvalidBytes& bad, const std::string& path,
                     std::vector<Diagnostic>& diagnostics) {
  std::string error;
  if (!convert_with_icu(plan.body, plan.converter.c_str(), out.utf8, bad, error)) {
    if (error == "unknown")
      diagnostics.push_back(
          make_error(path, "unknown-encoding",
                     fmt::format("'{}' is not an encoding ICU knows", plan.converter)));
    else
      diagnostics.push_back(make_error(
          path, "decode-failed", fmt::format("cannot decode as {}: {}", plan.converter, error)));
    return false;
  }
  const std::size_t bom = static_cast<std::size_t>(plan.body.data() - bytes.data());
  for (auto& o : bad.offsets) o += bom;
  if (plan.forced_used || !out.utf8.empty()) {
    const std::string why = implausible(measure(out.utf8));
    if (!why.empty()) {
      diagnostics.push_back(make_error(
          path, "wrong-encoding",
          plan.forced_used
              ? fmt::format("--encoding {} does not fit this file: {}", plan.converter, why)
              : fmt::format("decoded as {} but {}; give --encoding NAME", plan.converter, why)));
      return false;
    }
  }
  return true;
}

// Last: refuse a text of whitespace only; report replaced bytes once.
bool accept_decoded(const Decoded& out, const InvalidBytes& bad, const std::string& path,
                    std::vector<Diagnostic>& diagnostics) {
  if (only_whitespace(out.utf8)) {
    diagnostics.push_back(make_error(path, "empty", "file is empty or holds only whitespace"));
    return false;
  }
  if (bad.count > 0) {
    diagnostics.push_back(make_warning(
        path, "invalid-bytes",
        fmt::format("{} invalid {} sequence{} replaced with U+FFFD at byte offset{} {}", bad.count,
                    out.encoding, bad.count == 1 ? "" : "s", bad.count == 1 ? "" : "s",
                    describe_offsets(bad))));
  }
  return true;
}

}  // namespace

bool decode_bytes(std::string_view bytes, const std::string& path, const std::string& forced,
                  Decoded& out, std::vector<Diagnostic>& diagnostics) {
  if (refuse_unreadable(bytes, path, diagnostics)) return false;
  DecodePlan plan = plan_from_bom(bytes, out);
  if (!apply_forced_encoding(forced, path, plan, out, diagnostics)) return false;
  InvalidBytes bad;
  if (plan.converter.empty()) {
    if (!decode_unlabelled(plan.body, out, bad, path, diagnostics)) return false;
    if (out.encoding.empty() && !detect_legacy_encoding(plan, out, path, diagnostics)) return false;
  }
  if (!plan.converter.empty() && !convert_planned(bytes, plan, out, bad, path, diagnostics))
    return false;
  return accept_decoded(out, bad, path, diagnostics);
}

}  // namespace indicheck::detail

namespace indicheck {

bool convert_strict(std::string_view bytes, const char* encoding, std::string& utf8) {
  detail::InvalidBytes unused;
  std::string error;
  return detail::convert_with_icu(bytes, encoding, utf8, unused, error, /*strict=*/true);
}

}  // namespace indicheck
