"""Shared fixtures: a built index of the first report, and an Engine over it (built once)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.helpers import ARTIFACTS, REPORT, make_settings

from reportqa.config import Settings


@pytest.fixture(scope="session")
def embedder():
    """The bundled model, loaded once per test session."""
    from reportqa.model.embedder import Embedder

    return Embedder()


@pytest.fixture(scope="session")
def report_settings(tmp_path_factory, embedder) -> Settings:
    """Settings whose corpus holds the first report and whose index is built."""
    from reportqa.index.build import build_index

    tmp = tmp_path_factory.mktemp("report")
    s = make_settings(tmp)
    shutil.copy(REPORT, s.corpus_dir / REPORT.name)
    build_index(s, embedder_factory=lambda: embedder)
    return s


@pytest.fixture(scope="session")
def engine(report_settings, embedder):
    from reportqa.engine import Engine

    return Engine.load(report_settings, embedder=embedder)


@pytest.fixture(scope="session")
def pg_server():
    """One embedded PostgreSQL for the session (stopped and removed at the end); fails if it
    cannot run."""
    from support.postgres import remove_data, start_server

    pg = start_server()
    yield pg
    pg.stop("immediate")
    remove_data(pg)


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS



#: Each test folder is one kind of test; the folder name is its mark (`-m unit`, `-m e2e`).
KINDS = ("unit", "integration", "e2e", "quality")


def pytest_collection_modifyitems(config, items):
    for item in items:
        kind = Path(str(item.fspath)).parent.name
        if kind in KINDS:
            item.add_marker(getattr(pytest.mark, kind))
