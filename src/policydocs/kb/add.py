"""`policydocs add`: put a user's own law or policy files into an existing index without
reading the rest again.

The live generation is copied into a new one; the new documents are appended to its store
(clause ids after the highest, so no stored link or Whoosh document changes meaning), their
links and the correspondence with the other versions of their titles are computed, and their
articles are added to the Whoosh shards. Then CURRENT points at it, as after `index`: a
failure leaves the live index as it was. A file with the same title and version as a stored
document replaces it; a new version makes the older ones 已修改 (moved to the old shard).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from policydocs.corpus.lawmd import doc_id_for
from policydocs.corpus.metadata import aliases_for, assign_status, category_from, region_from
from policydocs.corpus.readers import iter_sources, read_source
from policydocs.errors import PolicydocsError, SourceError, UsageError
from policydocs.kb.build import COMMON_TERMS, FORMAT_VERSION, _new_generation, _publish, indexed_units, region_terms
from policydocs.kb.domain import assign_domains
from policydocs.kb.generations import exclusive_build, live_generation
from policydocs.kb.links import compute_links
from policydocs.kb.schema import SHARDS, shard_of
from policydocs.kb.scope import assign_scopes
from policydocs.kb.store import ClauseStore
from policydocs.model import AUTHORITY, Document
from policydocs.text.analyzer import tokenize
from policydocs.text.dates import TYPED_DATE


@dataclass(slots=True)
class Added:
    """One file added: what was recognised."""

    path: str
    document: Document | None
    articles: int = 0
    replaced: bool = False
    error: str = ""


@dataclass(slots=True)
class AddReport:
    files: list[Added] = field(default_factory=list)
    links: int = 0
    correspondences: int = 0
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Overrides:
    """`--title`, `--date`, `--category`: what the user says instead of what was recognised."""

    title: str = ""
    date: str = ""
    category: str = ""


def parse_override_date(value: str) -> str:
    """2014-08-31, 2014年8月31日 or a year → ISO (a year alone → YYYY-01-01)."""
    value = value.strip()
    match = TYPED_DATE.fullmatch(value)
    if match:
        year, month, day = (g for g in match.groups() if g)
        return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    if value.isdigit() and len(value) == 4:
        return f"{value}-01-01"
    raise UsageError(f"无法识别的日期 --date {value}（示例：2014-08-31、2014年8月31日或 2014）")


def _apply(document: Document, overrides: Overrides) -> Document:
    if overrides.category:
        if overrides.category not in AUTHORITY:
            raise UsageError(f"未知的类别 --category {overrides.category}（可选：{'、'.join(AUTHORITY)}）")
        document.category = overrides.category
    if overrides.title or overrides.date:
        if overrides.title:
            document.title = overrides.title.strip().strip("《》")
            document.aliases = aliases_for(document.title)
            if not overrides.category:
                document.category = category_from(document.title, [])
            document.region = region_from(document.title, [])
        if overrides.date:
            document.version_date = parse_override_date(overrides.date)
            document.promulgated = document.promulgated or document.version_date
        document.doc_id = doc_id_for(document.title, document.version_date)
        for clause in document.clauses:
            clause.doc_id = document.doc_id
    return document


#: progress(stage, done, total), as `build_index` reports it
Progress = Callable[[str, int, int], None]


def _silent(stage: str, done: int, total: int) -> None:
    """No progress to report."""


def read_files(sources: Iterable[Path], overrides: Overrides, progress: Progress = _silent) -> list[Added]:
    """Each file read (or why not). One override applies to every file: with several files
    a --title would give them all one title, so that is refused."""
    files = [path for path, _ in iter_sources(list(sources))]
    if not files:
        raise PolicydocsError("没有可添加的文件（支持 .docx、.md、.txt）(no files to add)")
    if overrides.title and len(files) > 1:
        raise UsageError("--title 只能用于一个文件（给出了多个文件）")
    out = []
    for number, path in enumerate(files, 1):
        progress("读取文件", number - 1, len(files))
        try:
            document = _apply(read_source(path, path.parent), overrides)
        except SourceError as error:
            out.append(Added(str(path), None, error=str(error)))
            continue
        if not any(c.text for c in document.clauses):
            out.append(Added(str(path), None, error=f"{path}：没有可索引的条款"))
            continue
        document.source = str(path.resolve())
        out.append(Added(str(path), document, sum(1 for c in document.clauses if c.ref.depth == "article")))
    return out


def _tokens(document: Document) -> dict[int, str]:
    return {position: " ".join(tokenize(document.clauses[position].text)) for position in indexed_units(document)}


@exclusive_build
def add_to_index(sources: list[Path], index_dir: Path, *, overrides: Overrides = Overrides(),
                 progress: Progress | None = None) -> AddReport:
    """Add `sources` (files or folders) to the live index as a new generation; `progress` hears
    each stage (读取文件 per file, then copying, links, each Whoosh shard, publishing)."""
    started = time.perf_counter()
    progress = progress or _silent
    live = live_generation(index_dir)
    meta = json.loads((live / "meta.json").read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT_VERSION:
        raise PolicydocsError(f"索引 {index_dir} 由旧版本建立：请先运行 `policydocs index` 重建")
    report = AddReport(read_files(sources, overrides, progress))
    new_documents = list({a.document.doc_id: a.document for a in report.files if a.document}.values())
    if not new_documents:
        raise SourceError("没有可添加的文件：" + "；".join(a.error for a in report.files))
    generation = _new_generation(index_dir)
    try:
        generation.rmdir()
        progress("复制索引", 0, 1)
        shutil.copytree(live, generation)
        progress("写入条文与处罚关联", 0, 1)
        store = ClauseStore(sqlite3.connect(generation / "clauses.sqlite"))
        removed: dict[str, set[str]] = {shard: set() for shard in SHARDS}  # doc ids out of each shard
        added: dict[str, list[tuple[Document, dict[int, str], list[int]]]] = {shard: [] for shard in SHARDS}
        replaced = set()
        for document in new_documents:
            try:
                old = store.document(document.doc_id)
            except KeyError:
                continue
            removed[shard_of(old)].add(old.doc_id)
            store.remove_document(old.doc_id)
            replaced.add(document.doc_id)
        for entry in report.files:
            entry.replaced = entry.document is not None and entry.document.doc_id in replaced
        # versions: the stored versions of each title, now with the new ones
        titles = {document.title for document in new_documents}
        stored = [store.full_document(doc_id) for doc_id, title in store.titles() if title in titles]
        before = {document.doc_id: (document.status, shard_of(document)) for document in stored}
        assign_status(stored + new_documents)
        tokens = [_tokens(document) for document in new_documents]
        assign_scopes(new_documents, tokens)
        assign_domains(new_documents)
        for document in new_documents:  # a version of a work-safety law is one too
            if any(s.title == document.title and s.domain for s in stored):
                document.domain = stored[0].domain or document.domain
        first_ids = store.append(new_documents)
        links = compute_links(new_documents, first_ids)
        store.add_links(links)
        for document, unit_tokens, first in zip(new_documents, tokens, first_ids, strict=True):
            added[shard_of(document)].append((document, unit_tokens, [first + p for p in unit_tokens]))
        for document in stored:  # a version that is no longer current moves to the old shard
            status, shard = before[document.doc_id]
            if document.status != status:
                store.set_status(document.doc_id, document.status)
                if shard_of(document) != shard:
                    removed[shard].add(document.doc_id)
                    ids = {clause.ref: cid for cid, clause in store.document_clauses(document.doc_id)}
                    unit_tokens = _tokens(document)
                    added[shard_of(document)].append(
                        (document, unit_tokens, [ids[document.clauses[p].ref] for p in unit_tokens]))
        report.correspondences = store.write_correspondence(stored + new_documents)
        report.links = len(links)
        clauses = store._db.execute("SELECT COUNT(*) FROM clauses").fetchone()[0]
        documents = store._db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]
        link_count = store._db.execute("SELECT COUNT(*) FROM links").fetchone()[0]
        store.close()
        for number, shard in enumerate(SHARDS):
            progress("更新检索索引", number, len(SHARDS))
            if removed[shard] or added[shard]:
                _update_shard(generation / "whoosh" / shard, removed[shard], added[shard])
        progress("启用新版本", 0, 1)
        meta.update({"built": time.strftime("%Y-%m-%d %H:%M:%S"), "documents": documents, "clauses": clauses,
                     "links": link_count,
                     "added": sorted({*meta.get("added", []), *(d.source for d in new_documents)})})
        (generation / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        _publish(index_dir, generation)
        progress("启用新版本", 1, 1)
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    report.seconds = time.perf_counter() - started
    return report


def _update_shard(shard_dir: Path, removed: set[str], added: list[tuple[Document, dict[int, str], list[int]]]) -> None:
    """Delete documents from one Whoosh shard and add others, leaving out the shard's common
    terms as the build did."""
    from whoosh import index as whoosh_index

    common = json.loads((shard_dir / COMMON_TERMS).read_text(encoding="utf-8"))
    ix = whoosh_index.open_dir(str(shard_dir))
    writer = ix.writer()
    try:
        for doc_id in sorted(removed):
            writer.delete_by_term("doc", doc_id)
        for document, unit_tokens, ids in added:
            title = " ".join(tokenize(" ".join([document.title, *document.aliases])))
            regions = ",".join(region_terms(document.region))
            for cid, body in zip(ids, unit_tokens.values(), strict=True):
                kept = " ".join(token for token in body.split() if token not in common)
                writer.add_document(cid=cid, body=kept, title=title, doc=document.doc_id, region=regions)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
