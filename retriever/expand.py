"""Cross-lingual query expansion through the glossary: English terms bring their Chinese twins."""

from __future__ import annotations

import re

from ingest.glossary import Glossary

MAX_TERM_WORDS = 6
# A heading's numbering ("VII.", "D.", "七、", "（a）") is no part of the term its twin brings.
_NUMBERING_EN = r"^[A-Z]\.\s*|^[IVX]+\.\s*"
_NUMBERING_ZH = r"^(?:[一二三四五六七八九十]+、|[A-Z]\.|（[a-z一二三四五六七八九十]+）)\s*"


class Expander:
    """Finds glossary terms in a question and adds the other language's term."""

    def __init__(self, glossary: Glossary):
        pairs = [  # a bare year ("2019" / "2019年") has no twin to bring: it reads the same in both
            (zh, en)
            for zh, en in glossary.terms.items()
            if len(en.split()) <= MAX_TERM_WORDS and re.search(r"[A-Za-z]", en)
        ]
        self._en: list[tuple[re.Pattern[str], str]] = []
        for zh, en in pairs:
            phrase = re.sub(rf"{_NUMBERING_EN}|\s*\(.*?\)", "", en).strip()
            if len(phrase) >= 3:
                twin = re.sub(_NUMBERING_ZH, "", zh).strip()  # "七、 方案支助" brings "方案支助"
                self._en.append((re.compile(rf"\b{re.escape(phrase)}s?\b", re.IGNORECASE), twin))
        self._zh = sorted(
            ((zh, re.sub(_NUMBERING_EN, "", en).strip()) for zh, en in pairs if len(zh) >= 2),
            key=lambda p: -len(p[0]),
        )

    def expand(self, question: str) -> str:
        """The question plus the glossary twins of the terms it contains."""
        extra = [zh for pattern, zh in self._en if pattern.search(question)]
        extra += [en for zh, en in self._zh if zh in question]
        return question if not extra else question + "\n" + " ".join(dict.fromkeys(extra))
