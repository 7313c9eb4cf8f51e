"""The language of a question: "zh" when it is written mostly in Chinese characters, else "en"."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_FULL_WIDTH = re.compile(r"[\u3000-\u303f\uff01-\uff5e]")


def detect_language(text: str) -> str:
    cjk = len(_CJK.findall(text))
    words = len(_LATIN_WORD.findall(text))
    if not cjk and not words:
        return "zh" if _FULL_WIDTH.search(text) else "en"  # "？？？" was typed on a Chinese keyboard
    return "zh" if cjk and cjk >= words else "en"
