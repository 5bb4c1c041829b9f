"""What is kept with what in a draft (keep-with-next), where LibreOffice's whole-paragraph moves
would otherwise leave half a page empty or a line alone: the 约谈记录's 整改要求 are numbered
items, not headings; its signature lines stay together with the text above them."""

from pathlib import Path

import docx
from click.testing import CliRunner
from docx.oxml.ns import qn

from policydocs.cli import main

EXAMPLES = Path(__file__).parents[1] / "examples"


def drafted(tmp_path: Path, kind: str, name: str) -> list:
    out = tmp_path / f"{name}.docx"
    result = CliRunner().invoke(main, ["draft", kind, str(EXAMPLES / f"{name}.md"), "-o", str(out),
                                       "--index", str(tmp_path / "none")])
    assert result.exception is None and result.exit_code == 0, result.output
    return docx.Document(str(out)).paragraphs


def kept(paragraph) -> bool:
    ppr = paragraph._p.pPr
    own = ppr.find(qn("w:keepNext")) if ppr is not None else None
    if own is not None:
        return own.get(qn("w:val")) not in ("0", "false")
    style = paragraph.style.element.find(f"{qn('w:pPr')}/{qn('w:keepNext')}")
    return style is not None and style.get(qn("w:val")) not in ("0", "false")


def outline_level(paragraph) -> str | None:
    ppr = paragraph._p.pPr
    own = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    if own is not None:
        return own.get(qn("w:val"))
    style = paragraph.style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    return style.get(qn("w:val")) if style is not None else None


def test_interview_rectification_items_are_not_kept_headings(tmp_path):
    paras = drafted(tmp_path, "interview", "interview")
    items = [p for p in paras if p.text.startswith("（") and "整改时限" in p.text]
    assert len(items) == 3
    assert not any(kept(p) for p in items)
    assert {outline_level(p) for p in items} == {"9"}  # not in the navigation pane
    heading = next(p for p in paras if p.text.endswith("整改要求及时限"))
    assert kept(heading) and outline_level(heading) == "0"
    problems = [p for p in paras if p.text.startswith("（一）特种作业人员")]
    assert problems and kept(problems[0])  # the 指出的问题 are headings of their basis lines


def test_interview_signature_lines_stay_together_and_with_the_text(tmp_path):
    paras = drafted(tmp_path, "interview", "interview")
    first = next(n for n, p in enumerate(paras) if p.text == "约谈方（签字）：")
    report = next(n for n, p in enumerate(paras) if p.text.startswith("被约谈单位应于"))
    assert report < first
    assert all(kept(p) for p in paras[report:first + 3])  # text, blank, three of the four lines
    assert paras[first + 3].text.startswith("记录日期")
