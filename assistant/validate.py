"""Questions that cannot be answered as typed: empty, too long, control characters, no words."""

from __future__ import annotations

import unicodedata

MAX_QUESTION_CHARS = 2000

MESSAGES = {
    "empty": (
        "Please type a question about the 2020 work programme and budget.",
        "请输入关于 2020 年工作方案和预算的问题。",
    ),
    "long": (
        "The question is {n} characters long; please keep it under {max} characters.",
        "问题长度为 {n} 个字符，请控制在 {max} 个字符以内。",
    ),
    "control": (
        "The question contains control characters ({chars}); please retype it as plain text.",
        "问题中含有控制字符（{chars}），请以纯文本重新输入。",
    ),
    "no_words": (
        'The question has no words to search for; please ask in words, e.g. "What does ¶59 say?"',
        "问题中没有可检索的文字，请用文字提问，例如“第 59 段说了什么？”",
    ),
}


def problem(question: str, language: str, max_chars: int = MAX_QUESTION_CHARS) -> str | None:
    """Why a question is refused as typed, in its language; None when it can be answered."""
    pick = 1 if language == "zh" else 0
    if not question.strip():
        return MESSAGES["empty"][pick]
    if len(question) > max_chars:
        return MESSAGES["long"][pick].format(n=len(question), max=max_chars)
    control = sorted({c for c in question if unicodedata.category(c) in ("Cc", "Cf") and c not in "\n\t\r"})
    if control:
        chars = ", ".join(f"U+{ord(c):04X}" for c in control[:5])
        return MESSAGES["control"][pick].format(chars=chars)
    if not any(unicodedata.category(c)[0] in "LN" for c in question):
        return MESSAGES["no_words"][pick]
    return None
