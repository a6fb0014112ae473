"""Two `reportqa serve` replicas on one embedded PostgreSQL, under load, while versions are
published, a replica is killed, a build is killed and PostgreSQL restarts.

    .venv/bin/python bench/pg_replicas_bench.py                 # 16 clients, 60 s of load

Starts an embedded PostgreSQL 18 + pgvector in a temporary folder, builds the first report
into it, starts two replicas (`reportqa serve`, REPORTQA_STORE=the database) behind the
round-robin proxy of tools/rr_proxy.py, and then, with N clients asking in a loop:

1. publishes two new versions (the report's industry figure edited each time) and records
   when each replica's /readyz first names the new version (LISTEN/NOTIFY: well under 2 s);
2. kills a build with `kill -9` while it writes, and checks that the next build works;
3. kills one replica with `kill -9`: the other keeps answering;
4. restarts PostgreSQL: answers are 200 or 503 with the reason (never 500) and come back
   by themselves.

tests/e2e/test_postgres_replicas.py runs the same phases (shorter) and asserts them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import swap_load_bench as swap  # noqa: E402
from rr_proxy import RoundRobinProxy  # noqa: E402

BIN = swap.BIN
#: How often the swap watcher asks each replica's /readyz which version it serves (s).
WATCH_INTERVAL = 0.02


@dataclass
class Replica:
    port: int
    proc: subprocess.Popen
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def start_replica(url: str, corpus: Path, log: Path, port: int | None = None) -> Replica:
    port = port or swap.free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "NO_PROXY": "127.0.0.1,localhost",
           "REPORTQA_STORE": url}
    out = log.open("w")
    proc = subprocess.Popen([str(BIN), "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--corpus", str(corpus)], env=env, stdout=out,
                            stderr=subprocess.STDOUT)
    return Replica(port, proc, log)


def served_version(base: str) -> str | None:
    try:
        r = httpx.get(f"{base}/readyz", timeout=2)
    except httpx.HTTPError:
        return None
    return r.json().get("index_version") if r.status_code == 200 else None


def seconds_until_served(replicas: list[Replica], version: str, since: float,
                         timeout: float = 30) -> list[float | None]:
    """Per replica: seconds from `since` (the publish) until /readyz names `version`."""
    out: list[float | None] = [None] * len(replicas)
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline and any(v is None for v in out):
        for i, r in enumerate(replicas):
            if out[i] is None and served_version(r.base) == version:
                out[i] = round(time.perf_counter() - since, 3)
        time.sleep(WATCH_INTERVAL)
    return out


@dataclass
class Load:
    """N clients POSTing /ask to `base` until stopped; every status kept."""

    base: str
    clients: int
    calls: list[swap.Call] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)  # the bodies of non-200 answers
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> Load:
        for n in range(self.clients):
            t = threading.Thread(target=self._client, args=(n,), daemon=True)
            t.start()
            self._threads.append(t)
        return self

    def _client(self, n: int) -> None:
        i = n
        with httpx.Client(base_url=self.base, timeout=30) as http:
            while not self._stop.is_set():
                q = swap.QUESTIONS[i % len(swap.QUESTIONS)]
                i += 1
                t0 = time.perf_counter()
                try:
                    r = http.post("/ask", json={"question": q})
                    status, body = r.status_code, r.text
                except httpx.HTTPError as exc:
                    status, body = 0, repr(exc)
                call = swap.Call(t0, time.perf_counter(), status, question=q)
                with self._lock:
                    self.calls.append(call)
                    if status != 200:
                        self.bodies.append(body)
                if status not in (0, 200):
                    time.sleep(0.05)  # a 503 says retry: do not spin

    def stop(self) -> Load:
        self._stop.set()
        for t in self._threads:
            t.join(60)
        return self

    def statuses(self, lo: float = 0.0, hi: float = float("inf")) -> dict[int, int]:
        out: dict[int, int] = {}
        for c in self.calls:
            if c.start >= lo and c.start <= hi:
                out[c.status] = out.get(c.status, 0) + 1
        return out


def kill_build_midway(url: str, corpus: Path, work: Path) -> int:
    """`reportqa index build` paused while writing into the database, then kill -9; rc."""
    marker = work / "build.pause"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "REPORTQA_STORE": url,
           "REPORTQA_TEST_PAUSE_AT": "writing", "REPORTQA_TEST_PAUSE_FILE": str(marker)}
    (corpus / "extra.txt").write_text("Tillägg\n\nAntalet cyklar i länet var 4 321 år 2024.\n",
                                      encoding="utf-8")
    p = subprocess.Popen([str(BIN), "index", "build", "-q", "--corpus", str(corpus)], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while not marker.exists():
        if p.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the build did not reach its pause: {p.stderr.read()!r}")
        time.sleep(0.05)
    p.send_signal(signal.SIGKILL)
    return p.wait(30)


def in_process_builder(settings, embedder) -> Callable[[], str]:
    from reportqa.index.build import build_index

    return lambda: build_index(settings, embedder_factory=lambda: embedder).version


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=60)
    args = ap.parse_args()
    from reportqa.config import Settings
    from reportqa.model.embedder import Embedder
    from reportqa.store.postgres.admin import init_or_migrate
    from reportqa.store.postgres.embedded import EmbeddedPostgres

    work = Path(tempfile.mkdtemp(prefix="pg-replicas-"))
    pg = EmbeddedPostgres(work / "pgdata")
    url = pg.start()
    corpus = work / "corpus"
    corpus.mkdir()
    shutil.copy(swap.REPORT, corpus / swap.REPORT.name)
    s = Settings(corpus_dir=corpus, index_dir=work / "index", store=url, _env_file=None)
    init_or_migrate(s)
    embedder = Embedder()
    build = in_process_builder(s, embedder)
    build()
    replicas = [start_replica(url, corpus, work / f"r{i}.log") for i in (1, 2)]
    proxy = RoundRobinProxy([("127.0.0.1", r.port) for r in replicas])
    base = f"http://127.0.0.1:{proxy.start_in_thread()}"
    try:
        for r in replicas:
            swap.wait_ready(r.base, r.proc)
        phase = args.seconds / 4
        load = Load(base, args.clients).start()
        t_load = time.perf_counter()
        for k in range(2):
            time.sleep(phase / 2)
            swap.edit_figure(corpus / swap.REPORT.name, k)
            t0 = time.perf_counter()
            v = build()
            served = seconds_until_served(replicas, v, time.perf_counter())
            print(f"publish {k + 1}: built {v} in {time.perf_counter() - t0:.1f} s; replicas "
                  f"served it {served} s after publishing")
        print(f"statuses while publishing: {load.statuses(t_load)}")
        t_bk = time.perf_counter()
        rc = kill_build_midway(url, corpus, work)
        v = build()
        print(f"build killed with -9 (rc {rc}); the next build published {v}; replicas served "
              f"it after {seconds_until_served(replicas, v, time.perf_counter())} s")
        print(f"statuses around the killed build: {load.statuses(t_bk)}")
        time.sleep(phase / 2)
        t_kill = time.perf_counter()
        replicas[1].proc.send_signal(signal.SIGKILL)
        time.sleep(phase)
        print(f"replica 2 killed: statuses in its first second "
              f"{load.statuses(t_kill, t_kill + 1)}, after {load.statuses(t_kill + 1)}")
        t_down = time.perf_counter()
        pg.stop("fast")
        time.sleep(3)
        t_up = time.perf_counter()
        pg.start()
        time.sleep(phase)
        load.stop()
        print(f"PostgreSQL down 3 s: statuses while down {load.statuses(t_down, t_up)}, after "
              f"{load.statuses(t_up)}")
        print(f"all: {len(load.calls)} requests, statuses {load.statuses()}")
        print("non-200 bodies:", *sorted(set(b[:160] for b in load.bodies))[:6], sep="\n  ")
    finally:
        proxy.stop()
        for r in replicas:
            if r.proc.poll() is None:
                swap.stop_server(r.proc)
        pg.stop("immediate")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
