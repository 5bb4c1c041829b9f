"""宣讲 materials over the whole library: for three themes, a fresh `policydocs briefing` process
(interpreter start, imports, index open, resolution, penalties, violations, 10 questions,
handout + slides + question bank written), then `policydocs check` over the handout. Prints
clauses used, penalties linked, questions, citations verified by check (errors must be 0),
format problems, and the cold CLI time (target ≤ 5 s per theme). Exits 2 without an index.

    python benchmarks/bench_briefing.py [--index DIR] [--runs 1]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 5.0
THEMES = ("主要负责人安全生产职责", "特种作业人员", "事故报告")
QUESTIONS = 10


def _cli() -> list[str]:
    found = shutil.which("policydocs", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "policydocs"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=os.environ.get("POLICYDOCS_INDEX", "index"))
    parser.add_argument("--runs", type=int, default=1, help="cold runs per theme (the median is printed)")
    args = parser.parse_args()
    if not (Path(args.index) / "CURRENT").is_file():
        print(f"no index at {args.index} (run `policydocs index` or pass --index)", file=sys.stderr)
        return 2
    cli = _cli()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for theme in THEMES:
            out = Path(folder) / f"{theme}.docx"
            times = []
            data: dict = {}
            for _ in range(args.runs):
                start = time.perf_counter()
                done = subprocess.run([*cli, "briefing", theme, "--index", args.index, "-o", str(out),
                                       "--pptx", str(out.with_suffix(".pptx")), "--quiz", str(QUESTIONS),
                                       "--quiz-out", str(out.with_suffix(".xlsx")), "--force", "--json"],
                                      capture_output=True, text=True, check=False)
                times.append(time.perf_counter() - start)
                if done.returncode != 0:
                    print(f"{theme}: {done.stderr.strip()}", file=sys.stderr)
                    return 1
                data = json.loads(done.stdout)
            checked = subprocess.run([*cli, "check", str(out), "--index", args.index, "--json"],
                                     capture_output=True, text=True, check=False)
            report = json.loads(checked.stdout)
            citations = report["citations"]
            ok = sum(c["status"] == "ok" for c in citations)
            unverified = sum(c["status"] == "unknown_law" for c in citations)
            errors = len(citations) - ok - unverified
            formats = [rule["rule"] for rule in report.get("format", []) if not rule["ok"]]
            to_check = sum(d["confidence"] == "check" for d in data["duties"])
            rows.append((theme, data["how"], len(data["duties"]), to_check, data["penalties"], len(data["violations"]),
                         len(data["questions"]), f"{ok}/{len(citations)}", errors, unverified,
                         ",".join(formats) or "-", statistics.median(times)))
    header = ("theme", "resolved", "clauses", "to check", "penalties", "violations", "questions",
              "citations ok", "errors", "unverified", "format", "cold s")
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for row in rows:
        print(" | ".join(f"{value:.2f}" if isinstance(value, float) else str(value) for value in row))
    slow = [row[0] for row in rows if row[-1] > TARGET_S]
    failed = [row[0] for row in rows if row[8]]
    print(f"target ≤ {TARGET_S:.0f} s per theme: {'met' if not slow else 'NOT met: ' + '、'.join(slow)}; "
          f"check errors: {'none' if not failed else '、'.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
