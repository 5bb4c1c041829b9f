"""The commands: each reads its arguments, calls one action of `policydocs.app`, and hands the
result to `render` (or prints its `as_json()`); exit codes are decided by the result."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from policydocs.app import Workspace, kind_names, new
from policydocs.cli import render
from policydocs.cli.briefing import COMMANDS as BRIEFING_COMMANDS
from policydocs.cli.checklist import checklist_command
from policydocs.cli.lawdiff import COMMANDS as DIFF_COMMANDS
from policydocs.cli.lawfiles import COMMANDS as VERSION_COMMANDS
from policydocs.cli.options import index_option, json_option
from policydocs.cli.serve import COMMANDS as SERVE_COMMANDS
from policydocs.cli.update import COMMANDS as UPDATE_COMMANDS
from policydocs.errors import EXIT_FINDINGS
from policydocs.gbt9704 import DEFAULT_PROFILE, PROFILES
from policydocs.kb.domain import DOMAIN
from policydocs.model import CLAUSE_KINDS


@click.command("index")
@click.argument("sources", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="任一源文件无法读取即失败 (fail on any unreadable file)")
@index_option
@json_option
def index_command(sources: tuple[Path, ...], strict: bool, index_dir: str, as_json: bool) -> None:
    """建立索引：读取法规与政策文件 (files or folders; default: corpus/ and the laws extra)."""
    printer = render.progress_printer()
    with Workspace(index_dir) as workspace:
        result = workspace.index(sources, strict=strict, progress=printer)
    render.end_progress(printer)
    render.index_report(result, as_json=as_json)


@click.command("search")
@click.argument("query")
@click.option("--limit", "-n", default=10, show_default=True, type=click.IntRange(1, 200))
@click.option("--kind", type=click.Choice(CLAUSE_KINDS), help="条款类别")
@click.option("--region", help="适用地区，如 江苏、苏州 (national texts always apply)")
@click.option("--law", help="只在此法规内检索 (title or alias)")
@click.option("--include-old", is_flag=True, help="包括已修改/已废止的旧版本")
@click.option("--scope", help="问题所属行业/领域，如 煤矿、危险化学品、建设工程 (特别法只在其范围内全权重)")
@click.option("--domain", default=DOMAIN, show_default=True,
              help="优先的法律领域；all = 不区分领域 (out-of-domain laws rank lower, never hidden)")
@index_option
@json_option
def search_command(query: str, limit: int, kind: str | None, region: str | None, law: str | None,
                   include_old: bool, scope: str | None, domain: str, index_dir: str, as_json: bool) -> None:
    """检索条款：描述现场情况，得到执法依据与处罚依据。QUERY 为 - 时从标准输入逐行读取。"""
    colour = render.is_terminal() and not as_json
    with Workspace(index_dir).open() as workspace:  # a missing index fails before stdin is read
        render.no_law_notice(workspace.no_law_notice())
        # line N of the output answers line N of the input: a blank line gets an empty answer
        queries = [line.strip() for line in sys.stdin] if query == "-" else [query]
        for text in queries:
            if not text:
                if as_json:
                    render.print_json([])
                else:
                    render.blank_query(colour=colour, heading=len(queries) > 1)
                continue
            result = workspace.search(text, limit=limit, kind=kind, region=region, law=law,
                                      include_old=include_old, scope=scope, domain=domain)
            if as_json:
                render.print_json(result.as_json())
            else:
                render.search_result(result, colour=colour, heading=len(queries) > 1)


@click.command("show")
@click.argument("law")
@click.argument("article", required=False)
@click.option("--paragraph", "-p", help="款 (number)")
@click.option("--item", "-i", help="项 (number)")
@index_option
@json_option
def show_command(law: str, article: str | None, paragraph: str | None, item: str | None, index_dir: str,
                 as_json: bool) -> None:
    """显示一个条款原文：show 安全生产法 97 --item 7，或 show "《安全生产法》第九十七条第七项"。"""
    with Workspace(index_dir) as workspace:
        result = workspace.show(law, article, paragraph=paragraph, item=item)
        if as_json:
            render.print_json(result.as_json())
        else:
            render.show_result(result, colour=render.is_terminal())


@click.command("cite")
@click.argument("text")
@index_option
@json_option
def cite_command(text: str, index_dir: str, as_json: bool) -> None:
    """核查文本中的法规引用 (TEXT, or - for stdin)，例如 "《安全生产法》第九十七条第七项"；有错误时退出码为 1。"""
    if text == "-":
        text = sys.stdin.read()
    with Workspace(index_dir) as workspace:
        result = workspace.cite(text)
        render.no_law_notice(workspace.no_law_notice())
    render.cite_result(result, as_json=as_json)
    if result.failed:
        sys.exit(EXIT_FINDINGS)


@click.command("check")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@index_option
@json_option
@click.option("--render", "render_pages", is_flag=True,
              help="另用 LibreOffice 排版，检查分页（无正文页、孤立标题、版记分页、每行字数、日期位置）")
def check_command(file: Path, index_dir: str, as_json: bool, render_pages: bool) -> None:
    """检查文件（txt、md、docx）中的法规引用；有错误时退出码为 1。"""
    with Workspace(index_dir) as workspace:
        result = workspace.check_file(file, render=render_pages)  # a bad file fails before the index
        render.no_law_notice(workspace.no_law_notice())
    render.check_result(result, as_json=as_json)
    if result.failed:
        sys.exit(EXIT_FINDINGS)


@click.command("draft")
@click.argument("kind", type=click.Choice(kind_names()))
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="输出 .docx")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件")
@click.option("--strict", is_flag=True, help="有未核实的引用时退出码为 1")
@click.option("--fonts", type=click.Choice(sorted(PROFILES)), default=DEFAULT_PROFILE,
              show_default=True, help="字体名称方案：gb2312（仿宋_GB2312 等）或 generic（仿宋 等）")
@click.option("--allow-outside", is_flag=True,
              help="允许附件文件位于源文件所在目录之外 (attachments outside the source's folder)")
@click.option("--render", "render_pages", is_flag=True,
              help="写出前用 LibreOffice 排版：无正文的署名页加“（此页无正文）”，并报告分页问题（R1–R7）")
@index_option
def draft_command(kind: str, source: Path, output: Path, force: bool, strict: bool, fonts: str,
                  allow_outside: bool, render_pages: bool, index_dir: str) -> None:
    """起草公文：Markdown（含 YAML 文件头）→ GB/T 9704 格式 .docx."""
    with Workspace(index_dir) as workspace:
        result = workspace.draft(kind, source, output, force=force, fonts=fonts, allow_outside=allow_outside,
                                 render=render_pages)
    render.draft_result(result, index_dir)
    if strict and (result.problems or result.layout_problems):
        raise SystemExit(EXIT_FINDINGS)


@click.command("new", help=f"写出一份公文 Markdown 骨架（{' / '.join(kind_names())}）。")
@click.argument("kind", type=click.Choice(kind_names()))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="输出 Markdown 文件")
@click.option("--force", is_flag=True, help="覆盖已存在的文件")
def new_command(kind: str, output: Path, force: bool) -> None:
    render.new_result(new(kind, output, force=force))


COMMANDS = (index_command, search_command, show_command, cite_command, check_command, draft_command,
            new_command, checklist_command, *BRIEFING_COMMANDS,
            *VERSION_COMMANDS, *DIFF_COMMANDS, *UPDATE_COMMANDS,  # add, laws; diff; update
            *SERVE_COMMANDS)  # serve
