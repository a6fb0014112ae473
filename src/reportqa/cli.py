"""The `reportqa` command: index build|info|list|rollback|verify, ask, search, eval, serve, bot."""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from reportqa.config import Settings
from reportqa.errors import IndexCorruptError, ReportQAError
from reportqa.index.layout import IndexDir, missing_index_message, read_manifest, verify_files
from reportqa.limits import (
    CLI_SEARCH_K_MAX,
    TOP_K_MAX,
    WATCH_DEBOUNCE_MAX_SECONDS,
    WATCH_DEBOUNCE_MIN_SECONDS,
)

app = typer.Typer(help="Question answering over regional reports.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
index_app = typer.Typer(help="Build and inspect the index.", no_args_is_help=True)
app.add_typer(index_app, name="index")
db_app = typer.Typer(help="The PostgreSQL store (REPORTQA_STORE=postgresql://…).",
                     no_args_is_help=True)
app.add_typer(db_app, name="db")
feedback_app = typer.Typer(help="Votes on answers (👍 / 👎).", no_args_is_help=True)
app.add_typer(feedback_app, name="feedback")

CorpusOpt = Annotated[Path | None, typer.Option("--corpus", help="corpus folder")]
IndexOpt = Annotated[Path | None, typer.Option("--index", help="index folder")]
JsonOpt = Annotated[bool, typer.Option("--json", help="print JSON")]


StoreOpt = Annotated[str | None, typer.Option(
    "--store", help="a postgresql:// URL (default: REPORTQA_STORE)")]


def _settings(corpus: Path | None = None, index: Path | None = None, **extra) -> Settings:
    over = {k: v for k, v in {"corpus_dir": corpus, "index_dir": index, **extra}.items()
            if v is not None}
    if index is not None:  # an explicit index folder wins over REPORTQA_STORE
        over["store"] = ""
    return Settings(**over)


def _folder_only(s: Settings, command: str) -> None:
    """Commands that read the index folder's files refuse a PostgreSQL store by name."""
    if s.store_url is not None:
        raise ReportQAError(f"`reportqa {command}` reads an index folder; REPORTQA_STORE is "
                            "a database: use `reportqa db status`")


def _fail(msg: str, code: int = 1) -> None:
    typer.echo(f"error: {msg}", err=True)
    raise typer.Exit(code)


def _engine(settings: Settings):
    from reportqa.engine import Engine

    return Engine.load(settings)


class RichProgress:
    """Progress bars for the build stages (documents, embedding batches, writing)."""

    LABELS = {"documents": "Reading documents", "embedding": "Embedding passages",
              "writing": "Writing index"}

    def __init__(self) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.p = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                          TimeRemainingColumn(), transient=False)
        self.tasks: dict[str, int] = {}

    def __enter__(self):
        self.p.start()
        return self

    def __exit__(self, *exc):
        self.p.stop()

    def start(self, stage: str, total: int) -> None:
        self.tasks[stage] = self.p.add_task(self.LABELS.get(stage, stage), total=total)

    def advance(self, stage: str, n: int = 1) -> None:
        self.p.advance(self.tasks[stage], n)

    def done(self, stage: str) -> None:
        t = self.tasks[stage]
        self.p.update(t, completed=self.p.tasks[t].total)


@index_app.command("build")
def index_build(
    corpus: CorpusOpt = None,
    index: IndexOpt = None,
    if_stale: Annotated[bool, typer.Option("--if-stale",
                                           help="only when missing or stale")] = False,
    no_wait: Annotated[bool, typer.Option("--no-wait",
                                          help="fail at once if another build runs")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    gate: Annotated[Path | None, typer.Option(
        "--gate", help="publish only if these questions (eval JSONL) answer well enough")] = None,
    min_hit: Annotated[float, typer.Option(
        "--min-hit", min=0.0, max=1.0, help="with --gate: the hit@1 the new version needs; "
        "it must also not be worse than the live version")] = 0.9,
) -> None:
    """Build the index from the corpus folder and publish it atomically.

    Exit codes: 0 published (or up to date), 1 error, 3 refused by the --gate.
    """
    from reportqa.index.build import build_index, is_stale

    s = _settings(corpus, index)
    factory, before_publish = None, None
    if gate is not None:
        from reportqa.ask.evaluation import load_items
        from reportqa.index.gate import quality_gate

        items = load_items(gate)  # a bad gate file fails before any work
        factory = _shared_embedder(s)
        before_publish = quality_gate(s, items, min_hit, factory)
    if if_stale:
        stale, why = is_stale(s)
        if not stale:
            typer.echo(f"index is up to date ({s.index_dir})")
            return
        typer.echo(f"building index: {why}")

    def waiting() -> None:
        typer.echo(f"another build is running on {s.index_dir}; waiting for it to finish "
                   "(--no-wait to fail instead)", err=True)

    kw = {"wait": not no_wait, "embedder_factory": factory, "before_publish": before_publish,
          "on_wait": waiting}
    if quiet:
        res = build_index(s, **kw)
    elif sys.stderr.isatty():
        with RichProgress() as prog:
            res = build_index(s, progress=prog, **kw)
    else:  # systemd, a log file, a pipe: progress as lines every few seconds
        from reportqa.index.progress import LogProgress

        res = build_index(s, progress=LogProgress(lambda line: typer.echo(line, err=True)),
                          **kw)
    for name, reason in res.skipped:
        typer.echo(f"skipped {name}: {reason}", err=True)
    if not res.published:
        typer.echo(f"not published: {res.message}", err=True)
        raise typer.Exit(3)
    typer.echo(f"built {res.summary()}")
    if res.message:
        typer.echo(res.message)


def _shared_embedder(s: Settings):
    """A factory that loads the model once, however often it is called."""
    loaded: list = []

    def factory():
        if not loaded:
            from reportqa.model.embedder import load_embedder

            loaded.append(load_embedder(s))
        return loaded[0]

    return factory


@index_app.command("watch")
def index_watch(
    corpus: CorpusOpt = None,
    index: IndexOpt = None,
    debounce: Annotated[float, typer.Option(
        min=WATCH_DEBOUNCE_MIN_SECONDS, max=WATCH_DEBOUNCE_MAX_SECONDS,
        help="seconds the folder must be quiet before a rebuild")] = 2.0,
) -> None:
    """Rebuild the index whenever the corpus folder changes (Ctrl-C stops).

    Running servers pick each new version up by themselves.
    """
    from reportqa.index.watch import CorpusWatcher

    s = _settings(corpus, index)
    _log_reportqa_info(s.log_level)
    typer.echo(f"watching {s.corpus_dir} (rebuilds into {s.index_dir} after {debounce:g} s "
               "of quiet; Ctrl-C stops)")
    CorpusWatcher(s, embedder_factory=_shared_embedder(s), debounce=debounce).run()


@index_app.command("info")
def index_info(index: IndexOpt = None, as_json: JsonOpt = False) -> None:
    """Show the live index: version, model, documents, passages."""
    _folder_only(_settings(index=index), "index info")

    s = _settings(index=index)
    path = IndexDir(s.index_dir).resolve()
    m = read_manifest(path)
    if as_json:
        typer.echo(json.dumps({k: v for k, v in m.items() if k != "files"}, ensure_ascii=False,
                              indent=2))
        return
    typer.echo(f"version:   {m['version']}  ({path})")
    typer.echo(f"built:     {m['built_at']}")
    typer.echo(f"model:     {m['model']} (dim {m['dim']}, {m['index_type']})")
    typer.echo(f"passages:  {m['passages']}")
    typer.echo(f"retrieval: {m.get('retrieval')}")
    for d in m["documents"]:
        typer.echo(f"  {d['name']}: {d['title']!r}, {d['passages']} passages, "
                   f"indexed {d.get('indexed_at', '?')}, changed {d['changed_at']}")
    for d in m.get("skipped", []):
        typer.echo(f"  skipped {d['name']}: {d['reason']}")


@index_app.command("list")
def index_list(index: IndexOpt = None) -> None:
    """List the kept index versions; * marks the live one."""
    _folder_only(_settings(index=index), "index list")

    idx = IndexDir(_settings(index=index).index_dir)
    cur = idx.current()
    versions = idx.versions()
    if not versions:
        _fail(missing_index_message(idx.root))
    for v in versions:
        try:
            m = read_manifest(idx.path(v))
            detail = f"{m['built_at']}  {m['passages']} passages  {len(m['documents'])} docs"
        except ReportQAError as exc:
            detail = f"unreadable: {exc}"
        typer.echo(f"{'*' if v == cur else ' '} {v}  {detail}")


@index_app.command("rollback")
def index_rollback(
    version: Annotated[str | None, typer.Argument(help="version (default: the previous)")] = None,
    index: IndexOpt = None,
    no_wait: Annotated[bool, typer.Option("--no-wait",
                                          help="fail at once if a build runs")] = False,
) -> None:
    """Point CURRENT back at an earlier version (running services pick it up)."""
    from filelock import FileLock, Timeout

    idx = IndexDir(_settings(index=index).index_dir)
    lock = FileLock(str(idx.lock_path))
    try:
        lock.acquire(timeout=0 if no_wait else -1)
    except Timeout:
        _fail(f"a build is running on {idx.root}; try again when it has finished")
    try:
        _rollback_locked(idx, version)
    finally:
        lock.release()


def _rollback_locked(idx, version: str | None) -> None:
    versions = idx.versions()
    cur = idx.current()
    if version is None:
        older = [v for v in versions if cur is None or v < cur]
        if not older:
            _fail("no earlier index version to roll back to")
        version = older[-1]
    if version not in versions:
        _fail(f"no index version {version} (see `reportqa index list`)")
    from reportqa.index.loaded import LoadedIndex

    try:
        LoadedIndex.open(idx.path(version), full_check=True)
    except IndexCorruptError as exc:
        _fail(f"not rolling back to a broken version: {exc}")
    idx.set_current(version)
    typer.echo(f"live index is now {version}")


@index_app.command("verify")
def index_verify(
    version: Annotated[str | None, typer.Argument(help="version (default: the live one)")] = None,
    index: IndexOpt = None,
    all_versions: Annotated[bool, typer.Option("--all", help="every kept version")] = False,
) -> None:
    """Check every file of an index version against its checksum (exit 1 if any is broken)."""

    idx = IndexDir(_settings(index=index).index_dir)
    if version is not None and version not in idx.versions():
        _fail(f"no index version {version} (see `reportqa index list`)")
    names = idx.versions() if all_versions else [idx.resolve(version).name]
    if not names:
        _fail(missing_index_message(idx.root))
    broken = 0
    for name in names:
        try:
            path = idx.path(name)
            verify_files(path, read_manifest(path), full=True)
            typer.echo(f"{name}: all files intact")
        except ReportQAError as exc:
            broken += 1
            typer.echo(f"{name}: BROKEN: {exc}", err=not all_versions)
    if broken:
        raise typer.Exit(1)


def _print_answer(ans, as_json: bool, engine) -> None:
    from reportqa.ask.messages import not_found_text

    if as_json:
        d = {"question": ans.question, "answer": ans.text, "found": ans.found,
             "confidence": ans.confidence, "language": ans.language,
             "sources": [asdict(s) for s in ans.sources], "index_version": engine.version,
             "model": engine.model_name}
        typer.echo(json.dumps(d, ensure_ascii=False, indent=2))
        return
    if ans.found:
        typer.echo(f"{ans.text}\n")
        s = ans.sources[0]
        page = f", page {s.page}" if s.page else ""
        edition = f", indexed {s.indexed_at[:10]}" if s.indexed_at else ""
        typer.echo(f"Source: {s.title} ({s.document}{edition}), section \"{s.section}\"{page}")
    else:
        typer.echo(not_found_text(ans.language, [s.section for s in ans.sources]))

SeriesOpt = Annotated[str | None, typer.Option(
    "--series", "-s", help="only this report series, all its editions (an id from "
    "`reportqa index info`, or a part of it only one series has, e.g. mal-5)")]


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="the question")],
    index: IndexOpt = None,
    top_k: Annotated[int, typer.Option("--top-k", "-k", min=1, max=TOP_K_MAX)] = 3,
    document: Annotated[str | None, typer.Option("--document", "-d")] = None,
    series: SeriesOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Answer a question from the reports, with its source."""
    engine = _engine(_settings(index=index))
    _print_answer(engine.ask(question, top_k=top_k, document=document, series=series),
                  as_json, engine)


@app.command()
def search(
    query: Annotated[str, typer.Argument()],
    k: Annotated[int, typer.Option("-k", min=1, max=CLI_SEARCH_K_MAX)] = 5,
    index: IndexOpt = None,
    mode: Annotated[str, typer.Option(help="hybrid, dense or lexical")] = "hybrid",
    document: Annotated[str | None, typer.Option("--document", "-d")] = None,
    series: SeriesOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Ranked passages for a query (no answer selection)."""
    if mode not in ("hybrid", "dense", "lexical"):
        _fail("--mode must be hybrid, dense or lexical")
    if not query.strip():
        _fail("the query is empty")
    engine = _engine(_settings(index=index))
    hits = engine.search(query, k, document, mode=mode, series=series)
    if as_json:
        typer.echo(json.dumps([{"score": h.score, "dense": h.dense, "lexical": h.lexical,
                                **asdict(h.passage)} for h in hits], ensure_ascii=False,
                              indent=2))
        return
    for i, h in enumerate(hits, start=1):
        p = h.passage
        page = f" p.{p.page}" if p.page else ""
        typer.echo(f"{i}. [{h.score:.3f}] {p.doc} § {p.section}{page}\n   {p.text}")


@app.command()
def diff(
    series: Annotated[str | None, typer.Argument(
        help="the series: its id, name or a part of the id only it has (none: list them)")]
    = None,
    old: Annotated[str | None, typer.Option(
        "--from", help="the older edition (a year, or 'undated'); default: the one before --to")]
    = None,
    new: Annotated[str | None, typer.Option(
        "--to", help="the newer edition; default: the newest")] = None,
    index: IndexOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Changed, new and removed figures between two editions of a report series."""
    from reportqa.facts.series import live_changes, live_series

    s = _settings(index=index)
    if series is None:
        for info in live_series(s):
            eds = ", ".join(e or "undated" for e, _ in info.editions)
            typer.echo(f"{info.id}\n  {info.name}\n  editions: {eds}")
        return
    result = live_changes(s, series, old, new)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    _print_diff(result)


def _print_diff(d) -> None:
    """The diff as a short table: one line per figure, then both sentences quoted."""
    from reportqa.facts.series import edition_label

    old, new = edition_label(d.old_edition), edition_label(d.new_edition)
    c = d.counts()
    typer.echo(f"{d.series}\n{old} ({d.old_document}) → {new} ({d.new_document}): "
               f"{c['changed']} changed, {c['new']} new, {c['removed']} removed, "
               f"{c['unchanged']} unchanged figures")
    width = max([len(x.old.fact.figure) for x in d.changes if x.old] + [1])
    for ch in d.changes:
        before = ch.old.fact.figure if ch.old else "–"
        after = ch.new.fact.figure if ch.new else "–"
        typer.echo(f"\n{ch.kind:<8} {before:>{width}} → {after}   {ch.measure}")
        for label, f in ((old, ch.old), (new, ch.new)):
            if f is not None:
                page = f", p. {f.page}" if f.page else ""
                typer.echo(f"    {label}{page}: “{f.sentence}”")


@app.command("eval")
def eval_cmd(
    file: Annotated[Path, typer.Argument(help="questions, one JSON object a line")],
    index: IndexOpt = None,
    mode: Annotated[str, typer.Option(help="hybrid, dense or lexical")] = "hybrid",
    as_json: JsonOpt = False,
    details: Annotated[bool, typer.Option("--details", help="print every question")] = False,
    calibrate: Annotated[bool, typer.Option(
        "--calibrate", help="choose the abstention threshold on these questions and print it"
    )] = False,
) -> None:
    """Evaluate answers against expected facts: hit@1, hit@3, MRR, abstention, latency."""
    from reportqa.ask.conversation_eval import is_conversation_file
    from reportqa.ask.evaluation import evaluate, load_items

    if mode not in ("hybrid", "dense", "lexical"):
        _fail("--mode must be hybrid, dense or lexical")
    if file.is_file() and is_conversation_file(file):
        _eval_conversations(file, index, as_json, details)
        return
    items = load_items(file)
    if calibrate:
        from reportqa.ask.evaluation import calibrate as calibrate_threshold

        engine = _engine(_settings(index=index, abstain_threshold=0.0))
        cal = calibrate_threshold(evaluate(engine, items, mode)["items"])
        if as_json:
            typer.echo(json.dumps(asdict(cal), indent=2))
            return
        typer.echo(f"abstain_threshold={cal.threshold}  (on {file.name}: declines "
                   f"{cal.declined_unanswerable:.0%} of {cal.unanswerable} unanswerable, "
                   f"{cal.wrongly_declined:.0%} of {cal.answerable} answerable)\n"
                   f"use it: REPORTQA_ABSTAIN_THRESHOLD={cal.threshold}, or record it as "
                   "DEFAULT_ABSTAIN_THRESHOLD in retrieval_defaults.py for new indexes")
        return
    engine = _engine(_settings(index=index))
    res = evaluate(engine, items, mode)
    if as_json:
        _echo_result_json(res, details)
        return
    if details:
        for r in res["items"]:
            mark = "ok " if (r["hit"] or (r["expect"] is None and r["declined"])) else "MISS"
            typer.echo(f"{mark} {r['id']} [{r['confidence']:.2f}] {r['question']}\n"
                       f"     → {r['answer']}")
    cols = ["questions", "hit@1", "hit@3", "mrr", "declined_unanswerable", "wrongly_declined",
            "median_ms"]
    typer.echo(f"mode={res['mode']} model={res['model']} index={res['index_version']}")
    _echo_table("lang", 8, 23, cols, [*res["by_language"].items(), ("all", res["overall"])])
    if "by_kind" in res:  # items labelled with a kind (eval/README.md)
        _echo_table("kind", 14, 23, cols, list(res["by_kind"].items()))


def _echo_result_json(res: dict, details: bool) -> None:
    """An evaluation's figures as JSON; its per-question rows only with --details."""
    if not details:
        res = {k: v for k, v in res.items() if k != "items"}
    typer.echo(json.dumps(res, ensure_ascii=False, indent=2))


def _echo_table(label: str, label_width: int, width: int, cols: list[str],
                rows: list[tuple[str, dict]]) -> None:
    """Figures as a plain table: a row per label, a column per figure ("-" for none)."""
    typer.echo(f"{label:{label_width}}" + "".join(f"{c:>{width}}" for c in cols))
    for name, figures in rows:
        typer.echo(f"{name:{label_width}}" + "".join(
            f"{'-' if figures[c] is None else figures[c]!s:>{width}}" for c in cols))


def _eval_conversations(file: Path, index: Path | None, as_json: bool, details: bool) -> None:
    """`reportqa eval` of a conversation file: each turn asked with its history."""
    from reportqa.ask.conversation_eval import evaluate_conversations, load_conversations

    convs = load_conversations(file)
    engine = _engine(_settings(index=index))
    res = evaluate_conversations(engine, convs)
    if as_json:
        _echo_result_json(res, details)
        return
    if details:
        for r in res["items"]:
            typer.echo(f"{'ok ' if r['right'] else 'MISS'} {r['id']} {r['kind']:10} "
                       f"{r['question']}" + (f"\n     read as: {r['resolved']}"
                                             if r["resolved"] else "")
                       + f"\n     → {r['answer']}")
    cols = ["turns", "right", "answerable_right", "unanswerable_declined", "wrongly_declined",
            "same_as_alone"]
    typer.echo(f"{res['conversations']} conversations, model={res['model']} "
               f"index={res['index_version']}")
    _echo_table("", 12, 22, cols, [*res["by_kind"].items(), *res["by_language"].items(),
                                   ("all", res["overall"])])


@feedback_app.command("export")
def feedback_export(
    jsonl: Annotated[bool, typer.Option("--jsonl", help="one JSON object a line (the only "
                                        "format; the flag says so in scripts)")] = True,
    all_votes: Annotated[bool, typer.Option("--all", help="👍 too, not only 👎")] = False,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="file (default stdout)")
                   ] = None,
) -> None:
    """Votes as `reportqa eval` lines: each 👎 a regression question to fill in.

    `expect` is null (the report should decline) until someone writes the strings the right
    answer contains; the wrong answer, the comment and the index version come along.
    """
    from reportqa.feedback.select import open_feedback
    from reportqa.feedback.store import eval_rows

    feedback = open_feedback(_settings())
    try:
        lines = [json.dumps(r, ensure_ascii=False) for r in
                 eval_rows(feedback.votes, None if all_votes else "down")]
    finally:
        feedback.close()
    text = "\n".join(lines) + ("\n" if lines else "")
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {len(lines)} questions to {out}", err=True)


@feedback_app.command("stats")
def feedback_stats() -> None:
    """How many 👍 and 👎 are stored, and where."""
    from reportqa.feedback.select import open_feedback

    feedback = open_feedback(_settings())
    try:
        counts = feedback.votes.counts()
    finally:
        feedback.close()
    typer.echo(f"{counts['up']} up, {counts['down']} down ({feedback.where})")


def _preload_model_libraries() -> None:
    """Import sentence-transformers (torch, transformers) in a background thread.

    The engine needs them only once the server runs, but importing them is most of the
    start-up; overlapped with importing the web server they start about a second sooner
    (bench/startup.py). Any real failure is reported when the engine loads.
    """
    import contextlib
    import threading

    def run() -> None:
        with contextlib.suppress(Exception):  # Engine.load reports it with context
            import sentence_transformers  # noqa: F401

    threading.Thread(target=run, name="preload-model-libraries", daemon=True).start()


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="default REPORTQA_HOST")] = None,
    port: Annotated[int | None, typer.Option(help="default REPORTQA_PORT")] = None,
    index: IndexOpt = None,
    corpus: CorpusOpt = None,
    watch: Annotated[bool, typer.Option(
        "--watch", help="also rebuild when the corpus folder changes")] = False,
    build_if_stale: Annotated[bool, typer.Option(
        "--build-if-stale", help="rebuild a missing or stale index in the background at "
        "startup, serving the live version meanwhile (`make run` does)")] = False,
) -> None:
    """Serve the HTTP API (and the Telegram bot when TELEGRAM_BOT_TOKEN is set).

    New index versions are swapped in without a restart (CURRENT is polled each second;
    SIGHUP reloads at once).
    """
    _preload_model_libraries()  # overlaps the model libraries' import with the server's
    from reportqa.serve.http.app import create_app
    from reportqa.serve.http.server import run_server

    s = _settings(corpus, index, host=host, port=port)
    updates = _update_hooks(s, watch)  # swap new index versions in; rebuild with --watch
    from reportqa.serve.telegram.webhook import telegram_extras

    routers, hooks = telegram_extras(s)  # the bot too when TELEGRAM_BOT_TOKEN is set
    hooks = [*updates, *hooks]
    _log_reportqa_info(s.log_level)
    run_server(create_app(s, routers=routers, lifespan_hooks=hooks,
                          build_if_stale=build_if_stale), s)


@app.command()
def bot(index: IndexOpt = None, corpus: CorpusOpt = None) -> None:
    """Run the Telegram bot alone (long polling) until Ctrl-C; token from TELEGRAM_BOT_TOKEN."""
    from reportqa.serve.telegram.bot import run_bot

    s = _settings(corpus, index)
    _log_reportqa_info(s.log_level)
    run_bot(s)


def _log_reportqa_info(level_name: str) -> None:
    """Services log reportqa's lines at `level_name` (INFO: start, ready, swaps, access;
    DEBUG adds the questions themselves) and other libraries' warnings."""
    level = logging.getLevelName(level_name)
    for handler in logging.getLogger().handlers:
        handler.setLevel(min(level, logging.INFO))
        handler.addFilter(lambda r: r.levelno >= logging.WARNING or r.name.startswith("reportqa"))
    logging.getLogger("reportqa").setLevel(level)


def _update_hooks(s: Settings, watch: bool) -> list:
    """Server lifespan hooks: poll CURRENT (and SIGHUP) for new versions; --watch rebuilds."""
    import signal

    from reportqa.index.watch import reload_hook, watch_hook

    if hasattr(signal, "SIGHUP"):  # until the engine is loaded, a SIGHUP must not kill us
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    return [reload_hook(1.0)] + ([watch_hook(s)] if watch else [])


@db_app.command("init")
def db_init(store: StoreOpt = None) -> None:
    """Create the schema (and the pgvector extension) in a new database; idempotent."""
    from reportqa.store.postgres.admin import init_or_migrate

    before, after = init_or_migrate(_settings(store=store))
    typer.echo(f"schema at level {after}" + (" (already)" if before == after else
                                              f" (was {before})"))


@db_app.command("migrate")
def db_migrate(store: StoreOpt = None) -> None:
    """Apply the schema migrations this reportqa needs (each in one transaction)."""
    from reportqa.store.postgres.admin import init_or_migrate

    before, after = init_or_migrate(_settings(store=store))
    typer.echo(f"schema at level {after}" + ("; nothing to do" if before == after else
                                              f" (was {before})"))


@db_app.command("status")
def db_status(store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """The server, pgvector, schema level, current version, every version and its size."""
    from reportqa.store.postgres.admin import status

    st = status(_settings(store=store))
    if as_json:
        typer.echo(json.dumps(asdict(st), ensure_ascii=False, indent=2))
        return
    typer.echo(f"database   {st.database} (PostgreSQL {st.server}, pgvector "
               f"{st.pgvector or 'not installed'})")
    typer.echo(f"schema     level {st.level} (this reportqa: {st.expected_level})"
               + ("; run `reportqa db init`" if st.level == 0 else ""))
    typer.echo(f"current    {st.current or 'none'}; {st.listeners} replica(s) listening")
    for v in st.versions:
        mark = "*" if v["current"] else " "
        typer.echo(f" {mark} {v['version']}  {v['passages']:>9} passages  "
                   f"{v['bytes'] / 1e6:8.1f} MB  published {v['published_at']}")
    for b in st.building:
        typer.echo(f"   {b}  unfinished build (removed by the next build)")


@db_app.command("rollback")
def db_rollback(
    version: Annotated[str | None, typer.Argument(
        help="the version to serve (default: the one before the current)")] = None,
    store: StoreOpt = None,
) -> None:
    """Serve an older published version: every replica swaps to it at once (NOTIFY)."""
    from reportqa.store.postgres.admin import rollback

    typer.echo(f"now current: {rollback(_settings(store=store), version)}")


def main() -> None:
    # Model loading draws tqdm bars and bm25s forces its logger to DEBUG: keep the CLI quiet.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setLevel(logging.WARNING)
    from pydantic import ValidationError

    from reportqa.config import describe_settings_error

    try:
        app()
    except ReportQAError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except ValidationError as exc:
        if exc.title != "Settings":
            raise
        typer.echo(f"error: {describe_settings_error(exc)}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
