"""End to end: a conversation over HTTP (history, follow-ups), the OpenAI-compatible endpoint
with the official `openai` client (streaming included), and feedback stored and exported."""

from __future__ import annotations

import json
import sqlite3

import httpx
import openai
import pytest
from support.helpers import run_cli
from support.http_server import isolated_copy, running_server

from reportqa.ask.evaluation import load_items
from reportqa.serve.http.app import create_app

INDUSTRY = "Hur många personer sysselsätter industrin?"
FOLLOW_UP = "Och turismen?"


@pytest.fixture(scope="module")
def chat(report_settings, engine, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("chat")
    s = isolated_copy(report_settings, tmp, feedback_path=tmp / "feedback" / "votes.sqlite3")
    with running_server(create_app(s, engine=engine)) as base:
        yield base, s


def test_a_follow_up_is_answered_as_the_question_it_stands_for(chat):
    base, _ = chat
    with httpx.Client(base_url=base, timeout=30) as c:
        first = c.post("/ask", json={"question": INDUSTRY}).json()
        assert "5 000" in first["answer"] and first["resolved_question"] is None
        r = c.post("/ask", json={"question": FOLLOW_UP, "history": [
            {"question": INDUSTRY, "answer": first["answer"]}]})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["question"] == FOLLOW_UP
        assert body["resolved_question"] == "Hur många personer sysselsätter turismen?"
        assert body["answer_id"]
        alone = c.post("/ask", json={"question": FOLLOW_UP}).json()
        assert alone["resolved_question"] is None  # without history nothing is resolved


def test_history_does_not_change_a_question_that_stands_alone(chat):
    base, _ = chat
    with httpx.Client(base_url=base, timeout=30) as c:
        alone = c.post("/ask", json={"question": INDUSTRY}).json()
        after = c.post("/ask", json={"question": INDUSTRY, "history": [
            {"question": "Vad är IUC-Z group?", "answer": None}]}).json()
    assert after["resolved_question"] is None
    assert (after["answer"], after["found"]) == (alone["answer"], alone["found"])


@pytest.mark.parametrize("history,message", [
    ([{"question": "x"}] * 11, "at most 10"),
    ([{"question": "   "}], "1–1000 characters"),
    ([{"question": "a", "who": "me"}], "who"),
    ([{"question": "a", "answer": "x" * 1001}], "1000"),
    ({"question": "a"}, "list"),
    (["Hur många?"], "object"),
])
def test_bad_history_is_a_clear_422(chat, history, message):
    base, _ = chat
    with httpx.Client(base_url=base, timeout=30) as c:
        r = c.post("/ask", json={"question": FOLLOW_UP, "history": history})
    assert r.status_code == 422, r.text
    assert message.lower() in r.json()["error"]["message"].lower()


# ---- OpenAI-compatible ---------------------------------------------------------------------
@pytest.fixture
def client(chat):
    base, _ = chat
    return openai.OpenAI(base_url=base + "/v1", api_key="unused", max_retries=0, timeout=30)


def test_openai_client_lists_the_model_and_gets_a_quoted_answer(client):
    assert [m.id for m in client.models.list()] == ["reportqa"]
    done = client.chat.completions.create(model="reportqa", messages=[
        {"role": "system", "content": "Du är en hjälpsam assistent."},
        {"role": "user", "content": INDUSTRY}])
    text = done.choices[0].message.content
    assert "5 000" in text and "Källa:" in text and "Mål 5" in text
    assert done.choices[0].finish_reason == "stop"
    assert done.usage.completion_tokens > 0 and done.usage.total_tokens > done.usage.prompt_tokens


def test_openai_follow_up_and_streaming(client):
    first = client.chat.completions.create(model="reportqa", messages=[
        {"role": "user", "content": INDUSTRY}]).choices[0].message.content
    stream = client.chat.completions.create(model="reportqa", stream=True,
                                            stream_options={"include_usage": True},
                                            messages=[
        {"role": "user", "content": INDUSTRY},
        {"role": "assistant", "content": first},
        {"role": "user", "content": FOLLOW_UP}])
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert len([c for c in chunks if c.choices]) > 2  # it arrives in pieces
    assert text.startswith("(Tolkat som: Hur många personer sysselsätter turismen?)")
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens > 0
    finish = [c.choices[0].finish_reason for c in chunks if c.choices]
    assert finish[-1] == "stop"


def test_openai_declined_answer_says_so(client):
    text = client.chat.completions.create(model="reportqa", messages=[
        {"role": "user", "content": "Vad kostar ett liftkort i Åre?"}]).choices[0].message.content
    assert text.startswith("Det hittade jag inte i rapporten.")


@pytest.mark.parametrize("messages,param", [
    ([{"role": "assistant", "content": "hej"}], None),  # no user message last
    ([{"role": "system", "content": "Du är en bot."}], None),  # no user message at all
    ([{"role": "user", "content": ""}], None),
    ([{"role": "robot", "content": "hej"}], "body.messages.0.role"),  # unknown role
    ([], "body.messages"),
])
def test_openai_bad_requests_are_4xx_with_openai_error_objects(client, messages, param):
    with pytest.raises(openai.UnprocessableEntityError) as err:
        client.chat.completions.create(model="reportqa", messages=messages)
    body = err.value.body  # the client read it as an OpenAI error object
    assert body["type"] == "invalid_request_error" and body["message"]
    assert body["code"] == "invalid_request" and body["param"] == param


def test_openai_a_10_mb_body_is_a_413_not_a_500(client):
    with pytest.raises(openai.APIStatusError) as err:
        client.chat.completions.create(model="reportqa", messages=[
            {"role": "user", "content": "x" * (10 * 1024 * 1024)}])
    assert err.value.status_code == 413
    assert err.value.body["type"] == "invalid_request_error"


# ---- feedback ------------------------------------------------------------------------------
def test_votes_are_stored_counted_and_exported(chat, tmp_path):
    base, s = chat
    with httpx.Client(base_url=base, timeout=30) as c:
        first = c.post("/ask", json={"question": INDUSTRY}).json()
        follow = c.post("/ask", json={"question": FOLLOW_UP, "history": [
            {"question": INDUSTRY, "answer": first["answer"]}]}).json()
        up = c.post("/feedback", json={"answer_id": first["answer_id"], "vote": "up"})
        down = c.post("/feedback", json={"answer_id": follow["answer_id"], "vote": "down",
                                         "comment": "fel siffra"})
        assert up.status_code == 201 and down.status_code == 201, down.text
        assert c.post("/feedback", json={"answer_id": "nosuchanswer", "vote": "up"}
                      ).status_code == 404
        assert c.post("/feedback", json={"answer_id": first["answer_id"], "vote": "meh"}
                      ).status_code == 422
        metrics = c.get("/metrics").text
    assert 'reportqa_feedback_votes_total{channel="http",vote="down"} 1.0' in metrics
    rows = sqlite3.connect(s.feedback_path).execute(
        "SELECT vote, question, resolved_question, comment, index_version, sources "
        "FROM feedback ORDER BY id").fetchall()
    assert [r[0] for r in rows] == ["up", "down"]
    assert rows[1][1:4] == (FOLLOW_UP, "Hur många personer sysselsätter turismen?",
                            "fel siffra")
    assert rows[1][4] and json.loads(rows[1][5])
    assert not s.feedback_path.is_relative_to(s.index_dir)  # a rebuild keeps it
    # A rebuild and a restart keep the votes: they are not in the index folder.
    from reportqa.feedback.store import FeedbackStore
    from reportqa.index.build import build_index

    (s.corpus_dir / "ny.txt").write_text("Ny rapport\n\nEn mening om vägar.\n",
                                         encoding="utf-8")
    build_index(s)
    assert FeedbackStore(s.feedback_path).counts() == {"up": 1, "down": 1}
    with running_server(create_app(s)) as again, httpx.Client(base_url=again,
                                                             timeout=60) as c:
        assert c.get("/healthz").status_code == 200
    assert FeedbackStore(s.feedback_path).counts() == {"up": 1, "down": 1}

    out = tmp_path / "regressions.jsonl"
    env = {"REPORTQA_FEEDBACK_PATH": str(s.feedback_path)}
    p = run_cli("feedback", "export", "--jsonl", "--out", str(out), env_extra=env)
    assert p.returncode == 0, p.stderr
    [item] = load_items(out)  # the `reportqa eval` format
    assert item.question == "Hur många personer sysselsätter turismen?" and item.expect is None
    assert json.loads(out.read_text())["feedback"]["comment"] == "fel siffra"
    # … and it round-trips: `reportqa eval` runs it as a question set.
    p = run_cli("eval", str(out), "--index", str(s.index_dir), "--json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["overall"]["questions"] == 1
    p = run_cli("feedback", "stats", env_extra=env)
    assert p.returncode == 0 and p.stdout.startswith("1 up, 1 down")
