// Small frameworks and evidence built in code, so scoring tests need no rule files.
#pragma once

#include <string>
#include <vector>

#include "indicheck/scoring.h"

namespace indicheck::test {

struct NodeSpec {
  std::string id;
  std::string parent;  // "" = child of the root
  double weight = 1;
  bool required = false;
  std::vector<std::string> levels = {};
};

// Nodes must be listed in pre-order (parents before children, subtrees contiguous).
inline Framework make_framework(const std::string& id, const std::vector<NodeSpec>& specs) {
  Framework fw;
  fw.id = id;
  fw.location = SourceLocation{"rules/" + id + "/framework.yaml", 1, 1};
  RuleNode root;
  root.id = id;
  fw.nodes.push_back(root);
  for (const auto& s : specs) {
    RuleNode n;
    n.id = s.id;
    n.title = "title " + s.id;
    n.weight = s.weight;
    n.required = s.required;
    n.levels = s.levels;
    n.parent = 0;
    for (std::size_t i = 0; i < fw.nodes.size(); ++i)
      if (fw.nodes[i].id == s.parent) n.parent = static_cast<int>(i);
    const int index = static_cast<int>(fw.nodes.size());
    fw.nodes.push_back(n);
    fw.nodes[static_cast<std::size_t>(n.parent)].children.push_back(index);
  }
  for (std::size_t i = 0; i < fw.nodes.size(); ++i)
    if (fw.nodes[i].is_leaf()) fw.leaves.push_back(static_cast<int>(i));
  return fw;
}

inline DocumentEvidence make_evidence(const Framework& fw, const std::vector<ItemState>& states) {
  DocumentEvidence ev;
  ev.framework_id = fw.id;
  for (std::size_t l = 0; l < fw.leaves.size(); ++l) {
    ItemEvidence item;
    item.node = fw.leaves[l];
    item.state = l < states.size() ? states[l] : ItemState::kMissing;
    ev.items.push_back(item);
  }
  return ev;
}

// Owns evidence so UnitEvidence pointers stay valid.
struct Corpus {
  std::vector<DocumentEvidence> evidence;
  std::vector<UnitKey> keys;
  void add(const Framework& fw, UnitKey key, const std::vector<ItemState>& states) {
    evidence.push_back(make_evidence(fw, states));
    keys.push_back(std::move(key));
  }
  std::vector<UnitEvidence> units() const {
    std::vector<UnitEvidence> out;
    for (std::size_t i = 0; i < keys.size(); ++i)
      out.push_back(UnitEvidence{keys[i], &evidence[i]});
    return out;
  }
};

inline UnitKey unit(std::string name, std::string level = "district", int year = 2021,
                    std::string province = "江苏省") {
  UnitKey k;
  k.unit = std::move(name);
  k.level = std::move(level);
  k.year = year;
  k.province = std::move(province);
  k.path = "corpus/" + k.unit + ".txt";
  return k;
}

}  // namespace indicheck::test
