"""The previous version as a build cache: its embeddings and lexical tokens, by text hash."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from reportqa.errors import IndexCorruptError, ReportQAError
from reportqa.facts.extract import SentenceFact
from reportqa.facts.table import from_row
from reportqa.index.database import TOKEN_SEP, DocumentRow
from reportqa.index.layout import DB, VECTORS, read_manifest

log = logging.getLogger(__name__)



def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def model_key(model: str, passage_prompt: str) -> str:
    return f"{model}\x1f{passage_prompt}"


@dataclass
class PreviousVersion:
    """What a build reuses from the live version: passages by document, vectors by text."""

    path: Path
    manifest: dict[str, Any]
    documents: dict[str, DocumentRow]
    passages: dict[str, list[tuple]]  # doc -> [(section, page, ordinal, text, context, hash)]
    hashes: list[str]  # row -> text hash

    def vectors(self, key: str, dim: int, wanted: set[str]) -> dict[str, np.ndarray]:
        """The embeddings of `wanted` text hashes, if this version was embedded with `key`.

        The dense index stores the vectors exactly (flat, HNSW-flat, or IVF-flat with its
        direct map), so row i of it is the embedding of the passage whose text hash is
        hashes[i]. Any problem: no cache.
        """
        m = self.manifest
        if (model_key(m.get("model", ""), m.get("passage_prompt", "")) != key
                or m.get("dim") != dim or m.get("index_type") not in ("flat", "hnsw", "ivf")):
            return {}
        rows = {h: i for i, h in enumerate(self.hashes) if h in wanted}
        if not rows:
            return {}
        try:
            import faiss

            index = faiss.read_index(str(self.path / VECTORS), faiss.IO_FLAG_MMAP)
            if index.ntotal != len(self.hashes) or index.d != dim:
                return {}
            ordered = sorted(rows.values())
            if len(ordered) > len(self.hashes) // 2:
                mat = index.reconstruct_n(0, index.ntotal)
                return {h: mat[i] for h, i in rows.items()}
            return {h: index.reconstruct(i) for h, i in rows.items()}
        except (RuntimeError, OSError) as exc:
            log.warning("embedding cache of %s unusable (%s): re-embedding", self.path.name, exc)
            return {}


    def tokens(self, fingerprint: str) -> dict[str, list[str]]:
        """Lexical tokens by text hash, if they were made by the same tokenizer; else {}."""
        if self.manifest.get("tokenizer") != fingerprint:
            return {}
        try:
            conn = sqlite3.connect(f"file:{self.path / DB}?mode=ro", uri=True)
            try:
                rows = conn.execute("SELECT row, tokens FROM tokens").fetchall()
            finally:
                conn.close()
        except sqlite3.Error as exc:
            log.warning("token cache of %s unusable (%s)", self.path.name, exc)
            return {}
        n = len(self.hashes)
        return {self.hashes[r]: t.split(TOKEN_SEP) for r, t in rows if 0 <= r < n}


    def facts(self, fingerprint: str, wanted: set[str]) -> dict[str, list[SentenceFact]]:
        """The facts of each passage by text hash (for the `wanted` hashes), if they were made
        by the same code (the tokenizer fingerprint covers every source file); else {}."""
        if self.manifest.get("tokenizer") != fingerprint:
            return {}
        first: dict[str, int] = {}  # the same text may stand in several rows: read one
        for i, h in enumerate(self.hashes):
            if h in wanted:
                first.setdefault(h, i)
        rows = set(first.values())
        out: dict[str, list[SentenceFact]] = {h: [] for h in first}
        try:
            conn = sqlite3.connect(f"file:{self.path / DB}?mode=ro", uri=True)
            try:
                for r, *rest in conn.execute(
                        "SELECT row, position, value, unit, figure, measure, terms, near "
                        "FROM facts ORDER BY row, position"):
                    if r in rows:
                        out[self.hashes[r]].append(from_row(rest))
            finally:
                conn.close()
        except sqlite3.Error as exc:  # a version built before facts were recorded
            log.info("fact cache of %s unusable (%s)", self.path.name, exc)
            return {}
        return out


def read_previous(path: Path, chunker_version: int) -> PreviousVersion | None:
    """Load what a build can reuse from the version in `path`; None if it is unusable."""
    try:
        manifest = read_manifest(path)
        if manifest.get("chunker_version") != chunker_version:
            return None
        conn = sqlite3.connect(f"file:{path / DB}?mode=ro", uri=True)
        try:
            docs = {
                r[0]: DocumentRow(*r)
                for r in conn.execute(
                    "SELECT name, title, sha256, kind, pages, passages, row_start, row_end, "
                    "indexed_at, changed_at FROM documents"
                )
            }
            by_doc: dict[str, list[tuple]] = {}
            hashes: list[str] = []
            for row, doc, *rest in conn.execute(
                "SELECT row, doc, section, page, ordinal, text, context, text_hash "
                "FROM passages ORDER BY row"
            ):
                if row != len(hashes):
                    raise IndexCorruptError(f"index {path.name}: passage rows are not dense")
                hashes.append(rest[-1])
                by_doc.setdefault(doc, []).append(tuple(rest))
        finally:
            conn.close()
    except (sqlite3.Error, ReportQAError) as exc:
        log.warning("cannot reuse index %s (%s): building from scratch", path.name, exc)
        return None
    return PreviousVersion(path, manifest, docs, by_doc, hashes)
