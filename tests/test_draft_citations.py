"""[[依据]] markers and explicit citations, through the CitationService protocol."""

import sys
from pathlib import Path

from policydocs.cite.findings import Finding
from policydocs.draft.citations import Citer

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "draft"))
from fake_service import DUTY, PENALTY, FakeCitationService


def text(spans) -> str:
    return "".join(span.text for span in spans)


def test_marker_becomes_the_canonical_citation():
    citer = Citer(FakeCitationService())
    spans = citer.spans("查处无证上岗行为[[依据: 特种作业人员无证上岗]]。", "a.md:3")
    assert text(spans) == "查处无证上岗行为（《中华人民共和国安全生产法》第三十条）。"
    assert not any(span.unverified for span in spans)
    assert list(citer.cited) == [DUTY.citation] and not citer.problems


def test_penalty_marker_adds_the_penalty_clause():
    citer = Citer(FakeCitationService())
    spans = citer.spans("[[依据+处罚：特种作业人员无证上岗]]", "a.md:1")
    assert text(spans) == f"（{DUTY.citation}；处罚依据：{PENALTY.citation}）"
    assert list(citer.cited) == [DUTY.citation, PENALTY.citation]


def test_unconfident_or_unknown_becomes_unverified_and_is_reported():
    citer = Citer(FakeCitationService())
    spans = citer.spans("甲[[依据: 弱匹配的描述]]乙[[依据: 查无此条]]", "a.md:7")
    assert text(spans) == "甲〔未核实：弱匹配的描述〕乙〔未核实：查无此条〕"
    assert [span.unverified for span in spans] == [False, True, False, True]
    assert [problem.where for problem in citer.problems] == ["a.md:7", "a.md:7"]
    assert not citer.cited  # never cite what was not confidently found


def test_without_a_service_every_marker_is_unverified():
    citer = Citer(None)
    spans = citer.spans("[[依据: 特种作业人员无证上岗]]", "a.md:1")
    assert text(spans) == "〔未核实：特种作业人员无证上岗〕"
    assert citer.markers_without_index == 1 and len(citer.problems) == 1


def test_explicit_citations_are_verified_and_errors_reported():
    bad = Finding(source="《安全生产法》第九十七条第十项", line=1, column=1, status="not_found",
                  message="第九十七条没有第十项")
    citer = Citer(FakeCitationService([bad]))
    citer.spans("依照《安全生产法》第九十七条第十项处罚。", "a.md:2")
    assert len(citer.problems) == 1
    assert "第九十七条没有第十项" in citer.problems[0].message


def test_text_without_markers_is_unchanged():
    citer = Citer(FakeCitationService())
    assert text(citer.spans("{{ 不是模板 }}", "a.md:1")) == "{{ 不是模板 }}"
