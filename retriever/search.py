"""Hybrid search: dense vectors and Chinese-aware BM25, fused by normalised score, one hit per unit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from embeddings import Embedder
from retriever.expand import Expander
from retriever.tokenize import Tokenizer
from vectorstore import VectorStore

DENSE_CANDIDATES = 50  # nearest chunks asked of the vector store
# Fusion adds, per unit, its best chunk's cosine above the last dense candidate's, divided by the
# spread of the candidates' cosines (the best gets 1), and its best chunk's BM25 score as a fraction
# of the top one, times KEYWORD_WEIGHT. Scores, not ranks: a clear keyword winner stays ahead of a
# near-tie of vectors (tune split, hit@1: Chinese 0.80 -> 0.85, English 0.58 -> 0.68 against
# reciprocal-rank fusion). A question in a language whose text has no vectors (the English rendering,
# searched by keywords) leans more on its keywords. The spread counts as at least MIN_SPREAD, so that
# when all candidates are about as near (a typical spread is 0.03-0.05) the vectors decide less
# (tune split, hit@1: Chinese 0.852 -> 0.902, English 0.767 -> 0.800).
KEYWORD_WEIGHT = {"hybrid": 1.5, "keywords only": 2.0}
MIN_SPREAD = 0.06
# BM25 saturation and length normalisation (tune split: k1 1.5 -> 1.2 took English hit@1 0.750 -> 0.767,
# Chinese unchanged; b 0.5 suits the Chinese and costs the English more).
BM25_K1, BM25_B = 1.2, 0.75
# A question that names a subprogramme ("次级方案 4", "subprogramme 4", "SP4") is not about the units
# of another subprogramme: those are demoted (a boost for its own units pushed out the chapter II
# paragraphs that discuss subprogrammes, on the tuning questions).
_NAMED_SP = re.compile(r"(?:次级方案|subprogramme|sub-programme|s/?p)\s*(\d)", re.IGNORECASE)
_SECTION_SP = re.compile(r"(?:次级方案|Subprogramme)\s*(\d)")
OTHER_SP = 0.5


def keyword_text(chunk: dict) -> str:
    """What BM25 reads of a chunk: its search text, and for a table the section it belongs to
    (the tables of chapters IV to VII share captions; "policymaking organs" tells them apart)."""
    if chunk["unit_kind"] == "table":
        return f"{chunk['section']}\n{chunk['search_text']}"
    return chunk["search_text"]


@dataclass(frozen=True)
class Filters:
    """Restrict a search: citation kinds (paragraph, table, list, ...), language, section text."""

    kinds: frozenset[str] | None = None
    language: str | None = None
    section: str | None = None

    def where(self) -> dict | None:
        """The part of the filter the vector store applies itself (the section is checked after)."""
        clauses = []
        if self.kinds:
            clauses.append({"kind": {"$in": sorted(self.kinds)}})
        if self.language:
            clauses.append({"language": self.language})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def allows(self, chunk: dict) -> bool:
        if self.kinds and chunk["kind"] not in self.kinds:
            return False
        if self.language and chunk["language"] != self.language:
            return False
        return not (self.section and self.section not in chunk["section"])


@dataclass(frozen=True)
class Passage:
    """A unit found by the search, with the chunk that matched and how each ranking saw it."""

    chunk: dict
    score: float
    dense_score: float
    bm25_score: float
    dense_rank: int | None
    bm25_rank: int | None
    dense_language: str | None = None  # the language of the chunk whose vector matched
    matched: tuple[str, ...] = field(default=())

    @property
    def unit_key(self) -> tuple[str, str]:
        return self.chunk["unit_kind"], self.chunk["unit_id"]


class SearchEngine:
    """Searches the chunks of an index; build once, query many times (thread-safe reads)."""

    def __init__(
        self,
        chunks: list[dict],
        store: VectorStore,
        embedder: Embedder,
        tokenizer: Tokenizer,
        expander: Expander,
        dense_languages: frozenset[str] | None = None,
    ):
        import bm25s

        self.chunks = chunks
        self.dense_languages = dense_languages or frozenset(c["language"] for c in chunks)
        self.position = {c["chunk_id"]: i for i, c in enumerate(chunks)}
        self.unit_keys = [(c["unit_kind"], c["unit_id"]) for c in chunks]
        self.store = store
        self.embedder = embedder
        self.tokenizer = tokenizer
        self.expander = expander
        tokens = [tokenizer.tokens(keyword_text(c)) for c in chunks]
        self.doc_tokens = [set(t) for t in tokens]
        self.bm25 = bm25s.BM25(k1=BM25_K1, b=BM25_B)
        self.bm25.index([t or ["∅"] for t in tokens], show_progress=False)
        df: dict[str, int] = {}
        for token_set in self.doc_tokens:
            for token in token_set:
                df[token] = df.get(token, 0) + 1
        n = len(chunks)
        self.idf = {t: float(np.log((n + 1) / (d + 0.5))) for t, d in df.items()}

    def query_tokens(self, question: str) -> list[str]:
        return self.tokenizer.tokens(self.expander.expand(question))

    def search(
        self, question: str, k: int = 5, filters: Filters | None = None, language: str | None = None
    ) -> list[Passage]:
        """The k best units for a question (in `language`, when known), best first."""
        filters = filters or Filters()
        tokens = self.query_tokens(question)
        bm25 = np.asarray(self.bm25.get_scores(tokens), dtype=float) if tokens else np.zeros(len(self.chunks))
        hybrid = language is None or language in self.dense_languages
        # A question in a language without vectors reaches the official text's vectors better with
        # the glossary's twins of its terms (tune split, English MRR 0.829 -> 0.835; Chinese
        # questions lose with English twins, 0.852 -> 0.787 hit@1).
        vector = self.embedder.embed_query(question if hybrid else self.expander.expand(question))
        dense = np.zeros(len(self.chunks))
        for hit in self.store.query(vector, k=min(DENSE_CANDIDATES, len(self.chunks)), where=filters.where()):
            if hit.id in self.position:
                dense[self.position[hit.id]] = hit.score
        allowed = [i for i, c in enumerate(self.chunks) if filters.allows(c)]
        # Fusion is by unit: a unit's best chunk in each ranking speaks for it, so the English
        # rendering's keywords and the Chinese text's vector of one paragraph add up.
        dense_best = self._best_by_unit((i for i in allowed if dense[i] > 0), dense)
        bm25_best = self._best_by_unit((i for i in allowed if bm25[i] > 0), bm25)
        fused: dict[tuple[str, str], float] = {}
        if dense_best:  # cosines above the last candidate's, scaled by their spread (at least MIN_SPREAD)
            top, floor = dense[dense_best[0][1]], dense[dense_best[-1][1]]
            for key, i in dense_best:
                fused[key] = (dense[i] - floor) / max(top - floor, MIN_SPREAD)
        if bm25_best:  # BM25 scores as a fraction of the best
            weight = KEYWORD_WEIGHT["hybrid" if hybrid else "keywords only"]
            top = bm25[bm25_best[0][1]]
            for key, i in bm25_best:
                fused[key] = fused.get(key, 0.0) + weight * bm25[i] / top
        dense_at = {key: (rank, i) for rank, (key, i) in enumerate(dense_best, 1)}
        bm25_at = {key: (rank, i) for rank, (key, i) in enumerate(bm25_best, 1)}
        named = set(_NAMED_SP.findall(question))
        if named:
            for key in fused:
                i = (dense_at.get(key) or bm25_at[key])[1]
                sections = set(_SECTION_SP.findall(self.chunks[i]["section"]))
                if sections and not sections & named:
                    fused[key] *= OTHER_SP
        query_set = set(tokens)
        # The chunk a passage shows (and quotes, and whose words the gates count): the unit's chunk in
        # the question's language that matched best (BM25 score plus cosine), else its best match.
        in_language = (i for i in allowed if self.chunks[i]["language"] == language)
        own = dict(self._best_by_unit(in_language, bm25 + dense))
        passages = []
        for key in sorted(fused, key=lambda key: -fused[key])[:k]:
            d_rank, d_i = dense_at.get(key, (None, None))
            b_rank, b_i = bm25_at.get(key, (None, None))
            shown = own.get(key, b_i if b_i is not None else d_i)
            assert shown is not None
            passages.append(
                Passage(
                    chunk=self.chunks[shown],
                    score=fused[key],
                    dense_score=float(dense[d_i]) if d_i is not None else 0.0,
                    bm25_score=float(bm25[b_i]) if b_i is not None else 0.0,
                    dense_rank=d_rank,
                    bm25_rank=b_rank,
                    dense_language=self.chunks[d_i]["language"] if d_i is not None else None,
                    matched=tuple(sorted(query_set & self.doc_tokens[shown])),
                )
            )
        return passages

    def _best_by_unit(self, indices, scores: np.ndarray) -> list[tuple[tuple[str, str], int]]:
        """Units in order of their best chunk's score, each with that chunk's position."""
        best: dict[tuple[str, str], int] = {}
        for i in sorted(indices, key=lambda i: -scores[i]):
            best.setdefault(self.unit_keys[i], i)
        return list(best.items())
