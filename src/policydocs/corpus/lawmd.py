"""Reader for law texts as lines: LawRefBook Markdown (title line, revision lines,
`<!-- INFO END -->`, `##` chapters) and the same shape without Markdown (plain text, .docx
from 国家法律法规数据库: title, then dated revision lines, then 第一章 / 第一条 …).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from policydocs.corpus.lawtree import build_law_clauses
from policydocs.corpus.metadata import aliases_for, category_from, region_from, version_from_filename
from policydocs.model import STATUS_REPEALED, Document
from policydocs.text.dates import parse_date
from policydocs.text.decoding import decode_text
from policydocs.text.normalize import normalize_line
from policydocs.text.numerals import NUMERAL_PATTERN

INFO_END = "<!-- INFO END -->"
_FIRST_STRUCTURE = re.compile(rf"^#*\s*第(?:{NUMERAL_PATTERN})[编章节条]")
_ARTICLE_START = re.compile(rf"^第(?:{NUMERAL_PATTERN})条")
_REPEALED = re.compile(r"废止|失效")
_FOOTNOTE = re.compile(r"\[\d{1,2}\]\s*")


def doc_id_for(title: str, version: str) -> str:
    """Stable id: the same title and version always get the same id, wherever the file lives."""
    digest = hashlib.sha1(f"{title}|{version}".encode()).hexdigest()[:10]
    return f"{digest}"


def looks_like_law(lines: list[str]) -> bool:
    """A text with several 第X条 lines is read as a law rather than a policy document."""
    return sum(1 for line in lines if _ARTICLE_START.match(line)) >= 3


def read_law_lines(lines: list[str], path: Path, root: Path | None = None) -> Document:
    """Build a law `Document` from normalised lines of Markdown, text or .docx."""
    lines = [normalize_line(line) for line in lines]
    title = ""
    header: list[str] = []
    body_start = 0
    for index, line in enumerate(lines):
        if not line:
            continue
        if line == INFO_END:
            body_start = index + 1
            break
        if not title:
            title = line.lstrip("#").strip()
            continue
        if _FIRST_STRUCTURE.match(line):
            body_start = index
            break
        header.append(line)
    else:
        body_start = len(lines)
    title = title.strip("《》")
    version = version_from_filename(path)
    dates = [d for d in (parse_date(h) for h in header) if d]
    if not version and dates:
        version = max(dates)
    if not version:
        version = _year_from_filename(path)
    folders = path.relative_to(root).parts[:-1] if root and path.is_relative_to(root) else path.parent.parts
    short_name = _VERSION_STRIPPED.sub("", path.stem)
    document = Document(
        doc_id=doc_id_for(title, version),
        title=title,
        category=category_from(title, folders),
        source=str(path),
        aliases=aliases_for(title, short_name if short_name != title else ""),
        promulgated=min(dates) if dates else version,
        effective=_effective_date(header) or version,
        version_date=version,
        region=region_from(title, folders),
    )
    if any(_REPEALED.search(h) and "决定" not in h for h in header):
        document.status = STATUS_REPEALED
    # encyclopedia-style copies of 国家法律法规数据库 texts carry footnote marks: 机制[2] 。
    body = [_FOOTNOTE.sub("", line) for line in lines[body_start:]]
    document.clauses = build_law_clauses(document.doc_id, body)
    return document


_VERSION_STRIPPED = re.compile(r"\(\d{4}-\d{2}-\d{2}\)$|[（(]\d{4}年?(?:修正|修订|修改|公布|版)?[)）]$")


_IN_FORCE_FROM = re.compile(r"自(.{6,16}?)起(?:施行|实施)")
#: 中华人民共和国安全生产法（2014年修正）.docx, as 国家法律法规数据库 names its downloads
_YEAR_IN_NAME = re.compile(r"[（(](\d{4})年?(?:修正|修订|修改|公布|版)?[)）]")


def _effective_date(header: list[str]) -> str:
    """When the newest revision took effect: the latest 自…起施行 date (an amended law's
    header lists the original's and each revision's), else the first line that says 施行."""
    found = [d for d in (parse_date(m.group(1)) for line in header for m in _IN_FORCE_FROM.finditer(line)) if d]
    if found:
        return max(found)
    for line in header:
        if "施行" in line:
            return parse_date(line)
    return ""


def _year_from_filename(path: Path) -> str:
    match = _YEAR_IN_NAME.search(path.name)
    return f"{match.group(1)}-01-01" if match else ""


def read_law_markdown(path: Path, root: Path | None = None) -> Document:
    return read_law_lines(decode_text(path.read_bytes()).splitlines(), path, root)
