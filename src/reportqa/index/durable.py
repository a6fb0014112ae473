"""Durable file operations: fsync, atomic replace, crash-test pauses."""

from __future__ import annotations

import os
import time
from pathlib import Path


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(path: Path) -> None:
    """Flush every file and folder under `path` (and `path` itself) to disk."""
    for f in path.rglob("*"):
        if f.is_file():
            with f.open("rb") as fh:
                os.fsync(fh.fileno())
        elif f.is_dir():
            fsync_dir(f)
    fsync_dir(path)


def write_atomic(path: Path, data: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    failpoint("current")
    os.replace(tmp, path)
    fsync_dir(path.parent)


def failpoint(name: str) -> None:
    """Crash-test hook: pause here when REPORTQA_TEST_PAUSE_AT names this point.

    The process writes its pid to REPORTQA_TEST_PAUSE_FILE and waits until a file of the same
    name plus ".go" appears (or REPORTQA_TEST_PAUSE_SECONDS pass), so a test can `kill -9`
    it at exactly this point. Points: embedding, writing, publish, current, pruning.
    """
    if os.environ.get("REPORTQA_TEST_PAUSE_AT") != name:
        return
    marker = os.environ.get("REPORTQA_TEST_PAUSE_FILE")
    go = Path(f"{marker}.go") if marker else None
    if marker:
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
    deadline = time.monotonic() + float(os.environ.get("REPORTQA_TEST_PAUSE_SECONDS", "60"))
    while time.monotonic() < deadline and not (go is not None and go.exists()):
        time.sleep(0.02)
