"""Evaluating conversations: follow-up turns answered right, and history changing nothing
for first turns and questions that stand alone.

A conversation file has one JSON object a line: `{"id", "lang", "turns": [{"question",
"kind": "first"|"followup"|"standalone", "expect": [...] | null}, ...]}`. Each turn is asked
with the earlier turns (their typed questions and the answers given) as history, as a chat
front end sends them. A turn is right when its answer contains one of `expect`, or, for
`expect: null`, when it is declined.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportqa.ask.evaluation import contains, jsonl_objects, line_error, share
from reportqa.ask.followup import Turn
from reportqa.errors import ReportQAError

KINDS = ("first", "followup", "standalone")


@dataclass(frozen=True)
class ConvTurn:
    question: str
    kind: str
    expect: list[str] | None


@dataclass(frozen=True)
class Conversation:
    id: str
    lang: str
    turns: tuple[ConvTurn, ...]


def is_conversation_file(path: Path) -> bool:
    """Whether an evaluation file holds conversations (its first line has "turns")."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            try:
                return "turns" in json.loads(line)
            except ValueError:
                return False
    return False


def load_conversations(path: Path) -> list[Conversation]:
    out = []
    for n, d in jsonl_objects(path, "conversation"):
        try:
            turns = []
            for t in d["turns"]:
                expect = t.get("expect")
                if expect is not None and not (isinstance(expect, list) and expect):
                    raise ValueError("expect must be a non-empty list of strings or null")
                if t.get("kind", "followup") not in KINDS:
                    raise ValueError(f"kind must be one of {', '.join(KINDS)}")
                turns.append(ConvTurn(str(t["question"]), t.get("kind", "followup"),
                                      [str(e) for e in expect] if expect is not None else None))
            if not turns:
                raise ValueError("a conversation needs turns")
            out.append(Conversation(str(d["id"]), str(d.get("lang", "sv")), tuple(turns)))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise line_error(path, n, "conversation", exc) from exc
    if not out:
        raise ReportQAError(f"evaluation file {path} has no conversations")
    return out


def _right(expect: list[str] | None, answer) -> bool:
    return (not answer.found) if expect is None else contains(answer.text, expect)


def evaluate_conversations(engine, convs: list[Conversation]) -> dict[str, Any]:
    """Every turn with its history; right shares by kind and language, and for first and
    standalone turns whether the answer is the same as without history."""
    rows = []
    for conv in convs:
        history: list[Turn] = []
        for i, turn in enumerate(conv.turns):
            t = time.perf_counter()
            ans = engine.ask(turn.question, top_k=3, history=history)
            ms = (time.perf_counter() - t) * 1000
            same = None
            if turn.kind != "followup":
                alone = engine.ask(turn.question, top_k=3)
                same = (alone.text == ans.text and alone.found == ans.found)
            rows.append({"id": f"{conv.id}.{i + 1}", "lang": conv.lang, "kind": turn.kind,
                         "question": turn.question, "resolved": ans.resolved_question,
                         "expect": turn.expect, "answer": ans.text,
                         "confidence": ans.confidence, "right": _right(turn.expect, ans),
                         "declined": not ans.found, "same_as_alone": same, "ms": ms})
            history.append(Turn(turn.question, ans.text))

    def summary(sel: list[dict]) -> dict[str, Any]:
        answerable = [r for r in sel if r["expect"] is not None]
        unanswerable = [r for r in sel if r["expect"] is None]
        checked = [r for r in sel if r["same_as_alone"] is not None]
        return {"turns": len(sel), "right": share(sum(r["right"] for r in sel), len(sel)),
                "answerable_right": share(sum(r["right"] for r in answerable),
                                           len(answerable)),
                "unanswerable_declined": share(sum(r["declined"] for r in unanswerable),
                                                len(unanswerable)),
                "wrongly_declined": share(sum(r["declined"] for r in answerable),
                                           len(answerable)),
                "same_as_alone": share(sum(bool(r["same_as_alone"]) for r in checked),
                                        len(checked)),
                "median_ms": round(statistics.median(r["ms"] for r in sel), 2) if sel else None}

    return {"conversations": len(convs), "index_version": engine.version,
            "model": engine.model_name, "overall": summary(rows),
            "by_kind": {k: summary([r for r in rows if r["kind"] == k]) for k in KINDS
                        if any(r["kind"] == k for r in rows)},
            "by_language": {lang: summary([r for r in rows if r["lang"] == lang])
                            for lang in sorted({r["lang"] for r in rows})},
            "items": rows}

