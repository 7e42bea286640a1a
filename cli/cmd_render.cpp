// `indicheck render RESULTS.json`: every output of a saved run written again from its
// results.json, without reading a report: another --format, --edition or --lang, or the same
// ones for the same bytes (docs/cli.md). Exit codes: 0 ok; 2 bad results.json, rules that
// changed since the run, bad option, outputs that could not be written; 3 internal error.
#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

#include "commands.h"
#include "common.h"
#include "indicheck/reports.h"
#include "indicheck/results_file.h"

namespace po = boost::program_options;

namespace indicheck::cli {

namespace {

constexpr const char* kRenderUsage =
    "Usage: indicheck render RESULTS.json [OPTIONS]\n"
    "Write the outputs of a saved run again from its results.json (no report is read): the\n"
    "same bytes as the run for the same --format, --edition and --lang. The rule files the run\n"
    "used must still be there (or be given with --rules).\n\n";

int usage_error(const std::string& message) {
  std::cerr << "indicheck render: error[usage]: " << message
            << " (run 'indicheck render --help')\n";
  return kExitInput;
}

// The first line where `a` and `b` differ (1-based).
std::size_t first_different_line(const std::string& a, const std::string& b) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < a.size() && i < b.size() && a[i] == b[i]; ++i)
    line += a[i] == '\n' ? 1 : 0;
  return line;
}

// results.json written again from what was read must be the file itself: otherwise the rules'
// profile, the scoring or this indicheck differ from the run's, and outputs would silently say
// something else than the run did.
bool same_as_run(const Evaluation& evaluation, const std::string& path,
                 std::vector<Diagnostic>& diags) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string original = std::move(buffer).str();
  const std::string again = render_results_json(evaluation);
  if (again == original) return true;
  diags.push_back(make_error(path, "results-mismatch",
                             fmt::format("read back and written again, it differs from line {} "
                                         "on: the profile or indicheck changed since the run "
                                         "(this is indicheck {}); evaluate the reports again",
                                         first_different_line(original, again), INDICHECK_VERSION),
                             static_cast<std::uint32_t>(first_different_line(original, again))));
  return false;
}

}  // namespace

int run_render(const Args& args) {
  std::string results_path, out_dir, formats_text, edition_text;
  std::vector<std::string> rules_paths;
  int jobs = 0;
  bool quiet = false;
  po::options_description desc("Options");
  desc.add_options()("help,h", "show this help")(
      "out,o", po::value<std::string>(&out_dir)->default_value("out"),
      "output directory (replaced as a whole, as by evaluate)")(
      "format", po::value<std::string>(&formats_text)->default_value("all"),
      "outputs: any of html,md,json,csv,xlsx,docx,pdf (comma-separated) or all")(
      "edition", po::value<std::string>(&edition_text)->default_value("audit"),
      "gap reports: audit (审核版), unit (单位版) or both")(
      "rules", po::value<std::vector<std::string>>(&rules_paths),
      "the run's rule files or folders, when not where results.json says (repeatable)")(
      "jobs,j", po::value<int>(&jobs)->default_value(0),
      "threads writing the outputs (0 = all cores); output is identical for any value")(
      "quiet,q", po::bool_switch(&quiet), "no warnings or summary on stderr");
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::string>(&results_path));
  po::positional_options_description positional;
  positional.add("input", 1);
  po::variables_map vm;
  if (const std::string usage = parse_arguments(args, desc, hidden, positional, vm); !usage.empty())
    return usage_error(usage);
  if (vm.count("help")) {
    std::cout << kRenderUsage << desc
              << "\nExit codes: 0 ok, 2 bad results.json, changed rules, bad option or outputs "
                 "that could not be written, 3 internal error.\n";
    return kExitOk;
  }
  if (results_path.empty()) return usage_error("name the results.json to render");
  if (jobs < 0) return usage_error("--jobs must be 0 or more");
  OutputFormats formats;
  std::string error;
  if (!parse_formats(formats_text, formats, error)) return usage_error(error);
  if (!parse_edition(edition_text, formats.edition))
    return usage_error(fmt::format("unknown --edition '{}' (audit, unit or both)", edition_text));

  PipelineResult result;
  const int rc = read_results_file(results_path, rules_paths, result);
  std::vector<Diagnostic> shown;
  for (const auto& d : result.diagnostics)
    if (!quiet || d.severity == Severity::kError) shown.push_back(d);
  print_diagnostics(shown);
  if (rc != kExitOk) return rc;
  Evaluation& evaluation = result.evaluation;
  evaluation.facts.jobs =
      jobs > 0 ? jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<Diagnostic> diags;
  if (!same_as_run(evaluation, results_path, diags)) {
    print_diagnostics(diags);
    return kExitInput;
  }
  // Output files in the run's language unless --lang asks for another.
  if (ui_lang_given()) evaluation.facts.lang = ui_lang();
  if (!write_outputs(evaluation, out_dir, formats, diags)) {
    print_diagnostics(diags);
    return kExitInput;
  }
  if (!quiet) {
    print_diagnostics(diags);  // warnings (e.g. --format pdf without Chromium)
    std::cerr << tr(ui_lang(), Msg::kCliRendered, results_path, evaluation.reports.size(), out_dir)
              << '\n';
  }
  return kExitOk;
}

}  // namespace indicheck::cli
