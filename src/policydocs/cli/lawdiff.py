"""`diff`: the 新旧条文对照表 of two versions of a law (app/versions.py)."""

from __future__ import annotations

from pathlib import Path

import click

from policydocs.app import Workspace
from policydocs.app.versions import diff_law
from policydocs.cli import render
from policydocs.cli.options import index_option, json_option
from policydocs.gbt9704 import DEFAULT_PROFILE, PROFILES


@click.command("diff")
@click.argument("law")
@click.option("--from", "from_version", default="", help="旧版本：年份（2014）或日期（2014-08-31）；默认次新版本")
@click.option("--to", "to_version", default="", help="新版本：年份或日期；默认最新版本")
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path), help="FILE.docx 或 FILE.xlsx")
@click.option("--changed-only", is_flag=True, help="只列修改、新增、删除、条序调整的条文")
@click.option("--fonts", type=click.Choice(sorted(PROFILES)), default=DEFAULT_PROFILE, show_default=True)
@click.option("--force", is_flag=True, help="覆盖已有的输出文件")
@index_option
@json_option
def diff_command(law: str, from_version: str, to_version: str, output: Path, changed_only: bool, fonts: str,
                 force: bool, index_dir: str, as_json: bool) -> None:
    """新旧条文对照表：两个版本逐条对照（修改前/修改后/说明），修改的文字加粗加下划线。"""
    with Workspace(index_dir) as workspace:
        result = diff_law(workspace, law, output, from_version=from_version, to_version=to_version,
                          changed_only=changed_only, force=force, fonts=fonts)
    if as_json:
        render.print_json(result.as_json())
        return
    counts = "，".join(f"{note} {n}" for note, n in sorted(result.counts.items(), key=lambda kv: -kv[1]))
    click.echo(f"《{result.title}》{result.old_version} → {result.new_version}：{len(result.rows)} 行（{counts}）"
               f" → {result.output}")


COMMANDS = (diff_command,)
