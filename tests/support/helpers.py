"""Helpers shared by the tests: settings in a temp folder, a built template, polling."""


from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from reportqa.config import Settings

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "corpus" / "region-jamtland-harjedalen_laget-i-lanet_mal-5-fler-kluster.txt"
ARTIFACTS = ROOT / "tests" / "artifacts"

os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

#: The `reportqa` command of the environment running the tests.
REPORTQA_BIN = Path(sys.executable).parent / "reportqa"


def run_cli(*args: str, env_extra: dict | None = None, cwd: Path | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run `reportqa ARGS` as a user does (a process of its own); stdout and stderr kept."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", **(env_extra or {})}
    return subprocess.run([str(REPORTQA_BIN), *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=timeout)


def make_settings(tmp: Path, **kw) -> Settings:
    corpus = tmp / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    kw.setdefault("feedback_path", tmp / "feedback" / "feedback.sqlite3")
    return Settings(corpus_dir=corpus, index_dir=tmp / "index", _env_file=None, **kw)


def wait_for(cond, timeout: float = 30.0, what: str = "condition"):
    """Poll until cond() is truthy (a deadline against hangs, not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = cond()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


class CountingEmbedder:
    """The real model, counting the passages it embeds; optionally dying after fail_after."""

    def __init__(self, inner, fail_after: int | None = None):
        self.inner, self.dim, self.count, self.fail_after = inner, inner.dim, 0, fail_after

    def encode_passages(self, texts, on_batch=None):
        if self.fail_after is not None and self.count + len(texts) > self.fail_after:
            raise KeyboardInterrupt("build killed midway")
        self.count += len(texts)
        return self.inner.encode_passages(texts, on_batch)

    def encode_query(self, text):
        return self.inner.encode_query(text)


def build_template(tmp: Path, embedder, *extra_docs) -> Settings:
    """The report (plus documents written by `extra_docs(path)` makers) with a built index."""
    from reportqa.index.build import build_index

    s = make_settings(tmp)
    shutil.copy(REPORT, s.corpus_dir / REPORT.name)
    for make in extra_docs:
        make(s.corpus_dir)
    build_index(s, embedder_factory=lambda: embedder)
    return s


#: The seven reports of the multi-report question sets (five sibling goals, two editions of
#: the first report).
MULTI_CORPUS = ROOT / "eval" / "multi" / "corpus"


def build_multi(tmp: Path, embedder):
    """(settings, loaded Engine) of an index of the seven reports of MULTI_CORPUS."""
    from reportqa.engine import Engine
    from reportqa.index.build import build_index

    s = make_settings(tmp)
    for path in sorted(MULTI_CORPUS.glob("*.txt")):
        shutil.copy(path, s.corpus_dir / path.name)
    build_index(s, embedder_factory=lambda: embedder)
    return s, Engine.load(s, embedder=embedder)


#: The real pair of editions of the first report (the original and 2021) in MULTI_CORPUS.
REAL_OLD = "region-jamtland-harjedalen_laget-i-lanet_mal-5-fler-kluster.txt"
REAL_NEW = "region-jamtland-harjedalen_laget-i-lanet_mal-5-fler-kluster_2021.txt"


def build_series(tmp: Path, embedder):
    """(settings, truth, loaded Engine) of an index of the generated series corpus
    (support/series_corpus.py) with the real pair of editions beside it."""
    from reportqa.engine import Engine
    from reportqa.index.build import build_index
    from support.series_corpus import write_series_corpus

    s = make_settings(tmp)
    truth = write_series_corpus(s.corpus_dir)
    for name in (REAL_OLD, REAL_NEW):
        shutil.copy(MULTI_CORPUS / name, s.corpus_dir / name)
    build_index(s, embedder_factory=lambda: embedder)
    return s, truth, Engine.load(s, embedder=embedder)


def copy_live(template: Settings, tmp: Path) -> Settings:
    """A private copy of a template's corpus and index, for a test that changes them."""
    s = make_settings(tmp)
    shutil.copytree(template.corpus_dir, s.corpus_dir, dirs_exist_ok=True)
    shutil.copytree(template.index_dir, s.index_dir)
    return s

