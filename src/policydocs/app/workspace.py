"""The use-case layer: one method of a `Workspace` (an index directory) per user action, so the
command line and any later face (the local web app) run the same code and differ only in
how they read input and show results.

Every action returns a result of `policydocs.app.results` and raises only `PolicydocsError`
subclasses, whose message is one Chinese-first sentence. Nothing here prints: a long build
reports through a `progress(stage, done, total)` callback.
"""

from __future__ import annotations

import difflib
import functools
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from policydocs.app import checking
from policydocs.app.drafting import (
    LazyIndexService,
    attachment_warnings,
    check_attachments,
    check_characters,
    invalid_date_line,
    paginate,
)
from policydocs.app.results import (
    NO_LAW_NOTICE,
    CheckResult,
    CiteResult,
    DraftResult,
    IndexResult,
    NewResult,
    SearchResult,
    ShowResult,
    holdings,
)
from policydocs.cite.finder import find_citations
from policydocs.cite.verify import check_address, verify
from policydocs.draft.citations import CitationService, Citer, document_context
from policydocs.draft.frontmatter import read_source
from policydocs.draft.kinds import get_kind
from policydocs.draft.writer import ensure_writable, write_atomic
from policydocs.errors import (
    IndexDamagedError,
    NotFoundError,
    PolicydocsError,
    SourceError,
    UsageError,
)
from policydocs.gbt9704 import DEFAULT_PROFILE, PROFILES
from policydocs.kb.build import region_terms  # the filter's own terms
from policydocs.kb.domain import DOMAIN
from policydocs.kb.generations import live_generation, verify_store
from policydocs.kb.lawnames import LawResolver
from policydocs.kb.store import ClauseStore
from policydocs.model import CLAUSE_KINDS, ClauseRef
from policydocs.search.library import Library
from policydocs.text.analyzer import tokenize
from policydocs.text.numerals import cn_to_int, parse_ordinal

#: the index directory when none is given (the CLI's --index default)
DEFAULT_INDEX = Path("index")
#: the policy documents' folder `index` reads when given no sources
DEFAULT_CORPUS = Path("corpus")
MAX_LIMIT = 200

Progress = Callable[[str, int, int], None]
F = TypeVar("F", bound=Callable[..., Any])


def open_library(index_dir: Path) -> Library:
    """The one place an index is opened (IndexMissingError, IndexDamagedError,
    IndexOutdatedError when it cannot be); tests replace it to hand a workspace a store of
    their own."""
    try:
        library = Library.open(index_dir)
    except PolicydocsError:
        raise
    except Exception as error:  # anything else an unreadable index raises on opening
        raise IndexDamagedError(f"索引 {index_dir} 已损坏（{type(error).__name__}: {error}）：请重新运行 "
                                "`policydocs index` (damaged index)") from None
    try:
        verify_store(library.generation / "clauses.sqlite")
    except PolicydocsError:
        library.close()
        raise
    return library


def reads_index(action: F) -> F:
    """An action that queries the clause store: SQLite's DatabaseError (a page damaged after
    the header check passed, a table missing) becomes the one-line exit-4 error."""

    @functools.wraps(action)
    def wrapper(self: Workspace, *args: Any, **kwargs: Any) -> Any:
        try:
            return action(self, *args, **kwargs)
        except sqlite3.DatabaseError as error:
            raise IndexDamagedError(f"索引 {self.index_dir} 已损坏（clauses.sqlite: {error}）：请重新运行 "
                                    "`policydocs index` (damaged index)") from error

    return wrapper  # type: ignore[return-value]


def default_sources() -> list[Path]:
    """corpus/ in the working directory, plus the national-law database of the `laws` extra."""
    from policydocs.corpus.chinalaw import find_database  # on use: importlib.metadata is slow to load

    sources = [DEFAULT_CORPUS] if DEFAULT_CORPUS.is_dir() else []
    database = find_database()
    if database:
        sources.append(database)
    return sources


def citation_service(workspace: Workspace) -> CitationService | None:
    """What drafting cites through: the workspace's index, opened on first use; None when the
    index directory does not exist (every marker is then 〔未核实〕, reported as such)."""
    if not workspace.index_dir.is_dir():
        return None
    return LazyIndexService(lambda: workspace.library)


def parse_part(value: int | str | None, unit: str) -> int | None:
    """An article/paragraph/item number as a user writes it: 97, 第九十七条, 九十七."""
    if value is None or isinstance(value, int):
        return value
    value = value.strip()
    try:
        return parse_ordinal(value)[0] if value.startswith("第") else cn_to_int(value.rstrip(unit))
    except ValueError:
        raise PolicydocsError(f"无法理解的{unit}号: {value}") from None


def parse_citation(text: str) -> tuple[str, ClauseRef]:
    """The law name and address of the first citation in `text` that names both
    (《安全生产法》第九十七条第七项), read by the same finder as `cite` and `check`."""
    found = [c for c in find_citations(text) if c.law and c.ref.article is not None]
    if not found or found[0].law is None:
        raise PolicydocsError(f"无法识别的引用: {text}（示例: 《安全生产法》第九十七条第七项）")
    return found[0].law, found[0].ref


class Workspace:
    """An index directory and the actions on it. The index is opened on first need (a draft
    without citations never opens it) and closed by `close()` or the `with` block."""

    def __init__(self, index_dir: Path | str = DEFAULT_INDEX):
        self.index_dir = Path(index_dir)
        self._library: Library | None = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._library is not None:
            library, self._library = self._library, None
            library.close()

    def open(self) -> Workspace:
        """Open the index now, e.g. to fail on a missing one before reading any input
        (IndexMissingError, IndexOutdatedError)."""
        if self._library is None:
            self._library = open_library(self.index_dir)
        return self

    def refresh(self) -> bool:
        """Close the opened index when a build or `add` has made another generation live, so
        the next action reads the new one (True then). A long-lived face (the web app) calls it
        before each request; an action in progress keeps reading its own generation, whose
        folder stays until the next build."""
        if self._library is None:
            return False
        try:
            live = live_generation(self.index_dir)
        except PolicydocsError:
            return False  # the next action reports it
        if live.resolve() == self._library.generation.resolve():
            return False
        self.close()
        return True

    @property
    def library(self) -> Library:
        """The opened index (opened now if it is not yet)."""
        library = self.open()._library
        assert library is not None
        return library

    @property
    def store(self) -> ClauseStore:
        return self.library.store

    # -- index ----------------------------------------------------------------------------
    def index(self, sources: Sequence[Path] = (), *, strict: bool = False,
              progress: Progress | None = None) -> IndexResult:
        """Build the index from files and folders (default: `default_sources()`); the new
        generation replaces the live one only when complete."""
        chosen = list(sources) or default_sources()
        if not chosen:
            raise PolicydocsError("没有指定源文件，当前目录下也没有 corpus/ (no sources given and no ./corpus)")
        # imported on use: the builder (multiprocessing, Whoosh writers) is start-up time that
        # every other command would pay
        from policydocs.kb.build import build_index

        self.close()  # the next action reads the new generation
        report = build_index(chosen, self.index_dir, strict=strict, progress=progress)
        held = holdings(self.store.level_counts())
        self.close()
        return IndexResult(self.index_dir, report.documents, report.clauses, report.links, report.reused,
                           report.parsed, report.seconds, list(report.skipped), held)

    def _notice_if_indexed(self) -> str | None:
        """`no_law_notice` for an action that also works without an index (draft)."""
        try:
            return self.no_law_notice()
        except PolicydocsError:
            return None

    @reads_index
    def no_law_notice(self) -> str | None:
        """The one-line notice that the index holds no law at all (only policy documents), with
        the command that fixes it; None when it holds any law or regulation. Search, cite and
        draft would otherwise answer with policy rows and 未核实 everywhere, silently."""
        held = holdings(self.store.level_counts())
        return NO_LAW_NOTICE if held["laws"] + held["regulations"] == 0 else None

    # -- search and show --------------------------------------------------------------------
    @reads_index
    def search(self, query: str, *, limit: int = 10, kind: str | None = None, region: str | None = None,
               law: str | None = None, include_old: bool = False, scope: str | None = None,
               domain: str = DOMAIN) -> SearchResult:
        """Ranked clauses for a described situation, each with its linked penalties. `scope`
        puts sector rules (煤矿, 危险化学品 …) in scope; `domain="all"` ranks every field alike."""
        if kind is not None and kind not in CLAUSE_KINDS:
            raise PolicydocsError(f"未知的条款类别: {kind}（可选: {'、'.join(CLAUSE_KINDS)}）")
        if not 1 <= limit <= MAX_LIMIT:
            raise UsageError(f"结果条数应在 1 到 {MAX_LIMIT} 之间: {limit}")
        if law is not None:
            self.check_law(law)
        if region is not None:
            self.check_region(region)
        hits = self.library.search(query, limit=limit, kind=kind, region=region, law=law,
                                   include_old=include_old, scope=scope or None, domain=domain)
        return SearchResult(query, hits, set(tokenize(query)))

    def check_law(self, law: str) -> None:
        """UsageError unless --law names a law of the index the way the search filter reads it
        (an exact title or alias, or part of a title); close titles are suggested."""
        if not law.strip():
            raise UsageError("--law 不能为空（应为法规名称或简称，如 安全生产法）")
        if LawResolver(self.store).resolve(law) is not None:
            return
        titles = [title for _, title in self.store.titles()]
        if any(law in title for title in titles):
            return
        short = {title.removeprefix("中华人民共和国"): title for title in sorted(set(titles), reverse=True)}
        close = list(dict.fromkeys(short[name] for name in difflib.get_close_matches(law, list(short), n=3,
                                                                                     cutoff=0.5)))
        hint = f"；相近的有：{'、'.join(close)}" if close else "；请用 show 或 search 查看法规全称"
        raise UsageError(f"索引中没有法规“{law}”（--law）{hint} (unknown law)")

    def known_regions(self) -> list[str]:
        """What --region may name in this index (全国, 江苏, 苏州市, 苏州 …): the terms the
        build filed each document's region under, national first."""
        terms: dict[str, None] = {}
        for region in sorted(self.store.regions(), key=lambda r: (r != "全国", r)):
            for term in region_terms(region):
                terms.setdefault(term, None)
        return list(terms)

    def check_region(self, region: str) -> None:
        """UsageError unless --region names a region of the index the way the filter matches
        it (else it would silently return national texts only), naming the known ones."""
        names = self.known_regions()
        if region in names:
            return
        shown = "、".join(names[:20]) + ("…" if len(names) > 20 else "")
        raise UsageError(f"索引中没有地区“{region}”的文件（--region 可选：{shown}）(unknown region)")

    @reads_index
    def show(self, law: str, article: int | str | None = None, *, paragraph: int | str | None = None,
             item: int | str | None = None, version: str | None = None) -> ShowResult:
        """One clause by law and number (安全生产法, 97, item=7) or by a citation
        (《安全生产法》第九十七条第七项), in the law's current version (else its newest), or in
        the `version` a year or date names (2014, 2014-08-31).

        The address is resolved by `check_address`, the code `cite` uses: the same redundant
        forms are accepted, and a wrong part gets the same suggestion (第二条第二项 → 第二款)."""
        if article is None:
            name, ref = parse_citation(law)
        else:
            name = law
            ref = ClauseRef(parse_part(article, "条"), parse_part(paragraph, "款"), parse_part(item, "项"))
        resolved = LawResolver(self.store).resolve(name)
        if resolved is None:
            raise NotFoundError(f"索引中没有《{name.strip('《》')}》(law not in the index)")
        document = resolved.current or resolved.newest
        if version:
            named = [d for d in resolved.versions if d.version_date.startswith(version.strip())]
            if len(named) != 1:
                known = "、".join(d.version_date for d in resolved.versions if d.version_date)
                raise NotFoundError(f"《{document.title}》没有{'唯一的' if named else ''}{version} 版本"
                                    f"（库中版本：{known or '无版本日期'}）(no such version)")
            document = named[0]
        address = check_address(self.store, document.doc_id, ref)
        found = self.store.clause_with_id(document.doc_id, address.ref) if address.status == "ok" else None
        if found is None:
            hint = f"；建议：{document.cite(address.suggestion)}" if address.suggestion is not None else ""
            raise NotFoundError(f"《{document.title}》中没有{ref.label()}：{address.message}{hint} (no such clause)")
        clause_id, clause = found
        return ShowResult(clause_id, clause, document, self.library.penalties(clause_id))

    # -- citations ------------------------------------------------------------------------------
    @reads_index
    def cite(self, text: str) -> CiteResult:
        """Every citation in `text`, verified, with clause text and (for duties) penalties."""
        citations = find_citations(text)
        if not citations:
            raise NotFoundError("未在文本中找到法规引用（例如《安全生产法》第九十七条第七项）")
        return CiteResult(verify(citations, self.store))

    @reads_index
    def check_file(self, path: Path, *, render: bool = False) -> CheckResult:
        """The citations of a .txt/.md/.docx file and, for a .docx, its GB/T 9704 format
        (with `render`, also its pages as LibreOffice lays them out)."""
        path = Path(path)
        if not path.is_file():
            raise UsageError(f"找不到文件：{path}（请检查路径）")
        try:
            lines = checking.read_lines(path)
        except OSError as error:
            raise SourceError(f"无法读取 {path}：{error.strerror or error}（请检查权限）") from None
        findings = verify(find_citations("\n".join(lines), str(path)), self.store,
                          as_of=checking.document_date(lines))
        return CheckResult(path, findings, checking.format_results(path, render=render))

    # -- drafting -------------------------------------------------------------------------------
    @reads_index
    def draft(self, kind: str, source: Path, output: Path, *, force: bool = False,
              fonts: str = DEFAULT_PROFILE, allow_outside: bool = False,
              render: bool = False) -> DraftResult:
        """A GB/T 9704 .docx of `kind` from a Markdown source; [[依据: …]] markers become verified
        citations through this workspace's index, or 〔未核实〕 marks listed in `problems`.

        Attachment files must lie in the source's folder (after resolving symlinks) unless
        `allow_outside`: a document pulls in no file its drafter did not put beside it. The
        output may be none of the inputs (`-o x.md` on x.md would destroy the source).

        With `render`, the document is laid out through LibreOffice before it is written, what
        the pages show is put right where the document allows (see `paginate`), and the layout
        rules of the final pages come with the result."""
        document_kind = get_kind(kind)
        if fonts not in PROFILES:
            raise UsageError(f"未知的字体方案：{fonts}（可选：{'、'.join(sorted(PROFILES))}）")
        source, output = Path(source), Path(output)
        if not source.is_file():
            raise UsageError(f"找不到文件：{source}（请检查路径）")
        ensure_writable(output, force=force, inputs=[source])
        try:
            parsed = read_source(source, document_kind.name, document_kind.required)
        except OSError as error:
            raise SourceError(f"无法读取 {source}：{error.strerror or error}（请检查权限）") from None
        except ValueError as error:  # a date YAML reads but the calendar lacks (2024-13-45)
            where = invalid_date_line(source) or f"文件头（{error}）"
            raise SourceError(f"{source.name}: {where} 不是有效日期；请写成 2022-01-20 或 2022年1月20日") from None
        check_characters(parsed)
        inputs = check_attachments(parsed, allow_outside=allow_outside)
        ensure_writable(output, force=force, inputs=inputs)
        warnings = attachment_warnings(parsed)
        service = citation_service(self)
        citer = Citer(service, context=document_context(parsed.meta))
        try:
            document = document_kind.build(parsed, citer, PROFILES[fonts])
        except OSError as error:  # an attachment file that cannot be read
            raise SourceError(f"无法读取 {error.filename or source}：{error.strerror or error}") from None
        layout, fixes = paginate(document, PROFILES[fonts]) if render else (None, [])
        write_atomic(output, document.save, force=force, inputs=inputs)
        warnings += list(service.warnings) if isinstance(service, LazyIndexService) else []
        if citer.markers or citer.cited or citer.problems:
            notice = self._notice_if_indexed()
            warnings += [notice] if notice else []
        return DraftResult(document_kind.name, output, list(citer.problems), warnings,
                           citer.markers_without_index, list(citer.markers), layout, fixes)


def new(kind: str, output: Path, *, force: bool = False) -> NewResult:
    """Write the Markdown skeleton of `kind` (the sections the seed documents use)."""
    document_kind = get_kind(kind)
    output = Path(output)

    def save(path: str) -> None:
        Path(path).write_text(document_kind.skeleton, encoding="utf-8")

    write_atomic(output, save, force=force)
    return NewResult(document_kind.name, output)
