"""The first report read from the corpus: its title, sections and sentences."""

from __future__ import annotations


def test_the_report_reads_with_title_and_section(engine):
    docs = engine.documents()
    assert docs[0].title == "Läget i länet"


def test_the_engine_describes_what_it_serves(engine):
    info = engine.info()
    assert info.version == engine.version and info.model == engine.model_name
    assert info.passages == sum(d.passages for d in info.documents) > 0
    assert info.built_at
    name = info.documents[0].name
    assert engine.has_document(name) and not engine.has_document("no-such-report.txt")
