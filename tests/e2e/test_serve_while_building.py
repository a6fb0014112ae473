"""`make run` (serve --build-if-stale): the server answers from the live version while a
stale index is rebuilt, swaps the new one in, and says what it is doing when there is none."""

from __future__ import annotations

import logging
import shutil
import threading
import time

import httpx
import pytest
from support.helpers import REPORT, build_template, copy_live, make_settings, wait_for
from support.http_server import running_server

from reportqa.engine import Engine
from reportqa.index import build as build_module
from reportqa.index.layout import IndexDir
from reportqa.serve.http import app as api_module
from reportqa.serve.http.app import create_app

QUESTION = "Hur många personer sysselsätter industrin?"
OLD, NEW = "ca 5 000 personer", "ca 5 400 personer"


@pytest.fixture(scope="module")
def template(tmp_path_factory, embedder):
    return build_template(tmp_path_factory.mktemp("serve-build"), embedder)


@pytest.fixture
def shared_model(embedder, monkeypatch):
    """The server's engine and its builds use the session's model (no second copy)."""
    real_load = Engine.load.__func__
    monkeypatch.setattr(api_module.Engine, "load", classmethod(
        lambda cls, settings, embedder_=None: real_load(cls, settings, embedder)))
    monkeypatch.setattr("reportqa.model.embedder.load_embedder",
                        lambda settings, serving=False: embedder)


def _edit(settings) -> None:
    path = settings.corpus_dir / REPORT.name
    path.write_text(path.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")


def test_a_stale_index_is_served_while_it_is_rebuilt(template, tmp_path, shared_model, caplog,
                                                     monkeypatch):
    s = copy_live(template, tmp_path)
    old = IndexDir(s.index_dir).current()
    _edit(s)
    # The build waits until the test has seen the old version served (no race with it).
    seen_old = threading.Event()
    real_build = build_module.build_index

    def gated_build(*args, **kw):
        assert seen_old.wait(60)
        return real_build(*args, **kw)

    monkeypatch.setattr(build_module, "build_index", gated_build)
    statuses: list[int] = []
    with caplog.at_level(logging.INFO, logger="reportqa"), \
            running_server(create_app(s, build_if_stale=True)) as base, \
            httpx.Client(base_url=base, timeout=30) as c:
        ready = wait_for(lambda: c.get("/readyz").status_code == 200 and c.get("/readyz"),
                         timeout=60, what="the live version served")
        first = ready.json()["index_version"]
        assert first == old and ready.json()["build"]["state"] == "running"
        assert "5 000" in c.post("/ask", json={"question": QUESTION}).json()["answer"]
        seen_old.set()
        figures = []

        def swapped() -> bool:
            r = c.post("/ask", json={"question": QUESTION})
            statuses.append(r.status_code)
            if r.status_code == 200:
                answer = r.json()["answer"] or ""
                figures.append("5 400" if "5 400" in answer else
                               "5 000" if "5 000" in answer else answer)
            return c.get("/readyz").json()["index_version"] != first

        wait_for(swapped, timeout=120, what="the rebuilt version swapped in")
        after = c.post("/ask", json={"question": QUESTION}).json()
        assert "5 400" in after["answer"]
        assert c.get("/readyz").json()["build"] is None  # finished
    assert set(statuses) == {200}, statuses  # served all along, never down
    assert set(figures) <= {"5 000", "5 400"}, figures  # the old answer or the new one
    text = caplog.text
    assert "rebuilding the index in the background (the corpus changed)" in text
    assert "now serving index version" in text
    assert f"starting: index {s.index_dir.absolute()}" in text
    assert f"ready: serving index {old}" in text
    assert "embedding passages: " in text  # the build's progress reaches the log


def test_with_no_index_it_says_it_is_building_then_serves(tmp_path, shared_model):
    s = make_settings(tmp_path)
    shutil.copy(REPORT, s.corpus_dir / REPORT.name)
    with running_server(create_app(s, build_if_stale=True)) as base, \
            httpx.Client(base_url=base, timeout=30) as c:
        r = c.post("/ask", json={"question": QUESTION})
        if r.status_code == 503:  # the build may be quick: only while it runs
            msg = r.json()["error"]["message"]
            assert "being built" in msg or "loading" in msg, msg
            assert "build one with" not in msg  # not "no index: build one" while building
        wait_for(lambda: c.get("/readyz").status_code == 200, timeout=120,
                 what="the first index served")
        assert "5 000" in c.post("/ask", json={"question": QUESTION}).json()["answer"]


def test_an_up_to_date_index_is_not_rebuilt(template, tmp_path, shared_model, caplog):
    s = copy_live(template, tmp_path)
    with caplog.at_level(logging.INFO, logger="reportqa"), \
            running_server(create_app(s, build_if_stale=True)) as base, \
            httpx.Client(base_url=base, timeout=30) as c:
        wait_for(lambda: c.get("/readyz").status_code == 200, timeout=60, what="ready")
        time.sleep(0.5)
        assert c.get("/readyz").json()["build"] is None
    assert "index is up to date" in caplog.text
    assert len(list(s.index_dir.glob("v*"))) == 1
