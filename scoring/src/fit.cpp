// Weights that reproduce an auditor's reference scores: non-negative least squares.
//
// Lawson & Hanson (1974), Solving Least Squares Problems, ch. 23, algorithm NNLS: an active-set
// method. Variables start at 0 (all "active" at their bound); the one whose gradient most wants
// to grow joins the passive set; an unconstrained least-squares solve over the passive set is
// taken as far as feasibility allows, variables that hit 0 go back; repeat until no gradient
// component is positive (the KKT conditions).
//
// The fitted model. With global leaf weights w (Σ w = 1) the hierarchical score of a unit is,
// when nothing is masked, s_i = 100 Σ_j w_j c_ij; with masked cells the weights of the cells in
// force are renormalized: s_i = 100 Σ_j w_j m_ij c_ij / Σ_j w_j m_ij. Multiplying out,
//   Σ_j w_j m_ij (100 c_ij - s_i) = 0,
// which is linear and homogeneous in w. We minimize ||A w||² with A_ij = m_ij (100 c_ij - s_i)
// subject to w >= 0 and Σ w = 1, the equality as one extra row λ·1ᵀ w = λ (any λ > 0 gives the
// same direction of w: the residual is homogeneous, so only Σ w needs pinning; w is rescaled to
// Σ = 1 afterwards). The flat model has no renormalization: A_ij = 100 m_ij c_ij - s_i.
// R² and Kendall's τ-b are then computed from the scores the written profile really produces
// (rescore), not from the linearized residual.
#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <unordered_map>

#include "indicheck/scoring.h"
#include "internal.h"

namespace indicheck {
namespace {

using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

bool parse_number(std::string s, double& out) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  std::size_t start = 0;
  while (start < s.size() && (s[start] == ' ' || s[start] == '\t')) ++start;
  s = s.substr(start);
  if (s.empty()) return false;
  const char* begin = s.data();
  if (*begin == '+') ++begin;
  const auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(out);
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  std::size_t start = 0;
  while (start < s.size() && (s[start] == ' ' || s[start] == '\t')) ++start;
  return s.substr(start);
}

// Splits one CSV line (RFC 4180 quotes, no embedded newlines).
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  for (auto& f : fields) f = trim(f);
  return fields;
}

}  // namespace

NnlsResult nnls(std::size_t rows, std::size_t cols, std::span<const double> a_row_major,
                std::span<const double> b_values) {
  NnlsResult result;
  const auto m = static_cast<Eigen::Index>(rows);
  const auto n = static_cast<Eigen::Index>(cols);
  const Eigen::Map<const RowMajor> a(a_row_major.data(), m, n);
  const Eigen::Map<const Eigen::VectorXd> b(b_values.data(), m);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(n);
  std::vector<bool> passive(cols, false);
  const double tolerance = 10 * std::numeric_limits<double>::epsilon() *
                           a.cwiseAbs().colwise().sum().maxCoeff() *
                           static_cast<double>(std::max(rows, cols));
  const int max_iterations =
      limits::kMaxNnlsIterationsPerColumn * std::max(1, static_cast<int>(cols));
  Eigen::VectorXd gradient = a.transpose() * (b - a * x);

  auto solve_passive = [&](Eigen::VectorXd& z) {
    std::vector<Eigen::Index> idx;
    for (Eigen::Index j = 0; j < n; ++j)
      if (passive[static_cast<std::size_t>(j)]) idx.push_back(j);
    Eigen::MatrixXd ap(m, static_cast<Eigen::Index>(idx.size()));
    for (std::size_t k = 0; k < idx.size(); ++k)
      ap.col(static_cast<Eigen::Index>(k)) = a.col(idx[k]);
    const Eigen::VectorXd zp = ap.colPivHouseholderQr().solve(b);
    z = Eigen::VectorXd::Zero(n);
    for (std::size_t k = 0; k < idx.size(); ++k) z(idx[k]) = zp(static_cast<Eigen::Index>(k));
  };

  int iterations = 0;
  while (iterations < max_iterations) {
    // The variable at its bound whose gradient most wants it to grow.
    Eigen::Index t = -1;
    double best = tolerance;
    for (Eigen::Index j = 0; j < n; ++j)
      if (!passive[static_cast<std::size_t>(j)] && gradient(j) > best) {
        best = gradient(j);
        t = j;
      }
    if (t < 0) {
      result.converged = true;
      break;
    }
    passive[static_cast<std::size_t>(t)] = true;
    Eigen::VectorXd z;
    while (iterations++ < max_iterations) {
      solve_passive(z);
      bool feasible = true;
      double alpha = 1.0;
      for (Eigen::Index j = 0; j < n; ++j) {
        if (!passive[static_cast<std::size_t>(j)] || z(j) > tolerance) continue;
        feasible = false;
        const double step = x(j) / (x(j) - z(j));
        if (std::isfinite(step)) alpha = std::min(alpha, step);
      }
      if (feasible) {
        x = z;
        break;
      }
      // Move toward z until the first passive variable reaches 0; those return to the bound.
      x += alpha * (z - x);
      for (Eigen::Index j = 0; j < n; ++j)
        if (passive[static_cast<std::size_t>(j)] && x(j) <= tolerance) {
          passive[static_cast<std::size_t>(j)] = false;
          x(j) = 0;
        }
    }
    gradient = a.transpose() * (b - a * x);
  }
  result.iterations = iterations;
  result.x.assign(x.data(), x.data() + n);
  result.residual_norm = (a * x - b).norm();
  return result;
}

std::optional<std::vector<ReferenceScore>> load_reference_scores(
    const std::string& path, std::vector<Diagnostic>& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.push_back(make_error(path, "not-found", "no such file or directory"));
    return std::nullopt;
  }
  std::vector<ReferenceScore> out;
  const std::size_t errors_before = diagnostics.size();
  std::string line;
  std::uint32_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 BOM
    if (trim(line).empty() || trim(line)[0] == '#') continue;
    const auto fields = split_csv(line);
    if (out.empty() && line_no <= 2 && (fields[0] == "unit" || fields[0] == "单位")) continue;
    if (fields.size() < 2 || fields.size() > 3) {
      diagnostics.push_back(make_error(path, "csv-fields",
                                       fmt::format("expected 'unit,score' or 'unit,score,year', "
                                                   "got {} field(s)",
                                                   fields.size()),
                                       line_no, 1));
      continue;
    }
    ReferenceScore r;
    r.unit = fields[0];
    r.location = SourceLocation{path, line_no, 1};
    if (r.unit.empty()) {
      diagnostics.push_back(make_error(path, "csv-unit", "empty unit name", line_no, 1));
      continue;
    }
    const auto score_column = static_cast<std::uint32_t>(line.find(',') + 2);
    if (!parse_number(fields[1], r.score)) {
      diagnostics.push_back(make_error(path, "csv-number",
                                       fmt::format("score '{}' is not a number", fields[1]),
                                       line_no, score_column));
      continue;
    }
    if (r.score < 0 || r.score > 100) {
      diagnostics.push_back(make_error(path, "csv-range",
                                       fmt::format("score {} is outside 0-100", fields[1]), line_no,
                                       score_column));
      continue;
    }
    if (fields.size() == 3 && !fields[2].empty()) {
      double y = 0;
      if (!parse_number(fields[2], y) || y != std::floor(y) || y < 1900 || y > 2200) {
        diagnostics.push_back(make_error(
            path, "csv-number", fmt::format("year '{}' is not a year", fields[2]), line_no, 1));
        continue;
      }
      r.year = static_cast<int>(y);
    }
    out.push_back(std::move(r));
  }
  if (diagnostics.size() > errors_before) return std::nullopt;
  if (out.empty()) {
    diagnostics.push_back(make_error(path, "csv-empty", "no reference scores in file"));
    return std::nullopt;
  }
  return out;
}

FitResult fit_weights(const Framework& fw, const ScoreTable& table,
                      const std::vector<ReferenceScore>& reference,
                      std::vector<Diagnostic>& diagnostics) {
  FitResult r;
  const std::size_t errors_before = diagnostics.size();
  if (table.model != ScoringModel::kHierarchical && table.model != ScoringModel::kFlat) {
    diagnostics.push_back(
        make_error("", "fit-model",
                   fmt::format("the {} model has no weights to fit; use hierarchical or flat",
                               model_name(table.model))));
    return r;
  }
  std::unordered_map<std::string, std::vector<int>> rows_by_unit;
  for (std::size_t u = 0; u < table.units.size(); ++u)
    rows_by_unit[table.units[u].key.unit].push_back(static_cast<int>(u));
  std::vector<bool> used(table.units.size(), false);
  for (const auto& ref : reference) {
    const auto& loc = ref.location;
    auto it = rows_by_unit.find(ref.unit);
    std::vector<int> candidates;
    if (it != rows_by_unit.end())
      for (int row : it->second)
        if (ref.year == 0 || table.units[static_cast<std::size_t>(row)].key.year == ref.year)
          candidates.push_back(row);
    if (candidates.empty()) {
      diagnostics.push_back(make_error(
          loc.path, "unknown-unit",
          ref.year == 0 ? fmt::format("unit '{}' is not among the evaluated reports", ref.unit)
                        : fmt::format("unit '{}' ({}) is not among the evaluated reports", ref.unit,
                                      ref.year),
          loc.line, loc.column));
      continue;
    }
    if (candidates.size() > 1) {
      diagnostics.push_back(make_error(
          loc.path, "ambiguous-unit",
          fmt::format("unit '{}' has {} evaluated reports; add the year as a third column",
                      ref.unit, candidates.size()),
          loc.line, loc.column));
      continue;
    }
    if (used[static_cast<std::size_t>(candidates[0])]) {
      diagnostics.push_back(make_error(loc.path, "duplicate-unit",
                                       fmt::format("unit '{}' is listed twice", ref.unit), loc.line,
                                       loc.column));
      continue;
    }
    used[static_cast<std::size_t>(candidates[0])] = true;
    r.rows.push_back(candidates[0]);
    r.reference.push_back(ref.score);
  }
  if (diagnostics.size() > errors_before) return r;

  const auto m = detail::table_matrices(fw, table);
  std::vector<std::size_t> columns;  // included leaves
  for (std::size_t l = 0; l < fw.leaves.size(); ++l)
    if (table.node_included.empty() || table.node_included[static_cast<std::size_t>(fw.leaves[l])])
      columns.push_back(l);
  if (columns.empty()) {
    diagnostics.push_back(make_error("", "fit-empty", "no leaf is included; nothing to fit"));
    return r;
  }
  const std::size_t rows = r.rows.size() + 1, cols = columns.size();
  constexpr double kSumRowWeight = 100.0;  // λ: any positive value gives the same w (see top)
  std::vector<double> a(rows * cols, 0.0), b(rows, 0.0);
  for (std::size_t k = 0; k < r.rows.size(); ++k) {
    const auto u = static_cast<Eigen::Index>(r.rows[k]);
    const double s = r.reference[k];
    for (std::size_t c = 0; c < cols; ++c) {
      const auto l = static_cast<Eigen::Index>(columns[c]);
      const double mask = m.mask(u, l), credit = m.credit(u, l);
      a[k * cols + c] = table.model == ScoringModel::kHierarchical ? mask * (100.0 * credit - s)
                                                                   : 100.0 * mask * credit - s;
    }
  }
  for (std::size_t c = 0; c < cols; ++c) a[(rows - 1) * cols + c] = kSumRowWeight;
  b[rows - 1] = kSumRowWeight;
  r.nnls = nnls(rows, cols, a, b);
  double total = 0;
  for (double v : r.nnls.x) total += v;
  if (!(total > 0)) {
    diagnostics.push_back(make_error("", "fit-failed", "least squares gave every weight 0"));
    return r;
  }
  r.leaf_weights.assign(fw.leaves.size(), 0.0);
  for (std::size_t c = 0; c < cols; ++c) r.leaf_weights[columns[c]] = r.nnls.x[c] / total;
  r.node_weights = node_weights_from_leaf_weights(fw, r.leaf_weights);
  const auto all = rescore(fw, table, r.node_weights);
  for (int row : r.rows) r.fitted.push_back(all[static_cast<std::size_t>(row)]);
  double mean = 0;
  for (double s : r.reference) mean += s;
  mean /= static_cast<double>(r.reference.size());
  double ss_res = 0, ss_tot = 0;
  for (std::size_t k = 0; k < r.reference.size(); ++k) {
    ss_res += (r.reference[k] - r.fitted[k]) * (r.reference[k] - r.fitted[k]);
    ss_tot += (r.reference[k] - mean) * (r.reference[k] - mean);
  }
  // R² is undefined when every reference score is equal; report 1 for an exact fit, else 0.
  r.r_squared = ss_tot > 0 ? 1.0 - ss_res / ss_tot : (ss_res < 1e-12 ? 1.0 : 0.0);
  // τ-b on ranks, so scores equal up to rounding tie exactly as they do in every ranking.
  const auto fitted_rank = rank_descending(r.fitted), reference_rank = rank_descending(r.reference);
  r.tau_b = kendall_tau_b(std::vector<double>(fitted_rank.begin(), fitted_rank.end()),
                          std::vector<double>(reference_rank.begin(), reference_rank.end()));
  r.ok = true;
  return r;
}

}  // namespace indicheck
