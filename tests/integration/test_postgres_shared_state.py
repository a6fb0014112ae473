"""Stateless replicas on the embedded PostgreSQL (no skip: a missing server fails): answers,
votes and the Telegram bot's conversation memory in the database, so a vote or a follow-up
may land on any replica; the database unreachable (or its schema too old) is 503 with the
reason, never a 500."""

from __future__ import annotations

import shutil
import time

import psycopg
import pytest
from fastapi.testclient import TestClient
from support.helpers import REPORT, make_settings, run_cli
from support.postgres import new_database

from reportqa.ask.followup import Turn
from reportqa.engine import Engine
from reportqa.feedback.select import open_feedback
from reportqa.feedback.store import eval_rows
from reportqa.index.build import build_index
from reportqa.serve.http.app import create_app
from reportqa.serve.telegram.state import (
    ChosenReportsMemory,
    ConversationMemory,
    SharedSourceCache,
    Shown,
    SourceCache,
    chosen_reports,
    conversation_memory,
    source_cache,
)
from reportqa.store.postgres.admin import init_or_migrate
from reportqa.store.postgres.chosen_reports import PostgresChosenReports
from reportqa.store.postgres.conversations import PostgresConversations
from reportqa.store.postgres.schema import MIGRATIONS
from reportqa.store.postgres.shared import SharedDatabase
from reportqa.types import Source

QUESTION = "Hur många arbetar i besöksnäringen?"
#: Nothing listens on port 1: connections are refused at once.
UNREACHABLE = "postgresql://u:secret@127.0.0.1:1/none"
#: Seconds a request waits for the unreachable database before 503 (kept short here).
SHORT_TIMEOUT = 1.0


@pytest.fixture(scope="module")
def shared(tmp_path_factory, pg_server, embedder):
    """Settings of one database holding the first report: what two replicas share."""
    s = make_settings(tmp_path_factory.mktemp("shared"), store=new_database(pg_server, "shared"))
    shutil.copy(REPORT, s.corpus_dir / REPORT.name)
    init_or_migrate(s)
    build_index(s, embedder_factory=lambda: embedder)
    return s


def test_vote_on_replica_b_for_an_answer_from_replica_a(shared, embedder, tmp_path):
    # Two replicas: each its own engine, its own app state, its own (unused) SQLite path.
    a_settings = shared.model_copy(update={"feedback_path": tmp_path / "a.sqlite3"})
    b_settings = shared.model_copy(update={"feedback_path": tmp_path / "b.sqlite3"})
    a_engine = Engine.load(a_settings, embedder=embedder)
    b_engine = Engine.load(b_settings, embedder=embedder)
    try:
        with TestClient(create_app(a_settings, a_engine)) as a, \
                TestClient(create_app(b_settings, b_engine)) as b:
            asked = a.post("/ask", json={"question": QUESTION})
            assert asked.status_code == 200, asked.text
            answer_id = asked.json()["answer_id"]
            vote = b.post("/feedback", json={"answer_id": answer_id, "vote": "down",
                                             "comment": "fel år"})
            assert vote.status_code == 201, vote.text
            assert vote.json()["stored"] is True
            # And the other way round; an id no replica gave is 404, not 500.
            again = b.post("/ask", json={"question": QUESTION}).json()["answer_id"]
            assert a.post("/feedback", json={"answer_id": again, "vote": "up"}
                          ).status_code == 201
            unknown = b.post("/feedback", json={"answer_id": "nosuchanswer", "vote": "up"})
            assert unknown.status_code == 404 and "votable" in unknown.json()["error"]["message"]
    finally:
        a_engine.close()
        b_engine.close()
    assert not (tmp_path / "a.sqlite3").exists() and not (tmp_path / "b.sqlite3").exists()
    with psycopg.connect(shared.store_url) as conn:
        rows = conn.execute("SELECT answer_id, vote, comment, question, channel "
                            "FROM reportqa.feedback ORDER BY id").fetchall()
    assert rows == [(answer_id, "down", "fel år", QUESTION, "http"),
                    (again, "up", None, QUESTION, "http")]
    # The CLI reads the same votes: stats and export.
    feedback = open_feedback(shared)
    try:
        assert feedback.votes.counts() == {"up": 1, "down": 1}
        exported = list(eval_rows(feedback.votes))
        assert [r["question"] for r in exported] == [QUESTION]
        assert exported[0]["feedback"]["created_at"].endswith("Z")
    finally:
        feedback.close()
    stats = run_cli("feedback", "stats", env_extra={"REPORTQA_STORE": shared.store_url})
    assert stats.returncode == 0, stats.stderr
    assert stats.stdout.startswith("1 up, 1 down (postgresql://")


def test_two_bot_states_on_one_database_share_a_chat(shared):
    one, two = conversation_memory(shared), conversation_memory(shared)
    assert isinstance(one, PostgresConversations) and one.shared
    key, other = (4242, 7), (4242, 8)  # a group: each user their own conversation
    try:
        one.add(key, Turn("Hur många personer sysselsätter industrin?", "ca 5 000 personer"))
        assert two.history(key) == [Turn("Hur många personer sysselsätter industrin?",
                                         "ca 5 000 personer")]
        two.add(key, Turn("Och turismen?", None))
        assert [t.question for t in one.history(key)] == [
            "Hur många personer sysselsätter industrin?", "Och turismen?"]
        assert one.history(other) == []
        # Bounded as the in-process memory: the latest `turns` turns.
        for n in range(one.turns + 2):
            (one if n % 2 else two).add(other, Turn(f"fråga {n}"))
        assert [t.question for t in two.history(other)] == [
            f"fråga {n}" for n in range(2, one.turns + 2)]
        # /ny on one replica starts over on both.
        assert two.forget(key) and one.history(key) == [] and not one.forget(key)
    finally:
        one.close()
        two.close()


def test_two_bot_states_share_the_sources_of_an_answer(shared):
    """"Visa källor" pressed, or /kallor sent, on another replica than the one that answered."""
    one, two = source_cache(shared), source_cache(shared)
    assert isinstance(one, SharedSourceCache)
    src = Source("a.txt", "Läget i länet", "Mål 5", 3, "Före. Meningen.", "Meningen.", 0.8,
                 "2026-11-27", "2021")
    try:
        shown = Shown(99, "Hur många?", "sv", (src,))
        key = one.put(shown)
        assert len(key) <= 16 and two.get(key) == shown
        assert two.last(99) == shown and two.last(98) is None and two.get("nosuchkey") is None
        later = Shown(99, "Och turismen?", "sv", ())
        two.put(later)
        assert one.last(99) == later
    finally:
        one.close()
        two.close()


def test_two_bot_states_share_the_report_a_chat_picked(shared):
    """/rapporter on one replica, the next question on another."""
    one, two = chosen_reports(shared), chosen_reports(shared)
    assert isinstance(one, PostgresChosenReports) and one.shared
    try:
        assert two.get((77, 0)) is None
        one.choose((77, 0), "laget-i-lanet-mal-3")
        assert two.get((77, 0)) == "laget-i-lanet-mal-3" and two.get((77, 1)) is None
        two.choose((77, 0), "laget-i-lanet-mal-5")
        assert one.get((77, 0)) == "laget-i-lanet-mal-5"
        one.choose((77, 0), None)  # every report again
        assert two.get((77, 0)) is None
        two.choose((77, 0), None)  # nothing to clear is fine
    finally:
        one.close()
        two.close()


def test_conversation_forgotten_after_silence(shared):
    memory = PostgresConversations(SharedDatabase(shared.store_url, shared.db_timeout),
                                   idle=0.3, turns=4)
    try:
        memory.add((1, 1), Turn("Vad är ett kluster?"))
        assert memory.history((1, 1))
        time.sleep(0.5)
        assert memory.history((1, 1)) == []
        memory.add((1, 1), Turn("Och turismen?"))  # a new conversation, not the old one
        assert [t.question for t in memory.history((1, 1))] == ["Och turismen?"]
    finally:
        memory.close()


def test_folder_store_keeps_state_in_process(tmp_path):
    s = make_settings(tmp_path)
    assert isinstance(conversation_memory(s), ConversationMemory)
    assert isinstance(source_cache(s), SourceCache)
    assert isinstance(chosen_reports(s), ChosenReportsMemory)
    feedback = open_feedback(s)
    assert not feedback.shared and feedback.where.endswith("feedback.sqlite3")


def test_database_unreachable_is_503_with_the_reason(engine, tmp_path):
    """The answer's engine works; the database holding answers and votes does not."""
    s = make_settings(tmp_path, store=UNREACHABLE, db_timeout=SHORT_TIMEOUT)
    with TestClient(create_app(s, engine), raise_server_exceptions=False) as c:
        asked = c.post("/ask", json={"question": QUESTION})
        assert asked.status_code == 503, asked.text
        err = asked.json()["error"]
        assert err["code"] == "store_unavailable" and "unreachable" in err["message"]
        assert "secret" not in err["message"]
        vote = c.post("/feedback", json={"answer_id": "3f9a1c2b7d4e5f60", "vote": "up"})
        assert vote.status_code == 503, vote.text
        err = vote.json()["error"]
        assert err["code"] == "feedback_unavailable" and "unreachable" in err["message"]


def test_schema_too_old_is_503_naming_the_migration(pg_server, engine, tmp_path):
    url = new_database(pg_server, "old")
    with psycopg.connect(url, autocommit=True) as conn:  # a database at level 1
        conn.execute(MIGRATIONS[0])
        conn.execute("UPDATE reportqa.schema_version SET level = 1")
    s = make_settings(tmp_path, store=url)
    with TestClient(create_app(s, engine), raise_server_exceptions=False) as c:
        vote = c.post("/feedback", json={"answer_id": "3f9a1c2b7d4e5f60", "vote": "up"})
    assert vote.status_code == 503, vote.text
    assert "reportqa db migrate" in vote.json()["error"]["message"]
    migrated = run_cli("db", "migrate", env_extra={"REPORTQA_STORE": url})
    assert migrated.returncode == 0 and "(was 1)" in migrated.stdout, migrated.stderr
    memory = conversation_memory(s)
    try:
        memory.add((1, 2), Turn("Vad är ett kluster?"))
        assert memory.history((1, 2))
    finally:
        memory.close()
