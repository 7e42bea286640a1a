#include "view.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <set>

namespace indicheck::reports_detail {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string markdown_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;  // no tag can start; '>' is harmless except first
      case '>':
        out += out.empty() ? "\\>" : ">";
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '#':
      case '|':
      case '!':
        out += '\\';
        out += c;
        break;
      case '\n':
      case '\r':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

// Bytes that make a CSV cell need quotes (RFC 4180): separator, quote, line breaks.
constexpr std::array<bool, 256> kCsvSpecial = [] {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>(',')] = t[static_cast<unsigned char>('"')] = true;
  t[static_cast<unsigned char>('\r')] = t[static_cast<unsigned char>('\n')] = true;
  return t;
}();

// Whether `text` holds a byte of kCsvSpecial. Report text is mostly Chinese, whose UTF-8 bytes
// are all >= 0x80, and every special byte is below 0x2D: eight bytes at a time are let through
// when none of them is below 0x2D (the classic "has a byte less than n" word trick), and only
// words with such a byte are looked at byte by byte.
bool needs_csv_quotes(std::string_view text) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if (((word - kOnes * 0x2D) & ~word & kHighs) == 0) continue;
    for (std::size_t k = i; k < i + 8; ++k)
      if (kCsvSpecial[static_cast<unsigned char>(text[k])]) return true;
  }
  for (; i < text.size(); ++i)
    if (kCsvSpecial[static_cast<unsigned char>(text[i])]) return true;
  return false;
}

}  // namespace

void append_csv_field(std::string& out, std::string_view text) {
  // A cell starting with = + - @ is run as a formula by Excel and WPS ("CSV injection"); report
  // text comes from web pages, so such cells get a leading apostrophe, which both show as text.
  const bool guard = !text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' ||
                                       text[0] == '@' || text[0] == '\t' || text[0] == '\r');
  if (!needs_csv_quotes(text)) {
    if (guard) out += '\'';
    out += text;
    return;
  }
  out += '"';
  if (guard) out += '\'';
  // Doubled quotes: copy the runs between them whole.
  std::size_t from = 0;
  for (std::size_t q = text.find('"'); q != std::string_view::npos; q = text.find('"', q + 1)) {
    out.append(text.data() + from, q + 1 - from);
    out += '"';
    from = q + 1;
  }
  out.append(text.data() + from, text.size() - from);
  out += '"';
}

std::string csv_field(std::string_view text) {
  std::string out;
  append_csv_field(out, text);
  return out;
}

std::string format_score(double score) {
  if (score < 0 || !std::isfinite(score)) return "—";
  return fmt::format("{:.1f}", score);
}

double round_to(double value, int digits) {
  if (!std::isfinite(value)) return 0;
  const double scale = std::pow(10.0, digits);
  double r = std::round(value * scale) / scale;
  return r == 0 ? 0 : r;  // no "-0"
}

std::string level_label(std::string_view level) {
  return indicheck::level_label(level, Lang::kZh);
}

std::string format_label(std::string_view format, Lang lang) {
  if (format == "text") return std::string(msg(Msg::kFmtText, lang));
  if (format == "html") return std::string(msg(Msg::kFmtHtml, lang));
  if (format == "docx") return std::string(msg(Msg::kFmtDocx, lang));
  if (format == "pdf") return "PDF";
  return std::string(format);
}

std::string_view state_label(ItemState state) {
  return indicheck::state_label(state, Lang::kZh);
}

std::string rule_location(const RuleNode& node) {
  if (node.location.path.empty()) return "";
  if (node.location.line == 0) return node.location.path;
  return fmt::format("{}:{}", node.location.path, node.location.line);
}

std::string rule_terms(const RuleNode& node, std::size_t max_terms, Lang lang) {
  if (!node.check) return "";
  std::string out;
  std::size_t n = 0;
  for (const auto& sel : node.check->selections) {
    for (const auto& t : sel.terms) {
      if (n == max_terms) return out + "…";
      if (n++) out += msg(Msg::kGapListSep, lang);
      out += t;
    }
    for (const auto& r : sel.regexes) {
      if (n == max_terms) return out + "…";
      if (n++) out += msg(Msg::kGapListSep, lang);
      out += "/" + r + "/";
    }
  }
  return out;
}

const Quote* first_credit_quote(const ItemEvidence& item) {
  for (const auto& q : item.quotes)
    if (q.credit) return &q;
  return item.quotes.empty() ? nullptr : &item.quotes.front();
}

const Quote* example_quote(const ItemEvidence& item) {
  // 60 bytes ≈ 20 Chinese characters: headings are shorter, statements of a measure longer.
  constexpr std::size_t kStatementBytes = 60;
  for (const auto& q : item.quotes)
    if (q.credit && q.text.size() >= kStatementBytes) return &q;
  return first_credit_quote(item);
}

namespace {

// Peers kept per leaf: enough that excluding the unit's own other years still leaves one.
constexpr std::size_t kPeerCandidates = 8;

int state_rank(ItemState s) {
  return s == ItemState::kMet ? 0 : s == ItemState::kPartial ? 1 : 2;
}

}  // namespace

View::View(const Evaluation& evaluation) : eval(evaluation) {
  const int nreports = report_count();
  std::map<std::string, int> by_path;
  for (int r = 0; r < nreports; ++r) by_path.emplace(eval.reports[r].path, r);

  report_rows_.assign(nreports, {});
  primary_.assign(nreports, -1);
  for (int t = 0; t < table_count(); ++t) {
    const ScoreTable& table = eval.tables[t];
    // Looked up by hand rather than RuleSet::find_framework so renderers depend on data only.
    const Framework* fw = nullptr;
    if (eval.rules)
      for (const auto& f : eval.rules->frameworks)
        if (f.id == table.framework_id) fw = &f;
    frameworks_.push_back(fw);
    std::vector<int> rows;
    for (int u = 0; u < static_cast<int>(table.units.size()); ++u) {
      auto it = by_path.find(table.units[u].key.path);
      int r = it == by_path.end() ? -1 : it->second;
      rows.push_back(r);
      if (r >= 0) {
        report_rows_[r].push_back({t, u});
        if (primary_[r] < 0 && is_indicators(t)) primary_[r] = t;
      }
    }
    row_report_.push_back(std::move(rows));
  }
  for (auto& rows : report_rows_)
    std::stable_sort(rows.begin(), rows.end(), [&](const RowRef& a, const RowRef& b) {
      return is_indicators(a.table) > is_indicators(b.table);
    });

  // Gap report names: the report file's stem (ASCII in the bundled corpus, stable across runs),
  // made unique by a numeric suffix in path order.
  std::set<std::string> used;
  stems_.assign(nreports, "");
  for (int r = 0; r < nreports; ++r) {
    if (primary_[r] < 0) continue;
    std::string stem = std::filesystem::path(eval.reports[r].path).stem().string();
    std::string clean;
    for (char c : stem) {
      const auto uc = static_cast<unsigned char>(c);
      clean += (uc < 0x20 || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' ||
                c == '"' || c == '<' || c == '>' || c == '|' || c == '#' || c == '%')
                   ? '_'
                   : c;
    }
    if (clean.empty() || clean[0] == '.') clean = "report" + clean;
    std::string name = clean;
    for (int k = 2; used.count(name); ++k) name = fmt::format("{}-{}", clean, k);
    used.insert(name);
    stems_[r] = name;
  }
  // Too many for a gap report each: only the units asked for keep theirs.
  if (static_cast<std::size_t>(nreports - std::count(stems_.begin(), stems_.end(), "")) >
      eval.gap_reports_max) {
    const std::set<std::string> wanted(eval.gap_units.begin(), eval.gap_units.end());
    for (int r = 0; r < nreports; ++r) {
      if (stems_[r].empty()) continue;
      const ReportResult& rep = eval.reports[r];
      const bool asked = wanted.count(rep.meta.unit.value) || wanted.count(stems_[r]) ||
                         wanted.count(rep.path) ||
                         wanted.count(std::filesystem::path(rep.path).stem().string()) ||
                         wanted.count(std::filesystem::path(rep.path).filename().string());
      if (!asked) stems_[r].clear();
    }
  }

  // Best peers per leaf: met before partial, higher score, then path order.
  for (int t = 0; t < table_count(); ++t) {
    const ScoreTable& table = eval.tables[t];
    const Framework* fw = frameworks_[t];
    const std::size_t leaves = fw ? fw->leaves.size() : 0;
    std::vector<std::vector<int>> best(leaves);
    for (std::size_t l = 0; l < leaves; ++l) {
      std::vector<int> candidates;
      for (int u = 0; u < static_cast<int>(table.units.size()); ++u) {
        ItemState s = state(t, u, static_cast<int>(l));
        if (s != ItemState::kMet && s != ItemState::kPartial) continue;
        int r = row_report_[t][u];
        if (r < 0) continue;
        if (!has_quote(r, t, static_cast<int>(l))) continue;
        candidates.push_back(u);
      }
      std::stable_sort(candidates.begin(), candidates.end(), [&](int a, int b) {
        int sa = state_rank(state(t, a, static_cast<int>(l)));
        int sb = state_rank(state(t, b, static_cast<int>(l)));
        if (sa != sb) return sa < sb;
        return table.units[a].score > table.units[b].score;
      });
      if (candidates.size() > kPeerCandidates) candidates.resize(kPeerCandidates);
      best[l] = std::move(candidates);
    }
    best_rows_.push_back(std::move(best));
  }

  for (int r = 0; r < nreports; ++r) {
    const auto& unit = eval.reports[r].meta.unit.value;
    if (!unit.empty()) by_unit_[unit].push_back(r);
  }
}

bool View::is_indicators(int table) const {
  const Framework* fw = frameworks_[table];
  return !fw || fw->kind != "supplement";
}

int View::row_of(int report, int table) const {
  for (const auto& ref : report_rows_[report])
    if (ref.table == table) return ref.row;
  return -1;
}

bool View::load(int report) const {
  if (report < 0 || report == loaded_report_) return true;
  const ReportResult& rep = eval.reports[report];
  if (rep.store_slot == ReportResult::kNotStored || !eval.store) return true;
  loaded_report_ = report;
  if (!eval.store->load(rep.store_slot, loaded_)) {
    loaded_.clear();
    load_failed_ = true;
    return false;
  }
  return true;
}

bool View::has_quote(int report, int table, int leaf_pos) const {
  if (report < 0) return false;
  const ReportResult& rep = eval.reports[report];
  if (rep.store_slot != ReportResult::kNotStored && report != loaded_report_) {
    for (const auto& c : rep.compact)
      if (c.framework_id == eval.tables[table].framework_id)
        return leaf_pos < static_cast<int>(c.items.size()) &&
               (c.items[leaf_pos] & CompactEvidence::kHasQuote) != 0;
    return false;
  }
  const ItemEvidence* ev = item(report, table, leaf_pos);
  return ev && first_credit_quote(*ev);
}

const DocumentEvidence* View::evidence(int report, int table) const {
  if (report < 0) return nullptr;
  const auto& docs = report == loaded_report_ ? loaded_ : eval.reports[report].evidence;
  for (const auto& ev : docs)
    if (ev.framework_id == eval.tables[table].framework_id) return &ev;
  return nullptr;
}

const ItemEvidence* View::item(int report, int table, int leaf_pos) const {
  const DocumentEvidence* ev = evidence(report, table);
  if (!ev) return nullptr;
  const Framework* fw = frameworks_[table];
  if (leaf_pos < static_cast<int>(ev->items.size())) {
    const ItemEvidence& it = ev->items[leaf_pos];
    if (!fw || it.node == fw->leaves[leaf_pos] || it.node < 0) return &it;
  }
  if (fw)  // items out of order: look the leaf up by node index
    for (const auto& it : ev->items)
      if (it.node == fw->leaves[leaf_pos]) return &it;
  return nullptr;
}

ItemState View::state(int table, int row, int leaf_pos) const {
  const UnitScore& unit = eval.tables[table].units[row];
  if (leaf_pos < static_cast<int>(unit.states.size())) return unit.states[leaf_pos];
  const int r = row_report_[table][row];
  if (r >= 0 && eval.reports[r].store_slot != ReportResult::kNotStored && r != loaded_report_) {
    for (const auto& c : eval.reports[r].compact)
      if (c.framework_id == eval.tables[table].framework_id &&
          leaf_pos < static_cast<int>(c.items.size()))
        return static_cast<ItemState>(c.items[leaf_pos] &
                                      static_cast<std::uint8_t>(~CompactEvidence::kHasQuote));
    return ItemState::kMissing;
  }
  const ItemEvidence* it = item(r, table, leaf_pos);
  return it ? it->state : ItemState::kMissing;
}

double View::points_at_stake(int table, int leaf_pos) const {
  const ScoreTable& t = eval.tables[table];
  const Framework* fw = frameworks_[table];
  const auto& g = t.leaf_global_weights;
  if (fw && g.size() == fw->nodes.size() && g.size() != fw->leaves.size())
    return g[fw->leaves[leaf_pos]] * 100.0;
  if (leaf_pos < static_cast<int>(g.size())) return g[leaf_pos] * 100.0;
  return 0;
}

bool View::leaf_required(int table, int leaf_pos) const {
  const Framework* fw = frameworks_[table];
  if (!fw) return false;
  const int node = fw->leaves[leaf_pos];
  const auto& req = eval.tables[table].node_required;
  if (node < static_cast<int>(req.size())) return req[node];
  return fw->nodes[node].required;
}

bool View::node_included(int table, int node) const {
  const auto& inc = eval.tables[table].node_included;
  return node >= static_cast<int>(inc.size()) || inc[node];
}

double View::node_weight(int table, int node) const {
  const auto& w = eval.tables[table].node_weights;
  if (node < static_cast<int>(w.size())) return w[node];
  const Framework* fw = frameworks_[table];
  return fw ? fw->nodes[node].weight : 0;
}

const Quote* View::peer_example(int table, int leaf_pos, int exclude_report, int& peer,
                                bool met_only) const {
  peer = -1;
  if (leaf_pos >= static_cast<int>(best_rows_[table].size())) return nullptr;
  // A peer is another unit: the unit's own other years are shown side by side instead.
  const std::string& own = eval.reports[exclude_report].meta.unit.value;
  load_peer_quotes();
  const auto& rows = best_rows_[table][leaf_pos];
  for (std::size_t k = 0; k < rows.size(); ++k) {
    int r = row_report_[table][rows[k]];
    if (r == exclude_report) continue;
    if (!own.empty() && eval.reports[r].meta.unit.value == own) continue;
    const int q = peer_quote_index_[table][leaf_pos][k];
    if (q < 0) continue;
    if (met_only && (state(table, rows[k], leaf_pos) != ItemState::kMet ||
                     !peer_quotes_[static_cast<std::size_t>(q)].credit))
      continue;
    peer = r;
    return &peer_quotes_[static_cast<std::size_t>(q)];
  }
  return nullptr;
}

void View::load_peer_quotes() const {
  if (peer_quotes_ready_) return;
  peer_quotes_ready_ = true;
  // Every (table, leaf, candidate) a report is a peer candidate for, grouped by report so each
  // stored report is read back once.
  struct Need {
    int table, leaf;
    std::size_t k;
  };
  std::map<int, std::vector<Need>> by_report;
  peer_quote_index_.assign(best_rows_.size(), {});
  for (std::size_t t = 0; t < best_rows_.size(); ++t) {
    peer_quote_index_[t].assign(best_rows_[t].size(), {});
    for (std::size_t l = 0; l < best_rows_[t].size(); ++l) {
      peer_quote_index_[t][l].assign(best_rows_[t][l].size(), -1);
      for (std::size_t k = 0; k < best_rows_[t][l].size(); ++k)
        by_report[row_report_[t][best_rows_[t][l][k]]].push_back(
            {static_cast<int>(t), static_cast<int>(l), k});
    }
  }
  // Peers are read through load(). The report loaded now is set aside and put back after: a
  // renderer may hold pointers into it, and swapping vectors moves their buffers, never the
  // elements. So peers are read only by a renderer that shows them (gap reports), on first use.
  std::vector<DocumentEvidence> kept;
  kept.swap(loaded_);
  const int kept_report = loaded_report_;
  loaded_report_ = -1;
  for (const auto& [r, needs] : by_report) {
    if (r < 0) continue;
    load(r);
    for (const Need& n : needs) {
      const ItemEvidence* it = item(r, n.table, n.leaf);
      const Quote* q = it ? example_quote(*it) : nullptr;
      if (!q) continue;
      peer_quote_index_[n.table][n.leaf][n.k] = static_cast<int>(peer_quotes_.size());
      peer_quotes_.push_back(*q);
    }
  }
  loaded_.swap(kept);
  loaded_report_ = kept_report;
}

const Waiver* View::waiver_for(int table, int report, const RuleNode& leaf) const {
  const Framework* fw = frameworks_[table];
  if (!eval.rules || !fw) return nullptr;
  // Scoring decided which waiver waived the leaf; ask it the same question.
  return indicheck::waiver_for(*fw, profile_for(*eval.rules, eval.tables[table].framework_id),
                               eval.reports[report].meta.unit.value, fw->find(leaf.id),
                               eval.facts.date);
}

std::string View::unit_name(int report) const {
  const auto& rep = eval.reports[report];
  if (rep.meta.unit.found()) return rep.meta.unit.value;
  return tr(lang(), Msg::kUnitUnknown, std::filesystem::path(rep.path).filename().string());
}

std::string View::unit_label(int report) const {
  const int year = eval.reports[report].meta.year;
  if (year <= 0) return unit_name(report);
  return unit_name(report) + " " + tr(lang(), Msg::kGapYear, year);
}

std::vector<int> View::other_years(int report) const {
  std::vector<int> out;
  const auto& unit = eval.reports[report].meta.unit.value;
  if (unit.empty()) return out;
  auto it = by_unit_.find(unit);
  if (it == by_unit_.end()) return out;
  for (int r : it->second)
    if (r != report && !eval.reports[r].failed) out.push_back(r);
  std::stable_sort(out.begin(), out.end(), [&](int a, int b) {
    return eval.reports[a].meta.year < eval.reports[b].meta.year;
  });
  return out;
}

std::vector<int> View::rows_by_rank(int table) const {
  const auto& units = eval.tables[table].units;
  std::vector<int> rows(units.size());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<int>(i);
  std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
    if (units[a].rank != units[b].rank) return units[a].rank < units[b].rank;
    return units[a].key.path < units[b].key.path;
  });
  return rows;
}

std::vector<int> View::areas(int table) const {
  const Framework* fw = frameworks_[table];
  if (!fw || fw->nodes.empty()) return {};
  return fw->nodes[0].children;
}

}  // namespace indicheck::reports_detail
