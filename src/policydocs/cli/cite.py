"""`policydocs cite TEXT` and `policydocs check FILE`: find and verify the citations of a text
against the index, print one block per citation (or JSON), and fail `check` on errors.

Registered by policydocs.cli (whose `index_option` they use): import them through the cli.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from policydocs.cite.finder import find_citations
from policydocs.cite.findings import Finding
from policydocs.cite.verify import verify
from policydocs.cli.options import index_option
from policydocs.errors import NotFoundError, SourceError
from policydocs.model import LINK_KINDS
from policydocs.kb.store import ClauseStore

STATUS_LABELS = {
    "ok": ("正确", "green"),
    "unknown_law": ("未核实", "yellow"),
    "outdated": ("版本过时", "red"),
    "not_found": ("条款不存在", "red"),
    "bad_part": ("款项有误", "red"),
    "malformed": ("写法有误", "red"),
    "mismatch": ("引文不符", "red"),
}


@contextmanager
def open_store(index_dir: str) -> Iterator[ClauseStore]:
    """The clause store of the index, closed with the library afterwards (raises
    IndexMissingError and friends from the library)."""
    from policydocs.search.library import Library

    library = Library.open(Path(index_dir))
    try:
        yield library.store
    finally:
        library.close()


class _Printer:
    """Human output: Chinese, one block per citation, colour only on a terminal."""

    def __init__(self) -> None:
        self.colour = sys.stdout.isatty()

    def style(self, text: str, **styles) -> str:
        return click.style(text, **styles) if self.colour else text

    def finding(self, finding: Finding, where: str) -> None:
        label, colour = STATUS_LABELS.get(finding.status, (finding.status, "red"))
        click.echo(f"{self.style(f'[{label}]', fg=colour, bold=True)} {where}  {finding.source}")
        if finding.citation:
            click.echo(f"  引用：{finding.citation}")
        if finding.message:
            click.echo(f"  说明：{finding.message}")
        if finding.suggestion:
            click.echo(f"  建议：{self.style(finding.suggestion, fg='cyan')}")
        if finding.clause_text:
            text = finding.clause_text.replace("\n", "\n        ")
            click.echo(f"  条文：{text}")
        for penalty in finding.penalties:
            click.echo(f"  罚则：{penalty.citation}（{LINK_KINDS[penalty.link]}）")
        click.echo("")


def _summary(findings: list[Finding]) -> str:
    errors = sum(f.is_error for f in findings)
    unverified = sum(f.status == "unknown_law" for f in findings)
    return (f"共 {len(findings)} 处引用：正确 {len(findings) - errors - unverified}，"
            f"有误 {errors}，未核实 {unverified}")


@click.command("cite")
@click.argument("text")
@index_option
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
def cite_command(text: str, index_dir: str, as_json: bool) -> None:
    """核查文本中的法规引用 (TEXT, or - for stdin)，例如 "《安全生产法》第九十七条第七项"。"""
    if text == "-":
        text = sys.stdin.read()
    citations = find_citations(text)
    if not citations:
        raise NotFoundError("未在文本中找到法规引用（例如《安全生产法》第九十七条第七项）")
    with open_store(index_dir) as store:
        findings = verify(citations, store)
    if as_json:
        records = [finding.as_json() | {"clause_text": finding.clause_text,
                                        "penalties": [penalty.as_json() for penalty in finding.penalties]}
                   for finding in findings]
        click.echo(json.dumps({"citations": records}, ensure_ascii=False, indent=2))
        return
    printer = _Printer()
    for finding in findings:
        printer.finding(finding, f"第{finding.line}行第{finding.column}字")


def _read_lines(path: Path) -> list[str]:
    """Lines of a .txt/.md file, or the paragraphs of a .docx (so line = paragraph number)."""
    if path.suffix.lower() == ".docx":
        from policydocs.corpus.docx_reader import read_docx_lines

        return read_docx_lines(path)
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as error:
        raise SourceError(f"无法读取 {path}：不是 UTF-8 文本（{error.reason}）") from error


def _format_results(path: Path) -> list | None:
    """公文 format findings for a .docx, when the format checker is installed."""
    if path.suffix.lower() != ".docx":
        return None
    try:
        from policydocs.check.format_rules import check_format
    except ImportError:
        return None
    return check_format(path)


@click.command("check")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@index_option
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
def check_command(file: Path, index_dir: str, as_json: bool) -> None:
    """检查文件（txt、md、docx）中的法规引用；有错误时退出码为 1。"""
    lines = _read_lines(file)
    with open_store(index_dir) as store:
        findings = verify(find_citations("\n".join(lines), str(file)), store)
    formats = _format_results(file)
    failed = [result for result in formats or [] if not result.ok]
    if as_json:
        data: dict = {"citations": [finding.as_json() for finding in findings]}
        if formats is not None:
            data["format"] = [{"rule": r.rule, "ok": r.ok, "message": r.message} for r in formats]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        printer = _Printer()
        unit = "段" if file.suffix.lower() == ".docx" else "行"
        for finding in findings:
            printer.finding(finding, f"第{finding.line}{unit}第{finding.column}字")
        for result in failed:
            click.echo(f"{printer.style('[格式]', fg='red', bold=True)} {result.rule}：{result.message}")
        click.echo(_summary(findings) + (f"；格式问题 {len(failed)}" if formats is not None else ""))
    if failed or any(finding.is_error for finding in findings):
        sys.exit(1)
