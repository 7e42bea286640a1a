// The review sheet `indicheck review init` writes: what the machine decided for every item of
// every unit-year, with the evidence to check it against, and empty columns for the verdict.
#include <fmt/format.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "indicheck/formats/xlsx.h"
#include "indicheck/reason_text.h"
#include "indicheck/reports.h"
#include "indicheck/review.h"
#include "review_render.h"
#include "view.h"

namespace indicheck {

using namespace reports_detail;

namespace {

std::string best_quote(const ItemEvidence& ev) {
  for (const auto& q : ev.quotes)
    if (q.credit) return fmt::format("{}（第 {} 行第 {} 列）", q.text, q.line, q.column);
  return "";
}

void add_rows(const View& v, int r, std::vector<std::vector<std::string>>& rows) {
  const ReportResult& rep = v.eval.reports[static_cast<std::size_t>(r)];
  const int t = v.primary_table(r);
  if (rep.failed || t < 0 || !v.framework(t)) return;
  const int row = v.row_of(r, t);
  if (row < 0) return;
  v.load(r);
  const Framework& fw = *v.framework(t);
  for (std::size_t l = 0; l < fw.leaves.size(); ++l) {
    const int leaf = static_cast<int>(l);
    if (!v.node_included(t, fw.leaves[l])) continue;
    const RuleNode& node = fw.nodes[static_cast<std::size_t>(fw.leaves[l])];
    const ItemEvidence* ev = v.item(r, t, leaf);
    const ReviewMark* mark = review_mark(v, r, t, leaf);
    const ItemState machine = mark ? mark->machine : v.state(t, row, leaf);
    std::string evidence;
    if (ev) {
      evidence = best_quote(*ev);
      const std::string near = near_misses_text(*ev);
      if (!near.empty()) evidence += (evidence.empty() ? "接近：" : "\n接近：") + near;
      if (evidence.empty() && (machine == ItemState::kMissing || machine == ItemState::kPartial))
        evidence = "未找到相关句子";
    }
    rows.push_back(
        {rep.meta.unit.value, rep.meta.year ? std::to_string(rep.meta.year) : "", rep.path,
         rep.content_hash, fw.id, node.id, node.title, v.leaf_required(t, leaf) ? "是" : "",
         fmt::format("{:.2f}", v.points_at_stake(t, leaf)),
         std::string(review_state_label(machine)),
         ev ? reason_text(ev->reason, node, v.lang()) : "", evidence, item_rule_hash(node),
         mark ? std::string(review_state_label(mark->reviewed)) : "", mark ? mark->note : "",
         mark ? mark->reviewer : "", mark ? mark->date : ""});
  }
}

}  // namespace

std::vector<std::vector<std::string>> review_sheet_rows(const Evaluation& evaluation) {
  View v(evaluation);
  std::vector<std::vector<std::string>> rows{review_sheet_header()};
  for (int r = 0; r < v.report_count(); ++r) add_rows(v, r, rows);
  return rows;
}

std::string render_review_csv(const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out += ',';
      append_csv_field(out, row[c]);
    }
    out += "\r\n";
  }
  return out;
}

bool write_review_sheet(const Evaluation& evaluation, const std::string& path,
                        std::vector<Diagnostic>& diagnostics) {
  namespace fs = std::filesystem;
  std::string ext = fs::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".xlsx") {
    formats::XlsxWriteOptions options;
    options.sheet_name = "人工复核";
    options.width = 16;
    options.bold_first_column = false;
    // What the audit team types stays text (a date typed as 2026-01-05 is not turned into a
    // number, a 年度 stays 2021).
    for (std::size_t c = 13; c < 17; ++c) options.text_columns.push_back(c);
    options.text_columns.push_back(1);
    return formats::write_xlsx(path, review_sheet_rows(evaluation), options, diagnostics);
  }
  if (ext != ".csv") {
    diagnostics.push_back(make_error(path, "review-format", "复核表应写成 .csv 或 .xlsx 文件"));
    return false;
  }
  const std::string content = render_review_csv(review_sheet_rows(evaluation));
  const std::string tmp = path + fmt::format(".tmp-{}", ::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
      std::remove(tmp.c_str());
      diagnostics.push_back(make_error(path, "output", "无法写入复核表"));
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    diagnostics.push_back(make_error(path, "output", "无法写入复核表：" + ec.message()));
    return false;
  }
  return true;
}

}  // namespace indicheck
