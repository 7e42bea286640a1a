// `indicheck weights ahp|entropy|critic|fit` and `indicheck sensitivity`.
//
// Every weights command prints each intermediate table on stdout and ends with a profile YAML
// (rules/README.md format) that `evaluate --profile` accepts: written to --out FILE, or printed
// after the tables when --out is not given. entropy, critic, fit and sensitivity evaluate a
// corpus first with the same pipeline as `evaluate` (run_pipeline), so the credit matrix they
// read is the one evaluation scores.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cmath>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>

#include "commands.h"
#include "common.h"
#include "indicheck/diagnostic.h"
#include "indicheck/run.h"
#include "indicheck/scoring.h"
#include "weights_common.h"

namespace po = boost::program_options;

namespace indicheck::cli {

namespace weights {

const char* weights_usage() {
  return tr(
      "用法：indicheck weights <方法> [参数] [选项]\n"
      "计算权重并写成评分方案（evaluate --profile 可直接使用）。\n\n"
      "方法：\n"
      "  ahp FILE...            两两比较判断矩阵（YAML、.xlsx，或 UTF-8/GBK 的 .csv）\n"
      "                         → 特征向量权重、λmax、CI、CR（Saaty 的 RI 表）；\n"
      "                         CR >= 0.1 时拒绝（退出码 1）；多个文件即多位专家，\n"
      "                         按几何平均合并，并显示每位专家的 CR\n"
      "  ahp --template FRAMEWORK --out matrix.xlsx|csv\n"
      "                         为权重评议会生成各领域的空白两两比较矩阵\n"
      "  entropy [PATH...]      由语料的计分矩阵计算熵权\n"
      "  critic [PATH...]       由语料的计分矩阵计算 CRITIC 权重\n"
      "  fit REFERENCE.csv [PATH...]\n"
      "                         用非负最小二乘拟合出能重现审核人员参考得分的权重\n"
      "                         （CSV：unit,score[,year]）；给出 R² 和 Kendall τ-b\n\n",
      "Usage: indicheck weights METHOD [ARGS] [OPTIONS]\n"
      "Derive weights and write them as a profile (evaluate --profile accepts it).\n\n"
      "Methods:\n"
      "  ahp FILE...            pairwise comparison matrix (YAML, .xlsx, or .csv in UTF-8/GBK)\n"
      "                         → eigenvector weights, λmax, CI, CR (Saaty's RI table); CR >= 0.1\n"
      "                         is refused (exit 1); several files = several experts, combined by\n"
      "                         the geometric mean, each expert's CR shown\n"
      "  ahp --template FRAMEWORK --out matrix.xlsx|csv\n"
      "                         empty pairwise matrix of the areas for a weighting meeting\n"
      "  entropy [PATH...]      entropy weights (熵权法) from the corpus' credit matrix\n"
      "  critic [PATH...]       CRITIC weights from the corpus' credit matrix\n"
      "  fit REFERENCE.csv [PATH...]\n"
      "                         non-negative least-squares weights reproducing an auditor's\n"
      "                         reference scores (CSV: unit,score[,year]); R² and Kendall τ-b\n\n");
}

int usage_error(const std::string& command, const std::string& message) {
  std::cerr << "indicheck " << command << ": error[usage]: " << message
            << tr("（运行 indicheck {} --help 查看用法）\n", " (run 'indicheck {} --help')\n",
                  command);
  return kExitInput;
}

int write_file(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << text;
    if (!f) {
      std::remove(tmp.c_str());
      std::cerr << path << ": error[unwritable]: cannot write the file\n";
      return kExitInput;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    std::cerr << path << ": error[unwritable]: cannot write the file\n";
    return kExitInput;
  }
  return kExitOk;
}

int emit_profile(const std::string& yaml, const std::string& out) {
  if (out.empty()) {
    std::cout << "\nProfile (pass with --out FILE to save; evaluate accepts it via --profile):\n\n"
              << yaml;
    return kExitOk;
  }
  if (write_file(out, yaml) != kExitOk) return kExitInput;
  std::cout << "\nWrote profile " << out << " (use: indicheck evaluate --profile " << out << ")\n";
  return kExitOk;
}

}  // namespace weights

namespace {

using weights::emit_profile;
using weights::usage_error;
using weights::weights_usage;

const char* sensitivity_usage() {
  return tr(
      "用法：indicheck sensitivity [PATH...] [选项]\n"
      "权重变动时排名的稳定性：在现行权重附近做 Dirichlet 随机抽样，给出每个单位排名的\n"
      "第 5/50/95 百分位数和 P(排名 = 1)，以及每次抽样的排名与基准排名的 Kendall τ-b。\n\n",
      "Usage: indicheck sensitivity [PATH...] [OPTIONS]\n"
      "How stable the ranking is when the weights move: Dirichlet draws around the weights in\n"
      "force, per unit the 5th/50th/95th percentile of its rank and P(rank = 1), and Kendall's\n"
      "τ-b of each draw's ranking to the baseline.\n\n");
}

std::string today_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// Options shared by the commands that evaluate a corpus.
struct CorpusOptions {
  PipelineOptions pipeline;
  std::string model = "hierarchical";
  double partial_credit = -1;
  bool verbose = false;
  std::string out;

  void add_to(po::options_description& desc) {
    desc.add_options()("rules", po::value<std::vector<std::string>>(&pipeline.rules_paths),
                       tr("规则文件或文件夹（可重复；默认 rules/）",
                          "rule file or folder (repeatable; default rules/)"))(
        "profile", po::value<std::string>(&pipeline.profile_path),
        tr("现行评分方案（YAML）；其指标选择和豁免带入输出",
           "profile in force (YAML); its selection and waivers are carried into the output"))(
        "framework", po::value<std::string>(&pipeline.framework_override),
        tr("要计算权重的纲要（默认：计分报告最多的指标纲要）",
           "framework to weight (default: the indicators framework scoring most reports)"))(
        "manifest", po::value<std::string>(&pipeline.manifest_path),
        tr("清单 CSV：path（或 file）及 unit、level、province、year；优先于自动识别",
           "CSV of path (or file) and unit, level, province, year: wins over inference"))(
        "model", po::value<std::string>(&model)->default_value("hierarchical"),
        tr("hierarchical | flat（有权重的计分模型）", "hierarchical | flat (the weighted models)"))(
        "partial-credit", po::value<double>(&partial_credit),
        tr("部分落实项的计分系数（0–1）", "credit of a partial item (0-1)"))(
        "jobs,j", po::value<int>(&pipeline.jobs)->default_value(0),
        tr("工作线程数（0 = 全部核心）", "worker threads (0 = all cores)"))(
        "encoding", po::value<std::string>(&pipeline.encoding),
        tr("强制报告编码", "force the reports' encoding"))(
        "out,o", po::value<std::string>(&out),
        tr("把评分方案 YAML 写入 FILE", "write the profile YAML to FILE"))(
        "verbose,v", po::bool_switch(&verbose),
        tr("同时显示完整的计分矩阵和相关系数矩阵",
           "also print the full credit and correlation matrices"));
  }

  // Validates option values; returns an error message or "".
  std::string finish(bool partial_credit_given) {
    if (const auto parsed = model_from_name(model))
      pipeline.scoring.model = *parsed;
    else
      return tr("未知的 --model 取值“{}”", "unknown --model '{}'", model);
    if (partial_credit_given) {
      if (!(partial_credit >= 0 && partial_credit <= 1))
        return tr("--partial-credit 须在 0 到 1 之间", "--partial-credit must be between 0 and 1");
      pipeline.scoring.partial_credit = partial_credit;
    }
    if (pipeline.jobs < 0) return tr("--jobs 须为 0 或更大", "--jobs must be 0 or more");
    pipeline.scoring.today = today_utc();
    pipeline.progress = ::isatty(2) && std::getenv("CI") == nullptr;
    return "";
  }
};

// The evaluated table to weight: --framework, else the indicators framework with most units.
struct Target {
  const Framework* framework = nullptr;
  const ScoreTable* table = nullptr;
  const Profile* profile = nullptr;
};

int evaluate_corpus(CorpusOptions& options, PipelineResult& result, Target& target) {
  use_default_paths(options.pipeline);
  const int rc = run_pipeline(options.pipeline, result);
  std::vector<Diagnostic> errors;
  for (const auto& d : result.diagnostics)
    if (d.severity == Severity::kError || options.verbose) errors.push_back(d);
  print_diagnostics(errors);
  if (rc != kExitOk) return rc;
  target.table = weighting_table(result, options.pipeline.framework_override, target.framework);
  if (target.table == nullptr) {
    std::cerr << "indicheck: error[no-scores]: no report was scored against "
              << (options.pipeline.framework_override.empty()
                      ? std::string("an indicators framework")
                      : options.pipeline.framework_override)
              << '\n';
    return kExitInput;
  }
  if (has_errors(result.diagnostics)) {
    // Profile errors (unknown ids, bad weights) come from scoring: refuse like evaluate would.
    for (const auto& d : result.diagnostics)
      if (d.severity == Severity::kError && !d.path.empty() &&
          d.path == options.pipeline.profile_path)
        return kExitInput;
  }
  target.profile = profile_for(result.rules, target.framework->id);
  std::cout << fmt::format("Framework {} ({}), {} unit(s), model {}, partial credit {:g}\n\n",
                           target.framework->id, target.framework->title,
                           target.table->units.size(), model_name(target.table->model),
                           target.table->partial_credit);
  return kExitOk;
}

std::string unit_label(const UnitKey& k) {
  return k.year > 0 ? fmt::format("{} {}", k.unit.empty() ? k.path : k.unit, k.year)
                    : (k.unit.empty() ? k.path : k.unit);
}

void print_credit_matrix(const CreditMatrix& cm, bool verbose) {
  if (!verbose && cm.rows() > 20) {
    std::cout << fmt::format(
        "Credit matrix: {} units × {} leaves (masked cells: not applicable "
        "or waived); --verbose prints it.\n\n",
        cm.rows(), cm.cols());
    return;
  }
  std::cout << fmt::format(
      "Credit matrix x_ij (rows: leaves, columns: units; '-' = not in force)\n");
  std::cout << fmt::format("{:<10}", "leaf");
  for (std::size_t r = 0; r < cm.rows(); ++r)
    std::cout << fmt::format(" {:>6}", fmt::format("u{}", r + 1));
  std::cout << '\n';
  for (std::size_t c = 0; c < cm.cols(); ++c) {
    std::cout << fmt::format("{:<10}", cm.items[c]);
    for (std::size_t r = 0; r < cm.rows(); ++r)
      std::cout << (cm.counted(r, c) ? fmt::format(" {:>6.2f}", cm.at(r, c))
                                     : fmt::format(" {:>6}", "-"));
    std::cout << '\n';
  }
  for (std::size_t r = 0; r < cm.rows(); ++r)
    std::cout << fmt::format("  u{} = {}\n", r + 1, cm.units[r]);
  std::cout << '\n';
}

void print_rescored(const Framework& fw, const ScoreTable& table,
                    const std::vector<double>& node_weights) {
  const auto after = rescore(fw, table, node_weights);
  const auto rank_after = rank_descending(after);
  std::cout << "\nScores under the derived weights (same states, same model)\n";
  std::cout << fmt::format("{:<28} {:>9} {:>6} {:>9} {:>6}\n", "unit", "score", "rank", "derived",
                           "rank");
  for (std::size_t u = 0; u < table.units.size(); ++u)
    std::cout << fmt::format("{:<28} {:>9.2f} {:>6} {:>9.2f} {:>6}\n",
                             unit_label(table.units[u].key), table.units[u].score,
                             table.units[u].rank, after[u], rank_after[u]);
}

// ---------------------------------------------------------------------------------------------

// Says whether the data can carry the weights (docs/scoring.md 5.5): how many units per free
// weight, and which columns are constant.
void print_support(const DataSupport& s, const std::string& method) {
  std::cout << fmt::format(
      "数据能否支撑权重：{} 个{}单位，{} 个指标，即 {} 个自由权重（权重之和为 1）。\n", s.units,
      method == "fit" ? "参考" : "", s.columns, s.free_weights);
  if (!s.constant_columns.empty()) {
    std::string list;
    for (std::size_t k = 0; k < s.constant_columns.size() && k < 12; ++k)
      list += (k ? "、" : "") + s.constant_columns[k];
    if (s.constant_columns.size() > 12) list += "…";
    std::cout << fmt::format(
        "  {} 个指标在这些单位之间没有差异（常数列：{}），数据无法确定它们的权重。\n",
        s.constant_columns.size(), list);
  }
  if (s.enough_units())
    std::cout << "  单位数多于自由权重数。\n\n";
  else
    std::cout << fmt::format(
        "  单位数（{}）不多于自由权重数（{}）：数据不足以确定这些权重，{}。\n\n", s.units,
        s.free_weights,
        method == "fit" ? "拟合只会把参考得分原样“背下来”" : "所得权重只描述这几个单位，不宜推广");
}

// The entropy method's table: each leaf's counts, entropy, divergence and weight.
void print_entropy_table(const CreditMatrix& cm, const auto& r) {
  std::cout << "Entropy weights: p_ij = x_ij / Σ_i x_ij, e_j = -(1/ln m_j) Σ_i p_ij ln p_ij "
               "(0·ln 0 = 0), d_j = 1 - e_j, w_j = d_j / Σ d\n";
  std::cout << fmt::format("{:<10} {:>5} {:>8} {:>8} {:>8} {:>8}  {}\n", "leaf", "m_j", "Σx", "e_j",
                           "d_j", "w_j", "note");
  for (std::size_t c = 0; c < cm.cols(); ++c)
    std::cout << fmt::format("{:<10} {:>5} {:>8.3f} {:>8.4f} {:>8.4f} {:>8.4f}  {}\n", cm.items[c],
                             r.counted[c], r.column_sum[c], r.entropy[c], r.divergence[c],
                             r.weights.empty() ? 0.0 : r.weights[c], r.notes[c]);
}

// entropy | critic | fit share the corpus options.
int run_objective(const std::string& method, const Args& args) {
  CorpusOptions options;
  std::string reference_path;
  bool force = false;
  po::options_description desc;
  desc.add_options()("help,h", tr("显示本帮助", "show this help"));
  if (method == "fit")
    desc.add_options()("force", po::bool_switch(&force),
                       tr("参考单位数不多于自由权重数时也强制拟合",
                          "fit even when there are no more reference units than free weights"));
  options.add_to(desc);
  std::vector<std::string> positional_args;
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>(&positional_args));
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map vm;
  const std::string command = "weights " + method;
  if (const std::string usage = parse_arguments(args, desc, hidden, positional, vm);
      !usage.empty()) {
    return usage_error(command, usage);
  }
  if (vm.count("help")) {
    std::cout << weights_usage();
    print_options(std::cout, desc, tr("选项（weights {}）", "Options (weights {})", method));
    return kExitOk;
  }
  if (method == "fit") {
    if (positional_args.empty())
      return usage_error(command, tr("缺少参考得分文件 REFERENCE.csv", "missing REFERENCE.csv"));
    reference_path = positional_args.front();
    positional_args.erase(positional_args.begin());
  }
  options.pipeline.inputs = positional_args;
  if (auto error = options.finish(vm.count("partial-credit") > 0); !error.empty())
    return usage_error(command, error);
  if (options.pipeline.scoring.model != ScoringModel::kHierarchical &&
      options.pipeline.scoring.model != ScoringModel::kFlat)
    return usage_error(command, tr("权重只适用于 hierarchical 和 flat 计分模型",
                                   "weights apply to the hierarchical and flat models only"));

  std::optional<std::vector<ReferenceScore>> reference;
  if (method == "fit") {
    std::vector<Diagnostic> diags;
    reference = load_reference_scores(reference_path, diags);
    if (!reference) {
      print_diagnostics(diags);
      return kExitInput;
    }
  }
  PipelineResult result;
  Target target;
  if (int rc = evaluate_corpus(options, result, target); rc != kExitOk) return rc;
  const Framework& fw = *target.framework;
  const ScoreTable& table = *target.table;
  const CreditMatrix cm = credit_matrix(fw, table);
  std::vector<double> leaf;
  std::vector<std::string> comments{
      fmt::format("Generated by: indicheck weights {} ({} units, "
                  "model {})",
                  method, cm.rows(), model_name(table.model))};
  if (method != "fit") print_support(data_support(cm), method);
  if (method == "entropy") {
    print_credit_matrix(cm, options.verbose || cm.rows() <= 20);
    const auto r = entropy_weights(cm);
    print_entropy_table(cm, r);
    if (!r.error.empty()) {
      std::cerr << "indicheck: error[entropy-undefined]: " << r.error << '\n';
      return kExitInput;
    }
    leaf = leaf_weights_from_columns(fw, cm, r.weights);
  } else if (method == "critic") {
    print_credit_matrix(cm, options.verbose || cm.rows() <= 20);
    const auto r = critic_weights(cm);
    if (options.verbose) {
      std::cout << "Correlation matrix r_jk (Pearson; 0 with a constant column)\n";
      for (std::size_t j = 0; j < cm.cols(); ++j) {
        std::cout << fmt::format("{:<10}", cm.items[j]);
        for (std::size_t k = 0; k < cm.cols(); ++k)
          std::cout << fmt::format(" {:>6.3f}", r.correlation[j * cm.cols() + k]);
        std::cout << '\n';
      }
      std::cout << '\n';
    } else {
      std::cout << fmt::format("Correlation matrix: {0} × {0} (--verbose prints it)\n\n",
                               cm.cols());
    }
    std::cout
        << "CRITIC weights: C_j = σ_j Σ_k (1 - r_jk), w_j = C_j / Σ C (Diakoulaki et al. 1995)\n";
    std::cout << fmt::format("{:<10} {:>8} {:>8} {:>10} {:>9} {:>8}\n", "leaf", "mean", "σ_j",
                             "Σ(1-r_jk)", "C_j", "w_j");
    for (std::size_t c = 0; c < cm.cols(); ++c)
      std::cout << fmt::format("{:<10} {:>8.4f} {:>8.4f} {:>10.4f} {:>9.4f} {:>8.4f}\n",
                               cm.items[c], r.mean[c], r.stddev[c], r.conflict[c], r.information[c],
                               r.weights.empty() ? 0.0 : r.weights[c]);
    if (!r.error.empty()) {
      std::cerr << "indicheck: error[critic-undefined]: " << r.error << '\n';
      return kExitInput;
    }
    leaf = leaf_weights_from_columns(fw, cm, r.weights);
  } else {  // fit
    std::vector<Diagnostic> diags;
    const auto r = fit_weights(fw, table, *reference, diags);
    if (!r.ok) {
      print_diagnostics(diags);
      return kExitInput;
    }
    const DataSupport support = data_support(cm, r.rows);
    print_support(support, method);
    if (!support.enough_units() && !force) {
      std::cerr << fmt::format(
          "{}: error[fit-memorising]: 只有 {} 个参考单位，却有 {} 个自由权重：拟合会把参考得分"
          "原样背下来（R² = 1），对其他单位没有意义；请增加参考单位，或加 --force 强制拟合\n",
          reference_path, support.units, support.free_weights);
      return kExitInput;
    }
    std::cout << fmt::format(
        "NNLS (Lawson-Hanson): {} reference unit(s) × {} leaves, {} iteration(s), "
        "{}, residual ‖Aw - b‖ = {:.4g}\n\n",
        r.rows.size(), cm.cols(), r.nnls.iterations,
        r.nnls.converged ? "converged" : "NOT converged", r.nnls.residual_norm);
    std::cout << fmt::format("{:<28} {:>9} {:>9} {:>9}\n", "unit", "reference", "fitted",
                             "residual");
    for (std::size_t k = 0; k < r.rows.size(); ++k)
      std::cout << fmt::format("{:<28} {:>9.2f} {:>9.2f} {:>9.2f}\n",
                               unit_label(table.units[static_cast<std::size_t>(r.rows[k])].key),
                               r.reference[k], r.fitted[k], r.fitted[k] - r.reference[k]);
    std::cout << fmt::format("\nR² = {:.4f}   Kendall τ-b (fitted vs reference ranking) = {:.4f}\n",
                             r.r_squared, r.tau_b);
    std::cout << "\nLeaf weights (global, Σ = 1; leaves not listed got 0)\n";
    for (std::size_t l = 0; l < fw.leaves.size(); ++l)
      if (r.leaf_weights[l] > 0)
        std::cout << fmt::format("  {:<10} {:>8.4f}\n",
                                 fw.nodes[static_cast<std::size_t>(fw.leaves[l])].id,
                                 r.leaf_weights[l]);
    comments.push_back(fmt::format("Reference: {}; R² = {:.4f}, Kendall τ-b = {:.4f}",
                                   reference_path, r.r_squared, r.tau_b));
    leaf = r.leaf_weights;
  }
  const auto node_weights = node_weights_from_leaf_weights(fw, leaf);
  print_rescored(fw, table, node_weights);
  const auto yaml = weights_profile_yaml(fw, target.profile, method + "-" + fw.id,
                                         fmt::format("{} weights: {}", method, fw.id), comments,
                                         profile_node_weights(fw, table, node_weights));
  return emit_profile(yaml, options.out);
}

}  // namespace

int run_weights(const Args& args) {
  if (args.empty() || args[0] == "-h" || args[0] == "--help") {
    std::cout << weights_usage()
              << tr("各方法的选项见 indicheck weights <方法> --help。\n",
                    "Run 'indicheck weights METHOD --help' for a method's options.\n");
    return args.empty() ? kExitInput : kExitOk;
  }
  const std::string method = args[0];
  const Args rest(args.begin() + 1, args.end());
  if (method == "ahp") return run_weights_ahp(rest);
  if (method == "entropy" || method == "critic" || method == "fit")
    return run_objective(method, rest);
  return usage_error("weights", tr("未知的方法“{}”（可用 ahp、entropy、critic、fit）",
                                   "unknown method '{}' (ahp, entropy, critic, fit)", method));
}

int run_sensitivity(const Args& args) {
  CorpusOptions options;
  SensitivityOptions sensitivity_options;
  bool compare = false;
  po::options_description desc;
  desc.add_options()("help,h", tr("显示本帮助", "show this help"))(
      "draws", po::value<int>(&sensitivity_options.draws)->default_value(1000),
      tr("蒙特卡洛抽样次数", "Monte-Carlo draws"))(
      "concentration", po::value<double>(&sensitivity_options.concentration)->default_value(100),
      tr("Dirichlet 集中度 C：Var(w_j) = w_j(1-w_j)/(C+1)；越大则权重变动越小",
         "Dirichlet concentration C: Var(w_j) = w_j(1 - w_j)/(C + 1); larger = smaller moves"))(
      "seed", po::value<std::uint64_t>(&sensitivity_options.seed)->default_value(1),
      tr("随机种子（种子相同，输出相同）", "random seed (same seed, same output)"))(
      "compare-methods", po::bool_switch(&compare),
      tr("同时并列给出等权、熵权和 CRITIC 权重下的排名",
         "also rank under equal, entropy and CRITIC weights side by side"));
  options.add_to(desc);
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>(&options.pipeline.inputs));
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map vm;
  if (const std::string usage = parse_arguments(args, desc, hidden, positional, vm);
      !usage.empty()) {
    return usage_error("sensitivity", usage);
  }
  if (vm.count("help")) {
    std::cout << sensitivity_usage();
    print_options(std::cout, desc, tr("选项（sensitivity）", "Options (sensitivity)"));
    return kExitOk;
  }
  if (auto error = options.finish(vm.count("partial-credit") > 0); !error.empty())
    return usage_error("sensitivity", error);
  if (sensitivity_options.draws < 1 || sensitivity_options.draws > limits::kMaxSensitivityDraws)
    return usage_error("sensitivity",
                       tr("--draws 须在 1 到 {} 之间", "--draws must be between 1 and {}",
                          limits::kMaxSensitivityDraws));
  if (!(sensitivity_options.concentration > 0) || !std::isfinite(sensitivity_options.concentration))
    return usage_error("sensitivity",
                       tr("--concentration 须为正数", "--concentration must be a positive number"));

  PipelineResult result;
  Target target;
  if (int rc = evaluate_corpus(options, result, target); rc != kExitOk) return rc;
  const Framework& fw = *target.framework;
  const ScoreTable& table = *target.table;
  const auto r = sensitivity(fw, table, sensitivity_options);
  if (!r.error.empty()) {
    std::cerr << "indicheck sensitivity: error[sensitivity]: " << r.error << '\n';
    return kExitInput;
  }
  std::cout << fmt::format("Sensitivity: {} draws, w' ~ Dirichlet({:g} · w), seed {}\n\n",
                           sensitivity_options.draws, sensitivity_options.concentration,
                           sensitivity_options.seed);
  std::cout << fmt::format("{:<28} {:>8} {:>5} {:>5} {:>5} {:>5} {:>9}\n", "unit", "score", "rank",
                           "p5", "p50", "p95", "P(rank=1)");
  std::vector<std::size_t> order(table.units.size());
  for (std::size_t u = 0; u < order.size(); ++u) order[u] = u;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return table.units[a].rank < table.units[b].rank;
  });
  for (std::size_t u : order) {
    const auto& s = r.units[u];
    std::cout << fmt::format("{:<28} {:>8.2f} {:>5} {:>5} {:>5} {:>5} {:>9.3f}\n",
                             unit_label(table.units[u].key), table.units[u].score, s.baseline_rank,
                             s.rank_p5, s.rank_p50, s.rank_p95, s.p_first);
  }
  std::vector<double> tau = r.tau;
  std::sort(tau.begin(), tau.end());
  auto tau_at = [&](double p) {  // nearest-rank percentile
    const auto k = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(tau.size())));
    return tau[std::clamp<std::size_t>(k, 1, tau.size()) - 1];
  };
  std::cout << fmt::format(
      "\nKendall τ-b of each draw's ranking to the baseline: mean {:.4f}, min {:.4f} "
      "(p5 {:.4f}, p50 {:.4f}, p95 {:.4f})\n",
      r.tau_mean, r.tau_min, tau_at(5), tau_at(50), tau_at(95));

  if (compare) {
    const CreditMatrix cm = credit_matrix(fw, table);
    std::vector<std::pair<std::string, std::vector<int>>> columns;
    // Equal: every included node weighs 1 (the tree's shape still counts).
    std::vector<double> equal(fw.nodes.size(), 1.0);
    columns.emplace_back("equal", rank_descending(rescore(fw, table, equal)));
    const auto e = entropy_weights(cm);
    if (e.error.empty())
      columns.emplace_back(
          "entropy",
          rank_descending(rescore(
              fw, table,
              node_weights_from_leaf_weights(fw, leaf_weights_from_columns(fw, cm, e.weights)))));
    else
      std::cout << "entropy: " << e.error << '\n';
    const auto c = critic_weights(cm);
    if (c.error.empty())
      columns.emplace_back(
          "critic",
          rank_descending(rescore(
              fw, table,
              node_weights_from_leaf_weights(fw, leaf_weights_from_columns(fw, cm, c.weights)))));
    else
      std::cout << "critic: " << c.error << '\n';
    std::cout << "\nRanks under alternative weightings (same states, same model)\n";
    std::cout << fmt::format("{:<28} {:>8}", "unit", "in force");
    for (const auto& [name, ranks] : columns) std::cout << fmt::format(" {:>8}", name);
    std::cout << '\n';
    std::vector<double> base_ranks;
    for (const auto& u : table.units) base_ranks.push_back(u.rank);
    for (std::size_t u : order) {
      std::cout << fmt::format("{:<28} {:>8}", unit_label(table.units[u].key), table.units[u].rank);
      for (const auto& [name, ranks] : columns) std::cout << fmt::format(" {:>8}", ranks[u]);
      std::cout << '\n';
    }
    std::cout << fmt::format("{:<28} {:>8}", "τ-b to weights in force", "1.0000");
    for (const auto& [name, ranks] : columns) {
      const std::vector<double> d(ranks.begin(), ranks.end());
      std::cout << fmt::format(" {:>8.4f}", kendall_tau_b(d, base_ranks));
    }
    std::cout << '\n';
  }
  return kExitOk;
}

}  // namespace indicheck::cli
