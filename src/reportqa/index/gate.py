"""The quality gate of `reportqa index build --gate FILE.jsonl --min-hit 0.9`.

Before a build is published, its answers are evaluated (reportqa.ask.evaluation) over the
unpublished build folder; it is published only if its hit@1 reaches `min_hit` and is not
worse than the live version's on the same questions. Otherwise the live version stays and
the reason says which figure failed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportqa.ask.evaluation import EvalItem, evaluate
from reportqa.config import Settings
from reportqa.errors import ReportQAError
from reportqa.index.layout import IndexDir

log = logging.getLogger(__name__)


def _hit_at_1(engine, items: list[EvalItem]) -> float:
    value = evaluate(engine, items)["overall"]["hit@1"]
    if value is None:
        raise ReportQAError("the gate file has no answerable questions (every expect is null)")
    return float(value)


def live_hit_at_1(settings: Settings, items: list[EvalItem], embedder: Any) -> tuple[
        float | None, str]:
    """hit@1 of the live version, or None with the reason it cannot be compared."""
    from reportqa.engine import Engine

    idx = IndexDir(settings.index_dir)
    current = idx.current()
    if current is None:
        return None, "no live version"
    try:
        live = Engine.open_path(settings, idx.path(current), embedder)
    except ReportQAError as exc:
        return None, f"live version {current} cannot be evaluated ({exc})"
    return _hit_at_1(live, items), current


def quality_gate(settings: Settings, items: list[EvalItem], min_hit: float,
                 embedder_factory: Callable[[], Any]) -> Callable[[Path, dict],
                                                                  tuple[bool, str]]:
    """A `before_publish` hook for indexer.build_index that applies the gate."""
    if not items:
        raise ReportQAError("the gate file has no questions")
    if not 0.0 <= min_hit <= 1.0:
        raise ReportQAError(f"--min-hit must be between 0 and 1, not {min_hit}")

    def check(build_dir: Path, manifest: dict) -> tuple[bool, str]:
        from reportqa.engine import Engine

        embedder = embedder_factory()
        new = _hit_at_1(Engine.open_path(settings, build_dir, embedder), items)
        live, live_name = live_hit_at_1(settings, items, embedder)
        figures = f"hit@1 {new:.3f} on {len(items)} questions"
        if live is not None:
            figures += f" (live {live_name}: {live:.3f})"
        else:
            figures += f" ({live_name}: not compared)"
        if new < min_hit:
            return False, f"{figures} is below --min-hit {min_hit:g}; the live version stays"
        if live is not None and new < live:
            return False, f"{figures} is worse than the live version; the live version stays"
        return True, f"gate passed: {figures}"

    return check
