// What `indicheck history` prints: runs, units, one unit over the years, two runs compared.
// Text in Chinese; ▲/▼ mark a rise or a fall (of a score, or of a rank: ▲ = a better rank).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "indicheck/history.h"
#include "sqlite.h"

namespace indicheck {

using history_detail::Stmt;

namespace {

std::string state_label(const std::string& s) {
  if (s == "met") return "已落实";
  if (s == "partial") return "部分落实";
  if (s == "acknowledged") return "自认不足";
  if (s == "planned") return "仅列入计划";
  if (s == "missing") return "未见证据";
  if (s == "not-applicable") return "不适用";
  if (s == "waived") return "豁免";
  return s;
}

bool credited(const std::string& s) {
  return s == "met" || s == "partial";
}

// "▲ 5.2" / "▼ 3.0" / "＝"
std::string score_move(double now, double before) {
  const double d = now - before;
  if (d > 0.05) return fmt::format("▲ {:.1f}", d);
  if (d < -0.05) return fmt::format("▼ {:.1f}", -d);
  return "＝";
}
// A smaller rank is better: ▲ when it went up the table.
std::string rank_move(std::int64_t now, std::int64_t before) {
  if (now < before) return fmt::format("▲ {}", before - now);
  if (now > before) return fmt::format("▼ {}", now - before);
  return "＝";
}

struct ReportScore {
  std::int64_t report = 0, run = 0;
  std::string unit, key, framework, content_hash;
  int year = 0;
  double score = 0;
  std::int64_t rank = 0, units = 0, required_met = 0, required_total = 0;
};

// Reports of a run (or of a unit key, run = 0) with their indicators score.
std::vector<ReportScore> report_scores(sqlite3* db, std::int64_t run, const std::string& key) {
  Stmt s(db,
         "SELECT r.id, r.run_id, r.unit, r.unit_key, r.year, r.content_hash, s.framework, s.score,"
         " s.rank, s.units, s.required_met, s.required_total FROM reports r JOIN scores s ON"
         " s.report_id = r.id AND s.kind = 'indicators' WHERE r.failed = 0 AND"
         " (?1 = 0 OR r.run_id = ?1) AND (?2 = '' OR r.unit_key = ?2) ORDER BY r.unit_key, r.year,"
         " r.id");
  s.bind(1, run).bind(2, key);
  std::vector<ReportScore> out;
  while (s.row())
    out.push_back({s.integer(0), s.integer(1), s.text(2), s.text(3), s.text(6), s.text(5),
                   static_cast<int>(s.integer(4)), s.real(7), s.integer(8), s.integer(9),
                   s.integer(10), s.integer(11)});
  return out;
}

struct ItemRow {
  std::string title, state, machine;
  bool reviewed = false;
};
// framework + item id → state, of one report.
std::map<std::string, ItemRow> item_states(sqlite3* db, std::int64_t report) {
  Stmt s(db,
         "SELECT framework, item, title, state, machine_state, reviewed FROM items WHERE "
         "report_id = ?1");
  s.bind(1, report);
  std::map<std::string, ItemRow> out;
  while (s.row())
    out[s.text(0) + " " + s.text(1)] = {s.text(2), s.text(3), s.text(4), s.integer(5) != 0};
  return out;
}

std::string item_id(const std::string& key) {
  return key.substr(key.find(' ') + 1);
}

struct RunRow {
  std::int64_t id = 0;
  std::string recorded, date, rules_hash, profile, weights_hash, model, options, review;
};

std::optional<RunRow> run_row(sqlite3* db, std::int64_t id) {
  Stmt s(db,
         "SELECT id, recorded, date, rules_hash, profile, weights_hash, model, options, review "
         "FROM runs WHERE id = ?1");
  s.bind(1, id);
  if (!s.row()) return std::nullopt;
  return RunRow{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4),
                s.text(5),    s.text(6), s.text(7), s.text(8)};
}

// "latest", "previous", or a run id.
std::int64_t resolve_run(sqlite3* db, const std::string& text) {
  if (text == "latest" || text == "previous" || text == "最新" || text == "上次") {
    Stmt s(db, "SELECT id FROM runs ORDER BY id DESC LIMIT 2");
    std::vector<std::int64_t> ids;
    while (s.row()) ids.push_back(s.integer(0));
    const std::size_t want = text == "latest" || text == "最新" ? 0 : 1;
    return want < ids.size() ? ids[want] : 0;
  }
  if (text.empty() ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return 0;
  const std::int64_t id = std::stoll(text);
  return run_row(db, id) ? id : 0;
}

void gains_and_losses(const std::map<std::string, ItemRow>& before,
                      const std::map<std::string, ItemRow>& now, std::string& out) {
  std::string gained, lost;
  for (const auto& [key, row] : now) {
    const auto it = before.find(key);
    if (it == before.end()) continue;
    const bool was = credited(it->second.state), is = credited(row.state);
    const std::string line = fmt::format("    {} {}（{} → {}）{}\n", item_id(key), row.title,
                                         state_label(it->second.state), state_label(row.state),
                                         row.reviewed ? " [人工复核]" : "");
    if (!was && is) gained += line;
    if (was && !is) lost += line;
  }
  out += gained.empty() ? "  新增落实：无\n" : "  新增落实：\n" + gained;
  out += lost.empty() ? "  不再落实：无\n" : "  不再落实：\n" + lost;
}

}  // namespace

std::optional<std::string> history_runs_text(HistoryDb& db, std::vector<Diagnostic>&) {
  Stmt s(db.impl().db,
         "SELECT r.id, r.recorded, r.date, r.rules_hash, r.profile, r.weights_hash, r.review,"
         " (SELECT count(*) FROM reports WHERE run_id = r.id) FROM runs r ORDER BY r.id");
  std::string out =
      "运行  记录时间              运行日期    规则指纹          权重指纹                 报告数  "
      "配置\n";
  while (s.row())
    out += fmt::format("#{:<4} {:<21} {:<11} {:<17} {:<24} {:<7} {}{}\n", s.integer(0), s.text(1),
                       s.text(2), s.text(3), s.text(5), s.integer(7),
                       s.text(4).empty() ? "默认权重" : s.text(4),
                       s.text(6).empty() ? "" : " · 复核 " + s.text(6));
  return out;
}

void previous_years(HistoryDb& db, Evaluation& evaluation) {
  evaluation.previous.assign(evaluation.reports.size(), PreviousYear{});
  Stmt s(db.impl().db,
         "SELECT r.year, s.framework, s.score, s.rank, s.units, r.run_id FROM reports r JOIN"
         " scores s ON s.report_id = r.id AND s.kind = 'indicators' WHERE r.failed = 0 AND"
         " r.unit_key = ?1 AND r.year < ?2 AND r.year > 0 ORDER BY r.year DESC, r.id DESC"
         " LIMIT 1");
  for (std::size_t i = 0; i < evaluation.reports.size(); ++i) {
    const ReportResult& r = evaluation.reports[i];
    if (r.failed || r.meta.year <= 0 || r.meta.unit.value.empty()) continue;
    s.bind(1, unit_key(r.meta.unit.value)).bind(2, r.meta.year);
    if (s.row())
      evaluation.previous[i] = {
          static_cast<int>(s.integer(0)), s.text(1),   s.real(2), static_cast<int>(s.integer(3)),
          static_cast<int>(s.integer(4)), s.integer(5)};
    s.reset();
  }
}

std::optional<std::string> history_units_text(HistoryDb& db, std::vector<Diagnostic>&) {
  Stmt s(db.impl().db,
         "SELECT unit_key, max(unit), group_concat(DISTINCT year), count(DISTINCT run_id) FROM"
         " (SELECT * FROM reports WHERE failed = 0 ORDER BY year) GROUP BY unit_key ORDER BY"
         " unit_key");
  std::string out = "单位（匹配键）                      年度                  运行次数\n";
  int n = 0;
  while (s.row()) {
    ++n;
    const std::string name =
        s.text(1) == s.text(0) ? s.text(0) : s.text(1) + "（" + s.text(0) + "）";
    out += fmt::format("{:<32} {:<20} {}\n", name.empty() ? "（未识别单位）" : name, s.text(2),
                       s.integer(3));
  }
  if (n == 0) out += "（历史数据库中还没有报告）\n";
  return out;
}

std::optional<std::string> history_unit_text(HistoryDb& db, const std::string& unit,
                                             std::vector<Diagnostic>& diagnostics) {
  sqlite3* sql = db.impl().db;
  const std::string wanted = unit_key(unit);
  std::vector<std::string> keys;
  {
    Stmt s(sql, "SELECT DISTINCT unit_key FROM reports WHERE failed = 0 AND unit_key <> ''");
    while (s.row()) keys.push_back(s.text(0));
  }
  std::vector<std::string> found;
  for (const auto& k : keys)
    if (k == wanted) found = {k};
  if (found.empty())
    for (const auto& k : keys)
      if (!wanted.empty() && k.find(wanted) != std::string::npos) found.push_back(k);
  if (found.size() != 1) {
    diagnostics.push_back(make_error(
        db.path(), "history-unknown-unit",
        found.empty()
            ? fmt::format("历史数据库中没有单位“{}”（用 history {} units 列出全部单位）", unit,
                          db.path())
            : fmt::format("“{}”匹配多个单位：{}；请写全称", unit, fmt::join(found, "、"))));
    return std::nullopt;
  }
  // Per year, the latest run that scored the unit's report of that year.
  std::map<int, ReportScore> by_year;
  for (const ReportScore& r : report_scores(sql, 0, found[0])) by_year[r.year] = r;
  std::string out =
      fmt::format("{} 历年评估（每年取最近一次运行）\n", by_year.begin()->second.unit);
  const ReportScore* prev = nullptr;
  std::map<std::string, ItemRow> prev_items;
  for (const auto& [year, r] : by_year) {
    out += fmt::format("\n{}年  运行 #{}  框架 {}\n", year, r.run, r.framework);
    out += fmt::format("  得分 {:.1f}", r.score);
    if (prev)
      out += fmt::format("（{}，上年 {:.1f}）", score_move(r.score, prev->score), prev->score);
    out += fmt::format("  排名 {}/{}", r.rank, r.units);
    if (prev)
      out +=
          fmt::format("（{}，上年 {}/{}）", rank_move(r.rank, prev->rank), prev->rank, prev->units);
    out += fmt::format("  必选项 {}/{}\n", r.required_met, r.required_total);
    std::map<std::string, int> counts;
    auto items = item_states(sql, r.report);
    int reviewed = 0;
    for (const auto& [key, row] : items) {
      if (key.rfind(r.framework + " ", 0) != 0) continue;
      ++counts[row.state];
      reviewed += row.reviewed ? 1 : 0;
    }
    out += "  指标状态：";
    bool first = true;
    for (const char* s :
         {"met", "partial", "acknowledged", "planned", "missing", "not-applicable", "waived"}) {
      if (!counts.count(s)) continue;
      out += fmt::format("{}{} {}", first ? "" : "，", state_label(s), counts[s]);
      first = false;
    }
    if (reviewed) out += fmt::format("（其中人工复核 {} 项）", reviewed);
    out += "\n";
    if (prev && prev->framework == r.framework)
      gains_and_losses(prev_items, items, out);
    else if (prev)
      out += fmt::format("  与上年使用的框架不同（{} → {}），不逐项比较\n", prev->framework,
                         r.framework);
    prev = &r;
    prev_items = std::move(items);
  }
  return out;
}

std::optional<std::string> history_diff_text(HistoryDb& db, const std::string& run_a,
                                             const std::string& run_b,
                                             std::vector<Diagnostic>& diagnostics) {
  sqlite3* sql = db.impl().db;
  const std::int64_t a = resolve_run(sql, run_a), b = resolve_run(sql, run_b);
  for (const auto& [id, text] : {std::pair(a, run_a), std::pair(b, run_b)})
    if (id == 0) {
      diagnostics.push_back(make_error(
          db.path(), "history-unknown-run",
          fmt::format("没有运行“{}”（用 history {} runs 列出全部运行）", text, db.path())));
      return std::nullopt;
    }
  const RunRow ra = *run_row(sql, a), rb = *run_row(sql, b);
  std::string out = fmt::format("运行 #{}（{}）→ 运行 #{}（{}）\n", a, ra.recorded, b, rb.recorded);
  const bool rules_changed = ra.rules_hash != rb.rules_hash;
  const bool weights_changed = ra.weights_hash != rb.weights_hash;
  if (rules_changed) out += fmt::format("  规则已变：{} → {}\n", ra.rules_hash, rb.rules_hash);
  if (weights_changed)
    out += fmt::format("  权重或计分配置已变：{} → {}（配置 {} → {}）\n", ra.weights_hash,
                       rb.weights_hash, ra.profile.empty() ? "默认" : ra.profile,
                       rb.profile.empty() ? "默认" : rb.profile);
  if (ra.options != rb.options) out += fmt::format("  选项：{} → {}\n", ra.options, rb.options);
  if (ra.review != rb.review)
    out += fmt::format("  复核文件：{} → {}\n", ra.review.empty() ? "无" : ra.review,
                       rb.review.empty() ? "无" : rb.review);
  if (!rules_changed && !weights_changed && ra.options == rb.options && ra.review == rb.review)
    out += "  规则、权重、选项和复核文件均相同\n";
  std::map<std::pair<std::string, int>, ReportScore> before, after;
  for (auto& r : report_scores(sql, a, "")) before[{r.key, r.year}] = r;
  for (auto& r : report_scores(sql, b, "")) after[{r.key, r.year}] = r;
  std::set<std::pair<std::string, int>> keys;
  for (const auto& [k, r] : before) keys.insert(k);
  for (const auto& [k, r] : after) keys.insert(k);
  int unchanged = 0;
  for (const auto& k : keys) {
    const auto ia = before.find(k), ib = after.find(k);
    if (ia == before.end() || ib == after.end()) {
      const ReportScore& r = ia == before.end() ? ib->second : ia->second;
      out += fmt::format("\n{} {}年：{}\n", r.unit, r.year,
                         ia == before.end() ? "仅在后一次运行中" : "仅在前一次运行中");
      continue;
    }
    const ReportScore &x = ia->second, &y = ib->second;
    const bool text_changed = x.content_hash != y.content_hash;
    auto items_a = item_states(sql, x.report), items_b = item_states(sql, y.report);
    std::string flips;
    for (const auto& [key, row] : items_b) {
      const auto it = items_a.find(key);
      if (it == items_a.end() || it->second.state == row.state) continue;
      std::vector<std::string> why;
      if (row.reviewed || it->second.reviewed) why.emplace_back("人工复核");
      if (text_changed && row.machine != it->second.machine) why.emplace_back("报告内容已变");
      if (rules_changed && row.machine != it->second.machine) why.emplace_back("规则已变");
      if (why.empty())
        why.emplace_back(row.state == "waived" || it->second.state == "waived" ||
                                 row.state == "not-applicable" ||
                                 it->second.state == "not-applicable"
                             ? "配置（豁免、适用范围）已变"
                             : "规则或配置已变");
      flips +=
          fmt::format("    {} {}：{} → {}（{}）\n", item_id(key), row.title,
                      state_label(it->second.state), state_label(row.state), fmt::join(why, "、"));
    }
    const bool moved = std::abs(x.score - y.score) > 0.05 || x.rank != y.rank;
    if (!moved && flips.empty() && !text_changed) {
      ++unchanged;
      continue;
    }
    out +=
        fmt::format("\n{} {}年：得分 {:.1f} → {:.1f}（{}），排名 {}/{} → {}/{}（{}）{}\n", y.unit,
                    y.year, x.score, y.score, score_move(y.score, x.score), x.rank, x.units, y.rank,
                    y.units, rank_move(y.rank, x.rank), text_changed ? " · 报告内容已变" : "");
    if (!flips.empty())
      out += "  状态变化的指标：\n" + flips;
    else if (moved)
      out += fmt::format("  没有指标状态变化：{}\n",
                         weights_changed ? "得分变化来自权重或计分配置" : "排名变化来自其他单位");
  }
  out += fmt::format("\n共 {} 个单位-年度，{} 个没有变化\n", keys.size(), unchanged);
  return out;
}

}  // namespace indicheck
