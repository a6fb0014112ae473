"""Content hashes of files: the one sha256 that documents (ingest) and index files (index) use."""

from __future__ import annotations

import hashlib
from pathlib import Path

#: Bytes read at a time while hashing, so a large file never sits in memory whole.
READ_CHUNK_BYTES = 1 << 20


def file_sha256(path: Path) -> str:
    """The hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(READ_CHUNK_BYTES), b""):
            h.update(chunk)
    return h.hexdigest()
