#include "indicheck/diagnostic.h"

#include <fmt/format.h>

namespace indicheck {

std::string Diagnostic::str() const {
  std::string out;
  if (!path.empty()) {
    out += path;
    if (line > 0) {
      out += fmt::format(":{}", line);
      if (column > 0) out += fmt::format(":{}", column);
    }
    out += ": ";
  }
  const char* sev = severity == Severity::kError     ? "error"
                    : severity == Severity::kWarning ? "warning"
                                                     : "note";
  out += fmt::format("{}[{}]: {}", sev, code, message);
  return out;
}

Diagnostic make_error(std::string path, std::string code, std::string message, std::uint32_t line,
                      std::uint32_t column) {
  return Diagnostic{Severity::kError, std::move(path), line,
                    column,           std::move(code), std::move(message)};
}

Diagnostic make_warning(std::string path, std::string code, std::string message, std::uint32_t line,
                        std::uint32_t column) {
  return Diagnostic{Severity::kWarning, std::move(path),   line, column,
                    std::move(code),    std::move(message)};
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics)
    if (d.severity == Severity::kError) return true;
  return false;
}

}  // namespace indicheck
