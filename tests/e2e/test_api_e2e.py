"""End to end: the real uvicorn server on a loopback port, queried with httpx."""

from __future__ import annotations

import json
import threading
import time

import httpx
import pytest
from pydantic import SecretStr
from support.http_server import isolated_copy, running_server, wait_ready

from reportqa.engine import Engine
from reportqa.serve.http import app as api_module
from reportqa.serve.http.app import create_app

ADMIN_KEY = "e2e-admin-key-0123456789"
INDUSTRY = "Hur många personer sysselsätter industrin?"


@pytest.fixture(scope="module")
def e2e_settings(report_settings, embedder, tmp_path_factory):
    return isolated_copy(report_settings, tmp_path_factory.mktemp("e2e"),
                         admin_api_key=SecretStr(ADMIN_KEY))


@pytest.fixture(scope="module")
def gated_load(embedder):
    session_model = embedder
    """Engine.load that waits for a gate (to see /readyz before loading) and reuses the
    session's model instead of loading another copy."""
    gate = threading.Event()
    real_load = Engine.load.__func__

    def load(cls, settings, embedder=None):
        if not gate.wait(60):
            raise RuntimeError("test gate never opened")
        return real_load(cls, settings, embedder or session_model)

    mp = pytest.MonkeyPatch()
    mp.setattr(api_module.Engine, "load", classmethod(load))
    yield gate
    mp.undo()


@pytest.fixture(scope="module")
def server(e2e_settings, gated_load):
    """The server, started with the engine still loading; yields (base URL, readiness log)."""
    app = create_app(e2e_settings)
    with running_server(app) as base:
        log = {}
        with httpx.Client(base_url=base, timeout=10) as c:
            log["healthz_before"] = c.get("/healthz")
            log["readyz_before"] = c.get("/readyz")
            log["ask_before"] = c.post("/ask", json={"question": INDUSTRY})
        gated_load.set()
        log["readyz_after"] = wait_ready(base)
        yield base, log


@pytest.fixture
def client(server):
    base, _ = server
    with httpx.Client(base_url=base, timeout=60) as c:
        yield c


def test_readyz_503_while_loading_then_200(server, e2e_settings):
    _, log = server
    assert log["healthz_before"].status_code == 200
    before = log["readyz_before"]
    assert before.status_code == 503
    assert before.json()["error"]["code"] == "not_ready"
    assert before.headers["retry-after"]
    assert log["ask_before"].status_code == 503
    after = log["readyz_after"]
    assert after.status_code == 200
    body = after.json()
    assert body["status"] == "ready"
    assert body["index_version"] == (e2e_settings.index_dir / "CURRENT").read_text().strip()
    assert body["passages"] > 0 and body["documents"] == 1


def test_industry_question_post(client):
    r = client.post("/ask", json={"question": INDUSTRY})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["found"] is True
    assert "5 000" in body["answer"]
    src = body["sources"][0]
    assert src["section"].startswith("Mål 5. Fler kluster")
    assert src["sentence"] in src["text"] and "5 000" in src["sentence"]
    assert body["index_version"] and body["model"] and body["took_ms"] > 0
    assert r.headers["x-request-id"]


def test_industry_question_get(client):
    r = client.get("/ask", params={"q": INDUSTRY, "top_k": 1})
    assert r.status_code == 200, r.text
    assert "5 000" in r.json()["answer"]
    assert len(r.json()["sources"]) == 1


def test_search_and_documents(client):
    r = client.get("/search", params={"q": "industrin sysselsätter personer", "k": 3})
    assert r.status_code == 200, r.text
    hits = r.json()["hits"]
    assert 1 <= len(hits) <= 3
    assert any("5 000" in h["text"] for h in hits)
    assert hits == sorted(hits, key=lambda h: -h["score"])
    docs = client.get("/documents").json()
    assert [d["name"] for d in docs["documents"]] == [
        "region-jamtland-harjedalen_laget-i-lanet_mal-5-fler-kluster.txt"]
    d = docs["documents"][0]
    assert len(d["sha256"]) == 64 and d["passages"] == docs["passages"] > 0


def _chunks(total: int, size: int = 8192):
    sent = 0
    while sent < total:
        n = min(size, total - sent)
        sent += n
        yield b" " * n


BAD_INPUTS = [
    # (id, method, path, request kwargs, status, words the message must contain)
    ("empty question", "POST", "/ask", {"json": {"question": ""}}, 422, "1–1000 characters"),
    ("blank question", "POST", "/ask", {"json": {"question": " \n\t "}}, 422, "after trimming"),
    ("question too long", "POST", "/ask", {"json": {"question": "å" * 1001}}, 422, "got 1001"),
    ("question missing", "POST", "/ask", {"json": {"top_k": 3}}, 422, "question"),
    ("question not a string", "POST", "/ask", {"json": {"question": 42}}, 422, "question"),
    ("top_k 0", "POST", "/ask", {"json": {"question": "industrin", "top_k": 0}}, 422, "top_k"),
    ("top_k 21", "POST", "/ask", {"json": {"question": "industrin", "top_k": 21}}, 422, "top_k"),
    ("top_k string", "POST", "/ask", {"json": {"question": "industrin", "top_k": "3"}}, 422,
     "top_k"),
    ("unknown field", "POST", "/ask", {"json": {"question": "industrin", "topk": 3}}, 422,
     "unknown field"),
    ("body not an object", "POST", "/ask", {"json": ["industrin"]}, 422, "JSON object"),
    ("malformed JSON", "POST", "/ask",
     {"content": b'{"question": "industrin",', "headers": {"content-type": "application/json"}},
     400, "not valid JSON"),
    ("not UTF-8", "POST", "/ask",
     {"content": b'{"question": "\xff\xfe"}', "headers": {"content-type": "application/json"}},
     400, "not valid JSON"),
    ("lone surrogate", "POST", "/ask",
     {"content": b'{"question": "\\ud800 industrin"}',
      "headers": {"content-type": "application/json"}}, 422, "not valid Unicode"),
    ("form body", "POST", "/ask",
     {"content": b"question=industrin",
      "headers": {"content-type": "application/x-www-form-urlencoded"}}, 422, "JSON object"),
    ("body over 192 KiB", "POST", "/ask",
     {"content": json.dumps({"question": "x" * 200_000}).encode(),
      "headers": {"content-type": "application/json"}}, 413, "192 KiB"),
    ("chunked body over 192 KiB", "POST", "/ask",
     {"content": _chunks, "headers": {"content-type": "application/json"}}, 413, "192 KiB"),
    ("unknown document", "POST", "/ask", {"json": {"question": "industrin", "document": "x.pdf"}},
     404, "no document named"),
    ("GET without q", "GET", "/ask", {}, 422, "query.q"),
    ("GET blank q", "GET", "/ask", {"params": {"q": "   "}}, 422, "after trimming"),
    ("GET q too long", "GET", "/ask", {"params": {"q": "a" * 1001}}, 422, "1–1000"),
    ("GET top_k not a number", "GET", "/ask", {"params": {"q": "industrin", "top_k": "many"}},
     422, "top_k"),
    ("search k 0", "GET", "/search", {"params": {"q": "industrin", "k": 0}}, 422, "query.k"),
    ("search k 51", "GET", "/search", {"params": {"q": "industrin", "k": 51}}, 422, "query.k"),
    ("search unknown document", "GET", "/search", {"params": {"q": "x", "document": "nope"}},
     404, "no document named"),
    ("unknown path", "GET", "/nope", {}, 404, "no such endpoint"),
    ("wrong method", "DELETE", "/ask", {}, 405, "not allowed"),
    ("PUT on documents", "PUT", "/documents", {}, 405, "not allowed"),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "status", "words"),
                         [pytest.param(*b[1:], id=b[0]) for b in BAD_INPUTS])
def test_bad_input_gets_its_4xx(client, method, path, kwargs, status, words):
    if callable(kwargs.get("content")):
        kwargs = {**kwargs, "content": kwargs["content"](200_000)}
    r = client.request(method, path, **kwargs)
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert err["status"] == status
    assert words in err["message"], err
    assert err["request_id"] == r.headers["x-request-id"]


def test_wrong_method_lists_every_allowed_method(client):
    r = client.delete("/ask")
    assert r.status_code == 405
    assert set(r.headers["allow"].replace(" ", "").split(",")) >= {"GET", "POST"}


def test_request_id_echoed_when_sane(client):
    assert client.get("/healthz", headers={"X-Request-ID": "abc-123.4"}).headers[
        "x-request-id"] == "abc-123.4"
    fresh = client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    assert fresh.headers["x-request-id"] != "bad id\twith spaces"
    assert len(fresh.headers["x-request-id"]) == 32
    too_long = client.get("/healthz", headers={"X-Request-ID": "a" * 200})
    assert too_long.headers["x-request-id"] != "a" * 200


def test_admin_auth(client, e2e_settings):
    assert client.post("/admin/reindex").status_code == 401
    wrong = client.post("/admin/reindex", headers={"X-API-Key": "wrong"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthorized"
    assert client.get("/admin/reindex/abc", headers={"X-API-Key": ADMIN_KEY[:-1]}
                      ).status_code == 401
    unknown = client.get("/admin/reindex/abc", headers={"X-API-Key": ADMIN_KEY})
    assert unknown.status_code == 404


def test_admin_reindex_runs_and_swaps(client, e2e_settings):
    before = client.get("/readyz").json()["index_version"]
    (e2e_settings.corpus_dir / "extra.md").write_text(
        "# Fjällturism\n\nFjällstationen i Storulvån tar emot 12 345 besökare varje vinter.\n",
        encoding="utf-8")
    r = client.post("/admin/reindex", headers={"X-API-Key": ADMIN_KEY})
    assert r.status_code == 202, r.text
    job = r.json()
    assert job["state"] in ("queued", "running", "succeeded")
    deadline = time.monotonic() + 120
    while job["state"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.1)
        job = client.get(f"/admin/reindex/{job['id']}", headers={"X-API-Key": ADMIN_KEY}).json()
    assert job["state"] == "succeeded", job
    ready = client.get("/readyz").json()
    assert ready["index_version"] == job["version"] != before
    assert ready["documents"] == 2
    ans = client.get("/ask", params={"q": "Hur många besökare tar fjällstationen emot?"}).json()
    assert "12 345" in (ans["answer"] or ""), ans


def test_admin_disabled_without_key(engine, report_settings):
    app = create_app(report_settings.model_copy(update={"admin_api_key": None}), engine)
    with running_server(app) as base, httpx.Client(base_url=base, timeout=10) as c:
        r = c.post("/admin/reindex", headers={"X-API-Key": "anything"})
        assert r.status_code == 403
        assert "REPORTQA_ADMIN_API_KEY" in r.json()["error"]["message"]
        assert c.get("/admin/reindex/x").status_code == 403


def test_metrics_count_requests_and_answers(client):
    client.post("/ask", json={"question": INDUSTRY})
    client.get("/nope")
    text = client.get("/metrics").text
    assert 'reportqa_http_requests_total{endpoint="/ask",method="POST",status="200"}' in text
    assert 'endpoint="unmatched",method="GET",status="404"' in text
    assert "reportqa_http_request_duration_seconds_bucket" in text
    answered = [ln for ln in text.splitlines()
                if ln.startswith('reportqa_answers_total{outcome="answered"}')]
    assert answered and float(answered[0].split()[-1]) >= 1
    assert "reportqa_index_passages " in text and "reportqa_index_info{" in text


def test_chat_page_and_docs_are_served_without_cdn(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Fråga rapporten" in page.text and "http" not in page.text.split("<script>")[0]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower()
    for url in ("/static-offline-docs/swagger-ui-bundle.js",
                "/static-offline-docs/swagger-ui.css"):
        assert client.get(url).status_code == 200
