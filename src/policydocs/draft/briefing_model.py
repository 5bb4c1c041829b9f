"""The material of a 宣讲 (training briefing), as the handout, the slides and the question bank
all read it: the laws used, the duty clauses with their linked penalties, the typical
violations quoted from policy documents, and the questions. Every text here was copied from
the index with its canonical citation; nothing is composed except labels."""

from __future__ import annotations

from dataclasses import dataclass, field

from policydocs.draft.sanctions import Sanction, sanctions, summary

#: written after a citation whose clause the search was not sure of (confidence `check`)
CHECK_MARK = "〔请核对〕"
#: written where a reviewer's listed clause could not be resolved
UNVERIFIED_MARK = "〔未核实〕"
#: a slide heading longer than this is replaced by party and article
HEADING_CHARS = 18


@dataclass(slots=True)
class LawUsed:
    """A document the material cites, with the version the clauses come from."""

    title: str
    category: str
    version_date: str
    status: str

    def as_json(self) -> dict:
        return {"title": self.title, "category": self.category, "version_date": self.version_date,
                "status": self.status}


@dataclass(slots=True)
class PenaltyText:
    """A penalty clause linked to a duty; `how` says how the link was found (model.LINK_KINDS)."""

    citation: str
    text: str
    how: str
    law: str

    @property
    def sanctions(self) -> list[Sanction]:
        return sanctions(self.text)

    @property
    def summary(self) -> str:
        """罚款：…；措施：… — verbatim pieces of the clause (draft/sanctions.py)."""
        return summary(self.text)

    def as_json(self) -> dict:
        return {"citation": self.citation, "text": self.text, "link": self.how, "summary": self.summary,
                "sanctions": [s.as_json() for s in self.sanctions]}


@dataclass(slots=True)
class DutyText:
    """A duty clause as the material quotes it: `text` is the clause (an item with its lead),
    `items` the items of a list clause (（一）…), `confidence` high/check (check: 〔请核对〕)."""

    citation: str
    law: str
    article: int
    text: str
    party: str
    confidence: str = "high"
    items: list[str] = field(default_factory=list)
    penalties: list[PenaltyText] = field(default_factory=list)
    note: str = ""

    @property
    def marked_citation(self) -> str:
        return self.citation + (CHECK_MARK if self.confidence == "check" else "")

    @property
    def heading(self) -> str:
        """A short slide heading: the clause's first phrase when short, else its party and
        article (主要负责人的义务（第三条）)."""
        first = self.text.split("\n")[0]
        for mark in ("：", "，", "。", "；"):
            first = first.split(mark)[0]
        if len(first) <= HEADING_CHARS and first.count("（") == first.count("）"):
            return first
        return f"{self.party}的义务（{self.citation.rsplit('》', 1)[-1]}）"

    def as_json(self) -> dict:
        return {"citation": self.citation, "law": self.law, "text": self.text, "party": self.party,
                "confidence": self.confidence, "items": self.items, "note": self.note,
                "penalties": [p.as_json() for p in self.penalties]}


@dataclass(slots=True)
class Violation:
    """A violation description of a policy document's row that cites one of the duties."""

    description: str
    source: str  # 《title》（文号）
    duty_citation: str

    def as_json(self) -> dict:
        return {"description": self.description, "source": self.source, "duty": self.duty_citation}


@dataclass(slots=True)
class Question:
    """One test question: 单选 / 多选 / 判断 / 填空, its answer and its legal basis."""

    kind: str
    stem: str
    options: list[str]
    answer: str
    citation: str
    clause_text: str

    def as_json(self) -> dict:
        return {"kind": self.kind, "stem": self.stem, "options": self.options, "answer": self.answer,
                "citation": self.citation, "clause_text": self.clause_text}


@dataclass(slots=True)
class Material:
    """Everything a handout, slide deck and question bank are made of."""

    theme: str
    title: str
    issuer: str = ""
    date: str = ""
    laws: list[LawUsed] = field(default_factory=list)
    duties: list[DutyText] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)

    @property
    def penalties(self) -> list[PenaltyText]:
        """Every linked penalty once, in the order the duties bring them."""
        seen: dict[str, PenaltyText] = {}
        for duty in self.duties:
            for penalty in duty.penalties:
                seen.setdefault(penalty.citation, penalty)
        return list(seen.values())

    def citations(self) -> list[str]:
        """Every citation the material writes, once, in order."""
        found = [duty.citation for duty in self.duties] + [p.citation for p in self.penalties]
        return list(dict.fromkeys(found))
