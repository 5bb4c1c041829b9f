"""Unseen questions over other laws: `Library.search` on the held-out pairs the library supplies.

    python benchmarks/bench_pairs.py [--index DIR] [--split holdout|fit] [--limit 600] [--no-baseline]
                                     [--weights FILE] [--ablate]

The pairs are mined by scripts/mine_pairs.py: a penalty clause that names the article it
punishes, with the reference cut out, is the question; the named article is the answer. The
holdout laws (by title hash) are never seen by scripts/fit_weights.py, so this measures the
ranking on laws and wordings nobody tuned it for.

Each pair is asked as an inspector of its law's setting would ask it: a local rule's pair with
`region` = its region (national clauses still compete), a pair of a law outside the default
domain with the domain rule off, a scoped law's pair with its scope — each only when
`Library.search` has that option. The penalty article the question was cut from is removed
from the ranking (it is the question's own text), and the via_penalty and penalty_text
mechanisms are off (that article names the answer, and its words are linked to it).
Reported: hit@1, hit@5, MRR@10 at article level, beside bm25s over the same tokens
(bench_search.Baseline); `--ablate` adds a row per boolean switch of `RankingWeights` turned off.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from mine_pairs import load_pairs  # noqa: E402

#: queries asked per run (a fixed, deterministic subset when the split is larger)
DEFAULT_LIMIT = 600
LOCAL_CATEGORIES = frozenset({"地方性法规", "地方政府规章"})

Key = tuple[str, int | None]


def sample(pairs: list[dict], split: str, limit: int | None) -> list[dict]:
    """The pairs of `split`, a fixed subset of `limit` chosen by a hash of each pair's text."""
    chosen = [p for p in pairs if p["split"] == split]
    chosen.sort(key=lambda p: hashlib.sha256(f"{p['law']}|{p['query']}".encode()).hexdigest())
    return chosen[:limit] if limit else chosen


def search_options(library, pair: dict) -> dict:
    """The search options an inspector in this pair's setting would use, among those that
    `Library.search` accepts."""
    accepted = inspect.signature(library.search).parameters
    options: dict = {}
    document = library.store.document(pair["doc_id"])
    if pair["category"] in LOCAL_CATEGORIES and "region" in accepted and document.region:
        options["region"] = document.region
    domain = getattr(document, "domain", None)
    if "domain" in accepted and domain is not None and not domain:
        options["domain"] = "all"  # a question about another field: the user turns the domain rule off
    scope = getattr(document, "scope", None)
    if "scope" in accepted and scope:
        options["scope"] = "，".join(scope) if isinstance(scope, list) else str(scope)
    return options


def ranking(hits: Iterable[tuple[str, int | None]], source: Key) -> list[Key]:
    """Articles in rank order, one entry per article, without the question's own article."""
    ranked: list[Key] = []
    for key in hits:
        if key != source and key not in ranked:
            ranked.append(key)
    return ranked[:10]


def rank_of(ranked: list[Key], pair: dict) -> int | None:
    golds = {(gold["law"], gold["article"]) for gold in pair["basis"]}
    return next((position for position, key in enumerate(ranked, 1) if key in golds), None)


def summarise(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {"n": len(ranks), "hit@1": sum(1 for r in ranks if r == 1) / n,
            "hit@5": sum(1 for r in ranks if r and r <= 5) / n, "MRR@10": sum(1 / r for r in ranks if r) / n}


def policydocs_ranks(library, pairs: list[dict], search: Callable | None = None) -> list[int | None]:
    """Rank of each pair's duty article in `search` (default `library.search`)."""
    search = search or library.search
    ranks = []
    for pair in pairs:
        source = (pair["law"], pair["source"]["article"])
        hits = search(pair["query"], limit=12, with_penalties=False, **search_options(library, pair))
        ranks.append(rank_of(ranking(((h.document.title, h.clause.ref.article) for h in hits), source), pair))
    return ranks


def baseline_ranks(baseline, pairs: list[dict]) -> list[int | None]:
    ranks = []
    for pair in pairs:
        source = (pair["law"], pair["source"]["article"])
        tokens = baseline.tokenize(pair["query"])
        results, _ = baseline.retriever.retrieve([tokens], k=12, show_progress=False)
        keys = ((baseline.keys[i][0], baseline.keys[i][1]) for i in results[0])
        ranks.append(rank_of(ranking(keys, source), pair))
    return ranks


def groups(pairs: list[dict], ranks: list[int | None]) -> list[tuple[str, list[int | None]]]:
    national = [r for p, r in zip(pairs, ranks, strict=True) if p["category"] not in LOCAL_CATEGORIES]
    local = [r for p, r in zip(pairs, ranks, strict=True) if p["category"] in LOCAL_CATEGORIES]
    return [("all", ranks), ("national", national), ("local", local)]


def print_table(rows: list[tuple[str, dict[str, float]]]) -> None:
    print(f"{'ranking':<34}{'n':>6}{'hit@1':>8}{'hit@5':>8}{'MRR@10':>8}")
    for name, values in rows:
        print(f"{name:<34}{values['n']:>6}" + "".join(f"{values[k]:>8.3f}" for k in ("hit@1", "hit@5", "MRR@10")))


def weight_switches(library) -> list[str]:
    """The mechanisms of the library's RankingWeights that are on (each can be switched off)."""
    weights = getattr(library, "weights", None)
    if weights is None:
        return []
    return [name for name in weights.switches() if getattr(weights, name)]


def open_library(index_dir: Path, weights_file: str | None = None):
    from policydocs.search.library import Library

    library = Library.open(index_dir)
    if weights_file:
        from policydocs.search.weights import RankingWeights

        library.weights = RankingWeights.load(Path(weights_file))
    if hasattr(library.weights, "use_via_penalty"):
        # the question is cut from a penalty that names its answer: following that link back, or
        # reading the duty in its linked penalty's words, would read the answer off the
        # question's own article (measured by the dev sets instead)
        switches = [name for name in ("via_penalty", "penalty_text") if hasattr(library.weights, f"use_{name}")]
        library.weights = library.weights.without(*switches)
    return library


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=os.environ.get("POLICYDOCS_INDEX", str(ROOT / "index")))
    parser.add_argument("--split", default="holdout", choices=("holdout", "fit"))
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="pairs asked (0: all)")
    parser.add_argument("--weights", help="a ranking_weights.json to use instead of the packaged one")
    parser.add_argument("--ablate", action="store_true", help="one row per RankingWeights switch turned off")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    index_dir = Path(args.index)
    pairs = sample(load_pairs(index_dir), args.split, args.limit)
    library = open_library(index_dir, args.weights)
    started = time.perf_counter()
    ranks = policydocs_ranks(library, pairs)
    seconds = time.perf_counter() - started
    rows = [(f"policydocs, {name}", summarise(values)) for name, values in groups(pairs, ranks)]
    if args.ablate:
        default = library.weights
        for switch in weight_switches(library):
            library.weights = default.without(switch)
            rows.append((f"policydocs, all, {switch} off", summarise(policydocs_ranks(library, pairs))))
        library.weights = default
    if not args.no_baseline:
        try:
            from bench_search import Baseline

            baseline = Baseline(library)
            rows += [(f"plain BM25 (bm25s), {name}", summarise(values))
                     for name, values in groups(pairs, baseline_ranks(baseline, pairs))]
        except ImportError:
            print("(bm25s not installed: pip install -e '.[bench]' for the baseline rows)")
    laws = len({p["law"] for p in pairs})
    print(f"\nDuty article for violation wordings, {args.split} pairs: {len(pairs)} questions over {laws} laws"
          f" ({seconds:.0f} s, {1000 * seconds / max(1, len(pairs)):.0f} ms per query)")
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
