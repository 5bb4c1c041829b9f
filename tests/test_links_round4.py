"""Links round 4 on an invented regulation (tests/fixtures/links_round4): a prohibition that
names no one (禁止销售…) binds only a penalty whose party can do the forbidden act — the penalty's
act or party says the prohibition's verb (（二）销售…的) —, not the 使用单位's near-verbatim item
(（一）使用…的); a ban of several acts (禁止生产、销售、使用…) keeps the user's penalty. Each test fails
when the rule is switched off."""

from __future__ import annotations

from pathlib import Path

import pytest

from linking import links_by_label
from policydocs.kb import links

EXTINGUISHERS = next((Path(__file__).parent / "fixtures" / "links_round4").glob("灭火器*.md"))


@pytest.fixture(scope="module")
def extinguishers() -> dict[str, dict[str, str]]:
    return links_by_label(EXTINGUISHERS)


def test_a_sales_ban_reaches_the_sellers_penalty_not_the_users(extinguishers):
    assert extinguishers["第三条第二款"] == {"第九条第二项": "wording"}


def test_a_ban_of_several_acts_reaches_the_user_of_one_of_them(extinguishers):
    assert extinguishers["第四条"] == {"第十条第二项": "wording"}


def test_the_other_duties_keep_their_penalties(extinguishers):
    assert extinguishers["第二条"] == {"第九条第一项": "wording"}
    assert extinguishers["第五条"] == {"第十条第三项": "wording"}


def test_without_the_role_check_the_users_penalty_is_linked(monkeypatch):
    monkeypatch.setattr(links, "_can_do", lambda acts, penalty: True)
    assert links_by_label(EXTINGUISHERS)["第三条第二款"] == {"第九条第二项": "wording", "第十条第一项": "wording"}


@pytest.mark.parametrize(("text", "expected"), [
    ("禁止销售未经检验的特种设备。", ["销售"]),
    ("禁止生产（包括配制，下同）、销售、使用假药、劣药。", ["生产", "销售", "使用"]),
    ("严禁卖给或者赠送给境外组织或个人。", ["卖给", "赠送"]),
    ("禁止经营用目录以外的物质生产的饲料。", ["经营"]),
    ("禁止在海上焚烧废弃物。", None),
    ("禁止利用渗井排放水污染物。", None),
])
def test_the_verbs_of_a_prohibition(text, expected):
    assert links._banned_acts(text) == expected
