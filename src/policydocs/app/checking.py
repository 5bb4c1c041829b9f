"""What `check_file` reads from a file: its lines (a .docx's paragraphs) and, for a .docx, its
GB/T 9704 format findings. Kept apart so tests can stand in for either."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from policydocs.cite.findings import Finding
from policydocs.corpus.docx_reader import read_docx_lines
from policydocs.corpus.readers import read_text
from policydocs.text.dates import DATE, ISO_DATE, parse_date

if TYPE_CHECKING:
    from openpyxl import Workbook

    from policydocs.app.results import CheckResult
    from policydocs.check.format_rules import FormatResult


def read_lines(path: Path) -> list[str]:
    """Lines of a .txt/.md file (decoded as every reader decodes), or the paragraphs of a
    .docx, so that a finding's line is the paragraph number."""
    if path.suffix.lower() == ".docx":
        return read_docx_lines(path)
    return read_text(path).splitlines()


_FRONT_MATTER_DATE = re.compile(r"^date:\s*['\"]?(\d{4}-\d{2}-\d{2})")


def document_date(lines: list[str]) -> str:
    """The date a document is written on (ISO, '' if it shows none): its front matter `date:`,
    else its first line that is only a date (the 成文日期 under the signature). A citation
    written before a law's current version took effect means the version then in force."""
    for line in lines[:40]:
        match = _FRONT_MATTER_DATE.match(line)
        if match:
            return match.group(1)
    for line in lines:
        compact = line.strip().replace(" ", "")
        if compact and len(compact) <= 12 and (DATE.fullmatch(compact) or ISO_DATE.fullmatch(compact)):
            return compact if ISO_DATE.fullmatch(compact) else parse_date(compact)
    return ""


def format_results(path: Path, *, render: bool = False) -> list[FormatResult] | None:
    """公文 format findings of a .docx; None for other files (they have no format to check).
    With `render`, the layout pass through LibreOffice follows (R1–R7), when it is installed."""
    if path.suffix.lower() != ".docx":
        return None
    # imported on use: the format checker is start-up time every other command would pay
    from policydocs.check import layout
    from policydocs.check.format_rules import FormatResult, check_format

    results = check_format(path)
    if render:
        if layout.available():
            results += layout.check_layout(path)
        else:
            results.append(FormatResult("R0", True, "排版检查：不适用（未安装 LibreOffice 或 pdftotext）"))
    return results


def annotate(lines: list[str], findings: list[Finding]) -> list[list[tuple[str, Finding | None]]]:
    """Each line cut into pieces, a piece that is a citation paired with its finding: what a
    face shows to highlight every citation by status where it stands. Findings are 1-based
    (line, column) positions of their `source` text; one that does not fit its line is left
    out of the cut (it is still listed)."""
    by_line: dict[int, list[Finding]] = {}
    for finding in findings:
        by_line.setdefault(finding.line, []).append(finding)
    out: list[list[tuple[str, Finding | None]]] = []
    for number, line in enumerate(lines, 1):
        pieces: list[tuple[str, Finding | None]] = []
        position = 0
        for finding in sorted(by_line.get(number, []), key=lambda f: f.column):
            start = finding.column - 1
            end = start + len(finding.source)
            if start < position or line[start:end] != finding.source:
                continue
            if start > position:
                pieces.append((line[position:start], None))
            pieces.append((finding.source, finding))
            position = end
        if position < len(line) or not pieces:
            pieces.append((line[position:], None))
        out.append(pieces)
    return out


#: the columns of a findings table (`findings_workbook`)
FINDINGS_HEADER = ("位置", "原文", "结果", "规范引用", "说明", "建议")


def findings_rows(findings: list[Finding], unit: str, labels: dict[str, str]) -> list[list[str]]:
    """One row per citation: where (第3行第5字), as written, the status's label, the
    canonical citation, the explanation and the suggestion."""
    return [[f"第{f.line}{unit}第{f.column}字", f.source, labels.get(f.status, f.status), f.citation or "",
             f.message, f.suggestion or ""] for f in findings]


def findings_workbook(result: CheckResult) -> Workbook:
    """The findings of a check as one .xlsx sheet (wrong and unverified rows filled yellow),
    then the failed GB/T 9704 rules, for a reviewer to annotate and pass on."""
    from policydocs.app.results import STATUS_LABELS
    from policydocs.draft.checklist_xlsx import table_workbook

    unit = "段" if result.by_paragraph else "行"
    rows = findings_rows(result.findings, unit, STATUS_LABELS)
    marked = [f.status != "ok" for f in result.findings]
    for rule in result.format_problems:
        rows.append(["格式", rule.rule, "格式问题", "", rule.message, ""])
        marked.append(True)
    return table_workbook(f"{result.path.stem}（引用核查）", FINDINGS_HEADER, rows,
                          [14.0, 30.0, 10.0, 30.0, 40.0, 30.0], marked)
