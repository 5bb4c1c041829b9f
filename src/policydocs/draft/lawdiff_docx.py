"""The 新旧条文对照表 as a .docx: landscape A4 (the GB/T 9704 page turned, as the checklist),
the title in 小标宋, a three-column bordered table whose header row repeats on every page;
changed words bold and underlined, a note under the title saying so."""

from __future__ import annotations

from collections.abc import Sequence

import docx
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement

from policydocs import gbt9704 as L
from policydocs.draft import styles
from policydocs.draft.checklist_docx import landscape, table_borders
from policydocs.draft.lawdiff import COLUMNS, DiffRow, Segments

#: column shares: 修改前 / 修改后 / 说明
SHARES = (45, 45, 10)
CELL_PT = 10.5
LEGEND = "说明：加粗并加下划线的文字为修改内容。"


def diff_document(title: str, subtitle: str, rows: Sequence[DiffRow], profile: L.FontProfile) -> DocxDocument:
    document = docx.Document()
    styles.install_styles(document, profile)
    landscape(document.sections[0])
    styles.page_numbers(document, document.sections[0], profile)
    heading = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    styles.add_run(heading, title, styles.style_paragraph(heading, "title"), profile)
    below = document.add_paragraph()
    styles.add_run(below, subtitle, styles.style_paragraph(below, "table", size=12, align="center"), profile)
    legend = document.add_paragraph()
    styles.add_run(legend, LEGEND, styles.style_paragraph(legend, "table", size=CELL_PT, keep_next=True), profile)
    _table(document, rows, profile)
    return document


def _table(document: DocxDocument, rows: Sequence[DiffRow], profile: L.FontProfile, width: int = L.TEXT_HEIGHT):
    table = document.add_table(rows=len(rows) + 1, cols=len(COLUMNS))
    table_borders(table, width)
    widths = [width * share // sum(SHARES) for share in SHARES]
    for r, tr in enumerate(table._tbl.tr_lst):
        if r == 0:
            tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on every page
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width * 635
    for c, name in enumerate(COLUMNS):
        cell = table.cell(0, c)
        cell.width = widths[c] * 635
        paragraph = cell.paragraphs[0]
        styles.add_run(paragraph, name, styles.style_paragraph(paragraph, "table_head", size=CELL_PT), profile)
    for r, row in enumerate(rows, 1):
        for c, segments in enumerate((row.old, row.new, [(row.note, False)])):
            cell = table.cell(r, c)
            cell.width = widths[c] * 635
            _fill(cell, segments, profile, center=c == 2)
    return table


def _fill(cell, segments: Segments, profile: L.FontProfile, *, center: bool) -> None:
    """One paragraph per line; changed pieces as bold underlined runs."""
    paragraph = cell.paragraphs[0]
    role = styles.style_paragraph(paragraph, "table", size=CELL_PT, align="center" if center else "both")
    for text, changed in segments:
        for k, line in enumerate(text.split("\n")):
            if k:
                paragraph = cell.add_paragraph()
                role = styles.style_paragraph(paragraph, "table", size=CELL_PT, align="both")
            if line:
                run = styles.add_run(paragraph, line, role, profile)
                if changed:
                    run.bold = True
                    run.underline = True
