"""What a question says, read once: the members it names (each with its possible readings), the
dimensions it names without a member, the years, the operation and measure words, and every word it
does not understand. Interpretation (calculator/intent.py) works on this, never on the text."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field, replace

from calculator.config import MONEY, POSTS, YEAR_HEAD, Config
from calculator.lexicon import Lexicon, Tag, Token, normalise, only_kinds

NUMBER_KINDS = ("numeral", "number", "roman")
COUNTING = (*NUMBER_KINDS, "ordinal", "ordinal_prefix", "tally")  # left over: a number bound to nothing
# a clause opens after these
_CLAUSE_MARKS = (
    ",",
    ";",
    ":",
    ".",
    "!",
    "?",
    "\uff0c",
    "\uff1b",
    "\uff1a",
    "\u3002",
    "\uff01",
    "\uff1f",
    "\u3001",
)


@dataclass(frozen=True)
class Mention:
    """Words that name a member: its readings (dimension, key), most of the time one."""

    readings: tuple[tuple[str, str], ...]
    words: str
    start: int
    end: int
    index: int  # of its first token

    @property
    def dimensions(self) -> set[str]:
        return {d for d, _ in self.readings}


@dataclass(frozen=True)
class HeadUse:
    """A noun naming a dimension with no member: "the <head>" (unbound), "each <head>", "which <head>",
    "the <heads>" (ranging over the head's members)."""

    head: str
    dimension: str
    how: str  # "unbound" | "all" | "each" | "which" | "plural" | "count" (with a number: "two <heads>")
    words: str
    start: int
    end: int
    index: int
    count: int | None = None


@dataclass(frozen=True)
class Missing:
    """A member the document does not have: a head with a number none of its members has."""

    head: str
    dimension: str
    number: int
    words: str


@dataclass(frozen=True)
class Threshold:
    """ "more than <number>": the number the members' figures are compared with, as the question says it."""

    kind: str  # above | at_least | below | at_most | equal ("<heads> with 41 posts")
    number: float
    amount: tuple[float, str] | None  # the amount word after the number ("million": factor, unit), if any
    words: str
    index: int  # of the comparison word


@dataclass
class Reading:
    """A question read with the lexicon."""

    text: str  # normalised
    language: str
    tokens: list[Token]
    mentions: list[Mention] = field(default_factory=list)
    excluded: list[Mention] = field(default_factory=list)  # "excluding posts": members left out
    heads: list[HeadUse] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    year_range: tuple[int, int] | None = None
    cumulative_year: int | None = None  # "by <year>"
    numbers: list[float] = field(default_factory=list)  # figures the question states itself
    corrections: list[tuple[str, str]] = field(
        default_factory=list
    )  # misspelt words read as ("techincal", "technical")
    unknown: list[str] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # tokens consumed by a mention, a head or a year
    asked: str = ""  # the question as the user wrote it (for questions offered back)
    nth: int = 1  # "the second largest": the place asked for in a ranking
    ranked: str = ""  # "max" / "min" said only by a word after an ordinal ("<ordinal> big")
    unread_ranges: set[int] = field(default_factory=set)  # range words between members of no order
    place_asked: bool = False  # "where does <member> rank", its place in a ranking
    threshold: Threshold | None = None  # "with more than <number> …": the members passing it are counted
    name_words: list[int] = field(default_factory=list)  # words read as part of a named member's long name
    own_words: list[str] = field(default_factory=list)  # the asker's own part or money ("our part", "we pay")
    money_named: list[int] = field(default_factory=list)  # (first tokens of) members named with a money word
    spent: bool = False  # money already spent is asked ("spent", "did <member> spend"), not the budget

    def has(self, kind: str, value: str | None = None) -> bool:
        return any(t.has(kind, value) for i, t in enumerate(self.tokens) if i not in self.used)

    def ops(self) -> set[str]:
        """Every operation a word of the question names."""
        return {v for t in self.tokens for v in t.values("op")} | ({self.ranked} if self.ranked else set())

    def measures(self) -> set[str]:
        return {v for i, t in enumerate(self.tokens) if i not in self.used for v in t.values("measure")}


def read(question: str, language: str, lexicon: Lexicon, config: Config, label: bool = False) -> Reading:
    """Tokens → mentions (with numbers bound to their heads), heads, years, stated numbers, unknowns.
    `label`: a table heading is read (its own words, "Total", "Subtotal", count as known)."""
    text = lexicon.spelled_numbers(lexicon.arabic_years(normalise(question)))
    corrections: list[tuple[str, str]] = []
    if label:
        tokens = lexicon.tokens(text)
    else:
        text, tokens, corrections = _corrected(text, lexicon)
    tokens = _asked_last(_defined(tokens, config, text))
    reading = Reading(text, language, tokens, corrections=corrections, asked=question.strip())
    past = [i for i, t in enumerate(tokens) if t.has("tense", "past")]
    reading.spent = any(
        t.has("actual") or past and past[0] < i and t.text in lexicon.after_past for i, t in enumerate(tokens)
    )
    _place(reading)
    heads = lexicon.heads
    n = len(tokens)

    def skip_joiners(i: int, step: int) -> int:
        while 0 <= i < n and tokens[i].has("joiner") and not _number(tokens[i]):
            i += step
        return i

    # 1. a head with its number after it, or an ordinal before it
    for i, token in enumerate(tokens):
        head_tags = token.values("head")
        if not head_tags:
            continue
        head, form = head_tags[0].rsplit(":", 1)
        dimension = heads.get(head, "")
        after = skip_joiners(i + 1, 1)
        before = skip_joiners(i - 1, -1)
        number, at = None, None
        if (
            after < n
            and _number(tokens[after]) is not None
            and not tokens[after].has("year")
            and (
                not tokens[after].has("roman")
                or tokens[after].has("number")
                or tokens[after].has("numeral")
                or after == i + 1
            )
        ):
            number, at = _number(tokens[after]), after
        if number is None and before >= 0 and tokens[before].has("ordinal") and before not in reading.used:
            number, at = int(tokens[before].values("ordinal")[0]), before
        elif (
            number is None
            and before >= 1
            and _number(tokens[before]) is not None
            and tokens[before - 1].has("ordinal_prefix")
        ):  # an ordinal mark, a number, the head
            number, at = _number(tokens[before]), before - 1
        if number is None or at is None or dimension in ("", YEAR_HEAD):
            continue
        first, last = min(i, at), max(i, at)
        words = text[tokens[first].start : tokens[last].end]
        reading.used.update(range(first, last + 1))
        numbers = [(number, first, last)]
        j = first - 1  # "the first and second <heads>": more ordinals of the same head before it
        while at < i and j >= 0:
            joined = tokens[j].has("and") or tokens[j].has("joiner")
            o = j - 1 if joined else j  # "first, second and fourth": listed, or joined by "and"
            if o < 0 or not tokens[o].has("ordinal"):
                break
            numbers.insert(0, (int(tokens[o].values("ordinal")[0]), o, o))
            reading.used.update(range(o, j + 1))
            j = o - 1
        k = last + 1  # "<heads> 1, 2 and 4": more numbers of the same head
        while k < n:
            if tokens[k].has("range", "words") and k + 1 < n and _number(tokens[k + 1]) is not None:
                first_n, last_n = numbers[-1][0], _number(tokens[k + 1])  # "<heads> 1 to 4"
                if last_n is not None and first_n < last_n <= first_n + 12:
                    numbers += [(v, k + 1, k + 1) for v in range(first_n + 1, last_n + 1)]
                    reading.used.update(range(k, k + 2))
                    k += 2
                    continue
            step = k + 1 if tokens[k].has("and") else k
            years_after = step + 1 < n and (
                tokens[step + 1].text in lexicon.year_words
                or tokens[step + 1].has("head", f"{YEAR_HEAD}:plural")
            )  # ("<heads> 2 and 4, two years"): a count of years, not another member
            if (
                step < n
                and _number(tokens[step]) is not None
                and not tokens[step].has("year")
                and not years_after
                and (step == k or tokens[step].has("number") or tokens[step].has("numeral"))
            ):
                numbers.append((_number(tokens[step]), step, step))  # type: ignore[arg-type]
                reading.used.update(range(k, step + 1))
                k = step + 1
            else:
                break
        for value, a, b in numbers:
            words = text[tokens[a].start : tokens[b].end]
            spec = config.dimensions.get(dimension)
            member = spec.numbered_member(head, value) if spec else None
            if member is None:
                reading.missing.append(Missing(head, dimension, value, words))
            else:
                reading.mentions.append(
                    Mention(((dimension, member),), words, tokens[a].start, tokens[b].end, a)
                )

    # 2. names of members
    for i, token in enumerate(tokens):
        if i in reading.used:
            continue
        entities = token.values("entity")
        if entities:
            readings = tuple(tuple(e.split(":", 1)) for e in entities)
            reading.mentions.append(Mention(readings, token.text, token.start, token.end, i))  # type: ignore[arg-type]
            reading.used.add(i)
            # a name that starts with a verb of change ("reduced …"): the verb is part of it
            if (
                i > 0
                and i - 1 not in reading.used
                and tokens[i - 1].has("op", "change")
                and only_kinds(tokens[i - 1], ("op",))
            ):
                reading.used.add(i - 1)

    reading.mentions.sort(key=lambda m: m.start)
    _ranges_of_members(reading, config)
    for i, token in enumerate(tokens):  # "excluding <member>": the next member is left out
        if token.has("exclude"):
            after = [m for m in reading.mentions if i < m.index <= i + 3]
            if not after:
                continue  # it leaves out nothing it names (a year, a word): not read, so asked
            reading.excluded.append(after[0])
            reading.used.add(i)
            last = after[0]  # "excluding A, B and C", "A、B、C", "A B and C": the whole list is left out
            for mention in reading.mentions:
                if mention.index <= last.index:
                    continue
                between = tokens[last_index(reading, last) + 1 : mention.index]
                if not all(t.has("and") or t.has("filler") and not t.has("op") for t in between) or (
                    between and not any(t.has("and") for t in between)
                ):
                    break  # ("excluding A, after which B": B is not left out)
                reading.excluded.append(mention)
                last = mention
    for i, token in enumerate(tokens):  # a closing word ("<except> A <besides>") after what it leaves out
        if token.has("exclude") and i not in reading.used and any(m.index < i for m in reading.excluded):
            reading.used.add(i)

    # 3. heads without a number: bound by a name beside them, ranging (each / all / which / plural), or not
    for i, token in enumerate(tokens):
        if i in reading.used or not token.has("head"):
            continue
        head, form = token.values("head")[0].rsplit(":", 1)
        dimension = heads.get(head, "")
        reading.used.add(i)
        if dimension == YEAR_HEAD:
            how = _quantified(tokens, i, lexicon.determiners) or ("plural" if form == "plural" else "unbound")
            if token.has("quantifier"):  # one word for "which" and "year"
                how = token.values("quantifier")[0]
            reading.heads.append(HeadUse(head, YEAR_HEAD, how, token.text, token.start, token.end, i))
            continue
        how = _quantified(tokens, i, lexicon.determiners)
        j = _before(tokens, i)
        if how is None and reading.nth is not None and j in reading.used and tokens[j].has("ordinal"):
            how = "which"  # "ranked, the <ordinal> <head>": the one at that place
        if how is None and _beside_a_name(reading, i, dimension):
            continue  # "the <name> <head>": the name's member, and of the head's dimension
        if how is None and _refers_back(reading, i, dimension, head, config):
            continue  # "<name> … that <head>": the member named before
        if how is None and j >= 0 and tokens[j].has("quantifier", "this"):
            how = "unbound"  # ("one of the <heads>", "these <heads>" with none named before): which?
        count = None
        if how is None:
            prev = skip_joiners(i - 1, -1)
            while prev > 0 and i - prev <= 2 and only_kinds(tokens[prev], ("filler",)):
                prev -= 1  # "<number> <words that say nothing> <heads>"
            if prev >= 0 and any(tokens[prev].has(kind) for kind in ("numeral", "number", "tally")):
                count = _number(tokens[prev]) or _tally(tokens[prev])
                reading.used.add(prev)
                how = "count"
                before = [
                    m for m in reading.mentions if m.end <= tokens[prev].start and dimension in m.dimensions
                ]
                if before and count == len(before) and not any(m in reading.excluded for m in before):
                    continue  # "<A> and <B>, the two <heads>": the members named, restated (read with them)
            else:
                how = "plural" if form == "plural" else "unbound"
        reading.heads.append(HeadUse(head, dimension, how, token.text, token.start, token.end, i, count))

    _pronouns(reading, config, lexicon.organisation)
    _bracketed_restatements(reading)

    # 4. years, a range ("A to B"), "by <year>" (all posts by then)
    years = [i for i, t in enumerate(tokens) if t.has("year")]
    in_range: set[int] = set()
    for a, b in zip(years, years[1:], strict=False):
        between = tokens[a + 1 : b]
        around = any(tokens[j].has("range", "around") for j in (a - 1, a - 2, b + 1) if 0 <= j < n)
        if (len(between) <= 2 or all(map(_aside, between))) and any(
            t.has("range", "words") or around and t.has("and") for t in between
        ):  # ("from <year> to <year>", "from <year>'s <n> to <n> in <year>": figures stated between)
            first, second = int(tokens[a].values("year")[0]), int(tokens[b].values("year")[0])
            after = a - 1 if a > 0 and tokens[a - 1].has("range", "after") else None
            if after is not None:  # ("after <year> through <year>": from the year after; that year not named)
                first += 1
                reading.used |= {after, a}
            if first <= second:
                reading.year_range = (first, second)
                in_range |= {a, b}
    named_years = {t.values("year")[0] for t in tokens if t.has("year")}
    _range_length(reading, lexicon, len(named_years))  # ("the two years", with no years: which?)
    for i, token in enumerate(tokens):
        if token.has("year") and i not in reading.used:
            year = int(token.values("year")[0])
            if year not in reading.years:
                reading.years.append(year)
            reading.used.add(i)
            before = i - 1
            while before >= 0 and tokens[before].has("filler") and not tokens[before].has("basis"):
                before -= 1
            if i not in in_range and before >= 0 and tokens[before].has("basis", "cumulative"):
                reading.cumulative_year = year

    _count_of_the_named(reading)
    _threshold(reading, lexicon)
    _subtractions(reading)
    _own_part(reading, lexicon)
    _own_phrases(reading, lexicon)
    reading.unread_ranges |= {i for i, t in enumerate(tokens) if t.has("within_year")}  # (whole years only)
    _measure_beside_a_member(reading)

    # 5. what is left: figures the question states, and words not understood
    unread: list[Token] = []
    for i, token in enumerate(tokens):
        if i in reading.unread_ranges:
            unread.append(token)
            continue
        if i in reading.used:
            continue
        if token.has("followup", "back") and (
            i > 0 and tokens[i - 1].text in lexicon.determiners or language != "en" and token.text.isascii()
        ):
            unread.append(token)  # ("the IT part": a name, not a pronoun)
            continue
        if token.has("number") and not token.tags - {t for t in token.tags if t.kind == "number"}:
            reading.numbers.append(float(token.values("number")[0]))
            continue
        if (
            not token.known
            or only_kinds(token, COUNTING)
            or only_kinds(token, ("exclude",))  # leaving out something it does not name
            or only_kinds(token, ("ranked",))  # "ranks" with no place after it
            or only_kinds(token, ("ordinal_place",))  # "place" with no ordinal before it
            or token.has("negation")  # "not <theme>": never read
            or token.has("correction")  # "I mean <B>": which words stand, not read
            or token.has("range", "after")  # "after" a year with no range after it: not read (a word that
            and (not token.has("filler") or _beside_a_year(tokens, i))  # also fills: only beside a year)
            or only_kinds(token, ("range",))  # "period" with no range of years it spans: which period?
            and token.has("range", "span")
            and reading.year_range is None
            or token.has("define")  # a definition not read as a group's members
            or token.has("bound")  # "<grade> and above": a range; "+" only joins two alike
            and (only_kinds(token, ("bound",)) or not _between_alike(reading, token))
            or token.has("bound_beside")
            and _beside_a_member(tokens, i)  # "over <grade>", not "<line> over <years>"
            or not label
            and (
                only_kinds(token, ("label",))
                or only_kinds(token, ("followup",))
                and token.has("followup", "moves")
            )
        ):  # a word that moves a follow-up ("previous", "next") says nothing a question alone can read
            if not token.known and _of_a_name(reading, token, lexicon):
                reading.used.add(i)  # a word of the long name of a member the question names
                reading.name_words.append(i)
                continue
            if not token.known and _predicate(reading, i, lexicon):
                reading.used.add(i)  # "is <member> planning": the verb of a filler, after its subject
                continue
            unread.append(token)
    reading.unknown = runs(text, unread)
    reading.money_named = [  # members whose name holds a word for money ("<source> budget")
        m.index
        for m in reading.mentions
        if any(
            tag.kind == "measure" and tag.value == "money"
            for w in m.words.split()
            for tag in lexicon.phrases.get(w, ())
        )
    ]
    return reading


def _aside(token: Token) -> bool:
    """A word between two years that leaves them a range: a figure stated, a filler, a verb of change."""
    return (
        only_kinds(token, ("number",))
        or only_kinds(token, ("filler", "joiner", "range", "basis", "budget_year"))
        or token.has("op", "change")
        and only_kinds(token, ("op", "basis"))
    )


def restated(reading: Reading, dimensions: set[str]) -> list[str]:
    """Words that name a member (of these dimensions) the question names elsewhere, apart from that
    mention ("<member> <category> on <a word of its name>"), and words of a member's long name read as
    part of it: they may name a theme instead."""
    found = [reading.tokens[i].text for i in reading.name_words]
    for first, second in itertools.combinations(reading.mentions, 2):
        same = {r for r in set(first.readings) & set(second.readings) if r[0] in dimensions}
        if same and second.index > last_index(reading, first) + 1:
            found.append(second.words)
    return found


def loose_runs(reading: Reading) -> list[str]:
    """The stretches of the question from a word not understood to the last one with only small words
    between them ("<theme> and <theme>"), as written: what a row's label must hold, all of it."""
    spans: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None  # (start of its first word not understood, end of its last)
    for i, token in enumerate(reading.tokens):
        if i not in reading.used and not token.known:
            current = (current[0] if current else token.start, token.end)
        elif i in reading.used or not only_kinds(token, ("filler", "and")):
            if current:
                spans.append(current)
            current = None
    if current:
        spans.append(current)
    return [reading.text[a:b] for a, b in spans]


def _predicate(reading: Reading, i: int, lexicon: Lexicon) -> bool:
    """A word not understood right after a member that follows an auxiliary ("is <member> planning",
    "does <member> foresee"), which is a form of a verb the lexicon drops ("plan"): the question's verb."""
    tokens = reading.tokens
    subject = next((m for m in reading.mentions if i > 0 and m.end == tokens[i - 1].end), None)
    return (
        subject is not None
        and subject.index > 0
        and tokens[subject.index - 1].text in lexicon.auxiliaries
        and lexicon.filler_form(tokens[i].text)
    )


def _of_a_name(reading: Reading, token: Token, lexicon: Lexicon) -> bool:
    """A word not understood that belongs to the long name of a member the question names ("the <head> on
    <a word of its long name> ..."): part of that name, not a new thing. A name that reads several members
    is narrowed to those whose long name holds the word (it says which is meant: never another one)."""
    text = token.text  # (English words: a Chinese character alone names too little to tell)
    if not text.isascii() or len(text) < 4 or text in lexicon.narrowing | lexicon.times:
        return False  # ("<member> in our region": not the "regions" of its long name)
    found = False
    for n, m in enumerate(reading.mentions):
        if m in reading.excluded:
            continue
        holding = tuple(r for r in m.readings if text[:5] in lexicon.name_words(*r))
        if holding:
            found = True
            reading.mentions[n] = replace(m, readings=holding)
    return found


def runs(text: str, tokens: list[Token]) -> list[str]:
    """Tokens written side by side (nothing but spaces between them), as the text writes them together:
    a name of several words or characters is one run ("brussels liaison office")."""
    spans: list[tuple[int, int]] = []
    for token in tokens:
        if spans and not text[spans[-1][1] : token.start].strip():
            spans[-1] = (spans[-1][0], token.end)
        else:
            spans.append((token.start, token.end))
    return [text[a:b] for a, b in spans]


def _corrected(text: str, lexicon: Lexicon) -> tuple[str, list[Token], list[tuple[str, str]]]:
    """The question with its misspelt words read as the lexicon's closest ("techincal" → "technical"),
    and its miswritten characters in names of a script without spaces, one at a time; what was read as
    what, for the answer to say."""
    tokens = lexicon.tokens(text)
    corrections = []
    for token in tokens:
        fixed = None if token.known else lexicon.correction(token.text)
        if fixed and fixed != token.text:
            corrections.append((token.text, fixed))
    for wrong, right in corrections:
        text = re.sub(rf"(?<![a-z]){re.escape(wrong)}(?![a-z])", right, text)
    if corrections:
        tokens = lexicon.tokens(text)
    tried: set[int] = set()
    changed: list[tuple[int, int]] = []  # the windows rewritten so far
    while True:
        unknown = (t for t in tokens if not t.known and not t.text.isascii() and t.start not in tried)
        token = next(unknown, None)
        if token is None:
            return text, tokens, corrections
        tried.add(token.start)
        fixed = next(  # (at any of its characters: a word not understood may be longer than the slip)
            (f for at in range(token.start, token.end) if (f := lexicon.substitution(text, at))), None
        )
        if fixed:
            at = text.find(fixed[0], max(0, token.start - len(fixed[0]) + 1))
            end = at + len(fixed[0])
            if any(at <= e and end >= s for s, e in changed):
                continue  # two corrections side by side: words put in, not characters miswritten
            changed.append((at, end))
            corrections.append(fixed)
            text = text[:at] + fixed[1] + text[end:]
            tokens = lexicon.tokens(text)


def _bracketed_restatements(reading: Reading) -> None:
    """A name in brackets after a member ("<A>, this <head> (<abbr.>)") that can read as that member
    restates it: it is read as that member only, not as another dimension's ("<A> (<abbr.> <head>)" too).
    One that reads exactly as the name before it ("<A> (<A's abbr.>)", both of two kinds) is that
    name said again: one mention, not two (never one reading for each)."""
    for k in range(len(reading.mentions) - 1, 0, -1):
        mention, before = reading.mentions[k], reading.mentions[k - 1]
        same = tuple(r for r in mention.readings if r in before.readings)
        after = last_index(reading, mention) + 1
        end = (
            reading.tokens[after].end
            if after < len(reading.tokens) and reading.tokens[after].has("head")
            else mention.end
        )  # ("(<abbr.> <head>)")
        if not _bracketed(reading.text, mention.start, end) or not same:
            continue
        if set(same) == set(before.readings) == set(mention.readings) and len(same) > 1:
            del reading.mentions[k]
            reading.used.add(mention.index)
        else:  # (the name before keeps its readings: "<A> (<member>)" may be A within that member)
            reading.mentions[k] = replace(mention, readings=same)


def _beside_a_year(tokens: list[Token], i: int) -> bool:
    return any(0 <= j < len(tokens) and tokens[j].has("year") for j in (i - 1, i + 1))


def _beside_a_member(tokens: list[Token], i: int) -> bool:
    """The word after token i names a member (not a word for what is counted: "posts")."""
    return i + 1 < len(tokens) and tokens[i + 1].has("entity") and not tokens[i + 1].has("measure")


def _between_alike(reading: Reading, token: Token) -> bool:
    """A word that may join two members ("+") stands between two members of one dimension."""
    before = [m for m in reading.mentions if m.end <= token.start]
    after = [m for m in reading.mentions if m.start >= token.end]
    if not before or not after:
        return False
    last, first = max(before, key=lambda m: m.end), min(after, key=lambda m: m.start)
    return bool(last.dimensions & first.dimensions)


def _place(reading: Reading) -> None:
    """ "the <ordinal> largest", "ranks <ordinal>", "in <ordinal> place": the place asked for in a ranking."""
    tokens = reading.tokens
    for i, token in enumerate(tokens):
        if not token.has("ordinal") or i in reading.used:
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        before = tokens[i - 1] if i > 0 else None
        nth = int(token.values("ordinal")[0])
        if after is not None and (after.has("op", "max") or after.has("op", "min")):
            reading.used.add(i)
        elif after is not None and (after.has("ranked", "max") or after.has("ranked", "min")):
            reading.ranked = "max" if after.has("ranked", "max") else "min"
            reading.used |= {i, i + 1}
        elif (
            before is not None
            and before.has("ranked", "place")
            or after is not None
            and after.has("ordinal_place")  # ("in <ordinal> place")
            or _head_after(tokens, i)
            and any(_ranks(t) for t in tokens[:i])
            and not any(_ranks(t) for t in tokens[i + 1 :])
        ):  # "ranks <ordinal>"; "ranked by <figure>, the <ordinal> <head>" (not "the <ordinal> <head> ranks")
            order = [
                j for j, t in enumerate(tokens) if t.has("ranked", "ascending") or t.has("ranked", "sorted")
            ]
            ascending = any(
                tokens[j].has("ranked", "ascending") for j in order
            )  # ("from the smallest, <n>th")
            reading.ranked = reading.ranked or ("min" if ascending else "max")
            reading.used |= {i, *order}  # (and the place words, below)
            if before is not None and before.has("ranked", "place"):
                reading.used.add(i - 1)
            if after is not None and after.has("ordinal_place"):
                reading.used.add(i + 1)
        else:
            continue
        reading.nth = nth
        for j, other in enumerate(tokens):  # "ranked by <figure>, the <ordinal> largest": its place word
            if other.has("ranked", "place") and only_kinds(other, ("ranked", "filler")):
                reading.used.add(j)
        return
    places = [
        i
        for i, t in enumerate(tokens)
        if t.has("ranked", "place") and only_kinds(t, ("ranked", "filler")) and i not in reading.used
    ]
    if places:  # a place word and no place given: the place is asked for ("sorted, <member> ranks where?")
        reading.place_asked = True
        reading.used.update(places)
        reading.used |= {
            j for j, t in enumerate(tokens) if t.has("ranked", "ascending") or t.has("ranked", "sorted")
        }  # "smallest first", "largest first"
        for i in places:
            if (
                i + 1 < len(tokens)
                and tokens[i + 1].known
                and only_kinds(tokens[i + 1], ("ordinal_prefix", "joiner"))
            ):
                reading.used.add(i + 1)  # "<place word> <ordinal mark> <which>"


def _asked_last(tokens: list[Token]) -> list[Token]:
    """A word that asks for a figure when it ends the question after what it asks of ("<the ratio> is
    what?", in a formal register), and means something else anywhere else ("why"): read as asking there."""
    words = [i for i, t in enumerate(tokens) if not only_kinds(t, ("filler",))]
    if len(words) < 2 or not tokens[words[-1]].has("ask", "last"):
        return tokens
    last = tokens[words[-1]]
    tags = frozenset({Tag("ask", "figure"), Tag("ask", "amount")})
    return [*tokens[: words[-1]], replace(last, tags=tags), *tokens[words[-1] + 1 :]]


def _closed(gap: str) -> bool:
    """Text between two words that closes a bracket or a clause (a closing bracket, a comma)."""
    return any(unicodedata.category(c) in ("Pe", "Po") for c in gap)


def _defined(tokens: list[Token], config: Config, text: str) -> list[Token]:
    """ "<a group>, i.e. <its members>": a question that says what it means by a group's name, listing
    exactly the group's members after a word that defines ("i.e.", "namely"), is read with the members
    (and a member restated in other words, with them), and so is a name the lexicon does not know before
    members of one dimension (the asker's own name for them: "extrabudgetary, i.e. <A> plus <B>").
    Any other use of a defining word (a qualifier after it, a definition that differs from the group's)
    is left unread: no figure for a name read two ways."""
    for at, token in enumerate(tokens):
        if not token.has("define"):
            continue
        before = at - 1
        small = ("filler", "measure", "unit", "year", "share")
        while before >= 0 and tokens[before].known and only_kinds(tokens[before], small):
            before -= 1  # (the words for money or posts, a year after the name: "<name> in <year>, i.e.")
        after, listed = at + 1, []
        while (
            after < len(tokens)
            and (
                tokens[after].has("entity")
                or tokens[after].has("and")
                or only_kinds(tokens[after], ("filler",))
            )
            and not (listed and _closed(text[tokens[after - 1].end : tokens[after].start]))
        ):  # (to a closing bracket or a comma: "<name> (i.e. <member>) <grade> posts")
            if tokens[after].has("entity") and not tokens[after].has("measure"):
                listed.append(tokens[after])
            after += 1
        group = tokens[before] if before >= 0 else None
        read_as_listed = tokens[:before] + tokens[before + 1 : at] + tokens[at + 1 :]  # (the words between,
        # a year say, kept)
        if (
            group is not None
            and len(listed) == 1
            and set(group.values("entity")) & set(listed[0].values("entity"))
        ):
            return read_as_listed  # "<name>, that is <the same member said otherwise>"
        if group is None or len(listed) < 2:
            return tokens
        name = (
            before - 1
            if before > 0 and _bracketed(text, tokens[before].start, tokens[before].end)
            else before
        )  # ("<name> (<abbr.>)")
        if (
            not group.known
            and not tokens[name].known
            and _alike(listed)
            and not _qualified(tokens, name, after)
        ):
            return (
                tokens[:name] + tokens[before + 1 : at] + tokens[at + 1 :]
            )  # "<own name>, i.e. <A> plus <B>"
        for value in group.values("entity"):
            dim, key = value.split(":", 1)
            members = config.dimensions[dim].groups.get(key) if dim in config.dimensions else None
            named = [
                {v.split(":", 1)[1] for v in t.values("entity") if v.startswith(dim + ":")} for t in listed
            ]
            if members and all(named) and _one_each(named, set(members)):
                return read_as_listed
        return tokens
    return tokens


def _bracketed(text: str, start: int, end: int) -> bool:
    """The words from `start` to `end` are written in brackets, of either width ("extrabudgetary (XB)")."""
    return text[:start].rstrip().endswith(("(", "\uff08")) and text[end:].lstrip().startswith((")", "\uff09"))


def _qualified(tokens: list[Token], name: int, after: int) -> bool:
    """A name of the asker's own (from the word at `name`, not understood) that is qualified: another word
    not understood before it ("monthly <name>"), or an operation, exclusion or negation after the members
    (", i.e. <A> plus <B>, minus <C>")."""
    return (
        name > 0
        and not tokens[name - 1].known
        or any(
            t.has("op") or t.has("exclude") or t.has("negation") or t.has("subtract") for t in tokens[after:]
        )
    )


def _alike(listed: list[Token]) -> bool:
    """Members listed that can all be of one dimension."""
    dimensions = [{v.split(":", 1)[0] for v in t.values("entity")} for t in listed]
    return bool(set.intersection(*dimensions))


def _one_each(named: list[set[str]], members: set[str]) -> bool:
    """Each listed name can be a different member of the group, and together they are all of it."""
    if len(named) != len(members):
        return False
    chosen: set[str] = set()
    for options in sorted(named, key=len):
        free = sorted(options & members - chosen)
        if not free:
            return False
        chosen.add(free[0])
    return chosen == members


def _range_length(reading: Reading, lexicon: Lexicon, listed: int) -> None:
    """ "The five years <A> to <B>", "the three years <A>, <B> and <C>": a count of years beside a range
    (or a list of `listed` years) restates it when it is their number (read with it); any other count of
    years ("the four years <A> to <B>") is not read."""
    ranged = reading.year_range
    length = ranged[1] - ranged[0] + 1 if ranged else listed
    tokens = reading.tokens
    year_head = (f"{YEAR_HEAD}:plural", f"{YEAR_HEAD}:singular")  # ("five-year average")
    for i, token in enumerate(tokens):
        if i in reading.used or token.has("year"):
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        said = (
            _number(token)
            if after and (any(after.has("head", h) for h in year_head) or after.text in lexicon.year_words)
            else None
        )
        if said is None and ranged and only_kinds(token, ("basis", "filler")):
            said = lexicon.leading_number(token.text)  # one word for "<n> years"
            after = None
        if said is None:
            continue
        if said != length:
            reading.unread_ranges.add(i)
            continue
        reading.used.add(i)
        if after is not None:
            reading.used.add(i + 1)
            reading.heads = [h for h in reading.heads if h.index != i + 1]  # not "each year"


def _count_of_the_named(reading: Reading) -> None:
    """ "<A> and <B> … the two": a number with no head after it that counts the members of one kind the
    question named before it refers back to them (read with them); any other number is left as it is."""
    tokens = reading.tokens
    for i, token in enumerate(tokens):
        if i in reading.used or not only_kinds(token, ("numeral", "filler", "tally")):
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if after is not None and (after.has("head") or after.has("year")):
            continue
        named: dict[str, int] = {}
        for m in reading.mentions:
            if m.end <= token.start and m not in reading.excluded:
                for dimension in m.dimensions:
                    named[dimension] = named.get(dimension, 0) + 1
        if (_number(token) or _tally(token)) in named.values():
            reading.used.add(i)


def _measure_beside_a_member(reading: Reading) -> None:
    """ "<income> and expenditure", "the total budget and grants", "the budget and <a source>": a
    word for a measure alone joined to a member names a second figure (a line it does not name, or the
    whole beside its part); left unread (never the member's figure alone)."""
    tokens = reading.tokens
    ends = {last_index(reading, m) for m in reading.mentions}
    starts = {m.index for m in reading.mentions}

    def over_small(k: int, step: int) -> int:
        while 0 <= k < len(tokens) and only_kinds(tokens[k], ("filler",)) and not tokens[k].has("and"):
            k += step
        return k

    bare = ("measure", "label", "unit")
    for i, token in enumerate(tokens):
        if i in reading.used or not token.has("measure") or not only_kinds(token, bare):
            continue
        left, right = over_small(i - 1, -1), over_small(i + 1, 1)
        joined_after = left >= 0 and tokens[left].has("and") and over_small(left - 1, -1) in ends
        joined_before = right < len(tokens) and tokens[right].has("and")
        joined_before = joined_before and over_small(right + 1, 1) in starts
        if joined_after or joined_before:
            reading.unread_ranges.add(i)


def _subtractions(reading: Reading) -> None:
    """A subtraction, left unread: a word that can mean nothing else (one tagged only as a subtraction),
    wherever it stands; "<A> less <B>" between two things named (members or years), not the smaller of the
    two; "less <B>" opening a clause ("…, less <B>.")."""
    tokens = reading.tokens
    years = {i for i, t in enumerate(tokens) if t.has("year")}
    measures = {i for i, t in enumerate(tokens) if t.has("measure")}  # ("the budget less <B>")
    ends = {last_index(reading, m) for m in reading.mentions} | years | measures
    starts = {m.index for m in reading.mentions} | years | measures  # ("income less expenditure")
    for i, token in enumerate(tokens):
        if not token.has("subtract") or i in reading.used:
            continue
        if all(tag.kind == "subtract" for tag in token.tags):
            reading.unread_ranges.add(i)
            continue
        before = reading.text[: token.start].rstrip()
        if i - 1 not in ends and before and not before.endswith(_CLAUSE_MARKS):
            continue
        after = i + 1
        while after < len(tokens) and only_kinds(tokens[after], ("filler",)):
            after += 1
        if after in starts:
            reading.unread_ranges.add(i)


def _own_part(reading: Reading, lexicon: Lexicon) -> None:
    """A part or share after a word of the asker's own ("our part", "my country's <source> share"),
    across members, possessives and determiners only: the asker's part, which no table gives; left unread
    (never a share of the whole, nor the whole)."""
    tokens = reading.tokens
    named = {i for m in reading.mentions for i in range(m.index, last_index(reading, m) + 1)}
    between = lexicon.possessives | lexicon.determiners | {"own"}
    for i, token in enumerate(tokens):
        if not (token.has("op", "share") or token.text in lexicon.parts):
            continue
        j = i - 1
        while (
            j >= 0
            and tokens[j].text not in lexicon.owners
            and (j in named or tokens[j].text in between or tokens[j].has("quantifier", "this"))
        ):
            j -= 1
        if j >= 0 and tokens[j].text in lexicon.owners:
            reading.unread_ranges.add(i)
            reading.own_words.append(token.text)
    skip = lexicon.possessives | lexicon.speakers | lexicon.determiners | lexicon.owner_links | {"own"}
    skip |= lexicon.auxiliaries  # ("we are funding")
    for j, token in enumerate(tokens):  # ("our allocation", "do we contribute"): the asker's money
        if token.text not in lexicon.owners or (token.text.split() or [""])[0] not in lexicon.speakers:
            continue  # (not "<member>'s TC as a percent of its own budget")
        k = j + 1
        while k < len(tokens) and not _paying(tokens[k], lexicon) and (k in named or tokens[k].text in skip):
            k += 1
        if k < len(tokens) and _paying(tokens[k], lexicon):
            reading.unread_ranges.add(j)
            reading.own_words.append(token.text)


def _own_phrases(reading: Reading, lexicon: Lexicon) -> None:
    """Words that say the asker's own part wherever they stand ([context] own: "ours", "falls to us",
    "as a member state"): the words they cover are unread."""
    for phrase in lexicon.own:
        at = reading.text.find(phrase)
        while at >= 0:
            end = at + len(phrase)
            if phrase.isascii() and (
                at > 0 and reading.text[at - 1].isalnum() or reading.text[end : end + 1].isalnum()
            ):
                at = reading.text.find(phrase, at + 1)
                continue  # (a whole word: not the "ours" of "hours")
            for i, token in enumerate(reading.tokens):
                if token.start < end and at < token.end and i not in reading.unread_ranges:
                    reading.unread_ranges.add(i)
                    reading.own_words.append(token.text)
            at = reading.text.find(phrase, end)


def _paying(token: Token, lexicon: Lexicon) -> bool:
    """A word for money, or a verb of paying ([context] paying)."""
    return token.has("measure", "money") or (token.text.split() or [""])[0] in lexicon.paying


def _threshold(reading: Reading, lexicon: Lexicon) -> None:
    """A comparison word beside a number ("more than 40", "40 or more", "above 50 million"): the question's
    threshold (the first one; another stays a number the question states)."""
    tokens = reading.tokens
    for i, token in enumerate(tokens):
        if i in reading.used or token.has("year") or not token.has("number") and not token.has("numeral"):
            continue
        before = i - 1
        if before > 0 and only_kinds(tokens[before], ("measure", "unit")):
            before -= 1  # "above US$ 50 million"
        amount = next(  # the amount word after the number ("million", "million dollars")
            (
                lexicon.amounts[w]
                for nxt in tokens[i + 1 : i + 3]
                for w in (nxt.text, *nxt.text.split()[:1])
                if w in lexicon.amounts
            ),
            None,
        )
        between = 0  # "40 posts or more", "50 million or more": a unit, an amount word between
        while between < 2 and i + 1 + between < len(tokens):
            nxt = tokens[i + 1 + between]
            if nxt.has("threshold") or not (
                nxt.has("joiner") or nxt.has("measure") or nxt.text in lexicon.amounts
            ):
                break
            between += 1
        named = i + 1 < len(tokens) and tokens[i + 1].has("entity")  # "<heads> with 28 <projects>"
        at = next(
            (
                j
                for j in (before, i + 1 + between)
                if 0 <= j < len(tokens) and j not in reading.used and tokens[j].has("threshold")
            ),
            None,
        )
        number = float(token.values("number")[0] if token.has("number") else token.values("numeral")[0])
        if at is None:
            if named or between and any(tokens[i + 1 + k].has("measure") for k in range(between)):
                words = reading.text[token.start : tokens[i + between].end]  # "<heads> with 41 posts"
                reading.threshold = Threshold("equal", number, amount, words, i)
                return  # (the number stays one the question states: a figure is checked against it)
            continue
        words = reading.text[tokens[min(at, i)].start : tokens[max(at, i)].end]
        reading.threshold = Threshold(tokens[at].values("threshold")[0], number, amount, words, at)
        reading.used |= {at, i}
        _range_the_head(reading)
        return


def _range_the_head(reading: Reading) -> None:
    """ "The <head> with more than <number>" (no plural in the language): its members."""
    unbound = [h for h in reading.heads if h.how == "unbound"]
    if len(unbound) == 1:
        reading.heads = [replace(h, how="plural") if h is unbound[0] else h for h in reading.heads]


def _number(token: Token) -> int | None:
    for kind in NUMBER_KINDS:
        values = token.values(kind)
        if values:
            try:
                return int(float(values[0]))
            except ValueError:
                return None
    return None


def _tally(token: Token) -> int | None:
    values = token.values("tally")
    return int(float(values[0])) if values else None


def _quantified(tokens: list[Token], i: int, determiners: set[str]) -> str | None:
    """ "each", "all", "which" before a head (over filler words: "all of the"); a superlative before it
    asks which ("the largest <head>"). "Which" right before a determiner asks of something else ("what
    the <head>'s total comes to": the head is not ranged over)."""
    j = _before(tokens, i)
    if j >= 0 and tokens[j].has("quantifier"):
        kinds = tokens[j].values("quantifier")
        if j + 1 < i and tokens[j + 1].text in determiners:
            kinds = [k for k in kinds if k != "which"]
        for how in ("which", "each", "all"):
            if how in kinds:
                return how
    if j >= 0 and (tokens[j].has("op", "max") or tokens[j].has("op", "min")):
        return "which"
    if j > 0 and _ranked(tokens[j]) and tokens[j - 1].has("ordinal"):  # "<ordinal> largest <head>"
        return "which"
    if 0 <= j < len(tokens) - 1 and tokens[j].has("ordinal") and _ranked(tokens[j + 1]):  # (a filler word)
        return "which"
    return None


def _ranks(token: Token) -> bool:
    """A word of a ranking's place or order alone ("ranked", "from the largest")."""
    return token.has("ranked") and only_kinds(token, ("ranked", "filler")) and not _ranked(token)


def _head_after(tokens: list[Token], i: int) -> bool:
    """A head follows token i (over joiners: "<ordinal> <classifier> <head>")."""
    j = i + 1
    while j < len(tokens) and tokens[j].has("joiner") and not tokens[j].has("head"):
        j += 1
    return j < len(tokens) and tokens[j].has("head")


def _ranked_op(token: Token) -> bool:
    return token.has("op", "max") or token.has("op", "min")


def _ranked(token: Token) -> bool:
    return token.has("ranked", "max") or token.has("ranked", "min")


def _before(tokens: list[Token], i: int) -> int:
    """The index of the word before token i, over filler words and joiners (-1 if none)."""
    j = i - 1
    while j >= 0 and (tokens[j].has("filler") or tokens[j].has("joiner")) and not tokens[j].has("quantifier"):
        j -= 1
    return j


COMPARING = ("difference", "less", "ratio", "sum", "change", "max", "min")


def _refers_back(reading: Reading, i: int, dimension: str, head: str, config: Config) -> bool:
    """A head after a word that refers back ("that", "the same") names the one member of its kind the
    question named before it; the head and that word are then read. Anything else is left unbound."""
    j = _before(reading.tokens, i)
    if j < 0 or not reading.tokens[j].has("quantifier", "back"):
        return False
    under = set(config.dimensions[dimension].heads.get(head, ())) if dimension in config.dimensions else set()
    return _bind_back(reading, j, i, {(dimension, key) for key in under})


def _pronouns(reading: Reading, config: Config, organisation: set[str]) -> None:
    """ "its" names the one member of a "whom" dimension (whose figures they are) the question named
    before it ("<member>'s <figure> as a share of its budget"), else the one member named before it of
    any dimension ("<source>: what is its total?"); after "which <head>" it is the one the answer finds;
    after the organisation's own name with no member and no "and" between, the organisation ("does the
    organisation need across all of its components"); otherwise it stays unbound (and is asked back)."""
    whom = {(d, k) for d in config.role("whom") for k in config.dimensions[d].members}
    every = {(d, k) for d, spec in config.dimensions.items() for k in spec.members}
    for j, token in enumerate(reading.tokens):
        if j not in reading.used and token.has("quantifier", "pronoun"):
            superlative = any(_ranked_op(t) for t in reading.tokens[:j])  # (then "its" may be the one found)
            if not superlative and (_bind_back(reading, j, j, whom) or _bind_back(reading, j, j, every)):
                continue
            names = [i for i, t in enumerate(reading.tokens[:j]) if t.text in organisation]
            if (
                names
                and not any(names[-1] < m.index < j for m in reading.mentions)
                and not any(t.has("and") for t in reading.tokens[names[-1] : j])
            ):  # (not "<organisation> and its <heads>": the whole, or only its members?)
                reading.used.add(j)
                continue
            ranked = superlative or any(t.has("quantifier", "which") for t in reading.tokens[:j])
            if _restates_the_ranking(reading, j, config) and any(
                h.index < j and (h.how == "which" or ranked and h.how in ("count", "plural"))
                for h in reading.heads
            ):
                reading.used.add(j)  # "which <head> is largest, and what is its amount?": the one found


def _restates_the_ranking(reading: Reading, j: int, config: Config) -> bool:
    """ "Which of the <heads> has the fewest <posts>? Give its number of <posts>": after "its" the
    question asks again for the figure it ranked by and names nothing else (no member anywhere, no measure
    it did not rank by, no operation), so "its" is the member the ranking finds. The figure ranked by may
    be a line that is money only, named before "its" ("which <head> has the most <line>? Its amount?")."""
    tokens = reading.tokens
    ranked_by = {v for t in tokens[:j] for v in t.values("measure")}
    asked = {v for t in tokens[j + 1 :] for v in t.values("measure")}
    ranked = min((h.index for h in reading.heads if h.index < j), default=j)  # (what is ranked)
    money = set(config.only(MONEY))
    lines = [m for m in reading.mentions if ranked < m.index < j and all(d in money for d, _ in m.readings)]
    if len(lines) == 1:
        ranked_by.add(MONEY)
    if (
        not ranked_by
        or len(ranked_by | asked) > 1
        or any(
            m.index > ranked and m not in lines and not tokens[m.index].has("measure", POSTS)
            for m in reading.mentions
        )
    ):
        return False  # (a member named after what is ranked, but for the word for posts: what it is ranked
        # by, or another figure; two measures: ranked by one, another asked)
    return all(not t.has("op") or t.has("op", "count") for t in tokens[j + 1 :])


def _bind_back(reading: Reading, j: int, i: int, wanted: set[tuple[str, str]]) -> bool:
    """The word at j refers back to the one member in `wanted` named before it: a mention of that member
    is added at token i, and j is read. Not across "and" or a comparison (a second member is meant)."""
    earlier = {
        reading_
        for m in reading.mentions
        if m.index < j and m not in reading.excluded and set(m.readings) <= wanted  # never an ambiguous name
        for reading_ in m.readings
    }
    if len(earlier) != 1:
        return False
    first = min(m.index for m in reading.mentions if m.index < j and set(m.readings) & earlier)
    between = reading.tokens[first + 1 : j]
    if any(t.has("and") or any(t.has("op", op) for op in COMPARING) for t in between):
        return False  # "A and that A", "A more than that A": a second member is meant, not told which
    token = reading.tokens[i]
    reading.mentions.append(Mention(tuple(earlier), token.text, token.start, token.end, i))
    reading.mentions.sort(key=lambda m: m.start)
    reading.used.add(j)
    return True


def _beside_a_name(reading: Reading, i: int, dimension: str) -> bool:
    """A head next to a member of its dimension names that member ("the <name> <head>"), and settles an
    ambiguous name ("<name> as a <head>" is of that head's dimension)."""
    for n, mention in enumerate(reading.mentions):
        if mention in reading.excluded:
            continue
        last = last_index(reading, mention)
        if dimension in mention.dimensions and (0 < i - last <= 3 or 0 < mention.index - i <= 3):
            between = reading.tokens[min(last, i) + 1 : max(mention.index, i)]
            # (another head between: "<name> <head> of <head>", the name's own kind said twice)
            quiet = (t.has("filler") or t.has("joiner") or t.has("head") for t in between)
            if all(quiet) and not any(t.has("and") for t in between):
                kept = tuple(r for r in mention.readings if r[0] == dimension)
                reading.mentions[n] = replace(mention, readings=kept)
                return True
    return False


def last_index(reading: Reading, mention: Mention) -> int:
    """The index of the last token of a mention."""
    inside = [i for i, t in enumerate(reading.tokens) if mention.start <= t.start < mention.end]
    return max(inside, default=mention.index)  # (a member a range stands for is written nowhere)


def _ranges_of_members(reading: Reading, config: Config) -> None:
    """ "SP1–SP4": two numbered members of one dimension with only a range word between them stand for
    every member numbered between. Members with no numbers ("<grade> to <grade>", "between <grade> and
    <grade>") are not counted between: the range is left unread (unless the words compare the two)."""
    tokens = reading.tokens
    numbered = [m for m in reading.mentions if len(m.readings) == 1]
    comparing = reading.ops() & {"ratio", "difference", "share", "change"}  # "the ratio of A to B"
    for first, second in zip(numbered, numbered[1:], strict=False):
        between = [t for t in tokens if first.end <= t.start and t.end <= second.start]
        (dim, a), (dim2, b) = first.readings[0], second.readings[0]
        spec = config.dimensions.get(dim)
        if dim != dim2 or spec is None or not between or comparing:
            continue
        low, high = spec.numbered.get(a), spec.numbered.get(b)
        before = [t for t in tokens if t.end <= first.start][-1:]
        after = [t for t in tokens if t.start >= second.end][:1]
        joined = any(t.has("and") for t in between) and all(t.has("and") or t.has("filler") for t in between)
        ranged = all(t.has("range", "words") for t in between)
        between_and = joined and any(t.has("range", "around") for t in before + after)
        if (ranged or between_and) and (low is None or high is None):
            reading.unread_ranges.update(i for i, t in enumerate(tokens) if t in between)  # none numbered
            continue
        if not ranged or low is None or high is None or high <= low + 1:
            continue
        for key, number in spec.numbered.items():
            if low < number < high:
                reading.mentions.append(Mention(((dim, key),), key, first.end, first.end, first.index))
        reading.used.update(i for i, t in enumerate(tokens) if t in between)
    reading.mentions.sort(key=lambda m: (m.start, m.end))
