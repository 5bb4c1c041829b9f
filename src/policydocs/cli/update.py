"""`update`: a document's outdated citations rewritten to the current numbering (app/versions.py)."""

from __future__ import annotations

from pathlib import Path

import click

from policydocs.app import Workspace
from policydocs.app.versions import update_file
from policydocs.cli import render
from policydocs.cli.options import index_option, json_option


@click.command("update")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path), help="新文件（与原文件同类型）")
@click.option("--force", is_flag=True, help="覆盖已有的输出文件")
@index_option
@json_option
def update_command(source: Path, output: Path, force: bool, index_dir: str, as_json: bool) -> None:
    """把文件（.md、.txt、.docx）中按旧版本编号的引用改为现行条号，列出每处修改；其余内容不变。"""
    with Workspace(index_dir) as workspace:
        result = update_file(workspace, source, output, force=force)
    if as_json:
        render.print_json(result.as_json())
        return
    for change in result.changes:
        if change.new:
            click.echo(f"{change.where}: {change.old} → {change.new}（{change.message}）")
        else:
            click.echo(f"{change.where}: {change.old} 未改动：{change.message}")
    click.echo(f"共改动 {len(result.rewritten)} 处引用 → {result.output}")


COMMANDS = (update_command,)
