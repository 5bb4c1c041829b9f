"""The .docx package of a draft holds nothing of python-docx's default template that Word,
WPS or a file browser would show: no 2010 "Microsoft Macintosh Word" extended properties
(Normal.dotm, 1 page, 0 words), no empty bibliography, no stylesWithEffects copy of the
template's Calibri styles; the core properties say zh-CN."""

import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from policydocs.cli import main

EXAMPLES = Path(__file__).parents[1] / "examples"


@pytest.mark.parametrize("kind,name", [("notice", "anju_notice"), ("plan", "anju_plan"), ("interview", "interview")])
def test_no_template_leftovers_in_the_package(tmp_path, kind, name):
    out = tmp_path / f"{name}.docx"
    result = CliRunner().invoke(main, ["draft", kind, str(EXAMPLES / f"{name}.md"), "-o", str(out),
                                       "--index", str(tmp_path / "none"), "--allow-outside"])
    assert result.exception is None and result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as package:
        names = package.namelist()
        types = package.read("[Content_Types].xml").decode()
    assert not [n for n in names if n.startswith(("customXml/", "docProps/app", "docProps/thumbnail"))], names
    assert "word/stylesWithEffects.xml" not in names
    assert "Macintosh" not in types and "stylesWithEffects" not in types
    core = docx.Document(str(out)).core_properties
    assert core.language == "zh-CN"
    # the document still opens and renders its body (the relationships left are whole)
    assert any(p.text for p in docx.Document(str(out)).paragraphs)


def test_number_and_record_lines_have_no_space_between_chinese_and_digits(tmp_path):
    """〔2022〕4号 and 2022年1月20日印发 as GB/T 9704 prints them (renderers otherwise add a
    space between Chinese and digits: “4 号”), and the 抄送 lines counted from their widths."""
    from docx.oxml.ns import qn

    from policydocs.draft import styles

    out = tmp_path / "n.docx"
    result = CliRunner().invoke(main, ["draft", "notice", str(EXAMPLES / "suzhou_notice.md"), "-o", str(out),
                                       "--index", str(tmp_path / "none")])
    assert result.exception is None and result.exit_code == 0, result.output
    document = docx.Document(str(out))
    for role in ("number", "record", "signature", "date"):
        style = document.styles.element.find(
            f"{qn('w:style')}[@{qn('w:styleId')}='{styles.style_id(styles.ROLES[role].style)}']")
        flags = {tag: style.find(f"{qn('w:pPr')}/{qn(tag)}") for tag in ("w:autoSpaceDE", "w:autoSpaceDN")}
        assert all(f is not None and f.get(qn("w:val")) == "0" for f in flags.values()), role
