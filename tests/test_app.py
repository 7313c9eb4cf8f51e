"""The chat app, headless (Streamlit's AppTest): questions in both languages, citations that open,
formulas, the language switch, the browser and the first start."""

import tempfile

import pytest
from streamlit.testing.v1 import AppTest

from conversations import open_store
from tests.conftest import CORPUS, ROOT


def run_app(monkeypatch, data_dir, database: str | None = None, conversation: str | None = None) -> AppTest:
    """The app on `data_dir`, keeping conversations in `database` (default: a new SQLite file), opened
    on `conversation` as a reload of its URL would."""
    if database is None:
        database = f"sqlite:///{tempfile.mkdtemp(prefix='wpb-conversations-')}/c.sqlite3"
    monkeypatch.setenv("WPB_DATABASE_URL", database)
    monkeypatch.setenv("WPB_DATA_DIR", str(data_dir))
    monkeypatch.setenv("WPB_CORPUS_DIR", str(CORPUS))
    monkeypatch.setenv("WPB_EMBEDDER", "fake")
    monkeypatch.delenv("WPB_LLM", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if conversation is not None:
        at.query_params["c"] = conversation
    return at.run()


@pytest.fixture
def app(monkeypatch, fake_index) -> AppTest:
    at = run_app(monkeypatch, fake_index)
    assert not at.exception
    return at


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception
    return at


def messages(at: AppTest) -> list[str]:
    """The markdown shown in the chat messages, in order."""
    return [m.value for message in at.chat_message for m in message.markdown]


def answers(at: AppTest) -> list[str]:
    """The first markdown of each answer (its words), in order."""
    return [m.markdown[0].value for m in at.chat_message if m.name == "assistant" and m.markdown]


def test_first_start_builds_the_index(monkeypatch, tmp_path):
    at = run_app(monkeypatch, tmp_path / "data")
    assert not at.exception
    assert (tmp_path / "data" / "CURRENT").is_file()
    assert any("130 paragraphs, 34 tables" in m.value for m in at.sidebar.markdown)


def test_examples_are_offered_and_answer_when_clicked(app):
    examples = [b for b in app.button if b.key and b.key.startswith("example-")]
    assert len(examples) >= 6
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in b.label) for b in examples)  # Chinese ones too
    examples[0].click().run()
    assert not app.exception
    assert len(app.chat_message) == 2 and app.chat_message[0].markdown[0].value  # the question and its answer


def test_a_chinese_question_is_answered_in_chinese_with_citations(app):
    ask(app, "基金会为什么要收取方案支助费？")
    answer = messages(app)[1]
    assert answer.startswith("根据文件正式中文文本")
    assert "13%" in answer and "¶59" in answer
    assert "¶59" in app.pills[0].options


def test_an_english_question_is_answered_in_english_with_citations(app):
    ask(app, "Why does the Foundation levy a programme support charge?")
    answer = messages(app)[1]
    assert "unofficial English rendering" in answer and "13%" in answer
    assert "¶59" in app.pills[0].options


def test_a_citation_opens_the_paragraph_in_both_languages(app):
    ask(app, "第 59 段")
    assert app.pills[0].options == ["¶59"]
    app.pills[0].set_value("¶59").run()
    shown = messages(app)
    assert any(m.startswith(r"59\. 2020 年预计总收入为 2 080 万美元") for m in shown)
    assert any(m.startswith(r"59\. Total projected income for 2020 is US\$ 20.8 million") for m in shown)
    captions = [c.value for message in app.chat_message for c in message.caption]
    assert "zh · official" in captions
    assert "en · unofficial English rendering; the Chinese text is official" in captions


def test_a_numeric_answer_shows_its_formula_table_and_highlighted_cells(app):
    ask(app, "Compare the 2020 budget of each subprogramme")
    shown = messages(app)
    assert any(m.startswith("**Formula:** `54 402.3 + 56 158.6 + 38 627.5 + 84 136.1") for m in shown)
    table = app.chat_message[1].dataframe[0].value
    assert len(table) == 4
    app.pills[0].set_value(app.pills[0].options[0]).run()  # open Table 1.1
    assert not app.exception
    opened = app.chat_message[1].dataframe[1].value
    assert opened.loc["Source of funding › Total"].iloc[0] == "54 402.3"


def test_a_question_back_offers_its_choices_to_click(app):
    ask(app, "How many posts does the subprogramme have?")
    assert messages(app)[1].startswith("Which subprogramme do you mean?")
    choices = [b for b in app.chat_message[1].button if b.label.startswith("Subprogramme")]
    assert len(choices) == 4
    choices[3].click().run()  # subprogramme 4
    assert not app.exception
    assert "47 posts" in messages(app)[3]


def test_the_language_switch_answers_an_english_question_in_chinese(app):
    app.sidebar.radio(key="language").set_value("zh").run()
    ask(app, "Why does the Foundation levy a programme support charge?")
    assert messages(app)[1].startswith("根据文件正式中文文本")
    app.sidebar.radio(key="language").set_value("en").run()
    ask(app, "基金会为什么要收取方案支助费？")
    assert "unofficial English rendering" in messages(app)[3]


def test_the_browser_opens_a_paragraph_and_a_table(app):
    chapter = app.sidebar.selectbox(key="chapter")
    third = next(i for i in chapter.options if i.startswith("三"))  # III. Foundation non-earmarked resources
    chapter.set_value(chapter.options.index(third)).run()
    unit = app.sidebar.selectbox(key="unit")
    para59 = next(n for n, label in enumerate(unit.options) if label.startswith("¶59 "))
    unit.set_value(para59).run()
    app.sidebar.button(key="open-unit").click().run()
    assert not app.exception
    assert any(m.value.startswith(r"59\. 2020 年预计总收入") for m in app.main.markdown)
    tables = app.sidebar.selectbox(key="table")
    t30 = next(n for n, label in enumerate(tables.options) if "3.0" in label)
    tables.set_value(t30).run()
    app.sidebar.button(key="open-table").click().run()
    assert app.main.dataframe[0].value.iloc[:, 0].size > 3
    app.button(key="close-reader").click().run()
    assert not app.main.dataframe


def test_bad_input_gets_a_message_not_a_traceback(app):
    ask(app, "？？？")
    assert messages(app)[1]
    ask(app, "Table 11.4")
    assert "not in the document" in messages(app)[3]


def test_the_conversation_exports_as_markdown(app):
    assert app.sidebar.download_button(key="export").disabled  # nothing to export yet
    ask(app, "第 59 段")
    assert not app.sidebar.download_button(key="export").disabled


# -- the optional LLM, with LangChain's fake chat models ------------------------------------------------
def llm_app(monkeypatch, fake_index, model) -> AppTest:
    """The app with WPB_LLM set and the chat-model factory replaced by one that returns `model`."""
    import streamlit as st

    import assistant.llm

    st.cache_resource.clear()  # the assistant and the model are cached per process
    monkeypatch.setattr(assistant.llm, "make_chat_model", lambda settings: model)
    monkeypatch.setenv("WPB_DATA_DIR", str(fake_index))
    monkeypatch.setenv("WPB_CORPUS_DIR", str(CORPUS))
    monkeypatch.setenv("WPB_EMBEDDER", "fake")
    monkeypatch.setenv("WPB_LLM", "openai:fake")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    return at


@pytest.fixture
def clear_cache():
    import streamlit as st

    yield
    st.cache_resource.clear()  # later tests get the app without the fake model


CHARGE_ZH = "基金会为什么要收取方案支助费？"


def test_the_llm_writes_the_prose_when_the_guard_accepts_it(monkeypatch, fake_index, clear_cache):
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    prose = "基金会对项目组合收取 13% 的方案支助费 [¶59]。"
    at = ask(llm_app(monkeypatch, fake_index, FakeListChatModel(responses=[prose])), CHARGE_ZH)
    assert messages(at)[1] == r"基金会对项目组合收取 13% 的方案支助费 \[¶59\]。"
    assert "由 LLM 根据所引段落撰写" in at.chat_message[1].caption[0].value
    assert "¶59" in at.pills[0].options and not at.warning
    assert any("On: openai:fake" in c.value for c in at.sidebar.caption)


@pytest.mark.parametrize(
    ("reply", "problem"),
    [
        ("基金会收取 15% 的方案支助费 [¶59]。", "15"),  # a number the passages do not hold
        ("基金会收取 13% 的方案支助费 [¶99]。", "¶99"),  # a passage it was not given
    ],
)
def test_a_rejected_llm_answer_shows_the_extractive_one_with_a_notice(
    monkeypatch, fake_index, clear_cache, reply, problem
):
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    at = ask(llm_app(monkeypatch, fake_index, FakeListChatModel(responses=[reply])), CHARGE_ZH)
    assert messages(at)[1].startswith("根据文件正式中文文本")
    assert problem in at.warning[0].value


def test_an_unreachable_llm_degrades_to_the_extractive_answer(monkeypatch, fake_index, clear_cache):
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel

    def refused():
        raise ConnectionError("connection refused")
        yield  # a generator: raises when the model is asked

    at = ask(llm_app(monkeypatch, fake_index, GenericFakeChatModel(messages=refused())), CHARGE_ZH)
    assert messages(at)[1].startswith("根据文件正式中文文本")
    assert "connection refused" in at.warning[0].value and not at.exception


def test_numeric_questions_never_reach_the_llm(monkeypatch, fake_index, clear_cache):
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    model = FakeListChatModel(responses=["The budget is 999 [表 1.1]."])
    at = ask(llm_app(monkeypatch, fake_index, model), "Compare the 2020 budget of each subprogramme")
    assert model.i == 0  # never asked
    assert "54 402.3 + 56 158.6" in " ".join(messages(at))


def test_an_audit_lists_the_disagreements_and_highlights_them(app):
    ask(app, "Does Table 7.1 add up?")
    audit = app.chat_message[1].dataframe[0].value
    assert {"printed", "expected"} <= set(audit.columns)
    assert (audit["printed"] == 56158.6).any() and (audit["expected"] == 56003.3).any()
    label = next(o for o in app.pills[0].options if "7.1" in o)
    app.pills[0].set_value(label).run()
    assert not app.exception
    assert app.chat_message[1].dataframe[1].value.shape[0] > 5  # Table 7.1 itself


# -- conversations ---------------------------------------------------------------------------------------
def test_a_three_turn_exchange_reads_follow_ups_and_survives_a_new_session(monkeypatch, fake_index, tmp_path):
    database = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    at = run_app(monkeypatch, fake_index, database)
    for question in (
        "What is the 2020 budget of subprogramme 4?",
        "And for subprogramme 2?",
        "what about posts?",
    ):
        ask(at, question)
    shown = answers(at)
    assert "84 136.1" in shown[0]
    assert shown[1].startswith("Read as:") and "56 158.6" in shown[1]
    assert shown[2].startswith("Read as:") and "35 posts" in shown[2]
    conversation = at.query_params["c"]
    conversation = conversation[0] if isinstance(conversation, list) else conversation
    # a reload (a new session with the same URL), or the app restarted: the conversation is back
    again = run_app(monkeypatch, fake_index, database, conversation)
    assert not again.exception
    assert [m for m in messages(again) if "56 158.6" in m]
    ask(again, "那次级方案 3 呢？")  # and it goes on from where it was
    assert "41" in answers(again)[-1] and "理解为" in answers(again)[-1]
    assert again.sidebar.button(key=f"conversation-{conversation}").disabled  # the open one, marked


def test_conversations_are_listed_renamed_and_deleted(monkeypatch, fake_index, tmp_path):
    database = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    at = run_app(monkeypatch, fake_index, database)
    ask(at, "第 59 段")
    at.sidebar.button(key="new-conversation").click().run()
    assert not messages(at)
    ask(at, "What does ¶59 say?")
    store = open_store(database, tmp_path)
    listed = store.list("local")
    assert [s.title for s in listed] == ["What does ¶59 say?", "第 59 段"]
    at.sidebar.text_input(key=f"title-{listed[0].id}").input("Income, ¶59").run()
    assert store.list("local")[0].title == "Income, ¶59"
    at.sidebar.button(key="delete-conversation").click().run()
    assert [s.title for s in store.list("local")] == ["第 59 段"] and not messages(at)
    at.sidebar.button(key=f"conversation-{listed[1].id}").click().run()
    assert "59" in messages(at)[0]


def test_another_users_conversation_cannot_be_listed_or_opened(monkeypatch, fake_index, tmp_path):
    database = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    store = open_store(database, tmp_path)
    theirs = store.create("user:b@example.org", "B's private preparation")
    store.add_turn("user:b@example.org", theirs.id, "secret question", "secret question", {"answer": {}})
    at = run_app(monkeypatch, fake_index, database, theirs.id)  # the id guessed, in the URL
    assert not at.exception
    assert not messages(at)
    assert not [b for b in at.sidebar.button if "private" in b.label]
    assert "c" not in at.query_params
