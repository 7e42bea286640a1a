// The compiler: every framework of a RuleSet into one immutable CompiledRules.
//
// Compile: every distinct literal term (selection terms and exclusions) and every regex of
// every framework goes into ONE Hyperscan block-mode database. Literals are escaped byte by
// byte (\xHH) so they match exactly what std::string::find would; regexes get UTF8|UCP. Each
// pattern keeps the list of (framework, leaf, selection) that use it, so one pass over a
// document feeds every leaf of every framework. Exception: a regex with a literal trigger
// (RE2's FilteredRE2 formula over required literals, see triggers.cpp) is replaced in that
// database by its trigger's literals; each regex is confirmed inside a sentence by RE2 where RE2
// and Hyperscan agree (re2_verifier), the others by a second database of those regexes alone.
//
// Work in three steps: collect the patterns (and compile the metric regexes), flatten each
// framework's pattern uses for the hit table, then choose triggers and build the databases.
// What the scan does with the result is told in hit_table.cpp and leaf_evaluator.cpp.
#include <fmt/format.h>

#include <cctype>
#include <unordered_map>

#include "db_cache.h"
#include "loader_internal.h"  // dq: long patterns are abbreviated in messages
#include "matcher_internal.h"

namespace indicheck {

int CompiledRules::Impl::framework_index(const std::string& id) const {
  for (std::size_t i = 0; i < rules.frameworks.size(); ++i)
    if (rules.frameworks[i].id == id) return static_cast<int>(i);
  return -1;
}

CompiledRules::Impl::~Impl() {
  if (scratch_prototype) hs_free_scratch(scratch_prototype);
  if (database) hs_free_database(database);
  if (regex_database) hs_free_database(regex_database);
}

CompiledRules::CompiledRules(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CompiledRules::~CompiledRules() = default;
const RuleSet& CompiledRules::rules() const {
  return impl_->rules;
}
const EvidenceGate* CompiledRules::gate() const {
  return impl_->gate.get();
}
std::size_t CompiledRules::pattern_count() const {
  return impl_->patterns.size();
}

namespace {

std::string escape_literal(const std::string& s) {
  std::string out;
  out.reserve(s.size() * 4);
  for (unsigned char c : s) out += fmt::format("\\x{:02x}", c);
  return out;
}

// An RE2 that says whether `regex` matches inside a sentence exactly as Hyperscan does with
// HS_FLAG_UTF8 | HS_FLAG_UCP, or null. They agree on literals, groups, alternation, repeats,
// ".", "^" and bracket classes of code points; they differ where UCP makes a class Unicode
// (\d, \w, \s, \b, POSIX [:alpha:]) and RE2 keeps it ASCII, on "$" before a final newline,
// and under flags. So any backslash before a letter or digit, "(?", "[:" or "$" keeps the
// regex with Hyperscan, as does a regex RE2 cannot compile.
std::unique_ptr<RE2> re2_verifier(const std::string& regex) {
  for (std::size_t i = 0; i < regex.size(); ++i) {
    const char c = regex[i];
    if (c == '$') return nullptr;
    if (c == '\\' && i + 1 < regex.size() && std::isalnum(static_cast<unsigned char>(regex[i + 1])))
      return nullptr;
    if (c == '\\')
      ++i;  // an escaped punctuation character: itself
    else if ((c == '(' && i + 1 < regex.size() && regex[i + 1] == '?') ||
             (c == '[' && i + 1 < regex.size() && regex[i + 1] == ':'))
      return nullptr;
  }
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(regex, options);
  if (!re->ok()) return nullptr;
  return re;
}

// True when the condition is "any selection" (the default): well-formed postfix of selections
// and `or` naming every selection. Then every window, which holds a positive hit by
// construction, satisfies it, and the per-window evaluation is skipped.
// (Checks with more than 64 selections are simply evaluated per window.)
bool satisfied_by_any_hit(const Check& check) {
  const std::size_t n = check.selections.size();
  if (n == 0 || n > 64) return false;
  std::uint64_t named = 0;
  std::size_t depth = 0;
  for (const ConditionOp& op : check.condition) {
    if (op.kind == ConditionOp::kSelection) {
      if (op.operand >= n) return false;
      named |= std::uint64_t{1} << op.operand;
      ++depth;
    } else if (op.kind == ConditionOp::kOr && depth >= 2) {
      --depth;
    } else {
      return false;
    }
  }
  return depth == 1 && named == (n == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1);
}

// Step 1: every distinct literal and regex into impl.patterns (literals first, ids in order of
// first use) with the uses of each, and every metric regex compiled with RE2. `regex_locations`
// gets the rule location of each regex (by id - literal_count), for Hyperscan's diagnostics.
// Returns false, with diagnostics, when a metric pattern does not compile.
bool collect_patterns(CompiledRules::Impl& impl, std::vector<SourceLocation>& regex_locations,
                      std::vector<Diagnostic>& diagnostics) {
  const RuleSet& rules = impl.rules;
  std::unordered_map<std::string, std::uint32_t> literal_ids, regex_ids;
  std::vector<CompiledPattern> literals, regexes;
  const auto add = [](std::vector<CompiledPattern>& table,
                      std::unordered_map<std::string, std::uint32_t>& ids, const std::string& text,
                      bool regex, PatternUse use) {
    auto [it, inserted] = ids.emplace(text, static_cast<std::uint32_t>(table.size()));
    if (inserted) table.push_back({text, regex, {}});
    table[it->second].uses.push_back(use);
    return inserted;
  };
  impl.metrics.resize(rules.frameworks.size());
  bool ok = true;
  for (std::size_t fi = 0; fi < rules.frameworks.size(); ++fi) {
    const Framework& fw = rules.frameworks[fi];
    impl.metrics[fi].resize(fw.leaves.size());
    for (std::size_t slot = 0; slot < fw.leaves.size(); ++slot) {
      const RuleNode& node = fw.nodes[static_cast<std::size_t>(fw.leaves[slot])];
      if (!node.check) continue;
      const Check& check = *node.check;
      for (std::size_t si = 0; si < check.selections.size(); ++si) {
        const Selection& sel = check.selections[si];
        const PatternUse use{static_cast<std::uint32_t>(fi), static_cast<std::uint32_t>(slot),
                             static_cast<std::int32_t>(si)};
        for (const auto& t : sel.terms) add(literals, literal_ids, t, false, use);
        for (const auto& r : sel.regexes)
          if (add(regexes, regex_ids, r, true, use)) regex_locations.push_back(sel.location);
      }
      for (const auto& t : check.exclude)
        add(literals, literal_ids, t, false,
            {static_cast<std::uint32_t>(fi), static_cast<std::uint32_t>(slot), -1});
      for (const auto& m : check.metrics) {
        RE2::Options options;
        options.set_log_errors(false);
        auto re = std::make_unique<RE2>(m.pattern, options);
        if (!re->ok() || re->NumberOfCapturingGroups() != 1) {
          diagnostics.push_back(make_error(m.location.path, "invalid-regex",
                                           fmt::format("metric pattern \"{}\" does not compile "
                                                       "with one capturing group",
                                                       m.pattern),
                                           m.location.line, m.location.column));
          ok = false;
        }
        impl.metrics[fi][slot].push_back(std::move(re));
      }
    }
  }
  impl.literal_count = literals.size();
  impl.patterns = std::move(literals);
  for (auto& r : regexes) impl.patterns.push_back(std::move(r));
  return ok;
}

// Step 2, per framework: the uses of every pattern, flat; and which leaves need no per-window
// condition evaluation.
void flatten_uses(CompiledRules::Impl& impl) {
  const RuleSet& rules = impl.rules;
  for (std::size_t fi = 0; fi < rules.frameworks.size(); ++fi) {
    auto& fu = impl.framework_uses.emplace_back();
    for (const auto& p : impl.patterns) {
      fu.begin.push_back(static_cast<std::uint32_t>(fu.uses.size()));
      for (const auto& use : p.uses)
        if (use.framework == fi) fu.uses.emplace_back(use.leaf_slot, use.selection);
    }
    fu.begin.push_back(static_cast<std::uint32_t>(fu.uses.size()));
    const Framework& fw = rules.frameworks[fi];
    auto& any = impl.any_hit_satisfies.emplace_back(fw.leaves.size(), 0);
    for (std::size_t slot = 0; slot < fw.leaves.size(); ++slot) {
      const RuleNode& node = fw.nodes[static_cast<std::size_t>(fw.leaves[slot])];
      any[slot] = node.check && satisfied_by_any_hit(*node.check);
    }
  }
}

// Step 3: the two Hyperscan databases (after triggers have taken their regexes out of the
// full-text one), the byte length of every id, and the scratch prototype. Returns false, with
// a diagnostic, when Hyperscan rejects a pattern.
bool build_databases(CompiledRules::Impl& impl, const std::vector<SourceLocation>& regex_locations,
                     std::vector<Diagnostic>& diagnostics) {
  // Expressions, flags and ids of every pattern; then the two databases take their parts.
  std::vector<std::string> expressions;
  std::vector<unsigned> flags;
  for (const auto& p : impl.patterns) {
    expressions.push_back(p.regex ? p.text : escape_literal(p.text));
    flags.push_back(p.regex ? HS_FLAG_UTF8 | HS_FLAG_UCP : 0u);
  }
  for (std::int32_t atom : impl.extra_atom) {
    expressions.push_back(escape_literal(impl.trigger_atoms[static_cast<std::size_t>(atom)]));
    flags.push_back(0u);
  }
  for (const auto& p : impl.patterns)
    impl.match_length.push_back(p.regex ? 0u : static_cast<std::uint32_t>(p.text.size()));
  for (std::int32_t atom : impl.extra_atom)
    impl.match_length.push_back(
        static_cast<std::uint32_t>(impl.trigger_atoms[static_cast<std::size_t>(atom)].size()));
  // Compiles the expressions `ids` into `*database`; on failure, a diagnostic naming the pattern
  // (with its rule location when it is a regex).
  const auto compile_db = [&](const std::vector<unsigned>& ids, hs_database_t** database) {
    std::vector<const char*> pointers;
    std::vector<unsigned> id_flags;
    for (unsigned id : ids) {
      pointers.push_back(expressions[id].c_str());
      id_flags.push_back(flags[id]);
    }
    // A database of literals alone goes through Hyperscan's literal compiler: the same
    // matches (every end offset of every literal), built in a fraction of the time the regex
    // compiler takes over the same literals written as \x escapes (0.45 -> 0.1 s for the
    // shipped packs' main database).
    const bool literals_only = std::all_of(ids.begin(), ids.end(), [&](unsigned id) {
      return id >= impl.patterns.size() || !impl.patterns[id].regex;
    });
    // What Hyperscan is given, which is also the compiled-database cache's key (db_cache.h).
    rules_internal::DatabaseRequest request;
    request.literals = literals_only;
    request.flags = id_flags;
    request.ids = ids;
    for (unsigned id : ids)
      request.expressions.push_back(!literals_only ? expressions[id]
                                    : id < impl.patterns.size()
                                        ? impl.patterns[id].text
                                        : impl.trigger_atoms[static_cast<std::size_t>(
                                              impl.extra_atom[id - impl.patterns.size()])]);
    const std::string entry = rules_internal::database_entry(request);
    if ((*database = rules_internal::load_cached_database(entry))) return true;
    hs_compile_error_t* err = nullptr;
    bool compiled = false;
    if (literals_only) {
      std::vector<const char*> texts;
      std::vector<std::size_t> lengths;
      for (const std::string& text : request.expressions) {
        texts.push_back(text.data());
        lengths.push_back(text.size());
      }
      compiled = hs_compile_lit_multi(texts.data(), id_flags.data(), ids.data(), lengths.data(),
                                      static_cast<unsigned>(ids.size()), HS_MODE_BLOCK, nullptr,
                                      database, &err) == HS_SUCCESS;
    } else {
      compiled = hs_compile_multi(pointers.data(), id_flags.data(), ids.data(),
                                  static_cast<unsigned>(ids.size()), HS_MODE_BLOCK, nullptr,
                                  database, &err) == HS_SUCCESS;
    }
    if (compiled) {
      rules_internal::store_cached_database(entry, *database);
      return true;
    }
    SourceLocation loc;
    std::string what = "the pattern database";
    if (err && err->expression >= 0) {
      const std::size_t index = ids[static_cast<std::size_t>(err->expression)];
      what = fmt::format("pattern {}", rules_internal::dq(expressions[index]));
      if (index < impl.patterns.size())
        what = fmt::format("pattern {}", rules_internal::dq(impl.patterns[index].text));
      if (index >= impl.literal_count && index < impl.patterns.size())
        loc = regex_locations[index - impl.literal_count];
    }
    diagnostics.push_back(make_error(
        loc.path, "unsupported-regex",
        fmt::format("{} does not compile: {}", what, err ? err->message : "unknown error"),
        loc.line, loc.column));
    hs_free_compile_error(err);
    return false;
  };
  // The regexes first: a regex Hyperscan rejects is reported whichever database it belongs to.
  // Those confirmed by RE2 (regex_re2) stay out of the regex database; the full-text database
  // still takes the untriggered ones.
  std::vector<unsigned> regex_only, main_ids;
  for (std::size_t i = impl.literal_count; i < impl.patterns.size(); ++i) {
    impl.regex_re2.push_back(re2_verifier(impl.patterns[i].text));
    if (!impl.regex_re2.back()) regex_only.push_back(static_cast<unsigned>(i));
  }
  for (std::size_t i = 0; i < expressions.size(); ++i)
    if (i >= impl.patterns.size() || !impl.patterns[i].regex || !impl.triggered[i])
      main_ids.push_back(static_cast<unsigned>(i));
  if (!regex_only.empty() && !compile_db(regex_only, &impl.regex_database)) return false;
  if (!main_ids.empty() && !compile_db(main_ids, &impl.database)) return false;
  if ((impl.database && hs_alloc_scratch(impl.database, &impl.scratch_prototype) != HS_SUCCESS) ||
      (impl.regex_database &&
       hs_alloc_scratch(impl.regex_database, &impl.scratch_prototype) != HS_SUCCESS)) {
    diagnostics.push_back(make_error("", "internal", "cannot allocate Hyperscan scratch"));
    return false;
  }
  return true;
}

}  // namespace

std::shared_ptr<const CompiledRules> CompiledRules::compile(
    const RuleSet& rules, std::vector<Diagnostic>& diagnostics,
    std::shared_ptr<const EvidenceGate> gate) {
  auto impl = std::make_unique<Impl>();
  impl->rules = rules;
  impl->gate = std::move(gate);
  std::vector<SourceLocation> regex_locations;
  if (!collect_patterns(*impl, regex_locations, diagnostics)) return nullptr;
  flatten_uses(*impl);
  if (impl->patterns.empty())
    return std::shared_ptr<const CompiledRules>(new CompiledRules(std::move(impl)));
  build_triggers(*impl);
  if (!build_databases(*impl, regex_locations, diagnostics)) return nullptr;
  return std::shared_ptr<const CompiledRules>(new CompiledRules(std::move(impl)));
}

}  // namespace indicheck
