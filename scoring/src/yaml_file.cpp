#include "yaml_file.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include "indicheck/limits.h"
#include "indicheck/yaml_text.h"

namespace indicheck::detail {

std::optional<YAML::Node> load_yaml_file(const std::string& path,
                                         std::vector<Diagnostic>& diagnostics) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    diagnostics.push_back(make_error(path, "not-found", "no such file or directory"));
    return std::nullopt;
  }
  if (size > limits::kMaxRuleFileBytes) {
    diagnostics.push_back(make_error(path, "too-large", "file is larger than 8 MiB"));
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    diagnostics.push_back(make_error(path, "unreadable", "cannot read file"));
    return std::nullopt;
  }
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  if (!check_yaml_text(text, path, diagnostics)) return std::nullopt;
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    diagnostics.push_back(make_error(path, "yaml", e.msg,
                                     static_cast<std::uint32_t>(e.mark.line + 1),
                                     static_cast<std::uint32_t>(e.mark.column + 1)));
    return std::nullopt;
  }
}

}  // namespace indicheck::detail
