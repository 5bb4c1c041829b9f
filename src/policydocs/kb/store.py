"""The clause store: every document's metadata and every clause, in SQLite beside the Whoosh index.

Whoosh ranks; the store answers exact questions (this law's 第九十七条第七项, all versions of a
title, the penalty links of a duty) without touching the text index, and holds the texts that
results display. One class, used by search, cite and draft alike.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from policydocs.kb import versions
from policydocs.model import LINK_KINDS, Clause, ClauseRef, Document

SCHEMA = """
CREATE TABLE docs (
    doc_id TEXT PRIMARY KEY, title TEXT, category TEXT, level INTEGER, status TEXT, region TEXT,
    version_date TEXT, promulgated TEXT, effective TEXT, issuer TEXT, number TEXT, source TEXT,
    aliases TEXT, scope TEXT, domain TEXT
);
CREATE TABLE names (name TEXT, doc_id TEXT);
CREATE INDEX names_name ON names(name);
CREATE TABLE clauses (
    id INTEGER PRIMARY KEY, doc_id TEXT, article INTEGER, paragraph INTEGER, item INTEGER,
    subitem INTEGER, section TEXT, text TEXT, lead TEXT, headings TEXT, kind TEXT
);
CREATE INDEX clauses_article ON clauses(doc_id, article);
CREATE INDEX clauses_section ON clauses(doc_id, section);
CREATE TABLE links (duty_id INTEGER, penalty_id INTEGER, how TEXT);
CREATE INDEX links_duty ON links(duty_id);
CREATE INDEX links_penalty ON links(penalty_id);
"""

_DOC_COLUMNS = ("doc_id", "title", "category", "level", "status", "region", "version_date",
                "promulgated", "effective", "issuer", "number", "source", "aliases", "scope", "domain")


_STRENGTH = list(LINK_KINDS)


class ClauseStore:
    """Read access to a built store (`open`), or a new one filled with `write`."""

    def __init__(self, connection: sqlite3.Connection):
        self._db = connection
        self._doc_cache: dict[str, Document] = {}

    # -- building -------------------------------------------------------------------------
    @classmethod
    def write(cls, path: Path, documents: Iterable[Document]) -> ClauseStore:
        """Create the store at `path` (must not exist) from fully read documents. Clause ids
        are 1, 2, … in document order then clause order (see `numbered`)."""
        db = sqlite3.connect(path)
        db.executescript(SCHEMA)
        store = cls(db)
        store.append(documents, first_id=1)
        return store

    def append(self, documents: Iterable[Document], first_id: int | None = None) -> list[int]:
        """Insert documents with clause ids from `first_id` (default: after the highest id);
        returns each document's first clause id. `policydocs add` appends this way, so that
        no clause already stored changes its id (links and Whoosh documents stay valid)."""
        db = self._db
        if first_id is None:
            first_id = (db.execute("SELECT MAX(id) FROM clauses").fetchone()[0] or 0) + 1
        next_id = first_id
        firsts = []
        for document in documents:
            firsts.append(next_id)
            meta = document.metadata()
            meta["level"] = document.level
            meta["aliases"] = json.dumps(document.aliases, ensure_ascii=False)
            meta["scope"] = json.dumps(document.scope, ensure_ascii=False)
            db.execute(f"INSERT INTO docs VALUES ({','.join('?' * len(_DOC_COLUMNS))})",
                       [meta[c] for c in _DOC_COLUMNS])
            db.executemany("INSERT INTO names VALUES (?, ?)",
                           [(name, document.doc_id) for name in sorted({document.title, *document.aliases})])
            db.executemany(
                "INSERT INTO clauses (id, doc_id, article, paragraph, item, subitem, section, text, lead,"
                " headings, kind) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(cid, c.doc_id, c.ref.article, c.ref.paragraph, c.ref.item, c.ref.subitem, c.ref.section,
                  c.text, c.lead, "\x1f".join(c.headings), c.kind)
                 for cid, c in enumerate(document.clauses, start=next_id)])
            next_id += len(document.clauses)
        db.commit()
        return firsts

    def remove_document(self, doc_id: str) -> None:
        """Delete a document, its clauses, names, links and correspondence rows."""
        db = self._db
        ids = [cid for (cid,) in db.execute("SELECT id FROM clauses WHERE doc_id=?", (doc_id,))]
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            db.execute(f"DELETE FROM links WHERE duty_id IN ({marks}) OR penalty_id IN ({marks})", chunk + chunk)
        db.execute("DELETE FROM clauses WHERE doc_id=?", (doc_id,))
        db.execute("DELETE FROM names WHERE doc_id=?", (doc_id,))
        db.execute("DELETE FROM docs WHERE doc_id=?", (doc_id,))
        with contextlib.suppress(sqlite3.OperationalError):  # no table in an index built before it
            db.execute("DELETE FROM correspondence WHERE old_doc=? OR new_doc=?", (doc_id, doc_id))
        self._doc_cache.pop(doc_id, None)
        db.commit()

    def set_status(self, doc_id: str, status: str) -> None:
        self._db.execute("UPDATE docs SET status=? WHERE doc_id=?", (status, doc_id))
        self._doc_cache.pop(doc_id, None)
        self._db.commit()

    def full_document(self, doc_id: str) -> Document:
        """A document with its clauses, as the readers made it (for recomputing its links or
        its correspondence with a new version)."""
        meta = self.document(doc_id)
        document = Document(**{**meta.metadata(), "aliases": list(meta.aliases), "scope": list(meta.scope)})
        document.clauses = [clause for _, clause in self.document_clauses(doc_id)]
        return document

    # -- versions -------------------------------------------------------------------------
    def write_correspondence(self, documents: Sequence[Document]) -> int:
        """Store the article correspondence of every two versions among `documents` (kb/versions.py)."""
        return versions.write_correspondence(self._db, documents)

    def correspondence(self, old_doc: str, new_doc: str) -> list[versions.Pair]:
        return versions.read_correspondence(self._db, old_doc, new_doc)

    def overview(self) -> list[tuple[Document, int]]:
        """Every document with its number of articles (sections for a policy document)."""
        counts = dict(self._db.execute(
            "SELECT doc_id, COUNT(*) FROM clauses WHERE paragraph IS NULL AND item IS NULL AND subitem IS NULL"
            " GROUP BY doc_id").fetchall())
        ids = [d for (d,) in self._db.execute("SELECT doc_id FROM docs")]
        return [(self.document(doc_id), counts.get(doc_id, 0)) for doc_id in ids]

    def documents_of(self, categories: Iterable[str]) -> list[Document]:
        """The documents of the given categories (规范性文件 …), in doc_id order."""
        wanted = list(categories)
        rows = self._db.execute(f"SELECT doc_id FROM docs WHERE category IN ({','.join('?' * len(wanted))})"
                                " ORDER BY doc_id", wanted).fetchall()
        return [self.document(doc_id) for (doc_id,) in rows]

    def level_counts(self) -> dict[int, int]:
        """How many documents of each authority level (model.AUTHORITY) the store holds."""
        return dict(self._db.execute("SELECT level, COUNT(*) FROM docs GROUP BY level").fetchall())

    def add_links(self, links: Iterable[tuple[int, int, str]]) -> None:
        self._db.executemany("INSERT INTO links VALUES (?, ?, ?)", links)
        self._db.commit()

    @classmethod
    def open(cls, path: Path) -> ClauseStore:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        return cls(db)

    def close(self) -> None:
        self._db.close()

    # -- documents ------------------------------------------------------------------------
    def document(self, doc_id: str) -> Document:
        """Metadata of one document (its `clauses` list stays empty)."""
        cached = self._doc_cache.get(doc_id)
        if cached is None:
            row = self._db.execute(f"SELECT {','.join(_DOC_COLUMNS)} FROM docs WHERE doc_id=?",
                                   (doc_id,)).fetchone()
            if row is None:
                raise KeyError(doc_id)
            data = dict(zip(_DOC_COLUMNS, row, strict=True))
            del data["level"]
            data["aliases"] = json.loads(data["aliases"])
            data["scope"] = json.loads(data["scope"] or "[]")
            cached = self._doc_cache[doc_id] = Document(**data)
        return cached

    def domain_doc_ids(self, domain: str) -> list[str]:
        """Ids of the documents of a domain (kb/domain.py), sorted."""
        return [d for (d,) in self._db.execute("SELECT doc_id FROM docs WHERE domain=? ORDER BY doc_id", (domain,))]

    def documents_named(self, name: str) -> list[Document]:
        """All versions of the document(s) called `name` exactly (title or alias), newest first."""
        rows = self._db.execute("SELECT DISTINCT doc_id FROM names WHERE name=?", (name,)).fetchall()
        documents = [self.document(doc_id) for (doc_id,) in rows]
        return sorted(documents, key=lambda d: d.version_date, reverse=True)

    # -- clauses --------------------------------------------------------------------------
    _CLAUSE_SELECT = ("SELECT id, doc_id, article, paragraph, item, subitem, section, text, lead, headings,"
                      " kind FROM clauses")

    @staticmethod
    def _clause(row: tuple) -> tuple[int, Clause]:
        cid, doc_id, article, paragraph, item, subitem, section, text, lead, headings, kind = row
        ref = ClauseRef(article, paragraph, item, subitem, section)
        return cid, Clause(doc_id, ref, text, lead, tuple(h for h in headings.split("\x1f") if h), kind)

    def clause(self, doc_id: str, ref: ClauseRef) -> Clause | None:
        """The clause at exactly this address, or None."""
        found = self.clause_with_id(doc_id, ref)
        return found[1] if found else None

    def clause_with_id(self, doc_id: str, ref: ClauseRef) -> tuple[int, Clause] | None:
        if ref.article is None:
            rows = self._db.execute(self._CLAUSE_SELECT + " WHERE doc_id=? AND section=?",
                                    (doc_id, ref.section)).fetchall()
        else:
            rows = self._db.execute(self._CLAUSE_SELECT + " WHERE doc_id=? AND article=?",
                                    (doc_id, ref.article)).fetchall()
        for row in rows:
            cid, clause = self._clause(row)
            if clause.ref == ref:
                return cid, clause
        return None

    def article_units(self, doc_id: str, article: int) -> list[tuple[int, Clause]]:
        """(id, clause) of the article and all its 款/项/目, in document order."""
        rows = self._db.execute(self._CLAUSE_SELECT + " WHERE doc_id=? AND article=? ORDER BY id",
                                (doc_id, article)).fetchall()
        return [self._clause(row) for row in rows]

    def article_clauses(self, doc_id: str, article: int) -> list[Clause]:
        """The article and all its 款/项/目, in document order."""
        return [clause for _, clause in self.article_units(doc_id, article)]

    def regions(self) -> list[str]:
        """Every distinct region of a document (全国, 江苏/苏州市 …), for checking --region."""
        return [row[0] for row in self._db.execute("SELECT DISTINCT region FROM docs")]

    def titles(self) -> list[tuple[str, str]]:
        """(doc_id, title) of every document."""
        return self._db.execute("SELECT doc_id, title FROM docs").fetchall()

    def clauses_by_ids(self, ids: Iterable[int]) -> dict[int, Clause]:
        id_list = list(ids)
        out: dict[int, Clause] = {}
        for start in range(0, len(id_list), 500):
            chunk = id_list[start:start + 500]
            rows = self._db.execute(self._CLAUSE_SELECT + f" WHERE id IN ({','.join('?' * len(chunk))})",
                                    chunk).fetchall()
            out.update(self._clause(row) for row in rows)
        return out

    def document_clauses(self, doc_id: str) -> list[tuple[int, Clause]]:
        rows = self._db.execute(self._CLAUSE_SELECT + " WHERE doc_id=? ORDER BY id", (doc_id,)).fetchall()
        return [self._clause(row) for row in rows]

    def duties_for(self, penalty_id: int, hows: Sequence[str] = ("explicit",)) -> list[int]:
        """Ids of the duty clauses a penalty clause is linked to in the given ways, in id order
        (the reverse of `penalties_for`; links sit on every unit of the duty article)."""
        marks = ",".join("?" * len(hows))
        rows = self._db.execute(f"SELECT DISTINCT duty_id FROM links WHERE penalty_id=? AND how IN ({marks}) "
                                "ORDER BY duty_id", (penalty_id, *hows)).fetchall()
        return [row[0] for row in rows]

    def penalties_for(self, clause_id: int) -> list[tuple[int, Clause, str]]:
        """(id, clause, how) of the penalty clauses linked to a duty clause, in document order;
        `how` is the strongest way the link was found (see cite/links.py)."""
        rows = self._db.execute("SELECT penalty_id, how FROM links WHERE duty_id=?", (clause_id,)).fetchall()
        how: dict[int, str] = {}
        for penalty_id, way in rows:
            if penalty_id not in how or _STRENGTH.index(way) < _STRENGTH.index(how[penalty_id]):
                how[penalty_id] = way
        clauses = self.clauses_by_ids(how)
        return [(cid, clauses[cid], how[cid]) for cid in sorted(clauses)]
