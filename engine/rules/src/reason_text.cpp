// Verdicts in words (indicheck/reason_text.h): every label and reason comes from the catalogue.
#include "indicheck/reason_text.h"

#include <array>
#include <utility>
#include <vector>

namespace indicheck {

namespace {

constexpr std::array<std::string_view, 12> kReasonCodes = {"no-check",
                                                           "no-terms",
                                                           "level-excluded",
                                                           "outside-credit",
                                                           "not-together",
                                                           "met",
                                                           "partial-not-stated",
                                                           "partial-below",
                                                           "acknowledged",
                                                           "planned",
                                                           "gated",
                                                           "slogan"};

std::string_view comparison_words(std::string_view symbol, Lang lang) {
  if (symbol == ">=") return msg(Msg::kCmpAtLeast, lang);
  if (symbol == "<=") return msg(Msg::kCmpAtMost, lang);
  if (symbol == ">") return msg(Msg::kCmpGreater, lang);
  if (symbol == "<") return msg(Msg::kCmpLess, lang);
  return msg(Msg::kCmpEqual, lang);
}

void add_gap(std::string& out) {
  static constexpr std::string_view kGap = "…";
  if (!out.empty() && !std::string_view(out).ends_with(kGap)) out += kGap;
}

// Appends the first alternative of the sequence at p[i] until ')' or the end; skips the other
// alternatives. Leaves i at the ')' (or the end).
void regex_sequence(std::string_view p, std::size_t& i, std::string& out) {
  while (i < p.size()) {
    const char c = p[i];
    if (c == ')') return;
    if (c == '|') {  // skip the other alternatives of this group
      int depth = 0;
      for (; i < p.size(); ++i) {
        if (p[i] == '\\') {
          ++i;
        } else if (p[i] == '(') {
          ++depth;
        } else if (p[i] == ')') {
          if (depth == 0) return;
          --depth;
        }
      }
      return;
    }
    if (c == '(') {
      ++i;
      if (i < p.size() && p[i] == '?') i += 2;  // (?: (?i …
      regex_sequence(p, i, out);
      if (i < p.size()) ++i;  // ')'
    } else if (c == '[') {
      for (++i; i < p.size() && p[i] != ']'; ++i)
        if (p[i] == '\\') ++i;
      ++i;
      add_gap(out);
    } else if (c == '{') {
      while (i < p.size() && p[i] != '}') ++i;
      ++i;
      add_gap(out);
    } else if (c == '\\') {
      if (i + 1 < p.size() && std::string_view("dDsSwWbB").find(p[i + 1]) == std::string_view::npos)
        out += p[i + 1];
      else
        add_gap(out);
      i += 2;
    } else if (c == '.' || c == '*' || c == '+' || c == '?') {
      add_gap(out);
      ++i;
    } else if (c == '^' || c == '$') {
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
}

std::string trim_gaps(std::string s) {
  static constexpr std::string_view kGap = "…";
  while (std::string_view(s).starts_with(kGap)) s.erase(0, kGap.size());
  while (std::string_view(s).ends_with(kGap)) s.resize(s.size() - kGap.size());
  return s;
}

std::string selection_words(const Selection& sel, Lang lang) {
  std::string first = !sel.terms.empty()     ? sel.terms.front()
                      : !sel.regexes.empty() ? regex_words(sel.regexes[0])
                                             : "";
  if (first.empty()) first = sel.name;
  const bool more = sel.terms.size() + sel.regexes.size() > 1;
  return tr(lang, more ? Msg::kCondTermsMore : Msg::kCondTerm, first);
}

}  // namespace

std::string_view reason_code_name(ReasonCode code) {
  const auto i = static_cast<std::size_t>(code);
  return i < kReasonCodes.size() ? kReasonCodes[i] : std::string_view("no-terms");
}

bool reason_code_from_name(std::string_view name, ReasonCode& code) {
  for (std::size_t i = 0; i < kReasonCodes.size(); ++i)
    if (kReasonCodes[i] == name) {
      code = static_cast<ReasonCode>(i);
      return true;
    }
  return false;
}

std::string_view state_label(ItemState state, Lang lang) {
  return msg(static_cast<Msg>(static_cast<int>(Msg::kStateMet) + static_cast<int>(state)), lang);
}

std::string_view role_label(Role role, Lang lang) {
  return msg(static_cast<Msg>(static_cast<int>(Msg::kRoleTitle) + static_cast<int>(role)), lang);
}

std::string_view window_label(Window window, Lang lang) {
  return msg(static_cast<Msg>(static_cast<int>(Msg::kWindowSentence) + static_cast<int>(window)),
             lang);
}

std::string level_label(std::string_view level, Lang lang) {
  static constexpr std::pair<std::string_view, Msg> kLevels[] = {
      {"district", Msg::kLevelDistrict},
      {"county", Msg::kLevelCounty},
      {"county-city", Msg::kLevelCountyCity},
      {"city", Msg::kLevelCity},
      {"province", Msg::kLevelProvince},
      {"department", Msg::kLevelDepartment},
      {"zone", Msg::kLevelZone},
      {"township", Msg::kLevelTownship}};
  for (const auto& [code, id] : kLevels)
    if (code == level) return std::string(msg(id, lang));
  return std::string(level);
}

std::string regex_words(std::string_view pattern) {
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    regex_sequence(pattern, i, out);
    if (i < pattern.size()) ++i;  // an unbalanced ')'
  }
  return trim_gaps(std::move(out));
}

std::string condition_words(const Check& check, Lang lang) {
  // A part of the condition in words; `op` is the operator that made it (kSelection for a
  // single selection), so a chain of the same operator needs no brackets: a或b或c.
  struct Part {
    std::string text;
    ConditionOp::Kind op = ConditionOp::kSelection;
    bool negated = false;  // "not x": left out of the words (a verdict says what was looked for)
  };
  std::vector<Part> stack;
  int depth = 0;  // brackets written
  const auto bracket = [&](const Part& p, ConditionOp::Kind parent) {
    if (p.op == ConditionOp::kSelection || p.op == parent) return p.text;
    ++depth;
    return lang == Lang::kZh ? "（" + p.text + "）" : "(" + p.text + ")";
  };
  for (const ConditionOp& op : check.condition) {
    switch (op.kind) {
      case ConditionOp::kSelection:
        if (op.operand < check.selections.size())
          stack.push_back({selection_words(check.selections[op.operand], lang)});
        break;
      case ConditionOp::kNot:
        if (!stack.empty()) stack.back().negated = true;
        break;
      case ConditionOp::kAnd:
      case ConditionOp::kOr: {
        if (stack.size() < 2) break;
        Part b = std::move(stack.back());
        stack.pop_back();
        Part& a = stack.back();
        if (b.negated && op.kind == ConditionOp::kAnd) break;  // a and not b: a
        if (a.negated && op.kind == ConditionOp::kAnd) {
          a = std::move(b);
          break;
        }
        const Msg join = op.kind == ConditionOp::kAnd ? Msg::kCondAnd : Msg::kCondOr;
        a = {tr(lang, join, bracket(a, op.kind), bracket(b, op.kind)), op.kind, false};
        break;
      }
      case ConditionOp::kAtLeast: {
        const std::size_t n = std::min<std::size_t>(op.arity, stack.size());
        std::string list;
        for (std::size_t k = stack.size() - n; k < stack.size(); ++k) {
          if (!list.empty()) list += msg(Msg::kCondListSep, lang);
          list += bracket(stack[k], ConditionOp::kSelection);
        }
        stack.resize(stack.size() - n);
        stack.push_back({tr(lang, Msg::kCondAtLeast, op.operand, list), ConditionOp::kAtLeast});
        break;
      }
    }
  }
  // "any" (no ops), or a condition too involved to read in one line (brackets in brackets):
  // the first selection stands for it; the audit edition lists every term the rule looked for.
  if (stack.empty() || stack.back().negated || depth > 1) {
    if (check.selections.empty()) return "";
    return selection_words(check.selections.front(), lang);
  }
  return stack.back().text;
}

std::string reason_text(const Reason& r, const RuleNode& leaf, Lang lang) {
  const auto cond = [&] { return leaf.check ? condition_words(*leaf.check, lang) : std::string(); };
  const auto arg = [&](std::size_t k) { return k < r.args.size() ? r.args[k] : std::string(); };
  const std::string_view role = role_label(r.role, lang);
  switch (r.code) {
    case ReasonCode::kNoCheck:
      return tr(lang, Msg::kReasonNoCheck);
    case ReasonCode::kNoTerms:
      return tr(lang, Msg::kReasonNoTerms, cond());
    case ReasonCode::kLevelExcluded:
      if (arg(1).empty()) return tr(lang, Msg::kReasonLevelFramework, level_label(arg(0), lang));
      return tr(lang,
                arg(2) == "evidence-only" ? Msg::kReasonLevelEvidenceOnly : Msg::kReasonLevelNode,
                arg(1), level_label(arg(0), lang));
    case ReasonCode::kOutsideCredit:
      return tr(lang, Msg::kReasonOutsideCredit, cond(), role, r.line);
    case ReasonCode::kNotTogether:
      return tr(lang, Msg::kReasonNotTogether, cond(),
                window_label(leaf.check ? leaf.check->window : Window::kSentence, lang));
    case ReasonCode::kMet: {
      std::string text = tr(lang, Msg::kReasonMet, cond(), role, r.line);
      for (std::size_t k = 0; k + 1 < r.args.size(); k += 2)
        text += (lang == Lang::kZh ? "；" : "; ") +
                tr(lang, Msg::kReasonMetMetric, r.args[k], r.args[k + 1]);
      return text;
    }
    case ReasonCode::kPartialNotStated:
      return tr(lang, Msg::kReasonPartialMissing, cond(), role, r.line, arg(0));
    case ReasonCode::kPartialBelow:
      return tr(lang, Msg::kReasonPartialBelow, cond(), role, r.line, arg(0), arg(1),
                comparison_words(arg(2), lang), arg(3));
    case ReasonCode::kAcknowledged:
      return tr(lang, Msg::kReasonAcknowledged, cond(), role, r.line);
    case ReasonCode::kPlanned:
      return tr(lang, Msg::kReasonPlanned, cond(), role, r.line);
    case ReasonCode::kGated:
      return tr(lang, Msg::kReasonGated, cond(), role, r.line, arg(0), arg(1));
    case ReasonCode::kSlogan:
      return tr(lang, Msg::kReasonSlogan, cond(), role, r.line);
  }
  return "";
}

}  // namespace indicheck
