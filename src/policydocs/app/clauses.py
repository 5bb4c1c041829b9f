"""One clause as a reader wants it (the web app's 条文 page): the clause with its penalties
(`Workspace.show`), the whole article it belongs to, and the law's other versions with the
article that corresponds to it in each — from the correspondence stored at index time, else
computed by the same code the build uses (`kb/versions.correspond`), as `diff` does."""

from __future__ import annotations

from dataclasses import dataclass, field

from policydocs.app.results import ShowResult
from policydocs.app.workspace import Workspace, reads_index
from policydocs.kb.lawnames import LawResolver
from policydocs.kb.versions import KIND_LABELS, article_texts, correspond, version_label
from policydocs.model import Clause, ClauseRef, Document


@dataclass(slots=True)
class VersionEntry:
    """Another version of the clause's law, and its article matching the shown one."""

    document: Document
    label: str  # 2014年修正
    article: int | None  # None: no counterpart (新增 / 删除) or not known
    relation: str  # 修改, 未修改, 条序调整 … or "" when not known
    shown: bool = False  # the version on the page

    @property
    def citation(self) -> str | None:
        return self.document.cite(ClauseRef(self.article)) if self.article is not None else None

    def as_json(self) -> dict:
        return {"version": self.document.version_date, "label": self.label, "status": self.document.status,
                "article": self.article, "relation": self.relation, "citation": self.citation,
                "shown": self.shown}


@dataclass(slots=True)
class ClausePage:
    shown: ShowResult
    article: list[Clause] = field(default_factory=list)  # the article's 条/款/项 in order
    versions: list[VersionEntry] = field(default_factory=list)

    def as_json(self) -> dict:
        return self.shown.as_json() | {"article_text": [c.text for c in self.article],
                                       "versions": [v.as_json() for v in self.versions]}


def _counterpart(workspace: Workspace, shown: Document, other: Document, article: int) -> tuple[int | None, str]:
    store = workspace.store
    old, new = (other, shown) if other.version_date < shown.version_date else (shown, other)
    pairs = store.correspondence(old.doc_id, new.doc_id)
    if not pairs:
        pairs = correspond(article_texts(store.full_document(old.doc_id)),
                           article_texts(store.full_document(new.doc_id)))
    for pair in pairs:
        mine, theirs = (pair.new_article, pair.old_article) if shown is new else (pair.old_article, pair.new_article)
        if mine == article:
            return theirs, KIND_LABELS.get(pair.kind, pair.kind)
    return None, ""


@reads_index
def _page(workspace: Workspace, shown: ShowResult) -> ClausePage:
    document, ref = shown.document, shown.clause.ref
    article = workspace.store.article_clauses(document.doc_id, ref.article) if ref.article is not None else []
    resolved = LawResolver(workspace.store).resolve(document.title)
    entries = []
    for other in sorted(resolved.versions if resolved else [], key=lambda d: d.version_date, reverse=True):
        if other.doc_id == document.doc_id:
            entries.append(VersionEntry(other, version_label(other), ref.article, "", shown=True))
        elif ref.article is not None and other.version_date and document.version_date:
            number, relation = _counterpart(workspace, document, other, ref.article)
            entries.append(VersionEntry(other, version_label(other), number, relation))
    return ClausePage(shown, article, entries if len(entries) > 1 else [])


def clause_page(workspace: Workspace, law: str, article: int | str | None = None, *,
                paragraph: int | str | None = None, item: int | str | None = None,
                version: str | None = None) -> ClausePage:
    """The clause `law`/`article` (or the citation `law`) names, with its article and versions."""
    shown = workspace.show(law, article, paragraph=paragraph, item=item, version=version)
    return _page(workspace, shown)
