"""One entry point for every source file the indexer meets: `read_source` decides by extension
and content whether a file is a law (clause tree 第X条…) or a policy document (一、/（一）…)
and hands it to the matching reader; `iter_sources` expands files and folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from policydocs.corpus import lawmd, policy
from policydocs.corpus.docx_reader import read_docx_lines
from policydocs.errors import SourceError
from policydocs.model import Document
from policydocs.text.normalize import normalize_line

SUPPORTED = (".md", ".txt", ".docx")
#: folder index pages (LawRefBook) that are not documents
SKIPPED_NAMES = {"_index.md"}


def read_source(path: Path, root: Path | None = None) -> Document:
    """The Document in `path`. Raises SourceError when the file cannot be read or parsed."""
    suffix = path.suffix.lower()
    if suffix == ".md":
        return _read_markdown(path, root)
    if suffix == ".txt":
        return _read_lines(_read_text(path).splitlines(), path, root, join_broken=True)
    if suffix == ".docx":
        return _read_lines(read_docx_lines(path), path, root, join_broken=False)
    raise SourceError(f"不支持的文件类型：{path}（支持 {'、'.join(SUPPORTED)}）")


def _read_markdown(path: Path, root: Path | None) -> Document:
    text = _read_text(path)
    if lawmd.INFO_END in text:
        return lawmd.read_law_lines(text.splitlines(), path, root)
    parsed = policy.split_front_matter(text, path)
    if parsed is None:
        return _read_lines(text.splitlines(), path, root, join_broken=False)
    meta, body = parsed
    if not lawmd.looks_like_law([normalize_line(line) for line in body]):
        return policy.policy_document(meta, body, path)
    # a law with front matter: the law reader's clause tree, the front matter's metadata
    document = policy.document_from_meta(meta, path)
    law = lawmd.read_law_lines([document.title, *body], path, root)
    if "category" not in meta:
        document.category = law.category
    for clause in law.clauses:
        clause.doc_id = document.doc_id
    document.clauses = law.clauses
    return document


def _read_lines(lines: list[str], path: Path, root: Path | None, join_broken: bool) -> Document:
    if lawmd.looks_like_law([normalize_line(line) for line in lines]):
        return lawmd.read_law_lines(lines, path, root)
    return policy.read_policy_lines(lines, path, join_broken)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        try:
            return path.read_text(encoding="gb18030")  # Windows-made Chinese text files
        except UnicodeDecodeError:
            raise SourceError(f"无法读取 {path}：既不是 UTF-8 也不是 GB18030 编码的文本") from None
    except OSError as error:
        raise SourceError(f"无法读取 {path}：{error.strerror or type(error).__name__}") from None


def iter_sources(paths: list[Path]) -> Iterator[tuple[Path, Path]]:
    """(file, root) for every readable source under `paths`: a file is its own root's child, a
    folder is searched recursively (sorted, so runs are reproducible); hidden files and folders,
    `_index.md` and unsupported extensions are skipped."""
    for given in paths:
        if given.is_dir():
            for path in sorted(given.rglob("*")):
                relative = path.relative_to(given).parts
                if path.is_file() and _wanted(path) and not any(p.startswith(".") for p in relative):
                    yield path, given
        elif given.is_file() and _wanted(given):
            yield given, given.parent


def _wanted(path: Path) -> bool:
    return (path.suffix.lower() in SUPPORTED and path.name not in SKIPPED_NAMES
            and not path.name.startswith((".", "~$")))
