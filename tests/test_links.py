"""Duty → penalty links on an invented law (tests/fixtures/links) built to exercise each rule of
cite/links.py: wording, an item's own party, party catch-alls, party aliases, later-sentence
subjects, rights, consequence paragraphs and general explicit references."""

from __future__ import annotations

from pathlib import Path

import pytest

from policydocs.corpus.lawmd import read_law_markdown
from policydocs.kb.links import compute_links, parties

LAW = Path(__file__).parent / "fixtures" / "links" / "起重作业安全法(2024-01-01).md"


@pytest.fixture(scope="module")
def linked() -> dict[str, set[str]]:
    """duty label → labels of its linked penalties."""
    document = read_law_markdown(LAW)
    labels = {cid: clause.ref.label() for cid, clause in enumerate(document.clauses, start=1)}
    result: dict[str, set[str]] = {label: set() for label in labels.values()}
    for duty_id, penalty_id, _ in compute_links([document], [1]):
        result[labels[duty_id]].add(labels[penalty_id])
    return result


def test_duty_links_to_the_penalty_item_worded_like_it(linked):
    assert linked["第五条"] == {"第十条第一项"}


def test_penalty_item_with_its_own_party_matches_that_partys_duty(linked):
    # 第十条's lead punishes the unit; its item 3 names 特种作业人员, the party of 第七条 (and of
    # 第十八条, a penalty for another act of that party)
    assert linked["第七条"] == {"第十条第三项"}


def test_unit_duty_matches_an_item_that_names_a_party_but_punishes_the_unit(linked):
    # 第十条's lead punishes the 起重作业单位; its item 3 describes what the 特种作业人员 did
    assert linked["第二十三条"] == {"第十条第三项"}


def test_listed_duty_gets_specific_penalty_or_the_partys_catch_all(linked):
    assert linked["第三条第一项"] == {"第十一条第一款"}
    assert linked["第三条第二项"] == {"第十三条"}
    assert linked["第三条第三项"] == {"第十四条"}


def test_article_carries_the_penalties_of_its_items(linked):
    assert linked["第三条"] == {"第十一条第一款", "第十三条", "第十四条"}


def test_each_sentence_subject_is_a_party(linked):
    # 主要负责人…负责。其他负责人…负责。
    assert linked["第二条"] == {"第十一条第一款", "第十二条"}


def test_party_alias_reaches_the_catch_all_of_the_party_it_belongs_to(linked):
    # 分管负责人 is one of the 其他负责人
    assert linked["第四条"] == {"第十二条"}


def test_a_right_has_no_penalty(linked):
    assert linked["第六条"] == set()


def test_consequence_paragraph_is_never_a_duty_link(linked):
    # 第三条第四项 (…防止发生起重事故) is worded like 第十一条第二款 (有前款违法行为，导致发生起重事故的)
    assert linked["第三条第四项"] == {"第十一条第一款"}
    assert not any("第十一条第二款" in penalties for penalties in linked.values())


def test_general_reference_only_for_a_duty_with_no_specific_penalty(linked):
    # 第十六条 names 第五条、第八条、第九条; 第五条 and 第九条 have specific penalties
    assert linked["第八条"] == {"第十六条"}
    assert "第十六条" not in linked["第五条"]
    assert linked["第九条"] == {"第十条第二项", "第十七条"}


def test_one_shared_word_is_not_a_wording_match(linked):
    # 第八条 (采取措施救治受伤人员) and 第十五条 (未采取措施固定吊臂) share only 采取措施
    assert "第十五条" not in linked["第八条"]


@pytest.mark.parametrize(("text", "expected"), [
    ("生产经营单位的主要负责人是本单位安全生产第一责任人。其他负责人对职责范围内的安全生产工作负责。",
     {"主要负责人", "其他负责人"}),
    ("生产经营单位应当教育和督促从业人员严格执行规章制度。并向从业人员如实告知危险因素，应当如实记录。", set()),
    # the clause is about the 分管负责人 it allows, not about the 主要负责人 they assist
    ("生产经营单位可以设置专职安全生产分管负责人，协助本单位主要负责人履行职责。", {"其他负责人"}),
    ("安全生产分管负责人协助主要负责人履行职责。", {"其他负责人"}),
])
def test_parties_are_read_from_subjects_only(text, expected):
    assert parties(text, every_sentence=True) == expected


def test_another_sides_clause_inside_a_duty_is_not_its_wording(linked):
    # 第二十四条: 单位应当落实整改措施，主管机关应当加强监督检查 — the 机关's part is not the
    # unit's duty, so it must not meet 第十条第四项 (单位拒绝、阻碍…监督检查)
    assert "第十条第四项" not in linked["第二十四条"]


def test_a_penalty_that_only_names_the_article_has_no_wording(linked):
    # 第十六条 (起重机械租赁单位违反本法第五条…规定的) shares its subject with 第二十二条
    assert linked["第二十二条"] == set()


def test_an_authoritys_duty_is_linked_to_penalties_of_authorities_only(linked):
    # 第二十条 (主管机关…督促…在吊装区域设置警戒线) is worded like 第十条第二项, a unit penalty;
    # 主管机关 is no party of the list, so only its being an authority keeps them apart; nor
    # does 第十六条, a unit's penalty naming 第二十条, punish it
    assert linked["第二十条"] == set()
    assert linked["第二十一条"] == {"第十九条"}
