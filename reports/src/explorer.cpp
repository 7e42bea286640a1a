// The weight explorer (权重试算) of index.html: per framework, a slider and a number box for
// every area weight (and, on demand, every section weight); the ranking and the area heatmap
// are recomputed in the page as the weights move, and "导出权重方案" downloads a profile YAML
// that `indicheck evaluate --profile` accepts as is.
//
// The page embeds what the scoring models need and nothing more: the tree (parent, inclusion,
// weights), one state letter per unit and leaf after the profile (m = met, p = partial, z = no
// credit, - = not in force: not applicable, waived or deselected), and the partial credit. The
// JS (explorer_js.h) re-implements scoring/src/tree_scorer.* (hierarchical) and the flat model
// of scoring/src/score.cpp term by term, and rank_descending(); tests/e2e checks the page's
// numbers against `evaluate --profile` with the exported profile.
#include "explorer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "explorer_js.h"
#include "indicheck/scoring.h"

namespace indicheck::reports_detail {
namespace {

using Json = nlohmann::ordered_json;

// Weights derived by a data-driven method, as node weights; empty with `error` set when the
// data cannot carry them.
struct Derived {
  std::vector<double> weights;
  std::string error;
};

Derived derived_weights(const Framework& fw, const ScoreTable& table, bool critic) {
  Derived out;
  const CreditMatrix cm = credit_matrix(fw, table);
  std::vector<double> columns;
  if (critic) {
    const auto r = critic_weights(cm);
    if (!r.error.empty()) {
      out.error = "数据不足以计算 CRITIC 权重：取值有变化的指标少于两个";
      return out;
    }
    columns = r.weights;
  } else {
    const auto r = entropy_weights(cm);
    if (!r.error.empty()) {
      out.error = "数据不足以计算熵权：各指标在单位之间均无差异（或全为零）";
      return out;
    }
    columns = r.weights;
  }
  out.weights = node_weights_from_leaf_weights(fw, leaf_weights_from_columns(fw, cm, columns));
  return out;
}

char state_letter(ItemState s) {
  switch (s) {
    case ItemState::kMet:
      return 'm';
    case ItemState::kPartial:
      return 'p';
    case ItemState::kNotApplicable:
    case ItemState::kWaived:
      return '-';
    default:
      return 'z';
  }
}

Json unit_rows(const View& v, int t, const Framework& fw) {
  const ScoreTable& table = v.eval.tables[t];
  // Ties in the new ranking are listed by path, as rows_by_rank lists the run's: the position
  // of each row in path order is embedded so the page needs no string collation.
  std::vector<int> by_path(table.units.size());
  for (std::size_t i = 0; i < by_path.size(); ++i) by_path[i] = static_cast<int>(i);
  std::stable_sort(by_path.begin(), by_path.end(),
                   [&](int a, int b) { return table.units[a].key.path < table.units[b].key.path; });
  std::vector<int> path_order(by_path.size());
  for (std::size_t k = 0; k < by_path.size(); ++k) path_order[by_path[k]] = static_cast<int>(k);

  Json units = Json::array();
  for (std::size_t u = 0; u < table.units.size(); ++u) {
    const UnitScore& us = table.units[u];
    const int r = v.report_of(t, static_cast<int>(u));
    std::string states(fw.leaves.size(), 'z');
    for (std::size_t l = 0; l < fw.leaves.size(); ++l) {
      const ItemState st = l < us.states.size() ? us.states[l] : ItemState::kMissing;
      const bool included = table.node_included.empty() || table.node_included[fw.leaves[l]];
      states[l] = included ? state_letter(st) : '-';
    }
    const std::string stem = r >= 0 ? v.gap_stem(r) : std::string();
    units.push_back(Json{{"name", r >= 0 ? v.unit_name(r) : us.key.unit},
                         {"year", us.key.year},
                         {"gap", stem.empty() ? std::string() : "gaps/" + stem + ".html"},
                         {"rank", us.rank},
                         {"score", us.score},
                         {"order", path_order[u]},
                         {"states", states}});
  }
  return units;
}

// The profile the export writes, minus its weights: the base profile's selection, required
// flags, waivers and the partial credit the run used, so only the weights change.
std::string profile_head(const View& v, int t, const Framework& fw) {
  const ScoreTable& table = v.eval.tables[t];
  const Profile* base = v.eval.rules ? profile_for(*v.eval.rules, fw.id) : nullptr;
  Profile head = base ? *base : Profile{};
  head.partial_credit = table.partial_credit;
  return weights_profile_yaml(fw, &head, "explorer-" + fw.id, "权重试算方案：" + fw.title,
                              {"由 index.html 的“权重试算”导出；用法：indicheck evaluate "
                               "--profile 本文件 --model " +
                               std::string(model_name(table.model))},
                              {});
}

Json explorer_data(const View& v, int t, const Framework& fw) {
  const ScoreTable& table = v.eval.tables[t];
  const Derived entropy = derived_weights(fw, table, false);
  const Derived critic = derived_weights(fw, table, true);
  Json nodes = Json::array();
  for (std::size_t n = 0; n < fw.nodes.size(); ++n) {
    const RuleNode& node = fw.nodes[n];
    const bool included = table.node_included.empty() || table.node_included[n];
    nodes.push_back(
        Json{{"id", n == 0 ? fw.id : node.id},
             {"title", node.title},
             {"parent", node.parent},
             {"children", node.children},
             {"in", included},
             {"run", n < table.node_weights.size() ? table.node_weights[n] : node.weight},
             {"def", included ? node.weight : 0.0},
             {"ent", entropy.weights.empty() ? 0.0 : entropy.weights[n]},
             {"cri", critic.weights.empty() ? 0.0 : critic.weights[n]}});
  }
  return Json{{"fw", fw.id},
              {"title", fw.title},
              {"model", std::string(model_name(table.model))},
              {"pc", table.partial_credit},
              {"leaves", fw.leaves},
              {"nodes", nodes},
              {"units", unit_rows(v, t, fw)},
              {"entErr", entropy.error},
              {"criErr", critic.error},
              {"head", profile_head(v, t, fw)}};
}

// JSON inside <script>: '<' only occurs in strings, where \u003c means the same; so no
// "</script>" or "<!--" from a report or rule title can end the block.
std::string script_safe(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

}  // namespace

bool explorer_supported(const ScoreTable& table) {
  return table.model == ScoringModel::kHierarchical || table.model == ScoringModel::kFlat;
}

void explorer_section(const View& v, int t, std::string& out) {
  const Framework* fw = v.framework(t);
  const ScoreTable& table = v.eval.tables[t];
  if (fw == nullptr || fw->nodes.empty() || table.units.empty()) return;
  const std::string id = html_escape(fw->id);
  out += fmt::format("<h3 id=\"wx-{}\">权重试算</h3>\n", id);
  if (!explorer_supported(table)) {
    out += fmt::format(
        "<p class=\"note\">本次运行的计分模型为 {}，该模型不使用权重，无法试算。"
        "</p>\n",
        html_escape(model_name(table.model)));
    return;
  }
  out += fmt::format(
      "<section class=\"wx\" data-fw=\"{0}\">\n"
      "<p class=\"note noprint\">拖动滑块或输入数值调整领域权重（权重为同级之间的相对值，"
      "“占比”为归一化后的份额），下方排名与热力图随即按 {1} 模型重新计算；▲/▼ 为相对本次运行"
      "权重的名次变化。点击“导出权重方案”下载配置文件，用 "
      "<code>indicheck evaluate --profile 文件名 --model {1}</code> 可得到相同结果。</p>\n"
      "<div class=\"wx-buttons noprint\">"
      "<button type=\"button\" data-preset=\"run\">本次运行的权重</button>"
      "<button type=\"button\" data-preset=\"def\">规则包默认权重</button>"
      "<button type=\"button\" data-preset=\"equal\">等权</button>"
      "<button type=\"button\" data-preset=\"ent\">熵权法</button>"
      "<button type=\"button\" data-preset=\"cri\">CRITIC 法</button>"
      "<button type=\"button\" class=\"wx-export\">导出权重方案</button></div>\n"
      "<p class=\"wx-status\"></p>\n"
      "<table class=\"wx-weights\"><thead><tr><th>领域</th><th>名称</th>"
      "<th>试算权重</th><th class=\"num\">占比</th><th class=\"num\">本次运行</th></tr></thead>"
      "<tbody></tbody></table>\n"
      "<table class=\"wx-rank\"><thead><tr><th class=\"num\">试算排名</th><th>变化</th>"
      "<th>单位</th><th class=\"num\">年度</th><th class=\"num\">试算得分</th>"
      "<th class=\"num\">本次得分</th></tr></thead><tbody></tbody></table>\n"
      "<script type=\"application/json\" class=\"wx-data\">{2}</script>\n</section>\n",
      id, html_escape(model_name(table.model)),
      script_safe(explorer_data(v, t, *fw).dump(-1, ' ', false, Json::error_handler_t::replace)));
}

std::string_view explorer_css() {
  return kExplorerCss;
}

std::string_view explorer_js() {
  return kExplorerJs;
}

}  // namespace indicheck::reports_detail
