"""Checklist use cases (`policydocs checklist`): items file or theme → verified table
(.docx / .xlsx), and re-verification of an old table. The citations go through the same
`CitationService` as drafting markers, with the checklist's `scope` as context."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from policydocs.app.workspace import Workspace
from policydocs.cite.service import IndexCitationService
from policydocs.draft.checklist import (
    DEFAULT_LAYOUT,
    Checklist,
    Item,
    Row,
    check_layout,
    read_items,
    resolve_rows,
)
from policydocs.draft.checklist_verify import CURRENT_COLUMN, RESULT_COLUMN, CheckedRow, check_table, read_table
from policydocs.draft.writer import ensure_writable, write_atomic
from policydocs.errors import PolicydocsError, SourceError, UsageError
from policydocs.gbt9704 import DEFAULT_PROFILE, PROFILES
from policydocs.kb.links import parties

OUTPUT_SUFFIXES = (".docx", ".xlsx")
#: duty clauses a theme checklist starts from
THEME_LIMIT = 20
#: rows of a theme checklist at most (a list article gives one row per item)
MAX_THEME_ROWS = 40


@dataclass(slots=True)
class ChecklistResult:
    output: Path
    layout: str
    title: str
    rows: list[Row]
    items_out: Path | None = None

    @property
    def highlighted(self) -> list[Row]:
        return [row for row in self.rows if row.highlighted]

    def as_json(self) -> dict:
        return {"output": str(self.output), "layout": self.layout, "title": self.title,
                "items_out": str(self.items_out) if self.items_out else None,
                "rows": [row.as_json() for row in self.rows],
                "highlighted": [row.number for row in self.highlighted]}


@dataclass(slots=True)
class VerifyResult:
    source: Path
    output: Path
    header: list[str]
    rows: list[CheckedRow] = field(default_factory=list)

    @property
    def wrong(self) -> list[CheckedRow]:
        return [row for row in self.rows if row.verdicts and not row.correct]

    def as_json(self) -> dict:
        return {"source": str(self.source), "output": str(self.output), "header": self.header,
                "rows": [row.as_json() for row in self.rows]}


def _output_kind(output: Path) -> str:
    suffix = output.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise UsageError(f"输出文件应为 .docx 或 .xlsx：{output.name}（-o TABLE.docx|TABLE.xlsx）")
    return suffix


def make_checklist(workspace: Workspace, checklist: Checklist, output: Path, *, layout: str = DEFAULT_LAYOUT,
                   scope: str | None = None, force: bool = False, fonts: str = DEFAULT_PROFILE,
                   inputs: Sequence[Path] = ()) -> ChecklistResult:
    """Resolve the rows of `checklist` and write them to `output` (.docx or .xlsx)."""
    check_layout(layout)
    suffix = _output_kind(output)
    ensure_writable(output, force=force, inputs=inputs)
    service = IndexCitationService(workspace.library)  # a checklist without its index is no checklist
    context = scope if scope is not None else checklist.scope
    rows = resolve_rows(checklist, service, context=" ".join(p for p in (context, checklist.title) if p))
    if suffix == ".xlsx":
        from policydocs.draft.checklist_xlsx import checklist_workbook

        book = checklist_workbook(rows, layout, checklist.title)
        write_atomic(output, book.save, force=force, inputs=inputs)
    else:
        from policydocs.draft.checklist_docx import checklist_document

        document = checklist_document(rows, layout, checklist.title, PROFILES[fonts])
        write_atomic(output, document.save, force=force, inputs=inputs)
    return ChecklistResult(output, layout, checklist.title, rows)


def checklist_from_file(workspace: Workspace, items: Path, output: Path, **options) -> ChecklistResult:
    items = Path(items)
    if not items.is_file():
        raise UsageError(f"找不到文件：{items}（请检查路径）")
    check_layout(options.get("layout", DEFAULT_LAYOUT))
    _output_kind(Path(output))
    return make_checklist(workspace, read_items(items), Path(output), inputs=[items], **options)


# -- theme --------------------------------------------------------------------------------
_ITEM_LABEL = re.compile(r"^[（(][一二三四五六七八九十]+[）)]\s*")
_END = re.compile(r"[；;。，,、]+$")


_SUBJECT = re.compile(r"^([^，。；：]{2,20}?)(?:对|负有|应当|必须|不得|进行|从事)")
_MODAL = re.compile(r"应当|必须|不得|负有[^。]{0,20}职责|履行下列职责")
#: 应当<verb>下列<noun>： — the verb and the noun the items are instances of
_LISTED = re.compile(r"([^，。；：]{1,20}?)下列([^，。；：]{1,10})[：:]?$")
#: nouns whose items are themselves acts (遵守下列规定：（一）对…进行协调), negated one by one
_ACTS = frozenset({"规定", "要求", "职责", "义务", "工作", "措施", "事项", "行为"})
#: an item that only points elsewhere (（四）法律、法规规定的其他…要求)
_CATCH_ALL = re.compile(r"^(?:法律、(?:行政)?法规|法律|其他|国家)[^，。；]{0,12}规定的其他|^其他")
NATIONAL = frozenset({"法律", "行政法规", "部门规章"})


def negated(text: str, lead: str = "") -> str:
    """The violation of a duty: 应当X → 未X; an item of a duty list → subject 未 + item;
    不得X → X (the forbidden act is the violation)."""
    if lead:
        body = _END.sub("", _ITEM_LABEL.sub("", text.strip()))
        if lead.startswith("有下列") and "的，" in lead:  # the items are conditions of the duty
            duty = negated(lead.split("的，", 1)[1].rstrip("：:"))
            return f"{body}时，{duty}"
        for duties in ("负有下列职责", "履行下列职责"):
            if duties in lead:
                subject = lead.split(duties)[0]
                subject = re.split(r"对|负有|履行|应当|必须", subject)[0]
                return f"{subject}未{body}"
        subject, modal, duty = lead.partition("应当") if "应当" in lead else lead.partition("必须")
        if body.startswith(("未", "不", "没有")) or "不得" in lead:
            return f"{subject}{body}" if modal else body
        if _CATCH_ALL.match(body):
            return f"{subject}未落实{body}" if modal else f"未落实{body}"
        listed = _LISTED.search(duty) if modal else None
        if listed and listed.group(2) not in _ACTS:  # 移交下列资料：（二）监控系统资料 — nouns, not acts
            return f"{subject}未{listed.group(1)}{listed.group(2)}：{body}"
        return f"{subject}未{body}" if modal else f"未{body}"
    sentence = re.split(r"[。\n]", text.strip())[0]
    for modal, replacement in (("应当", "未"), ("必须", "未"), ("不得", "")):
        if modal in sentence:
            subject, _, rest = sentence.partition(modal)
            return _END.sub("", f"{subject}{replacement}{rest.split('；')[0]}")
    return _END.sub("", f"未落实：{sentence}")


def _party(text: str) -> str:
    """The row's group: the party kb/links.py reads from the clause's subject, else the
    subject itself (物业服务人), else 生产经营单位."""
    named = sorted(parties(text))
    if named:
        return named[0]
    subject = _SUBJECT.match(text)
    party = subject.group(1).split("的")[-1] if subject else ""  # 矿灯使用单位的主要负责人 → 主要负责人
    return party if 2 <= len(party) <= 12 else "生产经营单位"


def _rows_of(hit) -> list[Item]:
    """A duty clause as rows: a list article (…应当遵守下列规定：（一）…) gives one row per item,
    each citing its 项; any other clause one row."""
    clause, document = hit.clause, hit.document
    if not _MODAL.search(f"{clause.lead or ''}{clause.text}"):
        return []  # 全面负责, 第一责任人: a principle, nothing an inspector can find missing
    penalties = "、".join(d.cite(penalty.ref) for penalty, d, _ in hit.penalties)
    lines = [line for line in clause.text.split("\n") if line.strip()]
    if len(lines) > 1 and lines[0].rstrip().endswith(("：", ":")) and clause.ref.item is None:
        lead, items = lines[0], [line for line in lines[1:] if _ITEM_LABEL.match(line)]
        group = _party(lead)
        return [Item(negated(line, lead), group=group, penalty=penalties,
                     basis=document.cite(replace(clause.ref, item=number)))
                for number, line in enumerate(items, 1)]
    text = f"{clause.lead}{clause.text}" if clause.lead else clause.text
    return [Item(negated(clause.text, clause.lead or ""), group=_party(text), basis=hit.citation,
                 penalty=penalties)]


def theme_checklist(workspace: Workspace, theme: str, *, law: str | None = None,
                    limit: int = THEME_LIMIT) -> Checklist:
    """A starting checklist for a theme: the work-safety duty clauses matching it (national
    law first), each as rows whose description is the negated duty, grouped by party."""
    if not theme.strip():
        raise UsageError("--theme 不能为空（例如：有限空间作业）")
    result = workspace.search(theme, limit=limit, kind="duty", law=law, scope=theme)
    hits = [hit for hit in result.hits if hit.in_domain or law]
    hits.sort(key=lambda hit: hit.document.category not in NATIONAL)  # stable: rank order within
    groups: dict[str, list[Item]] = {}
    for hit in hits:
        for item in _rows_of(hit):
            groups.setdefault(item.group, []).append(item)
    items = [item for group in groups.values() for item in group][:MAX_THEME_ROWS]
    if not items:
        raise PolicydocsError(f"未找到与“{theme}”相关的安全生产义务条款（可换一种说法，或用 --law 指定法规）")
    return Checklist(items, f"{theme}安全生产执法检查重点事项表", theme)


def write_items(checklist: Checklist, path: Path, *, force: bool = False) -> None:
    """The items as YAML for the user to edit (the format `read_items` reads)."""
    data = {"title": checklist.title, "scope": checklist.scope,
            "items": [item.as_yaml() for item in checklist.items]}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)

    def save(temporary: str) -> None:
        Path(temporary).write_text(text, encoding="utf-8")

    write_atomic(path, save, force=force)


# -- verify -------------------------------------------------------------------------------
def verify_checklist(workspace: Workspace, source: Path, output: Path, *, force: bool = False) -> VerifyResult:
    """Read an old table, verify its citations, write it back with 核查结果 and 现行条文."""
    source, output = Path(source), Path(output)
    if not source.is_file():
        raise UsageError(f"找不到文件：{source}（请检查路径）")
    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"核查结果应写为 .xlsx：{output.name}（-o NEW.xlsx）")
    ensure_writable(output, force=force, inputs=[source])
    table = read_table(source)
    if not table.rows:
        raise SourceError(f"{source.name}: 检查表没有数据行")
    service = IndexCitationService(workspace.library)
    rows = check_table(table, service)
    from policydocs.draft.checklist_xlsx import table_workbook

    header = [*table.header, RESULT_COLUMN, CURRENT_COLUMN]
    cells = [[*row.cells, row.result, "\n".join(row.current)] for row in rows]
    widths = [30.0 if i in table.cited else 14.0 for i in range(len(table.header))] + [24.0, 40.0]
    book = table_workbook(f"{source.stem}（核查）", header, cells, widths, [not row.correct for row in rows])
    write_atomic(output, book.save, force=force, inputs=[source])
    return VerifyResult(source, output, header, rows)
