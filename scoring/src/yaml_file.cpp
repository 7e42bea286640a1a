#include "yaml_file.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include "indicheck/file_check.h"
#include "indicheck/limits.h"
#include "indicheck/yaml_text.h"

namespace indicheck::detail {

std::optional<YAML::Node> load_yaml_file(const std::string& path,
                                         std::vector<Diagnostic>& diagnostics) {
  if (auto problem = check_regular_file(path, path)) {  // before opening: a FIFO would block
    diagnostics.push_back(std::move(*problem));
    return std::nullopt;
  }
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
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
