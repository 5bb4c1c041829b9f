"""Render a .docx to PNG pages through LibreOffice, to look at what a clerk would see.

    python scripts/render_pages.py OUT.docx [--dir DIR] [--dpi 60] [--first N]

Writes DIR/OUT.pdf and DIR/OUT-1.png, OUT-2.png …; prints the PNG paths.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

#: keep the blank pages LibreOffice inserts (a 版记 section starting on an even page), as
#: they are printed; the headless export drops them by default
PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


def available() -> bool:
    """Both LibreOffice and poppler are installed (tests skip otherwise)."""
    return bool(shutil.which("soffice") and shutil.which("pdftoppm"))


def render(docx_path: Path, out_dir: Path, *, dpi: int = 60, first: int | None = None) -> list[Path]:
    """docx → pdf (soffice --headless) → png (pdftoppm); returns the PNG pages in order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:  # a private profile: parallel runs don't clash
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", PDF_FILTER, "--outdir", str(out_dir), str(docx_path)],
                       check=True, capture_output=True, timeout=180)
    pdf = out_dir / f"{docx_path.stem}.pdf"
    command = ["pdftoppm", "-r", str(dpi), "-png"]
    if first:
        command += ["-l", str(first)]
    subprocess.run([*command, str(pdf), str(out_dir / docx_path.stem)], check=True, timeout=180)
    return sorted(out_dir.glob(f"{docx_path.stem}-*.png"),
                  key=lambda path: int(path.stem.rsplit("-", 1)[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docx", type=Path)
    parser.add_argument("--dir", type=Path, default=Path("out/pages"))
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--first", type=int, help="render only the first N pages")
    args = parser.parse_args()
    for page in render(args.docx, args.dir, dpi=args.dpi, first=args.first):
        print(page)


if __name__ == "__main__":
    main()
