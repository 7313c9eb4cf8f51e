"""Checks an LLM's answer against the passages it was given: its markers and every number it states."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ingest.fidelity import numbers
from retriever.references import find_references, parse_reference

_MARKER = re.compile(r"[\[【]([^\[\]【】\n]{1,120})[\]】]")
_ENUMERATOR = re.compile(r"^\s*(?:\d{1,2}[.)、]|[-*•])\s+", re.MULTILINE)
_SEPARATOR = re.compile(r"\s*[,;，；、/]\s*|\s+(?:and|和|及)\s+")

PROBLEMS = {
    "unknown": ("it cited {marker}, which it was not given", "它引用了未提供给它的{marker}"),
    "no_marker": ("it cited no passage", "它没有标注任何引文"),
    "number": ("it states {number}, which is in none of the passages", "它给出的数字 {number} 不在段落中"),
    "empty": ("it returned no text", "它没有返回任何文字"),
}


def _problem(key: str, language: str, **kw: object) -> str:
    return PROBLEMS[key][1 if language == "zh" else 0].format(**kw)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def label_forms(label: str) -> set[str]:
    """The ways a marker may name a labelled passage: "表 4.2 / Table 4.2", "表 4.2", "Table 4.2"."""
    return {_key(label), *(_key(part) for part in label.split(" / "))}


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text)  # full-width digits and signs ("１３％") as ASCII


def _refs(text: str) -> set[tuple[str, str]]:
    return {(ref.kind, ref.id) for ref in find_references(text)}


def guard(
    text: str,
    allowed_labels: Iterable[str],
    source_texts: Iterable[str],
    extra_numbers: Iterable[float | str] = (),
    language: str = "en",
) -> list[str]:
    """What is wrong with an answer ([] when it passes): a marker for a passage it was not given, no
    marker at all, or a number that none of the sources (nor `extra_numbers`) contains. Numbers are
    compared as values, whichever way they are written ("2 080 万美元" = "US$ 20.8 million")."""
    if not text.strip():
        return [_problem("empty", language)]
    labels = list(allowed_labels)
    forms = set().union(*(label_forms(label) for label in labels))
    allowed_refs = set().union(*(_refs(label) for label in labels))
    sources = list(source_texts)
    problems: list[str] = []
    markers = 0
    for match in _MARKER.finditer(text):
        content = re.sub(r"\s+", " ", match[1])
        for form in sorted(forms, key=len, reverse=True):  # whole labels first: they may hold "," or "and"
            content, n = re.subn(re.escape(form), ";", content, flags=re.IGNORECASE)
            markers += n
        for item in filter(None, (item.strip() for item in _SEPARATOR.split(content))):
            markers += 1
            ref = parse_reference(item)
            if not (ref and (ref.kind, ref.id) in allowed_refs):
                problems.append(_problem("unknown", language, marker=f"[{item}]"))
    # a unit named in the prose ("see paragraph 99") must be given, or named by a given passage
    mentioned = allowed_refs | set().union(*(_refs(source) for source in sources))
    prose = _MARKER.sub(" ", text)
    for ref in find_references(prose):
        if (ref.kind, ref.id) not in mentioned:
            problems.append(_problem("unknown", language, marker=ref.text))
        prose = prose.replace(ref.text, " ")
    if not markers:
        problems.append(_problem("no_marker", language))
    known = set().union(*(numbers(_plain(source)) for source in sources))
    known |= set().union(*(numbers(str(n)) for n in extra_numbers))
    for number in sorted(numbers(_ENUMERATOR.sub(" ", _plain(prose))) - known, key=float):
        problems.append(_problem("number", language, number=number))
    return problems
