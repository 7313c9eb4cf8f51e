"""VectorStore over one Chroma collection (on-disk or on a Chroma server) with cosine distance."""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from vectorstore.base import Hit, VectorStoreError, check_query_vector, check_records, normalise_where

COSINE = {"hnsw": {"space": "cosine"}}


def connect(
    *,
    path: str | Path | None = None,
    host: str | None = None,
    port: int = 8000,
    ssl: bool = False,
    must_exist: bool = False,
) -> tuple[Any, str]:
    """Open a Chroma client on a directory (``path``) or a server (``host``/``port``).

    Returns the client and a label for messages. Telemetry is off; no embedding model is
    ever loaded. With ``must_exist`` a missing directory is an error instead of being created.
    """
    if (path is None) == (host is None):
        raise ValueError("give exactly one of path= or host=")
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    if host is not None:
        label = f"Chroma server at {host}:{port}"
        try:
            return chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=settings), label
        except Exception as e:
            raise VectorStoreError(f"{label} is not reachable: {e}") from e
    directory = Path(path).expanduser().resolve()
    label = f"Chroma directory {directory}"
    if must_exist and not directory.is_dir():
        raise VectorStoreError(f"{label} does not exist")
    try:
        return chromadb.PersistentClient(path=str(directory), settings=settings), label
    except Exception as e:
        raise VectorStoreError(f"{label} cannot be opened (corrupt or not a Chroma directory?): {e}") from e


def list_collections(
    *, path: str | Path | None = None, host: str | None = None, port: int = 8000, ssl: bool = False
) -> list[str]:
    """Sorted names of the collections in a Chroma directory or on a server (never creates a directory)."""
    client, label = connect(path=path, host=host, port=port, ssl=ssl, must_exist=True)
    try:
        return sorted(collection.name for collection in client.list_collections())
    except Exception as e:
        raise VectorStoreError(f"{label}: listing collections failed: {e}") from e


def drop_collection(
    name: str, *, path: str | Path | None = None, host: str | None = None, port: int = 8000, ssl: bool = False
) -> bool:
    """Delete collection ``name`` in a Chroma directory or on a server; False if it did not exist."""
    from chromadb.errors import NotFoundError

    client, label = connect(path=path, host=host, port=port, ssl=ssl, must_exist=True)
    try:
        client.delete_collection(name)
    except NotFoundError:
        return False
    except Exception as e:
        raise VectorStoreError(f"{label}: dropping collection {name!r} failed: {e}") from e
    return True


class ChromaStore:
    """One Chroma collection using cosine distance (score = 1 - distance), vectors supplied by us."""

    def __init__(
        self, client: Any, collection: str, label: str, *, create: bool = True, metadata: dict | None = None
    ) -> None:
        self._client = client
        self.name = collection
        self.label = label
        self._max_batch: int | None = None
        with self._errors("opening"):
            if create:
                self._collection = client.get_or_create_collection(
                    collection, configuration=COSINE, metadata=metadata or None, embedding_function=None
                )
            else:
                self._collection = client.get_collection(collection, embedding_function=None)
            with warnings.catch_warnings():  # chroma warns about the (absent) embedding function config
                warnings.simplefilter("ignore")
                space = (self._collection.configuration.get("hnsw") or {}).get("space", "cosine")
        if space != "cosine":
            raise VectorStoreError(
                f"collection {collection!r} in {label} uses {space!r} distance, not cosine"
            )

    @classmethod
    def persistent(
        cls, path: str | Path, collection: str, *, create: bool = True, metadata: dict | None = None
    ) -> ChromaStore:
        """Collection in an on-disk Chroma directory (created if missing unless ``create=False``)."""
        client, label = connect(path=path, must_exist=not create)
        return cls(client, collection, label, create=create, metadata=metadata)

    @classmethod
    def http(
        cls,
        host: str,
        port: int,
        collection: str,
        ssl: bool = False,
        *,
        create: bool = True,
        metadata: dict | None = None,
    ) -> ChromaStore:
        """Collection on a running Chroma server (created if missing unless ``create=False``)."""
        client, label = connect(host=host, port=port, ssl=ssl)
        return cls(client, collection, label, create=create, metadata=metadata)

    @classmethod
    def open_existing(
        cls,
        collection: str,
        *,
        path: str | Path | None = None,
        host: str | None = None,
        port: int = 8000,
        ssl: bool = False,
    ) -> ChromaStore:
        """Open a collection that must already exist (VectorStoreError otherwise); never creates one."""
        client, label = connect(path=path, host=host, port=port, ssl=ssl, must_exist=True)
        return cls(client, collection, label, create=False)

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Turn any Chroma or transport failure into a VectorStoreError naming where and what."""
        from chromadb.errors import NotFoundError

        try:
            yield
        except VectorStoreError:
            raise
        except NotFoundError as e:
            raise VectorStoreError(f"collection {self.name!r} not found in {self.label}") from e
        except Exception as e:
            import httpx

            if isinstance(e, httpx.TransportError):
                raise VectorStoreError(f"{self.label} is not reachable: {e}") from e
            raise VectorStoreError(f"{self.label}: {action} collection {self.name!r} failed: {e}") from e

    @property
    def metadata(self) -> dict:
        """The collection-level metadata given at creation."""
        return dict(self._collection.metadata or {})

    def add(
        self, ids: Sequence[str], vectors: np.ndarray, documents: Sequence[str], metadatas: Sequence[dict]
    ) -> None:
        """Add records, in batches the client accepts; an id already present is replaced wholesale.

        (Chroma's ``upsert`` would merge old and new metadata keys and its ``add`` silently keeps
        the old record, so existing ids are deleted first.)
        """
        matrix = check_records(ids, vectors, documents, metadatas)
        ids, documents, metadatas = list(ids), [str(d) for d in documents], list(metadatas)
        with self._errors("adding to"):
            if self._max_batch is None:
                self._max_batch = int(self._client.get_max_batch_size())
            for start in range(0, len(ids), self._max_batch):
                batch = slice(start, start + self._max_batch)
                self._collection.delete(ids=ids[batch])
                self._collection.add(
                    ids=ids[batch],
                    embeddings=matrix[batch],
                    documents=documents[batch],
                    metadatas=[dict(m) or None for m in metadatas[batch]],  # chroma rejects {}
                )

    def query(self, vector: np.ndarray, k: int = 10, where: dict | None = None) -> list[Hit]:
        """Return up to ``k`` records matching ``where``, most similar first."""
        query = check_query_vector(vector)
        where = normalise_where(where)
        if k < 1:
            return []
        with self._errors("querying"):
            result = self._collection.query(
                query_embeddings=[query],
                n_results=k,
                where=where,
                include=["documents", "metadatas", "distances"],
            )
        rows = zip(
            result["ids"][0],
            result["distances"][0],
            result["documents"][0],
            result["metadatas"][0],
            strict=True,
        )
        return [Hit(i, 1.0 - float(d), doc or "", dict(meta or {})) for i, d, doc, meta in rows]

    def count(self) -> int:
        """Number of records."""
        with self._errors("counting"):
            return int(self._collection.count())

    def get(self, ids: Sequence[str]) -> list[Hit]:
        """Records with these ids, in the order asked, skipping unknown ids (score 1.0)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return []
        with self._errors("reading"):
            result = self._collection.get(ids=wanted, include=["documents", "metadatas"])
        found = {
            i: (doc, meta)
            for i, doc, meta in zip(result["ids"], result["documents"], result["metadatas"], strict=True)
        }
        return [Hit(i, 1.0, found[i][0] or "", dict(found[i][1] or {})) for i in wanted if i in found]

    def rename(self, new_name: str) -> None:
        """Rename the collection (e.g. to swap a freshly built index into place)."""
        with self._errors("renaming"):
            self._collection.modify(name=new_name)
        self.name = new_name

    def drop(self) -> None:
        """Delete the collection; dropping an already deleted collection is a no-op."""
        from chromadb.errors import NotFoundError

        try:
            self._client.delete_collection(self.name)
        except NotFoundError:
            pass
        except Exception as e:
            raise VectorStoreError(f"{self.label}: dropping collection {self.name!r} failed: {e}") from e
