"""Answers a question: refuse what cannot be answered, open cited units, or search and quote."""

from __future__ import annotations

import re
import threading
import time
from typing import TYPE_CHECKING

from assistant.answer import Answer, Citation
from assistant.dialogue import Context
from assistant.extract import best_sentence, best_sentences, official_sentence, sentences
from assistant.language import detect_language
from assistant.llm import LLMComposer, asks_for_number
from assistant.prompt import Source, marker_label, unit_text
from assistant.stated import proper_nouns, states_figure
from assistant.validate import problem
from calculator.calculator import Calculator, Outcome
from calculator.intent import Intent
from embeddings import Embedder, make_embedder
from index.layout import CALCULATOR_CONFIG
from index.reader import Index
from ingest.citation import citation_label
from ingest.fidelity import numbers
from ingest.model import Unit
from messages import t
from retriever.expand import Expander
from retriever.references import Ref, find_references
from retriever.search import Filters, Passage, SearchEngine
from retriever.tokenize import Tokenizer

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

DEFAULT_K = 5
MAX_K = 20
# When a passage counts as evidence: its cosine (multilingual-e5-small) or the idf mass of the
# question's words it contains. Calibrated on the tune split against off-topic questions: same-language
# hits score >= 0.887 (5th percentile), off-topic Chinese questions up to 0.867; English questions
# over Chinese text score 0.76-0.79 when right and up to 0.797 when off-topic, so they need words too.
# An English question's vector now carries the glossary's Chinese twins of its terms, which lifts
# off-topic questions that share a term ("What is the budget of NASA for 2020?" + "预算") to 0.82 over
# Chinese text; every right passage of the tune split passes by its words (>= 5.2), so a cosine alone
# needs 0.83 across languages.
GATES = {  # (dense alone, words alone, (dense, words) together)
    "same": (0.875, 6.0, (0.85, 3.0)),
    "cross": (0.83, 5.0, (0.76, 2.5)),
}
QUOTE_CHARS = 200

TEXT = {
    "preface": ("From the official Chinese text:", "根据文件正式中文文本："),
    "preface_rendering": (
        "From the project's unofficial English rendering (the Chinese text is official):",
        "根据非正式英文译本（中文文本为正式文本）：",
    ),
    "official": ("Official Chinese text:", "正式中文文本："),
    "nothing": (
        "Nothing in the 2020 work programme and budget (HSP/EB.1/2/Rev.1) answers this question.",
        "在 2020 年工作方案和预算（HSP/EB.1/2/Rev.1）中没有找到回答这个问题的内容。",
    ),
    "also": ("See also:", "另见："),
    "missing_paragraph": (
        "{ref} is not in the document: its paragraphs are numbered ¶1 to ¶{last}.",
        "文件中没有{ref}：段落编号为第 1 段至第 {last} 段。",
    ),
    "missing_table": (
        "{ref} is not in the document: its tables are {tables}.",
        "文件中没有{ref}：文件中的表格为 {tables}。",
    ),
    "missing_other": ("{ref} is not in the document.", "文件中没有{ref}。"),
    "table": (
        "{label}: {title} ({unit}), {rows} rows × {cols} columns. Open the citation to see it.",
        "{label}：{title}（{unit}），{rows} 行 × {cols} 列。打开引文可查看全表。",
    ),
}


def say(key: str, language: str, **kw: object) -> str:
    return TEXT[key][1 if language == "zh" else 0].format(**kw)


_WORD = re.compile(r"[a-z]{5,}")  # the words a misspelling could be mistaken for


def open_calculator(index: Index) -> Calculator | None:
    """The calculator over a build's tables, citing units by their labels (None when the corpus has no
    calculator configuration: numeric questions then go to the search)."""
    if not (index.calculator_dir / CALCULATOR_CONFIG).exists():
        return None
    labels = {
        (u.kind, u.id): citation_label(u, index.glossary)
        for u in index.document.units
        if u.kind in ("table", "deliverables", "paragraph")
    }
    texts = [u.text for d in index.documents for u in d.units]
    texts += [
        str(label) for column in ("row_path_en", "column_path_en") for label in index.tables[column].unique()
    ]
    words = {w for text in texts for w in _WORD.findall(text.lower())}
    return Calculator(index.tables, index.document, index.calculator_dir, labels, words)


class Assistant:
    """Holds the index and the search engine; `ask` is safe to call from several threads."""

    def __init__(self, index: Index, embedder: Embedder | None = None, llm: BaseChatModel | None = None):
        self.index = index
        self.document = index.document  # the official text
        self.official = index.document.language
        self.glossary = index.glossary
        self.calculator = open_calculator(index)
        self._embedder = embedder
        self._engine: SearchEngine | None = None
        self._engine_lock = threading.Lock()
        self._corpus_text: str | None = None
        self.llm = llm
        self.composer = LLMComposer(llm, self.document.symbol) if llm is not None else None

    @property
    def engine(self) -> SearchEngine:
        """The search engine, built on first use (the vector store, the embedder and jieba take seconds to
        load; lookups and the calculator do not need them). `warm()` builds it ahead of time."""
        with self._engine_lock:
            if self._engine is None:
                index = self.index
                self._engine = SearchEngine(
                    index.chunks,
                    index.vector_store(),
                    self._embedder or make_embedder(index.build["embedder"]),
                    Tokenizer(self.glossary.terms.keys()),
                    Expander(self.glossary),
                    frozenset(index.build.get("dense_languages", [self.official])),
                )
            return self._engine

    def warm(self) -> None:
        """Load everything a search needs, and run one, so the first question does not wait for it (nor the
        first Chinese question for a name the document may not use: jieba's tagger loads in about 0.5 s)."""
        self.engine.search("warm-up 预热", k=1)
        proper_nouns("预热")

    def ask(
        self,
        question: str,
        k: int = DEFAULT_K,
        filters: Filters | None = None,
        reply_language: str | None = None,
        context: Context | None = None,
    ) -> Answer:
        """Answer in `reply_language` ("zh" | "en"), or by default in the question's language.
        `context`: what the previous answer leaves for a follow-up (its `context`); None: a first question."""
        started = time.perf_counter()
        previous = context or Context()
        asked = detect_language(question)
        language = reply_language if reply_language in ("zh", "en") else asked
        k = max(1, min(k, MAX_K))
        issue = problem(question, language)
        refs = find_references(question) if not issue else []
        act = self.calculator.act(question, language) if self.calculator and not issue else None
        figure: Intent | None = None  # the reading of a figure answered here
        if issue:
            answer = Answer(question, language, "refuse", issue)
        elif act is not None:
            answer = self.about_previous(question, language, act, previous)
        elif not refs and self.calculator and (asked_for := self.calculator.overview(question, language)):
            answer = self.overview(question, asked, language, *asked_for)
        elif not refs and self.calculator and (where := self.calculator.locate(question, language)):
            answer = self.locate(question, asked, language, k, where)
        elif (audit := self.audit(question, language, refs)) is not None:
            answer = self.calculate(question, language, audit, route="audit")
        elif refs and (cited := self.cited_figure(question, language, refs)):
            answer = self.calculate(question, language, cited)
            figure = cited.intent  # (a follow-up reads against it, as against any figure)
        elif refs:
            answer = self.lookup(question, language, refs)
        elif (
            self.calculator
            and (outcome := self.calculator.handle(question, language, previous=previous.intent)) is not None
        ):
            answer = self.calculate(question, language, outcome)
            figure = outcome.intent if outcome.status == "answered" else None
            if outcome.followed:
                answer.read_as = outcome.described
            if outcome.status == "unread":  # no figure computed: what the text says, if it says it
                answer = self.from_text(question, asked, language, k, filters, outcome) or answer
            elif outcome.reason == "two_questions":  # two figures asked: the text may state both
                self.text_beside(answer, question, asked, language, k, filters)
        else:
            answer = self.retrieve(question, asked, k, filters, reply=language)
        answer.read_as = answer.read_as or question
        answer.context = self.next_context(answer, previous, act, figure)
        answer.elapsed_ms = (time.perf_counter() - started) * 1000
        return answer

    @staticmethod
    def next_context(answer: Answer, previous: Context, act: str | None, figure: Intent | None) -> Context:
        """A new figure's reading replaces the last; a question about the last answer keeps it; any other
        question leaves no figure to carry over. The units cited last are this answer's, if it cites any."""
        cited = tuple((c.kind, c.id) for c in answer.citations) or previous.cited
        if act is not None:
            return Context(previous.intent, previous.cited)
        return Context(figure, cited)

    def overview(self, question: str, asked: str, language: str, member: str, words: str) -> Answer:
        """An overview built from the document's own tables and text: the figures the corpus configuration
        lists (the whole budget, or one member's), each answered by the calculator with its citations, and
        for a member the sentence of the text that states its objective. Deterministic; no LLM."""
        assert self.calculator is not None
        spec = self.calculator.config.overview
        part = spec.get("member" if member else "whole", {})
        lines: list[str] = [t("overview.member" if member else "overview.whole", language, member=words)]
        citations: list[Citation] = []
        about = part.get("about", {}).get(language)
        if about:
            found = self.retrieve(
                about.format(member=words), language, 3, Filters(kinds=frozenset({"paragraph"}))
            )
            if found.citations:
                first = found.citations[0]
                lines.append(f"• {first.quote} [{first.label}]")
                citations.append(first)
        for template in part.get(language, []):
            outcome = self.calculator.handle(template.format(member=words), language)
            if outcome is None or outcome.status != "answered":
                continue
            lines.append("• " + outcome.answer.split("\n")[-1])
            shown = self.calculate(question, language, outcome)
            citations += [
                c for c in shown.citations if (c.kind, c.id) not in {(x.kind, x.id) for x in citations}
            ]
        if len(lines) == 1:
            return self.retrieve(question, asked, DEFAULT_K, None, reply=language)
        return Answer(question, language, "overview", "\n".join(lines), citations)

    def cited_unit(self, kind: str, ident: str) -> Unit | None:
        """The official unit a citation names (its citation kind and id)."""
        return next((u for u in self.document.units if u.citation_kind == kind and u.id == ident), None)

    def locate(self, question: str, asked: str, language: str, k: int, where: str) -> Answer:
        """ "Which table shows …": the tables whose captions and labels match, each with its caption;
        "where does the document discuss …": the paragraphs that do, each quoted."""
        kinds = frozenset({"table"}) if where == "table" else frozenset({"paragraph", "table"})
        found = self.retrieve(question, asked, k, Filters(kinds=kinds), reply=language)
        if not found.citations:
            return found
        labels = ", ".join(c.label for c in found.citations[:3])
        lead = t(f"locate.{where}", language, labels=labels)
        if where == "table":
            lines = [lead]
            for citation in found.citations[:3]:
                unit = self.cited_unit(citation.kind, citation.id)
                if unit is None:
                    continue
                line = "• " + self.table_line(self.in_language(unit, language), language)
                if language != self.official:  # the official caption beside the rendering's
                    line += f" ({say('official', language)} {unit.title})"
                lines.append(line)
            found.answer = "\n".join(lines)
        else:
            found.answer = f"{lead}\n{found.answer}"
        found.route = "retrieval"
        return found

    def text_beside(
        self, answer: Answer, question: str, asked: str, language: str, k: int, filters: Filters | None
    ) -> None:
        """Below a question back, the sentences of the text that state figures for the question, quoted
        and cited (no figure is computed)."""
        found = self.retrieve(question, asked, k, filters, reply=language)
        if any(numbers(c.quote) for c in found.citations):
            answer.answer = f"{answer.answer}\n\n{t('calc.text_says', language)}\n{found.answer}"
            answer.citations = found.citations

    def from_text(
        self, question: str, asked: str, language: str, k: int, filters: Filters | None, outcome: Outcome
    ) -> Answer | None:
        """Words the tables do not hold: a question about the text is searched as any other; a question
        for a figure is answered from the text only where a quoted sentence states a figure about what
        the calculator could not read, and is otherwise told the document gives none (the passages
        that come nearest are named, not offered as the answer)."""
        if not outcome.unknown:
            return None  # every word read, a combination not computed: the calculator's words stand
        figure = asks_for_number(question) or outcome.figure_asked  # ("what is the budget of <an office>")
        missing = self.not_in_document(outcome.unknown, question) if figure else []
        if missing:  # a name the document never uses: it has no figure for it, whatever comes nearest
            text = t("calc.not_mentioned", language, words="”, “".join(missing))
            return Answer(question, language, "retrieval", text, status="absent")
        found = self.retrieve(question, asked, k, filters, reply=language)
        found.status = "unread"
        if not found.citations:
            return None  # nothing near it either: the calculator's words stand
        if not figure:  # the words not read, then what the text says
            found.answer = f"{outcome.answer}\n\n{found.answer}"
            return found
        if any(states_figure(c.quote, outcome.unknown, self.unit_text(c)) for c in found.citations):
            found.answer = f"{t('calc.from_text', language)}\n{found.answer}"
            return found
        words = " ".join(outcome.unknown)
        near = ", ".join(c.label for c in found.citations[:3])
        text = t("calc.not_stated", language, words=words, near=near)
        return Answer(question, language, "retrieval", text, status="unread")

    def unit_text(self, citation: Citation) -> str:
        """The cited unit's text in both languages (the words a quote is read beside)."""
        unit = self.document.get(citation.kind, citation.id)
        return "" if unit is None else self.both_texts(unit)

    def both_texts(self, unit: Unit) -> str:
        """A unit's official text and its English rendering, one after the other."""
        return f"{unit.text}\n{self.in_language(unit, 'en').text}"

    def not_in_document(self, words: list[str], question: str) -> list[str]:
        """The names among the words the calculator could not read that no text of the corpus uses, in
        either language: an English word written with a capital inside the question ("China"), not a
        misspelling of a word the corpus uses; a Chinese proper noun (a place, person or organisation)
        that no unit prints."""
        if self.calculator is None:
            return []
        if self._corpus_text is None:
            self._corpus_text = "\n".join(u.text for d in self.index.documents for u in d.units).lower()
        lexicon = self.calculator.lexicon
        missing = []
        for run in words:
            if run.isascii():
                for word in re.findall(r"[a-z]{4,}", run):
                    named = re.search(rf"(?<=[^\s.?!])\s+({word})\b", question, re.IGNORECASE)
                    name = named.group(1) if named and named.group(1)[0].isupper() else ""
                    if name and not lexicon.is_word(word) and word not in self._corpus_text:
                        missing += [name] if not lexicon.near_word(word) else []
            else:
                missing += [w for w in proper_nouns(run) if w not in self._corpus_text]
        return missing

    # -- the previous answer ---------------------------------------------------------------------
    def about_previous(self, question: str, language: str, act: str, previous: Context) -> Answer:
        """ "show me that table" / "the paragraph you cited": the unit cited last; "why?": the cells and
        formula of the last figure and the paragraphs that discuss it."""
        if act == "why":
            return self.explain(question, language, previous)
        wanted = "table" if act == "table" else "paragraph"
        for kind, ident in previous.cited:
            if kind == wanted:
                unit = self.cited_unit(kind, ident)
                if unit is not None:
                    answer = self.lookup(question, language, [Ref(unit.kind, unit.id, question)])
                    answer.read_as = answer.citations[0].label if answer.citations else question
                    return answer
        return Answer(
            question,
            language,
            "lookup",
            t("dialogue.no_unit", language, kind=t(f"dialogue.kind_{wanted}", language)),
        )

    def explain(self, question: str, language: str, previous: Context) -> Answer:
        if previous.intent is None or self.calculator is None:
            return Answer(
                question, language, "calculator", t("dialogue.no_figure", language), status="absent"
            )
        outcome = self.calculator.run(previous.intent, language)
        if outcome.result is None:
            return self.calculate(question, language, outcome)
        result = outcome.result
        lines = [t("dialogue.why", language, what=outcome.described), "", outcome.answer, ""]
        if result["cells"]:
            lines += ["", t("dialogue.cells", language), ""]
            for cell in result["cells"]:
                table = self.document.get("table", cell["table"])
                label = citation_label(table) if table is not None else cell["table"]
                lines.append(
                    "• " + t("dialogue.cell", language, label=label, row=cell["row"], column=cell["column"])
                )
        answer = self.calculate(question, language, outcome)
        discussed = self.discussing(outcome.described, language, {c.id for c in answer.citations})
        if discussed:
            answer.citations += discussed
            lines += ["", t("dialogue.discussed", language, labels=", ".join(c.label for c in discussed))]
        answer.answer = "\n".join(lines).strip()
        answer.read_as = outcome.described
        return answer

    def discussing(self, described: str, language: str, known: set[str]) -> list[Citation]:
        """Up to two paragraphs that discuss a figure (found by searching for what it is)."""
        found = self.engine.search(
            described, k=5, filters=Filters(kinds=frozenset({"paragraph"})), language=language
        )
        units = []
        for passage in found:
            unit = self.document.get(*passage.unit_key)
            if unit is not None and unit.id not in known and self.relevant(passage, language):
                units.append(self.cite(self.in_language(unit, language)))
                known.add(unit.id)
        return units[:2]

    # -- lookup ------------------------------------------------------------------------------------
    def lookup(self, question: str, language: str, refs: list[Ref]) -> Answer:
        """The units named, each in full. A question that asks something of a paragraph ("¶115: how many
        people returned?") leads with the paragraph's sentence that answers it best, which its citation
        quotes."""
        parts, citations = [], []
        asked = question
        for ref in refs:
            asked = asked.replace(ref.text, " ")
        for ref in refs:
            unit = self.document.get(ref.kind, ref.id)
            if unit is None:
                parts.append(self.missing(ref, language))
                continue
            rendered = self.in_language(unit, language)
            key = self.key_sentence(asked, rendered, language) if unit.table is None else None
            citation = self.cite(rendered, key)
            citations.append(citation)
            text = f"{citation.label} — {citation.section}\n{self.full_text(rendered, language)}"
            if key is not None:
                text = f"{citation.label}: “{key}”\n\n{text}"
            if rendered is not unit:  # a rendering: say so, and give the official text beside it
                text = (
                    f"{say('preface_rendering', language)}\n{text}\n\n{say('official', language)}\n"
                    f"{self.full_text(unit, self.official)}"
                )
            parts.append(text)
        return Answer(question, language, "lookup", "\n\n".join(parts), citations)

    def key_sentence(self, asked: str, unit: Unit, language: str) -> str | None:
        """The sentence of a unit that answers what the question asks of it (the words it has beside the
        reference), preferring one that states a figure when a quantity is asked; None when it asks
        nothing more ("what does ¶59 say?") or no sentence shares a word with it."""
        if not re.search(r"\w{2,}", asked):
            return None
        found = best_sentence(self.engine, asked, self.full_text(unit, language), asks_for_number(asked))
        return found[1] if found is not None and found[0] > 0 else None

    def in_language(self, unit: Unit, language: str) -> Unit:
        """The unit in the question's language when the corpus has it, else the official unit."""
        if language == self.official:
            return unit
        return self.index.unit(unit.kind, unit.id, language) or unit

    def missing(self, ref: Ref, language: str) -> str:
        if ref.kind == "paragraph":
            last = max(int(u.id) for u in self.document.by_kind("paragraph"))
            return say("missing_paragraph", language, ref=ref.text, last=last)
        if ref.kind == "table":
            tables = ", ".join(u.id for u in self.document.by_kind("table"))
            return say("missing_table", language, ref=ref.text, tables=tables)
        return say("missing_other", language, ref=ref.text)

    def full_text(self, unit: Unit, language: str) -> str:
        if unit.table is not None:
            return self.table_line(unit, language)
        if unit.kind == "mandates":
            return "\n".join(f"{i['resolution']} {i['title']}" for i in unit.items)
        if unit.kind == "heading":
            return " › ".join([*unit.section, unit.title])
        return unit.text

    def table_line(self, unit: Unit, language: str) -> str:
        table = unit.table
        assert table is not None
        unit_name = {
            "千美元": ("thousands of US dollars", "千美元"),
            "员额数": ("number of posts", "员额数"),
        }.get(table.unit, ("planned quantities", "计划数量"))
        title = (
            unit.title
            if language == "zh" or unit.title.isascii()
            else (self.glossary.en(unit.title) or unit.title)
        )
        return say(
            "table",
            language,
            label=citation_label(unit),
            title=title,
            unit=unit_name[1 if language == "zh" else 0],
            rows=len(table.rows),
            cols=len(table.columns),
        )

    def cite(self, unit: Unit, quote: str | None = None) -> Citation:
        if quote is None:
            if unit.table is not None:
                quote = "\n".join(unit.text.splitlines()[:4])
            else:
                first = sentences(self.full_text(unit, self.official))
                quote = first[0] if first else unit.title
        return Citation(
            kind=unit.citation_kind,
            id=unit.id,
            label=citation_label(unit, self.glossary),
            section=" › ".join(unit.section),
            quote=quote[:QUOTE_CHARS],
        )

    # -- calculator --------------------------------------------------------------------------------
    def audit(self, question: str, language: str, refs: list[Ref]) -> Outcome | None:
        if self.calculator is None:
            return None
        tables = [r.id for r in refs if r.kind == "table"]
        return self.calculator.audit(question, language, tables) if tables else None

    def cited_figure(self, question: str, language: str, refs: list[Ref]) -> Outcome | None:
        """ "Per paragraph 51, what is the total?", "In Table 3.0, how much does the reserve rise?": the
        figure asked, when the calculator answers it from the units named (a figure the paragraph states;
        a cell of a table named, other cells such as a share's whole from the tables that print them).
        Otherwise None, and the units named are shown."""
        kinds = {r.kind for r in refs}
        if self.calculator is None or len(kinds) != 1 or not kinds <= {"paragraph", "table"}:
            return None
        (kind,) = kinds
        text = question
        for ref in refs:
            text = text.replace(ref.text, " , ")  # (a word before it, "per", no longer reads what followed)
        named = list(dict.fromkeys(r.id for r in refs))
        defines = kind == "paragraph" and all(self.names_without_figure(i, text, language) for i in named)
        tables = tuple(named) if kind == "table" else ()  # (a figure they print is taken from them)
        outcome = self.calculator.handle(
            text, language, prose=kind == "paragraph" and not defines, tables=tables
        )
        if outcome is None or outcome.status != "answered":
            return None
        body, _, note = outcome.answer.rpartition("\n\n")
        if body and note.count(" , ") == len(refs):  # (words set aside quote the references back)
            for ref in refs:
                note = note.replace(" , ", ref.text, 1)
            outcome.answer = f"{body}\n\n{note}"
        if defines:  # ("the core budget as para 46 defines it"): the tables' figure, the paragraph cited
            outcome.sources += [("paragraph", ident) for ident in named]
            labels = ", ".join(f"¶{ident}" for ident in named)
            outcome.answer += " " + t("calc.paragraph_without_figure", language, labels=labels)
            return outcome
        cited = {ident for k, ident in outcome.sources if k == kind}
        # the paragraph states the figure (a table may give it too); a cell comes from a table named (a
        # figure it does not print, such as a share's whole, from the table that does)
        return outcome if cited & set(named) else None

    def names_without_figure(self, ident: str, question: str, language: str) -> bool:
        """A paragraph that prints no number but its own and years, and names something the question
        names: it names or defines what is asked, and states no figure of its own."""
        unit = self.document.get("paragraph", ident)
        if unit is None or self.calculator is None:
            return False
        if not all(n == ident or n.isdigit() and 1900 <= int(n) <= 2100 for n in numbers(unit.text)):
            return False
        said = self.both_texts(unit).lower()
        return any(m.words.lower() in said for m in self.calculator.read(question, language).mentions)

    def calculate(self, question: str, language: str, outcome: Outcome, route: str = "calculator") -> Answer:
        citations = []
        printed = {p["paragraph"]: p for p in (outcome.result or {}).get("paragraphs", [])}
        for kind, ident in outcome.sources:
            unit = self.document.get(kind, ident)
            if unit is not None:
                shown = self.in_language(unit, language)
                quote = (
                    self.figure_sentence(shown, printed[ident])
                    if ident in printed and kind == "paragraph"
                    else None
                )
                citations.append(self.cite(shown, quote))
        options = [{"label": o.label, "question": o.question} for o in outcome.options]
        return Answer(
            question,
            language,
            route,
            outcome.answer,
            citations,
            outcome.result,
            status=outcome.status,
            options=options,
        )

    @staticmethod
    def figure_sentence(unit: Unit, figure: dict) -> str:
        """The sentence of a paragraph (official or rendered) that states a figure: the quoted sentence of
        the official text, or the rendering's sentence with the same number in its own way of writing it."""
        if unit.text.find(figure["printed"]) >= 0:
            return figure["quote"]
        wanted = numbers(figure["printed"])
        found = [s for s in sentences(unit.text) if wanted & numbers(s)]
        return found[0] if found else figure["quote"]

    # -- retrieval ---------------------------------------------------------------------------------
    def relevant(self, passage: Passage, language: str) -> bool:
        matched_in = passage.dense_language or passage.chunk["language"]
        dense_min, words_min, (both_dense, both_words) = GATES["same" if matched_in == language else "cross"]
        words = sum(self.engine.idf.get(t, 0.0) for t in passage.matched)
        dense = passage.dense_score
        return dense >= dense_min or words >= words_min or (dense >= both_dense and words >= both_words)

    def retrieve(
        self, question: str, asked: str, k: int, filters: Filters | None, reply: str | None = None
    ) -> Answer:
        """Search in the question's language (`asked`); quote and answer in `reply` (default: the same)."""
        language = reply or asked
        found = self.engine.search(question, k=k, filters=filters, language=asked)
        passages = [p for p in found if self.relevant(p, asked)]
        if not passages:
            return Answer(question, language, "retrieval", say("nothing", language))
        units = {p.unit_key: self.document.get(*p.unit_key) for p in passages}
        shown = {key: self.in_language(unit, language) for key, unit in units.items() if unit is not None}
        quotes = best_sentences(
            self.engine,
            question,
            passages,
            lambda p: shown[p.unit_key].text if p.unit_key in shown else p.chunk["text"],
            figure=asks_for_number(question),
        )
        quoted = {q.passage.unit_key: q.text for q in quotes}
        rendering = any(shown[key] is not units[key] for key in quoted if key in shown)
        lines = [say("preface_rendering" if rendering else "preface", language)]
        for q in quotes:
            lines.append(f"“{q.text}” [{q.passage.chunk['label']}]")
            key = q.passage.unit_key
            if key in shown and shown[key] is not units[key]:  # the official sentence beside its rendering
                official = official_sentence(q.text, shown[key].text, units[key].text)
                if official:
                    lines.append(f"{say('official', language)} “{official}”")
        tables = [p for p in passages[:3] if p.chunk["unit_kind"] in ("table", "deliverables")]
        if tables and (not quotes or tables[0] is passages[0]):
            lines.append(self.table_line(shown[tables[0].unit_key], language))
        others = [p.chunk["label"] for p in passages if p.unit_key not in quoted][:3]
        if others:
            lines.append(f"{say('also', language)} " + ", ".join(f"[{label}]" for label in others))
        order = {key: n for n, key in enumerate(quoted)}  # quoted units first, in the order quoted
        cited = sorted(
            (p for p in passages if p.unit_key in shown), key=lambda p: order.get(p.unit_key, len(order))
        )
        citations = [self.cite(shown[p.unit_key], quoted.get(p.unit_key)) for p in cited]
        answer = Answer(question, language, "retrieval", "\n".join(lines), citations)
        if self.composer is not None and citations and not asks_for_number(question):
            self.compose(answer, [shown[p.unit_key] for p in cited])
        return answer

    def compose(self, answer: Answer, units: list[Unit]) -> None:
        """Let the LLM write the answer's prose from the cited units; keep the extractive text otherwise."""
        assert self.composer is not None
        sources = [
            Source(marker_label(c.label, answer.language), unit_text(u))
            for c, u in zip(answer.citations, units, strict=True)
        ]
        composed = self.composer.compose(answer.question, answer.language, sources)
        if composed.text is not None:
            answer.answer, answer.composer = composed.text, "llm"
        elif composed.notice:
            answer.notices.append(composed.notice)
