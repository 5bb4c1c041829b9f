"""Session-7 link rules (issue 9, audit precision) on an invented regulation
(tests/fixtures/links_precision/升降平台安全条例): a permission is no duty, even inside an article a
penalty names; a subject ending on a thing of a party (…管理人员的职责范围) is not the party's duty,
nor is a clause one of its party's 职责 because it names a 负有…职责的部门; a penalty for an outcome
has no wording link; a person's only penalty that also names a specific act is no catch-all; a
duty that says a penalty near-verbatim outmatches a neighbour sharing its nouns; a condition
before an act belongs to that act. Each test fails when its rule is switched off."""

from __future__ import annotations

from pathlib import Path

import pytest

from linking import links_by_label
from policydocs.kb import links

LAW = next((Path(__file__).parent / "fixtures" / "links_precision").glob("*.md"))


@pytest.fixture(scope="module")
def linked() -> dict[str, dict[str, str]]:
    """duty label → {penalty label: how}."""
    return links_by_label(LAW)


def test_a_permission_inside_a_named_article_is_not_punished(linked):
    # 第十条 names 第二条: its 第一款 (检查) is the duty, its 第二款 (可以委托…) a permission
    assert linked["第二条第一款"] == {"第十条": "explicit"}
    assert linked["第二条第二款"] == {}


def test_the_cases_of_a_permission_are_no_duties(linked):
    # 第三条: 有下列情形之一的，承租单位可以直接申请 — （一） repeats 第十一条第一项's words but is a case
    assert linked["第三条第一项"] == {}


def test_a_thing_of_a_party_is_not_the_partys_duty(linked):
    # 第五条第二款: …安全生产管理人员的职责范围，应当…载明 is the unit's, not the managers' 职责 (第十二条)
    assert linked["第五条第二款"] == {}
    assert linked["第四条"] == {}  # …安全生产管理人员的任免，应当告知负有…职责的部门


def test_a_body_with_duties_does_not_make_a_clause_a_list_of_duties(linked):
    # 第五条第三款 names 负有安全生产监督管理职责的部门, not the managers' own 职责
    assert linked["第五条第三款"] == {}


def test_an_outcome_has_no_wording_link(linked):
    # 第十一条第二项 (作业区域发生高处坠落事故的) shares 第六条's words, but punishes what happened
    assert "第十一条第二项" not in linked["第六条"]


def test_a_persons_penalty_naming_specific_acts_is_no_catch_all(linked):
    # 第十三条 punishes 违反操作规程 or not reporting a hazard, not the 考核 of 第七条
    assert linked["第七条"] == {}


def test_a_near_verbatim_duty_outmatches_a_neighbour(linked):
    # 第十四条 says 第八条 (脱落、散落) near-verbatim; 第九条 shares 采取必要措施…配重块…散落 only
    assert linked["第八条"] == {"第十四条": "wording"}
    assert linked["第九条"] == {}


def test_a_condition_is_part_of_its_act():
    assert links._acts("经人民法院依法通知，拒绝出庭作证") == ["经人民法院依法通知，拒绝出庭作证"]
    assert links._acts("未制定应急预案，或者在境外发生突发事件，未及时处理") == [
        "未制定应急预案", "在境外发生突发事件，未及时处理"]


def test_the_laws_own_name_carries_no_wording_weight():
    # the analyzer keeps 条例 of 本条例: it says nothing of the act
    assert "条例" not in links._Vectors._tokens("未依照本条例办理变更登记")
