"""Where a build's vectors live: an embedded Chroma directory in the build, or a Chroma server."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from index.layout import CHROMA_DIR
from vectorstore.chroma import DEFAULT_TIMEOUT, ChromaStore, drop_collection


@dataclass(frozen=True)
class StoreTarget:
    """The embedded store by default; a Chroma server when host is set, each request to it timing out
    after `timeout` seconds."""

    host: str | None = None
    port: int = 8000
    ssl: bool = False
    prefix: str = "wpb"
    timeout: float = DEFAULT_TIMEOUT

    def describe(self) -> str:
        return f"chroma-server:{self.host}:{self.port}" if self.host else "chroma-embedded"

    def collection(self, build_id: str) -> str:
        return f"{self.prefix}_{build_id}"

    def open(self, build_dir: Path, build_id: str, create: bool = False) -> ChromaStore:
        name = self.collection(build_id)
        if self.host:
            if create:
                return ChromaStore.http(self.host, self.port, name, ssl=self.ssl, timeout=self.timeout)
            return ChromaStore.open_existing(
                name, host=self.host, port=self.port, ssl=self.ssl, timeout=self.timeout
            )
        if create:
            return ChromaStore.persistent(build_dir / CHROMA_DIR, name)
        return ChromaStore.open_existing(name, path=build_dir / CHROMA_DIR)

    def drop(self, build_id: str) -> None:
        """Remove a build's collection from the server (an embedded store goes with its directory)."""
        if self.host:
            drop_collection(
                self.collection(build_id), host=self.host, port=self.port, ssl=self.ssl, timeout=self.timeout
            )
