"""`policydocs add` and `policydocs laws` on an invented law in two versions
(tests/fixtures/versions: 脚手架安全法 2012 and 2020), and the stored article correspondence."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from policydocs.cli import main
from policydocs.corpus.readers import read_source
from policydocs.errors import EXIT_USAGE
from policydocs.kb.build import build_index
from policydocs.kb.generations import live_generation
from policydocs.kb.store import ClauseStore
from policydocs.kb.versions import article_texts, correspond
from policydocs.model import ClauseRef

VERSIONS = Path(__file__).parent / "fixtures" / "versions"
OLD = VERSIONS / "脚手架安全法(2012-05-01).md"
NEW = VERSIONS / "脚手架安全法(2020-03-01).md"
TITLE = "中华人民共和国脚手架安全法"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def index(tmp_path: Path) -> Path:
    """An index of the new version only (the old one is what a user adds)."""
    directory = tmp_path / "index"
    build_index([NEW], directory)
    return directory


def _pairs() -> dict[tuple[int | None, int | None], str]:
    old, new = read_source(OLD), read_source(NEW)
    return {(p.old_article, p.new_article): p.kind for p in correspond(article_texts(old), article_texts(new))}


def test_correspondence_finds_split_merge_new_deleted_and_renumbered() -> None:
    pairs = _pairs()
    assert pairs[(3, 4)] == pairs[(3, 5)] == "split"  # 方案 and 验收 became two articles
    assert pairs[(4, 6)] == pairs[(5, 6)] == "merged"  # 每日检查 and 限载标志牌 became one
    assert pairs[(None, 2)] == "added"
    assert pairs[(6, None)] == "deleted"  # the 大风 rule is gone
    assert pairs[(2, 3)] == "moved"  # same words, new number: 条序调整
    assert pairs[(9, 9)] == "modified"  # the fine was raised
    assert pairs[(1, 1)] == "unchanged"


def test_add_then_laws_lists_both_versions_with_status(index: Path, tmp_path: Path) -> None:
    result = run("add", str(OLD), "--index", str(index))
    assert result.exception is None, result.output
    line = [text for text in result.output.splitlines() if text.startswith("加入")]
    assert len(line) == 1 and TITLE in line[0] and "2012-05-01" in line[0] and "已修改" in line[0]
    listed = run("laws", "--index", str(index), "--json")
    assert listed.exception is None
    laws = {(law["title"], law["version"]): law for law in json.loads(listed.output)}
    assert laws[(TITLE, "2012-05-01")]["status"] == "已修改"
    assert laws[(TITLE, "2020-03-01")]["status"] == "现行有效"
    assert laws[(TITLE, "2012-05-01")]["articles"] == 11
    assert laws[(TITLE, "2012-05-01")]["source"].endswith(OLD.name)
    # the correspondence is stored in the index
    store = ClauseStore.open(live_generation(index) / "clauses.sqlite")
    old_id, new_id = laws[(TITLE, "2012-05-01")]["doc_id"], laws[(TITLE, "2020-03-01")]["doc_id"]
    stored = {(p.old_article, p.new_article): p.kind for p in store.correspondence(old_id, new_id)}
    store.close()
    assert stored == _pairs()


def test_added_law_is_searchable_and_linked(index: Path) -> None:
    assert run("add", str(OLD), "--index", str(index)).exception is None
    found = run("search", "未编制专项施工方案", "--include-old", "--index", str(index), "--json")
    assert found.exception is None
    hits = json.loads(found.output)
    assert any(h["status"] == "已修改" for h in hits)
    # the old version's duty 第四条 gets its own penalty (explicit reference 违反本法第四条)
    store = ClauseStore.open(live_generation(index) / "clauses.sqlite")
    old = next(d for d in store.documents_named(TITLE) if d.version_date == "2012-05-01")
    found_id = store.clause_with_id(old.doc_id, ClauseRef(4))
    assert found_id is not None
    penalties = [(c.doc_id, c.ref.article, how) for _, c, how in store.penalties_for(found_id[0])]
    store.close()
    assert (old.doc_id, 10, "explicit") in penalties


def test_same_title_and_version_replaces(index: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy" / NEW.name
    copy.parent.mkdir()
    shutil.copyfile(NEW, copy)
    result = run("add", str(copy), "--index", str(index))
    assert result.exception is None, result.output
    assert "替换" in result.output
    laws = json.loads(run("laws", "--index", str(index), "--json").output)
    assert [law["version"] for law in laws if law["title"] == TITLE] == ["2020-03-01"]
    # the replaced version's index entries are gone: search finds the law once, not twice
    found = run("search", "未编制专项施工方案", "--index", str(index), "--json")
    assert found.exception is None, found.output
    places = [(hit["law"], hit["article"]) for hit in json.loads(found.output) if hit["law"] == TITLE]
    assert places and len(places) == len(set(places))


def test_overrides_title_date_category(index: Path, tmp_path: Path) -> None:
    plain = tmp_path / "规定.txt"
    plain.write_text("第一条 本规定适用于吊篮。\n第二条 吊篮应当每日检查。\n第三条 违反第二条的，处一千元以下罚款。\n",
                     encoding="utf-8")
    result = run("add", str(plain), "--title", "某市吊篮管理规定", "--date", "2019", "--category", "地方政府规章",
                 "--index", str(index), "--json")
    assert result.exception is None, result.output
    added = json.loads(result.output)["files"][0]
    assert (added["title"], added["version"], added["category"]) == ("某市吊篮管理规定", "2019-01-01", "地方政府规章")


def test_bad_override_is_one_usage_line(index: Path) -> None:
    result = run("add", str(OLD), "--date", "去年", "--index", str(index))
    assert result.exit_code == EXIT_USAGE
    assert "--date" in result.output and "Traceback" not in result.output
    # nothing changed
    laws = json.loads(run("laws", "--index", str(index), "--json").output)
    assert len(laws) == 1


def test_add_without_index_says_how(tmp_path: Path) -> None:
    result = run("add", str(OLD), "--index", str(tmp_path / "none"))
    assert result.exit_code == 4
    assert "policydocs index" in result.output
