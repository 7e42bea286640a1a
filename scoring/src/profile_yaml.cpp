// Writes derived weights as a profile (rules/README.md "Profiles"), which `evaluate --profile`
// loads like a hand-written one. Strings are always double-quoted (ids like 5.10 must stay
// strings); the base profile's selection, required flags, waivers and partial credit are
// carried over so switching to derived weights changes nothing else.
#include <fmt/format.h>

#include "indicheck/scoring.h"

namespace indicheck {
namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + quote(items[i]);
  return out + "]";
}

}  // namespace

std::string weights_profile_yaml(const Framework& framework, const Profile* base,
                                 const std::string& id, const std::string& title,
                                 const std::vector<std::string>& comment_lines,
                                 const std::vector<std::pair<std::string, double>>& weights) {
  std::string out;
  for (const auto& line : comment_lines) out += fmt::format("# {}\n", line);
  out += "profile:\n";
  out += fmt::format("  id: {}\n", quote(id));
  out += fmt::format("  title: {}\n", quote(title));
  out += fmt::format("  framework: {}\n", quote(framework.id));
  if (base != nullptr && base->partial_credit)
    out += fmt::format("  partial_credit: {:.17g}\n", *base->partial_credit);
  if (base != nullptr && !base->select.empty())
    out += fmt::format("  select: {}\n", quoted_list(base->select));
  if (base != nullptr && !base->deselect.empty())
    out += fmt::format("  deselect: {}\n", quoted_list(base->deselect));
  out += weights.empty() ? "  weights: {}\n" : "  weights:\n";
  // 17 significant digits: the profile reproduces the derived weights exactly.
  for (const auto& [node, w] : weights) out += fmt::format("    {}: {:.17g}\n", quote(node), w);
  if (base != nullptr && !base->required.empty()) {
    out += "  required:\n";
    for (const auto& [node, req] : base->required)
      out += fmt::format("    {}: {}\n", quote(node), req ? "true" : "false");
  }
  if (base != nullptr && !base->waivers.empty()) {
    out += "  waivers:\n";
    for (const auto& w : base->waivers) {
      out += fmt::format("    - unit: {}\n      item: {}\n", quote(w.unit), quote(w.item));
      if (!w.justification.empty())
        out += fmt::format("      justification: {}\n", quote(w.justification));
      if (!w.expires.empty()) out += fmt::format("      expires: {}\n", w.expires);
    }
  }
  return out;
}

}  // namespace indicheck
