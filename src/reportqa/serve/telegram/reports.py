"""/rapporter (/reports): the report series to pick from, as a message with one button each.

A button's callback data names its series by a short hash of the series id (Telegram allows
64 bytes; series ids are longer), looked up among the served series when pressed, so a button
of a series that a rebuild removed says so instead of picking something else.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from reportqa.facts.series import SeriesInfo, edition_label
from reportqa.ingest.editions import SERIES_SEPARATOR
from reportqa.serve.telegram.texts import t

REPORTS_PREFIX = "rp:"  # rp:<series key> or rp:* (every report)
ALL_REPORTS = "*"
#: Hex digits of a series key: collisions among a county's few dozen series are negligible.
SERIES_KEY_CHARS = 12
#: Characters of a series name on a button (phones show about this many).
BUTTON_CHARS = 48


def series_key(series_id: str) -> str:
    return hashlib.sha1(series_id.encode()).hexdigest()[:SERIES_KEY_CHARS]


def short_name(series: SeriesInfo) -> str:
    """"Mål 5. Fler kluster" of "Läget i länet – Mål 5. Fler kluster (i glesa …)"."""
    name = series.name.split(SERIES_SEPARATOR, 1)[-1].split(" (", 1)[0].strip()
    return name if len(name) <= BUTTON_CHARS else name[:BUTTON_CHARS - 1] + "…"


def editions_text(series: SeriesInfo) -> str:
    return ", ".join(edition_label(e) for e, _ in series.editions)


def by_key(series: Sequence[SeriesInfo], key: str) -> SeriesInfo | None:
    return next((s for s in series if series_key(s.id) == key), None)


def reports_message(series: Sequence[SeriesInfo], chosen: str | None, lang: str
                    ) -> tuple[str, InlineKeyboardMarkup | None]:
    """The list of series (the picked one marked) and, when there is a choice, the buttons."""
    if not series:
        return t(lang, "no_reports"), None
    lines = "\n".join(t(lang, "report_series_line", name=escape(short_name(s)),
                        editions=escape(editions_text(s))) for s in series)
    picked = next((s for s in series if s.id == chosen), None)
    now = (t(lang, "reports_chosen", name=escape(short_name(picked))) if picked is not None
           else t(lang, "reports_all_now"))
    if len(series) < 2:
        return t(lang, "reports_one", reports=lines), None
    rows = [[InlineKeyboardButton(("✓ " if s.id == chosen else "") + short_name(s),
                                  callback_data=REPORTS_PREFIX + series_key(s.id))]
            for s in series]
    rows.append([InlineKeyboardButton(("✓ " if picked is None else "") + t(lang, "all_reports"),
                                      callback_data=REPORTS_PREFIX + ALL_REPORTS)])
    return t(lang, "reports", reports=lines, now=now), InlineKeyboardMarkup(rows)
