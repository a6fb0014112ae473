"""Figures of a sentence as facts: Swedish number formats, units, what a figure measures,
and what is not a figure (years, identifiers, dates)."""

from __future__ import annotations

import pytest

from reportqa.facts.extract import sentence_facts
from reportqa.facts.numbers import find_figures
from reportqa.text.analyzer import Analyzer

A = Analyzer()


@pytest.mark.parametrize(("text", "value", "unit", "figure"), [
    ("Industrin sysselsätter ca 5 400 personer.", 5400, "", "5 400"),
    ("Industrin sysselsätter ca 5\u00a0400 personer.", 5400, "", "5\u00a0400"),
    ("Branschen omsatte drygt 5,3 miljarder kronor.", 5.3e9, "kronor", "5,3 miljarder kronor"),
    ("Branschen omsätter nästan fem miljarder kronor.", 5e9, "kronor", "fem miljarder kronor"),
    ("Andelen är 81,2 procent.", 81.2, "procent", "81,2 procent"),
    ("Mer än 90 % av kunderna finns utanför länet.", 90, "procent", "90 %"),
    ("Klustret samverkar med ett 25-tal besöksdestinationer.", 25, "", "25-tal"),
    ("Där huserar ca 80+ företag.", 80, "", "80+"),
    ("Programmet fick 14 miljoner kronor.", 14e6, "kronor", "14 miljoner kronor"),
    ("Budgeten är 450 mkr.", 450e6, "kronor", "450 mkr"),
    ("Vindkraften gav 3 100 GWh.", 3.1e9, "kWh", "3 100 GWh"),
    ("Regionen har sju vårdcentraler.", 7, "", "sju"),
    ("Omsättningen minskade med en fjärdedel.", 25, "andel", "fjärdedel"),
])
def test_a_figure_is_read_with_its_value_and_unit(text, value, unit, figure):
    figs = find_figures(text)
    assert len(figs) == 1, figs
    assert figs[0].value == pytest.approx(value) and figs[0].unit == unit
    assert figs[0].text == figure


@pytest.mark.parametrize("text", [
    "Under 2017 presenterade kommittén sitt betänkande.",
    "Betänkandet SOU:2017:1 föreslog utlokalisering.",
    "Enligt SOU 2015:86 ska klyftorna slutas.",
    "Mål 5 följs upp vartannat år.",
    "Mötet hölls den 3 mars.",
    "Vägen E14 går genom länet.",
    "Det är en viktig fråga och ett stort ansvar.",
])
def test_years_identifiers_dates_and_articles_are_not_figures(text):
    assert find_figures(text) == []


def test_two_figures_of_one_sentence_keep_their_order_and_phrases():
    facts = sentence_facts("Av beståndet är 38,5 procent hyresrätter och 24,2 procent "
                           "bostadsrätter.", A)
    assert [f.position for f in facts] == [0, 1]
    assert [f.value for f in facts] == [38.5, 24.2]
    assert facts[0].near != facts[1].near


@pytest.mark.parametrize(("text", "measure"), [
    ("Industrin sysselsätter ca 5 400 personer inom olika industrinäringar.",
     "personer inom olika industrinäringar"),
    ("Mer än 90 % av industrins kunder finns utanför länet.", "av industrins kunder finns"),
    ("Andelen dagliga rökare är 9 %.", "Andelen dagliga rökare är"),
    ("Branschen omsatte drygt 5,3 miljarder kronor och genererade 7 000 årsarbeten.",
     "Branschen omsatte"),
])
def test_what_a_figure_measures_is_the_phrase_it_is_bound_to(text, measure):
    assert sentence_facts(text, A)[0].measure == measure


def test_measures_are_normalised_by_the_analyzer():
    a = sentence_facts("Här finns 40 byggföretag.", A)[0]
    b = sentence_facts("Här finns 45 företag inom bygg.", A)[0]
    assert "företag" in a.terms and "företag" in b.terms  # compound part of byggföretag
