"""The GB/T 9704 format check: a generated notice passes; each deliberate fault, made by
mutating that notice with python-docx, is reported under its rule."""

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from policydocs.check import format_rules
from policydocs.check.format_rules import FormatResult, check_format
from policydocs.cli import main
from policydocs.errors import SourceError

EXAMPLES = Path(__file__).parents[1] / "examples"


@pytest.fixture(scope="module")
def notice(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fmt") / "notice.docx"
    result = CliRunner().invoke(main, ["draft", "notice", str(EXAMPLES / "suzhou_notice.md"),
                                       "-o", str(out), "--index", str(out.parent / "none")])
    assert result.exit_code == 0, result.output
    document = docx.Document(out)  # without an index the markers stay 〔未核实〕: resolve them,
    for paragraph in document.paragraphs:  # as the drafter would before signing
        for run in paragraph.runs:
            if run.text.startswith("〔未核实"):
                run._r.getparent().remove(run._r)
    document.save(out)
    return out


def para(document, startswith: str):
    return next(p for p in document.paragraphs if p.text.startswith(startswith))


def set_text(paragraph, text: str) -> None:
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def east_asia(paragraph, name: str) -> None:
    for run in paragraph.runs:
        rpr = run._r.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        fonts.set(qn("w:eastAsia"), name)


def mutate(notice: Path, tmp_path: Path, change: Callable) -> list[FormatResult]:
    document = docx.Document(notice)
    change(document)
    path = tmp_path / "faulty.docx"
    document.save(path)
    return check_format(path)


def failed(results: list[FormatResult]) -> dict[str, str]:
    return {r.rule: r.message for r in results if not r.ok}


def test_generated_notice_passes_everything(notice):
    results = check_format(notice)
    assert [r for r in results if not r.ok] == []
    assert len(results) == 36


def _margin(d):
    d.sections[0].left_margin = docx.shared.Mm(20)


def _paper(d):
    d.sections[0].page_height = docx.shared.Mm(279)


def _grid(d):
    d.sections[0]._sectPr.remove(d.sections[0]._sectPr.find(qn("w:docGrid")))


def _theme(d):
    d.styles.element.find(f".//{qn('w:rFonts')}").set(qn("w:eastAsiaTheme"), "minorEastAsia")


def _unknown_font(d):
    east_asia(para(d, "为深入"), "等线")


def _mark_font(d):
    east_asia(d.paragraphs[3], "宋体")


def _number_brackets(d):
    set_text(para(d, "苏安"), "苏安[2022]04号")


def _no_red_rule(d):
    pbdr = para(d, "苏安")._p.pPr.find(qn("w:pBdr"))
    pbdr.getparent().remove(pbdr)


def _title_bold(d):
    title = para(d, "关于印发")
    for run in title.runs:
        run.bold = True
    set_text(title, title.text.replace("\n", "") + "。")


def _colon(d):
    to = para(d, "各县级市")
    set_text(to, to.text.replace("：", ":"))


def _heading_font(d):
    east_asia(para(d, "一、"), "仿宋_GB2312")


def _heading_gap(d):
    set_text(para(d, "二、"), "三、重点工作举措")


def _heading_mistake(d):
    set_text(para(d, "（一）健全"), "（一）、健全两项工作制度")


def _body_indent(d):
    para(d, "为深入").paragraph_format.first_line_indent = 0
    p = para(d, "为深入")._p.pPr.find(qn("w:ind"))
    p.attrib.pop(qn("w:firstLineChars"), None)


def _attachment_note(d):
    note = para(d, "附件：")
    note.paragraph_format.left_indent = 0
    note.paragraph_format.first_line_indent = 0
    set_text(note, note.text.replace("1.", "1、"))


def _date(d):
    set_text(para(d, "2022年1月20日"), "二〇二二年一月二十日")


def _iso_date(d):
    set_text(para(d, "2022年1月20日"), "2022-01-20")


def _date_flush_right(d):
    for p in d.paragraphs:
        if p.text in ("2022年1月20日", "苏州市安全生产委员会"):
            p.paragraph_format.right_indent = 0


def _two_blanks(d):
    signature = next(p for p in d.paragraphs if p.text == "苏州市安全生产委员会")
    signature._p.addprevious(OxmlElement("w:p"))


def _note_brackets(d):
    set_text(para(d, "（此件"), "(此件依申请公开)")


def _attachment_label(d):
    set_text(para(d, "附件2"), "附件 二")


def _record_rule(d):
    rules = [p for p in d.paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None]
    rules[-1]._p.pPr.find(qn("w:pBdr"))[0].set(qn("w:sz"), "4")


def _cc(d):
    cc = para(d, "抄送")
    set_text(cc, cc.text.rstrip("。"))
    for run in cc.runs:
        run.font.size = docx.shared.Pt(16)


def _footer(d):
    footer = d.sections[0].footer.paragraphs[0]
    footer.alignment = 1
    d.sections[0].even_page_footer.paragraphs[0].alignment = 1
    d.settings.odd_and_even_pages_header_footer = False
    for t in footer._p.iter(qn("w:t")):
        t.text = t.text.replace("—", "-")


def _subject_words(d):
    para(d, "抄送").insert_paragraph_before("主题词：安全生产 通知")


def _ascii_punct(d):
    set_text(para(d, "更好统筹"), "更好统筹发展和安全,强化落实(党委政府)领导责任。")


def _auto_numbering(d):
    numpr = OxmlElement("w:numPr")
    para(d, "二、")._p.pPr.append(numpr)


def _no_record(d):
    body = d.element.body
    for paragraph in d.paragraphs:
        if paragraph.text.startswith("抄送") or paragraph.text.endswith("印发") or (
                paragraph._p.pPr is not None and paragraph._p.pPr.find(qn("w:pBdr")) is not None
                and not paragraph.text and paragraph._p.getparent() is body
                and paragraph._p.getnext() is not None and paragraph._p not in body[:12]):
            paragraph._p.getparent().remove(paragraph._p)


def _no_printer(d):
    printed = next(p for p in d.paragraphs if p.text.endswith("印发"))
    printed._p.getparent().remove(printed._p)


def _black_mark(d):
    for run in d.paragraphs[3].runs:
        run.font.color.rgb = docx.shared.RGBColor(0, 0, 0)


def _left_unverified(d):
    para(d, "更好统筹").add_run("〔未核实：某项职责〕")


def _left_highlight(d):
    run = para(d, "更好统筹").runs[0]
    run.font.highlight_color = 7  # yellow


FAULTS = [
    ("V1", _no_record, "缺少版记"), ("V3", _no_printer, "缺少印发机关"),
    ("H4", _black_mark, "红色"), ("M10", _left_unverified, "〔未核实：某项职责〕"),
    ("M10", _left_highlight, "高亮"),
    ("P1", _paper, "A4"), ("P2", _margin, "左边距"), ("P3", _grid, "网格"),
    ("P5", _theme, "主题字体"), ("P6", _unknown_font, "等线"), ("H4", _mark_font, "小标宋"),
    ("H5", _number_brackets, "格式不对"), ("M1", _number_brackets, "六角括号"),
    ("M1", _number_brackets, "不编虚位"), ("H7", _no_red_rule, "红色分隔线"),
    ("M9", _title_bold, "加粗"), ("M9", _title_bold, "末尾不加标点"),
    ("B2", _colon, "全角冒号"), ("M7", _colon, "半角冒号"),
    ("B4", _heading_font, "黑体"), ("B4", _heading_gap, "不连续"), ("M2", _heading_mistake, "不加标点"),
    ("B4", _auto_numbering, "自动编号"),
    ("B3", _body_indent, "缩进二字"), ("B5", _attachment_note, "左空二字"),
    ("M4", _attachment_note, "1、"), ("B7", _date, "2022年1月20日"), ("M3", _date, "阿拉伯数字"),
    ("M3", _iso_date, "“-”"), ("M5", _date_flush_right, "简单右对齐"), ("B6", _date_flush_right, "右空二字"),
    ("M5", _two_blanks, "空了 2 行"), ("B8", _note_brackets, "全角圆括号"),
    ("B9", _attachment_label, "附件2"), ("V1", _record_rule, "粗线"),
    ("V2", _cc, "句号"), ("M7", _cc, "三号"), ("N1", _footer, "evenAndOddHeaders"),
    ("N1", _footer, "一字线"), ("M6", _footer, "居中"), ("M6", _footer, "一字线"),
    ("M8", _subject_words, "主题词"), ("M9", _ascii_punct, "半角标点"),
]


@pytest.mark.parametrize("rule,change,words", FAULTS,
                         ids=[f"{rule}-{change.__name__}" for rule, change, _ in FAULTS])
def test_each_fault_is_reported(notice, tmp_path, rule, change, words):
    problems = failed(mutate(notice, tmp_path, change))
    assert rule in problems, problems
    assert words in problems[rule]


def test_fault_free_parts_stay_ok_when_one_part_breaks(notice, tmp_path):
    problems = failed(mutate(notice, tmp_path, _cc))
    assert set(problems) == {"V2", "M7"}


def test_document_built_from_scratch_with_old_habits(tmp_path):
    document = docx.Document()
    document.add_paragraph("关于做好安全生产工作的通知。")
    document.add_paragraph("各单位:")
    document.add_paragraph("1、加强领导")
    document.add_paragraph("某某单位")
    document.add_paragraph("2024.1.5")
    path = tmp_path / "plain.docx"
    document.save(path)
    problems = failed(check_format(path))
    assert {"P2", "P3", "P5", "M2", "M3", "M7", "M9", "N1"} <= set(problems)


def test_unreadable_file_is_a_source_error(tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(SourceError):
        check_format(path)


def test_rules_are_registered_once_in_document_order():
    codes = [entry.code for entry in format_rules.RULES]
    expected = ([f"P{i}" for i in range(1, 7)] + [f"H{i}" for i in range(1, 8)] + [f"B{i}" for i in range(1, 10)]
                + ["V1", "V2", "V3", "N1"] + [f"M{i}" for i in range(1, 11)])
    assert codes == expected


def test_a_new_rule_is_one_decorated_function(notice, monkeypatch):
    monkeypatch.setattr(format_rules, "RULES", list(format_rules.RULES))

    @format_rules.rule("X1", "试验规则")
    def x1(doc: format_rules.Parsed) -> format_rules.Outcome:
        return [f"标题是“{doc.title.text[:4]}”"] if doc.title is not None else "无标题"

    result = check_format(notice)[-1]
    assert (result.rule, result.ok) == ("X1", False)
    assert result.message.startswith("试验规则：标题是“")
    with pytest.raises(ValueError, match="X1"):
        format_rules.rule("X1", "重复")(x1)
