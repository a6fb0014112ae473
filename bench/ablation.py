"""Answer-quality ablation: lexical only, dense only, hybrid — and what the parts add.

    .venv/bin/python bench/ablation.py                # builds a temporary index of corpus/
    .venv/bin/python bench/ablation.py --index index  # or uses a built one
    .venv/bin/python bench/ablation.py --json

For each question set (eval/heldout.jsonl: never tuned on; eval/tune.jsonl: tuned and
calibrated on; ../shared/eval/dev.jsonl when present) and each configuration, prints per
language: answer hit@1, hit@3 over sources, MRR, share of unanswerable questions declined,
share of answerable questions wrongly declined, median latency (ms) — the figures of
`reportqa eval FILE --mode MODE`, plus rows `reportqa eval` cannot produce: hybrid
without the English→Swedish glossary, without the Swedish thesaurus, and without sentence
re-ranking (answer = the best retrieved passage's sentence).
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


def _engine(index_dir: Path | None):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from reportqa.config import Settings
    from reportqa.engine import Engine
    from reportqa.index.build import build_index
    from reportqa.model.embedder import Embedder

    embedder = Embedder()
    tmp = None
    if index_dir is None:
        tmp = Path(tempfile.mkdtemp(prefix="reportqa-ablation-"))
        index_dir = tmp / "index"
        build_index(Settings(corpus_dir=ROOT / "corpus", index_dir=index_dir, _env_file=None),
                    embedder_factory=lambda: embedder)
    settings = Settings(corpus_dir=ROOT / "corpus", index_dir=index_dir, _env_file=None)
    return Engine.load(settings, embedder=embedder), tmp


def _configure(engine, config: str) -> str:
    """Set the engine's snapshot up for one configuration; returns the retrieval mode."""
    from reportqa.ask.answer import RerankWeights
    from reportqa.ask.question import QueryAnalyzer, QueryOptions
    from reportqa.text.glossary import Glossary, load_glossary

    snap = engine.snapshot
    lex = snap.index.lexical
    glossary = Glossary({}, 1) if config == "hybrid, no glossary" else load_glossary()
    options = QueryOptions(thesaurus_factor=0.0 if config == "hybrid, no thesaurus" else
                           QueryOptions().thesaurus_factor)
    queries = QueryAnalyzer(lex.analyzer, lex.bm25.vocab_dict.keys(), glossary=glossary,
                            doc_freq=lex.doc_freq, num_docs=lex.size, options=options)
    snap.retriever.queries = snap.answerer.queries = queries
    weights = RerankWeights()
    if config == "hybrid, no re-ranking":
        weights = dataclasses.replace(weights, sentence=0.0, passage=0.0, number=0.0,
                                      unit=0.0, definition=0.0, compound=0.0, name=0.0,
                                      retrieval=1.0)
    snap.answerer.weights = weights
    return config.split(",")[0]


def run(index_dir: Path | None) -> dict:
    from reportqa.ask.evaluation import evaluate, load_items

    engine, tmp = _engine(index_dir)
    try:
        out: dict = {"model": engine.model_name, "index_version": engine.version, "sets": {}}
        for name, path in SETS.items():
            if not path.is_file():
                continue
            items = load_items(path)
            out["sets"][name] = {}
            for config in CONFIGS:
                mode = _configure(engine, config)
                res = evaluate(engine, items, mode)
                out["sets"][name][config] = {
                    lang: {c: s[c] for c in COLUMNS} for lang, s in res["by_language"].items()
                }
        return out
    finally:
        _configure(engine, "hybrid")
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", type=Path, help="a built index folder (default: build one)")
    ap.add_argument("--json", action="store_true", help="print JSON")
    args = ap.parse_args()
    res = run(args.index)
    print(json.dumps(res, indent=2, ensure_ascii=False) if args.json else markdown(res))


if __name__ == "__main__":
    sys.exit(main())
