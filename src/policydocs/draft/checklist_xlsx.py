"""A checklist as a spreadsheet (openpyxl): the same columns as the .docx, wrapped text, the
header frozen, column widths set, landscape A4 fitted to one page wide; citations are plain
text so a user can filter on them. A verification table adds its 核查结果 column."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from policydocs.draft.checklist import LAYOUTS, SHARES, Row

#: characters of column width per share of SHARES (≈ 140 in all: A4 landscape at ~100 %)
WIDTH_PER_SHARE = 2.6
#: column-width units one Chinese character of the 10 pt body takes, and points per line
_CJK_UNITS, _LINE_POINTS = 1.9, 13.5
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FILL = PatternFill("solid", fgColor="FFFF00")
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEAD = Alignment(wrap_text=True, vertical="center", horizontal="center")


def table_workbook(title: str, header: Sequence[str], rows: Sequence[Sequence[str]],
                   widths: Sequence[float], highlighted: Sequence[bool] = ()) -> Workbook:
    """A one-sheet workbook: title in A1, the header in row 2 (frozen with the title),
    one row per entry; rows flagged in `highlighted` are filled yellow."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = title[:31] or "检查表"
    sheet.cell(1, 1, title).font = Font(name="黑体", size=14, bold=True)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.cell(1, 1).alignment = _HEAD
    for c, name in enumerate(header, 1):
        cell = sheet.cell(2, c, name)
        cell.font, cell.alignment, cell.border = Font(name="黑体", size=11, bold=True), _HEAD, _BORDER
    for r, values in enumerate(rows, 3):
        flag = r - 3 < len(highlighted) and highlighted[r - 3]
        for c, value in enumerate(values, 1):
            cell = sheet.cell(r, c, value)
            cell.font, cell.alignment, cell.border = Font(name="仿宋", size=10), _WRAP, _BORDER
            if flag:
                cell.fill = _FILL
    for c, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    for r, values in enumerate(rows, 3):
        sheet.row_dimensions[r].height = row_height(values, widths)
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(header))}{len(rows) + 2}"
    sheet.print_title_rows = "2:2"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_area = f"A1:{get_column_letter(len(header))}{len(rows) + 2}"
    return book


def row_height(values: Sequence[str], widths: Sequence[float]) -> float:
    """Points a row needs to show its wrapped cells whole: neither Excel nor LibreOffice
    grows a row on opening a file that gives no height, so each row states one."""
    def lines(text: str, width: float) -> int:
        per_line = max(1, int(width / _CJK_UNITS))
        return sum(max(1, -(-len(part) // per_line)) for part in str(text or "").split("\n"))
    return _LINE_POINTS * max([1, *(lines(v, w) for v, w in zip(values, widths, strict=False))]) + 4


def checklist_workbook(rows: Sequence[Row], layout: str, title: str) -> Workbook:
    widths = [share * WIDTH_PER_SHARE for share in SHARES[layout]]
    return table_workbook(title, LAYOUTS[layout], [row.cells(layout) for row in rows], widths,
                          [row.highlighted for row in rows])
