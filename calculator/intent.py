"""What a numeric question asks, as typed data: the measure, the operation, the members it fixes, the
one dimension whose members it compares, the whole of a share, the year. Built from a Reading by the
binding rule: every dimension the question mentions is bound to a member or to "all / each", or the
question gets no number (a question back, or "the document has no such figure")."""

from __future__ import annotations

import itertools
import re
from dataclasses import asdict, dataclass, field, replace

from calculator.config import MONEY, POSTS, QUANTITY, YEAR_HEAD, Config
from calculator.lexicon import Token, only_kinds
from calculator.reading import HeadUse, Mention, Reading, last_index

YEAR = "year"
# Operations a question can ask for.
OPERATIONS = (
    "lookup",
    "sum",
    "difference",
    "share",
    "ratio",
    "average",
    "per_post",
    "change",
    "rank",
    "breakdown",
    "count",
)
STRONG_OPS = {"share", "ratio", "difference", "average", "per_post", "max", "min", "change"}


@dataclass(frozen=True)
class Intent:
    """One reading of a numeric question."""

    measure: str  # money | posts | quantity
    operation: str
    fixed: tuple[tuple[str, str], ...]  # (dimension, key): the members named once
    varying: tuple[str, tuple] | None = None  # (dimension, keys): the members compared, summed, listed
    whole: tuple[tuple[str, str], ...] | None = None  # a share's whole ((): the grand total)
    year: int | None = None  # None: the budget year
    basis: str = ""  # "" in place | "added" | "cumulative" | "plan" (the plan's row, or all by then?)
    largest: bool = True  # rank: the largest (or the smallest)
    reverse: bool = False  # difference: second minus first ("how much less")
    percent: bool = False  # change: as a percentage
    notes: tuple[str, ...] = ()  # how an ambiguous word was read (message keys with values)
    measure_given: bool = True  # False: inferred (no word named it); the figure may be of another measure
    prose: bool = False  # the question asks for the prose's figure ("the narrative says")
    tables: tuple[str, ...] = ()  # tables the question names ("In Table <n>, …"): their cells answer first
    decrease: bool = False  # "how much did it fall": the size of the fall (start − end)
    future: bool = False  # "will have", no year: the budget year's figure, or the plan's by its end?
    whole_said: bool = False  # "all", "in total": a sum over members the document gives one by one is meant
    nth: int = 1  # rank: the place asked for ("the second largest": 2)
    threshold: tuple[str, float] | None = None  # filter: (above | at_least | below | at_most, the number)
    whole_word: bool = False  # share: a word after the share's names the whole ("as a share of the budget")
    place_of: str = ""  # place: the member whose place in the ranking of `varying` is asked
    whole_over: tuple[str, tuple[str, ...]] | None = None  # share: a whole summed over these members

    @property
    def coords(self) -> dict[str, str]:
        return dict(self.fixed)

    def to_dict(self) -> dict:
        """JSON-ready (a conversation keeps the last reading between processes)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Intent:
        """The inverse of to_dict; ValueError for data that is not an Intent's."""
        if not isinstance(data, dict):
            raise ValueError(f"not a reading of a numeric question: {data!r}")
        try:
            varying = data.get("varying")
            whole = data.get("whole")
            return cls(
                **{
                    **data,
                    "fixed": tuple((str(d), str(k)) for d, k in data["fixed"]),
                    "varying": (str(varying[0]), tuple(varying[1])) if varying else None,
                    "whole": tuple((str(d), str(k)) for d, k in whole) if whole is not None else None,
                    "whole_over": (str(data["whole_over"][0]), tuple(map(str, data["whole_over"][1])))
                    if data.get("whole_over")
                    else None,
                    "notes": tuple(data.get("notes", ())),
                    "tables": tuple(map(str, data.get("tables", ()))),
                    "threshold": (str(data["threshold"][0]), float(data["threshold"][1]))
                    if data.get("threshold")
                    else None,
                }
            )
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise ValueError(f"not a reading of a numeric question: {exc}") from exc


@dataclass(frozen=True)
class Option:
    """A choice offered back: its label and the question that asks for it."""

    label: str
    question: str


@dataclass(frozen=True)
class Stop:
    """No number: kind "clarify" (a question back, with options), "absent" (the document has no such
    figure), "unread" (words not understood); `message` is a catalog key, `values` fill it."""

    kind: str
    message: str
    values: dict = field(default_factory=dict)
    options: tuple[Option, ...] = ()


def _unread(reading: Reading) -> Stop:
    """Words not read: named, or, when all of them take a part from a figure ("<A> minus <B>"), name a
    part of a year or the asker's own part or money ("our part", "do we pay"), said so."""
    unread = [t for i, t in enumerate(reading.tokens) if i in reading.unread_ranges]
    for kind, stop in (
        ("subtract", Stop("clarify", "excluding", {})),
        ("within_year", Stop("absent", "whole_years", {})),
    ):
        if _made_of_words(reading.unknown, [t.text for t in unread if t.has(kind)]):
            return stop
    if _made_of_words(reading.unknown, reading.own_words):
        return Stop("absent", "own_money", {"words": reading.unknown})  # ("what do we pay for <A>")
    return Stop("unread", "unread", {"words": reading.unknown})


def _made_of_words(runs: list[str], words: list[str]) -> bool:
    """Runs of words not read (written side by side) made only of these words."""
    if not words:
        return False
    for run in runs:
        for word in sorted(words, key=len, reverse=True):
            run = run.replace(word, " ")
        if run.strip():
            return False
    return True


def interpret(reading: Reading, config: Config) -> list[Intent] | Stop | None:
    """The readings of a numeric question (several when a word is ambiguous), a Stop, or None when the
    question does not ask for a figure (it goes to the search)."""
    lines = set(config.role("line"))
    if reading.spent and not reading.unknown and not any(m.dimensions & lines for m in reading.mentions):
        return Stop("absent", "no_actuals", {})  # ("how much has <member> spent"): the budget is no spending
    if not _numeric(reading, config):
        return None
    if reading.has("non_table") and not any(
        t.has("measure", MONEY) or t.has("measure", POSTS) or t.has("op") or t.has("ask", "amount")
        for t in reading.tokens
    ):
        return None  # ("when did …", "who was consulted …": a question for the text, whatever it names)
    if reading.unknown:
        return _unread(reading)
    if _two_questions(reading):
        return Stop("clarify", "two_questions", {})
    if reading.missing:
        missing = reading.missing[0]
        dimension = config.dimensions[missing.dimension]
        members = dimension.heads.get(missing.head, dimension.members)
        return Stop(
            "absent", "no_member", {"words": missing.words, "head": missing.head, "members": list(members)}
        )
    ranking = reading.ops() & {"max", "min"}
    # "how many <head>" in a language without plurals: how many there are (the head is not left unbound)
    counting = (
        _has_op(reading, "count")
        and not reading.mentions
        and not any(t.has("measure") for t in reading.tokens)
    )
    unbound = [
        h
        for h in reading.heads
        if (h.how == "unbound" and not (h.dimension == YEAR_HEAD and ranking) and not counting)
        or h.how == "count"
        and not _all_of(h, config)
    ]
    if unbound:
        head = unbound[0]
        if head.dimension == YEAR_HEAD:
            return Stop("clarify", "which_year", {"words": head.words})
        return Stop(
            "clarify", "which_member", {"head": head.head, "dimension": head.dimension, "words": head.words}
        )
    if reading.has("non_table") or _asks_what_for(reading):
        return None
    if _slash_joins(reading) and not _cost_over_posts(reading, config):
        return Stop("clarify", "slash", {})  # ("<A>/<B>": and, or, or divided by?)
    alone = [
        t
        for i, t in enumerate(reading.tokens)
        if t.has("quantifier", "this") and only_kinds(t, ("quantifier",)) and i not in reading.used
    ]
    if alone and not reading.heads:  # "its <figure>?": whose?
        return Stop("clarify", "which_reference", {"words": alone[0].text})
    pronouns = [
        t
        for i, t in enumerate(reading.tokens)
        if t.has("quantifier", "pronoun") and i not in reading.used and not _refers_back(reading, i, config)
    ]
    if pronouns:  # "its" with nothing named before it to refer to
        return Stop("clarify", "which_reference", {"words": pronouns[0].text})
    every = list(itertools.product(*[_readings(reading, m, config) for m in reading.mentions]))
    combos = _fewest_repeats(every, reading)
    intents: list[Intent] = []
    stops: list[Stop] = []
    for combo in combos[:16]:
        found = _intent(reading, config, list(zip(reading.mentions, combo, strict=True)))
        (intents if isinstance(found, Intent) else stops).append(found)
    if not intents and stops and all(s.message == "two_operands" for s in stops):
        for combo in [c for c in every if c not in combos][:16]:  # ("<RB> posts against <PS> posts": two
            found = _intent(reading, config, list(zip(reading.mentions, combo, strict=True)))  # of one kind)
            if isinstance(found, Intent):
                intents.append(found)
    if intents:
        if _future(reading):
            intents = [replace(i, future=True) for i in intents]
        return list(dict.fromkeys(intents))
    return stops[0]


def _base_first(reading: Reading, varying: tuple | None) -> bool:
    """The first of the two figures compared is the base, said first ("compared with <A>, how much more is
    <B>"; in Chinese also "with <A> compared, <B> …"): <B> − <A>, not the other way."""
    if not varying:
        return False
    tokens = reading.tokens
    if varying[0] == YEAR:
        first = next((i for i, t in enumerate(tokens) if t.has("year")), None)
        last = first
    else:
        named = [m for m in reading.mentions if varying[0] in m.dimensions]
        first = named[0].index if named else None
        last = last_index(reading, named[0]) if named else None
    if first is None or last is None:
        return False
    small = ("filler", "and", "head", "number")
    before = first - 1
    while before >= 0 and only_kinds(tokens[before], small) and not tokens[before].has("compared"):
        before -= 1
    after = last + 1
    while (
        after < len(tokens)
        and (
            only_kinds(tokens[after], ("filler",))
            or varying[0]
            == YEAR  # (after a year, over what is named of it too: "with <year> <line> compared")
            and (
                _in_mention(reading, tokens[after]) or only_kinds(tokens[after], ("measure", "label", "unit"))
            )
        )
        and not tokens[after].has("compared")
    ):
        after += 1
    return (
        before >= 0
        and tokens[before].has("compared", "before")
        or after < len(tokens)
        and tokens[after].has("compared", "after")
    )


def _backwards(reading: Reading) -> bool:
    """ "From <a later year> to <an earlier one>": a change asked backwards, from the later figure."""
    said = _years_said(reading)
    return any(
        b[1] < a[1] and any(t.has("range", "words") for t in reading.tokens[a[0] + 1 : b[0]])
        for a, b in zip(said, said[1:], strict=False)
    )


def _next_content(tokens: list, i: int) -> int:
    """The index of the first token after i that is not only a filler (len(tokens) if none)."""
    j = i + 1
    while j < len(tokens) and only_kinds(tokens[j], ("filler",)):
        j += 1
    return j


def _change_backwards(reading: Reading, varying: tuple | None) -> bool:
    """A change asked from the later year's figure: "from <later> to <earlier>"; or, said as a comparison
    of two years, the year compared with is the later one ("<earlier> than <later>, in percent")."""
    compared = _compared_years(reading, varying)
    if compared is not None:
        return compared[0] < compared[1]
    return bool(reading.ops() & {"less"}) or _backwards(reading)


def _compared_years(reading: Reading, varying: tuple | None) -> tuple[int, int] | None:
    """(the year of the figure compared, the year compared with) when a comparison word says which is
    which: "<A> higher than <B>", "<A> than <B> more" (the last year before the word, the first after
    it), "compared with <B>, <A> …"; None for "<A> vs <B>", which says neither."""
    said = _years_said(reading)
    if len({y for _, y in said}) < 2:
        return None
    than = next((i for i, t in enumerate(reading.tokens) if t.has("compared", "than")), None)
    if than is not None:
        before, after = [y for i, y in said if i < than], [y for i, y in said if i > than]
        return (before[-1], after[0]) if before and after and before[-1] != after[0] else None
    if len(said) == 2 and _base_first(reading, varying):
        return said[1][1], said[0][1]
    return None


def _compared_members(reading: Reading, varying: tuple) -> bool:
    """Two members compared with a word that says which is the base: "<A> higher than <B>" (a "than"
    word between them), or "compared with <B>, <A> …"."""
    named = sorted(m.index for m in reading.mentions if varying[0] in m.dimensions)
    if len(named) != 2:
        return False
    between = reading.tokens[named[0] + 1 : named[1]]
    return any(t.has("compared", "than") for t in between) or _base_first(reading, varying)


def _range_against_year(reading: Reading) -> list[int] | None:
    """A range of years held as a whole (all by its end) set against one year said apart: the two years in
    the order said, the range standing for its last; None when the years are not so said."""
    assert reading.year_range is not None
    first, last = reading.year_range
    said = _years_said(reading)
    for k in range(len(said) - 1):
        if said[k][1] == first and said[k + 1][1] == last:
            others = said[:k] + said[k + 2 :]
            if len(others) == 1 and others[0][1] != last:
                return [last, others[0][1]] if others[0][0] > said[k][0] else [others[0][1], last]
    return None


def _years_said(reading: Reading) -> list[tuple[int, int]]:
    """Each year the question writes, with where: (token index, year)."""
    return [(i, int(t.values("year")[0])) for i, t in enumerate(reading.tokens) if t.has("year")]


def _refers_back(reading: Reading, at: int, config: Config) -> bool:
    """ "<member>'s A against its B": in a comparison, a pronoun after exactly one member of whom the figures
    are (one reading), with no other member of that kind after it: that member said again."""
    whom = set(config.role("whom"))
    if len({y for _, y in _years_said(reading)}) == 2:  # ("<A>'s <year> figure against its <year> one")
        whom = set(config.dimensions)
    before = {dk for m in reading.mentions if m.index < at for dk in m.readings if dk[0] in whom}
    single = all(len(m.readings) == 1 for m in reading.mentions if m.index < at and m.dimensions & whom)
    after = any(  # (the same member said again after it: "<A>'s <year> figure against its <year> <A>")
        m.dimensions & whom and set(m.readings) != before for m in reading.mentions if m.index > at
    )
    compared = reading.ops() & {"ratio", "difference", "share"}  # (not "its budget and its TC": two asked)
    return len(before) == 1 and single and not after and bool(compared)


def _fewest_repeats(
    combos: list[tuple[tuple[str, str], ...]], reading: Reading
) -> list[tuple[tuple[str, str], ...]]:
    """One word, one thing: of the ways to read ambiguous words, those that least often read a word as of
    a dimension another word already names when it could name something of another dimension
    ("<source>-funded posts in <name of a component and a source>", "<source> <that name>": the
    component, not two sources). A word that could only be of that dimension ("<source> (<the same source
    in other words>)", "<source> and <that name>", read as a source by the "and") is not counted, nor a
    word read as the very member a word beside it can only name ("<name of a component and a source>
    (<that component's letter>)"): the same member said again, or the other thing, stays open."""

    mentions = reading.mentions

    def beside(one: Mention, other: Mention) -> bool:  # nothing but small words between the two
        first, second = sorted((one, other), key=lambda m: m.start)
        between = [t for t in reading.tokens if first.end <= t.start and t.end <= second.start]
        gap = reading.text[first.end : second.start]
        apart = any(c in CLAUSE_MARKS for c in gap)  # a comma or colon ("<A>, <B>'s …")
        return not apart and all(only_kinds(t, ("filler",)) for t in between)

    def repeats(combo: tuple[tuple[str, str], ...]) -> int:
        dims = {d for d, _ in combo}
        return sum(
            1
            for i, (reading, mention) in enumerate(zip(combo, mentions, strict=True))
            if reading != ("", "")
            and any(d == reading[0] for d, _ in combo[:i] + combo[i + 1 :])
            and any(d not in dims for d, _ in mention.readings)
            and not any(
                other == reading and len(m.readings) == 1 and beside(mention, m)
                for j, (other, m) in enumerate(zip(combo, mentions, strict=True))
                if j != i
            )  # (the very member the next word names, and can only name: said again, or the other thing?)
        )

    def alike(combo: tuple[tuple[str, str], ...]) -> bool:  # the same words twice, read the same way
        said: dict[tuple, tuple[str, str]] = {}  # (unless a head said beside one of them narrowed it)
        return all(
            said.setdefault((m.words.lower(), m.readings), r) == r
            for r, m in zip(combo, mentions, strict=True)
        )

    combos = [c for c in combos if alike(c)] or combos
    fewest = min((repeats(c) for c in combos), default=0)
    return [c for c in combos if repeats(c) == fewest]


def _future(reading: Reading) -> bool:
    """The future ("will have") and no year, basis or budget-year word: which horizon is meant."""
    tokens = reading.tokens
    return (
        any(t.has("tense", "future") for t in tokens)
        and not reading.years
        and not any(_basis_said(t) or t.has("budget_year") for t in tokens)
    )


def _asks_what_for(reading: Reading) -> bool:
    """ "What are <X> used for?": the question ends on a word for what money goes to, with nothing named
    after it and no word asking an amount or a count: what it is for, a question for the text."""
    tokens = [
        t for t in reading.tokens if not only_kinds(t, ("filler",)) and not t.has("quantifier", "which")
    ]  # ("used for which things": what for)
    return (
        bool(tokens)
        and tokens[-1].has("share", "to")
        and not _in_mention(reading, tokens[-1])
        and not any(t.has("ask", "amount") or t.has("op") for t in reading.tokens)
    )


def _slash_joins(reading: Reading) -> bool:
    """A "/" between two things the question could add up or divide: two members ("SP1/SP2"), a member
    and a measure, two measures ("<budget> / <posts>"), numbers or years. Between two names of one
    member, or words of a theme, it says nothing ("(<a name> / <its other name>)")."""
    tokens = reading.tokens

    def content(t: Token) -> bool:
        return _in_mention(reading, t) or any(t.has(kind) for kind in ("entity", "measure", "number", "year"))

    for i, token in enumerate(tokens):
        if token.text != "/":
            continue
        before = next((t for t in reversed(tokens[:i]) if not only_kinds(t, ("filler",))), None)
        after = next((t for t in tokens[i + 1 :] if not only_kinds(t, ("filler",))), None)
        if before is None or after is None or not (content(before) and content(after)):
            continue
        one = (_readings_of(before) | _member_of(reading, before)) & (
            _readings_of(after) | _member_of(reading, after)
        )
        if not one:
            return True  # ("<A>/<B>", "<budget> / <posts>", "P-3/P-4", "<year>/<year>", "73/239")
    return False


def _member_of(reading: Reading, token: Token) -> set[tuple[str, str]]:
    """The members the mention a token is part of may name."""
    return {r for m in reading.mentions if m.start <= token.start < m.end for r in m.readings}


def _basis_said(token: Token) -> bool:
    """A word saying which posts: added, all by a year, or the plan's horizon (not the plan named alone)."""
    return any(v != "plan" for v in token.values("basis"))


def _two_questions(reading: Reading) -> bool:
    """Two questions in one ("how much <member> gets, and how many posts does it have?"): a word that
    asks for a figure starts a clause after "and", another asks before it, and either no operation
    relates them, or each clause has operations of its own ("what share …, and how does it compare …"), or
    the second refers back to the first with none ("how much in total, and how much of it is <B>?"), or
    two asks stand side by side ("what share and what amount is <B>?").
    Answering one of the two would give a figure for something else."""
    tokens = reading.tokens
    relating = STRONG_OPS | {"sum", "less", "decrease", "increase"}
    asks = [i for i, t in enumerate(tokens) if t.has("ask")]
    for i in asks:
        side_by_side = i >= 2 and tokens[i - 1].has("and") and tokens[i - 2].has("ask")
        if side_by_side and set(tokens[i - 2].values("op")) != set(tokens[i].values("op")):
            return True  # ("what share and what amount is <B>": two figures asked side by side)
        j = i - 1
        while j >= 0 and tokens[j].has("filler") and not tokens[j].has("and"):
            j -= 1
        if j <= 0 or not any(t.has("ask") or t.has("op") for t in tokens[:j]):  # the first clause asks too
            continue
        gap = reading.text[tokens[i - 1].end : tokens[i].start]  # a clause after a comma
        if tokens[j].has("and") or j == i - 1 and any(mark in gap for mark in ",;"):
            before = {v for t in tokens[:j] for v in t.values("op")} & relating
            after = {v for t in tokens[j:] for v in t.values("op")} & relating
            back = before == {"sum"} and any(t.has("followup", "back") for t in tokens[j:])  # ("in total, and
            # how much of it is <B>")
            if not before | after or before and after and before.isdisjoint(after) or back:
                return True
    return False


def _numeric(reading: Reading, config: Config) -> bool:
    """Does the question ask for a figure? A word that asks for one, an operation, a measure, a breakdown,
    or a trend line / deliverable with a year."""
    tokens = reading.tokens
    if any(t.has("ask", "figure") for t in tokens) or any(t.has("over") for t in tokens):
        return True
    if reading.ops() & STRONG_OPS:
        return True
    if any(t.has("measure") for t in tokens):
        return True
    items = {d for m in reading.mentions for d in m.dimensions}
    figures = {d.name for d in config.dimensions.values() if d.role == "line" or len(d.measures) == 1}
    if items & figures and (reading.years or any(t.has("ask") for t in tokens)):
        return True
    if reading.mentions and reading.years and any(t.has("ask") for t in tokens):
        return True  # "what is <member> in <year>?": its figure that year (no year: perhaps what it is)
    if reading.mentions and any(h.how in ("plural", "each", "which", "all") for h in reading.heads):
        return True  # "what are the <heads> of <member>?"
    asks = any(t.has("ask") for t in tokens)
    if asks and reading.heads and all(h.how == "plural" or _all_of(h, config) for h in reading.heads):
        return True  # "what are the four <heads>?": they are listed
    return len(reading.mentions) >= 2 and not reading.unknown  # "<member> <member> for <member>?"


def _all_of(head: HeadUse, config: Config) -> bool:
    """ "the four <heads>": a count that is all the head's members."""
    members = (
        config.dimensions[head.dimension].heads.get(head.head, ())
        if head.dimension in config.dimensions
        else ()
    )
    return head.count is not None and head.count == len(members)


def _has_op(reading: Reading, op: str) -> bool:
    return any(t.has("op", op) for t in reading.tokens)


def _measure_named_apart(reading: Reading) -> bool:
    """A word for what is measured (money, posts), not the counting words themselves ("how many")."""
    return any(t.has("measure") and not t.has("op", "count") for t in reading.tokens)


def _measure_named(reading: Reading) -> bool:
    return any(t.has("measure") for t in reading.tokens) or _has_op(reading, "count")


def _costs_posts(reading: Reading, config: Config) -> bool:
    """The question names the cost of posts (a member that is money spent on posts)."""
    return any(config.posts_cost in m.readings for m in reading.mentions)


def _counts_money(tokens: list) -> bool:
    """A counting word followed (over small words) by a money word: "how many dollars"."""
    return _counting(tokens, MONEY, ("count",))


def _counts_posts(tokens: list) -> bool:
    """A counting word (or "what number of") followed (over small words) by the word for posts."""
    return _counting(tokens, POSTS, ("count", "figure"))


def _counting(tokens: list, measure: str, asks: tuple[str, ...]) -> bool:
    return any(
        (t.has("op", "count") or "figure" in asks and t.has("ask", "figure"))
        and (j := _next_word(tokens, i)) < len(tokens)
        and tokens[j].has("measure", measure)
        for i, t in enumerate(tokens)
    )


def _next_word(tokens: list, i: int) -> int:
    j = i + 1
    while j < len(tokens) and only_kinds(tokens[j], ("filler",)):
        j += 1
    return j


def _posts_or_their_cost(reading: Reading, config: Config) -> bool:
    """The word for posts that also names the cost line of posts, in a plain lookup (or a sum) with no
    word that counts ("how many", a count asked just before the word): the number of posts, or their
    cost? Asked back when an amount is asked ("how much are <posts>", "<posts> is how much"), or when the
    language's bare word names both alike (a lexicon list); never when the question names what only posts
    are given for."""
    ops = reading.ops()
    if (
        ops - {"sum", "difference", "ratio", "share", "percent_change"}
        or reading.threshold is not None
        or _posts_only(reading, config)
    ):
        return False  # (a number to pass is said with its own unit: "more than 40 <posts>")
    money_only = set(config.only(MONEY))
    if any(
        m.dimensions & money_only and not reading.tokens[m.index].has("measure", POSTS)
        for m in reading.mentions
    ):
        return False  # (beside a member that is only money, "<posts> to <a line of money>": the cost line)
    spent = "share" in ops and any(
        t.has("share", "to") and any(x.has("measure", POSTS) for x in reading.tokens[i + 1 :])
        for i, t in enumerate(reading.tokens)
    )  # ("… goes to <posts>")
    whole = any(_money_whole(reading, ops, i) for i in range(len(reading.tokens)))
    if ops - {"sum"} and not spent and not whole and not any(t.has("count_or_cost") for t in reading.tokens):
        return False  # (an amount asked of a comparison: only the bare word of a language asks back)
    amount = spent or any(t.has("ask", "amount") for t in reading.tokens)
    tokens = reading.tokens
    for i, token in enumerate(tokens):
        if not token.has("measure", POSTS):
            continue
        goes = any(
            t.has("share", "to") and all(only_kinds(x, ("filler",)) for x in tokens[j + 1 : i])
            for j, t in enumerate(tokens[:i])
        )  # (the word for what the money goes to, then the staff word)
        bare = goes and only_kinds(token, ("measure", "filler"))  # ("how much of <source> goes to <staff>")
        if config.posts_cost not in _readings_of(token) and not (bare or _for_a_purpose(reading, i)):
            continue  # ("<source> for <staff>": their number, or the money for them?)
        before = i - 1
        while before >= 0 and only_kinds(tokens[before], ("filler",)):
            before -= 1
        after = i + 1
        while after < len(tokens) and (
            only_kinds(tokens[after], ("filler", "quantifier"))
            or only_kinds(tokens[after], ("filler", "op"))
            and tokens[after].values("op") == ["sum"]
        ):
            after += 1  # (over "in all": "<posts> in all are there how many")
        if after < len(tokens) and tokens[after].has("ask", "count_after"):
            return False  # "<posts> are there how many"
        if before >= 0 and (
            tokens[before].has("ask", "count_before")
            or tokens[before].has(
                "joiner"
            )  # (a counting word's classifier: "<how many> <classifier> <posts>")
            or tokens[before].has("ask", "figure")
            and not tokens[before].has("ask", "amount")
        ):
            return False  # "how many are there <posts>"
        if (
            amount
            or token.has("count_or_cost")
            or _for_a_purpose(reading, i)
            or _money_whole(reading, ops, i)
        ):
            return True
    return False


def _every_member(head: HeadUse, config: Config) -> bool:
    """ "All <heads>" whose members are all of their dimension: the total over it, one figure."""
    spec = config.dimensions.get(head.dimension)
    return head.how == "all" and spec is not None and set(spec.heads.get(head.head, ())) == set(spec.members)


def _money_whole(reading: Reading, ops: set[str], at: int) -> bool:
    """A share of a member named with a word for money, and the bare word for posts at `at` ("Of the
    <source> budget, what share is <posts>?"; not "<source> budget <posts>" nor "<member>'s <posts>", which
    count them): their cost, or their number?"""
    before = at - 1
    while before >= 0 and only_kinds(reading.tokens[before], ("filler",)):
        before -= 1
    if before >= 0 and _in_mention(reading, reading.tokens[before]):
        return False
    return "share" in ops and any(
        m.index in reading.money_named and m.index != at + 1 for m in reading.mentions
    )


def _for_a_purpose(reading: Reading, at: int) -> bool:
    """ "<source> for <posts>": the word for posts after a word saying what a source's money is for (the
    cost of the posts, or how many the source pays for?)."""
    tokens = reading.tokens
    before = at - 1
    small = ("filler", "quantifier", "followup")
    while before >= 0 and (_in_mention(reading, tokens[before]) or only_kinds(tokens[before], small)):
        before -= 1  # (the members the posts are of: "<source> for <member> posts", "for all posts")
    if before < 0 or not tokens[before].has("share", "purpose"):
        return False
    return any(tokens[k].values("entity") for k in range(before))


def _posts_only(reading: Reading, config: Config) -> bool:
    """The question names what only posts are given for: a grade, a year other than the budget year, a
    range of years, posts added or held by a year (the tables give no money for them)."""
    return (
        any(d in config.only(POSTS) for m in reading.mentions for d in m.dimensions)
        or any(y != config.budget_year for y in reading.years)
        or reading.year_range is not None
        or reading.cumulative_year is not None
        or any(t.has("basis") for t in reading.tokens)
    )


def _readings_of(token: Token) -> set[tuple[str, str]]:
    return {tuple(v.split(":", 1)) for v in token.values("entity")}  # type: ignore[misc]


def _measure(
    reading: Reading, config: Config, items: dict[str, list[str]], heads: list[HeadUse]
) -> str | Stop:
    """Money, posts or a planned quantity: from the words ("how many … posts", "budget"), else from what the
    question names (a grade is counted in posts, a deliverable in its own unit, a thing money buys is
    money); a question that says none of it is asked back."""
    tokens = reading.tokens
    named = set(items) | {h.dimension for h in heads}
    money_word = any(t.has("measure", MONEY) for t in tokens)
    money = money_word
    # a member that is only money (what money buys) is money; the bare word for posts may be either
    money = money or any(
        d in config.only(MONEY) and not tokens[m.index].has("measure", POSTS)
        for m in reading.mentions
        for d, _ in m.readings
    )
    posts_word = any(t.has("measure", POSTS) for t in tokens)
    money = money or not posts_word and any(t.has("cost") and t.has("op", "per_post") for t in tokens)
    count_cue = _has_op(reading, "count") or _counts_posts(tokens)  # ("how many", "what number of posts")
    if named & set(config.only(QUANTITY)):
        if money_word:  # "what do <deliverables> cost": the tables count them, they do not price them
            return Stop("absent", "money_of_quantity", {})
        return QUANTITY
    if any(t.has("measure", QUANTITY) for t in tokens) and not money and not posts_word:
        return QUANTITY  # "what will <component> deliver": its deliverables, one by one
    counted = bool(named & set(config.only(POSTS)))
    if count_cue and _counts_money(tokens):
        return MONEY if not posts_word else Stop("clarify", "which_measure", {})  # ("how many dollars")
    if (counted or posts_word) and count_cue and _money_said_apart(reading):
        return Stop("clarify", "which_measure", {})  # ("how many posts …? In dollars."): number or cost?
    if (counted or posts_word) and count_cue:
        return POSTS
    costed = _costs_posts(reading, config)
    cost_line = any(config.posts_cost in _readings_of(t) and not t.has("measure", POSTS) for t in tokens)
    if (
        posts_word
        and not money_word
        and not count_cue
        and not cost_line
        and _posts_or_their_cost(reading, config)
    ):
        words = next(t.text for t in tokens if t.has("measure", POSTS))
        return Stop("clarify", "count_or_cost", {"words": words})  # (offered back both ways)
    if posts_word and not money_word and not costed:
        return POSTS  # "<what money buys> staff": a count, which the tables do not give by what money buys
    if money and count_cue and not money_word:  # "how many <what money buys>": only its cost is given
        words = [m.words for m in reading.mentions if any(d in config.only(MONEY) for d, _ in m.readings)]
        return Stop("absent", "count_of_money", {"words": words})
    if money:
        return MONEY  # "how much money do <grade> posts cost": money (which the tables give by no grade)
    if counted or posts_word:
        return POSTS
    if money or any(config.of(d, MONEY) for d in named):
        return MONEY
    return Stop("clarify", "which_measure", {})


def _netted(
    chosen: list[tuple[Mention, tuple[str, str]]], excluded: set[tuple[str, str]], config: Config
) -> tuple[list[tuple[Mention, tuple[str, str]]], set[tuple[str, str]]]:
    """ "<line> excluding <lines>" where the document prints that line net of them: the net line, and
    nothing left out (the balance after the reserve is the printed balance)."""
    for dim in {d for d, _ in excluded}:
        spec = config.dimensions.get(dim)
        keys = [k for _, (d, k) in chosen if d == dim]
        net = spec.netted(keys[0], {k for d, k in excluded if d == dim}) if spec and len(keys) == 1 else None
        if net is not None:
            chosen = [(m, (d, net if d == dim else k)) for m, (d, k) in chosen]
            excluded = {(d, k) for d, k in excluded if d != dim}
    return chosen, excluded


def _intent(reading: Reading, config: Config, chosen: list[tuple[Mention, tuple[str, str]]]) -> Intent | Stop:
    if _mixed_list(reading, chosen):
        return Stop("clarify", "too_many", {})
    excluded = {(dim, key) for m, (dim, key) in chosen if m in reading.excluded}
    chosen = [(m, dk) for m, dk in chosen if m not in reading.excluded]
    chosen, excluded = _netted(chosen, excluded, config)
    items: dict[str, list[str]] = {}
    chosen = [(m, dk) for m, dk in chosen if dk[0]]  # a plain word: no member
    for _, (dim, key) in chosen:
        listed = items.setdefault(dim, [])
        if key not in listed:
            listed.append(key)
    for dim, keys in items.items():  # a group and its members named: the group
        groups = config.dimensions[dim].groups if dim in config.dimensions else {}
        named = [k for k in keys if k in groups]
        members = {m for g in named for m in groups[g]}
        restated = [k for k in keys if k in members]
        if restated and not members <= set(restated):  # "<group> <member>": the group, or only the member?
            return Stop("clarify", "group_part", {"group": named[0], "dimension": dim, "members": restated})
        items[dim] = [k for k in keys if k not in members]
    heads = [h for h in reading.heads if h.how != "unbound"]
    counting = (
        _has_op(reading, "count")
        and not items
        and not any(t.has("measure") for t in reading.tokens)
        and reading.threshold is None  # "how many <heads> have more than <number>": not all of them
    )
    if counting and (heads or reading.heads):
        head = (heads or reading.heads)[0]  # "how many <heads> are there?": the members, counted
        if head.dimension in config.dimensions:
            members = config.dimensions[head.dimension].heads.get(head.head, ())
            return Intent(
                measure=MONEY, operation="count", fixed=(), varying=(head.dimension, tuple(members))
            )
    measure = _measure(reading, config, items, heads)
    if isinstance(measure, Stop):
        return measure
    bare = [t for t in reading.tokens if t.has("measure", POSTS) and not t.has("entity") and not t.has("op")]
    costed = _costs_posts(reading, config)
    if measure == MONEY and bare and not costed and any(t.has("measure", MONEY) for t in reading.tokens):
        return Stop("clarify", "which_measure", {})  # people and money: which money, or posts?
    comparing = reading.ops() & {"change", "difference", "increase", "decrease"}
    if measure != POSTS and not comparing:  # "recruitment", "additional": of money, no figure the tables give
        several = len(reading.mentions) > 1 or reading.year_range is not None  # ("add <A> and <B>": a sum)
        added = [
            t.text
            for t in reading.tokens
            if t.has("basis", "added") and only_kinds(t, ("basis", "filler", *(() if several else ("op",))))
        ]
        if added:
            return Stop("unread", "unread", {"words": added})
    if measure == POSTS:
        cost_dim, cost_key = config.posts_cost
        if [k for k in items.get(cost_dim, []) if k != cost_key]:
            return Stop("absent", "posts_by_object", {})  # posts are not counted by what money buys
        items.pop(cost_dim, None)
    elif any(not config.of(d, measure) for d in items):
        return Stop("absent", "money_by_grade", {})  # the tables give no money by grade
    basis = _basis(reading, measure)
    if (
        measure == POSTS
        and not basis
        and any(t.has("basis", "plan") for t in reading.tokens)
        and len(reading.years) == 1
        and reading.years[0] > config.budget_year
        and not reading.year_range
    ):
        basis = "plan"  # ("<the recruitment plan>'s posts in <a later year>": its row, or all by then?)
    if measure != POSTS and not reading.years and any(t.has("basis", "horizon") for t in reading.tokens):
        return Stop("absent", "money_over_plan", {"year": config.budget_year})  # (one budget year's money)
    series = [k for d in items if config.dimensions[d].stocks for k in items[d]]  # (lines over years)
    stocks = {k for d in items for k in items[d] if k in config.dimensions[d].stocks}
    if (
        measure != POSTS
        and reading.cumulative_year is not None
        and len(reading.years) == 1
        and series
        and not stocks
    ):
        return Stop("clarify", "up_to_year", {"year": reading.cumulative_year})  # (that year's, or the sum?)
    compared = reading.threshold.index if reading.threshold else -1  # ("more than <number>" compares)
    ops = {
        v
        for i, t in enumerate(reading.tokens)
        for v in t.values("op")
        if not (basis and t.has("basis", basis) and v == "change") and i != compared
    } | ({reading.ranked} if reading.ranked else set())
    if ops & {"change", "increase", "decrease"} and ("average" in ops or _yearly(reading)):
        return Stop("clarify", "average_change", {})  # ("average yearly growth", "annual change <Y1>-<Y2>")
    if "in_percent" in ops:  # "…, in percent": a share or a change said in percent, nothing else
        ops.discard("in_percent")
        if ops & {"change", "increase", "decrease"}:
            ops.add("percent_change")
        elif ops - {"share", "percent_change"}:
            return Stop("clarify", "percent_of_what", {})
        else:
            ops.add("share")
    year = reading.cumulative_year or (reading.years[0] if len(reading.years) == 1 else None)
    if year is None and not reading.years and any(t.has("budget_year") for t in reading.tokens):
        year = config.budget_year  # "the proposed <line>": the budget year's
    if basis == "cumulative" and reading.cumulative_year is None and len(reading.years) == 1:
        year = reading.years[0]
    if not ops & {"share", "difference", "ratio", "breakdown"}:  # (a share of the one in the other)
        for dim in list(items):
            items[dim] = _lines_named(reading, config, chosen, dim, items[dim])
    if reading.place_asked:
        return _place_of(reading, config, items, measure, basis, year, ops, excluded)
    several = [(d, tuple(k)) for d, k in items.items() if len(k) > 1]
    for (
        dim,
        _,
    ) in several:  # an ambiguous name whose other reading is a second member of a dimension named once
        named = [m for m, (d, _) in chosen if d == dim]
        if any(len(m.readings) > 1 for m in named) and not _joined(reading, named) and not _ops_many(reading):
            return Stop("clarify", "too_many", {})
    vary_heads = [
        h for h in heads if h.how in ("all", "each", "which", "plural", "count") and h.dimension != YEAR_HEAD
    ]
    varying: tuple[str, tuple] | None = None
    if len(several) > 1:
        return Stop("clarify", "too_many", {})
    if several and any(
        h.dimension != several[0][0] and h.dimension not in items and not _every_member(h, config)
        for h in vary_heads
    ):
        return Stop("clarify", "too_many", {})  # ("<A> plus <B> for the <heads>": over two dimensions)
    if several:
        varying = several[0]
    elif vary_heads:
        head = vary_heads[0]
        members = config.dimensions[head.dimension].heads.get(head.head, ())
        named = items.get(head.dimension, [])
        groups = config.dimensions[head.dimension].groups if head.dimension in config.dimensions else {}
        if len(named) == 1 and named[0] in groups and ops & {"max", "min", "average", "breakdown"}:
            varying = (head.dimension, groups[named[0]])  # "of <group>, which <head> is largest?"
            items.pop(head.dimension)
        elif head.dimension in items:  # "<member> among the <heads>": the named one is fixed
            if "share" not in ops and not ops & {"max", "min"}:
                return Stop("clarify", "too_many", {})
            if ops & {"max", "min"} and len(items[head.dimension]) == 1:  # "which <heads> more than <A>"
                return Stop("clarify", "than_member", {})
        elif _every_member(head, config) and not (
            ops & {"average", "max", "min", "sum", "share", "breakdown", "difference", "ratio"}
        ):
            pass  # "across all <heads>": the total over them
        else:
            varying = (head.dimension, tuple(members))
    if varying is None and ops & {"max", "min"}:  # "the largest <group> <line>": among the group's members
        named_groups = [
            (d, k)
            for d, keys in items.items()
            if d in config.dimensions
            for k in keys
            if k in config.dimensions[d].groups and len(keys) == 1
        ]
        if len(named_groups) == 1:
            dim, key = named_groups[0]
            varying = (dim, config.dimensions[dim].groups[key])
            items.pop(dim)
    ranking = _ranking_unread(reading, config, ops, items, measure, varying)
    if ranking is not None:
        return ranking
    over = [v for t in reading.tokens for v in t.values("over") if v not in items and v in config.dimensions]
    if over and varying is None:  # "from which <heads>": each member of that dimension
        varying = (over[0], tuple(config.dimensions[over[0]].members))
    if varying and excluded:  # "excluding <member>, which <head> is the largest?"
        varying = (varying[0], tuple(k for k in varying[1] if (varying[0], k) not in excluded))
    if {d for d, _ in excluded} - ({varying[0]} if varying else set()):  # left out of one figure: not
        return Stop("clarify", "excluding", {})  # computed (whole, group or line), so asked back
    quantities = config.only(QUANTITY)
    if measure == QUANTITY and quantities and not set(quantities) & set(items) and varying is None:
        varying = (quantities[0], tuple(config.dimensions[quantities[0]].members))  # each planned deliverable
    years = list(reading.years)
    if reading.year_range and not ops & {"change", "difference", "ratio"}:
        first, last = reading.year_range  # every year of the range, and any other year named beside it
        if any(first < y < last for y in reading.years):
            return Stop("clarify", "two_questions", {})  # ("in <Y> … from <Y1> to <Y2>": one year, or all?)
        years = sorted({*range(first, last + 1), *reading.years})
    year_vary = any(
        h.dimension == YEAR_HEAD for h in reading.heads if h.how != "unbound" or ops & {"max", "min"}
    )
    if (
        measure == POSTS
        and reading.year_range
        and basis != "added"
        and reading.cumulative_year is None  # ("by <year>" says which)
        and reading.year_range[0] > config.budget_year
        and not ops & {"change", "difference", "average"}
    ):  # posts over later years: those added in them, or all the plan's posts by the last?
        first, last = reading.year_range
        return Stop("clarify", "posts_range", {"first": first, "last": last})
    if (
        measure == POSTS
        and reading.year_range
        and basis != "added"
        and not ops & {"change", "difference", "average"}
        and varying is None
    ):
        basis, year, years = (
            "cumulative",
            reading.year_range[1],
            [],
        )  # posts over a range of years: all by its end
    compared = reading.year_range or ops & {"change", "difference", "ratio", "share", "percent_change"}
    if reading.cumulative_year and set(years) - {reading.cumulative_year} and not compared:
        return Stop("clarify", "two_questions", {})  # ("by <year> and <year>": a total by each, or one?)
    changed = ops & {"change", "difference", "ratio", "percent_change"}  # ("grown by <Y2> against <Y1>")
    if reading.year_range and ops & {"difference", "ratio"}:
        years = _range_against_year(reading) or years  # ("over <Y1>-<Y2> than in <Y1>": by <Y2>, then <Y1>)
    if len(years) > 1 and (reading.cumulative_year is None or changed):
        if varying is not None:
            return Stop("clarify", "too_many", {})
        varying, year = (YEAR, tuple(years)), None
    elif year_vary and varying is None:
        if years:
            return Stop("clarify", "two_questions", {})  # ("in <year> … by year": that year, or each year?)
        varying, year = (YEAR, ()), None  # every year the tables give this figure for
    fixed = tuple((d, k[0]) for d, k in items.items() if len(k) == 1 and (varying is None or d != varying[0]))
    if varying and varying[0] in dict(fixed):
        fixed = tuple((d, k) for d, k in fixed if d != varying[0])
    notes = tuple(f"{m.words}={d}:{k}" for m, (d, k) in chosen if len(m.readings) > 1)
    notes += tuple(f"~{wrong}={right}" for wrong, right in reading.corrections)
    base = {
        "measure": measure,
        "fixed": fixed,
        "varying": varying,
        "year": year,
        "basis": basis,
        "notes": notes,
        "measure_given": _measure_named(reading) or measure != MONEY,
        "whole_said": any(t.has("quantifier", "all") or t.has("op", "sum") for t in reading.tokens),
    }
    every_year = "change" in ops and not reading.years and varying is None and basis == ""
    if every_year:
        varying, base["varying"], base["year"] = (YEAR, ()), (YEAR, ()), None  # "how did X change": by year
    threshold = reading.threshold
    if threshold is not None and (
        threshold.kind != "equal" or varying and _asks_members(reading, varying[0])
    ):
        return _filtered(reading, base, varying, ops)
    if threshold is None and _asks_members_than(reading, config):
        return Stop("clarify", "than_member", {})  # "how many <heads> have more posts than <member>"
    asked_members = bool(varying) and _asks_members(reading, varying[0])
    counts_members = any(
        t.has("op", "count") and not _counts_a_measure(reading.tokens, i)
        for i, t in enumerate(reading.tokens)
    )  # ("the largest <head> has how many <posts>": the posts are counted, and the figure asked)
    named_apart = (
        bool(varying)
        and not ops & {"max", "min"}  # (not "which <head> has the most <member>, and how many?")
        and any(d != varying[0] for m in reading.mentions if m not in reading.excluded for d, _ in m.readings)
    )  # ("how many <heads> have <member>": have any of it, or how much?)
    if asked_members and (
        counts_members and (_measure_named_apart(reading) or named_apart) or reading.numbers
    ):
        return Stop("clarify", "count_members", {})  # "which <head> has 13 <figure>": say how to compare
    operation = _operation(reading, ops, varying, items, basis, config)
    if isinstance(operation, Stop):
        return operation
    whole = [t.text for t in reading.tokens if t.has("share", "whole") and only_kinds(t, ("share",))]
    if whole and operation not in ("share", "rank", "place"):  # ("<A> out of <B>?"): a share not read as one
        return Stop("unread", "unread", {"words": whole})
    if _measures_joined(reading, config) and not (
        operation == "per_post" and _cost_over_posts(reading, config)
    ):
        return Stop("clarify", "two_questions", {})  # "the budget and posts of <member>": two figures
    if operation == "per_post" and not _cost_of_posts(reading, config):
        return Stop("clarify", "per_post_of_what", {})  # "the total budget per post": not the cost of a post
    spec = config.dimensions.get(varying[0]) if varying else None
    stock = (
        varying
        and varying[0] == YEAR
        and any(d in config.dimensions and k in config.dimensions[d].stocks for d, k in base["fixed"])
    )  # ("the reserve over five years in total": balances of several years add up to nothing)
    if operation == "sum" and (stock or spec is not None and varying and not spec.adds_up(varying[1])):
        if _has_op(reading, "sum"):  # ("income and expenditure", a line and its own parts): each figure,
            return Stop("clarify", "two_questions", {})  # never their sum
        operation = "breakdown"
    if operation not in ("per_post", "ratio") and _per_unread(reading):
        return Stop("unread", "not_computed", {"words": [reading.text]})  # ("posts per million dollars")
    if every_year and operation == "change":  # no years said: each year's figure, no one change between two
        operation = "breakdown"
    if reading.nth != 1 and (operation != "rank" or ops & {"difference", "ratio", "share", "average"}):
        return Stop(
            "unread", "not_computed", {"words": [reading.text]}
        )  # ("the largest less the second largest")
    in_percent = operation == "change" or operation == "difference" and "share" in ops
    if "percent_change" in ops and not in_percent and operation != "share":  # "percentage points" of a gap
        return Stop("clarify", "share_of_two", {})
    if operation == "share" and varying and varying[0] == YEAR and len(varying[1]) == 2:
        return Stop("clarify", "percent_of_which", {})  # "<year> than <year>, in percent": of which year?
    if operation == "share" and varying and varying[0] != YEAR and len(varying[1]) > 1:
        named = [m for m in reading.mentions if varying[0] in m.dimensions]
        tokens, last = reading.tokens, max((m.index for m in named), default=0)
        placed = (
            any(t.has("share") for t in tokens)
            or any(  # where a share's whole and part stand, or
                t.has("op", "share") and i > last and any(_content(x) for x in tokens[i + 1 :])
                for i, t in enumerate(tokens)
            )
        )  # a share word after the members and before a whole ("A and B account for <whole>")
        if len(named) > 1 and ("difference" in ops or not placed):  # "A than B, in percent", "A to B ratio?":
            return Stop("clarify", "share_of_two", {})  # together as a share of a whole, or A of B?
    if operation == "share":
        return _share(reading, chosen, base, config)
    largest = not (ops & {"min"}) or bool(ops & {"max"}) and _first_op(reading, ("max", "min")) == "max"
    return Intent(
        operation=operation,
        largest=largest,
        nth=reading.nth,
        reverse=(
            _change_backwards(reading, varying)
            if operation == "change"
            else (bool(ops & {"less"}) or operation == "ratio" and _per_names_first(reading, varying))
            != (operation == "difference" and _base_first(reading, varying))
        ),
        percent=in_percent and bool(ops & {"percent_change", "share"}),
        decrease=operation == "change"
        and not _has_op(reading, "increase")
        and (
            _has_op(reading, "decrease")
            or _has_op(reading, "less")
            and _compared_years(reading, varying) is not None
        ),  # ("fell by", "<A> lower than <B>, in percent": the size of the fall)
        prose=any(t.has("source", "prose") for t in reading.tokens),
        **base,
    )


def _first_op(reading: Reading, names: tuple[str, ...]) -> str | None:
    for token in reading.tokens:
        for name in names:
            if token.has("op", name):
                return name
    return None


def _yearly(reading: Reading) -> bool:
    """A change said per year over a range of years ("annual", "per year", "each year"): a yearly
    average, or each year's change?"""
    if reading.year_range is None and len(reading.years) < 3:
        return False
    tokens = reading.tokens
    per_year = any(
        (t.has("quantifier", "per") or t.has("quantifier", "each"))
        and i + 1 < len(tokens)
        and tokens[i + 1].has("head", "year:singular")
        for i, t in enumerate(tokens)
    )
    return per_year or any(t.has("yearly") for t in tokens)


def _basis(reading: Reading, measure: str) -> str:
    if measure != POSTS:
        return ""
    compared = reading.threshold.index if reading.threshold else -1  # ("up to 40 posts" compares)
    added = any(
        t.has("basis", "added") and not (reading.year_range and t.has("op", "change")) for t in reading.tokens
    )  # (an increase from one year to another is a change, not the posts added)
    if reading.cumulative_year is not None:
        return "cumulative"
    if any(
        t.has("basis", "cumulative") and not t.has("quantifier") and not t.has("range") and i != compared
        for i, t in enumerate(reading.tokens)
    ):
        return "added" if added else "cumulative"  # ("posts added over the plan period": added, by year)
    return "added" if added else ""


def _operation(reading: Reading, ops: set[str], varying, items, basis: str, config: Config) -> str | Stop:
    n = len(varying[1]) if varying and varying[1] else (0 if not varying else 99)
    if (
        "ratio" in ops
        and "per_post" not in ops
        and not _per_post_words(reading)
        and _cost_and_posts(reading, config)
        and not _cost_over_posts(reading, config)
    ):
        return Stop(
            "clarify", "two_questions", {}
        )  # ("<A>'s cost line divided by <B>'s posts"): not one figure
    if "per_post" in ops or _per_post_words(reading) or _cost_over_posts(reading, config):
        if _posts_per_post(reading, config):  # "how many <A> posts for each <B> post" (also "on average per")
            return "ratio" if n == 2 else Stop("clarify", "two_operands", {})
        if ops & {"difference", "share"}:  # ("the cost per post compared to the average"): two figures
            return Stop("clarify", "two_questions", {})
        counted = _has_op(reading, "count") or any(
            t.has("ask", "count_before") or t.has("measure", POSTS) and not t.has("entity")
            for t in reading.tokens
        )  # (a count asked, or the word for the number of posts)
        if counted and any(t.has("quantifier", "per") and t.has("op", "ratio") for t in reading.tokens):
            return Stop("unread", "not_computed", {"words": [reading.text]})  # ("posts per dollar")
        return "per_post"
    if (
        "average" in ops
        and not varying
        and any(t.has("measure", MONEY) for t in reading.tokens)
        and any(t.has("measure", POSTS) for t in reading.tokens)
    ):
        return "per_post"  # "the average cost per <member> post"
    if "ratio" in ops:
        return "ratio" if n == 2 else Stop("clarify", "two_operands", {})
    named = (
        bool(varying)
        and bool(varying[1])
        and (varying[0] == YEAR or set(varying[1]) <= set(items.get(varying[0], [])))
    )
    if named and reading.has("quantifier", "apart"):  # "<A> and <B> respectively": each figure, no sum
        if "share" in ops:
            return Stop("clarify", "two_questions", {})  # (several shares: one at a time)
        if not ops & {"difference", "change", "max", "min", "average"}:
            return "list"
    by_year = bool(varying) and varying[0] == YEAR
    if "share" in ops and "change" in ops and not by_year and len(reading.years) <= 1:
        return Stop("clarify", "change_of_what", {})  # "by what percentage did <member> fall": since when?
    if (
        {"share", "difference"} <= ops
        and by_year
        and n == 2
        and "change" not in ops
        and _compared_years(reading, varying)
    ):
        return "change"  # "<year> higher than <year>, in percent": the change from the year compared with
    if (
        {"share", "difference"} <= ops
        and varying
        and not by_year
        and n == 2
        and not ops & {"change", "less", "ratio"}
        and _compared_members(reading, varying)
    ):
        return "difference"  # "<A> higher than <B>, in percent": A's excess over B, as a percentage of B
    if (
        {"share", "difference"} <= ops
        and not by_year
        and reading.threshold is None
        and reading.has("compared")
    ):
        return Stop(
            "clarify", "share_of_two", {}
        )  # ("the total higher than <A> by what percentage"): no share
    if "share" in ops and not ("change" in ops and varying and varying[0] == YEAR):
        return "share"
    if "change" in ops and varying and varying[0] == YEAR:
        return "change"
    if "average" in ops and "difference" in ops:  # ("<year> against the average of <years>")
        return Stop("clarify", "two_operands", {})
    if "average" in ops:
        return "average" if varying else Stop("clarify", "average_of_what", {})
    if {"max", "min"} <= ops:  # "the largest and the smallest", "the gap between the top and the bottom"
        return Stop("clarify", "max_and_min", {})
    if ops & {"max", "min"} and varying and ("difference" not in ops or n != 2):
        return "rank"
    if "difference" in ops:
        if n == 2:
            return "difference"
        named = bool(varying) and set(varying[1]) <= set(items.get(varying[0], []))
        if (
            "sum" in ops or "average" in ops or named
        ):  # "A against B and C (together?)", "A against the average"
            return Stop("clarify", "two_operands", {})  # (one figure against several: not computed)
        return "breakdown" if varying else Stop("clarify", "two_operands", {})  # "compare each": side by side
    counted = bool(varying) and varying[0] != YEAR  # (years are not counted: "which year" is a figure's)
    if "count" in ops and counted and not any(t.has("measure") for t in reading.tokens) and not items:
        return "count"
    if "sum" in ops and varying:
        return "sum"
    if "change" in ops and not varying and len(reading.years) <= 1 and basis != "added":
        return Stop("clarify", "change_of_what", {})
    if varying and varying[1] and set(varying[1]) <= set(items.get(varying[0], [])):
        named = [m for m in reading.mentions if varying[0] in m.dimensions]
        if not _joined(reading, named) or reading.has("quantifier", "which"):
            return Stop("clarify", "two_operands", {})  # two members, no word saying what to do with them
        if "breakdown" in ops:
            return "list"  # "the budgets of SP1 and SP2 respectively": each, no total
        return "sum"  # "the budget of SP1 and SP2": each, and together
    if varying:
        return "breakdown"
    over = {v for t in reading.tokens for v in t.values("over")}
    if over - set(items):
        return "breakdown"
    if ops & {"max", "min"} and not ops & {"change", "difference", "share", "sum"}:
        return Stop("clarify", "rank_of_what", {})  # "the largest" of one figure: among what?
    return "lookup"


def _filtered(
    reading: Reading, base: dict, varying: tuple[str, tuple] | None, ops: set[str]
) -> Intent | Stop:
    """ "<heads> with more than <number> <measure>": the members whose figure passes the number."""
    threshold = reading.threshold
    assert threshold is not None
    if varying is None or reading.nth != 1 or ops - {"count"} or not _asks_members(reading, varying[0]):
        # nothing to count ("is SP1's budget over 50 million?"), or another figure asked of those that pass
        # ("the posts of the <heads> with more than 40 posts"): not computed
        return Stop("unread", "unread", {"words": [threshold.words]})
    others = [n for n in reading.numbers if threshold.kind != "equal" or n != threshold.number]
    if others or threshold.kind == "equal" and len(reading.numbers) > 1:  # ("between 35 and 41 posts")
        return Stop("unread", "unread", {"words": [threshold.words]})
    said = base["measure"] == QUANTITY or any(
        t.has("measure") for i, t in enumerate(reading.tokens) if i != threshold.index
    )
    if not said:
        return Stop("clarify", "which_measure", {})  # "more than 40": posts, or money?
    factor, unit = threshold.amount or (1.0, "")
    money = base["measure"] == MONEY
    if money and not threshold.amount or unit and (not money or unit == "%"):
        return Stop("clarify", "threshold_unit", {"words": threshold.words})  # 40 what?
    return Intent(operation="filter", threshold=(threshold.kind, threshold.number * factor), **base)


def _share(
    reading: Reading, chosen: list[tuple[Mention, tuple[str, str]]], base: dict, config: Config
) -> Intent | Stop:
    """The part and the whole of a share. The whole is what the question puts after "share of … goes to" /
    before a closing word of the whole, the part what it puts before "'s share"; the part keeps the whole's
    members."""
    tokens = reading.tokens
    at = next((i for i, t in enumerate(tokens) if t.has("op", "share")), None)
    in_percent = at is None  # said in percent, with no word of a share: the whole must be said
    if at is None:  # ("A compared with B, in percent")
        at = next(
            (i for i, t in enumerate(tokens) if t.has("share", "whole") and i not in reading.used), None
        )
        if at is None:
            return Stop("clarify", "share_whole", {})
    fixed = dict(base["fixed"])
    named = [(m, dk) for m, dk in chosen if dk[0] in fixed or base["varying"] and dk[0] == base["varying"][0]]
    before = [(m, dk) for m, dk in named if m.index < at]
    after = [(m, dk) for m, dk in named if m.index > at]
    whole: list[tuple[str, str]] | None = None
    close = next(
        (
            i
            for i, t in enumerate(tokens)
            if t.has("share", "close") and i < at and any(m.index < i for m, _ in named)
        ),
        None,
    )  # (a closing word with no member before it closes nothing: "<table> in, P's share of W")
    opened = max(
        (i for i, t in enumerate(tokens) if t.has("share", "open") and i < (close or 0)), default=None
    )
    if close is not None and opened is not None:  # "P <open> W <close> <share>"
        whole = [dk for m, dk in named if opened < m.index < close]
    elif close is not None:  # "W <close> P <share>"
        whole = [dk for m, dk in named if m.index < close]
    elif before and any(t.has("share", "whole") for t in tokens[: min(m.index for m, _ in before)]):
        whole = [dk for _, dk in before]  # "within W, what share is P"
    elif before and not after and (split := _divider(tokens, at, before, "to")) is not None:
        whole = [dk for m, dk in before if m.index < split]  # "W goes to P, in percent?": W before the word
    elif before and not after and (split := _divider(tokens, at, before, "part")) is not None:
        whole = [dk for m, dk in before if m.index > split]  # "P <is> W's <percent>": W after the copula
    elif before and (own := [dk for m, dk in after if _pronoun(reading, m) and dk in dict(before).values()]):
        whole = own  # "For <W>, what percent of its budget goes on <P>?": the pronoun's member
    elif before and _topic(reading, at, before, after):  # "W: what percent goes to P?"
        whole = [dk for _, dk in before]
    elif before and _of_next(reading, at, after):  # "P's share of W"
        whole = [dk for _, dk in after]
    elif after and not before:
        dividers = [
            (i, v)
            for i, t in enumerate(tokens)
            if i > at
            for v in t.values("share")
            if v in ("part", "whole")
        ]
        starts = {m.index for m, _ in after}
        split = next(
            (
                (i, v)
                for i, v in dividers
                if any(m.index < i for m, _ in after)
                and any(m.index > i for m, _ in after)
                and (v == "part" or _next_content(tokens, i) in starts)
            ),
            None,
        )  # (a word of the whole stands before the whole: "<P> in , goes on <W>" puts none after "in")
        if split is not None:
            i, kind = split
            first = [dk for m, dk in after if m.index < i]
            second = [dk for m, dk in after if m.index > i]
            whole = first if kind == "part" else second
        elif len({dk[0] for _, dk in after}) == 1 and not base["varying"]:
            last = max(last_index(reading, m) for m, _ in after)
            # "what share of <member> is for <a measure word>": the member is the whole; else of the total
            whole = [dk for _, dk in after] if any(t.has("share", "part") for t in tokens[last + 1 :]) else []
        elif base["varying"] and all(dk[0] == base["varying"][0] for _, dk in after):
            whole = []
    part_again = {
        j
        for j, t in enumerate(tokens)
        if before
        and j > at + 1
        and (t.has("quantifier", "this") or t.has("quantifier", "pronoun"))
        and tokens[j - 1].has("share", "part")
        and all(only_kinds(x, ("filler",)) for x in tokens[j + 1 :])
    }  # ("<P> - what percent of <W> is that?": the part named before, said again)
    referred = any(
        (t.has("quantifier", "pronoun") or t.has("quantifier", "this")) and not _in_mention(reading, t)
        for j, t in enumerate(tokens)
        if j not in part_again
    )  # ("<P> is what percent of its budget"): whose, when no member is named there
    if (
        whole is None
        or (referred and not whole)
        or any(
            t.has("quantifier", "this") and j not in reading.used and j not in part_again
            for j, t in enumerate(tokens)
            if j > at
        )
    ):
        return Stop("clarify", "share_whole", {})  # "a share of its budget": whose?
    if in_percent and not whole:  # ("<a line> in <a year>, in percent"): of what?
        return Stop("clarify", "share_whole", {})
    whole_over: tuple[str, tuple[str, ...]] | None = None
    for head in reading.heads:  # "of all four <heads>' budgets" where the heads are not all of its kind
        spec = config.dimensions.get(head.dimension)
        j = head.index - 1
        while (
            j > at
            and tokens[j].known
            and only_kinds(tokens[j], ("filler", "quantifier", "numeral", "joiner", "followup"))
        ):
            j -= 1
        placed = j == at or j > at and tokens[j].has("share", "whole")  # the head names the share's whole
        members = tuple(spec.heads.get(head.head, spec.members)) if spec else ()
        if spec and placed and set(members) != set(spec.members):
            part = [k for d, k in base["fixed"] if d == head.dimension]
            if (
                head.how not in ("plural", "all", "count")
                or head.count not in (None, len(members))
                or base["varying"]
                or not part
                or not set(part) <= set(members)
            ):
                return Stop("clarify", "share_whole", {})  # (a whole of some of them: which?)
            whole_over = (head.dimension, members)  # "of the four <heads> together": their sum
    line = "{}:{}".format(*config.posts_cost)

    def money(t: Token) -> bool:  # a word for money, or the cost line of posts, not in a member's name
        return not t.has("measure", POSTS) and (
            t.has("measure", MONEY) and not _in_mention(reading, t) or line in t.values("entity")
        )

    def counted(t: Token) -> bool:  # the word for the number of posts
        return t.has("measure", POSTS) and not t.has("entity")

    sides = (tokens[:at], tokens[at + 1 :])
    if (
        base["measure"] == POSTS
        and any(money(t) for t in sides[1])
        or any(counted(t) for t in sides[0])
        and any(money(t) for t in sides[1])
        or any(money(t) for t in sides[0])
        and any(counted(t) for t in sides[1])
    ):
        return Stop("clarify", "which_measure", {})  # posts counted as a share of money ("of the budget")
    apart = (
        before
        and after
        and any(  # ("<P>'s share? In <W>.": within W, or W's part of P?)
            ch in CLAUSE_MARKS  # (a comma too: "<P>'s share, in <W>, is?")
            for ch in reading.text[tokens[at].end : min(m.start for m, _ in after)]
        )
    )
    if apart:
        return Stop("clarify", "share_whole", {})
    if not whole and (_part_word_only(reading, base["measure"]) or _share_said_apart(reading, at)):
        return Stop("clarify", "share_whole", {})  # ("what percentage are the <P> posts?", "… ? As a share.")
    named = any(t.has("measure") or t.has("op", "sum") for t in tokens[at + 1 :])  # ("of the budget, total")
    base = {**base, "whole_word": named}
    varying = base["varying"]
    whole_coords = tuple(dk for dk in whole if dk in base["fixed"])
    spec = config.dimensions.get(varying[0]) if varying else None
    if varying and spec and len(varying[1]) == 2 and not any(dk[0] == varying[0] for dk in whole):
        totals = [w for w in varying[1] if any(spec.part_of(p, w) for p in varying[1])]
        whole = [*whole, (varying[0], totals[0])] if totals else whole  # "what share of <total> was <line>"
    if varying and any(dk[0] == varying[0] for dk in whole):
        return _share_within(base, whole, config)  # "what share of <total> is <a line of it>"
    if whole_over is not None:
        return Intent(operation="share", whole=whole_coords, whole_over=whole_over, **base)
    if set(whole_coords) == set(base["fixed"]) and not base["varying"]:
        return Stop("clarify", "share_whole", {})
    return Intent(operation="share", whole=whole_coords, **base)


def _part_word_only(reading: Reading, measure: str) -> bool:
    """Each word for what is measured (or for a total, or all) is said of a member named just before it
    ("<P> posts"), or posts are counted and there is none: the part's own word, none left to name a whole
    ("of the posts", "255 posts", "the total")."""
    tokens = reading.tokens
    said = [
        j
        for j, t in enumerate(tokens)
        if t.has("measure") or t.has("op", "sum") or t.has("quantifier", "all")
    ]  # ("the total", "all")

    def of_a_member(j: int) -> bool:
        k = j - 1
        while k >= 0 and only_kinds(tokens[k], ("filler",)):
            k -= 1
        return k >= 0 and _in_mention(reading, tokens[k])

    if not said:  # "what share is <P>?": of the posts, or of a group of them (a rate is its own figure)
        return measure == POSTS
    return all(of_a_member(j) for j in said)


def _money_said_apart(reading: Reading) -> bool:
    """A word for money (or a unit of money) in a sentence after the one that counts ("How many posts does
    <P> have? Cost, please."), with nothing divided ("cost per post? cost divided by the number of posts")."""
    tokens = reading.tokens
    counting = {_sentence(reading, t) for t in tokens if t.has("op", "count") or t.has("ask", "count_before")}
    money = {
        _sentence(reading, t)
        for t in tokens
        if (t.has("measure", MONEY) or t.has("unit")) and not _in_mention(reading, t)
    }
    divided = any(t.has("op", op) for t in tokens for op in ("per_post", "ratio", "average"))
    return bool(counting) and not divided and any(m > min(counting) for m in money - counting)


def _share_said_apart(reading: Reading, at: int) -> bool:
    """The share's word in a sentence of its own after the question, naming nothing ("How many posts does
    <P> have? As a share."): of what?"""
    tokens = reading.tokens
    own = _sentence(reading, tokens[at])
    inside = [t for t in tokens if _sentence(reading, t) >= own]
    return own > 0 and not any(t.has("measure") or t.has("entity") or t.has("op", "sum") for t in inside)


def _sentence(reading: Reading, token: Token) -> int:
    """Which sentence of the question a word stands in (0: the first)."""
    return sum(1 for ch in reading.text[: token.start] if ch in SENTENCE_ENDS)


def _ranking_unread(
    reading: Reading,
    config: Config,
    ops: set[str],
    items: dict[str, list[str]],
    measure: str,
    varying: tuple | None,
) -> Stop | None:
    """Rankings the calculator does not compute, asked back rather than ranked by something else: two
    superlatives ("the largest <head>'s largest <line>"); a superlative on the head with another figure
    asked ("the <line> of the largest <head>", "how many posts does the largest <head> have": largest by
    what?); the largest change between consecutive years."""
    tokens = reading.tokens
    superlatives = [
        i
        for i, t in enumerate(tokens)
        if any(t.has(kind, v) for kind in ("op", "ranked") for v in ("max", "min"))
    ]
    if {"max", "min"} <= ops and ops & {"change", "difference"} and by_year_asked(reading, varying):
        return Stop("clarify", "max_and_min", {})  # ("from the lowest year to the highest")
    places = [i for i, t in enumerate(tokens) if t.has("ranked") and i in reading.used and not t.has("op")]
    years = {*reading.years, *([reading.cumulative_year] if reading.cumulative_year else [])}
    years_apart = (
        len(years) > 1 and reading.year_range is None and not ops & {"difference", "ratio", "change"}
    )
    if (superlatives or places and reading.ranked) and years_apart:
        return Stop("clarify", "rank_then_figure", {})  # ("the most posts by <A>; how many in <B>?")
    if not superlatives and reading.ranked and places:  # ("ranked by <X>, the <n>th <head>")
        criterion = _ranked_by(reading, places[0])
        said = {v for i in criterion for v in tokens[i].values("measure")}
        if criterion and (
            _another_figure(reading, criterion, said, varying[0] if varying else YEAR)
            or _asked_after_the_ranking(reading, config, places[0], criterion, back=True)
        ):
            return Stop("clarify", "rank_then_figure", {})  # ranked by one figure, another asked
    if not superlatives or {"max", "min"} <= ops:
        return None
    if ops & {"difference", "ratio"}:
        return None  # ("how many times bigger", "how much larger than"): a comparison, not a ranking
    if len(superlatives) > 1 or ops & {"share", "average", "per_post"}:
        return Stop("clarify", "one_ranking", {})  # (a ranking of shares or averages is not computed)
    left_out = {m.index for m in reading.excluded}
    named = {
        v
        for i, t in enumerate(tokens)
        if i not in left_out
        for v in t.values("measure")
        if v in (MONEY, POSTS)
    }
    joined = [i for i, t in enumerate(tokens) if t.has("and") and i > superlatives[0]]
    then = tokens[joined[0] + 1 :] if joined else []  # ("the most <A>, and how many <B>"): asked apart
    before_and = {v for t in tokens[: joined[0]] for v in t.values("measure")} if joined else set()
    new = {v for t in then for v in t.values("measure")} - before_and
    if len(named) > 1 or any(t.has("ask") for t in then) and new:
        return Stop("clarify", "rank_then_figure", {})  # ("the <head> with the most posts, and its budget")
    if _asked_after_the_ranking(reading, config, superlatives[0]):
        return Stop("clarify", "rank_then_figure", {})  # ("which year had the most <A>? that year's <B>?")
    if varying and any(
        h.how == "which" and h.dimension not in (varying[0], YEAR_HEAD) for h in reading.heads
    ):
        return Stop("clarify", "one_ranking", {})  # ("which <head> …" ranking members of another kind)
    if "change" in ops and by_year_asked(reading, varying):
        return Stop("clarify", "largest_change", {})
    at = superlatives[0]
    for head in reading.heads:
        attached = at < head.index and all(
            only_kinds(tokens[k], ("filler",)) for k in range(at + 1, head.index)
        )
        if head.how != "which" or not attached:
            continue  # (only "the largest <head>", where the head says what is ranked and not by what)
        criterion = _ranked_by(reading, at)  # the words saying by what ("<measure>-most <head>", "by <X>")
        said = {v for i in criterion for v in tokens[i].values("measure")}  # (a measure restated: the same;
        # a member ranked by, and a money word asked: its figure, or the whole budget? asked back)
        if criterion and _another_figure(reading, criterion, said, head.dimension):
            return Stop("clarify", "rank_then_figure", {})  # ranked by one figure, another asked
        if not criterion and ([d for d in items if d != head.dimension] or measure == POSTS):
            return Stop("clarify", "rank_by_what", {"head": head.words})
    return None


SENTENCE_ENDS = "?？。!！;；"  # (punctuation that ends a sentence: what follows asks apart)
CLAUSE_MARKS = SENTENCE_ENDS + ",，、:："  # (and punctuation that ends a clause)
SMALL = ("filler", "share", "over", "ranked", "quantifier", "range", "label", "ordinal")  # (in a criterion)


def _asked_after_the_ranking(
    reading: Reading, config: Config, at: int, criterion: set[int] | None = None, back: bool = False
) -> bool:
    """A figure asked after a ranking at `at` that is not the one ranked by (the words written against the
    superlative in its sentence, with the small words between them, or `criterion`): a member or a measure
    they do not name; when they name a member and the question refers back to the one found ("that year",
    "its"; `back`: "the <n>th one's"), or name a line of accounts, any other word for money ("which year had
    the most <A>? what was that year's <B>?"); with no words ranked by, a member in a later sentence ("which
    <head> is largest? how much of it is from <source>?"). A word that only restates the measure ("how much
    money?") or the member asks for the ranked figure (a member with no measure word is ranked by money)."""
    tokens = reading.tokens

    def sentence(k: int) -> int:
        return _sentence(reading, tokens[k])

    def joined(k: int) -> bool:  # a word of the criterion's phrase ("the most <money> from <source>")
        t = tokens[k]
        refers = any(t.has("quantifier", q) for q in ("pronoun", "back", "this", "which"))
        stop = t.has("and") or t.has("ask") or t.has("head") or t.has("op") or t.has("year") or refers
        small = only_kinds(t, SMALL)
        return not stop and sentence(k) == sentence(at) and (t.has("measure") or t.has("entity") or small)

    if criterion is None:
        criterion = set()
        for step in (-1, 1):
            k = at + step
            while 0 <= k < len(tokens) and joined(k):
                criterion.add(k)
                k += step
    said = {tokens[k].text for k in criterion if tokens[k].has("measure") or tokens[k].has("entity")}
    ranked = {h.dimension for h in reading.heads if h.index < at}
    back = (
        back
        or any(h.index > at and h.dimension in ranked for h in reading.heads)
        or any(t.has("quantifier", "pronoun") or t.has("quantifier", "back") for t in tokens[at + 1 :])
    )
    if not back and not any(t.has("ask") for t in tokens[at + 1 :]):
        return False
    members = {v for k in criterion for v in tokens[k].values("entity")}
    measures = {v for k in criterion for v in tokens[k].values("measure")} or {MONEY}  # (a member: money)
    lines = any(  # a line of accounts ranked by: another word for money may be another line
        not spec.additive for d, spec in config.dimensions.items() for v in members if v.startswith(f"{d}:")
    )
    for k, t in enumerate(tokens):
        content = t.has("measure") or t.has("entity") or t.has("op", "sum")
        if k <= at or k in criterion or t.text in said or not content:
            continue
        named = set(t.values("entity")) - members and not t.has("measure", POSTS)  # (another member)
        if not said:
            if named and sentence(k) > sentence(at):
                return True
            continue
        if t.has("op", "sum") and back and members:  # ("the <n>th one's total"): all of it, not the part
            return True
        if not (t.has("measure") or t.has("entity")):
            continue
        plain = t.has("plain")  # ("amount", "money": no line of accounts)
        if set(t.values("measure")) - measures or named or (back and members or lines) and not plain:
            return True
    return False


def _another_figure(reading: Reading, criterion: set[int], said: set[str], dimension: str) -> bool:
    """Outside the words a ranking is by, the question names another figure: a member of another
    dimension, or a measure that is not the one ranked by (the same measure restated is the same figure)."""
    restated = {reading.tokens[k].text for k in criterion}  # ("by <X> … how much <X>": the same words)
    for i, token in enumerate(reading.tokens):
        if i in criterion or token.has("year") or token.text in restated:
            continue
        measures = set(token.values("measure"))
        if measures and measures <= said:
            continue  # ("the <head> with the most posts has how many posts")
        if measures or any(
            m.start <= token.start < m.end and m.dimensions - {dimension} for m in reading.mentions
        ):
            return True
    return False


def by_year_asked(reading: Reading, varying: tuple | None) -> bool:
    """The question ranges over years (a year head, or years varying)."""
    return bool(varying and varying[0] == YEAR) or any(h.dimension == YEAR_HEAD for h in reading.heads)


def _ranked_by(reading: Reading, at: int) -> set[int]:
    """The tokens that say what a superlative at `at` ranks by: its own measure ("<posts>-most"), the
    measure or member written against it ("<budget>-largest"), or what follows a word for "by"."""
    tokens = reading.tokens
    found = {at} if tokens[at].has("measure") else set()
    before = at - 1  # (written against it: a measure or member further before is the figure asked)
    while before >= 0 and (tokens[before].has("ordinal") or tokens[before].has("ordinal_prefix")):
        before -= 1  # ("<posts> third-most")
    if before >= 0 and (tokens[before].has("measure") or tokens[before].has("entity")):
        found.add(before)
    for i, token in enumerate(tokens):
        if token.has("ranked", "by"):
            j = i + 1
            while j < len(tokens) and (
                only_kinds(tokens[j], ("filler",)) or tokens[j].has("year") or tokens[j].has("op", "sum")
            ):  # ("by total budget")
                j += 1
            while j < len(tokens) and (
                tokens[j].has("measure") or tokens[j].has("entity") or _in_mention(reading, tokens[j])
            ):
                found.add(j)  # ("by <source> money": the words after "by", together)
                j += 1
    for first in sorted(found):  # ("<source> <spending>-highest"): the words it is written with
        k = first - 1
        while k >= 0 and k not in found and (tokens[k].has("entity") or tokens[k].has("measure")):
            found.add(k)
            k -= 1
    return found


def _topic(reading: Reading, at: int, before: list, after: list) -> bool:
    """Members named before the share word are its whole when a colon or dash sets them apart as what the
    question is about ("<W>: what percent is <P>?"), or a word saying what the whole goes to, or a copula,
    stands between the share word and the members after it ("<W>: what percent goes to <P>", "<W>'s
    budget, what share is <P>?")."""
    tokens = reading.tokens
    last = max(last_index(reading, m) for m, _ in before)
    if re.search(r"[:：—–]", reading.text[tokens[last].end : tokens[at].start]):
        return True
    first = min((m.index for m, _ in after), default=at)
    between = tokens[at + 1 : first]
    if any(t.has("op", "share") for t in tokens[at + 1 :]):
        return False  # ("<P>'s share is what percent of <W>": the second share word places the whole)
    lead = next((t for t in between if not only_kinds(t, ("filler", "ask"))), None)
    copula = (
        lead is not None
        and lead.has("share", "part")
        and all(only_kinds(t, ("filler", "share", "ask")) for t in between)
    )  # ("<W>'s budget, what share is <P>?", "Of <W>, what share is in <P>?": a copula, then the part)
    return copula or any(t.has("share", "to") for t in between)


def _pronoun(reading: Reading, mention: Mention) -> bool:
    return reading.tokens[mention.index].has("quantifier", "pronoun")


def _of_next(reading: Reading, at: int, after: list) -> bool:
    """The members after the share word are its whole ("<P>'s share of <W>", "<P>'s share is what percent
    of <W>", "<P>'s share of posts in <W>"), unless a verb saying what the whole goes to stands between,
    or a word for money or posts that no word of a whole ("in", "of") ties to them ("what percent of the
    budget goes on <W>" makes <W> the part)."""
    first = min((m.index for m, _ in after), default=at + 1)
    between = reading.tokens[at + 1 : first]
    if any(t.has("share", "to") for t in between):
        return False
    return all(
        not t.has("measure") or any(x.has("share", "whole") for x in between[j + 1 :])
        for j, t in enumerate(between)
    )


def _divider(tokens: list, at: int, before: list, kind: str) -> int | None:
    """A share word of `kind` with members named on both sides of it before the share word at `at`: "to"
    says what the whole goes to ("<W> goes to <P>"), "part" what the part is of ("<P> is <W>'s percent")."""
    return next(
        (
            i
            for i, t in enumerate(tokens[:at])
            if t.has("share", kind)
            and any(m.index < i for m, _ in before)
            and any(m.index > i for m, _ in before)
        ),
        None,
    )


def _place_of(
    reading: Reading,
    config: Config,
    items: dict,
    measure: str,
    basis: str,
    year: int | None,
    ops: set[str],
    excluded: set[tuple[str, str]],
) -> Intent | Stop:
    """ "Where does <member> rank (among the <heads>)?": its place among the head's members (those of the
    smallest head holding it when none is named), largest first unless the smallest is said. It ranks in
    the one dimension whose head the question says, else among the members of the kind named "for"."""
    said_in = {h.dimension for h in reading.heads if h.dimension in items and h.head in _heads(config, h)}
    ranking = said_in if len(said_in) == 1 else set(config.role("whom"))
    named = [(d, k) for d, keys in items.items() if d in ranking for k in keys]
    others = {d: keys for d, keys in items.items() if d not in ranking}
    measures = {v for t in reading.tokens for v in t.values("measure")}
    if (
        len(named) != 1
        or any(len(keys) > 1 for keys in others.values())
        or len(reading.years) > 1
        or reading.threshold is not None  # ("among those with more than <number>")
        or len(measures) > 1  # ("by posts and by budget")
        or ops & {"difference", "ratio", "share", "average", "change"}  # (a sum: "the total budget")
    ):
        return Stop("unread", "not_computed", {"words": [reading.text]})
    dim, key = named[0]
    spec = config.dimensions[dim]
    if len(spec.measures) == 1:
        measure = spec.measures[0]  # (a dimension with one measure ranks by it)
    elif measure != QUANTITY and not _measure_named_apart(reading):
        return Stop("clarify", "which_measure", {})  # "where does <member> rank": by money, or posts?
    said = [h.head for h in reading.heads if h.dimension == dim and h.head in spec.heads] + [
        name  # a head after the member, read as referring back to it ("<member>, among the <heads>, ranks")
        for t in reading.tokens
        if not _in_mention(reading, t)
        for name in (v.rsplit(":", 1)[0] for v in t.values("head"))
        if name in spec.heads
    ]
    holding = sorted((len(ms), h) for h, ms in spec.heads.items() if key in ms)
    head = said[0] if said else holding[0][1] if holding else ""
    members = tuple(m for m in spec.heads.get(head, ()) if (dim, m) not in excluded)  # ("excluding <B>")
    if key not in members or any(d != dim for d, _ in excluded):
        return Stop("unread", "not_computed", {"words": [reading.text]})
    return Intent(
        measure=measure,
        operation="place",
        fixed=tuple((d, keys[0]) for d, keys in others.items()),
        varying=(dim, tuple(members)),
        year=year,
        basis=basis,
        largest=not ops & {"min"} and not any(t.has("ranked", "ascending") for t in reading.tokens),
        place_of=key,
    )


def _heads(config: Config, use) -> dict:
    spec = config.dimensions.get(use.dimension)
    return spec.heads if spec else {}


def _asks_members_than(reading: Reading, config: Config) -> bool:
    """A comparison word before a member ("more than <member>") in a question asking how many or which
    of that member's kind (its head beside a word asking how many, even where the name bound the head)."""
    tokens = reading.tokens
    heads = config.head_dimensions()
    asked = {
        heads.get(t.values("head")[0].rsplit(":", 1)[0], "")
        for j, t in enumerate(tokens)
        if t.has("head") and _beside_asking(tokens, j)
    }
    asks = _asks_which(tokens)
    for i, token in enumerate(tokens):
        if not token.has("threshold"):
            continue
        j = i + 1
        while j < len(tokens) and only_kinds(tokens[j], ("filler",)):
            j += 1
        after = next((m for m in reading.mentions if m.index == j), None)
        if (
            after is not None
            and asks
            and any(_asks_members(reading, d) or d in asked for d in after.dimensions)
        ):
            return True  # (not "how many <deliverables> under <member>")
    return False


def _lines_named(
    reading: Reading, config: Config, chosen: list[tuple[Mention, tuple[str, str]]], dim: str, keys: list[str]
) -> list[str]:
    """ "<line> <the total it is printed in>", "<total> on <line>": the line. A
    total each of whose mentions stands beside one of its own lines (small words between, no "and") is
    dropped; a total named on its own is kept."""
    spec = config.dimensions.get(dim)
    if spec is None or not spec.within:
        return keys
    named = sorted(((m, k) for m, (d, k) in chosen if d == dim), key=lambda x: x[0].start)
    beside: dict[str, list[bool]] = {}
    for n, (mention, key) in enumerate(named):
        neighbours = [named[j] for j in (n - 1, n + 1) if 0 <= j < len(named)]
        close = any(
            spec.part_of(other, key) and _apart_by_fillers(reading, mention, m) for m, other in neighbours
        )
        beside.setdefault(key, []).append(close)
    return [k for k in keys if not (beside.get(k) and all(beside[k]))]


def _apart_by_fillers(reading: Reading, first: Mention, second: Mention) -> bool:
    """Only small words stand between two mentions (no coordinator, no comma)."""
    a, b = sorted((first, second), key=lambda m: m.start)
    between = [t for t in reading.tokens if a.end <= t.start and t.end <= b.start]
    small = all(t.has("filler") and not t.has("and") and not t.has("op") for t in between)
    return small and not _comma_between(reading, a, b)


def _asks_members(reading: Reading, dimension: str) -> bool:
    """The question asks for the members themselves: "which <heads>", or a word asking how many (or which)
    next to the head ("how many <heads>", "<head> <how many>"), over small words."""
    tokens = reading.tokens
    for head in reading.heads:
        if head.dimension != dimension and not (dimension == YEAR and head.dimension == YEAR_HEAD):
            continue
        at = head.index
        while head.how == "count" and at > 0 and only_kinds(tokens[at - 1], ("joiner", "numeral", "number")):
            at -= 1  # "how many of the seven <heads>": over the count restating them
        if head.how == "which" or _beside_asking(tokens, head.index) or _beside_asking(tokens, at):
            return True
        after = head.index + 1  # "<heads> among them, … which / how many": the heads the question ranges over
        if after < len(tokens) and tokens[after].has("share", "close") and _asks_which(tokens[after + 1 :]):
            return True
    return False


def _asks_which(tokens: list) -> bool:
    return any(t.has("op", "count") or t.has("quantifier", "which") for t in tokens)


def _counts_a_measure(tokens: list, j: int) -> bool:
    """The counting word at j names what it counts, or is followed (over small words) by its word, or right
    after it by a member whose figure it counts ("how many <deliverable>")."""
    k = j + 1
    while k < len(tokens) and only_kinds(tokens[k], ("filler",)):
        k += 1
    return tokens[j].has("op", "count") and (
        tokens[j].has("measure")
        or k < len(tokens)
        and tokens[k].has("measure")
        or j + 1 < len(tokens)
        and tokens[j + 1].has("entity")  # (right after it, not "how many have <A>")
    )


def _beside_asking(tokens: list, i: int) -> bool:
    """A word asking how many or which next to token i, over small words ("how many <heads>", "<head> <how
    many>", "<head> <which are they>")."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(tokens) and only_kinds(tokens[j], ("filler",)):
            j += step
        if not 0 <= j < len(tokens):
            continue
        if step == 1 and _counts_a_measure(tokens, j):
            continue  # "<head> <how many> <posts>": the posts are counted, not the heads
        if (
            tokens[j].has("op", "count")
            or tokens[j].has("quantifier", "which")
            or step == 1
            and tokens[j].has("ask")
        ):
            return True
    return False


def _share_within(base: dict, whole: list[tuple[str, str]], config: Config) -> Intent | Stop:
    """Two members of one dimension, one printed as a part of the other (a line of income within income):
    the part's share of the whole; any other two ask which whole."""
    dim, keys = base["varying"]
    spec = config.dimensions.get(dim)
    totals = [k for d, k in whole if d == dim]
    parts = [k for k in keys if k not in totals]
    if spec is None or len(keys) != 2 or len(totals) != 1 or not spec.part_of(parts[0], totals[0]):
        return Stop("clarify", "share_whole", {})
    others = tuple(dk for dk in base["fixed"] if dk[0] != dim)
    fixed = (*others, (dim, parts[0]))
    return Intent(
        operation="share", whole=(*others, (dim, totals[0])), **{**base, "fixed": fixed, "varying": None}
    )


def _joined(reading: Reading, mentions: list[Mention]) -> bool:
    """Whether two of these mentions stand side by side in a list: a coordinator between them ("and", a
    list mark, "vs"; filler words around it) or nothing at all ("A, B")."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for first, second in zip(ordered, ordered[1:], strict=False):
        between = [t for t in reading.tokens if first.end <= t.start and t.end <= second.start]
        joins = [t for t in between if t.has("and") or t.has("op", "difference") or t.has("range", "words")]
        gap = reading.text[first.end : second.start]
        written_together = not gap and not reading.text[first.start : second.end].isascii()  # one compound
        if (
            not between
            and not written_together
            or joins
            and all(t in joins or t.has("filler") for t in between)
        ):
            return True
    return False


def _coordinated(reading: Reading, first: Mention, second: Mention) -> bool:
    """A coordinator ("and", a list mark, "vs") stands between two mentions."""
    a, b = sorted((first, second), key=lambda m: m.start)
    between = [t for t in reading.tokens if a.end <= t.start and t.end <= b.start]
    return any(t.has("and") or t.has("op", "difference") or t.has("range", "words") for t in between)


def _comma_between(reading: Reading, first: Mention, second: Mention) -> bool:
    """The question as written has a comma between the two mentions (normalising drops it)."""
    a, b = sorted((first, second), key=lambda m: m.start)
    asked = reading.asked.lower()
    at = asked.find(a.words.lower())
    end = asked.find(b.words.lower(), at + len(a.words)) if at >= 0 else -1
    return at >= 0 and end >= 0 and any(mark in asked[at + len(a.words) : end] for mark in ",，、;；")


def _mixed_list(reading: Reading, chosen: list[tuple[Mention, tuple[str, str]]]) -> bool:
    """ "A, B and C" where C is read as a member of another kind than A and B: a list of things of one
    kind was meant, and one of them was read as something else (a word of a longer phrase, a verb)."""
    ordered = sorted(((m, dk) for m, dk in chosen if dk[0]), key=lambda c: c[0].start)
    for (first, (dim1, _)), (second, (dim2, _)) in zip(ordered, ordered[1:], strict=False):
        between = [t for t in reading.tokens if first.end <= t.start and t.end <= second.start]
        joined = any(t.has("and") for t in between) and all(t.has("and") or t.has("filler") for t in between)
        earlier = [d for m, (d, _) in ordered if m.start < first.start]
        if joined and dim1 != dim2 and earlier and all(d == dim1 for d in earlier):
            return True
    return False


def _ops_many(reading: Reading) -> bool:
    """An operation over several members ("compare", "together", "ratio")."""
    return bool(reading.ops() & {"difference", "sum", "ratio", "average"})


def _readings(reading: Reading, mention: Mention, config: Config) -> tuple[tuple[str, str], ...]:
    """The readings of a mention worth trying: an ambiguous word joined by "and" to a member of one of its
    dimensions is of that dimension ("<source> and <ambiguous name>": a source too);
    beside members of only the configured dimensions it is read as the preferred one."""
    token = reading.tokens[mention.index]
    lines = set(config.role("line"))
    other_lines = any(m is not mention and m.dimensions & lines for m in reading.mentions)
    if mention.dimensions <= lines and token.has("measure") and not other_lines:
        return (*mention.readings, ("", ""))  # "<source> <line word>": the source (beside no other line)
    if len(mention.readings) < 2:
        return mention.readings
    dims = {d for d, _ in mention.readings}
    before = [t for t in reading.tokens if t.end <= mention.start and not t.has("filler")]
    if before and set(before[-1].values("over")) & dims:  # "funded by <ambiguous name>": the source
        return tuple(r for r in mention.readings if r[0] in before[-1].values("over"))
    others = [m for m in reading.mentions if m is not mention and not _measure_word(reading, m, config)]
    for other in sorted(others, key=lambda m: abs(m.start - mention.start)):  # the nearest first
        if (
            len(other.readings) == 1
            and other.readings[0][0] in dims
            and _joined(reading, [mention, other])
            and (_coordinated(reading, mention, other) or _comma_between(reading, mention, other))
        ):  # "<source> and <ambiguous name>", "<source>, <ambiguous name>" (not "<source> <name>")
            return tuple(r for r in mention.readings if r[0] == other.readings[0][0])
    other_dims = {d for m in others for d in m.dimensions}
    preferred = [d for d in config.prefer if d in dims]
    if preferred and set(config.prefer) <= dims and others and other_dims <= config.when_only:
        return tuple(r for r in mention.readings if r[0] == preferred[0])
    return mention.readings


def _measure_word(reading: Reading, mention: Mention, config: Config) -> bool:
    """A member's word that here names what is counted ("posts": a member of one dimension, or the
    count of posts), not a member: it measures what none of its dimensions holds."""
    measures = set(reading.tokens[mention.index].values("measure"))
    held = {x for d in mention.dimensions if d in config.dimensions for x in config.dimensions[d].measures}
    return bool(measures) and not measures & held and not reading.measures() & held


def _measures_joined(reading: Reading, config: Config) -> bool:
    """Two figures of different measures asked together: a word for one measure joined by "and" to a
    word for another over small words ("the budget and the number of posts", "posts and dollars", "posts
    and what they cost"), or each asked for on its own ("how much is the budget, how many posts")."""
    cost_dim, cost_key = config.posts_cost
    tokens = reading.tokens

    def measures(token) -> set[str]:
        found = set(token.values("measure"))
        line = f"{cost_dim}:{cost_key}" in token.values("entity") and POSTS not in found
        return found | {MONEY} if line else found  # (the cost line of posts: money)

    def content(k: int, step: int) -> int:
        while 0 <= k < len(tokens) and (
            only_kinds(tokens[k], ("filler", "ask", "quantifier", "op"))
            or _in_mention(reading, tokens[k])
            and not measures(tokens[k])  # ("and SP1 budget")
        ):
            k += step
        return k

    for i, token in enumerate(tokens):
        if not token.has("and"):
            continue
        left, right = content(i - 1, -1), content(i + 1, 1)
        if left >= 0 and right < len(tokens):
            before, after = measures(tokens[left]), measures(tokens[right])
            if before and after and not before & after:
                return True
    share = any(t.has("ask", "figure") and t.has("op", "share") for t in tokens)
    asked = [t for t in tokens if t.has("ask", "figure") and not (share and t.has("op", "sum"))]
    # ("what percentage of the total …": the share's whole, not a second figure asked)
    named = set().union(*(measures(t) for t in tokens)) if tokens else set()
    return len(asked) > 1 and {MONEY, POSTS} <= named


def _per_unread(reading: Reading) -> bool:
    """ "per" before anything but a head ("per <head>": each one's figure): a figure divided by
    something ("posts per million dollars", "posts per P-5") that only a ratio or a cost per post divides."""
    tokens = reading.tokens
    for i, token in enumerate(tokens):
        if not token.has("quantifier", "per"):
            continue
        j = i + 1
        while j < len(tokens) and only_kinds(tokens[j], ("filler",)):
            j += 1
        named = j < len(tokens) and _in_mention(reading, tokens[j])
        if j == len(tokens) or tokens[j].has("head") and not named:
            continue  # ("per <head>": each one's figure; a head with its number names a member)
        if re.search(r"[,;:，；：]", reading.text[token.end : tokens[j].start]):
            continue  # ("per <a paragraph cited>, …": what followed it was cut out)
        after = tokens[j]
        if after.values("entity") or after.has("measure") or after.has("unit") or _a_number(after) or named:
            return True
    return False


def _content(token) -> bool:
    return token.known and not only_kinds(token, ("filler", "ask", "op"))


def _in_mention(reading: Reading, token) -> bool:
    return any(m.start <= token.start < m.end for m in reading.mentions)


def _a_number(token) -> bool:
    return token.has("number") or token.has("numeral")


def _cost_of_posts(reading: Reading, config: Config) -> bool:
    """The question asks for the cost of a post: a word for cost, or the cost line of posts, and no other
    line of the same kind ("grants per post"). Without a word for cost, a money word with "per post" ("the
    budget per post", "spend per post") may divide another figure: not read as the cost of a post."""
    cost_dim, cost_key = config.posts_cost
    said = False
    for token in reading.tokens:
        lines = [v for v in token.values("entity") if v.startswith(cost_dim + ":")]
        if token.has("cost") or lines == [f"{cost_dim}:{cost_key}"] and not token.has("measure", POSTS):
            said = True
        elif lines and not token.has("measure", POSTS):
            return False
    return said


def _per_names_first(reading: Reading, varying) -> bool:
    """ "each <B> … how many <A>": the member named right after "per" divides, even when named first; a
    "per" word said after what it divides (`per_before`: "<B>: per dollar, how much <A>?") divides by the
    member named right before it, when there is one."""
    tokens = reading.tokens
    per = next((i for i, t in enumerate(tokens) if t.has("quantifier", "per")), None)
    if per is None or not varying:
        return False
    if varying[0] == YEAR:  # (the years themselves: "for every dollar of <year> <line>")
        named = [(i, {(YEAR, t.values("year")[0])}, i) for i, t in enumerate(tokens) if t.has("year")]
    else:
        named = [
            (m.index, set(m.readings), last_index(reading, m))
            for m in reading.mentions
            if varying[0] in m.dimensions
        ]
    first = min((n for n in named if n[0] > per), key=lambda n: n[0], default=None)
    last = max((n for n in named if n[0] < per), key=lambda n: n[0], default=None)
    quiet = (
        last is not None
        and all(  # only small words (or what qualifies it) between it and the "per"
            (only_kinds(t, ("filler", "joiner")) or _in_mention(reading, t) or t.has("entity"))
            and not t.has("ask")
            for t in tokens[last[2] + 1 : per]
        )
    )
    wanted = (varying[0], str(varying[1][0]))
    if tokens[per].has("quantifier", "per_before") and last is not None and quiet:
        return wanted in last[1]
    return first is not None and wanted in first[1]


def _posts_per_post(reading: Reading, config: Config) -> bool:
    """No word for money (nor the cost line of posts), and posts counted before the "per" or twice: a
    number of posts for each post ("how many <A> posts per <B> post", "posts in <A> per post in <B>")."""
    tokens = reading.tokens
    line = "{}:{}".format(*config.posts_cost)
    if any(
        t.has("measure", MONEY) or line in t.values("entity") and not t.has("measure", POSTS) for t in tokens
    ):
        return False
    per = next(
        (i for i, t in enumerate(tokens) if t.has("quantifier", "per") or t.has("op", "per_post")), None
    )
    posts = [i for i, t in enumerate(tokens) if t.has("measure", POSTS)]
    return per is not None and (len(posts) > 1 or any(i < per for i in posts))


def _cost_and_posts(reading: Reading, config: Config) -> bool:
    """The cost line of posts and the word for posts counted, both named."""
    tokens = reading.tokens
    line = any(config.posts_cost in _readings_of(t) and not t.has("measure", POSTS) for t in tokens)
    return line and any(t.has("measure", POSTS) for t in tokens)


def _cost_over_posts(reading: Reading, config: Config) -> bool:
    """The cost line of posts, then a word dividing, then the word for posts counted ("<cost line> divided
    by the number of posts", "dividing <cost line> by <posts>"), and no other measure: the cost per post."""
    tokens = reading.tokens
    line = [
        i
        for i, t in enumerate(tokens)
        if config.posts_cost in _readings_of(t) and not t.has("measure", POSTS)
    ]
    divide = [i for i, t in enumerate(tokens) if t.has("op", "ratio") or t.text == "/"]
    counted = [i for i, t in enumerate(tokens) if t.has("measure", POSTS)]
    money = [t for t in tokens if t.has("measure", MONEY) and not t.has("unit")]
    if len(line) != 1 or not divide or not counted or money or reading.numbers or reading.heads:
        return False  # (a number or "all <heads>" said for the posts: not its own posts)
    if not (line[0] < counted[0] and (divide[0] < line[0] or line[0] < divide[0] < counted[0])):
        return False
    between = tokens[max(line[0], divide[0]) + 1 : counted[0]]
    after = tokens[counted[0] + 1 :]
    asks = [t for t in between if t.has("ask")]
    first = tokens[min(line[0], divide[0])].start
    said = {r for m in reading.mentions if m.end <= first for r in m.readings}
    again = set().union(*(_member_of(reading, t) for t in between))
    return (
        len(asks) <= 1
        and (not again or again == said)
        and not any(t.has("quantifier") for t in between)
        and not any(t.has("followup", "scope") or t.has("quantifier", "all") for t in after)
    )  # (the posts qualified apart, "the total number of <member> posts", "of the whole organisation": not
    # the line's own posts; "<member> <cost line> ÷ <member> posts" qualifies them alike)


def _per_post_words(reading: Reading) -> bool:
    """ "cost per <member> post", "what does a <member> post <cost>": "per" (or "a"), then members, then a
    word for posts."""
    tokens = reading.tokens
    for i, token in enumerate(tokens):
        if token.has("quantifier", "per") or token.has("quantifier", "one"):
            j = i + 1
            while (
                j < len(tokens)
                and (
                    tokens[j].values("entity")
                    or only_kinds(tokens[j], ("filler", "joiner"))
                    or _in_mention(reading, tokens[j])  # ("per SP2 post": a head with its number)
                )
                and not tokens[j].has("measure", POSTS)
                and not tokens[j].has("cost")
            ):  # "per <member>(-funded) post"
                j += 1
            post = j < len(tokens) and (
                tokens[j].has("measure", POSTS) or tokens[j].has("cost") and tokens[j].has("entity")
            )
            if i + 1 < j and post:  # (or "a <member> <cost line of posts>")
                return True
    return False
