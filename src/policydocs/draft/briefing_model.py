"""The material of a 宣讲 (training briefing), as the handout, the slides and the question bank
all read it: the laws used, the duty clauses with their linked penalties, the typical
violations quoted from policy documents, and the questions. Every text here was copied from
the index with its canonical citation; nothing is composed except labels."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policydocs.draft.sanctions import Sanction, sanctions, summary

#: written after a citation whose clause the search was not sure of (confidence `check`)
CHECK_MARK = "〔请核对〕"
#: written where a reviewer's listed clause could not be resolved
UNVERIFIED_MARK = "〔未核实〕"
#: a slide heading holds at most this many characters (one line of 32 pt on 16:9)
HEADING_CHARS = 24
#: what makes a sentence part say what is owed
_OWED = re.compile(r"应当|必须|不得|负有|有权|负责(?!人)|禁止|严禁")
_LISTED_DUTIES = re.compile(r"负有下列([^：:，。]{1,6})[：:]?$")


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
        """A short slide heading from the clause's own words: its first sentence part that says
        what is owed (应当/必须/不得/负有 …), with the parts before it while they fit
        (单位负责人接到事故报告后，应当迅速采取有效措施); else the law and article."""
        first = re.split(r"[。；]", self.text.split("\n")[0])[0].rstrip("：:")
        parts = [part for part in re.split(r"(?<=，)", first) if part]
        for index, part in enumerate(parts):
            if _OWED.search(part) and len(part.rstrip("，")) > HEADING_CHARS:
                break  # the first part saying what is owed is too long: the law and article
            if _OWED.search(part):
                heading = part.rstrip("，")
                for before in reversed(parts[:index]):
                    if len(before) + len(heading) > HEADING_CHARS:
                        break
                    heading = before + heading
                if heading.count("（") == heading.count("）"):
                    return heading
                break
        label = self.citation.rsplit("》", 1)[-1]
        listed = _LISTED_DUTIES.search(first)
        if listed:  # 主要负责人对本单位安全生产工作负有下列职责： → 主要负责人的职责（第二十一条）
            return f"{self.party}的{listed.group(1)}（{label}）"
        short = self.law.removeprefix("中华人民共和国") + label
        return short if len(short) <= HEADING_CHARS else label

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
