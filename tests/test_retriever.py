"""The search engine's parts: keyword text, stemming, glossary twins, and fusion by unit."""

import pytest

from retriever.expand import Expander
from retriever.search import keyword_text
from retriever.tokenize import Tokenizer


def test_a_table_is_searched_with_its_section():
    section = "IV. Policymaking organs › Resource requirements"
    table = {"unit_kind": "table", "section": section, "search_text": "Table 4.3"}
    paragraph = {"unit_kind": "paragraph", "section": section, "search_text": "65. By its resolution"}
    assert keyword_text(table) == f"{section}\nTable 4.3"
    assert keyword_text(paragraph) == "65. By its resolution"  # its search text already has its context


@pytest.mark.parametrize(
    ("words", "stem"),
    [
        (["post", "posts"], "post"),
        (["fund", "funded", "funding"], "fund"),
        (["finance", "financed"], "financ"),
        (["plan", "planned", "planning"], "plan"),
        (["job", "jobs"], "job"),
        (["activity", "activities"], "activity"),
    ],
)
def test_english_words_meet_at_their_stem(words, stem):
    tokenizer = Tokenizer()
    assert {token for word in words for token in tokenizer.tokens(word)} == {stem}


def test_numbers_and_short_words_are_not_stemmed():
    tokens = Tokenizer().tokens("P-3 posts in 2020, UN-Habitat's gas")
    assert tokens == ["p-3", "post", "2020", "un-habitat", "gas"]


def test_glossary_twins_come_without_heading_numbers_or_years(glossary):
    expander = Expander(glossary)
    extra = expander.expand("Which posts are paid from programme support?").split("\n", 1)[1].split()
    assert "方案支助" in extra and not any(term.startswith("七、") for term in extra)
    assert expander.expand("Who won the 2018 World Cup?") == "Who won the 2018 World Cup?"


def test_one_passage_per_unit_with_keywords_and_vector_from_either_language(assistant):
    question = "What explains the projected level of total direct resource requirements?"
    passages = assistant.engine.search(question, k=10, language="en")
    keys = [p.unit_key for p in passages]
    assert len(keys) == len(set(keys))
    best = passages[0]
    # the English rendering's words found it, the official Chinese text's vector added to it
    assert best.chunk["language"] == "en" and best.bm25_rank is not None
    assert best.dense_language == "zh" and best.dense_rank is not None


def test_a_passage_shows_the_text_in_the_question_language(assistant):
    questions = (("执行局的职能有哪些？", "zh"), ("What are the functions of the Executive Board?", "en"))
    for question, language in questions:
        passages = assistant.engine.search(question, k=5, language=language)
        assert passages and all(p.chunk["language"] == language for p in passages)
