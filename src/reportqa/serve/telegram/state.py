"""What the bot remembers: per-user question counts (in memory),
and each conversation's last turns, the report it picked (/rapporter) and the answers'
sources: in memory, or in the database
when REPORTQA_STORE is a postgresql:// URL, so that a follow-up or a "Visa källor" press
(webhook mode behind a load balancer) may land on any replica (`conversation_memory`,
`source_cache`). The per-user question limit stays per process."""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict, deque
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Protocol

from reportqa.ask.followup import Turn
from reportqa.config import Settings
from reportqa.limits import (
    HISTORY_MAX_TURNS,
    TELEGRAM_CONVERSATION_IDLE_SECONDS,
    TELEGRAM_SOURCES_KEPT,
    TELEGRAM_USERS_TRACKED,
)
from reportqa.types import Source

if TYPE_CHECKING:
    from reportqa.store.postgres.shown import ShownItems


class UserRateLimiter:
    """At most `rate` questions per user in any `period` seconds (a sliding window)."""

    def __init__(self, rate: int, period: float = 60.0, clock=time.monotonic) -> None:
        self.rate, self.period, self.clock = rate, period, clock
        self._seen: dict[int, deque[float]] = {}
        self._told: set[int] = set()

    def check(self, user_id: int) -> tuple[float, bool]:
        """(0, False) and count the question if allowed; else (seconds to wait, tell the user)
        where telling is True only the first time in a row, so a flood gets one reply."""
        now = self.clock()
        q = self._seen.setdefault(user_id, deque())
        while q and q[0] <= now - self.period:
            q.popleft()
        if len(q) < self.rate:
            q.append(now)
            self._told.discard(user_id)
            if len(self._seen) > TELEGRAM_USERS_TRACKED:
                self._prune(now)
            return 0.0, False
        tell = user_id not in self._told
        self._told.add(user_id)
        return max(0.0, q[0] + self.period - now), tell

    def _prune(self, now: float) -> None:
        for uid in [u for u, q in self._seen.items() if not q or q[-1] <= now - self.period]:
            del self._seen[uid]
            self._told.discard(uid)


@dataclass(frozen=True)
class Shown:
    """An answer whose sources can be shown later (the "Visa källor" button, /kallor)."""

    chat_id: int
    question: str
    language: str
    sources: tuple[Source, ...]


def shown_to_dict(shown: Shown) -> dict[str, Any]:
    return {"chat_id": shown.chat_id, "question": shown.question, "language": shown.language,
            "sources": [asdict(s) for s in shown.sources]}


def shown_from_dict(data: dict[str, Any]) -> Shown:
    return Shown(int(data["chat_id"]), data["question"], data["language"],
                 tuple(Source(**s) for s in data["sources"]))


class Sources(Protocol):
    """Answers' sources under short keys (callback data ≤ 64 bytes), the latest per chat."""

    def put(self, shown: Shown) -> str: ...

    def get(self, key: str) -> Shown | None: ...

    def last(self, chat_id: int) -> Shown | None: ...

    def close(self) -> None: ...


class SharedSourceCache:
    """Sources in the database (store/postgres/shown.py): any replica finds them."""

    def __init__(self, items: ShownItems) -> None:
        self.items = items

    def put(self, shown: Shown) -> str:
        return self.items.put(shown.chat_id, shown_to_dict(shown))

    def get(self, key: str) -> Shown | None:
        data = self.items.get(key)
        return shown_from_dict(data) if data else None

    def last(self, chat_id: int) -> Shown | None:
        data = self.items.last(chat_id)
        return shown_from_dict(data) if data else None

    def close(self) -> None:
        self.items.close()


class SourceCache:
    """The most recent answers' sources under short random ids (callback data ≤ 64 bytes)."""

    def __init__(self, size: int = TELEGRAM_SOURCES_KEPT) -> None:
        self.size = size
        self._items: OrderedDict[str, Shown] = OrderedDict()
        self._last: OrderedDict[int, str] = OrderedDict()

    def put(self, shown: Shown) -> str:
        key = secrets.token_urlsafe(9)
        self._items[key] = shown
        self._last[shown.chat_id] = key
        self._last.move_to_end(shown.chat_id)
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        while len(self._last) > self.size:
            self._last.popitem(last=False)
        return key

    def get(self, key: str) -> Shown | None:
        return self._items.get(key)

    def last(self, chat_id: int) -> Shown | None:
        key = self._last.get(chat_id)
        return self._items.get(key) if key else None

    def close(self) -> None:
        """Nothing to release in memory."""


class Conversations(Protocol):
    """Each conversation's last turns, by (chat id, user id)."""

    shared: bool  # in the database: blocking calls, which the bot makes off its event loop

    def history(self, key: tuple[int, int]) -> list[Turn]: ...

    def add(self, key: tuple[int, int], turn: Turn) -> None: ...

    def forget(self, key: tuple[int, int]) -> bool: ...

    def close(self) -> None: ...


class ConversationMemory:
    """The last turns of each conversation: per chat, per user in groups (key given by the
    caller); forgotten after `idle` seconds of silence, on /ny, and beyond `tracked`
    conversations (the least recently active first)."""

    def __init__(self, idle: float = TELEGRAM_CONVERSATION_IDLE_SECONDS,
                 turns: int = HISTORY_MAX_TURNS, tracked: int = TELEGRAM_USERS_TRACKED,
                 clock=time.monotonic) -> None:
        self.idle, self.turns, self.tracked, self.clock = idle, turns, tracked, clock
        self.shared = False
        self._conversations: OrderedDict[tuple[int, int], tuple[float, list[Turn]]] = (
            OrderedDict())

    def history(self, key: tuple[int, int]) -> list[Turn]:
        """The turns of a conversation still remembered, oldest first."""
        entry = self._conversations.get(key)
        if entry is None:
            return []
        last, turns = entry
        if self.clock() - last > self.idle:
            del self._conversations[key]
            return []
        return list(turns)

    def add(self, key: tuple[int, int], turn: Turn) -> None:
        turns = self.history(key) + [turn]
        self._conversations[key] = (self.clock(), turns[-self.turns:])
        self._conversations.move_to_end(key)
        while len(self._conversations) > self.tracked:
            self._conversations.popitem(last=False)

    def forget(self, key: tuple[int, int]) -> bool:
        """Start over; whether there was anything to forget."""
        return self._conversations.pop(key, None) is not None

    def close(self) -> None:
        """Nothing to release in memory."""


class ChosenReports(Protocol):
    """The report series each conversation picked with /rapporter (by (chat id, user id))."""

    shared: bool

    def get(self, key: tuple[int, int]) -> str | None: ...

    def choose(self, key: tuple[int, int], series: str | None) -> None: ...

    def close(self) -> None: ...


class ChosenReportsMemory:
    """The picked series in memory: kept until changed (a setting, not a conversation, so
    /ny keeps it), for at most `tracked` conversations (the least recently set go first)."""

    def __init__(self, tracked: int = TELEGRAM_USERS_TRACKED) -> None:
        self.tracked = tracked
        self.shared = False
        self._chosen: OrderedDict[tuple[int, int], str] = OrderedDict()

    def get(self, key: tuple[int, int]) -> str | None:
        return self._chosen.get(key)

    def choose(self, key: tuple[int, int], series: str | None) -> None:
        """Pick `series` (an id), or every report again (None)."""
        if series is None:
            self._chosen.pop(key, None)
            return
        self._chosen[key] = series
        self._chosen.move_to_end(key)
        while len(self._chosen) > self.tracked:
            self._chosen.popitem(last=False)

    def close(self) -> None:
        """Nothing to release in memory."""


def chosen_reports(settings: Settings) -> ChosenReports:
    """In the database for a postgresql:// store (shared by replicas), else in memory."""
    url = settings.store_url
    if url is None:
        return ChosenReportsMemory()
    from reportqa.store.postgres.chosen_reports import PostgresChosenReports
    from reportqa.store.postgres.shared import SharedDatabase

    return PostgresChosenReports(SharedDatabase(url, settings.db_timeout))


def conversation_memory(settings: Settings) -> Conversations:
    """In the database for a postgresql:// store (shared by replicas), else in memory."""
    url = settings.store_url
    if url is None:
        return ConversationMemory()
    from reportqa.store.postgres.conversations import PostgresConversations
    from reportqa.store.postgres.shared import SharedDatabase

    return PostgresConversations(SharedDatabase(url, settings.db_timeout),
                                 idle=TELEGRAM_CONVERSATION_IDLE_SECONDS,
                                 turns=HISTORY_MAX_TURNS)


def source_cache(settings: Settings) -> Sources:
    """In the database for a postgresql:// store (shared by replicas), else in memory."""
    url = settings.store_url
    if url is None:
        return SourceCache()
    from reportqa.store.postgres.shared import SharedDatabase
    from reportqa.store.postgres.shown import ShownItems

    return SharedSourceCache(ShownItems(SharedDatabase(url, settings.db_timeout)))
