"""Scope by report over the seven reports of eval/multi/corpus/: a question that names a goal
is answered from that report; `series` limits /ask, /search and the engine to one series
(all its editions); unknown or conflicting scopes are clear client errors."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from support.helpers import build_multi

from reportqa.errors import ReportQAError, UnknownSeriesError

GOAL2 = "region-jamtland-harjedalen_laget-i-lanet_mal-2-fler-vaxande-foretag.txt"
GOAL6 = "region-jamtland-harjedalen_laget-i-lanet_mal-6-en-hallbar-besoksnaring.txt"
GOAL5 = ("region-jamtland-harjedalen_laget-i-lanet_mal-5-fler-kluster.txt",
         "region-jamtland-harjedalen_laget-i-lanet_mal-5-fler-kluster_2021.txt")


@pytest.fixture(scope="module")
def scoped(tmp_path_factory, embedder):
    return build_multi(tmp_path_factory.mktemp("scope"), embedder)


def docs(answer) -> set[str]:
    return {s.document for s in answer.sources}


def test_a_question_naming_a_goal_is_answered_from_that_report(scoped):
    _, eng = scoped
    plain = eng.ask("Hur många företag finns det?")
    named = eng.ask("Hur många företag finns det i mål 6?")
    assert docs(named) == {GOAL6}, named.sources
    assert docs(plain) != {GOAL6}  # without the goal the best passage is elsewhere
    # the goal's words are not searched for: the same answer as the series filter gives
    assert named.text == eng.ask("Hur många företag finns det?", series="mal-6").text


def test_the_series_filter_keeps_every_edition_and_prefers_the_newest(scoped):
    _, eng = scoped
    ans = eng.ask("Hur många sysselsatta finns inom besöksnäringen?", series="mal-5")
    assert docs(ans) <= set(GOAL5)
    assert ans.sources and ans.sources[0].document == GOAL5[1]  # 2021 is the newest
    hits = eng.search("företag", 20, series="mal-5")
    assert hits and {h.passage.doc for h in hits} <= set(GOAL5)
    assert {h.passage.doc for h in hits} == set(GOAL5)  # both editions searched


def test_unknown_or_conflicting_scopes_are_errors_that_say_what_exists(scoped):
    _, eng = scoped
    with pytest.raises(UnknownSeriesError, match="laget-i-lanet-mal-2"):
        eng.ask("Hur många företag finns?", series="mal-9")
    with pytest.raises(UnknownSeriesError, match="several series"):
        eng.ask("Hur många företag finns?", series="laget")
    with pytest.raises(ReportQAError, match="is not in the series"):
        eng.ask("Hur många företag finns?", series="mal-6", document=GOAL2)
    both = eng.ask("Hur många aktiva företag finns?", series="mal-2", document=GOAL2)
    assert docs(both) == {GOAL2}


def test_http_series_filter(scoped):
    from reportqa.serve.http.app import create_app

    settings, eng = scoped
    with TestClient(create_app(settings, eng)) as c:
        r = c.post("/ask", json={"question": "Hur många aktiva företag finns?",
                                 "series": "mal-2"})
        assert r.status_code == 200, r.text
        assert {s["document"] for s in r.json()["sources"]} == {GOAL2}
        r = c.get("/ask", params={"q": "Hur många aktiva företag finns?", "series": "mal-2"})
        assert r.status_code == 200 and r.json()["sources"][0]["document"] == GOAL2
        r = c.get("/search", params={"q": "företag", "series": "mal-6", "k": 10})
        assert r.status_code == 200 and {h["document"] for h in r.json()["hits"]} == {GOAL6}
        r = c.post("/ask", json={"question": "Hur många företag?", "series": "mal-9"})
        assert r.status_code == 404 and r.json()["error"]["code"] == "unknown_series"
        assert "GET /series" in r.json()["error"]["message"]
        r = c.post("/ask", json={"question": "Hur många företag?", "series": "mal-6",
                                 "document": GOAL2})
        assert r.status_code == 404 and "is not in the series" in r.json()["error"]["message"]
        r = c.post("/ask", json={"question": "Hur många företag?", "series": "mal-2",
                                 "document": GOAL2})
        assert r.status_code == 200
        r = c.post("/ask", json={"question": "Hur många företag?", "series": ""})
        assert r.status_code == 422
        r = c.post("/ask", json={"question": "Hur många företag?", "series": "x" * 301})
        assert r.status_code == 422
