"""Corrections of a drafted document after it has been laid out (`draft --render`): what only
the printed pages show, put right in the document before it is written.

A 署名 page without body text is marked “（此页无正文）” at its top, as seeds 000 and 002 do
(GB/T 9704 7.3.5: the 署名 page should carry body text; where the text cannot be moved, offices
mark the page). The line goes on a new page with the closing block kept after it, so it stays
at the top of the page in every renderer.
"""

from __future__ import annotations

import re

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from policydocs import gbt9704 as L
from policydocs.draft import styles

NO_TEXT_LINE = "（此页无正文）"
_CLOSING_STYLES = {styles.style_id(styles.ROLES[name].style) for name in ("attach_note", "signature", "date")}
_BLANK_STYLE = styles.style_id(styles.ROLES["blank"].style)


def _style(paragraph: Paragraph) -> str | None:
    ppr = paragraph._p.pPr
    pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return pstyle.get(qn("w:val")) if pstyle is not None else None


def _compact(text: str) -> str:
    return re.sub(r"\s", "", text)


def mark_no_text_page(document: DocxDocument, profile: L.FontProfile, first_line: str,
                      occurrence: int = 0) -> bool:
    """Put “（此页无正文）” at the top of the page whose first printed line is `first_line` (a
    line of the 附件说明, 署名 or date): before the blank line that precedes that closing
    block, starting a new page. `occurrence` counts the closing blocks with that line before
    it (a notice and the plan it issues are often signed alike). False when no closing
    paragraph holds that line (nothing is changed)."""
    line = _compact(first_line)
    paragraphs = document.paragraphs
    matches = [n for n, p in enumerate(paragraphs)
               if _style(p) in _CLOSING_STYLES and line and line in _compact(p.text)
               and not (n and _style(paragraphs[n - 1]) in _CLOSING_STYLES
                        and line in _compact(paragraphs[n - 1].text))]
    if occurrence >= len(matches):
        return False
    at = matches[occurrence]
    while at > 0 and _style(paragraphs[at - 1]) in _CLOSING_STYLES:  # 附件：1. … 2. …
        at -= 1
    start = paragraphs[at]
    if at > 0 and _style(paragraphs[at - 1]) == _BLANK_STYLE:
        start = paragraphs[at - 1]
    marker = start.insert_paragraph_before()
    role = styles.style_paragraph(marker, "note", keep_next=True)
    styles.add_run(marker, NO_TEXT_LINE, role, profile)
    styles.page_break_before(marker)
    return True
