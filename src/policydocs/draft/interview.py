"""约谈记录 (interview record), after the 集中约谈警示述职 procedure of seed 000 附件2:
who met whom, why and on what legal basis, what was reported, the problems pointed out —
each with its 执法依据 and 处罚依据 looked up by the citation engine —, the rectification
required and by when, the statement of the interviewed party, and the signatures."""

from __future__ import annotations

from docx.document import Document as DocxDocument

from policydocs import gbt9704 as L
from policydocs.draft import outline, templates
from policydocs.draft.citations import UNVERIFIED, Citer, Span
from policydocs.draft.compose import Composer
from policydocs.draft.frontmatter import Source, format_date
from policydocs.draft.outline import Block, Heading, Paragraph
from policydocs.errors import DraftError

NAME, LABEL = "interview", "约谈记录"  # registered in draft/kinds.py
REQUIRED = ("time", "place", "interviewer", "host", "interviewee", "persons", "reason",
            "problems", "rectification", "report_deadline", "recorder")
REPORT_SECTION, STATEMENT_SECTION = "被约谈方汇报要点", "被约谈方表态"

SKELETON = f"""---
kind: interview
title: 安全生产约谈记录
time: 2024年7月15日9时30分
place: ××市应急管理局第一会议室
interviewer: ××市安全生产委员会冶金工贸专业委员会
host: 张××（专委会主任）
attendees: [××区应急管理局, ××街道安监办]
interviewee: ××金属制品有限公司
persons:
  - name: 李××
    position: 总经理（主要负责人）
  - name: 王××
    position: 安全生产管理人员
reason: 该公司2024年6月3日发生一起高处坠落事故，造成1人死亡。
basis: 依据《关于进一步加强全市安全生产专业委员会工作的通知》，对事故企业主要负责人进行约谈。
problems:
  - problem: 特种作业人员未经专门的安全作业培训并取得相应资格上岗作业
    lookup: 特种作业人员未经专门的安全作业培训取得相应资格上岗作业
  - 未如实记录安全生产教育和培训情况
rectification:
  - requirement: 立即停止无证人员上岗作业，组织特种作业人员培训取证
    deadline: 2024-08-15
  - requirement: 建立健全安全生产教育和培训档案
    deadline: 2024-08-31
report_deadline: 2024-09-05
recorder: 赵××
date: 2024-07-15
---

# {REPORT_SECTION}

企业主要负责人报告事故发生的原因、整改措施落实情况，并对安全生产工作述职。

# {STATEMENT_SECTION}

企业主要负责人表示，将深刻吸取事故教训，按期完成整改，并书面报告整改情况。
"""


def _persons(value: object) -> str:
    """李××（总经理），王××（安全生产管理人员）."""
    if not isinstance(value, list):
        return str(value)
    names = []
    for person in value:
        if isinstance(person, dict):
            if not person.get("name"):
                raise DraftError("字段 persons 的每一项都要有 name（和 position 职务）")
            position = person.get("position")
            names.append(f"{person['name']}（{position}）" if position else str(person["name"]))
        else:
            names.append(str(person))
    return "，".join(names)


def _items(value: object, field: str, key: str) -> list[dict]:
    """A list field whose items are strings or mappings with `key`."""
    if not isinstance(value, list):
        raise DraftError(f"字段 {field} 应为列表")
    items = []
    for index, item in enumerate(value, 1):
        item = {key: item} if isinstance(item, str) else dict(item)
        if not item.get(key):
            raise DraftError(f"字段 {field} 第{index}项缺少 {key}")
        items.append(item)
    return items


def _text(value: object) -> str:
    return "，".join(map(str, value)) if isinstance(value, list) else str(value or "")


def build(source: Source, citer: Citer, profile: L.FontProfile) -> DocxDocument:
    meta, extra = source.meta, source.meta.extra
    title = meta.title or "安全生产约谈记录"
    document = templates.render("interview", {"title": title}, profile)
    composer = Composer(document, profile, citer, source.path.name)
    templates.properties(document, title=title, author=_text(extra['interviewer']), date=meta.date or None)
    composer.title(title, paragraph=templates.find_role(document, "title"))
    composer.table([["约谈时间", _text(extra["time"])],
                    ["约谈地点", _text(extra["place"])],
                    ["约谈方", _text(extra["interviewer"])],
                    ["主持人", _text(extra["host"])],
                    ["参加单位", _text(extra.get("attendees")) or "无"],
                    ["被约谈单位", _text(extra["interviewee"])],
                    ["被约谈人员及职务", _persons(extra["persons"])],
                    ["记录人", _text(extra["recorder"])]], header=False, shares=[3, 7])
    sections = outline.parse(source.body, first_line=source.body_line).sections()
    number = 0

    def section(text: str) -> None:
        nonlocal number
        number += 1
        composer.heading(Heading(1, text, outline.label(1, number), 0))

    section("约谈事由及依据")
    composer.cited("body", f"{_text(extra['reason'])}{_text(extra.get('basis'))}", 0)
    section(REPORT_SECTION)
    composer.blocks(_required_section(sections, REPORT_SECTION))
    section("指出的问题")
    for index, item in enumerate(_items(extra["problems"], "problems", "problem"), 1):
        composer.heading(Heading(2, item["problem"], outline.label(2, index), 0))
        _basis_lines(composer, citer, str(item.get("lookup") or item["problem"]))
    section("整改要求及时限")
    for index, item in enumerate(_items(extra["rectification"], "rectification", "requirement"), 1):
        deadline = item.get("deadline")
        limit = f"（整改时限：{format_date(deadline, 'rectification.deadline')}前）" if deadline else ""
        composer.heading(Heading(2, f"{item['requirement']}{limit}", outline.label(2, index), 0), item=True)
    section(STATEMENT_SECTION)
    composer.blocks(_required_section(sections, STATEMENT_SECTION))
    section("书面报告要求")
    composer.paragraph("body", f"被约谈单位应于{format_date(extra['report_deadline'], 'report_deadline')}"
                               f"前将整改落实情况书面报告{_text(extra['interviewer'])}。")
    # the signature lines stay together and with the text above them: never alone on a page
    composer.keep_short_last()
    composer.blank()
    composer.keep_last()
    lines = ["约谈方（签字）：", "被约谈方（签字）：", "记录人（签字）："]
    if meta.date:
        lines.append(f"记录日期：{meta.date}")
    for number, line in enumerate(lines):
        composer.paragraph("body", line)
        if number < len(lines) - 1:
            composer.keep_last()
    if meta.basis_appendix:
        composer.basis_appendix()
    composer.finish()
    return document


def _required_section(sections: dict[str, list[Block]], name: str) -> list[Block]:
    if name not in sections:
        raise DraftError(f"正文缺少“# {name}”一节")
    return [block for block in sections[name] if not isinstance(block, Heading)] or \
        [Paragraph("（无）", 0)]


def _basis_lines(composer: Composer, citer: Citer, description: str) -> None:
    """执法依据 and 处罚依据 of one problem, with the clause text exactly as the index has it."""
    basis = citer.basis(description, with_penalty=True, where=f"{composer.source_name}:problems")
    if basis is None or basis.duty is None:
        composer.paragraph("body", [Span("执法依据、处罚依据："),
                                    Span(UNVERIFIED.format(description), unverified=True)])
        return
    composer.paragraph("body", [Span(f"执法依据：{basis.duty.citation}：{basis.duty.text}"), *citer.marks(basis)])
    if basis.penalties:
        for penalty in basis.penalties:
            composer.paragraph("body", f"处罚依据：{penalty.citation}：{penalty.text}")
    else:
        composer.paragraph("body", [Span("处罚依据："), Span(UNVERIFIED.format(f"处罚依据：{description}"),
                                                         unverified=True)])
