"""The answers given lately, by id, so that a vote on one can be stored with it.

`AnswerLog` is what the front ends use; `AnswerMemory` keeps them in this process (bounded:
the latest ANSWERS_REMEMBERED answers; a vote on an older one is refused with a clear
message). On a PostgreSQL store the answers are kept in the database instead
(feedback/postgres.py), so a vote may reach any replica.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from reportqa.types import Answer

#: Answers remembered for feedback: hours of a busy chat; each is a few kilobytes.
ANSWERS_REMEMBERED = 20_000
#: Days an answer stays votable in the database (a PostgreSQL store): long after anyone
#: still looks at it.
ANSWERS_KEPT_DAYS = 7


@dataclass(frozen=True)
class AnswerRecord:
    """What feedback stores about an answer: never who asked."""

    answer_id: str
    question: str
    resolved_question: str | None
    answer: str | None
    language: str
    index_version: str
    sources: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of(cls, answer_id: str, ans: Answer) -> AnswerRecord:
        return cls(answer_id, ans.question, ans.resolved_question, ans.text, ans.language,
                   ans.index_version, [{"document": s.document, "section": s.section,
                                        "page": s.page, "sentence": s.sentence}
                                       for s in ans.sources])

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnswerRecord:
        return cls(**{k: data.get(k) for k in cls.__dataclass_fields__})


def new_answer_id() -> str:
    return uuid.uuid4().hex[:16]


class AnswerLog(Protocol):
    """answer id → AnswerRecord: in this process or in the database."""

    def remember(self, ans: Answer) -> str: ...

    def get(self, answer_id: str) -> AnswerRecord | None: ...


class AnswerMemory:
    """answer id → AnswerRecord for the latest answers (thread-safe)."""

    def __init__(self, size: int = ANSWERS_REMEMBERED) -> None:
        self.size = size
        self._records: OrderedDict[str, AnswerRecord] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, ans: Answer) -> str:
        """Keep `ans`; returns its new id."""
        answer_id = new_answer_id()
        with self._lock:
            self._records[answer_id] = AnswerRecord.of(answer_id, ans)
            while len(self._records) > self.size:
                self._records.popitem(last=False)
        return answer_id

    def get(self, answer_id: str) -> AnswerRecord | None:
        with self._lock:
            return self._records.get(answer_id)
