"""Watch mode: rebuild the index when the corpus folder changes, and the server-side hooks.

`CorpusWatcher` watches the corpus folder with watchfiles; after the folder has been quiet for
`debounce` seconds (a copy of many files is one rebuild, not many) it rebuilds if the corpus
fingerprint really changed (a touched file or an editor's temporary file does not rebuild).
Running services pick the new version up themselves (Engine.start_auto_reload) or through
`on_published`.

`reload_hook` and `watch_hook` are lifespan hooks for `api.create_app(lifespan_hooks=...)`:
the first starts the engine's CURRENT poller, the second runs a watcher inside the server
(`reportqa serve --watch`). They only use `app.state.engine`, so this module needs no FastAPI.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from reportqa.config import Settings
from reportqa.errors import ReportQAError
from reportqa.index.build import BuildResult, build_index, is_stale
from reportqa.index.progress import LogProgress
from reportqa.limits import WATCH_DEBOUNCE_MIN_SECONDS

log = logging.getLogger(__name__)

#: At most this many seconds pass between the first change and the rebuild, however busy the
#: folder is.
MAX_DELAY_FACTOR = 10


def _relevant(path: str, root: Path) -> bool:
    """Hidden files and folders (editor droppings, .git) never trigger a rebuild."""
    try:
        parts = Path(path).relative_to(root).parts
    except ValueError:
        return True
    return not any(p.startswith(".") for p in parts)


class CorpusWatcher:
    """Rebuilds the index after the corpus folder changes, debounced; one build at a time."""

    def __init__(
        self,
        settings: Settings,
        embedder_factory: Callable[[], Any] | None = None,
        debounce: float = 2.0,
        on_published: Callable[[BuildResult], None] | None = None,
        build: Callable[..., BuildResult] = build_index,
    ) -> None:
        self.settings = settings
        self.debounce = max(WATCH_DEBOUNCE_MIN_SECONDS, debounce)
        self.on_published = on_published
        self._factory = embedder_factory
        self._embedder: Any = None
        self._build = build
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.builds = 0  # published builds
        self.last_error: str | None = None
        self.last_result: BuildResult | None = None

    def _embedder_once(self) -> Any:
        """The model is loaded at the first build that needs it and kept for the next ones."""
        if self._embedder is None:
            if self._factory is not None:
                self._embedder = self._factory()
            else:
                from reportqa.model.embedder import load_embedder

                self._embedder = load_embedder(self.settings)
        return self._embedder

    def rebuild_if_stale(self) -> BuildResult | None:
        """Build and publish when the corpus (or model) differs from the live index."""
        try:
            stale, why = is_stale(self.settings)
            if not stale:
                log.info("index is up to date with %s", self.settings.corpus_dir)
                return None
            log.info("rebuilding the index: %s", why)
            res = self._build(self.settings, embedder_factory=self._embedder_once,
                              progress=LogProgress(),
                              on_wait=lambda: log.info("waiting for another build to end"))
        except ReportQAError as exc:
            self.last_error = str(exc)
            log.error("rebuild failed, the live index stays: %s", exc)
            return None
        except Exception as exc:  # noqa: BLE001 - the watcher keeps watching
            self.last_error = f"internal error: {exc}"
            log.exception("rebuild failed, the live index stays")
            return None
        self.last_error = None
        self.last_result = res
        if res.published:
            self.builds += 1
            log.info("published index %s", res.summary())
            if self.on_published is not None:
                try:
                    self.on_published(res)
                except Exception:  # noqa: BLE001
                    log.exception("after publishing %s", res.version)
        else:
            log.warning("index %s not published: %s", res.version, res.message)
        return res

    def run(self, initial: bool = True) -> None:
        """Watch until stop() (or Ctrl-C); `initial` first rebuilds if the index is stale."""
        import watchfiles

        root = Path(self.settings.corpus_dir)
        if not root.is_dir():
            raise ReportQAError(f"corpus folder {root} does not exist (or is not a folder)")
        root = root.resolve()
        step = int(self.debounce * 1000)
        first = True
        # The watch starts before the initial check, so a change made while that first
        # build runs is seen afterwards; empty sets (timeouts) just let stop() be noticed.
        for changes in watchfiles.watch(
            root, watch_filter=lambda _c, p: _relevant(p, root), debounce=step * MAX_DELAY_FACTOR,
            step=step, stop_event=self._stop, raise_interrupt=False, rust_timeout=500,
            yield_on_timeout=True,
        ):
            if self._stop.is_set():
                break
            if first:
                first = False
                if initial or changes:
                    self.rebuild_if_stale()
                continue
            if not changes:
                continue
            names = sorted({Path(p).name for _, p in changes})
            log.info("corpus changed (%s)", ", ".join(names[:5]) + ("…" if len(names) > 5 else ""))
            self.rebuild_if_stale()

    def start(self, initial: bool = True) -> None:
        """run() in a daemon thread."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run_logged, args=(initial,),
                                        name="reportqa-watch", daemon=True)
        self._thread.start()

    def _run_logged(self, initial: bool) -> None:
        try:
            self.run(initial)
        except Exception as exc:  # noqa: BLE001
            self.last_error = str(exc)
            log.exception("the corpus watcher stopped")

    def stop(self, timeout: float = 5.0) -> None:
        """Stop watching; a build in progress is waited for up to `timeout` seconds (a build
        cut short by process exit is crash-safe: the next build cleans up)."""
        self._stop.set()
        if self._thread is not None:
            deadline = time.monotonic() + timeout
            self._thread.join(max(0.0, deadline - time.monotonic()))
            self._thread = None


def reload_hook(interval: float = 1.0):
    """Lifespan hook: poll CURRENT and swap new index versions in while the server runs."""

    @asynccontextmanager
    async def hook(app: Any) -> AsyncIterator[None]:
        engine = app.state.engine
        engine.start_auto_reload(interval)
        loop = asyncio.get_running_loop()
        sighup = getattr(signal, "SIGHUP", None)
        try:  # `kill -HUP <pid>` reloads at once (and retries a refused version)
            if sighup is not None:
                loop.add_signal_handler(sighup, engine.request_reload)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread
            sighup = None
        try:
            yield
        finally:
            if sighup is not None:
                loop.remove_signal_handler(sighup)
            await asyncio.to_thread(engine.stop_auto_reload)

    return hook


def watch_hook(settings: Settings, debounce: float = 2.0):
    """Lifespan hook: rebuild on corpus changes inside the server and swap the result in."""

    @asynccontextmanager
    async def hook(app: Any) -> AsyncIterator[None]:
        engine = app.state.engine
        watcher = CorpusWatcher(settings, embedder_factory=lambda: engine.embedder,
                                debounce=debounce, on_published=lambda _res: engine.reload())
        app.state.corpus_watcher = watcher
        watcher.start()
        try:
            yield
        finally:
            await asyncio.to_thread(watcher.stop)

    return hook
