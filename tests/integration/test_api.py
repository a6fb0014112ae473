"""The HTTP API in process (TestClient): schema, CORS, hooks, loading, failures, limits."""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager

import httpx
import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient
from support.http_server import isolated_copy, running_server, wait_ready

from reportqa.engine import Engine
from reportqa.limits import MAX_BODY_BYTES, QUESTION_MAX_CHARS
from reportqa.serve.http import app as api_module
from reportqa.serve.http.app import create_app
from reportqa.types import Answer

INDUSTRY = "Hur många personer sysselsätter industrin?"


class Wrapped:
    """The real engine, with `ask` replaced (to inject a failure, a decline or a wait)."""

    def __init__(self, engine: Engine, ask) -> None:
        self._engine = engine
        self.ask = ask

    def __getattr__(self, name):
        return getattr(self._engine, name)


@pytest.fixture(scope="module")
def client(report_settings, engine):
    with TestClient(create_app(report_settings, engine)) as c:
        yield c


# ---- OpenAPI -------------------------------------------------------------------------------
def test_openapi_documents_every_status_with_the_error_shape(client):
    schema = client.get("/openapi.json").json()
    expected = {
        ("post", "/ask"): {"200", "400", "404", "413", "422", "500", "503"},
        ("get", "/ask"): {"200", "404", "422", "500", "503"},
        ("get", "/search"): {"200", "404", "422", "500", "503"},
        ("get", "/documents"): {"200", "500", "503"},
        ("get", "/series"): {"200", "500", "503"},
        ("get", "/series/{id}/changes"): {"200", "404", "422", "500", "503"},
        ("get", "/readyz"): {"200", "500", "503"},
        ("get", "/healthz"): {"200", "500"},
        ("get", "/metrics"): {"200", "500"},
        ("post", "/admin/reindex"): {"202", "401", "403", "413", "429", "500", "503"},
        ("get", "/admin/reindex/{job_id}"): {"200", "401", "403", "404", "422", "429", "500",
                                             "503"},
        ("get", "/"): {"200", "500"},
        ("post", "/feedback"): {"201", "400", "404", "413", "422", "500", "503"},
        ("post", "/v1/chat/completions"): {"200", "400", "404", "413", "422", "500", "503"},
        ("get", "/v1/models"): {"200", "500"},
    }
    paths = schema["paths"]
    assert {(m, p) for p, ops in paths.items() for m in ops} == set(expected)
    for (method, path), statuses in expected.items():
        responses = paths[path][method]["responses"]
        assert set(responses) == statuses, (method, path)
        for status, resp in responses.items():
            assert "X-Request-ID" in resp["headers"]
            if int(status) >= 400:
                ref = resp["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorResponse"), (method, path, status)
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    assert paths["/admin/reindex"]["post"]["security"] == [{"APIKeyHeader": []}]


def test_openapi_has_examples_for_every_endpoint(client):
    schema = client.get("/openapi.json").json()
    components = schema["components"]["schemas"]

    def has_example(op) -> bool:
        for resp in op["responses"].values():
            for media in resp.get("content", {}).values():
                if "example" in media or "examples" in media:
                    return True
                ref = media.get("schema", {}).get("$ref", "")
                if ref and "examples" in components[ref.rsplit("/", 1)[-1]]:
                    return True
        return False

    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            assert has_example(op), f"{method} {path} has no example"
            for param in op.get("parameters", []):
                if param["required"]:
                    assert param.get("examples") or param["schema"].get("examples"), \
                        f"{method} {path} {param['name']}"
    body = schema["paths"]["/ask"]["post"]["requestBody"]["content"]["application/json"]
    assert {"swedish", "english"} <= set(body["examples"])


def test_docs_page_is_served(client):
    assert client.get("/docs").status_code == 200
    assert client.get("/redoc").status_code == 200


# ---- limits and errors ---------------------------------------------------------------------
def test_body_limit_boundary(client):
    def body_of(size: int) -> bytes:
        pad = size - len(b'{"question": ""}')
        return b'{"question": "' + b"a" * pad + b'"}'

    at_limit = client.post("/ask", content=body_of(MAX_BODY_BYTES),
                           headers={"content-type": "application/json"})
    assert at_limit.status_code == 422  # read in full: only the question is too long
    assert f"1–{QUESTION_MAX_CHARS}" in at_limit.json()["error"]["message"]
    over = client.post("/ask", content=body_of(MAX_BODY_BYTES + 1),
                       headers={"content-type": "application/json"})
    assert over.status_code == 413
    assert over.json()["error"]["code"] == "payload_too_large"


def test_question_limits_after_trimming(client):
    ok = client.post("/ask", json={"question": "  " + "a" * QUESTION_MAX_CHARS + "\n "})
    assert ok.status_code == 200
    assert client.post("/ask", json={"question": "a" * (QUESTION_MAX_CHARS + 1)}).status_code == 422
    assert client.post("/ask", json={"question": "\u3000\ufeff "}).status_code == 422


def test_whole_number_top_k(client):
    assert client.post("/ask", json={"question": INDUSTRY, "top_k": 2.0}).status_code == 200
    for bad in (2.5, "2", True, None):
        r = client.post("/ask", json={"question": INDUSTRY, "top_k": bad})
        assert r.status_code == 422, bad
        assert r.json()["error"]["details"][0]["field"] == "body.top_k"


def test_unhandled_error_is_a_500_with_the_error_shape(report_settings, engine, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    app = create_app(report_settings, Wrapped(engine, broken))
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/ask", json={"question": INDUSTRY}, headers={"X-Request-ID": "trace-42"})
    assert r.status_code == 500
    assert r.headers["x-request-id"] == "trace-42"
    err = r.json()["error"]
    assert err["code"] == "internal_error" and err["request_id"] == "trace-42"
    assert "boom" not in r.text  # no internals to the client
    assert any("trace-42" in rec.getMessage() for rec in caplog.records)


def test_declined_answer_is_null_and_counted(report_settings, engine):
    def decline(question, top_k=3, document=None, history=(), series=None):
        return Answer(question, None, 0.1, [], "en")

    app = create_app(report_settings, Wrapped(engine, decline))
    with TestClient(app) as c:
        body = c.get("/ask", params={"q": "What is the price of a cinema ticket?"}).json()
        assert body["found"] is False and body["answer"] is None
        metrics = c.get("/metrics").text
    assert 'reportqa_answers_total{outcome="declined"} 1.0' in metrics
    assert 'reportqa_answers_total{outcome="answered"} 0.0' in metrics


# ---- CORS ----------------------------------------------------------------------------------
def test_cors_is_off_by_default(client):
    r = client.get("/healthz", headers={"Origin": "https://intranet.example"})
    assert "access-control-allow-origin" not in r.headers
    pre = client.options("/ask", headers={"Origin": "https://intranet.example",
                                          "Access-Control-Request-Method": "POST"})
    assert pre.status_code == 405


def test_cors_allows_the_configured_origins(report_settings, engine):
    s = report_settings.model_copy(update={"cors_origins": "https://intranet.example, "
                                                           "https://other.example"})
    with TestClient(create_app(s, engine)) as c:
        pre = c.options("/ask", headers={"Origin": "https://intranet.example",
                                         "Access-Control-Request-Method": "POST",
                                         "Access-Control-Request-Headers": "content-type"})
        assert pre.status_code == 200
        assert pre.headers["access-control-allow-origin"] == "https://intranet.example"
        r = c.get("/healthz", headers={"Origin": "https://other.example"})
        assert r.headers["access-control-allow-origin"] == "https://other.example"
        assert "x-request-id" in r.headers["access-control-expose-headers"].lower()
        stranger = c.get("/healthz", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in stranger.headers


# ---- lifespan: hooks, routers, loading -----------------------------------------------------
def test_hooks_enter_after_the_engine_and_exit_on_shutdown(report_settings, engine):
    events: list[str] = []

    def hook(name):
        @asynccontextmanager
        async def cm(app):
            events.append(f"enter {name} engine={app.state.engine is not None}")
            yield
            events.append(f"exit {name}")
        return cm

    @asynccontextmanager
    async def failing(app):
        raise RuntimeError("bot token rejected")
        yield

    router = APIRouter()

    @router.post("/telegram/webhook", include_in_schema=False)
    async def webhook() -> dict:
        return {"ok": True}

    app = create_app(report_settings, engine, routers=[router],
                     lifespan_hooks=[hook("a"), failing, hook("b")])
    with TestClient(app) as c:
        wait = c.get("/readyz")
        assert c.post("/telegram/webhook").json() == {"ok": True}
        for _ in range(200):  # the hooks run in the background task
            if len(events) >= 2:
                break
            threading.Event().wait(0.01)
        ready = c.get("/readyz").json()
    assert wait.status_code == 200
    assert events == ["enter a engine=True", "enter b engine=True", "exit b", "exit a"]
    assert any("bot token rejected" in w for w in ready["warnings"])
    assert app.state.reindex_jobs is not None


def test_not_ready_until_an_index_exists_then_ready(report_settings, embedder, tmp_path,
                                                     monkeypatch):
    """No index yet: 503 saying why; once one is built, the retry loads it without a restart."""
    s = isolated_copy(report_settings, tmp_path)
    hidden = tmp_path / "index-later"
    s.index_dir.rename(hidden)
    monkeypatch.setattr(api_module, "LOAD_RETRY_SECONDS", 0.2)
    real_load = Engine.load.__func__
    monkeypatch.setattr(api_module.Engine, "load", classmethod(
        lambda cls, settings, embedder_=None: real_load(cls, settings, embedder)))
    with running_server(create_app(s)) as base, httpx.Client(base_url=base, timeout=10) as c:
        for _ in range(100):
            r = c.get("/readyz")
            if "could not be loaded" in r.text:
                break
            threading.Event().wait(0.05)
        assert r.status_code == 503
        assert "could not be loaded" in r.json()["error"]["message"]
        assert c.get("/ask", params={"q": INDUSTRY}).status_code == 503
        hidden.rename(s.index_dir)
        assert wait_ready(base, timeout=60).status_code == 200
        assert "5 000" in c.get("/ask", params={"q": INDUSTRY}).json()["answer"]


def test_inference_does_not_block_the_event_loop(report_settings, engine):
    entered, release = threading.Event(), threading.Event()

    def slow_ask(*args, **kwargs):
        entered.set()
        release.wait(30)
        return engine.ask(*args, **kwargs)

    app = create_app(report_settings, Wrapped(engine, slow_ask))
    with running_server(app) as base, httpx.Client(base_url=base, timeout=10) as c:
        result: dict = {}
        t = threading.Thread(target=lambda: result.update(
            r=httpx.post(f"{base}/ask", json={"question": INDUSTRY}, timeout=30)))
        t.start()
        try:
            assert entered.wait(10)
            # The question is being answered in a worker thread; the loop still serves.
            assert c.get("/healthz").status_code == 200
            assert c.get("/readyz").status_code == 200
        finally:
            release.set()
            t.join(30)
    assert result["r"].status_code == 200


def test_a_question_is_answered_beside_a_lone_one_still_computing(report_settings, engine):
    """The first question runs alone (on the lone-question thread); one that arrives
    meanwhile is answered on a one-thread worker at once, not queued behind it."""
    entered, release = threading.Event(), threading.Event()
    threads_seen: list[str] = []

    def ask(question, *args, **kwargs):
        threads_seen.append(threading.current_thread().name)
        if question == "first":
            entered.set()
            release.wait(30)
        return engine.ask(INDUSTRY, *args, **kwargs)

    app = create_app(report_settings, Wrapped(engine, ask))
    with running_server(app) as base, httpx.Client(base_url=base, timeout=10) as c:
        result: dict = {}
        t = threading.Thread(target=lambda: result.update(
            r=httpx.post(f"{base}/ask", json={"question": "first"}, timeout=30)))
        t.start()
        try:
            assert entered.wait(10)
            second = c.post("/ask", json={"question": "second"})
            assert second.status_code == 200 and "5 000" in second.json()["answer"]
        finally:
            release.set()
            t.join(30)
        metrics = c.get("/metrics").text
    assert result["r"].status_code == 200
    assert threads_seen[0].startswith("reportqa-lone")
    assert threads_seen[1].startswith("reportqa-inference")
    assert "reportqa_lone_question_threads " in metrics
    assert 'reportqa_lone_question_seconds{threads="' in metrics


def test_reportqa_threads_fixes_the_count_of_lone_questions(report_settings, engine):
    settings = report_settings.model_copy(update={"threads": 1})
    with TestClient(create_app(settings, engine)) as c:
        for _ in range(4):
            assert c.get("/ask", params={"q": INDUSTRY}).status_code == 200
        metrics = c.get("/metrics").text
    assert "reportqa_lone_question_threads 1.0" in metrics
    assert 'reportqa_lone_question_seconds{threads="2"}' not in metrics
