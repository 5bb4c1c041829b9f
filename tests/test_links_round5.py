"""Links round 5 on an invented regulation (tests/fixtures/links_round5): a rule on how heavily to
punish (有下列情形之一的，应当从重处罚：) is no duty; a duty of everyone but some (除徽章销售单位、徽章拍卖
企业外，其他单位…不得…) is not the excepted parties' to break; a duty to hold a licence before acting
meets the penalty for acting without that licence, whose name is all the two share in a licence law.
Each test fails when its rule is switched off."""

from __future__ import annotations

from pathlib import Path

import pytest

from linking import links_by_label
from policydocs.kb import links
from policydocs.model import Clause, ClauseRef

BADGES = next((Path(__file__).parent / "fixtures" / "links_round5").glob("星标徽章*.md"))


@pytest.fixture(scope="module")
def badges() -> dict[str, dict[str, str]]:
    return links_by_label(BADGES)


def test_a_rule_on_heavier_punishment_is_no_duty(badges):
    assert badges["第六条"] == {} and badges["第六条第一项"] == {}


def test_without_the_sentencing_rule_its_cases_meet_the_acts_penalty(monkeypatch):
    monkeypatch.setattr(links, "SENTENCING_RULE", False)
    assert links_by_label(BADGES)["第六条第一项"] == {"第九条": "wording"}


def test_the_excepted_partys_penalty_is_not_the_duty_of_the_others(badges):
    assert badges["第四条"] == {"第八条第二项": "wording"}


def test_without_the_exception_rule_the_auction_firms_penalty_is_linked(monkeypatch):
    monkeypatch.setattr(links, "EXCEPTION_RULE", False)
    assert links_by_label(BADGES)["第四条"] == {"第八条第一项": "wording"}


def test_a_licence_duty_meets_the_penalty_for_acting_without_it(badges):
    assert badges["第二条第二款"] == {"第七条": "wording"}
    assert badges["第三条"] == {}  # applying to renew is not acting without the licence


def test_without_the_licence_rule_the_licence_duty_is_unlinked(monkeypatch):
    monkeypatch.setattr(links, "LICENCE_RULE", False)
    assert links_by_label(BADGES)["第二条第二款"] == {}


def test_the_other_duties_keep_their_penalties(badges):
    assert badges["第五条第一款"] == {"第八条第三项": "wording"}
    assert badges["第五条第二款"] == {"第八条第四项": "wording"}
    assert badges["第五条第三款"] == {"第八条第五项": "wording"}


@pytest.mark.parametrize(("text", "expected"), [
    ("有下列情形之一的，应当从重处罚：", True),
    ("未满十六周岁的人违反本规定的，从轻或者减轻处罚；不满十四周岁的人，不予处罚。", True),
    ("违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。", True),
    ("（三）对违法行为轻微，依法可以不予处罚的，应当向被检查单位下达限期改正文书；", False),
    ("经营单位应当建立台账，拒不建立的，从重处罚。", False),
])
def test_what_a_sentencing_rule_is(text, expected):
    assert links._sentences(Clause("x", ClauseRef(1), text, kind="duty")) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("除徽章销售单位、徽章拍卖企业外，其他单位或者个人不得从事徽章商业经营活动。", ("徽章销售单位", "徽章拍卖企业")),
    ("除法律另有规定外，其他单位不得收购徽章。", ()),
    ("徽章销售单位应当建立进货台账。", ()),
])
def test_the_parties_a_duty_leaves_out(text, expected):
    assert links._excepted(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("企业未取得徽章生产许可证的，不得从事徽章生产。", "徽章生产许可证"),
    ("未取得污染物排放许可的，不得排放污染物。", "污染物排放许可"),
    ("企业应当在许可证有效期届满前申请延续。", None),
])
def test_the_licence_a_duty_requires(text, expected):
    found = links._LICENCE_DUTY.match(text)
    assert (found.group(1) if found else None) == expected
