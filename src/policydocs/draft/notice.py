"""红头文件 (notice): 版头 H1–H7, 主体 B1–B9, 版记 V1–V3 — the 印发通知 of seeds 000/002."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement

from policydocs import gbt9704 as L
from policydocs.draft import outline, styles, templates
from policydocs.draft.citations import Citer, Problem
from policydocs.draft.compose import Composer
from policydocs.draft.frontmatter import Meta, Source, read_source

NAME, LABEL = "notice", "通知"  # registered in draft/kinds.py
REQUIRED = ("issuer", "number", "title", "to", "date", "signature")

SKELETON = """---
kind: notice
issuer: ××市安全生产委员会
# mark: ××市安全生产委员会文件     # 发文机关标志, default: issuer + mark_suffix
# mark_suffix: 文件                # default 文件; empty for an 办公室 or a 函
number: ×安〔2024〕1号
title: 关于印发《××专项行动实施方案》的通知
to: 各县级市（区）安委会，市各安全生产专业委员会
date: 2024-01-20
signature: ××市安全生产委员会
note: 此件公开发布
attachments:
  - title: ××专项行动实施方案
    file: plan.md            # another Markdown file, rendered as the attachment pages
cc: [市安委会各成员单位]
printer: ××市安全生产委员会办公室
print_date: 2024-01-20
# copy_no: 000001 / secret: 机密★1年 / urgency: 特急 / signer: 张三
# basis_appendix: true       # append the full text of every cited clause
---

为深入贯彻落实安全生产工作部署，现将《××专项行动实施方案》印发给你们，请认真贯彻落实。

# 工作要求

各地各部门要加强组织领导，重点查处特种作业人员未取得相应资格上岗作业的行为[[依据: 特种作业人员未经专门的安全作业培训取得相应资格上岗作业]]。
"""  # noqa: E501 (a sample paragraph is one line)


def context(meta: Meta) -> dict[str, str]:
    """The values the notice template's Jinja tags print."""
    return {"copy_no": meta.copy_no, "secret": meta.secret, "urgency": meta.urgency,
            "mark": meta.mark, "number": meta.number, "title": meta.title, "to": meta.to}


def finish_header(document: DocxDocument, meta: Meta, profile: L.FontProfile) -> None:
    """H4 size/compression for this mark, H6 签发人 line, B1 title line breaks."""
    mark = templates.find_role(document, "mark")
    size, scale = L.mark_geometry(meta.mark)
    role = styles.style_paragraph(mark, "mark", line=L.pt(size))
    for run in mark.runs:
        styles.format_run(run._r, role, profile, size=size, scale=scale)
    if meta.signer:
        number = templates.find_role(document, "number")
        role = styles.style_paragraph(number, "number", align="left")
        styles.border(number, bottom=L.RED_RULE_SZ, color=L.RED, space_pt=L.RED_RULE_GAP_PT)
        # tabs, not indents: an indent would shorten the red rule (a paragraph border)
        styles.tab_stop(number, L.CHAR, kind="left")
        styles.tab_stop(number, L.TEXT_WIDTH - L.CHAR)
        number.runs[0]._r.addprevious(_tab_run())
        styles.add_run(number, "\t签发人：", role, profile)
        styles.add_run(number, meta.signer, role, profile, family="kaiti")


def _tab_run():
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:tab"))
    return run


def attachment_source(path) -> Source:
    """An attachment file (its own front matter, if any, is validated: its 附件 are kept)."""
    return read_source(path, None, ())


def build(source: Source, citer: Citer, profile: L.FontProfile) -> DocxDocument:
    meta = source.meta
    document = templates.render("notice", context(meta), profile)
    finish_header(document, meta, profile)
    composer = Composer(document, profile, citer, source.path.name)
    templates.properties(document, title=meta.title, author=meta.issuer or meta.signature, date=meta.date or None)
    composer.title(meta.title, paragraph=templates.find_role(document, "title"))
    composer.blocks(outline.parse(source.body, first_line=source.body_line))
    write_closing(composer, meta)
    return document


def write_closing(composer: Composer, meta: Meta) -> None:
    """附件说明, signature/date, 附注, the issued document (印发), attachment pages, 法律依据,
    版记 — in that order."""
    issued = next((a for a in meta.attachments if a.issued and a.file), None)
    attachments = [a for a in meta.attachments if a is not issued]
    composer.contact(meta.contact)
    composer.attachment_note(attachments)
    composer.signature(meta.signature, meta.date, seal=meta.seal, attached=bool(attachments))
    composer.note(meta.note)
    if issued is not None and issued.file is not None:
        write_issued(composer, attachment_source(issued.file))
    write_attachments(composer, attachments)
    if meta.basis_appendix:
        composer.basis_appendix()
    composer.finish()
    composer.record(meta.cc, meta.printer, meta.print_date)


def write_issued(composer: Composer, source: Source) -> None:
    """Seeds 002/004: the issued 实施方案/工作要点 right after the notice, on a new page, with
    its title and no 附件 label; its own 附件说明, signature and attachment pages follow it."""
    meta = source.meta
    composer.title(meta.title, page_break=True)
    composer.blank()
    composer.blocks(outline.parse(source.body, first_line=source.body_line))
    composer.contact(meta.contact)
    composer.attachment_note(meta.attachments)
    composer.signature(meta.signature, meta.date, seal=meta.seal, attached=bool(meta.attachments))
    write_attachments(composer, meta.attachments, where=source.path.name)


def write_attachments(composer: Composer, attachments: list, *, where: str = "") -> None:
    """Attachment pages; one without a file gets a title-only page and a warning (an error
    under --strict): the checklists and forms of a plan are its working tools."""
    single = len(attachments) == 1
    for number, attachment in enumerate(attachments, 1):
        body, contact = None, []
        if attachment.checklist:
            composer.attachment_page(None if single else number, attachment.title, None)
            write_checklist(composer, attachment.checklist)
            continue
        if attachment.file:
            source = attachment_source(attachment.file)
            body = outline.parse(source.body, first_line=source.body_line)
            contact = source.meta.contact
            if source.meta.attachments:
                composer.citer.problems.append(Problem(
                    f"{where or composer.source_name}:attachments",
                    f"附件“{attachment.title}”自带的附件（{'、'.join(a.title for a in source.meta.attachments)}）"
                    "未随附：请用 issues: 印发，或把它们列入本文件的 attachments"))
        if body is None or not body.blocks:
            composer.citer.problems.append(Problem(
                f"{where or composer.source_name}:attachments",
                f"附件“{attachment.title}”没有正文（未给 file 或文件为空），只生成了标题页"))
        composer.attachment_page(None if single else number, attachment.title, body, contact)


def write_checklist(composer: Composer, path) -> None:
    """A checklist attachment (`attachments: [{title: …, checklist: items.yaml}]`): its table
    in the notice's portrait 版心, rows to review reported like markers."""
    from policydocs.draft import checklist, checklist_docx

    items = checklist.read_items(path)
    rows = checklist.resolve_rows(items, composer.citer.service,
                                  context=" ".join(p for p in (items.scope, composer.citer.context) if p))
    composer.blank()
    table = checklist_docx.write_table(composer.document, composer.profile, rows, checklist.DEFAULT_LAYOUT,
                                       width=L.TEXT_WIDTH)
    if composer.anchor is not None:
        composer.anchor._p.addprevious(table._tbl)
    for row in rows:
        if row.highlighted:
            notes = "；".join(row.problems) or "请核对（匹配不确定）"
            composer.citer.problems.append(Problem(f"{path.name}:第{row.number}行", f"{row.item.description}：{notes}",
                                                   level="check" if row.confidence == "check" else "unverified"))
