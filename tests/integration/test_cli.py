"""The `reportqa` command as a user runs it: exit codes and one-line errors."""

from __future__ import annotations

import json

import pytest
from support.fixtures_docs import make_txt
from support.helpers import make_settings, run_cli

run = run_cli


def _one_line_error(p) -> str:
    assert p.returncode != 0
    assert "Traceback" not in p.stderr
    lines = [ln for ln in p.stderr.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1, p.stderr
    return lines[0]


def test_ask_without_index(tmp_path):
    p = run("ask", "Hur många?", env_extra={"REPORTQA_INDEX_DIR": str(tmp_path / "nix")})
    assert "reportqa index build" in _one_line_error(p)


def test_build_empty_corpus(tmp_path):
    s = make_settings(tmp_path)
    p = run("index", "build", "--corpus", str(s.corpus_dir), "--index", str(s.index_dir))
    assert "no readable documents" in _one_line_error(p)


def test_eval_missing_file(report_settings):
    p = run("eval", "/nonexistent.jsonl", "--index", str(report_settings.index_dir))
    assert "does not exist" in _one_line_error(p)


def test_build_then_ask_search_info(tmp_path):
    s = make_settings(tmp_path)
    make_txt(s.corpus_dir / "vagar.txt")
    (s.corpus_dir / "bild.png").write_bytes(b"\x89PNG")
    p = run("index", "build", "--corpus", str(s.corpus_dir), "--index", str(s.index_dir))
    assert p.returncode == 0, p.stderr
    assert "2 passages from 1 documents" in p.stdout
    assert "skipped bild.png: unsupported file type .png" in p.stderr
    assert p.stderr.count("bild.png") == 1  # reported once
    # No terminal: progress comes as lines, a stage at a time (for systemd and log files).
    assert "reading documents: 0/1" in p.stderr
    assert "embedding passages: 2/2 (100 %)" in p.stderr and "done" in p.stderr
    p = run("index", "build", "--if-stale", "--corpus", str(s.corpus_dir), "--index",
            str(s.index_dir))
    assert p.returncode == 0 and "up to date" in p.stdout
    idx = ["--index", str(s.index_dir)]
    p = run("ask", "Hur långt är vägnätet?", "--json", *idx)
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["found"] and "9 000 km" in d["answer"]
    assert d["sources"][0]["document"] == "vagar.txt"
    assert d["sources"][0]["section"] == "Mål 7. Bättre vägar (i hela länet)"
    p = run("search", "underhåll kostnad", "-k", "1", *idx)
    assert p.returncode == 0 and "Underhållet kostar" in p.stdout
    p = run("index", "info", *idx)
    assert p.returncode == 0 and "vagar.txt" in p.stdout and "multilingual-e5-small" in p.stdout


@pytest.mark.parametrize("args", [["ask", "x", "--top-k", "0"], ["search", "x", "-k", "-1"],
                                  ["nosuchcommand"]])
def test_usage_errors_exit_non_zero(args, tmp_path):
    p = run(*args, env_extra={"REPORTQA_INDEX_DIR": str(tmp_path)})
    assert p.returncode == 2 and "Traceback" not in p.stderr
