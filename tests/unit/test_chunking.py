"""Swedish sentence splitting and passages with context."""

from __future__ import annotations

import pytest

from reportqa.ingest.chunking import MAX_SENTENCE_CHARS, chunk_document, split_sentences
from reportqa.ingest.readers import Block, Document


@pytest.mark.parametrize(
    "text",
    [
        "Industrin sysselsätter ca 5 000 personer inom olika näringar.",
        "Det finns många branscher, t.ex. turism och industri i länet.",
        "Samarbetet omfattar bl.a. utbildning och inköp för företagen.",
        "Aktörer som LRF, Torsta AB m.fl. deltar i Grönt Center.",
        "Kommittén presenterade sitt betänkande SOU:2017:1 med förslag.",
        "I Åre huserar ca 80+ företag vid årets slut.",
        "Myndigheterna sysselsätter cirka 3 300 personer i länet.",
        "Kostnaden var ca. 12 mkr enl. rapporten.",
    ],
)
def test_no_split_inside_a_sentence(text):
    assert split_sentences(text) == [text]


def test_splits_between_sentences():
    text = (
        "Den offentliga sektorn anställer ca 42 % i länet. Motsvarande siffra för hela "
        "Sverige är ca 30 %. Under 2017 presenterades SOU:2017:1! Vad händer nu? "
        "Det vet bl.a. Tillväxtverket."
    )
    assert split_sentences(text) == [
        "Den offentliga sektorn anställer ca 42 % i länet.",
        "Motsvarande siffra för hela Sverige är ca 30 %.",
        "Under 2017 presenterades SOU:2017:1!",
        "Vad händer nu?",
        "Det vet bl.a. Tillväxtverket.",
    ]


def test_split_before_quote_and_digit():
    assert split_sentences("Det var 2017. ”Landsbygdskommittén” lade fram det. 5 000 jobb.") == [
        "Det var 2017.",
        "”Landsbygdskommittén” lade fram det.",
        "5 000 jobb.",
    ]


def test_long_sentence_is_cut_at_commas():
    long = ", ".join(["en mycket lång uppräkning av olika saker i länet"] * 20) + "."
    parts = split_sentences(long)
    assert len(parts) > 1
    assert all(len(p) <= MAX_SENTENCE_CHARS for p in parts)
    assert " ".join(parts).split() == long.split()  # nothing lost or reordered


def test_passages_carry_context_section_and_page():
    doc = Document(
        name="r.txt",
        title="R",
        sha256="x",
        blocks=[
            Block("Turismen är stor. Branschen omsätter fem miljarder.", "Turism", 3),
            Block("Industrin är stark.", "Industri", 4),
        ],
    )
    ps = chunk_document(doc)
    assert [p.text for p in ps] == [
        "Turismen är stor.", "Branschen omsätter fem miljarder.", "Industrin är stark."
    ]
    assert ps[1].context == "Turismen är stor." and ps[1].section == "Turism" and ps[1].page == 3
    assert ps[2].context == ""  # context does not cross sections
    assert ps[2].page == 4 and [p.ordinal for p in ps] == [0, 1, 2]
    assert "Turism" in ps[1].index_text() and "Turismen är stor." in ps[1].index_text()
