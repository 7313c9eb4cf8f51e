"""Questions that cannot be answered as typed: empty, too long, not valid text, control characters,
no words."""

from __future__ import annotations

import re
import unicodedata

MAX_QUESTION_CHARS = 2000
# The search model reads a question as tokens (a Chinese character is about one, an English word one or
# two), and its time grows faster than their number: 200 take about 0.5 s on two cores, 1 200 (a
# 2 000-character Chinese question) 7.5 s. The longest question of the evaluation set has 40 tokens.
MAX_QUESTION_TOKENS = 200

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_PIECE = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+|[^\w\s]|_")
_WORD_CHARS_PER_TOKEN = 3  # XLM-R splits rare words into pieces of a few characters; common ones count less

MESSAGES = {
    "empty": (
        "Please type a question about the 2020 work programme and budget.",
        "请输入关于 2020 年工作方案和预算的问题。",
    ),
    "long": (
        "The question is {n} characters long; please keep it under {max} characters.",
        "问题长度为 {n} 个字符，请控制在 {max} 个字符以内。",
    ),
    "tokens": (
        "The question is too long to search (about {n} tokens, at most {max}: a Chinese character is about "
        "one, an English word one or two); please shorten it to a sentence or two.",
        "问题过长，无法检索（约 {n} 个词元，上限 {max} 个；一个汉字约为一个词元）；请缩短为一两句话。",
    ),
    "invalid": (
        "The question is not valid UTF-8 text (undecodable bytes {bytes}); please retype it.",
        "问题不是有效的 UTF-8 文本（无法解码的字节 {bytes}），请检查文字编码后重新输入。",
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


def estimate_tokens(text: str) -> int:
    """About how many tokens the multilingual search model reads in `text`, without loading it.

    Each CJK character and each punctuation mark counts one, a word or number one per three characters
    (plus the two special tokens). Within 0.8-1.7x of XLM-R's count on the evaluation questions; strings
    of random letters count up to 3x fewer, so the embedder caps what it reads as well."""
    pieces = (piece.group() for piece in _PIECE.finditer(text))
    return 2 + sum(-(-len(piece) // _WORD_CHARS_PER_TOKEN) for piece in pieces)


def undecodable(text: str) -> list[str]:
    """The bytes that were not valid UTF-8 when `text` was decoded with errors="surrogateescape"
    (as Python decodes argv), e.g. ["0xFF"]; lone surrogates from elsewhere as U+D800."""
    found = []
    for char in dict.fromkeys(c for c in text if unicodedata.category(c) == "Cs"):
        code = ord(char)
        found.append(f"0x{code - 0xDC00:02X}" if 0xDC80 <= code <= 0xDCFF else f"U+{code:04X}")
    return found


def problem(
    question: str, language: str, max_chars: int = MAX_QUESTION_CHARS, max_tokens: int = MAX_QUESTION_TOKENS
) -> str | None:
    """Why a question is refused as typed, in its language; None when it can be answered."""
    pick = 1 if language == "zh" else 0
    if not question.strip():
        return MESSAGES["empty"][pick]
    if len(question) > max_chars:
        return MESSAGES["long"][pick].format(n=len(question), max=max_chars)
    bad = undecodable(question)
    if bad:
        return MESSAGES["invalid"][pick].format(bytes=", ".join(bad[:5]))
    tokens = estimate_tokens(question)
    if tokens > max_tokens:
        return MESSAGES["tokens"][pick].format(n=tokens, max=max_tokens)
    control = sorted({c for c in question if unicodedata.category(c) in ("Cc", "Cf") and c not in "\n\t\r"})
    if control:
        chars = ", ".join(f"U+{ord(c):04X}" for c in control[:5])
        return MESSAGES["control"][pick].format(chars=chars)
    if not any(unicodedata.category(c)[0] in "LN" for c in question):
        return MESSAGES["no_words"][pick]
    return None
