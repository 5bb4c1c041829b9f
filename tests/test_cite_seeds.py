"""Integration: find and verify the citations of the real seed documents against the real laws
in ../shared/corpus/lawrefbook. Each asserted finding was checked by reading the law text (2021
《中华人民共和国安全生产法》, the only version in the corpus); see the comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from policydocs.cite.finder import find_citations
from policydocs.cite.findings import Finding
from policydocs.cite.verify import verify
from policydocs.corpus.lawmd import read_law_markdown
from policydocs.corpus.metadata import assign_status
from policydocs.kb.lawnames import LawResolver
from policydocs.kb.store import ClauseStore
from policydocs.model import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
LAWREFBOOK = SHARED / "corpus" / "lawrefbook"
SEEDS = SHARED / "seeds"
LAWS = ("社会法/安全生产法(2021-06-10).md", "社会法/特种设备安全法(2013-06-29).md",
        "社会法/职业病防治法(2018-12-29).md", "社会法/矿山安全法(2009-08-27).md")
BY_NAME = ("消防法(2021-04-29).md", "矿山安全法实施条例(1996-10-30).md")
SAFETY = "《中华人民共和国安全生产法》"

pytestmark = pytest.mark.skipif(not (LAWREFBOOK.is_dir() and SEEDS.is_dir()),
                                reason=f"shared data not found at {SHARED} (seeds and lawrefbook corpus)")


def current_of(resolver: LawResolver, name: str) -> Document:
    """The version in force of the law `name` resolves to (the test fails when there is none)."""
    law = resolver.resolve(name)
    assert law is not None and law.current is not None, name
    return law.current


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    paths = [LAWREFBOOK / name for name in LAWS]
    paths += [next(LAWREFBOOK.rglob(name)) for name in BY_NAME]
    documents = [read_law_markdown(path, LAWREFBOOK) for path in paths]
    assign_status(documents)
    built = ClauseStore.write(tmp_path_factory.mktemp("seeds") / "store.db", documents)
    yield built
    built.close()


def findings_of(seed: str, store: ClauseStore) -> list[Finding]:
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    return verify(find_citations(path.read_text(encoding="utf-8"), str(path)), store)


def at(findings: list[Finding], line: int) -> list[Finding]:
    return [f for f in findings if f.line == line]


def test_seed_002_item_of_article_27_which_has_only_paragraphs(store):
    # 第二十七条 has three 款 and no 项; 第二款 is the 考核合格 duty that 第九十七条第二项 punishes.
    findings = findings_of("002", store)
    for line in (112, 298, 442):
        [finding] = at(findings, line)
        assert finding.source == f"{SAFETY}第二十七条第二项"
        assert finding.status == "bad_part"
        assert finding.suggestion == f"{SAFETY}第二十七条第二款"


def test_seed_002_chained_articles_are_malformed(store):
    # “第三条第六条、第五十三条…第五十九条”: two 条 without 、 ; 第六条 is the 从业人员 rights/duties article.
    findings = at(findings_of("002", store), 521)
    assert findings[0].status == "malformed"
    assert findings[0].suggestion == f"{SAFETY}第三条、第六条"
    assert [(f.article, f.status) for f in findings[1:]] == [(n, "ok") for n in range(53, 60)]


def test_seed_002_correct_citations_are_not_flagged(store):
    # Checked by hand: 第二十一条 has seven 项; 第二十五条第一款 seven 项 and a 第二款; 第三条 three 款;
    # the words quoted after 第九十五/一百零六/一百一十/一百一十三条规定， are those articles' own.
    findings = findings_of("002", store)
    safety = [f for f in findings if f.law == "中华人民共和国安全生产法"]
    wrong = {(f.line, f.status) for f in safety if f.is_error}
    assert wrong == {(112, "bad_part"), (298, "bad_part"), (442, "bad_part"), (521, "malformed")}
    cited = {f.citation for f in safety if f.status == "ok"}
    assert {f"{SAFETY}第二十一条第{n}项" for n in "一二三四五六七"} <= cited
    assert {f"{SAFETY}第二十五条第一款第{n}项" for n in "一二三四五六七"} <= cited
    assert {f"{SAFETY}第二十五条第二款", f"{SAFETY}第三条第三款", f"{SAFETY}第五条", f"{SAFETY}第九十五条",
            f"{SAFETY}第一百零六条", f"{SAFETY}第一百一十条", f"{SAFETY}第一百一十三条"} <= cited


def test_seed_002_local_regulations_are_unverified(store):
    # 《四川省安全生产条例》 is not in the corpus: 未核实, not an error.
    [finding] = at(findings_of("002", store), 285)
    assert finding.status == "unknown_law"
    assert not finding.is_error


def test_seed_000_quotes_under_old_article_numbers(store):
    # The 执法依据 column quotes “生产经营单位应当建立健全生产安全事故隐患排查治理制度…” as 第三十八条第一款;
    # in the 2021 law 第三十八条 is the 淘汰制度 article and the words are 第四十一条第二款.
    # The 处罚依据 quotes “生产经营单位未采取措施消除事故隐患的，责令立即消除或者限期消除…” as 第九十九条;
    # 2021 第九十九条 is the 安全警示标志/安全设备 list, the words are (with older fines) 第一百零二条.
    findings = findings_of("000", store)
    for line in (399, 402):
        duty, penalty = [f for f in at(findings, line) if f.law == "中华人民共和国安全生产法"]
        assert (duty.source, duty.status) == ("《安全生产法》第三十八条第一款", "mismatch")
        assert duty.suggestion == f"{SAFETY}第四十一条第二款"
        assert (penalty.source, penalty.status) == ("《安全生产法》第九十九条", "mismatch")
        assert penalty.suggestion == f"{SAFETY}第一百零二条"


def test_seed_000_new_safety_law_resolves(store):
    findings = findings_of("000", store)
    [new] = at(findings, 309)
    assert (new.source, new.status, new.citation) == ("新《安全生产法》", "ok", SAFETY)


def test_implementing_regulation_is_not_the_law(store):
    resolver = LawResolver(store)
    assert current_of(resolver, "《矿山安全法实施条例》").title == "中华人民共和国矿山安全法实施条例"
    assert current_of(resolver, "《矿山安全法》").title == "中华人民共和国矿山安全法"
    assert current_of(resolver, "安法").title == "中华人民共和国安全生产法"


def test_other_seeds_raise_no_false_alarm(store):
    for seed in ("001", "003", "004"):
        assert not [f for f in findings_of(seed, store) if f.is_error], seed
