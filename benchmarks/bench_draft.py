"""Cold-CLI drafting speed: a ~10-page 实施方案 with 20 [[依据]] markers, drafted by a fresh
`policydocs draft plan` process (interpreter start, imports, index open, 20 look-ups,
layout, save). Target ≤ 3 s. Needs a built index (`policydocs index`); exits 2 without.

    python benchmarks/bench_draft.py [--index DIR] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 3.0
TOPICS = ["特种作业人员未经专门的安全作业培训取得相应资格上岗作业", "主要负责人未履行安全生产管理职责",
          "未如实记录安全生产教育和培训情况", "未建立事故隐患排查治理制度", "未为从业人员提供劳动防护用品",
          "未设置安全生产管理机构或者配备安全生产管理人员", "未对重大危险源登记建档",
          "安全设备的安装使用检测维修不符合国家标准", "生产经营场所与员工宿舍在同一座建筑物内",
          "未按规定投保安全生产责任保险"]


def source_text() -> str:
    """Ten sections, two markers each, enough text for about ten pages."""
    filler = "各部门要提高政治站位，坚决扛起守护一方平安的重大政治责任，严格落实监管执法主体责任，" * 4
    parts = ["---\nkind: plan\ntitle: 安全生产监管执法专项行动实施方案\nbasis_appendix: true\n---\n"]
    for section in range(10):
        parts.append(f"# 第{section + 1}部分工作任务\n")
        for item in range(2):
            topic = TOPICS[(section * 2 + item) % len(TOPICS)]
            marker = "依据+处罚" if item else "依据"
            parts.append(f"## 重点检查事项{item + 1}\n\n"
                         f"{filler}重点查处{topic}的行为[[{marker}: {topic}]]。\n\n{filler}\n")
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=os.environ.get("POLICYDOCS_INDEX", "index"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not Path(args.index).is_dir():
        print(f"no index at {args.index}: run `policydocs index` first", file=sys.stderr)
        raise SystemExit(2)
    cli = shutil.which("policydocs") or str(Path(sys.executable).with_name("policydocs"))
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "plan.md"
        source.write_text(source_text(), encoding="utf-8")
        times, unverified = [], 0
        for run in range(args.runs):
            out = Path(work) / f"plan{run}.docx"
            start = time.perf_counter()
            done = subprocess.run([cli, "draft", "plan", str(source), "-o", str(out), "--index",
                                   args.index], capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                raise SystemExit(1)
            unverified = done.stderr.count("未核实 ")
    best, median = min(times), statistics.median(times)
    print("| measure | value |\n| --- | --- |")
    print(f"| markers | 20 |\n| unverified | {unverified} |\n| runs | {args.runs} |")
    print(f"| cold CLI best (s) | {best:.2f} |\n| cold CLI median (s) | {median:.2f} |")
    print(f"| target (s) | {TARGET_S:.1f} |\n| within target | {'yes' if median <= TARGET_S else 'NO'} |")


if __name__ == "__main__":
    main()
