"""Rebuild cost: full build of a generated 1,000-document corpus, then one changed document.

    .venv/bin/python bench/reindex_bench.py                  # 1,000 documents, bundled model
    .venv/bin/python bench/reindex_bench.py --docs 200 --profile

Prints the full build time, the rebuild time after one document changed (and after none),
their ratio (the issue's bar: under 5 %), and with --profile the stages of the incremental
path (hashing, copying passages, cache lookup, FAISS/BM25 rebuild, SQLite write, checksums).
The documents are Swedish-like: the first report's sentences recombined, with varied place
names, organisations and figures, so that every document is different text.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

REPORT = ROOT / "corpus" / "region-jamtland-harjedalen_laget-i-lanet_mal-5-fler-kluster.txt"

PLACES = ["Jämtland", "Härjedalen", "Västernorrland", "Norrbotten", "Dalarna", "Gävleborg",
          "Värmland", "Västerbotten", "Kronoberg", "Kalmar", "Blekinge", "Halland", "Gotland",
          "Uppsala", "Örebro", "Sörmland"]
TOWNS = ["Östersund", "Åre", "Sveg", "Krokom", "Strömsund", "Berg", "Bräcke", "Ragunda",
         "Sundsvall", "Härnösand", "Luleå", "Falun", "Gävle", "Karlstad", "Umeå", "Växjö"]
ORGS = ["Grönt Center", "IUC-Z group", "Peak Innovation", "Etour", "House Be",
        "Gomorron Östersund", "Tillväxtverket", "Mittuniversitetet", "Hushållningssällskapet",
        "Landsbygdskommittén", "LRF", "Torsta AB", "Eldrimner", "Almi", "Vinnova"]
TOPICS = ["Turism", "Industri", "Tjänster", "Gröna näringar", "Offentlig sektor", "Energi",
          "Skog", "Transporter", "Kultur", "Utbildning", "Digitalisering", "Livsmedel"]

_NUM = re.compile(r"\d[\d ]*\d|\d")


def report_sentences() -> list[str]:
    from reportqa.ingest.chunking import split_sentences

    text = REPORT.read_text(encoding="utf-8")
    paras = [p.strip() for p in text.split("\n\n") if len(p.strip()) > 80]
    return [s for p in paras for s in split_sentences(p) if len(s) > 30]


def _vary(sentence: str, rng: random.Random) -> str:
    def num(m: re.Match) -> str:
        n = int(m.group(0).replace(" ", ""))
        v = max(1, int(n * rng.uniform(0.5, 1.8)))
        return f"{v:,}".replace(",", " ") if v >= 10_000 else str(v)

    s = _NUM.sub(num, sentence)
    for word, pool in (("Jämtlands", PLACES), ("Jämtland", PLACES), ("Östersund", TOWNS),
                       ("Åre", TOWNS), ("Grönt Center", ORGS), ("Peak Innovation", ORGS)):
        if word in s:
            choice = rng.choice(pool)
            s = s.replace(word, choice + ("s" if word.endswith("s") else ""))
    return s


def make_document(i: int, sentences: list[str], rng: random.Random) -> str:
    """One report-like document: a title, 3 sections of 6–12 varied sentences each."""
    region = rng.choice(PLACES)
    lines = [f"Läget i {region} {2015 + i % 10} – rapport {i}", ""]
    for _ in range(3):
        lines += [f"{rng.choice(TOPICS)} i {rng.choice(TOWNS)}", ""]
        picked = rng.sample(sentences, rng.randint(6, 12))
        lines += [" ".join(_vary(s, rng) for s in picked), ""]
    return "\n".join(lines)


def generate_corpus(folder: Path, n_docs: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    sentences = report_sentences()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n_docs):
        (folder / f"rapport-{i:04d}.txt").write_text(make_document(i, sentences, rng),
                                                      encoding="utf-8")


def _build(settings, embedder, profile: bool = False):
    from reportqa.index.build import build_index

    prof = cProfile.Profile() if profile else None
    t = time.perf_counter()
    if prof:
        prof.enable()
    res = build_index(settings, embedder_factory=lambda: embedder)
    if prof:
        prof.disable()
    return res, time.perf_counter() - t, prof


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--repeats", type=int, default=3, help="incremental rebuilds to time")
    ap.add_argument("--profile", action="store_true", help="cProfile one incremental rebuild")
    ap.add_argument("--keep", type=Path, help="keep the corpus and index in this folder")
    args = ap.parse_args()

    from reportqa.config import Settings
    from reportqa.model.embedder import Embedder, configure_threads

    threads = configure_threads(0)
    work = args.keep or Path(tempfile.mkdtemp(prefix="reindex-bench-"))
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    if (work / "index").exists():
        shutil.rmtree(work / "index")
    generate_corpus(corpus, args.docs)
    settings = Settings(corpus_dir=corpus, index_dir=work / "index", _env_file=None)
    embedder = Embedder()
    try:
        full, full_s, _ = _build(settings, embedder)
        print(f"corpus: {full.documents} documents, {full.passages} passages "
              f"({threads} threads)")
        print(f"full build:        {full_s:8.2f} s  ({full.embedded} passages embedded)")

        same = []
        for _ in range(args.repeats):
            res, s, _ = _build(settings, embedder)
            assert res.embedded == 0
            same.append(s)

        changed, stages = [], []
        rng = random.Random(1)
        sentences = report_sentences()
        target = corpus / "rapport-0007.txt"
        for r in range(args.repeats):
            target.write_text(make_document(7_000 + r, sentences, rng), encoding="utf-8")
            res, s, prof = _build(settings, embedder, args.profile and r == args.repeats - 1)
            changed.append((s, res.embedded))
            stages.append(res.timings)
        med_same = statistics.median(same)
        med_changed = statistics.median(s for s, _ in changed)
        print(f"rebuild, nothing changed:    {med_same:8.2f} s  (median of {len(same)})")
        print(f"rebuild, one document changed: {med_changed:6.2f} s  (median of "
              f"{len(changed)}; {changed[-1][1]} passages embedded)")
        print(f"one-document rebuild / full build: {100 * med_changed / full_s:.2f} %  "
              f"(bar: under 5 %)")
        print("stages of the one-document rebuild (median s): " + ", ".join(
            f"{k} {statistics.median(t.get(k, 0.0) for t in stages):.3f}" for k in stages[0]))
        if prof is not None:
            print("\nprofile of the last one-document rebuild (cumulative, top 25):")
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
