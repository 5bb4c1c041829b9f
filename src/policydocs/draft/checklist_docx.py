"""A checklist as a GB/T 9704 attachment: 附件 label (黑体, line 1), the title in 小标宋 on
line 3, then a bordered table on landscape A4 (the portrait 版心 turned: 225 × 156 mm) whose
header row repeats on every page and whose rows are never split where they fit. Rows the
citation service was not sure of are highlighted."""

from __future__ import annotations

from collections.abc import Sequence

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from policydocs import gbt9704 as L
from policydocs.draft import styles
from policydocs.draft.checklist import LAYOUTS, SHARES, Row

#: table text: 5号 (10.5 pt) keeps the quoted clauses readable in six columns
CELL_PT = 10.5
HIGHLIGHT = "yellow"


def landscape(section) -> None:
    """The GB/T 9704 page turned: A4 landscape, the portrait margins rotated with it."""
    styles.setup_section(section)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = L.PAGE_HEIGHT * 635, L.PAGE_WIDTH * 635
    section.left_margin, section.right_margin = L.MARGIN_TOP * 635, L.MARGIN_BOTTOM * 635
    section.top_margin, section.bottom_margin = L.MARGIN_LEFT * 635, L.MARGIN_RIGHT * 635


def write_table(document: DocxDocument, profile: L.FontProfile, rows: Sequence[Row], layout: str,
                width: int = L.TEXT_HEIGHT):
    """The checklist table at the end of `document`, `width` twips wide (returned)."""
    columns = LAYOUTS[layout]
    table = document.add_table(rows=len(rows) + 1, cols=len(columns))
    table_borders(table, width)
    shares = SHARES[layout]
    widths = [width * share // sum(shares) for share in shares]
    for r, tr in enumerate(table._tbl.tr_lst):
        tr_pr = tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))  # a row that fits is never split
        if r == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))  # repeated on every page
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width * 635
    cells = [list(columns)] + [row.cells(layout) for row in rows]
    for r, values in enumerate(cells):
        row = rows[r - 1] if r else None
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.width = widths[c] * 635
            _fill(cell, value, profile, head=r == 0,
                  highlight=row is not None and row.highlighted and c in _cited_columns(layout))
    return table


def _cited_columns(layout: str) -> tuple[int, ...]:
    columns = LAYOUTS[layout]
    names = ("执法依据", "处罚依据") if layout == "重点事项" else ("检查依据", "法律责任")
    return tuple(columns.index(name) for name in names)


def _fill(cell, value: str, profile: L.FontProfile, *, head: bool, highlight: bool) -> None:
    """One paragraph per line of `value` (a clause's lead-in and items, several clauses)."""
    lines = [line for line in value.split("\n") if line.strip()] or [""]
    paragraph = cell.paragraphs[0]
    for number, line in enumerate(lines):
        if number:
            paragraph = cell.add_paragraph()
        role = styles.style_paragraph(paragraph, "table_head" if head else "table",
                                      size=CELL_PT, align="center" if head else "both")
        styles.add_run(paragraph, line, role, profile,
                       highlight=HIGHLIGHT if highlight and not head else None)


def table_borders(table, width: int) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "4")
        edge.set(qn("w:color"), "000000")
        borders.append(edge)
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(borders)
    else:
        tbl_pr.append(borders)
    existing = tbl_pr.find(qn("w:tblW"))
    if existing is not None:
        tbl_pr.remove(existing)
    table_width = OxmlElement("w:tblW")
    table_width.set(qn("w:w"), str(width))
    table_width.set(qn("w:type"), "dxa")
    tbl_pr.insert(1 if tbl_pr.find(qn("w:tblStyle")) is not None else 0, table_width)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)


def checklist_document(rows: Sequence[Row], layout: str, title: str, profile: L.FontProfile, *,
                       label: str = "附件") -> DocxDocument:
    """A stand-alone .docx: the attachment page of a checklist (B9 label and title)."""
    document = docx.Document()
    styles.install_styles(document, profile)
    landscape(document.sections[0])
    styles.page_numbers(document, document.sections[0], profile)
    body = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    role = styles.style_paragraph(body, "attach_label")
    styles.add_run(body, label, role, profile)
    blank = document.add_paragraph()
    styles.style_paragraph(blank, "blank")
    heading = document.add_paragraph()
    role = styles.style_paragraph(heading, "title")
    styles.add_run(heading, title, role, profile)
    after = document.add_paragraph()
    styles.style_paragraph(after, "blank", keep_next=True)
    write_table(document, profile, rows, layout)
    return document
