"""Verification of citations against a store built from invented laws (tests/fixtures/laws):
two versions of 《中华人民共和国矿灯安全法》 (2015, and 2022 with renumbered articles), its
实施条例, and a repealed 暂行规定."""

from __future__ import annotations

import pytest

from policydocs.cite.finder import find_citations
from policydocs.cite.findings import PenaltyCitation
from policydocs.cite.verify import CitationContext, verify
from policydocs.kb.lawnames import LawResolver, normalize_name
from policydocs.kb.store import ClauseStore
from policydocs.model import ClauseRef, Document

LAW = "中华人民共和国矿灯安全法"


@pytest.fixture
def store(law_store: ClauseStore) -> ClauseStore:
    return law_store  # a private copy of the session's store (conftest)


def check(text: str, store: ClauseStore, **kwargs):
    findings = verify(find_citations(text), store, **kwargs)
    assert len(findings) == 1, findings
    return findings[0]


def current_of(resolver: LawResolver, name: str) -> Document:
    """The version in force of the law `name` resolves to (the test fails when there is none)."""
    law = resolver.resolve(name)
    assert law is not None and law.current is not None, name
    return law.current


def current_id(store: ClauseStore) -> str:
    return next(d for d in store.documents_named(LAW) if d.version_date.startswith("2022")).doc_id


# -- law names ----------------------------------------------------------------------------
def test_normalize_name():
    assert normalize_name("新《安全生产法》") == ("安全生产法", "新")
    assert normalize_name("《中华人民共和国安全生产法（2021年修正）》") == ("中华人民共和国安全生产法", "2021年修正")
    assert normalize_name("新疆维吾尔自治区安全生产条例") == ("新疆维吾尔自治区安全生产条例", "")


def test_resolver_uses_exact_names_and_aliases_never_substrings(store):
    resolver = LawResolver(store, aliases={"灯法": LAW})
    assert current_of(resolver, "《矿灯安全法》").version_date == "2022-06-01"
    assert current_of(resolver, "中华人民共和国矿灯安全法").title == LAW
    assert current_of(resolver, "灯法").title == LAW
    assert current_of(resolver, "矿灯安全法实施条例").title == LAW + "实施条例"
    assert resolver.resolve("矿灯安全法实施细则") is None
    assert resolver.resolve("矿灯安全") is None


# -- statuses -----------------------------------------------------------------------------
def test_ok_article_with_canonical_citation_and_text(store):
    finding = check("《矿灯安全法》第三条", store)
    assert finding.status == "ok"
    assert finding.citation == f"《{LAW}》第三条"
    assert finding.law == LAW
    assert (finding.article, finding.paragraph, finding.item) == (3, None, None)
    assert finding.clause_text.startswith("矿灯使用单位应当建立矿灯发放登记制度")


def test_ok_item_of_one_paragraph_article_shows_the_lead(store):
    finding = check("《中华人民共和国矿灯安全法》第四条第四项", store)
    assert finding.status == "ok"
    assert finding.clause_text.startswith("矿灯使用单位的主要负责人对本单位矿灯安全工作负有下列职责")
    assert finding.clause_text.endswith("（四）组织矿灯事故应急演练。")


def test_redundant_first_paragraph_is_accepted(store):
    finding = check("《矿灯安全法》第四条第一款第二项", store)
    assert finding.status == "ok"
    assert finding.citation == f"《{LAW}》第四条第二项"


def test_item_without_paragraph_when_one_paragraph_has_items(store):
    finding = check("《矿灯安全法》第五条第二项", store)
    assert finding.status == "ok"
    assert finding.citation == f"《{LAW}》第五条第一款第二项"


def test_item_without_paragraph_when_several_paragraphs_have_items(store):
    finding = check("《矿灯安全法》第六条第一项", store)
    assert finding.status == "bad_part"
    assert finding.is_error


def test_not_found_article_and_item(store):
    finding = check("《矿灯安全法》第二百条", store)
    assert finding.status == "not_found"
    assert "共八条" in finding.message
    finding = check("《矿灯安全法》第四条第九项", store)
    assert finding.status == "not_found"
    assert "只有四项" in finding.message


def test_item_of_an_article_that_has_only_paragraphs(store):
    finding = check("《矿灯安全法》第二条第二项", store)
    assert finding.status == "bad_part"
    assert finding.suggestion == f"《{LAW}》第二条第二款"
    assert finding.citation == f"《{LAW}》第二条"
    assert finding.clause_text.startswith("矿灯安全工作坚持预防为主")


def test_paragraph_beyond_the_number_of_paragraphs(store):
    finding = check("《矿灯安全法》第二条第四款", store)
    assert finding.status == "bad_part"
    assert "只有三款" in finding.message
    finding = check("《矿灯安全法》第四条第二款", store)  # one paragraph with items
    assert finding.status == "bad_part"
    assert finding.suggestion == f"《{LAW}》第四条第二项"


def test_malformed_chained_articles(store):
    finding = check("《矿灯安全法》第三条第七条", store)
    assert finding.status == "malformed"
    assert "第三条、第七条" in finding.message
    assert finding.suggestion == f"《{LAW}》第三条、第七条"


def test_quote_belonging_to_another_article_of_the_current_version(store):
    text = "《矿灯安全法》第二条规定：矿灯使用单位应当建立矿灯发放登记制度，如实记录发放和回收情况。"
    finding = check(text, store)
    # the words are 2015 第二条's too: numbered by the old version (no correspondence stored here)
    assert finding.status == "outdated"
    assert finding.suggestion == f"《{LAW}》第三条"
    assert "按2015年版编号" in finding.message


def test_quote_from_an_earlier_version(store):
    text = "《矿灯安全法》第四条规定：“矿灯使用单位未建立矿灯发放登记制度的，责令限期改正，处一万元以下的罚款。”"
    finding = check(text, store)
    assert finding.status == "outdated"
    assert "按2015年版编号" in finding.message
    assert finding.suggestion == f"《{LAW}》第七条"


def test_matching_quote_is_ok(store):
    text = "《矿灯安全法》第七条规定：矿灯使用单位未建立矿灯发放登记制度的，责令限期改正，处二万元以下的罚款。"
    assert check(text, store).status == "ok"


def test_named_old_version_is_outdated_with_current_equivalent(store):
    finding = check("《中华人民共和国矿灯安全法》（2015年修正）第二条", store)
    assert finding.status == "outdated"
    assert finding.citation == f"《{LAW}》第二条"
    assert finding.clause_text.startswith("矿灯使用单位应当建立矿灯发放登记制度")
    assert finding.suggestion == f"《{LAW}》第三条"


def test_named_current_version_is_ok(store):
    assert check("《矿灯安全法》（2022年修订）第三条", store).status == "ok"


def test_repealed_law_is_outdated(store):
    finding = check("《矿灯管理暂行规定》第一条", store)
    assert finding.status == "outdated"
    assert "已废止" in finding.message


def test_unknown_law_is_unverified_not_an_error(store):
    finding = check("《矿灯安全法实施细则》第二条", store)
    assert finding.status == "unknown_law"
    assert "未核实" in finding.message
    assert not finding.is_error


def test_law_name_without_article(store):
    finding = check("按照新《矿灯安全法》要求", store)
    assert (finding.status, finding.citation) == ("ok", f"《{LAW}》")


def test_relative_citations_without_context_are_unverified(store):
    finding = check("违反本法第三条", store)
    assert finding.status == "unknown_law"
    assert "相对引用" in finding.message


def test_relative_citations_with_context(store):
    context = CitationContext(current_id(store), ClauseRef(8, 2))
    findings = verify(find_citations("本法第四条；前款；本条第一款；本法第九十条"), store, context=context)
    assert [f.status for f in findings] == ["ok", "ok", "ok", "not_found"]
    assert [f.citation for f in findings[:3]] == [f"《{LAW}》第四条", f"《{LAW}》第八条第一款",
                                                  f"《{LAW}》第八条第一款"]


def test_previous_paragraph_in_first_paragraph_is_not_found(store):
    context = CitationContext(current_id(store), ClauseRef(8, 1))
    assert check("前款", store, context=context).status == "not_found"


def test_penalties_of_a_duty_come_from_links(store):
    doc_id = current_id(store)
    duty_id, _ = store.clause_with_id(doc_id, ClauseRef(3))
    penalty_id, _ = store.clause_with_id(doc_id, ClauseRef(7))
    store.add_links([(duty_id, penalty_id, "explicit")])
    assert check("《矿灯安全法》第三条", store).penalties == [PenaltyCitation(f"《{LAW}》第七条", "explicit")]
    # links sit on every clause they apply to: an article's link (a sibling item's penalty,
    # propagated up) is not shown for another of its items
    article_id, _ = store.clause_with_id(doc_id, ClauseRef(4))
    item_id, _ = store.clause_with_id(doc_id, ClauseRef(4, None, 1))
    store.add_links([(article_id, penalty_id, "wording"), (item_id, penalty_id, "wording")])
    assert check("《矿灯安全法》第四条第一项", store).penalties == [PenaltyCitation(f"《{LAW}》第七条", "wording")]
    assert check("《矿灯安全法》第四条第二项", store).penalties == []
    assert check("《矿灯安全法》第一条", store).penalties == []


def test_json_record_has_the_contract_keys(store):
    record = check("《矿灯安全法》第四条第四项", store).as_json()
    assert record == {"source": "《矿灯安全法》第四条第四项", "line": 1, "column": 1, "status": "ok",
                      "citation": f"《{LAW}》第四条第四项", "law": LAW, "article": 4, "paragraph": None,
                      "item": 4, "message": "条文存在", "suggestion": None}


def test_malformed_citation_of_an_unknown_law_is_still_malformed(store):
    finding = check("《矿灯安全法实施细则》第三条第七条", store)
    assert finding.status == "malformed"
    assert finding.suggestion == "《矿灯安全法实施细则》第三条、第七条"


def test_correct_only_where_the_quoted_words_were_compared(store):
    """“引用正确” is said only when quoted words were checked against the clause; an address
    alone is “条文存在”."""
    assert check("《矿灯安全法》第三条", store).message == "条文存在"
    quoted = check("《矿灯安全法》第三条规定：矿灯使用单位应当建立矿灯发放登记制度，如实记录发放和回收情况。", store)
    assert quoted.status == "ok" and quoted.message.startswith("引用正确"), quoted.message
