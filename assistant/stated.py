"""Whether a sentence of the text states a figure about what a question asked (a number that is not a
date, a year or an ordinal, beside the words the calculator could not read). The sentence is quoted;
no number is taken out of it: which of a sentence's numbers answers a question is a reading of the
language that word overlap gets wrong (another place, another year, the other half of the sentence)."""

from __future__ import annotations

import re

from ingest.fidelity import MONTHS, numbers

_MONTH_NAMES = "|".join(m.capitalize() for m in MONTHS)
DATE = re.compile(  # dates, years and ordinals ("第九届"): numbers that state no figure
    r"\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
    rf"|\b\d{{1,2}}\s+(?:{_MONTH_NAMES})\b|\b(?:{_MONTH_NAMES})\s+\d{{1,2}}\b"
    r"|\b(?:19|20)\d\d\b|第\s*[\d一二三四五六七八九十百]+\s*[届次期]"
    r"|\d{1,2}\s*日"  # ("19 日和 20 日")
    rf"|\b\d{{1,2}}(?=\s*(?:and|to|-|–|,)\s*\d{{1,2}}\s+(?:{_MONTH_NAMES})\b)"  # ("19 and 20 November")
)


def terms_of(words: list[str]) -> list[str]:
    """The words as they are looked for in a text: English words by their first five letters (a plural
    or a misspelt ending still counts), Chinese by each two characters written together."""
    terms = []
    for word in words:
        if word.isascii():
            terms += [w.lower()[:5] for w in word.split()]
        else:
            run = word.replace(" ", "")
            terms += [run[i : i + 2] for i in range(len(run) - 1)] or [run]
    return terms


def states_a_figure(sentence: str) -> bool:
    """A sentence printing a number that is not a date or a year (a count, an amount, a percentage)."""
    return bool(numbers(DATE.sub(" ", sentence)))


def states_figure(sentence: str, words: list[str], passage: str = "") -> bool:
    """A sentence that states a figure and names what the question asked about: at least half of the
    words the calculator could not read, in the sentence or in the passage it is quoted from (one of them
    at least in the sentence itself)."""
    if not states_a_figure(sentence):
        return False
    terms = terms_of(words)
    text, around = sentence.lower(), passage.lower()
    found = [term for term in terms if term in text or term in around]
    return bool(terms) and any(term in text for term in terms) and len(found) * 2 >= len(terms)


PROPER = ("ns", "nr", "nt", "nz")  # jieba's tags for places, people, organisations, other names


def proper_nouns(text: str) -> list[str]:
    """The names of places, people and organisations in a Chinese text (jieba's part-of-speech tags)."""
    import jieba

    jieba.setLogLevel(60)  # (its dictionary loads once, quietly)
    import jieba.posseg

    return [w.word for w in jieba.posseg.cut(text) if w.flag[:2] in PROPER and len(w.word) > 1]
