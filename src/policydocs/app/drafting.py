"""The index as drafting sees it: a `CitationService` that opens the index only when a draft
first needs a citation, and turns a broken index into a warning (the draft is still written,
its markers 〔未核实〕) instead of a failure. Also the checks of a source's attachments that
the use case makes before anything is written."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from docx.document import Document as DocxDocument

from policydocs import gbt9704 as L
from policydocs.cite.findings import Basis, Finding
from policydocs.cite.service import IndexCitationService
from policydocs.draft.frontmatter import Source, read_source
from policydocs.errors import DraftError, PolicydocsError
from policydocs.search.library import Library

if TYPE_CHECKING:
    from policydocs.check.format_rules import FormatResult


class LazyIndexService:
    """`CitationService` over the library `open_library()` returns, opened on first use."""

    def __init__(self, open_library: Callable[[], Library]):
        self._open_library = open_library
        self._service: IndexCitationService | None = None
        self._failed = False
        #: why the index could not be used (at most one entry)
        self.warnings: list[str] = []

    def _open(self) -> IndexCitationService | None:
        if self._service is None and not self._failed:
            try:
                self._service = IndexCitationService(self._open_library())
            except PolicydocsError as error:  # a broken index must not stop the draft
                self._failed = True
                self.warnings.append(f"索引不可用（{error}），引用均未核实")
        return self._service

    def basis_for(self, description: str, *, with_penalty: bool, context: str = "") -> Basis:
        service = self._open()
        if service is None:
            return Basis(description=description, duty=None)
        return service.basis_for(description, with_penalty=with_penalty, context=context)

    def check_text(self, text: str) -> list[Finding]:
        service = self._open()
        return [] if service is None else service.check_text(text)


def check_attachments(source: Source, *, allow_outside: bool) -> list[Path]:
    """Every input file of the draft (the source and its attachment files). DraftError for an
    attachment file outside the source's folder, symlinks resolved (`/etc/passwd`,
    `../../secret.md`, a link pointing out), unless `allow_outside`."""
    folder = source.path.resolve().parent
    inputs = [source.path]
    for number, attachment in enumerate(source.meta.attachments, 1):
        for path in (attachment.file, attachment.checklist):
            if path is None:
                continue
            real = path.resolve()
            if not allow_outside and not real.is_relative_to(folder):
                raise DraftError(f"{source.path.name}: 附件{number}“{attachment.title}”的文件 {real} 不在文档所在目录 "
                                 f"{folder} 内；请把它放到该目录下，或确认后加 --allow-outside")
            inputs.append(real)
    return inputs


def attachment_warnings(source: Source) -> list[str]:
    """What the drafter would not see in the result: an attachment without a file (its page
    has only the title), and the attachments of an attached document (their pages are not
    written: the notice lists only its own)."""
    warnings = []
    for number, attachment in enumerate(source.meta.attachments, 1):
        if attachment.checklist is not None:
            continue
        if attachment.file is None:
            warnings.append(f"附件{number}“{attachment.title}”没有指定 file：附件页只有标题；"
                            "如有附件正文，请在 attachments 中写 file: 文件名.md")
            continue
        nested = read_source(attachment.file, None, ()).meta.attachments
        if nested:
            titles = "、".join(f"“{item.title}”" for item in nested)
            warnings.append(f"附件{number}“{attachment.title}”（{attachment.file.name}）自身的附件 {titles} "
                            f"不会写入本文档；如需要，请把它们列入 {source.path.name} 的 attachments")
    return warnings


_YAML_DATE = re.compile(r"^\s*-?\s*([\w-]+)\s*:\s*['\"]?(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ].*)?['\"]?\s*(?:#.*)?$")


def invalid_date_line(path: Path) -> str:
    """"第3行 date: 2024-13-45" for the first front-matter line YAML reads as a date that the
    calendar lacks (YAML itself raises a bare ValueError, naming neither line nor field)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff").splitlines()
    except OSError:
        return ""
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            break
        match = _YAML_DATE.match(line)
        if match:
            try:
                dt.date(*(int(part) for part in match.groups()[1:]))
            except ValueError:
                return f"第{number}行 {match.group(1)}: {line.split(':', 1)[1].strip()}"
    return ""


#: characters a .docx (XML 1.0) cannot hold: python-docx refuses them with a bare ValueError
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def check_characters(source: Source) -> None:
    """DraftError naming the field or line that holds a character Word cannot store (a
    control character pasted from another program), before any work is done."""
    values = [(f"字段 {name}", value) for name, value in _field_texts(source)]
    values += [(f"第{source.body_line + number}行", line) for number, line in enumerate(source.body.splitlines())]
    for where, text in values:
        found = _NOT_IN_XML.search(text)
        if found:
            raise DraftError(f"{source.path.name}: {where} 含有 Word 无法保存的控制字符 U+{ord(found.group()):04X}；"
                             "请删除该字符")


def _field_texts(source: Source) -> list[tuple[str, str]]:
    meta = source.meta
    texts = [(name, value) for name, value in _vars_of(meta).items() if isinstance(value, str)]
    texts += [("cc", item) for item in meta.cc]
    texts += [("attachments", item.title) for item in meta.attachments]
    texts += [(name, str(value)) for name, value in meta.extra.items()]
    return texts


def _vars_of(meta: object) -> dict[str, object]:
    """A slotted dataclass's fields and values."""
    return {name: getattr(meta, name) for name in getattr(meta, "__slots__", ())}


#: layouts tried by `paginate` (each mark moves one closing block; more would loop)
MAX_LAYOUTS = 3


def paginate(document: DocxDocument, profile: L.FontProfile) -> tuple[list[FormatResult], list[str]]:
    """`draft --render`: lay the document out through LibreOffice, put right what the pages
    show and can be put right in the document (a 署名 page without body text gets
    “（此页无正文）”), and return the layout rules on the final pages with the list of
    changes. Without LibreOffice: one R0 result saying the pass did not run."""
    # imported on use: rendering is what only --render pays for
    from policydocs.check import layout
    from policydocs.check.format_rules import FormatResult
    from policydocs.draft.pagination import NO_TEXT_LINE, mark_no_text_page

    if not layout.available():
        return [FormatResult("R0", True, "排版检查：不适用（未安装 LibreOffice 或 pdftotext）")], []
    fixes: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "draft.docx"
        for attempt in range(MAX_LAYOUTS):
            document.save(str(path))
            try:
                doc, pages = layout.rendered(path)
            except (PolicydocsError, OSError, subprocess.SubprocessError) as error:
                # a renderer that fails must not cost the draft: it is written, unchecked
                return [FormatResult("R0", True, f"排版检查：未能完成（{error}）")], fixes
            empty = layout.signature_pages_without_text(doc, pages)
            first = empty[0].lines[0].text if empty else ""
            earlier = sum(any(line.text == first for line in page.lines) for page in pages
                          if empty and page.number < empty[0].number)
            if not empty or attempt == MAX_LAYOUTS - 1 \
                    or not mark_no_text_page(document, profile, first, earlier):
                return layout.check_pages(doc, pages), fixes
            fixes.append(f"第{empty[0].number}页只有署名、日期：已在页首加“{NO_TEXT_LINE}”")
    raise AssertionError("unreachable")  # the loop always returns
