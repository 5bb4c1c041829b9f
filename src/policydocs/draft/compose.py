"""Laying out the body of a document: the parts every kind shares (numbered headings,
paragraphs with resolved citations, tables, 附件说明, signature and date, 附注, attachment
pages, the 法律依据 appendix, the 版记). Kind modules decide which parts appear and in
what order; this module decides how each part looks."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from policydocs import gbt9704 as L
from policydocs.draft import styles
from policydocs.draft.citations import Citer, Span
from policydocs.draft.frontmatter import Attachment
from policydocs.draft.outline import Block, Heading, Outline, Table
from policydocs.draft.outline import Paragraph as OutlineParagraph
from policydocs.draft.titles import break_title

BODY_ANCHOR = "【正文】"  # the template paragraph the body replaces


class Composer:
    """Writes paragraphs and tables in order, before the template's body anchor."""

    def __init__(self, document: DocxDocument, profile: L.FontProfile, citer: Citer,
                 source_name: str):
        self.document = document
        self.profile = profile
        self.citer = citer
        self.source_name = source_name
        self.anchor = next((p for p in document.paragraphs if p.text == BODY_ANCHOR), None)
        self.last: Paragraph | None = None

    # -- primitives -------------------------------------------------------------------
    def paragraph(self, role_name: str, content: str | list[Span] = "", *,
                  family: str | None = None, **overrides) -> Paragraph:
        """A paragraph of role `role_name`; plain strings are written as they are. A line
        break in the content (a clause's lead-in and its items) starts a new paragraph of the
        same role: a break inside justified text would spread its line over the full width."""
        spans = [Span(content)] if isinstance(content, str) else content
        lines: list[list[Span]] = [[]]
        for span in spans:
            pieces = span.text.split("\n")
            for number, piece in enumerate(pieces):
                if number:
                    lines.append([])
                if piece:
                    lines[-1].append(Span(piece, span.unverified))
        lines = [line for line in lines if any(s.text.strip() for s in line)] or [[]]
        for line in lines:
            paragraph = self._one_paragraph(role_name, line, family, overrides)
        return paragraph

    def _one_paragraph(self, role_name: str, spans: list[Span], family: str | None,
                       overrides: dict) -> Paragraph:
        anchor = self.anchor
        paragraph = anchor.insert_paragraph_before() if anchor is not None else self.document.add_paragraph()
        role = styles.style_paragraph(paragraph, role_name, **overrides)
        for span in spans:
            if span.text:
                styles.add_run(paragraph, span.text, role, self.profile, family=family,
                               highlight="yellow" if span.unverified else None)
        self.last = paragraph
        return paragraph

    def keep_last(self) -> None:
        """Keep the last paragraph on the page of the next one, so a signature never
        stands alone on a page without text."""
        if self.last is not None:
            ppr = self.last._p.get_or_add_pPr()
            if ppr.find(qn("w:keepNext")) is None:
                styles.put(ppr, OxmlElement("w:keepNext"))

    def cited(self, role_name: str, text: str, line: int, **overrides) -> Paragraph:
        """A paragraph of drafter text whose [[依据]] markers are resolved."""
        spans = self.citer.spans(text, f"{self.source_name}:{line}")
        return self.paragraph(role_name, spans, **overrides)

    def blank(self, count: int = 1, *, keep: bool = False) -> None:
        for _ in range(count):
            if keep:
                self.keep_last()
            self.paragraph("blank")
        if keep:
            self.keep_last()

    def title(self, text: str, *, page_break: bool = False,
              paragraph: Paragraph | None = None) -> Paragraph:
        """B1: 2号小标宋, centred, broken into a trapezoid by phrases (line breaks, one
        paragraph). With `paragraph` (the template's title), its text is replaced."""
        if paragraph is None:
            paragraph = self.paragraph("title")
        for child in paragraph._p.findall(qn("w:r")):
            paragraph._p.remove(child)
        role = styles.style_paragraph(paragraph, "title")
        for index, line in enumerate(break_title(text)):
            run = styles.add_run(paragraph, line, role, self.profile)
            if index:
                run._r.addprevious(_break())
        if page_break:
            styles.page_break_before(paragraph)
        return paragraph

    # -- body -------------------------------------------------------------------------
    def blocks(self, outline: Outline | list[Block]) -> None:
        items = outline.blocks if isinstance(outline, Outline) else outline
        skip = False
        for index, block in enumerate(items):
            if skip:
                skip = False
                continue
            following = items[index + 1] if index + 1 < len(items) else None
            if isinstance(block, Heading) and block.level >= 2 and block.text.endswith("。") \
                    and isinstance(following, OutlineParagraph):
                self.run_in(block, following)
                skip = True
            elif isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Table):
                self.table(block.rows)
            else:
                self.cited("body", block.text, block.line)

    def run_in(self, heading: Heading, paragraph: OutlineParagraph) -> None:
        """Seeds 001/002: a level-2/3/4 heading that ends with 。 runs in with the paragraph
        after it — one 正文 paragraph whose first words are the heading, in its typeface."""
        where = f"{self.source_name}:{heading.line}"
        family = styles.ROLES[f"h{heading.level}"].family
        head = [Span(heading.label), *self.citer.spans(heading.text, where)]
        text = self.citer.spans(paragraph.text, f"{self.source_name}:{paragraph.line}")
        para = self._one_paragraph("body", [], None, {})
        role = styles.ROLES["body"]
        for span in head:
            styles.add_run(para, span.text, role, self.profile, family=family,
                           highlight="yellow" if span.unverified else None)
        for span in text:
            styles.add_run(para, span.text, role, self.profile,
                           highlight="yellow" if span.unverified else None)

    def heading(self, heading: Heading, *, item: bool = False) -> None:
        """B4: the number as text, in the level's typeface. An `item` (a numbered entry of a
        list, such as the 整改要求 of a 约谈记录) looks the same but is not kept with what
        follows: a run of kept items moved whole to the next page and left half a page empty."""
        spans = [Span(heading.label), *self.citer.spans(heading.text,
                                                        f"{self.source_name}:{heading.line}")]
        if item:
            self.paragraph(f"h{heading.level}", spans, keep_next=False, outline=None)
        else:
            self.paragraph(f"h{heading.level}", spans)

    def table(self, rows: list[list[str]], *, header: bool = True,
              shares: list[int] | None = None) -> None:
        """A bordered, 版心-wide table in 4号仿宋 (header row in 黑体); `shares` are
        relative column widths (equal by default)."""
        columns = max(len(row) for row in rows)
        self.keep_last()  # the lead-in on the page of the table
        table = self.document.add_table(rows=len(rows), cols=columns)
        _table_borders(table)
        for r, row_element in enumerate(table._tbl.tr_lst):
            tr_pr = row_element.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))  # a row that fits is never split
            if header and r == 0:
                tr_pr.append(OxmlElement("w:tblHeader"))  # repeated on every page
        shares = shares or [1] * columns
        widths = [L.TEXT_WIDTH * share // sum(shares) for share in shares]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width * 635
        for r, row in enumerate(rows):
            for c in range(columns):
                cell = table.cell(r, c)
                cell.width = widths[c] * 635
                paragraph = cell.paragraphs[0]
                role = styles.style_paragraph(paragraph, "table_head" if header and r == 0 else "table")
                text = row[c] if c < len(row) else ""
                for span in self.citer.spans(text, f"{self.source_name}:表格"):
                    styles.add_run(paragraph, span.text, role, self.profile,
                                   highlight="yellow" if span.unverified else None)
        if self.anchor is not None:
            self.anchor._p.addprevious(table._tbl)

    # -- closing parts ----------------------------------------------------------------
    def attachment_note(self, attachments: list[Attachment]) -> None:
        """B5: 附件：名称, or 附件：1.名称 / 2.名称 aligned under the first name."""
        if not attachments:
            return
        self.keep_short_last()
        self.blank()
        self.keep_last()
        label_width = 3 * L.CHAR  # 附件：
        left = L.BODY_INDENT_CHARS * L.CHAR + label_width
        if len(attachments) == 1:
            self.paragraph("attach_note", f"附件：{attachments[0].title}", left=left,
                           hanging=label_width)
            self.keep_last()
            return
        for number, attachment in enumerate(attachments, 1):
            prefix = "附件：" if number == 1 else ""
            self.paragraph("attach_note", f"{prefix}{number}.{attachment.title}", left=left,
                           hanging=label_width if number == 1 else 0)
            self.keep_last()

    def keep_short_last(self) -> None:
        """Keep the body's last paragraph with the 附件说明/署名/日期 that follow, so the
        signature page has body text — when it is short: LibreOffice moves a kept paragraph
        whole, and a long one would leave the page before it (even page 1) without text."""
        if self.last is not None and \
                L.text_width_chars(self.last.text) <= self.KEEP_LINES * L.CHARS_PER_LINE:
            self.keep_last()

    KEEP_LINES = 4

    def signature(self, signature: str, date: str, *, seal: bool = False,
                  attached: bool = False) -> None:
        """B6/B7: one blank line, signature, then the date (no seal drawn, ever)."""
        if not (signature or date):
            return
        sig_right, date_right, date_left = L.signature_indents(signature, date, seal=seal)
        if not attached:  # (the 附件说明 is kept with what follows already)
            self.keep_short_last()
        self.blank()  # kept with the signature; a long last paragraph is not (see keep_short_last)
        self.keep_last()
        if signature:
            self.paragraph("signature", signature, right=sig_right)
            self.keep_last()
        if date:
            if date_left is None:
                self.paragraph("date", date, right=date_right)
            else:
                self.paragraph("date", date, left=date_left, align="left")

    def note(self, note: str) -> None:
        """B8: （附注） on the line after the date, indented two characters."""
        if note:
            self.keep_last()  # the 附注 on the page of the date
            self.paragraph("note", f"（{note.strip('（）()')}）")

    def attachment_page(self, number: int | None, title: str, outline: Outline | None) -> None:
        """B9: 附件N (黑体, line 1), title centred on line 3, then the attachment's body."""
        label = self.paragraph("attach_label", "附件" if number is None else f"附件{number}")
        styles.page_break_before(label)
        self.blank()
        self.title(title)
        if outline is not None:
            self.blank()
            self.blocks(outline)

    def basis_appendix(self) -> None:
        """The 法律依据 appendix: full text of every cited clause, exactly as the index has it."""
        if not self.citer.cited:
            return
        self.title("法律依据", page_break=True)
        self.blank()
        for clause in self.citer.cited.values():
            self.paragraph("h1", clause.citation)
            for line in clause.text.splitlines():
                if line.strip():
                    self.paragraph("body", line.strip())

    def record(self, cc: list[str], printer: str, print_date: str) -> None:
        """V1–V3: 版记 on its own even page at the bottom of the 版心, without a page number."""
        if not (cc or printer):
            return
        self.finish()
        styles.add_record_section(self.document, self.profile)
        indent = L.RECORD_CHAR
        cc_text = f"抄送：{'，'.join(cc)}。" if cc else ""
        self.rule(L.RECORD_THICK_SZ, before=L.record_space_before(cc_text))
        if cc:
            label = 3 * L.RECORD_CHAR
            self.paragraph("record", cc_text, left=indent + label, right=indent, hanging=label)
            self.rule(L.RECORD_THIN_SZ)
        printed = self.paragraph("record", f"{printer}\t{print_date}印发", left=indent,
                                 right=indent)
        squeeze = L.record_line_tracking(printer, f"{print_date}印发")
        if squeeze:
            for run in printed.runs:
                styles.track(run._r, squeeze)
        styles.tab_stop(printed, L.TEXT_WIDTH - indent)
        self.rule(L.RECORD_THICK_SZ)

    def rule(self, size: int, *, before: int = 0) -> None:
        """A 版心-wide 版记 rule: an empty 1 pt paragraph with a bottom border (borders of
        indented text paragraphs would be shorter than the 版心)."""
        line = self.paragraph("record", line=L.RECORD_RULE_LINE, before=before)
        styles.border(line, bottom=size)

    def finish(self) -> None:
        """Remove the body anchor (later paragraphs are appended at the end)."""
        if self.anchor is not None:
            self.anchor._p.getparent().remove(self.anchor._p)
            self.anchor = None


def _break():
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:br"))
    return run


def _table_borders(table) -> None:
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
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(L.TEXT_WIDTH))
    width.set(qn("w:type"), "dxa")
    existing = tbl_pr.find(qn("w:tblW"))
    if existing is not None:
        tbl_pr.remove(existing)
    tbl_pr.insert(1 if tbl_pr.find(qn("w:tblStyle")) is not None else 0, width)
