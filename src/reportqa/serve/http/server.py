"""The uvicorn server reportqa runs: request deadlines, a connection limit, its own access log.

`server_config` is used by `reportqa serve` and by the end-to-end tests, so the tests run the
server as it is deployed.
"""

from __future__ import annotations

from typing import Any

import uvicorn

from reportqa.config import Settings
from reportqa.serve.http.protocol import deadline_protocol

#: Seconds an idle keep-alive connection is kept (uvicorn's default is 5).
KEEP_ALIVE_SECONDS = 5


def server_config(app: Any, settings: Settings, **overrides: Any) -> uvicorn.Config:
    """The uvicorn configuration for `app` under `settings` (host, port, limits)."""
    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "http": deadline_protocol(settings.header_timeout, settings.body_timeout),
        # Requests beyond this many open connections or running requests get 503 at once.
        "limit_concurrency": settings.max_connections,
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        # The middleware writes the access log, without query strings (serve/http/middleware.py).
        "access_log": False,
        "log_level": "info",
        "lifespan": "on",
        "server_header": False,
    }
    options.update(overrides)
    return uvicorn.Config(app, **options)


def run_server(app: Any, settings: Settings) -> None:
    """Serve `app` until SIGINT/SIGTERM."""
    uvicorn.Server(server_config(app, settings)).run()
