"""Plots of latency and memory against corpus size, from the results the benchmarks saved.

Reads bench/out/results/floor-*.json (bench/floor.py) and memory-*.json (bench/memory.py) and
writes bench/latency.png and bench/memory.png.

    python bench/plots.py
"""

from __future__ import annotations

import sys

from common import BENCH, load_results


def main() -> int:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    floors = sorted((r for r in load_results("floor-") if "passages" in r),
                    key=lambda r: r["passages"])
    mems = sorted(load_results("memory-"), key=lambda r: r["passages"])
    if not floors and not mems:
        print("no results in bench/out/results: run bench/floor.py and bench/memory.py first")
        return 1

    if floors:
        x = [r["passages"] for r in floors]
        fig, ax = plt.subplots(figsize=(7, 4.2))
        ax.plot(x, [r["engine_p50_ms"] for r in floors], "o-", lw=2, label="Engine.ask p50")
        ax.plot(x, [r["floor_ms"] for r in floors], "s--", label="floor (sum of the three)")
        for key, label in (("encode", "model: encode one query"),
                           ("faiss", "FAISS search"), ("bm25", "bm25s search")):
            ax.plot(x, [r[f"{key}_p50_ms"] for r in floors], ".:", label=label)
        if all("stages_p50_ms" in r for r in floors):
            ax.plot(x, [r["stages_p50_ms"]["bm25"] for r in floors], "x:",
                    label="the Engine's own BM25 (concept scoring)")
        for r in floors:
            ax.annotate(f"{r['ratio']:.2f}×\n{r['index_type']}", (r["passages"],
                        r["engine_p50_ms"]), textcoords="offset points", xytext=(0, 8),
                        ha="center", fontsize=8)
        ax.axhline(50, color="grey", lw=0.8)
        ax.text(x[0], 51, "50 ms", fontsize=8, color="grey")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("passages in the index")
        ax.set_ylabel("milliseconds (p50)")
        ax.set_title("Answer latency against the floor (2 cores)")
        ax.legend(fontsize=8)
        ax.grid(True, which="both", alpha=0.3)
        fig.tight_layout()
        fig.savefig(BENCH / "latency.png", dpi=110)
        print(f"wrote {BENCH / 'latency.png'}")

    if mems:
        x = [r["passages"] for r in mems]
        fig, ax = plt.subplots(figsize=(7, 4.2))
        base = [r["base_mb"] for r in mems]
        model = [r["model_mb"] for r in mems]
        index = [r["index_mb"] for r in mems]
        ax.stackplot(x, base, model, index, labels=["interpreter + libraries", "model",
                                                    "index (vectors, BM25, query data)"],
                     alpha=0.8)
        ax.plot(x, [r["server_rss_mb"] for r in mems], "ko-", label="server RSS (measured)")
        ax.set_xscale("log")
        ax.set_xlabel("passages in the index")
        ax.set_ylabel("resident memory, MiB")
        ax.set_title("Server memory against corpus size")
        ax.legend(fontsize=8, loc="upper left")
        ax.grid(True, which="both", alpha=0.3)
        fig.tight_layout()
        fig.savefig(BENCH / "memory.png", dpi=110)
        print(f"wrote {BENCH / 'memory.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
