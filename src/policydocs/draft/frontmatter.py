"""Reading a drafting source: YAML front matter + Markdown body, validated into `Meta`.

Errors name the field or file in one line, because drafters fix them by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policydocs.corpus.policy import split_front_matter
from policydocs.errors import DraftError, SourceError
from policydocs.text.dates import gbt_date, typed_date
from policydocs.text.decoding import UndecodableText, decode_text
from policydocs.text.docnumber import is_gbt_number


@dataclass(slots=True)
class Attachment:
    """One attachment: its title, and the Markdown file that becomes its pages (if any)."""

    title: str
    file: Path | None = None
    issued: bool = False  # the document the notice issues (印发): it follows the notice itself
    checklist: Path | None = None  # an items file (draft/checklist.py) whose table is the page


@dataclass(slots=True)
class Meta:
    """Validated front matter. Dates are already in 2022年1月20日 form (B7)."""

    kind: str
    title: str = ""
    issuer: str = ""
    mark: str = ""
    mark_suffix: str = "文件"  # 发文机关标志 = issuer + suffix; empty for an 办公室 or a 函
    number: str = ""
    to: str = ""
    date: str = ""
    signature: str = ""
    note: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    printer: str = ""
    print_date: str = ""
    copy_no: str = ""
    secret: str = ""
    urgency: str = ""
    signer: str = ""
    seal: bool = False
    basis_appendix: bool = False
    #: the 联系人 block before the 附件说明 (seed 002): (label, value) lines
    contact: list[tuple[str, str]] = field(default_factory=list)
    #: kind-specific fields (the interview's parties, problems …), as written
    extra: dict = field(default_factory=dict)


@dataclass(slots=True)
class Source:
    """A parsed drafting file: metadata, Markdown body and the body's first line number."""

    path: Path
    meta: Meta
    body: str
    body_line: int = 1


def format_date(value: object, field_name: str) -> str:
    """2022-01-20 / date object / 2022年01月20日 → 2022年1月20日 (no leading zeros)."""
    if isinstance(value, dt.date):
        return gbt_date(value)
    text = str(value).strip()
    parts = typed_date(text)
    if parts is None:
        raise DraftError(f"字段 {field_name} 的日期无法识别：{text}（应为 2022-01-20 或 2022年1月20日）")
    try:
        return gbt_date(dt.date(*parts))
    except ValueError as error:
        raise DraftError(f"字段 {field_name} 的日期无效：{text}") from error


def _text(value: object, field_name: str) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "，".join(_text(item, field_name) for item in value)
    if isinstance(value, dict):
        raise DraftError(f"字段 {field_name} 应为文字，不是映射")
    return str(value).strip()


def _attachments(value: object, base: Path) -> list[Attachment]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise DraftError("字段 attachments 应为列表")
    result = []
    for index, item in enumerate(value, 1):
        if isinstance(item, str):
            result.append(Attachment(item.strip()))
            continue
        if not isinstance(item, dict) or not item.get("title"):
            raise DraftError(f"字段 attachments 第{index}项缺少 title")
        file = None
        if item.get("file"):
            file = (base / str(item["file"])).resolve()
            if not file.is_file():
                raise DraftError(f"附件文件不存在：{item['file']}（附件{index}“{item['title']}”）")
        checklist = None
        if item.get("checklist"):
            checklist = (base / str(item["checklist"])).resolve()
            if not checklist.is_file():
                raise DraftError(f"检查表文件不存在：{item['checklist']}（附件{index}“{item['title']}”）")
        result.append(Attachment(str(item["title"]).strip(), file, bool(item.get("issued")), checklist))
    return result


#: contact: keys and the labels the seeds print
CONTACT_LABELS = {"name": "联系人", "phone": "联系电话", "fax": "传真", "email": "电子邮箱",
                  "address": "通信地址"}


def _contact(value: object) -> list[tuple[str, str]]:
    """`contact: {name: 覃宇, phone: 0825-8667558, email: …}` (or a list of such, one per
    person) → the block's lines, in the seeds' order."""
    if value in (None, "", []):
        return []
    people = value if isinstance(value, list) else [value]
    lines = []
    for person in people:
        if not isinstance(person, dict):
            raise DraftError("字段 contact 应为映射，如 {name: 张三, phone: 0825-1234567}")
        unknown = set(person) - set(CONTACT_LABELS)
        if unknown:
            raise DraftError(f"字段 contact 不认识 {'、'.join(sorted(map(str, unknown)))}"
                             f"（可用 {'、'.join(CONTACT_LABELS)}）")
        lines += [(label, _text(person[key], "contact")) for key, label in CONTACT_LABELS.items()
                  if person.get(key) not in (None, "")]
    return lines


def split(text: str, path: Path) -> tuple[dict, str, int]:
    """Front matter mapping, body text, and the line number where the body starts. The
    parsing itself is the corpus reader's, so a document drafts and indexes the same way."""
    try:
        parsed = split_front_matter(text, path)
    except SourceError as error:
        raise DraftError(f"{error}（含“: ”的值请加引号）") from None
    if parsed is None:
        return {}, text, 1
    data, body = parsed
    total = len(text.lstrip("\ufeff").splitlines())
    return data, "\n".join(body) + ("\n" if text.endswith("\n") else ""), total - len(body) + 1


_TEXT_FIELDS = ("title", "issuer", "mark", "mark_suffix", "number", "to", "signature", "note", "printer",
                "secret", "urgency", "signer")
_KNOWN = set(_TEXT_FIELDS) | {"kind", "date", "print_date", "attachments", "issues", "cc", "copy_no",
                              "seal", "basis_appendix", "contact"}


def read_source(path: Path, kind: str | None, required: tuple[str, ...]) -> Source:
    """Parse and validate `path` for document kind `kind` (None: any kind, for attachment
    files); `required` names the mandatory fields."""
    try:
        text = decode_text(path.read_bytes())
    except FileNotFoundError as error:
        raise DraftError(f"找不到文件：{path}") from error
    except UndecodableText as error:
        raise DraftError(f"{path.name} 不是 UTF-8 或 GB18030 文本") from error
    data, body, body_line = split(text, path)
    declared = data.get("kind")
    if declared and kind and declared != kind:
        raise DraftError(f"{path.name}: 文件头 kind 为 {declared}，与命令的 {kind} 不符")
    for name in required:
        if data.get(name) in (None, "", []):
            raise DraftError(f"{path.name}: 文件头缺少字段 {name}")
    texts: dict[str, Any] = {name: _text(data.get(name), name) for name in _TEXT_FIELDS}
    meta = Meta(kind=kind or str(declared or ""), **texts)
    meta.to = meta.to.rstrip("：:")
    if data.get("mark_suffix") is None:  # an 办公室 or a 函 signs without "文件" (seed 002)
        letter = "函" in meta.number or meta.title.endswith("函")
        meta.mark_suffix = "" if meta.issuer.endswith(("办公室", "办")) or letter else "文件"
    meta.mark = meta.mark or (f"{meta.issuer}{meta.mark_suffix}" if meta.issuer else "")
    if meta.number and not is_gbt_number(meta.number):
        raise DraftError(f"字段 number 的文号格式不对：{meta.number}（应为 机关代字〔2022〕4号）")
    for name in ("date", "print_date"):
        if data.get(name) not in (None, ""):
            setattr(meta, name, format_date(data[name], name))
    copy_no = data.get("copy_no")
    if copy_no not in (None, ""):
        meta.copy_no = str(copy_no).zfill(6)
        if not re.fullmatch(r"\d{6}", meta.copy_no):
            raise DraftError(f"字段 copy_no 应为六位数字：{copy_no}")
    cc = data.get("cc") or []
    meta.cc = [_text(item, "cc") for item in (cc if isinstance(cc, list) else
                                                 re.split(r"[，,、]", str(cc)))]
    meta.cc = [item.rstrip("。") for item in meta.cc if item]
    meta.seal = bool(data.get("seal"))
    meta.basis_appendix = bool(data.get("basis_appendix"))
    meta.attachments = _attachments(data.get("attachments"), path.parent)
    meta.contact = _contact(data.get("contact"))
    if data.get("issues"):  # 印发 mode: issues: plan.md is the first attachment, issued
        issued = (path.parent / str(data["issues"])).resolve()
        if not issued.is_file():
            raise DraftError(f"印发的文件不存在：{data['issues']}（字段 issues）")
        issued_meta = read_source(issued, None, ()).meta
        meta.attachments.insert(0, Attachment(issued_meta.title or issued.stem, issued, True))
    meta.extra = {key: value for key, value in data.items() if key not in _KNOWN}
    return Source(path=path, meta=meta, body=body, body_line=body_line)
