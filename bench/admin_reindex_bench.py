"""A rebuild through the server (POST /admin/reindex) against the CLI's, same corpus, one run.

    .venv/bin/python bench/admin_reindex_bench.py [--passages 1500] [--baseline-src DIR]

Both are full builds (every passage embedded: the server's live index holds other text, so
nothing comes from the embedding cache): `reportqa index build -q` in a process of its own,
and a running `reportqa serve` asked to rebuild with POST /admin/reindex (its model already
loaded). Prints passages/s of each and the ratio; the target (issue 13): the server at least
0.9x the CLI. --baseline-src measures a server running earlier code as well.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from common import save_result
from gen_corpus import write_corpus
from http_bench import REPORT, free_port, start_server

KEY = "bench-admin-key-0123456789"
TARGET_RATIO = 0.9


def cli_build(corpus: Path, index: Path) -> float:
    """Seconds of a full CLI build, as the CLI reports them."""
    exe = Path(sys.executable).with_name("reportqa")
    out = subprocess.run([str(exe), "index", "build", "-q", "--corpus", str(corpus),
                          "--index", str(index)], capture_output=True, text=True, check=True)
    return float(re.search(r"embedded\) in ([\d.]+) s", out.stdout).group(1))


def server_build(tmp: Path, corpus: Path, label: str, src: Path | None) -> float:
    """Seconds of a full rebuild by a server whose live index is of the first report only."""
    work = tmp / label
    (work / "corpus").mkdir(parents=True)
    shutil.copy(REPORT, work / "corpus" / REPORT.name)
    exe = Path(sys.executable).with_name("reportqa")
    subprocess.run([str(exe), "index", "build", "-q", "--corpus", str(work / "corpus"),
                    "--index", str(work / "index")], check=True, capture_output=True)
    shutil.rmtree(work / "corpus")
    shutil.copytree(corpus, work / "corpus")  # now the corpus is all new text
    os.environ["REPORTQA_ADMIN_API_KEY"] = KEY
    port = free_port()
    proc = start_server(work / "index", work / "corpus", port, src)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30,
                          headers={"X-API-Key": KEY}) as c:
            job = c.post("/admin/reindex").json()
            while job["state"] in ("queued", "running"):
                time.sleep(0.5)
                job = c.get(f"/admin/reindex/{job['id']}").json()
        if job["state"] != "succeeded":
            raise RuntimeError(f"{label}: {job}")
        return float(job["result"]["seconds"])
    finally:
        proc.terminate()
        proc.wait(30)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--passages", type=int, default=1500)
    ap.add_argument("--baseline-src", type=Path)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="admin-reindex-"))
    try:
        write_corpus(tmp / "generated", a.passages, seed=3, base_passages=a.passages)
        corpus = tmp / "generated" / "corpus"
        rows = {"CLI": cli_build(corpus, tmp / "cli-index"),
                "server": server_build(tmp, corpus, "server", None)}
        if a.baseline_src:
            rows["baseline server"] = server_build(tmp, corpus, "baseline", a.baseline_src)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nfull build of {a.passages} passages, {os.cpu_count()} CPUs\n")
    print(f"| {'build':16} | {'seconds':>8} | {'passages/s':>10} | {'/ CLI':>6} |")
    print(f"|{'-' * 18}|{'-' * 10}|{'-' * 12}|{'-' * 8}|")
    for name, sec in rows.items():
        print(f"| {name:16} | {sec:8.1f} | {a.passages / sec:10.1f} | "
              f"{rows['CLI'] / sec:5.2f}x |")
    ratio = rows["CLI"] / rows["server"]
    ok = ratio >= TARGET_RATIO
    print(f"\n{'PASS' if ok else 'FAIL'}  the server's rebuild at {ratio:.2f}x the CLI's speed "
          f"(target >= {TARGET_RATIO}x)")
    save_result("admin_reindex_bench", {"passages": a.passages, "seconds": rows,
                                        "ratio": round(ratio, 3)})
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
