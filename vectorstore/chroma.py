"""VectorStore over one Chroma collection (on-disk or on a Chroma server) with cosine distance."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from vectorstore.base import Hit, VectorStoreError, check_query_vector, check_records, normalise_where

COSINE = {"hnsw": {"space": "cosine"}}
DEFAULT_TIMEOUT = 10.0  # seconds a Chroma server has to answer one request (WPB_CHROMA_TIMEOUT)


def failure(label: str, action: str, error: Exception, timeout: float | None = None) -> VectorStoreError:
    """One line saying what went wrong where: a server that did not answer in time, one that cannot be
    reached, or a request that failed."""
    import httpx

    if _caused_by(error, httpx.TimeoutException):  # chromadb re-raises some as ValueError(str(e))
        limit = f" within {timeout:g} s" if timeout else " in time"
        return VectorStoreError(
            f"{label} did not answer{limit} (WPB_CHROMA_TIMEOUT); is it stopped or overloaded?"
        )
    detail = " ".join(str(error).split()) or type(error).__name__
    if isinstance(error, httpx.TransportError) or "Could not connect" in detail:
        return VectorStoreError(f"{label} is not reachable: {detail}")
    return VectorStoreError(f"{label}: {action} failed: {detail}")


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    """Whether `error`, or an exception it was raised from or while handling, is a `kind`."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _bound(server: Any, timeout: float) -> None:
    """Give chromadb's HTTP session a timeout (chromadb creates it with none)."""
    import httpx

    session = getattr(server, "_session", None)
    if not isinstance(session, httpx.Client):
        raise VectorStoreError("this chromadb version's HTTP client cannot be given a timeout")
    session.timeout = httpx.Timeout(timeout)


@functools.cache
def _timed_client_class() -> type:
    from chromadb.api.client import Client

    class TimedClient(Client):
        """chromadb's Client whose requests time out; the session is bounded before its first request."""

        def __init__(self, *, timeout: float, **kwargs: Any) -> None:
            self._timeout = timeout
            super().__init__(**kwargs)
            _bound(self._server, timeout)

        def get_user_identity(self) -> Any:  # Client.__init__'s first request
            _bound(self._server, self._timeout)
            return super().get_user_identity()

    return TimedClient


def http_client(host: str, port: int, ssl: bool, timeout: float) -> Any:
    """A client of the Chroma server at host:port whose every request times out after `timeout` s."""
    from chromadb.config import Settings

    settings = Settings(
        anonymized_telemetry=False,
        chroma_api_impl="chromadb.api.fastapi.FastAPI",
        chroma_server_host=host,
        chroma_server_http_port=port,
        chroma_server_ssl_enabled=ssl,
    )
    return _timed_client_class()(timeout=timeout, settings=settings)


def connect(
    *,
    path: str | Path | None = None,
    host: str | None = None,
    port: int = 8000,
    ssl: bool = False,
    must_exist: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> tuple[Any, str]:
    """Open a Chroma client on a directory (``path``) or a server (``host``/``port``).

    Returns the client and a label for messages. Telemetry is off; no embedding model is
    ever loaded. With ``must_exist`` a missing directory is an error instead of being created.
    Every request to a server times out after ``timeout`` seconds (a VectorStoreError).
    """
    if (path is None) == (host is None):
        raise ValueError("give exactly one of path= or host=")
    if timeout <= 0:
        raise ValueError("timeout must be > 0")
    import chromadb
    from chromadb.config import Settings

    if host is not None:
        label = f"Chroma server at {host}:{port}"
        try:
            return http_client(host, port, ssl, timeout), label
        except VectorStoreError:
            raise
        except Exception as e:
            raise failure(label, "connecting", e, timeout) from e
    directory = Path(path).expanduser().resolve()
    label = f"Chroma directory {directory}"
    if must_exist and not directory.is_dir():
        raise VectorStoreError(f"{label} does not exist")
    try:
        return chromadb.PersistentClient(
            path=str(directory), settings=Settings(anonymized_telemetry=False)
        ), label
    except Exception as e:
        raise VectorStoreError(f"{label} cannot be opened (corrupt or not a Chroma directory?): {e}") from e


def list_collections(
    *,
    path: str | Path | None = None,
    host: str | None = None,
    port: int = 8000,
    ssl: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[str]:
    """Sorted names of the collections in a Chroma directory or on a server (never creates a directory)."""
    client, label = connect(path=path, host=host, port=port, ssl=ssl, must_exist=True, timeout=timeout)
    try:
        return sorted(collection.name for collection in client.list_collections())
    except Exception as e:
        raise failure(label, "listing collections", e, timeout) from e


def drop_collection(
    name: str,
    *,
    path: str | Path | None = None,
    host: str | None = None,
    port: int = 8000,
    ssl: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> bool:
    """Delete collection ``name`` in a Chroma directory or on a server; False if it did not exist."""
    from chromadb.errors import NotFoundError

    client, label = connect(path=path, host=host, port=port, ssl=ssl, must_exist=True, timeout=timeout)
    try:
        client.delete_collection(name)
    except NotFoundError:
        return False
    except Exception as e:
        raise failure(label, f"dropping collection {name!r}", e, timeout) from e
    return True


class ChromaStore:
    """One Chroma collection using cosine distance (score = 1 - distance), vectors supplied by us."""

    def __init__(
        self,
        client: Any,
        collection: str,
        label: str,
        *,
        create: bool = True,
        metadata: dict | None = None,
        timeout: float | None = None,
    ) -> None:
        self._client = client
        self.name = collection
        self.label = label
        self.timeout = timeout  # of each request to a server (None: an embedded store)
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
        timeout: float = DEFAULT_TIMEOUT,
    ) -> ChromaStore:
        """Collection on a running Chroma server (created if missing unless ``create=False``); each
        request times out after ``timeout`` seconds."""
        client, label = connect(host=host, port=port, ssl=ssl, timeout=timeout)
        return cls(client, collection, label, create=create, metadata=metadata, timeout=timeout)

    @classmethod
    def open_existing(
        cls,
        collection: str,
        *,
        path: str | Path | None = None,
        host: str | None = None,
        port: int = 8000,
        ssl: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> ChromaStore:
        """Open a collection that must already exist (VectorStoreError otherwise); never creates one."""
        client, label = connect(path=path, host=host, port=port, ssl=ssl, must_exist=True, timeout=timeout)
        return cls(client, collection, label, create=False, timeout=timeout if host else None)

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
            raise failure(self.label, f"{action} collection {self.name!r}", e, self.timeout) from e

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
            raise failure(self.label, f"dropping collection {self.name!r}", e, self.timeout) from e
