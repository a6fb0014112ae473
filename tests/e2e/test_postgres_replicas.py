"""Two `reportqa serve` replicas on one embedded PostgreSQL behind a round-robin proxy, with
16 clients asking throughout (bench/pg_replicas_bench.py runs the same phases for longer):

- two publishes: zero failed requests, both replicas serve each new version within 2 s;
- a build killed with -9 while writing: nothing fails, the next build publishes;
- one replica killed with -9: only its questions in flight fail, the other keeps answering;
- PostgreSQL restarted: answers are 200 or 503 naming the unreachable database (never a
  500), /readyz says why, and everything recovers by itself.
"""

from __future__ import annotations

import json
import shutil
import signal
import sys
import time

import httpx
from support.helpers import REPORT, ROOT, make_settings
from support.postgres import data_folder, remove_data

from reportqa.store.postgres.admin import init_or_migrate, status
from reportqa.store.postgres.embedded import EmbeddedPostgres

sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tools"))
import pg_replicas_bench as bench  # noqa: E402
import swap_load_bench as swap  # noqa: E402
from rr_proxy import RoundRobinProxy  # noqa: E402

CLIENTS = 16
#: The issue's bound: every replica serves a published version within this many seconds.
SWAP_DEADLINE_S = 2.0
#: Seconds after a replica's kill within which its in-flight questions may still fail.
KILL_GRACE_S = 1.0
#: PostgreSQL is down this long; requests then wait at most REPORTQA_DB_TIMEOUT (5 s) for a
#: connection, so they are answered (503 or 200) by RECOVERY_S after it is back.
DOWN_S, RECOVERY_S = 2.0, 7.0


def test_two_replicas_publish_kill_and_restart(tmp_path, embedder):
    pg = EmbeddedPostgres(data_folder())
    url = pg.start()
    replicas: list[bench.Replica] = []
    proxy = None
    load = None
    try:
        s = make_settings(tmp_path, store=url)
        report = s.corpus_dir / REPORT.name
        shutil.copy(REPORT, report)
        init_or_migrate(s)
        build = bench.in_process_builder(s, embedder)
        build()
        replicas = [bench.start_replica(url, s.corpus_dir, tmp_path / f"r{i}.log")
                    for i in (1, 2)]
        proxy = RoundRobinProxy([("127.0.0.1", r.port) for r in replicas])
        base = f"http://127.0.0.1:{proxy.start_in_thread()}"
        for r in replicas:
            swap.wait_ready(r.base, r.proc)
        load = bench.Load(base, CLIENTS).start()

        # 1. Two publishes under load.
        t0 = time.perf_counter()
        for k in range(2):
            time.sleep(1.0)
            swap.edit_figure(report, k)
            v = build()
            served = bench.seconds_until_served(replicas, v, time.perf_counter())
            assert all(x is not None and x <= SWAP_DEADLINE_S for x in served), (k, served)
        # 2. A build killed while writing; the next one works.
        assert bench.kill_build_midway(url, s.corpus_dir, tmp_path) == -signal.SIGKILL
        v = build()
        assert all(x is not None for x in bench.seconds_until_served(replicas, v,
                                                                      time.perf_counter()))
        assert not status(s).building
        before_kill = load.statuses(t0)
        assert set(before_kill) == {200}, (before_kill, load.bodies[:3])

        # 3. One replica killed: the other keeps answering.
        t_kill = time.perf_counter()
        replicas[1].proc.send_signal(signal.SIGKILL)
        time.sleep(3.0)
        after_kill = load.statuses(t_kill + KILL_GRACE_S)
        assert set(after_kill) == {200} and after_kill[200] > 10, after_kill

        # 4. PostgreSQL restarted under load.
        t_down = time.perf_counter()
        pg.stop("fast")
        try:
            ready = httpx.get(f"{replicas[0].base}/readyz", timeout=10)
            assert ready.status_code == 503, ready.text
            err = ready.json()["error"]
            assert err["code"] == "store_unavailable" and "unreachable" in err["message"]
            time.sleep(DOWN_S)
        finally:
            pg.start()
        t_up = time.perf_counter()
        time.sleep(RECOVERY_S)
        load.stop()
        during = load.statuses(t_down)
        assert set(during) <= {200, 503}, (during, load.bodies[-3:])
        for body in load.bodies:
            if body.startswith("{"):
                assert json.loads(body)["error"]["code"] == "store_unavailable", body
        late = load.statuses(t_up + RECOVERY_S - 2.0)
        assert set(late) == {200}, late
        assert httpx.get(f"{replicas[0].base}/readyz", timeout=10).status_code == 200
        # The next build works after the restart and reaches the surviving replica.
        report.write_text(report.read_text(encoding="utf-8") + "\nEtt tillägg.\n",
                          encoding="utf-8")
        v = build()
        assert bench.seconds_until_served(replicas[:1], v, time.perf_counter())[0] is not None
    finally:
        if load is not None:
            load.stop()
        if proxy is not None:
            proxy.stop()
        for r in replicas:
            if r.proc.poll() is None:
                swap.stop_server(r.proc)
        pg.stop("immediate")
        remove_data(pg)
