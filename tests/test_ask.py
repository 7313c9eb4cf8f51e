"""`wpb ask`: the JSON contract, lookups, retrieval in both languages, and bad input."""

import json

import pytest
from typer.testing import CliRunner

from assistant.language import detect_language
from retriever.evaluate import Score
from retriever.expand import Expander
from retriever.hybrid import HybridRetriever
from retriever.search import Filters
from retriever.tokenize import Tokenizer
from wpb.cli import app

runner = CliRunner()
CONTRACT = {
    "question",
    "language",
    "route",
    "answer",
    "citations",
    "result",
    "elapsed_ms",
    "notices",
    "composer",
    "status",
    "options",
    "read_as",
}
CITATION = {"kind", "id", "label", "section", "quote"}


@pytest.fixture
def e5_env(e5_index, monkeypatch):
    monkeypatch.setenv("WPB_DATA_DIR", str(e5_index))
    return e5_index


def check_contract(data: dict) -> None:
    assert set(data) == CONTRACT
    assert data["language"] in ("zh", "en") and data["route"] in (
        "lookup",
        "retrieval",
        "calculator",
        "audit",
        "overview",
        "refuse",
    )
    assert isinstance(data["answer"], str) and data["answer"]
    assert isinstance(data["elapsed_ms"], float | int) and data["elapsed_ms"] >= 0
    assert data["result"] is None
    assert data["notices"] == [] and data["composer"] == "extractive"  # no LLM configured
    assert len(data["citations"]) <= 5
    assert data["status"] in ("", "answered", "clarify", "absent", "unread") and isinstance(
        data["options"], list
    )
    for citation in data["citations"]:
        assert set(citation) == CITATION and citation["quote"]


def test_json_contract_and_batch_order(e5_env, tmp_path):
    questions = [
        "What does ¶59 say?",
        "执行局的职能有哪些？",
        "",
        "Table 11.4",
        "How will UN-Habitat help Mosul?",
    ]
    batch = tmp_path / "q.txt"
    batch.write_text("\n".join(questions) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["ask", "--json", "--batch", str(batch)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [d["question"] for d in lines] == questions
    for data in lines:
        check_contract(data)
    assert [d["route"] for d in lines] == ["lookup", "retrieval", "refuse", "lookup", "retrieval"]
    single = json.loads(runner.invoke(app, ["ask", "第 59 段", "--json"]).output)
    check_contract(single)
    assert single["citations"][0]["label"] == "¶59" and single["language"] == "zh"


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("第 59 段", "¶59"),
        ("第59段说了什么？", "¶59"),
        ("What does paragraph 59 say?", "¶59"),
        ("para 59", "¶59"),
        ("¶59", "¶59"),
        ("表 3.0", "表 3.0 / Table 3.0"),
        ("Show Table 1.5A", "表 1.5A / Table 1.5A"),
        ("table 9.2", "表 9.2 / Table 9.2"),
        ("附件一", "附件一 / Annex I"),
        ("Annex I", "附件一 / Annex I"),
    ],
)
def test_lookups_in_both_languages_are_exact(assistant, question, label):
    answer = assistant.ask(question)
    assert answer.route == "lookup" and answer.citations[0].label == label


def test_lookup_of_a_paragraph_quotes_it_whole(assistant):
    chinese = assistant.ask("第 70 段")
    assert "外部评价人员予以支持" in chinese.answer.replace("\n", "")
    assert chinese.citations[0].section == "五、行政领导和管理 › 执行主任办公室"
    english = assistant.ask("What does paragraph 70 say?")
    assert english.answer.startswith(
        "From the project's unofficial English rendering (the Chinese text is official)"
    )
    assert "70. The Independent Evaluation Unit" in english.answer
    assert "外部评价人员予以支持" in english.answer.replace("\n", "")  # the official text beside it
    assert (
        english.citations[0].section
        == "V. Executive direction and management › Office of the Executive Director"
    )


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("¶999", "¶1 to ¶130"),
        ("第 999 段", "第 1 段至第 130 段"),
        ("Table 11.4", "1.1, 1.2"),
        ("表 0.5", "10.3"),
    ],
)
def test_unknown_paragraph_or_table(assistant, question, message):
    answer = assistant.ask(question)
    assert answer.route == "lookup" and answer.citations == [] and message in answer.answer


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "Please type a question"),
        ("   \n\t ", "Please type a question"),
        ("预算" * 10000, "请控制在 2000 个字符以内"),
        ("budget " * 3000, "under 2000 characters"),
        ("what is\x07 the budget", "U+0007"),
        ("？？？！！…", "请用文字提问"),
        ("?!?...", "no words to search for"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(assistant, question, message):
    answer = assistant.ask(question)
    assert answer.route == "refuse" and answer.citations == [] and message in answer.answer


def test_bad_input_through_the_cli_exits_zero(e5_env):
    for question in ["", "x" * 20000, "\x00\x01", "!!!"]:
        result = runner.invoke(app, ["ask", question, "--json"])
        assert result.exit_code == 0 and "Traceback" not in result.output
        assert json.loads(result.output)["route"] == "refuse"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Why does the Foundation levy a programme support charge?", "59"),
        ("What is the objective of subprogramme 3?", "97"),
        ("执行局的职能有哪些？", "17"),
        ("2020 年计划开展哪些评价？", "42"),
    ],
)
def test_retrieval_finds_the_paragraph_across_languages(assistant, question, expected):
    answer = assistant.ask(question)
    assert answer.route == "retrieval"
    assert expected in [c.id for c in answer.citations]
    assert f"[¶{expected}]" in answer.answer


def test_nothing_relevant_is_said_plainly(assistant):
    answer = assistant.ask("What is the capital of France?")
    assert answer.citations == [] and answer.answer.startswith("Nothing in the 2020 work programme")


def test_filters_and_the_langchain_retriever(assistant):
    docs = HybridRetriever(engine=assistant.engine, k=3, filters=Filters(kinds=frozenset({"table"}))).invoke(
        "technical cooperation by subprogramme"
    )
    assert len(docs) == 3 and all(d.metadata["kind"] == "table" for d in docs)
    only_iii = assistant.engine.search("预算", k=5, filters=Filters(section="三、 基金会非专用资源"))
    assert only_iii and all(p.chunk["section"].startswith("三、") for p in only_iii)


def test_tokenizer_keeps_document_terms_whole():
    tokenizer = Tokenizer(["基金会非专用", "技术合作"])
    tokens = tokenizer.tokens("基金会非专用资源和技术合作捐款 2 080 万美元, 13% Evaluations")
    assert "基金会非专用" in tokens and "技术合作" in tokens
    assert "2080" in tokens and "13%" in tokens and "evaluation" in tokens


def test_glossary_expansion_bridges_languages(glossary):
    expander = Expander(glossary)
    assert "技术合作" in expander.expand("How much technical cooperation funding?")
    assert "Foundation non-earmarked" in expander.expand("基金会非专用资源有多少？")


def test_language_detection():
    assert detect_language("执行局的职能有哪些？") == "zh"
    assert detect_language("What does ¶59 say?") == "en"
    assert detect_language("What is 基金会非专用?") == "zh"


def test_score_arithmetic():
    score = Score()
    score.add({"id": "a", "question": "q", "expected": ["paragraph:59"]}, [("paragraph", "59")])
    score.add(
        {"id": "b", "question": "q", "expected": ["deliverables:X"]}, [("paragraph", "1"), ("table", "X")]
    )
    score.add({"id": "c", "question": "q", "expected": ["paragraph:7"]}, [("paragraph", "1")])
    assert score.row() == {"n": 3, "hit@1": 1 / 3, "hit@5": 2 / 3, "mrr": (1 + 0.5) / 3}


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of France?",
        "法国的首都是哪里？",
        "写一首关于春天的诗",
        "Tell me a joke",
        "Who won the 2018 football World Cup?",  # a year the document has
    ],
)
def test_off_topic_questions_get_no_citations(assistant, question):
    answer = assistant.ask(question)
    assert answer.route == "retrieval" and answer.citations == []
    assert answer.answer.startswith(("Nothing in", "在 2020 年工作方案和预算"))


def test_a_figure_of_something_else_gets_no_number_and_no_citation(assistant):
    answer = assistant.ask(
        "What is the budget of NASA for 2020?"
    )  # a term the document has, and one it has not
    assert answer.result is None and answer.citations == [] and answer.status == "absent"
    assert "the document does not mention “nasa”" in answer.answer.lower()  # (a name no text uses)


def test_footnotes_are_found_by_what_they_annotate(assistant):
    answer = assistant.ask("基金会专用资金以前叫什么名字？")
    assert "fn3" in [c.id for c in answer.citations]


def test_a_named_subprogramme_keeps_other_subprogrammes_out(assistant):
    answer = assistant.ask("次级方案4的技术合作资金里，对外赠款有多少？")
    sections = [c.section for c in answer.citations]
    assert sections and not any(
        s.startswith(
            ("六、 工作方案 › 次级方案 1", "六、 工作方案 › 次级方案 2", "六、 工作方案 › 次级方案 3")
        )
        for s in sections[:3]
    )


def test_a_figure_a_table_holds_goes_to_the_calculator(assistant):
    answer = assistant.ask("What is the operating reserve for 2020?")
    assert answer.route == "calculator" and answer.result["value"] == 1893
    assert answer.citations[0].label == "表 3.0 / Table 3.0"


def test_two_figures_asked_get_a_question_back_and_the_sentence_that_states_them(assistant):
    question = (
        "How much total income is projected for the Foundation non-earmarked account in 2020, and how much "
        "of that is expected from Member States' voluntary contributions?"
    )
    answer = assistant.ask(question)
    assert answer.status == "clarify" and answer.result is None  # no figure computed
    assert "¶59" in [c.label for c in answer.citations] and "2 080 万美元" in answer.answer


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("How much does the operating reserve rise from 2019 to 2020 in Table 3.0?", 590),
        ("Per paragraph 51, what are the total direct resource requirements for 2020?", None),
    ],
)
def test_a_figure_of_a_unit_named_leaves_a_context_a_session_can_keep(assistant, question, value):
    """A figure answered from the table or paragraph the question names is kept like any other (the
    conversation store writes the context as JSON; it held the calculator's outcome and failed)."""
    answer = assistant.ask(question)
    kept = answer.context.to_dict()
    assert answer.route == "calculator" and kept["intent"] is not None, (answer.answer, kept)
    if value is not None:
        assert answer.to_dict()["result"]["value"] == pytest.approx(value)
    follow = assistant.ask("and for 2018?" if value else "and for 2021?", context=answer.context)
    assert follow.to_dict()["status"] in ("answered", "clarify", "absent"), follow.answer


def test_a_question_asked_of_a_paragraph_leads_with_the_sentence_that_answers_it(assistant):
    """ "¶115: how many people returned to Mosul?" quotes the sentence with the figure first (the citation
    quotes it too); "what does ¶59 say?" asks nothing more and shows the paragraph as before."""
    answer = assistant.ask("第115段 返回摩苏尔的有多少人").to_dict()
    assert answer["route"] == "lookup" and answer["answer"].startswith("¶115: “")
    assert "955 000" in answer["answer"].split("\n")[0] and "955 000" in answer["citations"][0]["quote"]
    plain = assistant.ask("第59段说了什么？").to_dict()
    assert plain["route"] == "lookup" and plain["answer"].startswith("¶59 — ")
