"""Answer quality pinned on the question sets, with the bundled model (issue 3's floors).

`eval/heldout.jsonl` was written before tuning and never tuned on (its summary was run
once); `eval/tune.jsonl` is what retrieval, the glossary and the abstention threshold were
developed and calibrated on; `eval/heldout_blind7.jsonl` and `heldout_blind8.jsonl` are the
last blind sets. All must meet the floors: Swedish answers contain the expected
fact for ≥ 95 % of answerable questions, English ≥ 80 %; ≥ 75 % of unanswerable questions
are declined and ≤ 5 % of answerable ones. A change that costs answers fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportqa.ask.answer import ELLIPSIS, MAX_ANSWER_CHARS, Answerer
from reportqa.ask.defaults import retrieval_defaults
from reportqa.ask.evaluation import calibrate, contains, evaluate, load_items
from reportqa.ask.evidence import load_answer_model
from reportqa.ask.messages import not_found_text
from reportqa.engine import ANSWER_CANDIDATES

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "eval"
DEV = ROOT / "eval" / "dev.jsonl"  # a copy of ../shared/eval/dev.jsonl

FLOORS = {"sv": 0.95, "en": 0.80}
MIN_DECLINED_UNANSWERABLE = 0.75
MAX_WRONGLY_DECLINED = 0.05


class Recording:
    """The engine, keeping every answer so that one pass over the questions serves both
    the figures and the checks of each answer."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.answers: dict[str, object] = {}
        self.version, self.model_name = engine.version, engine.model_name

    def ask(self, question: str, **kw):
        ans = self.engine.ask(question, **kw)
        self.answers[question] = ans
        return ans


@pytest.fixture(scope="module")
def recorded(engine) -> Recording:
    return Recording(engine)


#: The harder sets (eval/README.md): phone typing, chat forms, synonyms the report does not
#: use. Below the floors, but not allowed to slip: each is pinned about one question under
#: what it gives now (sv hit@1, en hit@1, unanswerable declined, answerable wrongly declined).
REGRESSION_PINS = {
    "tune_x": (0.71, None, 0.65, 0.11),
    "heldout_blind": (0.95, 0.95, 0.80, 0.02),
    "heldout_blind2": (0.84, 0.93, 0.80, 0.09),
    "heldout_blind3": (0.91, 0.90, 0.80, 0.04),
    # re-pinned with the answer model: Swedish 0.75 → 0.84 and answerable declined
    # 0.16 → 0.01, one unanswerable question fewer declined (0.686 → 0.629)
    # eighth round's refit (more sets, out of fold 0.866 → 0.895 right, 0.057 → 0.050
    # wrongly declined, 0.731 → 0.754 unanswerable declined): one more of its answerable
    # questions declined (0.026 → 0.039); the tenth round's refit (the place check, out of
    # fold 0.755 → 0.753 unanswerable declined with 0.050 → 0.042 answerable declined) one
    # more (0.039 → 0.053): "Kan ett verkstadsföretag få hjälp …", which the round-start
    # code answered wrongly at 0.49
    "heldout_blind4": (0.82, 0.93, 0.60, 0.055),
    "heldout_blind5": (0.92, 0.90, 0.66, 0.03),
    "heldout_blind6": (0.88, 0.90, 0.80, 0.06),
    # written blind in the sixth round; tuning data since their first runs (docs/quality.md)
    "heldout_blind12": (0.87, 0.85, 0.70, 0.05),
    "heldout_blind13": (0.91, 0.80, 0.80, 0.05),
}
#: Sets held to issue 3's floors: the first held-out set, the tuning set, the shared dev set,
#: and the last two blind sets, which met them on their one blind run (eval/README.md).
FLOOR_SETS = ("heldout", "tune", "heldout_blind7", "heldout_blind8", "dev")


@pytest.fixture(scope="module")
def results(recorded) -> dict[str, dict]:
    out = {name: evaluate(recorded, load_items(EVAL / f"{name}.jsonl"))
           for name in (*FLOOR_SETS[:-1], *REGRESSION_PINS)}
    if DEV.is_file():
        out["dev"] = evaluate(recorded, load_items(DEV))
    return out


@pytest.fixture(scope="module")
def answers(results, recorded) -> dict:
    return recorded.answers


def _misses(res: dict, lang: str) -> list[str]:
    return [f"{r['id']}: {r['question']} → {r['answer']!r}" for r in res["items"]
            if r["lang"] == lang and r["expect"] is not None and not r["hit"]]


@pytest.mark.parametrize("name", FLOOR_SETS)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_answers_contain_the_expected_fact(results, name, lang):
    if name not in results:
        pytest.skip(f"{DEV} is not there")
    s = results[name]["by_language"][lang]
    assert s["hit@1"] >= FLOORS[lang], (s, _misses(results[name], lang))
    assert s["hit@3"] >= s["hit@1"]
    assert s["mrr"] >= s["hit@1"] * 0.9


@pytest.mark.parametrize("name", FLOOR_SETS)
def test_abstention(results, name):
    if name not in results:
        pytest.skip(f"{DEV} is not there")
    s = results[name]["overall"]
    declined = [r["question"] for r in results[name]["items"]
                if r["expect"] is not None and r["declined"]]
    answered = [f"{r['question']} → {r['answer']}" for r in results[name]["items"]
                if r["expect"] is None and not r["declined"]]
    assert s["declined_unanswerable"] >= MIN_DECLINED_UNANSWERABLE, answered
    assert s["wrongly_declined"] <= MAX_WRONGLY_DECLINED, declined


@pytest.mark.parametrize("name", list(REGRESSION_PINS))
def test_the_harder_sets_do_not_regress(results, name):
    sv, en, declined, wrongly = REGRESSION_PINS[name]
    res = results[name]
    langs = res["by_language"]
    assert langs["sv"]["hit@1"] >= sv, _misses(res, "sv")
    if en is not None:
        assert langs["en"]["hit@1"] >= en, _misses(res, "en")
    assert res["overall"]["declined_unanswerable"] >= declined
    assert res["overall"]["wrongly_declined"] <= wrongly


def test_the_sets_cover_both_languages_and_unanswerable_questions():
    for name in ("heldout", "tune"):
        items = load_items(EVAL / f"{name}.jsonl")
        for lang in ("sv", "en"):
            answerable = [i for i in items if i.lang == lang and i.expect is not None]
            unanswerable = [i for i in items if i.lang == lang and i.expect is None]
            assert len(answerable) >= 30 and len(unanswerable) >= 10, (name, lang)
        assert len({i.id for i in items}) == len(items)


def test_expected_facts_are_quoted_from_the_report():
    """Every expected string is in the report, read as the evaluation reads it (one kind of
    dash: "Eldrimner ─ natonellt" as the report writes it), so a hit means the answer
    quotes it."""
    report = next((ROOT / "corpus").glob("*.txt"))
    text = report.read_text(encoding="utf-8")
    for name in sorted(p.stem for p in EVAL.glob("*.jsonl")):
        for item in load_items(EVAL / f"{name}.jsonl"):
            for e in item.expect or []:
                assert contains(text, [e]), (name, item.id, e)


#: What the threshold is calibrated on: every tuning set but `heldout_blind4`, which was
#: written to avoid the report's words (a stress set, not how users write).
CALIBRATION_SETS = ("tune", "tune_x", "heldout_blind", "heldout_blind2", "heldout_blind3",
                    "heldout_blind5", "heldout_blind6")


def test_the_answer_model_declines_with_its_out_of_fold_threshold(results, engine):
    """With the bundled model, the fitted answer model decides (ask/evidence.py): the engine
    declines below the threshold `tools/fit_answer_model.py` chose on out-of-fold
    probabilities (each tuning set predicted by a model fitted on the others), which kept
    the declined answerable questions within the budget it was given."""
    model = load_answer_model(engine.model_name)
    assert model is not None and engine.snapshot.answerer.model == model
    assert engine.snapshot.answerer.threshold == model.threshold
    held_out = model.info["out_of_fold"]
    assert held_out["wrongly_declined"] <= model.info["max_wrongly_declined"]
    assert 0.0 < model.threshold < 1.0
    # the calibration table: what is predicted likelier is right more often
    rights = [b["right"] for b in model.info["calibration"]]
    assert rights[-1] > rights[0] and rights[-1] >= 0.9


def test_coverage_threshold_is_the_one_calibration_chooses(engine):
    """Without the answer model (REPORTQA_ANSWER_MODEL=false, or a model none is fitted for),
    `reportqa eval <the calibration sets, concatenated> --calibrate` picks the threshold the
    index records."""
    snap = engine.snapshot
    coverage = Answerer(snap.answerer.analyzer, 0.0, snap.answerer.documents,
                        queries=snap.answerer.queries, earlier=snap.answerer.earlier)
    rows = []
    for name in CALIBRATION_SETS:
        for it in load_items(EVAL / f"{name}.jsonl"):
            q = snap.retriever.analyze(it.question)
            ans = coverage.answer(q, snap.retriever.search_query(q, ANSWER_CANDIDATES))
            rows.append({"expect": it.expect, "confidence": ans.confidence})
    stored = retrieval_defaults(engine.model_name)["abstain_threshold"]
    cal = calibrate(rows)
    assert cal.threshold == pytest.approx(stored, abs=0.02)
    assert cal.wrongly_declined <= 0.02
    assert engine.manifest["retrieval"]["abstain_threshold"] == stored


def test_latency_is_reported(results):
    for res in results.values():
        for s in (res["overall"], *res["by_language"].values()):
            assert s["median_ms"] is not None and s["median_ms"] > 0


# every number as written: "5 000", "90 %", "SOU:2017:1", "20-tal", "80+"
_NUMBER = re.compile(r"\d+(?:[ \u00a0]\d{3})*(?:[.,:]\d+)*")


def test_every_number_in_an_answer_is_verbatim_in_its_cited_passage(answers):
    checked = 0
    for q, ans in answers.items():
        if not ans.found:
            continue
        cited = ans.sources[0].text
        for number in _NUMBER.findall(ans.text):
            assert number in cited, (q, number, cited)
            checked += 1
    assert checked > 50


def test_answers_are_quoted_verbatim_and_short(answers):
    for q, ans in answers.items():
        if not ans.found:
            continue
        assert len(ans.text) <= MAX_ANSWER_CHARS, q
        quote = ans.text.removeprefix(f"{ELLIPSIS} ")
        assert quote in ans.sources[0].text, (q, ans.text)
        assert ans.sources[0].sentence in ans.text, q


def test_sources_do_not_repeat_what_an_earlier_source_shows(answers):
    for q, ans in answers.items():
        shown: list[str] = []
        for s in ans.sources:
            assert not any(s.sentence in earlier for earlier in shown), (q, s.sentence)
            shown.append(s.text)
        assert len({s.text for s in ans.sources}) == len(ans.sources)


def test_declined_questions_show_the_nearest_sections(answers):
    declined = [a for a in answers.values() if not a.found]
    assert declined
    for ans in declined:
        assert ans.text is None and ans.sources
        msg = not_found_text(ans.language, [s.section for s in ans.sources])
        assert msg.startswith("Det hittade jag inte i rapporten." if ans.language == "sv"
                              else "I could not find that in the report.")
        assert ans.sources[0].section in msg
