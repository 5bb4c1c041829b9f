"""Drafting benchmark: how many citations `draft plan` writes plainly are the right clause.

    python benchmarks/bench_markers.py [--index DIR] [--queries FILE ...] [--scope WORDS]

Each dev query's clerk wording (`marker`; the query text when a set has none, as dev v1)
becomes one `[[依据+处罚: …]]` paragraph of a single 实施方案, drafted through the real path
(front matter → `plan.build` → `Citer` → `IndexCitationService`, the document's own context
included) and saved as .docx. Printed per set:
- of the duty citations written without a highlight, the share that are the gold clause
  (target ≥ 95 %), at article level and exactly (款/项 where the gold names them);
- the same for penalty citations (a plainly written penalty list counts when it contains the
  gold penalty);
- the share of markers whose output carries 〔请核对〕 or 〔未核实〕 (target ≤ 15 %), split
  into check / not found / penalty not found.
Citations are read back through the citation engine (`check_text`), so what is compared is
what a reader of the document would look up.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_SETS = (SHARED / "eval" / "dev_queries_v2.jsonl", SHARED / "eval" / "dev_queries.jsonl")
TITLE = "安全生产监管执法专项检查实施方案"
ISSUER = "某市安全生产委员会办公室"


@dataclass
class Recorded:
    """Every basis the service gave, in the order drafting asked for them."""

    service: object
    bases: list = field(default_factory=list)

    def basis_for(self, description: str, *, with_penalty: bool, context: str = ""):
        options = {"context": context} if context else {}
        basis = self.service.basis_for(description, with_penalty=with_penalty, **options)  # type: ignore[attr-defined]
        self.bases.append(basis)
        return basis

    def check_text(self, text: str):
        return self.service.check_text(text)  # type: ignore[attr-defined]


def level_of(basis) -> str:
    """high / check / none, also for a Basis that only has the older `confident` flag."""
    if basis.duty is None:
        return "none"
    level = getattr(basis, "confidence", None)
    if isinstance(level, str):
        return level
    return "high" if basis.confident else "none"


def plan_source(queries: list[dict], scope: str) -> str:
    front = f"---\nkind: plan\ntitle: {TITLE}\nissuer: {ISSUER}\n" + (f"scope: {scope}\n" if scope else "") + "---\n"
    body = ["# 检查重点", ""]
    for number, query in enumerate(queries, 1):
        wording = (query.get("marker") or query["query"]).replace("]]", "")
        body += [f"{number}. 检查{wording}情况[[依据+处罚: {wording}]]。", ""]
    return front + "\n".join(body)


def address(service, citation: str) -> tuple[str, int | None, int | None, int | None] | None:
    findings = service.check_text(citation)
    if not findings or findings[0].status != "ok":
        return None
    found = findings[0]
    return found.law, found.article, found.paragraph, found.item


def matches(place, gold: dict, exact: bool) -> bool:
    if place is None or place[0] != gold["law"] or place[1] != gold["article"]:
        return False
    if not exact:
        return True
    return all(gold.get(key) is None or gold.get(key) == value
               for key, value in (("paragraph", place[2]), ("item", place[3])))


def draft(service, queries: list[dict], scope: str, out_dir: Path) -> list:
    """Draft the plan through the real path; the bases the markers got, in marker order."""
    from policydocs.draft import citations, plan
    from policydocs.draft.frontmatter import read_source
    from policydocs.gbt9704 import DEFAULT_PROFILE, PROFILES

    source_path = out_dir / "plan.md"
    source_path.write_text(plan_source(queries, scope), encoding="utf-8")
    source = read_source(source_path, "plan", plan.REQUIRED)
    recorded = Recorded(service)
    context_of = getattr(citations, "document_context", None)
    citer = (citations.Citer(recorded, context=context_of(source.meta)) if context_of
             else citations.Citer(recorded))
    document = plan.build(source, citer, PROFILES[DEFAULT_PROFILE])
    document.save(str(out_dir / "plan.docx"))
    return recorded.bases


def show(service, queries: list[dict], bases: list) -> None:
    """One line per marker: confidence, what was written, whether it is the gold clause."""
    for query, basis in zip(queries, bases, strict=True):
        level = level_of(basis)
        duty = basis.duty.citation if basis.duty else "—"
        place = address(service, duty) if basis.duty else None
        verdict = ("exact" if any(matches(place, g, True) for g in query["basis"]) else
                   "article" if any(matches(place, g, False) for g in query["basis"]) else "wrong")
        gold = "；".join(f"{g['law'].removeprefix('中华人民共和国')}{g['article']}/{g.get('paragraph')}/{g.get('item')}"
                        for g in query["basis"])
        penalties = "、".join(p.citation.split("》")[-1] for p in basis.penalties) or "〔未核实〕"
        print(f"  {query.get('id', ''):<5}{level:<6}{verdict:<8}{duty[:44]:<44} 罚:{penalties[:30]:<30} gold {gold}")


def evaluate(service, queries: list[dict], bases: list) -> dict[str, int]:
    counts = dict.fromkeys(("markers", "high", "check", "none", "no_penalty", "highlighted", "duty_plain", "duty_ok",
                            "duty_exact",
                            "penalty_plain", "penalty_ok", "penalty_exact"), 0)
    for query, basis in zip(queries, bases, strict=True):
        counts["markers"] += 1
        level = level_of(basis)
        counts[level] += 1
        counts["highlighted"] += level != "high" or not basis.penalties
        if level == "none":
            continue
        counts["no_penalty"] += not basis.penalties
        if level != "high":
            continue
        place = address(service, basis.duty.citation)
        counts["duty_plain"] += 1
        counts["duty_ok"] += any(matches(place, gold, False) for gold in query["basis"])
        counts["duty_exact"] += any(matches(place, gold, True) for gold in query["basis"])
        if basis.penalties and query.get("penalty"):
            places = [address(service, penalty.citation) for penalty in basis.penalties]
            counts["penalty_plain"] += 1
            counts["penalty_ok"] += any(matches(p, g, False) for p in places for g in query["penalty"])
            counts["penalty_exact"] += any(matches(p, g, True) for p in places for g in query["penalty"])
    return counts


def report(name: str, counts: dict[str, int]) -> None:
    def share(part: str, whole: str) -> str:
        return f"{counts[part] / counts[whole]:.2f} ({counts[part]}/{counts[whole]})" if counts[whole] else "—"

    print(f"\n{name}: {counts['markers']} markers [[依据+处罚: …]] in one plan")
    print(f"  plain duty citations that are the gold clause, article level   {share('duty_ok', 'duty_plain')}")
    print(f"  plain duty citations that are the gold clause, exact (款/项)    {share('duty_exact', 'duty_plain')}")
    print(f"  plain penalty citations containing the gold penalty, article  {share('penalty_ok', 'penalty_plain')}")
    print(f"  plain penalty citations containing the gold penalty, exact    {share('penalty_exact', 'penalty_plain')}")
    print(f"  markers written plainly (high)                                {share('high', 'markers')}")
    print(f"  markers with 〔请核对〕 (check)                                  {share('check', 'markers')}")
    print(f"  markers 〔未核实〕 (none)                                        {share('none', 'markers')}")
    print(f"  cited markers whose penalty is 〔未核实〕                         {counts['no_penalty']}")
    print(f"  markers ending with 〔请核对〕 or 〔未核实〕 (target ≤ 0.15)       {share('highlighted', 'markers')}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=os.environ.get("POLICYDOCS_INDEX", str(ROOT / "index")))
    parser.add_argument("--queries", nargs="*", default=[str(path) for path in DEFAULT_SETS])
    parser.add_argument("--scope", default="", help="front matter scope: of the plan (default none)")
    parser.add_argument("--show", action="store_true", help="one line per marker")
    args = parser.parse_args()
    from policydocs.cite.service import IndexCitationService
    from policydocs.search.library import Library

    library = Library.open(Path(args.index))
    service = IndexCitationService(library)
    for path in args.queries:
        queries = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
        with tempfile.TemporaryDirectory() as out:
            bases = draft(service, queries, args.scope, Path(out))
        counts = evaluate(service, queries, bases)
        uses = "marker" if any(q.get("marker") for q in queries) else "query text (the set has no markers)"
        report(f"{Path(path).name} ({uses})", counts)
        if args.show:
            show(service, queries, bases)
    return 0


if __name__ == "__main__":
    sys.exit(main())
