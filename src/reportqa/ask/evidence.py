"""The evidence for each candidate sentence, and the calibrated model that weighs it.

A candidate is one retrieved passage's sentence. Its evidence is of several kinds: how similar
the model finds question and passage (and by how much it beats the best other candidate),
how much of the question's subject the words of the sentence and its passage cover, the
lexical and fused retrieval scores, and whether the sentence has the kind of answer the
question asks for (a count next to the counted word, a share, money, a time or year, a name,
a definition). A logistic regression fitted on the tuning sets (`tools/fit_answer_model.py`,
stored in `data/answer_model.json` with its calibration) turns that evidence into the
probability that the sentence answers; the best candidate is the answer when that probability
reaches the model's threshold, else the question is declined.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

#: The evidence, in the order the model's coefficients follow.
FEATURES = (
    "dense",  # cosine of question and passage (the model's own scale)
    "lexical",  # BM25 over the best BM25 of the question
    "fused",  # the retrieval score
    "sentence_cov",  # weighted share of the question's concepts the sentence covers
    "passage_cov",  # … the sentence with its context and heading
    "subject_cov",  # … with the confidence weights (the counted word weighs more)
    "kind_asked",  # the question asks for a kind of answer (amount, time, name, definition)
    "kind_factor",  # 1 when the sentence has that kind, lower for each kind it lacks
    "unit_bound",  # a quantity question and a number next to the counted word
    "rerank",  # the hand-weighted re-ranking score (coverage, retrieval, kind bonuses)
    "english",  # the question is in English (the report in Swedish: words match less)
    # what the question names that the candidate leaves out (a place, a group, a thing):
    # the most informative concept missing from the sentence / the whole passage, the
    # share missing, how many concepts are missing
    "missing_sentence", "missing_passage", "missing_sentence_share", "missing_passage_share",
    "missing_sentence_count", "missing_passage_count",
    "absent",  # the most informative concept that no candidate's passage has at all
    "concepts", "question_weight",  # how much the question says
    "year_asked", "year_match", "year_conflict",  # a year named, found, or another one given
    "name_asked", "name_missing",  # a place or organisation named, and missing from the sentence
    # a group the question narrows to ("för kvinnor", "bland unga", "for companies") that the
    # sentence leaves out, and whether the sentence narrows to another ("för hushåll")
    "group_missing", "group_contrast",
    # a compound asked whose last part the sentence has and an earlier part the passage does
    # not ("industriklustret" asked, "Det klustret" of tourism given): another kind of it
    "modifier_missing",
    # the passage shares only places with the question ("kommunalskatten i Krokom" → a
    # sentence on unemployment in Krokom)
    "only_places_link",
    # each RELATIVE feature minus the best value among the question's candidates (whether
    # this sentence is the one that stands out, which a value alone does not tell) …
    "dense_gap", "fused_gap", "sentence_cov_gap", "passage_cov_gap", "subject_cov_gap",
    "rerank_gap",
    # … and, for the best candidate, its lead over the runner-up
    "dense_margin", "rerank_margin",
)
#: The features that get a "_gap" partner.
RELATIVE = ("dense", "fused", "sentence_cov", "passage_cov", "subject_cov", "rerank")
#: The features that get a "_margin" partner: the value minus the runner-up's when this
#: candidate is the best, else minus the best (the same as the gap).
MARGIN = ("dense", "rerank")


def add_gaps(evidence: list[dict[str, float]]) -> list[dict[str, float]]:
    """Each candidate's RELATIVE features minus the best among the candidates, and MARGIN
    features against the runner-up."""
    for f in RELATIVE:
        best = max((e[f] for e in evidence), default=0.0)
        for e in evidence:
            e[f"{f}_gap"] = e[f] - best
    for f in MARGIN:
        top = sorted((e[f] for e in evidence), reverse=True)[:2]
        for e in evidence:
            lead = e[f] == top[0]
            e[f"{f}_margin"] = e[f] - (top[1] if len(top) > 1 else 0.0) if lead else e[f] - top[0]
    return evidence

MODEL_FILE = "answer_model.json"


@dataclass(frozen=True)
class AnswerModel:
    """A logistic regression over standardised FEATURES, with the threshold to answer."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    info: dict[str, Any]

    def probability(self, values: dict[str, float]) -> float:
        z = self.intercept
        for name, m, s, c in zip(self.features, self.mean, self.scale, self.coef, strict=True):
            z += c * (values[name] - m) / s
        return 1.0 / (1.0 + math.exp(-z))

    def to_dict(self) -> dict[str, Any]:
        return {"features": list(self.features), "mean": list(self.mean),
                "scale": list(self.scale), "coef": list(self.coef),
                "intercept": self.intercept, "threshold": self.threshold, "info": self.info}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AnswerModel:
        return cls(tuple(d["features"]), tuple(d["mean"]), tuple(d["scale"]), tuple(d["coef"]),
                   float(d["intercept"]), float(d["threshold"]), dict(d.get("info", {})))


def model_file() -> Path:
    return Path(str(resources.files("reportqa.ask").joinpath(f"data/{MODEL_FILE}")))


@lru_cache(maxsize=8)
def load_answer_model(model_id: str) -> AnswerModel | None:
    """The model fitted for an embedding model's evidence; None when there is none (then the
    answerer falls back to its weighted-coverage confidence)."""
    path = model_file()
    if not path.is_file():
        return None
    fitted = json.loads(path.read_text("utf-8")).get(model_id)
    if fitted is None:
        return None
    model = AnswerModel.from_dict(fitted)
    return model if model.features == FEATURES else None  # refit: tools/fit_answer_model.py
