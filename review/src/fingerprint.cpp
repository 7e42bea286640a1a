// Fingerprints a decision is tied to, and the verdict vocabulary of the review sheet.
#include <fmt/format.h>

#include <cstdint>

#include "indicheck/review.h"

namespace indicheck {

namespace {

struct Fnv64 {
  std::uint64_t h = 1469598103934665603ull;
  void add(std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    // A separator byte no UTF-8 text holds, so ("ab","c") and ("a","bc") differ.
    h ^= 0xFF;
    h *= 1099511628211ull;
  }
  std::string hex() const { return fmt::format("fnv64:{:016x}", h); }
};

}  // namespace

std::string content_hash(std::string_view text) {
  Fnv64 f;
  f.add(text);
  return f.hex();
}

std::string item_rule_hash(const RuleNode& node) {
  Fnv64 f;
  f.add(node.id);
  f.add(node.title);
  for (const auto& l : node.levels) f.add(l);
  if (node.check) {
    const Check& c = *node.check;
    for (const auto& s : c.selections) {
      f.add(s.name);
      for (const auto& t : s.terms) f.add(t);
      for (const auto& r : s.regexes) f.add("/" + r);
    }
    f.add(c.condition_text);
    f.add(std::to_string(static_cast<int>(c.window)));
    for (const auto& e : c.exclude) f.add("-" + e);
    for (const auto& m : c.metrics)
      f.add(fmt::format("{}|{}|{}|{}", m.name, m.pattern, static_cast<int>(m.comparison),
                        m.threshold));
    for (Role r : c.roles) f.add(std::to_string(static_cast<int>(r)));
  }
  return f.hex();
}

std::optional<ItemState> review_state_from_text(std::string_view t) {
  if (t == "已落实" || t == "达标" || t == "符合" || t == "met") return ItemState::kMet;
  if (t == "部分落实" || t == "部分达标" || t == "partial") return ItemState::kPartial;
  if (t == "未见证据" || t == "缺失" || t == "未落实" || t == "missing") return ItemState::kMissing;
  if (t == "不适用" || t == "not-applicable") return ItemState::kNotApplicable;
  return std::nullopt;
}

std::string_view review_state_label(ItemState state) {
  switch (state) {
    case ItemState::kMet:
      return "已落实";
    case ItemState::kPartial:
      return "部分落实";
    case ItemState::kAcknowledged:
      return "自认不足";
    case ItemState::kPlanned:
      return "仅列入计划";
    case ItemState::kMissing:
      return "未见证据";
    case ItemState::kNotApplicable:
      return "不适用";
    case ItemState::kWaived:
      return "豁免";
  }
  return "";
}

std::vector<std::string> review_sheet_header() {
  using C = ReviewColumns;
  std::vector<std::string_view> cols{
      C::kUnit,     C::kYear,     C::kReportFile, C::kReportHash,   C::kFramework, C::kItem,
      C::kTitle,    C::kRequired, C::kPoints,     C::kMachineState, C::kReason,    C::kQuote,
      C::kRuleHash, C::kVerdict,  C::kNote,       C::kReviewer,     C::kDate};
  return {cols.begin(), cols.end()};
}

}  // namespace indicheck
