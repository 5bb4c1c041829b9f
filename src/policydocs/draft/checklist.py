"""Inspection checklists (执法检查重点事项表, 履职检查表): violation descriptions in the
inspector's words become rows whose 执法依据 and 处罚依据 are found by the same citation
service as drafting markers, quoted verbatim after their canonical citation with the
document's level label. Explicit citations the user typed are verified and corrected to the
current number. What the service is not sure of is highlighted and reported.

The items file (YAML or Markdown) is read here; the tables are written by
`checklist_docx.py` and `checklist_xlsx.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from policydocs.cite.findings import CitedClause, Finding
from policydocs.draft.citations import CitationService
from policydocs.errors import SourceError, UsageError
from policydocs.text.decoding import UndecodableText, decode_text

#: the columns of each layout, as the seeds' tables have them (seed 000 附件6, seed 002 附件1)
LAYOUTS: dict[str, tuple[str, ...]] = {
    "重点事项": ("序号", "违法行为描述", "执法依据", "方式方法", "处罚依据", "检查情况"),
    "履职": ("检查对象", "检查项目", "检查内容", "检查要点", "检查依据", "法律责任"),
}
DEFAULT_LAYOUT = "重点事项"
#: relative column widths of each layout (the quoted law texts get the room)
SHARES: dict[str, tuple[int, ...]] = {
    "重点事项": (3, 8, 16, 6, 16, 5),
    "履职": (4, 8, 8, 7, 16, 16),
}
DEFAULT_TITLE = "安全生产执法检查重点事项表"
#: the level label of each document category (the seeds' 【法律】【规范性文件】)
LEVEL_LABELS = {
    "宪法": "法律", "法律": "法律", "行政法规": "行政法规", "部门规章": "部门规章",
    "地方性法规": "地方性法规", "地方政府规章": "地方政府规章", "规范性文件": "规范性文件",
}
CONFIDENCE_LABEL = {"high": "", "check": "请核对", "none": "未核实"}


def level_label(category: str) -> str:
    """【法律】 for a law; 【规范性文件】 for anything below the rule-making levels; nothing
    when the category is unknown."""
    if not category:
        return ""
    return f"【{LEVEL_LABELS.get(category, '规范性文件')}】"


@dataclass(slots=True)
class Item:
    """One row as the user wrote it: the 违法行为描述 and optional method, explicit
    citations and group (检查对象/检查项目)."""

    description: str
    method: str = ""
    basis: str = ""
    penalty: str = ""
    group: str = ""
    #: 检查内容 / 检查要点 of the 履职 layout, when given
    content: str = ""
    points: str = ""

    def as_yaml(self) -> dict:
        data = {"description": self.description}
        for name in ("group", "method", "basis", "penalty", "content", "points"):
            if getattr(self, name):
                data[name] = getattr(self, name)
        return data


@dataclass(slots=True)
class Checklist:
    """A parsed items file."""

    items: list[Item]
    title: str = DEFAULT_TITLE
    scope: str = ""


def check_layout(layout: str) -> str:
    if layout not in LAYOUTS:
        raise UsageError(f"未知的表格样式：{layout}（可选：{'、'.join(LAYOUTS)}）(unknown layout)")
    return layout


# -- reading the items --------------------------------------------------------------------
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.、)])\s+(?P<text>.+?)\s*$")
_HEADING = re.compile(r"^\s*#+\s*(?P<text>.+?)\s*#*\s*$")


def read_items(path: Path) -> Checklist:
    """The items of a .yaml/.yml or .md file; SourceError (one line, naming the file and the
    entry) when it is empty, unreadable or an entry has no description."""
    try:
        text = decode_text(path.read_bytes())
    except UndecodableText:
        raise SourceError(f"{path.name}: 无法识别的文本编码（请保存为 UTF-8）") from None
    except OSError as error:
        raise SourceError(f"无法读取 {path}：{error.strerror or error}（请检查权限）") from None
    checklist = _read_markdown(text) if path.suffix.lower() in (".md", ".markdown", ".txt") \
        else _read_yaml(text, path.name)
    if not checklist.items:
        raise SourceError(f"{path.name}: 没有检查事项（每行写一个“- 违法行为描述”，或 YAML 列表）(no items)")
    return checklist


def _read_markdown(text: str) -> Checklist:
    """`- …` items, `#` headings their groups; a leading `# ` heading is the title when the
    groups below it are `##` headings."""
    items: list[Item] = []
    title, group = "", ""
    lines = text.splitlines()
    deeper = any(line.lstrip().startswith("##") for line in lines)
    for line in lines:
        heading = _HEADING.match(line)
        if heading:
            if deeper and line.lstrip().startswith("# ") and not title and not items and not group:
                title = heading.group("text")
            group = heading.group("text")
            continue
        entry = _LIST_ITEM.match(line)
        if entry:
            items.append(Item(entry.group("text"), group="" if group == title else group))
    return Checklist(items, title or DEFAULT_TITLE)


def _read_yaml(text: str, name: str) -> Checklist:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f"第{where.line + 1}行" if where is not None else ""
        raise SourceError(f"{name}: YAML 格式错误{line}（{getattr(error, 'problem', '') or error}）") from None
    title, scope = DEFAULT_TITLE, ""
    if isinstance(data, dict):
        title = str(data.get("title") or DEFAULT_TITLE).strip()
        raw_scope = data.get("scope")
        scope = "，".join(map(str, raw_scope)) if isinstance(raw_scope, list) else str(raw_scope or "")
        data = data.get("items")
    if data is None:
        return Checklist([], title, scope)
    if not isinstance(data, list):
        raise SourceError(f"{name}: items 应为列表（每项为违法行为描述或含 description 的映射）")
    items = [_item(entry, number, name) for number, entry in enumerate(data, 1)]
    return Checklist(items, title, scope.strip())


def _item(entry: object, number: int, name: str) -> Item:
    if isinstance(entry, str) and entry.strip():
        return Item(entry.strip())
    if isinstance(entry, dict):
        description = str(entry.get("description") or "").strip()
        if not description:
            raise SourceError(f"{name}: 第{number}项缺少 description（违法行为描述）")
        return Item(description, *(str(entry.get(key) or "").strip()
                                   for key in ("method", "basis", "penalty", "group", "content", "points")))
    raise SourceError(f"{name}: 第{number}项缺少 description（违法行为描述）")


# -- resolving the rows -----------------------------------------------------------------
@dataclass(slots=True)
class Quoted:
    """One clause written into a cell: its level label, canonical citation and text; `note`
    says what happened to an explicit citation (更正、未核实)."""

    citation: str
    text: str
    label: str = ""
    note: str = ""

    def cell(self) -> str:
        quoted = f"{self.label}{self.citation}规定：{self.text}" if self.text else f"{self.citation}"
        return quoted + (f"〔{self.note}〕" if self.note else "")

    def as_json(self) -> dict:
        return {"citation": self.citation, "label": self.label, "text": self.text, "note": self.note}


@dataclass(slots=True)
class Row:
    """One row of the table, resolved."""

    number: int
    item: Item
    duty: list[Quoted] = field(default_factory=list)
    penalties: list[Quoted] = field(default_factory=list)
    confidence: str = "none"
    problems: list[str] = field(default_factory=list)

    @property
    def highlighted(self) -> bool:
        return self.confidence != "high" or bool(self.problems)

    def basis_text(self) -> str:
        return "\n".join(q.cell() for q in self.duty) or "〔未核实：未找到执法依据〕"

    def penalty_text(self) -> str:
        return "\n".join(q.cell() for q in self.penalties) or "〔未核实：未找到处罚依据〕"

    def cells(self, layout: str) -> list[str]:
        item = self.item
        if layout == "履职":
            return [item.group, item.description, item.content, item.points or item.method,
                    self.basis_text(), self.penalty_text()]
        return [str(self.number), item.description, self.basis_text(), item.method, self.penalty_text(), ""]

    def as_json(self) -> dict:
        return {"number": self.number, "description": self.item.description, "group": self.item.group,
                "method": self.item.method, "confidence": self.confidence, "highlighted": self.highlighted,
                "basis": [q.as_json() for q in self.duty], "penalties": [q.as_json() for q in self.penalties],
                "problems": list(self.problems)}


def resolve_rows(checklist: Checklist, service: CitationService | None, context: str = "") -> list[Row]:
    """One row per item, in file order: explicit citations verified, the others found the
    way drafting markers are. An explicit 执法依据 without 处罚依据 gets the penalties the
    index links to it (`high` only for links the penalty states itself)."""
    rows = []
    for number, item in enumerate(checklist.items, 1):
        row = Row(number, item)
        if service is None:
            row.problems.append("未核实（无索引）")
            rows.append(row)
            continue
        confidences = []
        linked: list[Quoted] = []
        if item.basis:
            row.duty, sure = _explicit(item.basis, service, row.problems)
            confidences.append("high" if sure else "check")
            if not item.penalty:
                linked, sure = _linked(row.duty, service)
        found = None
        if not item.basis or not (item.penalty or linked):
            found = service.basis_for(item.description, with_penalty=True, context=context)
        usable = found is not None and found.duty is not None and found.confidence in ("high", "check")
        if not item.basis:
            if found is not None and found.duty is not None and usable:
                row.duty = [_quote(found.duty)]
                confidences.append(found.confidence)
            else:
                confidences.append("none")
                row.problems.append("未找到可信的执法依据")
        if item.penalty:
            row.penalties, sure = _explicit(item.penalty, service, row.problems)
            confidences.append("high" if sure else "check")
        elif linked:
            row.penalties = linked
            confidences.append("high" if sure else "check")
        elif found is not None and found.penalties and usable:
            row.penalties = [_quote(p) for p in found.penalties]
            confidences.append(found.confidence)
        else:
            confidences.append("none")
            row.problems.append("未找到处罚依据")
        order = ("high", "check", "none")
        row.confidence = max(confidences, key=order.index)
        rows.append(row)
    return rows


def _linked(duties: list[Quoted], service: CitationService) -> tuple[list[Quoted], bool]:
    """The penalties the index links to verified duty clauses, with their texts; sure when
    every link is `explicit` (the penalty names the duty's article)."""
    quoted: list[Quoted] = []
    sure = True
    for duty in duties:
        if not duty.text:
            continue
        for finding in service.check_text(duty.citation):
            for penalty in finding.penalties:
                sure = sure and penalty.link == "explicit"
                for found in service.check_text(penalty.citation):
                    if found.status == "ok" and found.citation:
                        quoted.append(Quoted(found.citation, found.clause_text or "",
                                             level_label(found.category or "")))
    return quoted, sure and bool(quoted)


def _quote(clause: CitedClause) -> Quoted:
    return Quoted(clause.citation, clause.text, level_label(clause.category))


def _explicit(text: str, service: CitationService, problems: list[str]) -> tuple[list[Quoted], bool]:
    """The clauses an explicit citation names, verified: a renumbered one is replaced by
    the current clause (marked 已更正), one that cannot be verified is kept as typed."""
    findings = service.check_text(text)
    if not findings:
        problems.append(f"未识别的引用：{text}")
        return [Quoted(text, "", note="未核实")], False
    quoted, sure = [], True
    for finding in findings:
        q, ok = _from_finding(finding, service)
        if not ok:
            sure = False
            fixed = f"，已更正为{q.citation}" if q.note.endswith("已更正") else ""
            problems.append(f"引用“{finding.source}”{finding.message or finding.status}{fixed}")
        quoted.append(q)
    return quoted, sure


def _from_finding(finding: Finding, service: CitationService) -> tuple[Quoted, bool]:
    if finding.status == "ok" and finding.citation:
        return Quoted(finding.citation, finding.clause_text or "", level_label(finding.category or "")), True
    if finding.suggestion and finding.status in ("mismatch", "outdated"):  # the words say where it is now
        corrected = service.check_text(finding.suggestion)
        if corrected and corrected[0].status == "ok" and corrected[0].citation:
            fixed = corrected[0]
            return Quoted(fixed.citation or "", fixed.clause_text or "", level_label(fixed.category or ""),
                          f"原引“{finding.source}”，已更正"), False
    return Quoted(finding.source or "", "", note="未核实"), False
