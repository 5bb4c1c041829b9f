"""What each user action returns: plain dataclasses a face renders as it likes, each with
`as_json()` — the JSON the command line prints with `--json` (its shapes are a contract:
tests and scripts read them), which a web face can send as it is.

Also here, because every face needs them the same: the Chinese labels of citation statuses,
the counts of a check, and which parts of a clause text match the query words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from policydocs.cite.findings import Finding
from policydocs.draft.citations import Marker, Problem
from policydocs.model import Clause, Document
from policydocs.search.library import Hit, LinkedPenalty, clause_json

if TYPE_CHECKING:
    from policydocs.check.format_rules import FormatResult

#: what a citation status is called (the `check` and `cite` reports)
STATUS_LABELS: dict[str, str] = {
    "ok": "正确",
    "unknown_law": "未核实",
    "outdated": "版本过时",
    "not_found": "条款不存在",
    "bad_part": "款项有误",
    "malformed": "写法有误",
    "mismatch": "引文不符",
}

#: the message of an ok finding whose quoted words were compared with the clause (cite/verify)
QUOTE_CHECKED = "引用正确"


def status_label(finding: Finding) -> str:
    """What a finding's tag says: “正确” only where the quoted words were compared with the
    clause; an address that exists, nothing more checked, is “条文存在”."""
    if finding.status == "ok" and not finding.message.startswith(QUOTE_CHECKED):
        return "条文存在"
    return STATUS_LABELS.get(finding.status, finding.status)


#: how sure the ranking is of a hit (search/confidence.py), as every face says it
CONFIDENCE_LABELS: dict[str, str] = {"high": "置信度高", "check": "请核对", "none": "未核实"}


@dataclass(slots=True)
class IndexResult:
    """A finished build (`policydocs index`)."""

    index_dir: Path
    documents: int
    clauses: int
    links: int
    reused: int  # source files taken from the parse cache
    parsed: int  # source files read anew
    seconds: float
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    #: laws / regulations / policy documents the index holds (`holdings`)
    held: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"documents": self.documents, "clauses": self.clauses, "links": self.links, **self.held,
                "reused": self.reused, "parsed": self.parsed, "seconds": round(self.seconds, 1),
                "skipped": [{"path": path, "message": message} for path, message in self.skipped]}


@dataclass(slots=True)
class SearchResult:
    """The ranked clauses for one query; `terms` are the query's words (for highlighting)."""

    query: str
    hits: list[Hit]
    terms: set[str] = field(default_factory=set)

    def as_json(self) -> list[dict]:
        return [hit.as_json() for hit in self.hits]

    def segments(self, text: str) -> list[tuple[str, bool]]:
        """`text` cut into (piece, is a query word) — see `marked_segments`."""
        return marked_segments(text, self.terms)


def marked_segments(text: str, terms: set[str]) -> list[tuple[str, bool]]:
    """`text` as consecutive (piece, matched) pairs, matched where a term of two or more
    characters occurs; longer terms are marked first, so 主要负责人 wins over 负责人."""
    marks = [False] * len(text)
    for term in sorted(terms, key=len, reverse=True):
        if len(term) < 2:
            continue
        start = text.find(term)
        while start >= 0:
            for i in range(start, start + len(term)):
                marks[i] = True
            start = text.find(term, start + len(term))
    pieces: list[tuple[str, bool]] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and marks[j] == marks[i]:
            j += 1
        pieces.append((text[i:j], marks[i]))
        i = j
    return pieces


@dataclass(slots=True)
class ShowResult:
    """One clause looked up by its address (`policydocs show`), with its linked penalties."""

    clause_id: int
    clause: Clause
    document: Document
    penalties: list[LinkedPenalty] = field(default_factory=list)

    @property
    def citation(self) -> str:
        return self.document.cite(self.clause.ref)

    def as_json(self) -> dict:
        data = clause_json(self.clause, self.document)
        data["penalties"] = [penalty.as_json() for penalty in self.penalties]
        return data


@dataclass(slots=True)
class CiteResult:
    """Every citation found in a text, verified (`policydocs cite`)."""

    findings: list[Finding]

    @property
    def failed(self) -> bool:
        """Any wrong citation (exit code 1, as for `check`)."""
        return any(finding.is_error for finding in self.findings)

    def as_json(self) -> dict:
        return {"citations": [finding.as_json() | {"clause_text": finding.clause_text,
                                                   "penalties": [p.as_json() for p in finding.penalties]}
                              for finding in self.findings]}


@dataclass(slots=True)
class CheckCounts:
    total: int
    ok: int  # the address exists (quoted words, where there are any, match)
    errors: int
    unverified: int
    quotes_checked: int = 0  # of `ok`: quoted words compared with the clause and found in it


@dataclass(slots=True)
class CheckResult:
    """A file's citations and, for a .docx, its GB/T 9704 format (`policydocs check`).
    `formats` is None when the file has no format to check (.txt, .md)."""

    path: Path
    findings: list[Finding]
    formats: list[FormatResult] | None = None

    @property
    def by_paragraph(self) -> bool:
        """Lines of a .docx are its paragraphs (段), of a text file its lines (行)."""
        return self.path.suffix.lower() == ".docx"

    @property
    def format_problems(self) -> list[FormatResult]:
        return [result for result in self.formats or [] if not result.ok]

    @property
    def failed(self) -> bool:
        """Any wrong citation or failed format rule (exit code 1)."""
        return bool(self.format_problems) or any(finding.is_error for finding in self.findings)

    def counts(self) -> CheckCounts:
        errors = sum(finding.is_error for finding in self.findings)
        unverified = sum(finding.status == "unknown_law" for finding in self.findings)
        total = len(self.findings)
        quoted = sum(f.status == "ok" and f.message.startswith(QUOTE_CHECKED) for f in self.findings)
        return CheckCounts(total, total - errors - unverified, errors, unverified, quoted)

    def as_json(self) -> dict:
        data: dict = {"citations": [finding.as_json() for finding in self.findings]}
        if self.formats is not None:
            data["format"] = [{"rule": r.rule, "ok": r.ok, "message": r.message} for r in self.formats]
        return data


@dataclass(slots=True)
class DraftResult:
    """A written document (`policydocs draft`). `problems` are what the drafter must review
    (each 〔未核实〕 mark, each wrong citation); `warnings` are about the index."""

    kind: str
    output: Path
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: [[依据]] markers left unverified because there was no index at all
    markers_without_index: int = 0
    #: every [[依据]] marker as resolved, with its confidence (high | check | none)
    markers: list[Marker] = field(default_factory=list)
    #: `draft --render`: the layout rules (R1–R7) on the written document's pages (None
    #: without --render), and what was changed after the first layout ("第2页…：已加…")
    layout: list[FormatResult] | None = None
    layout_fixes: list[str] = field(default_factory=list)

    @property
    def layout_problems(self) -> list[FormatResult]:
        return [result for result in self.layout or [] if not result.ok]

    def as_json(self) -> dict:
        data = {"kind": self.kind, "output": str(self.output),
                "problems": [{"where": p.where, "message": p.message, "label": p.label} for p in self.problems],
                "warnings": list(self.warnings), "markers_without_index": self.markers_without_index,
                "markers": [marker.as_json() for marker in self.markers]}
        if self.layout is not None:
            data["layout"] = [{"rule": r.rule, "ok": r.ok, "message": r.message} for r in self.layout]
            data["layout_fixes"] = list(self.layout_fixes)
        return data


@dataclass(slots=True)
class NewResult:
    """A written Markdown skeleton (`policydocs new`)."""

    kind: str
    output: Path

    def as_json(self) -> dict:
        return {"kind": self.kind, "output": str(self.output)}


#: what a user runs when the index holds no law (README: "Getting laws")
NO_LAW_FIX = ("pip install \"policydocs[laws]\" 后运行 policydocs index（全国法律法规），"
              "或 policydocs add 法规文件.docx（国家法律法规数据库下载）")
NO_LAW_NOTICE = f"注意：索引中没有任何法律法规，只有政策文件，检索与核对找不到法律条文。请运行：{NO_LAW_FIX}"


def holdings(level_counts: dict[int, int]) -> dict[str, int]:
    """Laws (法律 and above), regulations (行政法规 … 地方政府规章, 司法解释) and policy documents,
    from the store's documents per authority level."""
    from policydocs.model import AUTHORITY

    counts = {"laws": 0, "regulations": 0, "policy": 0}
    for level, n in level_counts.items():
        key = ("laws" if level <= AUTHORITY["法律"] else
               "regulations" if level < AUTHORITY["规范性文件"] else "policy")
        counts[key] += n
    return counts
