"""Conversations: follow-ups pinned on the conversation sets, and history that never changes
the answer to a question that stands alone (issue 14).

`eval/conversations/blind_conv1.jsonl` (tuning data since its misses were read) and
`blind_conv2.jsonl` (blind: summary only) were written from the report alone. Issue 14's
floor, follow-up turns right ≥ 0.90, is not met (docs/quality.md); the figures are pinned a
little under what they give now, so that they cannot slip.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportqa.ask.conversation_eval import evaluate_conversations, load_conversations
from reportqa.ask.evaluation import load_items
from reportqa.ask.followup import Turn

EVAL = Path(__file__).resolve().parents[2] / "eval"

#: (follow-up turns right, first turns right, standalone turns right), each pinned about
#: one turn under what the set gives now. With the question-level answer model (evidence-v2)
#: conv1's follow-ups went 0.731 → 0.705 (two turns) while conv2's first turns went
#: 0.958 → 0.979 and blind_conv4 (its first run) went 0.657 → 0.729 (docs/quality.md).
#: Raised in the eighth round (follow-up resolution and answering, docs/quality.md): conv1
#: follow-ups 0.705 → 0.846, conv2 0.663 → 0.795; conv7 and conv8 (tuning data since their
#: misses were read) pinned too. Raised in the tenth round (follow-up resolution, docs/
#: quality.md): conv1 0.846 → 0.910, conv7 0.788 → 0.827; conv10 (tuning data since its
#: misses were read) pinned at 0.857. Raised in the eleventh round: conv10 0.857 → 0.871;
#: conv11 (tuning data since its misses were read) pinned at 0.843. Twelfth round: conv10
#: 0.871 → 0.886 raised; conv12 (tuning data since its misses were read) pinned at 0.873.
PINS = {"blind_conv1": (0.89, 0.81, 0.87), "blind_conv2": (0.78, 0.95, 0.86),
        "blind_conv7": (0.81, 0.87, 0.97), "blind_conv8": (0.80, 0.88, 0.71),
        "blind_conv10": (0.87, 0.87, 0.75), "blind_conv11": (0.82, 0.97, 0.85),
        "blind_conv12": (0.84, 0.88, 0.85), "blind_conv13": (0.87, 0.95, 0.95)}


@pytest.mark.parametrize("name", sorted(PINS))
def test_conversation_sets(engine, name):
    res = evaluate_conversations(engine, load_conversations(
        EVAL / "conversations" / f"{name}.jsonl"))
    followup, first, standalone = PINS[name]
    kinds = res["by_kind"]
    assert kinds["followup"]["right"] >= followup, kinds
    assert kinds["first"]["right"] >= first, kinds
    assert kinds["standalone"]["right"] >= standalone, kinds
    # First turns and topic shifts answer exactly as they do without history.
    assert res["overall"]["same_as_alone"] == 1.0


@pytest.mark.parametrize("name", ["dev", "heldout_blind9"])
def test_history_never_changes_the_answer_to_a_question_that_stands_alone(engine, name):
    """Every question of a question set, asked after the one before it and after an unrelated
    conversation, gets the answer it gets alone: history is used only for follow-ups."""
    items = load_items(EVAL / f"{name}.jsonl")
    changed = []
    previous = Turn("Vad är IUC-Z group?", None)
    unrelated = [Turn("Hur många hotellnätter hade Paris i fjol?", None),
                 Turn("What is the capital of Norway?", None)]
    for item in items:
        alone = engine.ask(item.question)
        for history in ([previous], unrelated):
            after = engine.ask(item.question, history=history)
            if (after.text, after.found) != (alone.text, alone.found):
                changed.append((item.id, item.question, after.resolved_question))
        previous = Turn(item.question, alone.text)
    # A question of a set may itself be elliptical ("Och i Åre?"); none of these sets has
    # one, so none may change.
    assert not changed, changed
