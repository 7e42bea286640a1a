// run_pipeline in-process: the bundled corpus/ against rules/, states and scores of a few
// items and units checked against values verified by hand in the reports (see each CHECK), with
// evidence in memory and on disk, and a report with one bad byte warning exactly once.
#include <fmt/format.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "indicheck/run.h"

namespace fs = std::filesystem;
using namespace indicheck;

namespace {

const fs::path kSource = INDICHECK_SOURCE_DIR;

PipelineOptions corpus_options() {
  PipelineOptions o;
  o.inputs = {(kSource / "corpus").string()};
  o.rules_paths = {(kSource / "rules").string()};
  o.jobs = 2;
  o.scoring.today = "2026-01-01";
  return o;
}

const ReportResult& report(const Evaluation& e, const std::string& file) {
  for (const auto& r : e.reports)
    if (fs::path(r.path).filename() == file) return r;
  FAIL("no report " << file);
  return e.reports.front();
}

const ScoreTable& table(const Evaluation& e, const std::string& framework) {
  for (const auto& t : e.tables)
    if (t.framework_id == framework) return t;
  FAIL("no table " << framework);
  return e.tables.front();
}

const UnitScore& unit(const ScoreTable& t, const std::string& file) {
  for (const auto& u : t.units)
    if (fs::path(u.key.path).filename() == file) return u;
  FAIL("no unit " << file << " in " << t.framework_id);
  return t.units.front();
}

ItemState state(const RuleSet& rules, const ScoreTable& t, const UnitScore& u,
                const std::string& item) {
  const Framework* fw = rules.find_framework(t.framework_id);
  REQUIRE(fw != nullptr);
  for (std::size_t l = 0; l < fw->leaves.size(); ++l)
    if (fw->nodes[static_cast<std::size_t>(fw->leaves[l])].id == item) return u.states.at(l);
  FAIL("no leaf " << item);
  return ItemState::kMissing;
}

// The values below were read once from `indicheck evaluate corpus` and checked in the reports.
void check_corpus(const PipelineResult& result) {
  const Evaluation& e = result.evaluation;
  REQUIRE(e.reports.size() == 5);
  for (const auto& r : e.reports) CHECK_FALSE(r.failed);
  CHECK(e.facts.jobs == 2);
  CHECK(result.stats.input_bytes > 0);

  CHECK(report(e, "sip-2023.txt").meta.year == 2023);
  CHECK(report(e, "xinbei-2020.txt").meta.year == 2020);
  const ScoreTable& g21 = table(e, "gangyao-2021");
  const ScoreTable& g15 = table(e, "gangyao-2015");
  const ScoreTable& structure = table(e, "report-structure");
  CHECK(g21.units.size() == 4);  // 2021, 2021, 2023, 2024: the 2021-2025 纲要
  CHECK(g15.units.size() == 1);  // xinbei-2020: the 2015-2020 纲要
  CHECK(structure.units.size() == 5);

  // sip-2023 2.1.3 (赋权乡镇): "赋权事项" only in line 34, under "2024年,园区将重点做好以下
  // 工作" → planned. 2.2.1: "深化重点领域审批改革" in line 6, an achievement → met.
  const UnitScore& sip = unit(g21, "sip-2023.txt");
  CHECK(state(result.rules, g21, sip, "2.1.3") == ItemState::kPlanned);
  CHECK(state(result.rules, g21, sip, "2.2.1") == ItemState::kMet);
  // 10.1.3 (第一责任人) is missing: its only sentence, "各单位党政主要负责人切实履行法治建设第一
  // 责任人职责,深入推进依法行政。" (line 4), names the duty without anything done to carry it
  // out (a slogan under the rubric; the rule asks for a report, list, meeting or decision).
  CHECK(state(result.rules, g21, sip, "10.1.3") == ItemState::kMissing);
  // 10.3.1 (领导干部学法) is met: "建立健全党委(党组)理论学习中心组学习习近平法治思想常态化
  // 机制" (line 3) is a 中心组's law study set up as a standing mechanism, which the rubric
  // (SECTIONS-2021.md, "Leaders' law study") places in 10.3, not 10.1.
  CHECK(state(result.rules, g21, sip, "10.3.1") == ItemState::kMet);
  // 5.4.1 is planned, not met: "落实涉企“免罚轻罚”清单,深入推进包容审慎柔性执法。" only restates
  // standing policy (the rubric's slogan rule); the plans part names the same measure.
  CHECK(state(result.rules, g21, sip, "5.4.1") == ItemState::kPlanned);
  // 5.2.2 is missing: the campaign its sentence reports, 道路交通安全执法领域突出问题专项整治, is
  // against enforcement's own faults, supervision of enforcement (8.3) to the rubric's readers;
  // 5.2.2 is the 纲要's own 分领域…集中专项整治 (rules/gangyao-2021/area-05.yaml).
  CHECK(state(result.rules, g21, sip, "5.2.2") == ItemState::kMissing);
  // 7.3.4 is missing: its one sentence, "深入学习宣传新修订的行政复议法,提升行政复议的社会知晓度,
  // 推进行政复议化解行政争议主渠道建设。" (line 22), is standing policy in each clause (the slogan
  // rule: 深入学习 opens it, 提升 and 推进 state its purpose); with it met the score was 60.06.
  CHECK(state(result.rules, g21, sip, "7.3.4") == ItemState::kMissing);
  CHECK(sip.score == Approx(59.60).margin(0.005));
  CHECK(sip.rank == 2);
  CHECK(sip.required_met == 9);
  CHECK(sip.required_total == 13);

  const UnitScore& xiangcheng = unit(g21, "xiangcheng-2021.txt");
  CHECK(xiangcheng.score == Approx(71.08).margin(0.005));
  CHECK(xiangcheng.rank == 1);
  CHECK(xiangcheng.required_met == 12);
  const UnitScore& nanhu = unit(g21, "nanhu-2021.txt");
  // 10.3.4 (述法) is missing: "…严格执行述德述责述廉述法制度。" names the rule, not a 述法 held.
  CHECK(state(result.rules, g21, nanhu, "10.3.4") == ItemState::kMissing);
  CHECK(nanhu.score == Approx(44.49).margin(0.005));
  CHECK(nanhu.rank == 4);

  // xinbei-2020: 1.1 met (审批 reform sentences, line 7); 1.4 has its terms but no sentence
  // meets `macro and law` → missing.
  const UnitScore& xinbei = unit(g15, "xinbei-2020.txt");
  CHECK(state(result.rules, g15, xinbei, "1.1") == ItemState::kMet);
  CHECK(state(result.rules, g15, xinbei, "1.4") == ItemState::kMissing);
  CHECK(xinbei.score == Approx(75.87).margin(0.005));
  CHECK(xinbei.required_met == 9);
  CHECK(xinbei.required_total == 10);

  // Report structure: contents 1-4 in every report, none has 其他需要报告的情况 (5): 4 of 5
  // equal weights = 80, all rank 1.
  for (const auto& u : structure.units) {
    CHECK(u.score == Approx(80.0));
    CHECK(u.rank == 1);
    CHECK(state(result.rules, structure, u, "5") == ItemState::kMissing);
    CHECK(state(result.rules, structure, u, "1") == ItemState::kMet);
  }
}

fs::path fresh_dir(const std::string& name) {
  fs::path p =
      fs::temp_directory_path() / ("indicheck-run-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

// Runs `body` as the unprivileged user nobody (uid 65534) in a forked child when the test runs
// as root (root lists a 0-mode directory, so the failure could not happen); directly otherwise.
// Returns what `body` returned, through a pipe.
std::string as_unprivileged(const std::function<std::string()>& body) {
  if (::geteuid() != 0) return body();
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    const bool dropped = ::setgroups(0, nullptr) == 0 && ::setresgid(65534, 65534, 65534) == 0 &&
                         ::setresuid(65534, 65534, 65534) == 0;
    const std::string out = dropped ? body() : std::string("cannot become nobody");
    std::size_t done = 0;
    while (done < out.size()) {
      const ssize_t n = ::write(fds[1], out.data() + done, out.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string out;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0)
    out.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return out;
}

}  // namespace

TEST_CASE("run_pipeline: corpus states and scores, evidence in memory", "[run]") {
  PipelineResult result;
  REQUIRE(run_pipeline(corpus_options(), result) == kExitOk);
  for (const auto& d : result.diagnostics) UNSCOPED_INFO(d.str());
  CHECK_FALSE(has_errors(result.diagnostics));
  CHECK(result.evaluation.store == nullptr);
  for (const auto& r : result.evaluation.reports) CHECK_FALSE(r.evidence.empty());
  check_corpus(result);
}

TEST_CASE("run_pipeline: evidence on disk scores the same", "[run]") {
  const fs::path dir = fresh_dir("spill");
  PipelineOptions o = corpus_options();
  o.spill_dir = dir.string();
  o.evidence_memory_bytes = 0;  // all to the file
  o.jobs = 1;
  PipelineResult result;
  REQUIRE(run_pipeline(o, result) == kExitOk);
  REQUIRE(result.evaluation.store != nullptr);
  CHECK(result.stats.spilled_bytes > 0);
  CHECK(result.stats.evidence_memory_bytes == 0);
  for (const auto& r : result.evaluation.reports) {
    CHECK(r.evidence.empty());
    CHECK(r.store_slot != ReportResult::kNotStored);
  }
  result.evaluation.facts.jobs = 2;  // check_corpus reads the jobs of the in-memory run
  check_corpus(result);
  fs::remove_all(dir);
}

TEST_CASE("run_pipeline: evidence partly in memory, partly on disk, scores the same", "[run]") {
  const fs::path dir = fresh_dir("spill-mixed");
  PipelineOptions o = corpus_options();
  o.spill_dir = dir.string();
  o.jobs = 1;
  // The default budget holds the whole bundled corpus: nothing reaches the file.
  {
    PipelineResult result;
    REQUIRE(run_pipeline(o, result) == kExitOk);
    CHECK(result.stats.spilled_bytes == 0);
    CHECK(result.stats.evidence_memory_bytes > 0);
    for (const auto& r : result.evaluation.reports) CHECK(r.evidence.empty());
    result.evaluation.facts.jobs = 2;
    check_corpus(result);
  }
  // A budget of 40 KB: the first reports' evidence fits, the rest goes to the file.
  o.evidence_memory_bytes = 40 * 1024;
  PipelineResult result;
  REQUIRE(run_pipeline(o, result) == kExitOk);
  CHECK(result.stats.spilled_bytes > 0);
  CHECK(result.stats.evidence_memory_bytes > 0);
  CHECK(result.stats.evidence_memory_bytes <= 40 * 1024);
  for (const auto& r : result.evaluation.reports) {
    CHECK(r.evidence.empty());
    CHECK(r.store_slot != ReportResult::kNotStored);
  }
  result.evaluation.facts.jobs = 2;
  check_corpus(result);
  fs::remove_all(dir);
}

TEST_CASE("run_pipeline: a report with one bad byte warns once", "[run][warnings]") {
  const fs::path dir = fresh_dir("bad-byte");
  std::string text;
  {
    std::ifstream in(kSource / "corpus/taicang-2024.txt", std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  text.insert(text.find('\n') + 1, "\xFF");
  const fs::path file = dir / "taicang-2024.txt";
  std::ofstream(file, std::ios::binary) << text;
  PipelineOptions o = corpus_options();
  o.inputs = {file.string()};
  PipelineResult result;
  REQUIRE(run_pipeline(o, result) == kExitOk);
  std::size_t in_run = 0;
  for (const auto& d : result.diagnostics) in_run += d.path == file.string() ? 1 : 0;
  REQUIRE(result.evaluation.reports.size() == 1);
  const auto& diags = result.evaluation.reports[0].diagnostics;
  CHECK(in_run == 1);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].severity == Severity::kWarning);
  fs::remove_all(dir);
}

TEST_CASE("run_pipeline: no rules, no inputs, an unknown framework are input errors", "[run]") {
  PipelineOptions o = corpus_options();
  o.rules_paths.clear();
  PipelineResult a;
  CHECK(run_pipeline(o, a) == kExitInput);
  CHECK(has_errors(a.diagnostics));

  o = corpus_options();
  o.inputs = {(fresh_dir("empty") / "nothing-here").string()};
  PipelineResult b;
  CHECK(run_pipeline(o, b) == kExitOk);  // a missing path is a failed report, listed
  REQUIRE(b.evaluation.reports.size() == 1);
  CHECK(b.evaluation.reports[0].failed);

  o = corpus_options();
  o.framework_override = "no-such-framework";
  PipelineResult c;
  CHECK(run_pipeline(o, c) == kExitInput);
  REQUIRE_FALSE(c.diagnostics.empty());
  CHECK(c.diagnostics.back().code == "unknown-framework");
}

TEST_CASE("run_pipeline: a folder that cannot be listed is a failed report, not a silent gap",
          "[run][errors]") {
  // Issue 17, defect 3. A temporary tree nobody can enter, with two folders it cannot list:
  // one inside an input folder, one given as an input itself.
  std::string name = (fs::temp_directory_path() / "indicheck-run-locked-XXXXXX").string();
  REQUIRE(::mkdtemp(name.data()) != nullptr);
  const fs::path tmp = name;
  ::chmod(name.c_str(), 0755);
  fs::create_directories(tmp / "in/locked");
  fs::create_directories(tmp / "top-locked");
  fs::copy_file(kSource / "corpus/taicang-2024.txt", tmp / "in/taicang-2024.txt");
  std::ofstream(tmp / "in/locked/hidden-report.txt") << "x";
  std::ofstream(tmp / "top-locked/other.txt") << "x";
  ::chmod((tmp / "in/taicang-2024.txt").c_str(), 0644);
  ::chmod((tmp / "in").c_str(), 0755);
  ::chmod((tmp / "in/locked").c_str(), 0);
  ::chmod((tmp / "top-locked").c_str(), 0);
  const std::string out = as_unprivileged([&] {
    PipelineOptions o = corpus_options();
    o.inputs = {(tmp / "in").string(), (tmp / "top-locked").string()};
    o.jobs = 1;
    PipelineResult r;
    std::string text = fmt::format("exit {}\n", run_pipeline(o, r));
    for (const auto& report : r.evaluation.reports)
      text += fmt::format("{} {}\n", report.path, report.failed ? "failed" : "read");
    for (const auto& d : r.diagnostics)
      if (d.severity == Severity::kError) text += d.str() + "\n";
    return text;
  });
  ::chmod((tmp / "in/locked").c_str(), 0755);
  ::chmod((tmp / "top-locked").c_str(), 0755);
  fs::remove_all(tmp);
  const std::string in = (tmp / "in").string();
  const std::string top = (tmp / "top-locked").string();
  CHECK(out == "exit 0\n" + in + "/locked failed\n" + in + "/taicang-2024.txt read\n" + top +
                   " failed\n" + in +
                   "/locked: error[unreadable]: cannot read directory: Permission denied\n" + top +
                   ": error[unreadable]: cannot read directory: Permission denied\n");
}
