"""The 宣讲提纲 (.docx): title, then 一、法律依据 二、主要职责和义务 三、法律责任 四、典型违法情形
and, with questions, 五、测试题 六、答案与依据 — on the plan template, through the composer every
document kind uses (GB/T 9704 fonts, headings 一、（一）1., page numbers, signature and date).

A clause is one paragraph: its canonical citation, 规定：, then its text exactly as stored,
its items run in (a line starting （一） would read as a heading). Only the headings (their
styles carry an outline level, which is what the layout check R3 takes for a heading) are
kept with the next paragraph — and a choice question's stem with its first option; numbered
questions and answers are body text, so a run of them never drags a half page along.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from docx.document import Document as DocxDocument

from policydocs import gbt9704 as L
from policydocs.draft import templates
from policydocs.draft.briefing_model import DutyText, Material, PenaltyText, Question
from policydocs.draft.citations import Citer
from policydocs.draft.compose import Composer
from policydocs.draft.quiz import KINDS, LETTERS
from policydocs.text.dates import gbt_date, typed_date
from policydocs.text.headings import label

#: where the answer is written; no-break spaces keep the brackets on one line
ANSWER_BRACKETS = "（\u00a0\u00a0）"
SECTIONS = ("法律依据", "主要职责和义务", "法律责任", "典型违法情形", "测试题", "答案与依据")


def one_line(text: str) -> str:
    """A clause's lines as one paragraph (lead-in and items run in, as the law prints them)."""
    return "".join(line.strip() for line in text.split("\n") if line.strip())


def version_label(law_date: str, status: str) -> str:
    """（2021年6月10日版，现行有效）: the version the quoted texts are taken from."""
    parts = []
    day = typed_date(law_date) if law_date else None
    if day is not None:
        parts.append(f"{gbt_date(dt.date(*day))}版")
    elif law_date:
        parts.append(f"{law_date}版")
    if status:
        parts.append(status)
    return f"（{'，'.join(parts)}）" if parts else ""


class _Writer:
    def __init__(self, composer: Composer):
        self.composer = composer
        self.counts = [0, 0, 0, 0]

    def heading(self, level: int, text: str) -> None:
        self.counts[level - 1] += 1
        for deeper in range(level, 4):
            self.counts[deeper] = 0
        self.composer.paragraph(f"h{level}", label(level, self.counts[level - 1]) + text)

    def body(self, text: str, *, keep_next: bool = False) -> None:
        if keep_next:
            self.composer.paragraph("body", text, keep_next=True)
        else:
            self.composer.paragraph("body", text)


def _by_law(items: Sequence[DutyText] | Sequence[PenaltyText]) -> dict[str, list]:
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(item.law, []).append(item)
    return groups


def _by_kind(writer: _Writer, questions: Sequence[Question]) -> Iterator[tuple[str, list[Question]]]:
    """Each question kind that has questions, in KINDS order, after its heading is written."""
    for kind in KINDS:
        chosen = [q for q in questions if q.kind == kind]
        if chosen:
            writer.heading(2, f"{kind}题")
            yield kind, chosen


def _quiz(writer: _Writer, questions: Sequence[Question]) -> None:
    for kind, chosen in _by_kind(writer, questions):
        for number, question in enumerate(chosen, 1):
            stem = question.stem + (ANSWER_BRACKETS if kind == "判断" else "")
            writer.body(f"{number}. {stem}", keep_next=kind in ("单选", "多选"))
            if kind in ("单选", "多选"):
                for letter, option in zip(LETTERS, question.options, strict=False):
                    writer.body(f"{letter}. {option}")


def _answers(writer: _Writer, questions: Sequence[Question]) -> None:
    for _, chosen in _by_kind(writer, questions):
        for number, question in enumerate(chosen, 1):
            basis = f"{question.citation}规定：{one_line(question.clause_text)}"
            writer.body(f"{number}. 答案：{question.answer}。依据：{basis}")


def handout_document(material: Material, profile: L.FontProfile) -> DocxDocument:
    """The handout of `material` as a python-docx document (saved by the caller, atomically)."""
    document = templates.render("plan", {"title": material.title}, profile)
    templates.properties(document, title=material.title, author=material.issuer, date=None)
    composer = Composer(document, profile, Citer(None), "briefing")
    composer.title(material.title, paragraph=templates.find_role(document, "title"))
    composer.blank()
    writer = _Writer(composer)
    writer.heading(1, SECTIONS[0])
    for used in material.laws:
        writer.body(f"《{used.title}》{version_label(used.version_date, used.status)}")
    writer.heading(1, SECTIONS[1])
    for law, duties in _by_law(material.duties).items():
        writer.heading(2, f"《{law}》")
        for duty in duties:
            writer.body(f"{duty.marked_citation}规定：{one_line(duty.text)}")
            if duty.note:
                writer.body(f"说明：{duty.note}")
    writer.heading(1, SECTIONS[2])
    if material.penalties:
        for law, penalties in _by_law(material.penalties).items():
            writer.heading(2, f"《{law}》")
            for penalty in penalties:
                writer.body(f"{penalty.citation}规定：{one_line(penalty.text)}")
                if penalty.summary:
                    writer.body(f"处罚要点（摘自条文）：{penalty.summary}。")
    else:
        writer.body("索引中没有与上述条款相链接的罚则条款。")
    writer.heading(1, SECTIONS[3])
    if material.violations:
        for violation in material.violations:
            writer.body(f"“{violation.description}”（摘自{violation.source}，对应{violation.duty_citation}）。")
    else:
        writer.body("索引中的政策文件未列出与上述条款对应的违法行为描述。")
    if material.questions:
        writer.heading(1, SECTIONS[4])
        _quiz(writer, material.questions)
        writer.heading(1, SECTIONS[5])
        _answers(writer, material.questions)
    if material.unverified:
        writer.heading(1, "未核实的条款")
        for entry in material.unverified:
            writer.body(entry)
    composer.signature(material.issuer, material.date)
    composer.finish()
    return document
