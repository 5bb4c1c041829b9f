"""`policydocs draft` and `policydocs new`: Markdown + front matter → GB/T 9704 .docx."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path
from types import ModuleType

import click

from policydocs.cli.options import index_option
from policydocs.draft import interview, notice, plan
from policydocs.draft.citations import CitationService, Citer, document_context
from policydocs.draft.frontmatter import read_source
from policydocs.gbt9704 import DEFAULT_PROFILE, PROFILES
from policydocs.draft.writer import ensure_writable, write_atomic
from policydocs.cite.findings import Basis
from policydocs.errors import PolicydocsError

KINDS: dict[str, ModuleType] = {"notice": notice, "plan": plan, "interview": interview}


class _LazyIndexService:
    """Opens the index on first use, so drafts without citations never pay for it."""

    def __init__(self, index_dir: Path):
        self.index_dir = index_dir
        self._service: CitationService | None = None
        self._failed = False

    def _open(self) -> CitationService | None:
        if self._service is None and not self._failed:
            from policydocs.cite.service import IndexCitationService
            from policydocs.search.library import Library

            try:
                self._service = IndexCitationService(Library.open(self.index_dir))
            except PolicydocsError as error:  # a broken index must not stop the draft
                self._failed = True
                click.secho(f"警告: 索引不可用（{error}），引用均未核实", fg="yellow", err=True)
        return self._service

    def basis_for(self, description: str, *, with_penalty: bool, context: str = "") -> Basis:
        service = self._open()
        if service is None:
            return Basis(description=description, duty=None)
        return service.basis_for(description, with_penalty=with_penalty, context=context)

    def check_text(self, text: str):
        service = self._open()
        return [] if service is None else service.check_text(text)


def citation_service(index_dir: Path) -> CitationService | None:
    """The index-backed service, or None when there is no index or no engine yet."""
    if not index_dir.is_dir():
        return None
    if find_spec("policydocs.cite.service") is None or find_spec("policydocs.search.library") is None:
        click.secho("警告: 引用核查引擎不可用，[[依据]] 标记将写为〔未核实〕", fg="yellow", err=True)
        return None
    return _LazyIndexService(index_dir)


@click.command("draft")
@click.argument("kind", type=click.Choice(sorted(KINDS)))
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="输出 .docx")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件")
@click.option("--strict", is_flag=True, help="有未核实的引用时退出码为 1")
@click.option("--fonts", type=click.Choice(sorted(PROFILES)), default=DEFAULT_PROFILE,
              show_default=True, help="字体名称方案：gb2312（仿宋_GB2312 等）或 generic（仿宋 等）")
@index_option
def draft(kind: str, source: Path, output: Path, force: bool, strict: bool, fonts: str,
          index_dir: str) -> None:
    """起草公文：Markdown（含 YAML 文件头）→ GB/T 9704 格式 .docx."""
    module = KINDS[kind]
    ensure_writable(output, force=force)
    parsed = read_source(source, kind, module.REQUIRED)
    citer = Citer(citation_service(Path(index_dir)), context=document_context(parsed.meta))
    document = module.build(parsed, citer, PROFILES[fonts])
    write_atomic(output, document.save, force=force)
    for problem in citer.problems:
        click.secho(f"{problem.label} {problem.where}: {problem.message}", fg="yellow", err=True)
    if citer.markers_without_index:
        click.secho(f"警告: 没有可用的索引（{index_dir}），{citer.markers_without_index} 处依据未核实；"
                    "请先运行 policydocs index", fg="yellow", err=True)
    click.echo(f"已生成 {output}")
    if strict and citer.problems:
        raise SystemExit(1)


@click.command("new")
@click.argument("kind", type=click.Choice(sorted(KINDS)))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="输出 Markdown 文件")
@click.option("--force", is_flag=True, help="覆盖已存在的文件")
def new(kind: str, output: Path, force: bool) -> None:
    """写出一份公文 Markdown 骨架（notice / plan / interview）。"""
    skeleton = KINDS[kind].SKELETON
    write_atomic(output, lambda path: Path(path).write_text(skeleton, encoding="utf-8"),
                 force=force)
    click.echo(f"已生成 {output}")
