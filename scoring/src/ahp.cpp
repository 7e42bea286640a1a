// AHP (层次分析法): a pairwise comparison file → principal eigenvector, λmax, CI, CR.
//
// Saaty's method: for a positive reciprocal matrix A (a_ji = 1/a_ij), the priorities are the
// principal right eigenvector w (A w = λmax w, Σ w = 1). A consistent matrix has a_ij = w_i/w_j
// and λmax = n; the consistency index CI = (λmax - n)/(n - 1) grows with inconsistency and is
// compared to RI(n), the mean CI of random reciprocal matrices (Saaty 1980): CR = CI / RI.
// CR >= 0.1 means the judgements should be revised; the pairs whose judgement departs most from
// the implied ratio w_i/w_j are listed so a panel knows where to look.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <set>
#include <unordered_map>

#include "indicheck/limits.h"
#include "indicheck/scoring.h"
#include "yaml_file.h"

namespace indicheck {
namespace {

// Saaty, T. L. (1980). The Analytic Hierarchy Process. McGraw-Hill. Random index RI(n) for
// n = 1..15 (the table reproduced in Saaty 1990, EJOR 48, and in most AHP texts).
constexpr std::array<double, 15> kSaatyRandomIndex = {
    0.00, 0.00, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};

// Relative tolerance for a_ij · a_ji = 1 in a full matrix: "0.333" for 1/3 must pass.
constexpr double kReciprocalTolerance = 0.01;

std::uint32_t line_of(const YAML::Node& n) {
  return static_cast<std::uint32_t>(n.Mark().line + 1);
}
std::uint32_t col_of(const YAML::Node& n) {
  return static_cast<std::uint32_t>(n.Mark().column + 1);
}

Diagnostic error_at(const std::string& path, const YAML::Node& n, std::string code,
                    std::string message) {
  return make_error(path, std::move(code), std::move(message), line_of(n), col_of(n));
}

bool parse_double(std::string_view s, double& out) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return false;
  if (s.front() == '+') s.remove_prefix(1);
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(out);
}

// "3", "0.5", "1/3".
bool parse_judgement(const std::string& text, double& out) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return parse_double(text, out);
  double num = 0, den = 0;
  if (!parse_double(std::string_view(text).substr(0, slash), num) ||
      !parse_double(std::string_view(text).substr(slash + 1), den))
    return false;
  if (den == 0) {
    out = 0;  // reported as a zero entry
    return true;
  }
  out = num / den;
  return true;
}

std::string fmt_entry(double v) {
  if (v >= 1 || v <= 0) return fmt::format("{:g}", v);
  const double inv = 1.0 / v;
  if (std::abs(inv - std::round(inv)) < 1e-9) return fmt::format("1/{:g}", std::round(inv));
  return fmt::format("{:g}", v);
}

}  // namespace

double saaty_random_index(std::size_t n) {
  if (n < 1 || n > kSaatyRandomIndex.size()) return -1;
  return kSaatyRandomIndex[n - 1];
}

namespace {

// The matrix rows of an AHP file into m.values (full, reciprocal): shape, every judgement on
// Saaty's scale, reciprocity of full rows. False when anything is wrong (errors added), also
// when errors were added since `errors_before` by the caller.
bool read_judgements(const std::string& path, const YAML::Node& rows, std::size_t errors_before,
                     AhpMatrix& m, std::vector<Diagnostic>& diagnostics) {
  if (!rows.IsSequence()) {
    diagnostics.push_back(
        error_at(path, rows, "ahp-not-square", "'matrix' must be a list of rows"));
    return false;
  }
  // Shape: full (n rows of n), upper triangle with the diagonal (rows of n, n-1, ..., 1), or
  // strictly upper (rows of n-1, ..., 1, with an optional empty last row).
  enum class Shape { kFull, kUpper, kStrictUpper } shape = Shape::kFull;
  const std::size_t n = m.items.size();
  const std::size_t row_count = rows.size();
  const std::size_t first = row_count > 0 && rows[0].IsSequence() ? rows[0].size() : 0;
  if (n == 1) {
    shape = first == 0 ? Shape::kStrictUpper : Shape::kFull;
  } else if (first == n && row_count == n &&
             std::all_of(rows.begin(), rows.end(), [&](const YAML::Node& row) {
               return row.IsSequence() && row.size() == n;
             })) {
    shape = Shape::kFull;
  } else if (first == n) {
    shape = Shape::kUpper;
  } else {
    shape = Shape::kStrictUpper;
  }
  auto expected_len = [&](std::size_t i) -> std::size_t {
    switch (shape) {
      case Shape::kFull:
        return n;
      case Shape::kUpper:
        return n - i;
      case Shape::kStrictUpper:
        return n - i - 1;
    }
    return n;
  };
  const char* shape_name = shape == Shape::kFull    ? "full rows"
                           : shape == Shape::kUpper ? "upper-triangle rows with the diagonal"
                                                    : "upper-triangle rows without the diagonal";
  const std::size_t rows_needed = shape == Shape::kStrictUpper ? n - 1 : n;
  if (row_count != rows_needed && !(shape == Shape::kStrictUpper && row_count == n)) {
    diagnostics.push_back(
        error_at(path, rows, "ahp-not-square",
                 fmt::format("{} items but {} matrix rows (read as {}: expected {})", n, row_count,
                             shape_name, rows_needed)));
    return false;
  }
  m.values.assign(n, std::vector<double>(n, 0.0));
  std::vector<std::vector<YAML::Node>> where(n, std::vector<YAML::Node>(n));
  for (std::size_t i = 0; i < n; ++i) m.values[i][i] = 1.0;
  for (std::size_t i = 0; i < row_count && i < n; ++i) {
    const YAML::Node row = rows[i];
    if (!row.IsSequence() || row.size() != expected_len(i)) {
      diagnostics.push_back(
          error_at(path, row, "ahp-not-square",
                   fmt::format("row {} has {} entries; expected {} ({} for {} items)", i + 1,
                               row.IsSequence() ? row.size() : 0, expected_len(i), shape_name, n)));
      continue;
    }
    const std::size_t offset = shape == Shape::kFull ? 0 : shape == Shape::kUpper ? i : i + 1;
    for (std::size_t k = 0; k < row.size(); ++k) {
      const std::size_t j = offset + k;
      const YAML::Node cell = row[k];
      double v = 0;
      if (!cell.IsScalar() || !parse_judgement(cell.Scalar(), v)) {
        diagnostics.push_back(error_at(path, cell, "ahp-not-number",
                                       fmt::format("entry ({}, {}) is not a number or a fraction "
                                                   "such as 1/3",
                                                   i + 1, j + 1)));
        continue;
      }
      if (v == 0) {
        diagnostics.push_back(error_at(path, cell, "ahp-zero",
                                       fmt::format("entry ({}, {}) is zero; judgements are ratios "
                                                   "from 1/9 to 9",
                                                   i + 1, j + 1)));
        continue;
      }
      if (v < 0) {
        diagnostics.push_back(error_at(path, cell, "ahp-negative",
                                       fmt::format("entry ({}, {}) is negative ({}); judgements "
                                                   "are ratios from 1/9 to 9",
                                                   i + 1, j + 1, cell.Scalar())));
        continue;
      }
      if (i == j && std::abs(v - 1.0) > 1e-12) {
        diagnostics.push_back(error_at(
            path, cell, "ahp-diagonal",
            fmt::format("diagonal entry ({}, {}) must be 1, got {}", i + 1, j + 1, cell.Scalar())));
        continue;
      }
      if (v > 9 * (1 + 1e-9) || v < (1.0 / 9) * (1 - 1e-9)) {
        diagnostics.push_back(error_at(path, cell, "ahp-scale",
                                       fmt::format("entry ({}, {}) = {} is outside Saaty's scale "
                                                   "1/9 to 9",
                                                   i + 1, j + 1, cell.Scalar())));
        continue;
      }
      m.values[i][j] = v;
      where[i][j] = cell;
    }
  }
  if (diagnostics.size() > errors_before) return false;
  if (shape == Shape::kFull) {
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) {
        const double product = m.values[i][j] * m.values[j][i];
        if (std::abs(product - 1.0) > kReciprocalTolerance)
          diagnostics.push_back(error_at(
              path, where[j][i], "ahp-not-reciprocal",
              fmt::format("entry ({}, {}) = {} is not the reciprocal of entry ({}, {}) = {}", j + 1,
                          i + 1, fmt_entry(m.values[j][i]), i + 1, j + 1,
                          fmt_entry(m.values[i][j]))));
      }
  } else {
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) m.values[j][i] = 1.0 / m.values[i][j];
  }
  return diagnostics.size() <= errors_before;
}

}  // namespace

std::optional<AhpMatrix> load_ahp_matrix(const std::string& path,
                                         std::vector<Diagnostic>& diagnostics) {
  const std::optional<YAML::Node> loaded = detail::load_yaml_file(path, diagnostics);
  if (!loaded) return std::nullopt;
  const YAML::Node& doc = *loaded;
  AhpMatrix m;
  m.path = path;
  const std::size_t errors_before = diagnostics.size();
  if (!doc.IsMap() || !doc["ahp"] || !doc["ahp"].IsMap()) {
    diagnostics.push_back(
        make_error(path, "missing-key", "expected a mapping with key 'ahp'", 1, 1));
    return std::nullopt;
  }
  const YAML::Node ahp = doc["ahp"];
  m.location = SourceLocation{path, line_of(ahp), col_of(ahp)};
  for (const auto& kv : ahp) {
    const auto key = kv.first.Scalar();
    if (key != "framework" && key != "items" && key != "matrix" && key != "title" && key != "note")
      diagnostics.push_back(error_at(path, kv.first, "unknown-key",
                                     fmt::format("unknown key '{}' in 'ahp' (expected framework, "
                                                 "items, matrix, title, note)",
                                                 key)));
  }
  for (const char* key : {"framework", "items", "matrix"}) {
    if (!ahp[key]) {
      diagnostics.push_back(
          error_at(path, ahp, "missing-key", fmt::format("'ahp' needs the key '{}'", key)));
    }
  }
  if (diagnostics.size() > errors_before) return std::nullopt;
  if (!ahp["framework"].IsScalar()) {
    diagnostics.push_back(
        error_at(path, ahp["framework"], "bad-value", "'framework' must be an id"));
    return std::nullopt;
  }
  m.framework = ahp["framework"].Scalar();
  const YAML::Node items = ahp["items"];
  if (!items.IsSequence() || items.size() == 0) {
    diagnostics.push_back(
        error_at(path, items, "bad-value", "'items' must be a non-empty list of node ids"));
    return std::nullopt;
  }
  std::set<std::string> seen;
  for (const auto& item : items) {
    if (!item.IsScalar()) {
      diagnostics.push_back(error_at(path, item, "bad-value", "an item must be a node id"));
      continue;
    }
    if (!seen.insert(item.Scalar()).second)
      diagnostics.push_back(error_at(path, item, "duplicate-item",
                                     fmt::format("item '{}' is listed twice", item.Scalar())));
    m.items.push_back(item.Scalar());
    m.item_locations.push_back(SourceLocation{path, line_of(item), col_of(item)});
  }
  const std::size_t n = m.items.size();
  if (n > limits::kMaxAhpItems) {
    diagnostics.push_back(
        error_at(path, items, "ahp-too-large",
                 fmt::format("{} items; Saaty's random index is tabulated only up to {}", n,
                             limits::kMaxAhpItems)));
    return std::nullopt;
  }
  if (!read_judgements(path, ahp["matrix"], errors_before, m, diagnostics)) return std::nullopt;
  return m;
}

bool check_ahp_items(const AhpMatrix& matrix, const Framework& framework,
                     std::vector<Diagnostic>& diagnostics) {
  bool ok = true;
  if (matrix.framework != framework.id) {
    diagnostics.push_back(make_error(matrix.path, "unknown-framework",
                                     fmt::format("framework '{}' is not loaded", matrix.framework),
                                     matrix.location.line, matrix.location.column));
    return false;
  }
  std::unordered_map<std::string, int> by_id;
  for (std::size_t n = 0; n < framework.nodes.size(); ++n)
    by_id.emplace(framework.nodes[n].id, static_cast<int>(n));
  int parent = -2;
  std::string first_item;
  for (std::size_t k = 0; k < matrix.items.size(); ++k) {
    const auto& loc = matrix.item_locations[k];
    auto it = by_id.find(matrix.items[k]);
    if (it == by_id.end() || it->second == 0) {
      diagnostics.push_back(
          make_error(matrix.path, "unknown-item",
                     fmt::format("no node '{}' in framework '{}'", matrix.items[k], framework.id),
                     loc.line, loc.column));
      ok = false;
      continue;
    }
    const int p = framework.nodes[static_cast<std::size_t>(it->second)].parent;
    if (parent == -2) {
      parent = p;
      first_item = matrix.items[k];
    } else if (p != parent) {
      diagnostics.push_back(make_error(
          matrix.path, "not-siblings",
          fmt::format("item '{}' is not a sibling of '{}'; AHP weights are relative among "
                      "children of one node",
                      matrix.items[k], first_item),
          loc.line, loc.column));
      ok = false;
    }
  }
  return ok;
}

AhpResult ahp_weights(const std::vector<std::vector<double>>& matrix) {
  AhpResult r;
  const auto n = static_cast<Eigen::Index>(matrix.size());
  if (n == 0) return r;
  Eigen::MatrixXd a(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      a(i, j) = matrix[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];

  const Eigen::RowVectorXd column_sums = a.colwise().sum();
  r.normalized.assign(matrix.size(), std::vector<double>(matrix.size()));
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      r.normalized[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] =
          a(i, j) / column_sums(j);

  // Principal eigenvector. By Perron-Frobenius a positive matrix has a simple real eigenvalue
  // of largest modulus with a positive eigenvector; EigenSolver finds it among all n.
  Eigen::VectorXd w = Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n));
  double lambda = static_cast<double>(n);
  if (n > 1) {
    Eigen::EigenSolver<Eigen::MatrixXd> solver(a);
    Eigen::Index best = 0;
    for (Eigen::Index k = 1; k < n; ++k)
      if (solver.eigenvalues()(k).real() > solver.eigenvalues()(best).real()) best = k;
    lambda = solver.eigenvalues()(best).real();
    w = solver.eigenvectors().col(best).real();
    w /= w.sum();  // fixes the sign too: every component is positive
  }
  const Eigen::VectorXd aw = a * w;
  r.weights.assign(w.data(), w.data() + n);
  r.weighted_sums.assign(aw.data(), aw.data() + n);
  for (Eigen::Index i = 0; i < n; ++i) r.ratios.push_back(aw(i) / w(i));
  r.lambda_max = lambda;
  const double nd = static_cast<double>(n);
  r.ci = n > 1 ? std::max(0.0, (lambda - nd) / (nd - 1)) : 0.0;
  r.ri = saaty_random_index(static_cast<std::size_t>(n));
  r.cr = r.ri > 0 ? r.ci / r.ri : 0.0;
  r.consistent = r.cr < kAhpMaxConsistencyRatio;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j) {
      AhpPair p;
      p.i = static_cast<std::size_t>(i);
      p.j = static_cast<std::size_t>(j);
      p.given = a(i, j);
      p.implied = w(i) / w(j);
      p.deviation = std::max(p.given / p.implied, p.implied / p.given);
      r.pairs.push_back(p);
    }
  std::stable_sort(r.pairs.begin(), r.pairs.end(),
                   [](const AhpPair& x, const AhpPair& y) { return x.deviation > y.deviation; });
  return r;
}

}  // namespace indicheck
