"""Re-verifying an existing checklist: its table is read (.docx table, .xlsx sheet, or the
tab-separated text of an extracted document), every citation in its 执法依据/处罚依据
columns is verified with its quoted words, and the table is written back with a 核查结果
column (正确 / 条号已变更为… / 引文与条文不符 / 未核实) and the current clauses.

Old checklists copy clauses from older ones: seed 000's quotes 2021 words under 2014
article numbers. The verifier (cite/verify) finds where the quoted words are now.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from policydocs.cite.findings import Finding
from policydocs.draft.citations import CitationService
from policydocs.errors import SourceError
from policydocs.text.decoding import UndecodableText, decode_text

#: column names whose cells hold citations (both layouts; older tables say 法律依据)
CITED_COLUMNS = ("执法依据", "处罚依据", "检查依据", "法律责任", "法律依据", "依据")
#: every column name of the seeds' tables (finding a header in extracted text)
COLUMN_NAMES = frozenset({"序号", "违法行为描述", "方式方法", "检查情况", "检查对象", "检查项目", "检查内容",
                          "检查要点", "备注", *CITED_COLUMNS})
_NEXT_ATTACHMENT = re.compile(r"^\s*附件\s*\d*\s*$")
RESULT_COLUMN = "核查结果"
CURRENT_COLUMN = "现行条文"
_TAG = re.compile(r"</?p>|<br\s*/?>", re.IGNORECASE)


@dataclass(slots=True)
class Table:
    """A table as read: header and rows of cell texts; `cited` are the citation columns."""

    header: list[str]
    rows: list[list[str]]
    cited: list[int] = field(default_factory=list)


@dataclass(slots=True)
class CheckedRow:
    cells: list[str]
    verdicts: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def result(self) -> str:
        return "；".join(dict.fromkeys(self.verdicts)) or "未核实（未找到法规引用）"

    @property
    def correct(self) -> bool:
        return bool(self.verdicts) and all(v == "正确" for v in self.verdicts)

    def as_json(self) -> dict:
        return {"cells": self.cells, "result": self.result, "current": self.current,
                "findings": [f.as_json() for f in self.findings]}


def read_table(path: Path) -> Table:
    """The checklist table of a .docx, .xlsx or text file (SourceError when unreadable or
    when it holds no table with citation columns)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            grids = _docx_tables(path)
        elif suffix in (".xlsx", ".xlsm"):
            grids = _xlsx_tables(path)
        else:
            grids = [_text_table(decode_text(path.read_bytes()))]
    except UndecodableText:
        raise SourceError(f"{path.name}: 无法识别的文本编码（请保存为 UTF-8）") from None
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise SourceError(f"{path.name}: 无法读取表格（文件已损坏或不是 {suffix} 文件：{error}）") from None
    except OSError as error:
        raise SourceError(f"无法读取 {path}：{error.strerror or error}（请检查权限）") from None
    for grid in grids:
        table = _find_header(grid)
        if table is not None:
            return table
    raise SourceError(f"{path.name}: 未找到检查表（需要含“执法依据”“处罚依据”或“检查依据”列的表格）")


def _clean(text: str) -> str:
    return "\n".join(line.strip() for line in _TAG.sub("\n", text or "").splitlines() if line.strip())


def _find_header(grid: list[list[str]]) -> Table | None:
    for number, row in enumerate(grid):
        names = [re.sub(r"\s+", "", cell) for cell in row]
        cited = [i for i, name in enumerate(names) if name in CITED_COLUMNS]
        if cited:
            width = len(names)
            rows = [[_clean(cell) for cell in (r + [""] * width)[:width]] for r in grid[number + 1:]]
            rows = [r for r in rows if any(r) and [re.sub(r"\s+", "", c) for c in r] != names]  # a header repeated
            return Table(names, rows, cited)
    return None


def _text_table(text: str) -> list[list[str]]:
    """The table of an extracted text: tab-separated rows (seed 000), or one cell per line,
    each cell's first line starting with a tab (seed 002's layout: the header's cells, then
    each row's as many cells). The table ends at the next 附件 label."""
    lines = text.splitlines()
    grid: list[list[str]] = []
    for number, line in enumerate(lines):
        names = [re.sub(r"\s+", "", cell) for cell in line.split("\t")]
        if sum(name in COLUMN_NAMES for name in names) >= 2:  # a header row on one line
            for row in lines[number:]:
                if "\t" in row:
                    grid.append(row.split("\t"))
                elif _NEXT_ATTACHMENT.match(row):
                    break
            return grid
    return _cells_per_line(lines)


def _cells_per_line(lines: list[str]) -> list[list[str]]:
    start = next((n for n, line in enumerate(lines)
                  if line.startswith("\t") and re.sub(r"\s+", "", line) in COLUMN_NAMES), None)
    if start is None:
        return []
    cells: list[str] = []
    for line in lines[start:]:
        if line.startswith("\t"):
            cells.append(line[1:])
        elif _NEXT_ATTACHMENT.match(line):
            break
        elif cells:
            cells[-1] += "\n" + line
    width = 0
    while width < len(cells) and re.sub(r"\s+", "", cells[width]) in COLUMN_NAMES:
        width += 1
    return [cells[i:i + width] for i in range(0, len(cells), width)] if width >= 2 else []


def _docx_tables(path: Path) -> list[list[list[str]]]:
    import docx  # python-docx is the project's .docx library

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises many kinds for a damaged package
        raise ValueError(type(error).__name__) from None
    grids = []
    for table in document.tables:
        grids.append([["\n".join(p.text for p in cell.paragraphs) for cell in row.cells] for row in table.rows])
    return grids


def _xlsx_tables(path: Path) -> list[list[list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise ValueError(type(error).__name__) from None
    try:
        return [[["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
                for sheet in book.worksheets]
    finally:
        book.close()


def verdict(finding: Finding) -> str:
    """核查结果 of one citation."""
    if finding.status == "ok":
        return "正确"
    if finding.status == "unknown_law":
        return "未核实"
    if finding.status in ("mismatch", "outdated") and finding.suggestion and \
            finding.suggestion != finding.citation:
        return f"条号已变更为{finding.suggestion}"
    hint = f"，应为{finding.suggestion}" if finding.suggestion else ""
    return f"引文与条文不符（{finding.message}{hint}）" if finding.message else "引文与条文不符"


def check_table(table: Table, service: CitationService) -> list[CheckedRow]:
    """Every citation of the citation columns, verified with its quoted words."""
    checked = []
    for cells in table.rows:
        row = CheckedRow(cells)
        for column in table.cited:
            text = cells[column]
            if "《" not in text:
                continue
            for finding in service.check_text(text):
                row.findings.append(finding)
                row.verdicts.append(verdict(finding))
                row.current.append(_current(finding, service))
        checked.append(row)
    return checked


def _current(finding: Finding, service: CitationService) -> str:
    """The clause in force the citation means: the cited one, or the one its words moved to."""
    if finding.status == "ok" and finding.citation:
        return f"{finding.citation}：{finding.clause_text or ''}"
    if finding.suggestion:
        found = service.check_text(finding.suggestion)
        if found and found[0].status == "ok" and found[0].citation:
            return f"{found[0].citation}：{found[0].clause_text or ''}"
    return f"{finding.source}：{finding.message or '未核实'}"
