"""Questions under load while the index is rebuilt and swapped: failures and p99 latency.

    .venv/bin/python bench/swap_load_bench.py                 # 16 clients, 30 s, 2 rebuilds
    .venv/bin/python bench/swap_load_bench.py --cli-builds --seconds 90   # builds load the model

Starts the real server (`reportqa serve`, a separate process, loopback only) over a copy of
the first report, lets N clients POST /ask in a loop, and meanwhile edits the report's
industry figure and rebuilds twice (in this process with the model loaded once, or with
`--cli-builds` as `reportqa index build` subprocesses). The server notices each new CURRENT
and swaps it in. Prints failed requests, p50/p99 overall, p99 during each rebuild (build
start → first answer from the new version) and during each swap (CURRENT replaced → one
second after the first answer from the new version).

tests/test_load_swap.py runs the same driver and asserts zero failed requests.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
REPORT = ROOT / "corpus" / "region-jamtland-harjedalen_laget-i-lanet_mal-5-fler-kluster.txt"
BIN = Path(sys.executable).parent / "reportqa"

QUESTIONS = [
    "Hur många personer sysselsätter industrin?",
    "Hur mycket omsätter turismbranschen?",
    "Hur många anställda har myndigheterna i Jämtlands län?",
    "Vad är Grönt Center?",
    "How many people work in manufacturing?",
]
FIGURES = ["ca 5 000 personer", "ca 5 400 personer", "ca 5 800 personer"]


@dataclass
class Call:
    start: float
    end: float
    status: int  # 0 = no HTTP response (connection error, timeout)
    version: str = ""
    answer: str = ""
    question: str = ""


@dataclass
class Rebuild:
    start: float
    published: float
    version: str
    first_served: float | None = None


@dataclass
class LoadResult:
    calls: list[Call] = field(default_factory=list)
    rebuilds: list[Rebuild] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[Call]:
        return [c for c in self.calls if c.status != 200]

    def _ms(self, sel: list[Call]) -> np.ndarray:
        return np.array([(c.end - c.start) * 1000 for c in sel]) if sel else np.zeros(1)

    def in_window(self, lo: float, hi: float) -> list[Call]:
        """Calls that overlap [lo, hi]."""
        return [c for c in self.calls if c.end >= lo and c.start <= hi]

    def figures(self) -> dict:
        all_ms = self._ms(self.calls)
        out = {"requests": len(self.calls), "failed": len(self.failed),
               "p50_ms": float(np.percentile(all_ms, 50)),
               "p99_ms": float(np.percentile(all_ms, 99)), "max_ms": float(all_ms.max()),
               "rebuilds": []}
        quiet = list(self.calls)
        for r in self.rebuilds:
            served = r.first_served or r.published
            build = self.in_window(r.start, served)
            swap = self.in_window(r.published, served + 1.0)
            quiet = [c for c in quiet if not (c.end >= r.start and c.start <= served + 1.0)]
            out["rebuilds"].append({
                "version": r.version, "build_s": round(r.published - r.start, 2),
                "swap_s": round(served - r.published, 2) if r.first_served else None,
                "requests_during_build": len(build),
                "p99_during_build_ms": float(np.percentile(self._ms(build), 99)),
                "requests_during_swap": len(swap),
                "p99_during_swap_ms": float(np.percentile(self._ms(swap), 99)),
                "max_during_swap_ms": float(self._ms(swap).max()),
            })
        out["p99_outside_rebuilds_ms"] = float(np.percentile(self._ms(quiet), 99))
        return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(corpus: Path, index: Path, port: int, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "NO_PROXY": "127.0.0.1,localhost"}
    log = log_path.open("w")
    return subprocess.Popen(
        [str(BIN), "serve", "--host", "127.0.0.1", "--port", str(port), "--corpus", str(corpus),
         "--index", str(index)], env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 180) -> dict:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        try:
            r = httpx.get(f"{base}/readyz", timeout=5)
            if r.status_code == 200:
                return r.json()
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError("the server did not become ready")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def run_load(base: str, seconds: float, clients: int,
             rebuild: Callable[[int], str], rebuilds: int = 2,
             current_file: Path | None = None) -> LoadResult:
    """`clients` threads POST /ask until `seconds` pass; `rebuild(i)` runs `rebuilds` times,
    spread over the run, each returning the new version id once it is published. With
    `current_file` (index/CURRENT), the publish time is its modification time."""
    import httpx

    res = LoadResult()
    lock = threading.Lock()
    stop = threading.Event()
    t_start = time.perf_counter()
    t_end = t_start + seconds

    def client(n: int) -> None:
        i = n
        with httpx.Client(base_url=base, timeout=60) as http:
            while not stop.is_set() and time.perf_counter() < t_end:
                q = QUESTIONS[i % len(QUESTIONS)]
                i += 1
                t0 = time.perf_counter()
                try:
                    r = http.post("/ask", json={"question": q})
                    body = r.json() if r.status_code == 200 else {}
                    call = Call(t0, time.perf_counter(), r.status_code,
                                body.get("index_version", ""), body.get("answer") or "", q)
                except (httpx.HTTPError, ValueError) as exc:
                    call = Call(t0, time.perf_counter(), 0, question=q)
                    with lock:
                        res.errors.append(repr(exc))
                with lock:
                    res.calls.append(call)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for t in threads:
        t.start()
    try:
        gap = seconds / (rebuilds + 1)
        for k in range(rebuilds):
            time.sleep(max(0.0, t_start + gap * (k + 0.5) - time.perf_counter()))
            t0 = time.perf_counter()
            version = rebuild(k)
            published = time.perf_counter()
            if current_file is not None:  # a build process exits a little after publishing
                published -= max(0.0, time.time() - current_file.stat().st_mtime)
            rb = Rebuild(t0, published, version)
            res.rebuilds.append(rb)
            deadline = time.perf_counter() + 30
            while time.perf_counter() < deadline and rb.first_served is None:
                with lock:
                    served = [c.end for c in res.calls if c.version == version]
                if served:
                    rb.first_served = min(served)
                time.sleep(0.05)
    except BaseException:
        stop.set()
        raise
    finally:
        for t in threads:
            t.join(seconds + 60)
    return res


def edit_figure(corpus_file: Path, k: int) -> None:
    text = corpus_file.read_text(encoding="utf-8")
    corpus_file.write_text(text.replace(FIGURES[k], FIGURES[k + 1]), encoding="utf-8")


def in_process_rebuilder(settings, embedder, corpus_file: Path) -> Callable[[int], str]:
    from reportqa.index.build import build_index

    def rebuild(k: int) -> str:
        edit_figure(corpus_file, k)
        return build_index(settings, embedder_factory=lambda: embedder).version

    return rebuild


def cli_rebuilder(corpus: Path, index: Path, corpus_file: Path) -> Callable[[int], str]:
    def rebuild(k: int) -> str:
        edit_figure(corpus_file, k)
        p = subprocess.run([str(BIN), "index", "build", "-q", "--corpus", str(corpus),
                            "--index", str(index)], capture_output=True, text=True,
                           env={**os.environ, "HF_HUB_OFFLINE": "1"}, timeout=600)
        if p.returncode != 0:
            raise RuntimeError(f"rebuild failed: {p.stderr}")
        return (index / "CURRENT").read_text().strip()

    return rebuild


def report(fig: dict, clients: int, seconds: float) -> str:
    lines = [f"{clients} clients, {seconds:g} s: {fig['requests']} requests, "
             f"{fig['failed']} failed; p50 {fig['p50_ms']:.0f} ms, p99 {fig['p99_ms']:.0f} ms, "
             f"max {fig['max_ms']:.0f} ms; p99 outside rebuilds "
             f"{fig['p99_outside_rebuilds_ms']:.0f} ms"]
    for i, r in enumerate(fig["rebuilds"], start=1):
        lines.append(
            f"rebuild {i}: built in {r['build_s']:.1f} s, served {r['swap_s']} s after "
            f"CURRENT changed; p99 during the build {r['p99_during_build_ms']:.0f} ms "
            f"({r['requests_during_build']} requests), during the swap "
            f"{r['p99_during_swap_ms']:.0f} ms (max {r['max_during_swap_ms']:.0f} ms, "
            f"{r['requests_during_swap']} requests)")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--cli-builds", action="store_true",
                    help="rebuild with `reportqa index build` subprocesses")
    args = ap.parse_args()

    from reportqa.config import Settings
    from reportqa.index.build import build_index
    from reportqa.model.embedder import Embedder

    work = Path(tempfile.mkdtemp(prefix="swap-bench-"))
    corpus, index = work / "corpus", work / "index"
    corpus.mkdir()
    shutil.copy(REPORT, corpus / REPORT.name)
    settings = Settings(corpus_dir=corpus, index_dir=index, _env_file=None)
    embedder = None if args.cli_builds else Embedder()
    build_index(settings, embedder_factory=(lambda: embedder) if embedder else None)
    port = free_port()
    server = start_server(corpus, index, port, work / "server.log")
    try:
        base = f"http://127.0.0.1:{port}"
        wait_ready(base, server)
        rebuild = (cli_rebuilder(corpus, index, corpus / REPORT.name) if args.cli_builds
                   else in_process_rebuilder(settings, embedder, corpus / REPORT.name))
        res = run_load(base, args.seconds, args.clients, rebuild,
                       current_file=index / "CURRENT")
        print(report(res.figures(), args.clients, args.seconds))
        if res.errors:
            print("errors:", *sorted(set(res.errors))[:5], sep="\n  ")
    finally:
        stop_server(server)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
