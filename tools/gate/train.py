#!/usr/bin/env python3
"""Trains the evidence gate from the labelled sentences of tests/devcorpus (dev part only).

Reads tests/devcorpus/sentences/<name>.jsonl (sentences as the engine splits them) and
<name>.labels.jsonl (concrete: true/false) for the reports of manifest.csv's dev part, turns
each sentence into hashed character n-grams and cues (features.py, identical to the C++ side),
and fits an L2 logistic regression (scikit-learn, liblinear, deterministic).

Prints a report-level cross-validation over the dev part (folds by unit, so a unit's yearly
reports never sit on both sides), the threshold chosen from it (the highest threshold that keeps
at least --min-recall of the concrete sentences across the folds), and the model's precision and
recall on the test part's sentences (held out: nothing is tuned on them). Writes the model to
rules/evidence-gate.json. Rerunning it reproduces the shipped file byte for byte.

Usage: /usr/bin/python3 tools/gate/train.py [--min-recall 0.95] [--out rules/evidence-gate.json]
Needs Debian's python3-sklearn and python3-numpy.
"""
import argparse
import csv
import json
import pathlib
import subprocess
import sys
import tempfile

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import features as F  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "tests" / "devcorpus"
C = 1.0


def load(part):
    rows = [r for r in csv.DictReader(open(CORPUS / "manifest.csv", encoding="utf-8")) if r["part"] == part]
    texts, labels, groups, names = [], [], [], []
    for r in rows:
        sent = CORPUS / "sentences" / f"{r['name']}.jsonl"
        lab = CORPUS / "sentences" / f"{r['name']}.labels.jsonl"
        if not (sent.exists() and lab.exists()):
            continue
        s = [json.loads(line) for line in open(sent, encoding="utf-8")]
        lbl = {o["i"]: o for o in (json.loads(line) for line in open(lab, encoding="utf-8"))}
        for o in s:
            if o["i"] not in lbl:
                continue
            texts.append(o["text"])
            labels.append(1 if lbl[o["i"]]["concrete"] else 0)
            groups.append(r["unit"])
            names.append(r["name"])
    return texts, np.array(labels), groups, names


def matrix(texts):
    rows, cols = [], []
    for i, t in enumerate(texts):
        f = F.features(t)
        rows.extend([i] * len(f))
        cols.extend(f)
    data = np.ones(len(rows), dtype=np.float64)
    return csr_matrix((data, (rows, cols)), shape=(len(texts), F.DIM))


def fit(x, y):
    model = LogisticRegression(C=C, solver="liblinear", random_state=0, max_iter=1000)
    model.fit(x, y)
    return model


def pr(y, p, threshold):
    pred = p >= threshold
    tp = int(np.sum(pred & (y == 1)))
    fp = int(np.sum(pred & (y == 0)))
    fn = int(np.sum(~pred & (y == 1)))
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return prec, rec, tp, fp, fn


def write_model(path, model, threshold, description):
    coef = model.coef_[0]
    weights = [[int(i), round(float(coef[i]), 6)] for i in np.nonzero(np.abs(coef) > 1e-6)[0]]
    out = {
        "format": "indicheck.gate/1",
        "hash_bits": F.HASH_BITS,
        "dense": F.DENSE,
        "bias": round(float(model.intercept_[0]), 6),
        "threshold": threshold,
        "description": description,
        "weights": weights,
    }
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False, separators=(",", ":"))
        fh.write("\n")
    return len(weights)


def section_counts(args, gate, held):
    """(true positives, engine evidenced, expected) over the sections of the `held` reports."""
    script = ROOT / "tests" / "accuracy" / "devcorpus.py"
    out = subprocess.run([sys.executable, str(script), "--bin", args.engine, "--part", "dev",
                          "--gate", gate, "--only", ",".join(held)],
                         capture_output=True, text=True, check=False).stdout
    line = [l for l in out.splitlines() if l.startswith("dev:")][0]
    # "... precision 0.786 (169/215)  recall 0.858 (169/197) ..."
    p = line.split("precision ")[1].split("(")[1].split(")")[0].split("/")
    r = line.split("recall ")[1].split("(")[1].split(")")[0].split("/")
    return [int(p[0]), int(p[1]), int(r[1])]


def f1(c):
    p = c[0] / c[1] if c[1] else 1.0
    r = c[0] / c[2] if c[2] else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def end_to_end_threshold(args, x, y, groups, names, fold_of):
    """Per fold: fit on the other folds, run the engine with that model on the held-out reports
    at each threshold and add up the section counts; the threshold with the best F1 wins (ties:
    the lower threshold, which keeps more evidence)."""
    thresholds = [round(float(t), 2) for t in np.arange(0.1, 0.91, 0.1)]
    counts = {t: [0, 0, 0] for t in thresholds}
    base = [0, 0, 0]
    print("end-to-end cross-validation by unit (section precision/recall of the held-out reports):")
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.folds):
            test = np.array([fold_of[g] == k for g in groups])
            held = sorted({n for n, t in zip(names, test) if t})
            model = fit(x[~test], y[~test])
            b = section_counts(args, "off", held)
            base = [a + c for a, c in zip(base, b)]
            shown = []
            for t in thresholds:
                path = f"{tmp}/gate-{k}.json"
                write_model(path, model, t, "cross-validation fold")
                c = section_counts(args, path, held)
                counts[t] = [a + d for a, d in zip(counts[t], c)]
                shown.append(f"{t:.1f} {c[0] / max(c[1], 1):.2f}/{c[0] / max(c[2], 1):.2f}")
            print(f"  fold {k + 1} ({len(held)} reports): no gate {b[0] / max(b[1], 1):.2f}/"
                  f"{b[0] / max(b[2], 1):.2f}; " + ", ".join(shown))
    print(f"  all folds, no gate:   precision {base[0] / base[1]:.3f} recall "
          f"{base[0] / base[2]:.3f} F1 {f1(base):.3f}")
    best = thresholds[0]
    for t in thresholds:
        c = counts[t]
        print(f"  all folds, gate {t:.1f}: precision {c[0] / c[1]:.3f} recall {c[0] / c[2]:.3f}"
              f" F1 {f1(c):.3f}")
        if f1(c) > f1(counts[best]) + 1e-9:
            best = t
    print(f"threshold {best:.2f} (best end-to-end F1 across the folds)")
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--min-recall", type=float, default=0.95)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", default=str(ROOT / "rules" / "evidence-gate.json"))
    ap.add_argument("--engine", default="", help="indicheck binary: choose the threshold by "
                    "report-level cross-validation of section precision/recall end to end "
                    "(tests/accuracy/devcorpus.py on each held-out fold) instead of --min-recall")
    args = ap.parse_args()

    texts, y, groups, names = load("dev")
    if len(set(y)) < 2:
        print("not enough labelled dev sentences", file=sys.stderr)
        return 2
    x = matrix(texts)
    units = sorted(set(groups))
    fold_of = {u: k % args.folds for k, u in enumerate(units)}
    oof = np.zeros(len(y))
    print(f"dev: {len(y)} sentences of {len(set(names))} reports ({len(units)} units), "
          f"{int(y.sum())} concrete")
    print("sentence-level cross-validation by unit (threshold 0.5):")
    for k in range(args.folds):
        test = np.array([fold_of[g] == k for g in groups])
        model = fit(x[~test], y[~test])
        oof[test] = model.predict_proba(x[test])[:, 1]
        p, r, *_ = pr(y[test], oof[test], 0.5)
        held = sorted({g for g, t in zip(groups, test) if t})
        print(f"  fold {k + 1}: {int(test.sum())} sentences, precision {p:.3f}, recall {r:.3f}"
              f"  [{', '.join(held)}]")
    p, r, *_ = pr(y, oof, 0.5)
    print(f"  all folds: precision {p:.3f}, recall {r:.3f}")
    if args.engine:
        threshold = end_to_end_threshold(args, x, y, groups, names, fold_of)
    else:
        threshold = 0.5
        for t in np.arange(0.05, 0.951, 0.01):
            if pr(y, oof, t)[1] >= args.min_recall:
                threshold = round(float(t), 2)
        print(f"threshold {threshold:.2f} (highest keeping sentence recall >= {args.min_recall})")
    p, r, *_ = pr(y, oof, threshold)
    print(f"  sentence-level cross-validation at {threshold:.2f}: precision {p:.3f}, recall {r:.3f}")

    model = fit(x, y)
    tt, ty, _, tn = load("test")
    if len(ty):
        p, r, *_ = pr(ty, model.predict_proba(matrix(tt))[:, 1], threshold)
        print(f"test part (held out): {len(ty)} sentences of {len(set(tn))} reports, "
              f"{int(ty.sum())} concrete: precision {p:.3f}, recall {r:.3f} at {threshold:.2f}")
    description = (f"logistic regression, C={C}, trained by tools/gate/train.py on {len(y)} "
                   f"labelled sentences of {len(set(names))} development reports "
                   f"({int(y.sum())} concrete); threshold from cross-validation")
    count = write_model(args.out, model, threshold, description)
    print(f"wrote {args.out}: {count} weights")
    return 0


if __name__ == "__main__":
    sys.exit(main())
