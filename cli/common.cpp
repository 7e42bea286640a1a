#include "common.h"

#include <filesystem>
#include <iostream>
#include <system_error>

namespace fs = std::filesystem;

namespace indicheck::cli {

std::string parse_arguments(
    const Args& args, const boost::program_options::options_description& visible,
    const boost::program_options::options_description& hidden,
    const boost::program_options::positional_options_description& positional,
    boost::program_options::variables_map& vm) {
  namespace po = boost::program_options;
  po::options_description all;
  all.add(visible).add(hidden);
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return e.what();
  }
  return "";
}

namespace {
Lang g_lang = lang_from_environment();
bool g_lang_given = false;
}  // namespace

Lang ui_lang() {
  return g_lang;
}
void set_ui_lang(Lang lang) {
  g_lang = lang;
  g_lang_given = true;
}
bool ui_lang_given() {
  return g_lang_given;
}

std::string diagnostic_line(const Diagnostic& d, Lang lang) {
  const std::string_view headline = diagnostic_headline(d.code, lang);
  if (headline.empty() || d.message.empty()) return d.str();
  Diagnostic zh = d;
  zh.message =
      std::string(headline) + "。" + std::string(msg(Msg::kCliDiagDetail, lang)) + d.message;
  return zh.str();
}

void print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) std::cerr << diagnostic_line(d, ui_lang()) << '\n';
}

std::string default_data_path(const std::string& name) {
  std::error_code ec;
  if (fs::exists(name, ec)) return name;
#ifdef INDICHECK_SOURCE_DIR
  fs::path source = fs::path(INDICHECK_SOURCE_DIR) / name;
  if (fs::exists(source, ec)) return source.string();
#endif
  return name;
}

void use_default_paths(PipelineOptions& options) {
  if (options.inputs.empty()) options.inputs.push_back(default_data_path("corpus"));
  if (options.rules_paths.empty()) options.rules_paths.push_back(default_data_path("rules"));
}

}  // namespace indicheck::cli
