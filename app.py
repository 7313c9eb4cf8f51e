"""WPB Assistant, the chat app: `streamlit run app.py` (bound to 127.0.0.1 by .streamlit/config.toml).

A thin layer over the packages: the Assistant answers (as `wpb ask` does), webapp/ prepares what is
shown, and this file only lays it out.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import streamlit as st

from assistant.assistant import Assistant
from assistant.build_check import check_build
from assistant.llm import LLMError, make_chat_model
from assistant.session import LOCAL_OWNER, Sessions, turns_for_export
from conversations import ConversationError, open_store
from embeddings import EmbedderError
from index.reader import Index, IndexUnavailable
from ingest.pipeline import run_ingest
from vectorstore import VectorStoreError
from webapp.conversation import to_markdown, turns_markdown
from webapp.texts import EXAMPLES, say, short
from webapp.views import (
    audit_frame,
    chapters,
    chart_frame,
    highlighted_positions,
    markdown_text,
    result_cells,
    result_table,
    styled_table,
    table_csv,
    table_frame,
    unit_choice,
    unit_for,
    unit_name,
    unit_view,
)
from wpb.settings import SettingsError, load_settings

st.set_page_config(page_title="WPB Assistant", page_icon="📘", layout="wide")
try:
    settings = load_settings()
except SettingsError as exc:  # a bad WPB_* value: one line, no traceback
    st.error(f"Configuration error: {exc} · 配置错误。")
    st.stop()
target = settings.store_target()
LANGUAGES = {"auto": "Auto · 自动", "zh": "中文", "en": "English"}


# -- the index and the assistant -----------------------------------------------------------------------
def build_index(force: bool = False) -> None:
    bar = st.progress(0.0, text="Building the index… · 正在建立索引……")
    run_ingest(
        settings.corpus_dir,
        settings.data_dir,
        settings.embedder,
        target,
        force=force,
        dense_languages=settings.dense_languages,
        progress=lambda stage, done, total: bar.progress(done / total if total else 1.0, text=stage),
        validate=check_build,
    )
    bar.empty()


@st.cache_resource(show_spinner=False)
def load_llm(spec: str):
    """The optional chat model (WPB_LLM), or None; a bad setting is shown, and the app goes on without."""
    try:
        return make_chat_model(settings), None
    except LLMError as exc:
        return None, str(exc)


@st.cache_resource(show_spinner=False)
def load_assistant(build_id: str, llm_spec: str) -> Assistant:  # a rebuild or a new LLM loads anew
    """The assistant, answering lookups and figures at once; search loads in the background meanwhile."""
    assistant = Assistant(Index(settings.data_dir, target), llm=load_llm(llm_spec)[0])

    def warm() -> None:
        try:
            assistant.warm()
        except Exception:  # the same error reaches the user with the first question that searches
            logging.getLogger("wpb").exception("could not load the search engine")

    threading.Thread(target=warm, name="wpb-warm-up", daemon=True).start()
    return assistant


@st.cache_resource(show_spinner=False)
def load_store(url: str | None, data_dir: str):
    """Where conversations are kept (WPB_DATABASE_URL; default a SQLite file in the data directory)."""
    return open_store(url, Path(data_dir))


def owner() -> str:
    """Whose conversations: the signed-in user when the app runs with login (st.login), else the local
    user."""
    user = st.user
    if getattr(user, "is_logged_in", False):
        return f"user:{user.get('email') or user.get('sub')}"
    return LOCAL_OWNER


def current_assistant() -> Assistant:
    try:
        probe = Index(settings.data_dir, target)
    except IndexUnavailable:
        st.info(
            "First start: building the index from corpus/ (about 20 s on a 2-core machine). "
            "首次启动：正在根据 corpus/ 建立索引（约 20 秒）。"
        )
        build_index()
        probe = Index(settings.data_dir, target)
    with st.spinner("Loading the index… · 正在加载索引……"):
        return load_assistant(probe.build_id, settings.llm)


# -- showing a unit or a table -------------------------------------------------------------------------
def show_unit(unit, language: str, cells: list[dict] | None = None, key: str = "") -> None:
    """A paragraph in the official Chinese and the English rendering, or a table (cells highlighted)."""
    view = unit_view(index, unit, language)
    st.markdown(f"**{markdown_text(view.label)}** · {markdown_text(view.section or view.title)}")
    st.caption(f"source lines {view.lines} · 原文第 {view.lines} 行")
    if view.table_id is not None:
        st.markdown(markdown_text(view.title + (f" ({view.table_unit})" if view.table_unit else "")))
        frame = table_frame(index, view.table_id, language)
        width = "small" if len(frame.columns) > 6 else "medium"  # headers are long; numbers are short
        st.dataframe(
            styled_table(frame, highlighted_positions(index, view.table_id, cells or [])),
            column_config={"_index": st.column_config.Column(width="medium")}
            | {column: st.column_config.Column(width=width) for column in frame.columns},
        )
        st.download_button(
            say("download_csv", language),
            table_csv(index, view.table_id, language),
            file_name=f"WPB-2020-table-{view.table_id}.csv",
            mime="text/csv",
            key=f"csv-{key}",
        )
    for version in view.versions:
        st.caption(f"{version.language} · {version.note}")
        st.markdown(markdown_text(version.text))
    for note in view.notes:
        st.caption(note)


def show_answer(n: int, turn: dict) -> None:
    answer, language = turn["answer"], turn["answer"]["language"]
    st.markdown(markdown_text(answer["answer"]))
    if answer.get("composer") == "llm":
        st.caption(say("llm_written", language))
    for notice in answer.get("notices") or []:
        st.warning(notice)
    options = answer.get("options") or []
    if options:  # a question back: each choice is a question to click
        st.caption(say("options", language))
        for i, option in enumerate(options):
            question = option["question"]
            st.button(option["label"], key=f"option-{n}-{i}", on_click=ask_example, args=(question,))
    result = answer.get("result")
    if result and result.get("formula"):  # (a list of figures that do not add up has none)
        unit = unit_name(result["unit"], language)
        st.markdown(f"**{say('formula', language)}:** `{result['formula']}`" + (f" ({unit})" if unit else ""))
    if (audit := audit_frame(result)) is not None:
        st.dataframe(audit, hide_index=True)
    if (table := result_table(result, language)) is not None:
        st.dataframe(table, hide_index=True)
    if (chart := chart_frame(result)) is not None:
        st.bar_chart(chart, horizontal=True, stack=False, sort=False, height=80 + 40 * len(chart))
    citations = answer["citations"]
    if not citations:
        return
    labels = [c["label"] for c in citations]
    if answer["route"] == "lookup" and len(citations) == 1 and citations[0]["kind"] == "table":
        unit = unit_for(index.document, citations[0]["kind"], citations[0]["id"])
        if unit is not None:  # "show me that table": the table itself, not a chip to open it
            with st.container(border=True):
                show_unit(unit, language, key=f"{n}-inline")
            return
    picked = st.pills(say("sources", language), labels, key=f"cite-{n}")
    if picked:
        citation = citations[labels.index(picked)]
        unit = unit_for(index.document, citation["kind"], citation["id"])
        if unit is not None:
            with st.container(border=True):
                show_unit(unit, language, result_cells(result), key=f"{n}-{citation['id']}")


@st.cache_data(show_spinner=False, max_entries=64)
def earlier_markdown(conversation_id: str, count: int, updated: str) -> str:
    """The conversation's earlier turns as Markdown, made once per change of the conversation."""
    kept = sessions.store.get(sessions.owner, conversation_id)
    turns = turns_for_export(kept)[:count] if kept is not None else []
    return turns_markdown(turns)


# -- the page --------------------------------------------------------------------------------------------
st.title("WPB Assistant · 工作方案和预算助手")
assistant = current_assistant()
index = assistant.index
choice = st.session_state.get("language", "auto")
try:
    sessions = Sessions(load_store(settings.database_url, str(settings.data_dir)), assistant, owner())
    saved = sessions.store.list(sessions.owner)
except ConversationError as exc:
    st.error(f"Conversations cannot be kept: {exc} · 无法保存对话。")
    st.stop()
if "conversation" not in st.session_state:  # a reload, or the app restarted: the URL's conversation
    st.session_state.conversation = st.query_params.get("c")
conversation = (
    sessions.store.get(sessions.owner, st.session_state.conversation)
    if st.session_state.conversation
    else None
)
if conversation is None:  # unknown, deleted, or another user's: a new conversation
    st.session_state.conversation = None
    st.query_params.pop("c", None)
else:
    st.query_params["c"] = conversation.id


def read(unit) -> None:
    st.session_state.reading = (unit.kind, unit.id)


def ask_example(example: str) -> None:
    st.session_state.pending = example


def open_conversation(conversation_id: str | None) -> None:
    st.session_state.conversation = conversation_id
    st.session_state.pop("reading", None)


question = st.chat_input(say("ask", choice), key="question")
question = question or st.session_state.pop("pending", None)
if question:
    try:
        if conversation is None:
            conversation = sessions.start(question)
            open_conversation(conversation.id)
            st.query_params["c"] = conversation.id
        with st.spinner("Searching the document… · 正在检索文件……"):
            sessions.ask(conversation.id, question, reply_language=None if choice == "auto" else choice)
        conversation = sessions.store.get(sessions.owner, conversation.id)
        saved = sessions.store.list(sessions.owner)
    except (IndexUnavailable, EmbedderError, VectorStoreError) as exc:
        st.error(f"The index cannot answer: {exc}. Rebuild it from the sidebar or run `wpb ingest`.")
    except ConversationError as exc:
        st.error(f"The conversation could not be kept: {exc} · 无法保存对话。")
turns = turns_for_export(conversation) if conversation is not None else []
ui = choice if choice != "auto" else (turns[-1]["answer"]["language"] if turns else "en")

st.caption(say("caption", ui))

reading = st.session_state.get("reading")
if reading:
    unit = index.document.get(*reading)
    if unit is not None:
        with st.container(border=True):
            show_unit(unit, ui, key="reader")
            st.button(say("close", ui), key="close-reader", on_click=st.session_state.pop, args=("reading",))

if not turns:
    st.write(say("examples", ui))
    columns = st.columns(2)
    for n, example in enumerate(EXAMPLES):
        columns[n % 2].button(example, key=f"example-{n}", on_click=ask_example, args=(example,))

LIVE_TURNS = 6  # the last turns are shown with their buttons, tables and sources; earlier ones as text
earlier = max(0, len(turns) - LIVE_TURNS)
if earlier:
    with st.expander(say("earlier", ui).format(n=earlier)):
        st.markdown(earlier_markdown(conversation.id, earlier, conversation.updated.isoformat()))
for n, turn in enumerate(turns[earlier:], earlier):
    with st.chat_message("user"):
        st.markdown(markdown_text(turn["question"]))
    with st.chat_message("assistant"):
        show_answer(n, turn)

with st.sidebar:
    st.radio(
        "Answer language · 回答语言",
        list(LANGUAGES),
        format_func=LANGUAGES.get,
        horizontal=True,
        key="language",
    )

    st.subheader("Browse · 浏览")
    parts = chapters(index.document)
    chapter = st.selectbox(
        "Chapter · 章节",
        range(len(parts)),
        format_func=lambda i: parts[i].title or "封面 / Cover",
        key="chapter",
    )
    units = parts[chapter].units
    picked_unit = st.selectbox(
        "Paragraph or table · 段落或表格",
        range(len(units)),
        format_func=lambda i: unit_choice(units[i], index.glossary, ui),
        key="unit",
    )
    st.button("Open · 打开", key="open-unit", on_click=read, args=(units[picked_unit],))

    tables = [u for u in index.document.units if u.table is not None]
    picked_table = st.selectbox(
        "Table · 表格",
        range(len(tables)),
        format_func=lambda i: unit_choice(tables[i], index.glossary, ui),
        key="table",
    )
    st.button("Open table · 打开表格", key="open-table", on_click=read, args=(tables[picked_table],))

    st.subheader("Conversations · 对话")
    st.button("New conversation · 新对话", key="new-conversation", on_click=open_conversation, args=(None,))
    if conversation is not None:
        title = st.text_input(
            "Title · 标题", conversation.title, key=f"title-{conversation.id}", max_chars=200
        )
        if title.strip() and title.strip() != conversation.title:
            sessions.store.rename(sessions.owner, conversation.id, title.strip())
            st.rerun()
        st.download_button(
            "Export as Markdown · 导出 Markdown",
            to_markdown(turns, title=conversation.title),
            file_name="wpb-conversation.md",
            mime="text/markdown",
            key="export",
        )
        if st.button("Delete this conversation · 删除此对话", key="delete-conversation"):
            sessions.store.delete(sessions.owner, conversation.id)
            open_conversation(None)
            st.rerun()
    else:
        st.download_button(
            "Export as Markdown · 导出 Markdown",
            "",
            disabled=True,
            key="export",
            file_name="wpb-conversation.md",
        )
    for summary in saved[:30]:
        current = conversation is not None and summary.id == conversation.id
        st.button(
            ("▸ " if current else "") + short(summary.title, 48),
            key=f"conversation-{summary.id}",
            help=f"{summary.turns} · {summary.updated:%Y-%m-%d %H:%M}",
            on_click=open_conversation,
            args=(summary.id,),
            disabled=current,
            use_container_width=True,
        )

    st.subheader("LLM")
    llm, llm_problem = load_llm(settings.llm)
    if llm_problem:
        st.error(f"WPB_LLM={settings.llm}: {llm_problem}")
    elif llm is None:
        st.caption("Off (WPB_LLM=none): answers quote the document. · 未启用：回答直接引用文件。")
    else:
        st.caption(
            f"On: {settings.llm}. It writes the prose of text answers from the cited passages; a guard "
            "checks its citations and numbers. Figures never come from it."
        )

    st.subheader("Index · 索引")
    counts = index.build["counts"]
    st.write(
        f"Build `{index.build_id}`: {counts['paragraph']} paragraphs, {counts['table']} tables, "
        f"{index.build['chunks']} chunks; embedder `{index.build['embedder']}`"
    )
    if st.button("Rebuild index · 重建索引", key="rebuild"):
        build_index(force=True)
        st.rerun()
