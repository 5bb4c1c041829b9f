"""Build the index: read sources, store clauses, link duties to penalties, write Whoosh shards.

Layout of an index directory:

    index/CURRENT          name of the live generation (replaced atomically)
    index/gen-<stamp>/     clauses.sqlite, whoosh/<shard>/, meta.json
    index/cache/<sha1>.pkl parsed + tokenised sources, keyed by file content and parser version

A build writes a new generation and only then points CURRENT at it, so a crash or Ctrl-C
leaves the previous generation in use. Unchanged sources come from the cache and are not
tokenised again, unless the code or data that read and tokenise them changed (see
`parser_version`).

Sources are read in a process pool of the platform's default start method (fork on Linux,
spawn on Windows and macOS): the worker and everything it receives and returns pickle.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import hashlib
import json
import multiprocessing
import os
import pickle
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from policydocs.corpus.chinalaw import read_database
from policydocs.corpus.metadata import assign_status
from policydocs.corpus.readers import iter_sources, read_source
from policydocs.errors import PolicydocsError, SourceError
from policydocs.kb.domain import assign_domains
from policydocs.kb.generations import exclusive_build
from policydocs.kb.links import compute_links
from policydocs.kb.schema import SHARDS, shard_of, whoosh_schema
from policydocs.kb.scope import assign_scopes
from policydocs.kb.store import ClauseStore
from policydocs.model import Document
from policydocs.text.analyzer import tokenize

FORMAT_VERSION = 7  # bump when the on-disk layout, the tokenisation or what the readers produce changes
CURRENT = "CURRENT"
COMMON_TERMS = "common_terms.json"
COMMON_SHARE = 0.04
COMMON_MIN_ARTICLES = 2000
CACHE = "cache"

Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class Parsed:
    """One source file read and tokenised: what the cache holds."""

    documents: list[Document]
    #: per document, per clause index of an indexed unit: its space-separated tokens
    tokens: list[dict[int, str]]
    title_tokens: list[str]


@dataclass(slots=True)
class BuildReport:
    documents: int = 0
    clauses: int = 0
    links: int = 0
    reused: int = 0
    parsed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    generation: str = ""


def indexed_units(document: Document) -> list[int]:
    """Positions of the clauses that become Whoosh documents: each 条 of a law, each section
    of a policy document. Finer units (款/项/目) are scored from the store at query time."""
    return [i for i, c in enumerate(document.clauses) if c.ref.depth in ("article", "section")]


def _read_documents(path: Path, root: Path | None) -> list[Document]:
    """A source file's documents: one for a text file, many for the laws-extra database."""
    if path.suffix == ".db":
        return list(read_database(path))
    return [read_source(path, root)]


def _parse_file(path_and_root: tuple[Path, Path | None]) -> tuple[str, Parsed | str]:
    """Worker: read and tokenise one file. Returns (path, Parsed) or (path, error message)."""
    path, root = path_and_root
    try:
        documents = _read_documents(path, root)
    except SourceError as error:
        return str(path), str(error)
    except Exception as error:  # any reader failure skips this one file (--strict: fatal)
        return str(path), f"无法读取 {path}: {type(error).__name__}: {error}"
    parsed = Parsed([], [], [])
    for document in documents:
        tokens = {position: " ".join(tokenize(document.clauses[position].text))
                  for position in indexed_units(document)}
        parsed.documents.append(document)
        parsed.tokens.append(tokens)
        parsed.title_tokens.append(" ".join(tokenize(" ".join([document.title, *document.aliases]))))
    return str(path), parsed


#: what a cached parse depends on besides the file: the readers and clause trees, the
#: tokenizer, the record types, and the dictionary data the tokenizer and linker load
_PARSER_PACKAGES = ("corpus", "text")
_PARSER_MODULES = ("model.py", "errors.py")
_PARSER_DATA = ("data/userdict.txt", "data/thesaurus.tsv", "data/law_aliases.txt")


@lru_cache(maxsize=1)
def parser_version() -> str:
    """A hash of the source of the reader and analyzer modules and of their data files.

    A hand-bumped version number is forgotten (a reader change once left a rebuild reusing
    stale clauses); hashing the code itself cannot be. Editing a comment in corpus/ or
    text/ costs one full re-read, which is cheap next to a wrong clause."""
    package = resources.files("policydocs")
    digest = hashlib.sha1(f"format {FORMAT_VERSION}".encode())
    parts = [package.joinpath(name) for name in (*_PARSER_MODULES, *_PARSER_DATA)]
    for sub in _PARSER_PACKAGES:
        parts += sorted((entry for entry in package.joinpath(sub).iterdir() if entry.name.endswith(".py")),
                        key=lambda entry: entry.name)
    for part in parts:
        digest.update(part.name.encode())
        digest.update(part.read_bytes() if part.is_file() else b"-")
    return digest.hexdigest()


def _file_key(path: Path, root: Path | None) -> str:
    """Content hash plus what else the reader looks at: the folders (category, region), and
    the version of the code and data that read it."""
    digest = hashlib.sha1(path.read_bytes())
    where = path.relative_to(root) if root and path.is_relative_to(root) else path
    digest.update(f"{parser_version()}|{where}".encode())
    return digest.hexdigest()


class _Cache:
    """Parsed sources on disk, keyed by content hash; unused entries are dropped after a build."""

    def __init__(self, directory: Path):
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.used: set[str] = set()

    def get(self, key: str) -> Parsed | None:
        path = self.directory / f"{key}.pkl"
        try:
            with path.open("rb") as handle:
                value = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            return None
        self.used.add(key)
        return value

    def put(self, key: str, value: Parsed) -> None:
        tmp = self.directory / f".{key}.{os.getpid()}.tmp"
        with tmp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.directory / f"{key}.pkl")
        self.used.add(key)

    def prune(self) -> None:
        for path in self.directory.glob("*.pkl"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)


def _pool_size(todo: int, workers: int | None) -> int:
    """Worker processes for `todo` files: one per 50 files, at most the CPUs and 4."""
    if workers is not None:
        return max(1, min(workers, todo))
    return min(todo // 50 + 1, os.cpu_count() or 1, 4)


def _read_all(files: Sequence[tuple[Path, Path | None]], cache: _Cache, report: BuildReport, strict: bool,
              progress: Progress, workers: int | None = None,
              start_method: str | None = None) -> list[tuple[Document, dict[int, str], str]]:
    """Every file's documents and tokens, from the cache or parsed in a process pool;
    `start_method` None is the platform default (spawn on Windows and macOS)."""
    results: list[tuple[Document, dict[int, str], str]] = []
    todo: list[tuple[Path, Path | None]] = []
    keys: dict[str, str] = {}
    for path, root in files:
        try:
            key = _file_key(path, root)
        except OSError as error:
            _skip(report, str(path), f"无法读取 {path}: {error}", strict)
            continue
        cached = cache.get(key)
        if cached is None:
            keys[str(path)] = key
            todo.append((path, root))
        else:
            report.reused += 1
            results.extend(zip(cached.documents, cached.tokens, cached.title_tokens, strict=True))
    done = report.reused
    progress("读取", done, len(files))
    if todo:
        size = _pool_size(len(todo), workers)
        pool = multiprocessing.get_context(start_method).Pool(size) if size > 1 else None
        try:
            mapped = pool.imap(_parse_file, todo, chunksize=8) if pool else map(_parse_file, todo)
            for name, outcome in mapped:
                done += 1
                progress("读取", done, len(files))
                if isinstance(outcome, str):
                    _skip(report, name, outcome, strict)
                    continue
                report.parsed += 1
                cache.put(keys[name], outcome)
                results.extend(zip(outcome.documents, outcome.tokens, outcome.title_tokens, strict=True))
        finally:
            if pool:
                pool.terminate()
    return results


def _skip(report: BuildReport, path: str, message: str, strict: bool) -> None:
    if strict:
        raise SourceError(message)
    report.skipped.append((path, message))


def _dedupe(parsed: list[tuple[Document, dict, str]]) -> list[tuple[Document, dict, str]]:
    """The same title and version filed twice (LawRefBook lists some laws under two
    headings) is one document."""
    seen: set[str] = set()
    unique = []
    for entry in parsed:
        if entry[0].doc_id not in seen:
            seen.add(entry[0].doc_id)
            unique.append(entry)
    return unique


#: one shard's Whoosh documents: (cid, body tokens, title tokens, doc_id, region terms)
ShardRows = list[tuple[int, str, str, str, str]]
#: below this many articles a shard is written in the building process itself
PARALLEL_MIN_ARTICLES = 20000


def _write_whoosh(directory: Path, parsed: list[tuple[Document, dict, str]], first_ids: list[int],
                  progress: Progress) -> None:
    """One Whoosh index per shard, each written by one single-process writer, so document numbers
    follow the store's order in every build (Whoosh's multi-process writer hands batches to
    whichever worker is free, and numbered documents differently each time). The largest
    shard is written in a worker process while this one writes the others."""
    rows: dict[str, ShardRows] = {shard: [] for shard in SHARDS}
    for (document, tokens, title_tokens), first_id in zip(parsed, first_ids, strict=True):
        regions = ",".join(region_terms(document.region))
        rows[shard_of(document)].extend((first_id + position, body, title_tokens, document.doc_id, regions)
                                        for position, body in tokens.items())
    total = sum(len(shard_rows) for shard_rows in rows.values())
    largest = max(SHARDS, key=lambda shard: len(rows[shard]))
    parallel = len(rows[largest]) >= PARALLEL_MIN_ARTICLES and (os.cpu_count() or 1) > 1
    done = 0
    progress("索引", done, total)
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) if parallel else contextlib.nullcontext() as pool:
        future = pool.submit(_write_shard, directory / largest, rows.pop(largest)) if pool else None
        for shard in SHARDS:
            if shard in rows:
                done += _write_shard(directory / shard, rows[shard])
                progress("索引", done, total)
        if future is not None:
            done += future.result()
            progress("索引", done, total)


def _write_shard(shard_dir: Path, rows: ShardRows) -> int:
    """Write one shard. Tokens in more than COMMON_SHARE of its articles are left out of its
    postings (their document frequencies go to common_terms.json): the query stage never spends
    its posting budget on them, and they are most of the indexing work."""
    from whoosh import index as whoosh_index

    shard_dir.mkdir(parents=True)
    count = len(rows)
    frequency = Counter(token for _, body, _, _, _ in rows for token in set(body.split()))
    # in a small index every word is "common" by share; the saving only matters at scale
    common = {token: df for token, df in frequency.items()
              if count >= COMMON_MIN_ARTICLES and df > COMMON_SHARE * count}
    (shard_dir / COMMON_TERMS).write_text(json.dumps(common, ensure_ascii=False, sort_keys=True),
                                          encoding="utf-8")
    ix = whoosh_index.create_in(shard_dir, whoosh_schema())
    writer = ix.writer(limitmb=256)
    try:
        for cid, body, title, doc_id, regions in rows:
            kept = " ".join(token for token in body.split() if token not in common)
            writer.add_document(cid=cid, body=kept, title=title, doc=doc_id, region=regions)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    return count


def region_terms(region: str) -> list[str]:
    """江苏/苏州市 → 江苏, 苏州市, 苏州: what a --region filter may name."""
    terms = []
    for part in region.split("/"):
        terms.append(part)
        if part.endswith(("市", "省", "县", "区")) and len(part) > 2:
            terms.append(part[:-1])
    return terms


def _new_generation(index_dir: Path) -> Path:
    """A fresh, never-reused generation directory (time for humans, uuid for uniqueness)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    generation = index_dir / f"gen-{stamp}-{uuid.uuid4().hex[:8]}"
    generation.mkdir(parents=True)
    return generation


def _publish(index_dir: Path, generation: Path) -> None:
    """Point CURRENT at the new generation atomically, then delete older generations."""
    pointer_tmp = index_dir / f".{CURRENT}.{os.getpid()}.tmp"
    pointer_tmp.write_text(generation.name, encoding="utf-8")
    os.replace(pointer_tmp, index_dir / CURRENT)
    for old in index_dir.glob("gen-*"):
        if old != generation:
            shutil.rmtree(old, ignore_errors=True)


@exclusive_build
def build_index(sources: Iterable[Path], index_dir: Path, *, strict: bool = False,
                progress: Progress | None = None, workers: int | None = None,
                start_method: str | None = None) -> BuildReport:
    """Read `sources` (files or folders) and publish a new index generation in `index_dir`.

    `workers` fixes the number of reader processes (default: by corpus size and CPUs);
    `start_method` names a multiprocessing start method (default: the platform's)."""
    started = time.perf_counter()
    sources = list(sources)
    progress = progress or (lambda stage, done, total: None)
    report = BuildReport()
    index_dir.mkdir(parents=True, exist_ok=True)
    files: list[tuple[Path, Path | None]] = list(iter_sources([s for s in sources if s.suffix != ".db"]))
    files += [(s, None) for s in sources if s.suffix == ".db"]
    if not files:
        raise PolicydocsError("没有可读取的源文件 (no source files found): 请指定含 .md/.txt/.docx 的文件或目录")
    cache = _Cache(index_dir / CACHE)
    generation = _new_generation(index_dir)
    try:
        # cached files come back before freshly parsed ones: order by (doc_id, source) first so
        # that the same copy of a twice-filed document survives whatever was cached
        read = sorted(_read_all(files, cache, report, strict, progress),
                      key=lambda entry: (entry[0].doc_id, entry[0].source))
        parsed = _dedupe(read)
        parsed.sort(key=lambda entry: (entry[0].title, entry[0].version_date, entry[0].doc_id))
        documents = [entry[0] for entry in parsed]
        if not any(document.clauses for document in documents):
            raise PolicydocsError("语料为空：源文件中没有可索引的条款 (the sources contain no clauses)")
        assign_status(documents)
        assign_scopes(documents, [entry[1] for entry in parsed])  # what each governs (kb/scope.py)
        assign_domains(documents)  # which belong to work safety (kb/domain.py)
        progress("存储", 0, 1)
        store = ClauseStore.write(generation / "clauses.sqlite", documents)
        first_ids, next_id = [], 1
        for document in documents:
            first_ids.append(next_id)
            next_id += len(document.clauses)
        progress("关联", 0, 1)
        links = compute_links(documents, first_ids)
        store.add_links(links)
        store.write_correspondence(documents)  # old article → new article (kb/versions.py)
        store.close()
        _write_whoosh(generation / "whoosh", parsed, first_ids, progress)
        report.documents = len(documents)
        report.clauses = next_id - 1
        report.links = len(links)
        report.seconds = time.perf_counter() - started
        report.generation = generation.name
        meta = {"format": FORMAT_VERSION, "built": time.strftime("%Y-%m-%d %H:%M:%S"),
                "documents": report.documents, "clauses": report.clauses, "links": report.links,
                "sources": [str(path) for path in sources]}
        (generation / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        _publish(index_dir, generation)
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    cache.prune()
    return report
