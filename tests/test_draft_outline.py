"""Outline: automatic 一、/（一）/1./（1） numbering, typed numbers checked and not doubled."""

import pytest

from policydocs.draft.outline import Heading, Paragraph, Table, parse
from policydocs.errors import DraftError


def labels(markdown: str) -> list[str]:
    return [f"{b.label}{b.text}" for b in parse(markdown).blocks if isinstance(b, Heading)]


def test_four_levels_are_numbered_and_restart_under_a_new_parent():
    md = "# 甲\n## 乙\n### 丙\n#### 丁\n#### 戊\n### 己\n## 庚\n### 辛\n# 壬\n## 癸\n"
    assert labels(md) == ["一、甲", "（一）乙", "1.丙", "（1）丁", "（2）戊", "2.己", "（二）庚",
                          "1.辛", "二、壬", "（一）癸"]


def test_typed_numbers_are_checked_and_not_doubled():
    md = "# 一、工作目标\n## （一）健全制度\n### 1.专委会\n#### （1）细则\n# 二、保障措施\n"
    assert labels(md) == ["一、工作目标", "（一）健全制度", "1.专委会", "（1）细则", "二、保障措施"]


def test_typed_number_with_wrong_punctuation_is_normalised():
    assert labels("# 一.工作目标\n## (一)、制度\n") == ["一、工作目标", "（一）制度"]


def test_wrong_typed_number_is_an_error_naming_the_line():
    with pytest.raises(DraftError, match=r"第3行.*应为“二、”"):
        parse("# 一、目标\n\n# 三、措施\n")


def test_number_of_another_level_is_an_error():
    with pytest.raises(DraftError, match="属于第2层"):
        parse("# （一）目标\n")


def test_skipped_level_is_an_error():
    with pytest.raises(DraftError, match="第2行：标题层级跳级"):
        parse("# 目标\n### 细则\n")
    with pytest.raises(DraftError, match="跳级"):
        parse("## 没有上级\n")


def test_paragraphs_tables_and_template_syntax_stay_literal():
    md = "正文{{ x }}和{% if y %}。\n\n| 阶段 | 时间 |\n| --- | --- |\n| 一 | 3月 |\n"
    blocks = parse(md, first_line=10).blocks
    assert blocks[0] == Paragraph("正文{{ x }}和{% if y %}。", 10)
    assert isinstance(blocks[1], Table) and blocks[1].rows == [["阶段", "时间"], ["一", "3月"]]


def test_soft_breaks_join_without_spaces_and_lists_keep_numbers():
    blocks = parse("第一行\n第二行\n\n1. 甲\n2. 乙\n").blocks
    assert [b.text for b in blocks] == ["第一行第二行", "1.甲", "2.乙"]


def test_sections_group_blocks_under_top_headings():
    sections = parse("# 汇报要点\n甲\n\n# 表态\n乙\n").sections()
    assert [b.text for b in sections["汇报要点"]] == ["甲"]
    assert [b.text for b in sections["表态"]] == ["乙"]
