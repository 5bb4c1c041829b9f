"""`briefing`: 宣讲 materials of a theme — handout (.docx), slides (.pptx), question bank (.xlsx)
and the resolved clause list (app/briefing.py)."""

from __future__ import annotations

from pathlib import Path

import click

from policydocs.app import Workspace
from policydocs.app.briefing import make_briefing
from policydocs.cli import render
from policydocs.cli.options import index_option, json_option
from policydocs.gbt9704 import DEFAULT_PROFILE, PROFILES
from policydocs.kb.domain import DOMAIN

_HOW = {"party": "按主体", "subject": "按主题检索", "law": "按法规", "items": "按清单"}
_PATH = click.Path(dir_okay=False, path_type=Path)


@click.command("briefing")
@click.argument("theme", required=False, default="")
@click.option("--law", "laws", multiple=True, help="只取此法规的条款（可重复）")
@click.option("--party", help="按主体取条款，如 主要负责人、安全生产管理人员、从业人员")
@click.option("--items", type=_PATH, help="条款清单 ITEMS.yaml（代替按主题检索）")
@click.option("--plan-out", type=_PATH, help="把解析出的条款清单写成 ITEMS.yaml，可编辑后用 --items 重跑")
@click.option("-o", "--output", type=_PATH, help="宣讲提纲 .docx")
@click.option("--pptx", type=_PATH, help="幻灯片 .pptx")
@click.option("--quiz", type=click.IntRange(0, 200), default=0, show_default=True, help="测试题数量")
@click.option("--quiz-out", type=_PATH, help="题库 .xlsx（需 --quiz N）")
@click.option("--seed", type=int, default=0, show_default=True, help="出题随机种子：相同种子得到相同题目")
@click.option("--title", help="标题（默认：主题 + 宣讲提纲）")
@click.option("--issuer", default="", help="署名（宣讲单位）")
@click.option("--date", default="", help="日期，如 2024-05-06")
@click.option("--scope", help="行业/领域，如 危险化学品（特别法只在其范围内全权重）")
@click.option("--domain", default=DOMAIN, show_default=True, help="优先的法律领域；all = 不区分领域")
@click.option("--fonts", type=click.Choice(sorted(PROFILES)), default=DEFAULT_PROFILE, show_default=True,
              help="字体名称方案")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件")
@index_option
@json_option
def briefing_command(theme: str, laws: tuple[str, ...], party: str | None, items: Path | None,
                     plan_out: Path | None, output: Path | None, pptx: Path | None, quiz: int,
                     quiz_out: Path | None, seed: int, title: str | None, issuer: str, date: str,
                     scope: str | None, domain: str, fonts: str, force: bool, index_dir: str,
                     as_json: bool) -> None:
    """宣讲材料：主题（主体、事项或法规）→ 宣讲提纲 .docx、幻灯片 .pptx、题库 .xlsx，条文均引自索引原文。"""
    with Workspace(index_dir) as workspace:
        result = make_briefing(workspace, theme, laws=laws, party=party, items=items, scope=scope, domain=domain,
                               title=title, issuer=issuer, date=date, quiz=quiz, seed=seed, output=output,
                               pptx=pptx, quiz_out=quiz_out, plan_out=plan_out, fonts=fonts, force=force)
    if as_json:
        render.print_json(result.as_json())
        return
    material = result.material
    for duty in material.duties:
        if duty.confidence == "check":
            render.warn(f"请核对：{duty.citation}（检索匹配不确定）")
    for entry in material.unverified:
        render.warn(f"未核实：{entry}")
    party_text = f"（{result.party}）" if result.party else ""
    click.echo(f"{material.title}：{_HOW[result.how]}{party_text}，{len(material.duties)} 项条款，"
               f"{len(material.penalties)} 项罚则，{len(material.violations)} 条典型违法情形，"
               f"{len(material.questions)} 道题")
    for path in result.outputs:
        click.echo(f"已写出 {path}")


COMMANDS = (briefing_command,)
