"""What a numeric question asks: its items, years, measure, operation, and what it says beyond them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from calculator.locate import MONEY, POSTS
from calculator.vocabulary import Entity, normalise

IC = re.IGNORECASE
# Signs of a quantity question. Alone they are not enough ("who approves the budget?"): NOT_HERE and the
# residue check keep out questions about anything but the figures.
NUMERIC = re.compile(
    r"how much|how many|amount|budget|funding|resources|\bshare\b|percent|proportion|total|"
    r"largest|smallest|biggest|highest|lowest|fewest|fewer|average|ratio|times as|how did|change|cost per|"
    r"\bcosts?\b|per[- ]post|each post|"
    r"\bmost\b|\bleast\b|rank|compare|difference|more than|less than|combined|\bsum\b|"
    r"多少|金额|数额|预算|资金|经费|占|比例|百分|总额|合计|总共|最多|最少|最大|最小|最高|最低|排名|比较|相差|差额|"
    r"加起来|平均|年均|之比|倍|变化|几个",
    IC,
)
# Questions the tables do not answer, whatever their numbers: who / why / names, grades that do not exist,
# deliverables, sections of the regular budget, things counted in the prose. They go to retrieval.
NOT_HERE = re.compile(
    r"\bwho\b|\bwhy\b|\bwhen\b|\bwhere\b|which body|name|(?<![a-z])[pdg]-\d|(?<![a-z])[ua]sg\b|"
    r"project|\bdays?\b|publication|technical material|"
    r"deliverable|cit(?:y|ies)|house|section \d|regular programme|development account|"
    r"\bsdgs?\b|sustainable development goal|"
    r"谁|为什么|何时|哪里|名字|叫什么|项目|天|出版物|技术材料|交付|城市|房屋|第\s*\d+\s*款|"
    r"经常方案|发展账户|可持续发展目标",
    IC,
)
POSTS_COUNT = re.compile(
    r"how many [\w\-/ ]{0,40}?(?:posts|positions|staff)|number of posts|posts? count|headcount|"
    r"(?:多少|几)个?[^，,。？?]{0,12}员额|员额[^，,。？?]{0,10}(?:多少个|几个|一共多少|有多少)|员额数",
    IC,
)
POST_WORD = re.compile(r"\bposts?\b|员额", IC)
MONEY_WORD = re.compile(
    r"budget|cost|money|funding|resources|allocation|spend|spent|expenditure|amount|dollars|us\$|"
    r"预算|费用|经费|资金|资源|支出|金额|钱|美元|拨款",
    IC,
)
PROSE = re.compile(r"income|charge|levy|recover|reserve|收入|收取|回收|准备金", IC)
SHARE = re.compile(r"\bshare\b|percent|proportion|what fraction|占|比例|百分", IC)
RATIO = re.compile(r"\bratio\b|times as (?:many|much)|how many times|之比|比率|多少倍|几倍", IC)
AVERAGE = re.compile(r"average|\bmean\b|平均|年均", IC)
PER_POST = re.compile(r"per[- ]post|each post|cost per|每个员额|每一个员额|每一员额", IC)
RANK_MAX = re.compile(r"largest|biggest|highest|\bmost\b|最多|最大|最高", IC)
RANK_MIN = re.compile(r"smallest|lowest|\bleast\b|fewest|最少|最小|最低", IC)
WHICH = re.compile(r"\bwhich\b|哪个|哪一|哪些|哪种|哪类|哪项", IC)
DIFFERENCE = re.compile(
    r"compare|comparison|versus|\bvs\.?\b|difference|how (?:much|many) (?:more|less|fewer|larger|smaller)|"
    r"more than|less than|fewer than|larger than|smaller than|比较|对比|相差|差额|多多少|少多少",
    IC,
)
MORE_THAN = re.compile(r"\b(?:more|less|fewer|larger|smaller)\b.*\bthan\b|比.*(?:多|少)", IC)
LESS = re.compile(r"how (?:much|many) (?:less|fewer|smaller)|少多少", IC)
CHANGE = re.compile(
    r"change[sd]?|grow(?:th|n)?|grew|increase[sd]?|decrease[sd]?|fell|fall|rose|rise|drop(?:ped)?|"
    r"变化|增长|增加|减少|下降|上升",
    IC,
)
PERCENT_CHANGE = re.compile(r"percent|%|per cent|\brate\b|百分|增长率|变化率|幅度", IC)
SUM = re.compile(
    r"combined|together|altogether|\bsum\b|in total|\bplus\b|合计|总共|加起来|一共|共有|共计|三项|两项|加", IC
)
EACH_OVER = (  # "each X": a breakdown over X
    ("component", re.compile(r"(?:each|by|per) sub-?programme|各次级方案|各个次级方案|每个次级方案", IC)),
    ("components", re.compile(r"(?:each|by) component|各组成部分|各个组成部分|每个组成部分", IC)),
    (  # "from which sources, and how much": the figure of each source
        "funding",
        re.compile(
            r"(?:each|by) (?:funding )?source|(?:which|what) (?:funding )?sources|"
            r"(?:what|which) are the (?:funding )?sources|"
            r"各资金来源|各个资金来源|每种资金来源|哪些(?:资金)?来源|(?:资金)?来源(?:分别|各)",
            IC,
        ),
    ),
)
EACH = re.compile("|".join(pattern.pattern for _, pattern in EACH_OVER) + "|分别|各(?:是|为|有)?多少", IC)
ADDED = re.compile(r"\bfill|\badd|\bnew\b|recruit|stagger|新增|增加|增设|征聘|填补|交错", IC)
# Sets a question ranges over without naming their members.
ALL_SUBPROGRAMMES = re.compile(
    r"(?:the )?four sub-?programmes|each sub-?programme|all sub-?programmes|across the sub-?programmes|"
    r"四个次级方案|各次级方案|各个次级方案|每个次级方案",
    IC,
)
RANK_OVER = (
    ("component", re.compile(r"which sub-?programme|哪个次级方案|哪一个次级方案", IC)),
    ("components", re.compile(r"which component|哪个组成部分|哪一个组成部分", IC)),
    ("funding", re.compile(r"which (?:funding )?source|哪种资金来源|哪个资金来源", IC)),
    ("object", re.compile(r"which object|哪个支出分项|哪一个支出分项|哪项支出", IC)),
    ("grade", re.compile(r"which grade|哪个职等|哪一个职等", IC)),
    ("year", re.compile(r"which year|哪一年|哪个年份", IC)),
)
EXCLUDING = re.compile(r"excluding|except|other than|不包括|除了|除", IC)
YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
YEAR_RANGE = re.compile(
    r"(?<!\d)(20\d\d)\s*年?\s*(?:至|到|-|–|to|through)\s*(20\d\d)(?!\d)|between (20\d\d) and (20\d\d)(?!\d)",
    IC,
)
NUMBER = re.compile(r"(?<![\w.-])\d[\d ,]*(?:\.\d+)?(?![\w.])")
FUNDED_BY = re.compile(r"(?:funded|financed|paid|met|covered)\s+(?:by|from)\s+(?:the\s+)?$", IC)
FUNDING_AFTER = re.compile(r"^\s*(?:资助|供资|出资)", IC)
PRONOUN = re.compile(r"\b(?:its|their|it|them)\b|其|它|他们", IC)
COORDINATION = re.compile(r"^\s*(?:and|or|plus|和|与|加|及|、|,|，)\s*(?:the\s+)?$", IC)

# Words a table question may use around the items it names; anything else left over is a qualifier the
# calculator does not model ("rent", "in Kenya", "in euros"...), so it answers nothing.
GENERIC_EN = frozenset(
    (  # noqa: SIM905 - a paragraph of words reads better than a list of strings
        "how much many what is are was were the of for to in on does do did get gets receive receives "
        "received allocated allocation budget budgets budgeted resources resource funding funded funds "
        "fund total overall money amount proposed requirements required share percentage percent "
        "proportion which has have largest smallest most least biggest highest lowest fewest compare "
        "comparison versus vs difference between and combined together sum each by per subprogramme "
        "subprogrammes sub programme programmes source sources from comes come goes go spent spend a an "
        "with will be its their all un habitat un-habitat year years under within at as that this there "
        "please tell me show give us what's whats provided provide provides planned plan cost costs "
        "expenditure it larger smaller more less fewer than average mean ratio times across four "
        "component components component's object objects grade grades category categories post posts "
        "positions number did change changed changes increase decrease grow grew growth rise fall "
        "excluding direct plus whole budget's one two three those these on "
        "had staggered recruitment filled added add new recruited propose un-habitat's habitat's big large "
        "size fraction altogether"
    ).split()
)
GENERIC_ZH = tuple(
    sorted(
        (  # noqa: SIM905
            "多少钱 多少个 多少 几个 是 的 有 为 了 预算 资源 资金 经费 总额 合计 一共 总共 共计 共有 年 "
            "拟议 所需 占 比例 百分比 百分之 多大 哪个 哪一个 哪一年 哪一 最多 最少 最大 最小 最高 最低 "
            "比较 相差 差额 加起来 各 分别 获得 得到 分配 用于 来自 钱 员额 个 人居署 次级方案 资金来源 "
            "中 里 在 和 与 及 对 给 用 花 费用 支出 请问 请 吗 呢 一下 列出 各是 各为 数 总 共 全部 所有 "
            "平均 每个 之比 倍 比 多 少 组成部分 支出分项 职等 职类 资助 变化 预计 从 到 至 间 之间 四个 "
            "三项 两项 加 出 计划 增长 减少 增加 下降 上升 年均 开展 其 由 新增 增设 征聘 填补 哪些 哪种 来源"
        ).split(),
        key=len,
        reverse=True,
    )
)
TREND_SCOPE_EN = frozenset(("foundation", "account", "foundation's"))  # Table 3.0 is the Foundation's
TREND_SCOPE_ZH = ("基金会非专用账户", "账户", "基金会", "年底", "底")


@dataclass
class Question:
    """A question read for the calculator: its text (normalised) and what it names, in order."""

    text: str
    language: str
    entities: list[Entity]
    years: list[int] = field(default_factory=list)
    year_range: tuple[int, int] | None = None
    notes: list[str] = field(default_factory=list)  # how an ambiguous word was read, for the answer

    @classmethod
    def read(cls, question: str, language: str, entities: list[Entity]) -> Question:
        text = normalise(question)
        years = list(dict.fromkeys(int(y) for y in YEAR.findall(text)))  # in the order named
        found = YEAR_RANGE.search(text)
        span = tuple(int(y) for y in found.groups() if y) if found else None
        return cls(text, language, entities, years, span if span and span[0] < span[1] else None)  # type: ignore[arg-type]

    def without_entities(self) -> str:
        text = self.text
        for entity in sorted(self.entities, key=lambda e: -len(e.words)):
            text = text.replace(entity.words, " ")
        return text

    def residue(self, trend: bool) -> str:
        """What the question says beyond its items and generic words ("" when it is fully understood)."""
        text = POSTS_COUNT.sub(" ", self.without_entities())
        text = YEAR.sub(" ", text)
        scope_zh = TREND_SCOPE_ZH if trend else ()
        for word in (*scope_zh, *GENERIC_ZH):
            text = text.replace(word, " ")
        allowed = GENERIC_EN | TREND_SCOPE_EN if trend else GENERIC_EN
        # a word of an item the question names ("travel" beside "travel of staff") says nothing new
        allowed = allowed | {w for e in self.entities for w in e.words.split() if w.isascii()}
        # "per-" of "per-post" is the word "per"
        words = [w.rstrip("-") for w in re.findall(r"[a-z][a-z'\-]*|[\u3400-\u9fff]+", text)]
        left = [w for w in words if w not in allowed]
        return " ".join(w for w in left if w != "s")  # "s" of "SP1's"

    def numbers(self) -> list[float]:
        """Figures the question states itself ("the 255 posts"), years and item numbers left out."""
        text = YEAR.sub(" ", self.without_entities())
        return [float(n.replace(" ", "").replace(",", "")) for n in NUMBER.findall(text)]

    def measure(self) -> str:
        """Posts (a count) or money."""
        if POSTS_COUNT.search(self.text) or any(e.dimension == "grade" for e in self.entities):
            return POSTS
        if any(e.dimension == "object" and not POST_WORD.fullmatch(e.words) for e in self.entities):
            return MONEY
        outside = self.without_entities()
        if POST_WORD.search(self.text) and not MONEY_WORD.search(outside):
            return POSTS
        return MONEY

    def coordinated(self, entity: Entity) -> set[str]:
        """Dimensions of the items joined to this one by "and" / "和" (what "programme support" is)."""
        dims = set()
        for other in self.entities:
            if other.start == entity.start:
                continue
            first, second = (other, entity) if other.start < entity.start else (entity, other)
            between = self.text[first.start + len(first.words) : second.start]
            if COORDINATION.match(between):
                dims.add(other.dimension)
        return dims

    def funds(self, entity: Entity) -> bool:
        """Whether the words around an item make it a source of funding ("funded by programme support")."""
        before, after = self.text[: entity.start], self.text[entity.start + len(entity.words) :]
        return bool(FUNDED_BY.search(before) or FUNDING_AFTER.match(after))

    def sides(self) -> tuple[list[Entity], list[Entity]] | None:
        """(part, whole) of a share question: "share of <whole> goes to <part>", "<whole>中，<part>占",
        "<part>占<whole>"; None when the question does not say."""
        text = self.text
        english = re.search(
            r"(?:share|percentage|proportion|fraction|per ?cent)\s+of\s+(.*?)"
            r"(?=\bgoes?\b|\bis\b|\bare\b|\bfunded\b|\bcomes?\b|\bspent\b|\ballocated\b|\?|$)",
            text,
        )
        if english:
            start, end = english.span(1)
            if PRONOUN.search(text[start:end]):
                return None  # "its budget": whose? not a reading to guess
            whole = [e for e in self.entities if start <= e.start < end]
            return [e for e in self.entities if e not in whole], whole
        at = text.find("占")
        if at < 0:
            return None
        within = text.rfind("中", 0, at)
        if within >= 0:
            whole = [e for e in self.entities if e.start < within]
            part = [e for e in self.entities if within < e.start < at]
            outside = [e for e in self.entities if e.start > at]
            return (part, whole) if not outside and not PRONOUN.search(text[:within]) else None
        if PRONOUN.search(text[at:]):
            return None
        return [e for e in self.entities if e.start < at], [e for e in self.entities if e.start > at]
