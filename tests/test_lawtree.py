from pathlib import Path

from policydocs.corpus.lawmd import read_law_lines
from policydocs.corpus.lawtree import build_law_clauses, classify
from policydocs.model import ClauseRef

LAW = """# 中华人民共和国脚手架安全法

2020年1月1日 虚构人民代表大会常务委员会第五次会议通过

<!-- INFO END -->

## 第一章 总则

第一条 为了防止脚手架坍塌，制定本法。

第二条 搭设单位应当履行下列职责：

（一）编制脚手架专项施工方案；

（二）组织脚手架验收。

第三条 脚手架搭设前应当进行技术交底。

有下列情形之一的，应当停止作业：

（一）遇六级以上大风；

（二）架体出现明显变形。

第四条 本法所称脚手架，是指为建筑施工搭设的临时结构。

## 第五章 法律责任

第五条 搭设单位未组织脚手架验收的，责令限期改正。
""".splitlines()


def _by_ref(clauses):
    return {c.ref: c for c in clauses}


def test_single_paragraph_items_have_no_paragraph_number_and_carry_lead():
    clauses = _by_ref(build_law_clauses("d1", LAW))
    assert ClauseRef(2) in clauses
    assert ClauseRef(2, 1) not in clauses
    item = clauses[ClauseRef(2, None, 2)]
    assert item.text == "（二）组织脚手架验收。"
    assert item.lead == "搭设单位应当履行下列职责："
    assert item.kind == "duty"
    assert item.headings == ("第一章 总则",)
    assert "组织脚手架验收" in clauses[ClauseRef(2)].text


def test_several_paragraphs_are_numbered_and_items_sit_in_their_paragraph():
    clauses = _by_ref(build_law_clauses("d1", LAW))
    assert clauses[ClauseRef(3, 1)].text == "脚手架搭设前应当进行技术交底。"
    assert clauses[ClauseRef(3, 2)].text.startswith("有下列情形之一的")
    item = clauses[ClauseRef(3, 2, 2)]
    assert item.text == "（二）架体出现明显变形。"
    assert item.lead == "有下列情形之一的，应当停止作业："
    assert ClauseRef(3, None, 1) not in clauses
    assert ClauseRef(3, 1, 1) not in clauses


def test_kinds_from_chapter_and_wording():
    clauses = _by_ref(build_law_clauses("d1", LAW))
    assert clauses[ClauseRef(5)].kind == "penalty"
    assert clauses[ClauseRef(5)].headings == ("第五章 法律责任",)
    assert clauses[ClauseRef(4)].kind == "definition"
    assert clauses[ClauseRef(1)].kind == "other"
    assert classify("某某不得擅自拆除", ("第二章 管理",)) == "duty"
    assert classify("某某应当报告", ("第五章 法律责任",)) == "penalty"
    assert classify("违反本法的，处一万元以上五万元以下的罚款", ()) == "penalty"
    assert classify("本法所称危险作业，是指高处作业", ()) == "definition"
    assert classify("本法自公布之日起施行。", ("第六章 附则",)) == "other"


def test_read_law_lines_title_version_aliases():
    path = Path("/tmp/社会法/脚手架安全法(2020-01-01).md")
    document = read_law_lines(LAW, path)
    assert document.title == "中华人民共和国脚手架安全法"
    assert document.version_date == "2020-01-01"
    assert "脚手架安全法" in document.aliases
    assert "中华人民共和国脚手架安全法" in document.aliases
    assert document.category == "法律"
    assert document.region == "全国"
    assert [c.ref for c in document.clauses][:1] == [ClauseRef(1)]


def test_read_law_lines_version_from_header_without_filename_date():
    document = read_law_lines(LAW, Path("/tmp/x/中华人民共和国脚手架安全法.md"))
    assert document.version_date == "2020-01-01"
    assert document.aliases == ["脚手架安全法", "中华人民共和国脚手架安全法"]
