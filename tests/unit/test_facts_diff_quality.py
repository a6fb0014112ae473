"""The issue's floor for the edition diff on the generated series corpus, without an index:
precision and recall of changed, new and removed figures ≥ 0.95 over every pair of editions
(bench/diff_bench.py prints the same per pair), for the corpus's own draw and two others."""

from __future__ import annotations

import pytest
from support.series_corpus import SEED, diff_files, score_changes, write_series_corpus

BAR = 0.95


@pytest.mark.parametrize("seed", [SEED, 1, 2])
def test_the_diff_finds_what_the_generator_changed(tmp_path, seed):
    truth = write_series_corpus(tmp_path, seed=seed)
    assert len({p.series for p in truth.pairs}) >= 3
    predicted = correct = found = total = 0
    for pair in truth.pairs:
        assert pair.changed and (pair.new_ids or pair.removed)
        sc = score_changes(truth, pair, diff_files(truth, pair))
        predicted, correct = predicted + sc.predicted, correct + sc.correct
        found, total = found + sc.found, total + pair.total
    assert correct / predicted >= BAR, (correct, predicted)
    assert found / total >= BAR, (found, total)
