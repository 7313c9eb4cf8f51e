"""Extractive answers: the sentences of the found passages that best match the question."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.stated import states_a_figure
from ingest.fidelity import numbers
from retriever.search import Passage, SearchEngine

_SENTENCE = re.compile(r"[^。；！？!?\n]+[。；！？!?]?")
_ENGLISH_BREAK = re.compile(r"(?<=[.;!?])\s+(?=[A-Z“\"(])|\n")
_LEADING_NUMBER = re.compile(r"^\s*\d{1,3}\.\s*")
MAX_SENTENCES = 3
MAX_QUOTE_CHARS = 240


@dataclass(frozen=True)
class Quote:
    passage: Passage
    text: str
    score: float


def sentences(text: str) -> list[str]:
    text = _LEADING_NUMBER.sub("", text)
    if sum(c.isascii() for c in text) > 0.8 * len(text):
        pieces = _ENGLISH_BREAK.split(text)
    else:
        pieces = _SENTENCE.findall(text)
    return [s.strip() for s in pieces if len(s.strip()) > 1]


def _clip(text: str) -> str:
    return text if len(text) <= MAX_QUOTE_CHARS else text[: MAX_QUOTE_CHARS - 1] + "…"


def best_sentences(
    engine: SearchEngine,
    question: str,
    passages: list[Passage],
    text_of: Callable[[Passage], str],
    figure: bool = False,
) -> list[Quote]:
    """Up to three sentences, from the top passages (text_of gives the text to quote from). `figure`: the
    question asks for a quantity, so of a passage's sentences that match it at least half as well as
    the best, one that states a figure is quoted, and quotes that state one come first."""
    quotes: list[Quote] = []
    for rank, passage in enumerate(passages[:3]):
        if passage.chunk["unit_kind"] not in ("paragraph", "text", "footnote"):
            continue
        found = best_sentence(engine, question, text_of(passage), figure)
        if found is None:
            continue
        score, sentence = found
        if score == 0 and rank > 0:
            continue  # a lower passage with no word of the question adds noise
        quotes.append(Quote(passage, _clip(sentence), score - rank))  # slight preference for rank
    best = max((q.score for q in quotes), default=0)
    kept = [q for q in quotes if q.score >= best / 2 or q is quotes[0]][:MAX_SENTENCES]
    if figure:  # (a quantity asked: the sentences that state one first, in their order)
        kept.sort(key=lambda q: not states_a_figure(q.text))
    return kept


def best_sentence(
    engine: SearchEngine, question: str, text: str, figure: bool = False
) -> tuple[float, str] | None:
    """The sentence of a text sharing the most of the question's words (weighted by rarity), with that
    weight; the text's opening (weight 0) when it shares none; None for a text with no sentence. `figure`:
    of the sentences that match at least half as well as the best, one that states a figure."""
    query = set(engine.query_tokens(question))
    scored = []
    for sentence in sentences(text):
        overlap = query & set(engine.tokenizer.tokens(sentence))
        scored.append((sum(engine.idf.get(t, 0.0) for t in overlap), sentence))
    if not scored:
        return None
    score, sentence = max(scored, key=lambda s: s[0])  # (the first of the best: the opening, at 0)
    if figure and score > 0 and not states_a_figure(sentence):
        stating = [(s, text) for s, text in scored if s >= score / 2 and states_a_figure(text)]
        if stating:
            score, sentence = max(stating, key=lambda s: s[0])
    return score, sentence


def official_sentence(sentence: str, rendered: str, official: str) -> str:
    """The sentence of the official text that a sentence of its rendering translates: the one sharing
    most numbers with it, else the one at the same place in the unit."""
    theirs = sentences(official)
    if not theirs:
        return ""
    ours = sentences(rendered)
    wanted = numbers(sentence)
    if wanted:
        overlap = max(theirs, key=lambda s: len(wanted & numbers(s)))
        if wanted & numbers(overlap):
            return _clip(overlap)
    at = next((i for i, s in enumerate(ours) if s in sentence or sentence.rstrip("…") in s), 0)
    return _clip(theirs[min(len(theirs) - 1, round(at * len(theirs) / max(1, len(ours))))])
