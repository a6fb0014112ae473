"""A tiny round-robin TCP proxy: one port in front of several `reportqa serve` replicas.

For trying replicas on a laptop (`make run-postgres`) and for the replica load test, not for
production (use nginx, HAProxy or a cloud load balancer: replicas are stateless, so any
works). Each client connection goes to the next replica; a replica that refuses the
connection (down, restarting) is skipped, so new connections reach the live ones. It knows
nothing of HTTP: it copies bytes.

    python tools/rr_proxy.py 8000 127.0.0.1:8001 127.0.0.1:8002
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import logging
import threading

log = logging.getLogger("rr_proxy")

#: Bytes copied per read.
CHUNK = 64 * 1024
#: Seconds to connect to a replica before trying the next one.
CONNECT_TIMEOUT = 2.0


class RoundRobinProxy:
    """Listen on host:port; hand each connection to the next reachable backend."""

    def __init__(self, backends: list[tuple[str, int]], host: str = "127.0.0.1",
                 port: int = 0) -> None:
        self.backends = backends
        self.host, self.port = host, port
        self._next = itertools.cycle(range(len(backends)))
        self._server: asyncio.AbstractServer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(CHUNK):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            with contextlib.suppress(Exception):
                writer.close()

    async def _handle(self, creader: asyncio.StreamReader, cwriter: asyncio.StreamWriter
                      ) -> None:
        first = next(self._next)  # this connection's turn; then the others in order
        for i in range(len(self.backends)):
            host, port = self.backends[(first + i) % len(self.backends)]
            try:
                breader, bwriter = await asyncio.wait_for(
                    asyncio.open_connection(host, port), CONNECT_TIMEOUT)
            except (OSError, TimeoutError):
                continue
            await asyncio.gather(self._pipe(creader, bwriter), self._pipe(breader, cwriter))
            return
        log.warning("no replica reachable")
        cwriter.close()

    async def serve(self) -> None:
        self._server = await asyncio.start_server(self._handle, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        async with self._server:
            await self._server.serve_forever()

    def start_in_thread(self) -> int:
        """Run in a daemon thread; the port it listens on."""
        ready = threading.Event()

        def run() -> None:
            self._loop = asyncio.new_event_loop()
            self._loop.create_task(self.serve())
            self._loop.call_soon(ready.set)
            self._loop.run_forever()
            self._loop.close()

        self._thread = threading.Thread(target=run, name="rr-proxy", daemon=True)
        self._thread.start()
        ready.wait(5)
        while self._server is None or not self._server.sockets:
            threading.Event().wait(0.01)
        return self.port

    def stop(self) -> None:
        """Close the listener and every piped connection, then end the thread."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return

        async def shutdown() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            loop.stop()

        asyncio.run_coroutine_threadsafe(shutdown(), loop)
        if self._thread is not None:
            self._thread.join(5)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("port", type=int)
    ap.add_argument("backends", nargs="+", help="host:port of each replica")
    ap.add_argument("--host", default="127.0.0.1")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="rr_proxy: %(message)s")
    backends = [(b.rsplit(":", 1)[0], int(b.rsplit(":", 1)[1])) for b in args.backends]
    log.info("listening on %s:%d, round robin over %s", args.host, args.port,
             ", ".join(args.backends))
    asyncio.run(RoundRobinProxy(backends, args.host, args.port).serve())


if __name__ == "__main__":
    main()
