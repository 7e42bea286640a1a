// Differential test (in the spirit of RE2's comparative tester): on generated texts with CJK,
// full-width and mixed scripts, the compiled matcher's hits equal a naive reference:
// std::string::find for terms, RE2 on each sentence for regexes. Evidence is identical whether
// documents are scanned by one thread or split over two. Regexes are found two ways (in the
// full-text pass, or through literal triggers, see triggers.cpp): both are exercised, and the
// shipped regexes are checked on sentences built from their own atoms and gaps.
#include <fmt/ranges.h>
#include <re2/re2.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "condition.h"
#include "indicheck/matcher.h"
#include "indicheck/reason_text.h"
#include "matcher_internal.h"
#include "test_util.h"

using namespace indicheck;

namespace {

// Characters the generator draws from: CJK, full-width forms, ASCII, a Traditional pair, and
// a 4-byte character. Sentence ends are added separately.
const std::vector<std::string> kAlphabet = {
    "法", "治", "政", "府", "建", "设", "行", "执", "公", "开", "條", "条", "Ａ", "Ｂ", "１",
    "２", "（", "）", "，", "a",  "b",  "A",  "1",  "2",  " ",  "%",  "-",  "𠀀", "率", "达"};
const std::vector<std::string> kEnds = {"。", "！", "；"};

// Regexes in the common subset of Hyperscan (UTF8|UCP) and RE2 semantics (no \d, \w: UCP
// makes them Unicode in Hyperscan, ASCII in RE2; reports are NFKC-normalized anyway).
const std::vector<std::string> kRegexes = {"法[治律]",
                                           "政府.{0,3}建设",
                                           "[Ａ-Ｚ]{2}",
                                           "[0-9]+%",
                                           "(行政|执法)+公开",
                                           "条|條",
                                           "率达[0-9１２]+",
                                           "a+b",
                                           "𠀀.",
                                           "（[^）]{1,4}）",
                                           "公开[^。]{0,6}条",
                                           "[ab][AB12]"};

std::string random_piece(std::mt19937& rng, std::size_t min_len, std::size_t max_len) {
  std::string s;
  const std::size_t n = min_len + rng() % (max_len - min_len + 1);
  for (std::size_t i = 0; i < n; ++i) s += kAlphabet[rng() % kAlphabet.size()];
  return s;
}

struct Fixture {
  RuleSet rules;
  std::shared_ptr<const CompiledRules> compiled;
  std::vector<std::string> terms;  // every distinct term
};

Fixture make_rules(std::mt19937& rng, std::size_t leaves) {
  Fixture f;
  Framework fw;
  fw.id = "diff";
  fw.kind = "supplement";
  fw.nodes.emplace_back();
  fw.nodes[0].id = "diff";
  std::set<std::string> all_terms;
  for (std::size_t i = 0; i < leaves; ++i) {
    RuleNode node;
    node.id = std::to_string(i + 1);
    node.parent = 0;
    Check check;
    const std::size_t selections = 1 + rng() % 3;
    for (std::size_t s = 0; s < selections; ++s) {
      Selection sel;
      sel.name = "s" + std::to_string(s);
      const std::size_t n = 1 + rng() % 4;
      for (std::size_t k = 0; k < n; ++k) {
        sel.terms.push_back(random_piece(rng, 1, 3));
        all_terms.insert(sel.terms.back());
      }
      if (rng() % 3 == 0) sel.regexes.push_back(kRegexes[rng() % kRegexes.size()]);
      check.selections.push_back(sel);
    }
    if (rng() % 4 == 0) check.exclude.push_back(random_piece(rng, 2, 3));
    check.condition = rules_internal::any_condition(check.selections.size());
    check.condition_text = "any";
    check.window = static_cast<Window>(rng() % 4);
    node.check = check;
    fw.nodes[0].children.push_back(static_cast<int>(fw.nodes.size()));
    fw.leaves.push_back(static_cast<int>(fw.nodes.size()));
    fw.nodes.push_back(node);
  }
  f.rules.frameworks.push_back(fw);
  f.terms.assign(all_terms.begin(), all_terms.end());
  std::vector<Diagnostic> diagnostics;
  f.compiled = CompiledRules::compile(f.rules, diagnostics);
  REQUIRE(diagnostics.empty());
  REQUIRE(f.compiled);
  return f;
}

Document make_text(std::mt19937& rng, const std::vector<std::string>& terms) {
  std::vector<rules_test::Para> paras;
  const std::size_t n_paras = 1 + rng() % 6;
  const Role roles[] = {Role::kAchievements, Role::kShortcomings, Role::kPlans, Role::kPreamble};
  for (std::size_t p = 0; p < n_paras; ++p) {
    rules_test::Para para{roles[rng() % 4], {}};
    const std::size_t n_sentences = 1 + rng() % 5;
    for (std::size_t s = 0; s < n_sentences; ++s) {
      std::string sentence;
      const std::size_t parts = 1 + rng() % 6;
      for (std::size_t k = 0; k < parts; ++k)
        sentence += rng() % 2 ? terms[rng() % terms.size()] : random_piece(rng, 1, 6);
      sentence += kEnds[rng() % kEnds.size()];
      para.sentences.push_back(sentence);
    }
    paras.push_back(para);
  }
  return rules_test::make_document(paras);
}

}  // namespace

TEST_CASE("compiled literal hits equal std::string::find", "[differential]") {
  std::mt19937 rng(2024);
  for (int round = 0; round < 12; ++round) {
    const Fixture f = make_rules(rng, 40);
    const auto& patterns = f.compiled->impl().patterns;
    Scanner scanner(f.compiled);
    for (int t = 0; t < 25; ++t) {
      const Document doc = make_text(rng, f.terms);
      std::vector<std::pair<std::uint32_t, std::uint32_t>> expected;
      for (std::uint32_t id = 0; id < patterns.size(); ++id) {
        if (patterns[id].regex) continue;
        for (auto at = doc.text.find(patterns[id].text); at != std::string::npos;
             at = doc.text.find(patterns[id].text, at + 1))
          expected.emplace_back(id, static_cast<std::uint32_t>(at));
      }
      std::sort(expected.begin(), expected.end());
      REQUIRE(literal_hits(scanner, doc.text) == expected);
    }
  }
}

TEST_CASE("compiled sentence hits equal find / RE2 per sentence", "[differential]") {
  std::mt19937 rng(99);
  std::size_t regex_hits = 0, literal_hits_seen = 0;
  for (int round = 0; round < 12; ++round) {
    const Fixture f = make_rules(rng, 40);
    const auto& patterns = f.compiled->impl().patterns;
    std::vector<std::unique_ptr<RE2>> res(patterns.size());
    for (std::size_t id = 0; id < patterns.size(); ++id)
      if (patterns[id].regex) res[id] = std::make_unique<RE2>(patterns[id].text);
    Scanner scanner(f.compiled);
    for (int t = 0; t < 25; ++t) {
      const Document doc = make_text(rng, f.terms);
      std::vector<SentenceHit> expected;
      for (std::uint32_t si = 0; si < doc.sentences.size(); ++si) {
        const auto span = doc.sentences[si].span;
        const std::string sentence = doc.text.substr(span.begin, span.size());
        for (std::uint32_t id = 0; id < patterns.size(); ++id) {
          const bool hit = patterns[id].regex
                               ? RE2::PartialMatch(sentence, *res[id])
                               : sentence.find(patterns[id].text) != std::string::npos;
          if (hit) expected.push_back({si, id});
          if (hit) ++(patterns[id].regex ? regex_hits : literal_hits_seen);
        }
      }
      REQUIRE(sentence_hits(scanner, doc) == expected);
    }
  }
  // The generator must actually exercise both kinds of pattern.
  CHECK(regex_hits > 100);
  CHECK(literal_hits_seen > 1000);
}

TEST_CASE("the generated regexes use both paths: full-text pass and literal triggers",
          "[differential]") {
  std::mt19937 rng(99);
  const Fixture f = make_rules(rng, 400);  // enough leaves to draw every regex
  const auto& impl = f.compiled->impl();
  std::set<std::string> triggered, untriggered;
  for (std::size_t id = impl.literal_count; id < impl.patterns.size(); ++id)
    (impl.triggered[id] ? triggered : untriggered).insert(impl.patterns[id].text);
  // CJK atoms get a trigger; ASCII letters (FilteredRE2 lowercases them) and "[0-9]+%" (no atom
  // of 3 bytes) do not.
  CHECK(triggered.count("法[治律]") == 1);
  CHECK(triggered.count("公开[^。]{0,6}条") == 1);
  CHECK(triggered.count("（[^）]{1,4}）") == 1);
  CHECK(untriggered.count("a+b") == 1);
  CHECK(untriggered.count("[Ａ-Ｚ]{2}") == 1);
  CHECK(untriggered.count("[0-9]+%") == 1);
}

TEST_CASE("many regexes stay in the full-text pass (no triggers)", "[differential]") {
  // Above 32 qualifying regexes, triggers would let some regex through in most sentences; the
  // compiler then keeps every regex in the full-text database.
  const std::vector<std::string> words = {"法治", "政府", "建设", "执法", "公开", "条例",
                                          "制度", "监督", "审批", "服务", "平台", "系统"};
  const auto compile_with = [&](std::size_t n) {
    RuleSet rules;
    Framework fw;
    fw.id = "many";
    fw.kind = "supplement";
    fw.nodes.emplace_back();
    fw.nodes[0].id = "many";
    RuleNode node;
    node.id = "1";
    node.parent = 0;
    Check check;
    Selection sel;
    sel.name = "s0";
    for (std::size_t i = 0; i < n; ++i)
      sel.regexes.push_back(words[i % words.size()] + "[^。]{0," + std::to_string(1 + i) + "}" +
                            words[(i * 5 + 1) % words.size()]);
    check.selections.push_back(sel);
    check.condition = rules_internal::any_condition(1);
    check.condition_text = "any";
    node.check = check;
    fw.nodes[0].children.push_back(1);
    fw.leaves.push_back(1);
    fw.nodes.push_back(node);
    rules.frameworks.push_back(fw);
    std::vector<Diagnostic> diagnostics;
    auto compiled = CompiledRules::compile(rules, diagnostics);
    REQUIRE(compiled);
    return compiled;
  };
  CHECK(compile_with(32)->impl().trigger != nullptr);
  const auto many = compile_with(33);
  CHECK(many->impl().trigger == nullptr);
  CHECK(std::count(many->impl().triggered.begin(), many->impl().triggered.end(), true) == 0);
}

TEST_CASE("regexes RE2 reads otherwise are confirmed by Hyperscan, with UCP classes",
          "[differential][issue16]") {
  // The re-scan confirms a regex by RE2 only where RE2 and Hyperscan (UTF8|UCP) agree; \d and
  // \w are Unicode under UCP and ASCII in RE2, so those regexes keep the regex-only database,
  // triggered ("第\d+名": atoms 第, 名) or not ("a\w+b").
  RuleSet rules;
  Framework fw;
  fw.id = "ucp";
  fw.kind = "supplement";
  fw.nodes.emplace_back();
  fw.nodes[0].id = "ucp";
  const std::vector<std::string> regexes = {"第\\d+名", "a\\w+b", "法[治律]", "公开[^。]{0,6}条"};
  for (std::size_t i = 0; i < regexes.size(); ++i) {
    RuleNode node;
    node.id = std::to_string(i + 1);
    node.parent = 0;
    Check check;
    Selection sel;
    sel.name = "s0";
    sel.regexes.push_back(regexes[i]);
    check.selections.push_back(sel);
    check.condition = rules_internal::any_condition(1);
    check.condition_text = "any";
    node.check = check;
    fw.nodes[0].children.push_back(static_cast<int>(fw.nodes.size()));
    fw.leaves.push_back(static_cast<int>(fw.nodes.size()));
    fw.nodes.push_back(node);
  }
  rules.frameworks.push_back(fw);
  std::vector<Diagnostic> diagnostics;
  const auto compiled = CompiledRules::compile(rules, diagnostics);
  REQUIRE(compiled);
  const auto& impl = compiled->impl();
  std::map<std::string, std::uint32_t> id_of;
  for (std::uint32_t id = static_cast<std::uint32_t>(impl.literal_count); id < impl.patterns.size();
       ++id)
    id_of[impl.patterns[id].text] = id;
  const auto by_re2 = [&](const std::string& r) {
    return impl.regex_re2[id_of.at(r) - impl.literal_count] != nullptr;
  };
  CHECK_FALSE(by_re2("第\\d+名"));
  CHECK_FALSE(by_re2("a\\w+b"));
  CHECK(by_re2("法[治律]"));
  CHECK(by_re2("公开[^。]{0,6}条"));
  CHECK(impl.triggered[id_of.at("第\\d+名")]);
  CHECK_FALSE(impl.triggered[id_of.at("a\\w+b")]);
  REQUIRE(impl.regex_database != nullptr);
  // ٣ (U+0663) is a digit and 法 a word character under UCP only; both kinds of regex in one
  // sentence; a sentence with the atoms but no match.
  const Document doc = rules_test::make_document(
      {{Role::kAchievements, {"排名第٣名，法治a法b。", "第名次，公开三条。", "依法治理，ab。"}}});
  const std::vector<SentenceHit> expected = {{0, id_of.at("第\\d+名")},
                                             {0, id_of.at("a\\w+b")},
                                             {0, id_of.at("法[治律]")},
                                             {1, id_of.at("公开[^。]{0,6}条")},
                                             {2, id_of.at("法[治律]")}};
  Scanner scanner(compiled);
  auto got = sentence_hits(scanner, doc);
  std::vector<SentenceHit> regex_only;
  for (const auto& h : got)
    if (h.pattern >= impl.literal_count) regex_only.push_back(h);
  std::vector<SentenceHit> want = expected;
  std::sort(want.begin(), want.end());
  CHECK(regex_only == want);
}

TEST_CASE("shipped regexes: sentence hits equal RE2 per sentence", "[differential]") {
  std::vector<Diagnostic> diagnostics;
  const RuleSet rules = load_rules({std::string(INDICHECK_SOURCE_DIR) + "/rules"}, diagnostics);
  REQUIRE(!has_errors(diagnostics));
  const auto compiled = CompiledRules::compile(rules, diagnostics);
  REQUIRE(compiled);
  const auto& impl = compiled->impl();
  INFO(impl.trigger_atoms.size() << " atoms");
  REQUIRE(impl.trigger);  // the shipped regexes are CJK with gaps: they get triggers
  std::vector<std::uint32_t> regex_ids;
  std::map<std::uint32_t, std::unique_ptr<RE2>> res;
  for (std::uint32_t id = static_cast<std::uint32_t>(impl.literal_count); id < impl.patterns.size();
       ++id) {
    regex_ids.push_back(id);
    res[id] = std::make_unique<RE2>(impl.patterns[id].text);
    REQUIRE(res[id]->ok());
  }
  // Sentences of the regexes' own atoms, a few literal terms, and gap filler (CJK, digits, %,
  // commas, spaces); sometimes a 。 or ; inside a gap-sized piece breaks a would-be match.
  std::vector<std::string> vocabulary = impl.trigger_atoms;
  for (const char* w :
       {"应诉", "出庭应诉率", "比例", "率为", "部署", "研究", "镇", "街道", "许可", "行政处罚",
        "专题", "法治", "依法行政", "平台", "系统", "保护", "产权",
        // pieces of the three-part regexes, so that whole matches are common
        "下放到街道", "下放至镇", "审批事项", "参与了条例", "参与法规", "的制定", "修订",
        "常委会专题研究", "党组听取", "出庭应诉率达", "评估实施效果", "印发工作要点",
        "《法治政府建设实施方案》", "搭建信息平台", "中心组学习法治", "专项整治12次", "执法检查3家",
        "条例草案提出意见", "查处违规行为3起", "调解劳动争议", "行政处罚法宣传",
        "起草的《示例条例》经审议通过", "召开价格听证会", "5起违法行为立案查处",
        "执法资格考试通过12人", "28人参加执法资格考试", "共享信息数据12.6万条", "保护企业产权",
        "《示例市电梯安全条例》审议通过", "推动《示例省数据条例》", "全员顺利通过资格考试",
        "法治政府建设纳入督察", "习近平法治思想列入学习计划"})
    vocabulary.push_back(w);
  const std::vector<std::string> filler = {"的", "和", "工作", "全面", "，",  "、",    "1",
                                           "9",  "0",  ".",    "5",    "%",   " ",     "了",
                                           "市", "区", "年",   "推进", "95%", "100 %", "2.5%"};
  std::mt19937 rng(11);
  std::size_t regex_hits = 0;
  std::set<std::uint32_t> regexes_hit;
  Scanner scanner(compiled);
  for (int t = 0; t < 800; ++t) {
    std::vector<rules_test::Para> paras(1 + rng() % 3);
    for (auto& para : paras) {
      para.role = Role::kAchievements;
      for (std::size_t n = 1 + rng() % 6; n > 0; --n) {
        std::string sentence;
        for (std::size_t parts = 2 + rng() % 10; parts > 0; --parts) {
          if (rng() % 2) {
            sentence += vocabulary[rng() % vocabulary.size()];
          } else {
            for (std::size_t k = rng() % 8; k > 0; --k) sentence += filler[rng() % filler.size()];
          }
        }
        sentence += rng() % 5 ? "。" : "；";
        para.sentences.push_back(sentence);
      }
    }
    const Document doc = rules_test::make_document(paras);
    std::set<SentenceHit> expected, got;
    for (std::uint32_t si = 0; si < doc.sentences.size(); ++si) {
      const auto span = doc.sentences[si].span;
      const std::string sentence = doc.text.substr(span.begin, span.size());
      for (std::uint32_t id : regex_ids)
        if (RE2::PartialMatch(sentence, *res[id])) {
          expected.insert({si, id});
          regexes_hit.insert(id);
          ++regex_hits;
        }
    }
    for (const auto& h : sentence_hits(scanner, doc))
      if (h.pattern >= impl.literal_count) got.insert(h);
    REQUIRE(got == expected);
  }
  CHECK(regex_hits > 300);
  CHECK(regexes_hit.size() == regex_ids.size());  // every shipped regex matched somewhere
  for (std::uint32_t id : regex_ids)
    if (!regexes_hit.count(id)) WARN("never matched: " << impl.patterns[id].text);
}

TEST_CASE("quote line:column equals Document::line_col of the sentence start", "[differential]") {
  // The scanner computes positions in one sweep per document (several sentences per line,
  // multi-byte characters, 4-byte ones); Document::line_col is the reference.
  std::mt19937 rng(5);
  const Fixture f = make_rules(rng, 60);
  Scanner scanner(f.compiled);
  std::size_t quotes = 0, later_columns = 0;
  for (int t = 0; t < 60; ++t) {
    Document doc = make_text(rng, f.terms);
    if (t % 3 == 0) {  // one line, as a web crawl: a space instead of every line break
      std::replace(doc.text.begin(), doc.text.end(), '\n', ' ');
      doc.original = doc.text;
      doc.line_starts_.assign(1, 0);
    }
    for (const auto& item : scanner.scan(doc, f.rules.frameworks[0]).items)
      for (const auto& q : item.quotes) {
        const LineCol expected =
            doc.line_col(doc.to_original(doc.sentences[q.sentence].span.begin));
        REQUIRE(q.line == expected.line);
        REQUIRE(q.column == expected.column);
        ++quotes;
        later_columns += q.column > 1;
      }
  }
  CHECK(quotes > 500);
  CHECK(later_columns > 100);  // sentences after the first of their line
}

TEST_CASE("evidence is identical with 1 and 2 threads", "[differential]") {
  std::mt19937 rng(7);
  const Fixture f = make_rules(rng, 60);
  std::vector<Document> docs;
  for (int i = 0; i < 40; ++i) docs.push_back(make_text(rng, f.terms));
  const Framework& fw = f.rules.frameworks[0];
  const auto flatten = [](const DocumentEvidence& ev) {
    std::string out;
    for (const auto& item : ev.items) {
      out += fmt::format("{}:{}:{}:{}:{}:{}|", item.node, state_name(item.state),
                         reason_code_name(item.reason.code), item.reason.line, item.reason.column,
                         fmt::join(item.reason.args, ","));
      for (const auto& q : item.quotes)
        out += fmt::format("{}/{}/{}/{};", q.sentence, q.credit, q.text, fmt::join(q.terms, ","));
      out += "\n";
    }
    return out;
  };
  std::vector<std::string> one(docs.size()), two(docs.size());
  {
    Scanner scanner(f.compiled);
    for (std::size_t i = 0; i < docs.size(); ++i) one[i] = flatten(scanner.scan(docs[i], fw));
  }
  {
    std::vector<std::thread> workers;
    for (int w = 0; w < 2; ++w)
      workers.emplace_back([&, w] {
        Scanner scanner(f.compiled);  // one scanner (scratch) per thread, shared database
        for (std::size_t i = static_cast<std::size_t>(w); i < docs.size(); i += 2)
          two[i] = flatten(scanner.scan(docs[i], fw));
      });
    for (auto& t : workers) t.join();
  }
  CHECK(one == two);
  std::size_t met = 0;
  for (const auto& s : one) met += static_cast<std::size_t>(std::count(s.begin(), s.end(), 'm'));
  CHECK(met > 0);
}
