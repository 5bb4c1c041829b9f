"""`add` and `laws`: the user's own law files and what the index holds (app/lawfiles.py)."""

from __future__ import annotations

from pathlib import Path

import click

from policydocs.app import Workspace
from policydocs.app.lawfiles import add_files, list_laws
from policydocs.cli import render
from policydocs.cli.options import index_option, json_option


@click.command("add")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--title", default="", help="法规标题（替代识别结果；仅限一个文件）")
@click.option("--date", default="", help="版本日期，如 2014-08-31 或 2014（替代识别结果）")
@click.option("--category", default="", help="类别：法律、行政法规、部门规章、地方性法规……")
@index_option
@json_option
def add_command(sources: tuple[Path, ...], title: str, date: str, category: str, index_dir: str,
                as_json: bool) -> None:
    """把自己的法规或政策文件（.docx、.md、.txt）加入已有索引，不重读其余文件。"""
    printer = render.progress_printer()
    with Workspace(index_dir) as workspace:
        result = add_files(workspace, sources, title=title, date=date, category=category, progress=printer)
    render.end_progress(printer)
    if as_json:
        render.print_json(result.as_json())
        return
    for entry in result.files:
        if entry.error:
            render.warn(f"跳过 {entry.path}: {entry.error}")
            continue
        verb = "替换" if entry.replaced else "加入"
        click.echo(f"{verb} {entry.path}: 《{entry.title}》 {entry.version or '版本日期未识别'} {entry.status} "
                   f"{entry.category} {entry.region} {entry.articles} 条")
    click.echo(f"完成: {result.links} 条处罚关联, {result.correspondences} 条新旧条文对应; "
               f"{result.seconds:.1f} 秒 → {result.index_dir}")


@click.command("laws")
@index_option
@json_option
def laws_command(index_dir: str, as_json: bool) -> None:
    """列出索引中的法规与文件：标题、版本、状态、类别、地区、条数、来源文件。"""
    with Workspace(index_dir) as workspace:
        result = list_laws(workspace)
    if as_json:
        render.print_json(result.as_json())
        return
    for entry in result.laws:
        d = entry.document
        click.echo(f"《{d.title}》\t{d.version_date or '-'}\t{d.status}\t{d.category}\t{d.region}\t"
                   f"{entry.articles} 条\t{d.source}")
    click.echo(f"共 {len(result.laws)} 个")
COMMANDS = (add_command, laws_command)
