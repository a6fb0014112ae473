"""Questions over the generated series corpus: hit@1 by kind, declined, and page furniture in
answers.

    .venv/bin/python bench/series_qa.py [--questions eval/series/smoke_series.jsonl]
                                        [--keep DIR] [--seed N] [--details]

Writes the corpus (tools/write_series_corpus.py: three series, two or three editions each, as
text, Markdown, DOCX, HTML and two-column PDF with running header and footer, hyphenation and
a table) to a temporary folder (or DIR with --keep: kept afterwards, and an index already
there is updated, not rebuilt), builds an index with the default model, runs the question file
(`reportqa eval` format; items may name their `edition` and `kind`, eval/README.md) and
prints hit@1 by kind, the share declined, and the furniture check: how many answers (their
text or quoted sentence) contain a header, footer or page-number line of truth.json, or a
hyphenated word broken in two. Issue 15's bars: newest ≥ 0.95, older ≥ 0.90, table ≥ 0.90,
furniture 0. Writes bench/out/results/series_qa.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from common import ROOT, save_result

sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tools"))

from support.series_corpus import SEED, furniture_in  # noqa: E402
from write_series_corpus import write  # noqa: E402

from reportqa.ask.evaluation import evaluate, load_items  # noqa: E402
from reportqa.config import Settings  # noqa: E402
from reportqa.engine import Engine  # noqa: E402
from reportqa.index.build import build_index  # noqa: E402

DEFAULT_QUESTIONS = ROOT / "eval" / "series" / "smoke_series.jsonl"
#: Issue 15's floors per kind of question (hit@1); furniture must be absent from every answer.
BARS = {"newest": 0.95, "older": 0.90, "table": 0.90}


def run(questions: Path, folder: Path, seed: int, details: bool) -> dict:
    write(folder, seed)
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    settings = Settings(corpus_dir=folder / "corpus", index_dir=folder / "index",
                        feedback_path=folder / "feedback.sqlite3", _env_file=None)
    build_index(settings)
    engine = Engine.load(settings)
    try:
        res = evaluate(engine, load_items(questions))
        furniture = []
        for item in res["items"]:
            ans = engine.ask(item["question"], top_k=3)
            quoted = ans.sources[0].sentence if ans.found and ans.sources else ""
            bad = furniture_in(ans.text, truth) + furniture_in(quoted, truth)
            if bad:
                furniture.append({"id": item["id"], "found": bad, "answer": ans.text})
    finally:
        engine.close()
    if details:
        for r in res["items"]:
            ok = r["hit"] or (r["expect"] is None and r["declined"])
            print(f"{'ok ' if ok else 'MISS'} {r['id']} [{r['kind']}] [{r['confidence']:.2f}] "
                  f"{r['question']}\n     → {r['answer']}")
    return {"questions": str(questions), "seed": seed, "overall": res["overall"],
            "by_kind": res.get("by_kind", {}), "furniture": furniture}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    ap.add_argument("--keep", type=Path, help="write corpus, truth and index here and keep them")
    ap.add_argument("--seed", type=int, default=SEED, help="corpus seed (default: %(default)s)")
    ap.add_argument("--details", action="store_true", help="every question and its answer")
    args = ap.parse_args()
    if args.keep:
        result = run(args.questions, args.keep, args.seed, args.details)
    else:
        with tempfile.TemporaryDirectory(prefix="series-qa-") as tmp:
            result = run(args.questions, Path(tmp), args.seed, args.details)
    print(f"{'kind':<14} {'questions':>9} {'hit@1':>7} {'declined':>9} {'bar':>5}")
    rows = [*result["by_kind"].items(), ("all", result["overall"])]
    for kind, f in rows:
        hit = "-" if f["hit@1"] is None else f"{f['hit@1']:.3f}"
        declined = f["declined_unanswerable"] if f["answerable"] == 0 else f["wrongly_declined"]
        bar = BARS.get(kind)
        print(f"{kind:<14} {f['questions']:>9} {hit:>7} {declined:>9.3f} "
              f"{'' if bar is None else bar:>5}")
    print("declined: the share of unanswerable questions declined (a kind without answers), "
          "else of answerable ones wrongly declined")
    print(f"furniture check: {len(result['furniture'])} answers with header/footer text, a "
          "page-number line or a broken hyphenation (must be 0)")
    for f in result["furniture"]:
        print(f"    {f['id']}: {f['found']} in “{f['answer']}”")
    save_result("series_qa", result)
    below = [k for k, bar in BARS.items() if k in result["by_kind"]
             and (result["by_kind"][k]["hit@1"] or 0) < bar]
    sys.exit(1 if below or result["furniture"] else 0)


if __name__ == "__main__":
    main()
