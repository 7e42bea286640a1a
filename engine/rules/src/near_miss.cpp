// Near misses: for a missing or partial item, the few sentences that came closest to earning
// it, with what was lacking. Computed from what LeafEvaluator::evaluate left in its buffers
// (the leaf's hits grouped by window, and the windows that satisfied the condition), so it
// costs nothing for met items and nothing more than a walk of the leaf's own hits otherwise.
//
// Closest first: a window that satisfied the condition but earned nothing (a metric missing,
// held back by the evidence gate, in a part that earns no credit), then windows in a credit
// role one selection away from the condition, then the others by how many selections they
// hold; ties by sentence strength (a body sentence with a number first), then document order.
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "condition.h"
#include "indicheck/limits.h"
#include "matcher_internal.h"

namespace indicheck {

namespace {

std::string_view role_label(Role role) {
  switch (role) {
    case Role::kTitle:
      return "标题";
    case Role::kPreamble:
      return "开头";
    case Role::kAchievements:
      return "主要举措和成效";
    case Role::kLeadership:
      return "第一责任人履职";
    case Role::kShortcomings:
      return "存在的不足";
    case Role::kPlans:
      return "下一年度安排";
    case Role::kOther:
      return "其他情况";
    case Role::kSignature:
      return "落款";
    case Role::kBoilerplate:
      return "网页附带内容";
  }
  return "其他";
}

// 「权责清单、权力清单、责任清单…」: a selection as an auditor recognises it (its first terms).
std::string selection_label(const Selection& s) {
  std::string out;
  const std::size_t shown = std::min<std::size_t>(s.terms.size(), 3);
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) out += "、";
    out += s.terms[i];
  }
  if (s.terms.size() > shown) out += "…";
  if (out.empty()) out = s.name;
  return "「" + out + "」";
}

bool in_credit_roles(const Check& check, Role r) {
  return std::find(check.roles.begin(), check.roles.end(), r) != check.roles.end();
}

}  // namespace

void LeafEvaluator::add_near_miss(const Check& check, std::uint32_t sentence, Role role,
                                  int present, std::string lacking, int tier,
                                  ItemEvidence& ev) const {
  for (const NearMiss& m : ev.near_misses)
    if (m.sentence == sentence) return;
  const auto rank = [&](int t, std::uint32_t si, int p) {
    return std::tuple(t, p, sentence_strength(si), -static_cast<long>(si));
  };
  const auto key = rank(tier, sentence, present);
  std::size_t pos = ev.near_misses.size();
  while (pos > 0 && rank(near_tiers_[pos - 1], ev.near_misses[pos - 1].sentence,
                         ev.near_misses[pos - 1].present) < key)
    --pos;
  if (pos >= limits::kMaxNearMisses) return;
  NearMiss m;
  m.sentence = sentence;
  const SentenceView& v = view(sentence);
  m.text = v.text;
  m.line = v.position.line;
  m.column = v.position.column;
  m.role = role;
  m.section_path = section_path(doc_.sentences[sentence].section);
  m.present = static_cast<std::uint16_t>(present);
  m.total = static_cast<std::uint16_t>(check.selections.size());
  m.lacking = std::move(lacking);
  ev.near_misses.insert(ev.near_misses.begin() + static_cast<std::ptrdiff_t>(pos), std::move(m));
  near_tiers_.insert(near_tiers_.begin() + static_cast<std::ptrdiff_t>(pos), tier);
  if (ev.near_misses.size() > limits::kMaxNearMisses) {
    ev.near_misses.pop_back();
    near_tiers_.pop_back();
  }
}

namespace {

// Why a window is only partial, in words: the metric not stated, or its value against the
// threshold (WindowResult's partial_code and partial_args).
std::string partial_note(const WindowResult& r) {
  const auto& a = r.partial_args;
  if (r.partial_code == ReasonCode::kPartialBelow && a.size() >= 4)
    return fmt::format("{}为{}（要求 {} {}）", a[0], a[1], a[2], a[3]);
  if (!a.empty()) return fmt::format("未写明{}", a[0]);
  return "未写明指标值";
}

}  // namespace

void LeafEvaluator::near_misses(const Check& check, ItemEvidence& ev) const {
  near_tiers_.clear();
  const int total = static_cast<int>(check.selections.size());
  // Windows that satisfied the condition but earned nothing (or only partial credit).
  for (const WindowResult& r : results_) {
    std::string lacking;
    if (r.outcome == Outcome::kPartial)
      lacking = fmt::format("条件已满足，但指标值不足：{}", partial_note(r));
    else if (r.outcome == Outcome::kSlogan)
      lacking = "条件已满足，但只是口号式表述或只是标题，未写明本年度的具体做法、数字或文件";
    else if (r.outcome == Outcome::kGated)
      lacking = "条件已满足，但证据门判定此句未陈述具体做法或成效";
    else if (r.outcome == Outcome::kElsewhere)
      lacking = fmt::format("条件已满足，但位于「{}」部分，该部分不计分", role_label(r.role));
    else
      continue;
    if (r.sentences_end > r.sentences_begin)
      add_near_miss(check, pool_[r.sentences_begin], r.role, total, std::move(lacking), 2, ev);
  }
  if (ev.state == ItemState::kPartial) return;
  // Windows in a credit role that hold some of the selections but not the condition.
  const std::vector<GroupEntry>& entries = entries_;
  std::vector<char>& present = present_;
  for (std::size_t g = 0; g < entries.size();) {
    const std::uint32_t unit = entries[g].unit;
    const std::uint8_t role = entries[g].role;
    const std::uint32_t first = entries[g].sentence;
    present.assign(check.selections.size(), 0);
    for (; g < entries.size() && entries[g].unit == unit && entries[g].role == role; ++g)
      present[static_cast<std::size_t>(entries[g].selection)] = 1;
    if (!in_credit_roles(check, static_cast<Role>(role))) continue;
    if (rules_internal::evaluate_condition(check.condition, present)) continue;
    const int count = static_cast<int>(std::count(present.begin(), present.end(), 1));
    // What would complete it: the absent selections that satisfy the condition on their own.
    std::string completing, absent;
    for (std::size_t i = 0; i < present.size(); ++i) {
      if (present[i]) continue;
      const std::string label = selection_label(check.selections[i]);
      absent += absent.empty() ? label : "、" + label;
      present[i] = 1;
      if (rules_internal::evaluate_condition(check.condition, present))
        completing += completing.empty() ? label : " 或 " + label;
      present[i] = 0;
    }
    std::string lacking = !completing.empty() ? fmt::format("缺少{}", completing)
                          : !absent.empty()   ? fmt::format("缺少{}", absent)
                                            : std::string("句中词语不满足条件（含排除的组合）");
    add_near_miss(check, first, static_cast<Role>(role), count, std::move(lacking),
                  completing.empty() ? 0 : 1, ev);
  }
}

}  // namespace indicheck
