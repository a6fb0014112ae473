"""Where a process keeps answers and votes: in PostgreSQL when REPORTQA_STORE is a
postgresql:// URL (shared by every replica), else in this process and the SQLite file."""

from __future__ import annotations

from dataclasses import dataclass

from reportqa.config import Settings
from reportqa.feedback.answers import AnswerLog, AnswerMemory
from reportqa.feedback.store import FeedbackStore, VoteStore


@dataclass
class Feedback:
    """The answer log votes refer to, the votes, and where they are kept (for messages)."""

    answers: AnswerLog
    votes: VoteStore
    where: str
    shared: bool  # in the database: any replica sees every answer

    def close(self) -> None:
        self.votes.close()


def open_feedback(settings: Settings) -> Feedback:
    """The PostgreSQL tables for a postgresql:// store, else memory and the SQLite file.

    Opening connects to nothing: the pool fills in the background, and a database that cannot
    be reached is an error (StoreUnavailableError) at the first vote or answer."""
    url = settings.store_url
    if url is None:
        return Feedback(AnswerMemory(), FeedbackStore(settings.feedback_path),
                        str(settings.feedback_path.absolute()), shared=False)
    from reportqa.feedback.postgres import PostgresAnswers, PostgresFeedback
    from reportqa.store.postgres.shared import SharedDatabase

    db = SharedDatabase(url, settings.db_timeout)
    return Feedback(PostgresAnswers(db), PostgresFeedback(db), db.where, shared=True)
