"""Fixtures shared by the test files. What is expensive is built once per session from the
invented fixture laws; tests that change what they get receive their own copy."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from policydocs.corpus.lawmd import read_law_markdown
from policydocs.corpus.metadata import assign_status
from policydocs.kb.build import build_index
from policydocs.kb.store import ClauseStore
from policydocs.search.library import Library

FIXTURES = Path(__file__).parent / "fixtures"
LAW_FIXTURES = FIXTURES / "laws"  # 矿灯安全法 (2015, 2022), its 实施条例, a repealed 暂行规定
SEARCH_FIXTURES = FIXTURES / "search"  # 焊割安全法, a local copy, two versions of 砂轮安全法


@pytest.fixture(scope="session")
def law_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clause store (no links) of tests/fixtures/laws, written once per session."""
    documents = [read_law_markdown(p) for p in sorted(LAW_FIXTURES.glob("*.md"))]
    assign_status(documents)
    path = tmp_path_factory.mktemp("law-store") / "store.db"
    ClauseStore.write(path, documents).close()
    return path


@pytest.fixture
def law_store(law_store_file: Path, tmp_path: Path) -> Iterator[ClauseStore]:
    """A writable private copy of the session's law store (tests add links to it)."""
    copy = tmp_path / "store.db"
    shutil.copyfile(law_store_file, copy)
    store = ClauseStore(sqlite3.connect(copy))
    yield store
    store.close()


@pytest.fixture(scope="session")
def law_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A full index (store, links, Whoosh shards) of tests/fixtures/laws; read-only."""
    directory = tmp_path_factory.mktemp("law-index")
    build_index(sorted(LAW_FIXTURES.glob("*.md")), directory)
    return directory


@pytest.fixture
def search_sources(tmp_path: Path) -> Path:
    """A private copy of tests/fixtures/search (with its category folders) to change."""
    sources = tmp_path / "src"
    shutil.copytree(SEARCH_FIXTURES, sources)
    return sources


@pytest.fixture(scope="session")
def search_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of a copy of tests/fixtures/search, built once; read-only (tests that change
    or rebuild an index build their own from `search_sources`)."""
    root = tmp_path_factory.mktemp("search-index")
    shutil.copytree(SEARCH_FIXTURES, root / "src")
    report = build_index([root / "src"], root / "idx")
    assert (report.documents, report.parsed, report.reused, report.skipped) == (4, 4, 0, [])
    return root / "idx"


@pytest.fixture(scope="session")
def search_library(search_index: Path) -> Iterator[Library]:
    """The search index opened once."""
    library = Library.open(search_index)
    yield library
    library.close()


@pytest.fixture(scope="session")
def briefing_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of tests/fixtures/briefing (the invented 密闭场所安全生产法, its 条例 and a
    policy document citing them); read-only."""
    directory = tmp_path_factory.mktemp("briefing-index")
    build_index([FIXTURES / "briefing"], directory)
    return directory


@pytest.fixture(scope="module")
def app(law_index):
    """The web app over the fixture law index, one per test module (its sessions and downloads
    stay inside the module)."""
    from web_support import make_app

    return make_app(law_index)


@pytest.fixture
def client(app):
    """A fresh browser session of `app`."""
    return app.test_client()
