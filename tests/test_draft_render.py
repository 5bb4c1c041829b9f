"""LibreOffice rendering (slow; skipped when soffice/pdftoppm are not installed): every kind
renders, and the notice's 版记 is alone on the last page. (The section starts on an even
page in Word; LibreOffice ignores `w:type="evenPage"`, so parity is not asserted here.)"""

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from policydocs.cli import main
from rendering import RENDER_TESTS, render_pages

ROOT = Path(__file__).parents[1]
pytestmark = RENDER_TESTS


@pytest.mark.parametrize("kind,name", [("notice", "suzhou_notice.md"), ("plan", "anju_plan.md"),
                                       ("interview", "interview.md")])
def test_renders_to_png(tmp_path, kind, name):
    out = tmp_path / f"{kind}.docx"
    result = CliRunner().invoke(main, ["draft", kind, str(ROOT / "examples" / name), "-o", str(out),
                                       "--index", str(tmp_path / "none")])
    assert result.exit_code == 0, result.output
    pages = render_pages.render(out, tmp_path / "pages", dpi=30)
    assert pages and pages[0].stat().st_size > 1000
    if kind == "notice":
        pdf = str(tmp_path / "pages" / "notice.pdf")
        last = subprocess.run(["pdftotext", "-f", str(len(pages)), "-l", str(len(pages)), pdf, "-"],
                              capture_output=True, text=True, check=True).stdout.split()
        assert last[0].startswith("抄送：") and last[-1].endswith("印发")
