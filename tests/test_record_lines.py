"""The 版记's arithmetic (gbt9704): the 印发 line's two parts keep a character between them,
and the 抄送 lines counted for the space above the 版记 are those of the 4号 text (no 3号
tracking inherited)."""

from pathlib import Path

import docx
from click.testing import CliRunner
from docx.oxml.ns import qn

from policydocs import gbt9704 as L
from policydocs.cli import main

ROOT = Path(__file__).parents[1]


def test_a_short_printer_needs_no_squeeze():
    assert L.record_line_tracking("苏州市安全生产委员会办公室", "2022年1月20日印发") == 0


def test_a_long_printer_is_condensed_until_a_character_separates_it_from_the_date():
    printer, printed = "遂宁市安居区人民政府安全生产委员会办公室", "2023年3月21日印发"
    squeeze = L.record_line_tracking(printer, printed)
    assert squeeze < 0
    text = printer + printed
    digits = 3  # 2023, 3, 21
    width = (L.text_width_chars(text) + 2 * digits * L.DIGIT_GAP_CHARS) * L.RECORD_CHAR + squeeze * len(text)
    assert L.TEXT_WIDTH - 2 * L.RECORD_CHAR - width >= L.RECORD_CHAR  # one character between


def drafted(tmp_path: Path, source: Path) -> docx.document.Document:
    out = tmp_path / "n.docx"
    result = CliRunner().invoke(main, ["draft", "notice", str(source), "-o", str(out), "--index", str(tmp_path / "x")])
    assert result.exception is None and result.exit_code == 0, result.output
    return docx.Document(str(out))


def test_the_printed_line_carries_the_squeeze(tmp_path):
    document = drafted(tmp_path, ROOT / "tests" / "fixtures" / "draft" / "stress_notice.md")
    line = next(p for p in document.paragraphs if p.text.endswith("印发"))
    values = {r._r.find(f"{qn('w:rPr')}/{qn('w:spacing')}").get(qn("w:val")) for r in line.runs}
    assert values == {str(L.record_line_tracking("遂宁市安居区人民政府安全生产委员会办公室", "2023年3月21日印发"))}


def test_record_style_does_not_inherit_the_body_tracking(tmp_path):
    document = drafted(tmp_path, ROOT / "examples" / "suzhou_notice.md")
    for name in ("版记", "公文标题", "发文机关标志", "表格文字"):
        style = document.styles[name].element
        spacing = style.find(f"{qn('w:rPr')}/{qn('w:spacing')}")
        assert spacing is not None and spacing.get(qn("w:val")) == "0", name
    body = document.styles["公文正文"].element.find(f"{qn('w:rPr')}/{qn('w:spacing')}")
    assert body.get(qn("w:val")) == str(L.BODY_TRACKING)
