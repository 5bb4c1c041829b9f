"""Session-4 link rules on an invented regulation (tests/fixtures/links_wording/脚手架作业安全条例):
a subject of units and persons alike (任何单位、个人) meets the penalties of either and 人员密集场所
is a place, not a person; a department's power (…部门可以通过…抽查单位…) is an authority's clause;
a duty says two penalties near-verbatim and has both; a duty whose article a penalty names gets
another penalty by wording only near-verbatim; a unit's duty meets penalties that name no party even
when its party has penalties of its own. Each test fails when its rule is switched off."""

from __future__ import annotations

from pathlib import Path

import pytest

from linking import links_by_label
from policydocs.corpus.lawmd import read_law_markdown
from policydocs.kb.links import compute_links

LAW = next((Path(__file__).parent / "fixtures" / "links_wording").glob("*.md"))


@pytest.fixture(scope="module")
def linked() -> dict[str, dict[str, str]]:
    """duty label → {penalty label: how}."""
    return links_by_label(LAW)


def test_everyone_subject_meets_a_units_penalty(linked):
    # 第二条: 任何单位、个人不得…。人员密集场所的出入口不得… — not a person's duty
    assert "第十条第一项" in linked["第二条"]


def test_a_departments_power_is_not_a_units_duty(linked):
    # 第五条: …主管部门可以通过监控平台抽查脚手架搭设单位保存的验收记录 — shares 验收记录 with 第十一条第四项
    assert linked["第五条"] == {}


def test_a_duty_said_near_verbatim_by_two_penalties_has_both(linked):
    # 第三条: 专用场地存放 (第十一条第一项) and 专人验收、进场复检 (第十一条第二项)
    assert {"第十一条第一项", "第十一条第二项"} <= set(linked["第三条"])


def test_a_named_duty_gets_no_loose_wording_penalty(linked):
    # 第十二条 names 第四条; 第十一条第三项 (专项方案 … 检查) shares words but is another act
    assert linked["第四条"].get("第十二条") == "explicit"
    assert "第十一条第三项" not in linked["第四条"]


def test_a_units_duty_meets_penalties_naming_no_party(linked):
    # 第六条 is the 施工单位's, whose own penalty (第十四条) is about training; 第十五条 names no party
    assert linked["第六条"] == {"第十五条第一项": "wording"}


def test_everyone_subject_meets_a_persons_penalty(linked):
    # 第七条: 任何单位和个人不得…攀爬嬉戏; 第十六条 punishes the 现场人员 who does it
    assert "第十六条" in linked["第七条"]


def test_a_crowded_place_is_not_a_person(linked):
    # 第八条: 人员密集场所的出入口不得堆放… is not a person's duty: the unit's 第十条第三项 punishes it
    assert "第十条第三项" in linked["第八条"]


def test_a_reference_written_with_de_names_its_paragraph(linked):
    # 第十七条: 违反本条例第九条的第二款规定 — 第一款 is not what it punishes
    assert linked["第九条第二款"].get("第十七条") == "explicit"
    assert "第十七条" not in linked["第九条第一款"]


def test_an_individuals_penalty_is_not_a_units(linked):
    # 第十八条 punishes 个人; 第九条第一款 is the unit's (same words: 建立构配件进场台账)
    assert "第十八条第一项" not in linked["第九条第一款"]


def test_not_performing_a_named_article_is_a_reference(linked):
    # 第十九条第一项: 未依法履行本条例第三条规定的…职责 names 第三条 (so wording may not give it to
    # another article); it is an authority's penalty, 第三条 a unit's duty: no link either way
    from policydocs.kb.links import _EXPLICIT

    match = _EXPLICIT.search("（一）未依法履行本条例第三条规定的抽查验收记录职责的。")
    assert match and match.group(1) == "第三条"
    assert "第十九条第一项" not in linked["第五条"] and "第十九条第一项" not in linked["第三条"]


COMPOSITE = next((Path(__file__).parent / "fixtures" / "links_composite").glob("*.md"))


def test_a_penalty_listing_several_acts_links_each_duty_it_lists():
    """第十三条 punishes three acts in one sentence (未制定…、未定期组织…演练、未对…培训): each
    duty says one of them, which the whole list would dilute below the wording threshold."""
    document = read_law_markdown(COMPOSITE)
    labels = {cid: clause.ref.label() for cid, clause in enumerate(document.clauses, start=1)}
    linked = {(labels[duty], labels[penalty]) for duty, penalty, _ in compute_links([document], [1])}
    assert {("第八条", "第十三条"), ("第九条", "第十三条"), ("第十条", "第十三条")} <= linked


def test_a_duty_going_on_with_a_units_own_duty_meets_the_units_penalty():
    """索道运营安全条例 第三条 opens with the department's duty (…报送本级人民政府备案) and goes on
    with the unit's (索道运营单位，应当…报送…备案): read as the authority's clause alone it could
    never meet 第十二条, a penalty of units."""
    document = read_law_markdown(next((Path(__file__).parent / "fixtures" / "links_mixed").glob("*.md")))
    labels = {cid: clause.ref.label() for cid, clause in enumerate(document.clauses, start=1)}
    linked = {(labels[duty], labels[penalty]) for duty, penalty, _ in compute_links([document], [1])}
    assert ("第三条", "第十二条") in linked  # the unit's side
    assert ("第三条", "第十四条") in linked  # the department's side is still its own
    assert ("第二条", "第十一条") in linked and ("第二条", "第十二条") not in linked


UNCHAPTERED = next((Path(__file__).parent / "fixtures" / "links_unchaptered").glob("*.md"))


def test_a_law_without_chapters_links_its_penalty_articles():
    """游船经营许可条例 has no 法律责任 chapter (many short 条例 have no chapters at all): its
    penalties are the articles whose words sanction; 第八条's "依照本条例第九条的规定处罚" borrows
    第九条's sanction and names no duty."""
    document = read_law_markdown(UNCHAPTERED)
    labels = {cid: clause.ref.label() for cid, clause in enumerate(document.clauses, start=1)}
    linked = {(labels[duty].split("第", 2)[1], labels[penalty]) for duty, penalty, _ in compute_links([document], [1])}
    assert {("五条", "第六条"), ("三条", "第七条")} <= linked
    assert not any(penalty == "第九条" and duty in ("六条", "七条", "八条", "九条") for duty, penalty in linked)
    assert not any(duty in ("六条", "七条", "八条", "九条") for duty, _ in linked)  # a penalty is no duty
