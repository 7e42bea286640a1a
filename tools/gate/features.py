"""Features of the evidence gate, exactly as engine/gate/src/features.cpp computes them.

A sentence (normalized text, as the engine matches it) becomes a set of feature indices:
  - character 1-, 2- and 3-grams (code points, spaces removed), each hashed with 32-bit FNV-1a
    over its UTF-8 bytes into one of HASH_BUCKETS buckets;
  - DENSE binary cues at HASH_BUCKETS + k (numbers, issuing verbs before 《》, completed-action
    verbs, intention and slogan cues, heading shape, other actors, shortcoming words, length).
Any change here must be made in features.cpp too; tests/gate checks both agree on fixtures.
"""

HASH_BITS = 18
HASH_BUCKETS = 1 << HASH_BITS

ISSUING = ["印发", "出台", "制定", "修订", "编制", "发布", "起草", "制发", "修改", "颁布"]
COMPLETED = ["完成", "召开", "举办", "组织", "开展了", "印发", "出台", "制定", "建立", "成立", "办理",
             "受理", "审结", "查处", "办结", "聘请", "培训", "考试", "评查", "发布", "上线", "建成",
             "实现", "签订", "通过", "新增", "累计", "共计", "全年", "先后", "共有", "达到"]
INTENTION = ["将", "拟", "逐步", "探索", "计划", "争取", "力争", "下一步", "继续", "持续", "要"]
SLOGAN_START = ["坚持", "落实", "积极", "切实", "全面", "深入", "不断", "进一步", "认真", "严格",
                "着力", "努力", "大力", "加强", "强化", "推进", "推动", "持续", "始终", "注重"]
OTHER_ACTOR = ["法院", "检察院", "检察机关", "省委", "中央", "国务院", "上级"]
SHORTCOMING = ["不足", "问题", "短板", "差距", "薄弱", "有待"]
SELF = ["我局", "本局", "我区", "我委", "我市", "我县", "我办", "局党组", "本单位"]
CN_DIGITS = "一二三四五六七八九十"
DENSE = ["digit", "rate", "numbers2", "issued_named", "completed", "intention", "slogan_start",
         "heading_marker", "no_terminal", "other_actor", "shortcoming", "short", "long",
         "year", "self"]


def fnv1a(data: bytes) -> int:
    h = 0x811C9DC5
    for b in data:
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def starts_with_marker(s: str) -> bool:
    if s.startswith("("):
        k = 1
        while k < len(s) and (s[k] in CN_DIGITS or s[k].isascii() and s[k].isdigit()):
            k += 1
        return k > 1 and k < len(s) and s[k] == ")"
    k = 0
    while k < len(s) and s[k] in CN_DIGITS:
        k += 1
    if k > 0:
        return k < len(s) and s[k] in "、是"
    while k < len(s) and s[k].isascii() and s[k].isdigit():
        k += 1
    return 0 < k <= 2 and k < len(s) and s[k] in "、."


def dense(s: str) -> list:
    digits = [c for c in s if c.isascii() and c.isdigit()]
    numbers = 0
    prev = False
    for c in s:
        d = c.isascii() and c.isdigit()
        if d and not prev:
            numbers += 1
        prev = d
    issued_named = False
    for v in ISSUING:
        at = s.find(v)
        while at != -1:
            if "《" in s[at + len(v): at + len(v) + 12]:
                issued_named = True
            at = s.find(v, at + 1)
    year = False
    for i in range(len(s) - 4):
        if s[i:i + 4].isdigit() and s[i:i + 4].isascii() and s[i + 4] == "年":
            year = True
    n = len(s)
    return [
        bool(digits),
        "%" in s or "率" in s,
        numbers >= 2,
        issued_named,
        any(w in s for w in COMPLETED),
        any(w in s for w in INTENTION),
        any(s.startswith(w) for w in SLOGAN_START),
        starts_with_marker(s),
        not s.endswith(("。", ";", "!", "?")),
        any(w in s for w in OTHER_ACTOR),
        any(w in s for w in SHORTCOMING),
        n < 20,
        n > 80,
        year,
        any(w in s for w in SELF),
    ]


def features(sentence: str) -> list:
    """Sorted unique feature indices of a normalized sentence."""
    s = sentence.replace(" ", "").replace("\n", "")
    out = set()
    for n in (1, 2, 3):
        for i in range(len(s) - n + 1):
            out.add(fnv1a(s[i:i + n].encode("utf-8")) & (HASH_BUCKETS - 1))
    for k, on in enumerate(dense(s)):
        if on:
            out.add(HASH_BUCKETS + k)
    return sorted(out)


DIM = HASH_BUCKETS + len(DENSE)
