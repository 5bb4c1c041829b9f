"""The question bank as .xlsx (openpyxl): one row per question — 题型, 题干, 选项A–D, 答案, 依据
(the citation) and 条文 (the clause text the question was made from) — wrapped, header frozen,
landscape A4 fitted to the page width, header printed on every page."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from policydocs.draft.briefing_model import Material
from policydocs.draft.checklist_xlsx import row_height
from policydocs.draft.quiz import LETTERS

HEADER = ("序号", "题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "依据", "条文")
WIDTHS = (6.0, 8.0, 40.0, 18.0, 18.0, 18.0, 18.0, 8.0, 28.0, 50.0)


def question_workbook(material: Material) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "题库"
    sheet.append(list(HEADER))
    for cell in sheet[1]:
        cell.font = Font(name="黑体", bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for number, question in enumerate(material.questions, 1):
        options = list(question.options[:len(LETTERS)]) + [""] * (len(LETTERS) - len(question.options[:4]))
        values = [str(number), question.kind, question.stem, *options, question.answer, question.citation,
                  question.clause_text]
        sheet.append(values)
        row = sheet.max_row
        for cell in sheet[row]:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        sheet.row_dimensions[row].height = row_height(values, list(WIDTHS))
    for index, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return book
