// CSS and page code of the weight explorer (explorer.cpp). No library, no network: the page
// works from a file:// URL. The scoring below mirrors scoring/src/tree_scorer.cpp (hierarchical:
// children's weight-average over the scored ones, bottom-up; "nothing scored" where the weight
// below is 0), score.cpp model_scores (flat: Σ global leaf weight × credit, capped at its
// maximum) and rank.cpp rank_descending (competition ranks, ties within 1e-9); keep them in step.
#pragma once

#include <string_view>

namespace indicheck::reports_detail {

inline constexpr std::string_view kExplorerCss = R"css(
.wx-buttons button{margin:0 6px 6px 0;padding:3px 10px;font:inherit;cursor:pointer}
.wx input[type=range]{width:240px;vertical-align:middle}
.wx input[type=number]{width:86px;font:inherit}
.wx input.bad{outline:2px solid #cf222e}
.wx-print{display:none}
.wx-status{background:var(--head);padding:4px 10px;border-left:3px solid #54aeff}
.wx-status.warn{border-left-color:#cf222e;color:#82071e}
.wx .up{color:#116329;font-weight:600}.wx .down{color:#82071e;font-weight:600}
.wx tr.changed>td:nth-child(3){background:#fff8c5}
.wx table.wx-sub{margin:4px 0 4px 16px}
.wx details summary{cursor:pointer;color:#0969da}
@media print{.wx input,.wx tr.wx-subrow,.wx-buttons{display:none}.wx-print{display:inline}}
)css";

inline constexpr std::string_view kExplorerJs = R"js(
(function () {
  'use strict';
  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c];
    });
  }
  function heat(s) {
    if (s < 0 || !isFinite(s)) return '#eaeef2';
    s = Math.min(100, Math.max(0, s));
    return 'hsl(' + Math.round(s * 1.2) + ',75%,' + Math.round(82 - s * 0.1) + '%)';
  }
  function short(x) { return String(Number(x.toPrecision(4))); }
  var PRESET = {run: '本次运行的权重', def: '规则包默认权重', equal: '等权',
                ent: '熵权法（按本次运行的数据计算）', cri: 'CRITIC 法（按本次运行的数据计算）'};

  function Explorer(section) {
    var d = JSON.parse(section.querySelector('.wx-data').textContent);
    var nodes = d.nodes, n = nodes.length, self = this;
    this.section = section; this.d = d; this.nodes = nodes;
    this.order = [0];  // breadth-first: children after parents
    for (var h = 0; h < this.order.length; ++h)
      nodes[this.order[h]].children.forEach(function (c) { self.order.push(c); });
    this.isLeaf = new Array(n).fill(false);
    d.leaves.forEach(function (node) { self.isLeaf[node] = true; });
    this.w = nodes.map(function (x) { return x.run; });
    this.preset = 'run';
    this.inputs = {};  // node → [range, number, print span, share cell, row]
    this.areas = nodes[0].children;
    this.buildWeights();
    this.buildHead();
    section.querySelectorAll('button[data-preset]').forEach(function (b) {
      var p = b.getAttribute('data-preset');
      var err = p === 'ent' ? d.entErr : p === 'cri' ? d.criErr : '';
      if (err) { b.disabled = true; b.title = err; }
      b.addEventListener('click', function () { self.apply(p); });
    });
    section.querySelector('.wx-export').addEventListener('click', function () { self.exportYaml(); });
    this.update();
  }

  // Slider range per sibling group: twice the largest weight the run or the pack gives.
  Explorer.prototype.rangeMax = function (parent) {
    var m = 0, nodes = this.nodes;
    nodes[parent].children.forEach(function (c) { m = Math.max(m, nodes[c].run, nodes[c].def); });
    var top = Math.max(1, 2 * m), p = Math.pow(10, Math.floor(Math.log10(top)));
    return Math.ceil(top / p) * p;
  };

  Explorer.prototype.row = function (node, max) {
    var x = this.nodes[node], self = this, tr = document.createElement('tr');
    tr.innerHTML = '<td>' + esc(x.id) + '</td><td>' + esc(x.title) + '</td><td></td>' +
        '<td class="num"></td><td class="num">' + short(x.run) + '</td>';
    if (!x.in) { tr.cells[2].textContent = '已剔除'; return tr; }
    var range = document.createElement('input'), num = document.createElement('input');
    var span = document.createElement('span');
    range.type = 'range'; range.min = '0'; range.max = String(max);
    range.step = max >= 10 ? '0.1' : max >= 1 ? '0.01' : '0.001';
    range.setAttribute('aria-label', x.id + ' ' + x.title + ' 权重');
    range.setAttribute('data-node', x.id);
    num.type = 'number'; num.min = '0'; num.step = 'any';
    num.setAttribute('aria-label', x.id + ' ' + x.title + ' 权重数值');
    num.setAttribute('data-node', x.id);
    span.className = 'wx-print';
    tr.cells[2].appendChild(range); tr.cells[2].appendChild(document.createTextNode(' '));
    tr.cells[2].appendChild(num); tr.cells[2].appendChild(span);
    range.addEventListener('input', function () {
      self.set(node, parseFloat(range.value)); num.value = short(self.w[node]);
    });
    num.addEventListener('input', function () {
      var v = Number(num.value);
      if (num.value.trim() === '' || !isFinite(v) || v < 0) { num.classList.add('bad'); return; }
      num.classList.remove('bad');
      if (v > parseFloat(range.max)) range.max = String(v);
      range.value = String(v);
      self.set(node, v);
    });
    this.inputs[node] = {range: range, num: num, span: span, share: tr.cells[3], row: tr};
    return tr;
  };

  Explorer.prototype.buildWeights = function () {
    var body = this.section.querySelector('.wx-weights tbody'), self = this, nodes = this.nodes;
    var areaMax = this.rangeMax(0);
    this.areas.forEach(function (a) {
      body.appendChild(self.row(a, areaMax));
      var kids = nodes[a].children.filter(function (c) { return nodes[c].in; });
      if (!nodes[a].in || kids.length < 2) return;
      var tr = document.createElement('tr'), td = document.createElement('td');
      tr.className = 'wx-subrow';
      td.colSpan = 5;
      td.innerHTML = '<details><summary>调整“' + esc(nodes[a].id + ' ' + nodes[a].title) +
          '”下属 ' + kids.length + ' 项的权重</summary><table class="wx-sub"><tbody></tbody>' +
          '</table></details>';
      var sub = td.querySelector('tbody'), subMax = self.rangeMax(a);
      nodes[a].children.forEach(function (c) { sub.appendChild(self.row(c, subMax)); });
      tr.appendChild(td); body.appendChild(tr);
    });
  };

  Explorer.prototype.buildHead = function () {
    var head = this.section.querySelector('.wx-rank thead tr'), nodes = this.nodes;
    this.areas.forEach(function (a) {
      var th = document.createElement('th');
      th.className = 'num'; th.title = nodes[a].title; th.textContent = nodes[a].id;
      head.appendChild(th);
    });
  };

  Explorer.prototype.set = function (node, v) {
    this.w[node] = v; this.preset = 'custom'; this.update();
  };

  // Presets: the run's and the pack's weights as they are; equal, entropy and CRITIC scaled so
  // each sibling group keeps the run's total (only ratios count, so no score changes by it) and
  // the sliders stay in range.
  Explorer.prototype.apply = function (p) {
    var nodes = this.nodes, w = this.w;
    if (p === 'run' || p === 'def') {
      for (var i = 0; i < nodes.length; ++i) w[i] = nodes[i][p];
    } else {
      nodes.forEach(function (x) {
        var kids = x.children, total = 0, sum = 0, count = 0;
        kids.forEach(function (c) {
          if (!nodes[c].in) return;
          total += nodes[c].run; sum += p === 'equal' ? 1 : nodes[c][p]; ++count;
        });
        if (!(total > 0)) total = count;
        kids.forEach(function (c) {
          var v = p === 'equal' ? 1 : nodes[c][p];
          w[c] = nodes[c].in && sum > 0 ? v * total / sum : 0;
        });
      });
    }
    this.preset = p;
    this.update();
  };

  // Node scores in [0, 1] and scored flags for one unit; see tree_scorer.h.
  Explorer.prototype.scoreUnit = function (states, S, Q) {
    var d = this.d, nodes = this.nodes, w = this.w, order = this.order;
    for (var i = 0; i < nodes.length; ++i) { S[i] = 0; Q[i] = 0; }
    d.leaves.forEach(function (node, l) {
      var c = l < states.length ? states.charAt(l) : 'z';
      if (c === '-') return;
      Q[node] = 1; S[node] = c === 'm' ? 1 : c === 'p' ? d.pc : 0;
    });
    for (var k = order.length - 1; k >= 0; --k) {
      var node = order[k], kids = nodes[node].children;
      if (this.isLeaf[node] || kids.length === 0) continue;
      var num = 0, den = 0;
      for (var j = 0; j < kids.length; ++j) { num += S[kids[j]] * w[kids[j]]; den += Q[kids[j]] * w[kids[j]]; }
      if (den > 0) { S[node] = num / den; Q[node] = 1; } else { S[node] = 0; Q[node] = 0; }
    }
  };

  Explorer.prototype.globalLeafWeights = function () {
    var nodes = this.nodes, w = this.w, g = new Array(nodes.length).fill(0);
    g[0] = 1;
    this.order.forEach(function (node) {
      var kids = nodes[node].children, sum = 0;
      kids.forEach(function (c) { sum += w[c]; });
      kids.forEach(function (c) { g[c] = sum > 0 ? g[node] * w[c] / sum : 0; });
    });
    return g;
  };

  Explorer.prototype.compute = function () {
    var d = this.d, n = this.nodes.length, self = this;
    var S = new Float64Array(n), Q = new Float64Array(n);
    var g = d.model === 'flat' ? this.globalLeafWeights() : null;
    var rows = d.units.map(function (u, i) {
      self.scoreUnit(u.states, S, Q);
      var score;
      if (g) {
        var sum = 0, max = 0;
        d.leaves.forEach(function (node, l) {
          var c = l < u.states.length ? u.states.charAt(l) : 'z';
          if (c === '-') return;
          sum += (c === 'm' ? 1 : c === 'p' ? d.pc : 0) * g[node]; max += g[node];
        });
        score = Math.max(0, Math.min(100 * sum, 100 * max));
      } else {
        score = Math.max(0, Math.min(100, 100 * S[0]));
      }
      var areas = self.areas.map(function (a) {
        return Q[a] > 0 ? Math.min(100, Math.max(0, 100 * S[a])) : -1;
      });
      return {i: i, u: u, score: score, areas: areas};
    });
    // rank_descending: stable sort by score, ties within 1e-9 share the previous rank.
    var byScore = rows.slice().sort(function (a, b) { return b.score - a.score || a.i - b.i; });
    byScore.forEach(function (r, k) {
      var prev = byScore[k - 1];
      r.rank = k > 0 && Math.abs(prev.score - r.score) <= 1e-9 ? prev.rank : k + 1;
    });
    return rows.sort(function (a, b) { return a.rank - b.rank || a.u.order - b.u.order; });
  };

  // Weighted nodes whose included children all weigh 0: evaluate refuses such a profile
  // (error[zero-weights]), so the page says so and does not export it.
  Explorer.prototype.zeroWeights = function () {
    var nodes = this.nodes, w = this.w, bad = [];
    nodes.forEach(function (x, i) {
      if (!x.in || x.children.length === 0 || (i > 0 && !(w[i] > 0))) return;
      var sum = 0, any = false;
      x.children.forEach(function (c) { if (nodes[c].in) { any = true; sum += w[c]; } });
      if (any && !(sum > 0)) bad.push(i === 0 ? '全部领域' : x.id + ' ' + x.title);
    });
    return bad;
  };

  Explorer.prototype.update = function () {
    var nodes = this.nodes, w = this.w, self = this, changed = [];
    Object.keys(this.inputs).forEach(function (key) {
      var node = Number(key), c = self.inputs[key], sum = 0;
      nodes[nodes[node].parent].children.forEach(function (s) { sum += w[s]; });
      if (document.activeElement !== c.num) { c.num.value = short(w[node]); c.num.classList.remove('bad'); }
      if (document.activeElement !== c.range) c.range.value = String(w[node]);
      if (w[node] > parseFloat(c.range.max)) c.range.max = String(w[node]);
      c.span.textContent = short(w[node]);
      c.share.textContent = sum > 0 ? (100 * w[node] / sum).toFixed(1) + '%' : '—';
      var diff = Math.abs(w[node] - nodes[node].run) > 1e-12 * Math.max(1, nodes[node].run);
      c.row.classList.toggle('changed', diff);
      if (diff) changed.push(nodes[node].id + '：' + short(nodes[node].run) + ' → ' + short(w[node]));
    });
    var status = this.section.querySelector('.wx-status'), bad = this.zeroWeights();
    var text = '当前权重：' + (PRESET[this.preset] || '自定义') + '；相对本次运行改动 ' +
        changed.length + ' 处' + (changed.length ? '（' + changed.slice(0, 8).join('，') +
        (changed.length > 8 ? '，…' : '') + '）' : '') + '。';
    if (bad.length) text += ' 下列节点的下级权重全为 0，无法计分，也不能导出：' + bad.join('、') + '。';
    status.textContent = text;
    status.classList.toggle('warn', bad.length > 0);
    this.renderRanking(this.compute());
  };

  Explorer.prototype.renderRanking = function (rows) {
    var html = [];
    rows.forEach(function (r) {
      var diff = r.u.rank - r.rank;
      var move = diff > 0 ? '<span class="up">▲' + diff + '</span>'
               : diff < 0 ? '<span class="down">▼' + (-diff) + '</span>' : '—';
      var name = r.u.gap ? '<a href="' + esc(r.u.gap) + '">' + esc(r.u.name) + '</a>' : esc(r.u.name);
      var cells = '<tr data-rank="' + r.rank + '" data-score="' + r.score.toFixed(6) + '">' +
          '<td class="num">' + r.rank + '</td><td>' + move + '</td><td>' + name + '</td>' +
          '<td class="num">' + (r.u.year > 0 ? r.u.year : '') + '</td>' +
          '<td class="num">' + r.score.toFixed(2) + '</td><td class="num">' + r.u.score.toFixed(2) + '</td>';
      r.areas.forEach(function (s) {
        cells += '<td class="num" style="background:' + heat(s) + '">' + (s < 0 ? '—' : s.toFixed(1)) + '</td>';
      });
      html.push(cells + '</tr>');
    });
    this.section.querySelector('.wx-rank tbody').innerHTML = html.join('');
  };

  Explorer.prototype.yaml = function () {
    var nodes = this.nodes, w = this.w, block = '  weights:\n';
    for (var i = 1; i < nodes.length; ++i)
      if (nodes[i].in) block += '    ' + JSON.stringify(nodes[i].id) + ': ' + String(w[i]) + '\n';
    return '# 试算权重：' + (PRESET[this.preset] || '自定义') + '\n' +
        this.d.head.replace('  weights: {}\n', block);
  };

  Explorer.prototype.exportYaml = function () {
    var bad = this.zeroWeights();
    if (bad.length) { this.update(); return; }
    var blob = new Blob([this.yaml()], {type: 'application/x-yaml'});
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = '权重方案-' + this.d.fw + '.yaml';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  };

  document.querySelectorAll('section.wx').forEach(function (s) { s.explorer = new Explorer(s); });
})();
)js";

}  // namespace indicheck::reports_detail
