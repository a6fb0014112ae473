#!/usr/bin/env bash
# Every figure of bench/README.md, in order (≈ 1.5–3 h on 2 busy cores; the 30k real build
# and the 1M build are the long steps). Outputs go to bench/out/ (not in git); figures to
# bench/out/results/*.json; plots to bench/*.png.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
RQ=.venv/bin/reportqa
O=bench/out

# Corpora: one seed; 10k and 30k are prefixes of 100k and 1M, whose later documents are
# variants (same sentences, other names and numbers) of the first 30k passages' documents.
for n in 1000 10000 30000 100000 1000000; do
  $PY bench/gen_corpus.py --passages $n --base-passages 30000 --out $O/corpus-$((n / 1000))k
done

# Real embeddings: the CLI builds 1k and 30k passages with the model.
$RQ index build --corpus $O/corpus-1k/corpus --index $O/index-1k -q
$RQ index build --corpus $O/corpus-30k/corpus --index $O/index-30k -q
# 10k: all real vectors (read back from the 30k index); 100k and 1M: 30k real + derived.
for n in 10k 100k 1m; do
  $PY bench/build_large.py --base-index $O/index-30k --corpus $O/corpus-$n --index $O/index-$n
done

for n in 1k 10k 30k 100k 1m; do $PY bench/floor.py --index $O/index-$n --breakdown --one-thread; done
$PY bench/index_types.py --index $O/index-30k --build-hnsw
$PY bench/index_types.py --index $O/index-100k
$PY bench/index_types.py --index $O/index-1m
$PY bench/startup.py --index $O/index-1k --rounds 5
$PY bench/gen_corpus.py --passages 2000 --seed 3 --base-passages 2000 --out $O/corpus-tp
$PY bench/build_throughput.py --corpus $O/corpus-tp/corpus
$PY bench/memory.py $O/index-1k $O/index-10k $O/index-100k $O/index-1m
$PY bench/plots.py
