"""Pairing facts of two editions by what they measure: changed, new and removed figures,
reworded sentences, moved sentences, and series and edition choice."""

from __future__ import annotations

import pytest

from reportqa.errors import UnknownEditionError, UnknownSeriesError
from reportqa.facts.diff import MIN_PAIR_SCORE, diff_facts, same_measure
from reportqa.facts.extract import cell_labels, sentence_facts
from reportqa.facts.series import SeriesInfo, find_series, pick_editions, series_id
from reportqa.facts.table import Fact
from reportqa.text.analyzer import Analyzer

A = Analyzer()


def facts(sentences: list[str], edition: str) -> list[Fact]:
    return [Fact(f, s, f"doc-{edition}", "Avsnitt", None, "S", edition, row)
            for row, s in enumerate(sentences) for f in sentence_facts(s, A)]


def kinds(old: list[str], new: list[str]) -> dict[str, list[tuple[str, str]]]:
    changes, _ = diff_facts(facts(old, "2019"), facts(new, "2021"), A)
    out: dict[str, list[tuple[str, str]]] = {"changed": [], "new": [], "removed": []}
    for c in changes:
        out[c.kind].append((c.old.fact.figure if c.old else "",
                            c.new.fact.figure if c.new else ""))
    return out


def test_a_changed_figure_in_a_moved_sentence_is_paired_by_what_it_measures():
    old = ["Industrin sysselsätter ca 5 000 personer.", "Länet har 42 % offentligt anställda.",
           "Turismen omsätter 5 miljarder kronor."]
    new = ["Turismen omsätter 5,3 miljarder kronor.", "Länet har 42 % offentligt anställda.",
           "Industrin sysselsätter ca 5 400 personer."]
    got = kinds(old, new)
    assert sorted(got["changed"]) == [("5 000", "5 400"), ("5 miljarder kronor",
                                                          "5,3 miljarder kronor")]
    assert got["new"] == got["removed"] == []


def test_reworded_sentences_pair_and_unrelated_figures_do_not():
    old = ["Under året färdigställdes 640 nya bostäder i länet.",
           "Regionen stödjer 85 idrottsföreningar i folkhälsoarbetet."]
    new = ["I länet blev 700 nya bostäder färdiga under året.",
           "Regionen stödjer 40 pensionärsföreningar i arbetet mot ensamhet."]
    got = kinds(old, new)
    assert got["changed"] == [("640", "700")]
    assert got["new"] == [("", "40")] and got["removed"] == [("85", "")]


def test_two_figures_of_one_sentence_pair_with_their_own():
    old = ["Av beståndet är 38,5 procent hyresrätter och 24,2 procent bostadsrätter."]
    new = ["Av beståndet är 38,5 procent hyresrätter och 26,0 procent bostadsrätter."]
    assert kinds(old, new)["changed"] == [("24,2 procent", "26,0 procent")]


def test_identical_sentences_change_nothing_and_a_different_unit_never_pairs():
    same = ["Skogen täcker 70 % av länets yta."]
    assert kinds(same, same) == {"changed": [], "new": [], "removed": []}
    got = kinds(["Branschen har 40 företag."], ["Branschen har 40 % av företagen."])
    assert got["new"] and got["removed"] and not got["changed"]


SERIES = [SeriesInfo(series_id("Läget i länet – Mål 5. Fler kluster"),
                     "Läget i länet – Mål 5. Fler kluster", (("", "a.txt"), ("2021", "b.txt"))),
          SeriesInfo(series_id("Läget i länet – Mål 7. Fler bostäder"),
                     "Läget i länet – Mål 7. Fler bostäder",
                     (("2019", "c.md"), ("2021", "d.md"), ("2023", "e.docx")))]


def test_table_cells_pair_only_with_the_same_column_and_row():
    old = ["Vindkraftverk, Strömsund: 95; Produktion, Strömsund: 1 250 GWh.",
           "Vindkraftverk, Ragunda: 18; Produktion, Ragunda: 240 GWh."]
    new = ["Vindkraftverk, Strömsund: 111; Produktion, Strömsund: 1 250 GWh.",
           "Vindkraftverk, Bräcke: 17; Produktion, Bräcke: 221 GWh."]
    got = kinds(old, new)
    assert got["changed"] == [("95", "111")]
    assert sorted(got["new"]) == [("", "17"), ("", "221 GWh")]
    assert sorted(got["removed"]) == [("18", ""), ("240 GWh", "")]


def test_a_reworded_statement_has_the_same_measure_and_another_one_not():
    old = "En villa kostade i genomsnitt 2 150 000 kronor."
    assert same_measure(old, "Genomsnittspriset för en villa var 1 768 870 kronor.",
                        A) >= MIN_PAIR_SCORE
    assert same_measure(old, "Bostadsbidrag betalades ut till 3 400 hushåll.", A) < (
        MIN_PAIR_SCORE)
    assert same_measure(old, "Bostadsfrågan är central.", A) == 0.0


def test_cell_labels_of_a_table_row_and_of_a_sentence():
    assert cell_labels("Läkarbesök, Åre: 14 230; Digitala besök, Åre: 2 980.") == [
        "läkarbesök, åre", "digitala besök, åre"]
    assert cell_labels("Under året gav länets vindkraft 2 600 GWh.") is None


def test_series_ids_and_names():
    assert SERIES[0].id == "laget-i-lanet-mal-5-fler-kluster"
    assert find_series(SERIES, "mal-7") is SERIES[1]
    assert find_series(SERIES, "Läget i länet – Mål 5. Fler kluster") is SERIES[0]
    with pytest.raises(UnknownSeriesError, match="several"):
        find_series(SERIES, "laget")
    with pytest.raises(UnknownSeriesError, match="no report series"):
        find_series(SERIES, "mal-9")


def test_editions_default_to_the_two_newest_and_named_ones_must_exist():
    assert pick_editions(SERIES[1], None, None) == (("2021", "d.md"), ("2023", "e.docx"))
    assert pick_editions(SERIES[1], "2019", None) == (("2019", "c.md"), ("2023", "e.docx"))
    assert pick_editions(SERIES[1], None, "2021") == (("2019", "c.md"), ("2021", "d.md"))
    assert pick_editions(SERIES[0], "undated", "2021")[0] == ("", "a.txt")
    for old, new in (("2017", None), ("2021", "2021"), (None, "2019"), ("2023", "2019")):
        with pytest.raises(UnknownEditionError):
            pick_editions(SERIES[1], old, new)


class _Passages:
    """A store's passage side without a fact table (PostgreSQL, or a version built before
    facts were recorded): the diff reads the passages and extracts their facts."""

    def __init__(self, rows):
        self.rows = rows

    def passages(self, rows):
        return {r: self.rows[r] for r in rows}


class _Version:
    def __init__(self, docs: dict[str, list[str]]):
        from reportqa.index.database import PassageRow

        rows, self.doc_ranges, meta = {}, {}, []
        for name, sentences in docs.items():
            start = len(rows)
            for i, s in enumerate(sentences):
                rows[start + i] = PassageRow(start + i, name, "Avsnitt", 1, i, s, "")
            self.doc_ranges[name] = (start, len(rows))
            meta.append({"name": name, "series": "Läget i länet – Mål 5. Fler kluster",
                         "edition": name[:4]})
        self.db, self.manifest = _Passages(rows), {"documents": meta}
        self.lexical = type("L", (), {"analyzer": A})()


def test_a_version_without_a_fact_table_is_diffed_from_its_passages():
    from reportqa.facts.series import compare

    v = _Version({"2019.txt": ["Industrin sysselsätter ca 5 000 personer."],
                  "2021.txt": ["Industrin sysselsätter ca 5 400 personer.",
                               "Ett 15-tal företag samverkar."]})
    d = compare(v, "mal-5")
    assert (d.old_edition, d.new_edition) == ("2019", "2021")
    assert [(c.kind, c.new.fact.figure) for c in d.changes] == [("changed", "5 400"),
                                                                 ("new", "15-tal")]
    assert d.changes[0].new.page == 1 and d.changes[0].old.document == "2019.txt"
