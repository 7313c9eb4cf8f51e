"""Numeric questions in four stages with typed data between them: read (text → Reading) → interpret
(Reading → Intents, or a Stop) → execute (Intent → Result over the cube, or a Stop) → phrase (words in
the answer's language). A question that does not ask for a figure returns None (it goes to the search);
one the calculator cannot read, or whose figure the document does not hold, gets no number."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from calculator import followup
from calculator.audit import Auditor
from calculator.below import Row, RowsBelow, holds, named_row, terms
from calculator.config import POSTS, Config
from calculator.cube import Cube, Fact, LabelReader
from calculator.execute import MIXED, Executor, Result
from calculator.intent import YEAR as YEAR_DIMENSION
from calculator.intent import Intent, Option, Stop, interpret
from calculator.lexicon import Lexicon, name_terms, normalise, only_kinds, words_of
from calculator.phrase import Phraser, fmt, rounded
from calculator.prose import load_prose
from calculator.reading import Mention, Reading, last_index, loose_runs, read, restated
from index.layout import CALCULATOR_CONFIG, CALCULATOR_LEXICON, CALCULATOR_PROSE
from ingest.model import Document
from messages import t

_ASIDE = re.compile(r"[(\uff08]([^()\uff08\uff09]+)[)\uff09]")  # words in brackets, either width
ROUNDED = 0.05  # an answer's figure is shown to one decimal
ARITHMETIC = {"sum", "difference", "ratio", "per_post", "average", "share", "change", "percent_change"}
# tags a sentence of context may hold that say nothing of the figure alone ("is", "for", "a", "money")
QUIET = {"filler", "and", "followup", "share", "range", "quantifier", "plain"}
# tags a sentence of context before the question may hold: what the asker is at ("the summary", "where")
ABOUT = ("non_table", "overview", "filler", "share", "range")
# a sentence of background (`Calculator.background`): how it ends, its least length in words (a character
# of a script without spaces counts half), the tags none of its words may carry (a year, a word that leaves
# something out, money spent, a basis such as a plan or posts added, a unit) and single tags
BACKGROUND_WORDS = 5
_FULL_STOPS = (".", "!", "\u3002", "\uff01")
_CLAUSE_ENDS = ",;\uff0c\uff1b "
_HEADINGS = (":", "\uff1a", "-", "\u2013", "\u2014")
BACKGROUND_STOPS = {
    "year",
    "exclude",
    "actual",
    "audited",
    "basis",
    "correction",
    "subtract",
    "unit",
    "yearly",
    "source",
}
BACKGROUND_STOP_TAGS = {("followup", "moves"), ("tense", "future")}  # (unless the question says its year)
BACKGROUND_QUIET = {("basis", "cumulative")}  # ("through", "by" with no year)
BACKGROUND_SAID = {"op", "measure", "ranked", "cost"}  # kinds of tag the question must say too
WIDEN = 3  # known words either side of the words not understood that may name a row's theme with them


@dataclass
class Outcome:
    """A calculator answer: words, the result (None unless a figure was computed), the units it cites,
    whether it answered, and the choices offered when it asks back."""

    answer: str
    result: dict | None
    sources: list[tuple[str, str]] = field(
        default_factory=list
    )  # (kind, id): ("table", <table id>), ("paragraph", <number>)
    status: str = "answered"  # answered | clarify | absent | unread
    options: list[Option] = field(default_factory=list)
    read_as: str = ""
    described: str = ""  # what was computed, in words (read_as without "Read as:")
    intent: Intent | None = None  # the reading answered (a follow-up carries it over)
    followed: bool = False  # read as a follow-up of the previous question
    unknown: list[str] = field(default_factory=list)  # "unread": the words not understood
    figure_asked: bool = False  # "unread": the question asks for a figure ("what is the budget of <words>")
    reason: str = ""  # why no figure: the Stop's message key ("two_questions", ...)


class Calculator:
    """Answers numeric questions from the document's tables and prose figures."""

    def __init__(
        self,
        tables: pd.DataFrame,
        document: Document,
        directory: Path,
        labels: dict[tuple[str, str], str] | None = None,
        words: set[str] | None = None,
    ):
        self.rows_below = RowsBelow(tables)
        self.config = Config.load(directory / CALCULATOR_CONFIG)
        self.lexicon = Lexicon.load(
            directory / CALCULATOR_LEXICON, self.config.members_by_dimension(), self.config.head_dimensions()
        )
        self.lexicon.corpus_words = set(words or ())
        prose = load_prose(directory / CALCULATOR_PROSE, document, self.lexicon, self.config)
        self.cube = Cube.build(tables, self.config, self.lexicon, prose)
        self.executor = Executor(self.cube, self.config)
        self.phraser = Phraser(self.lexicon, self.config, labels or {})
        self.phraser.years = sorted({f.year for f in self.cube.facts})
        by_table: dict[str, set[int]] = {}
        for fact in self.cube.facts:
            if fact.source_kind == "table":
                by_table.setdefault(fact.source, set()).add(fact.year)
        self.phraser.year_tables = sorted(
            (t for t, ys in by_table.items() if len(ys) > 1), key=self.config.rank
        )
        self.auditor = Auditor(
            self.cube,
            LabelReader(self.lexicon, self.config),
            tables,
            labels or {},
            trusted=lambda fact: self.executor._doubt(fact) is None,
        )

    def audit(self, question: str, language: str, tables: list[str]) -> Outcome | None:
        """An audit question naming tables: each table checked against its own totals and the
        other tables; None when the question names no table it has or asks no such thing."""
        tables = [table for table in tables if table in self.auditor.tables()]
        if not tables or not any(tok.has("audit") for tok in self.read(question, language).tokens):
            return None
        answer, result, cited = self.auditor.report(tables, language)
        return Outcome(answer, result, [("table", c) for c in cited])

    def read(self, question: str, language: str) -> Reading:
        return read(question, language, self.lexicon, self.config)

    def act(self, question: str, language: str) -> str | None:
        """A question about the previous answer itself: "table", "paragraph" (open the unit it cited) or
        "why" (how its figure was computed); None for any other question."""
        return followup.act(self.read(question, language))

    def overview(self, question: str, language: str) -> tuple[str, str] | None:
        """An overview asked for: ("", "") for the whole document, or (the member's key, the question's
        words for it) for one member of the configured dimension; None when no overview is asked for."""
        reading = self.read(question, language)
        if not any(tok.has("overview") for tok in reading.tokens) or reading.unknown:
            return None  # (an overview of something the tables do not hold: the text is searched)
        dimension = self.config.overview.get("dimension", "")
        named = [m for m in reading.mentions if any(d == dimension for d, _ in m.readings)]
        if len(named) == 1:
            key = next(k for d, k in named[0].readings if d == dimension)
            return key, reading.asked[named[0].start : named[0].end] or named[0].words
        return ("", "") if not reading.mentions else None

    def locate(self, question: str, language: str) -> str | None:
        """ "table" (which table shows it) or "where" (where the text discusses it), or None."""
        found = [v for tok in self.read(question, language).tokens for v in tok.values("locate")]
        return "table" if "table" in found else found[0] if found else None

    def run(self, intent: Intent, language: str) -> Outcome:
        """The answer to a reading kept from before (to show how its figure was computed)."""
        result = self.executor.run(intent)
        if not isinstance(result, Result):
            return Outcome(self.phraser.stop(result, language), None, [], "absent")
        outcome = self.answered(result, language)
        outcome.intent = intent
        return outcome

    def intents(self, question: str, language: str) -> list[Intent] | Stop | None:
        return interpret(self.read(question, language), self.config)

    def handle(
        self,
        question: str,
        language: str,
        prose: bool = False,
        previous: Intent | None = None,
        tables: tuple[str, ...] = (),
    ) -> Outcome | None:
        """An Outcome for a numeric question, None for anything else. `prose`: the paragraphs' figure is
        asked for first (the question names a paragraph). `previous`: the reading of the previous
        question, which a follow-up ("and for <member>?") carries over."""
        reading = self.read(question, language)
        found = interpret(reading, self.config)
        followed = False
        if previous is not None and followup.wanted(reading, found):
            carried = followup.follow(previous, reading, self.config)
            if carried is not None:
                found, followed = ([carried] if isinstance(carried, Intent) else carried), True
        elif (
            previous is None
            and found is not None
            and not reading.has("non_table")
            and followup.dangling(reading)
        ):
            asked = self.with_asides(question, language, prose, previous, tables)  # ("its" in an aside)
            back = Stop("clarify", "which_reference", {"words": reading.text})  # "it" with nothing before
            return asked if asked is not None else self.stopped(back, reading, language)
        if found is None:
            return None
        if previous is None and not isinstance(found, Stop):
            back = self.named_in_background(question, language)
            if back is not None:
                return self.stopped(back, reading, language)
        if isinstance(found, Stop) and found.kind == "unread":
            named = self.row_below(reading, language)  # words naming a row under the figure asked for
            if named is not None:
                return named
        if isinstance(found, Stop) and (found.kind == "unread" or found.message == "which_reference"):
            asked = self.with_asides(question, language, prose, previous, tables)  # (words in an aside)
            if asked is not None:
                return asked
        if isinstance(found, Stop) and found.kind == "clarify":  # (a sentence aside read as a second ask)
            asked = self.with_asides(question, language, prose, previous, tables)
            if asked is not None and asked.status == "answered":
                return asked
        if isinstance(found, Stop):
            restated = self.restated_aside(question, language, previous)
            return restated if restated is not None else self.stopped(found, reading, language)
        everything = followup.all_scope(reading) and found[0].operation != "share"  # "all …'s share": of?
        if previous is not None and not followed and not everything:
            carried = self.with_whom(previous, found[0])
            if carried is not None:  # read on its own, it drops whom the last figure was for: which?
                return self.which_scope(found[0], *carried, previous, reading, language)
        if prose or tables:
            found = [replace(intent, prose=prose or intent.prose, tables=tables) for intent in found]
        done = [(intent, self.executor.run(intent)) for intent in found]
        results = [(i, r) for i, r in done if isinstance(r, Result)]
        asked = [r for _, r in done if isinstance(r, Stop) and r.kind == "clarify"]
        if not results or asked:  # one reading asks back (which year?): never the other reading's figure
            stop = asked[0] if asked else done[0][1]
            return self.stopped(stop, reading, language)  # type: ignore[arg-type]
        printed = [(i, r) for i, r in results if not _nil_lookup(r)]
        differ = {d for i, _ in results for d, _ in set(i.fixed) - set(results[0][0].fixed)}
        if (
            len(printed) == 1
            and all(_nil_lookup(r) for _, r in results if r is not printed[0][1])
            and not differ & set(self.config.role("qualifier"))
        ):  # (what the money buys, one reading printing nothing, "—": the other's figure is both together)
            results = printed
        values = {(round(r.value, 6), r.unit, r.operation) for _, r in results}
        if len(values) > 1:
            return self.ambiguous(results, reading, language)
        intent, result = results[0]
        doubtful = next((f for f in result.figures if self.executor.table_in_doubt(f)), None)
        if doubtful is not None:  # only a table whose grand total another table contradicts prints it
            stop = Stop("absent", "doubtful_only", self.phraser.doubt_values(doubtful))
            outcome = self.stopped(stop, reading, language)
            outcome.sources = self.phraser.doubt_sources(doubtful)
            return outcome
        doubt = (
            self.whole_and_member(reading, intent, language)
            or self.unaudited(reading, result)
            or self.said_of_one(reading, intent, language)
            or _year_unused(reading, result)
            or _named_again(reading, self.config)
            or self.other_line(reading, intent)
            or self.either_or(reading, intent)
            or self.whole_joined(reading, language)
        )
        if doubt is not None:
            return self.stopped(doubt, reading, language)
        theme = self.theme_named(reading, results[0][1], language)
        if theme is not None:
            return self.stopped(theme, reading, language)
        stated = self.stated_number(reading, results[0][1])
        if stated is not None and stated.kind == "absent":
            results = self.by_the_plan(reading, results[0][0]) or results  # ("of the <n> posts": by its end?)
            stated = self.stated_number(reading, results[0][1])
        if stated is not None:
            return self.stopped(stated, reading, language)
        aside = self.aside_differs(question, language, results[0][0], results[0][1], previous)
        if aside is not None:
            return self.stopped(aside, reading, language)
        outcome = self.answered(results[0][1], language)
        outcome.options = self.other_readings(results[0][0], reading, language)
        outcome.intent, outcome.followed = results[0][0], followed
        if followed:  # say how it was read, so that a wrong carry-over shows at once
            outcome.answer = f"{outcome.read_as}\n\n{outcome.answer}"
        return outcome

    def other_line(self, reading: Reading, intent: Intent) -> Stop | None:
        """Two years compared, and a word for what is measured that is no word of the line the figure is
        of but a word of another line of its kind ("<A>'s <line> in <year> against its
        <other line> in <year>"): two lines, one figure each, and never one line's two years; asked back."""
        if len({v for t in reading.tokens for v in t.values("year")}) < 2:
            return None
        lines = set(self.config.role("line"))
        fixed = [(d, k) for d, k in intent.fixed if d in lines]
        if len(fixed) != 1:
            return None
        dimension, key = fixed[0]

        def words(member: str) -> set[str]:  # (of its phrases: a head's words such as "expenditure" too)
            phrases = self.lexicon.phrases_naming(dimension, member)
            return {w for phrase in phrases for w in name_terms(phrase)}

        spec = self.config.dimensions[dimension]
        own = words(key).union(*(words(k) for k in spec.members if spec.part_of(key, k)))  # (its total's)
        others = [words(k) for k in spec.members if k != key]
        first_year = min(i for i, t in enumerate(reading.tokens) if t.has("year"))
        for i, token in enumerate(reading.tokens):
            if i <= first_year or i in reading.used or not token.has("measure"):
                continue  # (a word said of a year: "<year> <line> than <year> <word>"; not a table's name)
            if any(m.index == i for m in reading.mentions):
                continue
            said = name_terms(token.text)
            if said and not said <= own and any(said <= other for other in others):
                return Stop("clarify", "two_questions", {})
        return None

    def named_in_background(self, question: str, language: str) -> Stop | None:
        """A sentence beside the one that asks that says something of what the asking sentence does not name
        (a word of the asker's, a word not understood, an operation: "Our delegation funds the <line>. What
        is the total budget?", "<line> rose sharply. What is the total of <A>?"): is the figure of it, or of
        what the question names? Asked back (not when the question points back at it: "… its budget")."""
        sentences = self.lexicon.sentences(question)
        if len(sentences) < 2:
            return None
        readings = [self.read(s, language) for s in sentences]
        asking = [i for i, r in enumerate(readings) if _asks(sentences[i], r)]
        if len(asking) != 1:
            return None
        asked = readings[asking[0]]
        if any(followup.points(tok) for tok in asked.tokens) or sentences[asking[0]].rstrip().endswith(
            _HEADINGS
        ):
            return None  # (it points back, or it opens what follows: "Could you tell me: break down …")
        named = {r for m in asked.mentions for r in m.readings}
        heads = {h.dimension for h in asked.heads}
        speakers = self.lexicon.speakers
        for i, reading in enumerate(readings):
            said = (  # a sentence that says something of it ("<line> rose sharply", "we fund <A>")
                reading.unknown
                or any(_made_of(t.text, speakers, whole=False) for t in reading.tokens)
                or any(tag.kind in ("op", "threshold", "compared") for t in reading.tokens for tag in t.tags)
            )
            if i == asking[0] or not said or not sentences[i].rstrip().endswith(_FULL_STOPS):
                continue  # (not "Add <A> and <B>: what do the two get?", a clause of the question)
            if any(not set(m.readings) & named for m in reading.mentions) or any(
                h.dimension not in heads for h in reading.heads
            ):
                return Stop("clarify", "named_in_background", {"words": sentences[i]})
        return None

    def with_asides(
        self, question: str, language: str, prose: bool, previous: Intent | None, tables: tuple[str, ...] = ()
    ) -> Outcome | None:
        """A question not read whole, read without its sentences of context (`without_context`) or, failing
        that, without its clauses of context (`without_clauses`)."""
        asked = self.without_context(question, language, prose, previous, tables)
        if asked is None:
            asked = self.without_clauses(question, language, prose, previous, tables)
        return asked

    def without_context(
        self, question: str, language: str, prose: bool, previous: Intent | None, tables: tuple[str, ...] = ()
    ) -> Outcome | None:
        """A question not read whole, in sentences: one asks, and each of the others may be set aside
        (`set_aside`): the asking sentence's answer or question back, saying what was set aside; None
        otherwise."""
        sentences = self.lexicon.sentences(question)
        if len(sentences) < 2:
            return None
        readings = [self.read(s, language) for s in sentences]
        asking = [i for i, r in enumerate(readings) if _asks(sentences[i], r)]

        def asks_alone(at: int) -> bool:  # every other sentence may be set aside beside this one
            return all(
                self.set_aside(readings[i], readings[at], before=i < at)
                for i in range(len(readings))
                if i != at
            )

        asking = [i for i in asking if asks_alone(i)]  # ("<question>? The boss wants the total.": said again)
        if len(asking) != 1:
            return None
        others = [i for i in range(len(sentences)) if i != asking[0]]
        outcome = self.handle(sentences[asking[0]], language, prose, previous, tables)
        if outcome is None or outcome.status not in ("answered", "clarify"):
            return None
        of_asker = all(self.set_aside(readings[i], readings[asking[0]], i < asking[0], False) for i in others)
        return self.noted(outcome, [sentences[i] for i in others], of_asker, language)

    def without_clauses(
        self, question: str, language: str, prose: bool, previous: Intent | None, tables: tuple[str, ...] = ()
    ) -> Outcome | None:
        """A question not read whole whose first or last clauses (between commas) speak of the asker and
        the occasion (`set_aside` as a clause): the rest's answer or question back, saying what was set
        aside; None otherwise. The fewest clauses are set aside that let the rest be read."""
        clauses = self.lexicon.clauses(question)
        readings = [self.read(c, language) for c in clauses]
        n = len(clauses)
        for dropped in range(1, n):
            for first in range(dropped + 1):
                last = n - (dropped - first)
                rest = " ".join(clauses[first:last])
                asking = self.read(rest, language)
                aside = [*range(first), *range(last, n)]
                if not _asks(rest, asking) or not all(
                    self.set_aside(readings[i], asking, i < first, clause=True) for i in aside
                ):
                    continue
                outcome = self.handle(rest, language, prose, previous, tables)
                if outcome is None or outcome.status not in ("answered", "clarify"):
                    continue
                words = " … ".join(clauses[i].rstrip(_CLAUSE_ENDS) for i in aside)
                of_asker = all(self.set_aside(readings[i], asking, i < first, False, True) for i in aside)
                key = "calc.context_set_aside" if of_asker else "calc.clause_set_aside"
                outcome.answer = f"{outcome.answer}\n\n{t(key, language, words=words)}"
                return outcome
        return None

    def noted(self, outcome: Outcome, aside: list[str], of_asker: bool, language: str) -> Outcome:
        """The outcome with a note quoting the sentences set aside."""
        key = "calc.context_set_aside" if of_asker else "calc.background_set_aside"
        outcome.answer = f"{outcome.answer}\n\n{t(key, language, words=' '.join(aside))}"
        return outcome

    def set_aside(
        self, reading: Reading, asking: Reading, before: bool, background: bool = True, clause: bool = False
    ) -> bool:
        """A sentence of context that may be set aside: it speaks of the asker (or, after the asking
        sentence, of the answer's form), and each of its words is a word of context ([context] in the
        lexicon) or says again what the asking sentence says: the one member it names of a dimension (not one
        of several it lists, which would narrow it), its operation or measure; no year, no number. Before the
        asking sentence, words of what the asker is at (a summary, an overview) are context too, and so is a
        sentence of background (`background`)."""
        if reading.unread_ranges:
            return False  # (a word that is known and never read: "not", "mid-year", "our part")
        if before and self.courteous(reading.asked):
            return True  # ("Good morning.", "Thank you, Chair.")
        if before and background and not clause and self.background(reading, asking):
            return True
        if before and background and self.occasion(reading, asking, clause):
            return True
        lexicon = self.lexicon
        words = lexicon.speakers | lexicon.narrative | (set() if before else lexicon.instructions)
        about = lexicon.speakers if before else lexicon.speakers | lexicon.instructions
        if not any(_made_of(tok.text, about, whole=False) for tok in reading.tokens):
            return False
        if reading.numbers or reading.years or reading.year_range or reading.cumulative_year:
            return False
        # (after the question, a word of the figure is one of the answer's form: "…? Give me the number.")
        narrowing = lexicon.narrowing - (set() if before else lexicon.instructions) | lexicon.times
        if any(_made_of(tok.text, narrowing, whole=not tok.text.isascii()) for tok in reading.tokens):
            return False
        if any(
            not any(_the_one(asking, d, k) for d, k in m.readings)
            for m in [*reading.mentions, *reading.excluded]
        ):
            return False
        said = {tag for named in _tags(asking) for tag in named}
        spans = [(m.start, m.end) for m in [*reading.mentions, *reading.excluded]]
        for tok, tags in zip(reading.tokens, _tags(reading), strict=True):
            if _inside(tok, spans):
                continue
            again = tags <= said or tags & said and all(kind == "op" for kind, _ in tags)  # ("%": a share)
            topic = (
                before and tok.known and only_kinds(tok, ABOUT)
            )  # ("drafting the summary", "where it goes")
            small = tok.known and tok.has("joiner") and only_kinds(tok, ("filler", "joiner"))  # (a counter)
            if not (tags and again or topic or small or _made_of(tok.text, words)):
                return False
        return True

    def courteous(self, text: str) -> bool:
        """A sentence or clause made only of words of courtesy ([context] courtesy: a greeting, thanks, an
        apology, whom they are addressed to): it says nothing of any figure."""
        words = self.lexicon.courtesy
        rest = normalise(text)
        for word in sorted((w for w in words if not w.isascii()), key=len, reverse=True):
            rest = rest.replace(word, " ")
        if re.search(r"[^\x00-\x7f\u3000-\u303f\uff01-\uff1f\u2018-\u201d]", rest) or re.search(r"\d", rest):
            return False  # (a word of a script without spaces left over, or a number)
        found = re.findall(r"[a-z][a-z'.]*", rest)
        return bool(found or rest != normalise(text)) and all(w.strip(".") in words for w in found)

    def background(self, reading: Reading, asking: Reading) -> bool:
        """A sentence of background before the asking one (why the asker asks, what they have read): a whole
        sentence, closed by a full stop and of `BACKGROUND_WORDS` words at least, that names a member; each
        member it names is one the asking sentence names too, with no word beside it that may qualify it
        (`qualified`), and nothing else in it bears on the figure (`quiet`)."""
        text = reading.asked.rstrip()
        if not text.endswith(_FULL_STOPS) or _length(text) < BACKGROUND_WORDS:
            return False
        named = {r for m in asking.mentions for r in m.readings}
        if not reading.mentions or any(not set(m.readings) & named for m in reading.mentions):
            return False  # (of something the question names: "<X> matters to us", not "the figure for <Y>")
        if any(self.qualified(reading, m) for m in reading.mentions):
            return False
        return self.quiet(reading, asking)

    def occasion(self, reading: Reading, asking: Reading, clause: bool = False) -> bool:
        """A sentence or clause of the occasion before the question (who asks and why: "our delegation is
        preparing talking points for the session"): it names no member and asks nothing ("the figure for
        <a place>"), holds a word of the asker or of whom they speak for, or of the occasion ([context]
        speakers, instructions: "please", occasions: "ahead of the session"), every word of it is
        understood or plain ([context] speakers, narrative, occasions,
        determiners, instructions: a word not understood may narrow the figure), and nothing in it bears on
        the figure (`quiet`); a sentence is closed by a full stop and has `BACKGROUND_WORDS` words at
        least, or is a heading over the question, closed by a colon or a dash. The question names a
        member, asks for a total itself or which member ranks (not "the budget" alone beside "our work on
        housing", which may narrow it)."""
        text = reading.asked.rstrip()
        heading = text.endswith(_HEADINGS)  # ("For my ambassador's briefing:"; "For my records:" narrows)
        closed = text.endswith(_FULL_STOPS) and _length(text) >= BACKGROUND_WORDS
        if not clause and not heading and not closed:
            return False
        if any(tok.has("ask") for tok in reading.tokens):
            return False  # ("my minister wants the figure for <a place>": it says which figure)
        lexicon = self.lexicon
        plain = lexicon.plain | lexicon.instructions
        spans = _spans(reading.text, plain)
        if any(
            not tok.known
            and not _made_of(tok.text, plain | lexicon.times)  # (a time: `quiet` reads it)
            and not _inside(tok, spans)
            for tok in reading.tokens
        ):
            return False  # (a word not understood may narrow it: "for our work in <a city>", "the shortfall")
        asker = lexicon.speakers | lexicon.instructions | lexicon.occasions  # ("as my capital asked")
        if reading.mentions or not (
            any(_made_of(t.text, asker, whole=False) for t in reading.tokens) or _spans(reading.text, asker)
        ):
            return False
        if not (
            asking.mentions
            or any(t.has("op", "sum") for t in asking.tokens)
            or any(h.how == "which" for h in asking.heads)  # ("which <head> gets the most?")
        ):
            return False
        return self.quiet(reading, asking)

    def quiet(self, reading: Reading, asking: Reading) -> bool:
        """Nothing in a sentence of background bears on the figure but the members the question names too:
        no number or year, no word that leaves something out, asks for money spent or for a basis (a
        plan, posts added) or narrows the figure ([context] narrowing: "only", an office, a region, a
        qualifier such as "inflation-adjusted"); unless the question says its own year, no word of a time
        either ([context] times, "the year after", "will"); no operation or measure the question does not
        say (but in words of narrative, [context] speakers, narrative), and each dimension it names by a
        head the question binds. Its other words, understood or not, say why the question is asked. The
        question points at nothing before it ("that office", "these projects"; "<member>, this component"
        restates the member)."""
        if reading.numbers or reading.years or reading.year_range or reading.cumulative_year:
            return False
        if reading.excluded or reading.spent:
            return False
        lexicon = self.lexicon
        named = {r for m in asking.mentions for r in m.readings}
        dated = bool(asking.years or asking.year_range or asking.cumulative_year)
        bound = (
            {d for d, _ in named}
            | {h.dimension for h in asking.heads}
            | ({YEAR_DIMENSION} if dated else set())
        )
        if any(h.dimension not in bound for h in reading.heads):
            return False
        said = {tag for named_tags in _tags(asking) for tag in named_tags}
        plain = lexicon.plain
        words = _spans(reading.text, plain)  # (a word of the asker read as two characters, each with tags)
        if any(
            (tag.kind, tag.value) not in said
            for tok in reading.tokens
            if not _made_of(tok.text, plain) and not _inside(tok, words)
            for tag in tok.tags
            if tag.kind in BACKGROUND_SAID
        ):
            return False  # ("<member>'s share … How much is <member>?": the share, or the amount?)
        stops = BACKGROUND_STOP_TAGS if not dated else set()
        narrowing = lexicon.narrowing | (set() if dated else lexicon.times)
        spans = [(m.start, m.end) for m in reading.mentions]
        for tok in reading.tokens:
            if _made_of(tok.text, narrowing, whole=not tok.text.isascii()):
                return False
            if _inside(tok, spans) or any(
                a <= tok.start and tok.end <= b and b - a > len(tok.text) for a, b in words
            ):
                continue  # (in a member's name, or part of a longer plain word of a script without spaces)
            if (tok.has("numeral") or tok.has("number")) and not _inside(tok, words):
                return False  # (a number in words bound to nothing: "a third"; not the "one" of "all along")
            if any(
                (tag.kind in BACKGROUND_STOPS and (tag.kind, tag.value) not in BACKGROUND_QUIET)
                or (tag.kind, tag.value) in stops
                for tag in tok.tags
            ):
                return False
        ends = {m.end for m in asking.mentions}
        return not any(
            followup.points(tok) and not _after(asking, i, ends) and not self.named_before(asking, i)
            for i, tok in enumerate(asking.tokens)
            if i not in asking.used
        )

    def named_before(self, reading: Reading, i: int) -> bool:
        """A word that points back ("its") after the organisation's name in its own sentence ("does
        <organisation> have in its budget"): it points at the organisation."""
        names = self.lexicon.organisation
        return any(tok.text in names or _made_of(tok.text, names) for tok in reading.tokens[:i])

    def qualified(self, reading: Reading, mention: Mention) -> bool:
        """A member named with a word beside it that may qualify it: the nearest word before it and after it,
        across words that link ([context] linking: "of", "in", "to", "that"), must be a word of the asker
        or of narrative ([context] speakers, narrative, determiners) or name a member too: "<member> is
        our priority" (not "the slice of <member> that concerns refugees", "<member>'s share")."""
        lexicon, tokens = self.lexicon, reading.tokens
        plain = lexicon.speakers | lexicon.narrative | lexicon.determiners
        spans = [(m.start, m.end) for m in reading.mentions]
        inside = [i for i, t in enumerate(tokens) if mention.start <= t.start and t.end <= mention.end]
        if not inside:
            return False
        for step, at in ((-1, inside[0] - 1), (1, inside[-1] + 1)):
            while 0 <= at < len(tokens) and tokens[at].text in lexicon.linking:
                at += step
            if not 0 <= at < len(tokens):
                continue
            tok = tokens[at]
            if not _made_of(tok.text, plain) and not _inside(tok, spans):
                return True
        return False

    def restated_aside(self, question: str, language: str, previous: Intent | None) -> Outcome | None:
        """ "What does <X> cost (<its parts> divided by <the count>)?": a question not read
        whole whose words in brackets ask, on their own, for the very figure the words outside them
        ask for: that figure. Otherwise None (an aside that narrows or excludes is not understood)."""
        found = _ASIDE.search(question)
        if found is None:
            return None
        outside = f"{question[: found.start()]} {question[found.end() :]}"
        if _ASIDE.search(outside) is not None:
            return None  # (two asides: not read)
        first = self.handle(outside, language, previous=previous)
        one, other = _figure(first), _figure(self.handle(found.group(1), language))
        if one is None or other is None or one[1] != other[1] or abs(one[0] - other[0]) >= ROUNDED:
            return None
        return first

    def aside_differs(
        self, question: str, language: str, intent: Intent, result: Result, previous: Intent | None
    ) -> Stop | None:
        """ "What does <one X> cost (<a whole> divided by <a count>)?": words in brackets that name members
        or figures with an operation say how to compute the figure. Asked alone, they must give the figure
        the words outside them ask for (or the question whole, when those alone give none), or the same
        operation over a wider scope (the formula in general, "(<costs> divided by <their count>)"); else
        the question is asked back. An aside that lists a group's members ("core (<A> plus <B>)"), or names
        no member ("(all sources together)", "(<A> only)" has no operation), is read with the question."""
        found = _ASIDE.search(question)
        if found is None:
            return None
        inside = self.read(found.group(1), language)
        if not inside.mentions and not inside.numbers:
            return None  # ("(all sources together)": no member named)
        outside = f"{question[: found.start()]} {question[found.end() :]}"
        around = self.read(outside, language)
        if _defines_a_group(inside, around, self.config):
            return None
        if _members_differ(inside, around, self.config):  # ("<A> (<A> over <B>)")
            return Stop("clarify", "aside_differs", {"aside": found.group(1).strip()})
        if not {v for t in inside.tokens for v in t.values("op")} & ARITHMETIC:
            return None  # ("(number of projects)": the figure's unit said again; "(<A> only)": narrower)
        told = self.handle(outside, language, previous=previous)
        value = result.value
        if told is not None and told.intent is not None and (outside_figure := _figure(told)) is not None:
            value, intent = outside_figure[0], told.intent  # the words outside alone give a figure: that one
        alone = self.handle(found.group(1), language)
        figure = _figure(alone)
        if figure is not None and abs(figure[0] - value) < ROUNDED:  # (the answer's figure is rounded)
            return None
        general = alone.intent if alone is not None and figure is not None else None
        if general and general.operation == intent.operation and set(general.fixed) < set(intent.fixed):
            return None
        return Stop("clarify", "aside_differs", {"aside": found.group(1).strip()})

    def row_below(self, reading: Reading, language: str) -> Outcome | None:
        """The question read without the words it does not understand names one printed figure; those
        words name one row printed below it (calculator/below.py): that row's figure, or None. Known
        words beside them may belong to the theme too ("on <climate change> adaptation"): each stretch
        widened by up to WIDEN words either side is tried; the words not understood choose the row, whose
        label must hold the widened words too; every stretch that names a row must name the same one."""
        unread = [i for i, tok in enumerate(reading.tokens) if i not in reading.used and not tok.known]
        if not unread or any(tok.has("negation") for tok in reading.tokens):
            return None  # ("projects not on <theme>": the other rows, which no one row gives)
        if self.of_a_name(reading, unread):
            return None  # (words of a named member's own name, one miswritten: not a theme)
        found: dict[tuple[str, float], tuple[Intent, Result, Fact, Row]] = {}
        for left in range(WIDEN + 1):
            for right in range(WIDEN + 1):
                extra = [i for i in range(unread[0] - left, unread[0]) if i >= 0]
                extra += [i for i in range(unread[-1] + 1, unread[-1] + 1 + right) if i < len(reading.tokens)]
                if len(extra) < left + right:
                    continue  # past the question's ends: tried already
                named = self.named_below(reading, unread, extra, language)
                if named is not None:
                    found[(named[3].label, named[3].value)] = named
        if len(found) != 1:
            return None
        intent, result, fact, row = next(iter(found.values()))
        parent = self.answered(result, language)
        cite, sources = self.phraser.cite([fact])
        value = fmt(row.value, row.unit, whole=float(row.value).is_integer())
        text = t("calc.row_below", language, what=row.label, parent=parent.described, value=value, cite=cite)
        formula = f"{cite.strip('[]')}: {row.path} × {row.column} = {row.raw}"
        data = {
            "value": row.value,
            "unit": parent.result["unit"] if parent.result else row.unit,
            "formula": formula,
            "operation": "lookup",
            "cells": [{"table": fact.source, "row": row.path, "column": row.column}],
            "read_as": t("calc.read_as", language, what=row.label),
        }
        outcome = Outcome(text, data, sources, "answered", [], data["read_as"], row.label)
        outcome.intent = intent
        return outcome

    def whole_and_member(self, reading: Reading, intent: Intent, language: str) -> Stop | None:
        """Words for the whole organisation in a question whose figure is one member's ("<A>'s <B>? We
        want it for the organisation as a whole."): which of the two is meant is asked (not with a share,
        whose whole they may be)."""
        whom = set(self.config.role("whom"))
        member = next(((d, k) for d, k in intent.fixed if d in whom), None)
        if member is None or intent.operation == "share":
            return None
        if not any(_says(reading.text, words) for words in self.lexicon.whole):
            return None
        return Stop("clarify", "whole_or_member", {"member": self.phraser.member(*member, language)})

    def either_or(self, reading: Reading, intent: Intent) -> Stop | None:
        """Members joined by "or" and added up with no word that adds ("<A> or <B> for <C>?"): one of
        them is meant, which is asked."""
        if intent.operation != "sum" or any(t.has("op", "sum") for t in reading.tokens):
            return None
        if any(_says(reading.text, word) for word in self.lexicon.disjunctions):
            return Stop("clarify", "either_or", {})
        return None

    def whole_joined(self, reading: Reading, language: str) -> Stop | None:
        """The organisation's own name joined to a member by a word that lists or adds ("<A> and UN-Habitat
        in total"): the whole and a part of it, which is asked."""
        tokens, whom = reading.tokens, set(self.config.role("whom"))
        for i, tok in enumerate(tokens):
            near = tokens[max(0, i - 2) : i] + tokens[i + 1 : i + 3]
            if tok.text not in self.lexicon.organisation or not any(
                t.has("and") or t.has("op", "sum") for t in near
            ):
                continue
            for m in reading.mentions:
                member = next(((d, k) for d, k in m.readings if d in whom), None)
                if member is not None:
                    return Stop(
                        "clarify", "whole_or_member", {"member": self.phraser.member(*member, language)}
                    )
        return None

    def unaudited(self, reading: Reading, result: Result) -> Stop | None:
        """ "Audited" figures asked for: each figure used must be of a year before the budget year that its
        table does not mark as an estimate; else the document has no audited figure."""
        if not reading.has("audited"):
            return None
        facts = [fact for figure in result.figures for fact in figure.facts]
        if all(f.year < self.config.budget_year and not f.estimate for f in facts):
            return None
        years = sorted({f.year for f in facts if f.year >= self.config.budget_year or f.estimate})
        return Stop("absent", "not_audited", {"years": years})

    def said_of_one(self, reading: Reading, intent: Intent, language: str) -> Stop | None:
        """Members listed ("<A> and <B>") with something said of one of them only: a member of another
        dimension after the word that joins them, just before the second, and nowhere else ("the total
        budget of <A> and the <source> budget of <B>"); or one said before that word while the second has a
        word for its whole ("the <source> budget of <A> and the total of <B>", "<B>'s total"). Whether it
        is meant for all of them is asked."""
        if not intent.varying:
            return None
        tokens, dimension = reading.tokens, intent.varying[0]
        listed = [m for m in reading.mentions if dimension in m.dimensions]
        for a, b in zip(listed, listed[1:], strict=False):
            end = last_index(reading, a)
            joiner = next(
                (k for k in range(end + 1, b.index) if tokens[k].has("and") or tokens[k].has("op")), None
            )
            if joiner is None:
                continue
            for m in reading.mentions:
                if dimension in m.dimensions or not (end < m.index and last_index(reading, m) < b.index):
                    continue
                attached = all(
                    only_kinds(t, ("filler", "measure", "share"))
                    for t in tokens[last_index(reading, m) + 1 : b.index]
                )
                elsewhere = any(o is not m and set(o.readings) & set(m.readings) for o in reading.mentions)
                if m.index > joiner and attached and not elsewhere:
                    return Stop(
                        "clarify", "said_of_one", {"words": m.words, "member": self.member_of(b, language)}
                    )
            said_before = any(dimension not in m.dimensions and m.index < joiner for m in reading.mentions)
            whole = self.whole_of(reading, joiner, b)
            if said_before and whole is not None:
                return Stop("clarify", "said_of_one", {"words": whole, "member": self.member_of(b, language)})
        return None

    def whole_of(self, reading: Reading, joiner: int, member: Mention) -> str | None:
        """A word for a whole said of `member`: after the word that joins it to the one before, before it
        ("the total of <B>") or just after it ("<B>'s total", "<B>'s budget")."""
        tokens = reading.tokens
        after = last_index(reading, member) + 1
        while after < len(tokens) and tokens[after].text in self.lexicon.possessives:
            after += 1
        whole = [  # "the total of <B>", "the whole budget of <B>"
            t for t in tokens[joiner + 1 : member.index] if t.has("op", "sum") or _whole_word(t)
        ]
        if last_index(reading, member) + 1 < after < len(tokens):  # "<B>'s total", "<B>'s budget"
            whole += [tokens[after]] if _whole_word(tokens[after]) or tokens[after].has("measure") else []
        return whole[0].text if whole else None

    def member_of(self, mention: Mention, language: str) -> str:
        return self.phraser.member(*mention.readings[0], language)

    def theme_named(self, reading: Reading, result: Result, language: str) -> Stop | None:
        """A word that names a member again, apart from it ("<member> <category> on <a word of its name>"),
        which a row printed below the figure also holds: the whole figure, or that row's theme? Asked."""
        words = restated(reading, set(self.config.role("whom")))
        rows = (
            [
                row
                for f in result.figures
                for fact in f.facts
                for same in self.printed_as(fact)
                for row in self.rows_below.of(same, language)
            ]
            if words
            else []
        )
        for word in words:
            wanted = terms(words_of(word))
            held = [sum(holds(row.label, w) for w in wanted) for row in rows]
            if wanted and any(2 * n >= len(wanted) for n in held):  # half of its words: it may be the theme
                return Stop("clarify", "theme_or_whole", {"words": word})
        return None

    def printed_as(self, printed: Fact) -> list[Fact]:
        """The figure as each table that prints it (with the same value) has it: one may print rows below."""
        return [
            printed,
            *(f for f in self.cube.find_key(printed.key)[0] if f.agrees(printed) and f != printed),
        ]

    def of_a_name(self, reading: Reading, unread: list[int]) -> bool:
        """Words not understood that names of a member the question names hold, half of them at least
        (two characters written together, or a word's stem): a name written wrong, not a theme below."""
        names = [
            p for m in reading.mentions for d, k in m.readings for p in self.lexicon.phrases_naming(d, k)
        ]
        wanted = [term for term in terms([reading.tokens[i].text for i in unread]) if len(term) > 1]
        held = [term for term in wanted if any(holds(name, term) for name in names)]
        return bool(wanted) and len(held) * 2 >= len(wanted)

    def named_below(
        self, reading: Reading, unread: list[int], extra: list[int], language: str
    ) -> tuple[Intent, Result, Fact, Row] | None:
        """The question without its words not understood (and the known words `extra`) read as one
        printed figure, and the one row below it whose label holds those words; None otherwise."""
        tokens = reading.tokens
        if any(tokens[i].has("number") or tokens[i].has("year") for i in extra):
            return None  # a number is not part of a theme
        widened = [  # known words the row's label must hold too ("to" need not)
            i for i in extra if not only_kinds(tokens[i], ("filler", "and")) and terms([tokens[i].text])
        ]
        blanked = reading.text
        inside = [  # "and", "of" between words not understood belong to the theme too
            i for i in range(unread[0], unread[-1]) if only_kinds(tokens[i], ("filler", "and", "followup"))
        ]
        for i in sorted({*unread, *extra, *inside}, reverse=True):
            blanked = f"{blanked[: tokens[i].start]} {blanked[tokens[i].end :]}"
        rest = self.read(blanked, language)
        intents = interpret(rest, self.config) if not rest.unknown else None
        if not isinstance(intents, list) or len(intents) != 1 or intents[0].operation != "lookup":
            return None
        result = self.executor.run(intents[0])
        if not isinstance(result, Result) or len(result.figures) != 1 or len(result.figures[0].facts) != 1:
            return None
        same = self.printed_as(result.figures[0].facts[0])
        words = loose_runs(reading) if language != "en" else reading.unknown  # these alone choose the row
        found = [(f, named_row(self.rows_below.of(f, language), words)) for f in same]
        found = [
            (f, row)
            for f, row in found
            if row is not None
            and all(holds(row.label, term) for i in widened for term in terms([tokens[i].text]))
        ]
        if len({(row.label, row.value) for _, row in found}) != 1:
            return None
        return intents[0], result, found[0][0], found[0][1]

    def with_whom(self, previous: Intent, alone: Intent) -> tuple[Intent, Result] | None:
        """A question read on its own that drops whom the last figure was for (a component, say), with
        that member put back, and its figure, when the document has it; None otherwise."""
        whom = set(self.config.role("whom"))
        kept = {d for d, _ in alone.fixed} | ({alone.varying[0]} if alone.varying else set())
        lost = tuple((d, k) for d, k in previous.fixed if d in whom and d not in kept)
        if not lost:
            return None
        carried = replace(alone, fixed=alone.fixed + lost, notes=())
        result = self.executor.run(carried)
        return (carried, result) if isinstance(result, Result) else None

    def which_scope(
        self,
        alone: Intent,
        carried: Intent,
        theirs: Result,
        previous: Intent,
        reading: Reading,
        language: str,
    ) -> Outcome:
        """A question naming no member after one member's figure ("what is the total budget?"): the
        whole's figure, or the last member's? Both offered, each as a question that says which."""
        asked = (reading.asked or reading.text).rstrip("?？。 ")
        options = []
        result = self.executor.run(alone)
        if isinstance(result, Result):
            label = f"{self.phraser.described(alone, language, result)}: {fmt(result.value, result.unit)}"
            options.append(Option(label, t("calc.ask_scope_all", language, question=asked)))
        whom = set(self.config.role("whom"))
        names = t("calc.list_sep", language).join(
            self.unambiguous(d, k, language) for d, k in previous.fixed if d in whom
        )
        label = f"{self.phraser.described(carried, language, theirs)}: {fmt(theirs.value, theirs.unit)}"
        options.append(Option(label, t("calc.ask_scope_member", language, question=asked, member=names)))
        return Outcome(t("calc.stop.which_scope", language), None, [], "clarify", options)

    def stated_number(self, reading: Reading, result: Result) -> Stop | None:
        """A figure the question states itself ("the 300 posts") must be one the answer uses: else the
        question is about something the calculator did not find, and no number is given. Nor is the figure
        the question states itself ("the <source> budget for its <n> posts" read as <n>): what of it is
        asked?"""
        known = [f.value for fig in result.figures for f in fig.facts] + [result.value]
        known += [fig.value for fig in result.figures]
        for fig in result.figures:  # "how many of the 316 posts …": the total of what it names
            for dim, _ in fig.want.coords:
                whole = self.executor.figure(fig.want.with_(**{dim: "*"}), derive=False)
                if whole is not None:
                    known.append(whole.value)
        for number in reading.numbers:
            if (
                result.operation == "lookup"
                and abs(number - result.value) < 0.05
                and not reading.has("audit")
            ):
                return Stop("clarify", "states_the_figure", {"number": f"{number:g}"})  # (what else of it?)
            if not any(abs(number - value) < 0.05 for value in known):
                found = ", ".join(fig.raw for fig in result.figures)
                return Stop("absent", "number", {"number": f"{number:g}", "found": found})
        return None

    def by_the_plan(self, reading: Reading, intent: Intent) -> list[tuple[Intent, Result]]:
        """Posts of no year or basis whose figures do not hold the number the question states ("of the
        <n> posts"), read as the plan's posts by its end: that reading, when its figures hold it."""
        if intent.measure != POSTS or intent.basis or reading.years or reading.cumulative_year:
            return []
        plan = replace(intent, basis="cumulative")
        result = self.executor.run(plan)
        if not isinstance(result, Result) or self.stated_number(reading, result) is not None:
            return []
        return [(plan, result)]

    def other_readings(self, intent: Intent, reading: Reading, language: str) -> list[Option]:
        """For a word read one way of several (one dimension rather than another): the question
        that asks for each other reading, to click."""
        options = []
        for note in intent.notes:
            if note.startswith("~"):
                continue
            words, chosen = note.split("=", 1)
            mention = next((m for m in reading.mentions if m.words == words), None)
            for dim, key in mention.readings if mention else ():
                if f"{dim}:{key}" != chosen:
                    name, kind = self.lexicon.name(dim, key, language), t(f"calc.dims.{dim}", language)
                    label = name if kind in name else f"{name} ({kind})"  # (a name may already say it)
                    question = _reworded(reading, words, self.unambiguous(dim, key, language))
                    options.append(Option(label, question))
        return options

    def answered(self, result: Result, language: str) -> Outcome:
        phrased = self.phraser.answer(result, language)
        return Outcome(
            phrased.text,
            self.result_dict(result, phrased, language),
            phrased.sources,
            "answered",
            [],
            phrased.read_as,
            phrased.described,
        )

    def stopped(self, stop: Stop, reading: Reading, language: str) -> Outcome:
        text = self.phraser.stop(stop, language)
        options = list(self.phraser.options(stop, reading.text, language))
        if stop.message == "which_year" and stop.values.get("years"):  # each year, newest first
            for year in sorted(stop.values["years"], reverse=True):
                asked = (reading.asked or reading.text).rstrip("?？。 ")
                question = t("calc.ask_year", language, question=asked, year=year)
                options.append(Option(str(year), question))
        if stop.message == "no_actuals":  # money spent is not given: the budget proposed, one click away
            names = [self.phraser.member(*m.readings[0], language) for m in reading.mentions if m.readings]
            whom = t("calc.and_sep", language).join(names) if names else t("calc.the_budget_whole", language)
            label, question = t("calc.budget_instead", language), t("calc.ask_budget", language, whom=whom)
            options.append(Option(label, question))
        if stop.message == "which_horizon":  # this year's figure, or the plan's by its end
            asked = (reading.asked or reading.text).rstrip("?？。 ")
            for hint, key in zip(stop.values["hints"], ("ask_year", "ask_by_year"), strict=True):
                label = f"{self.phraser.what(hint.want, language)}: {fmt(hint.value, hint.unit, hint.whole)}"
                options.append(Option(label, t(f"calc.{key}", language, question=asked, year=hint.want.year)))
        if stop.message == "which_basis":  # posts added that year, or all posts of the plan by then
            for hint in stop.values["hints"]:
                basis = dict(hint.want.coords).get("basis", "")
                label = f"{self.phraser.what(hint.want, language)}: {fmt(hint.value, hint.unit, hint.whole)}"
                options.append(Option(label, t(f"calc.ask_{basis}", language, year=hint.want.year)))
        if stop.message == "count_or_cost" and stop.values.get("words"):  # each reading, one click away
            for key in ("count_label", "cost_label"):
                said = t(f"calc.{key.replace('_label', '_words')}", language)
                asked = reading.asked or reading.text
                pattern = re.compile(re.escape(stop.values["words"]), re.IGNORECASE)
                question = pattern.sub(said, asked, 1) if pattern.search(asked) else asked
                options.append(Option(t(f"calc.{key}", language), question))
        if stop.message == "share_whole" and stop.values.get("total"):  # the total budget, one click away
            asked = (reading.asked or reading.text).rstrip("?？。 ")
            options.append(
                Option(
                    t("calc.share_total_label", language), t("calc.ask_share_total", language, question=asked)
                )
            )
        status = {"clarify": "clarify", "absent": "absent", "unread": "unread"}.get(stop.kind, "absent")
        outcome = Outcome(text, None, [], status, options, reason=stop.message)
        if stop.kind == "unread" and stop.message == "unread":  # (not a combination it does not compute)
            outcome.unknown = list(stop.values.get("words", []))
            outcome.figure_asked = reading.has("ask", "figure") or (
                reading.has("ask", "words") and any(tok.has("measure") for tok in reading.tokens)
            )
        return outcome

    def ambiguous(self, results: list[tuple[Intent, Result]], reading: Reading, language: str) -> Outcome:
        """Several readings give different figures: ask which, offering each reading and its question."""
        options = []
        for intent, result in results:
            replaced = {}
            for note in intent.notes:
                if note.startswith("~"):
                    continue
                words, chosen = note.split("=", 1)
                dim, key = chosen.split(":", 1)
                replaced[words] = self.unambiguous(dim, key, language)
            if len(replaced) == 1:  # in the user's own words
                question = _reworded(reading, *next(iter(replaced.items())))
            else:
                question = reading.text
                for words, phrase in replaced.items():
                    question = question.replace(words, phrase, 1)
            label = self.phraser.read_as(intent, language, result)
            options.append(Option(label, question))
        return Outcome(t("calc.stop.ambiguous", language), None, [], "clarify", list(dict.fromkeys(options)))

    def unambiguous(self, dim: str, key: str, language: str) -> str:
        """The longest phrase of the lexicon that names only this member, in the question's language."""
        best = ""
        for phrase, tags in self.lexicon.phrases.items():
            entities = {tg.value for tg in tags if tg.kind == "entity"}
            ours = language in self.lexicon.languages.get(phrase, ())
            if entities == {f"{dim}:{key}"} and ours and len(phrase) > len(best):
                best = phrase
        return best or self.lexicon.name(dim, key, language)

    def result_dict(self, result: Result, phrased, language: str) -> dict:
        """The JSON edge of a computed result (the `wpb ask --json` contract)."""
        cells = [
            {"table": f.source, "row": f.row, "column": f.column}
            for fig in result.figures
            for f in fig.facts
            if f.source_kind != "paragraph"
        ]
        paragraphs = [
            {"paragraph": f.source, "printed": f.raw, "value": f.value, "quote": f.row}
            for fig in result.figures
            for f in (*fig.facts, *fig.others, *fig.agree)
            if f.source_kind == "paragraph"
        ]
        unit_label = result.operands[0].figure.unit if result.operands else result.unit
        # a breakdown by year of a figure that is not added up over years (a balance, a reserve) has no
        # total: the figures are listed, none is the answer (posts added each year do add up)
        by_year = result.operation == "breakdown" and bool(result.intent.varying) and not result.intent.basis
        by_year = by_year and result.intent.varying[0] == YEAR_DIMENSION  # type: ignore[index]
        data: dict = {
            "value": None
            if result.unit == MIXED or by_year or result.operation == "list"
            else rounded(result.value, 2 if result.unit == "ratio" else 1),
            "unit": result.unit,
            "formula": phrased.formula,
            "operation": result.operation,
            "cells": cells,
            "table": {
                "columns": ["", unit_label],
                "rows": [
                    [self.phraser.operand_name(result, o, language), o.figure.value] for o in result.operands
                ],
            },
            "read_as": phrased.read_as,
        }
        if paragraphs:
            data["paragraphs"] = list({p["paragraph"] + p["printed"]: p for p in paragraphs}.values())
        if result.operation == "rank":
            assert result.intent.varying is not None
            dim = result.intent.varying[0]
            data["answer"] = "; ".join(self.phraser.short_name(dim, k, language) for k in result.winners)
        others = [o for fig in result.figures for o in fig.others]
        if others:
            first = others[0]
            data["disagreement"] = {
                "value": first.value,
                "table" if first.source_kind != "paragraph" else "paragraph": first.source,
                "row": first.row,
                "column": first.column,
                "printed": first.raw,
            }
        return data


def _made_of(text: str, words: set[str], whole: bool = True) -> bool:
    """A word (or phrase) made only of these words: split at spaces, or, in a script without them, into
    words of the list (`whole`=False: holding one of them)."""
    if not whole:
        return any(w in words for w in text.split()) or any(w in text for w in words if not w.isascii())
    if text.isascii():
        return all(w in words for w in text.split())
    reach = {0}  # the characters read so far, as words of the list
    for end in range(1, len(text) + 1):
        if any(text[start:end] in words for start in reach):
            reach.add(end)
    return len(text) in reach


def _whole_word(token) -> bool:
    return token.has("followup", "scope") and not token.has("followup", "moves")


def _year_unused(reading: Reading, result: Result) -> Stop | None:
    """A year the question names that no figure of the answer is of ("Of <A>'s posts by <Y1>, what share
    are recruited in <Y2>?" read without <Y2>): asked, never left out (a range counts as used when a
    figure of it is)."""
    used = {f.year for figure in result.figures for f in figure.facts}
    named = set(reading.years) | ({reading.cumulative_year} if reading.cumulative_year else set())
    if reading.year_range and any(reading.year_range[0] <= y <= reading.year_range[1] for y in used):
        named -= set(range(reading.year_range[0], reading.year_range[1] + 1))
    unused = sorted(named - used)
    return Stop("clarify", "year_unused", {"years": unused}) if unused else None


def _named_again(reading: Reading, config: Config) -> Stop | None:
    """One of several members (or years) the question lists named again apart ("<A> and <B> together?
    We want it for <B>."): which figure is meant is asked. Not a member restated right after itself
    ("<A> (<its name>)"), a group (defined by its members), nor the years of a range."""
    named: dict[str, list[str]] = {}
    last: tuple[Mention, str] | None = None
    for m in reading.mentions:
        if len(m.readings) != 1:
            continue
        dim, key = m.readings[0]
        restated = (
            last is not None and last[1] == key and not re.search(r"\w", reading.text[last[0].end : m.start])
        )
        last = (m, key)
        if (
            restated
            or key in config.dimensions[dim].groups
            or _counted(reading, m, len(set(named.get(dim, []))))
        ):
            continue
        named.setdefault(dim, []).append(key)
    if reading.year_range is None:
        named["year"] = [v for tok in reading.tokens for v in tok.values("year")]
    for keys in named.values():
        if len(set(keys)) > 1 and len(keys) > len(set(keys)):
            return Stop("clarify", "named_again", {"words": reading.asked or reading.text})
    return None


def _counted(reading: Reading, mention: Mention, listed: int) -> bool:
    """A member named after the count of those listed before it ("<A> and <B>, these two <kind of>
    funds"): the list said again, not one of it."""
    before = mention.index - 1
    while before >= 0 and only_kinds(reading.tokens[before], ("filler",)):
        before -= 1
    if before < 0:
        return False
    token = reading.tokens[before]
    return listed > 1 and str(listed) in [*token.values("numeral"), *token.values("tally")]


def _says(text: str, phrase: str) -> bool:
    """A normalised question holds the phrase (as whole words where it is spelt in letters)."""
    if phrase.isascii():
        return re.search(rf"(?<![a-z']){re.escape(phrase)}(?![a-z'])", text) is not None
    return phrase in text


def _inside(token, spans: list[tuple[int, int]]) -> bool:
    """A word that stands inside one of these stretches of the text."""
    return any(a <= token.start and token.end <= b for a, b in spans)


def _spans(text: str, words: set[str]) -> list[tuple[int, int]]:
    """Where the words of a list of two characters or more of a script without spaces stand in a text."""
    return [
        (m.start(), m.end())
        for w in words
        if len(w) > 1 and not w.isascii()
        for m in re.finditer(re.escape(w), text)
    ]


def _tags(reading: Reading) -> list[set[tuple[str, str]]]:
    """The tags of each word of a sentence, less those that say nothing alone."""
    return [{(tag.kind, tag.value) for tag in tok.tags if tag.kind not in QUIET} for tok in reading.tokens]


def _after(reading: Reading, i: int, ends: set[int]) -> bool:
    """The word at `i` follows the words of a member at once ("<member> this component")."""
    before = reading.tokens[i].start
    between = [reading.text[end:before] for end in ends if 0 <= before - end <= 2]
    return any(not gap.strip(" \"'\u201c\u201d") for gap in between)


def _length(text: str) -> float:
    """A sentence's length in words: a word of a spaced script one, a character of a script without
    spaces half."""
    spaced = re.findall(r"[^\W\d_]+", text.encode("ascii", "ignore").decode())
    return len(spaced) + sum(1 for ch in text if ord(ch) > 0x2E7F and ch.isalpha()) / 2


def _the_one(asking: Reading, dimension: str, key: str) -> bool:
    """The asking sentence names one member of the dimension (perhaps twice), and it is this one."""
    named = {k for m in asking.mentions for d, k in m.readings if d == dimension}
    return named == {key}


def _asks(sentence: str, reading: Reading) -> bool:
    """A sentence that asks: a word that asks, or a question mark at its end (not "to 2 decimals, as a
    ratio.": a sentence of instructions)."""
    return sentence.rstrip().endswith(("?", "\uff1f")) or any(tok.has("ask") for tok in reading.tokens)


def _reworded(reading: Reading, words: str, phrase: str) -> str:
    """The question as the user wrote it with `words` (as read, normalised) replaced by `phrase`; the
    normalised question when the words cannot be found in what the user wrote."""
    at = reading.asked.lower().find(words)
    if at < 0:
        return reading.text.replace(words, phrase, 1)
    return reading.asked[:at] + phrase + reading.asked[at + len(words) :]


def _figure(outcome: Outcome | None) -> tuple[float, str] | None:
    """An answered outcome's one figure and unit; None for any other outcome (or a listing with none)."""
    if outcome is None or outcome.status != "answered" or not outcome.result:
        return None
    value = outcome.result.get("value")
    return None if value is None else (float(value), str(outcome.result.get("unit")))


def _named(reading: Reading) -> dict[str, set[str]]:
    """The members a reading names (every reading of an ambiguous name), by dimension; those it leaves out
    ("excluding <member>") apart."""
    found: dict[str, set[str]] = {}
    for mention in reading.mentions:
        if mention in reading.excluded:
            continue
        for dim, key in mention.readings:
            found.setdefault(dim, set()).add(key)
    return found


def _defines_a_group(aside: Reading, around: Reading, config: Config) -> bool:
    """The aside lists exactly the members of a group the words around it name ("<group> (<A> plus <B>)"):
    a definition, not a computation."""
    listed = _named(aside)
    return any(
        set(config.dimensions[dim].groups.get(key, ())) == listed.get(dim)
        for dim, keys in _named(around).items()
        if dim in config.dimensions
        for key in keys
        if config.dimensions[dim].groups.get(key)
    )


def _members_differ(aside: Reading, around: Reading, config: Config) -> bool:
    """The aside names a member of a dimension the words around it name too, and not one of theirs (nor of
    a group of theirs): "<A> (<A> over <B>)". A member it restates or narrows to ("<A> (<its name>)",
    "staff (post) costs") or leaves out ("after deducting <member>") is read with the question."""
    inside, outside = _named(aside), _named(around)
    for dim, keys in outside.items():
        spec = config.dimensions.get(dim)
        for key in list(keys):
            keys |= set(spec.groups.get(key, ())) if spec else set()
    return any(dim in outside and not keys <= outside[dim] for dim, keys in inside.items())


def _nil_lookup(result: Result) -> bool:
    """A looked-up figure the document prints as nil ("—")."""
    return result.operation == "lookup" and all(f.nil for fig in result.figures for f in fig.facts)
