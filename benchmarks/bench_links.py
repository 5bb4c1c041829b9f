"""Precision and recall of the duty → penalty links against the dev queries' gold pairs.

    python benchmarks/bench_links.py [--index DIR]

For each query with both a duty and a penalty gold, the duty unit is the gold clause itself
(the 项 when the gold names one; otherwise the 条/款 of the gold article that best matches the
query, as search would show it). Its linked penalties (`Library.penalties`) are compared with
the gold at article level (item level where the gold names an item). A gold duty that is
itself a penalty clause (e.g. 按日连续处罚) counts as linked to itself.

Second set: the 检查依据 → 法律责任 rows of seed 002's 企业全员安全生产履职合法性检查表
(corpus/2023-03-21_遂安安委办发〔2023〕20号_….md), scored as stated and without the rows whose
"duty" is a right (see `checklist_scores`).

Third (skip with --no-holdout): explicit references held out as gold for the wording matcher
over every current law (see `holdout`).

Fourth: the hand-checked audit sample `benchmarks/links_audit.tsv` — 50 links drawn at random
(seeded) from the whole library's current laws (20 explicit, 20 wording, 10 party), each judged
by reading both clauses (verdict + why); its precision, and how many of its links the index
still has (see `audit`); `links_audit_2.tsv` … `links_audit_5.tsv` are later draws, judged the
same way; `links_audit_round2.tsv` holds links the round-2 rules added, judged when they were
made, `links_audit_round3.tsv` those of round 3, `links_audit_round6.tsv` those of round 6.
`benchmarks/links_audit_history.tsv` holds the links judged in earlier draws: the report says
which of them the current rules still make. `--sample-audit` prints a fresh sample with both
texts for judging.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=os.environ.get("POLICYDOCS_INDEX", str(ROOT / "index")))
    parser.add_argument("--queries", default=str(SHARED / "eval" / "dev_queries.jsonl"))
    parser.add_argument("--no-holdout", action="store_true", help="skip the explicit-reference holdout (~30 s)")
    parser.add_argument("--recompute", action="store_true",
                        help="link with this checkout's kb/links.py over the index's clauses, not the stored links")
    parser.add_argument("--sample-audit", action="store_true", help="print the audit sample with its texts and stop")
    parser.add_argument("--seed", type=int, default=AUDIT_SEED, help="seed of the --sample-audit draw")
    args = parser.parse_args()
    from policydocs.kb.lawnames import LawResolver
    from policydocs.search.library import Library

    library = Library.open(Path(args.index))
    if args.recompute:
        _recompute_links(library)
    if args.sample_audit:
        for row in audit_sample(library, args.seed):
            print("\t".join(str(cell) for cell in row))
        return 0
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
            linked = {(c.ref.article, c.ref.item) for c, _, _ in library.penalties(cid)}

        correct += sum(1 for pair in linked if pair in gold or (pair[0], None) in gold)
        predicted_total += len(linked)
        found += sum(1 for g in gold if any(p[0] == g[0] and (g[1] is None or p[1] == g[1]) for p in linked))
        gold_total += len(gold)
        print(f"{query['id']:<5}{duty.ref.label():<28}{sorted(gold)!s:<16}{sorted(linked)}")
    report("dev queries", correct, predicted_total, found, gold_total)
    report("seed 002 checklist, duty clauses", *checklist_scores(library))
    audit(library)
    if AUDIT_2.exists():
        audit(library, AUDIT_2)
    if AUDIT_3.exists():
        audit(library, AUDIT_3)
    if AUDIT_4.exists():
        audit(library, AUDIT_4)
    if AUDIT_5.exists():
        audit(library, AUDIT_5)
    if AUDIT_ROUND2.exists():
        audit(library, AUDIT_ROUND2)
    if AUDIT_ROUND3.exists():
        audit(library, AUDIT_ROUND3)
    if AUDIT_ROUND6.exists():
        audit(library, AUDIT_ROUND6)
    if AUDIT_HISTORY.exists():
        audit(library, AUDIT_HISTORY)
    if not args.no_holdout:
        holdout(library)
    return 0


def report(name: str, correct: int, predicted: int, found: int, gold: int) -> None:
    precision = correct / predicted if predicted else 0.0
    recall = found / gold if gold else 0.0
    print(f"\n{name}: precision {precision:.2f} ({correct}/{predicted}), recall {recall:.2f} ({found}/{gold})"
          "   targets: precision ≥ 0.90, recall ≥ 0.85")


def checklist_scores(library) -> tuple[int, int, int, int]:
    """(correct, predicted, found, gold) over the checklist rows of seed 002.

    A row states a set of duty citations (检查依据) and a set of penalty citations (法律责任); it is
    read as "each of these duties is punished by one of these penalties". A linked penalty is
    correct when the row names it; a duty is found when one of its links is named. Duty citations
    the engine verifies are used as written; a `bad_part` one (第二十七条第二项 for a 条 with 款 only)
    as the engine's suggestion. Rows whose duty clause is a right of the party the penalty punishes
    (有权…) are left out of the score and listed: a right cannot be breached by its holder, so no
    penalty of that holder can be its link."""
    from policydocs.cite.finder import find_citations
    from policydocs.cite.verify import verify
    from policydocs.kb.links import parties

    store = library.store
    seed = next((ROOT / "corpus").glob("2023-03-21_*.md"))
    correct = predicted_total = found = gold_total = 0
    stated = [0, 0, 0, 0]
    print(f"\n{'row':<5}{'duty':<26}{'gold':<26}{'linked'}")
    for line in seed.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 7 or "第" not in cells[5] or "第" not in cells[6]:
            continue
        penalty_findings = [f for f in verify(find_citations(cells[6]), store) if f.status == "ok" and f.article]
        gold = {(f.law, f.article, f.item) for f in penalty_findings}
        gold_parties = set().union(*(parties(store.clause(store.documents_named(f.law)[0].doc_id,
                                                          _ref(f.article)).text) for f in penalty_findings)) \
            if penalty_findings else set()
        for finding in verify(find_citations(cells[5]), store):
            if finding.status == "bad_part" and finding.suggestion:
                finding = verify(find_citations(finding.suggestion), store)[0]
            label = f"{cells[1]:<5}{finding.source[-22:]:<26}"
            if finding.status != "ok" or finding.article is None:
                print(f"{label}skipped: {finding.status}")
                continue
            document = store.documents_named(finding.law)[0]
            cid, duty = store.clause_with_id(document.doc_id, _ref(finding.article, finding.paragraph, finding.item))
            linked = {(document.title, c.ref.article, c.ref.item) for c, _, _ in library.penalties(cid)}
            hits = {pair for pair in linked if pair in gold or (pair[0], pair[1], None) in gold}
            is_found = any(g[1] == p[1] and (g[2] is None or g[2] == p[2]) and g[0] == p[0]
                           for g in gold for p in linked)
            scores = (len(hits), len(linked), int(is_found), 1)
            stated = [a + b for a, b in zip(stated, scores, strict=True)]
            right = _is_right_of(store, document.doc_id, duty, gold_parties)
            if not right:
                correct, predicted_total, found, gold_total = (
                    a + b for a, b in zip((correct, predicted_total, found, gold_total), scores, strict=True))
            shown = lambda pairs: sorted((a, i) for _, a, i in pairs)  # noqa: E731
            print(f"{label}{shown(gold)!s:<26}{shown(linked)}{'   (right, not a duty: left out)' if right else ''}")
    report("seed 002 checklist, as stated", *stated)
    return correct, predicted_total, found, gold_total


def holdout(library) -> None:
    """Explicit references as held-out gold for the wording matcher, over every current law.

    A penalty that names exactly one article (违反本法第三十三条规定，未经许可…的) and still
    describes the violation (six or more words besides the reference) is a known duty → penalty
    pair; the pairs do not depend on the link rules, so rule versions compare on the same set. The reference
    is cut out of the penalty's text and wording alone picks, for that article's duty clauses,
    the most similar penalty of the law; it is right when it picks the referenced one, and
    "none" when nothing reaches MIN_SIMILARITY. Noisy (some references point at a list of
    sub-cases), but thousands of pairs from hundreds of laws the links were never tuned on."""
    from policydocs.kb import links
    from policydocs.model import STATUS_CURRENT
    from policydocs.text.analyzer import tokenize
    from policydocs.text.numerals import cn_to_int

    started = time.perf_counter()
    store = library.store
    right = wrong = none = laws = 0
    for doc_id, _ in store.titles():
        document = store.document(doc_id)
        if document.status != STATUS_CURRENT:
            continue
        clauses = store.document_clauses(document.doc_id)
        leaves = links._leaves(clauses)
        penalties = [(cid, c) for cid, c in leaves if links.is_penalty_chapter(c)]
        duties = [(cid, c) for cid, c in leaves if not links.is_penalty_chapter(c) and c.kind == "duty"]
        if len(penalties) < 3:
            continue
        texts = {cid: links._EXPLICIT.sub("", links._violation_text(p)) for cid, p in penalties}
        gold = []
        for cid, penalty in penalties:
            runs = list(links._EXPLICIT.finditer(penalty.text))
            numbers = links._ARTICLE_IN_RUN.findall(runs[0].group(1)) if len(runs) == 1 else []
            described = links._EXPLICIT.sub("", penalty.text).split("的，")[0]
            if len(numbers) != 1 or len(set(tokenize(described))) < 6:
                continue
            duty_ids = [d for d, c in duties if c.ref.article == cn_to_int(numbers[0])]
            if duty_ids:
                gold.append((cid, duty_ids))
        if not gold:
            continue
        laws += 1
        texts.update({cid: links._action(d.text) for cid, d in duties})
        vectors = links._Vectors(texts, (), {cid: c.ref.article for cid, c in (*penalties, *duties)})
        for penalty_id, duty_ids in gold:
            score, best = max(((vectors.similarity(p, d), p) for d in duty_ids for p, _ in penalties))
            if score < links.MIN_SIMILARITY:
                none += 1
            elif best == penalty_id:
                right += 1
            else:
                wrong += 1
    total = right + wrong + none
    print(f"\nexplicit-reference holdout: {total} pairs in {laws} laws, {time.perf_counter() - started:.0f} s\n"
          f"  right {right}, wrong {wrong}, none {none}: precision {right / max(1, right + wrong):.3f},"
          f" recall {right / max(1, total):.3f}")


AUDIT = ROOT / "benchmarks" / "links_audit.tsv"
#: links judged in earlier draws (earlier rule versions): which of them the rules still make
AUDIT_HISTORY = ROOT / "benchmarks" / "links_audit_history.tsv"
#: how many links of each kind the audit sample draws, and its seed
AUDIT_DRAW = {"explicit": 20, "wording": 20, "party": 10}
AUDIT_SEED = 20261201
#: the second sample, drawn (seed AUDIT_2_SEED) after the session-4 rules and judged then
AUDIT_2 = ROOT / "benchmarks" / "links_audit_2.tsv"
AUDIT_2_SEED = 20261202
#: the third, drawn (seed AUDIT_3_SEED) after the session-7 rules and judged then, never tuned on
AUDIT_3 = ROOT / "benchmarks" / "links_audit_3.tsv"
AUDIT_3_SEED = 20261207
#: the fourth, drawn (seed AUDIT_4_SEED) before the links-round-5 rules and judged then: the
#: round-4 rules' precision as drawn
AUDIT_4 = ROOT / "benchmarks" / "links_audit_4.tsv"
AUDIT_4_SEED = 20261206
#: the fifth, drawn (seed AUDIT_5_SEED) before the links-round-6 rules and judged then: the
#: round-5 rules' precision as drawn
AUDIT_5 = ROOT / "benchmarks" / "links_audit_5.tsv"
AUDIT_5_SEED = 20261208
#: links the links-round-2 rules added (shorthand references, referrals, the forbidden act, the
#: subject-less penalty, addressee items), sampled from the difference of the link sets with and
#: without each rule and judged by hand when they were made — what those rules cost in precision
AUDIT_ROUND2 = ROOT / "benchmarks" / "links_audit_round2.tsv"
#: the leaf links the links-round-3 rules added (subject-less prohibitions, object-first penalty
#: items, short laws' domain words), all of them, judged by hand when they were made
AUDIT_ROUND3 = ROOT / "benchmarks" / "links_audit_round3.tsv"
#: the current-law links the links-round-6 rules added (a lead's own duty, a 许可制度's licence, a
#: person's catch-all, a permitted party's other half), all of them, judged by hand when made
AUDIT_ROUND6 = ROOT / "benchmarks" / "links_audit_round6.tsv"


def audit_sample(library, seed: int = 0) -> list[tuple]:
    """(law, duty, penalty, how, duty text, penalty text) for a seeded random draw of links where
    they start (the duty is a leaf unit: 项, or 款/条 without units), over current documents."""
    import random

    from policydocs.model import STATUS_CURRENT

    store = library.store
    rows = store._db.execute(
        "SELECT d.title, l.duty_id, l.penalty_id, l.how FROM links l JOIN clauses c ON c.id = l.duty_id"
        " JOIN docs d ON d.doc_id = c.doc_id WHERE d.status = ? ORDER BY l.duty_id, l.penalty_id, l.how",
        (STATUS_CURRENT,)).fetchall()
    clauses = store.clauses_by_ids({cid for _, duty, penalty, _ in rows for cid in (duty, penalty)})
    parents = set()
    for clause in clauses.values():
        if clause.ref.item is not None:
            parents.update({(clause.doc_id, clause.ref.article, clause.ref.paragraph),
                            (clause.doc_id, clause.ref.article, None)})
        elif clause.ref.paragraph is not None:
            parents.add((clause.doc_id, clause.ref.article, None))
    draw = random.Random(seed or AUDIT_SEED)
    sample = []
    for kind, count in AUDIT_DRAW.items():
        pool = sorted({(title, duty, penalty) for title, duty, penalty, how in rows
                       if how == kind and _is_leaf(clauses[duty], parents)})
        for title, duty, penalty in draw.sample(pool, min(count, len(pool))):
            duty_clause, penalty_clause = clauses[duty], clauses[penalty]
            sample.append((title, duty_clause.ref.label(), penalty_clause.ref.label(), kind,
                           (duty_clause.lead + " | " if duty_clause.lead else "") + duty_clause.text,
                           (penalty_clause.lead + " | " if penalty_clause.lead else "") + penalty_clause.text))
    return sample


def _is_leaf(clause, parents: set) -> bool:
    if clause.ref.subitem is not None:
        return False
    return clause.ref.item is not None or (clause.doc_id, clause.ref.article, clause.ref.paragraph) not in parents


def audit(library, path: Path = AUDIT) -> None:
    """Precision of the hand-checked audit sample (benchmarks/links_audit.tsv: law, duty,
    penalty, link, verdict, why), and how many of its links the index still has: a rule change
    that drops a correct link or keeps a wrong one shows here."""
    from policydocs.model import ClauseRef
    from policydocs.text.numerals import cn_to_int

    store = library.store
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    correct = sum(1 for row in rows if row[4] == "correct")
    print()
    kept = kept_correct = 0
    label = __import__("re").compile(r"第([^条]+)条(?:第([^款]+)款)?(?:第([^项]+)项)?")

    def ref(text: str) -> ClauseRef:
        article, paragraph, item = label.fullmatch(text).groups()
        return ClauseRef(cn_to_int(article), paragraph and cn_to_int(paragraph), item and cn_to_int(item))

    for law, duty, penalty, _, verdict, *_ in rows:
        document = next((d for d in store.documents_named(law) if d.status == "现行有效"), None)
        found = document and store.clause_with_id(document.doc_id, ref(duty))
        if not found:
            continue
        if any(linked.clause.ref == ref(penalty) for linked in library.penalties(found[0])):
            kept += 1
            kept_correct += verdict == "correct"
            if verdict != "correct":
                print(f"  still linked, judged wrong: {law} {duty} → {penalty}")
        elif verdict == "correct":
            print(f"  no longer linked, judged correct: {law} {duty} → {penalty}")
    for kind in dict.fromkeys([*AUDIT_DRAW, *(row[3] for row in rows)]):
        judged = [row for row in rows if row[3] == kind]
        right = sum(1 for row in judged if row[4] == "correct")
        print(f"  {kind}: {right}/{len(judged)} correct")
    print(f"audit sample ({path.name}, {len(rows)} links judged by hand): precision "
          f"{correct / max(1, len(rows)):.2f} ({correct}/{len(rows)})   target ≥ 0.95\n"
          f"  still linked by this index: {kept}/{len(rows)}, of them correct {kept_correct}"
          f" (precision {kept_correct / max(1, kept):.2f})")


def _recompute_links(library) -> None:
    """Make `library.penalties` answer from links computed now, per document, by this checkout's
    rules (the clauses of an index do not change when only the link rules do)."""
    from policydocs.kb import links
    from policydocs.model import LINK_KINDS
    from policydocs.search.library import LinkedPenalty

    store = library.store
    computed: dict[str, dict[int, list[tuple[int, str]]]] = {}

    def penalties(clause_id: int):
        clause = store.clauses_by_ids([clause_id])[clause_id]
        if clause.doc_id not in computed:
            by_duty: dict[int, list[tuple[int, str]]] = {}
            for duty_id, penalty_id, how in links._links_for_document(store.document_clauses(clause.doc_id)):
                by_duty.setdefault(duty_id, []).append((penalty_id, how))
            computed[clause.doc_id] = by_duty
        found = computed[clause.doc_id].get(clause_id, [])
        strength = list(LINK_KINDS)
        best: dict[int, str] = {}
        for penalty_id, how in found:
            if penalty_id not in best or strength.index(how) < strength.index(best[penalty_id]):
                best[penalty_id] = how
        clauses = store.clauses_by_ids(best)
        return [LinkedPenalty(clauses[cid], store.document(clauses[cid].doc_id), best[cid]) for cid in sorted(clauses)]

    library.penalties = penalties


def _ref(article: int, paragraph: int | None = None, item: int | None = None):
    from policydocs.model import ClauseRef

    return ClauseRef(article, paragraph, item)


def _is_right_of(store, doc_id: str, duty, holders: set[str]) -> bool:
    """Whether every clause of `duty` addressed to one of `holders` grants a right (有权) rather
    than imposing a duty."""
    from policydocs.kb.links import parties

    units = [c for _, c in store.article_units(doc_id, duty.ref.article)
             if c.ref.subitem is None and (duty.ref.paragraph is None or c.ref.paragraph == duty.ref.paragraph)]
    units = [c for c in units if c.ref.paragraph is not None] or units
    addressed = [c for c in units if parties(c.text) & holders]
    return bool(addressed) and all("有权" in c.text and c.kind != "duty" for c in addressed)


if __name__ == "__main__":
    sys.exit(main())
