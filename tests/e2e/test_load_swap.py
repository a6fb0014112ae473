"""16 clients ask the real HTTP server for 30 s while the index is rebuilt and swapped twice.

Zero failed requests; the p99 latency during each swap is printed (run with -s to see it;
bench/swap_load_bench.py prints the same figures on its own).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import httpx
from support.helpers import REPORT, ROOT, make_settings

from reportqa.index.build import build_index

sys.path.insert(0, str(ROOT / "bench"))
import swap_load_bench as bench  # noqa: E402

CLIENTS, SECONDS = 16, 30.0


def test_no_request_fails_while_two_rebuilds_swap_in(tmp_path, embedder):
    s = make_settings(tmp_path)
    report = s.corpus_dir / REPORT.name
    shutil.copy(REPORT, report)
    first = build_index(s, embedder_factory=lambda: embedder).version
    port = bench.free_port()
    server = bench.start_server(s.corpus_dir, s.index_dir, port, tmp_path / "server.log")
    try:
        base = f"http://127.0.0.1:{port}"
        assert bench.wait_ready(base, server)["index_version"] == first
        res = bench.run_load(base, SECONDS, CLIENTS,
                             bench.in_process_rebuilder(s, embedder, report), rebuilds=2)
        ready = httpx.get(f"{base}/readyz", timeout=30).json()
    finally:
        bench.stop_server(server)
    log = Path(tmp_path / "server.log").read_text(errors="replace")
    fig = res.figures()
    print("\n" + bench.report(fig, CLIENTS, SECONDS))

    assert res.calls and not res.errors, res.errors[:3]
    assert fig["failed"] == 0, [(c.status, c.answer) for c in res.failed[:3]]
    # Both new versions were swapped in and answered from, in order, with the edited figures.
    versions = [r.version for r in res.rebuilds]
    assert len(versions) == 2 and all(r.first_served for r in res.rebuilds), log[-2000:]
    assert res.rebuilds[0].first_served < res.rebuilds[1].first_served
    # Each question is answered from one snapshot: the industry figure tells which edition.
    # (The response's index_version label is read after answering, so near a swap it may
    # already name the next version; the figure is the ground truth.)
    industry = [c for c in res.calls if c.question == bench.QUESTIONS[0]]
    editions = [("5 000", "5 400", "5 800").index(next(f for f in ("5 000", "5 400", "5 800")
                                                       if f in c.answer)) for c in industry]
    assert sorted(set(editions)) == [0, 1, 2]
    # A question that starts after an answer from a newer edition never gets an older one.
    for k in (1, 2):
        seen = min(c.end for c, e in zip(industry, editions, strict=True) if e == k)
        late = [c for c, e in zip(industry, editions, strict=True) if e < k and c.start > seen]
        assert not late, f"{len(late)} questions answered from an older edition after the swap"
    assert ready["index_version"] == versions[1], log[-2000:]
    assert ready["reload"]["swaps"] == 2 and ready["reload"]["error"] is None
