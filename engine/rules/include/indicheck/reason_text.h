// Verdicts in words: a Reason (codes + arguments, indicheck/matcher.h) and the labels of states,
// roles, levels and windows, rendered through the message catalogue (indicheck/messages.h) in
// zh-CN or English. Reports, evidence.csv and the CLI all word verdicts here, so they agree.
#pragma once

#include <string>
#include <string_view>

#include "indicheck/matcher.h"
#include "indicheck/messages.h"
#include "indicheck/rules.h"

namespace indicheck {

std::string_view state_label(ItemState state, Lang lang);  // "已落实" / "met"
std::string_view role_label(Role role, Lang lang);  // "下一年度安排" / "plans for next year"
std::string_view window_label(Window window, Lang lang);  // "同一段" / "one paragraph"
// "区" for "district"; an unknown level is shown as it is.
std::string level_label(std::string_view level, Lang lang);

// What a check looks for, in words: each selection by its first term (“重大行政决策目录”等), a
// regex by its literal parts (“下放…行政处罚”), joined by 和/或/不含/至少N项 — never the
// condition's selection names (`a or b`).
std::string condition_words(const Check& check, Lang lang);
// The literal parts of a regex, gaps as "…": "(下放|赋予)[^。]{0,20}(处罚|执法)" → "下放…处罚".
std::string regex_words(std::string_view pattern);

// Why `leaf` got its state, one sentence: 未找到“重大行政决策目录”等相关表述;
// 仅在“下一年度安排”部分提及“…”（第43行），属计划而非成效.
std::string reason_text(const Reason& reason, const RuleNode& leaf, Lang lang);

}  // namespace indicheck
