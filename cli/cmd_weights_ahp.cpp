// `indicheck weights ahp FILE...` and `weights ahp --template FRAMEWORK --out FILE`.
//
// FILE is the YAML form (docs/scoring.md 5.1) or a spreadsheet a panel filled in (.xlsx, .csv in
// UTF-8 or GBK). Several files are several experts' judgements of the same items: each expert's
// CR is shown, and their matrices are combined entry by entry by the geometric mean before the
// eigenvector is taken. The output (tables, then the profile) is the same for every form.
#include <fmt/format.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>

#include "commands.h"
#include "common.h"
#include "indicheck/formats/xlsx.h"
#include "indicheck/scoring.h"
#include "weights_common.h"

namespace po = boost::program_options;

namespace indicheck::cli {
namespace {

bool ends_with_ci(std::string s, std::string_view suffix) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The empty matrix for a meeting: .xlsx (cells formatted as text, so "1/3" stays "1/3") or
// .csv (UTF-8 with BOM, CRLF: Excel and WPS open it as Chinese text).
int write_template(const RuleSet& rules, const std::string& framework_id, const std::string& node,
                   const std::string& out) {
  const Framework* fw = rules.find_framework(framework_id);
  if (fw == nullptr) {
    std::cerr << fmt::format("indicheck: error[unknown-framework]: 规则中没有框架“{}”\n",
                             framework_id);
    return kExitInput;
  }
  const int parent = node.empty() ? 0 : fw->find(node);
  if (parent < 0 || fw->nodes[static_cast<std::size_t>(parent)].children.size() < 2) {
    std::cerr << fmt::format(
        "indicheck: error[unknown-item]: 框架 {} 中没有节点“{}”，或它的下级少于两项\n", fw->id,
        node);
    return kExitInput;
  }
  const auto rows = ahp_template_rows(*fw, parent);
  const bool xlsx = ends_with_ci(out, ".xlsx");
  if (!xlsx && !ends_with_ci(out, ".csv"))
    return weights::usage_error("weights ahp", tr("模板的 --out 文件名须以 .xlsx 或 .csv 结尾",
                                                  "--out of a template must end in .xlsx or .csv"));
  std::vector<Diagnostic> diags;
  if (xlsx) {
    formats::XlsxWriteOptions options;
    options.sheet_name = "两两比较";
    options.width = 18;
    for (std::size_t c = 1; c < rows[0].size(); ++c) options.text_columns.push_back(c);
    if (!formats::write_xlsx(out, rows, options, diags)) {
      print_diagnostics(diags);
      return kExitInput;
    }
  } else {
    std::string text = "\xEF\xBB\xBF";
    for (const auto& row : rows) {
      for (std::size_t c = 0; c < row.size(); ++c) text += (c ? "," : "") + csv_cell(row[c]);
      text += "\r\n";
    }
    if (weights::write_file(out, text) != kExitOk) return kExitInput;
  }
  std::cout << fmt::format(
      "已写入空白两两比较矩阵 {}（框架 {}，{} 项）。\n"
      "在右上三角填写“行比列重要多少”（Saaty 1–9 标度，较不重要时写 1/3 这样的分数），"
      "左下三角可留空（自动取倒数）。\n填好后运行：indicheck weights ahp {}\n",
      out, fw->id, rows.size() - 1, out);
  return kExitOk;
}

std::string entry_text(double v) {
  const double inv = 1.0 / v;
  return v < 1 && std::abs(inv - std::round(inv)) < 1e-9 ? fmt::format("1/{:g}", std::round(inv))
                                                         : fmt::format("{:.4g}", v);
}

// The tables every form prints (matrix, normalized matrix, eigenvector, λmax, CI, RI, CR, the
// most inconsistent pairs) for one (possibly combined) matrix.
void print_ahp(const Framework& fw, const AhpMatrix& matrix, const AhpResult& r,
               const std::string& what) {
  const std::size_t n = matrix.items.size();
  const auto& label = matrix.items;
  std::cout << fmt::format("AHP: {} items of {} ({})\n\n", n, fw.id, what);
  std::cout << "Pairwise comparison matrix A (a_ij: how much more important i is than j)\n";
  std::cout << fmt::format("{:<8}", "");
  for (std::size_t j = 0; j < n; ++j) std::cout << fmt::format(" {:>7}", label[j]);
  std::cout << '\n';
  for (std::size_t i = 0; i < n; ++i) {
    std::cout << fmt::format("{:<8}", label[i]);
    for (std::size_t j = 0; j < n; ++j)
      std::cout << fmt::format(" {:>7}", entry_text(matrix.values[i][j]));
    std::cout << '\n';
  }
  std::cout << "\nColumn-normalized matrix a_ij / Σ_k a_kj\n";
  for (std::size_t i = 0; i < n; ++i) {
    std::cout << fmt::format("{:<8}", label[i]);
    for (std::size_t j = 0; j < n; ++j) std::cout << fmt::format(" {:>7.4f}", r.normalized[i][j]);
    std::cout << '\n';
  }
  std::cout << "\nPrincipal eigenvector w (Σ = 1), A·w and (A·w)_i / w_i\n";
  std::cout << fmt::format("{:<8} {:>9} {:>9} {:>9}  {}\n", "item", "w", "(Aw)_i", "ratio",
                           "title");
  for (std::size_t i = 0; i < n; ++i) {
    const int node = fw.find(label[i]);
    std::cout << fmt::format("{:<8} {:>9.4f} {:>9.4f} {:>9.4f}  {}\n", label[i], r.weights[i],
                             r.weighted_sums[i], r.ratios[i],
                             node >= 0 ? fw.nodes[static_cast<std::size_t>(node)].title : "");
  }
  std::cout << fmt::format(
      "\nλmax = {:.4f}   CI = (λmax - n)/(n - 1) = {:.4f}   RI(n = {}) = {:.2f} (Saaty 1980 random "
      "index)   CR = CI/RI = {:.4f}  → {}\n",
      r.lambda_max, r.ci, n, r.ri, r.cr,
      r.consistent ? "consistent (CR < 0.1)" : "INCONSISTENT (CR >= 0.1)");
  const std::size_t shown = std::min<std::size_t>(r.pairs.size(), r.consistent ? 3 : 5);
  if (shown > 0) {
    std::cout << "\nMost inconsistent pairs (judgement a_ij vs implied w_i/w_j)\n";
    std::cout << fmt::format("{:<8} {:<8} {:>9} {:>9} {:>9}\n", "i", "j", "a_ij", "w_i/w_j",
                             "factor");
    for (std::size_t k = 0; k < shown; ++k) {
      const auto& p = r.pairs[k];
      std::cout << fmt::format("{:<8} {:<8} {:>9.4g} {:>9.4f} {:>9.2f}\n", label[p.i], label[p.j],
                               p.given, p.implied, p.deviation);
    }
  }
}

// The profile: the items' share among their siblings is kept (their weights sum to what they
// summed to before, in the base profile or the framework), split by the AHP priorities.
int write_ahp_profile(const Framework& fw, const Profile* base, const AhpMatrix& matrix,
                      const AhpResult& r, const std::vector<std::string>& files,
                      const std::string& out) {
  std::map<std::string, double> weights;
  for (std::size_t node = 1; node < fw.nodes.size(); ++node)
    weights[fw.nodes[node].id] = fw.nodes[node].weight;
  if (base != nullptr)
    for (const auto& [id, w] : base->weights) weights[id] = w;
  double total = 0;
  for (const auto& item : matrix.items) total += weights[item];
  if (!(total > 0)) total = 1;
  std::cout << fmt::format(
      "\nWeights written (Σ over the items kept at {:g}, their previous total)\n", total);
  std::vector<std::pair<std::string, double>> out_weights;
  if (base != nullptr)
    for (const auto& [id, w] : base->weights)
      if (std::find(matrix.items.begin(), matrix.items.end(), id) == matrix.items.end())
        out_weights.emplace_back(id, w);
  for (std::size_t i = 0; i < matrix.items.size(); ++i) {
    const double w = r.weights[i] * total;
    std::cout << fmt::format("  {:<8} {:>9.4f}\n", matrix.items[i], w);
    out_weights.emplace_back(matrix.items[i], w);
  }
  std::string sources;
  for (const auto& f : files) sources += (sources.empty() ? "" : " ") + f;
  std::vector<std::string> comments{
      fmt::format("Generated by: indicheck weights ahp {}", sources),
      fmt::format("λmax = {:.4f}, CI = {:.4f}, RI({}) = {:.2f} (Saaty 1980), CR = {:.4f}{}",
                  r.lambda_max, r.ci, matrix.items.size(), r.ri, r.cr,
                  r.consistent ? "" : " (inconsistent, accepted with --allow-inconsistent)")};
  if (files.size() > 1)
    comments.push_back(fmt::format("{} 位专家的判断矩阵按几何平均合并", files.size()));
  return weights::emit_profile(weights_profile_yaml(fw, base, "ahp-" + fw.id,
                                                    "AHP weights: " + fw.id, comments, out_weights),
                               out);
}

// One expert's matrix in the first expert's item order; false when the items differ.
bool align_items(const AhpMatrix& first, AhpMatrix& m, std::vector<Diagnostic>& diags) {
  if (m.framework != first.framework || m.items.size() != first.items.size() ||
      !std::is_permutation(m.items.begin(), m.items.end(), first.items.begin())) {
    diags.push_back(
        make_error(m.path, "ahp-experts",
                   fmt::format("比较项与 {} 不同：几位专家须比较同一框架（{}）的同一组项目",
                               first.path, first.framework),
                   m.location.line, m.location.column));
    return false;
  }
  std::vector<std::size_t> pos;
  for (const auto& item : first.items)
    pos.push_back(static_cast<std::size_t>(std::find(m.items.begin(), m.items.end(), item) -
                                           m.items.begin()));
  std::vector<std::vector<double>> values(pos.size(), std::vector<double>(pos.size()));
  for (std::size_t i = 0; i < pos.size(); ++i)
    for (std::size_t j = 0; j < pos.size(); ++j) values[i][j] = m.values[pos[i]][pos[j]];
  m.values = std::move(values);
  m.items = first.items;
  return true;
}

// Loads every file (YAML or spreadsheet) and checks its items against the framework.
bool load_matrices(const std::vector<std::string>& files, const RuleSet& rules,
                   const std::string& framework_id, std::vector<AhpMatrix>& out,
                   const Framework*& fw) {
  std::vector<Diagnostic> diags;
  for (const auto& file : files) {
    auto m = is_ahp_sheet_path(file) ? load_ahp_sheet(file, rules, framework_id, diags)
                                     : load_ahp_matrix(file, diags);
    if (!m) continue;
    const Framework* f = rules.find_framework(m->framework);
    if (f == nullptr) {
      diags.push_back(make_error(file, "unknown-framework",
                                 fmt::format("framework '{}' is not in the rules", m->framework),
                                 m->location.line, m->location.column));
      continue;
    }
    if (!check_ahp_items(*m, *f, diags)) continue;
    if (!out.empty() && !align_items(out.front(), *m, diags)) continue;
    if (out.empty()) fw = f;
    out.push_back(std::move(*m));
  }
  print_diagnostics(diags);
  return !has_errors(diags) && out.size() == files.size();
}

}  // namespace

int run_weights_ahp(const Args& args) {
  std::vector<std::string> files, rules_paths;
  std::string out, profile_path, template_framework, node, framework_id;
  bool allow_inconsistent = false;
  po::options_description desc;
  desc.add_options()("help,h", tr("显示本帮助", "show this help"))(
      "rules", po::value<std::vector<std::string>>(&rules_paths),
      tr("规则文件或文件夹（默认 rules/）", "rule file or folder (default rules/)"))(
      "profile", po::value<std::string>(&profile_path),
      tr("基础评分方案：保留其其他设置和权重，只替换所比较各项的权重",
         "base profile: its other settings and weights are kept, the items' weights replaced"))(
      "out,o", po::value<std::string>(&out),
      tr("把评分方案 YAML（或模板）写入 FILE", "write the profile YAML (or the template) to FILE"))(
      "allow-inconsistent", po::bool_switch(&allow_inconsistent),
      tr("接受 CR >= 0.1 的判断矩阵", "accept CR >= 0.1"))(
      "framework", po::value<std::string>(&framework_id),
      tr("表格左上角单元格未写明纲要时，指定其纲要",
         "framework of a spreadsheet whose top-left cell does not name it"))(
      "template", po::value<std::string>(&template_framework),
      tr("把纲要 FRAMEWORK 各领域的空白两两比较矩阵写入 --out（.xlsx 或 .csv）",
         "write an empty pairwise matrix for FRAMEWORK's areas to --out (.xlsx or .csv)"))(
      "node", po::value<std::string>(&node),
      tr("与 --template 合用：比较该节点的下级各项，而不是各领域",
         "with --template: compare the children of this node instead of the areas"));
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::vector<std::string>>(&files));
  po::positional_options_description positional;
  positional.add("file", -1);
  po::variables_map vm;
  if (const std::string usage = parse_arguments(args, desc, hidden, positional, vm); !usage.empty())
    return weights::usage_error("weights ahp", usage);
  if (vm.count("help")) {
    std::cout << weights::weights_usage();
    print_options(std::cout, desc,
                  tr("选项（weights ahp FILE...）", "Options (weights ahp FILE...)"));
    return kExitOk;
  }
  if (template_framework.empty() && files.empty())
    return weights::usage_error(
        "weights ahp", tr("缺少两两比较判断矩阵文件 FILE", "missing the pairwise matrix FILE"));
  if (!template_framework.empty() && (out.empty() || !files.empty()))
    return weights::usage_error("weights ahp",
                                tr("--template FRAMEWORK 需要 --out FILE，且不能同时给出 FILE",
                                   "--template FRAMEWORK needs --out FILE and no FILE"));

  std::vector<Diagnostic> diags;
  if (rules_paths.empty()) rules_paths = {default_data_path("rules")};
  RuleSet rules = load_rules(rules_paths, diags);
  if (!has_errors(diags) && !profile_path.empty()) load_profile(profile_path, rules, diags);
  if (has_errors(diags)) {
    print_diagnostics(diags);
    return kExitInput;
  }
  if (!template_framework.empty()) return write_template(rules, template_framework, node, out);

  std::vector<AhpMatrix> matrices;
  const Framework* fw = nullptr;
  if (!load_matrices(files, rules, framework_id, matrices, fw)) return kExitInput;
  bool experts_consistent = true;
  if (matrices.size() > 1) {
    std::cout << fmt::format("{} 位专家的判断矩阵（各自的一致性；合并取几何平均）\n",
                             matrices.size());
    for (std::size_t k = 0; k < matrices.size(); ++k) {
      const auto r = ahp_weights(matrices[k].values);
      std::string w;
      for (std::size_t i = 0; i < r.weights.size(); ++i)
        w += fmt::format("{}{}={:.4f}", i ? " " : "", matrices[k].items[i], r.weights[i]);
      std::cout << fmt::format("  专家 {}（{}）：λmax = {:.4f}  CI = {:.4f}  CR = {:.4f}  {}  {}\n",
                               k + 1, matrices[k].path, r.lambda_max, r.ci, r.cr,
                               r.consistent ? "一致" : "不一致（CR ≥ 0.1）", w);
      if (!r.consistent) experts_consistent = false;
    }
    std::cout << '\n';
  }
  AhpMatrix combined = matrices.front();
  if (matrices.size() > 1) {
    std::vector<std::vector<std::vector<double>>> all;
    for (const auto& m : matrices) all.push_back(m.values);
    combined.values = ahp_geometric_mean(all);
  }
  const auto r = ahp_weights(combined.values);
  print_ahp(*fw, combined, r,
            matrices.size() > 1 ? fmt::format("{} 位专家的几何平均", matrices.size()) : files[0]);
  if (!experts_consistent && !allow_inconsistent) {
    std::cerr << "indicheck: error[ahp-inconsistent]: 有专家的判断矩阵 CR ≥ 0.1（见上表）；"
                 "请该专家修改判断，或加 --allow-inconsistent\n";
    return kExitFindings;
  }
  if (!r.consistent && !allow_inconsistent) {
    std::cerr << fmt::format(
        "{}: error[ahp-inconsistent]: CR = {:.3f} is not below 0.1; revise "
        "the judgements listed above or pass --allow-inconsistent\n",
        matrices.size() > 1 ? std::string("indicheck") : files[0], r.cr);
    return kExitFindings;
  }
  return write_ahp_profile(*fw, profile_for(rules, fw->id), combined, r, files, out);
}

}  // namespace indicheck::cli
