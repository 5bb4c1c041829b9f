"""Policy reader: front matter, extraction residue, numbering forms, attachments, tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from policydocs.corpus.lawmd import doc_id_for
from policydocs.corpus.policy import (
    clean_lines,
    markdown_items,
    read_policy_lines,
    read_policy_markdown,
    region_for_issuer,
)
from policydocs.errors import SourceError

FIXTURES = Path(__file__).parent / "fixtures" / "policy"


def _by_label(document):
    return {clause.ref.section: clause for clause in document.clauses}


@pytest.fixture(scope="module")
def notice():
    return read_policy_markdown(FIXTURES / "notice.md")


@pytest.fixture(scope="module")
def extracted():
    path = FIXTURES / "extracted.txt"
    return read_policy_lines(path.read_text(encoding="utf-8").splitlines(), path)


def test_front_matter_metadata(notice):
    assert notice.title == "关于印发《示例县危险作业专项整治方案》的通知"
    assert notice.number == "示安〔2024〕7号"
    assert notice.promulgated == notice.version_date == "2024-05-06"
    assert notice.category == "规范性文件"
    assert notice.region == "江苏/苏州市"  # from the issuer
    assert notice.doc_id == doc_id_for(notice.title, "2024-05-06")
    assert all(clause.doc_id == notice.doc_id for clause in notice.clauses)
    assert all(clause.ref.article is None for clause in notice.clauses)


def test_clause_tree_labels_text_and_headings(notice):
    clauses = _by_label(notice)
    assert list(clauses)[:3] == ["正文", "一", "二"]
    item = clauses["二（一）1.（2）"]
    assert item.text == "（2）受限空间作业先通风后检测。"
    assert item.headings == ("二、重点任务", "（一）落实企业责任", "1.企业应当建立危险作业审批制度")
    assert clauses["二（一）2."].text.startswith("2、企业主要负责人")  # 1、 numbering is level 3 too
    assert clauses["二（二）"].kind == "penalty"
    assert clauses["二（一）1."].kind == "duty"


def test_attachment_list_signature_and_attachments(notice):
    clauses = _by_label(notice)
    assert clauses["附件目录"].text == "附件：1.危险作业检查表\n2.统计表"  # not 二（二）1./2.; no signature
    assert "2024年5月6日" not in "".join(c.text for c in notice.clauses)
    assert clauses["附件1"].text == "危险作业检查表"
    assert clauses["附件2一"].text == "一、填报要求\n每月28日前上报。"
    assert clauses["附件2一"].headings == ("附件2 统计表说明",)


def test_markdown_table_rows_become_clauses(notice):
    clauses = _by_label(notice)
    row = clauses["附件1表1行2"]
    assert row.lead == "序号 | 检查项目 | 检查依据"
    assert row.text.endswith("《示例条例》第十一条\n第二款")  # <br> back to a line break
    assert row.headings == ("附件1 危险作业检查表",)
    assert "附件1表1行3" not in clauses


def test_markdown_items_escaped_pipe_stays_in_cell():
    items = markdown_items(["| a | b |", "| --- | --- |", r"| x \| y | z |", "## 附件1"])
    assert items == [("a", "b"), ("x | y", "z"), "附件1"]


@pytest.mark.parametrize(("name", "message"), [
    ("bad_yaml.md", "YAML 文件头格式错误"),
    ("no_title.md", "缺少 title"),
    ("bad_date.md", "不是日期"),
])
def test_front_matter_errors_name_file_and_problem(name, message):
    with pytest.raises(SourceError) as error:
        read_policy_markdown(FIXTURES / name)
    assert message in str(error.value) and name in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_front_matter_and_unterminated(tmp_path):
    plain = tmp_path / "plain.md"
    plain.write_text("一、正文\n", encoding="utf-8")
    with pytest.raises(SourceError, match="缺少 YAML 文件头"):
        read_policy_markdown(plain)
    open_ended = tmp_path / "open.md"
    open_ended.write_text("---\ntitle: x\n\n一、正文\n", encoding="utf-8")
    with pytest.raises(SourceError, match="没有结束标记"):
        read_policy_markdown(open_ended)


def test_invalid_category_rejected(tmp_path):
    path = tmp_path / "cat.md"
    path.write_text("---\ntitle: x\ncategory: 通知\n---\n一、正文\n", encoding="utf-8")
    with pytest.raises(SourceError, match="category 无效"):
        read_policy_markdown(path)


def test_header_metadata_from_extracted_text(extracted):
    assert extracted.title == "关于印发《示例市有限空间作业专项治理方案》的通知"  # broken title joined
    assert extracted.number == "示安委〔2023〕12号"
    assert extracted.issuer == "示例市安全生产委员会"
    assert extracted.promulgated == "2023-04-18"


def test_residue_removed_and_broken_lines_joined(extracted):
    clauses = _by_label(extracted)
    assert clauses["正文"].text == "各区安委会：\n为深入开展有限空间作业专项治理，特制定本方案。"
    # page numbers (— 2 —, -3-) dropped; the sentence broken around them joined again
    assert clauses["二（一）"].text == "（一）全面排查。企业应当建立有限空间台账，明确管理责任人。"
    assert clauses["一"].text == "一、工作目标\n杜绝有限空间作业较大事故。"  # heading not joined to body
    assert clauses["二（一）1."].text == "1、排查作业场所；"  # "- " bullet residue dropped
    text = "".join(c.text for c in extracted.clauses)
    assert "此页无正文" not in text and "— 2 —" not in text


def test_tab_rows_repeated_header_and_html_residue(extracted):
    clauses = _by_label(extracted)
    assert clauses["附件1表1行1"].text == "1 | 通风检测\n先通风 | 《示例条例》第五条"
    assert clauses["附件1表1行2"].text == "2 | 监护人员 | 《示例条例》第六条"  # repeated header skipped
    assert clauses["附件1表1行2"].lead == "序号 | 检查项目 | 检查依据"


def test_one_cell_per_line_table(extracted):
    clauses = _by_label(extracted)
    assert clauses["附件2表1行1"].text == "主要负责人 | 1 | 组织制定操作规程\n（1）规程齐全；"
    assert clauses["附件2表1行2"].text == "2 | 组织培训"
    assert clauses["附件2表1行3"].text == "安全管理人员 | 1 | 如实记录"  # group label moves with 序号
    assert clauses["附件2"].text.endswith("注：1.本表由企业填写。\n2.每季度更新。")  # notes, not 附件2 2.


def test_clean_lines_keeps_rows_as_tuples():
    items = clean_lines(["一、目标", "a\tb\t", "\t检查对象", "\t序号", "\t主要负责人", "\t1", "\t内容"])
    assert items == ["一、目标", ("a", "b"), ("检查对象", "序号"), ("主要负责人", "1", "内容")]


def test_heading_inside_paragraph_line_and_irregular_forms():
    lines = ["一、安排", "(一)动员阶段(2022年2月)。制定方案。", "1．第一项", "(2)括号项",
             "（一）重复的编号"]
    document = read_policy_lines(lines, Path("x.txt"))
    labels = [c.ref.section for c in document.clauses]
    assert labels == ["一", "一（一）", "一（一）1.", "一（一）1.（2）", "一（一）-2"]
    assert document.clauses[1].text == "（一）动员阶段（2022年2月）。制定方案。"


@pytest.mark.parametrize(("issuer", "region"), [
    ("苏州市安全生产委员会", "江苏/苏州市"),
    ("遂宁市安居区人民政府安全生产委员会办公室", "四川/遂宁市"),
    ("常州市武进区安全生产委员会", "江苏/常州市"),
    ("江苏省安全生产委员会", "江苏"),
    ("某某镇", "全国"),
])
def test_region_for_issuer(issuer, region):
    assert region_for_issuer(issuer) == region
