"""Retrieval settings recorded in each index manifest, chosen by measurement (see README).

The bundled English MiniLM model is weak on Swedish, so fusion leans on the lexical side;
a multilingual model earns the dense side more weight.
"""

from __future__ import annotations

from .config import BUNDLED_MODEL

DEFAULT_DENSE_WEIGHT_WEAK = 0.3
DEFAULT_DENSE_WEIGHT_STRONG = 0.6
DEFAULT_ABSTAIN_THRESHOLD = 0.35


def retrieval_defaults(model_id: str) -> dict[str, float | str]:
    strong = model_id != BUNDLED_MODEL
    return {
        "fusion": "linear-minmax",
        "dense_weight": DEFAULT_DENSE_WEIGHT_STRONG if strong else DEFAULT_DENSE_WEIGHT_WEAK,
        "abstain_threshold": DEFAULT_ABSTAIN_THRESHOLD,
    }
