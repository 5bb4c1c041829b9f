"""The link rules of issue 9 point 7 on an invented regulation (tests/fixtures/links/吊篮作业安全条例):
explicit references reach only the 款/项 they name, a duty never meets a penalty addressed to a
different party (another role of unit, a unit for a person's duty, an item naming another
party), an authority named in a qualifier (…国务院有关部门规定的其他危险作业) is not the
duty's subject, items share their lead's reference by their words, a penalty naming articles is
not worded onto others, a unit's only penalty is not its catch-all, a list of powers is no duty
and a clause that sanctions nothing is no penalty. Each test fails when its rule is switched off."""

from __future__ import annotations

from pathlib import Path

import pytest

from linking import links_by_label
from policydocs.corpus.lawmd import read_law_markdown
from policydocs.kb.links import (
    MIN_COVERAGE,
    _coverage,
    _imposes,
    _Vectors,
    addresses_authority,
    references,
    roles,
)

LAW = Path(__file__).parent / "fixtures" / "links" / "吊篮作业安全条例(2024-01-01).md"


@pytest.fixture(scope="module")
def linked() -> dict[str, dict[str, str]]:
    """duty label → {penalty label: how}."""
    return links_by_label(LAW)


def test_a_reference_to_one_paragraph_reaches_that_paragraph_only(linked):
    # 第十条: 违反本条例第七条第一款规定 — 第二款 (worded like it) is not what it punishes, neither
    # by the reference nor by wording
    assert linked["第七条第一款"]["第十条"] == "explicit"
    assert linked["第七条第二款"] == {}
    assert linked["第七条"]["第十条"] == "explicit"  # the article carries its 款's penalty


def test_a_paragraphs_reference_is_not_its_neighbours(linked):
    # 第十二条第二款 names 第二条第一款; 第十二条第一款 names nothing
    assert linked["第二条第一款"]["第十二条第二款"] == "explicit"
    assert linked["第二条第一款"].get("第十二条第一款") is None
    assert "第十二条第二款" not in linked["第二条第二款"]


def test_a_duty_meets_only_penalties_of_its_own_role(linked):
    # 第二条第二款 is the 出租单位's; 第三条第二款 (no subject of its own) is the 使用单位's, as its
    # article says, and 第八条第一项 punishes the 出租单位 in its very words
    assert linked["第二条第二款"] == {"第八条第二项": "wording"}
    assert "第八条第一项" not in linked["第三条第二款"]
    assert "第八条第一项" not in linked["第三条"]


def test_a_persons_duty_is_not_a_units_penalty(linked):
    # 第四条: 现场有关人员…应当立即报告; 第十一条 punishes the unit for not reporting
    assert linked["第四条"] == {}


def test_an_item_naming_its_own_party_is_only_for_a_duty_naming_that_party(linked):
    # 第九条第三项: 吊篮作业人员未经专门培训合格，上岗作业 — not the unit's duty to train 从业人员
    assert "第九条第三项" not in linked["第五条"]


def test_an_authority_in_a_qualifier_is_not_the_subject(linked):
    # 第六条: 吊篮作业单位进行…以及国务院主管部门会同国务院有关部门规定的其他危险作业，应当…
    assert linked["第六条"] == {"第九条第二项": "wording"}


def test_items_sharing_a_leads_reference_reach_the_units_they_name_by_their_words(linked):
    # 第十五条: 违反本条例第十三条规定，有下列行为之一的：（一）拆除…安全锁（二）六级以上大风…
    assert linked["第十三条第三项"]["第十五条第一项"] == "explicit"
    assert linked["第十三条第二项"]["第十五条第二项"] == "explicit"
    assert "第十五条第二项" not in linked["第十三条第三项"]
    assert linked["第十三条第一项"] == {}
    assert linked["第十三条"]["第十五条第一项"] == "explicit"


def test_an_item_number_in_brackets_is_read(linked):
    # 第十六条: 违反本条例第十四条第（二）项规定
    assert linked["第十四条第二项"]["第十六条"] == "explicit"
    assert "第十六条" not in linked["第十四条第一项"]
    assert "第十六条" not in linked["第十四条第三项"]


@pytest.mark.parametrize(("run", "expected"), [
    ("第十三条第一款第（三）项、第（五）项", [(13, 1, 3), (13, 1, 5)]),
    ("第四十四条第一款", [(44, 1, None)]),
    ("第三十条第一款、第二款", [(30, 1, None), (30, 2, None)]),
    ("第十条至第十二条", [(10, None, None), (11, None, None), (12, None, None)]),
    ("第十条、第十一条第二项", [(10, None, None), (11, None, 2)]),
    ("第十六条第一款第二项", [(16, 1, 2)]),
])
def test_references_read_articles_paragraphs_items_and_ranges(run, expected):
    assert references(run) == expected


@pytest.mark.parametrize(("phrase", "expected"), [
    ("特种设备使用单位", {"使用"}),
    ("违反本法规定，特种设备生产单位销售、交付", {"生产"}),
    ("生产经营单位", set()),
    ("危险物品的生产、经营、储存单位", {"生产", "经营", "储存"}),
    ("有关单位", set()),
])
def test_roles_of_a_party(phrase, expected):
    assert roles(phrase) == expected


def test_a_penalty_naming_its_articles_is_not_worded_onto_others(linked):
    # 第十六条 names 第十四条第（二）项; 第十七条 repeats its words but is not what it punishes
    assert "第十六条" not in linked["第十七条"]


def test_a_clause_that_imposes_nothing_is_no_penalty(linked):
    # 第十八条 (…依照有关法律、行政法规的规定执行) refers elsewhere and sanctions nothing itself
    assert not any("第十八条" in penalties for penalties in linked.values())


def test_a_units_one_penalty_is_not_the_catch_all_of_its_duties(linked):
    # 施工单位's only penalty (第二十一条, 保证金) does not punish its 第十九条 (人员名单)
    assert linked["第十九条"] == {}


def test_a_list_of_powers_is_no_duty(linked):
    # 第二十条: 委员会…行使下列职权：（一）审定吊篮安全操作规程 — 第二十二条 punishes the user
    assert linked["第二十条第一项"] == {}
    assert linked["第二十条"] == {}


def test_a_referral_imposes_nothing():
    document = read_law_markdown(LAW)
    referral = next(c for c in document.clauses if c.ref.article == 23)
    fined = next(c for c in document.clauses if c.ref.article == 21)
    assert not _imposes(referral)
    assert _imposes(fined)


@pytest.mark.parametrize(("text", "authority"), [
    ("违反本条例规定，风景名胜区管理机构有下列行为之一的", True),
    ("生产经营单位的安全生产管理机构以及安全生产管理人员履行下列职责：", False),
    ("生产经营单位进行爆破、吊装以及国务院应急管理部门会同国务院有关部门规定的其他危险作业，应当…", False),
    ("负有安全生产监督管理职责的部门应当加强监督检查", True),
])
def test_who_is_an_authority(text, authority):
    assert addresses_authority(text) is authority


def test_coverage_reads_each_alternative_of_a_penalty():
    # a penalty listing two acts (未…教育培训，或者未如实告知…) is fully said by a duty of either;
    # a duty of the same topic that says none of its acts covers nothing of it
    texts = {1: "未按照规定对从业人员进行教育培训，或者未如实告知作业场所的危险因素", 2: "对从业人员进行教育培训",
             3: "如实告知作业场所的危险因素", 4: "组织从业人员进行职业健康检查并告知检查结果", 5: "设置警示标志",
             6: "配备消防器材", 7: "编制应急预案", 8: "建立值班制度"}
    vectors = _Vectors(texts)
    assert _coverage(vectors, texts, 1, 2) >= MIN_COVERAGE
    assert _coverage(vectors, texts, 1, 3) >= MIN_COVERAGE
    assert _coverage(vectors, texts, 1, 4) < MIN_COVERAGE
