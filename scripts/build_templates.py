"""Build the docxtpl templates in templates/ (notice.docx, plan.docx, interview.docx).

The templates hold what is fixed per kind — page setup, styles, footers, the 版头 with
Jinja tags for the front-matter values — and a 【正文】 anchor where the program lays out
the body. Run after changing draft/layout.py or draft/styles.py:

    python scripts/build_templates.py [--out DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import docx

from policydocs import gbt9704 as L
from policydocs.draft import styles, templates
from policydocs.draft.compose import BODY_ANCHOR

PROFILE = L.PROFILES[L.DEFAULT_PROFILE]


def _paragraph(document, role: str, text: str = "", **overrides):
    paragraph = document.add_paragraph()
    used = styles.style_paragraph(paragraph, role, **overrides)
    if text:
        styles.add_run(paragraph, text, used, PROFILE)
    return paragraph


def _blank(document, count: int = 1) -> None:
    for _ in range(count):
        _paragraph(document, "blank")


def _base() -> docx.Document:
    document = docx.Document()
    templates.clean_package(document)
    styles.install_styles(document, PROFILE)
    section = document.sections[0]
    styles.setup_section(section)
    styles.page_numbers(document, section, PROFILE)
    return document


def notice() -> docx.Document:
    """红头文件: 份号/密级/紧急 lines, red organ mark, 文号 over the red rule, title, 主送."""
    document = _base()
    _paragraph(document, "header", "{{ copy_no }}")
    _paragraph(document, "header_bold", "{{ secret }}")
    _paragraph(document, "header_bold", "{{ urgency }}")
    _paragraph(document, "mark", "{{ mark }}")
    _blank(document, L.BLANK_LINES_BEFORE_NUMBER)
    number = _paragraph(document, "number", "{{ number }}")
    styles.border(number, bottom=L.RED_RULE_SZ, color=L.RED, space_pt=L.RED_RULE_GAP_PT)
    _blank(document, L.BLANK_LINES_BEFORE_TITLE)
    _paragraph(document, "title", "{{ title }}")
    _blank(document)
    _paragraph(document, "to", "{{ to }}：")
    _paragraph(document, "body", BODY_ANCHOR)
    return document


def titled() -> docx.Document:
    """Plan and interview record: title on line 1, one blank line, then the body."""
    document = _base()
    _paragraph(document, "title", "{{ title }}")
    _blank(document)
    _paragraph(document, "body", BODY_ANCHOR)
    return document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "templates")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    for name, build in (("notice", notice), ("plan", titled), ("interview", titled)):
        build().save(out / f"{name}.docx")
        print(out / f"{name}.docx")


if __name__ == "__main__":
    main()
