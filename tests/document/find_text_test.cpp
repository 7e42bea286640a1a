// find_text (engine/document/src/internal.h), the substring search of the document stage's
// heading, part and furniture tests: it must answer exactly as string_view::find does.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "internal.h"

using indicheck::detail::contains;
using indicheck::detail::find_text;

namespace {
constexpr auto npos = std::string_view::npos;
}

TEST_CASE("find_text: hand cases", "[find_text]") {
  const std::string_view s = "存在的问题和不足。下一步工作计划";  // 3 bytes a character
  CHECK(find_text(s, "存在") == 0);
  CHECK(find_text(s, "不足") == 18);
  CHECK(find_text(s, "计划") == s.size() - 6);  // at the very end
  CHECK(find_text(s, "下一步工作计划") == 27);
  CHECK(find_text(s, "计划书") == npos);    // runs past the end
  CHECK(find_text(s, "问题", 10) == npos);  // from is past the only hit
  CHECK(find_text(s, "问题", 9) == 9);      // from is the hit itself
  CHECK(find_text(s, "", 5) == 5);
  CHECK(find_text(s, "", s.size()) == s.size());
  CHECK(find_text(s, "", s.size() + 1) == npos);
  CHECK(find_text(s, "存在", npos) == npos);
  CHECK(find_text("", "存在") == npos);
  CHECK(find_text("ab", "abc") == npos);
  // The last byte repeats before the first full match (both 在 and 存 end in 0xA8).
  CHECK(find_text("在在存在", "存在") == 6);
  CHECK(find_text("aab", "ab") == 1);
  CHECK(find_text("a", "a") == 0);
  CHECK(contains(s, "。"));
  CHECK_FALSE(contains(s, "。。"));
}

TEST_CASE("find_text agrees with string_view::find at every offset", "[find_text]") {
  const std::string text =
      "一年来，我局法治政府建设取得了一定成效，但也清醒地认识到，仍存在一些差距和不足：一是"
      "依法行政能力有待提高；二是执法规范化水平仍需提升。2024年，我局将继续推进法治政府建设。"
      "abc abc ab a,,,。。";
  const std::string_view s = text;
  for (std::string_view needle : {"法治政府建设", "我局", "差距", "，", "。", "a", "ab", "abc",
                                  "。。", "2024年", "将继续", "不存在的词", ",,", "建设。"}) {
    for (std::size_t from = 0; from <= s.size() + 1; ++from) {
      INFO("needle " << needle << " from " << from);
      CHECK(find_text(s, needle, from) == s.find(needle, from));
    }
  }
}
