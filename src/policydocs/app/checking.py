"""What `check_file` reads from a file: its lines (a .docx's paragraphs) and, for a .docx, its
GB/T 9704 format findings. Kept apart so tests can stand in for either."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from policydocs.corpus.docx_reader import read_docx_lines
from policydocs.corpus.readers import read_text
from policydocs.text.dates import DATE, ISO_DATE, parse_date

if TYPE_CHECKING:
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
