// Writing the run history: open + migrate, and one transaction per recorded run.
#include <fmt/format.h>
#include <signal.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>

#include "indicheck/history.h"
#include "indicheck/review.h"
#include "sqlite.h"

namespace indicheck {

using history_detail::Stmt;

namespace {

// Migrations, in order: migrations[v] takes a database from user_version v to v + 1. A new
// database runs them all, so every step is exercised by every new file.
constexpr const char* kMigrations[] = {
    // 0 → 1: runs, reports, scores, item states, quotes.
    R"sql(
CREATE TABLE runs(id INTEGER PRIMARY KEY, recorded TEXT NOT NULL, date TEXT, tool_version TEXT,
  rules_hash TEXT, profile TEXT, weights_hash TEXT, model TEXT, options TEXT, review TEXT);
CREATE TABLE reports(id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
  path TEXT, unit TEXT, level TEXT, province TEXT, year INTEGER, published TEXT,
  doc_number TEXT, format TEXT, encoding TEXT, content_hash TEXT, failed INTEGER);
CREATE TABLE scores(report_id INTEGER NOT NULL REFERENCES reports(id), framework TEXT,
  kind TEXT, score REAL, max_score REAL, rank INTEGER, units INTEGER, peer_rank INTEGER,
  peer_count INTEGER, required_met INTEGER, required_total INTEGER);
CREATE TABLE items(report_id INTEGER NOT NULL REFERENCES reports(id), framework TEXT,
  item TEXT, title TEXT, state TEXT, machine_state TEXT, reviewed INTEGER, points REAL);
CREATE TABLE quotes(report_id INTEGER NOT NULL REFERENCES reports(id), framework TEXT,
  item TEXT, line INTEGER, col INTEGER, credit INTEGER, text TEXT);
)sql",
    // 1 → 2: the unit key that follows a unit across years, and the indexes the queries use.
    R"sql(
ALTER TABLE reports ADD COLUMN unit_key TEXT;
UPDATE reports SET unit_key = replace(replace(unit, ' ', ''), '　', '');
CREATE INDEX reports_run ON reports(run_id);
CREATE INDEX reports_unit ON reports(unit_key, year);
CREATE INDEX scores_report ON scores(report_id);
CREATE INDEX items_report ON items(report_id);
CREATE INDEX quotes_report ON quotes(report_id);
)sql",
};
static_assert(std::size(kMigrations) == kHistorySchemaVersion);

int user_version(sqlite3* db) {
  Stmt s(db, "PRAGMA user_version");
  return s.ok() && s.row() ? static_cast<int>(s.integer(0)) : -1;
}

// The test hook: INDICHECK_TEST_HISTORY_KILL_AFTER=N kills the process (SIGKILL, no cleanup)
// after N rows of the run were inserted, to prove the transaction leaves the file as it was.
struct KillHook {
  long after = -1;
  long rows = 0;
  KillHook() {
    if (const char* v = std::getenv("INDICHECK_TEST_HISTORY_KILL_AFTER"); v && *v)
      after = std::strtol(v, nullptr, 10);
  }
  void row() {
    if (after >= 0 && ++rows > after) ::raise(SIGKILL);
  }
};

std::string now_utc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

ItemState machine_state(const ReportResult& r, const std::vector<DocumentEvidence>& evidence,
                        const std::string& framework, std::size_t leaf) {
  if (const ReviewMark* m = r.review(framework, static_cast<int>(leaf))) return m->machine;
  for (const auto& ev : evidence)
    if (ev.framework_id == framework && leaf < ev.items.size()) return ev.items[leaf].state;
  for (const auto& c : r.compact)
    if (c.framework_id == framework && leaf < c.items.size()) return c.state(leaf);
  return ItemState::kMissing;
}

double points(const Framework& fw, const ScoreTable& t, std::size_t leaf) {
  const auto& g = t.leaf_global_weights;
  if (g.size() == fw.nodes.size() && g.size() != fw.leaves.size())
    return g[static_cast<std::size_t>(fw.leaves[leaf])] * 100.0;
  return leaf < g.size() ? g[leaf] * 100.0 : 0;
}

// The weights every table scored with (after the profile), the model and the partial credit:
// what `history diff` compares to say "weights changed" when the rule files did not.
std::string weights_fingerprint(const Evaluation& evaluation) {
  std::string all;
  for (const ScoreTable& t : evaluation.tables) {
    all += t.framework_id + fmt::format("|{}|{}|", model_name(t.model), t.partial_credit);
    for (double w : t.node_weights) all += fmt::format("{:.9g},", w);
    for (bool inc : t.node_included) all += inc ? '1' : '0';
    for (bool req : t.node_required) all += req ? 'r' : '-';
  }
  return content_hash(all);
}

struct Writer {
  sqlite3* db;
  const Evaluation& eval;
  KillHook hook;
  Stmt report{db,
              "INSERT INTO reports(run_id, path, unit, unit_key, level, province, year, published,"
              " doc_number, format, encoding, content_hash, failed)"
              " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)"};
  Stmt score{db,
             "INSERT INTO scores(report_id, framework, score, max_score, rank, units, peer_rank,"
             " peer_count, required_met, required_total, kind)"
             " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)"};
  Stmt item{db,
            "INSERT INTO items(report_id, framework, item, title, state, machine_state, reviewed,"
            " points) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)"};
  Stmt quote{db,
             "INSERT INTO quotes(report_id, framework, item, line, col, credit, text)"
             " VALUES(?1,?2,?3,?4,?5,?6,?7)"};

  bool ok() const { return report.ok() && score.ok() && item.ok() && quote.ok(); }

  bool table_rows(const ReportResult& r, std::int64_t report_id,
                  const std::vector<DocumentEvidence>& evidence) {
    for (const ScoreTable& t : eval.tables) {
      const Framework* fw = eval.rules ? eval.rules->find_framework(t.framework_id) : nullptr;
      if (!fw) continue;
      for (const UnitScore& u : t.units) {
        if (u.key.path != r.path) continue;
        score.bind(1, report_id).bind(2, t.framework_id).bind(3, u.score).bind(4, u.max_score);
        score.bind(5, u.rank).bind(6, static_cast<int>(t.units.size())).bind(7, u.peer_rank);
        score.bind(8, u.peer_count).bind(9, u.required_met).bind(10, u.required_total);
        score.bind(11, fw->kind);
        if (!score.run()) return false;
        for (std::size_t l = 0; l < fw->leaves.size() && l < u.states.size(); ++l) {
          const RuleNode& node = fw->nodes[static_cast<std::size_t>(fw->leaves[l])];
          const bool reviewed = r.review(t.framework_id, static_cast<int>(l)) != nullptr;
          item.bind(1, report_id).bind(2, t.framework_id).bind(3, node.id).bind(4, node.title);
          item.bind(5, state_name(u.states[l]));
          item.bind(6, state_name(machine_state(r, evidence, t.framework_id, l)));
          item.bind(7, reviewed ? 1 : 0).bind(8, points(*fw, t, l));
          if (!item.run()) return false;
          hook.row();
        }
      }
    }
    for (const DocumentEvidence& ev : evidence) {
      const Framework* fw = eval.rules ? eval.rules->find_framework(ev.framework_id) : nullptr;
      for (const ItemEvidence& it : ev.items) {
        if (!fw || it.node < 0) continue;
        for (const Quote& q : it.quotes) {
          quote.bind(1, report_id).bind(2, ev.framework_id);
          quote.bind(3, fw->nodes[static_cast<std::size_t>(it.node)].id);
          quote.bind(4, static_cast<std::int64_t>(q.line))
              .bind(5, static_cast<std::int64_t>(q.column));
          quote.bind(6, q.credit ? 1 : 0).bind(7, q.text);
          if (!quote.run()) return false;
        }
      }
    }
    return true;
  }

  bool reports(std::int64_t run_id) {
    std::vector<DocumentEvidence> loaded;
    for (const ReportResult& r : eval.reports) {
      report.bind(1, run_id).bind(2, r.path).bind(3, r.meta.unit.value);
      report.bind(4, unit_key(r.meta.unit.value)).bind(5, r.meta.level.value);
      report.bind(6, r.meta.province.value).bind(7, r.meta.year).bind(8, r.meta.published.value);
      report.bind(9, r.meta.doc_number.value).bind(10, r.meta.format).bind(11, r.meta.encoding);
      report.bind(12, r.content_hash).bind(13, r.failed ? 1 : 0);
      if (!report.run()) return false;
      hook.row();
      const std::int64_t report_id = sqlite3_last_insert_rowid(db);
      const std::vector<DocumentEvidence>* evidence = &r.evidence;
      if (r.store_slot != ReportResult::kNotStored && eval.store) {
        if (!eval.store->load(r.store_slot, loaded)) loaded.clear();
        evidence = &loaded;
      }
      if (!table_rows(r, report_id, *evidence)) return false;
    }
    return true;
  }
};

}  // namespace

std::string unit_key(std::string_view unit) {
  std::string out;
  for (std::size_t i = 0; i < unit.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(unit[i]);
    if (c < 0x80 && (std::isspace(c) || std::ispunct(c))) continue;
    if (unit.substr(i, 3) == "\xE3\x80\x80") {  // full-width space
      i += 2;
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

HistoryDb::HistoryDb(std::string path, std::unique_ptr<Impl> impl)
    : path_(std::move(path)), impl_(std::move(impl)) {}
HistoryDb::~HistoryDb() = default;

int HistoryDb::schema_version() const {
  return user_version(impl_->db);
}

std::unique_ptr<HistoryDb> HistoryDb::open(const std::string& path,
                                           std::vector<Diagnostic>& diagnostics) {
  auto impl = std::make_unique<Impl>();
  const auto fail = [&](std::string code, std::string message) {
    diagnostics.push_back(make_error(path, std::move(code), std::move(message)));
    return nullptr;
  };
  if (sqlite3_open_v2(path.c_str(), &impl->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK)
    return fail("history-open", fmt::format("无法打开历史数据库：{}",
                                            impl->db ? sqlite3_errmsg(impl->db) : "out of memory"));
  // Another writer: wait for it (a whole evaluation's insert takes well under this), then
  // give up with history-busy rather than corrupt or hang.
  int busy_ms = 30000;
  if (const char* v = std::getenv("INDICHECK_HISTORY_BUSY_MS"); v && *v)
    busy_ms = static_cast<int>(std::strtol(v, nullptr, 10));
  sqlite3_busy_timeout(impl->db, busy_ms);
  std::string error;
  const int version = user_version(impl->db);
  if (version < 0)
    return fail("history-corrupt",
                fmt::format("不是 SQLite 数据库或已损坏：{}", sqlite3_errmsg(impl->db)));
  if (version > kHistorySchemaVersion)
    return fail("history-version",
                fmt::format("历史数据库的结构版本为 {}，高于本程序支持的 {}：请升级 indicheck",
                            version, kHistorySchemaVersion));
  if (!impl->exec("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;", error))
    return fail("history-open", "无法启用 WAL 模式：" + error);
  if (version < kHistorySchemaVersion) {
    // Forward migration in one transaction: a file is at one version or the next, never between.
    if (!impl->exec("BEGIN IMMEDIATE", error))
      return fail("history-busy", "历史数据库正被另一个进程写入：" + error);
    const int current = user_version(impl->db);  // another process may have migrated meanwhile
    for (int v = current; v < kHistorySchemaVersion; ++v) {
      if (!impl->exec(kMigrations[v], error) ||
          !impl->exec(fmt::format("PRAGMA user_version = {}", v + 1).c_str(), error)) {
        impl->exec("ROLLBACK", error);
        return fail("history-corrupt", fmt::format("无法升级到结构版本 {}：{}", v + 1, error));
      }
    }
    if (!impl->exec("COMMIT", error)) return fail("history-write", "无法升级：" + error);
  }
  return std::unique_ptr<HistoryDb>(new HistoryDb(path, std::move(impl)));
}

std::int64_t HistoryDb::record(const Evaluation& evaluation, const std::string& options,
                               std::vector<Diagnostic>& diagnostics) {
  sqlite3* db = impl_->db;
  std::string error;
  if (!impl_->exec("BEGIN IMMEDIATE", error)) {
    diagnostics.push_back(
        make_error(path_, "history-busy", "历史数据库正被另一个进程写入，等待超时：" + error));
    return 0;
  }
  const auto rollback = [&](const std::string& why) -> std::int64_t {
    std::string ignored;
    impl_->exec("ROLLBACK", ignored);
    diagnostics.push_back(make_error(path_, "history-write", "无法写入历史数据库：" + why));
    return 0;
  };
  const RunFacts& f = evaluation.facts;
  Stmt run(
      db,
      "INSERT INTO runs(recorded, date, tool_version, rules_hash, profile, weights_hash, model,"
      " options, review) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)");
  run.bind(1, now_utc()).bind(2, f.date).bind(3, f.tool_version).bind(4, f.rules_hash);
  run.bind(5, f.profile_path).bind(6, weights_fingerprint(evaluation)).bind(7, f.model);
  run.bind(8, options).bind(9, f.review_path);
  if (!run.ok() || !run.run()) return rollback(sqlite3_errmsg(db));
  const std::int64_t run_id = sqlite3_last_insert_rowid(db);
  Writer w{db, evaluation};
  if (!w.ok() || !w.reports(run_id)) return rollback(sqlite3_errmsg(db));
  if (!impl_->exec("COMMIT", error)) return rollback(error);
  return run_id;
}

}  // namespace indicheck
