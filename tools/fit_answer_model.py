"""Fit the answer model (ask/evidence.py) on tuning question sets and store it.

    python tools/fit_answer_model.py --index /tmp/ix eval/tune.jsonl eval/tune_x.jsonl \
        eval/multi/heldout_multiA.jsonl@/tmp/ix-multi

Each set is FILE or FILE@INDEX (default index: --index). For every question the retrieved
candidates are re-ranked and their evidence computed; a candidate is a positive example when
its answer text holds an expected string. A logistic regression over the standardised
evidence is fitted; the threshold trades declined unanswerable questions against declined
answerable ones (choose_threshold). The coefficients,
threshold, tuning figures and a calibration table are written into
src/reportqa/ask/data/answer_model.json under the embedding model's id.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from reportqa.ask.answer import answer_text
from reportqa.ask.evaluation import contains, load_items
from reportqa.ask.evidence import FEATURES, AnswerModel, model_file
from reportqa.config import Settings
from reportqa.engine import ANSWER_CANDIDATES, Engine

#: Logistic-regression regularisation (sklearn's C): moderate, so that a handful of features
#: fitted on ~1,000 questions do not chase single questions.
REGULARISATION = 1.0
CALIBRATION_BINS = 10
#: In choosing the threshold, one answerable question declined costs as much as this many
#: unanswerable ones answered: a wrong figure is worse than a decline, but a service that
#: declines what it knows is no service either.
WRONGLY_DECLINED_COST = 3.0


def collect(engine: Engine, path: Path) -> list[dict]:
    """Per question: the evidence of each candidate and whether it answers."""
    snap = engine.snapshot
    out = []
    for it in load_items(path):
        q = snap.retriever.analyze(it.question)
        hits = snap.retriever.search_query(q, ANSWER_CANDIDATES)
        if not hits or not q.concepts:
            out.append({"set": path.name, "id": it.id, "answerable": it.expect is not None,
                        "x": [], "y": []})
            continue
        ranked = snap.answerer.rank(q, hits)
        ev = snap.answerer.evidence(q, ranked)
        ys = [bool(it.expect) and contains(answer_text(s.hit, s.needs_context), it.expect)
              for s in ranked[:len(ev)]]
        out.append({"set": path.name, "id": it.id, "answerable": it.expect is not None,
                    "x": [[e[f] for f in FEATURES] for e in ev], "y": ys})
    return out


def figures(rows: list[dict], probs: list[np.ndarray], threshold: float) -> dict[str, float]:
    ans = [(r, p) for r, p in zip(rows, probs, strict=True) if r["answerable"]]
    un = [(r, p) for r, p in zip(rows, probs, strict=True) if not r["answerable"]]

    def best(r, p):
        return (int(np.argmax(p)), float(p.max())) if len(p) else (-1, 0.0)

    hit = sum(1 for r, p in ans if len(p) and best(r, p)[1] >= threshold and r["y"][best(r, p)[0]])
    wrongly = sum(1 for r, p in ans if best(r, p)[1] < threshold)
    declined = sum(1 for r, p in un if best(r, p)[1] < threshold)
    return {"questions": len(rows), "hit@1": round(hit / max(1, len(ans)), 3),
            "wrongly_declined": round(wrongly / max(1, len(ans)), 3),
            "declined_unanswerable": round(declined / max(1, len(un)), 3)}


def choose_threshold(rows: list[dict], probs: list[np.ndarray], max_wrongly: float) -> float:
    """The threshold that declines the most unanswerable questions for the fewest answerable
    ones (each answerable declined costs WRONGLY_DECLINED_COST unanswerable declined), with
    at most `max_wrongly` of the answerable declined."""
    best_of = [float(p.max()) if len(p) else 0.0 for p in probs]
    ans = np.array([b for b, r in zip(best_of, rows, strict=True) if r["answerable"]])
    un = np.array([b for b, r in zip(best_of, rows, strict=True) if not r["answerable"]])
    best_t, best_gain = 0.0, -1e9
    for t in sorted(set(best_of)):
        wrongly = float((ans < t).mean()) if len(ans) else 0.0
        declined = float((un < t).mean()) if len(un) else 0.0
        gain = declined - WRONGLY_DECLINED_COST * wrongly
        if wrongly <= max_wrongly and gain > best_gain:
            best_t, best_gain = t, gain
    return round(best_t, 4)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--max-wrongly-declined", type=float, default=0.05)
    ap.add_argument("--dry-run", action="store_true", help="print, do not write the model")
    ap.add_argument("sets", nargs="+")
    args = ap.parse_args()
    engines: dict[Path, Engine] = {}
    rows: list[dict] = []
    for spec in args.sets:
        file, _, index = spec.partition("@")
        ix = Path(index) if index else args.index
        if ix not in engines:
            embedder = next(iter(engines.values())).embedder if engines else None
            engines[ix] = Engine.load(Settings(index_dir=ix), embedder=embedder)
        rows += collect(engines[ix], Path(file))
    model_id = next(iter(engines.values())).settings.model_id
    x = np.array([v for r in rows for v in r["x"]], dtype=np.float64)
    y = np.array([v for r in rows for v in r["y"]], dtype=np.int32)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=REGULARISATION, max_iter=2000)
    lr.fit((x - mean) / scale, y)
    model = AnswerModel(FEATURES, tuple(mean), tuple(scale), tuple(lr.coef_[0]),
                        float(lr.intercept_[0]), 0.5, {})
    probs = [np.array([model.probability(dict(zip(FEATURES, v, strict=True))) for v in r["x"]])
             for r in rows]
    threshold = choose_threshold(rows, probs, args.max_wrongly_declined)
    # calibration of the top candidate: predicted probability against answered right
    tops = [(float(p.max()), bool(r["y"][int(np.argmax(p))]))
            for r, p in zip(rows, probs, strict=True) if len(p)]
    bins = []
    for b in range(CALIBRATION_BINS):
        lo, hi = b / CALIBRATION_BINS, (b + 1) / CALIBRATION_BINS
        sel = [ok for pr, ok in tops if lo <= pr < hi or (b == CALIBRATION_BINS - 1 and pr == 1)]
        if sel:
            bins.append({"predicted": f"{lo:.1f}-{hi:.1f}", "questions": len(sel),
                         "right": round(sum(sel) / len(sel), 3)})
    per_set = {}
    for name in dict.fromkeys(r["set"] for r in rows):
        sel = [i for i, r in enumerate(rows) if r["set"] == name]
        per_set[name] = figures([rows[i] for i in sel], [probs[i] for i in sel], threshold)
    model = AnswerModel(FEATURES, tuple(round(v, 6) for v in mean),
                        tuple(round(v, 6) for v in scale),
                        tuple(round(float(v), 6) for v in lr.coef_[0]),
                        round(float(lr.intercept_[0]), 6), threshold,
                        {"fitted_on": list(per_set), "candidates": int(len(y)),
                         "max_wrongly_declined": args.max_wrongly_declined,
                         "tuning": per_set, "calibration": bins})
    print(json.dumps(model.to_dict(), indent=1, ensure_ascii=False))
    if not args.dry_run:
        path = model_file()
        stored = json.loads(path.read_text("utf-8")) if path.is_file() else {}
        stored[model_id] = model.to_dict()
        path.write_text(json.dumps(stored, indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(f"written: {path} [{model_id}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
