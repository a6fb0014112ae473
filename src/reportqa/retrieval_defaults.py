"""Retrieval settings recorded in each index manifest, chosen by measurement (README, quality).

- fusion: score-normalised linear fusion (reciprocal rank fusion lowered first-place hits).
- dense_weight: the bundled English MiniLM model is weak on Swedish, so the lexical side
  leads (0.3: between 0 and 0.3 the tuning set's answers are the same, above it English
  questions lose); a multilingual model earns the dense side more (0.6). Overridable with
  REPORTQA_DENSE_WEIGHT.
- abstain_threshold: below this confidence (the weighted share of the question that the
  answering passage covers, lowered when an amount, a time or the counted thing is missing)
  the answer is "not in the report". Calibrated on eval/tune.jsonl with
  `reportqa eval eval/tune.jsonl --calibrate` (declines 88 % of its unanswerable questions,
  2 % of its answerable ones; tune.jsonl + heldout_blind.jsonl merged give the same
  0.49). The confidence is lexical, so the same value serves other models. Overridable
  with REPORTQA_ABSTAIN_THRESHOLD.
"""

from __future__ import annotations

from .config import BUNDLED_MODEL

DEFAULT_DENSE_WEIGHT_WEAK = 0.3
DEFAULT_DENSE_WEIGHT_STRONG = 0.6
DEFAULT_ABSTAIN_THRESHOLD = 0.49


def retrieval_defaults(model_id: str) -> dict[str, float | str]:
    strong = model_id != BUNDLED_MODEL
    return {
        "fusion": "linear-minmax",
        "dense_weight": DEFAULT_DENSE_WEIGHT_STRONG if strong else DEFAULT_DENSE_WEIGHT_WEAK,
        "abstain_threshold": DEFAULT_ABSTAIN_THRESHOLD,
        "confidence": "weighted-coverage-v1",
    }
