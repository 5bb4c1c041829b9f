"""What a face that receives files (the web app) needs to take them safely: the kind of an
upload decided by its content, not its name (a .docx is a zip holding word/document.xml; a
text decodes as UTF-8 or GB18030 as every reader decodes it), a file name reduced to a bare
name inside a private folder (no user input ever names a server path), and that folder."""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from policydocs.errors import SourceError, UsageError
from policydocs.text.decoding import UndecodableText, decode_text

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".yaml", ".yml")
DOCX = ".docx"
XLSX = ".xlsx"
#: the zip member that makes an Office file what it is
_OFFICE = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


def content_kind(data: bytes) -> str:
    """"docx" for a Word document, "xlsx" for an Excel workbook, "text" for UTF-8/GB18030
    text, "" for anything else."""
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                return next((kind for kind, member in _OFFICE.items() if member in names), "")
        except (zipfile.BadZipFile, OSError, ValueError):
            return ""
    if b"\x00" in data:  # UTF-16, images, executables: no office text file holds NUL
        return ""
    try:
        decode_text(data)
    except UndecodableText:
        return ""
    return "text"


def safe_name(name: str, default: str = "upload") -> str:
    """The last component of an uploaded file's name, without separators, control or
    reserved characters (C:\\…\\通知.md → 通知.md); `default` when nothing is left."""
    base = re.split(r"[/\\]", name or "")[-1]
    base = _UNSAFE.sub("", base).strip().lstrip(".")[:120]
    return base or default


def checked_upload(name: str, data: bytes, allowed: Iterable[str]) -> str:
    """The suffix an upload is stored under, after checking its content fits one of the
    `allowed` suffixes: SourceError (one line, naming the file) when it does not."""
    allowed = tuple(allowed)
    shown = safe_name(name)
    if not data:
        raise SourceError(f"{shown}: 文件是空的（请重新选择文件）")
    kind = content_kind(data)
    suffix = Path(shown).suffix.lower()
    if kind == "docx" and DOCX in allowed:
        return DOCX
    if kind == "xlsx" and XLSX in allowed:
        return XLSX
    if kind == "text":
        texts = [s for s in allowed if s in TEXT_SUFFIXES]
        if texts:
            return suffix if suffix in texts else texts[0]
    wanted = "、".join(allowed)
    if kind == "" and suffix == DOCX:
        raise SourceError(f"{shown}: 不是有效的 Word 文档（.docx 应为含 word/document.xml 的压缩包；"
                          "请用 Word/WPS 另存为 .docx）")
    if kind == "" and suffix == XLSX:
        raise SourceError(f"{shown}: 不是有效的 Excel 工作簿（请用 Excel/WPS 另存为 .xlsx）")
    raise SourceError(f"{shown}: 文件内容不是可接受的类型（可上传：{wanted}；文本须为 UTF-8 或 GB18030 编码）")


def stored_name(name: str, suffix: str, taken: set[str] | None = None) -> str:
    """A bare file name ending in `suffix` for an upload kept in a private folder, distinct
    from the names in `taken` (two uploads called 通知.md)."""
    stem = Path(safe_name(name)).stem or "upload"
    candidate, n = f"{stem}{suffix}", 1
    while taken is not None and candidate in taken:
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    if taken is not None:
        taken.add(candidate)
    return candidate


def private_folder() -> tempfile.TemporaryDirectory:
    """A temporary folder only this user can read (mkdtemp's mode 0700), removed when the
    `with` block ends."""
    return tempfile.TemporaryDirectory(prefix="policydocs-web-")


def limit_text(text: str, limit: int) -> str:
    """Pasted text within `limit` characters, else a usage error naming the limit."""
    if len(text) > limit:
        raise UsageError(f"粘贴的文本太长：{len(text)} 字（最多 {limit} 字；较长的文件请上传）")
    return text
