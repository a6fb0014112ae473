"""`series.toml` in the corpus folder: series and editions the text does not settle.

Most reports say which series and edition they are in their first lines (ingest/editions.py).
For the rest — a report without an edition line, a file whose goal heading differs between
editions, two series that share a title — the corpus may hold a `series.toml`:

    # the first cluster report names no year
    ["klusterrapport.md"]
    series = "Läget i länet – Mål 5. Fler kluster"
    edition = "2017"

One table per document (its path inside the corpus folder, as /documents names it) with
`series`, `edition` or both; what it gives replaces what the text says. The file is not a
document; a change to it makes the index stale like a changed report. A mistake in it is a
CorpusError that names the line or the key, so the build stops and the live version stays.
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from reportqa.errors import CorpusError
from reportqa.hashing import file_sha256

log = logging.getLogger(__name__)

METADATA_FILE = "series.toml"
KEYS = ("series", "edition")
#: A series name is a title and a goal heading: no heading is longer (editions.py cuts a
#: goal at 200 characters).
MAX_SERIES_CHARS = 300
#: An edition is a year, or a year with month or day ("2021", "2021-06", "2021-06-30").
EDITION = re.compile(r"^(?:19|20)\d{2}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True)
class DocumentMeta:
    series: str | None = None
    edition: str | None = None


@dataclass(frozen=True)
class CorpusMetadata:
    sha256: str | None  # of series.toml; None when the corpus has none
    documents: dict[str, DocumentMeta]

    def apply(self, name: str, series: str, edition: str) -> tuple[str, str]:
        """(series, edition) of document `name`: series.toml's where it gives them."""
        meta = self.documents.get(name)
        if meta is None:
            return series, edition
        return meta.series or series, meta.edition or edition

    def check_names(self, names: set[str]) -> None:
        """Log the tables that name no document of the corpus (a typo, or a removed file)."""
        for name in sorted(set(self.documents) - names):
            log.warning("%s names %r, which is not a document of the corpus", METADATA_FILE,
                        name)


NO_METADATA = CorpusMetadata(None, {})


def read_metadata(corpus_dir: Path) -> CorpusMetadata:
    """The corpus' series.toml, checked; NO_METADATA when there is none."""
    path = corpus_dir / METADATA_FILE
    if not path.is_file():
        return NO_METADATA
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise CorpusError(f"{path}: not valid TOML: {exc}") from exc
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    documents = {}
    for name, table in data.items():
        if not isinstance(table, dict):
            raise CorpusError(f"{path}: {name!r} must be a table such as [\"{name}\"] with "
                              f"series and/or edition, not a value")
        unknown = sorted(set(table) - set(KEYS))
        if unknown:
            raise CorpusError(f"{path}: [{name!r}] has unknown key(s) {', '.join(unknown)}; "
                              f"the keys are {', '.join(KEYS)}")
        series, edition = table.get("series"), table.get("edition")
        if series is not None and (not isinstance(series, str) or not series.strip()
                                   or len(series) > MAX_SERIES_CHARS):
            raise CorpusError(f"{path}: [{name!r}] series must be a name of 1–"
                              f"{MAX_SERIES_CHARS} characters")
        if isinstance(edition, int) and not isinstance(edition, bool):
            edition = str(edition)
        if edition is not None and (not isinstance(edition, str)
                                    or not EDITION.match(edition.strip())):
            raise CorpusError(f"{path}: [{name!r}] edition must be a year such as \"2021\" "
                              f"(or \"2021-06\", \"2021-06-30\"), not {edition!r}")
        documents[name] = DocumentMeta(series.strip() if series else None,
                                       edition.strip() if edition else None)
    return CorpusMetadata(file_sha256(path), documents)
