"""A figure only the text states ("How many people have returned to Mosul?", "所罗门群岛政府通过适应基金
获得了多少资金？"): among the sentences of the found paragraphs, the one number of the kind asked (people,
cities, dollars, a percentage) standing in the clause that shares most words with the question. The
number is read from the text, never computed, and checked against the official text; when two
numbers of the kind fit equally well, or none does, there is no figure (the sentences are quoted)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from calculator.lexicon import Lexicon, normalise
from ingest.fidelity import MONTHS, numbers

_MONTH_NAMES = "|".join(m.capitalize() for m in MONTHS)
DATE = re.compile(  # dates, years and ordinals ("第九届"): numbers that state no figure
    r"\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
    rf"|\b\d{{1,2}}\s+(?:{_MONTH_NAMES})\b|\b(?:{_MONTH_NAMES})\s+\d{{1,2}}\b"
    r"|\b(?:19|20)\d\d\b|第\s*[\d一二三四五六七八九十百]+\s*[届次期段条款]"
)
# A printed number: "955 000", "955,000", "4.4", "13"; not part of a symbol or a resolution ("73/239").
_NUMBER = re.compile(r"(?<![\d/.A-Za-z_-])(\d{1,3}(?:[ ,\u00a0]\d{3})+|\d+)(\.\d+)?(?![\d/]|\.\d)")
_CLAUSE = re.compile(r"[，,；;：:、（）()]")
_HAN = re.compile(r"[\u3400-\u9fff]")
_EN_WORD = re.compile(r"[a-z][a-z'\-]+")


@dataclass(frozen=True)
class Stated:
    """A figure a sentence of the text states: its value in the answer's unit, as printed, where."""

    value: float
    unit: str  # "thousand USD", "%", or "count"
    printed: str  # the number and what it counts, as the sentence prints it ("955 000 人")
    sentence: str  # the sentence in the question's language
    paragraph: str


@dataclass(frozen=True)
class _Asked:
    kind: str  # "money" | "percent" | "count"
    noun: str  # what is counted, as the question names it ("" when it does not)
    classifier: str  # the measure word of a Chinese question ("名"), else ""
    words: str  # the asking words, left out of the question's terms


def states_figure(sentence: str, words: list[str]) -> bool:
    """A sentence that states a figure (not only a date, a year or an ordinal) and names what the
    question asked about: at least half of the words the calculator could not read (their first five
    letters, so that a plural or a misspelt ending still counts; characters, for Chinese)."""
    if not numbers(DATE.sub(" ", sentence)):
        return False
    terms = [c for w in words for c in (w.split() if w.isascii() else w.replace(" ", ""))]
    text = sentence.lower()
    found = [term for term in terms if term.lower()[:5] in text]
    return bool(terms) and len(found) * 2 >= len(terms)


class StatedFigures:
    """Reads what a question asks to count, and finds it stated in sentences (the lexicon's [stated])."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.fillers = {p for p, tags in lexicon.phrases.items() if any(t.kind == "filler" for t in tags)}

    def words(self, language: str, name: str) -> tuple[str, ...]:
        return self.lexicon.stated.get(language, {}).get(name, ())

    def asked(self, question: str, language: str) -> _Asked | None:
        """What a question asks for: money, a percentage, or a count of something (its noun)."""
        text = normalise(question)
        for phrase in self.words(language, "percent"):
            if phrase in text:
                return _Asked("percent", "", "", phrase)
        for phrase in sorted(self.words(language, "money"), key=len, reverse=True):
            at = _find(text, phrase)
            if at >= 0:
                rest = text[at + len(phrase) :].strip()
                noun = self.noun(rest, language)[0] if language == "en" else ""
                money = any(noun.startswith(m) for m in self.words(language, "money_nouns"))
                if noun and not money and noun not in self.fillers:
                    return _Asked("count", noun, "", phrase)  # "how much land": not money
                return _Asked("money", "", "", phrase)
        for phrase in sorted(self.words(language, "count"), key=len, reverse=True):
            at = _find(text, phrase)
            if at >= 0:
                noun, classifier = self.noun(text[at + len(phrase) :], language)
                if any(noun.startswith(m) for m in self.words(language, "money_nouns")):
                    return _Asked("money", "", "", phrase)
                return _Asked("count", noun, classifier, phrase + classifier + noun)
        return None

    def noun(self, rest: str, language: str) -> tuple[str, str]:
        """What follows the asking words: (the noun, the measure word before it)."""
        rest = rest.strip()
        if language == "zh":
            classifier = _prefix(rest, self.words(language, "classifiers"))
            rest = rest[len(classifier) :]
            han = re.match(r"[\u3400-\u9fff]{1,2}", rest)
            return (han.group(0) if han else ""), classifier
        words = [w for w in _EN_WORD.findall(rest) if w not in ("of", "the", "a", "an")]
        return (_stem(words[0]) if words else ""), ""

    def find(
        self,
        question: str,
        language: str,
        passages: list[tuple[str, str, str]],
        unknown: list[str] | None = None,
    ) -> Stated | None:
        """The figure `question` asks for in `passages` ((paragraph id, its text in the question's
        language, its official text)), or None. `unknown`: the words the calculator could not read, which
        the sentence must name (half of them at least)."""
        asked = self.asked(question, language)
        if asked is None:
            return None
        terms = self.terms(question, language, asked)
        years = set(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", question))
        found: list[tuple[int, Stated]] = []
        for paragraph, text, official in passages:
            for sentence in _sentences(text):
                in_sentence = _hits(terms, sentence)
                # about what was asked: half the question's words, or a third when it names half the
                # words the calculator could not read
                named = bool(unknown) and states_figure(sentence, unknown)
                if not terms or unknown and not named or in_sentence * (3 if named else 2) < len(terms):
                    continue
                dated = 2 * len(years & set(re.findall(r"(?:19|20)\d\d", sentence)))
                for start, end, value in _figures(sentence):
                    figure = self.figure(sentence, start, end, value, asked, language)
                    if figure is None or not _in_official(figure, official):
                        continue
                    clause = _clause(sentence, start, end)
                    in_clause = _hits(terms, clause)
                    if in_clause == 0 and asked.kind == "count":
                        continue  # what it counts is not what the question names
                    stated = Stated(figure[0], figure[1], clause.strip(), sentence, paragraph)
                    found.append((2 * in_clause + in_sentence + dated, stated))
        if not found:
            return None
        best = max(score for score, _ in found)
        values = {(round(s.value, 6), s.unit) for score, s in found if score == best}
        if len(values) != 1:
            return None
        return next(s for score, s in found if score == best)

    def figure(
        self, sentence: str, start: int, end: int, value: float, asked: _Asked, language: str
    ) -> tuple[float, str, str] | None:
        """(value in the answer's unit, unit, as printed) when the number at start:end is of the kind
        asked."""
        after = normalise(sentence[end : end + 24])
        before = normalise(sentence[max(0, start - 8) : start])
        label = self.lexicon.tokens(normalise(sentence[max(0, start - 16) : start]))
        if label and (label[-1].has("head") or label[-1].text in self.words(language, "labels")):
            return None  # "subprogramme 4", "table 3", "第 4 段": a number naming something, not a figure
        for word in self.words(language, "between"):  # "多", "余": between a number and its measure
            if language == "zh" and after.startswith(word):
                after = after[len(word) :].lstrip()
        if asked.kind == "percent":
            ok = after.startswith("%") or after.startswith("per cent") or after.startswith("percent")
            return (value, "%", sentence[start:end] + "%") if ok else None
        amount = _prefix(after, tuple(self.lexicon.amounts))
        dollars = "$" in before or "usd" in before or "美元" in after[:6]
        if asked.kind == "money":
            if not dollars or amount in ("%", "per cent"):
                return None
            factor, unit = self.lexicon.amounts.get(amount, (0.001, "thousand USD"))  # plain dollars
            printed = sentence[max(0, start - 4) : end + len(amount) + 3].strip(" ，,。")
            return round(value * factor, 6), unit, printed
        if dollars or amount or after.startswith("%"):
            return None  # money or a percentage where a count is asked
        counted = after
        if language == "zh":
            classifier = _prefix(counted, self.words(language, "classifiers"))
            counted = counted[len(classifier) :].lstrip()
            same_classifier = bool(classifier) and classifier == asked.classifier and classifier != "个"
            if not (same_classifier or asked.noun and asked.noun[:1] in counted[:4]):
                return None
        else:
            following = [_stem(w) for w in _EN_WORD.findall(counted)[:3]]
            if not asked.noun or not any(w[:4] == asked.noun[:4] for w in following):
                return None
        posts = any(w in counted[:16] for w in self.words(language, "posts"))
        return value, "posts" if posts else "count", sentence[start : end + 6].strip(" ，,。")

    def terms(self, question: str, language: str, asked: _Asked) -> set[str]:
        """The question's own words, without the asking words: two-character pieces of Chinese, the
        first five letters of English words that are not fillers."""
        text = normalise(question).replace(asked.words, " ")
        if language == "zh":
            han = "".join(c if _HAN.match(c) else " " for c in text)
            return {w[i : i + 2] for w in han.split() for i in range(len(w) - 1)}
        return {w[:5] for w in _EN_WORD.findall(text) if len(w) >= 4 and w not in self.fillers}


def _prefix(text: str, words: tuple[str, ...]) -> str:
    """The longest of `words` that `text` starts with ("" if none)."""
    return next((w for w in sorted(words, key=len, reverse=True) if text.startswith(w)), "")


def _find(text: str, phrase: str) -> int:
    if phrase.isascii():
        match = re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", text)
        return match.start() if match else -1
    return text.find(phrase)


def _stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _sentences(text: str) -> list[str]:
    from assistant.extract import sentences

    return sentences(text)


def _figures(sentence: str) -> list[tuple[int, int, float]]:
    """The numbers of a sentence that may state a figure (dates, years and ordinals left out)."""
    blanked = DATE.sub(lambda m: " " * len(m.group(0)), sentence)
    out = []
    for match in _NUMBER.finditer(blanked):
        digits = re.sub(r"[ ,\u00a0]", "", match.group(1)) + (match.group(2) or "")
        out.append((match.start(), match.end(), float(digits)))
    return out


def _clause(sentence: str, start: int, end: int) -> str:
    left = max((m.end() for m in _CLAUSE.finditer(sentence, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE.finditer(sentence, end)), len(sentence))
    return sentence[left:right]


def _hits(terms: set[str], text: str) -> int:
    lowered = normalise(text)
    return sum(1 for term in terms if term in lowered)


def _in_official(figure: tuple[float, str, str], official: str) -> bool:
    """The number is printed in the official text too (in its own way of writing it)."""
    return bool(numbers(figure[2]) & numbers(official)) if official else True
