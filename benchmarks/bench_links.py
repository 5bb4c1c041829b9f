"""Precision and recall of the duty → penalty links against the dev queries' gold pairs.

    python benchmarks/bench_links.py [--index DIR]

For each query with both a duty and a penalty gold, the duty unit is the gold clause itself
(the 项 when the gold names one; otherwise the 条/款 of the gold article that best matches the
query, as search would show it). Its linked penalties (`Library.penalties`) are compared with
the gold at article level (item level where the gold names an item). A gold duty that is
itself a penalty clause (e.g. 按日连续处罚) counts as linked to itself.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=os.environ.get("POLICYDOCS_INDEX", str(ROOT / "index")))
    parser.add_argument("--queries", default=str(SHARED / "eval" / "dev_queries.jsonl"))
    args = parser.parse_args()
    from policydocs.cite.lawnames import LawResolver
    from policydocs.search.library import Library

    library = Library.open(Path(args.index))
    resolver = LawResolver(library.store)
    correct = predicted_total = found = gold_total = 0
    print(f"{'id':<5}{'duty':<28}{'gold':<16}{'linked'}")
    for line in Path(args.queries).read_text(encoding="utf-8").splitlines():
        query = json.loads(line)
        if not query["penalty"]:
            continue
        gold_duty = query["basis"][0]
        resolved = resolver.resolve(gold_duty["law"])
        if resolved is None:
            continue
        document = resolved.current or resolved.newest
        units = [(cid, c) for cid, c in library.store.article_units(document.doc_id, gold_duty["article"])
                 if c.ref.subitem is None and (gold_duty.get("item") is None or c.ref.item == gold_duty["item"])]
        if not units:
            continue
        prepared = library._prepare(query["query"])
        cid, duty = max(units, key=lambda unit: library._score_unit(prepared, unit[1], document))
        gold = {(p["article"], p.get("item")) for p in query["penalty"]}
        if duty.kind == "penalty" and (duty.ref.article, None) in gold:
            linked = {(duty.ref.article, duty.ref.item)}
        else:
            linked = {(c.ref.article, c.ref.item) for c, _ in library.penalties(cid, duty)}

        def hit(pair: tuple[int, int | None]) -> bool:
            return pair in gold or (pair[0], None) in gold

        correct += sum(1 for pair in linked if hit(pair))
        predicted_total += len(linked)
        found += sum(1 for g in gold if any(p[0] == g[0] and (g[1] is None or p[1] == g[1]) for p in linked))
        gold_total += len(gold)
        print(f"{query['id']:<5}{duty.ref.label():<28}{str(sorted(gold)):<16}{sorted(linked)}")
    precision = correct / predicted_total if predicted_total else 0.0
    recall = found / gold_total if gold_total else 0.0
    print(f"\nlinks: precision {precision:.2f} ({correct}/{predicted_total}), recall {recall:.2f} ({found}/{gold_total})"
          "   targets: precision ≥ 0.90, recall ≥ 0.85")
    return 0


if __name__ == "__main__":
    sys.exit(main())
