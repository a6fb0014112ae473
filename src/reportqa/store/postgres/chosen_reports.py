"""The report series each chat conversation picked (the Telegram bot's /rapporter), kept in
`reportqa.chosen_reports` (schema level 3) so that the next question may land on any replica:
the same rules as the in-process ChosenReportsMemory (serve/telegram/state.py)."""

from __future__ import annotations

from reportqa.store.postgres.conversations import conversation_key
from reportqa.store.postgres.shared import SharedDatabase


class PostgresChosenReports:
    """get / choose as ChosenReportsMemory, in the database."""

    shared = True

    def __init__(self, db: SharedDatabase) -> None:
        self.db = db

    def get(self, key: tuple[int, ...]) -> str | None:
        row = self.db.run(lambda c: c.execute(
            "SELECT series FROM reportqa.chosen_reports WHERE key = %s",
            (conversation_key(key),)).fetchone())
        return row[0] if row else None

    def choose(self, key: tuple[int, ...], series: str | None) -> None:
        """Pick `series` (an id), or every report again (None)."""
        k = conversation_key(key)
        if series is None:
            self.db.run(lambda c: c.execute(
                "DELETE FROM reportqa.chosen_reports WHERE key = %s", (k,)))
            return
        self.db.run(lambda c: c.execute(
            "INSERT INTO reportqa.chosen_reports (key, series) VALUES (%s, %s) "
            "ON CONFLICT (key) DO UPDATE SET series = EXCLUDED.series, updated_at = now()",
            (k, series)))

    def close(self) -> None:
        self.db.close()
