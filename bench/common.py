"""Helpers shared by the benchmark scripts: timing, medians, resident memory, results files."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
RESULTS = OUT / "results"

sys.path.insert(0, str(BENCH))  # so that scripts can `import gen_corpus`


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    """(result, seconds) of one call."""
    t = time.perf_counter()
    r = fn()
    return r, time.perf_counter() - t


def p50(xs: list[float]) -> float:
    return statistics.median(xs)


def pct(xs: list[float], q: float) -> float:
    """The q-quantile (0..1) by nearest rank."""
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


def rss_mb(pid: int | str = "self") -> float:
    """Resident set size of a process in MiB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def save_result(name: str, data: dict[str, Any]) -> Path:
    """Write one benchmark's figures to bench/out/results/<name>.json (for plots and tables)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = {"measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"), "cpus": os.cpu_count(),
            "load_avg": os.getloadavg(), **data}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def load_results(prefix: str) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(RESULTS.glob(f"{prefix}*.json"))]


def stop_process(p: subprocess.Popen, timeout: float = 30) -> None:
    """Terminate a server started by a bench, killing it if it does not stop in time."""
    p.terminate()
    try:
        p.wait(timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
