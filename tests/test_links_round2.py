"""Link rules of links round 2 on two invented regulations (tests/fixtures/links_round2): the
shorthand lists of a reference name each 款/项 (第二条第三、四项, 第六条第（一）、（二）项), a duty
linked to a penalty that refers to another's sanction (依照本条例第十三条的规定处罚) also gets the
named one, exactly (第十五条第二款, not 第十五条第一款); an act only a prohibition and a penalty
name (出借 in a licence law whose every article says 许可证) is evidence on its own; a penalty
naming no one before its act (违反本条例规定，出借…的) describes that act; another party's act
after a comma is another alternative; an item of a lead listing who is addressed (下列单位应当…：)
is that party's duty. Each test fails when its rule is switched off."""

from __future__ import annotations

from pathlib import Path

import pytest

from linking import links_by_label
from policydocs.cite.finder import find_citations
from policydocs.kb import links
from policydocs.kb.links import references
from policydocs.model import LINK_KINDS, Clause, ClauseRef
from policydocs.text.addresses import parse_chain

FIXTURES = Path(__file__).parent / "fixtures" / "links_round2"
SCAFFOLD = next(FIXTURES.glob("脚手架*.md"))
LICENCE = next(FIXTURES.glob("潜水*.md"))


@pytest.fixture(scope="module")
def scaffold() -> dict[str, dict[str, str]]:
    return links_by_label(SCAFFOLD)


@pytest.fixture(scope="module")
def licence() -> dict[str, dict[str, str]]:
    return links_by_label(LICENCE)


# -- shorthand lists --------------------------------------------------------------------------
@pytest.mark.parametrize(("run", "expected"), [
    ("第十条第三、四项", [(10, None, 3), (10, None, 4)]),
    ("第十条第（三）、（四）项", [(10, None, 3), (10, None, 4)]),
    ("第十条第三、第四项", [(10, None, 3), (10, None, 4)]),
    ("第十二、十三条", [(12, None, None), (13, None, None)]),
    ("第十二条、第十三条第二款", [(12, None, None), (13, 2, None)]),
    ("第十条第三至五项", [(10, None, 3), (10, None, 4), (10, None, 5)]),
    ("第十条第一款第二、三项、第十一条", [(10, 1, 2), (10, 1, 3), (11, None, None)]),
    ("第三十一条的第二款", [(31, 2, None)]),
])
def test_shorthand_lists_name_each_unit(run, expected):
    assert references(run) == expected


def test_the_reference_pattern_takes_the_whole_shorthand_run():
    match = links._EXPLICIT.search("使用单位违反本条例第六条第（一）、（二）项规定的，责令改正")
    assert match is not None and match.group(1) == "第六条第（一）、（二）项"


def test_a_shorthand_reference_reaches_only_the_items_it_names(scaffold):
    # 第十条: 违反本条例第二条第三、四项规定
    assert scaffold["第二条第三项"] == {"第十条": "explicit"}
    assert scaffold["第二条第四项"] == {"第十条": "explicit"}
    assert scaffold["第二条第一项"] == {}
    assert scaffold["第二条第二项"] == {}
    # 第十二条: 违反本条例第六条第（一）、（二）项规定
    assert scaffold["第六条第二项"] == {"第十二条": "explicit"}
    assert scaffold["第六条第三项"] == {}
    # 第十一条: 违反本条例第四条、第五条第二款规定
    assert scaffold["第五条第二款"] == {"第十一条": "explicit"}
    assert scaffold["第五条第一款"] == {}


def test_the_citation_finder_reads_shorthand_lists_with_the_same_parser():
    found = find_citations("依据《脚手架搭设安全条例》第二条第三、四项和第（一）、（二）项")
    assert [c.ref for c in found] == [ClauseRef(2, None, 3), ClauseRef(2, None, 4),
                                      ClauseRef(2, None, 1), ClauseRef(2, None, 2)]
    parts, end = parse_chain("第十、十一条第二款以外", 0)
    assert [part.address for part in parts] == [(10, None, None, None), (11, 2, None, None)]
    assert end == len("第十、十一条第二款")


def test_a_shorthand_citation_is_not_half_rewritten():
    from policydocs.cite.findings import Finding
    from policydocs.draft.update import plan

    citations = find_citations("《脚手架搭设安全条例》第二条第三、四项")
    findings = [Finding(c.written, c.line, c.column, "outdated", suggestion=f"《脚手架搭设安全条例》第九条第{n}项")
                for c, n in zip(citations, "三四", strict=True)]
    edits, changes = plan(citations, findings, lambda citation: "1")
    assert edits == [] and len(changes) == 2


# -- referral penalties -----------------------------------------------------------------------
def test_a_referring_penalty_brings_the_penalty_it_names(scaffold):
    # 第十四条 (违反本条例第七条…依照本条例第十三条的规定处罚) names 第七条; 第十三条 is the sanction applied
    assert scaffold["第七条"]["第十四条"] == "explicit"
    assert scaffold["第七条"]["第十三条"] == "referral"


def test_a_referral_keeps_the_paragraph_it_names(scaffold):
    # 第十六条: …依照本条例第十五条第二款的规定处罚
    assert scaffold["第三条第二款"]["第十五条第二款"] == "referral"
    assert "第十五条第一款" not in scaffold["第三条第二款"]


def test_a_referral_to_the_preceding_paragraph(scaffold):
    # 第十五条第三款: …的，依照前款规定处罚 — the sanction of 第十五条第二款
    assert scaffold["第三条第三款"] == {"第十五条第三款": "wording", "第十五条第二款": "referral"}


def test_a_paragraph_that_only_refers_is_a_penalty_in_a_law_without_chapters(licence):
    # 第九条第二款 (涂改…的，依照本条例第八条的规定处罚) has no sanction words of its own
    assert licence["第五条"]["第九条第二款"] == "wording"
    assert licence["第五条"]["第八条"] == "referral"


def test_the_referral_kind_is_labelled():
    assert "referral" in LINK_KINDS


# -- wording ----------------------------------------------------------------------------------
def test_a_forbidden_act_only_the_penalty_names_is_evidence(licence):
    # 第五条 forbids 出借; 第九条第一款 punishes 出借 — every other word is the law's 许可证
    assert licence["第五条"]["第九条第一款"] == "wording"


def test_a_penalty_without_a_subject_describes_its_act():
    penalty = Clause("x", ClauseRef(9, 1), "违反本条例规定，出借潜水作业许可证的，没收违法所得，处五万元以上的罚款。",
                     kind="penalty")
    assert "出借" in links._violation_text(penalty)
    named = Clause("x", ClauseRef(9, 1), "施工单位违反本条例第十六条、第十七条规定的，处五万元以上的罚款。",
                   kind="penalty")
    assert links._violation_text(named) == ""


def test_another_partys_act_is_another_alternative(scaffold):
    assert links._acts("未对新进场工人进行登高作业培训，搭设单位的项目负责人在险情时不立即组织撤离") == [
        "未对新进场工人进行登高作业培训", "搭设单位的项目负责人在险情时不立即组织撤离"]
    assert scaffold["第九条"] == {"第十八条": "wording"}


def test_an_item_of_addressees_has_the_leads_act(scaffold):
    # 第八条: 下列单位应当设置脚手架验收岗位… — （二） is a unit's duty, （一） an authority's
    assert scaffold["第八条第二项"] == {"第十七条": "wording"}
    assert scaffold["第八条第一项"] == {}


def test_a_duty_naming_its_own_sanction_has_it(licence):
    # 第十条: …逾期不申请，继续从事潜水作业的，依照本条例第八条的规定处罚
    assert licence["第十条"] == {"第八条": "referral"}
    assert links._OWN_REFERRAL.search("除依照本条例第四条规定处罚外，可以收容教育") is None
