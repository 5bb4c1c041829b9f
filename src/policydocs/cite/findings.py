"""What the citation engine reports: one `Finding` per citation found in a text, and the
`Basis` (duty clause plus penalty clauses) that drafting inserts for a [[依据: …]] marker."""

from __future__ import annotations

from dataclasses import dataclass, field

# status → is it an error (exit code 1 in `check`)?
STATUS_SEVERITY = {
    "ok": "info",
    "unknown_law": "warning",  # 未核实: not an error of the citation, but not verified either
    "outdated": "error",
    "not_found": "error",
    "bad_part": "error",
    "malformed": "error",
    "mismatch": "error",
}


@dataclass(frozen=True, slots=True)
class PenaltyCitation:
    """A penalty linked to a cited duty: its canonical citation and how the link was found
    (a key of model.LINK_KINDS)."""

    citation: str
    link: str

    def as_json(self) -> dict:
        return {"citation": self.citation, "link": self.link}


@dataclass(slots=True)
class Finding:
    """One citation in a text with its verification result (the `check --json` record)."""

    source: str  # the exact text of the citation as written
    line: int
    column: int
    status: str
    citation: str | None = None  # canonical citation it resolved to
    law: str | None = None  # full official title
    article: int | None = None
    paragraph: int | None = None
    item: int | None = None
    message: str = ""
    suggestion: str | None = None
    clause_text: str | None = None
    category: str | None = None  # of the document cited (法律, 行政法规 …)
    penalties: list[PenaltyCitation] = field(default_factory=list)  # of a duty

    @property
    def is_error(self) -> bool:
        return STATUS_SEVERITY.get(self.status) == "error"

    def as_json(self) -> dict:
        return {key: getattr(self, key) for key in (
            "source", "line", "column", "status", "citation", "law", "article", "paragraph", "item",
            "message", "suggestion")}


@dataclass(slots=True)
class CitedClause:
    """A verified clause ready to be written into a document."""

    citation: str
    text: str
    law: str
    #: the document's category (法律, 行政法规 …: a checklist's level label)
    category: str = ""

    def as_json(self) -> dict:
        return {"citation": self.citation, "law": self.law, "text": self.text}


#: how sure the engine is of a citation: written plainly / written with 〔请核对〕 / 〔未核实〕
CONFIDENCE_LEVELS = ("high", "check", "none")


@dataclass(slots=True)
class Basis:
    """Answer to a [[依据: 描述]] marker: the duty clause and, on request, its penalties, with
    the engine's `confidence` in them (one of CONFIDENCE_LEVELS)."""

    description: str
    duty: CitedClause | None
    penalties: list[CitedClause] = field(default_factory=list)
    confidence: str = "none"

    @property
    def confident(self) -> bool:
        """Whether the basis may be written without a highlight."""
        return self.duty is not None and self.confidence == "high"

    def as_json(self) -> dict:
        return {"description": self.description, "confidence": self.confidence if self.duty else "none",
                "duty": self.duty.as_json() if self.duty else None,
                "penalties": [penalty.as_json() for penalty in self.penalties]}
