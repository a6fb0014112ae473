"""`reportqa eval FILE.jsonl`: answer hit@1, hit@3 over sources, MRR, abstention, latency.

An item may name the `edition` its answer must come from: then a hit also needs the first
source from that edition and the answer naming it ("Enligt uppföljningen 2021: …"); and a
`kind` (a free label: newest, older, table, unanswerable, …) whose figures the summary gives
apart (`by_kind`)."""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportqa.ask.messages import names_edition
from reportqa.errors import ReportQAError
from reportqa.text.normalize import normalize_text, squash


@dataclass(frozen=True)
class EvalItem:
    id: str
    lang: str
    question: str
    expect: list[str] | None
    doc: tuple[str, ...] = ()  # the report(s) whose sentence answers; () = not recorded
    near_miss: bool = False  # unanswerable, with the words of a fact the report does give
    edition: str = ""  # the edition the answer must come from and name ("2021"); "" = any
    kind: str = ""  # a free label for the summary's by_kind figures ("newest", "table")


def jsonl_objects(path: Path, what: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) of each non-blank line of an evaluation file; a missing file is a
    ReportQAError. The caller wraps its own ValueError/KeyError/TypeError with `line_error`."""
    if not path.is_file():
        raise ReportQAError(f"evaluation file {path} does not exist")
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except ValueError as exc:
            raise line_error(path, n, what, exc) from exc


def line_error(path: Path, n: int, what: str, exc: Exception) -> ReportQAError:
    return ReportQAError(f"{path}:{n}: not a valid {what} line ({exc})")


def load_items(path: Path) -> list[EvalItem]:
    items = []
    for n, d in jsonl_objects(path, "evaluation"):
        try:
            expect = d.get("expect")
            if expect is not None and not (isinstance(expect, list) and expect):
                raise ValueError("expect must be a non-empty list of strings or null")
            docs = d.get("doc") or ()
            if isinstance(docs, str):
                docs = (docs,)
            edition = d.get("edition") or ""
            if not isinstance(edition, str | int) or isinstance(edition, bool):
                raise ValueError("edition must be a string such as \"2021\"")
            if edition and expect is None:
                raise ValueError("edition needs an answer: expect must not be null")
            items.append(EvalItem(str(d["id"]), str(d.get("lang", "sv")), str(d["question"]),
                                  [str(e) for e in expect] if expect is not None else None,
                                  tuple(str(x) for x in docs), bool(d.get("near_miss")),
                                  str(edition), str(d.get("kind") or "")))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise line_error(path, n, "evaluation", exc) from exc
    if not items:
        raise ReportQAError(f"evaluation file {path} has no questions")
    return items


def contains(text: str | None, expect: list[str]) -> bool:
    """Whether an answer holds one of the expected strings, both read as the index reads a
    report (one kind of dash and space): an expected string is copied from the report's
    own text, the answer from the index's."""
    if not text:
        return False
    t = squash(normalize_text(text)).lower()
    return any(squash(normalize_text(e)).lower() in t for e in expect)


def evaluate(engine, items: list[EvalItem], mode: str = "hybrid") -> dict[str, Any]:
    """Run every question; figures per language and overall, plus per-question detail."""
    rows = []
    for it in items:
        t = time.perf_counter()
        ans = engine.ask(it.question, top_k=3, mode=mode)
        ms = (time.perf_counter() - t) * 1000
        rank = None
        if it.expect is not None:
            for i, s in enumerate(ans.sources, start=1):
                if contains(s.text, it.expect) and (not it.edition or s.edition == it.edition):
                    rank = i
                    break
        edition_ok = edition_right(it, ans)
        rows.append({
            "id": it.id, "lang": it.lang, "question": it.question, "expect": it.expect,
            "kind": it.kind, "edition": it.edition,
            "answer_edition": ans.sources[0].edition if ans.found and ans.sources else None,
            "edition_named": edition_ok,
            "answer": ans.text, "confidence": ans.confidence, "ms": ms,
            "hit": it.expect is not None and contains(ans.text, it.expect) and edition_ok,
            "hit_if_answered": it.expect is not None and contains(
                ans.sources[0].sentence if ans.sources else None, it.expect),
            "rank": rank, "declined": not ans.found,
            "near_miss": it.near_miss,
            "right_report": (not it.doc or bool(ans.sources) and ans.sources[0].document
                             in it.doc) if ans.found else None,
        })

    def summary(sel: list[dict]) -> dict[str, Any]:
        ans = [r for r in sel if r["expect"] is not None]
        un = [r for r in sel if r["expect"] is None]
        near = [r for r in un if r["near_miss"]]
        hits = [r for r in ans if r["hit"]]
        return {
            "questions": len(sel),
            "answerable": len(ans),
            "unanswerable": len(un),
            "hit@1": share(sum(r["hit"] for r in ans), len(ans)),
            "hit@3": share(sum(r["rank"] is not None for r in ans), len(ans)),
            "mrr": share(sum(1 / r["rank"] for r in ans if r["rank"]), len(ans)),
            "declined_unanswerable": share(sum(r["declined"] for r in un), len(un)),
            "near_miss_declined": share(sum(r["declined"] for r in near), len(near)),
            "right_report": share(sum(bool(r["right_report"]) for r in hits), len(hits)),
            "wrongly_declined": share(sum(r["declined"] for r in ans), len(ans)),
            "median_ms": round(statistics.median(r["ms"] for r in sel), 2) if sel else None,
        }

    langs = sorted({r["lang"] for r in rows})
    out = {
        "mode": mode,
        "index_version": engine.version,
        "model": engine.model_name,
        "overall": summary(rows),
        "by_language": {lang: summary([r for r in rows if r["lang"] == lang]) for lang in langs},
    }
    kinds = sorted({r["kind"] for r in rows if r["kind"]})
    if kinds:
        out["by_kind"] = {k: summary([r for r in rows if r["kind"] == k]) for k in kinds}
    out["items"] = rows
    return out


def edition_right(item: EvalItem, ans) -> bool:
    """For an item that names an edition: the answer's first source is from it and the
    answer's text names it; True for an item without one."""
    if not item.edition:
        return True
    return bool(ans.found and ans.sources and ans.sources[0].edition == item.edition
                and names_edition(ans.text, item.edition))


def share(n: float, d: int) -> float | None:
    return round(n / d, 4) if d else None


@dataclass(frozen=True)
class Calibration:
    threshold: float
    declined_unanswerable: float  # on the questions it was calibrated on
    wrongly_declined: float
    answerable: int
    unanswerable: int


def calibrate(rows: list[dict[str, Any]], max_wrongly_declined: float = 0.02) -> Calibration:
    """The abstention threshold from an evaluation run that answered everything.

    Chooses the threshold that declines the most unanswerable questions while declining at
    most `max_wrongly_declined` of the answerable ones (kept below the 5 % budget, as a
    margin for questions it was not calibrated on); among equally good thresholds, the
    middle of their range. `rows` are `evaluate(...)["items"]` of an engine whose threshold
    is 0 (every question answered, each with its confidence).
    """
    ans = sorted(r["confidence"] for r in rows if r["expect"] is not None)
    un = sorted(r["confidence"] for r in rows if r["expect"] is None)
    if not ans or not un:
        raise ReportQAError("calibration needs answerable and unanswerable questions "
                            '("expect": null) in the file')
    values = sorted(set(ans) | set(un))
    cuts = [0.0] + [(a + b) / 2 for a, b in zip(values, values[1:], strict=False)]
    cuts.append(values[-1] + 1e-4)

    def shares(t: float) -> tuple[float, float]:
        return (sum(c < t for c in un) / len(un), sum(c < t for c in ans) / len(ans))

    feasible = [(t, *shares(t)) for t in cuts if shares(t)[1] <= max_wrongly_declined]
    best = max(d for _, d, _ in feasible)
    tied = [t for t, d, _ in feasible if d == best]
    # the middle of the range of equally good thresholds: most margin on both sides
    lo = max((c for c in values if c < tied[0]), default=0.0)
    hi = min((c for c in values if c >= tied[-1]), default=tied[-1])
    t = round((lo + hi) / 2, 3)
    if shares(t)[1] > max_wrongly_declined:
        # rounding moved the threshold past an answerable question's confidence
        t = math.floor((lo + hi) / 2 * 1000) / 1000
    du, wd = shares(t)
    return Calibration(t, round(du, 4), round(wd, 4), len(ans), len(un))
