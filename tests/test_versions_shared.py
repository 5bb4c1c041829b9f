"""Integration on ../shared/corpus/versions: the 2014 《安全生产法》 (a 国家法律法规数据库 .docx)
beside the 2021 text of the law library. Every 2014-numbered citation of the seeds is outdated
with the right current article (checked by reading both texts: 2014 第三十八条第一款 隐患排查
is 2021 第四十一条第二款; 2014 第九十九条 未采取措施消除事故隐患 is 2021 第一百零二条)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policydocs.app.checking import document_date, read_lines
from policydocs.cite.finder import find_citations
from policydocs.cite.verify import verify
from policydocs.corpus.lawmd import read_law_markdown
from policydocs.corpus.metadata import assign_status
from policydocs.corpus.readers import read_source
from policydocs.kb.store import ClauseStore

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
LAWREFBOOK = SHARED / "corpus" / "lawrefbook"
OLD = SHARED / "corpus" / "versions" / "中华人民共和国安全生产法（2014年修正）.docx"
NEW = LAWREFBOOK / "社会法" / "安全生产法(2021-06-10).md"
SEEDS = SHARED / "seeds"
SAFETY = "《中华人民共和国安全生产法》"

pytestmark = pytest.mark.skipif(not (OLD.is_file() and NEW.is_file() and SEEDS.is_dir()),
                                reason=f"shared data not found at {SHARED} (versions, lawrefbook, seeds)")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    documents = [read_source(OLD), read_law_markdown(NEW, LAWREFBOOK)]
    assign_status(documents)
    built = ClauseStore.write(tmp_path_factory.mktemp("versions") / "store.db", documents)
    built.write_correspondence(documents)
    yield built
    built.close()


def findings_of(seed: str, store: ClauseStore):
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    lines = read_lines(path)
    return verify(find_citations("\n".join(lines), str(path)), store, as_of=document_date(lines))


# (line, as written) → the current article it is now; read off both texts by hand
OLD_NUMBERED = {
    (399, "《安全生产法》第三十八条第一款"): f"{SAFETY}第四十一条第二款",
    (402, "《安全生产法》第三十八条第一款"): f"{SAFETY}第四十一条第二款",
    (399, "《安全生产法》第九十九条"): f"{SAFETY}第一百零二条",
    (402, "《安全生产法》第九十九条"): f"{SAFETY}第一百零二条",
}


def test_every_2014_numbered_seed_citation_is_outdated_with_the_current_article(store) -> None:
    findings = {(f.line, f.source): f for f in findings_of("000", store)}
    for key, current in OLD_NUMBERED.items():
        finding = findings[key]
        assert finding.status == "outdated", (key, finding.message)
        assert finding.suggestion == current, key
        article = current.removeprefix(SAFETY).split("条")[0] + "条"
        assert f"按2014年版编号；现行（2021年修正）为{article}" in finding.message
        # the 第九十九条 quotes carry the 2014 fines (十万元以上五十万元以下), the 2021 article others
        assert ("引文为2014年版文字" in finding.message) == ("第九十九条" in key[1])
    safety = [f for f in findings.values() if f.law == "中华人民共和国安全生产法" and f.article]
    assert {(f.line, f.source) for f in safety if f.status == "outdated"} == set(OLD_NUMBERED)


def test_2021_numbered_seed_citations_are_not_made_outdated(store) -> None:
    # seed 002 (2023) cites the 2021 numbering: only its known errors, nothing outdated
    findings = findings_of("002", store)
    assert not [f for f in findings if f.status == "outdated"]
    wrong = {(f.line, f.status) for f in findings if f.is_error and f.law == "中华人民共和国安全生产法"}
    assert wrong == {(112, "bad_part"), (298, "bad_part"), (442, "bad_part"), (521, "malformed")}
    for seed in ("001", "003", "004"):
        assert not [f for f in findings_of(seed, store) if f.is_error], seed


def test_correspondence_of_renumbered_articles(store) -> None:
    old, new = (d for d in sorted(store.documents_named("中华人民共和国安全生产法"), key=lambda d: d.version_date))
    pairs = {(p.old_article, p.new_article) for p in store.correspondence(old.doc_id, new.doc_id)}
    # the examples: 27 → 30, 38 → 41, 94 → 97, 99 → 102
    assert {(27, 30), (38, 41), (94, 97), (99, 102)} <= pairs


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from policydocs.kb.build import build_index

    directory = tmp_path_factory.mktemp("versions-index") / "index"
    build_index([OLD, NEW], directory)
    return directory


def run(*args: str):
    from click.testing import CliRunner

    from policydocs.cli import main

    return CliRunner().invoke(main, list(args))


def test_diff_2014_2021(index: Path, tmp_path: Path) -> None:
    import json

    result = run("diff", "安全生产法", "--from", "2014", "-o", str(tmp_path / "t.docx"), "--index", str(index),
                 "--json")
    assert result.exception is None, result.output
    rows = json.loads(result.output)["rows"]
    by_old = {tuple(r["old_articles"]): r for r in rows}
    assert by_old[(38,)]["new_articles"] == [41] and by_old[(38,)]["note"] == "修改"
    # 2021 adds the 安全风险分级管控 paragraph and 并落实 to 建立健全…隐患排查治理制度 (read in both texts)
    changed = by_old[(38,)]["new_changed"]
    assert "并落实" in changed and any(c.startswith("生产经营单位应当建立安全风险分级管控制度") for c in changed)
    assert {n for r in rows for n in r["new_articles"]} == set(range(1, 120))
    assert {n for r in rows for n in r["old_articles"]} == set(range(1, 115))


def test_update_seed_000(index: Path, tmp_path: Path) -> None:
    seed = next(SEEDS.glob("000_*.txt"))
    out = tmp_path / "000-updated.txt"
    result = run("update", str(seed), "-o", str(out), "--index", str(index))
    assert result.exception is None, result.output
    assert "共改动 4 处" in result.output
    before, after = seed.read_text(encoding="utf-8"), out.read_text(encoding="utf-8")
    assert after == (before.replace("《安全生产法》第三十八条第一款", "《安全生产法》第四十一条第二款")
                     .replace("《安全生产法》第九十九条", "《安全生产法》第一百零二条"))
