"""The links of one invented law, read as labels, for the link-rule tests."""

from __future__ import annotations

from pathlib import Path

from policydocs.corpus.lawmd import read_law_markdown
from policydocs.kb.links import compute_links
from policydocs.model import LINK_KINDS


def links_by_label(path: Path) -> dict[str, dict[str, str]]:
    """duty label → {penalty label: how}, the strongest kind of a pair kept (explicit before
    wording before referral, the order of model.LINK_KINDS)."""
    document = read_law_markdown(path)
    labels = {cid: clause.ref.label() for cid, clause in enumerate(document.clauses, start=1)}
    result: dict[str, dict[str, str]] = {label: {} for label in labels.values()}
    strength = list(LINK_KINDS)
    for duty_id, penalty_id, how in sorted(compute_links([document], [1]), key=lambda link: strength.index(link[2])):
        result[labels[duty_id]].setdefault(labels[penalty_id], how)
    return result
