"""An aligned English rendering, listed in a corpus copy's manifest, ingested beside the Chinese."""

import json

import pytest

from embeddings.fake import FakeEmbedder
from index.reader import Index
from ingest.manifest import CorpusError, load_corpus
from ingest.pipeline import parse_corpus, run_ingest
from tests.conftest import CORPUS

RENDERING = "HSP-EB.1-2-Rev.1.en.jsonl"
ENTRY = {
    "file": RENDERING,
    "symbol": "HSP/EB.1/2/Rev.1",
    "language": "en",
    "date": "2019-09-06",
    "status": "unofficial English rendering; the Chinese text is official",
    "title": "Work programme and budget for 2020",
    "aligned_to": "HSP-EB.1-2-Rev.1.zh.txt",
}


@pytest.fixture
def bilingual(corpus_copy):
    manifest = json.loads((corpus_copy / "manifest.json").read_text(encoding="utf-8"))
    assert [d["file"] for d in manifest["documents"]] == ["HSP-EB.1-2-Rev.1.zh.txt", RENDERING]
    assert manifest["documents"][1]["status"] == ENTRY["status"]
    return corpus_copy


def test_a_file_listed_twice_is_refused(bilingual):
    manifest = json.loads((bilingual / "manifest.json").read_text(encoding="utf-8"))
    manifest["documents"].append(ENTRY)
    (bilingual / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CorpusError, match="listed more than once"):
        load_corpus(bilingual)


def test_vectors_for_all_languages_on_request(bilingual, tmp_path):
    result = run_ingest(bilingual, tmp_path / "data", FakeEmbedder(), dense_languages="all")
    assert result.vectors == result.chunks == 472
    assert Index(tmp_path / "data").build["dense_languages"] == ["en", "zh"]


def test_the_rendering_covers_every_unit_of_the_official_text():
    lines = [json.loads(line) for line in (CORPUS / RENDERING).read_text(encoding="utf-8").splitlines()]
    zh = parse_corpus(load_corpus(CORPUS))[0]
    rendered = {"text", "heading", "paragraph", "footnote", "figure", "mandates", "performance"}
    assert [(e["kind"], e["id"]) for e in lines] == [(u.kind, u.id) for u in zh.units if u.kind in rendered]
    assert len([e for e in lines if e["kind"] == "paragraph"]) == 130


def test_rendering_is_aligned_unit_by_unit(bilingual):
    zh, en = parse_corpus(load_corpus(bilingual))
    assert en.language == "en" and len(en.units) == len(zh.units) - 1  # all but the table of contents
    p59 = en.get("paragraph", "59")
    assert p59.text.startswith("59. Total projected income for 2020 is US$ 20.8 million")
    assert (p59.line_start, p59.section) == (
        497,
        ["III. Foundation non-earmarked resources", "Financial overview"],
    )
    table = en.get("table", "1.1").table
    assert table.rows[4].path == ("Source of funding", "Technical cooperation")
    assert table.rows[4].cells == zh.get("table", "1.1").table.rows[4].cells  # numbers are not retyped
    assert en.get("mandates", "annex1-SP2-mandates").items[0]["resolution"] == "65/10"


def test_bilingual_index_keeps_one_set_of_tables(bilingual, tmp_path):
    run_ingest(bilingual, tmp_path / "data", FakeEmbedder())
    index = Index(tmp_path / "data")
    assert [d.language for d in index.documents] == ["zh", "en"]
    assert index.unit("paragraph", "59", "en").text.startswith("59. Total projected income")
    assert index.status("en").startswith("unofficial English rendering")
    assert {c["language"] for c in index.chunks} == {"zh", "en"}
    assert index.build["dense_languages"] == ["zh"]  # the rendering is searched by keywords
    assert len(index.tables) == index.build["counts"]["table_cells"]  # the official tables only


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"kind": "paragraph", "id": "1"}', "line 1 is not a {kind, id, en}"),
        ('{"kind": "paragraph", "id": "1", "en": " "}', "has no text"),
        ("not json", "line 1 is not"),
    ],
)
def test_bad_rendering_lines_are_named(bilingual, line, message):
    (bilingual / RENDERING).write_text(line + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        parse_corpus(load_corpus(bilingual))


def test_a_rendering_must_be_aligned_to_a_listed_document(bilingual):
    manifest = json.loads((bilingual / "manifest.json").read_text(encoding="utf-8"))
    manifest["documents"][1]["aligned_to"] = "other.txt"
    (bilingual / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(CorpusError, match="aligned to other.txt"):
        load_corpus(bilingual)
