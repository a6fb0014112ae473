"""The PostgreSQL store at scale against the folder store: Engine.ask p50, the database's own
query time, HNSW recall@10 against exact search, build throughput and size.

    .venv/bin/python bench/gen_corpus.py --passages 100000 --out bench/out/corpus-100k
    .venv/bin/python bench/pg_bench.py --corpus bench/out/corpus-100k/corpus --questions 100

Builds the same corpus into an index folder (FAISS IVF from 50k passages, bm25s, SQLite) and
into an embedded PostgreSQL 18 + pgvector (HNSW, BM25 posting arrays) with one embedder, then
asks both engines the same generated questions, interleaved question by question:

- `Engine.ask` p50 on each store;
- the floor on PostgreSQL: the store's own calls for the same analysed question and query
  vector (dense top-k, lexical top-k with its posting lists cold and then cached, the
  passages: round trips included) and, from EXPLAIN ANALYZE, the server's execution time of
  the dense statement and of reading the question's posting lists;
- recall@10 of HNSW against an exact scan, at several hnsw.ef_search;
- build seconds per stage (embedding excluded: the same for both stores) and passages/s;
- bytes on disk: the version folder, and the version schema's tables and indexes.

Embedding 100k passages with the model takes ~20 min on the shared 2 cores, so passage
vectors are *derived*: the model embeds --real distinct passages; every other passage gets
the vector of one of them (chosen by its text hash) turned by a random angle (cosine
--cosine to its parent), renormalised. Questions are embedded by the model. Latency and
recall are therefore measured on vectors with the clustered shape of real ones, not on the
model's own vectors of these texts (say so when quoting them).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import time
from pathlib import Path

import gen_corpus
import numpy as np
from common import OUT, ms, save_result

HNSW_EF_SEARCHES = (40, 100, 200, 400, 800)
K = 10


class DerivedEmbedder:
    """The model for questions and a sample of passages; derived vectors for the rest."""

    def __init__(self, model, real: int, cosine: float, seed: int = 0) -> None:
        self.model, self.dim = model, model.dim
        self.real, self.cosine = real, cosine
        self.rng = np.random.default_rng(seed)
        self.parents: np.ndarray | None = None
        self.memo: dict[str, np.ndarray] = {}

    def encode_query(self, text: str) -> np.ndarray:
        return self.model.encode_query(text)

    def encode_passages(self, texts, on_batch=None):
        if self.parents is None:
            uniq = list(dict.fromkeys(texts))
            pick = self.rng.choice(len(uniq), min(self.real, len(uniq)), replace=False)
            self.parents = np.asarray(self.model.encode_passages([uniq[i] for i in pick]))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        sin = (1 - self.cosine ** 2) ** 0.5
        for i, t in enumerate(texts):
            v = self.memo.get(t)
            if v is None:
                h = int.from_bytes(hashlib.blake2b(t.encode(), digest_size=8).digest(), "big")
                p = self.parents[h % len(self.parents)]
                noise = np.random.default_rng(h).standard_normal(self.dim).astype(np.float32)
                noise -= noise.dot(p) * p
                noise /= np.linalg.norm(noise)
                v = self.cosine * p + sin * noise
                v = (v / np.linalg.norm(v)).astype(np.float32)
                self.memo[t] = v
            out[i] = v
        if on_batch is not None:
            on_batch(len(texts))
        return out

    def __getattr__(self, name):
        return getattr(self.model, name)


def folder_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--questions", type=int, default=100)
    ap.add_argument("--real", type=int, default=2000, help="passages the model embeds")
    ap.add_argument("--cosine", type=float, default=0.9)
    ap.add_argument("--work", type=Path, default=OUT / "pg-bench")
    ap.add_argument("--keep", action="store_true", help="keep the server and indexes")
    args = ap.parse_args()

    from reportqa.config import Settings
    from reportqa.engine import Engine
    from reportqa.index.build import build_index
    from reportqa.model.embedder import Embedder
    from reportqa.store.postgres.admin import init_or_migrate, status
    from reportqa.store.postgres.embedded import EmbeddedPostgres

    if args.work.exists():
        shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    pg = EmbeddedPostgres(args.work / "pgdata")
    url = pg.start()
    result: dict = {"corpus": str(args.corpus), "derived_vectors": {
        "real": args.real, "cosine": args.cosine}}
    try:
        model = Embedder()
        emb = DerivedEmbedder(model, args.real, args.cosine)
        folder = Settings(corpus_dir=args.corpus, index_dir=args.work / "index",
                          _env_file=None)
        t = time.perf_counter()
        fres = build_index(folder, embedder_factory=lambda: emb)
        print(f"folder build: {fres.summary()}; stages {fres.timings}")
        result["folder_build"] = {"seconds": round(time.perf_counter() - t, 1),
                                  "timings": fres.timings, "passages": fres.passages}
        pgs = Settings(corpus_dir=args.corpus, index_dir=args.work / "unused", store=url,
                       _env_file=None)
        init_or_migrate(pgs)
        t = time.perf_counter()
        pres = build_index(pgs, embedder_factory=lambda: emb)
        print(f"PostgreSQL build: {pres.summary()}; stages {pres.timings}")
        result["pg_build"] = {"seconds": round(time.perf_counter() - t, 1),
                              "timings": pres.timings, "passages": pres.passages}
        for key in ("folder_build", "pg_build"):
            tm = result[key]["timings"]
            write_s = sum(v for k, v in tm.items() if k not in ("embedding", "documents",
                                                                 "previous", "gate"))
            result[key]["write_seconds"] = round(write_s, 1)
            result[key]["passages_per_s_excluding_embedding"] = round(
                result[key]["passages"] / max(write_s, 1e-9))
        st = status(pgs)
        result["bytes"] = {"folder": folder_bytes(fres.path), "postgres": st.versions[-1][
            "bytes"]}
        n = pres.passages
        result["bytes_per_100k"] = {k: round(v * 100_000 / n) for k, v in
                                    result["bytes"].items()}
        print("bytes:", result["bytes"], "per 100k:", result["bytes_per_100k"])

        a, b = Engine.load(folder, embedder=model), Engine.load(pgs, embedder=model)
        qs = gen_corpus.questions(args.questions, seed=7)
        for q in qs[:3]:  # warm both
            a.ask(q)
            b.ask(q)
        result["latency_ms"] = _latency(a, b, qs)
        print("latency p50 ms:", result["latency_ms"])
        result["server_ms"] = _explain(b, qs[:20])
        print("server execution p50 ms:", result["server_ms"])
        result["recall_at_10"] = _recall(url, b, qs)
        print("HNSW recall@10 by ef_search:", result["recall_at_10"])
        b.close()
        print("saved", save_result(f"pg_bench_{n // 1000}k", result))
    finally:
        if not args.keep:
            pg.stop("immediate")


def _latency(folder_engine, pg_engine, qs: list[str]) -> dict:
    """p50 of Engine.ask on each store, of encoding, and of the PostgreSQL store's calls."""
    ask_f, ask_p, enc, store, dense, lex, rows, cold = [], [], [], [], [], [], [], []
    ver = pg_engine.snapshot.index
    retr = pg_engine.snapshot.retriever
    for q in qs:
        t = time.perf_counter()
        folder_engine.ask(q)
        ask_f.append(time.perf_counter() - t)
        t = time.perf_counter()
        pg_engine.ask(q)
        ask_p.append(time.perf_counter() - t)
        query = retr.analyze(q)
        t = time.perf_counter()
        vec = retr.embedder.encode_query(query.text)
        enc.append(time.perf_counter() - t)
        t0 = time.perf_counter()
        r1, _ = ver.dense_top(vec, retr.candidates)
        dense.append(time.perf_counter() - t0)
        with ver.lexical._lock:  # cold: the posting lists read from the database
            ver.lexical._cache.clear()
            ver.lexical._cached_bytes = 0
        tc = time.perf_counter()
        ver.lexical.search_concepts(query.concepts, retr.candidates)
        cold.append(time.perf_counter() - tc)
        t1 = time.perf_counter()
        r2, _ = ver.lexical.search_concepts(query.concepts, retr.candidates)
        t2 = time.perf_counter()
        ver.db.passages(list(dict.fromkeys([*r1.tolist()[:5], *r2.tolist()[:5]])))
        t3 = time.perf_counter()
        lex.append(t2 - t1)
        rows.append(t3 - t2)
        store.append(dense[-1] + (t3 - t1))
    med = statistics.median
    return {"engine_ask_folder": ms(med(ask_f)), "engine_ask_postgres": ms(med(ask_p)),
            "encode": ms(med(enc)), "pg_store_calls": ms(med(store)),
            "pg_dense": ms(med(dense)), "pg_lexical": ms(med(lex)),
            "pg_passages": ms(med(rows)), "pg_lexical_cold": ms(med(cold)),
            "floor_postgres": ms(med(enc) + med(store))}


def _explain(pg_engine, qs: list[str]) -> dict:
    """The server's own execution time (EXPLAIN ANALYZE) of the dense and lexical queries."""
    ver = pg_engine.snapshot.index
    retr = pg_engine.snapshot.retriever
    dense_ms, lex_ms = [], []
    lexical = ver.lexical
    for q in qs:
        query = retr.analyze(q)
        vec = retr.embedder.encode_query(query.text)

        def plan(conn, stmt, params):
            from psycopg import sql

            r = conn.execute(sql.SQL("EXPLAIN (ANALYZE, FORMAT JSON) ") + stmt, params)
            return float(r.fetchone()[0][0]["Execution Time"])

        dense_ms.append(ver.dbase.run(lambda c, v=vec: plan(
            c, ver._dense, {"q": np.asarray(v, dtype=np.float32), "k": retr.candidates})))
        tokens = [t for c in query.concepts for t in c.alts if lexical.doc_freq(t)]
        lex_ms.append(ver.dbase.run(lambda c, p=tokens: plan(c, lexical._sql, (p,))))
    return {"dense": round(statistics.median(dense_ms), 3),
            "lexical": round(statistics.median(lex_ms), 3)}


def _recall(url: str, pg_engine, qs: list[str]) -> dict:
    """recall@10 of the HNSW index against an exact scan, per ef_search."""
    import psycopg
    from pgvector.psycopg import register_vector
    from psycopg import sql

    ver = pg_engine.snapshot.index
    vecs = [np.asarray(pg_engine.embedder.encode_query(q), dtype=np.float32) for q in qs]
    table = sql.Identifier(ver.schema, "vectors")
    exact_sql = sql.SQL("SELECT row FROM {t} ORDER BY (embedding <#> %s) + 0 LIMIT %s"
                        ).format(t=table)
    ann_sql = sql.SQL("SELECT row FROM {t} ORDER BY embedding <#> %s LIMIT %s").format(t=table)
    out = {}
    with psycopg.connect(url, autocommit=True) as conn:
        register_vector(conn)
        truth = [{r[0] for r in conn.execute(exact_sql, (v, K))} for v in vecs]
        for ef in HNSW_EF_SEARCHES:
            conn.execute(f"SET hnsw.ef_search = {ef}")
            got, times = [], []
            for v in vecs:
                t = time.perf_counter()
                got.append({r[0] for r in conn.execute(ann_sql, (v, K))})
                times.append(time.perf_counter() - t)
            rec = statistics.mean(len(g & tr) / K for g, tr in zip(got, truth, strict=True))
            out[str(ef)] = {"recall": round(rec, 4), "p50_ms": ms(statistics.median(times))}
        plan = conn.execute(sql.SQL("EXPLAIN SELECT row FROM {t} ORDER BY embedding <#> %s "
                                    "LIMIT 10").format(t=table), (vecs[0],)).fetchall()
        out["uses_hnsw"] = any("hnsw" in r[0].lower() or "Index Scan" in r[0] for r in plan)
    return out


if __name__ == "__main__":
    main()
