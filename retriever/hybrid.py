"""The hybrid search as a LangChain retriever."""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from retriever.search import Filters, SearchEngine


class HybridRetriever(BaseRetriever):
    """Dense + BM25 retrieval over the WPB index; each Document is one cited unit."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    engine: SearchEngine
    k: int = 5
    filters: Filters = Filters()

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        return [
            Document(
                page_content=p.chunk["text"],
                metadata={
                    **{k: v for k, v in p.chunk.items() if k not in ("text", "embed_text", "search_text")},
                    "score": p.score,
                    "dense_score": p.dense_score,
                    "bm25_score": p.bm25_score,
                },
            )
            for p in self.engine.search(query, k=self.k, filters=self.filters)
        ]
