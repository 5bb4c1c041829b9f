"""Copy a built index and recompute its duty → penalty links with this checkout's rules.

    python scripts/relink_index.py SOURCE_INDEX TARGET_INDEX [--force]

Links depend only on the clauses of each document, which do not change when only kb/links.py
does: instead of a 2-minute whole-library build, the live generation of SOURCE_INDEX is copied
(Whoosh files hard-linked where the file system allows; the clause store copied) into a new
generation of TARGET_INDEX, its links table is replaced by `links.document_links` over every
document, and TARGET_INDEX's CURRENT points at it. SOURCE_INDEX is only read. The result is
what a full build would store, so every benchmark (bench_search, bench_links) can read it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path

from policydocs.kb.generations import CURRENT, live_generation
from policydocs.kb.links import document_links
from policydocs.kb.store import ClauseStore


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--force", action="store_true", help="replace TARGET_INDEX if it exists")
    args = parser.parse_args()
    if args.target.resolve() == args.source.resolve():
        print("目标索引不能是源索引 (target must differ from source)", file=sys.stderr)
        return 2
    if args.target.exists():
        if not args.force:
            print(f"{args.target} 已存在，加 --force 覆盖 (exists; use --force)", file=sys.stderr)
            return 2
        shutil.rmtree(args.target)
    started = time.perf_counter()
    generation = live_generation(args.source)
    args.target.mkdir(parents=True)
    new = args.target / generation.name
    shutil.copytree(generation, new, ignore=shutil.ignore_patterns("clauses.sqlite"),
                    copy_function=_link_or_copy)
    shutil.copy2(generation / "clauses.sqlite", new / "clauses.sqlite")
    store = ClauseStore.open(generation / "clauses.sqlite")
    doc_ids = [row[0] for row in store._db.execute(
        "SELECT doc_id FROM clauses GROUP BY doc_id ORDER BY MIN(id)").fetchall()]
    links = [link for doc_id in doc_ids for link in document_links(store.document_clauses(doc_id))]
    store.close()
    db = sqlite3.connect(new / "clauses.sqlite")
    db.execute("DELETE FROM links")
    db.executemany("INSERT INTO links VALUES (?, ?, ?)", links)
    db.commit()
    db.execute("VACUUM")
    db.close()
    meta_path = new / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["links"] = len(links)
    meta["relinked_from"] = str(args.source)
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    (args.target / CURRENT).write_text(generation.name, encoding="utf-8")
    print(f"{len(links)} links over {len(doc_ids)} documents, {time.perf_counter() - started:.0f} s → {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
