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

from .config import Settings
from .errors import ReportQAError

app = typer.Typer(help="Question answering over regional reports.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
index_app = typer.Typer(help="Build and inspect the index.", no_args_is_help=True)
app.add_typer(index_app, name="index")

CorpusOpt = Annotated[Path | None, typer.Option("--corpus", help="corpus folder")]
IndexOpt = Annotated[Path | None, typer.Option("--index", help="index folder")]
JsonOpt = Annotated[bool, typer.Option("--json", help="print JSON")]


def _settings(corpus: Path | None = None, index: Path | None = None, **extra) -> Settings:
    over = {k: v for k, v in {"corpus_dir": corpus, "index_dir": index, **extra}.items()
            if v is not None}
    return Settings(**over)


def _fail(msg: str, code: int = 1) -> None:
    typer.echo(f"error: {msg}", err=True)
    raise typer.Exit(code)


def _engine(settings: Settings):
    from .engine import Engine

    return Engine.load(settings)


class RichProgress:
    """Progress bars for the build stages (documents, embedding batches, writing)."""

    LABELS = {"documents": "Reading documents", "embedding": "Embedding passages",
              "writing": "Writing index"}

    def __init__(self) -> None:
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeRemainingColumn)

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
    if_stale: Annotated[bool, typer.Option("--if-stale", help="only when missing or stale")] = False,
    no_wait: Annotated[bool, typer.Option("--no-wait",
                                          help="fail at once if another build runs")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Build the index from the corpus folder and publish it atomically."""
    from .indexer import build_index, is_stale

    s = _settings(corpus, index)
    if if_stale:
        stale, why = is_stale(s)
        if not stale:
            typer.echo(f"index is up to date ({s.index_dir})")
            return
        typer.echo(f"building index: {why}")
    if quiet:
        res = build_index(s, wait=not no_wait)
    else:
        with RichProgress() as prog:
            res = build_index(s, progress=prog, wait=not no_wait)
    for name, reason in res.skipped:
        typer.echo(f"skipped {name}: {reason}", err=True)
    typer.echo(
        f"built {res.version}: {res.passages} passages from {res.documents} documents "
        f"({res.embedded} embedded, {res.reused_documents} documents unchanged) "
        f"in {res.seconds:.1f} s"
    )


@index_app.command("info")
def index_info(index: IndexOpt = None, as_json: JsonOpt = False) -> None:
    """Show the live index: version, model, documents, passages."""
    from . import store

    s = _settings(index=index)
    path = store.IndexDir(s.index_dir).resolve()
    m = store.read_manifest(path)
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
                   f"changed {d['changed_at']}")
    for d in m.get("skipped", []):
        typer.echo(f"  skipped {d['name']}: {d['reason']}")


@index_app.command("list")
def index_list(index: IndexOpt = None) -> None:
    """List the kept index versions; * marks the live one."""
    from . import store

    idx = store.IndexDir(_settings(index=index).index_dir)
    cur = idx.current()
    versions = idx.versions()
    if not versions:
        _fail(f"no index in {idx.root}: build one with `reportqa index build`")
    for v in versions:
        try:
            m = store.read_manifest(idx.path(v))
            detail = f"{m['built_at']}  {m['passages']} passages  {len(m['documents'])} docs"
        except ReportQAError as exc:
            detail = f"unreadable: {exc}"
        typer.echo(f"{'*' if v == cur else ' '} {v}  {detail}")


@index_app.command("rollback")
def index_rollback(
    version: Annotated[str | None, typer.Argument(help="version (default: the previous)")] = None,
    index: IndexOpt = None,
) -> None:
    """Point CURRENT back at an earlier version (running services pick it up)."""
    from . import store

    idx = store.IndexDir(_settings(index=index).index_dir)
    versions = idx.versions()
    cur = idx.current()
    if version is None:
        older = [v for v in versions if cur is None or v < cur]
        if not older:
            _fail("no earlier index version to roll back to")
        version = older[-1]
    if version not in versions:
        _fail(f"no index version {version} (see `reportqa index list`)")
    from .loaded_index import LoadedIndex

    LoadedIndex.open(idx.path(version), full_check=True)
    idx.set_current(version)
    typer.echo(f"live index is now {version}")


@index_app.command("verify")
def index_verify(index: IndexOpt = None) -> None:
    """Check every file of the live index against its checksum."""
    from . import store

    path = store.IndexDir(_settings(index=index).index_dir).resolve()
    store.verify_files(path, store.read_manifest(path), full=True)
    typer.echo(f"{path.name}: all files intact")


def _print_answer(ans, as_json: bool, engine) -> None:
    from .messages import not_found_text

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
        typer.echo(f"Source: {s.title} ({s.document}), section \"{s.section}\"{page}")
    else:
        typer.echo(not_found_text(ans.language, [s.section for s in ans.sources]))


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="the question")],
    index: IndexOpt = None,
    top_k: Annotated[int, typer.Option("--top-k", "-k", min=1, max=20)] = 3,
    document: Annotated[str | None, typer.Option("--document", "-d")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Answer a question from the reports, with its source."""
    engine = _engine(_settings(index=index))
    _print_answer(engine.ask(question, top_k=top_k, document=document), as_json, engine)


@app.command()
def search(
    query: Annotated[str, typer.Argument()],
    k: Annotated[int, typer.Option("-k", min=1, max=100)] = 5,
    index: IndexOpt = None,
    mode: Annotated[str, typer.Option(help="hybrid, dense or lexical")] = "hybrid",
    as_json: JsonOpt = False,
) -> None:
    """Ranked passages for a query (no answer selection)."""
    if mode not in ("hybrid", "dense", "lexical"):
        _fail("--mode must be hybrid, dense or lexical")
    if not query.strip():
        _fail("the query is empty")
    engine = _engine(_settings(index=index))
    hits = engine.search(query, k, mode=mode)
    if as_json:
        typer.echo(json.dumps([{"score": h.score, "dense": h.dense, "lexical": h.lexical,
                                **asdict(h.passage)} for h in hits], ensure_ascii=False,
                              indent=2))
        return
    for i, h in enumerate(hits, start=1):
        p = h.passage
        page = f" p.{p.page}" if p.page else ""
        typer.echo(f"{i}. [{h.score:.3f}] {p.doc} § {p.section}{page}\n   {p.text}")


@app.command("eval")
def eval_cmd(
    file: Annotated[Path, typer.Argument(help="questions, one JSON object a line")],
    index: IndexOpt = None,
    mode: Annotated[str, typer.Option(help="hybrid, dense or lexical")] = "hybrid",
    as_json: JsonOpt = False,
    details: Annotated[bool, typer.Option("--details", help="print every question")] = False,
) -> None:
    """Evaluate answers against expected facts: hit@1, hit@3, MRR, abstention, latency."""
    from .evaluation import evaluate, load_items

    if mode not in ("hybrid", "dense", "lexical"):
        _fail("--mode must be hybrid, dense or lexical")
    items = load_items(file)
    engine = _engine(_settings(index=index))
    res = evaluate(engine, items, mode)
    if as_json:
        if not details:
            res = {k: v for k, v in res.items() if k != "items"}
        typer.echo(json.dumps(res, ensure_ascii=False, indent=2))
        return
    if details:
        for r in res["items"]:
            mark = "ok " if (r["hit"] or (r["expect"] is None and r["declined"])) else "MISS"
            typer.echo(f"{mark} {r['id']} [{r['confidence']:.2f}] {r['question']}\n"
                       f"     → {r['answer']}")
    cols = ["questions", "hit@1", "hit@3", "mrr", "declined_unanswerable", "wrongly_declined",
            "median_ms"]
    typer.echo(f"mode={res['mode']} model={res['model']} index={res['index_version']}")
    typer.echo(f"{'lang':8}" + "".join(f"{c:>23}" for c in cols))
    for lang, s in [*res["by_language"].items(), ("all", res["overall"])]:
        typer.echo(f"{lang:8}" + "".join(f"{'-' if s[c] is None else s[c]!s:>23}"
                                         for c in cols))


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="default REPORTQA_HOST")] = None,
    port: Annotated[int | None, typer.Option(help="default REPORTQA_PORT")] = None,
    index: IndexOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """Serve the HTTP API (and the Telegram bot when TELEGRAM_BOT_TOKEN is set)."""
    import uvicorn

    from .api import create_app

    s = _settings(corpus, index, host=host, port=port)
    from .telegram_webhook import telegram_extras

    routers, hooks = telegram_extras(s)  # the bot too when TELEGRAM_BOT_TOKEN is set
    uvicorn.run(create_app(s, routers=routers, lifespan_hooks=hooks), host=s.host, port=s.port,
                log_level="info")


@app.command()
def bot(index: IndexOpt = None, corpus: CorpusOpt = None) -> None:
    """Run the Telegram bot alone (long polling) until Ctrl-C; token from TELEGRAM_BOT_TOKEN."""
    from .telegram_bot import run_bot

    for handler in logging.getLogger().handlers:  # show the bot's own INFO lines
        handler.setLevel(logging.INFO)
        handler.addFilter(lambda r: r.levelno >= logging.WARNING or r.name.startswith("reportqa"))
    logging.getLogger("reportqa").setLevel(logging.INFO)
    run_bot(_settings(corpus, index))


def main() -> None:
    # Model loading draws tqdm bars and bm25s forces its logger to DEBUG: keep the CLI quiet.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setLevel(logging.WARNING)
    try:
        app()
    except ReportQAError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
