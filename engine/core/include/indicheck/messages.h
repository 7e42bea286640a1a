// The message catalogue: every word a user reads, in zh-CN (the product language, default for
// outputs) and English (`--lang en`). One constexpr table (messages.cpp) keyed by `Msg`; a
// message with arguments is an fmt format string ("{}" in order), formatted by tr().
//
// Codes stay codes: diagnostic codes (`error[not-found]`), state names (`met`), role names and
// unit levels are stable in both languages and are never looked up here; their labels are.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace indicheck {

enum class Lang : std::uint8_t { kZh, kEn };

// "zh" or "en" (also "zh-CN", "zh_CN.UTF-8", "en_US.UTF-8", "C"→en). False for anything else.
bool parse_lang(std::string_view text, Lang& lang);
// The language of the environment: LC_ALL, else LC_MESSAGES, else LANG; a value starting with
// "en" is English, anything else (C, C.UTF-8, POSIX and unset included) is Chinese.
Lang lang_from_environment();
std::string_view lang_code(Lang lang);  // "zh" / "en"

enum class Msg : std::uint16_t {
  // Item states (labels of ItemState).
  kStateMet,
  kStatePartial,
  kStateAcknowledged,
  kStatePlanned,
  kStateMissing,
  kStateNotApplicable,
  kStateWaived,
  // Roles (labels of Role).
  kRoleTitle,
  kRolePreamble,
  kRoleAchievements,
  kRoleLeadership,
  kRoleShortcomings,
  kRolePlans,
  kRoleOther,
  kRoleSignature,
  kRoleBoilerplate,
  // Unit levels.
  kLevelDistrict,
  kLevelCounty,
  kLevelCountyCity,
  kLevelCity,
  kLevelProvince,
  kLevelDepartment,
  kLevelZone,
  kLevelTownship,
  // Windows.
  kWindowSentence,
  kWindowParagraph,
  kWindowSection,
  kWindowClause,
  // Verdict reasons (ReasonCode, rendered by reason_text in the rules library).
  kReasonNoCheck,            // the leaf has no check
  kReasonNoTerms,            // {condition in words}
  kReasonLevelFramework,     // {level}
  kReasonLevelNode,          // {node id}, {level}
  kReasonLevelEvidenceOnly,  // {node id}, {level}: outside_levels: evidence-only, not evidenced
  kReasonOutsideCredit,      // {condition}, {role}, {line}
  kReasonNotTogether,        // {condition}, {window}
  kReasonMet,                // {condition}, {role}, {line}
  kReasonMetMetric,          // {metric}, {value}
  kReasonPartialMissing,     // {condition}, {role}, {line}, {metric}
  kReasonPartialBelow,  // {condition}, {role}, {line}, {metric}, {value}, {comparison}, {bound}
  kCmpAtLeast,          // comparison words: "不低于" ...
  kCmpAtMost,
  kCmpGreater,
  kCmpLess,
  kCmpEqual,
  kReasonAcknowledged,  // {condition}, {role}, {line}
  kReasonPlanned,       // {condition}, {role}, {line}
  kReasonGated,         // {condition}, {role}, {line}, {score}, {threshold}
  kReasonSlogan,        // {condition}, {role}, {line}
  // Conditions in words.
  kCondAnd,        // joins two or more parts: "{}和{}"
  kCondOr,         // "{}或{}"
  kCondNot,        // "不含{}"
  kCondAtLeast,    // {n}, {list}
  kCondTerm,       // one term: "“{}”"
  kCondTermsMore,  // first term of several: "“{}”等"
  kCondListSep,    // "、"
  // CSV headers.
  kColPath,
  kColUnit,
  kColYear,
  kColLevel,
  kColProvince,
  kColFramework,
  kColProfile,
  kColModel,
  kColScore,
  kColRank,
  kColRankOf,
  kColRequiredMet,
  kColItem,
  kColItemTitle,
  kColState,
  kColStateCode,
  kColReview,
  kColRequired,
  kColPoints,
  kColReason,
  kColQuote,
  kColLine,
  kColColumn,
  kColRole,
  kColRoleCode,
  kColSection,
  kColTerms,
  kColMetrics,
  kColCredit,
  kColGate,
  kColLevelCode,
  kColFormat,
  kColMaxScore,
  kColPeerRank,
  kColPeerCount,
  kColRequiredTotal,
  kColStatus,
  kColStatusCode,
  kStatusOk,
  kStatusFailed,
  kBelowThreshold,
  kYes,
  kNo,
  // The 审核版's legend (gap_html.cpp): what every badge, 分值 and 部分落实 mean.
  kLegendTitle,
  kLegendMet,
  kLegendPartial,  // {partial credit, e.g. 0.5}
  kLegendAcknowledged,
  kLegendPlanned,
  kLegendMissing,
  kLegendNotApplicable,
  kLegendWaived,
  kLegendRequired,  // the 必选 badge
  kLegendPoints,    // 分值
  kLegendContext,   // a quote marked 不计分
  kLegendPeer,      // 参考示例
  kLegendReview,    // 人工复核 marks
  kFilterLabel,     // "按状态筛选："
  kFilterOpenAll,
  kFilterCloseAll,
  // The 审核版 gap report's page furniture (gap_html.cpp).
  kGapTitle,
  kGapBack,
  kGapHeading,
  kGapAgainst,
  kGapScore,
  kGapRankLabel,
  kGapRank,
  kGapRequiredCoverage,
  kGapAtLine,
  kGapUnit,
  kGapLevel,
  kGapProvince,
  kGapYearFrom,
  kGapPublished,
  kGapDocNumber,
  kGapFileFormat,
  kGapEncoding,
  kGapTraditional,
  kGapAreas,
  kGapArea,
  kGapName,
  kGapSection1,
  kGapSection2,
  kGapSection3,
  kGapSection4,
  kGapSection5,
  kGapNone,
  kGapStructure,
  kGapContent,
  kGapState,
  kGapBasis,
  kGapReadNotes,
  kGapFooter,
  kGapRule,
  kGapLooksFor,
  kGapPoints,
  kGapRequired,
  kGapNote,
  kGapVerdict,
  kGapWaiver,
  kGapWaiverUntil,
  kGapNotApplicable,
  kGapPeerExample,
  kGapNoPeer,
  kGapOtherYears,
  kGapYearThis,
  kGapYear,
  kGapFramework,
  kGapOtherFramework,
  kGapListSep,
  kStructureOptional,  // an absent optional report content (the 5th)
  // index.html's page furniture (html.cpp, index_peers.cpp, index_files.cpp, index_unknown.cpp)
  // and the table headers it shares with other pages (kTh*).
  kIdxTitle,
  kIdxSub,
  kIdxReview,
  kIdxFiles,
  kIdxFacts,
  kIdxFailed,
  kIdxUnknown,
  kIdxFwHead,
  kIdxFwSub,
  kIdxTabPeers,
  kIdxTabAll,
  kIdxNoFramework,
  kIdxRankNote,
  kIdxAreas,
  kIdxSemi,
  kIdxHeatmap,
  kIdxHeatOmitted,
  kIdxHeatAria,
  kIdxHeatCell,
  kIdxCoverageTop,
  kIdxCoverageAll,
  kIdxWeights,
  kIdxProfile,
  kIdxNoProfile,
  kIdxPartialCredit,
  kIdxOverrides,
  kIdxNoOverrides,
  kIdxWaivers,
  kIdxAllWeights,
  kIdxExcluded,
  kIdxOptional,
  kIdxFactVersion,
  kIdxFactDate,
  kIdxFactHash,
  kIdxFactPaths,
  kIdxFactEditions,
  kIdxFactModel,
  kIdxFactQuotes,
  kIdxFactQuotesValue,
  kIdxFactGate,
  kIdxFactGateOff,
  kIdxFactProfile,
  kIdxFactNone,
  kIdxFactManifest,
  kIdxFactInputs,
  kIdxFactReports,
  kIdxPeersHead,
  kIdxPeersNote,
  kIdxPeerGroup,
  kIdxYearUnknown,
  kIdxNotComputed,
  kIdxLossPoints,
  kThRank,
  kThUnit,
  kThYear,
  kThLevel,
  kThScore,
  kThMax,
  kThPeerRank,
  kThItem,
  kThRequired,
  kThPoints,
  kThExcluded,
  kThReason,
  kThUntil,
  kThNode,
  kThLocalWeight,
  kThGlobalPoints,
  kThIncluded,
  kThRequiredMet,
  kThTopLosses,
  kThRankBand,
  kThPFirst,
  kThReportFile,
  kThMissing,
  kThKnown,
  kIdxFilePdf,
  kIdxFileJson,
  kIdxFileXlsx,
  kIdxFileScores,
  kIdxFileNodeScores,
  kIdxFileEvidence,
  kIdxAuditEdition,
  kIdxUnitEdition,
  kIdxGapReports,
  kIdxUnknownNote,
  kIdxKnownUnit,
  kIdxKnownYear,
  kIdxKnownLevel,
  kIdxNoUnitYear,
  kIdxNoUnit,
  kIdxNoYear,
  kUnitUnknown,
  // The Markdown 审核版 (markdown.cpp) where its text differs from the HTML one's, quote places
  // (gap.cpp) and file format labels (view.cpp).
  kMdNoCredit,
  kMdBody,
  kMdTerms,
  kMdGate,
  kMdMetric,
  kPlacePage,
  kPlaceLine,
  kPlaceOcr,
  kMdItemHead,
  kMdRequired,
  kMdSection,
  kMdSection1,
  kMdSection2,
  kMdSection3,
  kMdSection4,
  kMdSection5,
  kMdTableHead,
  kMdRank,
  kMdPrevYear,
  kMdBasisLines,
  kMdNearHead,
  kMdLacking,
  kFmtText,
  kFmtHtml,
  kFmtDocx,
  // The 单位版 (unit_edition.cpp), HTML and Markdown.
  kUnitTitle,
  kUnitPeerYear,
  kUnitAgainst,
  kUnitPeerRank,
  kUnitRankOf,
  kUnitRequiredMet,
  kUnitAmongAll,
  kUnitRankOfShort,
  kUnitSection1,
  kUnitAllRequired,
  kUnitThRequirement,
  kUnitThSituation,
  kUnitSection2,
  kUnitNoLoss,
  kUnitRequiredMark,
  kUnitStatePoints,
  kUnitArea,
  kUnitWhy,
  kUnitModel,
  kUnitSection3,
  kUnitFootnote,
  kUnitMdMissing,
  kUnitMdPlanned,
  // CLI.
  kCliSummary,     // {reports}, {failed}, {out}, {index}
  kCliRendered,    // `render`: {0} results.json, {1} reports, {2} out
  kCliBelow,       // {label}
  kCliError,       // "错误" / "error" prefix of usage lines (the code in brackets stays)
  kCliDiagDetail,  // how a diagnostic's English detail is introduced in zh
  kCount
};

// The text of a message in `lang` (a format string for messages with arguments).
std::string_view msg(Msg id, Lang lang);

// A message with its arguments formatted in.
template <typename... Args>
std::string tr(Lang lang, Msg id, const Args&... args) {
  if constexpr (sizeof...(Args) == 0) {
    return std::string(msg(id, lang));
  } else {
    return fmt::format(fmt::runtime(msg(id, lang)), args...);
  }
}

// The Chinese headline of a diagnostic code ("not-found" → "找不到文件或文件夹"), "" when the
// catalogue has none. The CLI prints it in zh before the diagnostic's own detail.
std::string_view diagnostic_headline(std::string_view code, Lang lang);

}  // namespace indicheck
