// Matcher throughput: 5,000 literal terms + 200 regexes compiled into one database, scanned over
// the sample reports repeated to ~50 MB; beside `rg -F --count-matches -f terms.txt` on the
// same normalized text with the same terms, as a reference ratio.
//
//   bench_matcher [CORPUS_DIR] [MEGABYTES] [shipped]
//
// With a third argument `shipped`, only the shipped rules are measured (the synthetic database
// and ripgrep are skipped): the quick loop for profiling Scanner::scan with `perf record`.
//
// Terms: 2,500 distinct 3-6 character pieces of the reports themselves (each occurs at least
// once, so the matcher does real work) and 2,500 made of the reports' characters in random order
// (like rule terms a given report lacks). Regexes: "A[^。]{0,8}B" and "A[0-9]+(项|件|个|次)" over
// corpus bigrams. Prints the Hyperscan pass (one hs_scan per report + mapping hits to
// sentences), the full Scanner::scan (+ 1,200 leaves' windows, conditions, quotes), the
// shipped rules/ (every framework) for the realistic case, and ripgrep, all in MB/s of
// normalized text per CPU second.
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "indicheck/document.h"
#include "indicheck/matcher.h"
#include "matcher_internal.h"

using namespace indicheck;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::vector<std::string> code_points(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

bool is_cjk(const std::string& cp) {
  return cp.size() == 3 && cp != "。" && cp != "，" && cp != "、";
}

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// CPU seconds (user + system) of this process or of its finished children: the machine is
// shared, so wall time would measure the neighbours too.
double cpu_seconds(int who) {
  rusage u{};
  getrusage(who, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// The shipped rules/ (every framework) over the reports: the realistic case. Times the hit table
// alone (Hyperscan pass + (sentence, pattern) table, as sentence_hits builds it) and the full
// Scanner::scan of every framework.
struct Shipped {
  std::size_t patterns = 0, items = 0, hits = 0, quotes = 0;
  std::size_t regexes = 0, triggered = 0, atoms = 0;  // regex triggers (see triggers.cpp)
  double hits_mb_s = 0, scan_mb_s = 0;
};

Shipped measure_shipped(const std::vector<Document>& docs, std::size_t rounds, double total_mb) {
  Shipped out;
  std::vector<Diagnostic> d;
  RuleSet rules = load_rules({std::string(INDICHECK_SOURCE_DIR) + "/rules"}, d);
  auto compiled = has_errors(d) ? nullptr : CompiledRules::compile(rules, d);
  if (!compiled) return out;
  out.patterns = compiled->pattern_count();
  const auto& impl = compiled->impl();
  out.regexes = impl.patterns.size() - impl.literal_count;
  out.triggered =
      static_cast<std::size_t>(std::count(impl.triggered.begin(), impl.triggered.end(), true));
  out.atoms = impl.trigger_atoms.size();
  Scanner scanner(compiled);
  double c0 = cpu_seconds(RUSAGE_SELF);
  for (std::size_t r = 0; r < rounds; ++r)
    for (const auto& doc : docs) out.hits += sentence_hits(scanner, doc).size();
  out.hits_mb_s = total_mb / (cpu_seconds(RUSAGE_SELF) - c0);
  std::vector<const Framework*> frameworks;
  for (const auto& f : compiled->rules().frameworks) frameworks.push_back(&f);
  c0 = cpu_seconds(RUSAGE_SELF);
  for (std::size_t r = 0; r < rounds; ++r)
    for (const auto& doc : docs)
      for (const DocumentEvidence& ev : scanner.scan(doc, frameworks)) {
        out.items += ev.items.size();
        for (const auto& item : ev.items) out.quotes += item.quotes.size();
      }
  out.scan_mb_s = total_mb / (cpu_seconds(RUSAGE_SELF) - c0);
  return out;
}

void print_shipped(const Shipped& s) {
  if (!s.patterns) return;
  fmt::print("shipped rules/: {} of {} regexes found through literal triggers ({} atoms)\n",
             s.triggered, s.regexes, s.atoms);
  fmt::print(
      "shipped rules/ ({} patterns), hit table only: {:.1f} MB/s  ({} sentence-pattern hits)\n",
      s.patterns, s.hits_mb_s, s.hits);
  fmt::print(
      "shipped rules/ ({} patterns, every framework): {:.1f} MB/s  ({} item evidences, {} "
      "quotes)\n",
      s.patterns, s.scan_mb_s, s.items, s.quotes);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string corpus = argc > 1 ? argv[1] : std::string(INDICHECK_SOURCE_DIR) + "/corpus";
  const double target_mb = argc > 2 ? std::atof(argv[2]) : 50.0;
  const bool shipped_only = argc > 3 && std::string(argv[3]) == "shipped";

  std::vector<Document> docs;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(corpus))
    if (e.is_regular_file()) files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::vector<Diagnostic> diagnostics;
    if (auto d = read_document(f, ReadOptions{}, diagnostics)) docs.push_back(std::move(*d));
  }
  if (docs.empty()) {
    fmt::print(stderr, "no reports in {}\n", corpus);
    return 2;
  }

  std::size_t doc_bytes = 0;
  for (const auto& d : docs) doc_bytes += d.text.size();
  const std::size_t rounds =
      static_cast<std::size_t>(target_mb * 1e6 / static_cast<double>(doc_bytes)) + 1;
  const double total_mb = static_cast<double>(rounds * doc_bytes) / 1e6;
  if (shipped_only) {
    const Shipped shipped = measure_shipped(docs, rounds, total_mb);
    fmt::print("text: {} reports x {} = {:.1f} MB (normalized); MB/s per CPU second\n", docs.size(),
               rounds, total_mb);
    print_shipped(shipped);
    return shipped.patterns ? 0 : 2;
  }

  // Terms: distinct CJK n-grams of the reports. Regexes: bigram pairs.
  std::mt19937 rng(42);
  std::vector<std::vector<std::string>> cps;
  for (const auto& d : docs) cps.push_back(code_points(d.text));
  std::set<std::string> term_set;
  std::vector<std::string> bigrams;
  std::vector<std::string> alphabet;
  while (term_set.size() < 2500 || bigrams.size() < 400) {
    const auto& c = cps[rng() % cps.size()];
    const std::size_t len = 2 + rng() % 5;
    const std::size_t at = rng() % (c.size() - len);
    std::string t;
    bool ok = true;
    for (std::size_t k = 0; k < len; ++k) {
      ok = ok && is_cjk(c[at + k]);
      t += c[at + k];
    }
    if (!ok) continue;
    alphabet.push_back(c[at]);
    if (len == 2) {
      if (bigrams.size() < 400) bigrams.push_back(t);
    } else if (term_set.size() < 2500) {
      term_set.insert(t);
    }
  }
  while (term_set.size() < 5000) {
    std::string t;
    const std::size_t len = 3 + rng() % 3;
    for (std::size_t k = 0; k < len; ++k) t += alphabet[rng() % alphabet.size()];
    term_set.insert(t);
  }
  std::vector<std::string> terms(term_set.begin(), term_set.end());
  std::vector<std::string> regexes;
  for (std::size_t i = 0; regexes.size() < 200; ++i) {
    const std::string& a = bigrams[(2 * i) % bigrams.size()];
    const std::string& b = bigrams[(2 * i + 1) % bigrams.size()];
    regexes.push_back(i % 2 ? a + "[^。]{0,8}" + b : a + "[0-9]+(项|件|个|次)");
  }

  // One framework: 1,000 leaves of 5 terms, 200 leaves of one regex.
  RuleSet set;
  Framework fw;
  fw.id = "bench";
  fw.kind = "supplement";
  fw.nodes.emplace_back();
  fw.nodes[0].id = "bench";
  const auto add_leaf = [&](Selection sel) {
    RuleNode n;
    n.id = std::to_string(fw.nodes.size());
    n.parent = 0;
    Check c;
    // std::string(1, 's'), not "s", here and below: a GCC 12 -Wrestrict false positive.
    sel.name = std::string(1, 's');
    c.selections.push_back(std::move(sel));
    ConditionOp op;
    op.kind = ConditionOp::kSelection;
    c.condition.push_back(op);
    c.condition_text = std::string(1, 's');
    n.check = std::move(c);
    fw.nodes[0].children.push_back(static_cast<int>(fw.nodes.size()));
    fw.leaves.push_back(static_cast<int>(fw.nodes.size()));
    fw.nodes.push_back(std::move(n));
  };
  for (std::size_t i = 0; i < terms.size(); i += 5) {
    Selection s;
    s.terms.assign(terms.begin() + static_cast<long>(i),
                   terms.begin() + static_cast<long>(std::min(i + 5, terms.size())));
    add_leaf(std::move(s));
  }
  for (const auto& r : regexes) {
    Selection s;
    s.regexes.push_back(r);
    add_leaf(std::move(s));
  }
  set.frameworks.push_back(std::move(fw));

  auto t0 = Clock::now();
  std::vector<Diagnostic> diagnostics;
  auto compiled = CompiledRules::compile(set, diagnostics);
  if (!compiled) {
    for (const auto& d : diagnostics) fmt::print(stderr, "{}\n", d.str());
    return 2;
  }
  const double compile_s = seconds_since(t0);

  Scanner scanner(compiled);
  const Framework& bench_fw = compiled->rules().frameworks[0];
  // 1. The Hyperscan pass: hits → (sentence, pattern) table (what rg is compared with).
  // Best of 3 runs, here and for rg: the machine is shared and CPU time still varies.
  std::size_t hits = 0;
  double hs_s = 1e100, c0 = 0;
  for (int run = 0; run < 3; ++run) {
    hits = 0;
    c0 = cpu_seconds(RUSAGE_SELF);
    for (std::size_t r = 0; r < rounds; ++r)
      for (const auto& d : docs) hits += sentence_hits(scanner, d).size();
    hs_s = std::min(hs_s, cpu_seconds(RUSAGE_SELF) - c0);
  }
  // 2. The full scan: hits → sentences → every leaf's windows, condition, quotes.
  std::size_t met = 0;
  c0 = cpu_seconds(RUSAGE_SELF);
  for (std::size_t r = 0; r < rounds; ++r)
    for (const auto& d : docs)
      for (const auto& item : scanner.scan(d, bench_fw).items) met += item.state == ItemState::kMet;
  const double scan_s = cpu_seconds(RUSAGE_SELF) - c0;

  // 3. The shipped rules (every framework) over the same reports: the realistic case.
  const Shipped shipped = measure_shipped(docs, rounds, total_mb);

  // 4. ripgrep on the same bytes with the same terms.
  const fs::path dir = fs::temp_directory_path() / "indicheck-bench-matcher";
  fs::create_directories(dir);
  {
    std::ofstream tf(dir / "terms.txt", std::ios::binary);
    for (const auto& t : terms) tf << t << '\n';
    std::ofstream text(dir / "text.txt", std::ios::binary);
    for (std::size_t r = 0; r < rounds; ++r)
      for (const auto& d : docs) text << d.text << '\n';
  }
  const std::string rg =
      fmt::format("rg -F --count-matches -f {} {} > {} 2>&1", (dir / "terms.txt").string(),
                  (dir / "text.txt").string(), (dir / "rg.out").string());
  std::system(rg.c_str());  // warm the page cache and rg's own start-up
  int rg_status = 0;
  double rg_s = 1e100;
  for (int run = 0; run < 3; ++run) {
    c0 = cpu_seconds(RUSAGE_CHILDREN);
    rg_status = std::system(rg.c_str());
    rg_s = std::min(rg_s, cpu_seconds(RUSAGE_CHILDREN) - c0);
  }
  std::string rg_count;
  std::getline(std::ifstream(dir / "rg.out"), rg_count);
  fs::remove_all(dir);

  fmt::print("patterns: {} terms + {} regexes in one database ({} ids), compiled in {:.2f} s\n",
             terms.size(), regexes.size(), compiled->pattern_count(), compile_s);
  fmt::print("text: {} reports x {} = {:.1f} MB (normalized); MB/s per CPU second\n", docs.size(),
             rounds, total_mb);
  fmt::print("hs pass (terms + regexes):     {:8.1f} MB/s  ({} sentence-pattern hits)\n",
             total_mb / hs_s, hits);
  fmt::print("Scanner::scan ({} leaves):   {:8.1f} MB/s  ({} leaf states met)\n",
             bench_fw.leaves.size(), total_mb / scan_s, met);
  print_shipped(shipped);
  if (rg_status == 0) {
    fmt::print("rg -F -f terms.txt (terms):    {:8.1f} MB/s  ({} matches)\n", total_mb / rg_s,
               rg_count);
    fmt::print("ratio hs pass / rg: {:.2f}   Scanner::scan / rg: {:.2f}\n", rg_s / hs_s,
               rg_s / scan_s);
  } else {
    fmt::print("rg failed (status {}); no reference ratio\n", rg_status);
  }
  return 0;
}
