"""Automatic citation in drafts: `[[依据: 描述]]` markers become canonical citations and
explicit citations are verified — all through a `CitationService`, so drafting never
needs to know how the index works, and tests can use a double.

Only text that comes from the service is written into a document; anything the service
cannot resolve with confidence becomes 〔未核实：描述〕 (highlighted, reported).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from policydocs.cite.findings import Basis, CitedClause, Finding

MARKER = re.compile(r"\[\[\s*依据\s*(?P<penalty>[+＋]\s*处罚)?\s*[:：]\s*(?P<text>.+?)\s*\]\]")
UNVERIFIED = "〔未核实：{}〕"


class CitationService(Protocol):
    """What drafting needs from the citation engine."""

    def basis_for(self, description: str, *, with_penalty: bool) -> Basis: ...

    def check_text(self, text: str) -> list[Finding]: ...


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of paragraph text; `unverified` spans are highlighted in the document."""

    text: str
    unverified: bool = False


@dataclass(slots=True)
class Problem:
    """Something the drafter must review, reported on stderr (and fatal under --strict)."""

    where: str
    message: str


@dataclass(slots=True)
class Citer:
    """Resolves markers and verifies citations for one document, collecting what it cited
    (for the 法律依据 appendix) and what it could not verify."""

    service: CitationService | None
    cited: dict[str, CitedClause] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
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
        """A confident basis for `description`, or None (recorded as a problem)."""
        if self.service is None:
            self.markers_without_index += 1
            self.problems.append(Problem(where, f"未核实（无索引）：{description}"))
            return None
        basis = self.service.basis_for(description, with_penalty=with_penalty)
        if basis.duty is None or not basis.confident:
            self.problems.append(Problem(where, f"未核实（无可信匹配）：{description}"))
            return None
        self.cited.setdefault(basis.duty.citation, basis.duty)
        for penalty in basis.penalties:
            self.cited.setdefault(penalty.citation, penalty)
        if with_penalty and not basis.penalties:
            self.problems.append(Problem(where, f"未核实（未找到处罚条款）：{description}"))
        return basis

    def _resolve(self, description: str, with_penalty: bool, where: str) -> list[Span]:
        basis = self.basis(description, with_penalty=with_penalty, where=where)
        if basis is None:
            return [Span(UNVERIFIED.format(description), unverified=True)]
        assert basis.duty is not None  # basis() returns only confident bases with a duty
        if not with_penalty:
            return [Span(f"（{basis.duty.citation}）")]
        if not basis.penalties:
            return [Span(f"（{basis.duty.citation}）"),
                    Span(UNVERIFIED.format(f"处罚依据：{description}"), unverified=True)]
        penalties = "、".join(penalty.citation for penalty in basis.penalties)
        return [Span(f"（{basis.duty.citation}；处罚依据：{penalties}）")]

    def _verify(self, text: str, where: str) -> None:
        """Report explicit citations the engine finds wrong or cannot verify."""
        if self.service is None or "《" not in text:
            return
        for finding in self.service.check_text(text):
            if finding.status != "ok":
                detail = finding.message or finding.status
                hint = f"（建议：{finding.suggestion}）" if finding.suggestion else ""
                self.problems.append(Problem(where, f"引用“{finding.source}”{detail}{hint}"))
