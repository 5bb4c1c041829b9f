"""Every line the command line prints for a result of `policydocs.app`: Chinese text for
people (colour only on a terminal), or the result's `as_json()` under --json.

Nothing here decides anything: what is a failure, which words match, what a status is called
come with the result; this module only lays them out.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from policydocs.app.results import (
    CONFIDENCE_LABELS,
    NO_LAW_NOTICE,
    CheckResult,
    CiteResult,
    DraftResult,
    IndexResult,
    NewResult,
    SearchResult,
    ShowResult,
    status_label,
)
from policydocs.app.workspace import Progress
from policydocs.cite.findings import Finding
from policydocs.model import LINK_KINDS

#: terminal colour of each citation status
STATUS_COLOURS = {"ok": "green", "unknown_law": "yellow"}


def is_terminal() -> bool:
    return sys.stdout.isatty()


def print_json(data: Any, *, indent: int | None = None) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=indent))


def warn(message: str) -> None:
    click.secho(message, fg="yellow", err=True)


def no_law_notice(notice: str | None) -> None:
    """Once per command: the index holds no law (Workspace.no_law_notice)."""
    if notice:
        warn(notice)


def _style(text: str, colour: bool, **styles: Any) -> str:
    return click.style(text, **styles) if colour else text


# -- index ---------------------------------------------------------------------------------
def progress_printer() -> Progress | None:
    """A progress line on stderr when it is a terminal; None (silent) otherwise (CI logs, pipes)."""
    if not sys.stderr.isatty():
        return None
    state: dict[str, str | None] = {"stage": None}

    def show(stage: str, done: int, total: int) -> None:
        if stage != state["stage"] and state["stage"] is not None:
            click.echo("", err=True)
        state["stage"] = stage
        width = 30
        filled = int(width * done / total) if total else width
        click.echo(f"\r{stage} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", err=True, nl=False)

    return show


def end_progress(printer: Progress | None) -> None:
    if printer:
        click.echo("", err=True)


def index_report(result: IndexResult, *, as_json: bool) -> None:
    for path, message in result.skipped:
        warn(f"警告: 跳过 {path}: {message}")
    if as_json:
        print_json(result.as_json())
        return
    held = result.held
    click.echo(f"索引完成: {held.get('laws', 0)} 部法律, {held.get('regulations', 0)} 部法规规章, "
               f"{held.get('policy', 0)} 个政策文件, {result.links} 条处罚关联 "
               f"（{result.documents} 个文件, {result.clauses} 个条款单元; 新读取 {result.parsed}, "
               f"复用缓存 {result.reused}, 跳过 {len(result.skipped)}; {result.seconds:.1f} 秒 → {result.index_dir}）")
    if held and not held.get("laws") and not held.get("regulations"):
        warn(NO_LAW_NOTICE)


# -- search and show ---------------------------------------------------------------------------
def _highlighted(result: SearchResult, text: str, colour: bool) -> str:
    if not colour or not result.terms:
        return text
    return "".join(click.style(piece, fg="yellow", bold=True) if matched else piece
                   for piece, matched in result.segments(text))


def search_result(result: SearchResult, *, colour: bool, heading: bool) -> None:
    """The hits of one query; `heading` puts the query above them (several queries from stdin)."""
    if heading:
        click.echo(_style(f"== {result.query}", colour, bold=True))
    if not result.hits:
        click.echo(f"没有找到与“{result.query}”相关的条款。")
        return
    for rank, hit in enumerate(result.hits, start=1):
        status = "" if hit.document.status == "现行有效" else f" [{hit.document.status}]"
        confidence = CONFIDENCE_LABELS.get(hit.confidence, hit.confidence)
        click.echo(_style(f"{rank}. {hit.citation}", colour, bold=True) +
                   f"  ({hit.document.category}{status}, {hit.clause.kind}, {hit.score:.2f}, {confidence})")
        if hit.clause.lead:
            click.echo(f"   {hit.clause.lead}")
        for line in hit.clause.text.splitlines():
            click.echo(f"   {_highlighted(result, line, colour)}")
        for penalty, document, how in hit.penalties:
            click.echo(_style("   处罚依据: ", colour, fg="red") + document.cite(penalty.ref)
                       + f"（{LINK_KINDS[how]}）")
            click.echo(f"     {(penalty.lead + ' ' if penalty.lead else '') + penalty.text.splitlines()[0]}")
        click.echo("")


def blank_query(*, colour: bool, heading: bool) -> None:
    """A blank line of `search -` input: its place in the output, no search."""
    if heading:
        click.echo(_style("== ", colour, bold=True))
    click.echo("（空行，未检索）")
    click.echo("")


def show_result(result: ShowResult, *, colour: bool) -> None:
    document, clause = result.document, result.clause
    status = "" if document.status == "现行有效" else f" [{document.status}]"
    click.echo(_style(result.citation, colour, bold=True) + status)
    if clause.lead:
        click.echo(clause.lead)
    click.echo(clause.text)
    for penalty, penalty_doc, how in result.penalties:
        click.echo(f"处罚依据: {penalty_doc.cite(penalty.ref)}（{LINK_KINDS[how]}）")


# -- cite and check ---------------------------------------------------------------------------
def finding(item: Finding, where: str, *, colour: bool) -> None:
    """One citation: status, where, canonical citation, explanation, suggestion, text, penalties."""
    label = status_label(item)
    tag = _style(f"[{label}]", colour, fg=STATUS_COLOURS.get(item.status, "red"), bold=True)
    click.echo(f"{tag} {where}  {item.source}")
    if item.citation:
        click.echo(f"  引用：{item.citation}")
    if item.message:
        click.echo(f"  说明：{item.message}")
    if item.suggestion:
        click.echo(f"  建议：{_style(item.suggestion, colour, fg='cyan')}")
    if item.clause_text:
        text = item.clause_text.replace("\n", "\n        ")
        click.echo(f"  条文：{text}")
    for penalty in item.penalties:
        click.echo(f"  罚则：{penalty.citation}（{LINK_KINDS[penalty.link]}）")
    click.echo("")


def cite_result(result: CiteResult, *, as_json: bool) -> None:
    if as_json:
        print_json(result.as_json(), indent=2)
        return
    colour = is_terminal()
    for item in result.findings:
        finding(item, f"第{item.line}行第{item.column}字", colour=colour)


def check_result(result: CheckResult, *, as_json: bool) -> None:
    if as_json:
        print_json(result.as_json(), indent=2)
        return
    colour = is_terminal()
    unit = "段" if result.by_paragraph else "行"
    for item in result.findings:
        finding(item, f"第{item.line}{unit}第{item.column}字", colour=colour)
    problems = result.format_problems
    for rule in problems:
        click.echo(f"{_style('[格式]', colour, fg='red', bold=True)} {rule.rule}：{rule.message}")
    counts = result.counts()
    summary = (f"共 {counts.total} 处引用：条文存在 {counts.ok}（其中引文核对相符 {counts.quotes_checked}），"
               f"有误 {counts.errors}，未核实 {counts.unverified}")
    click.echo(summary + (f"；格式问题 {len(problems)}" if result.formats is not None else ""))


# -- draft and new -------------------------------------------------------------------------------
def draft_result(result: DraftResult, index_dir: str) -> None:
    for message in result.warnings:
        warn(f"警告: {message}")
    for problem in result.problems:
        warn(f"{problem.label} {problem.where}: {problem.message}")
    if result.markers_without_index:
        warn(f"警告: 没有可用的索引（{index_dir}），{result.markers_without_index} 处依据未核实；"
             "请先运行 policydocs index")
    for fix in result.layout_fixes:
        warn(f"排版: {fix}")
    for rule in result.layout_problems:
        warn(f"[排版] {rule.rule}：{rule.message}")
    if result.layout is not None and not result.layout_problems:
        skipped = next((r.message for r in result.layout if r.rule == "R0"), "")
        warn(f"排版: {skipped}" if skipped else "排版: 分页检查（R1–R7）全部符合")
    click.echo(f"已生成 {result.output}")


def new_result(result: NewResult) -> None:
    click.echo(f"已生成 {result.output}")
