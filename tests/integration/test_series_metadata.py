"""corpus/series.toml: series and editions for reports whose text does not say them."""

from __future__ import annotations

import pytest
from support.helpers import make_settings

from reportqa.errors import CorpusError
from reportqa.index.build import build_index, is_stale
from reportqa.index.layout import IndexDir, read_manifest

OLD = ("Bostadsrapporten\n\nLäget\n\nUnder året färdigställdes 640 nya bostäder i länet. "
       "Väntetiden i bostadskön är tre år.\n")
NEW = ("Bostadsrapporten\n\nLäget\n\nUnder året färdigställdes 910 nya bostäder i länet. "
       "Väntetiden i bostadskön är fyra år.\n")
TOML = """# neither report names its year
["bostader-a.txt"]
series = "Bostadsrapporten – Mål 7. Fler bostäder"
edition = 2019

["bostader-b.txt"]
series = "Bostadsrapporten – Mål 7. Fler bostäder"
edition = "2021"
"""


@pytest.fixture
def corpus(tmp_path):
    s = make_settings(tmp_path)
    (s.corpus_dir / "bostader-a.txt").write_text(OLD, encoding="utf-8")
    (s.corpus_dir / "bostader-b.txt").write_text(NEW, encoding="utf-8")
    return s


def documents(settings) -> dict[str, dict]:
    m = read_manifest(IndexDir(settings.index_dir).resolve())
    return {d["name"]: d for d in m["documents"]}


def test_series_toml_names_series_and_editions_and_the_newest_answers(corpus, embedder):
    from reportqa.engine import Engine

    (corpus.corpus_dir / "series.toml").write_text(TOML, encoding="utf-8")
    result = build_index(corpus, embedder_factory=lambda: embedder)
    assert result.documents == 2 and not result.skipped  # series.toml is not a document
    docs = documents(corpus)
    assert docs["bostader-a.txt"]["edition"] == "2019"
    assert docs["bostader-b.txt"]["edition"] == "2021"
    assert {d["series"] for d in docs.values()} == {"Bostadsrapporten – Mål 7. Fler bostäder"}
    eng = Engine.load(corpus, embedder=embedder)
    ans = eng.ask("Hur många bostäder färdigställdes?")
    assert "910" in ans.text and ans.sources[0].edition == "2021"
    older = eng.ask("Hur många bostäder färdigställdes enligt uppföljningen 2019?")
    assert "640" in older.text and older.sources[0].edition == "2019"
    assert is_stale(corpus) == (False, "up to date")


def test_a_changed_series_toml_makes_the_index_stale_and_reuses_every_passage(corpus,
                                                                               embedder):
    build_index(corpus, embedder_factory=lambda: embedder)
    assert documents(corpus)["bostader-a.txt"]["edition"] == ""  # the text names none
    (corpus.corpus_dir / "series.toml").write_text(TOML, encoding="utf-8")
    assert is_stale(corpus) == (True, "the corpus changed")
    again = build_index(corpus, embedder_factory=lambda: embedder)
    assert again.embedded == 0 and again.reused_documents == 2
    assert documents(corpus)["bostader-b.txt"]["edition"] == "2021"
    # taking the file away gives the text's own (no) edition back, still without embedding
    (corpus.corpus_dir / "series.toml").unlink()
    assert is_stale(corpus)[0]
    third = build_index(corpus, embedder_factory=lambda: embedder)
    assert third.embedded == 0 and documents(corpus)["bostader-b.txt"]["edition"] == ""


@pytest.mark.parametrize("text, message", [
    ('["bostader-a.txt"\nseries = "x"', "not valid TOML"),
    ('["bostader-a.txt"]\nyear = 2019\n', "unknown key(s) year; the keys are series, edition"),
    ('["bostader-a.txt"]\nedition = "förra året"\n', "edition must be a year"),
    ('["bostader-a.txt"]\nseries = ""\n', "series must be a name"),
    ('edition = 2019\n', "must be a table"),
])
def test_a_broken_series_toml_stops_the_build_and_keeps_the_live_version(corpus, embedder,
                                                                          text, message):
    first = build_index(corpus, embedder_factory=lambda: embedder)
    (corpus.corpus_dir / "series.toml").write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match="series.toml") as err:
        build_index(corpus, embedder_factory=lambda: embedder)
    assert message in str(err.value)
    assert IndexDir(corpus.index_dir).current() == first.version


def test_a_table_for_a_missing_file_is_a_warning(corpus, embedder, caplog):
    (corpus.corpus_dir / "series.toml").write_text('["borta.txt"]\nedition = "2020"\n',
                                                   encoding="utf-8")
    build_index(corpus, embedder_factory=lambda: embedder)
    assert "series.toml names 'borta.txt', which is not a document" in caplog.text
