import json
import shutil
import time
from pathlib import Path

import pytest

from policydocs.errors import IndexMissingError, IndexOutdatedError, PolicydocsError, SourceError
from policydocs.kb import build as build_module
from policydocs.kb.build import build_index
from policydocs.search.library import Library

FIXTURES = Path(__file__).parent / "fixtures" / "search"
NATIONAL = "中华人民共和国焊割安全法"
LOCAL = "江苏省焊割安全条例"
DUTY_QUERY = "动火作业前清除作业点周围的可燃物"


def _next_second():
    """Generation directories are named by the second (see test_two_builds_in_one_second);
    the rebuild tests wait for the clock so that they test what they are about."""
    start = time.strftime("%Y%m%d-%H%M%S")
    while time.strftime("%Y%m%d-%H%M%S") == start:
        time.sleep(0.05)


@pytest.fixture()
def sources(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(FIXTURES, src)
    return src


@pytest.fixture()
def index(sources, tmp_path):
    idx = tmp_path / "idx"
    report = build_index([sources], idx)
    assert report.documents == 4
    assert report.parsed == 4 and report.reused == 0
    assert not report.skipped
    return idx


@pytest.fixture()
def library(index):
    lib = Library.open(index)
    yield lib
    lib.close()


def test_categories_from_folders(library):
    hits = library.search(DUTY_QUERY, limit=10)
    categories = {hit.document.title: hit.document.category for hit in hits}
    assert categories[NATIONAL] == "法律"
    assert categories[LOCAL] == "地方性法规"
    assert {hit.document.title: hit.document.region for hit in hits}[LOCAL] == "江苏"


def test_national_clause_ranks_above_word_for_word_local_copy(library):
    hits = library.search(DUTY_QUERY, limit=10)
    titles = [hit.document.title for hit in hits]
    assert NATIONAL in titles and LOCAL in titles
    assert titles.index(NATIONAL) < titles.index(LOCAL)
    national = hits[titles.index(NATIONAL)]
    local = hits[titles.index(LOCAL)]
    assert national.clause.ref.article == 2 and local.clause.ref.article == 2
    assert national.clause.text == local.clause.text
    assert national.score > local.score


def test_region_filter_keeps_national_and_that_region_only(library):
    jiangsu = {hit.document.title for hit in library.search(DUTY_QUERY, limit=10, region="江苏")}
    zhejiang = {hit.document.title for hit in library.search(DUTY_QUERY, limit=10, region="浙江")}
    assert {NATIONAL, LOCAL} <= jiangsu
    assert NATIONAL in zhejiang and LOCAL not in zhejiang


def test_asking_for_a_region_raises_its_rules_weight(library):
    def local_score(**options) -> float:
        return next(h.score for h in library.search(DUTY_QUERY, limit=10, **options) if h.document.title == LOCAL)

    assert local_score(region="江苏") > local_score()


def test_old_version_excluded_by_default_and_included_on_request(library):
    query = "每月擦拭砂轮防护罩"
    default = library.search(query, limit=10)
    assert all("擦拭" not in hit.clause.text for hit in default)
    assert all(hit.document.status == "现行有效" for hit in default)
    with_old = library.search(query, limit=10, include_old=True)
    old = [hit for hit in with_old if "擦拭砂轮防护罩" in hit.clause.text]
    assert len(old) == 1
    assert old[0].document.version_date == "2015-01-01"
    assert old[0].document.status != "现行有效"
    assert old[0].citation == "《中华人民共和国砂轮安全法》第二条"


def test_item_level_hit_carries_lead(library):
    hits = library.search("焊割作业现场配备足量的灭火器材", limit=5, kind="duty")
    top = hits[0]
    assert top.document.title == NATIONAL
    assert (top.clause.ref.article, top.clause.ref.item) == (3, 2)
    assert top.clause.lead == "焊割作业单位应当履行下列义务："
    assert top.citation == f"《{NATIONAL}》第三条第二项"


def test_duty_hit_carries_penalty_from_liability_chapter(library):
    hits = library.search("焊割作业现场配备足量的灭火器材", limit=5, kind="duty")
    top = hits[0]
    cited = [document.cite(penalty.ref) for penalty, document, _ in top.penalties]
    assert f"《{NATIONAL}》第五条第二项" in cited
    assert all(penalty.kind == "penalty" for penalty, _, _ in top.penalties)
    # the same for the article-level duty of 第二条
    hits = library.search(DUTY_QUERY, limit=5)
    national = next(hit for hit in hits if hit.document.title == NATIONAL)
    assert f"《{NATIONAL}》第六条" in [d.cite(p.ref) for p, d, _ in national.penalties]


def test_hit_as_json_has_required_keys(library):
    data = library.search(DUTY_QUERY, limit=1)[0].as_json()
    for key in ("citation", "law", "article", "paragraph", "item", "text", "score", "kind", "status", "penalties"):
        assert key in data
    json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("query", ["，。", "", "   ", "！？"])
def test_punctuation_only_query_is_a_user_error(library, query):
    with pytest.raises(PolicydocsError):
        library.search(query)


def test_open_empty_dir_raises_index_missing(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(IndexMissingError):
        Library.open(tmp_path / "empty")
    with pytest.raises(IndexMissingError):
        Library.open(tmp_path / "does-not-exist")


def test_outdated_format_raises(index):
    generation = index / (index / "CURRENT").read_text(encoding="utf-8").strip()
    meta_path = generation / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["format"] = 0
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(IndexOutdatedError):
        Library.open(index)


def test_rebuild_reuses_unchanged_files(sources, index):
    changed = sources / "社会法" / "砂轮安全法(2022-01-01).md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n第四条 砂轮机应当安装牢固的托架。\n",
                       encoding="utf-8")
    _next_second()
    report = build_index([sources], index)
    assert report.reused == 3
    assert report.parsed == 1
    assert report.documents == 4
    library = Library.open(index)
    try:
        hits = library.search("砂轮机应当安装牢固的托架", limit=3)
        assert hits and hits[0].clause.ref.article == 4
    finally:
        library.close()
    # only one generation stays on disk
    assert len(list(index.glob("gen-*"))) == 1


def test_unchanged_rebuild_reuses_everything(sources, index):
    _next_second()
    report = build_index([sources], index)
    assert (report.reused, report.parsed) == (4, 0)


def test_corrupt_docx_is_skipped_or_fails_when_strict(sources, tmp_path):
    bad = sources / "社会法" / "损坏的文件.docx"
    bad.write_bytes(b"PK\x03\x04 this is not a real docx file")
    report = build_index([sources], tmp_path / "idx")
    assert [Path(path).name for path, _ in report.skipped] == ["损坏的文件.docx"]
    assert report.documents == 4
    assert Library.open(tmp_path / "idx").search(DUTY_QUERY, limit=1)
    with pytest.raises(SourceError):
        build_index([sources], tmp_path / "idx-strict", strict=True)


def test_failure_during_build_keeps_previous_index(sources, index, monkeypatch):
    before = (index / "CURRENT").read_text(encoding="utf-8")

    def boom(*args, **kwargs):
        raise RuntimeError("injected failure")

    monkeypatch.setattr(build_module, "_write_whoosh", boom)
    changed = sources / "地方性法规" / "江苏省焊割安全条例(2020-01-01).md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n第四条 本条例自公布之日起施行。\n", encoding="utf-8")
    _next_second()
    with pytest.raises(RuntimeError, match="injected"):
        build_index([sources], index)
    assert (index / "CURRENT").read_text(encoding="utf-8") == before
    assert len(list(index.glob("gen-*"))) == 1
    library = Library.open(index)
    try:
        hits = library.search(DUTY_QUERY, limit=3)
        assert hits[0].document.title == NATIONAL
    finally:
        library.close()


def test_empty_source_folder_is_an_error(tmp_path):
    (tmp_path / "nothing").mkdir()
    with pytest.raises(PolicydocsError):
        build_index([tmp_path / "nothing"], tmp_path / "idx")


def test_two_builds_in_one_second(sources, tmp_path, monkeypatch):
    # pin the clock so both builds fall in the same second deterministically
    monkeypatch.setattr(build_module.time, "strftime", lambda fmt, *args: "20200101-000000")
    index = tmp_path / "idx"
    build_index([sources], index)
    report = build_index([sources], index)
    assert report.reused == 4
    assert Library.open(index).search(DUTY_QUERY, limit=1)


def test_colloquial_words_trust_their_legal_terms_more(library):
    # 电焊工 never occurs in the fixture laws: its legal term gets full weight
    weights = library.weights
    assert library._prepare("电焊工无证上岗").weights["特种作业人员"] == weights.colloquial_expansion
    library.weights = weights.updated({"colloquial_df": 0})  # now every spoken word counts as legal language
    try:
        assert library._prepare("电焊工无证上岗").weights["特种作业人员"] == weights.expansion
    finally:
        library.weights = weights
