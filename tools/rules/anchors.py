#!/usr/bin/env python3
"""Which leaves could be found with long terms alone (issue 16's first lever, measured).

The full-text Vectorscan pass reports every match of every term; two-character terms (制度,
执法, 监督 …) make most of them. The lever: compile only "anchors" into the pass and look for
the short terms only inside the windows an anchor hit. That keeps every output only for a leaf
whose condition cannot be satisfied without an anchor. This script reads the shipped packs and
says, per leaf, whether it is anchored at a given length (a term of at least N characters, or a
regex), and which short terms the unanchored leaves would keep in the full pass.

  python3 tools/rules/anchors.py [--min-chars 3] [--corpus DIR] [rules/]

With --corpus, also counts (Python str.count, NFKC text, up to 300 files) how many matches of
all terms the short ones make and how many of those would leave the full-text pass.
"""
import argparse
import os
import pathlib
import random
import unicodedata
import re
import sys

import yaml


def tokens(text):
    return re.findall(r"\(|\)|,|[A-Za-z0-9_.\-]+", text)


class Parser:
    """condition := or; or := and ('or' and)*; and := unary ('and' unary)*;
    unary := 'not' unary | '(' or ')' | N 'of' '(' name (',' name)* ')' | name"""

    def __init__(self, text):
        self.t = tokens(text)
        self.i = 0

    def peek(self):
        return self.t[self.i] if self.i < len(self.t) else None

    def take(self, want=None):
        tok = self.peek()
        if want is not None and tok != want:
            raise ValueError(f"expected {want!r}, got {tok!r}")
        self.i += 1
        return tok

    def parse(self):
        node = self.or_()
        if self.peek() is not None:
            raise ValueError(f"trailing {self.peek()!r}")
        return node

    def or_(self):
        node = self.and_()
        while self.peek() == "or":
            self.take()
            node = ("or", node, self.and_())
        return node

    def and_(self):
        node = self.unary()
        while self.peek() == "and":
            self.take()
            node = ("and", node, self.unary())
        return node

    def unary(self):
        tok = self.peek()
        if tok == "not":
            self.take()
            return ("not", self.unary())
        if tok == "(":
            self.take()
            node = self.or_()
            self.take(")")
            return node
        if tok is not None and tok.isdigit() and self.t[self.i + 1:self.i + 2] == ["of"]:
            n = int(self.take())
            self.take("of")
            self.take("(")
            names = [self.take()]
            while self.peek() == ",":
                self.take()
                names.append(self.take())
            self.take(")")
            return ("of", n, names)
        return ("name", self.take())


def satisfiable(node, avail):
    """Can the condition hold when only the selections in `avail` may be present (the others
    absent)? A `not` holds by leaving its selection absent."""
    kind = node[0]
    if kind == "name":
        return node[1] in avail
    if kind == "not":
        return True  # leave what it names absent (a window still needs a positive hit)
    if kind == "and":
        return satisfiable(node[1], avail) and satisfiable(node[2], avail)
    if kind == "or":
        return satisfiable(node[1], avail) or satisfiable(node[2], avail)
    if kind == "of":
        return sum(1 for n in node[2] if n in avail) >= node[1]
    raise ValueError(kind)


def leaves(path):
    for f in sorted(pathlib.Path(path).rglob("*.yaml")):
        doc = yaml.safe_load(open(f, encoding="utf-8")) or {}
        stack = list(doc.get("nodes") or [])
        while stack:
            node = stack.pop()
            stack.extend(node.get("children") or [])
            if node.get("check"):
                yield f, node


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rules", nargs="?", default="rules")
    ap.add_argument("--min-chars", type=int, default=3)
    ap.add_argument("--corpus", help="a folder of .txt reports to count matches in")
    args = ap.parse_args()
    total = anchored = 0
    kept_short = {}
    for f, node in leaves(args.rules):
        check = node["check"]
        terms = check.get("terms") or {}
        regex = check.get("regex") or {}
        selections = {**{k: ([v] if isinstance(v, str) else v) for k, v in terms.items()},
                      **{k: None for k in regex}}
        condition = check.get("condition") or " or ".join(selections)
        # A selection is available without anchors when one of its terms is short.
        short = {k: [t for t in v if len(t) < args.min_chars]
                 for k, v in selections.items() if v is not None}
        avail = {k for k, v in short.items() if v}
        total += 1
        if satisfiable(Parser(str(condition)).parse(), avail):
            for k in avail:
                for t in short[k]:
                    kept_short.setdefault(t, []).append(str(node["id"]))
            print(f"unanchored {node['id']:>8}  {condition}  (short: "
                  f"{', '.join(t for k in sorted(avail) for t in short[k])})", file=sys.stderr)
        else:
            anchored += 1
    all_short = set()
    all_terms = set()
    for f, node in leaves(args.rules):
        for v in (node["check"].get("terms") or {}).values():
            for t in ([v] if isinstance(v, str) else v):
                all_terms.add(t)
                if len(t) < args.min_chars:
                    all_short.add(t)
    print(f"{total} leaves: {anchored} anchored by a term of >= {args.min_chars} characters or a "
          f"regex, {total - anchored} not")
    print(f"short terms (< {args.min_chars} characters): {len(all_short)}; of them "
          f"{len(kept_short)} would stay in the full-text pass for the unanchored leaves")
    if args.corpus:
        files = [os.path.join(d, f) for d, _, fs in os.walk(args.corpus) for f in fs
                 if f.endswith(".txt")]
        random.seed(1)
        files = random.sample(files, min(300, len(files)))
        counts = dict.fromkeys(all_terms, 0)
        for path in files:
            try:
                text = unicodedata.normalize("NFKC", open(path, encoding="utf-8").read())
            except UnicodeDecodeError:
                continue
            for t in all_terms:
                counts[t] += text.count(t)
        every = sum(counts.values())
        short_n = sum(counts[t] for t in all_short)
        kept_n = sum(counts[t] for t in kept_short)
        print(f"matches in {len(files)} files of {args.corpus}: {every}; short terms {short_n} "
              f"({short_n / max(1, every):.0%}); short terms that would stay {kept_n} "
              f"({kept_n / max(1, every):.0%}); the pass would report "
              f"{(every - short_n + kept_n) / max(1, every):.0%} of today's matches")


if __name__ == "__main__":
    main()
