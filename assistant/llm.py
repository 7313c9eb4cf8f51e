"""The optional LLM: a LangChain chat model from the settings, and the composer that writes prose from
the cited passages and keeps it only when the guard passes it."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.guard import guard
from assistant.prompt import Source, clip, messages

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from wpb.settings import Settings

DEFAULT_BASE_URLS = {"ollama": "http://127.0.0.1:11434", "openai": "http://127.0.0.1:8000/v1"}
PACKAGES = {"ollama": ("langchain_ollama", "ChatOllama"), "openai": ("langchain_openai", "ChatOpenAI")}
ACCEPTED = '"none" (default), "ollama:<model>" or "openai:<model>" (any OpenAI-compatible server)'
INSTALL_HINT = "install the 'llm' extra: pip install -e '.[llm]'"
LOCAL_API_KEY = "not-needed"  # OpenAI-compatible local servers (vLLM, llama.cpp) accept any key

NOTICES = {
    "rejected": (
        "LLM answer rejected: {problems}; showing the extractive answer.",
        "未采用 LLM 的回答：{problems}；以下为摘录式回答。",
    ),
    "failed": (
        "The LLM did not answer ({error}); showing the extractive answer.",
        "LLM 未能回答（{error}）；以下为摘录式回答。",
    ),
}
# A question that asks for a quantity is answered by the calculator or by quoting: never by the LLM.
_ASKS_FOR_NUMBER = re.compile(
    r"how (?:much|many)|what (?:percentage|share|proportion|amount|number|fraction)|\bper ?cent|"
    r"多少|几个|几种|几项|几成|百分|比例|占比|金额|数额",
    re.IGNORECASE,
)
_THINKING = re.compile(r"<think>.*?</think>", re.DOTALL)  # reasoning models' scratchpad, not the answer


def asks_for_number(question: str) -> bool:
    """True when a question asks for a quantity (such questions never go to the LLM)."""
    return bool(_ASKS_FOR_NUMBER.search(question))


class LLMError(ValueError):
    """The LLM settings name no usable chat model."""


def make_chat_model(settings: Settings) -> BaseChatModel | None:
    """The chat model named by WPB_LLM ("none" -> None). Builds the client only: no request is made."""
    provider, _, model = settings.llm.strip().partition(":")
    provider, model = provider.strip().lower(), model.strip()
    if provider in ("", "none"):
        return None
    if provider not in PACKAGES or not model:
        raise LLMError(f"unknown LLM {settings.llm!r} (WPB_LLM); accepted: {ACCEPTED}")
    module_name, class_name = PACKAGES[provider]
    try:
        chat_class = getattr(importlib.import_module(module_name), class_name)
    except ImportError as exc:
        raise LLMError(f"WPB_LLM={settings.llm} needs the {module_name} package: {INSTALL_HINT}") from exc
    base_url = settings.llm_base_url or DEFAULT_BASE_URLS[provider]
    if provider == "ollama":
        headers = {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
        return chat_class(
            model=model,
            base_url=base_url,
            temperature=0,
            client_kwargs={"timeout": settings.llm_timeout, "headers": headers},
        )
    return chat_class(
        model=model,
        base_url=base_url,
        api_key=settings.llm_api_key or LOCAL_API_KEY,
        timeout=settings.llm_timeout,
        max_retries=0,  # the timeout bounds the wait; the extractive answer is the fallback
        temperature=0,
    )


@dataclass(frozen=True)
class Composed:
    """The LLM's prose when the guard accepted it, else None and a notice saying why."""

    text: str | None
    notice: str | None = None
    problems: tuple[str, ...] = ()


def _error(exc: Exception) -> str:
    first = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


class LLMComposer:
    """Writes an answer's prose with a chat model, from the given passages only, and checks it."""

    def __init__(self, chat_model: BaseChatModel, symbol: str = ""):
        self.chat_model = chat_model
        self.symbol = symbol

    def compose(self, question: str, language: str, passages: list[Source]) -> Composed:
        pick = 1 if language == "zh" else 0
        sources = [Source(p.label, clip(p.text)) for p in passages]
        try:
            reply = self.chat_model.invoke(messages(question, language, sources, self.symbol))
        except Exception as exc:  # connection refused, timeout, HTTP error: any failure degrades
            return Composed(None, NOTICES["failed"][pick].format(error=_error(exc)))
        text = _THINKING.sub("", str(reply.text)).strip()
        labels, given = [s.label for s in sources], [s.text for s in sources]
        problems = guard(text, labels, given, language=language, symbol=self.symbol)
        if problems:
            notice = NOTICES["rejected"][pick].format(problems="; ".join(problems[:3]))
            return Composed(None, notice, tuple(problems))
        return Composed(text)
