import pytest

from ingest.labels import canonical, footnote_marks, strip_footnote_marks
from ingest.numbers import parse_number


@pytest.mark.parametrize(
    ("raw", "value", "nil", "percent"),
    [
        ("2 949.4", 2949.4, False, False),
        ("251 602.3", 251602.3, False, False),
        ("1 893 000", 1893000.0, False, False),
        ("(327)", -327.0, False, False),
        ("(5)", -5.0, False, False),
        ("—", 0.0, True, False),
        ("–", 0.0, True, False),
        ("-", 0.0, True, False),
        ("15.6%", 15.6, False, True),
        ("100.0", 100.0, False, False),
        ("0", 0.0, False, False),
    ],
)
def test_numbers_as_the_document_writes_them(raw, value, nil, percent):
    parsed = parse_number(raw)
    assert parsed is not None
    assert (parsed.value, parsed.nil, parsed.percent, parsed.raw) == (value, nil, percent, raw)


@pytest.mark.parametrize(
    "raw", ["", "2018 年", "S/P1", "(对外)", "2 94.4", "12 3456", "(327", "abc", "1.2.3"]
)
def test_non_numbers_are_not_parsed(raw):
    assert parse_number(raw) is None


def test_labels_are_canonicalised():
    assert canonical("基金会 非专用") == "基金会非专用"
    assert canonical("小 计") == "小计"
    assert canonical("赠款和捐款 （对外）") == canonical("赠款和捐款 (对外)") == "赠款和捐款(对外)"
    assert canonical("共计：") == "共计"
    assert canonical("USG ⁵") == "USG"
    assert footnote_marks("S/P1 ⁴") == [4]
    assert strip_footnote_marks("基金会非专用¹预算") == "基金会非专用预算"
