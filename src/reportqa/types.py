"""The data every front end sees: answers, their sources, retrieval hits."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportqa.index.database import PassageRow


@dataclass(frozen=True)
class Source:
    document: str
    title: str
    section: str
    page: int | None
    text: str  # the passage: context and sentence
    sentence: str  # the sentence of the passage that answers
    score: float
    indexed_at: str = ""
    edition: str = ""  # the edition of its report series ("2021"), "" when it names none


@dataclass
class Answer:
    question: str
    text: str | None
    confidence: float
    sources: list[Source] = field(default_factory=list)
    language: str = "sv"
    index_version: str = ""  # the version that answered (set by Engine.ask)
    #: The question as answered when the conversation made a follow-up of it (Engine.ask).
    resolved_question: str | None = None

    @property
    def found(self) -> bool:
        return self.text is not None


@dataclass(frozen=True)
class Hit:
    passage: PassageRow
    score: float  # fused, 0..1
    dense: float  # cosine similarity
    lexical: float  # BM25 normalised by the best BM25 score of the query


@dataclass(frozen=True)
class DocumentInfo:
    """One indexed report, as /documents, `index info` and the bot show it."""

    name: str
    title: str
    kind: str
    pages: int | None
    passages: int
    sha256: str
    indexed_at: str  # when this content was first indexed (kept while it is unchanged)
    changed_at: str  # the file's modification time when this content was indexed
    series: str = ""  # the report series it belongs to (ingest/editions.py)
    edition: str = ""  # its edition in that series ("2021"), "" when it names none

    @classmethod
    def from_manifest(cls, d: dict) -> DocumentInfo:
        return cls(d["name"], d.get("title", d["name"]), d.get("kind", ""), d.get("pages"),
                   int(d.get("passages", 0)), d.get("sha256", ""), d.get("indexed_at", ""),
                   d.get("changed_at", ""), d.get("series", ""), d.get("edition", ""))


@dataclass(frozen=True)
class IndexInfo:
    """The index version being served."""

    version: str
    model: str
    built_at: str
    passages: int
    documents: tuple[DocumentInfo, ...]
