"""Convert the seed extractions (../shared/seeds/*.txt) into the project's corpus/: Markdown with
YAML front matter, one file per seed. Only extraction residue is repaired (page numbers, broken
lines, (此页无正文), repeated table headers, <p> tags); wording, numbering and citations stay as
in the source, errors included. Metadata come from each text's own head and signature; what a
text does not say is given in SEED_FACTS below, from ../shared/seeds/INDEX.md.

    python scripts/convert_seeds.py [SEEDS_DIR] [CORPUS_DIR]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from policydocs.corpus.policy import Item, clean_lines, has_number_cell, read_header, region_for_issuer

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"

#: per seed: what its text does not state (kind always; 黑林镇's head was lost in extraction)
SEED_FACTS: dict[str, dict[str, str]] = {
    "000_c0365bcb3152fe4c.txt": {"kind": "印发通知（总体工作方案及7个专项行动方案）"},
    "001_b84858d67e912f84.txt": {"kind": "印发通知（实施方案）"},
    "002_dfd22421fa8168ad.txt": {"kind": "印发通知（实施方案及6个附件）"},
    "003_ac40ca59c4c14708.txt": {
        "kind": "实施方案",
        # the extraction kept only "实施方案" of the title; the name is the one its 附件 and
        # first paragraph use (黑林镇 … 重大事故隐患专项排查整治行动)
        "title": "黑林镇重大事故隐患专项排查整治行动实施方案",
        "issuer": "黑林镇安全生产委员会",
        "year": "2023",
        "region": "江苏/连云港市",
    },
    "004_fb4b33a9ce84be02.txt": {"kind": "印发通知（工作要点）"},
}


def front_matter(seed: Path, items: list[Item]) -> tuple[dict, int]:
    header = read_header(items)
    facts = SEED_FACTS.get(seed.name, {})
    issuer = facts.get("issuer", header.issuer)
    meta = {
        "title": facts.get("title", header.title),
        "number": header.number,
        "issuer": issuer,
        "date": header.date,
        "kind": facts.get("kind", ""),
        "region": facts.get("region", region_for_issuer(issuer)),
        "category": "规范性文件",
        "source": f"seeds/{seed.name}",
    }
    if not meta["date"]:
        del meta["date"]
        meta["year"] = facts.get("year", "")
    return meta, header.body_start


def file_name(meta: dict) -> str:
    quoted = re.search(r"《(.+)》", meta["title"])
    short = quoted.group(1) if quoted else re.sub(r"^关于印发|的通知$", "", meta["title"])
    parts = [meta.get("date") or meta.get("year", ""), meta["number"], short]
    return "_".join(p for p in parts if p) + ".md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def markdown_body(items: list[Item]) -> str:
    """Paragraphs separated by blank lines; consecutive table rows as one pipe table (a table
    whose first row is already data gets an empty header row)."""
    blocks: list[str] = []
    table: list[tuple[str, ...]] = []

    def flush() -> None:
        if not table:
            return
        width = max(len(row) for row in table)
        rows = ([("",) * width] if has_number_cell(table[0]) else []) + table
        lines = []
        for index, row in enumerate(rows):
            cells = list(row) + [""] * (width - len(row))
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
            if index == 0:
                lines.append("|" + " --- |" * width)
        blocks.append("\n".join(lines))
        table.clear()

    for item in items:
        if isinstance(item, tuple):
            table.append(item)
        else:
            flush()
            blocks.append(item)
    flush()
    return "\n\n".join(blocks) + "\n"


def convert(seed: Path, out_dir: Path) -> Path:
    items = clean_lines(seed.read_text(encoding="utf-8").splitlines())
    meta, body_start = front_matter(seed, items)
    target = out_dir / file_name(meta)
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    target.write_text(f"---\n{head}---\n\n{markdown_body(items[body_start:])}", encoding="utf-8")
    return target


def main(argv: list[str]) -> None:
    seeds = Path(argv[1]) if len(argv) > 1 else SEEDS
    out_dir = Path(argv[2]) if len(argv) > 2 else REPO / "corpus"
    out_dir.mkdir(exist_ok=True)
    for seed in sorted(seeds.glob("*.txt")):
        print(convert(seed, out_dir).relative_to(out_dir.parent))


if __name__ == "__main__":
    main(sys.argv)
