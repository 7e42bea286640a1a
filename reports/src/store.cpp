// The in-process binary form of a report's evidence (EvidenceStore) and its compact in-memory
// summary. Little-endian-agnostic: written and read by the same process only.
#include <cstring>
#include <type_traits>

#include "indicheck/reports.h"

namespace indicheck {

namespace {

class Writer {
 public:
  std::string out;
  template <typename T>
  void pod(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    char buf[sizeof(T)];
    std::memcpy(buf, &value, sizeof(T));
    out.append(buf, sizeof(T));
  }
  void str(const std::string& s) {
    pod<std::uint64_t>(s.size());
    out += s;
  }
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : in_(bytes) {}
  bool ok() const { return ok_; }
  template <typename T>
  T pod() {
    T value{};
    if (!ok_ || in_.size() - pos_ < sizeof(T)) {
      ok_ = false;
      return value;
    }
    std::memcpy(&value, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return value;
  }
  // Assigns into `s`, reusing its capacity (see deserialize_evidence).
  void str(std::string& s) {
    const auto n = pod<std::uint64_t>();
    if (!ok_ || in_.size() - pos_ < n) {
      ok_ = false;
      s.clear();
      return;
    }
    s.assign(in_.data() + pos_, static_cast<std::size_t>(n));
    pos_ += n;
  }
  // A count, checked against the bytes left (each element takes at least one byte).
  std::size_t count() {
    const auto n = pod<std::uint64_t>();
    if (!ok_ || n > in_.size() - pos_) {
      ok_ = false;
      return 0;
    }
    return static_cast<std::size_t>(n);
  }
  bool at_end() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace

std::string serialize_evidence(const std::vector<DocumentEvidence>& evidence) {
  Writer w;
  w.pod<std::uint64_t>(evidence.size());
  for (const auto& doc : evidence) {
    w.str(doc.framework_id);
    w.pod<std::uint64_t>(doc.items.size());
    for (const auto& item : doc.items) {
      w.pod<std::int32_t>(item.node);
      w.pod(item.state);
      w.str(item.reason);
      w.pod<std::uint64_t>(item.quotes.size());
      for (const auto& q : item.quotes) {
        w.pod(q.sentence);
        w.str(q.text);
        w.pod(q.line);
        w.pod(q.column);
        w.pod(q.role);
        w.str(q.section_path);
        w.pod<std::uint64_t>(q.terms.size());
        for (const auto& t : q.terms) w.str(t);
        w.pod<std::uint64_t>(q.metrics.size());
        for (const auto& m : q.metrics) {
          w.str(m.name);
          w.pod(m.value);
          w.str(m.unit);
          w.str(m.raw);
          w.pod<std::uint8_t>(m.meets ? 1 : 0);
        }
        w.pod<std::uint8_t>(q.credit ? 1 : 0);
      }
    }
  }
  return std::move(w.out);
}

// The renderers load one report after another into the same vector: resizing it and assigning
// into the strings and vectors already there reuses their memory, where clearing first would
// free and allocate every quote's strings again for each report. Every field is assigned below
// (keep it so when a field is added to serialize_evidence).
bool deserialize_evidence(std::string_view bytes, std::vector<DocumentEvidence>& evidence) {
  Reader r(bytes);
  evidence.resize(r.count());
  for (auto& doc : evidence) {
    r.str(doc.framework_id);
    doc.items.resize(r.count());
    for (auto& item : doc.items) {
      item.node = r.pod<std::int32_t>();
      item.state = r.pod<ItemState>();
      r.str(item.reason);
      item.quotes.resize(r.count());
      for (auto& q : item.quotes) {
        q.sentence = r.pod<std::uint32_t>();
        r.str(q.text);
        q.line = r.pod<std::uint32_t>();
        q.column = r.pod<std::uint32_t>();
        q.role = r.pod<Role>();
        r.str(q.section_path);
        q.terms.resize(r.count());
        for (auto& t : q.terms) r.str(t);
        q.metrics.resize(r.count());
        for (auto& m : q.metrics) {
          r.str(m.name);
          m.value = r.pod<double>();
          r.str(m.unit);
          r.str(m.raw);
          m.meets = r.pod<std::uint8_t>() != 0;
        }
        q.credit = r.pod<std::uint8_t>() != 0;
      }
      if (!r.ok()) break;
    }
    if (!r.ok()) break;
  }
  if (!r.ok() || !r.at_end()) {
    evidence.clear();
    return false;
  }
  return true;
}

bool compact_evidence(const RuleSet& rules, ReportResult& result) {
  std::vector<CompactEvidence> compact;
  compact.reserve(result.evidence.size());
  for (const auto& doc : result.evidence) {
    const Framework* fw = nullptr;
    for (const auto& f : rules.frameworks)
      if (f.id == doc.framework_id) fw = &f;
    if (!fw || doc.items.size() != fw->leaves.size()) return false;
    CompactEvidence c;
    c.framework_id = doc.framework_id;
    c.items.reserve(doc.items.size());
    for (std::size_t l = 0; l < doc.items.size(); ++l) {
      const ItemEvidence& item = doc.items[l];
      if (item.node != fw->leaves[l]) return false;
      const auto state = static_cast<std::uint8_t>(item.state);
      if (state >= CompactEvidence::kHasQuote) return false;
      c.items.push_back(static_cast<std::uint8_t>(
          state | (item.quotes.empty() ? 0 : CompactEvidence::kHasQuote)));
    }
    compact.push_back(std::move(c));
  }
  result.compact = std::move(compact);
  result.evidence.clear();
  result.evidence.shrink_to_fit();
  return true;
}

}  // namespace indicheck
