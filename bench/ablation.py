"""Answer-quality ablation: lexical only, dense only, hybrid — and what the parts add.

    .venv/bin/python bench/ablation.py                # builds a temporary index of corpus/
    .venv/bin/python bench/ablation.py --index index  # or uses a built one
    .venv/bin/python bench/ablation.py --json
    .venv/bin/python bench/ablation.py --model minilm --corpus eval/multi/corpus \
        --sets eval/multi/heldout_multiE.jsonl eval/multi/heldout_multiF.jsonl \
        --configs lexical dense hybrid "hybrid, no glossary" --brief

For each question set (eval/heldout.jsonl: never tuned on; eval/tune.jsonl: tuned and
calibrated on; ../shared/eval/dev.jsonl when present) and each configuration, prints per
language: answer hit@1, hit@3 over sources, MRR, share of unanswerable questions declined,
share of answerable questions wrongly declined, median latency (ms) — the figures of
`reportqa eval FILE --mode MODE`, plus rows `reportqa eval` cannot produce: hybrid
without the English→Swedish glossary, without the Swedish thesaurus, and without sentence
re-ranking (answer = the best retrieved passage's sentence).

`--model` picks the embedding model as REPORTQA_MODEL does (default: the bundled
multilingual-e5-small; `minilm` for all-MiniLM-L6-v2); answering is the engine's default for
it (the fitted answer model where one is fitted for the model, else the coverage confidence).
`--corpus DIR` and `--sets FILE ...` run other reports and question sets (eval/multi/);
`--configs` picks configurations; `--brief` prints one row per set and configuration:
hit@1 per language, and over all questions the share of unanswerable ones declined, of near
misses declined and of answerable ones wrongly declined. The glossary cannot be switched off
by a setting: "no glossary" builds the query analyser with an empty one and without the
general English word list (which also drops the Swedish synonyms the glossary implies).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "heldout": ROOT / "eval" / "heldout.jsonl",
    "tune": ROOT / "eval" / "tune.jsonl",
    "heldout_blind5": ROOT / "eval" / "heldout_blind5.jsonl",
    "dev": ROOT.parent / "shared" / "eval" / "dev.jsonl",
}
CONFIGS = ["lexical", "dense", "hybrid", "hybrid, no glossary", "hybrid, no thesaurus",
           "hybrid, no re-ranking"]
COLUMNS = ["hit@1", "hit@3", "mrr", "declined_unanswerable", "wrongly_declined", "median_ms"]
#: --brief: figures over all questions of a set (beside hit@1 per language).
BRIEF_ALL = ["questions", "declined_unanswerable", "near_miss_declined", "wrongly_declined"]


def _engine(index_dir: Path | None, model: str | None = None, corpus: Path | None = None):
    """An engine over `index_dir`, or over a temporary index of `corpus` built here; and the
    temporary folder to delete (None for a given index)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from reportqa.config import Settings
    from reportqa.engine import Engine
    from reportqa.index.build import build_index
    from reportqa.model.embedder import load_embedder

    corpus = corpus or ROOT / "corpus"
    tmp = None
    if index_dir is None:
        tmp = Path(tempfile.mkdtemp(prefix="reportqa-ablation-"))
        index_dir = tmp / "index"

    def settings() -> Settings:
        kw = {} if model is None else {"model": model}
        return Settings(corpus_dir=corpus, index_dir=index_dir, _env_file=None, **kw)

    try:
        embedder = load_embedder(settings(), serving=True)  # one thread, as a replica
        if tmp is not None:
            build_index(settings(), embedder_factory=lambda: embedder)
        return Engine.load(settings(), embedder=embedder), tmp
    except BaseException:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        raise


def _configure(engine, config: str) -> str:
    """Set the engine's snapshot up for one configuration; returns the retrieval mode.

    lexical / dense / hybrid are the engine as loaded (its own query analyser and weights);
    the other rows replace one part of it."""
    from reportqa.ask.answer import RerankWeights
    from reportqa.ask.question import QueryAnalyzer, QueryOptions
    from reportqa.text.glossary import Glossary, load_glossary

    snap = engine.snapshot
    default = _DEFAULTS.setdefault(id(snap), (snap.retriever.queries, snap.answerer.weights))
    if config in ("lexical", "dense", "hybrid"):
        snap.retriever.queries = snap.answerer.queries = default[0]
        snap.answerer.weights = default[1]
        return config
    lex = snap.index.lexical
    glossary = Glossary({}, 1) if config == "hybrid, no glossary" else load_glossary()
    options = QueryOptions(thesaurus_factor=0.0 if config == "hybrid, no thesaurus" else
                           QueryOptions().thesaurus_factor,
                           general_translation=config != "hybrid, no glossary")
    queries = QueryAnalyzer(lex.analyzer, lex.vocabulary(), glossary=glossary,
                            doc_freq=lex.doc_freq, num_docs=lex.size, options=options)
    queries.use_editions(snap.answerer.editions)
    snap.retriever.queries = snap.answerer.queries = queries
    weights = RerankWeights()
    if config == "hybrid, no re-ranking":
        weights = dataclasses.replace(weights, sentence=0.0, passage=0.0, number=0.0,
                                      unit=0.0, definition=0.0, compound=0.0, name=0.0,
                                      retrieval=1.0)
    snap.answerer.weights = weights
    return config.split(",")[0]


#: The engine's own query analyser and re-ranking weights, per snapshot, before _configure.
_DEFAULTS: dict[int, tuple] = {}


def _set_name(path: Path) -> str:
    """A set's name: its path under eval/ without .jsonl ("multi/heldout_multiE")."""
    try:
        return str(path.resolve().relative_to(ROOT / "eval").with_suffix(""))
    except ValueError:
        return path.stem


def run(index_dir: Path | None, model: str | None = None, corpus: Path | None = None,
        sets: list[Path] | None = None, configs: list[str] | None = None) -> dict:
    from reportqa.ask.evaluation import evaluate, load_items

    chosen = ({_set_name(p): p for p in sets} if sets else
              {name: p for name, p in SETS.items() if p.is_file()})
    loaded = {name: load_items(p) for name, p in chosen.items()}  # a bad file fails first
    engine, tmp = _engine(index_dir, model, corpus)
    try:
        out: dict = {"model": engine.model_name, "index_version": engine.version,
                     "answering": ("answer model" if engine.snapshot.answerer.model is not None
                                   else "coverage confidence"),
                     "threshold": engine.snapshot.answerer.threshold,
                     "corpus": str(corpus or ROOT / "corpus"), "sets": {}, "overall": {}}
        for name, items in loaded.items():
            out["sets"][name] = {}
            out["overall"][name] = {}
            for config in configs or CONFIGS:
                mode = _configure(engine, config)
                res = evaluate(engine, items, mode)
                out["sets"][name][config] = {
                    lang: {c: s[c] for c in COLUMNS} for lang, s in res["by_language"].items()
                }
                out["overall"][name][config] = {c: res["overall"][c] for c in BRIEF_ALL}
        return out
    finally:
        _configure(engine, "hybrid")
        engine.close()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def _fmt(v) -> str:
    return "–" if v is None else f"{v:.1f}" if isinstance(v, float) and v > 1 else f"{v:.2f}"


def markdown(res: dict) -> str:
    lines = [f"model {res['model']}", "",
             "| set | configuration | lang | " + " | ".join(COLUMNS) + " |",
             "|---|---|---|" + "---:|" * len(COLUMNS)]
    for name, configs in res["sets"].items():
        for config, langs in configs.items():
            for lang, s in sorted(langs.items(), key=lambda kv: kv[0] != "sv"):
                lines.append(f"| {name} | {config} | {lang} | "
                             + " | ".join(_fmt(s[c]) for c in COLUMNS) + " |")
    return "\n".join(lines)


def brief(res: dict) -> str:
    """One row per set and configuration: hit@1 per language, declines over all questions."""
    langs = sorted({lang for configs in res["sets"].values() for langs in configs.values()
                    for lang in langs}, key=lambda lang: (lang != "sv", lang))
    cols = [f"{lang} hit@1" for lang in langs] + [
        "unanswerable declined", "near misses declined", "answerable declined"]
    lines = [f"model {res['model']}, {res['answering']} (threshold {res['threshold']:.3f}), "
             f"corpus {res['corpus']}", "",
             "| set | configuration | " + " | ".join(cols) + " |",
             "|---|---|" + "---:|" * len(cols)]
    for name, configs in res["sets"].items():
        for config, by_lang in configs.items():
            every = res["overall"][name][config]
            vals = [by_lang.get(lang, {}).get("hit@1") for lang in langs] + [
                every["declined_unanswerable"], every["near_miss_declined"],
                every["wrongly_declined"]]
            lines.append(f"| {name} ({every['questions']}) | {config} | "
                         + " | ".join("–" if v is None else f"{v:.2f}" for v in vals) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", type=Path, help="a built index folder (default: build one)")
    ap.add_argument("--model", help="embedding model, as REPORTQA_MODEL: the bundled "
                    "multilingual-e5-small (default) or `minilm`; must match --index's")
    ap.add_argument("--corpus", type=Path, help="reports to build the temporary index of "
                    "(default: corpus/)")
    ap.add_argument("--sets", type=Path, nargs="+", metavar="FILE",
                    help="question sets (default: heldout, tune, heldout_blind5, dev)")
    ap.add_argument("--configs", nargs="+", choices=CONFIGS, metavar="CONFIG",
                    help="configurations, of: " + "; ".join(CONFIGS) + " (default: all)")
    ap.add_argument("--json", action="store_true", help="print JSON")
    ap.add_argument("--brief", action="store_true", help="print hit@1 per language and "
                    "declines over all questions, a row per set and configuration")
    args = ap.parse_args()
    if args.index is not None and args.corpus is not None:
        ap.error("--corpus builds an index; --index uses a built one: give one of them")
    res = run(args.index, args.model, args.corpus, args.sets, args.configs)
    print(json.dumps(res, indent=2, ensure_ascii=False) if args.json
          else brief(res) if args.brief else markdown(res))


if __name__ == "__main__":
    sys.exit(main())
