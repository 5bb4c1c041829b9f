"""Article correspondence benchmark: kb/versions.py `correspond` against gold lists built by
reading the texts (benchmarks/data/versions_gold*.tsv, each pair with how it was checked).

    python benchmarks/bench_versions.py [--show]

Pairs are (old article, new article), an added article (None, new), a deleted one (old, None).
Only articles the gold names are scored: precision = predicted pairs touching a gold article
that are gold; recall = gold pairs predicted. Printed beside a baseline: the same article
number (old n → new n; beyond the other version's last article: added/deleted). Target ≥ 0.95.
The 安全生产法 2014 → 2021 row needs ../shared (skipped without it); the invented law's row
(tests/fixtures/versions) always runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from policydocs.corpus.lawmd import read_law_markdown  # noqa: E402
from policydocs.corpus.readers import read_source  # noqa: E402
from policydocs.kb.versions import article_texts, correspond  # noqa: E402

SHARED = ROOT.parent / "shared"
DATA = ROOT / "benchmarks" / "data"
CASES = (
    ("安全生产法 2014→2021", SHARED / "corpus" / "versions" / "中华人民共和国安全生产法（2014年修正）.docx",
     SHARED / "corpus" / "lawrefbook" / "社会法" / "安全生产法(2021-06-10).md", DATA / "versions_gold.tsv"),
    ("脚手架安全法 2012→2020 (fixture)", ROOT / "tests" / "fixtures" / "versions" / "脚手架安全法(2012-05-01).md",
     ROOT / "tests" / "fixtures" / "versions" / "脚手架安全法(2020-03-01).md", DATA / "versions_gold_fixture.tsv"),
)

Pair = tuple[int | None, int | None]


def read_gold(path: Path) -> set[Pair]:
    gold: set[Pair] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("old\t"):
            continue
        old, new = line.split("\t")[:2]
        gold.add((None if old == "-" else int(old), None if new == "-" else int(new)))
    return gold


def read(path: Path):
    if path.suffix == ".md" and "lawrefbook" in path.parts:
        return read_law_markdown(path, path.parents[1])
    return read_source(path)


def baseline(old: list[tuple[int, str]], new: list[tuple[int, str]]) -> set[Pair]:
    olds, news = {n for n, _ in old}, {n for n, _ in new}
    return ({(n, n) for n in olds & news} | {(n, None) for n in olds - news} | {(None, n) for n in news - olds})


def score(predicted: set[Pair], gold: set[Pair]) -> tuple[float, float]:
    gold_old = {o for o, _ in gold if o is not None}
    gold_new = {n for _, n in gold if n is not None}
    touching = {p for p in predicted if p[0] in gold_old or p[1] in gold_new}
    precision = len(touching & gold) / len(touching) if touching else 0.0
    recall = len(predicted & gold) / len(gold) if gold else 0.0
    return precision, recall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print the pairs that differ from the gold")
    args = parser.parse_args()
    print(f"{'law':36} {'gold':>5} {'method':26} {'precision':>9} {'recall':>7} {'seconds':>8}")
    for name, old_path, new_path, gold_path in CASES:
        if not (old_path.is_file() and new_path.is_file()):
            print(f"{name:36} skipped: {old_path.parent} not found")
            continue
        gold = read_gold(gold_path)
        old, new = article_texts(read(old_path)), article_texts(read(new_path))
        start = time.perf_counter()
        predicted = {(p.old_article, p.new_article) for p in correspond(old, new)}
        seconds = time.perf_counter() - start
        for method, pairs, took in (("correspond (kb/versions)", predicted, f"{seconds:8.2f}"),
                                    ("baseline: same number", baseline(old, new), "")):
            precision, recall = score(pairs, gold)
            print(f"{name:36} {len(gold):5d} {method:26} {precision:9.3f} {recall:7.3f} {took:>8}")
        if args.show:
            gold_old = {o for o, _ in gold if o is not None}
            gold_new = {n for _, n in gold if n is not None}
            touching = {p for p in predicted if p[0] in gold_old or p[1] in gold_new}
            for pair in sorted(touching - gold, key=str):
                print(f"  predicted, not gold: {pair}")
            for pair in sorted(gold - predicted, key=str):
                print(f"  gold, not predicted: {pair}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
