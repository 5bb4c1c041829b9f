"""Drafting from a form instead of a Markdown file: the front-matter fields of each document
kind as a face shows them (label, one line or one entry per line), and the Markdown source a
filled form stands for. The source then goes through `Workspace.draft` like any file, so a
form gets exactly the CLI's validation messages (缺少字段 number, 文号格式不对 …)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from policydocs.draft.kinds import get_kind

#: one line / a date / one entry per line / "姓名，职务" per line / "要求，期限" per line
FIELD_STYLES = ("text", "date", "lines", "persons", "rectification")


@dataclass(frozen=True, slots=True)
class FormField:
    name: str  # the front-matter key
    label: str  # what the form calls it
    style: str = "text"
    hint: str = ""


_F = FormField
_NOTICE = (
    _F("issuer", "发文机关"), _F("number", "发文字号", hint="×安〔2024〕1号"), _F("title", "标题"),
    _F("to", "主送机关"), _F("date", "成文日期", "date", "2024-01-20"), _F("signature", "署名"),
    _F("note", "附注", hint="此件公开发布"), _F("attachments", "附件（每行一个标题）", "lines"),
    _F("cc", "抄送（每行一个）", "lines"), _F("printer", "印发机关"), _F("print_date", "印发日期", "date"),
)
_PLAN = (
    _F("title", "标题"), _F("issuer", "发文机关"), _F("signature", "署名"), _F("date", "成文日期", "date"),
    _F("attachments", "附件（每行一个标题）", "lines"),
)
_INTERVIEW = (
    _F("title", "标题", hint="安全生产约谈记录"), _F("time", "约谈时间", hint="2024年7月15日9时30分"),
    _F("place", "约谈地点"), _F("interviewer", "约谈单位"), _F("host", "主持人"),
    _F("attendees", "参加单位（每行一个）", "lines"), _F("interviewee", "被约谈单位"),
    _F("persons", "被约谈人员（每行“姓名，职务”）", "persons"), _F("reason", "约谈事由"),
    _F("basis", "约谈依据"), _F("problems", "存在问题（每行一个）", "lines"),
    _F("rectification", "整改要求（每行“要求，期限”）", "rectification"),
    _F("report_deadline", "书面报告期限", "date"), _F("recorder", "记录人"), _F("date", "日期", "date"),
)
FORM_FIELDS: dict[str, tuple[FormField, ...]] = {"notice": _NOTICE, "plan": _PLAN, "interview": _INTERVIEW}

_SEPARATOR = re.compile(r"[，,、|｜\t]")


def form_fields(kind: str) -> list[tuple[FormField, bool]]:
    """The fields of `kind`'s form, each with whether the kind requires it."""
    required = get_kind(kind).required
    return [(f, f.name in required) for f in FORM_FIELDS[get_kind(kind).name]]


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def _pair(line: str) -> tuple[str, str]:
    parts = _SEPARATOR.split(line, maxsplit=1)
    first = parts[0].strip()
    rest = parts[1].strip() if len(parts) > 1 else ""
    return first, rest


def _value(field: FormField, raw: str) -> object:
    if field.style == "lines":
        return _lines(raw)
    if field.style == "persons":
        return [dict(zip(("name", "position"), _pair(line), strict=True)) for line in _lines(raw)]
    if field.style == "rectification":
        items = []
        for line in _lines(raw):
            requirement, deadline = _pair(line)
            items.append({"requirement": requirement, **({"deadline": deadline} if deadline else {})})
        return items
    return raw.strip()


def form_source(kind: str, values: dict[str, str], body: str) -> str:
    """The Markdown source (YAML front matter + body) of a filled form; empty fields are left
    out, so a missing required one is reported as the CLI reports it."""
    name = get_kind(kind).name
    data: dict[str, object] = {"kind": name}
    for field in FORM_FIELDS[name]:
        value = _value(field, values.get(field.name, "") or "")
        if value not in ("", []):
            data[field.name] = value
    head = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{head}---\n\n{body.strip()}\n"
