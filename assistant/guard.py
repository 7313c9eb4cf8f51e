"""Checks an LLM's answer against the passages it was given: its markers and references, every number it
states (its value, sign, unit and scale, in the passage its sentence cites), and no HTML or foreign link."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from ingest.fidelity import _COMMA_THOUSANDS, _MONTH, _SPACED_THOUSANDS, MONTHS
from retriever.references import find_references, parse_reference

_MARKER = re.compile(r"[\[【]([^\[\]【】\n]{1,120})[\]】]")
_MARKERS = re.compile(rf"(?:\s*{_MARKER.pattern})+")
_SEPARATOR = re.compile(r"\s*[,;，；、/]\s*|\s+(?:and|和|及)\s+")
_BULLET = re.compile(r"^[ \t]*[-*•]\s+", re.MULTILINE)
_LIST_NUMBER = re.compile(r"^(\s*)(\d{1,2})[.)、](?=\s)", re.MULTILINE)
_OWN_NUMBER = re.compile(r"^\s*(\d{1,4})\.\s")  # "59. Total projected income…": ¶59's own number
# a sentence ends at 。！？, at ". " before a capital, at a line break after a mark or before a list item
_SENTENCE_END = re.compile(
    r"(?<=[。！？!?])|(?<=[^\d\s]\.)\s+(?=[A-Z“\"(\d])|(?<=[.;:：；])\s*\n\s*|\s*\n(?=\s*•)"
)
_PUNCTUATION = " \t\n,;:.!?，；：。！？、•"
_HTML = re.compile(r"</?([A-Za-z!][\w-]*)[^<>]*>?")
_LINK = re.compile(
    r"\b(?:[a-z][a-z0-9+.-]*://|www\.|mailto:|javascript:)[^\s<>()\[\]【】\"'“”]+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|int|info|io|co|biz|xyz|top|ru|cn|me|app|link)\b[^\s<>()\[\]【】]*",
    re.IGNORECASE,
)
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")

# Numbers in words: Chinese numerals (百分之十五, 四个, 第九十九段) and English (fifteen, seventy-third).
_ZH_DIGIT = dict(zip("〇零一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_ZH_POWER = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
_ZH_RUN = re.compile(r"(?<!\d)[〇零一二两三四五六七八九十][〇零一二两三四五六七八九十百千万亿]*")
_ZH_PERCENT = re.compile(r"百分之\s*(\d+(?:\.\d+)?)")
_ZH_COUNTED = "个项名次年届段倍类种位家条月日周天岁所期轮份件"  # 四个, 三年, 第三段; not 统一 or 第一
# fmt: off
_EN_NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
               "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_EN_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                "eleventh", "twelfth", *(word + "th" for word in _EN_NUMBERS[12:])]
# fmt: on
_EN_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_VALUE = {
    **{word: n for n, word in enumerate(_EN_NUMBERS, 1)},
    **{word: n for n, word in enumerate(_EN_ORDINALS, 1)},
    **{word: n for n, word in zip(range(20, 100, 10), _EN_TENS, strict=True)},
    **{word[:-1] + "ieth": n for n, word in zip(range(20, 100, 10), _EN_TENS, strict=True)},
}
_EN_UNIT = "|".join(_EN_NUMBERS[:9] + _EN_ORDINALS[:9])  # twenty-one, seventy-third
# "one", "first" and "second" alone stay words ("one of", "second session") on both sides
_EN_ALONE = "|".join(sorted(set(_EN_VALUE) - {"one", "first", "second"}, key=len, reverse=True))
_EN_WORDS = re.compile(
    rf"\b(?:({'|'.join(_EN_TENS)})[-\s]({_EN_UNIT})|({_EN_ALONE})|(one)(?=\s+(?:hundred|thousand|million|billion)\b))\b",
    re.IGNORECASE,
)

# A quantity: sign, currency, digits, scale and unit read together ("-US$ 1.3 million", "130 万美元").
_SCALE = {
    "hundred": 10**2,
    "thousand": 10**3,
    "千": 10**3,
    "万": 10**4,
    "million": 10**6,
    "亿": 10**8,
    "billion": 10**9,
}
_QUANTITY = re.compile(
    r"(?P<sign>(?<![\w.\-–−])(?:[-−–](?=(?:US\$|\$)?\s?\d)|minus\s+|负\s*))?"
    r"(?:(?P<pre>US\$|USD|\$)\s?(?P<sign2>[-−–]\s?)?)?"
    r"(?P<num>\d+(?:\.\d+)?)"
    r"(?:\s*多?\s*(?P<scale>hundred|thousand|million|billion|千|万|亿)(?![a-z]))?"
    r"(?P<post>\s?(?:%|per\s?cent\b|percent\b|美元|(?:United States |US |U\.S\. )?dollars\b|USD\b))?",
    re.IGNORECASE,
)
# a resolution's number, 73/239, is one number, not 73 and 239
_RESOLUTION = re.compile(r"(?<![A-Za-z0-9/])\d{1,3}/\d{1,4}(?![A-Za-z0-9/])")
_DATE = re.compile(
    rf"\b(?P<month>{'|'.join(m.capitalize() for m in MONTHS)})\s+(?:\d{{1,2}},\s*)?(?P<year>\d{{4}})\b"
    r"|(?P<zh_year>\d{4})\s*年\s*(?P<zh_month>\d{1,2})\s*月"
)
_CELL_NEGATIVE = re.compile(
    r"(?:^|(?<=\t)|(?<=: ))\((\d+(?:\.\d+)?)\)(?=$|[\t\s\[【.,;。，；])", re.MULTILINE
)
_MONEY_TABLE = re.compile(r"千美元|thousands? of (?:United States|US) dollars", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+|[\u4e00-\u9fff]|\d+(?:\.\d+)?")
ANCHOR_WORDS = 4  # "income for 2020 is" names the number after it

PROBLEMS = {
    "unknown": ("it cited {marker}, which it was not given", "它引用了未提供给它的{marker}"),
    "no_marker": ("it cited no passage", "它没有标注任何引文"),
    "number": ("it states {number}, which is in none of the passages", "它给出的数字 {number} 不在段落中"),
    "elsewhere": (
        "it states {number} citing {marker}, which does not give it",
        "它引用 {marker} 给出 {number}，但该段落没有这个数字",
    ),
    "unit": (
        "it states {number}, which the passages give in another unit or scale",
        "它给出的 {number} 在段落中的单位或数量级不同",
    ),
    "conflict": (
        "it states {number} where {marker} gives {given}",
        "它给出 {number}，而 {marker} 在同一处给出的是 {given}",
    ),
    "repeated": (
        "it states {number} more often than the passages it cites",
        "它给出 {number} 的次数多于所引段落",
    ),
    "uncited": ("it states a claim with no marker: “{sentence}”", "有一句话没有标注引文：“{sentence}”"),
    "html": ("it contains HTML ({html})", "它包含 HTML（{html}）"),
    "link": ("it contains a link that none of the passages holds: {link}", "它包含段落中没有的链接：{link}"),
    "empty": ("it returned no text", "它没有返回任何文字"),
}


@dataclass(frozen=True)
class Quantity:
    """A number as stated: its value (signed decimal; "2019-11" for a month; "73/239"), its unit ("", "%",
    "$" or "date"), the words that state it and where they start."""

    value: str
    unit: str
    text: str
    start: int = field(default=0, compare=False)


@dataclass
class _Evidence:
    """The numbers of one or more passages: how often each is given, and which follow which words."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    after: dict[str, set[tuple[str, str]]] = field(default_factory=dict)

    def add(self, other: _Evidence) -> _Evidence:
        self.counts += other.counts
        for anchor, given in other.after.items():
            self.after.setdefault(anchor, set()).update(given)
        return self


def _problem(key: str, language: str, **kw: object) -> str:
    return PROBLEMS[key][1 if language == "zh" else 0].format(**kw)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def label_forms(label: str) -> set[str]:
    """The ways a marker may name a labelled passage: "表 4.2 / Table 4.2", "表 4.2", "Table 4.2"."""
    return {_key(label), *(_key(part) for part in label.split(" / "))}


def _zh_number(run: str) -> int:
    if all(c in _ZH_DIGIT for c in run):  # 二〇一九
        return int("".join(str(_ZH_DIGIT[c]) for c in run))
    total = section = digit = 0
    for c in run:
        if c in _ZH_DIGIT:
            digit = _ZH_DIGIT[c]
        elif _ZH_POWER[c] < 10**4:
            section, digit = section + (digit or 1) * _ZH_POWER[c], 0
        else:
            total, section, digit = (total + section + digit) * _ZH_POWER[c], 0, 0
    return total + section + digit


def _zh_numerals(match: re.Match[str]) -> str:
    run, after = match[0], match.string[match.end() : match.end() + 1]
    counted = len(run) == 1 and run != "一" and after in _ZH_COUNTED
    written = len(run) > 1 and any(c in "十百千万亿〇零" for c in run)
    percent = match.string.endswith("百分之", 0, match.start())
    return str(_zh_number(run)) if counted or written or percent else run


def normalise(text: str) -> str:
    """The text as the guard reads it: NFKC (１３％ -> 13%), no invisible characters (1\u200b5 -> 15),
    numbers in words written in digits (百分之十五 -> 15%, fifteen -> 15, 第九十九段 -> 第99段)."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    text = _ZH_PERCENT.sub(r"\1%", _ZH_RUN.sub(_zh_numerals, text))
    return _EN_WORDS.sub(lambda m: str(sum(_EN_VALUE[w.lower()] for w in m.groups() if w)), text)


def _decimal(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _prepared(text: str) -> str:
    return _CELL_NEGATIVE.sub(r"-\1", _COMMA_THOUSANDS.sub("", _SPACED_THOUSANDS.sub("", text)))


def quantities(text: str, money_table: bool = False) -> list[Quantity]:
    """Every number of a normalised text with its sign, unit and scale; a month with its year also as a
    date. In a table in thousands of dollars each plain number is also that many dollars. Starts are
    positions in `_prepared(text)`."""
    text = _prepared(text)
    found = [
        Quantity(f"{int(m['year'] or m['zh_year'])}-{month}", "date", m[0], m.start())
        for m in _DATE.finditer(text)
        for month in [MONTHS.index(m["month"].lower()) + 1 if m["month"] else int(m["zh_month"])]
    ]
    found += [
        Quantity(str(MONTHS.index(m[0].lower()) + 1), "", m[0], m.start()) for m in _MONTH.finditer(text)
    ]
    found += [Quantity(m[0], "", m[0], m.start()) for m in _RESOLUTION.finditer(text)]
    text = _RESOLUTION.sub(lambda m: " " * len(m[0]), text)
    for m in _QUANTITY.finditer(text):
        value = Decimal(m["num"]) * _SCALE.get((m["scale"] or "").lower(), 1)
        value = -value if m["sign"] or m["sign2"] else value
        post = (m["post"] or "").strip().lower()
        unit = "%" if post[:1] in ("%", "p") else "$" if m["pre"] or post else ""
        found.append(Quantity(_decimal(value), unit, m[0].strip(), m.start()))
        if money_table and not unit and not m["scale"]:
            found.append(Quantity(_decimal(value * 1000), "$", m[0].strip(), m.start()))
    return found


def _anchor(before: str) -> str | None:
    """The words just before a number, when there are enough of them to name it."""
    words = _WORD.findall(before[-80:])[-ANCHOR_WORDS:]
    letters = [w for w in words if not w[0].isdigit()]
    return " ".join(words).casefold() if len(words) == ANCHOR_WORDS and len(letters) > 1 else None


def _evidence(source: str) -> _Evidence:
    """A passage's numbers; in a table row, every number of the row follows the row's label."""
    evidence = _Evidence()
    money = bool(_MONEY_TABLE.search(source))
    for line in _prepared(source).splitlines():
        label, tab, cells = line.partition("\t")
        for q in quantities(line, money):
            evidence.counts[(q.value, q.unit)] += 1
            anchor = _anchor(label if tab and q.start >= len(label) else line[: q.start])
            if anchor:
                evidence.after.setdefault(anchor, set()).add((q.value, q.unit))
    return evidence


def _fits(q: Quantity, given: Iterable[tuple[str, str]]) -> bool:
    """A stated number fits a given one of the same value and unit; with no unit, any unit but a date."""
    return any(
        value == q.value and (unit == q.unit or (not q.unit and unit != "date")) for value, unit in given
    )


def _drop_list_numbers(text: str) -> str:
    """Bullets and the numbers of numbered lists (1., 2., 3. starting lines) as "•", and no other number."""
    expected = 1

    def drop(match: re.Match[str]) -> str:
        nonlocal expected
        if int(match[2]) not in (expected, 1):
            return match[0]
        expected = int(match[2]) + 1
        return match[1] + "•"

    return _LIST_NUMBER.sub(drop, _BULLET.sub("• ", text))


def _is_claim(sentence: str, numbers: list[Quantity]) -> bool:
    """A sentence that states something: a number, or several words that do not just lead into a list."""
    words = len(re.findall(r"[A-Za-z]+", sentence)) + len(re.findall(r"[\u4e00-\u9fff]", sentence)) / 2
    return bool(numbers) or (words >= 5 and not sentence.rstrip().endswith(":"))


def _number_problems(
    sentence: str, cited: _Evidence, every: _Evidence, extra: set[str], marker: str, language: str
) -> list[str]:
    problems = []
    stated = quantities(sentence)
    prepared = _prepared(sentence)
    for q in stated:
        if q.value in extra:
            continue
        anchor = _anchor(prepared[: q.start])
        given = cited.after.get(anchor or "", set())
        if _fits(q, cited.counts) and given and not _fits(q, given):
            shown = ", ".join(
                sorted({f"US$ {v}" if u == "$" else f"{v}{u if u == '%' else ''}" for v, u in given})
            )
            problems.append(_problem("conflict", language, number=q.text, marker=marker, given=shown))
        elif _fits(q, cited.counts):
            continue
        elif _fits(q, every.counts):
            problems.append(_problem("elsewhere", language, number=q.text, marker=marker))
        elif any(value == q.value for value, _ in every.counts):
            problems.append(_problem("unit", language, number=q.text))
        else:
            problems.append(_problem("number", language, number=q.text if q.unit == "date" else q.value))
    counts = Counter(q.value for q in stated if q.unit != "date" and q.value not in extra)
    for value, count in counts.items():
        if 0 < sum(n for (v, unit), n in cited.counts.items() if v == value and unit != "date") < count:
            problems.append(_problem("repeated", language, number=value))
    return problems


def _defanged(link: str) -> str:
    """A link as text no viewer makes clickable: hxxps[:]//evil[.]example[.]com."""
    return re.sub(r"^http", "hxxp", link, flags=re.IGNORECASE).replace("://", "[:]//").replace(".", "[.]")


def _pieces(text: str) -> list[tuple[str, list[str]]]:
    """The answer as pieces that each end with their markers: ("It is 13%", ["¶59"]), then the rest."""
    pieces, position = [], 0
    for match in _MARKERS.finditer(text):
        pieces.append((text[position : match.start()], _MARKER.findall(match[0])))
        position = match.end()
    return [*pieces, (text[position:], [])]


def _sentences(prose: str) -> list[str]:
    return [s.lstrip(_PUNCTUATION) for s in _SENTENCE_END.split(prose) if s and s.strip(_PUNCTUATION)]


def _merged(evidence: Iterable[_Evidence]) -> _Evidence:
    merged = _Evidence()
    for one in evidence:
        merged.add(one)
    return merged


class _Passages:
    """The passages an answer was given, as the guard reads them: their labels and their numbers."""

    def __init__(self, labels: list[str], sources: list[str]):
        self.forms = {form: n for n, label in enumerate(labels) for form in label_forms(label)}
        self.refs = {(r.kind, r.id): n for n, label in enumerate(labels) for r in find_references(label)}
        self.aligned = len(labels) == len(sources)  # else every source stands for every label
        self.mentioned = set(
            self.refs
        )  # units a passage names may be named too; their numbers are no evidence
        self.evidence = []
        for source in sources:
            source = _OWN_NUMBER.sub(" ", source)
            for ref in find_references(source):
                self.mentioned.add((ref.kind, ref.id))
                source = source.replace(ref.text, " ")
            self.evidence.append(_evidence(source))
        self.every = _merged(self.evidence)

    def cited(self, contents: list[str], language: str) -> tuple[set[int], list[str]]:
        """The passages that markers name, and a problem for each marker that names none."""
        cited: set[int] = set()
        problems = []
        for content in contents:
            content = re.sub(r"\s+", " ", content)
            for form in sorted(
                self.forms, key=len, reverse=True
            ):  # whole labels first: they may hold "," or "and"
                content, n = re.subn(re.escape(form), ";", content, flags=re.IGNORECASE)
                cited |= {self.forms[form]} if n else set()
            for item in filter(None, (item.strip() for item in _SEPARATOR.split(content))):
                ref = parse_reference(item)
                if ref and (ref.kind, ref.id) in self.refs:
                    cited.add(self.refs[(ref.kind, ref.id)])
                else:
                    problems.append(_problem("unknown", language, marker=f"[{item}]"))
        return cited, problems

    def of(self, cited: set[int]) -> _Evidence:
        return _merged(self.evidence[i] for i in cited) if cited and self.aligned else self.every


def guard(
    text: str,
    allowed_labels: Iterable[str],
    source_texts: Iterable[str],
    extra_numbers: Iterable[float | str] = (),
    language: str = "en",
    symbol: str = "",
) -> list[str]:
    """What is wrong with an answer ([] when it passes). When labels and sources are as many, the n-th
    source is the passage of the n-th label, and every number must be in a passage that its sentence's
    marker names, with the same unit and scale, no more often than there and not where the passage puts
    another number after the same words; otherwise any source will do. Numbers are compared as values
    however they are written ("2 080 万美元" = "US$ 20.8 million", "百分之十三" = "13 per cent"). The
    document's symbol, paragraph and list numbers and references are not numbers; `extra_numbers` (a
    calculator's result) are. Every sentence that states something needs a marker."""
    if not text.strip():
        return [_problem("empty", language)]
    sources = [normalise(source) for source in source_texts]
    text = normalise(text)
    # named, not repeated: a notice is shown as Markdown, where a link would be clickable
    problems = [_problem("html", language, html=m[1]) for m in _HTML.finditer(text)]
    links = [m[0] for m in _LINK.finditer(text) if not any(m[0] in source for source in sources)]
    problems += [_problem("link", language, link=_defanged(link)) for link in links]
    text = _LINK.sub(" ", _HTML.sub(" ", text))
    if symbol := normalise(symbol).strip():
        text = text.replace(symbol, " ")
        sources = [source.replace(symbol, " ") for source in sources]
    passages = _Passages([normalise(label) for label in allowed_labels], sources)
    extra = {_decimal(Decimal(str(n))) for n in extra_numbers}

    pieces = _pieces(_drop_list_numbers(text))
    for prose, contents in pieces:
        cited, unknown = passages.cited(contents, language)
        problems += unknown
        sentences = _sentences(prose)
        for n, sentence in enumerate(sentences):
            carries = n == len(sentences) - 1 and bool(contents)
            own = _OWN_NUMBER.match(sentence)
            if carries and own and passages.refs.get(("paragraph", str(int(own[1])))) in cited:
                sentence = sentence[own.end() :]
            for ref in find_references(sentence):  # a unit named in the prose must be given, or named by one
                if (ref.kind, ref.id) not in passages.mentioned:
                    problems.append(_problem("unknown", language, marker=ref.text))
                sentence = sentence.replace(ref.text, " ")
            if len(pieces) > 1 and not carries and _is_claim(sentence, quantities(sentence)):
                problems.append(_problem("uncited", language, sentence=sentence.strip()))
            evidence = passages.of(cited if carries else set())
            marker = " ".join(f"[{c}]" for c in contents)
            problems += _number_problems(sentence, evidence, passages.every, extra, marker, language)
    if len(pieces) == 1:
        problems.insert(0, _problem("no_marker", language))
    return list(dict.fromkeys(problems))
