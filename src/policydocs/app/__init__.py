"""The use-case layer every face calls: `Workspace(index_dir)` with one method per action on
an index (index, search, show, cite, check_file, draft), `new` for a skeleton, and the result
types they return (each with `as_json()`). See workspace.py."""

from policydocs.app.results import (
    STATUS_LABELS,
    CheckCounts,
    CheckResult,
    CiteResult,
    DraftResult,
    IndexResult,
    NewResult,
    SearchResult,
    ShowResult,
    marked_segments,
)
from policydocs.app.workspace import DEFAULT_INDEX, Workspace, default_sources, new
from policydocs.draft.kinds import KINDS, DocumentKind, kind_names

__all__ = [
    "DEFAULT_INDEX",
    "KINDS",
    "STATUS_LABELS",
    "CheckCounts",
    "CheckResult",
    "CiteResult",
    "DocumentKind",
    "DraftResult",
    "IndexResult",
    "NewResult",
    "SearchResult",
    "ShowResult",
    "Workspace",
    "default_sources",
    "kind_names",
    "marked_segments",
    "new",
]
