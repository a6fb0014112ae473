"""The first report read from the corpus: its title, sections and sentences."""

from __future__ import annotations


def test_the_report_reads_with_title_and_section(engine):
    docs = engine.documents()
    assert docs[0]["title"] == "Läget i länet"

