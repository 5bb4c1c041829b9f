"""Fit the ranking's weights on the pairs the library supplies itself; write them as data.

    python scripts/fit_weights.py [--index DIR] [--fit-limit 400] [--rounds 2] [--dry-run]

Objective: MRR@10 of the duty article (national and local laws weighted equally) on the `fit`
pairs of scripts/mine_pairs.py (violation wordings of penalty clauses, reference words cut out;
laws split by title hash). The
`holdout` pairs — other laws — are only reported, before and after; so are the dev sets
(../shared/eval), which are never part of the objective.

Method: coordinate descent from the `RankingWeights` defaults. The fit laws are halved (by
another hash): one half proposes a change, the other must confirm it. Every float field (and every
entry of a float table such as `authority` or `kind`) is tried at a few multiples of its
current value; a change is kept only when it raises the objective by more than MIN_GAIN, so
noise does not move a weight. Stage 1 (the Whoosh candidates) is computed once per query with
the default weights and reused while stage 2 is rescored — only each question's best
`--depth` articles under the defaults, for speed: the fields that only stage 1 reads
(posting budgets, candidate counts, integer thresholds) are left as they are. Switches
(`use_*`) are not fitted: they are for measuring a mechanism, not for tuning; nor are the
`confidence_*` thresholds, which do not change the order (they say how sure a hit is).

Writes src/policydocs/data/ranking_weights.json: the fitted fields plus `_`-prefixed header
keys saying how the file was made (command, pairs, objective, date).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_pairs import groups, policydocs_ranks, sample, search_options, summarise  # noqa: E402
from mine_pairs import default_cache, load_pairs  # noqa: E402
from policydocs.search import library as library_module  # noqa: E402
from policydocs.search.library import Library  # noqa: E402
from policydocs.search.weights import RankingWeights  # noqa: E402

OUT = ROOT / "src" / "policydocs" / "data" / "ranking_weights.json"
SHARED = ROOT.parent / "shared"
#: multiples of a weight's current value tried in each round
STEPS = (0.5, 0.75, 1.33, 2.0)
#: objective gain (MRR@10) a change must bring to be kept
MIN_GAIN = 0.002
#: fields that are shares or factors at most 1 (a floor of authority, a discount), kept within 0…1
BOUNDED = frozenset({"bm25_b", "cover_floor", "lead_cover", "region_match", "authority_default", "kind_default",
                     "whole_article", "out_of_scope", "in_scope", "out_of_domain", "local_without_region",
                     "region_match_policy", "char_match", "authority_unasked"})
#: the legislative hierarchy (上位法 before 下位法): a fitted authority never inverts it
HIERARCHY = ("法律", "行政法规", "部门规章", "地方性法规", "地方政府规章", "规范性文件", "工作文件")
#: fields not fitted: read by stage 1 only (candidates are reused); not exercised by the pairs
#: (old versions are never asked for); or biased by how the pairs are made — every answer is a
#: duty and every question is a penalty's wording, so the pairs would teach "never rank a
#: penalty clause" (kind); and every question is cut from the very penalty that names its
#: answer, so the pairs cannot measure a penalty lifting the duty it names (via_penalty: off)
#: nor a duty read in its linked penalty's words (penalty_text: off)
FIXED = frozenset({"posting_budget", "candidates", "candidates_domain", "weak_query", "colloquial_df", "expansion",
                   "colloquial_expansion", "expansion_cover", "old_version", "kind", "kind_default",
                   "via_penalty", "via_penalty_depth", "via_penalty_duties", "via_penalty_links",
                   "penalty_text"})


def parameters(weights: RankingWeights) -> list[tuple[str, str | None]]:
    """(field, table key or None) of every fitted number."""
    found: list[tuple[str, str | None]] = []
    for f in fields(weights):
        value = getattr(weights, f.name)
        if f.name in FIXED or f.name.startswith(("use_", "confidence_")):
            continue
        if isinstance(value, float):
            found.append((f.name, None))
        elif isinstance(value, dict) and value and all(isinstance(v, float) for v in value.values()):
            # the strongest entry is the unit the others are measured against: it stays
            top = max(value, key=lambda k: (value[k], k))
            found.extend((f.name, key) for key in sorted(value) if key != top)
    return found


def value_of(weights: RankingWeights, parameter: tuple[str, str | None]) -> float:
    name, key = parameter
    value = getattr(weights, name)
    return value[key] if key is not None else value


def with_value(weights: RankingWeights, parameter: tuple[str, str | None], value: float) -> RankingWeights:
    name, key = parameter
    return weights.updated({name: {key: value} if key is not None else value})


def candidates_for(weights: RankingWeights, parameter: tuple[str, str | None]) -> list[float]:
    current = value_of(weights, parameter)
    name, key = parameter
    limit = 1.0 if name in BOUNDED or key is not None else None  # table entries are at most the unit
    floor = 0.0
    if name == "authority" and key in HIERARCHY:
        table = getattr(weights, name)
        position = HIERARCHY.index(key)
        above = [table[k] for k in HIERARCHY[:position] if k in table]
        below = [table[k] for k in HIERARCHY[position + 1:] if k in table]
        limit = min([*above, 1.0])
        floor = max(below, default=0.0)
    values = []
    for step in STEPS:
        value = round(current * step, 4) if current else round(0.1 * step, 4)
        if limit is not None:
            value = min(limit, value)
        value = max(floor, value)
        if value != current and value not in values:
            values.append(value)
    return values


def objective(pairs: list[dict], ranks: list[int | None]) -> float:
    """MRR@10 with national and local laws counting equally (local rules are most of the
    pairs, but a national clause is what most questions need)."""
    scores = [summarise(values)["MRR@10"] for name, values in groups(pairs, ranks) if name != "all" and values]
    return sum(scores) / len(scores) if scores else 0.0


class Evaluator:
    """MRR@10 of a pair sample under given weights, with stage 1 and token lists cached."""

    def __init__(self, library: Library, pairs: list[dict]):
        self.library = library
        self.pairs = pairs
        self.runs = 0
        memo: dict[tuple, list[int]] = {}
        candidates = library._candidates
        #: per question, the articles worth rescoring (see `prune`); absent: all candidates
        self.keep: dict[str, set[tuple[str, int | None]]] = {}
        article_of: dict[int, tuple[str, int | None]] = {}

        def cached(query, **options):
            key = (query.text, *sorted((name, tuple(value) if isinstance(value, list) else value)
                                       for name, value in options.items()))
            if key not in memo:
                memo[key] = candidates(query, **options)
            keep = self.keep.get(query.text)
            if keep is None:
                return memo[key]
            missing = [cid for cid in memo[key] if cid not in article_of]
            for cid, clause in library.store.clauses_by_ids(missing).items():
                article_of[cid] = (clause.doc_id, clause.ref.article)
            return [cid for cid in memo[key] if article_of.get(cid) in keep]

        library._candidates = cached
        units: dict[tuple[str, int], list] = {}
        article_units = library.store.article_units

        def cached_units(doc_id: str, article: int):
            if (doc_id, article) not in units:
                units[(doc_id, article)] = article_units(doc_id, article)
            return units[(doc_id, article)]

        library.store.article_units = cached_units
        # the same few thousand articles are rescored again and again: keep every token list
        if library_module._tokens.cache_info().maxsize is not None:
            library_module._tokens = lru_cache(maxsize=None)(library_module._tokens.__wrapped__)

    def prune(self, depth: int) -> None:
        """Rescore only each question's best `depth` articles under the current weights: a
        change of weights moves the top ten about, it does not lift an article from far
        below into them. Makes each evaluation several times faster."""
        self.keep = {}
        for pair in self.pairs:
            hits = self.library.search(pair["query"], limit=depth, with_penalties=False,
                                       **search_options(self.library, pair))
            self.keep[pair["query"]] = {(hit.document.doc_id, hit.clause.ref.article) for hit in hits}

    def __call__(self, weights: RankingWeights) -> float:
        self.library.weights = weights
        self.runs += 1
        return objective(self.pairs, policydocs_ranks(self.library, self.pairs))


def validation_side(law: str) -> bool:
    """Whether a fit law checks the changes instead of proposing them (half the laws)."""
    return int(hashlib.sha256(f"validation|{law}".encode()).hexdigest()[:8], 16) % 2 == 1


def fit(evaluator: Callable[[RankingWeights], float], start: RankingWeights, rounds: int, log,
        validate: Callable[[RankingWeights], float] | None = None) -> tuple[RankingWeights, float]:
    """Coordinate descent. A change is kept when it raises `evaluator` by MIN_GAIN and, with
    `validate` (other laws of the fit side), raises that too: a gain that only one set of
    laws sees is noise."""
    weights, best = start, evaluator(start)
    checked = validate(start) if validate else 0.0
    log(f"start: fit objective {best:.4f}" + (f", validation {checked:.4f}" if validate else ""))
    for round_number in range(1, rounds + 1):
        changed = False
        for parameter in parameters(weights):
            scored = [(evaluator(with_value(weights, parameter, value)), value)
                      for value in candidates_for(weights, parameter)]
            score, value = max(scored, default=(best, None), key=lambda entry: entry[0])
            label = parameter[0] + (f"[{parameter[1]}]" if parameter[1] else "")
            if value is None or score <= best + MIN_GAIN:
                continue
            trial = with_value(weights, parameter, value)
            if validate:
                confirmed = validate(trial)
                if confirmed <= checked:
                    log(f"round {round_number}: {label} → {value} raises fit {best:.4f} → {score:.4f}"
                        f" but not validation ({checked:.4f} → {confirmed:.4f}): not kept")
                    continue
                checked = confirmed
            log(f"round {round_number}: {label} {value_of(weights, parameter)} → {value}: {best:.4f} → {score:.4f}"
                + (f" (validation {checked:.4f})" if validate else ""))
            weights, best, changed = trial, score, True
        if not changed:
            break
    return weights, best


def dev_check(library: Library, path: Path) -> str:
    """Duty hit@5 / MRR@10 on a dev set (direction only; never part of the objective)."""
    from bench_search import load_queries, policydocs_rankings, rank_of

    queries = load_queries(path)
    ranks = [rank_of(policydocs_rankings(library, q["query"])[0], q["basis"], "article") for q in queries]
    values = summarise(ranks)
    return f"hit@5 {values['hit@5']:.2f} MRR@10 {values['MRR@10']:.2f}"


def changes(weights: RankingWeights) -> dict:
    """The fitted fields, complete (a table with all its entries)."""
    default = RankingWeights()
    return {name: getattr(weights, name) for name, _ in parameters(default)
            if getattr(weights, name) != getattr(default, name)}


def write(path: Path, weights: RankingWeights, header: dict) -> None:
    fitted = {name: value for name, value in changes(weights).items()}
    data = {**header, **fitted}
    try:
        RankingWeights().updated(data)
    except Exception:  # a loader that does not (yet) skip comment keys: numbers only, note beside
        note = path.with_suffix(".note.json")
        note.write_text(json.dumps(header, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        data = fitted
    else:
        path.with_suffix(".note.json").unlink(missing_ok=True)  # the note is inside now
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=os.environ.get("POLICYDOCS_INDEX", str(ROOT / "index")))
    parser.add_argument("--fit-limit", type=int, default=600, help="fit pairs used (half propose, half confirm)")
    parser.add_argument("--holdout-limit", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--depth", type=int, default=30, help="articles rescored per question (0: all candidates)")
    parser.add_argument("--out", default=str(OUT))
    parser.add_argument("--dry-run", action="store_true", help="report, do not write the weights file")
    args = parser.parse_args()
    index_dir = Path(args.index)
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {message}", flush=True)

    pairs = load_pairs(index_dir)
    fit_pairs, holdout = sample(pairs, "fit", args.fit_limit), sample(pairs, "holdout", args.holdout_limit)
    log(f"{len(fit_pairs)} fit pairs ({len({p['law'] for p in fit_pairs})} laws), {len(holdout)} holdout pairs "
        f"({len({p['law'] for p in holdout})} laws) from {default_cache(index_dir).name}")
    default = RankingWeights().without("via_penalty", "penalty_text")  # see FIXED
    plain = Library.open(index_dir, weights=default)  # uncached: the reported numbers are exact
    before = summarise(policydocs_ranks(plain, holdout))
    dev = {name: dev_check(plain, SHARED / "eval" / name) for name in ("dev_queries.jsonl", "dev_queries_v2.jsonl")
           if (SHARED / "eval" / name).is_file()}
    log(f"holdout before: hit@1 {before['hit@1']:.3f} hit@5 {before['hit@5']:.3f} MRR@10 {before['MRR@10']:.3f}")

    proposing = [p for p in fit_pairs if not validation_side(p["law"])]
    checking = [p for p in fit_pairs if validation_side(p["law"])]
    log(f"fit pairs: {len(proposing)} propose changes, {len(checking)} (other laws) confirm them")
    evaluator = Evaluator(Library.open(index_dir, weights=default), proposing)
    validator = Evaluator(Library.open(index_dir, weights=default), checking)
    if args.depth:
        for side in (evaluator, validator):
            side.prune(args.depth)
    weights, fitted = fit(evaluator, default, args.rounds, log, validate=validator)
    plain.weights = weights
    after = summarise(policydocs_ranks(plain, holdout))
    log(f"holdout after:  hit@1 {after['hit@1']:.3f} hit@5 {after['hit@5']:.3f} MRR@10 {after['MRR@10']:.3f}"
        f" ({evaluator.runs} + {validator.runs} evaluations)")
    for name, text in dev.items():
        log(f"dev check {name}: before {text}; after {dev_check(plain, SHARED / 'eval' / name)}")
    header = {
        "_note": "Fitted by scripts/fit_weights.py (coordinate descent on MRR@10 of the duty article) on the fit pairs "
                 "of scripts/mine_pairs.py: violation wordings of penalty clauses that name one article, reference "
                 "words removed, laws split fit/holdout by title hash. Never fitted on the dev sets.",
        "_command": "python scripts/fit_weights.py " + " ".join(sys.argv[1:]),
        "_pairs": f"{len(proposing)} proposing + {len(checking)} confirming fit pairs over "
                  f"{len({p['law'] for p in fit_pairs})} laws; "
                  f"holdout {len(holdout)} pairs over {len({p['law'] for p in holdout})} laws",
        "_objective": f"fit objective (MRR@10, national and local equally) {fitted:.4f}; "
                      f"holdout MRR@10 {before['MRR@10']:.4f} → {after['MRR@10']:.4f}, "
                      f"hit@1 {before['hit@1']:.3f} → {after['hit@1']:.3f}",
        "_date": dt.date.today().isoformat(),
    }
    if args.dry_run:
        print(json.dumps({**header, **changes(weights)}, ensure_ascii=False, indent=1))
    else:
        write(Path(args.out), weights, header)
        log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
