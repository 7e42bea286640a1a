// The in-process binary form of a report's evidence (EvidenceStore) and its compact in-memory
// summary. Little-endian-agnostic: written and read by the same process only.
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "indicheck/evaluation.h"

namespace indicheck {

namespace {

// The form: varint(string count), then each distinct string as varint(length) + bytes, then the
// structure with every string as varint(index into that table) and every count and small
// number as a varint (LEB128). A report's quotes repeat themselves a lot — one sentence is
// quoted for several items, every quote of a section carries its section path, missing items
// share their reason — and a national run writes gigabytes of this to the temporary file, so
// interning roughly halves what goes through the kernel (3.5 → 1.7 bytes per input byte on the
// generated corpus).
void append_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

class Writer {
 public:
  void varint(std::uint64_t v) { append_varint(body_, v); }
  template <typename T>
  void pod(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    char buf[sizeof(T)];
    std::memcpy(buf, &value, sizeof(T));
    body_.append(buf, sizeof(T));
  }
  // `s` must outlive finish(): the table keeps views.
  void str(const std::string& s) {
    const auto [it, inserted] = ids_.emplace(s, static_cast<std::uint32_t>(strings_.size()));
    if (inserted) strings_.push_back(s);
    varint(it->second);
  }
  // A quote's text: the same sentence is quoted by several items (and frameworks) of a report,
  // always with the same text, so its sentence number finds the entry without hashing the text
  // (checked: a different text under the same number takes the general path).
  void sentence_text(std::uint32_t sentence, const std::string& s) {
    const auto [it, inserted] =
        by_sentence_.emplace(sentence, static_cast<std::uint32_t>(strings_.size()));
    if (inserted) {
      strings_.push_back(s);
    } else if (strings_[it->second] != s) {
      str(s);
      return;
    }
    varint(it->second);
  }
  std::string finish() {
    std::string out;
    std::size_t bytes = 0;
    for (const auto s : strings_) bytes += s.size() + 2;
    out.reserve(bytes + 8 + body_.size());
    append_varint(out, strings_.size());
    for (const auto s : strings_) {
      append_varint(out, s.size());
      out.append(s.data(), s.size());
    }
    out += body_;
    return out;
  }

 private:
  std::string body_;
  std::vector<std::string_view> strings_;
  std::unordered_map<std::string_view, std::uint32_t> ids_;
  std::unordered_map<std::uint32_t, std::uint32_t> by_sentence_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : in_(bytes) {
    const std::size_t n = count();
    strings_.reserve(n);
    for (std::size_t i = 0; i < n && ok_; ++i) {
      const std::uint64_t len = varint();
      if (!ok_ || len > in_.size() - pos_) {
        ok_ = false;
        break;
      }
      strings_.push_back(in_.substr(pos_, static_cast<std::size_t>(len)));
      pos_ += static_cast<std::size_t>(len);
    }
  }
  bool ok() const { return ok_; }
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!ok_ || pos_ >= in_.size()) break;
      const auto byte = static_cast<unsigned char>(in_[pos_++]);
      v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return v;
    }
    ok_ = false;
    return 0;
  }
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
  std::uint32_t u32() {
    const std::uint64_t v = varint();
    if (v > UINT32_MAX) ok_ = false;
    return static_cast<std::uint32_t>(v);
  }
  // Assigns into `s`, reusing its capacity (see deserialize_evidence).
  void str(std::string& s) {
    const std::uint64_t id = varint();
    if (!ok_ || id >= strings_.size()) {
      ok_ = false;
      s.clear();
      return;
    }
    s.assign(strings_[static_cast<std::size_t>(id)]);
  }
  // A count, checked against the bytes left (each element takes at least one byte).
  std::size_t count() {
    const std::uint64_t n = varint();
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
  std::vector<std::string_view> strings_;
};

}  // namespace

std::string serialize_evidence(const std::vector<DocumentEvidence>& evidence) {
  Writer w;
  w.varint(evidence.size());
  for (const auto& doc : evidence) {
    w.str(doc.framework_id);
    w.varint(doc.items.size());
    for (const auto& item : doc.items) {
      w.pod<std::int32_t>(item.node);
      w.pod(item.state);
      w.pod(item.reason.code);
      w.pod(item.reason.role);
      w.varint(item.reason.line);
      w.varint(item.reason.column);
      w.varint(item.reason.args.size());
      for (const auto& a : item.reason.args) w.str(a);
      w.varint(item.quotes.size());
      for (const auto& q : item.quotes) {
        w.varint(q.sentence);
        w.sentence_text(q.sentence, q.text);
        w.varint(q.line);
        w.varint(q.column);
        w.pod(q.role);
        w.str(q.section_path);
        w.varint(q.terms.size());
        for (const auto& t : q.terms) w.str(t);
        w.varint(q.metrics.size());
        for (const auto& m : q.metrics) {
          w.str(m.name);
          w.pod(m.value);
          w.str(m.unit);
          w.str(m.raw);
          w.pod<std::uint8_t>(m.meets ? 1 : 0);
        }
        w.pod<std::uint8_t>(q.credit ? 1 : 0);
        w.pod<float>(q.gate);
        w.varint(q.page);
        w.varint(q.page_line);
        w.pod<std::uint8_t>(q.ocr ? 1 : 0);
      }
      w.varint(item.near_misses.size());
      for (const auto& m : item.near_misses) {
        w.varint(m.sentence);
        w.sentence_text(m.sentence, m.text);
        w.varint(m.line);
        w.varint(m.column);
        w.pod(m.role);
        w.str(m.section_path);
        w.varint(m.present);
        w.varint(m.total);
        w.str(m.lacking);
      }
    }
  }
  return w.finish();
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
      item.reason.code = r.pod<ReasonCode>();
      item.reason.role = r.pod<Role>();
      item.reason.line = r.u32();
      item.reason.column = r.u32();
      item.reason.args.resize(r.count());
      for (auto& a : item.reason.args) r.str(a);
      item.quotes.resize(r.count());
      for (auto& q : item.quotes) {
        q.sentence = r.u32();
        r.str(q.text);
        q.line = r.u32();
        q.column = r.u32();
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
        q.gate = r.pod<float>();
        q.page = r.u32();
        q.page_line = r.u32();
        q.ocr = r.pod<std::uint8_t>() != 0;
      }
      item.near_misses.resize(r.count());
      for (auto& m : item.near_misses) {
        m.sentence = r.u32();
        r.str(m.text);
        m.line = r.u32();
        m.column = r.u32();
        m.role = r.pod<Role>();
        r.str(m.section_path);
        m.present = static_cast<std::uint16_t>(r.u32());
        m.total = static_cast<std::uint16_t>(r.u32());
        r.str(m.lacking);
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
