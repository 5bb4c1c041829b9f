"""Retrieval quality and speed of `policydocs search`, beside a plain BM25 baseline.

    python benchmarks/bench_search.py [--index DIR] [--build] [--queries FILE ...] [--no-ablation]

Quality: ONE table, a column group per query file (default ../shared/eval/dev_queries.jsonl,
dev_queries_v2.jsonl and the held-out benchmarks/data/holdout_questions.jsonl — check only, see
its .md — side by side), a row for policydocs, one for the plain BM25
baseline, and one per ranking mechanism switched off (the `use_*` fields of
search/weights.py RankingWeights; "hand-set weights" = the defaults instead of
data/ranking_weights.json when that file exists). Columns: duty hit@1, hit@5 and MRR@10
(article level) and penalty hit@1 and hit@5. A hit's penalty list is the hit itself when it is a
penalty clause, then its linked penalties, in rank order. `--detail` adds the old per-level
breakdown (article and item level, hit@10) for the full ranking.
Speed: warm in-process latency p50/p95, cold CLI wall time, index size; with --build also the
build wall time and peak RSS (the build runs in a child process measured by `resource`).
Baseline: bm25s (the `bench` extra) over the same jieba tokens of the same article units,
no thesaurus, no authority, no links.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
WARM_UP = ("动火作业审批", "有限空间作业", "消防安全责任人")


def load_queries(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _matches(candidate: tuple[str, int | None, int | None], gold: dict, level: str) -> bool:
    law, article, item = candidate
    if law != gold["law"] or article != gold["article"]:
        return False
    return level == "article" or gold.get("item") is None or item == gold["item"]


def rank_of(ranked: list[tuple[str, int | None, int | None]], golds: list[dict], level: str) -> int | None:
    for position, candidate in enumerate(ranked[:10], start=1):
        if any(_matches(candidate, gold, level) for gold in golds):
            return position
    return None


def summarise(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {"hit@1": sum(1 for r in ranks if r and r <= 1) / n, "hit@5": sum(1 for r in ranks if r and r <= 5) / n,
            "hit@10": sum(1 for r in ranks if r and r <= 10) / n, "MRR@10": sum(1 / r for r in ranks if r) / n}


def policydocs_rankings(library, query: str):
    hits = library.search(query, limit=10)
    duties = [(h.document.title, h.clause.ref.article, h.clause.ref.item) for h in hits]
    penalties: list[tuple[str, int | None, int | None]] = []
    for hit in hits:
        chain = [(hit.clause, hit.document)] if hit.clause.kind == "penalty" else []
        for clause, document in chain + [(p.clause, p.document) for p in hit.penalties]:
            key = (document.title, clause.ref.article, clause.ref.item)
            if key not in penalties:
                penalties.append(key)
    return duties, penalties


class Baseline:
    """bm25s over the same tokens of every article unit in the index's store."""

    def __init__(self, library):
        import bm25s

        from policydocs.text.analyzer import tokenize

        self.tokenize = tokenize
        rows = library.store._db.execute(
            "SELECT c.article, c.text, d.title FROM clauses c JOIN docs d ON c.doc_id = d.doc_id "
            "WHERE c.paragraph IS NULL AND c.item IS NULL AND c.subitem IS NULL").fetchall()
        self.keys = [(title, article, None) for article, _, title in rows]
        started = time.perf_counter()
        self.retriever = bm25s.BM25()
        self.retriever.index([tokenize(text) for _, text, _ in rows], show_progress=False)
        self.build_seconds = time.perf_counter() - started

    def search(self, query: str) -> list[tuple[str, int | None, None]]:
        tokens = [t for t in self.tokenize(query)]
        results, _ = self.retriever.retrieve([tokens], k=10, show_progress=False)
        return [self.keys[i] for i in results[0]]


def quality(library, baseline, queries: list[dict]) -> list[tuple[str, dict]]:
    ranks = {key: [] for key in ("duty-article", "duty-item", "penalty-article", "penalty-item",
                                 "base-duty-article", "base-duty-item", "base-penalty-article")}
    for query in queries:
        duties, penalties = policydocs_rankings(library, query["query"])
        ranks["duty-article"].append(rank_of(duties, query["basis"], "article"))
        ranks["duty-item"].append(rank_of(duties, query["basis"], "item"))
        if query["penalty"]:
            ranks["penalty-article"].append(rank_of(penalties, query["penalty"], "article"))
            ranks["penalty-item"].append(rank_of(penalties, query["penalty"], "item"))
        if baseline:
            base = baseline.search(query["query"])
            ranks["base-duty-article"].append(rank_of(base, query["basis"], "article"))
            ranks["base-duty-item"].append(rank_of(base, query["basis"], "item"))
            if query["penalty"]:
                ranks["base-penalty-article"].append(rank_of(base, query["penalty"], "article"))
    return [(name, summarise(values)) for name, values in ranks.items() if values]


def speed(library, baseline, queries: list[dict], index_dir: Path) -> list[tuple[str, str]]:
    texts = [q["query"] for q in queries]
    for text in WARM_UP:  # a warm process, but not warmed with the measured queries
        library.search(text)

    def timed(text: str) -> float:
        started = time.perf_counter()
        library.search(text)
        return (time.perf_counter() - started) * 1000

    first = sorted(timed(text) for text in texts)  # each query's first run in this process
    repeated = sorted(timed(text) for _ in range(2) for text in texts)  # clause-token cache hot
    rows = [("warm p50, first run of each query (ms)", f"{statistics.median(first):.1f}"),
            ("warm p95, first run of each query (ms)", f"{first[max(0, int(len(first) * 0.95) - 1)]:.1f}"),
            ("warm p50, repeated queries (ms)", f"{statistics.median(repeated):.1f}"),
            ("warm p95, repeated queries (ms)", f"{repeated[int(len(repeated) * 0.95) - 1]:.1f}")]
    if baseline:
        base = []
        for text in texts * 3:
            started = time.perf_counter()
            baseline.search(text)
            base.append((time.perf_counter() - started) * 1000)
        base.sort()
        rows += [("baseline bm25s warm p50 (ms)", f"{statistics.median(base):.1f}"),
                 ("baseline bm25s warm p95 (ms)", f"{base[int(len(base) * 0.95) - 1]:.1f}"),
                 ("baseline bm25s build (s)", f"{baseline.build_seconds:.1f}")]
    cold = []
    for text in texts[:5]:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "policydocs", "search", text, "--index", str(index_dir), "--json"],
                       check=True, capture_output=True)
        cold.append(time.perf_counter() - started)
    rows.append(("cold CLI search, median (s)", f"{statistics.median(cold):.2f}"))
    size = sum(f.stat().st_size for f in index_dir.rglob("*") if f.is_file() and "cache" not in f.parts)
    rows.append(("index size without cache (MB)", f"{size / 1e6:.0f}"))
    return rows


def build(index_dir: Path, sources: list[str]) -> list[tuple[str, str]]:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "policydocs", "index", *sources, "--index", str(index_dir)], check=True)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return [("build wall time (s)", f"{seconds:.1f}"),
            ("build peak RSS (MB, largest process)", f"{peak_kb / 1024:.0f}")]


def table_row(library, baseline, queries: list[dict]) -> dict[str, float]:
    """duty hit@1/hit@5/MRR@10 and penalty hit@1/hit@5 (article level) of one configuration."""
    duty, penalty = [], []
    for query in queries:
        if library is not None:
            duties, penalties = policydocs_rankings(library, query["query"])
        else:
            duties = penalties = baseline.search(query["query"])
        duty.append(rank_of(duties, query["basis"], "article"))
        if query["penalty"]:
            penalty.append(rank_of(penalties, query["penalty"], "article"))
    d, p = summarise(duty), summarise(penalty)
    return {"d@1": d["hit@1"], "d@5": d["hit@5"], "dMRR": d["MRR@10"], "p@1": p["hit@1"], "p@5": p["hit@5"]}


def configurations(library) -> list[tuple[str, object]]:
    """(row name, weights) for the full ranking and each mechanism switched off."""
    from policydocs.search.weights import RankingWeights

    full = library.weights
    rows: list[tuple[str, object]] = [("policydocs", full)]
    if full != RankingWeights():
        rows.append(("  hand-set weights (no fit)", RankingWeights()))
    rows += [(f"  without {name.removeprefix('use_')}", full.without(name)) for name in RankingWeights.switches()]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=os.environ.get("POLICYDOCS_INDEX", str(ROOT / "index")))
    parser.add_argument("--queries", nargs="+", default=[str(SHARED / "eval" / "dev_queries.jsonl"),
                                                         str(SHARED / "eval" / "dev_queries_v2.jsonl"),
                                                         str(ROOT / "benchmarks" / "data" / "holdout_questions.jsonl")])
    parser.add_argument("--build", action="store_true", help="rebuild the index over lawrefbook + corpus first")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--no-ablation", action="store_true", help="only the full ranking and the baseline")
    parser.add_argument("--detail", action="store_true", help="also the article/item breakdown per query file")
    args = parser.parse_args()
    index_dir = Path(args.index)
    rows: list[tuple[str, str]] = []
    if args.build:
        import shutil

        shutil.rmtree(index_dir / "cache", ignore_errors=True)  # measure a build from scratch
        rows += build(index_dir, [str(SHARED / "corpus" / "lawrefbook"), str(ROOT / "corpus")])
    from policydocs.search.library import Library

    library = Library.open(index_dir)
    baseline = None
    if not args.no_baseline:
        try:
            baseline = Baseline(library)
        except ImportError:
            print("(bm25s not installed: pip install -e '.[bench]' for the baseline column)")
    sets = [(Path(path).stem, load_queries(Path(path))) for path in args.queries]
    configs = configurations(library)[:1] if args.no_ablation else configurations(library)
    full = library.weights
    table: list[tuple[str, list[dict[str, float]]]] = []
    for name, weights in configs:
        library.weights = weights
        table.append((name, [table_row(library, None, queries) for _, queries in sets]))
    library.weights = full
    if baseline:
        table.insert(1, ("plain BM25 (bm25s)", [table_row(None, baseline, queries) for _, queries in sets]))
    columns = ("d@1", "d@5", "dMRR", "p@1", "p@5")
    print("\nRetrieval quality (article level; d = duty hit@1 / hit@5 / MRR@10, p@1 / p@5 = penalty hit@1 / "
          "hit@5: the first penalty shown is the gold one / the gold one is among the first five)")
    header = f"{'':<30}" + "".join(f"| {f'{stem} ({len(queries)})':<34}" for stem, queries in sets)
    print(header)
    print(f"{'ranking':<30}" + "".join("| " + "".join(f"{c:>6} " for c in columns) for _ in sets))
    for name, results in table:
        print(f"{name:<30}" + "".join("| " + "".join(f"{r[c]:>6.2f} " for c in columns) for r in results))
    if args.detail:
        for stem, queries in sets:
            print(f"\n{stem}: {'measure':<22}{'hit@1':>8}{'hit@5':>8}{'hit@10':>8}{'MRR@10':>8}")
            for measure, values in quality(library, baseline, queries):
                print(f"{'':<{len(stem) + 2}}{measure:<22}"
                      + "".join(f"{values[k]:>8.2f}" for k in ("hit@1", "hit@5", "hit@10", "MRR@10")))
    rows += speed(library, baseline, [q for _, queries in sets for q in queries], index_dir)
    print("\nSpeed and size (all query files)")
    for name, value in rows:
        print(f"{name:<40}{value:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
