#!/usr/bin/env python3
"""Agreement of the two labellers (labels/<name>.a.yaml vs .b.yaml) per field, and the list of
disagreements to adjudicate. Usage: python3 tests/devcorpus/agreement.py [--list]

Sections: raw agreement over all 32 calls per report and Cohen's kappa on evidenced/not.
Parts: the two labellers agree when their start lines are within 2 lines (a heading and its
first sentence). Unit, level, year: exact.
"""
import pathlib
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
SECTIONS = ["2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3",
            "5.4", "6.1", "6.2", "6.3", "7.1", "7.2", "7.3", "7.4", "8.1", "8.2", "8.3", "8.4",
            "8.5", "9.1", "9.2", "9.3", "10.1", "10.2", "10.3", "10.4"]


def load(p):
    return yaml.safe_load(open(p, encoding="utf-8"))


def main():
    listing = "--list" in sys.argv
    names = sorted(p.name[:-7] for p in (HERE / "labels").glob("*.a.yaml")
                   if (HERE / "labels" / (p.name[:-7] + ".b.yaml")).exists())
    agree = total = both_yes = a_yes = b_yes = 0
    meta_agree = {"unit": 0, "level": 0, "year": 0}
    part_agree = {"shortcomings": 0, "plans": 0}
    for n in names:
        a, b = load(HERE / "labels" / f"{n}.a.yaml"), load(HERE / "labels" / f"{n}.b.yaml")
        diffs = []
        for s in SECTIONS:
            x, y = a["sections"][s]["evidenced"], b["sections"][s]["evidenced"]
            total += 1
            agree += x == y
            both_yes += x and y
            a_yes += x
            b_yes += y
            if x != y:
                diffs.append(f"{s}:{'a' if x else 'b'}")
        for k in meta_agree:
            same = a["metadata"][k] == b["metadata"][k]
            meta_agree[k] += same
            if not same:
                diffs.append(f"{k}: {a['metadata'][k]} / {b['metadata'][k]}")
        for k in part_agree:
            pa, pb = a["report_structure"][k], b["report_structure"][k]
            same = pa["present"] == pb["present"] and (
                not pa["present"] or abs(pa["line"] - pb["line"]) <= 2)
            part_agree[k] += same
            if not same:
                diffs.append(f"{k}: {pa.get('line') if pa['present'] else '-'} / "
                             f"{pb.get('line') if pb['present'] else '-'}")
        if listing:
            print(f"{n}: {', '.join(diffs) or 'no disagreement'}")
    if not names:
        print("no doubly labelled report")
        return 0
    po = agree / total
    pa, pb = a_yes / total, b_yes / total
    pe = pa * pb + (1 - pa) * (1 - pb)
    kappa = (po - pe) / (1 - pe) if pe < 1 else 1.0
    print(f"reports: {len(names)}")
    print(f"sections: agreement {po:.3f} ({agree}/{total}), Cohen's kappa {kappa:.3f}, "
          f"evidenced by a {a_yes}, by b {b_yes}, by both {both_yes}")
    for k, v in meta_agree.items():
        print(f"{k}: {v}/{len(names)}")
    for k, v in part_agree.items():
        print(f"{k} start (±2 lines): {v}/{len(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
