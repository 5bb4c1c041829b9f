"""`policydocs index`, `search` and `show`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from policydocs.cli.options import index_option, json_option
from policydocs.errors import NotFoundError, PolicydocsError
from policydocs.model import LINK_KINDS, ClauseRef
from policydocs.text.numerals import cn_to_int, parse_ordinal
from policydocs.text.analyzer import tokenize

DEFAULT_CORPUS = Path("corpus")


def _progress_printer():
    """A progress line on stderr when it is a terminal; silent otherwise (CI logs, pipes)."""
    if not sys.stderr.isatty():
        return None
    state = {"stage": None}

    def show(stage: str, done: int, total: int) -> None:
        if stage != state["stage"] and state["stage"] is not None:
            click.echo("", err=True)
        state["stage"] = stage
        width = 30
        filled = int(width * done / total) if total else width
        click.echo(f"\r{stage} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", err=True, nl=False)

    return show


def default_sources() -> list[Path]:
    """corpus/ in the working directory, plus the national-law database of the `laws` extra."""
    from policydocs.corpus.chinalaw import find_database

    sources = [DEFAULT_CORPUS] if DEFAULT_CORPUS.is_dir() else []
    database = find_database()
    if database:
        sources.append(database)
    return sources


@click.command("index")
@click.argument("sources", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="任一源文件无法读取即失败 (fail on any unreadable file)")
@index_option
@json_option
def index_command(sources: tuple[Path, ...], strict: bool, index_dir: str, as_json: bool) -> None:
    """建立索引：读取法规与政策文件 (files or folders; default: corpus/ and the laws extra)."""
    from policydocs.kb.build import build_index

    chosen = list(sources) or default_sources()
    if not chosen:
        raise PolicydocsError("没有指定源文件，当前目录下也没有 corpus/ (no sources given and no ./corpus)")
    printer = _progress_printer()
    report = build_index(chosen, Path(index_dir), strict=strict, progress=printer)
    if printer:
        click.echo("", err=True)
    for path, message in report.skipped:
        click.secho(f"警告: 跳过 {path}: {message}", fg="yellow", err=True)
    if as_json:
        click.echo(json.dumps({"documents": report.documents, "clauses": report.clauses, "links": report.links,
                               "reused": report.reused, "parsed": report.parsed, "seconds": round(report.seconds, 1),
                               "skipped": [{"path": p, "message": m} for p, m in report.skipped]},
                              ensure_ascii=False))
        return
    click.echo(f"索引完成: {report.documents} 个文件, {report.clauses} 个条款单元, {report.links} 条处罚关联; "
               f"新读取 {report.parsed}, 复用缓存 {report.reused}, 跳过 {len(report.skipped)}; "
               f"{report.seconds:.1f} 秒 → {index_dir}")


def _highlight(text: str, tokens: set[str], enabled: bool) -> str:
    """Mark query words in text; longest words first so 主要负责人 wins over 负责人."""
    if not enabled or not tokens:
        return text
    marks = [False] * len(text)
    for token in sorted(tokens, key=len, reverse=True):
        if len(token) < 2:
            continue
        start = text.find(token)
        while start >= 0:
            for i in range(start, start + len(token)):
                marks[i] = True
            start = text.find(token, start + len(token))
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and marks[j] == marks[i]:
            j += 1
        chunk = text[i:j]
        out.append(click.style(chunk, fg="yellow", bold=True) if marks[i] else chunk)
        i = j
    return "".join(out)


def _print_hits(query: str, hits, colour: bool) -> None:
    tokens = set(tokenize(query))
    if not hits:
        click.echo(f"没有找到与“{query}”相关的条款。")
        return
    for rank, hit in enumerate(hits, start=1):
        status = "" if hit.document.status == "现行有效" else f" [{hit.document.status}]"
        click.echo(click.style(f"{rank}. {hit.citation}", bold=colour) +
                   f"  ({hit.document.category}{status}, {hit.clause.kind}, {hit.score:.2f})")
        if hit.clause.lead:
            click.echo(f"   {hit.clause.lead}")
        for line in hit.clause.text.splitlines():
            click.echo(f"   {_highlight(line, tokens, colour)}")
        for penalty, document, how in hit.penalties:
            click.echo(click.style("   处罚依据: ", fg="red" if colour else None) + document.cite(penalty.ref)
                       + f"（{LINK_KINDS[how]}）")
            click.echo(f"     {(penalty.lead + ' ' if penalty.lead else '') + penalty.text.splitlines()[0]}")
        click.echo("")


@click.command("search")
@click.argument("query")
@click.option("--limit", "-n", default=10, show_default=True, type=click.IntRange(1, 200))
@click.option("--kind", type=click.Choice(["duty", "penalty", "definition", "other"]), help="条款类别")
@click.option("--region", help="适用地区，如 江苏、苏州 (national texts always apply)")
@click.option("--law", help="只在此法规内检索 (title or alias)")
@click.option("--include-old", is_flag=True, help="包括已修改/已废止的旧版本")
@index_option
@json_option
def search_command(query: str, limit: int, kind: str | None, region: str | None, law: str | None,
                   include_old: bool, index_dir: str, as_json: bool) -> None:
    """检索条款：描述现场情况，得到执法依据与处罚依据。QUERY 为 - 时从标准输入逐行读取。"""
    from policydocs.search.library import Library

    library = Library.open(Path(index_dir))
    options = {"limit": limit, "kind": kind, "region": region, "law": law, "include_old": include_old}
    queries = [line.strip() for line in sys.stdin if line.strip()] if query == "-" else [query]
    colour = sys.stdout.isatty() and not as_json
    try:
        for text in queries:
            hits = library.search(text, **options)
            if as_json:
                click.echo(json.dumps([hit.as_json() for hit in hits], ensure_ascii=False))
            else:
                if len(queries) > 1:
                    click.echo(click.style(f"== {text}", bold=colour))
                _print_hits(text, hits, colour)
    finally:
        library.close()


def _parse_part(value: str | None, unit: str) -> int | None:
    if value is None:
        return None
    value = value.strip()
    try:
        return parse_ordinal(value)[0] if value.startswith("第") else cn_to_int(value.rstrip(unit))
    except ValueError:
        raise PolicydocsError(f"无法理解的{unit}号: {value}") from None


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
    from policydocs.cite.finder import find_citations
    from policydocs.kb.lawnames import LawResolver
    from policydocs.search.library import Library, clause_json

    if article is None:
        found = [c for c in find_citations(law) if c.law and c.ref.article is not None]
        if not found:
            raise PolicydocsError(f"无法识别的引用: {law}（示例: 《安全生产法》第九十七条第七项）")
        name, ref = found[0].law, found[0].ref
    else:
        name = law
        ref = ClauseRef(_parse_part(article, "条"), _parse_part(paragraph, "款"), _parse_part(item, "项"))
    library = Library.open(Path(index_dir))
    try:
        resolved = LawResolver(library.store).resolve(name)
        if resolved is None:
            raise NotFoundError(f"索引中没有《{name.strip('《》')}》(law not in the index)")
        document = resolved.current or resolved.newest
        found_clause = library.store.clause_with_id(document.doc_id, ref)
        if found_clause is None and ref.paragraph is None and ref.item is not None:
            # 第X条第Y项 where the items sit in one of several paragraphs
            candidates = [(cid, c) for cid, c in library.store.article_units(document.doc_id, ref.article)
                          if c.ref.item == ref.item and c.ref.subitem is None]
            found_clause = candidates[0] if len(candidates) == 1 else None
        if found_clause is None:
            raise NotFoundError(f"《{document.title}》中没有{ref.label()} (no such clause)")
        clause_id, clause = found_clause
        penalties = library.penalties(clause_id)
        if as_json:
            data = clause_json(clause, document)
            data["penalties"] = [penalty.as_json() for penalty in penalties]
            click.echo(json.dumps(data, ensure_ascii=False))
            return
        status = "" if document.status == "现行有效" else f" [{document.status}]"
        click.echo(click.style(document.cite(clause.ref), bold=sys.stdout.isatty()) + status)
        if clause.lead:
            click.echo(clause.lead)
        click.echo(clause.text)
        for penalty, penalty_doc, how in penalties:
            click.echo(f"处罚依据: {penalty_doc.cite(penalty.ref)}（{LINK_KINDS[how]}）")
    finally:
        library.close()
