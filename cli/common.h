// Helpers shared by subcommands: argument parsing, diagnostic printing, default data paths.
#pragma once

#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "commands.h"
#include "indicheck/diagnostic.h"
#include "indicheck/messages.h"
#include "indicheck/run.h"

namespace indicheck::cli {

// Parses a subcommand's arguments: `visible` options (listed by --help), `hidden` ones that
// the bare arguments fill through `positional`. Returns the message of a usage error (Boost's
// in English, the same said in Chinese otherwise) and "" on success; each command prints the
// message its own way and exits kExitInput.
std::string parse_arguments(
    const Args& args, const boost::program_options::options_description& visible,
    const boost::program_options::options_description& hidden,
    const boost::program_options::positional_options_description& positional,
    boost::program_options::variables_map& vm);

// The language of the CLI's own messages: `--lang zh|en` (anywhere on the command line, taken
// out by main), else LANG (lang_from_environment). Output files default to zh-CN whatever LANG.
Lang ui_lang();
void set_ui_lang(Lang lang);
// Whether --lang was given (then it also chooses the language of output files).
bool ui_lang_given();

// The CLI's own words (help texts, option descriptions, usage errors) in ui_lang(): `zh` by
// default, `en` when the messages are English. With arguments (the template; without any, the
// plain overload is chosen) the chosen text is an fmt format string ("{}" in order), formatted.
const char* tr(const char* zh, const char* en);
template <typename... Args>
std::string tr(const char* zh, const char* en, const Args&... args) {
  return fmt::format(fmt::runtime(tr(zh, en)), args...);
}

// A command's options as --help lists them, under `caption` (e.g. tr("选项", "Options")).
// English: Boost's own layout. Chinese: the same columns, descriptions wrapped at 80 columns by
// display width (a Chinese character is two columns), never inside a character or an ASCII word
// (Boost counts bytes and would cut a character in two).
void print_options(std::ostream& os, const boost::program_options::options_description& options,
                   std::string_view caption);

// A diagnostic as the user reads it: Diagnostic::str() in English; in Chinese the code stays
// (`error[not-found]`) and the catalogue's headline for it comes first, the detail after it.
std::string diagnostic_line(const Diagnostic& diagnostic, Lang lang);

// Prints each diagnostic on its own line to stderr (diagnostic_line in ui_lang()).
void print_diagnostics(const std::vector<Diagnostic>& diagnostics);

// Directory holding the bundled rules/ and corpus/ when the user gives none: the current
// directory if it has them, else the source tree the binary was built from.
std::string default_data_path(const std::string& name);

// Fills empty inputs and rules paths of `options` with the bundled corpus/ and rules/.
void use_default_paths(PipelineOptions& options);

}  // namespace indicheck::cli
