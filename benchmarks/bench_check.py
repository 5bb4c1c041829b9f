"""In-process `check` speed over the five repo seeds (corpus/*.md): find and verify every
citation with the library opened once; time per file and in total, citations per status.
Target < 2 s for all five (index opening not counted). Needs a built index; exits 2 without.

    python benchmarks/bench_check.py [--index DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 2.0
NAME_WIDTH = 42


def _name(name: str) -> str:
    """`name` cut and padded to NAME_WIDTH terminal columns (CJK characters take two)."""
    out, width = "", 0
    for char in name:
        size = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if width + size > NAME_WIDTH - 2:
            break
        out, width = out + char, width + size
    return out + " " * (NAME_WIDTH - width)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=os.environ.get("POLICYDOCS_INDEX", "index"))
    args = parser.parse_args()
    if not (Path(args.index) / "CURRENT").is_file():
        print(f"no index at {args.index}: build one with `policydocs index <law sources> --index {args.index}`"
              " (or set POLICYDOCS_INDEX)", file=sys.stderr)
        raise SystemExit(2)

    from policydocs.cite.finder import find_citations
    from policydocs.cite.findings import STATUS_SEVERITY
    from policydocs.cite.verify import verify
    from policydocs.search.library import Library

    seeds = sorted((ROOT / "corpus").glob("*.md"))
    start = time.perf_counter()
    library = Library.open(Path(args.index))
    open_s = time.perf_counter() - start
    statuses = list(STATUS_SEVERITY)
    rows, total_s, totals = [], 0.0, Counter()
    try:
        for seed in seeds:
            text = "\n".join(seed.read_text(encoding="utf-8-sig").splitlines())
            start = time.perf_counter()
            findings = verify(find_citations(text, str(seed)), library.store)
            elapsed = time.perf_counter() - start
            counts = Counter(f.status for f in findings)
            totals.update(counts)
            total_s += elapsed
            rows.append((seed.name, elapsed, len(findings), counts))
    finally:
        library.close()

    header = f"{'file':<42}{'time s':>8}{'cites':>7}" + "".join(f"{s:>12}" for s in statuses)
    print(header)
    print("-" * len(header))
    for name, elapsed, count, counts in rows:
        print(f"{_name(name)}{elapsed:>8.3f}{count:>7}" + "".join(f"{counts.get(s, 0):>12}" for s in statuses))
    print("-" * len(header))
    print(f"{'total':<42}{total_s:>8.3f}{sum(totals.values()):>7}"
          + "".join(f"{totals.get(s, 0):>12}" for s in statuses))
    verdict = "OK" if total_s < TARGET_S else "SLOW"
    print(f"\nindex open {open_s:.3f} s (not counted); check total {total_s:.3f} s, "
          f"target < {TARGET_S:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
