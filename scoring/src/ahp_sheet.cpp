// AHP pairwise matrices from spreadsheets (.xlsx, .csv) as auditors fill them in a weighting
// meeting: a full square matrix, the compared items as labels in the first row and the first
// column, Saaty's 1-9 scale with reciprocals written as fractions ("1/3"). The top-left cell
// may name the framework (the template writes it there). Each error names its cell: line and
// column of the CSV, or the Excel reference (B3) and its row:column.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>

#include "indicheck/csv.h"
#include "indicheck/document.h"
#include "indicheck/formats/xlsx.h"
#include "indicheck/limits.h"
#include "indicheck/scoring.h"
#include "indicheck/utf8.h"

namespace indicheck {
namespace {

constexpr double kReciprocalTolerance = 0.01;  // as the YAML form: "0.333" for 1/3 passes

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

// The cells of CSV text (a BOM already removed), blank lines kept so that row numbers stay
// the sheet's; false on a quote left open.
bool csv_rows(const std::string& text, std::vector<std::vector<std::string>>& out,
              CsvError& error) {
  std::vector<CsvRow> rows;
  if (auto e = split_csv(text, CsvOptions{',', true, false}, rows)) {
    error = std::move(*e);
    return false;
  }
  for (CsvRow& row : rows) {
    auto& cells = out.emplace_back();
    for (CsvField& f : row.fields) cells.push_back(std::move(f.text));
  }
  return true;
}

// One table of cells with a way to name a cell in a message.
struct Table {
  std::vector<std::vector<std::string>> rows;
  bool xlsx = false;
  std::string cell(std::size_t r, std::size_t c) const {
    return rows[r].size() > c ? rows[r][c] : std::string();
  }
  std::string name(std::size_t r, std::size_t c) const {
    return xlsx ? fmt::format("单元格 {}", formats::Sheet::cell_ref(r, c))
                : fmt::format("第 {} 行第 {} 列", r + 1, c + 1);
  }
};

std::string trim(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  if (s.compare(b, 3, "\xE3\x80\x80") == 0) b += 3;  // ideographic space
  return s.substr(b, e - b);
}

bool read_table(const std::string& path, Table& t, std::vector<Diagnostic>& diagnostics) {
  if (ends_with_ci(path, ".xlsx")) {
    auto sheet = formats::read_xlsx(path, "", diagnostics);
    if (!sheet) return false;
    t.rows = std::move(sheet->rows);
    t.xlsx = true;
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.push_back(make_error(path, "not-found", "文件不存在或无法打开"));
    return false;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  if (text.size() > limits::kMaxManifestBytes) {
    diagnostics.push_back(make_error(path, "too-large", "文件过大，不是两两比较矩阵"));
    return false;
  }
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  if (!valid_utf8(text)) {
    std::string utf8;
    if (!convert_strict(text, "GB18030", utf8)) {
      diagnostics.push_back(
          make_error(path, "bad-encoding", "既不是 UTF-8 也不是 GBK/GB18030 编码"));
      return false;
    }
    text = std::move(utf8);
  }
  CsvError error;
  if (!csv_rows(text, t.rows, error)) {
    diagnostics.push_back(make_error(path, "bad-csv", "带引号的单元格没有闭合（缺少结尾的引号）",
                                     error.line, error.column));
    return false;
  }
  return true;
}

// Trailing rows with nothing in them (Excel keeps formatted empty rows) are not part of it.
void drop_empty_rows(Table& t) {
  while (!t.rows.empty() && std::all_of(t.rows.back().begin(), t.rows.back().end(),
                                        [](const std::string& c) { return trim(c).empty(); }))
    t.rows.pop_back();
}

// Full-width digits, slash and dot (１／３) as ASCII; spaces trimmed.
std::string ascii_number(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xEF && i + 2 < s.size()) {  // U+FF0E..U+FF19 = EF BC 8E..99; U+FF0F = EF BC 8F
      const auto b1 = static_cast<unsigned char>(s[i + 1]),
                 b2 = static_cast<unsigned char>(s[i + 2]);
      if (b1 == 0xBC && b2 >= 0x8E && b2 <= 0x99) {
        out += static_cast<char>('.' + (b2 - 0x8E));
        i += 2;
        continue;
      }
    }
    if (c != ' ' && c != '\t') out += static_cast<char>(c);
  }
  return out;
}

bool parse_number(std::string_view s, double& out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(out);
}

// "3", "0.5", "1/3" (also full-width); false when it is none of these.
bool judgement(const std::string& cell, double& out) {
  const std::string s = ascii_number(cell);
  const auto slash = s.find('/');
  if (slash == std::string::npos) return parse_number(s, out);
  double num = 0, den = 0;
  if (!parse_number(std::string_view(s).substr(0, slash), num) ||
      !parse_number(std::string_view(s).substr(slash + 1), den))
    return false;
  out = den == 0 ? 0 : num / den;
  return true;
}

// The node a label names: its id, "id title" (id then a space), or its title.
int node_for_label(const Framework& fw, const std::string& label) {
  if (label.empty()) return -1;
  if (const int n = fw.find(label); n > 0) return n;
  for (const std::string_view space : {std::string_view(" "), std::string_view("\xE3\x80\x80")})
    if (const auto at = label.find(space); at != std::string::npos)
      if (const int n = fw.find(label.substr(0, at)); n > 0) return n;
  for (std::size_t n = 1; n < fw.nodes.size(); ++n)
    if (fw.nodes[n].title == label) return static_cast<int>(n);
  return -1;
}

// The framework the sheet is for: the one named (option, else the top-left cell), else the one
// framework whose nodes all the labels name.
const Framework* sheet_framework(const RuleSet& rules, const std::string& wanted,
                                 const std::vector<std::string>& labels) {
  if (!wanted.empty()) return rules.find_framework(wanted);
  const Framework* found = nullptr;
  for (const auto& fw : rules.frameworks) {
    if (!std::all_of(labels.begin(), labels.end(),
                     [&](const std::string& l) { return node_for_label(fw, l) > 0; }))
      continue;
    if (found != nullptr) return nullptr;  // ambiguous
    found = &fw;
  }
  return found;
}

Diagnostic cell_error(const std::string& path, const Table& t, std::size_t r, std::size_t c,
                      const std::string& code, const std::string& message) {
  return make_error(path, code, fmt::format("{}：{}", t.name(r, c), message),
                    static_cast<std::uint32_t>(r + 1), static_cast<std::uint32_t>(c + 1));
}

// The judgements into m.values (full, reciprocal). An empty cell takes the reciprocal of its
// mirror, so a panel may fill only one triangle; both empty is an error, as is a filled pair
// that is not reciprocal (within 1%).
bool read_judgements(const std::string& path, const Table& t, AhpMatrix& m,
                     std::vector<Diagnostic>& diagnostics) {
  const std::size_t n = m.items.size(), errors_before = diagnostics.size();
  std::vector<std::vector<double>> v(n, std::vector<double>(n, 0.0));
  std::vector<std::vector<bool>> given(n, std::vector<bool>(n, false));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const std::string text = trim(t.cell(i + 1, j + 1));
      if (text.empty()) continue;
      double x = 0;
      std::string problem;
      if (!judgement(text, x))
        problem = "ahp-not-number";
      else if (x == 0)
        problem = "ahp-zero";
      else if (x < 0)
        problem = "ahp-negative";
      else if (i == j && std::abs(x - 1.0) > 1e-12)
        problem = "ahp-diagonal";
      else if (x > 9 * (1 + 1e-9) || x < (1.0 / 9) * (1 - 1e-9))
        problem = "ahp-scale";
      if (!problem.empty()) {
        diagnostics.push_back(cell_error(
            path, t, i + 1, j + 1, problem,
            fmt::format("“{}”{}", text,
                        problem == "ahp-diagonal" ? "：对角线须为 1"
                                                  : "不是 Saaty 标度 1–9 或其倒数（如 1/3）")));
        continue;
      }
      v[i][j] = x;
      given[i][j] = true;
    }
  if (diagnostics.size() > errors_before) return false;
  for (std::size_t i = 0; i < n; ++i) {
    v[i][i] = 1;
    for (std::size_t j = i + 1; j < n; ++j) {
      if (given[i][j] && given[j][i]) {
        if (std::abs(v[i][j] * v[j][i] - 1.0) > kReciprocalTolerance)
          diagnostics.push_back(
              cell_error(path, t, j + 1, i + 1, "ahp-not-reciprocal",
                         fmt::format("“{}”不是{}“{}”的倒数（应为 {}）", trim(t.cell(j + 1, i + 1)),
                                     t.name(i + 1, j + 1), trim(t.cell(i + 1, j + 1)),
                                     v[i][j] >= 1 ? fmt::format("1/{:g}", v[i][j])
                                                  : fmt::format("{:g}", 1.0 / v[i][j]))));
      } else if (given[i][j]) {
        v[j][i] = 1.0 / v[i][j];
      } else if (given[j][i]) {
        v[i][j] = 1.0 / v[j][i];
      } else {
        diagnostics.push_back(
            cell_error(path, t, i + 1, j + 1, "ahp-missing",
                       fmt::format("“{}”与“{}”的比较未填写（此格与{}至少填一个）", m.items[i],
                                   m.items[j], t.name(j + 1, i + 1))));
      }
    }
  }
  if (diagnostics.size() > errors_before) return false;
  m.values = std::move(v);
  return true;
}

}  // namespace

bool is_ahp_sheet_path(std::string_view path) {
  return ends_with_ci(path, ".xlsx") || ends_with_ci(path, ".csv");
}

std::optional<AhpMatrix> load_ahp_sheet(const std::string& path, const RuleSet& rules,
                                        const std::string& framework_id,
                                        std::vector<Diagnostic>& diagnostics) {
  Table t;
  if (!read_table(path, t, diagnostics)) return std::nullopt;
  drop_empty_rows(t);
  const std::size_t errors_before = diagnostics.size();
  const std::size_t n = t.rows.empty() ? 0 : t.rows.size() - 1;
  std::vector<std::string> labels;
  for (std::size_t c = 1; !t.rows.empty() && c < t.rows[0].size(); ++c)
    labels.push_back(trim(t.cell(0, c)));
  while (!labels.empty() && labels.back().empty()) labels.pop_back();
  if (n < 1 || labels.size() != n) {
    diagnostics.push_back(make_error(
        path, "ahp-not-square",
        fmt::format("两两比较矩阵须为方阵：首行有 {} 个比较项，首列有 {} 个（首行首列为标签，"
                    "左上角可写框架编号）",
                    labels.size(), n),
        1, 1));
    return std::nullopt;
  }
  if (n > limits::kMaxAhpItems) {
    diagnostics.push_back(make_error(
        path, "ahp-too-large",
        fmt::format("{} 个比较项；Saaty 随机一致性指标只列到 {} 项", n, limits::kMaxAhpItems), 1,
        1));
    return std::nullopt;
  }
  AhpMatrix m;
  m.path = path;
  m.location = SourceLocation{path, 1, 1};
  const std::string corner = trim(t.cell(0, 0));
  const std::string wanted = !framework_id.empty()          ? framework_id
                             : rules.find_framework(corner) ? corner
                                                            : "";
  const Framework* fw = sheet_framework(rules, wanted, labels);
  if (fw == nullptr) {
    diagnostics.push_back(make_error(
        path, "unknown-framework",
        wanted.empty() ? std::string("无法确定比较项所属的框架：请在左上角单元格写框架编号"
                                     "（如 gangyao-2021）或使用 --framework")
                       : fmt::format("规则中没有框架“{}”", wanted),
        1, 1));
    return std::nullopt;
  }
  m.framework = fw->id;
  for (std::size_t k = 0; k < n; ++k) {
    const std::string row_label = trim(t.cell(k + 1, 0));
    if (row_label != labels[k]) {
      diagnostics.push_back(cell_error(
          path, t, k + 1, 0, "ahp-labels",
          fmt::format("首列第 {} 项“{}”与首行第 {} 项“{}”不同；行与列须按相同顺序列出相同的比较项",
                      k + 1, row_label, k + 1, labels[k])));
      continue;
    }
    const int node = node_for_label(*fw, labels[k]);
    if (node <= 0) {
      diagnostics.push_back(cell_error(path, t, 0, k + 1, "unknown-item",
                                       fmt::format("框架 {} 中没有“{}”", fw->id, labels[k])));
      continue;
    }
    m.items.push_back(fw->nodes[static_cast<std::size_t>(node)].id);
    m.item_locations.push_back(SourceLocation{path, 1, static_cast<std::uint32_t>(k + 2)});
  }
  if (diagnostics.size() > errors_before) return std::nullopt;
  if (std::set<std::string>(m.items.begin(), m.items.end()).size() != n) {
    diagnostics.push_back(make_error(path, "duplicate-item", "同一比较项出现了两次", 1, 1));
    return std::nullopt;
  }
  if (!read_judgements(path, t, m, diagnostics)) return std::nullopt;
  return m;
}

std::vector<std::vector<std::string>> ahp_template_rows(const Framework& framework, int parent) {
  std::vector<std::string> labels;
  for (int c : framework.nodes[static_cast<std::size_t>(parent)].children) {
    const RuleNode& node = framework.nodes[static_cast<std::size_t>(c)];
    labels.push_back(node.title.empty() ? node.id : node.id + " " + node.title);
  }
  std::vector<std::vector<std::string>> rows;
  rows.push_back({framework.id});
  for (const auto& l : labels) rows[0].push_back(l);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    rows.push_back({labels[i]});
    rows.back().resize(labels.size() + 1);
    rows.back()[i + 1] = "1";
  }
  return rows;
}

std::vector<std::vector<double>> ahp_geometric_mean(
    const std::vector<std::vector<std::vector<double>>>& matrices) {
  if (matrices.empty()) return {};
  const std::size_t n = matrices[0].size();
  std::vector<std::vector<double>> out(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      double log_sum = 0;
      for (const auto& m : matrices) log_sum += std::log(m[i][j]);
      out[i][j] = std::exp(log_sum / static_cast<double>(matrices.size()));
    }
  return out;
}

}  // namespace indicheck
