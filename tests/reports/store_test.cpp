// Evidence kept out of memory (EvidenceStore + CompactEvidence): every output must be the same
// as with all evidence in memory, and a store that cannot be read back fails the write cleanly.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "indicheck/reports.h"
#include "synthetic.h"

namespace fs = std::filesystem;
using namespace indicheck;

namespace {

// The bytes of each slot in a map; `fail_loads` makes every load fail.
class MemoryStore final : public EvidenceStore {
 public:
  bool store(std::size_t slot, const std::vector<DocumentEvidence>& evidence) override {
    slots_[slot] = serialize_evidence(evidence);
    return true;
  }
  bool load(std::size_t slot, std::vector<DocumentEvidence>& evidence) const override {
    ++loads;
    auto it = slots_.find(slot);
    return !fail_loads && it != slots_.end() && deserialize_evidence(it->second, evidence);
  }
  bool fail_loads = false;
  mutable int loads = 0;

 private:
  std::map<std::size_t, std::string> slots_;
};

// Moves every readable report's evidence into `store`, as the pipeline does.
void spill(synthetic::Data& d, const std::shared_ptr<MemoryStore>& store) {
  for (std::size_t r = 0; r < d.eval.reports.size(); ++r) {
    ReportResult& rep = d.eval.reports[r];
    if (rep.evidence.empty()) continue;
    REQUIRE(store->store(r + 100, rep.evidence));
    REQUIRE(compact_evidence(d.rules, rep));
    rep.store_slot = r + 100;
    CHECK(rep.evidence.empty());
  }
  d.eval.store = store;
}

}  // namespace

TEST_CASE("evidence survives serialize/deserialize field by field", "[store]") {
  synthetic::Data d;
  synthetic::build(d);
  std::vector<DocumentEvidence> ev = d.eval.reports[0].evidence;
  MetricValue m;
  m.name = "rate";
  m.value = 99.5;
  m.unit = "%";
  m.raw = "99.5%";
  m.meets = true;
  ev[0].items[0].quotes[0].metrics = {m};
  ev[0].items[0].quotes[0].sentence = 7;
  ev[0].items[0].quotes[0].column = 3;
  const std::string bytes = serialize_evidence(ev);
  std::vector<DocumentEvidence> back;
  REQUIRE(deserialize_evidence(bytes, back));
  REQUIRE(back.size() == ev.size());
  const Quote& q = back[0].items[0].quotes[0];
  CHECK(q.text == ev[0].items[0].quotes[0].text);
  CHECK(q.sentence == 7);
  CHECK(q.column == 3);
  CHECK(q.line == ev[0].items[0].quotes[0].line);
  CHECK(q.role == ev[0].items[0].quotes[0].role);
  CHECK(q.terms == ev[0].items[0].quotes[0].terms);
  REQUIRE(q.metrics.size() == 1);
  CHECK(q.metrics[0].raw == "99.5%");
  CHECK(q.metrics[0].value == 99.5);
  CHECK(q.metrics[0].meets);
  CHECK(back[0].items[1].reason == ev[0].items[1].reason);
  CHECK(back[1].framework_id == "report-structure");
  CHECK(serialize_evidence(back) == bytes);
  // Truncated or padded bytes are rejected, never half-read.
  CHECK_FALSE(deserialize_evidence(std::string_view(bytes).substr(0, bytes.size() - 1), back));
  CHECK(back.empty());
  CHECK_FALSE(deserialize_evidence(bytes + "x", back));
}

TEST_CASE("a sentence quoted by many items is stored once; damaged bytes are refused", "[store]") {
  // 40 items quoting the same 300-byte sentence in the same section, with the same reason.
  const std::string sentence(300, 'x');
  std::vector<DocumentEvidence> ev(1);
  ev[0].framework_id = "gangyao-2021";
  for (int i = 0; i < 40; ++i) {
    ItemEvidence item;
    item.node = i;
    item.state = ItemState::kMet;
    item.reason = Reason{ReasonCode::kMet, Role::kLeadership, 3, 1, {"出庭应诉率", "100%"}};
    Quote q;
    q.sentence = 5;
    q.text = sentence;
    q.line = 3;
    q.column = 1;
    q.section_path = "一、主要成效 > (一)第一节";
    q.terms = {"法治", "建设"};
    q.credit = true;
    item.quotes.push_back(q);
    ev[0].items.push_back(item);
  }
  const std::string bytes = serialize_evidence(ev);
  // Once 300 bytes + the other strings, then a few bytes of ids per item: far below 40 × 300.
  // (an item's reason: code, role, line, column and two argument ids, about 7 bytes).
  // and a quote's page, page line and OCR flag, 3 bytes; the item's near-miss count, 1 byte).
  CHECK(bytes.size() < 300 + 200 + 40 * 30);
  std::vector<DocumentEvidence> back;
  REQUIRE(deserialize_evidence(bytes, back));
  REQUIRE(back[0].items.size() == 40);
  CHECK(back[0].items[39].quotes[0].text == sentence);
  CHECK(back[0].items[39].quotes[0].section_path == "一、主要成效 > (一)第一节");
  CHECK(back[0].items[39].reason ==
        Reason{ReasonCode::kMet, Role::kLeadership, 3, 1, {"出庭应诉率", "100%"}});
  // Every single-byte change and every truncation either reads back or is refused; none
  // crashes or reads outside the buffer (the sanitizer build checks the latter).
  std::size_t refused = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0xFF);
    refused += deserialize_evidence(damaged, back) ? 0 : 1;
    refused += deserialize_evidence(std::string_view(bytes).substr(0, i), back) ? 0 : 1;
  }
  CHECK(refused > bytes.size());  // every truncation at least
}

TEST_CASE("quotes under one sentence number with different texts both read back", "[store]") {
  // The store finds a quote's text by its sentence number first; a text that differs under the
  // same number (another framework's document, a trimmed quote) must not take the first's.
  std::vector<DocumentEvidence> ev(2);
  ev[0].framework_id = "gangyao-2021";
  ev[1].framework_id = "report-structure";
  const std::vector<std::pair<std::uint32_t, std::string>> quotes = {{5, "开展行政执法案卷评查。"},
                                                                     {5, "开展行政执法案卷评查"},
                                                                     {6, "开展行政执法案卷评查。"},
                                                                     {5, "另一个句子。"},
                                                                     {9, "第九句。"},
                                                                     {5, "开展行政执法案卷评查。"}};
  for (std::size_t i = 0; i < quotes.size(); ++i) {
    ItemEvidence item;
    item.node = static_cast<int>(i);
    Quote q;
    q.sentence = quotes[i].first;
    q.text = quotes[i].second;
    item.quotes.push_back(q);
    NearMiss miss;
    miss.sentence = quotes[i].first;
    miss.text = quotes[(i + 1) % quotes.size()].second;
    item.near_misses.push_back(miss);
    ev[i % 2].items.push_back(item);
  }
  std::vector<DocumentEvidence> back;
  REQUIRE(deserialize_evidence(serialize_evidence(ev), back));
  REQUIRE(back.size() == 2);
  for (std::size_t i = 0; i < quotes.size(); ++i) {
    INFO(i);
    const ItemEvidence& item = back[i % 2].items[i / 2];
    CHECK(item.quotes.at(0).sentence == quotes[i].first);
    CHECK(item.quotes.at(0).text == quotes[i].second);
    CHECK(item.near_misses.at(0).text == quotes[(i + 1) % quotes.size()].second);
  }
}

TEST_CASE("compact_evidence keeps states and has-quote flags, refuses items out of leaf order",
          "[store]") {
  synthetic::Data d;
  synthetic::build(d);
  ReportResult rep = d.eval.reports[1];  // A 2021: met (quote), missing, missing, planned (quote)
  REQUIRE(compact_evidence(d.rules, rep));
  REQUIRE(rep.compact.size() == 2);
  CHECK(rep.compact[0].framework_id == "gangyao-2021");
  const std::vector<std::uint8_t> expected = {
      static_cast<std::uint8_t>(static_cast<int>(ItemState::kMet) | CompactEvidence::kHasQuote),
      static_cast<std::uint8_t>(ItemState::kMissing),
      static_cast<std::uint8_t>(ItemState::kMissing),
      static_cast<std::uint8_t>(static_cast<int>(ItemState::kPlanned) |
                                CompactEvidence::kHasQuote)};
  CHECK(rep.compact[0].items == expected);

  ReportResult swapped = d.eval.reports[1];
  std::swap(swapped.evidence[0].items[0], swapped.evidence[0].items[1]);
  CHECK_FALSE(compact_evidence(d.rules, swapped));
  CHECK(swapped.compact.empty());
  CHECK(swapped.evidence.size() == 2);  // unchanged
}

TEST_CASE("outputs are byte-identical with evidence in a store", "[store]") {
  synthetic::Data mem, stored;
  synthetic::build(mem);
  synthetic::build(stored);
  auto store = std::make_shared<MemoryStore>();
  spill(stored, store);
  CHECK(render_index_html(stored.eval) == render_index_html(mem.eval));
  CHECK(render_results_json(stored.eval) == render_results_json(mem.eval));
  CHECK(render_scores_csv(stored.eval) == render_scores_csv(mem.eval));
  CHECK(render_evidence_csv(stored.eval) == render_evidence_csv(mem.eval));
  for (std::size_t r = 0; r < mem.eval.reports.size(); ++r) {
    CHECK(gap_report_stem(stored.eval, r) == gap_report_stem(mem.eval, r));
    CHECK(render_gap_html(stored.eval, r) == render_gap_html(mem.eval, r));
    CHECK(render_gap_markdown(stored.eval, r) == render_gap_markdown(mem.eval, r));
  }
  // The gap report of A 2021 shows B's quote as the peer example: read back from the store.
  CHECK(render_gap_html(stored.eval, 1).find("审核率100%") != std::string::npos);
  CHECK(store->loads > 0);
}

TEST_CASE("a store that cannot be read back fails write_outputs and writes nothing", "[store]") {
  synthetic::Data d;
  synthetic::build(d);
  auto store = std::make_shared<MemoryStore>();
  spill(d, store);
  store->fail_loads = true;
  const fs::path out =
      fs::temp_directory_path() / ("indicheck-store-" + std::to_string(::getpid()));
  fs::remove_all(out);
  std::vector<Diagnostic> diags;
  CHECK_FALSE(write_outputs(d.eval, out.string(), OutputFormats{}, diags));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == "output");
  CHECK_FALSE(fs::exists(out / "index.html"));
  CHECK_FALSE(fs::exists(out / "results.json"));
  fs::remove_all(out);
}

TEST_CASE("beyond gap_reports_max only the units asked for get a gap report", "[gap][limit]") {
  synthetic::Data d;
  synthetic::build(d);
  // Three scored reports (A 2022, A 2021, B 2021) and one failed file.
  d.eval.gap_reports_max = 3;
  CHECK(gap_report_stem(d.eval, 0) == "a-2022");
  CHECK(gap_report_stem(d.eval, 2) == "b-2021");

  d.eval.gap_reports_max = 2;  // now over the limit, nobody asked: no gap report at all
  for (std::size_t r = 0; r < d.eval.reports.size(); ++r) CHECK(gap_report_stem(d.eval, r).empty());
  CHECK(render_results_json(d.eval).find("\"gap_report\": \"gaps/") == std::string::npos);
  CHECK(render_index_html(d.eval).find("href=\"gaps/") == std::string::npos);

  d.eval.gap_units = {"乙区"};  // by unit name
  CHECK(gap_report_stem(d.eval, 0).empty());
  CHECK(gap_report_stem(d.eval, 1).empty());
  CHECK(gap_report_stem(d.eval, 2) == "b-2021");
  const fs::path out =
      fs::temp_directory_path() / ("indicheck-gaplimit-" + std::to_string(::getpid()));
  fs::remove_all(out);
  std::vector<Diagnostic> diags;
  REQUIRE(write_outputs(d.eval, out.string(), OutputFormats{}, diags));
  CHECK(fs::exists(out / "gaps" / "b-2021.html"));
  CHECK(fs::exists(out / "gaps" / "b-2021.md"));
  CHECK_FALSE(fs::exists(out / "gaps" / "a-2022.html"));
  CHECK_FALSE(fs::exists(out / "gaps" / "a-2021.md"));
  CHECK(fs::exists(out / "index.html"));
  fs::remove_all(out);

  // By file stem: A 2022 only; its other-years column for 2021 is text, not a dead link.
  d.eval.gap_units = {"a-2022"};
  CHECK(gap_report_stem(d.eval, 0) == "a-2022");
  CHECK(gap_report_stem(d.eval, 1).empty());
  const std::string html = render_gap_html(d.eval, 0);
  CHECK(html.find("本单位其他年度对比") != std::string::npos);
  CHECK(html.find("a-2021.html") == std::string::npos);
  // Both years asked for: the link is there.
  d.eval.gap_units = {"甲区"};
  CHECK(render_gap_html(d.eval, 0).find("href=\"a-2021.html\"") != std::string::npos);
}

TEST_CASE(
    "write_outputs writes results.json and evidence.csv in one pass: same bytes, no second read",
    "[store][write]") {
  synthetic::Data mem, stored;
  synthetic::build(mem);
  synthetic::build(stored);
  auto store = std::make_shared<MemoryStore>();
  spill(stored, store);
  std::size_t spilled = 0;
  for (const auto& rep : stored.eval.reports) spilled += rep.store_slot != ReportResult::kNotStored;
  REQUIRE(spilled == 3);  // the broken report has no evidence

  const fs::path dir =
      fs::temp_directory_path() / ("indicheck-onepass-" + std::to_string(::getpid()));
  const auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  // Each format alone and both together: the streamed files are what the render_ functions give,
  // and writing both reads the store no more than writing one (View reads the peer candidates
  // once on its first load, then each report once).
  std::map<std::string, int> loads;
  for (const char* which : {"json", "csv", "json,csv"}) {
    INFO(which);
    OutputFormats formats;
    std::string error;
    REQUIRE(parse_formats(which, formats, error));
    fs::remove_all(dir);
    store->loads = 0;
    std::vector<Diagnostic> diags;
    REQUIRE(write_outputs(stored.eval, dir.string(), formats, diags));
    loads[which] = store->loads;
    CHECK(fs::exists(dir / "results.json") == formats.json);
    CHECK(fs::exists(dir / "evidence.csv") == formats.csv);
    if (formats.json) CHECK(slurp(dir / "results.json") == render_results_json(mem.eval));
    if (formats.csv) {
      CHECK(slurp(dir / "evidence.csv") == render_evidence_csv(mem.eval));
      CHECK(slurp(dir / "scores.csv") == render_scores_csv(mem.eval));
    }
  }
  CHECK(loads["json"] == loads["csv"]);
  CHECK(loads["json,csv"] == loads["json"]);
  CHECK(loads["json,csv"] <= 2 * static_cast<int>(spilled));
  fs::remove_all(dir);
}
