"""Automatic citation in drafts: `[[依据: 描述]]` markers become canonical citations and
explicit citations are verified — all through a `CitationService`, so drafting never
needs to know how the index works, and tests can use a double.

Only text that comes from the service is written into a document, as sure as the service
is of it: a ``high`` citation plainly; a ``check`` citation followed by a highlighted
〔请核对〕 and listed for review; anything it cannot resolve (``none``) becomes a highlighted
〔未核实：描述〕, also listed. The drafted document's own context (front matter `scope:`, its
title and issuer) goes with every question, so a sector's rules are preferred only in a
document about that sector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from policydocs.cite.findings import Basis, CitedClause, Finding
from policydocs.draft.frontmatter import Meta

MARKER = re.compile(r"\[\[\s*依据\s*(?P<penalty>[+＋]\s*处罚)?\s*[:：]\s*(?P<text>.+?)\s*\]\]")
UNVERIFIED = "〔未核实：{}〕"
CHECK = "〔请核对〕"


class CitationService(Protocol):
    """What drafting needs from the citation engine. `context` is what the drafted document
    is about (see `document_context`)."""

    def basis_for(self, description: str, *, with_penalty: bool, context: str = "") -> Basis: ...

    def check_text(self, text: str) -> list[Finding]: ...


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of paragraph text; `unverified` spans are highlighted in the document."""

    text: str
    unverified: bool = False


@dataclass(slots=True)
class Problem:
    """Something the drafter must review, reported on stderr (and fatal under --strict):
    `level` ``unverified`` (not cited, or a wrong citation) or ``check`` (cited, to be checked)."""

    where: str
    message: str
    level: str = "unverified"

    @property
    def label(self) -> str:
        return "请核对" if self.level == "check" else "未核实"


@dataclass(slots=True)
class Marker:
    """One [[依据]] marker as resolved (the JSON of a draft's markers)."""

    where: str
    with_penalty: bool
    basis: Basis

    def as_json(self) -> dict:
        return {"where": self.where, "with_penalty": self.with_penalty, **self.basis.as_json()}


def document_context(meta: Meta) -> str:
    """What a drafted document is about, for the search's scope rule: its front matter
    `scope:` if given (a word or a list), then its title and issuer."""
    scope = meta.extra.get("scope")
    scope_text = "，".join(str(s) for s in scope) if isinstance(scope, list) else str(scope or "")
    return " ".join(part.strip() for part in (scope_text, meta.title, meta.issuer) if part and part.strip())


@dataclass(slots=True)
class Citer:
    """Resolves markers and verifies citations for one document, collecting what it cited
    (for the 法律依据 appendix) and what it could not verify."""

    service: CitationService | None
    #: what the drafted document is about (`document_context`), sent with every question
    context: str = ""
    cited: dict[str, CitedClause] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    markers_without_index: int = 0

    def spans(self, text: str, where: str) -> list[Span]:
        """Split `text` into spans, replacing every marker by its citation or 〔未核实〕."""
        self._verify(MARKER.sub("", text), where)
        spans: list[Span] = []
        position = 0
        for match in MARKER.finditer(text):
            if match.start() > position:
                spans.append(Span(text[position:match.start()]))
            spans.extend(self._resolve(match.group("text"), bool(match.group("penalty")), where))
            position = match.end()
        if position < len(text):
            spans.append(Span(text[position:]))
        return spans

    def basis(self, description: str, *, with_penalty: bool, where: str) -> Basis | None:
        """A basis that may be written (confidence ``high`` or ``check``), or None; every
        basis short of ``high`` is recorded as a problem."""
        if self.service is None:
            self.markers_without_index += 1
            self.problems.append(Problem(where, f"未核实（无索引）：{description}"))
            return None
        basis = self.service.basis_for(description, with_penalty=with_penalty, context=self.context)
        self.markers.append(Marker(where, with_penalty, basis))
        if basis.duty is None or basis.confidence not in ("high", "check"):
            self.problems.append(Problem(where, f"未核实（无可信匹配）：{description}"))
            return None
        if basis.confidence == "check":
            cited = "；".join([basis.duty.citation, *(p.citation for p in basis.penalties)])
            self.problems.append(Problem(where, f"请核对（匹配不确定）：{description} → {cited}", level="check"))
        self.cited.setdefault(basis.duty.citation, basis.duty)
        for penalty in basis.penalties:
            self.cited.setdefault(penalty.citation, penalty)
        if with_penalty and not basis.penalties:
            self.problems.append(Problem(where, f"未核实（未找到处罚条款）：{description}"))
        return basis

    @staticmethod
    def marks(basis: Basis) -> list[Span]:
        """What follows a written basis: a highlighted 〔请核对〕 unless it is ``high``."""
        return [] if basis.confidence == "high" else [Span(CHECK, unverified=True)]

    def _resolve(self, description: str, with_penalty: bool, where: str) -> list[Span]:
        basis = self.basis(description, with_penalty=with_penalty, where=where)
        if basis is None:
            return [Span(UNVERIFIED.format(description), unverified=True)]
        assert basis.duty is not None  # basis() returns only bases with a duty
        if not with_penalty:
            return [Span(f"（{basis.duty.citation}）"), *self.marks(basis)]
        if not basis.penalties:
            return [Span(f"（{basis.duty.citation}）"), *self.marks(basis),
                    Span(UNVERIFIED.format(f"处罚依据：{description}"), unverified=True)]
        penalties = "、".join(penalty.citation for penalty in basis.penalties)
        return [Span(f"（{basis.duty.citation}；处罚依据：{penalties}）"), *self.marks(basis)]

    def _verify(self, text: str, where: str) -> None:
        """Report explicit citations the engine finds wrong or cannot verify."""
        if self.service is None or "《" not in text:
            return
        for finding in self.service.check_text(text):
            if finding.status != "ok":
                detail = finding.message or finding.status
                hint = f"（建议：{finding.suggestion}）" if finding.suggestion else ""
                self.problems.append(Problem(where, f"引用“{finding.source}”{detail}{hint}"))
