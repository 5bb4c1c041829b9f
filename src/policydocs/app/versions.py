"""Version use cases: `diff` (the 新旧条文对照表 of two versions of a law) and `update` (a
document's outdated citations rewritten to the current numbering). Functions on a
`Workspace`, as app/lawfiles.py, so every face runs the same code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from policydocs.app.checking import document_date
from policydocs.app.workspace import Workspace
from policydocs.cite.finder import find_citations
from policydocs.cite.verify import verify
from policydocs.corpus.docx_reader import read_docx_lines
from policydocs.draft.lawdiff import DiffRow, diff_rows
from policydocs.draft.update import (
    Change,
    Edit,
    apply_to_paragraph,
    apply_to_text,
    docx_paragraphs,
    paragraph_text,
    plan,
    raw_offsets,
)
from policydocs.draft.writer import ensure_writable, write_atomic
from policydocs.errors import NotFoundError, SourceError, UsageError
from policydocs.gbt9704 import DEFAULT_PROFILE, PROFILES
from policydocs.kb.lawnames import LawResolver
from policydocs.kb.store import ClauseStore
from policydocs.kb.versions import article_texts, correspond, version_label
from policydocs.model import Citation, Document

DIFF_SUFFIXES = (".docx", ".xlsx")


@dataclass(slots=True)
class DiffResult:
    output: Path
    title: str
    old_version: str
    new_version: str
    rows: list[DiffRow] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for row in self.rows:
            out[row.note] = out.get(row.note, 0) + 1
        return out

    def as_json(self) -> dict:
        return {"output": str(self.output), "title": self.title, "from": self.old_version, "to": self.new_version,
                "counts": self.counts, "rows": [row.as_json() for row in self.rows]}


def law_versions(workspace: Workspace, law: str) -> list[Document]:
    """Every version of the law called `law` in the index, oldest first (a usage error naming
    the fix when the index does not hold it)."""
    resolved = LawResolver(workspace.store).resolve(law)
    if resolved is None:
        raise NotFoundError(f"索引中没有《{law.strip('《》')}》：可用 `policydocs laws` 查看，"
                            "用 `policydocs add FILE` 加入 (law not in the index)")
    return sorted((d for d in resolved.versions if d.version_date), key=lambda d: d.version_date)


def pick_version(versions: list[Document], written: str, option: str) -> Document:
    """The version a year (2014) or date (2014-08-31) names."""
    found = [d for d in versions if d.version_date.startswith(written.strip())]
    if len(found) != 1:
        known = "、".join(d.version_date for d in versions)
        raise UsageError(f"{option} {written}：《{versions[-1].title}》没有{'唯一的' if found else ''}该版本"
                         f"（库中版本：{known}）")
    return found[0]


def diff_law(workspace: Workspace, law: str, output: Path, *, from_version: str = "", to_version: str = "",
             changed_only: bool = False, force: bool = False, fonts: str = DEFAULT_PROFILE) -> DiffResult:
    """The 新旧条文对照表 of two versions of `law` (default: the newest two) written to a .docx
    or .xlsx: one row per article, changed words marked."""
    output = Path(output)
    suffix = output.suffix.lower()
    if suffix not in DIFF_SUFFIXES:
        raise UsageError(f"输出文件应为 .docx 或 .xlsx：{output.name}（-o FILE.docx|FILE.xlsx）")
    if fonts not in PROFILES:
        raise UsageError(f"未知的字体方案：{fonts}（可选：{'、'.join(sorted(PROFILES))}）")
    ensure_writable(output, force=force)
    versions = law_versions(workspace, law)
    if len(versions) < 2:
        only = versions[0].version_date if versions else "无版本日期"
        raise UsageError(f"《{versions[0].title if versions else law}》在索引中只有一个版本（{only}），无法对照："
                         "用 `policydocs add 旧版本文件` 加入另一版本")
    new = pick_version(versions, to_version, "--to") if to_version else versions[-1]
    older = [d for d in versions if d.version_date < new.version_date]
    if from_version:
        old = pick_version(versions, from_version, "--from")
    elif older:
        old = older[-1]
    else:
        raise UsageError(f"--to {to_version}：没有比它更早的版本可对照")
    if old.version_date >= new.version_date:
        old, new = new, old
    store = workspace.store
    old_full, new_full = store.full_document(old.doc_id), store.full_document(new.doc_id)
    old_texts, new_texts = dict(article_texts(old_full)), dict(article_texts(new_full))
    pairs = store.correspondence(old.doc_id, new.doc_id) or correspond(article_texts(old_full),
                                                                       article_texts(new_full))
    rows = diff_rows(pairs, old_texts, new_texts)
    if changed_only:
        rows = [row for row in rows if row.changed]
    title = f"《{new.title}》新旧条文对照表"
    subtitle = f"{version_label(old)}—{version_label(new)}"
    if suffix == ".docx":
        from policydocs.draft.lawdiff_docx import diff_document

        document = diff_document(title, subtitle, rows, PROFILES[fonts])
        write_atomic(output, document.save, force=force)
    else:
        from policydocs.draft.lawdiff_xlsx import diff_workbook

        book = diff_workbook(title, subtitle, rows)
        write_atomic(output, book.save, force=force)
    return DiffResult(output, new.title, old.version_date, new.version_date, rows)


UPDATE_SUFFIXES = (".md", ".txt", ".docx")


@dataclass(slots=True)
class UpdateResult:
    source: Path
    output: Path
    changes: list[Change] = field(default_factory=list)

    @property
    def rewritten(self) -> list[Change]:
        return [c for c in self.changes if c.new]

    def as_json(self) -> dict:
        return {"source": str(self.source), "output": str(self.output),
                "changes": [c.as_json() for c in self.changes]}


def update_file(workspace: Workspace, source: Path, output: Path, *, force: bool = False) -> UpdateResult:
    """A copy of `source` with every outdated citation rewritten to the current numbering
    (draft/update.py); the change list says what was rewritten and what was left as written."""
    source, output = Path(source), Path(output)
    if not source.is_file():
        raise UsageError(f"找不到文件：{source}（请检查路径）")
    suffix = source.suffix.lower()
    if suffix not in UPDATE_SUFFIXES:
        raise UsageError(f"只能更新 .md、.txt 或 .docx 文件：{source.name}")
    if output.suffix.lower() != suffix:
        raise UsageError(f"输出文件应与原文件同类型（{suffix}）：{output.name}")
    ensure_writable(output, force=force, inputs=[source])
    store = workspace.store
    if suffix == ".docx":
        return _update_docx(store, source, output, force)
    try:
        data = source.read_bytes()
    except OSError as error:
        raise SourceError(f"无法读取 {source}：{error.strerror or error}（请检查权限）") from None
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else _encoding_of(data, source)
    raw = data.decode(encoding)
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    citations = find_citations(text, str(source))
    findings = verify(citations, store, as_of=document_date(text.splitlines()))
    edits, changes = plan(citations, findings, lambda c: f"第{c.line}行")
    to_raw = raw_offsets(raw)
    raw_edits = [Edit(to_raw(e.start), to_raw(e.end), e.old, e.new) for e in edits]
    updated = apply_to_text(raw, raw_edits).encode(encoding)
    def save(path: str) -> None:
        Path(path).write_bytes(updated)

    write_atomic(output, save, force=force, inputs=[source])
    return UpdateResult(source, output, changes)


def _encoding_of(data: bytes, source: Path) -> str:
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    raise SourceError(f"无法读取 {source}：既不是 UTF-8 也不是 GB18030 编码的文本")


def _update_docx(store: ClauseStore, source: Path, output: Path, force: bool) -> UpdateResult:
    import docx

    read_docx_lines(source)  # a damaged file: the reader's one-line SourceError
    document = docx.Document(str(source))
    paragraphs = [(p, *paragraph_text(p)) for p in docx_paragraphs(document)]
    as_of = document_date([text for _, text, _ in paragraphs])
    changes: list[Change] = []
    for number, (_, text, texts) in enumerate(paragraphs, 1):
        citations = find_citations(text, str(source))
        if not citations:
            continue
        edits, found = plan(citations, verify(citations, store, as_of=as_of), _paragraph_label(number))
        apply_to_paragraph(texts, edits)
        changes += found
    write_atomic(output, document.save, force=force, inputs=[source])
    return UpdateResult(source, output, changes)


def _paragraph_label(number: int) -> Callable[[Citation], str]:
    return lambda _citation: f"第{number}段"
