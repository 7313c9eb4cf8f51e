"""The `wpb` command line: ingest the corpus, show a cited unit, print a table, report index status."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, Any, BinaryIO

import typer
from typer.core import TyperGroup

from wpb.settings import Settings

try:  # typer vendors its own click from 0.2x on
    from typer._click.exceptions import NoArgsIsHelpError, UsageError
except ImportError:  # pragma: no cover - an older typer, on click
    from click.exceptions import NoArgsIsHelpError, UsageError


@contextmanager
def _usage_errors() -> Iterator[None]:
    """A usage error exits 1 in one line (Click's 2 means "no usable index" here); no arguments: help."""
    try:
        yield
    except NoArgsIsHelpError as exc:
        exc.exit_code = 1
        raise
    except UsageError as exc:
        where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
        typer.echo(f"error: {' '.join(exc.format_message().split())}{where}", err=True)
        raise typer.Exit(1) from None


class _Group(TyperGroup):
    """The command group, with bad usage (unknown command or option, bad value) exiting 1."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        with _usage_errors():
            return super().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx: typer.Context) -> Any:
        with _usage_errors():
            return super().invoke(ctx)


app = typer.Typer(
    cls=_Group,
    help="WPB Assistant: UN-Habitat Work Programme and Budget 2020 (HSP/EB.1/2/Rev.1).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Lang(StrEnum):
    zh = "zh"
    en = "en"


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@app.callback()
def _settings_check() -> None:
    """A bad WPB_* value stops every command here, in one line naming the variable."""
    from wpb.settings import SettingsError, load_settings

    try:
        load_settings()
    except SettingsError as exc:
        fail(f"bad configuration: {exc}")


def _clean(text: str) -> str:
    """`text` with undecodable bytes (lone surrogates, as from invalid UTF-8 in argv) shown as U+FFFD."""
    return re.sub("[\ud800-\udfff]", "\ufffd", text)


def _valid_text(value: str, what: str) -> None:
    """Exit 1 when an argument was not valid UTF-8."""
    from assistant.validate import undecodable

    bad = undecodable(value)
    if bad:
        fail(f"{what} is not valid UTF-8 text (undecodable bytes {', '.join(bad[:5])})")


@contextmanager
def _store_errors() -> Iterator[None]:
    """A vector store or embedder that fails mid-way (a dead or stopped Chroma server) exits 2."""
    from embeddings import EmbedderError
    from vectorstore import VectorStoreError

    try:
        yield
    except (VectorStoreError, EmbedderError) as exc:
        fail(" ".join(str(exc).split()), 2)


def open_index(settings: Settings):
    from index.reader import Index, IndexUnavailable

    try:
        return Index(settings.data_dir, settings.store_target())
    except IndexUnavailable as exc:
        fail(str(exc), 2)


class _ProgressPrinter:
    """One line per stage, redrawn in place on a terminal."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.quiet:
            return
        if stage != self.stage and self.stage and self.tty:
            sys.stderr.write("\n")
        self.stage = stage
        width = 30
        filled = int(width * done / total) if total else width
        line = f"{stage:<16} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        if self.tty:
            sys.stderr.write("\r" + line)
        elif done in (0, total):
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def close(self) -> None:
        if self.tty and self.stage and not self.quiet:
            sys.stderr.write("\n")


@app.command()
def ingest(
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if the corpus is unchanged.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
    accept_smaller: Annotated[
        bool,
        typer.Option(
            "--accept-smaller", help="Accept an official text with fewer units than the index in use."
        ),
    ] = False,
) -> None:
    """Parse corpus/, check it as a whole, write tidy tables and chunks, embed them and swap in the new
    index (or repair the index in use if a part of it is broken)."""
    from assistant.build_check import check_build
    from embeddings import EmbedderError
    from ingest.manifest import CorpusError
    from ingest.pipeline import IngestError, run_ingest
    from vectorstore import VectorStoreError

    settings = Settings()
    printer = _ProgressPrinter(quiet)
    try:
        result = run_ingest(
            settings.corpus_dir,
            settings.data_dir,
            settings.embedder,
            settings.store_target(),
            force=force,
            progress=printer,
            dense_languages=settings.dense_languages,
            validate=check_build,
            strict=True,
            accept_smaller=accept_smaller,
        )
    except (CorpusError, IngestError, EmbedderError) as exc:  # bad corpus or settings (a model not found)
        printer.close()
        fail(f"{exc}\nThe index in use (if any) was left unchanged.")
    except VectorStoreError as exc:  # the store failed (a Chroma server that does not answer): exit 2
        printer.close()
        fail(f"{' '.join(str(exc).split())}\nThe index in use (if any) was left unchanged.", 2)
    printer.close()
    if result.up_to_date:
        typer.echo(f"index {result.build_id} is up to date; nothing re-embedded ({result.seconds:.2f} s)")
        return
    if result.repaired:
        typer.echo("repaired the index in use, which was damaged: " + "; ".join(result.repaired[:5]))
    counts = ", ".join(f"{v} {k}" for k, v in sorted(result.counts.items()))
    typer.echo(
        f"built index {result.build_id} in {result.seconds:.1f} s: {result.chunks} chunks, "
        f"{result.vectors} with vectors ({result.embedded} newly embedded); {counts}"
    )
    for warning in result.warnings[:10]:
        typer.echo(f"warning: {warning}", err=True)
    if result.missing_terms:
        typer.echo(
            f"warning: {len(result.missing_terms)} labels have no English term in the glossary: "
            + "; ".join(result.missing_terms[:10]),
            err=True,
        )


@app.command()
def show(
    ref: Annotated[
        str, typer.Argument(help='A citation: 59, "¶59", "第 59 段", "表 3.0", "Table 1.5A", "Annex I".')
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Print one unit of the document with its citation label and section path."""
    from ingest.chunks import unit_text
    from ingest.citation import citation_label
    from retriever.lookup import lookup, not_found_message

    _valid_text(ref, "REF")
    index = open_index(Settings())
    unit = lookup(index.document, ref)
    if unit is None:
        fail(not_found_message(index.document, ref))
    glossary = index.glossary
    label = citation_label(unit, glossary)
    section = " › ".join(unit.section)
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "kind": unit.citation_kind,
                    "id": unit.id,
                    "label": label,
                    "section": section,
                    "lines": [unit.line_start, unit.line_end],
                    "title": unit.title,
                    "text": unit.text,
                    "footnotes": unit.footnotes,
                },
                ensure_ascii=False,
            )
        )
        return
    typer.echo(f"{label}  —  {section or unit.title}  (source lines {unit.line_start}-{unit.line_end})")
    typer.echo("")
    if unit.table is not None and unit.kind == "table":
        from ingest.tidy import wide_view

        typer.echo(f"{unit.title}" + (f" ({unit.table.unit})" if unit.table.unit else ""))
        _print_frame(wide_view(index.tables, unit.id, values="raw"))
        for note in unit.table.notes:
            typer.echo(note)
    else:
        typer.echo(
            unit_text(unit, glossary)
            if unit.kind in ("deliverables", "mandates", "performance")
            else unit.text
        )
    for n in unit.footnotes:
        note = index.unit("footnote", f"fn{n}")
        if note:
            typer.echo(f"\n[{n}] {note.text}")
    for document in index.documents[1:]:
        rendered = document.get(unit.kind, unit.id)
        if rendered is not None and unit.table is None:
            typer.echo(f"\n{document.language}: {index.status(document.language)}")
            typer.echo(" › ".join(rendered.section))
            typer.echo(
                unit_text(rendered, glossary) if unit.kind in ("mandates", "performance") else rendered.text
            )


def _print_frame(frame) -> None:
    import pandas as pd

    with pd.option_context(
        "display.max_rows",
        None,
        "display.max_columns",
        None,
        "display.width",
        250,
        "display.max_colwidth",
        40,
        "display.unicode.east_asian_width",
        True,
    ):
        typer.echo(frame.to_string())


@app.command()
def table(
    table_id: Annotated[
        str, typer.Argument(help='A table number ("1.1", "表 3.0", "Table 1.5A") or unit id.')
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Tidy records as JSON lines.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="The wide table as CSV.")] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="Label language.")] = Lang.zh,
    raw: Annotated[bool, typer.Option("--raw/--values", help="Cells as printed, or as numbers.")] = True,
) -> None:
    """Print a table as the document prints it (or --csv / --json)."""
    from ingest.tidy import wide_view
    from retriever.references import parse_reference

    if as_json and as_csv:
        fail("choose one of --json and --csv")
    _valid_text(table_id, "ID")
    index = open_index(Settings())
    parsed = parse_reference(table_id)
    key = parsed.id if parsed and parsed.kind == "table" else table_id.strip()
    tables = index.tables
    if key not in set(tables["table_id"]):
        known = [u.id for u in index.document.by_kind("table")]
        fail(f"no table '{table_id}' in the document; numbered tables: {', '.join(known)}")
    if as_json:
        part = tables[tables["table_id"] == key]
        for record in part.to_dict(orient="records"):
            typer.echo(json.dumps(record, ensure_ascii=False))
        return
    frame = wide_view(tables, key, values="raw" if raw else "value", lang=lang.value)
    if as_csv:
        typer.echo(frame.to_csv(), nl=False)
        return
    unit = index.unit("table", key) or next((u for u in index.document.units if u.id == key), None)
    if unit is not None:
        from ingest.citation import citation_label

        typer.echo(
            f"{citation_label(unit)}  {unit.title}"
            + (f" ({unit.table.unit})" if unit.table and unit.table.unit else "")
        )
    _print_frame(frame)


def load_assistant(settings: Settings, with_llm: bool = False):
    from assistant.assistant import Assistant
    from assistant.llm import LLMError, make_chat_model
    from embeddings import EmbedderError
    from index.reader import IndexUnavailable
    from vectorstore import VectorStoreError

    llm = None
    if with_llm:  # only `ask` writes prose; eval measures retrieval and needs no LLM
        try:
            llm = make_chat_model(settings)
        except LLMError as exc:
            fail(str(exc))
    index = open_index(settings)
    try:
        return Assistant(index, llm=llm)
    except (IndexUnavailable, EmbedderError, VectorStoreError) as exc:
        fail(str(exc), 2)


def _print_answer(answer) -> None:
    typer.echo(_clean(answer.answer))
    if answer.result and answer.result.get("formula"):
        typer.echo(f"\n= {answer.result['formula']} ({answer.result['unit']})")
    for notice in answer.notices:
        typer.echo(f"({notice})")
    if answer.citations:
        typer.echo("")
        for n, citation in enumerate(answer.citations, 1):
            typer.echo(f"  [{n}] {citation.label}  {citation.section}")


def _batch_questions(raw: BinaryIO) -> list[str]:
    """One question per line. A line that is not valid UTF-8 is reported here and still asked (its bad
    bytes escaped), so that the assistant refuses it, naming them, and the other lines are answered."""
    questions = []
    for number, line in enumerate(raw.read().removeprefix(b"\xef\xbb\xbf").splitlines(), 1):
        try:
            questions.append(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            typer.echo(
                f"warning: --batch line {number} is not valid UTF-8 (byte 0x{line[exc.start]:02X} at column "
                f"{exc.start + 1}); it is refused and the other lines are answered",
                err=True,
            )
            questions.append(line.decode("utf-8", "surrogateescape"))
    return questions


@app.command()
def ask(
    question: Annotated[str | None, typer.Argument(help="The question, in Chinese or English.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per question.")] = False,
    batch: Annotated[
        typer.FileBinaryRead | None,
        typer.Option("--batch", help="A file with one question per line ('-' = stdin), in UTF-8."),
    ] = None,
    k: Annotated[int, typer.Option("--k", min=1, max=20, help="How many citations at most.")] = 5,
    language: Annotated[
        str, typer.Option("--language", help="Answer language: auto (the question's), zh or en.")
    ] = "auto",
    session: Annotated[
        str | None,
        typer.Option(
            "--session",
            help="Continue (or start) the conversation NAME: follow-ups such as 'and for subprogramme 2?' "
            "are read against its previous answers, and every turn is kept (see `wpb sessions`).",
        ),
    ] = None,
) -> None:
    """Answer a question with citations (route: lookup, calculator, retrieval or refuse)."""
    if language not in ("auto", "zh", "en"):
        fail(f"--language must be auto, zh or en, not {language!r}")
    if (question is None) == (batch is None):
        fail("give a QUESTION or --batch FILE (not both)")
    if session is not None and not session.strip():
        fail("--session needs a name")
    settings = Settings()
    assistant = load_assistant(settings, with_llm=True)
    questions = [question] if question is not None else _batch_questions(batch)  # type: ignore[arg-type]
    reply = None if language == "auto" else language
    sessions = _sessions(settings, assistant) if session is not None else None
    for n, text in enumerate(questions):
        if sessions is not None:
            from conversations import ConversationError

            try:
                conversation = sessions.named(session.strip(), text)  # type: ignore[union-attr]
                with _store_errors():
                    answer = sessions.ask(conversation.id, text, k=k, reply_language=reply)
            except ValueError as exc:  # the name or the question cannot be kept: bad input
                fail(str(exc))
            except ConversationError as exc:
                fail(str(exc), 2)
        else:
            with _store_errors():
                answer = assistant.ask(text, k=k, reply_language=reply)
        if as_json:
            typer.echo(_clean(json.dumps(answer.to_dict(), ensure_ascii=False)))
        else:
            if n:
                typer.echo("\n" + "-" * 60)
            _print_answer(answer)


@app.command(name="eval")
def evaluate_command(
    questions: Annotated[str | None, typer.Option("--questions", help="A questions.jsonl file.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List the misses.")] = False,
    numeric: Annotated[
        bool,
        typer.Option(
            "--numeric",
            help="The calculator on a numeric set (eval/numeric.jsonl, or --questions) instead of retrieval.",
        ),
    ] = False,
    generated: Annotated[
        bool,
        typer.Option(
            "--generated",
            help="With --numeric: the generated questions (templates × the lexicon × spellings × both "
            "languages, each figure read from the tables by the generator).",
        ),
    ] = False,
    answers: Annotated[
        bool,
        typer.Option(
            "--answers",
            help="The descriptive, overview, which-table and out-of-scope questions (eval/answers.jsonl, "
            "or --questions): right unit cited and facts present, or refused, per kind and split.",
        ),
    ] = False,
    followups: Annotated[
        bool,
        typer.Option(
            "--followups",
            help="The generated conversations (a first question, then follow-ups), scored turn by turn "
            "with the tables' own figures (exit 1 on any wrong number).",
        ),
    ] = False,
) -> None:
    """Retrieval quality (hit@1, hit@5, MRR per language and split), or with --numeric the calculator's
    right / clarified / refused / unanswered / wrong answers (exit 1 on any wrong number), --answers the
    answers set, --followups the generated conversations."""
    from pathlib import Path

    from retriever.evaluate import QUESTIONS, evaluate, load_questions

    assistant = load_assistant(Settings())
    if answers:
        from evaluation.answers import ANSWERS, load
        from evaluation.answers import score as score_answers

        path = Path(questions) if questions else ANSWERS
        try:
            cases = load(path)
        except (OSError, ValueError, KeyError) as exc:
            fail(f"{path}: cannot read the questions ({exc})")
        result = score_answers(cases, lambda text: assistant.ask(text).to_dict())
        for line in result.lines():
            typer.echo(line)
        if verbose:
            for item in result.misses:
                typer.echo("miss: " + json.dumps(item, ensure_ascii=False))
        return
    if followups:
        from evaluation.followups import FollowUps, run
        from evaluation.generator import Names
        from index.layout import CALCULATOR_LEXICON

        names = Names.load(assistant.index.calculator_dir / CALCULATOR_LEXICON)
        conversations = FollowUps(assistant.index.tables, names).all()

        def turn(text: str, language: str, context):
            answer = assistant.ask(text, context=context)
            return answer.to_dict(), answer.context

        result = run(conversations, turn)
        typer.echo(f"{len(conversations)} conversations · " + result.line())
        for item in result.wrong:
            typer.echo("wrong: " + json.dumps(item, ensure_ascii=False))
        if result.wrong:
            raise typer.Exit(1)
        return
    if numeric:
        from evaluation.numeric import NUMERIC_QUESTIONS, calculator_answers, load_cases, score

        if generated:
            from evaluation.generator import Generator, Names
            from index.layout import CALCULATOR_LEXICON

            names = Names.load(assistant.index.calculator_dir / CALCULATOR_LEXICON)  # the build's words
            cases = Generator(assistant.index.tables, names).all()
            answer = calculator_answers(assistant.calculator)

        else:
            numeric_path = Path(questions) if questions else NUMERIC_QUESTIONS
            try:
                cases = load_cases(numeric_path)
            except (OSError, ValueError, KeyError) as exc:
                fail(f"{numeric_path}: cannot read the questions ({exc})")

            def answer(text: str, language: str) -> dict | None:
                return assistant.ask(text).to_dict()

        with _store_errors():
            result = score(cases, answer)
        typer.echo(result.line())
        for item in result.wrong:
            typer.echo("wrong: " + json.dumps(item, ensure_ascii=False))
        for item in result.disputed:
            typer.echo("disputed: " + json.dumps(item, ensure_ascii=False))
        if verbose:
            for item in result.missed:
                typer.echo("unanswered: " + json.dumps(item, ensure_ascii=False))
        if result.wrong:
            raise typer.Exit(1)
        return
    path = Path(questions) if questions else QUESTIONS
    try:
        items = load_questions(path)
    except (OSError, ValueError) as exc:
        fail(f"{path}: cannot read the questions ({exc})")

    from retriever.search import Filters

    official = assistant.official
    corpora = [("all documents", None)]
    if len(assistant.index.documents) > 1:
        corpora.append(
            (f"official text only ({official}), as before the rendering", Filters(language=official))
        )
    for title, filters in corpora:

        def rank(text: str, filters=filters) -> list[tuple[str, str]]:
            return [(c.kind, c.id) for c in assistant.ask(text, k=5, filters=filters).citations]

        with _store_errors():
            scores = evaluate(rank, items)
        typer.echo(f"corpus: {title}")
        typer.echo(f"{'split':<9}{'lang':<6}{'n':>5}{'hit@1':>8}{'hit@5':>8}{'MRR':>8}")
        for split in ("tune", "holdout", "all"):
            for lang in ("zh", "en", "all"):
                if lang in scores.get(split, {}):
                    r = scores[split][lang].row()
                    typer.echo(
                        f"{split:<9}{lang:<6}{r['n']:>5}{r['hit@1']:>8.3f}{r['hit@5']:>8.3f}{r['mrr']:>8.3f}"
                    )
        if verbose:
            for miss in scores["all"]["all"].misses:
                typer.echo(json.dumps(miss, ensure_ascii=False))
        typer.echo("")


@app.command()
def check(
    rendering: Annotated[
        str | None,
        typer.Option("--rendering", help="A rendering file to check (default: those the manifest lists)."),
    ] = None,
) -> None:
    """Fidelity of the English rendering: every unit present, every number carried over (exit 1 if not)."""
    from pathlib import Path

    from ingest.fidelity import check_rendering
    from ingest.manifest import CorpusError, load_corpus
    from ingest.pipeline import parse_corpus
    from ingest.rendering import read_rendering

    settings = Settings()
    try:
        corpus = load_corpus(settings.corpus_dir)
        official = parse_corpus(corpus)[0]
        paths = [Path(rendering)] if rendering else [d.path for d in corpus.documents if not d.official]
        if not paths:
            fail("the manifest lists no rendering; give one with --rendering FILE")
        mismatches = []
        for path in paths:
            entries = read_rendering(path)
            found = check_rendering(official, entries)
            typer.echo(f"{path.name}: {len(entries)} units, {len(found)} mismatches")
            mismatches += found
    except CorpusError as exc:
        fail(str(exc))
    for mismatch in mismatches:
        typer.echo(f"  {mismatch}")
    if mismatches:
        raise typer.Exit(1)


def _store(settings: Settings):
    from conversations import ConversationError, open_store

    try:
        return open_store(settings.database_url, settings.data_dir)
    except ConversationError as exc:
        fail(str(exc), 2)


def _sessions(settings: Settings, assistant):
    from assistant.session import Sessions

    return Sessions(_store(settings), assistant)


sessions_app = typer.Typer(
    help="Conversations kept by `wpb ask --session NAME` (and the app's, when it runs without login).",
    invoke_without_command=True,
)
app.add_typer(sessions_app, name="sessions")


@sessions_app.callback()
def sessions_list(ctx: typer.Context) -> None:
    """List the conversations, newest first: name (or id), turns, last change, title."""
    if ctx.invoked_subcommand is not None:
        return
    from assistant.session import LOCAL_OWNER

    for summary in _store(Settings()).list(LOCAL_OWNER):
        label = summary.name or summary.id
        typer.echo(f"{label}\t{summary.turns} turns\t{summary.updated:%Y-%m-%d %H:%M}\t{summary.title}")


def _named(name: str):
    from assistant.session import LOCAL_OWNER, check_text, shown

    try:
        check_text(name, "the session name")
    except ValueError as exc:
        fail(str(exc))
    store = _store(Settings())
    conversation = store.get(LOCAL_OWNER, name) or store.by_name(LOCAL_OWNER, name)
    if conversation is None:
        fail(f"no conversation named {shown(name)} (`wpb sessions` lists them)")
    return store, conversation


@sessions_app.command("show")
def sessions_show(name: Annotated[str, typer.Argument(help="The conversation's name or id.")]) -> None:
    """Print a conversation as Markdown (questions, answers, formulas, quoted sources)."""
    from assistant.session import turns_for_export
    from webapp.conversation import to_markdown

    _, conversation = _named(name)
    typer.echo(to_markdown(turns_for_export(conversation), title=conversation.title), nl=False)


@sessions_app.command("delete")
def sessions_delete(name: Annotated[str, typer.Argument(help="The conversation's name or id.")]) -> None:
    """Delete a conversation and its turns."""
    from assistant.session import LOCAL_OWNER

    store, conversation = _named(name)
    store.delete(LOCAL_OWNER, conversation.id)
    typer.echo(f"deleted {conversation.name or conversation.id} ({len(conversation.turns)} turns)")


@app.command()
def status(
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Open every part of the index (units, chunks, tables, glossary, calculator, vectors, "
            "a probe query) and report what is broken; exit 2 if anything is (`wpb ingest` repairs it).",
        ),
    ] = False,
) -> None:
    """Report the index in use: build id, when built, embedder, store and counts (--check: its health)."""
    index = open_index(Settings())
    build = index.build
    keys = ("build_id", "created", "embedder", "store", "collection", "chunks", "counts", "documents")
    report = {k: build.get(k) for k in keys}
    if check:
        from assistant.build_check import check_index

        report["check"] = check_index(index)
    typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    broken = {part: state for part, state in report.get("check", {}).items() if state != "ok"}
    if broken:
        first = next(iter(broken))
        fail(
            f"the index {index.build_id} is broken ({', '.join(broken)}): {first}: {broken[first]}; "
            "run `wpb ingest` to repair it",
            2,
        )


if __name__ == "__main__":  # pragma: no cover
    app()
