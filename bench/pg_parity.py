"""Parity of the two stores on every question set: hit@1 on the folder store and on
PostgreSQL for each set in eval/, and the largest difference (issue 16: within one point).

    .venv/bin/python bench/pg_parity.py [--only NAME ...]

Builds `corpus/` (the first report) and `eval/multi/corpus` (seven reports) into index
folders and into two databases of an embedded PostgreSQL 18 + pgvector, each corpus embedded
once by the bundled model (both stores get the same vectors), then runs every set through
`Engine.ask` on both: the first report's sets (`eval/*.jsonl`, the conversation sets of the
first report) against `corpus/`, `eval/multi/*.jsonl` and `blind_conv3_multi` against
`eval/multi/corpus`, `eval/series/*.jsonl` against the generated series corpus
(tools/write_series_corpus.py, written into --work). A conversation set's figure is its
answerable turns' share right (each turn asked with its history: hit@1 of a conversation),
the other sets' hit@1. Prints one row per
set and store, the answers that differ, and saves bench/out/results/pg_parity.json; exits 1
when a set differs by more than a point.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import psycopg
from common import OUT, ROOT, save_result

#: The issue's floor: hit@1 within one point on every set.
MAX_DIFFERENCE = 0.01
EVAL = ROOT / "eval"
CORPORA = {"report": ROOT / "corpus", "multi": EVAL / "multi" / "corpus"}
#: Conversation sets over the seven reports (the others are over the first report).
MULTI_CONVERSATIONS = ("blind_conv3_multi",)


class MemoEmbedder:
    """The model, remembering passage vectors: the second store's build embeds nothing."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.dim, self.memo = inner, inner.dim, {}

    def encode_passages(self, texts, on_batch=None):
        new = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if new:
            for t, v in zip(new, self.inner.encode_passages(new), strict=True):
                self.memo[t] = v
        if on_batch is not None:
            on_batch(len(texts))
        return np.stack([self.memo[t] for t in texts])

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def question_sets() -> list[tuple[str, Path, str]]:
    """(name, file, corpus key) of every set, the first report's first."""
    sets = [(p.stem, p, "report") for p in sorted(EVAL.glob("*.jsonl"))]
    sets += [(f"multi/{p.stem}", p, "multi") for p in sorted((EVAL / "multi").glob("*.jsonl"))]
    sets += [(f"conversations/{p.stem}", p,
              "multi" if p.stem in MULTI_CONVERSATIONS else "report")
             for p in sorted((EVAL / "conversations").glob("*.jsonl"))]
    sets += [(f"series/{p.stem}", p, "series") for p in sorted((EVAL / "series").glob("*.jsonl"))]
    return sets


def new_database(base_url: str, name: str) -> str:
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return base_url.rsplit("/", 1)[0] + f"/{name}"


def figure(engine: Any, path: Path) -> tuple[float | None, list[str | None], int]:
    """(hit@1, every answer in order, questions asked) on one engine."""
    from reportqa.ask.conversation_eval import (
        evaluate_conversations,
        is_conversation_file,
        load_conversations,
    )
    from reportqa.ask.evaluation import evaluate, load_items

    if is_conversation_file(path):
        res = evaluate_conversations(engine, load_conversations(path))
        answers = [r["answer"] for r in res["items"]]
        return res["overall"]["answerable_right"], answers, len(answers)
    res = evaluate(engine, load_items(path))
    return res["overall"]["hit@1"], [r["answer"] for r in res["items"]], len(res["items"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, default=OUT / "pg-parity")
    ap.add_argument("--only", nargs="*", help="set names (as printed) to run, default all")
    args = ap.parse_args()

    from reportqa.config import Settings
    from reportqa.engine import Engine
    from reportqa.index.build import build_index
    from reportqa.model.embedder import Embedder
    from reportqa.store.postgres.admin import init_or_migrate
    from reportqa.store.postgres.embedded import EmbeddedPostgres

    if args.work.exists():
        shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    pg = EmbeddedPostgres(args.work / "pgdata")
    base_url = pg.start()
    sets = [s for s in question_sets() if not args.only or s[0] in args.only]
    corpora = dict(CORPORA)
    if any(key == "series" for _, _, key in sets):  # generated, as bench/series_qa.py does
        sys.path.insert(0, str(ROOT / "tests"))
        sys.path.insert(0, str(ROOT / "tools"))
        from write_series_corpus import write

        write(args.work / "series")
        corpora["series"] = args.work / "series" / "corpus"
    rows: list[dict[str, Any]] = []
    engines: dict[str, tuple[Any, Any]] = {}
    try:
        model = Embedder()
        memo = MemoEmbedder(model)
        for key in sorted({corpus for _, _, corpus in sets}):
            folder = Settings(corpus_dir=corpora[key], index_dir=args.work / f"index-{key}",
                              _env_file=None)
            build_index(folder, embedder_factory=lambda: memo)
            pgs = Settings(corpus_dir=corpora[key], index_dir=args.work / "unused",
                           store=new_database(base_url, key), _env_file=None)
            init_or_migrate(pgs)
            build_index(pgs, embedder_factory=lambda: memo)
            engines[key] = (Engine.load(folder, embedder=model),
                            Engine.load(pgs, embedder=model))
        print(f"{'set':34} {'corpus':6} {'n':>4} {'folder':>7} {'postgres':>8} {'diff':>6}"
              f" {'answers differ':>14}")
        for name, path, key in sets:
            t = time.perf_counter()
            fa, fans, n = figure(engines[key][0], path)
            pa, pans, _ = figure(engines[key][1], path)
            diff = abs((fa or 0.0) - (pa or 0.0))
            differ = [i for i, (x, y) in enumerate(zip(fans, pans, strict=True)) if x != y]
            rows.append({"set": name, "corpus": key, "questions": n, "folder": fa,
                         "postgres": pa, "difference": round(diff, 4),
                         "answers_differ": len(differ),
                         "seconds": round(time.perf_counter() - t, 1)})
            print(f"{name:34} {key:6} {n:>4} {fa:>7.3f} {pa:>8.3f} {diff:>6.3f}"
                  f" {len(differ):>14}", flush=True)
    finally:
        for _, b in engines.values():
            b.close()
        pg.stop("immediate")
    worst = max(rows, key=lambda r: r["difference"])
    print(f"max difference {worst['difference']:.3f} ({worst['set']}); floor "
          f"{MAX_DIFFERENCE:.2f}; {sum(r['answers_differ'] for r in rows)} answers differ in "
          f"{sum(r['questions'] for r in rows)} questions")
    print("saved", save_result("pg_parity", {"sets": rows, "max_difference":
                                              worst["difference"]}))
    return 0 if worst["difference"] <= MAX_DIFFERENCE + 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main())
