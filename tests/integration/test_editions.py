"""Each answer names the index version that produced it and each source its edition date."""

from __future__ import annotations

from fastapi.testclient import TestClient

from reportqa.serve.http.app import create_app

INDUSTRY = "Hur många personer sysselsätter industrin?"


def test_engine_answer_names_its_version_and_edition(engine):
    ans = engine.ask(INDUSTRY)
    assert ans.index_version == engine.version
    doc = engine.documents()[0]
    assert ans.sources and all(s.indexed_at == doc.indexed_at for s in ans.sources)
    assert doc.indexed_at and doc.changed_at


def test_api_sources_carry_the_edition_date(report_settings, engine):
    with TestClient(create_app(report_settings, engine)) as client:
        body = client.post("/ask", json={"question": INDUSTRY}).json()
        docs = client.get("/documents").json()
    assert body["index_version"] == engine.version
    indexed = {d["name"]: d["indexed_at"] for d in docs["documents"]}
    assert body["sources"] and all(s["indexed_at"] == indexed[s["document"]]
                                   for s in body["sources"])
