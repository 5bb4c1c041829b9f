"""`policydocs checklist`: items file or --theme → verified 检查表 (.docx/.xlsx);
--verify re-checks an old table."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from policydocs.app import Workspace
from policydocs.app.checklists import (
    checklist_from_file,
    make_checklist,
    theme_checklist,
    verify_checklist,
    write_items,
)
from policydocs.cli import render
from policydocs.cli.options import index_option, json_option
from policydocs.draft.checklist import DEFAULT_LAYOUT, LAYOUTS, check_layout
from policydocs.errors import UsageError
from policydocs.gbt9704 import DEFAULT_PROFILE, PROFILES


@click.command("checklist")
@click.argument("items", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="输出 .docx 或 .xlsx（--verify 时为 .xlsx）")
@click.option("--layout", default=DEFAULT_LAYOUT, show_default=True,
              help=f"表格样式：{' | '.join(LAYOUTS)}")
@click.option("--scope", help="检查所属行业/领域，如 冶金、危险化学品（覆盖 items 文件中的 scope）")
@click.option("--theme", help="按主题生成初始检查表，如 有限空间作业（代替 ITEMS）")
@click.option("--law", help="--theme 时只取此法规的条款")
@click.option("--items-out", type=click.Path(dir_okay=False, path_type=Path),
              help="--theme 时另写出可编辑的 ITEMS.yaml")
@click.option("--verify", "verify_path", type=click.Path(dir_okay=False, path_type=Path),
              help="核查已有检查表（.docx/.xlsx/.txt）的引用，写出含“核查结果”列的 .xlsx")
@click.option("--fonts", type=click.Choice(sorted(PROFILES)), default=DEFAULT_PROFILE, show_default=True,
              help="字体名称方案（.docx）")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件")
@index_option
@json_option
def checklist_command(items: Path | None, output: Path, layout: str, scope: str | None, theme: str | None,
                      law: str | None, items_out: Path | None, verify_path: Path | None, fonts: str,
                      force: bool, index_dir: str, as_json: bool) -> None:
    """执法检查重点事项表：ITEMS.yaml|ITEMS.md（或 --theme）→ 引用已核实的 .docx/.xlsx；--verify 核查旧表。"""
    chosen = [name for name, value in (("ITEMS", items), ("--theme", theme), ("--verify", verify_path)) if value]
    if len(chosen) != 1:
        raise UsageError("请给出 ITEMS 文件、--theme 或 --verify 三者之一" +
                         (f"（给出了 {'、'.join(chosen)}）" if chosen else ""))
    check_layout(layout)
    with Workspace(index_dir) as workspace:
        if verify_path is not None:
            verified = verify_checklist(workspace, verify_path, output, force=force)
            if as_json:
                render.print_json(verified.as_json())
            else:
                for number, checked in enumerate(verified.rows, 1):
                    if checked.verdicts and not checked.correct:
                        click.echo(f"第{number}行：{checked.result}", err=True)
                click.echo(f"已写出 {output}（{len(verified.rows)} 行，{len(verified.wrong)} 行引用有误或未核实）")
            return
        if theme is not None:
            checklist = theme_checklist(workspace, theme, law=law)
            if items_out is not None:
                write_items(checklist, items_out, force=force)
            result = make_checklist(workspace, checklist, output, layout=layout, scope=scope, force=force,
                                    fonts=fonts)
            result.items_out = items_out
        else:
            assert items is not None
            result = checklist_from_file(workspace, items, output, layout=layout, scope=scope, force=force,
                                         fonts=fonts)
    if as_json:
        render.print_json(result.as_json())
        return
    for row in result.highlighted:
        notes = "；".join(row.problems) or ("请核对（匹配不确定）" if row.confidence == "check" else "未核实")
        click.echo(f"第{row.number}行 {row.item.description}：{notes}", err=True)
    extra = f"，事项写入 {result.items_out}" if result.items_out else ""
    click.echo(f"已写出 {result.output}（{len(result.rows)} 行，{len(result.highlighted)} 行需核对{extra}）")
    sys.stdout.flush()
