"""Loading and filling the docxtpl templates that `scripts/build_templates.py` writes.

Only front-matter values go through Jinja, as *values* with autoescape on: the drafter's
text is data, so a `{{` in it is printed, never evaluated. The body is added afterwards
by the program (see compose.py).
"""

from __future__ import annotations

import datetime as dt
import io
import os
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from policydocs import gbt9704 as L
from policydocs.draft import styles
from policydocs.errors import DraftError
from policydocs.text.dates import typed_date

TEMPLATES_ENV = "POLICYDOCS_TEMPLATES"


def template_dir() -> Path | Traversable:
    """$POLICYDOCS_TEMPLATES, else the installed package policydocs.templates (the
    repository's top-level templates/ folder, mapped into the package by setup.py)."""
    configured = os.environ.get(TEMPLATES_ENV)
    return Path(configured) if configured else resources.files("policydocs.templates")


def render(kind: str, context: dict[str, str], profile: L.FontProfile) -> DocxDocument:
    """The kind's template with `context` filled in, in the requested font profile."""
    path = template_dir() / f"{kind}.docx"
    if not path.is_file():
        raise DraftError(f"缺少模板 {path}：请运行 python scripts/build_templates.py")
    template = DocxTemplate(io.BytesIO(path.read_bytes()))
    template.render(context, autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    buffer.seek(0)
    document = docx.Document(buffer)
    refont(document, profile)
    clean_package(document)
    return document


def clean_package(document: DocxDocument) -> None:
    """Remove what python-docx's default template leaves behind: the blank thumbnail (and
    the setting that would save a new one), the ja-JP theme language, the 2013 dates, the
    extended properties of a 2010 "Microsoft Macintosh Word" (Normal.dotm, 1 page, 0 words:
    optional, and wrong for every draft), an empty bibliography (customXml) and Word 2010's
    copy of the template's own styles (stylesWithEffects: Calibri, none of ours)."""
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype.endswith(("/metadata/thumbnail", "/extended-properties")):
            package.rels.pop(rid)
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype.endswith(("/customXml", "/stylesWithEffects")):
            document.part.rels.pop(rid)
    settings = document.settings.element
    for old in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(old)
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    properties(document, title="", author="", date=None)


def properties(document: DocxDocument, *, title: str, author: str, date: str | None) -> None:
    """Core properties of a draft: its title, its issuer as author, the draft's date (成文日期,
    else today) as created/modified; nothing of the template's."""
    core = document.core_properties
    core.title, core.author, core.last_modified_by = title, author, author
    core.comments = core.keywords = core.subject = core.category = ""
    core.language = "zh-CN"
    parts = typed_date(date) if date else None
    when = dt.datetime(*parts, 9) if parts else dt.datetime.now().replace(microsecond=0)
    core.created = core.modified = when
    core.revision = 1


def refont(document: DocxDocument, profile: L.FontProfile) -> None:
    """Rewrite every East Asian font name (styles and runs) into `profile`'s names."""
    styles.install_styles(document, profile)
    parts = [document.element] + [rel.target_part.element for rel in document.part.rels.values()
                                   if rel.reltype.endswith("/footer")]
    for part in parts:
        for fonts in part.iter(qn("w:rFonts")):
            family = L.font_family(fonts.get(qn("w:eastAsia")))
            if family:
                fonts.set(qn("w:eastAsia"), getattr(profile, family))


def find_role(document: DocxDocument, role: str):
    """The first body paragraph with `role`'s style (template parts are found this way)."""
    wanted = styles.style_id(styles.ROLES[role].style)
    for paragraph in document.paragraphs:
        style = paragraph._p.pPr.find(qn("w:pStyle")) if paragraph._p.pPr is not None else None
        if style is not None and style.get(qn("w:val")) == wanted:
            return paragraph
    raise DraftError(f"模板缺少“{styles.ROLES[role].style}”段落：请重新生成模板")
