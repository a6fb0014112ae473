"""Shared fixtures: a built index of the first report, and an Engine over it (built once)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reportqa.config import Settings

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "corpus" / "region-jamtland-harjedalen_laget-i-lanet_mal-5-fler-kluster.txt"
ARTIFACTS = ROOT / "tests" / "artifacts"

os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def embedder():
    """The bundled model, loaded once per test session."""
    from reportqa.embedder import Embedder

    return Embedder()


def make_settings(tmp: Path, **kw) -> Settings:
    corpus = tmp / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    return Settings(corpus_dir=corpus, index_dir=tmp / "index", _env_file=None, **kw)


@pytest.fixture(scope="session")
def report_settings(tmp_path_factory, embedder) -> Settings:
    """Settings whose corpus holds the first report and whose index is built."""
    from reportqa.indexer import build_index

    tmp = tmp_path_factory.mktemp("report")
    s = make_settings(tmp)
    shutil.copy(REPORT, s.corpus_dir / REPORT.name)
    build_index(s, embedder_factory=lambda: embedder)
    return s


@pytest.fixture(scope="session")
def engine(report_settings, embedder):
    from reportqa.engine import Engine

    return Engine.load(report_settings, embedder=embedder)


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
