"""Engine: the loaded model, index, retriever and answerer that every front end holds.

Front ends call ask/search/documents and never touch FAISS or SQLite. `reload()` loads a new
index version beside the live one and swaps a single reference, so questions in flight finish
on the old version and new ones use the new.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportqa.ask.answer import (
    Answerer,
    Asks,
    FollowUp,
    RerankWeights,
    gives_cause,
    names_only_the_one_given,
)
from reportqa.ask.changes import asks_for_changes, changes_answer, series_asked
from reportqa.ask.defaults import (
    DEFAULT_ABSTAIN_THRESHOLD,
    DEFAULT_DENSE_WEIGHT_WEAK,
)
from reportqa.ask.development import (
    DevelopmentQuestion,
    development_answer,
    development_of,
    development_question,
    editions_asked,
)
from reportqa.ask.evidence import load_answer_model
from reportqa.ask.followup import (
    Resolution,
    Turn,
    asks_for_others,
    earlier_answers,
    earlier_questions,
    resolve_conversation,
)
from reportqa.ask.question import YEAR, Query
from reportqa.ask.retrieval import Retriever
from reportqa.ask.scope import find_scope
from reportqa.config import Settings
from reportqa.errors import (
    IndexCorruptError,
    IndexMissingError,
    ReportQAError,
    StoreUnavailableError,
    UnknownEditionError,
)
from reportqa.facts.diff import EditionDiff
from reportqa.facts.series import (
    SeriesInfo,
    compare,
    document_facts,
    find_series,
    list_series,
)
from reportqa.index.layout import check_model
from reportqa.index.loaded import LoadedIndex
from reportqa.store.base import Store, StoreVersion
from reportqa.store.select import open_store
from reportqa.text.language import detect_language
from reportqa.types import Answer, DocumentInfo, Hit, IndexInfo

log = logging.getLogger(__name__)

#: Passages retrieved for answering: as many as the answerer weighs, three times over, so that
#: it can weigh other passages in place of a table's many rows (answer.spread_tables).
ANSWER_CANDIDATES = 3 * RerankWeights().candidates
#: A development question is about the series of its best-ranked passages: the first of
#: this many that belongs to a series with two or more editions.
DEVELOPMENT_HITS = 5
#: A follow-up declined as resolved is tried on the sentences this close to the answer just
#: read (either side): the report's paragraph on that subject. Measured over the read
#: conversation sets: 3 rows gained 23 follow-ups and lost 2.
NEAR_READ = 3


@dataclass
class Snapshot:
    """Everything one index version needs to answer; immutable once built."""

    index: StoreVersion
    retriever: Retriever
    answerer: Answerer
    series: tuple[SeriesInfo, ...] = ()  # the version's report series, for scopes

    @property
    def version(self) -> str:
        return self.index.version


class Engine:
    def __init__(self, settings: Settings, embedder: Any, snapshot: Snapshot,
                 store: Store | None = None) -> None:
        self.settings = settings
        self.embedder = embedder
        self._snapshot = snapshot
        #: Where versions live (store/): the index folder or PostgreSQL.
        self.store: Store = store if store is not None else open_store(settings)
        self._stop_watch: Any = None  # stops the store's publish notifications
        self._reload_lock = threading.Lock()
        self._refused: str | None = None  # a CURRENT version that failed to load
        self._reload_error: str | None = None
        self._fallback: str | None = None  # why the live version is not CURRENT's
        self._store_error: str | None = None  # the store could not be asked for CURRENT
        self._swaps = 0
        self._last_swap_at: float | None = None
        self._poller: threading.Thread | None = None
        self._poll_stop = threading.Event()
        self._poll_wake = threading.Event()
        self._force_next = False

    # ---- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls, settings: Settings, embedder: Any | None = None) -> Engine:
        """Load the model and the current index (or the newest intact one if it is broken).

        An index built with another model or an unreadable format version is an error that
        says to rebuild; a version whose files are missing or corrupt is skipped with a log
        line naming the file, and the newest intact version is served instead.
        """
        store = open_store(settings)
        try:
            current = store.current()
            if current is None and not store.versions():
                raise IndexMissingError(store.missing_message())
            try:
                manifest = store.manifest(current) if current else None
            except (IndexCorruptError, IndexMissingError):
                manifest = None  # _open_with_fallback says why and serves the newest intact one
            if manifest is not None:
                check_model(manifest, settings.model_id, settings.query_prompt,
                            settings.passage_prompt, store.location)
            if embedder is None:
                from reportqa.model.embedder import load_embedder

                embedder = load_embedder(settings, serving=True)
            snapshot, fallback = cls._open_with_fallback(settings, store, embedder, current)
        except BaseException:
            store.close()
            raise
        engine = cls(settings, embedder, snapshot, store)
        engine._fallback = fallback
        if fallback:
            engine._refused = current
        return engine

    @classmethod
    def open_path(cls, settings: Settings, path: Path, embedder: Any) -> Engine:
        """An engine over one index folder, published or not (the quality gate uses it)."""
        return cls(settings, embedder, cls._make_snapshot(settings, LoadedIndex.open(path),
                                                           embedder))

    @staticmethod
    def _make_snapshot(settings: Settings, index: StoreVersion, embedder: Any) -> Snapshot:
        check_model(index.manifest, settings.model_id, settings.query_prompt,
                    settings.passage_prompt, index.where)
        retrieval = index.manifest.get("retrieval", {})
        weight = settings.dense_weight
        if weight is None:
            weight = float(retrieval.get("dense_weight", DEFAULT_DENSE_WEIGHT_WEAK))
        threshold = settings.abstain_threshold
        if threshold is None:
            threshold = float(retrieval.get("abstain_threshold", DEFAULT_ABSTAIN_THRESHOLD))
        retriever = Retriever(index, embedder, weight, settings.candidates)
        docs = {d["name"]: d for d in index.manifest.get("documents", [])}
        model = load_answer_model(settings.model_id) if settings.answer_model else None
        if model is not None and settings.abstain_threshold is None:
            threshold = model.threshold
        answerer = Answerer(index.lexical.analyzer, threshold, docs, queries=retriever.queries,
                            earlier=index.db.earlier_sentences, model=model,
                            search_document=lambda text, doc, k, sources=False:
                            retriever.search(text, k, doc, "lexical", sources=sources))
        return Snapshot(index, retriever, answerer,
                        tuple(list_series(index.manifest.get("documents", []))))

    @classmethod
    def _open_with_fallback(cls, settings: Settings, store: Store, embedder: Any,
                            first: str | None) -> tuple[Snapshot, str | None]:
        """The snapshot of `first`, else of the newest intact version; and why it fell back."""
        candidates = [first] if first else []
        candidates += [v for v in reversed(store.versions()) if v != first]
        errors: list[str] = []
        for v in candidates:
            try:
                snap = cls._make_snapshot(settings, store.open(v), embedder)
            except (IndexCorruptError, IndexMissingError) as exc:
                log.error("index version %s is unusable: %s", v, exc)
                errors.append(str(exc))
                continue
            except ReportQAError as exc:  # another model or format: only for older versions
                if v == first:
                    raise
                log.warning("not falling back to index version %s: %s", v, exc)
                errors.append(f"{v}: {exc}")
                continue
            if v == first:
                return snap, None
            why = (f"serving index version {v} because the current one ({first or 'none'}) "
                   f"is unusable: {errors[0] if errors else 'CURRENT is missing'}")
            log.warning("%s", why)
            return snap, why
        raise IndexCorruptError(
            "no intact index version: " + "; ".join(errors or ["none found"])
            + ". Rebuild with `reportqa index build`"
        )

    def reload(self, force: bool = False) -> bool:
        """Load the version CURRENT points to beside the live one and swap; True on a swap.

        Questions in flight finish on the snapshot they started with. A version that fails to
        load (missing or corrupt files, another model) is refused: the live version keeps
        serving, the refusal is logged and kept in `reload_state()`, and that version is not
        tried again until CURRENT changes or `force` is given.
        """
        with self._reload_lock:
            current = self.store.current()
            self._store_error = None
            if current is None:
                self._reload_error = self.store.current_missing_message()
                return False
            if current == self.version and not force:
                return False
            if current == self._refused and not force:
                return False
            try:
                snap = self._make_snapshot(self.settings, self.store.open(current),
                                           self.embedder)
                snap.retriever.search("reportqa warm-up", 1)  # fails here, not in a request
            except Exception as exc:  # noqa: BLE001 - the live version must keep serving
                self._refused = current
                self._reload_error = (f"index version {current} was not loaded ({exc}); "
                                      f"still serving {self.version}")
                log.error("%s", self._reload_error)
                return False
            old = self.version
            self._snapshot = snap
            self._refused = self._reload_error = self._fallback = None
            self._swaps += 1
            self._last_swap_at = time.time()
            log.info("now serving index version %s (was %s)", snap.version, old)
            return True

    def _current_or_none(self) -> str | None:
        try:
            return self.store.current()
        except StoreUnavailableError:
            return None

    def health(self) -> str | None:
        """None when the live version can answer; else why not, in one line (the database
        is unreachable, …): /readyz answers 503 with it."""
        return self._snapshot.index.health()

    def close(self) -> None:
        """Stop reloading and watching, and release the store's connections."""
        self.stop_auto_reload()
        self._snapshot.index.close()
        self.store.close()

    def reload_state(self) -> dict[str, Any]:
        """For health endpoints: live and CURRENT versions, swaps, a refused version's error."""
        return {
            "version": self.version,
            "current": self._current_or_none(),
            "swaps": self._swaps,
            "last_swap_at": self._last_swap_at,
            "error": self._reload_error or self._fallback or self._store_error,
            "auto_reload": self._poller is not None and self._poller.is_alive(),
        }

    # ---- hot swap: poll CURRENT, or be told ------------------------------------------------
    def start_auto_reload(self, interval: float = 1.0) -> None:
        """Poll CURRENT every `interval` seconds in a daemon thread and swap in new versions.

        Idempotent; `request_reload()` wakes the thread at once. Stop with stop_auto_reload().
        """
        if self._poller is not None and self._poller.is_alive():
            return
        if self._stop_watch is None:  # PostgreSQL pushes a publish at once (LISTEN)
            self._stop_watch = self.store.watch(lambda _v: self.request_reload(force=False))
        self._poll_stop.clear()
        self._poller = threading.Thread(target=self._poll, args=(max(0.05, interval),),
                                        name="reportqa-reload", daemon=True)
        self._poller.start()

    def stop_auto_reload(self, timeout: float = 5.0) -> None:
        poller = self._poller
        stop_watch, self._stop_watch = self._stop_watch, None
        if stop_watch is not None:
            stop_watch()
        self._poll_stop.set()
        self._poll_wake.set()
        if poller is not None and poller is not threading.current_thread():
            poller.join(timeout)
        self._poller = None

    def request_reload(self, force: bool = True) -> None:
        """Ask for a reload now (SIGHUP, an admin); runs in the poller or a short thread.

        `force` also retries a version that was refused before.
        """
        self._force_next = self._force_next or force
        if self._poller is not None and self._poller.is_alive():
            self._poll_wake.set()
        else:
            threading.Thread(target=self._reload_quietly, args=(force,),
                             name="reportqa-reload-once", daemon=True).start()

    def _reload_quietly(self, force: bool = False) -> None:
        try:
            self.reload(force=force)
        except StoreUnavailableError as exc:  # the database is down: retried next poll
            if self._store_error != str(exc):
                log.warning("cannot check for a new index version: %s", exc)
            self._store_error = str(exc)
        except Exception:  # noqa: BLE001 - a poller must not die
            log.exception("reloading the index failed")

    def _poll(self, interval: float) -> None:
        while not self._poll_stop.is_set():
            self._poll_wake.wait(interval)
            self._poll_wake.clear()
            if self._poll_stop.is_set():
                return
            force, self._force_next = self._force_next, False
            self._reload_quietly(force)

    # ---- queries ---------------------------------------------------------------------------
    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    @property
    def version(self) -> str:
        return self._snapshot.version

    @property
    def model_name(self) -> str:
        return self.settings.model_id

    @property
    def manifest(self) -> dict[str, Any]:
        return self._snapshot.index.manifest

    def search(self, query: str, k: int = 5, document: str | None = None,
               mode: str = "hybrid", series: str | None = None) -> list[Hit]:
        snap = self._snapshot
        scope = self._scope(snap, document, series)
        return snap.retriever.search(query, k, scope, mode)

    def ask(self, question: str, top_k: int = 3, document: str | None = None,
            mode: str = "hybrid", history: Sequence[Turn] = (),
            series: str | None = None) -> Answer:
        """The answer to `question`; with `history` (earlier turns, oldest first) a follow-up
        ("Och inom turismen?") is resolved into the question it stands for (ask/followup.py)
        and answered like any other; `Answer.resolved_question` says what was answered.

        `document` or `series` (an id, a name or a part of the id only one series has)
        answers from that report alone; else a question that names a report ("i mål 3",
        "i klusterrapporten") is answered from it (ask/scope.py)."""
        snap = self._snapshot  # one version for the whole question
        question = question.strip()
        if not question:
            raise ReportQAError("the question is empty")
        scope = self._scope(snap, document, series)
        resolution = resolve_conversation(question, history) if history else None
        asked = resolution.question if resolution is not None else question
        searched = asked
        if scope is None:
            named = find_scope(asked, snap.series, snap.index.lexical.analyzer.stem)
            if named is not None:
                scope, searched = named.documents, named.without_phrase(asked) or asked
        if asks_for_changes(asked):  # "vad har ändrats sedan förra uppföljningen?"
            changed = self._changes_answer(snap, asked, scope)
            if changed is not None:
                changed.index_version = snap.version
                return changed
        q = snap.retriever.analyze(searched)  # once: retrieval and answering share it
        hits = snap.retriever.search_query(q, max(top_k, ANSWER_CANDIDATES), scope, mode)
        developing = development_question(searched)  # "hur har X utvecklats?"
        answer = (self._development_answer(snap, asked, developing, hits)
                  if developing is not None else None)
        if answer is None:
            answer = snap.answerer.answer(q, hits, top_k, self._followup(
                resolution, history[-1].answer if history else None))
        if (resolution is not None and resolution.followup and not resolution.subject
                and not answer.found and history and history[-1].answer):
            near = self._near_what_was_read(snap, (q, snap.retriever.analyze(question)),
                                            history[-1].answer, top_k, mode, resolution)
            answer = near or answer
        if history and answer.found and answer.sources and asks_for_others(question) and (
                names_only_the_one_given(answer.sources[0].sentence, asked,
                                         earlier_questions(history), earlier_answers(history))):
            # "vilka fler myndigheter har flyttat hit?" after the answer that named the one
            # the report names: the same one again is no other
            answer.text, answer.confidence = None, 0.0
        # Name the version that answered, even if a swap happens before the caller reads it.
        answer.index_version = snap.version
        if resolution is not None and resolution.followup:
            # read as typed ("continues"): nothing to show as "Tolkat som"
            answer.question = question
            answer.resolved_question = asked if asked != question else None
        return answer

    def _near_what_was_read(self, snap: Snapshot, readings: Sequence[Query], read: str,
                            top_k: int, mode: str, resolution: Resolution) -> Answer | None:
        """A follow-up that keeps the earlier subject and was declined as resolved ("finns
        det nåt i östersund?" after the co-working sentence, "vem samordnar det klustret?"),
        answered from the sentences around the answer just `read` (NEAR_READ of them either
        side), where the report goes on about that subject without naming it again: the
        best of its `readings` (as resolved, as typed) that is found. A reading that asks for
        a figure, a sum or a time is not answered there: a figure next to the subject need
        not be its figure ("hur många anställda har de?"); nor a "why" by one that gives no
        cause."""
        at = snap.retriever.passage_quoted(read)
        if at is None:
            return None
        first, end = snap.index.doc_ranges[at.doc]
        rows = (max(first, at.row - NEAR_READ), min(end, at.row + NEAR_READ + 1))
        best: Answer | None = None
        for q in readings:
            if q.quantity or q.temporal or Asks.of(q).money:
                continue
            hits = snap.retriever.search_query(q, max(top_k, ANSWER_CANDIDATES), None, mode,
                                               rows=rows)
            if not hits:
                continue
            answer = snap.answerer.answer(q, hits, top_k, self._followup(resolution, read))
            if Asks.of(q).reason and not gives_cause(answer.text or ""):
                continue  # "varför är den så stor?": a sentence near it that says no why
            if answer.found and (best is None or answer.confidence > best.confidence):
                best = answer
        return best

    @staticmethod
    def _followup(resolution: Resolution | None, read: str | None = None) -> FollowUp | None:
        """What the answerer needs to know of a follow-up (answer.FollowUp): the subject it
        typed and the answer just `read`; None for a question that stands alone, so that
        history never changes its answer."""
        if resolution is None or not resolution.followup:
            return None
        return FollowUp(resolution.subject, read or "")

    @staticmethod
    def _scope(snap: Snapshot, document: str | None, series: str | None
               ) -> tuple[str, ...] | None:
        """The documents a caller limits a question to: one by name, a series' editions, or
        both (the document, which must be in the series); an unknown one is an error that
        names what exists."""
        editions = find_series(snap.series, series).documents if series else None
        if document:
            if document not in snap.index.doc_ranges:
                raise ReportQAError(f"no document named {document!r} in the index")
            if editions is not None and document not in editions:
                raise ReportQAError(f"the document {document!r} is not in the series "
                                    f"{series!r} (its documents: {', '.join(editions)})")
            return (document,)
        return editions  # None: everywhere

    def _changes_answer(self, snap: Snapshot, question: str,
                        scope: Sequence[str] | None) -> Answer | None:
        """The edition diff of the series the question (or the scope's documents) names, as
        an answer; None when no series has two editions (retrieval then answers)."""
        docs = snap.index.manifest.get("documents", [])
        all_series: Sequence[SeriesInfo] = snap.series
        if scope:
            named = {d["name"]: d.get("series", "") for d in docs}.get(scope[0], "")
            all_series = [s for s in all_series if s.name == named]
        series = series_asked(question, all_series)
        if series is None:
            return None
        years = re.findall(rf"\b(?:{YEAR})\b", question)  # "… in the 2021 edition"
        newest = next((y for y in reversed(years) if y in {e for e, _ in series.editions}),
                      None)
        try:
            diff = compare(snap.index, series.id, None, newest)
        except UnknownEditionError:  # the year named is the series' first edition
            return None
        title = next((d.get("title", "") for d in docs if d["name"] == diff.new_document), "")
        return changes_answer(question, diff, detect_language(question), title)

    def _development_answer(self, snap: Snapshot, question: str, asked: DevelopmentQuestion,
                            hits: Sequence[Hit]) -> Answer | None:
        """The figure the question asks about in each edition of its series, from the fact
        table (ask/development.py); None when it is not in two editions (retrieval then
        answers). The series is the best passages' (within the question's scope, if any)."""
        docs = snap.index.manifest.get("documents", [])
        of_doc = {doc: s for s in snap.series if len(s.editions) > 1 for _, doc in s.editions}
        series = next((of_doc[h.passage.doc] for h in hits[:DEVELOPMENT_HITS]
                       if h.passage.doc in of_doc), None)
        if series is None:
            return None
        editions = editions_asked(asked, series.editions)
        if len(editions) < 2:
            return None
        analyzer = snap.index.lexical.analyzer
        facts = [document_facts(snap.index, doc, series.name, ed, analyzer)
                 for ed, doc in editions]
        language = detect_language(question)
        topic = snap.retriever.queries.analyze(asked.topic, language)
        dev = development_of(topic.concepts, facts, analyzer, asked.kind)
        if dev is None:
            return None
        rows = snap.index.db.passages([f.row for f in dev.facts])
        passages = {r: p.full_text for r, p in rows.items()}
        return development_answer(question, dev, language, {d["name"]: d for d in docs},
                                  passages)

    def documents(self) -> list[DocumentInfo]:
        return list(self.info().documents)

    def info(self) -> IndexInfo:
        """The served version: its id, model, build time, passages and documents."""
        m = self._snapshot.index.manifest
        return IndexInfo(self._snapshot.version, self.model_name, m.get("built_at", ""),
                         int(m.get("passages", 0)),
                         tuple(DocumentInfo.from_manifest(d) for d in m.get("documents", [])))

    def series(self) -> list[SeriesInfo]:
        """The report series of the served version, each with its editions."""
        return list(self._snapshot.series)

    def changes(self, series: str, old: str | None = None,
                new: str | None = None) -> EditionDiff:
        """Changed, new and removed figures between two editions of a series (facts/): by
        default the two newest; UnknownSeriesError / UnknownEditionError name what exists."""
        return compare(self._snapshot.index, series, old, new)

    def series_documents(self, series: str) -> tuple[str, ...]:
        """The documents (editions, oldest first) of the series `series` names;
        UnknownSeriesError names the series there are."""
        return find_series(self._snapshot.series, series).documents

    def has_document(self, name: str) -> bool:
        return name in self._snapshot.index.doc_ranges
