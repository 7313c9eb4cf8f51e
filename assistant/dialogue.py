"""What a follow-up may refer to, kept from one answer to the next: the reading of the last figure and
the units the last answer cited. JSON-ready, so that a conversation kept in a database (or continued
from the shell with `wpb ask --session`) carries it between processes."""

from __future__ import annotations

from dataclasses import dataclass

from calculator.intent import Intent


@dataclass(frozen=True)
class Context:
    """The state a follow-up reads: `intent` the last figure's reading (None: no figure yet), `cited`
    the (unit kind, id) of the last answer's citations, first cited first."""

    intent: Intent | None = None
    cited: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict:
        return {
            "intent": self.intent.to_dict() if self.intent is not None else None,
            "cited": [list(c) for c in self.cited],
        }

    @classmethod
    def from_dict(cls, data: object) -> Context:
        """The inverse of to_dict; anything else (an old or damaged record) is an empty context, so a
        conversation goes on with questions read on their own rather than failing."""
        if not isinstance(data, dict):
            return cls()
        try:
            intent = Intent.from_dict(data["intent"]) if data.get("intent") else None
        except ValueError:
            intent = None
        cited = data.get("cited")
        pairs = (
            tuple((str(c[0]), str(c[1])) for c in cited or () if isinstance(c, list | tuple) and len(c) == 2)
            if isinstance(cited, list)
            else ()
        )
        return cls(intent, pairs)
