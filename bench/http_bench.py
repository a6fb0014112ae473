"""HTTP overhead: the same questions answered in process and over HTTP, in one run.

    .venv/bin/python bench/http_bench.py [--requests 400] [--index DIR]

1. In process: `Engine.ask` with 1 thread and with 2 threads (latency p50/p99, req/s).
2. Over HTTP: `reportqa serve` (uvicorn) in a subprocess on 127.0.0.1, POST /ask at
   concurrency 1, 8 and 32 with keep-alive connections (httpx, asyncio).
Prints a table and the ratios HTTP / in process, and checks the targets: HTTP p50 at c=1
within 1.5x the in-process p50; HTTP req/s at c=8 at least 70 % of in-process with 2
threads; no errors. Exit code 1 if a target is missed. Every loop is bounded (--requests).

Without --index, the first report is indexed into a temporary folder first.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from common import ROOT, p50, pct, save_result

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

REPORT = ROOT / "corpus" / "region-jamtland-harjedalen_laget-i-lanet_mal-5-fler-kluster.txt"
TARGET_P50_RATIO = 1.5
TARGET_THROUGHPUT_SHARE = 0.70


def questions(limit: int = 60) -> list[str]:
    """The tuning questions of the eval set (Swedish, English, unanswerable)."""
    out = []
    for line in (ROOT / "eval" / "tune.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append(json.loads(line)["question"])
    return out[:limit] or ["Hur många personer sysselsätter industrin?"]


def stats(latencies: list[float], wall: float, errors: int = 0) -> dict:
    return {"n": len(latencies), "p50_ms": round(p50(latencies) * 1000, 2),
            "p99_ms": round(pct(latencies, 0.99) * 1000, 2),
            "rps": round(len(latencies) / wall, 1), "errors": errors}


# ---- in process ----------------------------------------------------------------------------
def in_process(engine, qs: list[str], n: int, threads: int) -> dict:
    lat: list[float] = []
    lock = threading.Lock()

    def worker(k: int) -> None:
        mine = []
        for i in range(k, n, threads):
            t = time.perf_counter()
            engine.ask(qs[i % len(qs)], 3)
            mine.append(time.perf_counter() - t)
        with lock:
            lat.extend(mine)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(worker, range(threads)))
    return stats(lat, time.perf_counter() - t0)


# ---- over HTTP -----------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(index: Path, corpus: Path, port: int) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("reportqa")
    cmd = [str(exe), "serve", "--host", "127.0.0.1", "--port", str(port),
           "--index", str(index), "--corpus", str(corpus)]
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "", "REPORTQA_TELEGRAM_BOT_TOKEN": ""}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 180
    with httpx.Client(timeout=5) as c:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError("server exited: " + proc.stderr.read().decode()[-2000:])
            try:
                if c.get(f"http://127.0.0.1:{port}/readyz").status_code == 200:
                    return proc
            except httpx.TransportError:
                pass
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("server not ready within 180 s")


async def http_run(base: str, qs: list[str], n: int, concurrency: int) -> dict:
    lat: list[float] = []
    errors = 0
    next_i = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def worker() -> None:
            nonlocal next_i, errors
            while next_i < n:
                i = next_i
                next_i += 1
                t = time.perf_counter()
                try:
                    r = await client.post("/ask", json={"question": qs[i % len(qs)], "top_k": 3})
                    ok = r.status_code == 200 and "found" in r.json()
                except httpx.HTTPError:
                    ok = False
                lat.append(time.perf_counter() - t)
                errors += not ok

        # Warm the connections, then measure.
        await asyncio.gather(*(client.get("/healthz") for _ in range(concurrency)))
        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    return stats(lat, wall, errors)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=400, help="requests per scenario")
    ap.add_argument("--index", type=Path, help="a built index folder (default: build one)")
    ap.add_argument("--corpus", type=Path, help="its corpus folder")
    args = ap.parse_args()
    n = max(10, args.requests)

    from reportqa.config import Settings
    from reportqa.engine import Engine

    tmp = None
    if args.index is None:
        from reportqa.index.build import build_index

        tmp = Path(tempfile.mkdtemp(prefix="http-bench-"))
        (tmp / "corpus").mkdir()
        shutil.copy(REPORT, tmp / "corpus" / REPORT.name)
        settings = Settings(corpus_dir=tmp / "corpus", index_dir=tmp / "index", _env_file=None)
        print("indexing the first report into", tmp)
        build_index(settings)
    else:
        settings = Settings(index_dir=args.index, corpus_dir=args.corpus or Path("corpus"),
                            _env_file=None)
    qs = questions()
    rows: dict[str, dict] = {}
    proc = None
    try:
        engine = Engine.load(settings)
        for q in qs[:10]:  # warm up
            engine.ask(q, 3)
        rows["in-process, 1 thread"] = in_process(engine, qs, n, 1)
        rows["in-process, 2 threads"] = in_process(engine, qs, n, 2)
        del engine

        port = free_port()
        proc = start_server(settings.index_dir, settings.corpus_dir, port)
        base = f"http://127.0.0.1:{port}"
        asyncio.run(http_run(base, qs, 20, 2))  # warm up the server
        for c in (1, 8, 32):
            rows[f"HTTP, concurrency {c}"] = asyncio.run(http_run(base, qs, n, c))
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)

    base1 = rows["in-process, 1 thread"]
    base2 = rows["in-process, 2 threads"]
    print(f"\n{len(qs)} questions, {n} requests per scenario, {os.cpu_count()} CPUs\n")
    print(f"| {'scenario':24} | {'p50 ms':>7} | {'p99 ms':>7} | {'req/s':>6} | {'errors':>6} "
          f"| {'p50 / in-process':>16} | {'req/s / in-process 2 thr':>24} |")
    print(f"|{'-' * 26}|{'-' * 9}|{'-' * 9}|{'-' * 8}|{'-' * 8}|{'-' * 18}|{'-' * 26}|")
    for name, r in rows.items():
        ratio_p50 = r["p50_ms"] / base1["p50_ms"]
        ratio_rps = r["rps"] / base2["rps"]
        print(f"| {name:24} | {r['p50_ms']:7.2f} | {r['p99_ms']:7.2f} | {r['rps']:6.1f} | "
              f"{r['errors']:6d} | {ratio_p50:15.2f}x | {ratio_rps:23.0%} |")
    p50_ratio = rows["HTTP, concurrency 1"]["p50_ms"] / base1["p50_ms"]
    share = rows["HTTP, concurrency 8"]["rps"] / base2["rps"]
    errors = sum(r["errors"] for r in rows.values())
    checks = {
        f"HTTP p50 at c=1 within {TARGET_P50_RATIO}x in-process p50": p50_ratio
        <= TARGET_P50_RATIO,
        f"HTTP req/s at c=8 >= {TARGET_THROUGHPUT_SHARE:.0%} of in-process 2 threads": share
        >= TARGET_THROUGHPUT_SHARE,
        "no errors": errors == 0,
    }
    print(f"\nHTTP/in-process p50 at c=1: {p50_ratio:.2f}x; "
          f"HTTP c=8 / in-process 2 threads throughput: {share:.0%}; errors: {errors}")
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    save_result("http_bench", {"requests": n, "questions": len(qs), "rows": rows,
                               "p50_ratio_c1": round(p50_ratio, 3),
                               "throughput_share_c8": round(share, 3), "checks": checks})
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
