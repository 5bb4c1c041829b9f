"""Checklist benchmark: the dev v2 clerk wordings (`marker`) as the rows of one checklist.

    python benchmarks/bench_checklist.py [--index DIR] [--queries FILE] [--scope WORDS] [--show]

The rows go through the real path (`app.checklists.make_checklist` → .xlsx, the same
citation service as drafting markers). Printed beside a baseline of the same run (the top
search hit of the wording and its linked penalties, no confidence rule): of all rows, the
share whose 执法依据 is the gold clause (article level; exact 款/项 where the gold names them),
whose 处罚依据 contains the gold penalty, and the share highlighted (confidence check/none or a
penalty not found). Targets: ≥ 90 % / ≥ 85 % / ≤ 15 %. Not tuned on: it is the dev set.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SET = ROOT.parent / "shared" / "eval" / "dev_queries_v2.jsonl"


def place(service, citation: str):
    findings = service.check_text(citation)
    if not findings or findings[0].status != "ok":
        return None
    found = findings[0]
    return found.law, found.article, found.paragraph, found.item


def matches(where, gold: dict, exact: bool) -> bool:
    if where is None or where[0] != gold["law"] or where[1] != gold["article"]:
        return False
    return not exact or all(gold.get(key) is None or gold.get(key) == value
                            for key, value in (("paragraph", where[2]), ("item", where[3])))


def score(service, queries, duties: list[str | None], penalties: list[list[str]], highlighted: list[bool]) -> dict:
    counts = dict.fromkeys(("rows", "duty", "duty_exact", "penalty", "penalty_exact", "highlighted", "plain",
                            "plain_duty", "plain_penalty"), 0)
    for query, duty, penalty, flag in zip(queries, duties, penalties, highlighted, strict=True):
        counts["rows"] += 1
        counts["highlighted"] += flag
        where = place(service, duty) if duty else None
        counts["duty"] += any(matches(where, g, False) for g in query["basis"])
        counts["duty_exact"] += any(matches(where, g, True) for g in query["basis"])
        places = [place(service, p) for p in penalty]
        counts["penalty"] += any(matches(p, g, False) for p in places for g in query.get("penalty", []))
        counts["penalty_exact"] += any(matches(p, g, True) for p in places for g in query.get("penalty", []))
        if not flag:
            counts["plain"] += 1
            counts["plain_duty"] += any(matches(where, g, False) for g in query["basis"])
            counts["plain_penalty"] += any(matches(p, g, False) for p in places for g in query.get("penalty", []))
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=os.environ.get("POLICYDOCS_INDEX", str(ROOT / "index")))
    parser.add_argument("--queries", default=str(DEFAULT_SET))
    parser.add_argument("--scope", default="")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    from policydocs.app import Workspace
    from policydocs.app.checklists import make_checklist
    from policydocs.cite.service import IndexCitationService, is_sanction
    from policydocs.draft.checklist import Checklist, Item

    queries = [json.loads(line) for line in Path(args.queries).read_text(encoding="utf-8").splitlines() if line.strip()]
    queries = [q for q in queries if q.get("marker")]
    checklist = Checklist([Item(q["marker"]) for q in queries], "安全生产执法检查重点事项表", args.scope)
    with Workspace(args.index) as workspace, tempfile.TemporaryDirectory() as out:
        result = make_checklist(workspace, checklist, Path(out) / "t.xlsx")
        service = IndexCitationService(workspace.library)
        rows = result.rows
        ours = score(service, queries, [r.duty[0].citation if r.duty else None for r in rows],
                     [[p.citation for p in r.penalties] for r in rows], [r.highlighted for r in rows])
        duties, penalties = [], []
        for query in queries:
            hits = workspace.library.search(query["marker"], limit=10)
            top = next((h for h in hits if not is_sanction(h.clause)), None)
            duties.append(top.citation if top else None)
            penalties.append([d.cite(c.ref) for c, d, _ in top.penalties] if top else [])
        base = score(service, queries, duties, penalties, [False] * len(queries))
    if args.show:
        for query, row in zip(queries, rows, strict=True):
            duty = row.duty[0].citation if row.duty else "—"
            gold = "；".join(f"{g['law'].removeprefix('中华人民共和国')}{g['article']}" for g in query["basis"])
            print(f"{query['id']:<6}{row.confidence:<6}{'*' if row.highlighted else ' '} {duty[:40]:<40} gold {gold}")

    def share(counts: dict, key: str, whole: str = "rows") -> str:
        if not counts[whole]:
            return "—"
        return f"{counts[key] / counts[whole]:.2f} ({counts[key]}/{counts[whole]})"

    print(f"\n{Path(args.queries).name}: {len(queries)} rows (marker wordings), index {args.index}")
    print("| measure | checklist | baseline: top hit + links | target |\n| --- | --- | --- | --- |")
    for label, key, target in (("执法依据 is gold (article)", "duty", "≥ 0.90"),
                               ("执法依据 is gold (exact 款/项)", "duty_exact", ""),
                               ("处罚依据 contains gold (article)", "penalty", "≥ 0.85"),
                               ("处罚依据 contains gold (exact)", "penalty_exact", ""),
                               ("rows highlighted", "highlighted", "≤ 0.15")):
        print(f"| {label} | {share(ours, key)} | {share(base, key)} | {target} |")
    print(f"| rows not highlighted: 执法依据 gold / 处罚依据 gold | {share(ours, 'plain_duty', 'plain')} / "
          f"{share(ours, 'plain_penalty', 'plain')} | — | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
