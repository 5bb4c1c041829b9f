"""The document kinds policydocs drafts, in one registry that every face reads (`draft KIND`,
`new KIND`, the app layer), so a new kind is its module plus one line in `_MODULES`.

A kind module provides what `KindModule` lists: its name and Chinese label, the front-matter
fields it requires, the Markdown skeleton `new` writes, and `build`, which turns a parsed
source into a python-docx document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from docx.document import Document as DocxDocument

from policydocs import gbt9704
from policydocs.draft import interview, notice, plan
from policydocs.draft.citations import Citer
from policydocs.draft.frontmatter import Source
from policydocs.errors import DraftError

Builder = Callable[[Source, Citer, gbt9704.FontProfile], DocxDocument]


class KindModule(Protocol):
    """What a kind module defines at module level (read-only, so a module's tuple of three
    field names is a tuple[str, ...])."""

    @property
    def NAME(self) -> str: ...

    @property
    def LABEL(self) -> str: ...

    @property
    def REQUIRED(self) -> tuple[str, ...]: ...

    @property
    def SKELETON(self) -> str: ...

    def build(self, source: Source, citer: Citer, profile: gbt9704.FontProfile) -> DocxDocument: ...


@dataclass(frozen=True, slots=True)
class DocumentKind:
    name: str  # the command-line word: notice
    label: str  # what it is called in Chinese: 通知
    required: tuple[str, ...]  # front-matter fields that must be given
    skeleton: str  # the Markdown `policydocs new` writes
    build: Builder

    @classmethod
    def of(cls, module: KindModule) -> DocumentKind:
        return cls(module.NAME, module.LABEL, tuple(module.REQUIRED), module.SKELETON, module.build)


#: one line per kind, in the order help texts list them
_MODULES: tuple[KindModule, ...] = (
    notice,
    plan,
    interview,
)

KINDS: dict[str, DocumentKind] = {kind.name: kind for kind in map(DocumentKind.of, _MODULES)}


def kind_names() -> list[str]:
    """The registered kinds' names, in registry order."""
    return list(KINDS)


def get_kind(name: str) -> DocumentKind:
    """The kind called `name`; DraftError naming the choices otherwise."""
    try:
        return KINDS[name]
    except KeyError:
        raise DraftError(f"未知的公文种类：{name}（可选：{'、'.join(kind_names())}）") from None
