// Documents named, not issued (issue 11 §3, "mentioned, not done"): a term inside 《…》 that
// the clause only studies or follows (学习《行政复议法》, 贯彻落实《优化营商环境条例》) is the
// topic of the sentence, not evidence of the unit's own work under the term's section.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace indicheck::rules_internal {

// Byte ranges [begin, end) of `text` (normalized: clause marks , ; : ! ? as ASCII, 。 kept)
// lying inside a 《…》 title that its clause names only as a topic: the text of the clause
// before the title (outside other titles) holds a verb of studying or following (学习, 宣传,
// 贯彻, 落实, 执行, 按照, 根据, 结合 …) and no verb of issuing or making (印发, 制定, 修订,
// 出台, 起草, 审议, 报送, 建立 …). In text order; `out` is cleared first.
void mentioned_titles(std::string_view text,
                      std::vector<std::pair<std::uint32_t, std::uint32_t>>& out);

// Appends to `out` (kept in text order) the byte ranges of `text` that are a meeting's agenda:
// the list after 研究 / 部署 / 听取 up to its closing 等 and an agenda noun (研究部署规范性文件
// 监督管理、政府法律顾问、行政复议及应诉等工作), or up to the 汇报 heard (听取法律顾问工作、
// 行政败诉案件情况汇报). Each item is a topic the meeting took up, not the unit's work under
// the item's section; a leaf that counts topics (`titles: evidence`) still counts it. A clause
// that reviews or names a document (审议, 《…》) holds no agenda.
void meeting_agendas(std::string_view text,
                     std::vector<std::pair<std::uint32_t, std::uint32_t>>& out);

// Whether [begin, end) lies inside one of `titles` (the ranges of mentioned_titles and
// meeting_agendas, in text order, none inside another).
inline bool inside_title(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& titles,
                         std::uint64_t begin, std::uint64_t end) {
  auto it = std::upper_bound(titles.begin(), titles.end(), begin,
                             [](std::uint64_t at, const auto& t) { return at < t.first; });
  if (it == titles.begin()) return false;
  --it;
  return begin >= it->first && end <= it->second;
}

}  // namespace indicheck::rules_internal
