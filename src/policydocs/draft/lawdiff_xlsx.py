"""The 新旧条文对照表 as a spreadsheet: the table of the .docx with changed words in bold
underlined rich text (openpyxl CellRichText), wrapped text, the header frozen and repeated on
printed pages, landscape A4 one page wide."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from policydocs.draft.lawdiff import COLUMNS, DiffRow, Segments, plain

WIDTHS = (60, 60, 12)
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEAD = Alignment(wrap_text=True, vertical="center", horizontal="center")
_PLAIN = InlineFont(rFont="仿宋", sz=10)
_CHANGED = InlineFont(rFont="仿宋", sz=10, b=True, u="single")


#: points a wrapped line of 10 pt text takes
LINE_PT = 13.5


def row_height(texts: Sequence[str]) -> float:
    """Spreadsheet programs do not grow a row to wrapped text they did not lay out themselves:
    the height of the longest text, a CJK character taking two units of column width."""
    chars_per_line = max(1, int(WIDTHS[0] / 2) - 1)
    lines = max((sum(-(-max(len(line), 1) // chars_per_line) for line in text.split("\n")) for text in texts),
                default=1)
    return LINE_PT * lines + 4


def rich(segments: Segments) -> CellRichText | str:
    if not any(changed for _, changed in segments):
        return "".join(text for text, _ in segments)
    return CellRichText([TextBlock(_CHANGED if changed else _PLAIN, text) for text, changed in segments if text])


def diff_workbook(title: str, subtitle: str, rows: Sequence[DiffRow]) -> Workbook:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "新旧条文对照表"
    sheet.cell(1, 1, f"{title}（{subtitle}）").font = Font(name="黑体", size=14, bold=True)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet.cell(1, 1).alignment = _HEAD
    for c, name in enumerate(COLUMNS, 1):
        cell = sheet.cell(2, c, name)
        cell.font, cell.alignment, cell.border = Font(name="黑体", size=11, bold=True), _HEAD, _BORDER
    for r, row in enumerate(rows, 3):
        for c, value in enumerate((rich(row.old), rich(row.new), row.note), 1):
            cell = sheet.cell(r, c)
            cell.value = value
            cell.font, cell.alignment, cell.border = Font(name="仿宋", size=10), _WRAP, _BORDER
        sheet.cell(r, 3).alignment = _HEAD
        sheet.row_dimensions[r].height = row_height((plain(row.old), plain(row.new)))
    for c, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    last = len(rows) + 2
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"C2:C{last}"
    sheet.print_title_rows = "2:2"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_area = f"A1:C{last}"
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    return book
