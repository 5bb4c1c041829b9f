"""How sure a search hit is: `high`, `check` or `none`, from margins that can be measured.

Drafting writes a `high` citation plainly, a `check` one with 〔请核对〕 and leaves `none` as
〔未核实〕, so the rule must say "high" only when a wrong answer is unlikely:

- `none`: the clause covers less than `confidence_none_cover` of the query's IDF mass (it
  shares only minor words with the question), or its document is both outside the domain and
  outside its scope for the question;
- `high`: the clause covers at least `confidence_high_cover` of the IDF mass, its document is
  in the domain and the question falls in its scope (or it has none), and it clearly beats the
  alternatives: its score is at least `confidence_margin` times the best clause of any other
  document and `confidence_same_margin` times the next clause of its own document;
- `check`: everything in between.

All thresholds are fields of `RankingWeights` (search/weights.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from policydocs.search.weights import RankingWeights

HIGH, CHECK, NONE = "high", "check", "none"


class Scored(Protocol):
    score: float
    coverage: float
    in_scope: bool
    in_domain: bool
    confidence: str

    @property
    def doc_key(self) -> str: ...


def assign_confidence(hits: Sequence[Scored], weights: RankingWeights, limit: int | None = None) -> None:
    """Set `confidence` on the first `limit` hits (all by default) of one ranked list, best
    first; the margins are taken over the whole list."""
    for position, hit in enumerate(hits[:limit]):
        if hit.coverage < weights.confidence_none_cover or not (hit.in_domain or hit.in_scope):
            hit.confidence = NONE
            continue
        if hit.coverage < weights.confidence_high_cover or not (hit.in_domain and hit.in_scope):
            hit.confidence = CHECK
            continue
        other = max((h.score for h in hits if h.doc_key != hit.doc_key), default=0.0)
        same = max((h.score for i, h in enumerate(hits) if h.doc_key == hit.doc_key and i != position), default=0.0)
        clear = (hit.score >= weights.confidence_margin * other
                 and hit.score >= weights.confidence_same_margin * same)
        hit.confidence = HIGH if clear else CHECK
