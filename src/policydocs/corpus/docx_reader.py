""".docx → text lines in document order: paragraphs as they are, each table row as one line
with its cells joined by a TAB (the same shape as the tables in the seeds' text extractions),
so law and policy readers see one kind of input whatever the file format.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from policydocs.errors import SourceError


def read_docx_lines(path: Path) -> list[str]:
    """All paragraphs and table rows of the document body, in order (raw, not normalised).

    Raises SourceError with a one-line Chinese message when the file is not a readable .docx.
    """
    try:
        document = open_docx(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError,
            etree.LxmlError, EOFError, zipfile.LargeZipFile) as error:
        raise SourceError(f"无法读取 Word 文件 {path}：不是有效的 .docx 文件（{type(error).__name__}）") from None
    return list(_body_lines(document.element.body, document))


def _body_lines(body, parent) -> Iterator[str]:
    # iterate the XML children so paragraphs and tables keep their relative order
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, parent).text
        elif tag == "tbl":
            yield from _table_lines(Table(child, parent))


def _table_lines(table: Table) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # a horizontally merged cell is reported once per grid column
                continue
            previous = cell._tc
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        yield "\t".join(cells)
