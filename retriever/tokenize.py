"""One tokenizer for passages and questions: jieba for Chinese (the document's terms kept whole),
lower-cased words for English, numbers normalised ("2 080" → "2080")."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable

_CJK = re.compile(r"[\u3400-\u9fff]")
_THOUSANDS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")
_SPACE_NEAR_CJK = re.compile(r"(?<=[\u3400-\u9fff])[ \t]+(?=\S)|(?<=\S)[ \t]+(?=[\u3400-\u9fff])")
_WORD = re.compile(r"[a-z0-9]+(?:[./-][a-z0-9]+)*%?|[\u3400-\u9fff]+")
STOP_EN = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "for",
        "and",
        "or",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "by",
        "with",
        "at",
        "as",
        "from",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "how",
        "why",
        "when",
        "where",
        "does",
        "do",
        "did",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "shall",
        "about",
        "into",
        "than",
        "then",
        "there",
        "their",
        "them",
        "they",
        "we",
        "our",
        "you",
        "your",
        "he",
        "she",
        "his",
        "her",
        "not",
        "no",
        "yes",
        "any",
        "all",
        "each",
        "much",
        "many",
        "more",
        "most",
        "some",
        "such",
        "please",
        "tell",
        "me",
        "show",
        "give",
        "say",
        "says",
        "said",
        "un",
        "s",  # the possessive: "UN-Habitat's" -> "un-habitat", "s"
    ]
)
STOP_ZH = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "在",
        "是",
        "为",
        "对",
        "中",
        "将",
        "有",
        "其",
        "这",
        "该",
        "等",
        "或",
        "并",
        "也",
        "于",
        "以",
        "由",
        "从",
        "向",
        "把",
        "被",
        "个",
        "哪些",
        "什么",
        "多少",
        "如何",
        "怎样",
        "怎么",
        "吗",
        "呢",
        "请",
        "是否",
        "哪",
        "哪个",
        "关于",
    ]
)


class Tokenizer:
    """Tokens for BM25; the same instance tokenizes the passages and the questions."""

    def __init__(self, terms: Iterable[str] = ()):
        import jieba

        jieba.setLogLevel(60)
        self._jieba = jieba.Tokenizer()
        self._lock = threading.Lock()  # jieba loads its dictionary lazily, once
        for term in terms:
            term = term.strip()
            if 2 <= len(term) <= 16 and _CJK.search(term) and not re.search(r"[\s:;,.()]", term):
                self._jieba.add_word(term, freq=20000)

    def tokens(self, text: str) -> list[str]:
        text = _THOUSANDS.sub("", unicodedata.normalize("NFKC", text).lower())
        text = _SPACE_NEAR_CJK.sub("", text)  # "次级方案 4" and "次级方案4" are one term
        out: list[str] = []
        for match in _WORD.finditer(text):
            word = match.group()
            if _CJK.match(word):
                with self._lock:
                    pieces = self._jieba.lcut_for_search(word)
                out.extend(p for p in pieces if p not in STOP_ZH and p.strip())
            elif word not in STOP_EN:
                out.append(_stem(word))
        return out


def _stem(word: str) -> str:
    """A light English stem so "posts"/"post", "funded"/"funding"/"fund", "financed"/"finance"
    and "evaluations"/"evaluation" meet; words with digits are kept as they are."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) <= 4:
        return word
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            return word[:-1] if word[-1] == word[-2] and word[-1] not in "lsz" else word
    return word[:-1] if word.endswith("e") else word  # "finance" meets "financed"
