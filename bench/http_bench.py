"""HTTP against the model's floor: the same questions in process and over HTTP, in one run.

    .venv/bin/python bench/http_bench.py [--requests 400] [--index DIR] [--baseline-src DIR]

1. The floor: the model embedding one question (the faster of one thread and all cores) plus
   the FAISS and BM25 searches alone, per question (p50 of the sum's parts); beside it, the
   same with this code's own query embedding (Embedder.encode_query), which is faster.
2. In process: `Engine.ask` with 1 thread and with 2 threads (latency p50/p99, req/s).
3. Over HTTP: `reportqa serve` (uvicorn) in a subprocess on 127.0.0.1, POST /ask at
   concurrency 1, 8 and 32 with keep-alive connections (httpx, asyncio); after c=1, the
   torch thread count the server's lone questions settled on (its /metrics).
4. With --baseline-src (a checkout of earlier code, e.g. `git worktree add /tmp/base HEAD~3`),
   the same HTTP scenarios against a server running that code, alternating with this one.
Prints a table and checks the targets (issue 13): HTTP p50 at c=1 within 1.3x the floor;
HTTP req/s at c=8 not lower than the baseline's (5 % noise allowed), or without a baseline at
least 70 % of in-process with 2 threads; no errors. Exit code 1 if a target is missed.

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
TARGET_P50_FLOOR_RATIO = 1.3
TARGET_THROUGHPUT_SHARE = 0.70
#: Throughput may fall this much below the baseline's before it counts as lower (noise).
BASELINE_NOISE = 0.05


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


def floor(engine, qs: list[str], rounds: int = 3) -> dict:
    """p50 of the model alone (faster thread count) + FAISS alone + BM25 alone, per question;
    and, beside it, this code's own query embedding (Embedder.encode_query: the same bits,
    a traced graph in a serving process) by thread count."""
    import faiss
    import torch

    snap = engine.snapshot
    model, index = engine.embedder.model, snap.index
    prompt = engine.embedder.query_prompt
    cores = os.cpu_count() or 1
    serving = torch.get_num_threads()

    def encode(q: str):
        return model.encode([prompt + q], normalize_embeddings=True, convert_to_numpy=True,
                            show_progress_bar=False)

    enc: dict[int, list[float]] = {1: [], cores: []}
    own: dict[int, list[float]] = {1: [], cores: []}
    fa: list[float] = []
    bm: list[float] = []
    faiss.omp_set_num_threads(1)
    for n in enc:  # one thread count at a time: switching per call would cost each call
        torch.set_num_threads(n)
        for q in qs[:5]:
            encode(q)
        for _ in range(rounds):
            for q in qs:
                t = time.perf_counter()
                encode(q)
                enc[n].append(time.perf_counter() - t)
        for _ in range(rounds):
            for q in qs:
                t = time.perf_counter()
                engine.embedder.encode_query(q)
                own[n].append(time.perf_counter() - t)
    vecs = {q: encode(q).astype("float32") for q in qs}
    for _ in range(rounds):
        for q in qs:
            t = time.perf_counter()
            index.vectors.search(vecs[q], 10)
            fa.append(time.perf_counter() - t)
            toks = index.lexical.analyzer.tokens(q) or [""]
            t = time.perf_counter()
            index.lexical.bm25.retrieve([toks], k=10, show_progress=False)
            bm.append(time.perf_counter() - t)
    torch.set_num_threads(serving)
    best = min(enc, key=lambda n: p50(enc[n]))
    total = p50(enc[best]) + p50(fa) + p50(bm)
    own_best = min(own, key=lambda n: p50(own[n]))
    return {"floor_ms": round(total * 1000, 2), "encode_threads": best,
            "encode_p50_ms": {n: round(p50(v) * 1000, 2) for n, v in enc.items()},
            "own_floor_ms": round((p50(own[own_best]) + p50(fa) + p50(bm)) * 1000, 2),
            "own_encode_p50_ms": {n: round(p50(v) * 1000, 2) for n, v in own.items()},
            "faiss_p50_ms": round(p50(fa) * 1000, 3), "bm25_p50_ms": round(p50(bm) * 1000, 3)}


# ---- over HTTP -----------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(index: Path, corpus: Path, port: int,
                 src: Path | None = None) -> subprocess.Popen:
    """`reportqa serve` in a subprocess; with `src`, running the code of that checkout."""
    exe = Path(sys.executable).with_name("reportqa")
    cmd = [str(exe), "serve", "--host", "127.0.0.1", "--port", str(port),
           "--index", str(index), "--corpus", str(corpus)]
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "", "REPORTQA_TELEGRAM_BOT_TOKEN": "",
           "REPORTQA_LOG_LEVEL": "WARNING"}
    if src is not None:  # PYTHONPATH comes before the editable install of this checkout
        env["PYTHONPATH"] = str(src / "src")
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


def lone_threads(base: str) -> dict | None:
    """The server's torch thread count for lone questions and each count's median seconds
    (its /metrics); None for a server without them (an earlier checkout) or gone."""
    try:
        text = httpx.get(f"{base}/metrics", timeout=10).text
    except httpx.HTTPError:  # the requests' errors are counted by http_run
        return None
    out: dict = {"medians_ms": {}}
    for line in text.splitlines():
        if line.startswith("reportqa_lone_question_threads "):
            out["threads"] = int(float(line.split()[-1]))
        elif line.startswith("reportqa_lone_question_seconds{"):
            n = line.split('threads="')[1].split('"')[0]
            out["medians_ms"][n] = round(float(line.split()[-1]) * 1000, 1)
    return out if "threads" in out else None


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
    ap.add_argument("--baseline-src", type=Path,
                    help="a checkout of earlier code whose server is measured alongside")
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
    lone: dict[str, dict | None] = {}  # each server's thread count for lone questions
    procs: list[subprocess.Popen] = []
    try:
        engine = Engine.load(settings)
        for q in qs[:10]:  # warm up
            engine.ask(q, 3)
        fl = floor(engine, qs)
        rows["in-process, 1 thread"] = in_process(engine, qs, n, 1)
        rows["in-process, 2 threads"] = in_process(engine, qs, n, 2)
        del engine

        servers = {"HTTP": None}
        if args.baseline_src is not None:
            servers["baseline HTTP"] = args.baseline_src.resolve()
        bases = {}
        for label, src in servers.items():
            port = free_port()
            procs.append(start_server(settings.index_dir, settings.corpus_dir, port, src))
            bases[label] = f"http://127.0.0.1:{port}"
            asyncio.run(http_run(bases[label], qs, 20, 2))  # warm up the server
        for c in (1, 8, 32):  # the servers alternate, so drift hits both alike
            for label, base in bases.items():
                rows[f"{label}, concurrency {c}"] = asyncio.run(http_run(base, qs, n, c))
                if c == 1:
                    lone[label] = lone_threads(base)
    finally:
        for proc in procs:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)

    base2 = rows["in-process, 2 threads"]
    print(f"\n{len(qs)} questions, {n} requests per scenario, {os.cpu_count()} CPUs")
    print(f"floor {fl['floor_ms']:.2f} ms = encode {fl['encode_p50_ms'][fl['encode_threads']]}"
          f" ms ({fl['encode_threads']} threads; by threads {fl['encode_p50_ms']}) + faiss "
          f"{fl['faiss_p50_ms']} ms + bm25 {fl['bm25_p50_ms']} ms")
    print(f"this code's own query embedding (Embedder.encode_query), by threads: "
          f"{fl['own_encode_p50_ms']} ms; with FAISS + BM25 {fl['own_floor_ms']} ms\n")
    print(f"| {'scenario':30} | {'p50 ms':>7} | {'p99 ms':>7} | {'req/s':>6} | {'errors':>6} "
          f"| {'p50 / floor':>11} | {'req/s / in-process 2 thr':>24} |")
    print(f"|{'-' * 32}|{'-' * 9}|{'-' * 9}|{'-' * 8}|{'-' * 8}|{'-' * 13}|{'-' * 26}|")
    for name, r in rows.items():
        print(f"| {name:30} | {r['p50_ms']:7.2f} | {r['p99_ms']:7.2f} | {r['rps']:6.1f} | "
              f"{r['errors']:6d} | {r['p50_ms'] / fl['floor_ms']:10.2f}x | "
              f"{r['rps'] / base2['rps']:23.0%} |")
    p50_ratio = rows["HTTP, concurrency 1"]["p50_ms"] / fl["floor_ms"]
    c8 = rows["HTTP, concurrency 8"]["rps"]
    errors = sum(r["errors"] for r in rows.values())
    checks = {f"HTTP p50 at c=1 within {TARGET_P50_FLOOR_RATIO}x the floor":
              p50_ratio <= TARGET_P50_FLOOR_RATIO, "no errors": errors == 0}
    baseline_c8 = rows.get("baseline HTTP, concurrency 8", {}).get("rps")
    if baseline_c8:
        checks[f"HTTP req/s at c=8 not lower than the baseline's ({baseline_c8})"] = (
            c8 >= baseline_c8 * (1 - BASELINE_NOISE))
    else:
        checks[f"HTTP req/s at c=8 >= {TARGET_THROUGHPUT_SHARE:.0%} of in-process 2 threads"] \
            = c8 >= TARGET_THROUGHPUT_SHARE * base2["rps"]
    own_ratio = rows["HTTP, concurrency 1"]["p50_ms"] / fl["own_floor_ms"]
    print(f"\nHTTP p50 at c=1 / floor: {p50_ratio:.2f}x (/ this code's own embedding + FAISS "
          f"+ BM25: {own_ratio:.2f}x); HTTP req/s at c=8: {c8}"
          + (f" (baseline {baseline_c8}, ratio {c8 / baseline_c8:.2f})" if baseline_c8 else "")
          + f"; errors: {errors}")
    for label, state in lone.items():
        if state is not None:
            print(f"{label}: lone questions on {state['threads']} torch threads after c=1 "
                  f"(recent medians by threads, ms: {state['medians_ms']})")
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    save_result("http_bench", {"requests": n, "questions": len(qs), "floor": fl, "rows": rows,
                               "p50_floor_ratio_c1": round(p50_ratio, 3),
                               "p50_own_floor_ratio_c1": round(own_ratio, 3),
                               "baseline_c8_rps": baseline_c8, "lone_threads": lone,
                               "checks": checks})
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
