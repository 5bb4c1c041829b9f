"""`draft --render`: a 署名 page without body text is marked “（此页无正文）” at its top (seeds
000/002, GB/T 9704 7.3.5), and the layout rules of the final pages are reported. The fixture
(invented) is a plan whose long last paragraph fills page 1, so the 署名 and date fall alone
on page 2 once the paragraph is no longer moved whole with them."""

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from policydocs.check import layout
from policydocs.check.format_rules import check_format
from policydocs.cli import main
from policydocs.draft import pagination, styles
from policydocs.gbt9704 import PROFILES

FIXTURE = Path(__file__).parent / "fixtures" / "draft" / "signature_alone.md"
SIGNATURE = "某某市安全生产委员会办公室"


def draft(out: Path, *extra: str):
    result = CliRunner().invoke(main, ["draft", "plan", str(FIXTURE), "-o", str(out),
                                       "--index", str(out.parent / "none"), *extra])
    assert result.exception is None and result.exit_code == 0, result.output
    return result


def texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_the_mark_goes_on_a_new_page_before_the_closing_block(tmp_path):
    path = tmp_path / "plain.docx"
    draft(path)
    document = docx.Document(str(path))
    assert pagination.mark_no_text_page(document, PROFILES["gb2312"], SIGNATURE)
    document.save(str(tmp_path / "marked.docx"))
    paras = docx.Document(str(tmp_path / "marked.docx")).paragraphs
    at = next(n for n, p in enumerate(paras) if p.text == pagination.NO_TEXT_LINE)
    assert [p.text for p in paras[at:at + 4]] == [pagination.NO_TEXT_LINE, "", SIGNATURE, "2024年3月1日"]
    ppr = paras[at]._p.pPr
    assert ppr.find(qn("w:pageBreakBefore")) is not None and ppr.find(qn("w:keepNext")) is not None
    assert ppr.find(qn("w:pStyle")).get(qn("w:val")) == styles.style_id(styles.ROLES["note"].style)
    # the marked document still meets every file rule (one blank line before the 署名, B3 indent …)
    assert [r.message for r in check_format(tmp_path / "marked.docx") if not r.ok] == []


def test_no_closing_line_no_change(tmp_path):
    path = tmp_path / "plain.docx"
    draft(path)
    document = docx.Document(str(path))
    assert not pagination.mark_no_text_page(document, PROFILES["gb2312"], "不在文中的一行")
    assert pagination.NO_TEXT_LINE not in [p.text for p in document.paragraphs]


def test_long_last_paragraph_is_not_moved_with_the_signature(tmp_path):
    """LibreOffice moves a kept paragraph whole: a long last paragraph kept with the 署名 left
    half of page 1 empty. Only the blank line before the 署名 is kept with it."""
    path = tmp_path / "plain.docx"
    draft(path)
    paras = docx.Document(str(path)).paragraphs
    last = next(p for p in reversed(paras) if p.text.startswith("各单位要结合实际"))
    keep = last._p.pPr.find(qn("w:keepNext"))
    assert keep is None or keep.get(qn("w:val")) == "0"


def test_without_libreoffice_the_pass_says_it_did_not_run(tmp_path, monkeypatch):
    monkeypatch.setattr(layout, "available", lambda: False)
    result = draft(tmp_path / "out.docx", "--render")
    assert "排版检查：不适用" in result.output
    assert pagination.NO_TEXT_LINE not in texts(tmp_path / "out.docx")


def test_a_failing_renderer_does_not_cost_the_draft(tmp_path, monkeypatch):
    from policydocs.errors import SourceError

    def broken(path, keep=None):
        raise SourceError("LibreOffice 未能转换 draft.docx")

    monkeypatch.setattr(layout, "available", lambda: True)
    monkeypatch.setattr(layout, "rendered", broken)
    result = draft(tmp_path / "out.docx", "--render")
    assert "排版检查：未能完成（LibreOffice 未能转换 draft.docx）" in result.output
    assert (tmp_path / "out.docx").is_file()


needs_libreoffice = pytest.mark.skipif(not layout.available(), reason="LibreOffice not installed")


@pytest.mark.slow
@needs_libreoffice
def test_render_marks_the_signature_page(tmp_path):
    plain = tmp_path / "plain.docx"
    draft(plain)
    before = {r.rule: r for r in layout.check_layout(plain)}
    assert not before["R1"].ok and "第2页" in before["R1"].message  # the fixture does trigger it
    result = draft(tmp_path / "rendered.docx", "--render")
    assert "已在页首加“（此页无正文）”" in result.output
    assert pagination.NO_TEXT_LINE in texts(tmp_path / "rendered.docx")
    after = layout.check_layout(tmp_path / "rendered.docx")
    assert [r.message for r in after if not r.ok] == []


@pytest.mark.slow
@needs_libreoffice
def test_render_leaves_a_good_layout_alone(tmp_path):
    out = tmp_path / "plan.docx"
    result = CliRunner().invoke(main, ["draft", "plan", str(Path(__file__).parents[1] / "examples" / "anju_plan.md"),
                                       "-o", str(out), "--render", "--index", str(tmp_path / "none")])
    assert result.exception is None and result.exit_code == 0, result.output
    assert "分页检查（R1–R7）全部符合" in result.output
    assert pagination.NO_TEXT_LINE not in texts(out)


ISSUED = Path(__file__).parent / "fixtures" / "draft" / "issued_signed" / "notice.md"


def drafted_issued(tmp_path: Path) -> Path:
    out = tmp_path / "issued.docx"
    result = CliRunner().invoke(main, ["draft", "notice", str(ISSUED), "-o", str(out),
                                       "--index", str(tmp_path / "none")])
    assert result.exception is None and result.exit_code == 0, result.output
    return out


def test_the_issued_documents_signature_page_is_judged_too(tmp_path):
    """印发 mode: a page with only the issued plan's 署名 and date is a page without body text
    (its 署名 was read as body text before)."""
    from policydocs.check.format_rules import parse
    from policydocs.check.layout import LEFT, RIGHT, Line, Page, check_pages

    doc = parse(docx.Document(str(drafted_issued(tmp_path))))
    pages = [Page(1, [Line("现将《某某县有限空间作业安全整治工作方案》印发给你们，请认真贯彻", LEFT, RIGHT, 300, 320),
                      Line("某某县安全生产委员会办公室", 300, 480, 400, 420),
                      Line("2024年3月1日", 330, 430, 430, 450)]),
             Page(2, [Line("某某县有限空间作业安全整治工作方案", 100, 400, 100, 130),
                      Line("各单位要结合实际，认真组织开展有限空间作业安全专项整治，督促企", LEFT, RIGHT, 300, 320)]),
             Page(3, [Line("某某县应急管理局", 300, 480, 100, 120),
                      Line("2024年3月1日", 330, 430, 130, 150)])]
    r1 = next(r for r in check_pages(doc, pages) if r.rule == "R1")
    assert not r1.ok and "第3页" in r1.message and "第1页" not in r1.message


def test_the_mark_goes_before_the_second_closing_block_with_that_line(tmp_path):
    """The notice and the plan it issues are dated alike: the second date is the plan's."""
    document = docx.Document(str(drafted_issued(tmp_path)))
    assert pagination.mark_no_text_page(document, PROFILES["gb2312"], "2024年3月1日", 1)
    texts_ = [p.text for p in document.paragraphs]
    at = texts_.index(pagination.NO_TEXT_LINE)
    assert texts_.index("各单位要结合实际，认真组织开展有限空间作业安全专项整治，督促企业落实安全生产主体责任。") < at
    assert texts_[at + 1:at + 4] == ["", "某某县应急管理局", "2024年3月1日"]
    assert not pagination.mark_no_text_page(document, PROFILES["gb2312"], "2024年3月1日", 5)
