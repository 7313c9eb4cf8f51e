"""The optional LLM: the guard, the composer and the Assistant with LangChain's fake chat models,
the fallback when the model fails or its server is down, and the settings that build a real client."""

import json
import socket
import sys
import time
from collections.abc import Iterator

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.language_models.fake_chat_models import FakeListChatModel, GenericFakeChatModel
from langchain_core.messages import AIMessage
from typer.testing import CliRunner

from assistant.assistant import Assistant
from assistant.guard import guard
from assistant.llm import LLMComposer, LLMError, asks_for_number, make_chat_model
from assistant.prompt import Source, marker_label, unit_text
from index.reader import Index
from tests.browser import free_port
from wpb.cli import app
from wpb.settings import Settings

CHARGE_EN = "Why does the Foundation levy a programme support charge?"
CHARGE_ZH = "基金会为什么要向项目组合收取方案支助费？"


@pytest.fixture(scope="module")
def index(fake_index):
    return Index(fake_index)


@pytest.fixture(scope="module")
def plain(index):
    """The Assistant without an LLM: extractive answers."""
    return Assistant(index)


@pytest.fixture(scope="module")
def p59(index):
    return index.unit("paragraph", "59").text, index.unit("paragraph", "59", "en").text


def failing(error: Exception) -> Iterator[AIMessage]:
    raise error
    yield AIMessage(content="never")  # a generator: raises when the model asks for its reply


# -- the guard -----------------------------------------------------------------------------------------
def test_a_faithful_answer_passes(p59):
    zh, en = p59
    text = (
        "The Foundation will levy a programme support charge of 13% on the project portfolio [¶59]. "
        "Total projected income for 2020 is US$ 20.8 million [¶59]."
    )
    assert guard(text, ["¶59", "¶54"], [zh]) == []  # the English numbers against the Chinese text
    text = "基金会将收取 13% 的方案支助费 [¶59]。预计总收入为 2 080 万美元 [¶59]。"
    assert guard(text, ["¶59"], [en]) == []


def test_an_invented_number_is_rejected(p59):
    zh, _ = p59
    problems = guard("The Foundation levies a charge of 15% [¶59].", ["¶59"], [zh])
    assert problems == ["it states 15, which is in none of the passages"]
    problems = guard("Total projected income is US$ 28 million [¶59].", ["¶59"], [zh])
    assert problems == ["it states 28000000, which is in none of the passages"]
    # the same digits at another magnitude are another number
    assert guard("Total projected income is US$ 2,080 [¶59].", ["¶59"], [zh])


def test_a_marker_for_a_passage_not_given_is_rejected(p59):
    zh, _ = p59
    assert guard("The charge is 13% [¶99].", ["¶59"], [zh]) == ["it cited [¶99], which it was not given"]
    assert guard("The charge is 13% [¶59, 表 3.0].", ["¶59"], [zh]) == [
        "it cited [表 3.0], which it was not given"
    ]
    assert guard("The charge is 13% [Annex IV].", ["¶59"], [zh])
    # a unit named in the prose counts too
    assert guard("As paragraph 61 says, the charge is 13% [¶59].", ["¶59"], [zh]) == [
        "it cited paragraph 61, which it was not given"
    ]


def test_an_answer_without_markers_is_rejected(p59):
    zh, _ = p59
    assert guard("The charge is 13%.", ["¶59"], [zh]) == ["it cited no passage"]
    assert guard("   ", ["¶59"], [zh]) == ["it returned no text"]
    assert guard("收取 13% 的方案支助费。", ["¶59"], [zh], language="zh") == ["它没有标注任何引文"]


@pytest.mark.parametrize(
    ("answer", "source"),
    [
        ("收入为 2 080 万美元 [¶1]", "income of US$ 20.8 million"),
        ("income of US$ 20.8 million [¶1]", "收入为 2 080 万美元"),
        ("a charge of 13 per cent [¶1]", "收取 13% 的方案支助费"),
        ("US$ 1,893,000 [¶1]", "1 893 000 美元"),
        ("in March 2018 [¶1]", "2018 年 3 月"),
        ("the 21st century [¶1]", "21 世纪"),
        ("more than 1.6 billion people [¶1]", "16 多亿人"),
        ("收取１３％的费用 [¶1]", "a 13% charge"),
        ("1. It levies 13% [¶1].\n2. It recovers costs [¶1].", "a 13% charge"),
    ],
)
def test_numbers_match_whichever_way_they_are_written(answer, source):
    assert guard(answer, ["¶1"], [source]) == []


def test_marker_numbers_are_not_quantities_and_labels_have_variants():
    source = "行政领导和管理的资源"
    labels = ["¶59", "表 4.2 / Table 4.2"]
    assert guard("Resources for executive direction [Table 4.2] [¶59].", labels, [source]) == []
    assert guard("行政领导和管理的资源【表 4.2】。", labels, [source]) == []
    assert guard("Resources [表 4.2 / Table 4.2; ¶59].", labels, [source]) == []
    assert guard("Resources for 4 offices [Table 4.2].", labels, [source]) == [
        "it states 4, which is in none of the passages"
    ]


def test_labels_that_hold_commas_or_and_are_one_marker():
    labels = ["Annex I, subprogramme 2 deliverables", "Under-Secretary-General and Executive Director"]
    text = f"It plans projects [{labels[0]}] [{labels[1]}]."
    assert guard(text, labels, ["projects"]) == []
    assert guard("It plans projects [Annex I, subprogramme 3 deliverables].", labels, ["projects"]) == [
        "it cited [subprogramme 3 deliverables], which it was not given"
    ]


def test_a_unit_a_passage_names_may_be_named_in_the_prose():
    source = "附件二显示 2020-2023 年战略计划的估计员额分配情况，附件三显示 2020 年所需员额的员额分配情况。"
    assert guard("附件三显示 2020 年的员额分配 [¶55]。", ["¶55"], [source]) == []
    assert guard("附件一显示 2020 年的员额分配 [¶55]。", ["¶55"], [source]) == [
        "it cited 附件一, which it was not given"
    ]


def test_a_calculator_result_counts_as_a_source():
    assert guard("The share is 33.4% [表 1.1].", ["表 1.1"], ["资源"]) == [
        "it states 33.4, which is in none of the passages"
    ]
    assert guard("The share is 33.4% [表 1.1].", ["表 1.1"], ["资源"], extra_numbers=[33.4]) == []


# -- the prompt and the composer ---------------------------------------------------------------------
def test_the_prompt_numbers_the_passages_in_the_question_language(index):
    assert marker_label("表 4.2 / Table 4.2", "zh") == "表 4.2"
    assert marker_label("表 4.2 / Table 4.2", "en") == "Table 4.2"
    assert marker_label("¶59", "en") == "¶59"
    table = unit_text(index.unit("table", "1.5B", "en"))
    assert "Subprogramme 1\t37\t8\t1\t-\t46" in table and "Posts per year › 2020" in table
    seen = []
    model = FakeListChatModel(responses=["The charge is 13% [¶59]."], callbacks=[_Spy(seen)])
    composed = LLMComposer(model, "HSP/EB.1/2/Rev.1").compose(
        CHARGE_EN, "en", [Source("¶59", index.unit("paragraph", "59", "en").text)]
    )
    assert composed.text == "The charge is 13% [¶59]." and composed.notice is None
    system, user = seen
    assert "HSP/EB.1/2/Rev.1" in system.content and "Answer in English" in system.content
    assert "[¶59]\n59. Total projected income" in user.content and user.content.endswith(CHARGE_EN)


class _Spy(BaseCallbackHandler):
    """Records the messages a chat model is sent."""

    def __init__(self, seen: list):
        self.seen = seen

    def on_chat_model_start(self, serialized, messages, **kwargs):
        self.seen.extend(messages[0])


def test_the_composer_strips_a_reasoning_scratchpad():
    model = GenericFakeChatModel(messages=iter(["<think>13% or 15%?</think>\nThe charge is 13% [¶59]."]))
    composed = LLMComposer(model).compose(CHARGE_EN, "en", [Source("¶59", "a charge of 13%")])
    assert composed.text == "The charge is 13% [¶59]."


def test_a_failing_model_gives_a_notice_not_an_error():
    model = GenericFakeChatModel(messages=failing(ConnectionError("[Errno 111] Connection refused")))
    composed = LLMComposer(model).compose(CHARGE_EN, "en", [Source("¶59", "a charge of 13%")])
    assert composed.text is None
    assert composed.notice == (
        "The LLM did not answer (ConnectionError: [Errno 111] Connection refused); "
        "showing the extractive answer."
    )


@pytest.mark.parametrize("provider", ["ollama", "openai"])
def test_a_server_that_is_down_degrades_to_a_notice(provider):
    """Real clients against a closed port on this machine: connection refused, no network needed."""
    port = free_port()
    url = f"http://127.0.0.1:{port}" + ("/v1" if provider == "openai" else "")
    model = make_chat_model(Settings(llm=f"{provider}:some-model", llm_base_url=url, llm_timeout=5))
    composed = LLMComposer(model).compose(CHARGE_ZH, "zh", [Source("¶59", "收取 13% 的方案支助费")])
    assert composed.text is None
    assert composed.notice.startswith("LLM 未能回答（") and composed.notice.endswith("以下为摘录式回答。")


@pytest.mark.parametrize("provider", ["ollama", "openai"])
def test_a_server_that_never_replies_is_given_up_after_the_timeout(provider):
    with socket.socket() as server:  # listens, never answers
        server.bind(("127.0.0.1", 0))
        server.listen(4)
        url = f"http://127.0.0.1:{server.getsockname()[1]}" + ("/v1" if provider == "openai" else "")
        model = make_chat_model(Settings(llm=f"{provider}:some-model", llm_base_url=url, llm_timeout=1))
        started = time.monotonic()
        composed = LLMComposer(model).compose(CHARGE_EN, "en", [Source("¶59", "a charge of 13%")])
        assert time.monotonic() - started < 10
    assert composed.text is None and "Timeout" in composed.notice


# -- the Assistant -------------------------------------------------------------------------------------
def test_an_accepted_answer_replaces_the_prose_and_keeps_the_citations(index, plain):
    extractive = plain.ask(CHARGE_EN)
    assert extractive.composer == "extractive" and extractive.notices == []
    assert "¶59" in [c.label for c in extractive.citations]
    prose = "The Foundation levies a programme support charge of 13% on its project portfolio [¶59]."
    answer = Assistant(index, llm=FakeListChatModel(responses=[prose])).ask(CHARGE_EN)
    assert answer.route == "retrieval" and answer.composer == "llm"
    assert answer.answer == prose and answer.notices == []
    assert answer.citations == extractive.citations
    data = answer.to_dict()
    assert data["composer"] == "llm" and data["notices"] == []


@pytest.mark.parametrize(
    ("reply", "problem"),
    [
        ("The Foundation levies a charge of 13% [¶99].", "it cited [¶99], which it was not given"),
        (
            "The Foundation levies 13% and expects US$ 77.7 million [¶59].",
            "it states 77700000, which is in none of the passages",
        ),
        ("The Foundation levies a charge of 13%.", "it cited no passage"),
    ],
)
def test_a_rejected_answer_falls_back_to_the_extractive_one(index, plain, reply, problem):
    extractive = plain.ask(CHARGE_EN)
    answer = Assistant(index, llm=FakeListChatModel(responses=[reply])).ask(CHARGE_EN)
    assert answer.composer == "extractive"
    assert answer.answer == extractive.answer and answer.citations == extractive.citations
    assert answer.notices == [f"LLM answer rejected: {problem}; showing the extractive answer."]


def test_a_model_that_raises_falls_back_with_a_notice_in_the_question_language(index):
    model = GenericFakeChatModel(messages=failing(TimeoutError("timed out")))
    answer = Assistant(index, llm=model).ask(CHARGE_ZH)
    assert answer.route == "retrieval" and answer.composer == "extractive"
    assert answer.answer.startswith("根据文件正式中文文本：")
    assert answer.notices == ["LLM 未能回答（TimeoutError: timed out）；以下为摘录式回答。"]


@pytest.mark.parametrize(
    ("question", "route"),
    [
        ("How much does UN-Habitat expect to recover in programme support costs in 2020?", "retrieval"),
        ("2020年会员国自愿捐款预计多少？", "calculator"),
        ("What percentage of the 2020 budget comes from technical cooperation?", None),
        ("What does ¶59 say?", "lookup"),
        ("表 3.0", "lookup"),
        ("", "refuse"),
    ],
)
def test_numeric_questions_and_other_routes_never_reach_the_model(index, question, route):
    model = FakeListChatModel(responses=["first reply [¶59].", "second reply [¶59]."])
    answer = Assistant(index, llm=model).ask(question)
    assert model.i == 0, "the model was called"
    assert answer.composer == "extractive" and answer.notices == []
    if route:
        assert answer.route == route


def test_asks_for_number():
    assert asks_for_number("How many posts does subprogramme 1 have?")
    assert asks_for_number("次级方案1有多少个员额？")
    assert not asks_for_number("What does subprogramme 1 do in 2020?")
    assert not asks_for_number("执行局的职能有哪些？")


# -- settings and the command line ---------------------------------------------------------------------
def test_no_llm_by_default(monkeypatch):
    monkeypatch.delenv("WPB_LLM", raising=False)
    assert Settings(_env_file=None).llm == "none"
    assert make_chat_model(Settings(llm="none")) is None
    assert make_chat_model(Settings(llm="")) is None


def test_an_ollama_model_is_built_without_a_request():
    from langchain_ollama import ChatOllama

    model = make_chat_model(Settings(llm="ollama:qwen2.5:7b-instruct"))
    assert isinstance(model, ChatOllama)
    assert model.model == "qwen2.5:7b-instruct" and model.base_url == "http://127.0.0.1:11434"
    assert model.temperature == 0 and model.client_kwargs["timeout"] == 30


def test_an_openai_compatible_model_is_built_without_a_request():
    from langchain_openai import ChatOpenAI

    model = make_chat_model(Settings(llm="openai:Qwen/Qwen2.5-7B-Instruct", llm_timeout=12))
    assert isinstance(model, ChatOpenAI)
    assert model.model_name == "Qwen/Qwen2.5-7B-Instruct"
    assert model.openai_api_base == "http://127.0.0.1:8000/v1"
    assert model.openai_api_key.get_secret_value() == "not-needed"
    assert model.request_timeout == 12 and model.max_retries == 0
    keyed = make_chat_model(
        Settings(llm="openai:m", llm_base_url="http://10.0.0.5:8080/v1", llm_api_key="s3cret")
    )
    assert keyed.openai_api_base == "http://10.0.0.5:8080/v1"
    assert keyed.openai_api_key.get_secret_value() == "s3cret"


@pytest.mark.parametrize("spec", ["gpt-4", "anthropic:claude", "ollama:", "openai:  "])
def test_an_unknown_llm_is_a_clear_error(spec):
    with pytest.raises(LLMError, match=r'accepted: "none" \(default\), "ollama:<model>"'):
        make_chat_model(Settings(llm=spec))


def test_a_missing_client_package_says_which_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "langchain_ollama", None)  # import fails as if not installed
    with pytest.raises(LLMError, match=r"needs the langchain_ollama package: install the 'llm' extra"):
        make_chat_model(Settings(llm="ollama:llama3"))


def test_wpb_ask_with_the_llm_server_down_answers_with_a_notice(cli_env, monkeypatch):
    monkeypatch.setenv("WPB_LLM", "openai:some-model")
    monkeypatch.setenv("WPB_LLM_BASE_URL", f"http://127.0.0.1:{free_port()}/v1")
    result = CliRunner().invoke(app, ["ask", CHARGE_EN, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["route"] == "retrieval" and data["composer"] == "extractive"
    assert "¶59" in [c["label"] for c in data["citations"]]
    assert len(data["notices"]) == 1 and data["notices"][0].startswith("The LLM did not answer (")
    plain = CliRunner().invoke(app, ["ask", CHARGE_EN])
    assert plain.exit_code == 0 and "showing the extractive answer.)" in plain.output


def test_wpb_ask_with_an_unknown_llm_exits_1(cli_env, monkeypatch):
    monkeypatch.setenv("WPB_LLM", "bogus")
    result = CliRunner().invoke(app, ["ask", CHARGE_EN])
    assert result.exit_code == 1
    assert "unknown LLM 'bogus' (WPB_LLM)" in result.output
