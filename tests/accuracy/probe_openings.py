#!/usr/bin/env python3
"""Unit and year on the openings of report pages from other sites (tests/devcorpus/probe).

tests/devcorpus/probe/openings.tsv lists 1,155 real 法治政府建设 report pages of government sites
across China (not the two archives of the development corpus) with the unit, level and year
their opening states, labelled from the opening alone (names in Simplified characters, as the engine gives them). The openings themselves (the first ~2,000
bytes of each page, as the project's search look-ups return them) are third-party text and are
not stored here: save each as DIR/<id>.txt to rerun

    python3 tests/accuracy/probe_openings.py --bin build/cli/indicheck --texts DIR

A label of "?" means the opening does not name it (the engine should not invent one). Names
compare without 人民政府 / 管委会 / 办事处, when one ends with the other (草滩街道 and
草滩街道办事处, 涪陵高新区 and 涪陵高新区管委会), and a department's common short form as its
official name (市场监管局 and 市场监督管理局: the engine gives the official name, labels follow
the opening).
"""
import argparse
import csv
import json
import pathlib
import subprocess
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parents[2]


# Common short forms of department names and the official names they stand for (the engine
# gives the official name; labels follow the opening, which may write either).
SHORT_FORMS = [("市场监管局", "市场监督管理局"), ("卫健委", "卫生健康委员会"), ("卫生健康委", "卫生健康委员会"),
               ("卫健局", "卫生健康局"), ("科技局", "科学技术局"), ("人社局", "人力资源和社会保障局"),
               ("人力社保局", "人力资源和社会保障局"), ("住建局", "住房和城乡建设局"),
               ("发改委", "发展和改革委员会"), ("发改局", "发展和改革局"), ("工信局", "工业和信息化局"),
               ("医保局", "医疗保障局"), ("应急局", "应急管理局"), ("退役军人局", "退役军人事务局"),
               ("林草局", "林业和草原局"), ("文旅局", "文化和旅游局"), ("国资委", "国有资产监督管理委员会"),
               ("商务委", "商务委员会"), ("政府办公室", "人民政府办公室"), ("政府办公厅", "人民政府办公厅")]


def norm(unit):
    u = unicodedata.normalize("NFKC", unit or "").replace(" ", "")
    for short, official in SHORT_FORMS:
        if u.endswith(short) and len(u) > len(short) and not (
                short.startswith("政府") and u[: -len(short)].endswith("人民")):
            u = u[: -len(short)] + official
            break
    for suffix in ("人民政府", "管理委员会", "管委会", "办事处"):
        if u.endswith(suffix) and len(u) > len(suffix) + 1:
            u = u[: -len(suffix)]
    # 密云区政府 is 密云区人民政府 by its short name.
    if u.endswith("政府") and len(u) > 4 and u[-3] in "区县市旗州":
        u = u[:-2]
    return u


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "build" / "cli" / "indicheck"))
    ap.add_argument("--texts", required=True, help="folder holding <id>.txt for each row")
    args = ap.parse_args()
    rows = list(csv.DictReader(open(ROOT / "tests/devcorpus/probe/openings.tsv", encoding="utf-8"),
                               delimiter="\t"))
    texts = pathlib.Path(args.texts)
    rows = [r for r in rows if (texts / f"{r['id']}.txt").exists()]
    if not rows:
        print(f"no opening saved in {texts}")
        return 1
    parsed = json.loads(subprocess.run(
        [args.bin, "parse", "--json", *[str(texts / f"{r['id']}.txt") for r in rows]],
        check=True, capture_output=True, text=True).stdout)
    by_id = {pathlib.Path(d["path"]).stem: d["metadata"] for d in parsed}
    units = years = 0
    for r in rows:
        m = by_id[r["id"]]
        unit = m["unit"]["value"] if m["unit"] else None
        year = m["year"]
        want, got = norm(r["unit"]), norm(unit)
        unit_ok = (r["unit"] == "?" and not unit) or bool(
            got and (got == want or want.endswith(got) or got.endswith(want)))
        year_ok = (r["year"] == "?" and not year) or str(year) == r["year"]
        units += unit_ok
        years += year_ok
        flags = ("" if unit_ok else "  UNIT") + ("" if year_ok else "  YEAR")
        print(f"{r['id']:6} {r['level']:10} label {r['unit']} {r['year']:5} engine {unit} {year}{flags}")
    print(f"openings: {len(rows)}  unit {units}/{len(rows)}  year {years}/{len(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
