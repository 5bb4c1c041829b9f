"""The layout pass of `check --render`: the document is rendered through LibreOffice (when it is
installed) and its pages are read back from the PDF with their line positions, so faults that
only exist on paper are found — pages without body text, a page holding only the 附注 or the
附件说明, a heading alone at the foot of a page, a 版记 split over two pages, full body lines
that do not hold 28 characters, a 成文日期 that does not start two characters right of the
署名, a 版记 that is not at the foot of the last page or stands on an odd page. The file-level
rules (format_rules) cannot see any of these.

The PDF keeps the blank pages the renderer inserts itself (a section that starts on an even
page): a printer prints them, and only with them are the page numbers those of the paper.
LibreOffice's headless export drops them unless told otherwise (`IsSkipEmptyPages`).

Only standard tools are called (soffice, pdftotext from poppler), by name from PATH, so the pass
works wherever they are installed; without them it reports that it did not run.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import docx

from policydocs import gbt9704 as L
from policydocs.check.format_rules import HEADING, FormatResult, Parsed, closing_line, parse
from policydocs.errors import SourceError

PT_PER_TWIP = 1 / 20
LEFT = L.MARGIN_LEFT * PT_PER_TWIP
RIGHT = (L.PAGE_WIDTH - L.MARGIN_RIGHT) * PT_PER_TWIP
BOTTOM = (L.PAGE_HEIGHT - L.MARGIN_BOTTOM) * PT_PER_TWIP
GRID_CHAR = L.TEXT_WIDTH * PT_PER_TWIP / L.CHARS_PER_LINE  # one 3号 character on the grid
NO_TEXT_PAGE = "（此页无正文）"
_PAGE_NUMBER = re.compile(r"^[—\-－]*\s*\d+\s*[—\-－]*$")
_XHTML = "{http://www.w3.org/1999/xhtml}"
_HANGING = "，。、；：！？）》”’"
_OPENING = "（《“‘〔【"
#: lines whose width the 28-character count can judge: CJK characters and full-width marks
#: only (× or Latin letters are proportional in most fonts)
_FULL_WIDTH = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e“”‘’—…]+")


@dataclass(slots=True)
class Line:
    """One printed line: its text (spaces removed) and its box in pt from the page's top left."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(slots=True)
class Page:
    number: int
    lines: list[Line] = field(default_factory=list)  # inside the 版心 (no page number)


def available() -> bool:
    """LibreOffice and poppler's pdftotext are both on PATH."""
    return bool(shutil.which("soffice") and shutil.which("pdftotext"))


#: LibreOffice's PDF filter with the automatically inserted blank pages kept (see above)
PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


def to_pdf(docx_path: Path, out_dir: Path) -> Path:
    """docx → pdf with a private LibreOffice profile (parallel runs do not clash), blank
    pages kept as they are printed."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SourceError("未安装 LibreOffice（soffice），无法排版检查")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}",
                               "--headless", "--convert-to", PDF_FILTER, "--outdir", str(out_dir),
                               str(docx_path)], capture_output=True, timeout=300, check=False)
    pdf = out_dir / f"{docx_path.stem}.pdf"
    if done.returncode != 0 or not pdf.is_file():
        raise SourceError(f"LibreOffice 未能转换 {docx_path.name}（{done.stderr.decode(errors='replace')[:200]}）")
    return pdf


def read_pages(pdf: Path) -> list[Page]:
    """Pages with their lines, from `pdftotext -bbox-layout` (words merged into lines)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        raise SourceError("未安装 pdftotext（poppler-utils），无法排版检查")
    done = subprocess.run([tool, "-bbox-layout", str(pdf), "-"], capture_output=True,
                          timeout=300, check=True)
    xml = re.sub(rb"<!DOCTYPE[^>]*>", b"", done.stdout)
    root = ET.fromstring(xml)
    pages = []
    for number, page in enumerate(root.iter(f"{_XHTML}page"), 1):
        result = Page(number)
        for line in page.iter(f"{_XHTML}line"):
            words = list(line.iter(f"{_XHTML}word"))
            text = "".join(word.text or "" for word in words).replace(" ", "")
            box = [float(line.get(k, "0")) for k in ("xMin", "yMin", "xMax", "yMax")]
            if not text or (box[1] >= BOTTOM and _PAGE_NUMBER.match(text)):
                continue
            result.lines.append(Line(text, box[0], box[2], box[1], box[3]))
        result.lines.sort(key=lambda item: (round(item.y0), item.x0))
        pages.append(result)
    return pages


def _norm(text: str) -> str:
    return re.sub(r"\s", "", text)


@dataclass(slots=True)
class _Parts:
    """The texts of the parts a page's lines are matched against."""

    body: list[str]
    headings: list[str]
    closing: list[str]  # 附件说明, 署名, 成文日期
    annotation: str
    notes: list[str]
    record: list[str]
    front: list[str]  # 版头, title and 主送: what page 1 holds before the body
    attachment_heads: list[str]  # 附件N labels and attachment titles (words of the 附件说明 too)


def _parts(doc: Parsed) -> _Parts:
    closing = [_norm(p.text) for p in (*doc.notes, doc.signature, doc.date) if p is not None]
    # the issued document's own 附件说明, 署名 and date (印发 mode) close a page too
    closing += [_norm(p.text) for _, paras in doc.issued for p in paras if not p.blank and closing_line(p)]
    paras = doc.body()
    # the document's headings: its paragraphs with an outline level (heading styles, as Word,
    # WPS and our drafts give them), else — a draft typed without styles — those that read as one
    outlined = [para for para in paras if para.outline is not None and not para.blank]
    if outlined:
        heads = [_norm(para.text.strip()) for para in outlined]
    else:
        levels = [_heading_level(para.text.strip()) for para in paras]
        heads = []
        for index, para in enumerate(paras):
            level = levels[index]
            neighbours = levels[index - 1] if index else None, levels[index + 1] if index + 1 < len(paras) else None
            # numbered lines of one level one after another are a list (整改要求 …), not headings
            if level is not None and level not in neighbours:
                heads.append(_norm(para.text))
    special = set(closing) | {_norm(doc.annotation.text) if doc.annotation else ""}
    body = [_norm(p.text) for p in paras if _norm(p.text) not in special]
    return _Parts(body=body, headings=heads, closing=closing,
                  annotation=_norm(doc.annotation.text) if doc.annotation else "",
                  notes=[_norm(p.text) for p in doc.notes],
                  record=[_norm(p.text) for p in doc.record if not p.blank],
                  front=[_norm(p.text) for p in (*doc.head, doc.title, doc.to) if p is not None and not p.blank],
                  attachment_heads=[_norm(p.text) for label, title, _ in doc.attachments
                                    for p in (label, title) if p is not None])


def _closing_only_pages(parts: _Parts, pages: list[Page]) -> list[Page]:
    """Pages holding the 附件说明, 署名 or date but no body text (and no “此页无正文”)."""
    found = []
    for page in pages:
        # an attachment page's 附件N label and title are words of the 附件说明 as well
        texts = [line.text for line in page.lines if not _within(line.text, parts.attachment_heads)]
        has_closing = any(_within(t, parts.closing) for t in texts)
        bodyish = [t for t in texts if not _within(t, [*parts.closing, parts.annotation])
                   and not _within(t, parts.record)]
        if has_closing and not bodyish and NO_TEXT_PAGE not in texts:
            found.append(page)
    return found


def signature_pages_without_text(doc: Parsed, pages: list[Page]) -> list[Page]:
    """The pages R1 reports (a closing block alone on its page), for `draft --render` to mark
    with “（此页无正文）” as the seeds do (GB/T 9704 7.3.5)."""
    return _closing_only_pages(_parts(doc), pages)


def _heading_level(text: str) -> int | None:
    """The level of a line that reads as a heading (一、… short, no sentence in or at its end:
    “（七）…上岗作业的。” is a quoted law's item), else None."""
    if not text or "。" in text or text[-1] in "；;，,：:" or L.text_width_chars(text) > 2 * L.CHARS_PER_LINE:
        return None
    return next((level for level, pattern in HEADING.items() if pattern.match(text)), None)


def _within(line: str, texts: list[str]) -> bool:
    """The printed line is a piece of one of `texts` (lines of a paragraph)."""
    return len(line) >= 1 and any(line in text for text in texts if text)


def check_pages(doc: Parsed, pages: list[Page]) -> list[FormatResult]:
    """The layout rules (R1–R7) on rendered pages."""
    parts = _parts(doc)
    results: list[FormatResult] = []

    def report(code: str, name: str, problems: list[str]) -> None:
        message = f"{name}：{'；'.join(problems[:6])}" if problems else f"{name}：符合"
        results.append(FormatResult(code, not problems, message))

    # R1 pages without body text (a 署名/日期 page needs body text or 此页无正文)
    empty = [f"第{page.number}页只有署名、日期或附件说明，没有正文（也没有“{NO_TEXT_PAGE}”）"
             for page in _closing_only_pages(parts, pages)]
    only_note = []
    for page in pages:
        texts = [line.text for line in page.lines if not _within(line.text, parts.attachment_heads)]
        if not texts:
            continue
        annotation_only = parts.annotation and all(_within(t, [parts.annotation]) for t in texts)
        notes_only = parts.notes and all(_within(t, parts.notes) for t in texts)
        if annotation_only or notes_only:
            only_note.append(f"第{page.number}页只有{'附注' if annotation_only else '附件说明'}")
    # a title line may also be words of the body (现将《…》印发你们): it is not body text
    if pages and pages[0].lines and not any(_within(line.text, parts.body) and not _within(line.text, parts.front)
                                            for line in pages[0].lines):
        empty.insert(0, "首页没有正文（版头和标题之后的正文被推到了下一页）")
    report("R1", "无正文的署名页", empty)
    report("R2", "只有附注或附件说明的页", only_note)
    # R3 a heading as the last line of a page with more text following
    orphans = []
    heading_set = set(parts.headings)
    # a line that may as well end a body paragraph (a quiz stem quoting a clause the body
    # quotes too) is not known to be a heading's
    not_headings = [text for text in parts.body if text not in heading_set]
    for page, following in itertools.pairwise(pages):
        if not page.lines or not following.lines:
            continue
        last = page.lines[-1].text
        if any(heading.endswith(last) and len(last) >= 2 for heading in parts.headings) \
                and not any(text.endswith(last) for text in not_headings):
            orphans.append(f"第{page.number}页末行是标题“{last[:16]}”，与正文分在两页")
    report("R3", "页末孤立标题", orphans)
    # R4 the 版记 on one page
    others = parts.body + parts.closing + [parts.annotation]
    record_pages = sorted({page.number for page in pages for line in page.lines
                           if _within(line.text, parts.record) and not _within(line.text, others)})
    split = [f"版记分在第{'、'.join(map(str, record_pages))}页"] if len(record_pages) > 1 else []
    report("R4", "版记不分页", split)
    # R5 full body lines hold 28 characters: a stretched line (a break inside justified text)
    # is always a fault; otherwise most lines must hold 28 (line-breaking rules such as a
    # closing mark that may not start a line move single characters, so not every one does)
    stretched, counts = [], []
    for page in pages:
        for index, line in enumerate(page.lines):
            if not _full_body_line(line) or not _within(line.text, parts.body):
                continue
            text = line.text
            if text[-1] in _HANGING and line.x1 > RIGHT + GRID_CHAR * 0.3:
                text = text[:-1]  # punctuation hung in the margin
            count = L.text_width_chars(text) + round((line.x0 - LEFT) / GRID_CHAR)
            after = page.lines[index + 1].text if index + 1 < len(page.lines) else ""
            if count <= L.CHARS_PER_LINE - 3:
                stretched.append(f"第{page.number}页“{line.text[:10]}…”一行只有 {count:g} 字却排满一行")
            elif _FULL_WIDTH.fullmatch(text):
                # one character short because of the line-breaking rules is a full line: the
                # 28th would be an opening mark (may not end a line), or the next line's second
                # character a closing mark (may not start one) that pulled its neighbour down
                moved = count == L.CHARS_PER_LINE - 1 and len(after) >= 2 \
                    and (after[0] in _OPENING or after[1] in _HANGING)
                counts.append(L.CHARS_PER_LINE if moved else count)
    fault = list(stretched)
    full = sum(1 for count in counts if count == L.CHARS_PER_LINE)
    if counts and full < 0.8 * len(counts):
        fault.append(f"排满的正文行中只有 {full}/{len(counts)} 行是 {L.CHARS_PER_LINE} 字")
    report("R5", f"每行{L.CHARS_PER_LINE}字", fault)
    # R6 成文日期 starts two characters right of the 署名
    offsets = []
    if doc.signature is not None and doc.date is not None:
        sig, day = _norm(doc.signature.text), _norm(doc.date.text)
        for page in pages:
            sig_line = next((line for line in page.lines if line.text == sig), None)
            day_line = next((line for line in page.lines if line.text == day), None)
            if sig_line is None or day_line is None:
                continue
            chars = (day_line.x0 - sig_line.x0) / GRID_CHAR
            centred = abs((day_line.x0 + day_line.x1) - (sig_line.x0 + sig_line.x1)) < GRID_CHAR
            if abs(chars - L.DATE_OFFSET_CHARS) > 0.35 and not centred:
                offsets.append(f"成文日期首字在署名首字右 {chars:.1f} 字，应为 {L.DATE_OFFSET_CHARS} 字")
    report("R6", "成文日期与署名", offsets)
    report("R7", "版记在末页（偶数页）下端", _record_placement(pages, record_pages))
    return results


#: the last 版记 line (印发机关和日期) ends this close to the foot of the 版心: the last rule
#: and its gap lie below it, a whole line above means it floats
FOOT_TOLERANCE = 12.0


def _record_placement(pages: list[Page], record_pages: list[int]) -> list[str]:
    """R7 (V1): the 版记 is on the last page, at the bottom of the 版心, and that page is even
    (its back is the back of the document). Pages are numbered as printed: blank pages the
    renderer inserts count."""
    if not record_pages:
        return []
    problems = []
    page = next(p for p in pages if p.number == record_pages[-1])
    later = [p.number for p in pages if p.number > page.number and p.lines]
    if later:
        problems.append(f"版记（第{page.number}页）之后还有第{'、'.join(map(str, later[:3]))}页")
    if page.number % 2 and len(pages) > 1:
        problems.append(f"版记在第{page.number}页（单页），应在偶数页（其前加空白页）")
    gap = BOTTOM - page.lines[-1].y1
    if gap > FOOT_TOLERANCE:
        problems.append(f"版记末行距版心下边缘 {gap / (L.LINE_PITCH * PT_PER_TWIP):.1f} 行，应置于版心最下端")
    return problems


def _full_body_line(line: Line) -> bool:
    """A 3号 line that reaches the right edge of the 版心 (not a paragraph's last line)."""
    return 19 <= line.height <= 23 and line.x1 >= RIGHT - GRID_CHAR * 0.6 and line.x0 < LEFT + 3 * GRID_CHAR


def rendered(path: Path, *, keep: Path | None = None) -> tuple[Parsed, list[Page]]:
    """The parts of `path` and its pages as LibreOffice prints them; `keep` is a folder for
    the PDF (else temporary)."""
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises several unrelated types on bad input
        raise SourceError(f"无法读取 .docx：{path}（{error}）") from error
    doc = parse(document)
    with tempfile.TemporaryDirectory() as scratch:
        pdf = to_pdf(path, keep or Path(scratch))
        pages = read_pages(pdf)
    return doc, pages


def check_layout(path: Path, *, keep: Path | None = None) -> list[FormatResult]:
    """Render `path` and run the layout rules."""
    return check_pages(*rendered(path, keep=keep))
