"""Run a real uvicorn server on a free loopback port in a thread, for end-to-end tests."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn

from reportqa.config import Settings
from reportqa.serve.http.server import server_config


@contextmanager
def running_server(app, startup_timeout: float = 30.0) -> Iterator[str]:
    """Serve `app` with uvicorn on 127.0.0.1:<free port>; yields the base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # The server as `reportqa serve` configures it (deadlines, limits), on this socket.
    config = server_config(app, app.state.settings, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]},
                              name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()


def wait_ready(base: str, timeout: float = 120.0) -> httpx.Response:
    """Poll /readyz until it answers 200 (bounded)."""
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=base, timeout=10) as client:
        while True:
            r = client.get("/readyz")
            if r.status_code == 200 or time.monotonic() > deadline:
                return r
            time.sleep(0.05)


def isolated_copy(settings: Settings, tmp: Path, **overrides) -> Settings:
    """The same corpus and built index, copied to `tmp`, so a reindex touches only the copy."""
    corpus, index = tmp / "corpus", tmp / "index"
    shutil.copytree(settings.corpus_dir, corpus)
    shutil.copytree(settings.index_dir, index, ignore=shutil.ignore_patterns(".lock"))
    return settings.model_copy(update={"corpus_dir": corpus, "index_dir": index, **overrides})
