"""Messages in one place per language (messages/<language>.toml): `t(key, language, **values)`."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent
FALLBACK = "en"


@cache
def catalog(language: str) -> dict[str, str]:
    path = DIRECTORY / f"{language}.toml"
    if not path.is_file():
        return {}
    with open(path, "rb") as fh:
        return _flatten(tomllib.load(fh))


def _flatten(data: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = str(value)
    return flat


def t(key: str, language: str, **values: object) -> str:
    """The message `key` in `language` (English when that language lacks it), filled with `values`."""
    text = catalog(language).get(key) or catalog(FALLBACK).get(key)
    if text is None:
        raise KeyError(f"no message '{key}'")
    shown = {k: ", ".join(map(str, v)) if isinstance(v, list | tuple) else v for k, v in values.items()}
    return text.format(**shown)
