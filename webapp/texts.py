"""The app's own words, in English and Chinese, and the example questions for a first-time user."""

from __future__ import annotations

TEXTS = {
    "caption": (
        "UN-Habitat Work Programme and Budget for 2020 (HSP/EB.1/2/Rev.1). The Chinese text is official; "
        "the English is the project's unofficial rendering. "
        "Figures are computed from the tables, never by a model.",
        "人居署 2020 年工作方案和预算（HSP/EB.1/2/Rev.1）。中文文本为正式文本；英文为本项目的非正式译本。"
        "数字由表格计算得出，从不由模型生成。",
    ),
    "ask": ("Ask about the 2020 work programme and budget…", "就 2020 年工作方案和预算提问……"),
    "ask_any": ("Ask in English or 中文 · 用中文或英文提问……", "用中文或英文提问 · Ask in English or 中文……"),
    "examples": ("Try one of these:", "可以试试这些问题："),
    "sources": ("Sources", "出处"),
    "formula": ("Formula", "算式"),
    "options": ("Ask one of these instead:", "可以改问："),
    "cells": ("Cells used", "所用单元格"),
    "close": ("Close", "关闭"),
    "llm_written": (
        "Written by the LLM from the cited passages; its citations and numbers were checked against them.",
        "由 LLM 根据所引段落撰写；其引文和数字已与段落核对。",
    ),
    "download_csv": ("Download CSV", "下载 CSV"),
    "earlier": ("Earlier in this conversation ({n} questions)", "本对话中较早的内容（{n} 个问题）"),
}

EXAMPLES = [
    "How much goes to subprogramme 4, and from which funding sources?",
    "次级方案 4 的 2020 年预算是多少？",
    "What does ¶59 say?",
    "第 59 段",
    "Compare the 2020 budget of each subprogramme",
    "方案支助费率是多少？",
    "How is the Executive Board involved in the strategic plan?",
    "表 3.0",
]


def say(key: str, language: str) -> str:
    """A text in "zh" or "en"; for "auto", the bilingual variant when there is one."""
    if language == "auto" and f"{key}_any" in TEXTS:
        return TEXTS[f"{key}_any"][0]
    return TEXTS[key][1 if language == "zh" else 0]


def short(text: str, limit: int) -> str:
    """A label cut at a word (or a character, in Chinese) with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut and cut.isascii() else cut) + "…"
