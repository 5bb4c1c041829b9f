"""Links round 6 on an invented regulation (tests/fixtures/links_round6): a list's lead that states a
duty of its own (…应当立即启动灯具火灾应急预案，采取下列…措施：) is matched as its article's duty; a
person bound by name meets that person's catch-all; a party that only may do something while another
must (…安全生产管理人员可以…提出改进建议，…主要负责人应当…答复) is not bound; a union's rule and a bar
on its staff are not its staff's one catch-all (…不履行职责的); a 许可制度 sentence names the licence
of the ban after it. Each test fails when its rule is switched off."""

from __future__ import annotations

from pathlib import Path

import pytest

from linking import links_by_label
from policydocs.kb import links

LAMPS = next((Path(__file__).parent / "fixtures" / "links_round6").glob("萤石灯具*.md"))


@pytest.fixture(scope="module")
def lamps() -> dict[str, dict[str, str]]:
    return links_by_label(LAMPS)


def test_a_lead_stating_a_duty_meets_the_penalty_of_that_duty(lamps):
    # 第十条's second alternative (…后未立即启动灯具火灾应急预案) is the lead's act, not an item's
    assert lamps["第四条"] == {"第十条": "wording"}
    assert lamps["第四条第一项"] == {} and lamps["第四条第二项"] == {}
    assert lamps["第八条"] == {"第十条": "wording"}  # the first alternative keeps its duty


def test_without_the_lead_rule_the_article_is_unlinked(monkeypatch):
    monkeypatch.setattr(links, "LEAD_RULE", False)
    assert links_by_label(LAMPS)["第四条"] == {}


def test_a_person_bound_by_name_meets_that_persons_catch_all(lamps):
    assert lamps["第五条"] == {"第十一条": "party"}


def test_without_the_person_rule_the_persons_duty_is_unlinked(monkeypatch):
    monkeypatch.setattr(links, "PERSON_CATCH_ALL_RULE", False)
    assert links_by_label(LAMPS)["第五条"] == {}


def test_a_permitted_party_is_not_bound_but_the_one_who_must_is(lamps):
    # 安全生产管理人员可以…提出改进建议，…主要负责人应当…答复: the answer is the 主要负责人's duty
    assert lamps["第六条第二款"] == {"第十五条": "party"}
    # …可以设置专职安全生产分管负责人，协助…: no one else must, and the 分管负责人 appointed assists
    assert lamps["第六条第一款"] == {"第十一条": "party"}


def test_without_the_permission_rule_the_permitted_party_is_read_as_bound(monkeypatch):
    monkeypatch.setattr(links, "PERMISSION_SUBJECT_RULE", False)
    assert links_by_label(LAMPS)["第六条第二款"] == {}


def test_a_bar_on_union_staff_is_not_their_catch_all(lamps):
    assert lamps["第七条"] == {} and lamps["第七条第二款"] == {}


def test_without_the_staff_rule_the_bar_meets_the_catch_all(monkeypatch):
    monkeypatch.setattr(links, "STAFF_RULE", False)
    assert links_by_label(LAMPS)["第七条第二款"] == {"第十二条": "party"}


def test_a_licence_system_names_the_licence_of_its_ban(lamps):
    assert lamps["第二条"] == {"第九条": "wording"}
    assert lamps["第三条第二款"] == {}  # applying to renew is not acting without the licence


def test_without_the_licence_system_rule_the_ban_is_unlinked(monkeypatch):
    monkeypatch.setattr(links, "LICENCE_SYSTEM_RULE", False)
    assert links_by_label(LAMPS)["第二条"] == {}


@pytest.mark.parametrize(("text", "expected"), [
    ("职工代表大会代表、企业工会可以就厂务公开提出意见和建议，厂务公开责任人应当在三十日内给予答复。", set()),
    ("生产经营单位可以设置专职安全生产分管负责人，协助本单位主要负责人履行安全生产管理职责。", {"其他负责人"}),
    ("用人单位有权了解劳动者的基本情况，劳动者应当如实说明。", {"劳动者"}),
    ("业主依法享有的共用部位的所有权，建设单位不得擅自处分。", set()),  # 所有权 is no permission
    ("生产经营单位的主要负责人应当每年向职工代表大会报告安全生产情况。", {"主要负责人"}),
])
def test_the_bound_parties_of_a_duty(text, expected):
    assert links.parties(text, every_sentence=True) == expected


@pytest.mark.parametrize(("text", "licence"), [
    ("国家对危险物品经营（包括仓储经营，下同）实行许可制度。未经许可，任何单位和个人不得经营危险物品。",
     "危险物品经营"),
    ("本市对犬只养殖实行许可证管理制度。未经批准，任何单位不得从事犬只养殖。", "犬只养殖"),
    ("国家对危险物品经营实行许可制度。", None),
])
def test_the_licence_system_sentence(text, licence):
    found = links._LICENCE_SYSTEM.match(links._GLOSS.sub("", text))
    assert (found.group(1) if found else None) == licence
