// A small hand-made Evaluation for renderer tests: two frameworks (indicators + report
// structure), three readable reports (unit A in 2021 and 2022, unit B in 2021) and one failed
// file. Numbers are chosen by hand so expectations can be checked on paper.
#pragma once

#include <string>

#include "indicheck/reports.h"

namespace synthetic {

using namespace indicheck;

inline RuleNode node(std::string id, std::string title, int parent, double weight, bool required,
                     std::string path, std::uint32_t line) {
  RuleNode n;
  n.id = std::move(id);
  n.title = std::move(title);
  n.parent = parent;
  n.weight = weight;
  n.required = required;
  n.location = {std::move(path), line, 5};
  return n;
}

inline Check check(std::vector<std::string> terms) {
  Check c;
  Selection s;
  s.name = "any";
  s.terms = std::move(terms);
  c.selections.push_back(s);
  return c;
}

// Indicators: root, areas "2" (weight 1) and "3" (weight 1); leaves 2.1 (required, w 3),
// 2.2 (w 1), 3.1 (required, w 1), 3.2 (w 1). Global weights: 2.1 = .375, 2.2 = .125,
// 3.1 = .25, 3.2 = .25.
inline Framework indicators() {
  Framework fw;
  fw.id = "gangyao-2021";
  fw.title = "法治政府建设实施纲要（2021－2025年）";
  fw.edition = "2021-2025";
  fw.kind = "indicators";
  fw.year_from = 2021;
  fw.year_to = 2025;
  const std::string p = "rules/gangyao-2021/area.yaml";
  fw.nodes.push_back(node("", fw.title, -1, 1, false, "rules/gangyao-2021/framework.yaml", 1));
  fw.nodes.push_back(node("2", "健全政府机构职能体系", 0, 1, false, p, 2));
  fw.nodes.push_back(node("2.1", "权责清单动态调整", 1, 3, true, p, 10));
  fw.nodes.push_back(node("2.2", "证明事项告知承诺制", 1, 1, false, p, 20));
  fw.nodes.push_back(node("3", "健全依法行政制度体系", 0, 1, false, p, 30));
  fw.nodes.push_back(node("3.1", "行政规范性文件合法性审核", 4, 1, true, p, 40));
  fw.nodes.push_back(node("3.2", "基层立法联系点", 4, 1, false, p, 50));
  fw.nodes[0].children = {1, 4};
  fw.nodes[1].children = {2, 3};
  fw.nodes[4].children = {5, 6};
  fw.nodes[2].check = check({"权责清单"});
  fw.nodes[3].check = check({"告知承诺制"});
  fw.nodes[5].check = check({"合法性审核"});
  fw.nodes[6].check = check({"基层立法联系点"});
  fw.leaves = {2, 3, 5, 6};
  return fw;
}

inline Framework structure() {
  Framework fw;
  fw.id = "report-structure";
  fw.title = "年度报告五项内容";
  fw.edition = "2019";
  fw.kind = "supplement";
  fw.nodes.push_back(node("", fw.title, -1, 1, false, "rules/report-structure/framework.yaml", 1));
  const char* titles[] = {"主要举措和成效", "存在的不足和原因", "第一责任人职责",
                          "下一年度主要安排", "其他需要报告的情况"};
  for (int i = 0; i < 5; ++i) {
    fw.nodes.push_back(node(std::to_string(i + 1), titles[i], 0, 1, i < 4,
                            "rules/report-structure/framework.yaml",
                            10u + static_cast<unsigned>(i)));
    fw.nodes.back().check = check({titles[i]});
    fw.nodes[0].children.push_back(i + 1);
    fw.leaves.push_back(i + 1);
  }
  return fw;
}

inline Quote quote(std::string text, std::uint32_t line, Role role, bool credit,
                   std::string section = "一、深入推进“放管服”改革") {
  Quote q;
  q.text = std::move(text);
  q.line = line;
  q.column = 1;
  q.role = role;
  q.section_path = std::move(section);
  q.credit = credit;
  q.terms = {"term"};
  return q;
}

inline ItemEvidence item(int node, ItemState state, std::vector<Quote> quotes = {}) {
  ItemEvidence e;
  e.node = node;
  e.state = state;
  e.quotes = std::move(quotes);
  e.reason.code = state == ItemState::kMet ? ReasonCode::kMet : ReasonCode::kNoTerms;
  return e;
}

struct Data {
  RuleSet rules;
  Evaluation eval;
};

// Scores (hierarchical, partial = .5), computed by hand:
//  A 2021: 2.1 met, 2.2 missing, 3.1 missing, 3.2 planned  → area 2 = 75, area 3 = 0, total 37.5
//  B 2021: 2.1 met, 2.2 met, 3.1 met, 3.2 acknowledged     → 100, 50, total 75
//  A 2022: 2.1 partial, 2.2 met, 3.1 met, 3.2 met          → 62.5, 100, total 81.25
inline void build(Data& d) {
  d.rules.frameworks = {indicators(), structure()};
  d.rules.hash = "abc123";
  Evaluation& e = d.eval;
  e.rules = &d.rules;
  e.facts.tool_version = "0.1.0";
  e.facts.rules_hash = "abc123";
  e.facts.date = "2026-01-02";
  e.facts.inputs = {"corpus/"};
  e.facts.rules_paths = {"rules/"};
  e.facts.model = "hierarchical";

  const auto meta = [](std::string unit, int year) {
    Metadata m;
    m.unit = {std::move(unit), 1, "title"};
    m.level = {"district", 1, "title"};
    m.year = year;
    m.encoding = "UTF-8";
    return m;
  };
  const auto structure_evidence = [](bool plans) {
    DocumentEvidence ev;
    ev.framework_id = "report-structure";
    for (int i = 1; i <= 5; ++i)
      ev.items.push_back(item(i,
                              (i == 4 && !plans) || i == 5 ? ItemState::kMissing : ItemState::kMet,
                              {quote("结构句" + std::to_string(i) + "。",
                                     static_cast<std::uint32_t>(i), Role::kAchievements, true)}));
    return ev;
  };

  ReportResult a21;
  a21.path = "corpus/a-2021.txt";
  a21.meta = meta("甲区", 2021);
  {
    DocumentEvidence ev;
    ev.framework_id = "gangyao-2021";
    ev.items.push_back(item(2, ItemState::kMet,
                            {quote("全面推行权责清单制度<script>alert(1)</script>，实现动态调整。",
                                   12, Role::kAchievements, true)}));
    ev.items.push_back(item(3, ItemState::kMissing));
    ev.items.push_back(item(5, ItemState::kMissing));
    ev.items.push_back(item(
        6, ItemState::kPlanned,
        {quote("2022年将建立基层立法联系点。", 40, Role::kPlans, false, "三、2022年工作安排")}));
    a21.evidence = {ev, structure_evidence(true)};
  }
  ReportResult b21;
  b21.path = "corpus/b-2021.txt";
  b21.meta = meta("乙区", 2021);
  {
    DocumentEvidence ev;
    ev.framework_id = "gangyao-2021";
    ev.items.push_back(item(2, ItemState::kMet,
                            {quote("乙区权责清单动态调整到位。", 8, Role::kAchievements, true)}));
    ev.items.push_back(
        item(3, ItemState::kMet,
             {quote("=全面推行证明事项告知承诺制。", 9, Role::kAchievements, true)}));
    ev.items.push_back(item(
        5, ItemState::kMet,
        {quote("严格落实行政规范性文件合法性审核，审核率100%。", 10, Role::kAchievements, true)}));
    ev.items.push_back(item(
        6, ItemState::kAcknowledged,
        {quote("基层立法联系点作用发挥不够。", 30, Role::kShortcomings, false, "二、存在的不足")}));
    b21.evidence = {ev, structure_evidence(false)};
  }
  ReportResult a22;
  a22.path = "corpus/a-2022.txt";
  a22.meta = meta("甲区", 2022);
  {
    DocumentEvidence ev;
    ev.framework_id = "gangyao-2021";
    ev.items.push_back(item(2, ItemState::kPartial,
                            {quote("权责清单, \"调整\"中。", 5, Role::kAchievements, true)}));
    ev.items.push_back(
        item(3, ItemState::kMet, {quote("甲区告知承诺制全覆盖。", 6, Role::kAchievements, true)}));
    ev.items.push_back(
        item(5, ItemState::kMet, {quote("甲区合法性审核全覆盖。", 7, Role::kAchievements, true)}));
    ev.items.push_back(
        item(6, ItemState::kMet, {quote("设立基层立法联系点3个。", 8, Role::kAchievements, true)}));
    a22.evidence = {ev, structure_evidence(true)};
  }
  ReportResult bad;
  bad.path = "corpus/broken.txt";
  bad.failed = true;
  bad.diagnostics.push_back(
      make_error("corpus/broken.txt", "encoding", "cannot detect the encoding <b>"));

  // Sorted by path, as the pipeline does.
  e.reports = {a22, a21, b21, bad};

  ScoreTable t;
  t.framework_id = "gangyao-2021";
  t.node_weights = {1, 1, 3, 1, 1, 1, 1};
  t.node_required = {false, false, true, false, false, true, false};
  t.node_included = std::vector<bool>(7, true);
  t.leaf_global_weights = {0.375, 0.125, 0.25, 0.25};
  t.applied_overrides = {"weight of 2.1 set to 3 (was 1)"};
  const auto unit = [](std::string name, int year, std::string path, double score,
                       std::vector<double> nodes, std::vector<ItemState> states, int rank,
                       int req_met) {
    UnitScore u;
    u.key = {std::move(name), "district", "江苏省", year, std::move(path)};
    u.score = score;
    u.max_score = 100;
    u.node_scores = std::move(nodes);
    u.states = std::move(states);
    u.rank = rank;
    u.peer_rank = 1;
    u.peer_count = 1;
    u.required_met = req_met;
    u.required_total = 2;
    return u;
  };
  using S = ItemState;
  t.units.push_back(unit("甲区", 2022, "corpus/a-2022.txt", 81.25,
                         {81.25, 62.5, 50, 100, 100, 100, 100},
                         {S::kPartial, S::kMet, S::kMet, S::kMet}, 1, 1));
  t.units.push_back(unit("甲区", 2021, "corpus/a-2021.txt", 37.5, {37.5, 75, 100, 0, 0, 0, 0},
                         {S::kMet, S::kMissing, S::kMissing, S::kPlanned}, 3, 1));
  t.units.push_back(unit("乙区", 2021, "corpus/b-2021.txt", 75, {75, 100, 100, 100, 50, 100, 0},
                         {S::kMet, S::kMet, S::kMet, S::kAcknowledged}, 2, 2));
  t.units[1].peer_rank = 2;
  t.units[1].peer_count = 2;
  t.units[2].peer_count = 2;

  ScoreTable s;
  s.framework_id = "report-structure";
  s.node_weights = std::vector<double>(6, 1);
  s.node_required = {false, true, true, true, true, false};
  s.node_included = std::vector<bool>(6, true);
  s.leaf_global_weights = std::vector<double>(5, 0.2);
  for (const auto& r : e.reports) {
    if (r.failed) continue;
    UnitScore u =
        unit(r.meta.unit.value, r.meta.year, r.path, 80, std::vector<double>(6, 80), {}, 1, 4);
    for (const auto& it : r.evidence[1].items) u.states.push_back(it.state);
    s.units.push_back(u);
  }
  e.tables = {t, s};
}

}  // namespace synthetic
