"""Fit the confidence thresholds (search/confidence.py) on the pairs the library supplies.

    python scripts/calibrate_confidence.py [--index DIR] [--limit 1200] [--precision 0.95]

`high` is written plainly into a draft, so it must be right: the thresholds are chosen so that
the top hits called `high` on the mined pairs of the *fit* laws (scripts/mine_pairs.py: a
penalty that names the article it punishes, with the reference cut out, is the question; that
article is the answer) are right at least `--precision` of the time, calling as many `high` as
that allows. The *holdout* laws check the choice. Nothing here reads the dev query sets.

Printed: the current and the chosen thresholds with precision and share of `high` on both
splits. The chosen values are written into `RankingWeights` by hand (search/weights.py), with
the figures of the run in the comment beside them.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_pairs import open_library, sample, search_options  # noqa: E402
from mine_pairs import load_pairs  # noqa: E402

COVERS = [round(0.40 + 0.05 * i, 2) for i in range(9)]  # 0.40 … 0.80
MARGINS = [1.0, 1.05, 1.1, 1.15, 1.2, 1.25, 1.3, 1.4, 1.5, 1.75, 2.0]
SAME_MARGINS = [1.0, 1.05, 1.1, 1.2, 1.3]


@dataclass(frozen=True, slots=True)
class Top:
    """The features `assign_confidence` reads, of one question's top hit, and whether it is right."""

    coverage: float
    eligible: bool  # in the domain and in scope
    other: float  # its score over the best clause of another document
    same: float  # … over the next clause of its own document
    right: bool


def top_hit(library, pair: dict) -> Top | None:
    source = (pair["law"], pair["source"]["article"])
    hits = [h for h in library.search(pair["query"], limit=12, with_penalties=False, **search_options(library, pair))
            if (h.document.title, h.clause.ref.article) != source]
    if not hits:
        return None
    best = hits[0]
    other = max((h.score for h in hits if h.doc_key != best.doc_key), default=0.0)
    same = max((h.score for h in hits[1:] if h.doc_key == best.doc_key), default=0.0)
    golds = {(gold["law"], gold["article"]) for gold in pair["basis"]}
    return Top(best.coverage, best.in_domain and best.in_scope, best.score / other if other else float("inf"),
               best.score / same if same else float("inf"),
               (best.document.title, best.clause.ref.article) in golds)


def judge(tops: list[Top], cover: float, margin: float, same: float) -> tuple[float, float, int]:
    """(precision of `high`, share of questions called `high`, how many)."""
    high = [t for t in tops if t.eligible and t.coverage >= cover and t.other >= margin and t.same >= same]
    precision = sum(t.right for t in high) / len(high) if high else 1.0
    return precision, len(high) / (len(tops) or 1), len(high)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=os.environ.get("POLICYDOCS_INDEX", str(ROOT / "index")))
    parser.add_argument("--limit", type=int, default=1200, help="pairs per split (0: all)")
    parser.add_argument("--precision", type=float, default=0.95,
                        help="precision `high` must reach on the fit laws (issue 9: ≥ 95 % of plain citations right)")
    args = parser.parse_args()
    index_dir = Path(args.index)
    pairs = load_pairs(index_dir)
    library = open_library(index_dir)
    splits = {}
    for split in ("fit", "holdout"):
        chosen = sample(pairs, split, args.limit)
        splits[split] = [top for pair in chosen if (top := top_hit(library, pair)) is not None]
        print(f"{split}: {len(splits[split])} questions, top hit right "
              f"{sum(t.right for t in splits[split]) / (len(splits[split]) or 1):.3f}", file=sys.stderr)
    w = library.weights
    current = (w.confidence_high_cover, w.confidence_margin, w.confidence_same_margin)
    grid = [(judge(splits["fit"], *values), values) for values in itertools.product(COVERS, MARGINS, SAME_MARGINS)]
    feasible = [(result, values) for result, values in grid if result[0] >= args.precision]
    # most questions called high; of equals, the strictest thresholds
    best = max(feasible, key=lambda entry: (entry[0][1], entry[1]))[1] if feasible else current
    print("frontier on the fit laws: the most questions called high at each precision")
    for target in (0.85, 0.875, 0.90, 0.925, 0.95, 0.975):
        reachable = [(result, values) for result, values in grid if result[0] >= target]
        if reachable:
            (precision, share, _), values = max(reachable, key=lambda entry: (entry[0][1], entry[1]))
            held = judge(splits["holdout"], *values)
            print(f"  ≥{target:<6} {values!s:<20} fit {precision:.3f} / {share:.3f}   "
                  f"holdout {held[0]:.3f} / {held[1]:.3f}")
    print(f"{'thresholds (cover, margin, same margin)':<44}{'split':<9}{'precision':>10}{'high share':>12}{'n':>6}")
    for name, values in (("current", current), ("chosen", best)):
        for split, tops in splits.items():
            precision, share, count = judge(tops, *values)
            print(f"{name + ' ' + str(values):<44}{split:<9}{precision:>10.3f}{share:>12.3f}{count:>6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
