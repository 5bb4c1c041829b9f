"""The user's own law files and versions: `add` files to an index, list the `laws` it holds.
Functions on a `Workspace`, so the command line and the web app run the same code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from policydocs.app.workspace import Progress, Workspace
from policydocs.model import AUTHORITY, Document


@dataclass(slots=True)
class AddedFile:
    path: str
    title: str = ""
    version: str = ""
    status: str = ""
    category: str = ""
    region: str = ""
    articles: int = 0
    replaced: bool = False
    error: str = ""

    def as_json(self) -> dict:
        return {"path": self.path, "title": self.title, "version": self.version, "status": self.status,
                "category": self.category, "region": self.region, "articles": self.articles,
                "replaced": self.replaced, "error": self.error}


@dataclass(slots=True)
class AddResult:
    index_dir: Path
    files: list[AddedFile] = field(default_factory=list)
    links: int = 0
    correspondences: int = 0
    seconds: float = 0.0

    def as_json(self) -> dict:
        return {"files": [f.as_json() for f in self.files], "links": self.links,
                "correspondences": self.correspondences, "seconds": round(self.seconds, 1)}


@dataclass(slots=True)
class LawEntry:
    document: Document
    articles: int

    def as_json(self) -> dict:
        d = self.document
        return {"title": d.title, "version": d.version_date, "status": d.status, "category": d.category,
                "region": d.region, "articles": self.articles, "source": d.source, "doc_id": d.doc_id}


@dataclass(slots=True)
class LawsResult:
    laws: list[LawEntry]

    def as_json(self) -> list[dict]:
        return [entry.as_json() for entry in self.laws]


def add_files(workspace: Workspace, sources: Sequence[Path], *, title: str = "", date: str = "",
              category: str = "", progress: Progress | None = None) -> AddResult:
    """Add files/folders to the workspace's index (a new generation; see kb/add.py);
    `progress(stage, done, total)` hears each stage, as for `Workspace.index`."""
    from policydocs.kb.add import Overrides, add_to_index  # the writer is start-up time others need not pay

    workspace.close()
    report = add_to_index(list(sources), workspace.index_dir, overrides=Overrides(title, date, category),
                          progress=progress)
    files = []
    for entry in report.files:
        d = entry.document
        files.append(AddedFile(entry.path, error=entry.error) if d is None else
                     AddedFile(entry.path, d.title, d.version_date, d.status, d.category, d.region,
                               entry.articles, entry.replaced))
    return AddResult(workspace.index_dir, files, report.links, report.correspondences, report.seconds)


def list_laws(workspace: Workspace, *, laws_only: bool = False, contains: str = "") -> LawsResult:
    """What the index holds, laws first (by authority), then title and version; with
    `contains`, only the documents whose title holds it (安全生产)."""
    contains = contains.strip()
    entries = [LawEntry(d, n) for d, n in workspace.store.overview()
               if (not laws_only or is_law(d)) and contains in d.title]
    entries.sort(key=lambda e: (e.document.level, e.document.title, e.document.version_date))
    return LawsResult(entries)


def is_law(document: Document) -> bool:
    """A law or regulation (法律 … 地方政府规章, 司法解释), not a policy or work document."""
    return document.level < AUTHORITY["规范性文件"]

