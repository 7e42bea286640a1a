// Review decisions (人工复核): an auditor's verdicts that overturn or confirm the machine's state
// of an item for one unit-year, read from the sheet `indicheck review init` writes (CSV as
// Excel or WPS save it: UTF-8, UTF-8 with BOM or GBK) or from YAML.
//
// Layering: between scoring and run. This library reads and checks review files and computes
// the fingerprints a decision is tied to (report content, item rule); run/ matches decisions
// to reports and applies them before scoring (run/include/indicheck/evaluation.h ReviewMark),
// reports/ shows them. It knows nothing about how reports are read or rendered.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indicheck/diagnostic.h"
#include "indicheck/matcher.h"
#include "indicheck/rules.h"

namespace indicheck {

// One row of a review file with a verdict (rows with an empty 复核结论 are not decisions).
struct ReviewDecision {
  std::string unit;       // 单位, as the report names it (Metadata::unit)
  int year = 0;           // 年度 reported on
  std::string framework;  // 框架 id; empty = any framework of the report holding the item
  std::string item;       // 指标编号 (a leaf id)
  ItemState state = ItemState::kMet;  // 复核结论: met, partial, missing or not-applicable
  std::string note;                   // 说明
  std::string reviewer;               // 复核人
  std::string date;                   // 日期, as written
  std::string report_hash;  // 报告指纹 when the sheet was made; empty = not tied to a text
  std::string rule_hash;    // 规则指纹 when the sheet was made; empty = not tied to a rule
  SourceLocation location;  // file and line of the row (column 0)
};

struct ReviewFile {
  std::string path;
  std::vector<ReviewDecision> decisions;  // file order
};

// Reads a review file by its extension: .csv (UTF-8, UTF-8 BOM or GBK/GB18030, comma or tab
// separated, RFC 4180 quotes), .yaml/.yml. nullopt with errors naming the file and line:
// not-found, unreadable, review-format (unknown extension), review-header (a required column
// missing), review-state (a verdict that is not one of the four), review-year, yaml,
// review-duplicate (two verdicts on the same unit, year and item).
std::optional<ReviewFile> read_review_file(const std::string& path,
                                           std::vector<Diagnostic>& diagnostics);
// The same from text already in memory (tests); `path` names it and picks the format.
std::optional<ReviewFile> read_review_text(std::string_view bytes, const std::string& path,
                                           std::vector<Diagnostic>& diagnostics);

// A verdict as an auditor writes it: 已落实/达标/met, 部分落实/partial, 未见证据/缺失/missing,
// 不适用/not-applicable. nullopt for anything else.
std::optional<ItemState> review_state_from_text(std::string_view text);
// The label the review sheet uses for each verdict (已落实, 部分落实, 未见证据, 不适用, …).
std::string_view review_state_label(ItemState state);

// Fingerprint of a report's text (the decoded original, so a re-save in another encoding or
// format with the same words keeps it): "fnv64:" + 16 hex digits. Not cryptographic: it
// notices edits, it does not resist forgery.
std::string content_hash(std::string_view text);
// Fingerprint of one item's rule: its title, check (selections, condition, window, exclude,
// metrics, roles) and levels. A change to any of them makes decisions on it stale.
std::string item_rule_hash(const RuleNode& node);

// The header of the review sheet, in column order. review init writes it; the reader finds
// columns by these names, in any order (extra columns are ignored).
struct ReviewColumns {
  static constexpr std::string_view kUnit = "单位";
  static constexpr std::string_view kYear = "年度";
  static constexpr std::string_view kReportFile = "报告文件";
  static constexpr std::string_view kReportHash = "报告指纹";
  static constexpr std::string_view kFramework = "框架";
  static constexpr std::string_view kItem = "指标编号";
  static constexpr std::string_view kTitle = "指标名称";
  static constexpr std::string_view kRequired = "必选";
  static constexpr std::string_view kPoints = "分值";
  static constexpr std::string_view kMachineState = "机器判定";
  static constexpr std::string_view kReason = "判定依据";
  static constexpr std::string_view kQuote = "最佳引文或接近的句子";
  static constexpr std::string_view kRuleHash = "规则指纹";
  static constexpr std::string_view kVerdict = "复核结论";
  static constexpr std::string_view kNote = "说明";
  static constexpr std::string_view kReviewer = "复核人";
  static constexpr std::string_view kDate = "日期";
};
std::vector<std::string> review_sheet_header();

}  // namespace indicheck
