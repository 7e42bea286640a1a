#include "indicheck/messages.h"

#include <array>
#include <cstdlib>
#include <utility>

namespace indicheck {

namespace {

struct Entry {
  Msg id;
  std::string_view zh;
  std::string_view en;
};

// One row per Msg, in enum order (checked at compile time below).
constexpr Entry kCatalogue[] = {
    {Msg::kStateMet, "已落实", "met"},
    {Msg::kStatePartial, "部分落实", "partly met"},
    {Msg::kStateAcknowledged, "自认不足", "admitted as a shortcoming"},
    {Msg::kStatePlanned, "仅列入计划", "only planned"},
    {Msg::kStateMissing, "未见证据", "no evidence"},
    {Msg::kStateNotApplicable, "不适用", "not applicable"},
    {Msg::kStateWaived, "豁免", "waived"},
    {Msg::kRoleTitle, "标题", "title"},
    {Msg::kRolePreamble, "导语", "preamble"},
    {Msg::kRoleAchievements, "主要举措和成效", "measures and results"},
    {Msg::kRoleLeadership, "第一责任人履职", "leaders' duties"},
    {Msg::kRoleShortcomings, "存在的不足", "shortcomings"},
    {Msg::kRolePlans, "下一年度安排", "plans for next year"},
    {Msg::kRoleOther, "其他情况", "other matters"},
    {Msg::kRoleSignature, "落款", "signature"},
    {Msg::kRoleBoilerplate, "网页杂项", "web page furniture"},
    {Msg::kLevelDistrict, "区", "district"},
    {Msg::kLevelCounty, "县", "county"},
    {Msg::kLevelCountyCity, "县级市", "county-level city"},
    {Msg::kLevelCity, "市", "city"},
    {Msg::kLevelProvince, "省", "province"},
    {Msg::kLevelDepartment, "部门", "department"},
    {Msg::kLevelZone, "开发区/园区", "development zone"},
    {Msg::kWindowSentence, "同一句", "one sentence"},
    {Msg::kWindowParagraph, "同一段", "one paragraph"},
    {Msg::kWindowSection, "同一部分", "one section"},
    {Msg::kReasonNoCheck, "该项没有检查规则", "the item has no check"},
    {Msg::kReasonNoTerms, "未找到{}相关表述", "no mention of {} found"},
    {Msg::kReasonLevelFramework, "本纲要不适用于{}级单位", "the framework does not apply to a {}"},
    {Msg::kReasonLevelNode, "第{}项不适用于{}级单位", "item {} does not apply to a {}"},
    {Msg::kReasonOutsideCredit, "仅在“{1}”部分提及{0}（第{2}行），不计为落实",
     "{0} mentioned only in the “{1}” part (line {2}), which earns no credit"},
    {Msg::kReasonNotTogether, "提到了部分关键词，但未在{1}中同时提及{0}",
     "some terms found, but {0} not mentioned together in {1}"},
    {Msg::kReasonMet, "在“{1}”部分提及{0}（第{2}行）",
     "{0} mentioned in the “{1}” part (line {2})"},
    {Msg::kReasonMetMetric, "{}为{}", "{} is {}"},
    {Msg::kReasonPartialMissing, "在“{1}”部分提及{0}（第{2}行），但未写明{3}",
     "{0} mentioned in the “{1}” part (line {2}), but {3} is not stated"},
    {Msg::kReasonPartialBelow, "在“{1}”部分提及{0}（第{2}行），但{3}为{4}，要求{5}{6}",
     "{0} mentioned in the “{1}” part (line {2}), but {3} is {4}; required: {5} {6}"},
    {Msg::kCmpAtLeast, "不低于", "at least"},
    {Msg::kCmpAtMost, "不高于", "at most"},
    {Msg::kCmpGreater, "高于", "more than"},
    {Msg::kCmpLess, "低于", "less than"},
    {Msg::kCmpEqual, "等于", "equal to"},
    {Msg::kReasonAcknowledged, "仅在“{1}”部分提及{0}（第{2}行），属自认不足",
     "{0} mentioned only in the “{1}” part (line {2}): an admitted shortcoming"},
    {Msg::kReasonPlanned, "仅在“{1}”部分提及{0}（第{2}行），属计划而非成效",
     "{0} mentioned only in the “{1}” part (line {2}): a plan, not a result"},
    {Msg::kReasonGated,
     "在“{1}”部分提及{0}（第{2}行），但该处未写明具体举措或成效（证据模型评分{3}，低于{4}）",
     "{0} mentioned in the “{1}” part (line {2}), but no act or result is stated there (evidence "
     "score {3} below {4})"},
    {Msg::kCondAnd, "{}和{}", "{} and {}"},
    {Msg::kCondOr, "{}或{}", "{} or {}"},
    {Msg::kCondNot, "且不含{}", "without {}"},
    {Msg::kCondAtLeast, "{1}中至少{0}项", "at least {0} of {1}"},
    {Msg::kCondTerm, "“{}”", "“{}”"},
    {Msg::kCondTermsMore, "“{}”等", "“{}” (or similar)"},
    {Msg::kCondListSep, "、", ", "},
    {Msg::kColPath, "文件", "path"},
    {Msg::kColUnit, "单位", "unit"},
    {Msg::kColYear, "年度", "year"},
    {Msg::kColLevel, "层级", "level_label"},
    {Msg::kColProvince, "省份", "province"},
    {Msg::kColFramework, "纲要", "framework"},
    {Msg::kColProfile, "评分方案", "profile"},
    {Msg::kColModel, "计分模型", "model"},
    {Msg::kColScore, "得分", "score"},
    {Msg::kColRank, "排名", "rank"},
    {Msg::kColRankOf, "参评数", "rank_of"},
    {Msg::kColRequiredMet, "必选达标", "required_met"},
    {Msg::kColItem, "项目编号", "item"},
    {Msg::kColItemTitle, "项目", "item_title"},
    {Msg::kColState, "状态", "state_label"},
    {Msg::kColStateCode, "状态代码", "state"},
    {Msg::kColReview, "人工复核", "review"},
    {Msg::kColRequired, "必选", "required"},
    {Msg::kColPoints, "分值", "points"},
    {Msg::kColReason, "判定", "reason"},
    {Msg::kColQuote, "原文", "quote"},
    {Msg::kColLine, "行", "line"},
    {Msg::kColColumn, "列", "column"},
    {Msg::kColRole, "所在部分", "role_label"},
    {Msg::kColRoleCode, "部分代码", "role"},
    {Msg::kColSection, "章节", "section_path"},
    {Msg::kColTerms, "命中关键词", "terms"},
    {Msg::kColMetrics, "指标数值", "metrics"},
    {Msg::kColCredit, "计入得分", "credit"},
    {Msg::kColGate, "证据模型评分", "gate"},
    {Msg::kColLevelCode, "层级代码", "level"},
    {Msg::kColFormat, "文件格式", "format"},
    {Msg::kColMaxScore, "满分", "max_score"},
    {Msg::kColPeerRank, "同级排名", "peer_rank"},
    {Msg::kColPeerCount, "同级单位数", "peer_count"},
    {Msg::kColRequiredTotal, "必选总数", "required_total"},
    {Msg::kColStatus, "读取状态", "status_label"},
    {Msg::kColStatusCode, "读取状态代码", "status"},
    {Msg::kStatusOk, "正常", "ok"},
    {Msg::kStatusFailed, "未能读取", "failed"},
    {Msg::kBelowThreshold, "（未达标准）", " (below threshold)"},
    {Msg::kYes, "是", "yes"},
    {Msg::kNo, "否", "no"},
    {Msg::kLegendTitle, "阅读说明", "How to read this report"},
    {Msg::kLegendMet, "报告在计分部分（工作成效、举措等）写明了该项要求的做法，计全部分值。",
     "the report states the required measure in a part that counts (achievements, measures): "
     "full points."},
    {Msg::kLegendPartial,
     "做法已写明，但规则要求的数值（比例、次数等）未写明或未达到标准；按分值的 {} 倍计分。",
     "the measure is stated, but a figure the rule asks for (a rate, a count) is missing or below "
     "the threshold: {} of the points."},
    {Msg::kLegendAcknowledged, "仅在“存在的不足”部分提到，属于自认不足，不计分。",
     "mentioned only among the shortcomings: a gap the unit admits, no points."},
    {Msg::kLegendPlanned, "仅在“下一年度安排”部分提到，属于计划，不计分。",
     "mentioned only in the plans for next year: an intention, no points."},
    {Msg::kLegendMissing, "报告中没有找到相关表述，不计分；“判定”一行说明原因。",
     "nothing in the report says it: no points; the line 判定 says why."},
    {Msg::kLegendNotApplicable, "该项不适用于本单位的层级，不计入满分。",
     "the item does not apply to the unit's level and is left out of the maximum."},
    {Msg::kLegendWaived, "评分方案豁免了该项（理由见条目），不计入满分。",
     "the profile waives the item (reason shown), left out of the maximum."},
    {Msg::kLegendRequired, "纲要列为必选的指标；缺失的必选项列在第一部分。",
     "an item the framework makes required; missing required items come first."},
    {Msg::kLegendPoints,
     "该项在满分 100 分中所占的分值（纲要各层权重相乘 × 100）：未落实即失去这些分。",
     "the item's share of the 100 points (the framework's weights multiplied down the tree × "
     "100): lost when the item is not met."},
    {Msg::kLegendContext, "灰色引文标“不计分”：出现在不计分的位置（如计划、不足部分），仅供参考。",
     "a grey quote marked 不计分 lies where nothing counts (plans, shortcomings): context only."},
    {Msg::kLegendPeer, "参考示例：本批次中确实落实该项的其他单位的原句。",
     "参考示例: the sentence of another unit in this run that truly meets the item."},
    {Msg::kLegendReview, "人工复核：审核人员改判的状态，机器判定同时保留。",
     "人工复核: the state an auditor decided; the machine's verdict stays visible."},
    {Msg::kFilterLabel, "按状态筛选：", "Show states: "},
    {Msg::kFilterOpenAll, "全部展开", "open all"},
    {Msg::kFilterCloseAll, "全部收起", "close all"},
    {Msg::kGapTitle, "{} 法治政府建设报告差距分析", "{}: gap analysis of the 法治政府建设 report"},
    {Msg::kGapBack, "← 返回总表", "← back to the summary"},
    {Msg::kGapHeading, "{} 差距分析", "{} gap analysis"},
    {Msg::kGapAgainst, "对照 {}（{}） · 报告文件 ", "against {} ({}) · report file "},
    {Msg::kGapScore, "得分", "Score"},
    {Msg::kGapRankLabel, "排名", "Rank"},
    {Msg::kGapRank, "第 {} 名，共 {} 个单位；同级（{}，{}年）第 {} / {}",
     "{} of {} units; among peers ({}, {}) {} / {}"},
    {Msg::kGapRequiredCoverage, "必选项覆盖", "Required items met"},
    {Msg::kGapAtLine, "（第 {} 行）", " (line {})"},
    {Msg::kGapUnit, "单位", "Unit"},
    {Msg::kGapLevel, "层级", "Level"},
    {Msg::kGapProvince, "省份", "Province"},
    {Msg::kGapYearFrom, "年度依据", "Year from"},
    {Msg::kGapPublished, "发布日期", "Published"},
    {Msg::kGapDocNumber, "文号", "Document number"},
    {Msg::kGapFileFormat, "文件格式", "File format"},
    {Msg::kGapEncoding, "编码", "Encoding"},
    {Msg::kGapTraditional, "（原文为繁体）", " (original in Traditional script)"},
    {Msg::kGapAreas, "各领域得分", "Scores by area"},
    {Msg::kGapArea, "领域", "Area"},
    {Msg::kGapName, "名称", "Name"},
    {Msg::kGapSection1, "一、缺失的必选指标（{} 项，按分值排序）",
     "1. Required items missing ({}, by points)"},
    {Msg::kGapSection2, "二、仅列入计划或自认不足的指标（{} 项）",
     "2. Items only planned or admitted as shortcomings ({})"},
    {Msg::kGapSection3, "三、缺失的其他指标（{} 项，按分值排序）",
     "3. Other items missing ({}, by points)"},
    {Msg::kGapSection4, "四、已落实和部分落实的指标（{} 项）", "4. Items met or partly met ({})"},
    {Msg::kGapSection5, "五、豁免与不适用（{} 项）", "5. Waived and not applicable ({})"},
    {Msg::kGapNone, "无。", "None."},
    {Msg::kGapStructure, "报告结构：{}", "Report structure: {}"},
    {Msg::kGapContent, "内容", "Content"},
    {Msg::kGapState, "状态", "State"},
    {Msg::kGapBasis, "依据", "Evidence"},
    {Msg::kGapReadNotes, "读取提示", "Reading notes"},
    {Msg::kGapFooter, "indicheck {} · 规则哈希 {} · {}", "indicheck {} · rules hash {} · {}"},
    {Msg::kGapRule, "规则", "Rule"},
    {Msg::kGapLooksFor, " 查找：", " looks for: "},
    {Msg::kGapPoints, "分值 {:.2f}", "points {:.2f}"},
    {Msg::kGapRequired, "必选", "required"},
    {Msg::kGapNote, "说明：", "Note: "},
    {Msg::kGapVerdict, "判定：", "Verdict: "},
    {Msg::kGapWaiver, "豁免理由：{}{}", "Waived: {}{}"},
    {Msg::kGapWaiverUntil, "（有效期至 {}）", " (until {})"},
    {Msg::kGapNotApplicable, "不适用：本项仅适用于 {}", "Not applicable: only for {}"},
    {Msg::kGapPeerExample, "参考示例（{}）：", "Example ({}):"},
    {Msg::kGapNoPeer, "参考示例：本批次没有其他单位落实该项。",
     "Example: no other unit in this run meets the item."},
    {Msg::kGapOtherYears, "本单位其他年度对比", "The unit's other years"},
    {Msg::kGapYearThis, "{}年（本报告）", "{} (this report)"},
    {Msg::kGapYear, "{}年", "{}"},
    {Msg::kGapFramework, "框架", "Framework"},
    {Msg::kGapOtherFramework, "（框架不同）", "(another framework)"},
    {Msg::kGapListSep, "、", ", "},
    {Msg::kStructureOptional, "未单列（非必备）", "not a part of its own (optional)"},
    {Msg::kCliSummary, "indicheck：已评估 {} 份报告，{} 份失败；输出：{}/{}",
     "indicheck: evaluated {} report(s), {} failed; wrote {}/{}"},
    {Msg::kCliRendered, "indicheck：已从 {0} 重新生成 {1} 份报告的输出：{2}/",
     "indicheck: rendered the outputs of {1} report(s) from {0} into {2}/"},
    {Msg::kCliBelow, "indicheck：低于 --fail-under：{}", "indicheck: below --fail-under: {}"},
    {Msg::kCliError, "错误", "error"},
    {Msg::kCliDiagDetail, "详情：", ""},
};

constexpr bool catalogue_in_order() {
  if (std::size(kCatalogue) != static_cast<std::size_t>(Msg::kCount)) return false;
  for (std::size_t i = 0; i < std::size(kCatalogue); ++i)
    if (static_cast<std::size_t>(kCatalogue[i].id) != i) return false;
  return true;
}
static_assert(catalogue_in_order(), "kCatalogue must hold one row per Msg, in enum order");

// Headlines of diagnostic codes, zh only (en prints the detail alone, as before).
constexpr std::pair<std::string_view, std::string_view> kHeadlines[] = {
    {"not-found", "找不到文件或文件夹"},
    {"unreadable", "无法读取"},
    {"not-a-file", "不是普通文件"},
    {"is-directory", "这是文件夹，不是文件"},
    {"permission-denied", "没有权限"},
    {"too-large", "文件过大"},
    {"file-too-large", "文件过大"},
    {"zip-too-large", "压缩内容过大"},
    {"empty", "内容为空"},
    {"empty-directory", "文件夹中没有报告"},
    {"binary", "不是文本文件"},
    {"wrong-charset", "编码无法识别"},
    {"unknown-encoding", "未知编码"},
    {"encrypted", "文件已加密"},
    {"no-text-layer", "PDF 没有文字层（可能是扫描件）"},
    {"pdf-broken", "PDF 文件损坏"},
    {"docx-broken", "Word 文件损坏"},
    {"html-broken", "网页文件损坏"},
    {"html-no-text", "网页中没有正文"},
    {"legacy-word", "旧版 Word（.doc）文件，请另存为 .docx"},
    {"usage", "命令用法有误"},
    {"output", "无法写入输出"},
    {"spill", "临时文件写入失败"},
    {"internal", "内部错误（程序缺陷）"},
    {"out-of-memory", "内存不足"},
    {"manifest", "清单文件有误"},
    {"no-rules", "没有加载到规则"},
    {"no-input", "没有输入报告"},
    {"unknown-framework", "未知纲要"},
    {"unknown-item", "未知项目"},
    {"year-unknown", "未识别报告年度"},
    {"year-uncovered", "没有覆盖该年度的纲要"},
    {"expired-waiver", "豁免已过期"},
    {"duplicate-unit", "单位重复"},
    {"gap-unit-unknown", "--gap-units 中的单位不在本次运行中"},
    {"gap-reports-limited", "差距报告数量受限"},
    {"profile-unused", "评分方案未被使用"},
    {"profile-framework", "评分方案所指纲要不存在"},
    {"yaml", "规则文件格式有误"},
    {"yaml-syntax", "规则文件语法错误"},
    {"missing-key", "缺少必填项"},
    {"unknown-key", "未知字段"},
    {"invalid-regex", "正则表达式无效"},
    {"gate-format", "证据模型文件格式有误"},
    {"bad-results", "不是可读回的 results.json"},
    {"results-version", "results.json 的版本不符"},
    {"rules-changed", "规则文件与该次运行所用的不同"},
    {"results-mismatch", "重新生成的 results.json 与原文件不同"},
    {"pdf-no-chromium", "未找到 Chromium，无法生成 PDF"},
    {"pdf-failed", "PDF 生成失败"},
    {"bad-weight", "权重有误"},
    {"fit-failed", "权重拟合失败"},
    {"fit-empty", "没有可拟合的数据"},
    {"fit-model", "权重拟合模型有误"},
    {"csv-fields", "CSV 列数不符"},
    {"csv-number", "CSV 中的数字有误"},
    {"csv-range", "CSV 中的数值超出范围"},
    {"csv-unit", "CSV 中的单位有误"},
    {"csv-empty", "CSV 为空"},
};

}  // namespace

std::string_view msg(Msg id, Lang lang) {
  const auto i = static_cast<std::size_t>(id);
  if (i >= std::size(kCatalogue)) return {};
  return lang == Lang::kEn ? kCatalogue[i].en : kCatalogue[i].zh;
}

std::string_view diagnostic_headline(std::string_view code, Lang lang) {
  if (lang == Lang::kEn) return {};
  for (const auto& [c, text] : kHeadlines)
    if (c == code) return text;
  return {};
}

bool parse_lang(std::string_view text, Lang& lang) {
  if (text.substr(0, 2) == "zh") {
    lang = Lang::kZh;
    return true;
  }
  if (text.substr(0, 2) == "en" || text == "C" || text.substr(0, 2) == "C." || text == "POSIX") {
    lang = Lang::kEn;
    return true;
  }
  return false;
}

Lang lang_from_environment() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    const std::string_view v(value);
    return v.substr(0, 2) == "en" ? Lang::kEn : Lang::kZh;
  }
  return Lang::kZh;
}

std::string_view lang_code(Lang lang) {
  return lang == Lang::kEn ? "en" : "zh";
}

}  // namespace indicheck
