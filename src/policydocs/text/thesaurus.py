"""Inspector vocabulary → legal terms (data/thesaurus.tsv), used to expand queries and to
bridge duty and penalty wording (报告 ↔ 谎报、迟报) when linking clauses."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def thesaurus() -> dict[str, tuple[str, ...]]:
    """spoken term → legal terms."""
    text = resources.files("policydocs").joinpath("data/thesaurus.tsv").read_text(encoding="utf-8")
    entries: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        spoken, legal = line.split("\t")
        entries[spoken.strip()] = tuple(term.strip() for term in legal.split("|") if term.strip())
    return entries


def expansions(text: str) -> list[str]:
    """Legal terms for every spoken term contained in `text` that the text does not already say."""
    return [term for _, term in expansion_pairs(text)]


def expansion_pairs(text: str) -> list[tuple[str, str]]:
    """(spoken term, legal term) for every expansion of `text`, each legal term once."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for spoken, legal in thesaurus().items():
        if spoken in text:
            for term in legal:
                if term not in text and term not in seen:
                    seen.add(term)
                    found.append((spoken, term))
    return found
