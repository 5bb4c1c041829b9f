"""Precision and recall of the duty → penalty links against the dev queries' gold pairs.

    python benchmarks/bench_links.py [--index DIR]

For each query with both a duty and a penalty gold, the duty unit is the gold clause itself
(the 项 when the gold names one; otherwise the 条/款 of the gold article that best matches the
query, as search would show it). Its linked penalties (`Library.penalties`) are compared with
the gold at article level (item level where the gold names an item). A gold duty that is
itself a penalty clause (e.g. 按日连续处罚) counts as linked to itself.

Second set: the 检查依据 → 法律责任 pairs that seed 002's 企业全员安全生产履职合法性检查表 states
(corpus/2023-03-21_遂安安委办发〔2023〕20号_….md). Only duty citations the citation engine
verifies as `ok` are used (the checklist has a few wrong ones, which `check` reports).
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
    report("dev queries", correct, predicted_total, found, gold_total)
    report("seed 002 checklist", *checklist_scores(library))
    return 0


def report(name: str, correct: int, predicted: int, found: int, gold: int) -> None:
    precision = correct / predicted if predicted else 0.0
    recall = found / gold if gold else 0.0
    print(f"\n{name}: precision {precision:.2f} ({correct}/{predicted}), recall {recall:.2f} ({found}/{gold})"
          "   targets: precision ≥ 0.90, recall ≥ 0.85")


def checklist_scores(library) -> tuple[int, int, int, int]:
    """(correct, predicted, found, gold) over the checklist rows of seed 002."""
    from policydocs.cite.finder import find_citations
    from policydocs.cite.verify import verify

    seed = next((ROOT / "corpus").glob("2023-03-21_*.md"))
    correct = predicted_total = found = gold_total = 0
    print(f"\n{'row':<5}{'duty':<26}{'gold':<22}{'linked'}")
    for line in seed.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 7 or "第" not in cells[5] or "第" not in cells[6]:
            continue
        penalty_cites = find_citations(cells[6].split("规定")[0].split("生产经营单位")[0])
        gold = {(c.ref.article, c.ref.item) for c in penalty_cites if c.ref.article}
        if not gold:
            continue
        for finding, citation in zip(verify(find_citations(cells[5]), library.store), find_citations(cells[5])):
            if finding.status != "ok" or finding.article is None:
                continue
            document = library.store.documents_named(finding.law)[0]
            found_clause = library.store.clause_with_id(document.doc_id, citation.ref)
            if found_clause is None:
                continue
            cid, duty = found_clause
            linked = {(c.ref.article, c.ref.item) for c, _ in library.penalties(cid, duty)}
            hit = {pair for pair in linked if pair in gold or (pair[0], None) in gold}
            correct += len(hit)
            predicted_total += len(linked)
            found += sum(1 for g in gold if any(p[0] == g[0] and (g[1] is None or p[1] == g[1]) for p in linked))
            gold_total += len(gold)
            print(f"{cells[1]:<5}{duty.ref.label():<26}{str(sorted(gold)):<22}{sorted(linked)}")
    return correct, predicted_total, found, gold_total


if __name__ == "__main__":
    sys.exit(main())
