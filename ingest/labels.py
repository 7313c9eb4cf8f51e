"""Label normalisation: one canonical form for labels the PDF conversion spelled several ways."""

from __future__ import annotations

import re
import unicodedata

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_INT = {c: i for i, c in enumerate(SUPERSCRIPT_DIGITS)}
_FOOTNOTE_MARK = re.compile(rf"\s*([{SUPERSCRIPT_DIGITS[1:]}])")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")


def footnote_marks(text: str) -> list[int]:
    """Footnote numbers marked by superscript digits in a text."""
    return [_SUP_TO_INT[m] for m in _FOOTNOTE_MARK.findall(text)]


def strip_footnote_marks(text: str) -> str:
    """The text without its superscript footnote markers."""
    return _FOOTNOTE_MARK.sub("", text).strip()


def canonical(label: str) -> str:
    """Canonical form of a table or heading label, used as the glossary key.

    NFKC folds full-width punctuation; spaces next to Chinese characters are line-wrap
    artefacts of the PDF ("基金会 非专用", "小 计"); footnote markers are dropped;
    trailing colons are dropped ("共计：").
    """
    text = strip_footnote_marks(label)
    text = text.replace("**", "")
    text = unicodedata.normalize("NFKC", text)
    text = _SPACE_NEAR_CJK.sub("", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(":").strip()
