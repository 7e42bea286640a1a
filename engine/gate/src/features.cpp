// Features of the evidence gate. Must agree exactly with tools/gate/features.py, which computes
// them for training (tests/gate checks the two on fixtures): character 1-3-grams of the
// sentence without spaces, hashed by 32-bit FNV-1a over their UTF-8 bytes into 2^18 buckets,
// then binary cues at 2^18 + k in the order of kDenseNames.
#include <algorithm>
#include <array>
#include <string>

#include "gate_features.h"
#include "indicheck/utf8.h"

namespace indicheck::gate_detail {

namespace {

std::u32string decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size() / 2);
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    char32_t cp;
    std::size_t len;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if (c < 0xE0) {
      cp = c & 0x1F;
      len = 2;
    } else if (c < 0xF0) {
      cp = c & 0x0F;
      len = 3;
    } else {
      cp = c & 0x07;
      len = 4;
    }
    if (i + len > s.size()) break;  // input is valid UTF-8 (normalized text); stop if not
    for (std::size_t k = 1; k < len; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    if (cp == U' ' || cp == U'\n') continue;
    out.push_back(cp);
  }
  return out;
}

std::uint32_t fnv1a(std::string_view bytes) {
  std::uint32_t h = 0x811C9DC5u;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x01000193u;
  }
  return h;
}

bool ascii_digit(char32_t c) {
  return c >= U'0' && c <= U'9';
}
bool cn_digit(char32_t c) {
  return std::u32string_view(U"一二三四五六七八九十").find(c) != std::u32string_view::npos;
}

bool contains(std::u32string_view s, std::u32string_view w) {
  return s.find(w) != std::u32string_view::npos;
}
bool contains_any(std::u32string_view s, std::initializer_list<std::u32string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](auto w) { return contains(s, w); });
}
bool starts_any(std::u32string_view s, std::initializer_list<std::u32string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](auto w) { return s.substr(0, w.size()) == w; });
}

bool starts_with_marker(std::u32string_view s) {
  const std::size_t n = s.size();
  if (n > 0 && s[0] == U'(') {
    std::size_t k = 1;
    while (k < n && (cn_digit(s[k]) || ascii_digit(s[k]))) ++k;
    return k > 1 && k < n && s[k] == U')';
  }
  std::size_t k = 0;
  while (k < n && cn_digit(s[k])) ++k;
  if (k > 0) return k < n && (s[k] == U'、' || s[k] == U'是');
  while (k < n && ascii_digit(s[k])) ++k;
  return k > 0 && k <= 2 && k < n && (s[k] == U'、' || s[k] == U'.');
}

std::array<bool, kDenseCount> dense(std::u32string_view s) {
  bool digit = false;
  int numbers = 0;
  bool prev = false;
  for (char32_t c : s) {
    const bool d = ascii_digit(c);
    digit = digit || d;
    if (d && !prev) ++numbers;
    prev = d;
  }
  bool issued_named = false;
  for (std::u32string_view v :
       {U"印发", U"出台", U"制定", U"修订", U"编制", U"发布", U"起草", U"制发", U"修改", U"颁布"}) {
    for (std::size_t at = s.find(v); at != std::u32string_view::npos; at = s.find(v, at + 1)) {
      const std::size_t from = std::min(s.size(), at + v.size());
      if (s.substr(from, 12).find(U'《') != std::u32string_view::npos) issued_named = true;
    }
  }
  bool year = false;
  for (std::size_t i = 0; i + 4 < s.size(); ++i)
    if (ascii_digit(s[i]) && ascii_digit(s[i + 1]) && ascii_digit(s[i + 2]) &&
        ascii_digit(s[i + 3]) && s[i + 4] == U'年')
      year = true;
  const bool terminal =
      !s.empty() && (s.back() == U'。' || s.back() == U';' || s.back() == U'!' || s.back() == U'?');
  return {
      digit,
      contains(s, U"%") || contains(s, U"率"),
      numbers >= 2,
      issued_named,
      contains_any(s, {U"完成", U"召开", U"举办", U"组织", U"开展了", U"印发", U"出台", U"制定",
                       U"建立", U"成立", U"办理", U"受理", U"审结",   U"查处", U"办结", U"聘请",
                       U"培训", U"考试", U"评查", U"发布", U"上线",   U"建成", U"实现", U"签订",
                       U"通过", U"新增", U"累计", U"共计", U"全年",   U"先后", U"共有", U"达到"}),
      contains_any(s, {U"将", U"拟", U"逐步", U"探索", U"计划", U"争取", U"力争", U"下一步",
                       U"继续", U"持续", U"要"}),
      starts_any(s, {U"坚持",   U"落实", U"积极", U"切实", U"全面", U"深入", U"不断",
                     U"进一步", U"认真", U"严格", U"着力", U"努力", U"大力", U"加强",
                     U"强化",   U"推进", U"推动", U"持续", U"始终", U"注重"}),
      starts_with_marker(s),
      !terminal,
      contains_any(s, {U"法院", U"检察院", U"检察机关", U"省委", U"中央", U"国务院", U"上级"}),
      contains_any(s, {U"不足", U"问题", U"短板", U"差距", U"薄弱", U"有待"}),
      s.size() < 20,
      s.size() > 80,
      year,
      contains_any(
          s, {U"我局", U"本局", U"我区", U"我委", U"我市", U"我县", U"我办", U"局党组", U"本单位"}),
  };
}

}  // namespace

std::vector<std::uint32_t> sentence_features(std::string_view sentence) {
  const std::u32string s = decode(sentence);
  std::vector<std::uint32_t> out;
  out.reserve(3 * s.size() + kDenseCount);
  std::string gram;
  for (std::size_t n = 1; n <= 3; ++n) {
    for (std::size_t i = 0; i + n <= s.size(); ++i) {
      gram.clear();
      for (std::size_t k = 0; k < n; ++k) append_utf8(gram, s[i + k]);
      out.push_back(fnv1a(gram) & (kHashBuckets - 1));
    }
  }
  const auto cues = dense(s);
  for (std::uint32_t k = 0; k < kDenseCount; ++k)
    if (cues[k]) out.push_back(kHashBuckets + k);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace indicheck::gate_detail
