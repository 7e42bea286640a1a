// The rubric's slogan rule as a test on one sentence (SECTIONS-2021, "Slogans vs acts":
// `落实…`, `积极推进…`, `坚持…`, `进一步加强…` without an object done in the year are slogans).
#pragma once

#include <string_view>

namespace indicheck::rules_internal {

// True when the normalized sentence only restates standing policy: every clause (between , ;
// : 。 ! ?) opens — after an item marker (一是, (一), 1.) and a self-name (我局, 全市…) — with a
// standing verb (坚持, 加强, 严格落实, 进一步, 不断…), and nothing in it is done or counted: no
// digit, no number in Chinese numerals with a measure word (三次, 十二月), no titled document
// (《…》), no 了. "坚持依法统计，严格执行统计法律法规。" is one; "加强执法，查处案件12件。" and
// "成立法治建设领导小组。" are not.
bool slogan_sentence(std::string_view sentence);

// True when the normalized sentence is a chapter's or section's heading on its own: it opens with
// 一、…十、 or (一)…(十) (up to three numerals), and after the marker holds no digit or colon and
// at most 40 Han characters ("(二)健全政府机构职能体系,推动更好发挥政府作用。"). An item written on
// in its heading's sentence (1.加强组织领导成立了…; 一是…) is none.
bool heading_only(std::string_view sentence);

}  // namespace indicheck::rules_internal
