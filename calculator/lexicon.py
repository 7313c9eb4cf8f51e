"""The words of numeric questions, read from corpus/lexicon/<language>.toml, and the tokenizer that
tags a question with them (leftmost-longest match). The engine knows no phrase of any language."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import snowballstemmer
from wordfreq import zipf_frequency

from ingest.manifest import CorpusError, read_text

# Sections of a lexicon file whose phrases become tags: section → tag kind.
LISTS = {
    "joiners": "joiner",
    "coordinators": "and",  # "<heads> 1 and 2"
    "exclusions": "exclude",  # "excluding posts": the member after it is left out
    "fillers": "filler",
    "non_table": "non_table",
    "audit": "audit",
    "ordinal_prefix": "ordinal_prefix",
    "ordinal_places": "ordinal_place",  # "place" after an ordinal: a ranking's place
    "definition": "define",  # "<name>, i.e. <members>": the members are what the name means
    "bounds": "bound",  # "and above": a range of grades or members, which is not read
    "bounds_beside": "bound_beside",  # "over <grade>", "up to <grade>": a range when a member is beside
    "audited": "audited",  # "audited": figures of years past, not marked as estimates
    "yearly": "yearly",  # "annual": with a change over a range of years, a yearly average or each?
    "self_corrections": "correction",  # "I mean <B>": which words of the question stand is not read
    "negations": "negation",  # "not", "non-": what follows is left out, which no figure here reads
    "subtractions": "subtract",  # "<A> less <B>": B taken from A, a subtraction the calculator does not make
    "within_year": "within_year",  # "mid-year", "first quarter": a part of a year, which no table gives
    "costs": "cost",  # "cost": the cost of a post (a budget or spending per post is another figure)
    "plain_money": "plain",  # "amount", "money": words for money that name no line of accounts
    "actuals": "actual",  # "spent", "actual spending": money already spent, not the budget proposed
    "units": "unit",  # "thousand USD": the unit an answer is asked in, not a figure
    "count_or_cost": "count_or_cost",  # a word for posts that names their number and their cost alike
}
GROUPED = {  # section → tag kind; the tag's value is the list's name ("share", "money", "added"...)
    "quantifiers": "quantifier",
    "operations": "op",
    "measures": "measure",
    "basis": "basis",
    "breakdown_over": "over",
    "asks": "ask",  # "figure": asks for a number by itself; "words": with a measure or an operation;
    # "amount": "is how much" (an amount, where "how many are there" would count); "count_before": an ask that
    # counts the posts when written just before their word; "count_after": one that counts them when written
    # just after it ("<posts> are there how many"); "last": one that asks for a figure only when it ends the
    # question, after what it asks of (elsewhere it means something else)
    "share": "share",  # where a share's part and whole stand
    "labels": "label",  # words of table headings (total, percent, ignore, change)
    "sources": "source",  # "prose": the paragraphs' figure is asked for ("the narrative says")
    "budget_year": "budget_year",  # "proposed", "recommended": the budget year's figure
    "tense": "tense",  # "future": "will have" (the budget year, or the end of a plan?); "past": "did"
    "ranges": "range",  # "words": between two years, a range; "around": with "and" ("between A and B")
    "followup": "followup",  # start / end: carries on from the previous question; table / paragraph / why
    "locate": "locate",  # "which table …" / "where does the document …": the units, not a figure
    "overview": "overview",  # "summarise …": an overview built from the tables and the text
    "ranked": "ranked",  # "<ordinal> largest": max / min after an ordinal; "place": "ranks <ordinal>"
    "thresholds": "threshold",  # "more than <number>": above / at_least / below / at_most, beside a number
    "compared": "compared",  # the base of a comparison: "before" it ("compared with <A>"), or "after" it
}
_SENTENCE_END = re.compile(r"[.!?;:]+(?=\s|$)|[。！？；：]+")
_CLAUSE_END = re.compile(r"[,;](?=\s)|[\uff0c\uff1b]")
NUMBERED = {
    "numerals": "numeral",
    "ordinals": "ordinal",
    "roman": "roman",
    "tallies": "tally",
    "scales": "scale",  # a word that multiplies the number before it ("hundred")
}
# tallies: a number with its counting word ("<both>", "<two items>"): how many, never a member's number
YEAR = r"(?<![\d.])((?:19|20)\d\d)(\*)?(?:\s*(?:{suffixes}))?(?![\d.])"  # a year, its mark, its word
_STEM = snowballstemmer.stemmer("english")
COMMON_WORD = 2.0  # a word this frequent in English (Zipf scale, wordfreq) is a word, not a misspelling
MAX_NUMERAL = 12  # a numeral up to this may be a member's number ("<head> two"); above it, a figure
NUMBER = re.compile(  # ASCII boundaries: a head written with its number, no space between
    r"(?<![A-Za-z0-9_.])\(?\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?\)?(?![A-Za-z0-9_])"
    r"|(?<![A-Za-z0-9_.])\d+(?:\.\d+)?(?![A-Za-z0-9_]|\.\d)"
)
WORD = re.compile(r"[a-z][a-z'’\-]*|[0-9]+|[\u3400-\u9fff]")
CLAUSE = re.compile(r"[,;:!?，。；：！？()（）\[\]【】]")  # marks between two clauses or of an aside
SPACE = re.compile(r"[\s,;:!?，。；：！？“”\"‘’()（）\[\]【】《》<>…·.&]+|'(?!s\b)")  # ("/" is a word)


@dataclass(frozen=True)
class Tag:
    """What a phrase is: its kind ("entity", "head", "op"...) and value ("component:SP4", "share"...)."""

    kind: str
    value: str


@dataclass(frozen=True)
class Token:
    """A stretch of the (normalised) question and what it may be; no tags: a word not understood."""

    start: int
    end: int
    text: str
    tags: frozenset[Tag]

    def has(self, kind: str, value: str | None = None) -> bool:
        return any(t.kind == kind and (value is None or t.value == value) for t in self.tags)

    def values(self, kind: str) -> list[str]:
        return sorted(t.value for t in self.tags if t.kind == kind)

    @property
    def known(self) -> bool:
        return bool(self.tags)


def normalise(text: str) -> str:
    """NFKC, lower case, one kind of apostrophe and dash, "'s" a word of its own; spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("‑", "-")
    text = re.sub(r"(?<=[a-z0-9])'s\b", " 's", text)  # "SP4's", "what's": a word of its own
    text = re.sub(r"(?<=[a-z])s'(?=\s|$)", "s", text)
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)  # words joined by hyphens
    text = _SHORT_YEAR.sub(_whole_year, text)  # a range's second year written short, written whole
    text = re.sub(r"(?<=[a-z ])&(?=[a-z ])", " and ", text)  # "salaries & benefits"
    text = re.sub(r"(?<=[a-z]),(?= )", "", text)  # "a, b and c": commas between words are not words
    text = re.sub(r"(?<=[a-z]{4})/(?=[a-z]{4})", " ", text)  # "field/technical": words (not "<abbr>/<abbr>")
    text = re.sub(r"(?<=\d)s\b", "", text)  # "P-4s": P-4 posts
    text = re.sub(r"(?<=[a-z/])(?=\d)", " ", text)  # "sp4", "p4", "s/p1": a name and its number
    return re.sub(r"\s+", " ", text).strip()


def name_terms(phrase: str) -> set[str]:
    """A phrase's words as a name is recognised by them: English words of four letters or more by their
    first five letters; Chinese characters one by one."""
    terms = {w[:5] for w in re.findall(r"[a-z][a-z\-]{3,}", phrase)}
    return terms | set(re.findall(r"[\u3400-\u9fff]", phrase))


def _swapped(phrase: str, interchangeable: list[str]) -> list[str]:
    """A name as listed, and with each of its interchangeable words written as each other one."""
    said = [phrase]
    for word in interchangeable:
        if word in phrase:
            said += [phrase.replace(word, other) for other in interchangeable if other != word]
    return said


def _without(phrase: str, optional: list[str]) -> list[str]:
    """A name as listed, and said without the particles a language may leave out of it (a phrase of four
    characters at least, so that a short name never becomes another word)."""
    said = [phrase]
    for particle in optional:
        shorter = phrase.replace(particle, "")
        if shorter != phrase and len(_key(shorter)) >= 4:
            said.append(shorter)
    return said


_SHORT_YEAR = re.compile(r"(?<![\d.])((19|20)\d\d)\s*([-–—/])\s*(\d\d)(?![\d.])")


def _whole_year(match: re.Match[str]) -> str:
    """The second year of a range written short ("<year>-<two digits>") written whole, when it is
    later."""
    first, century, dash, short = match.group(1), match.group(2), match.group(3), match.group(4)
    if int(short) <= int(first[2:]):
        return match.group(0)
    return f"{first}{dash}{century}{short}"


def _key(phrase: str) -> str:
    """How a phrase is stored: a phrase in a script without spaces, without them."""
    return phrase if phrase.isascii() else re.sub(r"\s+", "", phrase)


def phrase_key(phrase: str) -> str:
    """A phrase as the tokenizer compares it (normalised; no spaces in a script without them)."""
    return _key(normalise(phrase))


def _phrase_pattern(phrase: str) -> str:
    if phrase.isascii():
        body = r"\s+".join(re.escape(w) for w in phrase.split(" "))
    else:  # spaces may stand between the characters of a Chinese phrase and any digits in it
        body = r"\s*".join(re.escape(c) for c in phrase)
    head = r"(?<![a-z0-9])" if phrase[:1].isascii() and phrase[:1].isalnum() else ""
    tail = r"(?![a-z0-9])" if phrase[-1:].isascii() and phrase[-1:].isalnum() else ""
    return head + body + tail


@dataclass
class Lexicon:
    """Phrases of both languages with their tags, display names, and the tokenizer."""

    phrases: dict[str, set[Tag]] = field(default_factory=dict)
    names: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # lang → dim → key → name
    languages: dict[str, set[str]] = field(default_factory=dict)  # a member's phrase → the languages using it
    heads: dict[str, str] = field(default_factory=dict)  # head name → the dimension it names (from config)
    amounts: dict[str, tuple[float, str]] = field(default_factory=dict)
    year_words: set[str] = field(default_factory=set)  # written after a year in some languages
    digits: dict[str, int] = field(default_factory=dict)  # a script's own digits, in years written with them
    corpus_words: set[str] = field(default_factory=set)  # words of the corpus's text in a spaced script
    _pattern: re.Pattern[str] | None = None
    _words: set[str] | None = None
    _blanks: dict[str, set[str]] | None = None  # phrase with one character blanked → the phrases
    _naming: dict[str, list[str]] | None = None  # "dimension:key" → the phrases that name it
    _name_words: dict[str, set[str]] | None = None  # "dimension:key" → the words of its names
    _year: re.Pattern[str] | None = None
    # words of spending that say money was spent after a word of the past ("did <member> spend"), not tags
    after_past: set[str] = field(default_factory=set)
    _spelled: tuple | None = None  # what numbers in words are read with (built once)
    _filler_stems: set[str] | None = None
    # a question's sentences ([context]): words before a full stop that do not end a sentence ("i.e."),
    # words of the asker ("our delegation"), of the answer's form ("pls") and the others a sentence of
    # context may be made of
    abbreviations: set[str] = field(default_factory=set)
    speakers: set[str] = field(default_factory=set)
    occasions: set[str] = field(default_factory=set)  # "briefing", "session": what the asker prepares for
    instructions: set[str] = field(default_factory=set)
    narrative: set[str] = field(default_factory=set)
    narrowing: set[str] = field(default_factory=set)  # words that narrow a figure ("only", "office")
    times: set[str] = field(default_factory=set)  # words of a time ("next week"): they may narrow it too
    linking: set[str] = field(default_factory=set)  # words between a member and what qualifies it ("in")
    whole: set[str] = field(default_factory=set)  # words for the whole organisation
    auxiliaries: set[str] = field(default_factory=set)  # "is", "does": before a subject and its verb
    determiners: set[str] = field(default_factory=set)  # "the": a pronoun after one is a name
    organisation: set[str] = field(default_factory=set)  # the organisation's own name
    disjunctions: set[str] = field(default_factory=set)  # "or": one member, not their sum
    possessives: set[str] = field(default_factory=set)  # "'s": between a member and what is said of it
    owners: set[str] = field(default_factory=set)  # "our", "my country": before a part, the asker's own
    parts: set[str] = field(default_factory=set)  # "part", "portion": with a share's words, a part
    paying: set[str] = field(default_factory=set)  # "contribute", "pay": after "we", the asker's own money
    courtesy: set[str] = field(default_factory=set)  # "good morning", "thanks": a sentence that says nothing
    own: set[str] = field(default_factory=set)  # "ours", "falls to us": the asker's own part, anywhere
    owner_links: set[str] = field(default_factory=set)  # words between "we" and its money ("we, for <A>")

    @property
    def plain(self) -> set[str]:
        """The words a sentence of context may be made of around what it names: of the asker, of
        narrative, determiners and of the occasion ([context])."""
        return self.speakers | self.narrative | self.determiners | self.occasions

    def add(self, phrase: str, tag: Tag) -> None:
        text = phrase_key(phrase)
        if text:
            self.phrases.setdefault(text, set()).add(tag)

    @classmethod
    def load(cls, directory: Path, dimensions: dict[str, set[str]], head_dims: dict[str, str]) -> Lexicon:
        """Every <language>.toml in `directory`; keys are checked against the config's dimensions."""
        files = sorted(directory.glob("*.toml")) if directory.is_dir() else []
        if not files:
            raise CorpusError(f"{directory}: no lexicon files (<language>.toml)")
        lexicon = cls(heads=dict(head_dims))
        for path in files:
            lexicon._read(path, dimensions)
        lexicon.compile()
        return lexicon

    def _read(self, path: Path, dimensions: dict[str, set[str]]) -> None:
        try:
            data = tomllib.loads(read_text(path))
        except tomllib.TOMLDecodeError as exc:
            raise CorpusError(f"{path}: not valid TOML ({exc})") from exc
        language = data.get("language")
        if not isinstance(language, str) or not language:
            raise CorpusError(f"{path}: needs a 'language'")

        def phrases(value: object, where: str) -> list[str]:
            if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
                raise CorpusError(f"{path}: {where} must be a list of strings")
            return value

        particles = _table(data, "particles", path)
        optional = phrases(particles.get("optional", []), "particles.optional")
        swapped = phrases(particles.get("interchangeable", []), "particles.interchangeable")
        for dim, members in _table(data, "entities", path).items():
            for key, listed in _mapping(members, f"entities.{dim}", path).items():
                if dim not in dimensions or key not in dimensions[dim]:
                    raise CorpusError(f"{path}: entities.{dim}.{key} is not a member in calculator.toml")
                for phrase in phrases(listed, f"entities.{dim}.{key}"):
                    for said in {v for w in _without(phrase, optional) for v in _swapped(w, swapped)}:
                        self.add(said, Tag("entity", f"{dim}:{key}"))
                        self.languages.setdefault(phrase_key(said), set()).add(language)
        for dim, members in _table(data, "names", path).items():
            for key, name in _mapping(members, f"names.{dim}", path).items():
                if not isinstance(name, str):
                    raise CorpusError(f"{path}: names.{dim}.{key} must be a string")
                self.names.setdefault(language, {}).setdefault(dim, {})[key] = name
        for head, forms in _table(data, "heads", path).items():
            if head not in self.heads:
                raise CorpusError(f"{path}: heads.{head} is not a head in calculator.toml (or 'year')")
            for number in ("singular", "plural"):
                for phrase in phrases(
                    _mapping(forms, f"heads.{head}", path).get(number, []), f"heads.{head}"
                ):
                    self.add(phrase, Tag("head", f"{head}:{number}"))
        for digit, number in _table(data, "digits", path).items():
            if not isinstance(number, int) or not 0 <= number <= 9:
                raise CorpusError(f"{path}: digits.{digit} must be a digit 0-9")
            self.digits[digit] = number
        for word in _table(data, "years", path).get("suffix", []):
            self.year_words.add(normalise(str(word)))
        for word, spec in _table(data, "amounts", path).items():
            spec = _mapping(spec, f"amounts.{word}", path)
            if not isinstance(spec.get("factor"), int | float) or not isinstance(spec.get("unit"), str):
                raise CorpusError(f"{path}: amounts.{word} needs a number 'factor' and a 'unit'")
            self.amounts[normalise(word)] = (float(spec["factor"]), spec["unit"])
        for section, kind in NUMBERED.items():
            for phrase, number in _table(data, section, path).items():
                if not isinstance(number, int):
                    raise CorpusError(f"{path}: {section}.{phrase} must be a whole number")
                self.add(phrase, Tag(kind, str(number)))
        for section, kind in GROUPED.items():
            for name, listed in _table(data, section, path).items():
                for phrase in phrases(listed, f"{section}.{name}"):
                    self.add(phrase, Tag(kind, name))
        for section, kind in LISTS.items():
            words = _table(data, section, path).get("words", [])
            for phrase in phrases(words, f"{section}.words"):
                self.add(phrase, Tag(kind, ""))
        spending = _table(data, "actuals", path).get("after_past", [])
        self.after_past |= {phrase_key(p) for p in phrases(spending, "actuals.after_past")}
        context = _table(data, "context", path)
        self.abbreviations |= {normalise(p) for p in phrases(context.get("abbreviations", []), "context")}
        self.auxiliaries |= {
            phrase_key(p)
            for p in phrases(_table(data, "predicates", path).get("auxiliaries", []), "auxiliaries")
        }
        lists = (
            "speakers",
            "occasions",
            "instructions",
            "narrative",
            "narrowing",
            "times",
            "linking",
            "whole",
            "determiners",
            "organisation",
            "disjunctions",
            "possessives",
            "owners",
            "parts",
            "paying",
            "owner_links",
            "own",
            "courtesy",
        )
        for name in lists:
            listed = phrases(context.get(name, []), f"context.{name}")
            getattr(self, name).update(phrase_key(p) for p in listed)

    def sentences(self, text: str) -> list[str]:
        """The sentences of a question: split after a full stop, question or exclamation mark (or a
        semicolon or colon) followed by a space or the end, or after one of the wide marks of Chinese
        anywhere; a full stop after an abbreviation ("i.e.", "para.") or a single letter ends nothing."""
        found, start = [], 0
        for mark in _SENTENCE_END.finditer(text):
            stop = mark.group()[0] == "."
            before = re.search(r"([^\s(]*)\.$", text[start : mark.start() + 1]) if stop else None
            word = normalise(before.group(1)) if before else ""
            if before and (word in self.abbreviations or len(word) == 1 or "." in word):
                continue
            found.append(text[start : mark.end()].strip())
            start = mark.end()
        found.append(text[start:].strip())
        return [s for s in found if s]

    def clauses(self, text: str) -> list[str]:
        """The clauses of a question: its sentences, each split after a comma or semicolon followed by a
        space, or after a wide comma or semicolon of Chinese anywhere ("1,000" is not split)."""
        found = []
        for sentence in self.sentences(text):
            start = 0
            for mark in _CLAUSE_END.finditer(sentence):
                found.append(sentence[start : mark.end()].strip())
                start = mark.end()
            found.append(sentence[start:].strip())
        return [c for c in found if c]

    def leading_number(self, text: str) -> int | None:
        """The number a word starts with, when it starts with a numeral the lexicon knows and goes on
        (one word for "<n> years"); None otherwise."""
        for end in range(len(text) - 1, 0, -1):
            numerals = [int(t.value) for t in self.phrases.get(text[:end], ()) if t.kind == "numeral"]
            if numerals:
                return numerals[0]
        return None

    def compile(self) -> None:
        suffixes = "|".join(re.escape(w) for w in sorted(self.year_words, key=len, reverse=True)) or "(?!)"
        self._year = re.compile(YEAR.format(suffixes=suffixes))
        ordered = sorted(self.phrases, key=lambda p: (-len(p), p))
        self._pattern = re.compile("|".join(f"(?:{_phrase_pattern(p)})" for p in ordered))

    def correction(self, word: str) -> str | None:
        """The one word of the lexicon a misspelt English word is closest to ("techincal" → "technical"):
        one edit away (two for long words), and no other word as close; None otherwise. A word of English
        in common use is not a slip for another word ("constant", "halve"), only another form of its own
        ("proposal": "proposed")."""
        if not word.isascii() or not word.isalpha() or len(word) < 5 or self.is_word(word):
            return None
        found = self._closest(word)
        if not found or zipf_frequency(word, "en") < COMMON_WORD:
            return found
        same = _STEM.stemWord(found) == _STEM.stemWord(word)  # ("proposal": "proposed")
        names = any(t.kind in ("entity", "op") for t in self.phrases.get(found, ()))  # ("supplied")
        return found if same and not names else None

    def filler_form(self, word: str) -> bool:
        """An English word that is another form of a one-word filler ("planning": "plan")."""
        if self._filler_stems is None:
            self._filler_stems = {
                _STEM.stemWord(p)
                for p, tags in self.phrases.items()
                if p.isascii() and p.isalpha() and all(t.kind == "filler" for t in tags)
            }
        return word.isascii() and word.isalpha() and _STEM.stemWord(word) in self._filler_stems

    def _closest(self, word: str) -> str | None:
        if self._words is None:  # never a word that only fills (a misspelt word would be dropped)
            self._words = {
                w
                for p, tags in self.phrases.items()
                if p.isascii() and any(t.kind != "filler" for t in tags)
                for w in p.split()
                if w.isalpha()
                and len(w) >= 4
                and any(t.kind != "filler" for t in self.phrases.get(w, {Tag("x", "")}))
            }
        limit = 1 if len(word) < 8 else 2
        best: list[tuple[int, str]] = []
        for known in self._words:
            if abs(len(known) - len(word)) <= limit:
                distance = edit_distance(word, known, limit)
                if distance <= limit and known[0] == word[0]:  # a slip keeps the first letter
                    best.append((distance, known))
        if not best:
            return None
        best.sort()
        closest = [known for distance, known in best if distance == best[0][0]]
        meanings = {frozenset(self.phrases.get(known, set())) for known in closest}
        if len(meanings) == 1:
            return closest[0]  # (two spellings of one word are one word)
        plural = word.endswith("s")  # a head's singular and plural forms: the one the word's ending says
        number = [
            k
            for k in closest
            if _head_numbers(self.phrases.get(k, set())) == {"plural" if plural else "singular"}
        ]
        unnumbered = {
            frozenset(Tag(t.kind, t.value.rsplit(":", 1)[0]) for t in self.phrases.get(k, set()))
            for k in closest
        }
        return number[0] if number and len(unnumbered) == 1 else None

    def is_word(self, word: str) -> bool:
        """A word the corpus's own text uses (or its plural or past form does): spelt right, whatever
        the lexicon lists ("included" is never a misspelt "excluded")."""
        forms = {word, word + "s", word + "d", word + "ed", word.removesuffix("s"), word.removesuffix("ed")}
        return bool(forms & self.corpus_words)

    def near_word(self, word: str) -> bool:
        """A word one or two edits from one the corpus uses (a misspelling of it, not another name)."""
        limit = 1 if len(word) < 8 else 2
        return any(
            abs(len(known) - len(word)) <= limit and edit_distance(word, known, limit) <= limit
            for known in self.corpus_words
        )

    def substitution(self, text: str, around: int) -> tuple[str, str] | None:  # (as written, as meant)
        """A miswritten name in a script without spaces: the one phrase naming a member, a head or a measure,
        of four characters or more, one character different, written over the unknown character at
        `around`. Words of operations and asks are never corrected (a changed one changes the question), nor
        is a word that denies written over or in (`negates`)."""
        if self._blanks is None:
            self._blanks = {}
            for phrase in self.phrases:
                content = any(tag.kind in ("entity", "head", "measure") for tag in self.phrases[phrase])
                if content and not phrase.isascii() and len(phrase) >= 4 and " " not in phrase:
                    for k in range(len(phrase)):
                        self._blanks.setdefault(phrase[:k] + "\0" + phrase[k + 1 :], set()).add(phrase)
        found: dict[tuple[int, str], tuple[str, str]] = {}  # (where, the right character) → shortest phrase
        longest = max((len(p) for p in self.phrases if not p.isascii()), default=0)
        for size in range(4, longest + 1):
            for start in range(max(0, around - size + 1), min(around, len(text) - size) + 1):
                window = text[start : start + size]
                if window.isascii() or " " in window:
                    continue
                for k in range(size):
                    for phrase in self._blanks.get(window[:k] + "\0" + window[k + 1 :], ()):
                        # a character beside a known phrase is another word, not a miswritten one
                        rest = window[1:] if k == 0 else window[:-1] if k == size - 1 else ""
                        # nor one making a word of two characters with the one outside the window
                        outside = (
                            text[start - 1 : start] + window[0]
                            if k == 0 and start
                            else window[-1] + text[start + size : start + size + 1]
                            if k == size - 1
                            else ""
                        )
                        if (
                            phrase != window
                            and _key(rest) not in self.phrases
                            and not (len(outside) == 2 and _key(outside) in self.phrases)
                            and not _a_word_at(window, k, phrase)
                            and not self.negates(window[k])
                            and not self.negates(phrase[k])
                        ):
                            found.setdefault((start + k, phrase[k]), (window, phrase))
        return next(iter(found.values())) if len(found) == 1 else None

    def negates(self, word: str) -> bool:
        """A word that denies what follows ([negations]): never written over, nor written in, by a
        correction (a name with it is another member: "<not> <A>" is not "<A>")."""
        return any(tag.kind == "negation" for tag in self.phrases.get(word, ()))

    def arabic_years(self, text: str) -> str:
        """Years written with a script's own digits, written with Arabic digits: four digits before a
        year word ("<four digits><year word>"), or four digits alone that make a year of this century or
        the last decade of the one before ("<four digits> to <four digits>")."""
        if not self.digits or not self.year_words:
            return text
        digits = "".join(re.escape(d) for d in self.digits)
        words = "|".join(re.escape(w) for w in self.year_words)

        def arabic(match: re.Match[str]) -> str:
            year = "".join(str(self.digits[c]) for c in match.group(1))
            return year if match.group(2) is not None or 1990 <= int(year) <= 2099 else match.group(1)

        return re.sub(rf"(?<![{digits}])([{digits}]{{4}})(?![{digits}])(?=(\s*(?:{words}))?)", arabic, text)

    def spelled_numbers(self, text: str) -> str:
        """Numbers written in words or characters ("forty-five", "two hundred and five", forty or five
        thousand in characters) in Arabic digits, when written with more than one word (or one word for
        more than twelve); numerals up to twelve alone stay words (a member's number, "the two ..."), and
        so does a number after an ordinal mark ("the twelfth" in characters)."""
        if self._spelled is None:
            self._spelled = self._spelled_reader()
        pattern, values, joins, marks = self._spelled
        if pattern is None:
            return text

        def digits(found: re.Match[str]) -> str:
            said = found.group()
            pieces = list(re.finditer(r"[a-z]+", said) if said.isascii() else re.finditer(r".", said))
            year = _spelled_year([values.get(p.group(), (0, True)) for p in pieces])
            if year is not None and said.isascii():
                return str(year)  # ("twenty twenty-one": a year said as two numbers)
            for end in range(len(pieces), 0, -1):  # the longest run of words that writes one number
                run = [p.group() for p in pieces[:end]]
                if run[-1] in joins:
                    continue
                spelled = [values[w] for w in run if w not in joins]
                joined = [run[k - 1] for k, w in enumerate(run) if w in joins]
                value = _spelled_value(spelled)
                if (
                    value is None
                    or any(not values[w][1] for w in joined)  # "one and two": two numbers, not one
                    or said.isascii()
                    and spelled[0][1]  # ("thousand dollars": a unit, not a number)
                    or len(spelled) == 1
                    and value <= MAX_NUMERAL
                    or marks
                    and text[: found.start()].rstrip().endswith(marks)
                ):
                    continue
                return str(value) + said[pieces[end - 1].end() :]
            return said

        return pattern.sub(digits, text)

    def _spelled_reader(
        self,
    ) -> tuple[re.Pattern[str] | None, dict[str, tuple[int, bool]], set[str], tuple[str, ...]]:
        """What `spelled_numbers` reads with, built once: the pattern of a number in words, each word's
        value (and whether it multiplies), the words that join a multiplier to what follows it, the
        ordinal marks."""
        values: dict[str, tuple[int, bool]] = {}
        for phrase, tags in self.phrases.items():
            if not phrase.isascii() and len(phrase) > 1:
                continue  # (characters are read one by one)
            scale = [int(t.value) for t in tags if t.kind == "scale"]
            numeral = [int(t.value) for t in tags if t.kind == "numeral"]
            if scale or numeral:  # a multiplier first: "ten" written as a character multiplies
                values[phrase] = (scale[0], True) if scale else (numeral[0], False)
        joins = {
            p
            for p, tags in self.phrases.items()
            if " " not in p and p.isascii() and any(t.kind == "and" for t in tags)
        }
        marks = tuple(p for p, tags in self.phrases.items() if any(t.kind == "ordinal_prefix" for t in tags))
        words = "|".join(sorted((re.escape(w) for w in values if w.isascii()), key=len, reverse=True))
        chars = "".join(re.escape(c) for c in values if not c.isascii())
        between = "|".join(re.escape(j) for j in sorted(joins))
        joined = rf"(?:[\s-]+|\s+(?:{between})\s+)" if between else r"[\s-]+"
        parts = [rf"\b(?:{words})(?:{joined}(?:{words}))*\b"] if words else []
        parts += [rf"[{chars}]{{2,}}"] if chars else []
        return (re.compile("|".join(parts)) if parts else None), values, joins, marks

    def name_words(self, dimension: str, key: str) -> set[str]:
        """The words of every phrase naming a member (English words by their first five letters, each
        Chinese character), and of its display names: a word of the member's own long name. Not the
        words of a head ("<head> 2"): those name the kind, not the member."""
        if self._name_words is None:
            self._name_words = {}
            for value, phrases in self._naming_phrases().items():
                for phrase in phrases:
                    self._name_words.setdefault(value, set()).update(name_terms(phrase))
            for names in self.names.values():
                for dim, members in names.items():
                    for member, shown in members.items():
                        self._name_words.setdefault(f"{dim}:{member}", set()).update(
                            name_terms(normalise(shown))
                        )
            heads = {
                term
                for phrase, tags in self.phrases.items()
                if phrase.isascii() and any(tag.kind == "head" for tag in tags)
                for term in name_terms(phrase)
            }
            for words in self._name_words.values():
                words -= heads
        return self._name_words.get(f"{dimension}:{key}", set())

    def phrases_naming(self, dimension: str, key: str) -> list[str]:
        """Every phrase of the lexicon that names this member."""
        return self._naming_phrases().get(f"{dimension}:{key}", [])

    def _naming_phrases(self) -> dict[str, list[str]]:
        if self._naming is None:
            self._naming = {}
            for phrase, tags in self.phrases.items():
                for tag in tags:
                    if tag.kind == "entity":
                        self._naming.setdefault(tag.value, []).append(phrase)
        return self._naming

    def name(self, dimension: str, key: str, language: str) -> str:
        for lang in (language, "en"):
            found = self.names.get(lang, {}).get(dimension, {}).get(key)
            if found:
                return found
        return key

    def tokens(self, text: str) -> list[Token]:
        """The question as tokens: phrases (leftmost-longest), years, numbers, and unknown words. Where
        the longest phrase leaves a character of a script without spaces unknown, the way through the
        phrases that leaves the fewest such characters unknown is taken instead ("<source><measure>" read
        as "<source phrase ending in the measure's first character>" + a filler + an unknown character)."""
        found: list[Token] = []
        i, n = 0, len(text)
        while i < n:
            gap = SPACE.match(text, i)
            if gap:
                i = gap.end()
                continue
            token = self._longest(text, i) or self._unknown(text, i)
            found.append(token)
            i = token.end
        if not text.isascii() and sum(_unknown_characters(t) for t in found):
            fewest = self._fewest_unknown(text)
            if sum(_unknown_characters(t) for t in fewest) < sum(_unknown_characters(t) for t in found):
                found = fewest
        return self._year_inside(text, found if text.isascii() else _whole_words(text, found))

    def _year_inside(self, text: str, tokens: list[Token]) -> list[Token]:
        """A name said around its year or a possessive ("<A>'s <year> <B>", "<A><year><possessive><B>",
        "<A>'s <B>"): when the words before and after them (fillers
        between) make a phrase, the first word is that phrase and the second a filler; a year stays a year."""
        out = list(tokens)
        for a in range(len(out) - 2):
            if not out[a].known or _only_fillers(out[a]) or out[a].has("year"):
                continue
            b = a + 1
            while b < len(out) and (_only_fillers(out[b]) or only_kinds(out[b], ("year",)) and out[b].known):
                b += 1
            inside = out[a + 1 : b]
            years = [t for t in inside if t.has("year")]
            said_apart = len(years) == 1 or not years and any(t.text in self.possessives for t in inside)
            if b >= len(out) or not out[b].known or _only_fillers(out[b]) or not said_apart:
                continue
            if CLAUSE.search(text, out[a].end, out[b].start):  # ("by <year>, how many"): two clauses
                continue
            between = [t.text for t in inside if not t.has("year")]
            sep = " " if out[a].text.isascii() and out[b].text.isascii() else ""
            said = [sep.join([out[a].text, out[b].text])]
            said += [sep.join([out[a].text, *between[k : k + 1], out[b].text]) for k in range(len(between))]
            tags = next((self.phrases[k] for k in map(phrase_key, said) if k in self.phrases), None)
            if tags is None or tags <= out[a].tags or not any(t.kind == "entity" for t in tags):
                continue  # (a phrase that only picks one of the first word's readings settles nothing)
            out[a] = Token(out[a].start, out[a].end, out[a].text, frozenset(tags))
            out[b] = Token(out[b].start, out[b].end, out[b].text, frozenset({Tag("filler", "")}))
        return out

    def _candidates(self, text: str, i: int, end: int) -> list[Token]:
        """A year, a number and the longest phrase starting at `i` and ending by `end`."""
        assert self._pattern is not None and self._year is not None
        candidates: list[Token] = []
        if year := self._year.match(text, i, end):
            tags = {Tag("year", year.group(1))}
            if year.group(2):
                tags.add(Tag("estimate", ""))
            candidates.append(Token(i, year.end(), year.group(), frozenset(tags)))
        if number := NUMBER.match(text, i, end):
            value = number.group().strip("()").replace(" ", "").replace(",", "")
            candidates.append(Token(i, number.end(), number.group(), frozenset({Tag("number", value)})))
        if phrase := self._pattern.match(text, i, end):
            words = phrase.group()
            key = re.sub(r"\s+", " ", words) if words.isascii() else _key(words)
            candidates.append(Token(i, phrase.end(), words, frozenset(self.phrases[key])))
        return candidates

    def _unknown(self, text: str, i: int) -> Token:
        word = WORD.match(text, i)
        end = word.end() if word else i + 1
        piece = text[i:end]
        # an English plural or singular of a one-word phrase ("budgets", "requirement") is that phrase
        tags = set()
        if piece.isascii() and len(piece) > 3:
            tags = (
                self.phrases.get(piece[:-1], set())
                if piece.endswith("s")
                else self.phrases.get(piece + "s", set())
            )
        return Token(i, end, piece, frozenset(tags))

    def _longest(self, text: str, i: int, end: int | None = None) -> Token | None:
        """The longest year, number or phrase starting at `i` (and ending by `end`), or None."""
        candidates = self._candidates(text, i, len(text) if end is None else end)
        return max(candidates, key=lambda t: (t.end, len(t.tags))) if candidates else None

    def _fewest_unknown(self, text: str) -> list[Token]:
        """Every way through the text's phrases (each shorter phrase at each place, too): the one with the
        fewest unknown characters of a script without spaces, then the fewest tokens, then the longest
        first phrases."""
        n = len(text)
        best: list[tuple[int, int, list[Token]] | None] = [None] * (n + 1)
        best[n] = (0, 0, [])
        for i in range(n - 1, -1, -1):
            if gap := SPACE.match(text, i):
                best[i] = best[gap.end()]
                continue
            options: list[Token] = []
            end = n
            while end > i and (longest := self._longest(text, i, end)):  # each phrase here, longest first
                options.append(longest)
                end = longest.end - 1
            options.append(self._unknown(text, i))
            for token in options:
                rest = best[token.end]
                if rest is None:
                    continue
                cost = (rest[0] + _unknown_characters(token), rest[1] + 1)
                if best[i] is None or cost < best[i][:2]:
                    best[i] = (*cost, [token, *rest[2]])
        return best[0][2] if best[0] else []


def _head_numbers(tags: set[Tag]) -> set[str]:
    """The grammatical numbers of a phrase's head tags ("singular", "plural"); empty for other phrases."""
    return (
        {t.value.rsplit(":", 1)[1] for t in tags if t.kind == "head"}
        if all(t.kind == "head" for t in tags)
        else set()
    )


COMMON = 20  # jieba's count of a word from which it is a word written on purpose, not a slip


def _a_word_at(window: str, k: int, phrase: str) -> bool:
    """The character at k makes with a neighbour a common word the phrase does not have ("<approved>
    budget" is not a slip for "<core> budget"): a word written on purpose, never corrected."""
    import jieba

    jieba.setLogLevel(60)
    pairs = (window[a : a + 2] for a in (k - 1, k) if a >= 0 and a + 2 <= len(window))
    return any(pair not in phrase and (jieba.get_FREQ(pair) or 0) >= COMMON for pair in pairs)


def words_of(text: str) -> list[str]:
    """A stretch of text cut into words (jieba cuts a script written without spaces)."""
    import jieba

    jieba.setLogLevel(60)
    return [w for w in jieba.lcut(text) if w.strip()]


def _whole_words(text: str, tokens: list[Token]) -> list[Token]:
    """A word of a script without spaces (as jieba cuts the question) holding a character not understood
    is not understood as a whole: a filler character of it is part of the unknown word, not a filler
    (a word beginning with an unknown character and ending in a filler is one unknown word). So is a
    word spelt only with one-character fillers that the lexicon does not have as a phrase ("<median>")."""
    import jieba

    jieba.setLogLevel(60)
    spans = [(a, b) for _, a, b in jieba.tokenize(text) if b - a > 1]
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        if _unknown_characters(token) == 0 and not _only_fillers(token) or len(out) < 2:
            continue
        for a, b in spans:
            inside = [t for t in out if a <= t.start and t.end <= b]
            if len(inside) < 2 or inside[-1] is not token:
                continue
            # (a word made only of one-character fillers is a word the lexicon does not have: "<median>")
            spelt = (
                inside[0].start == a
                and token.end == b
                and all(len(t.text) == 1 and any(tag.kind == "filler" for tag in t.tags) for t in inside)
            )
            if not any(_unknown_characters(t) for t in inside) and not spelt:
                continue
            if spelt or all(_unknown_characters(t) or _only_fillers(t) for t in inside):
                del out[-len(inside) :]
                out.append(Token(inside[0].start, token.end, text[inside[0].start : token.end], frozenset()))
            break
    return out


def _spelled_year(digits: list[tuple[int, bool]]) -> int | None:
    """A year said as its century and then its last two digits ("nineteen ninety", "twenty twenty-one"):
    nineteen or twenty, then a number from ten to ninety-nine in words with no multiplier; None otherwise."""
    if len(digits) < 2 or digits[0] not in ((19, False), (20, False)) or any(s for _, s in digits[1:]):
        return None
    rest = _spelled_value(digits[1:])
    return digits[0][0] * 100 + rest if rest is not None and 10 <= rest <= 99 else None


def _spelled_value(digits: list[tuple[int, bool]]) -> int | None:
    """The number that values and multipliers write, read left to right ("four", "ten"×, "five": 45;
    "one", "hundred"×, "twenty": 120); None when they write none ("five four", "forty fifty")."""
    total, pending, after_scale = 0, 0, False
    for value, scale in digits:
        if scale:
            if after_scale and not pending:
                return None  # ("thousand thousand": no number written that way)
            total += (pending or 1) * value
            pending, after_scale = 0, True
        elif pending and (pending % 10 or value >= 10):
            return None
        else:
            pending += value
    return total + pending


def only_kinds(token: Token, kinds: tuple[str, ...]) -> bool:
    """Every tag of the token is of these kinds (a token with no tag too)."""
    return all(t.kind in kinds for t in token.tags)


def _only_fillers(token: Token) -> bool:
    return token.known and only_kinds(token, ("filler",))


def _unknown_characters(token: Token) -> int:
    """Characters of a script without spaces in a token not understood."""
    return 0 if token.tags or token.text.isascii() else len(token.text)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from a to b; limit + 1 once over `limit`."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _table(data: object, name: str, path: Path) -> dict:
    value = data.get(name, {}) if isinstance(data, dict) else {}
    if not isinstance(value, dict):
        raise CorpusError(f"{path}: [{name}] must be a table")
    return value


def _mapping(value: object, name: str, path: Path) -> dict:
    if not isinstance(value, dict):
        raise CorpusError(f"{path}: [{name}] must be a table")
    return value
