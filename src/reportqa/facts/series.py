"""Report series of an index version for the diff: their ids, their editions, which two
editions to compare, and the facts of one edition read from the version.

A series id is its name made URL-safe ("Läget i länet – Mål 5. Fler kluster (…)" →
"laget-i-lanet-mal-5-fler-kluster-…"); a series can be named by its id, its name, or any
part of the id that only one series has ("mal-5"). An edition is its year, and a document
without an edition line is the edition "undated" (older than every dated one).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportqa.errors import UnknownEditionError, UnknownSeriesError
from reportqa.facts.diff import EditionDiff, diff_facts
from reportqa.facts.table import Fact, facts_of_passages, from_row
from reportqa.text.analyzer import Analyzer

#: What an edition without a year is called where an edition must be named (CLI, URL).
UNDATED = "undated"
UNDATED_ALIASES = frozenset(("", UNDATED, "odaterad", "none"))


def series_id(name: str) -> str:
    """The URL-safe id of a series name: ASCII letters and digits joined by "-"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def edition_label(edition: str) -> str:
    return edition or UNDATED


@dataclass(frozen=True)
class SeriesInfo:
    id: str
    name: str
    editions: tuple[tuple[str, str], ...]  # (edition, document), oldest first

    @property
    def documents(self) -> tuple[str, ...]:
        """Its documents, oldest edition first."""
        return tuple(d for _, d in self.editions)


def list_series(documents: Sequence[Mapping[str, Any]]) -> list[SeriesInfo]:
    """Every series of a manifest's documents with its editions, by name."""
    by_name: dict[str, list[tuple[str, str]]] = {}
    for d in documents:
        if d.get("series"):
            by_name.setdefault(d["series"], []).append((d.get("edition") or "", d["name"]))
    return [SeriesInfo(series_id(n), n, tuple(sorted(v))) for n, v in sorted(by_name.items())]


def find_series(all_series: Sequence[SeriesInfo], wanted: str) -> SeriesInfo:
    """The series `wanted` names (id, name, or a part of the id only one series has)."""
    key = series_id(wanted)
    for s in all_series:
        if wanted in (s.id, s.name) or key == s.id:
            return s
    matches = [s for s in all_series if key and key in s.id]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(s.id for s in all_series) or "none"
    if matches:
        raise UnknownSeriesError(f"{wanted!r} names several series: "
                                 f"{', '.join(s.id for s in matches)}")
    raise UnknownSeriesError(f"no report series {wanted!r} in the index (series: {known})")


def pick_editions(series: SeriesInfo, old: str | None, new: str | None
                  ) -> tuple[tuple[str, str], tuple[str, str]]:
    """((edition, document) compared from, … to): by default the two newest editions; a
    named edition must exist; "to" defaults to the newest, "from" to the one before "to"."""
    editions = list(series.editions)
    labels = ", ".join(edition_label(e) for e, _ in editions)

    def find(edition: str, which: str) -> int:
        e = "" if edition.strip().lower() in UNDATED_ALIASES else edition.strip()
        found = [i for i, (ed, _) in enumerate(editions) if ed == e]
        if not found:
            raise UnknownEditionError(f"series {series.id} has no edition {edition!r} "
                                      f"({which}); its editions: {labels}")
        return found[-1]

    if len(editions) < 2:
        raise UnknownEditionError(f"series {series.id} has one edition ({labels}): nothing "
                                  "to compare")
    j = find(new, "--to") if new is not None else len(editions) - 1
    i = find(old, "--from") if old is not None else j - 1
    if i < 0:
        raise UnknownEditionError(f"series {series.id} has no edition before "
                                  f"{edition_label(editions[j][0])}; its editions: {labels}")
    if i >= j:
        raise UnknownEditionError(
            f"--from ({edition_label(editions[i][0])}) must be an older edition than --to "
            f"({edition_label(editions[j][0])}); the editions: {labels}")
    return editions[i], editions[j]


def document_facts(version: Any, document: str, series: str, edition: str,
                   analyzer: Analyzer) -> list[Fact]:
    """The facts of one document of a loaded version (store/base.py's StoreVersion): from its
    fact table, or extracted from its passages when the version has none (built before facts
    were recorded, or a store without the table)."""
    start, end = version.doc_ranges[document]
    read = getattr(version.db, "facts", None)
    rows = read(start, end) if read is not None else None
    if rows is not None:
        return [Fact(from_row(r[4:]), r[3], document, r[1], r[2], series, edition, r[0])
                for r in rows]
    passages = version.db.passages(list(range(start, end)))
    return facts_of_passages(sorted(passages.values(), key=lambda p: p.row), series, edition,
                             analyzer)


def compare(version: Any, wanted: str, old: str | None = None, new: str | None = None
            ) -> EditionDiff:
    """The diff of two editions of a series in a loaded version."""
    series = find_series(list_series(version.manifest.get("documents", [])), wanted)
    (old_ed, old_doc), (new_ed, new_doc) = pick_editions(series, old, new)
    analyzer = version.lexical.analyzer
    a = document_facts(version, old_doc, series.name, old_ed, analyzer)
    b = document_facts(version, new_doc, series.name, new_ed, analyzer)
    changes, unchanged = diff_facts(a, b, analyzer)
    return EditionDiff(series.name, old_ed, new_ed, old_doc, new_doc, tuple(changes),
                       unchanged)


def live_changes(settings: Any, wanted: str, old: str | None = None,
                 new: str | None = None) -> EditionDiff:
    """The diff in the live version of the configured store, without loading the model
    (what `reportqa diff` runs)."""
    from reportqa.errors import IndexMissingError
    from reportqa.store.select import open_store

    store = open_store(settings)
    try:
        current = store.current()
        if current is None:
            raise IndexMissingError(store.missing_message())
        version = store.open(current)
        try:
            return compare(version, wanted, old, new)
        finally:
            version.close()
    finally:
        store.close()


def live_series(settings: Any) -> list[SeriesInfo]:
    """The series of the live version of the configured store (its manifest alone)."""
    from reportqa.errors import IndexMissingError
    from reportqa.store.select import open_store

    store = open_store(settings)
    try:
        current = store.current()
        if current is None:
            raise IndexMissingError(store.missing_message())
        return list_series(store.manifest(current).get("documents", []))
    finally:
        store.close()
