"""Inspector vocabulary → legal terms (data/thesaurus.tsv), used to expand queries and to
bridge duty and penalty wording (报告 ↔ 谎报、迟报) when linking clauses."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from policydocs.text.numerals import NUMERAL_PATTERN, cn_to_int

#: an age in years (十七岁, 16周岁), not a bound the law itself states (未满十八周岁, 年满十六周岁)
_AGE = re.compile(rf"(?<!满)({NUMERAL_PATTERN})周?岁")


class Entry(NamedTuple):
    """One line of the thesaurus: its domain group (the last `# ` comment above it), the spoken
    term and the legal terms it stands for."""

    group: str
    spoken: str
    legal: tuple[str, ...]


def read_entries(text: str | None = None) -> list[Entry]:
    """Every entry of data/thesaurus.tsv (or of `text` in its format), in file order, duplicates
    kept — the loader below keeps the last one, a check needs to see both."""
    if text is None:
        text = resources.files("policydocs").joinpath("data/thesaurus.tsv").read_text(encoding="utf-8")
    entries: list[Entry] = []
    group = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if line.startswith("#"):
            group = line.lstrip("#").strip()
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise ValueError(f"thesaurus.tsv 第 {number} 行格式错误 (expected 'spoken<TAB>legal|legal'): {line!r}")
        legal = tuple(term.strip() for term in parts[1].split("|") if term.strip())
        entries.append(Entry(group, parts[0].strip(), legal))
    return entries


@lru_cache(maxsize=1)
def thesaurus() -> dict[str, tuple[str, ...]]:
    """spoken term → legal terms."""
    return {entry.spoken: entry.legal for entry in read_entries()}


def expansions(text: str) -> list[str]:
    """Legal terms for every spoken term contained in `text` that the text does not already say."""
    return [term for _, term in expansion_pairs(text)]


def age_terms(age: int) -> tuple[str, ...]:
    """What the laws call a worker of this age: under 16 a 童工 (未满十六周岁), 16 and 17 a
    未成年工 (未满十八周岁); an adult nothing."""
    if age < 16:
        return ("童工", "未满十六周岁")
    if age < 18:
        return ("未成年工", "未满十八周岁")
    return ()


def expansion_pairs(text: str) -> list[tuple[str, str]]:
    """(spoken term, legal term) for every expansion of `text`, each legal term once; an age in
    years (招了个十七岁的) counts as the spoken word for the laws' age bands."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    spoken_terms = [(spoken, legal) for spoken, legal in thesaurus().items() if spoken in text]
    for match in _AGE.finditer(text):
        number = match.group(1)
        spoken_terms.append((match.group(0), age_terms(int(number) if number.isdigit() else cn_to_int(number))))
    for spoken, legal in spoken_terms:
        for term in legal:
            if term not in text and term not in seen:
                seen.add(term)
                found.append((spoken, term))
    return found
