"""Write every answer the engine gives on the question sets, to diff two versions of the code.

    python tools/answer_snapshot.py --index /tmp/ix > before.jsonl
    ... change the code ...
    python tools/answer_snapshot.py --index /tmp/ix > after.jsonl
    diff before.jsonl after.jsonl        # empty: behaviour identical

Only the engine's public surface is used (Settings, Engine.load, Engine.ask), so the same
script runs before and after a restructuring. Confidence is rounded to 6 places so that
floating-point noise in the last bits does not count as a change.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reportqa.config import Settings
from reportqa.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
CONFIDENCE_PLACES = 6


def question_sets() -> list[Path]:
    return sorted((ROOT / "eval").glob("*.jsonl"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("sets", nargs="*", type=Path, help="JSONL files (default: eval/*.jsonl)")
    args = ap.parse_args()
    engine = Engine.load(Settings(index_dir=args.index))
    for path in args.sets or question_sets():
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            ans = engine.ask(item["question"], top_k=3)
            row = {
                "set": path.name, "id": item["id"], "found": ans.found,
                "confidence": round(ans.confidence, CONFIDENCE_PLACES),
                "answer": ans.text,
                "sources": [[s.document, s.section, s.sentence] for s in ans.sources],
            }
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
