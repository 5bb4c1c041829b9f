"""Resolve a law name as written (《安全生产法》, 新《安全生产法》, 安法, 《…》（2021年修正）) to the
documents of a `ClauseStore`.

Resolution is by exact name only — the written name, 中华人民共和国 + name, a listed
abbreviation — never by substring: 《矿山安全法实施条例》 is another law than 《矿山安全法》,
and a name that is not in the store is unknown (未核实), not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from policydocs.kb.store import ClauseStore
from policydocs.model import STATUS_CURRENT, Document

_PRC = "中华人民共和国"
_VERSION = re.compile(r"[（(]([^（）()]*(?:19|20)\d{2}[^（）()]*)[）)]$")
_YEAR = re.compile(r"(?:19|20)\d{2}")


@cache
def load_aliases() -> dict[str, str]:
    """alias → full title, from data/law_aliases.txt (comments start with #)."""
    text = resources.files("policydocs").joinpath("data/law_aliases.txt").read_text(encoding="utf-8")
    aliases: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        alias, title = line.split("\t")
        aliases[alias.strip()] = title.strip()
    return aliases


def normalize_name(name: str) -> tuple[str, str]:
    """(bare name, version as written): strip 《》, spaces, a leading 新 and a trailing version
    parenthesis. 新《安全生产法》 → ('安全生产法', '新'); 《…标准（2017版）》 → ('…标准', '2017版')."""
    name = re.sub(r"\s+", "", name)
    version = ""
    if name.startswith("新《"):  # not 新疆…: only 新 written outside the 书名号
        name, version = name[1:], "新"
    name = name.replace("《", "").replace("》", "")
    match = _VERSION.search(name)
    if match:
        name, version = name[:match.start()], match.group(1)
    return name, version


def version_year(version: str) -> int | None:
    """2021 for '2021年修正' / '2017版'; None for '' or '新'."""
    match = _YEAR.search(version)
    return int(match.group(0)) if match else None


@dataclass(slots=True)
class ResolvedLaw:
    """All versions of one law in the store, newest first, and the one a citation means."""

    versions: list[Document]

    @property
    def current(self) -> Document | None:
        """The version in force, or None when every version is amended or repealed."""
        return next((d for d in self.versions if d.status == STATUS_CURRENT), None)

    @property
    def newest(self) -> Document:
        return self.versions[0]

    def version_of_year(self, year: int) -> Document | None:
        return next((d for d in self.versions if d.version_date.startswith(str(year))), None)


class LawResolver:
    """Name → `ResolvedLaw` against one store; the results are cached per name."""

    def __init__(self, store: ClauseStore, aliases: dict[str, str] | None = None):
        self._store = store
        self._aliases = load_aliases() if aliases is None else aliases
        self._cache: dict[str, ResolvedLaw | None] = {}

    def resolve(self, written: str) -> ResolvedLaw | None:
        """The law called `written`, or None when the store does not hold it."""
        name, _ = normalize_name(written)
        if name not in self._cache:
            self._cache[name] = self._lookup(name)
        return self._cache[name]

    def _lookup(self, name: str) -> ResolvedLaw | None:
        candidates = [name]
        if not name.startswith(_PRC):
            candidates.append(_PRC + name)
        if name in self._aliases:
            candidates.append(self._aliases[name])
        for candidate in candidates:
            documents = self._store.documents_named(candidate)
            if documents:  # versions of one title only, should an alias be shared
                return ResolvedLaw([d for d in documents if d.title == documents[0].title])
        return None
