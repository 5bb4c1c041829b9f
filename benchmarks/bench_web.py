"""Load on the local web app: `policydocs serve` on 127.0.0.1 in its own process, 20 concurrent
clients × 50 searches (the dev queries of ../shared/eval, else a built-in list) while 5 clients
draft a notice with markers at the same time. Prints errors and p50/p95 per search page —
server time (the app's Server-Timing: request in, page out, without waiting in waitress's
queue) and what the client waited — beside the baseline of the same run: `Workspace.search`
in-process, one query at a time, on the same queries. Targets (warm, 2-core machine): server
p50 ≤ 150 ms, p95 ≤ 500 ms, no errors.

    python benchmarks/bench_web.py --index /work/idx [--clients 20] [--searches 50] [--drafts 5]
                                   [--threads 2,4,1]   # one run per waitress thread count
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
TARGET_P50_MS, TARGET_P95_MS = 150.0, 500.0
FALLBACK_QUERIES = ["电焊工无证上岗", "有限空间作业未审批", "主要负责人未组织应急演练",
                    "未如实记录安全生产教育和培训情况", "安全出口被锁闭", "未为从业人员提供劳动防护用品",
                    "重大危险源未登记建档", "特种设备未定期检验"]
NOTICE = {"issuer": "××市应急管理局", "number": "×应急〔2024〕3号", "title": "关于开展安全生产专项检查的通知",
          "to": "各区应急管理局", "date": "2024-01-20", "signature": "××市应急管理局"}
DRAFT_BODY = ("# 工作要求\n\n" + "".join(f"重点查处{topic}的行为[[依据+处罚: {topic}]]。\n\n" for topic in (
    "特种作业人员未经专门的安全作业培训取得相应资格上岗作业", "未建立事故隐患排查治理制度",
    "未为从业人员提供劳动防护用品", "未对重大危险源登记建档")))
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def queries() -> list[str]:
    found = []
    for name in ("dev_queries.jsonl", "dev_queries_v2.jsonl"):
        path = SHARED_EVAL / name
        if path.is_file():
            found += [json.loads(line)["query"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return found or FALLBACK_QUERIES


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


def server_ms(response) -> float:
    timing = response.headers.get("Server-Timing", "")
    match = re.search(r"dur=([\d.]+)", timing)
    return float(match.group(1)) if match else float("nan")


def baseline(index: str, texts: list[str]) -> list[float]:
    """In-process Workspace.search, warm, one at a time: what the page adds to."""
    from policydocs.app import Workspace

    with Workspace(index) as workspace:
        for text in texts:
            workspace.search(text)
        times = []
        for text in texts:
            start = time.perf_counter()
            workspace.search(text)
            times.append((time.perf_counter() - start) * 1000)
    return times


def start_server(index: str, port: int, threads: int) -> subprocess.Popen:
    cli = shutil.which("policydocs") or str(Path(sys.executable).with_name("policydocs"))
    process = subprocess.Popen([cli, "serve", "--port", str(port), "--index", index, "--threads", str(threads)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/search", timeout=5).read()
            return process
        except OSError:
            if process.poll() is not None:
                why = process.stderr.read().decode() if process.stderr else ""
                raise SystemExit(f"server did not start: {why}") from None
            time.sleep(0.3)
    process.kill()
    raise SystemExit("server did not answer within 60 s")


class Client:
    """One browser: its own cookies (session, CSRF token)."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str, **params: str):
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        return self.opener.open(f"{self.base}{path}{query}", timeout=120)

    def draft(self) -> tuple[float, int]:
        page = self.get("/draft").read().decode("utf-8")
        match = _TOKEN.search(page)
        assert match, "no CSRF token on /draft"
        data = urllib.parse.urlencode({"csrf_token": match.group(1), "kind": "notice", "mode": "form",
                                       "body": DRAFT_BODY, **NOTICE}).encode()
        start = time.perf_counter()
        response = self.opener.open(f"{self.base}/draft", data=data, timeout=300)
        body = response.read().decode("utf-8")
        link = re.search(r'href="(/download/[^"]+)"', body)
        assert link, "no download link on the draft result"
        size = len(self.opener.open(f"{self.base}{link.group(1)}", timeout=60).read())
        return (time.perf_counter() - start) * 1000, size


@dataclass
class Run:
    threads: int
    wall: float = 0.0
    server: list[float] = field(default_factory=list)
    client: list[float] = field(default_factory=list)
    drafts: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: server times of the same queries asked by one client, one at a time, before the load
    alone: list[float] = field(default_factory=list)


def load(index: str, texts: list[str], threads: int, args: argparse.Namespace) -> Run:
    """One server with `threads` waitress threads under the whole load."""
    from policydocs.web.server import free_port

    port = args.port or free_port()
    server = start_server(index, port, threads)
    base = f"http://127.0.0.1:{port}"
    run = Run(threads)
    lock = threading.Lock()
    try:
        warm = Client(base)
        for text in texts:  # the workspaces open and warm on these
            warm.get("/search", q=text).read()
        warm.draft()
        for text in texts:
            response = warm.get("/search", q=text)
            response.read()
            run.alone.append(server_ms(response))

        def searcher(number: int) -> None:
            client = Client(base)
            for i in range(args.searches):
                text = texts[(number * 7 + i) % len(texts)]
                start = time.perf_counter()
                try:
                    response = client.get("/search", q=text)
                    body = response.read()
                    waited = (time.perf_counter() - start) * 1000
                    if response.status != 200 or (b'class="hits"' not in body and "没有找到".encode() not in body):
                        raise AssertionError(f"status {response.status}")
                    with lock:
                        run.client.append(waited)
                        run.server.append(server_ms(response))
                except (OSError, AssertionError) as error:
                    with lock:
                        run.errors.append(f"search {text}: {error}")

        def drafter() -> None:
            try:
                took, size = Client(base).draft()
                assert size > 10_000, f"docx of {size} bytes"
                with lock:
                    run.drafts.append(took)
            except (OSError, AssertionError) as error:
                with lock:
                    run.errors.append(f"draft: {error}")

        workers = [threading.Thread(target=searcher, args=(n,)) for n in range(args.clients)]
        workers += [threading.Thread(target=drafter) for _ in range(args.drafts)]
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        run.wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=os.environ.get("POLICYDOCS_INDEX", "index"))
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--searches", type=int, default=50)
    parser.add_argument("--drafts", type=int, default=5)
    parser.add_argument("--threads", default="2,4,1",
                        help="waitress threads (policydocs serve --threads), one run each: 2,4,1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    if not Path(args.index).is_dir():
        print(f"no index at {args.index}: run `policydocs index` first", file=sys.stderr)
        raise SystemExit(2)
    texts = queries()
    base_times = baseline(args.index, texts)
    runs = [load(args.index, texts, int(n), args) for n in args.threads.split(",")]

    print(f"policydocs serve on 127.0.0.1, index {args.index}: {args.clients} clients × {args.searches} searches "
          f"+ {args.drafts} concurrent drafts, {len(texts)} queries; load average {os.getloadavg()[0]:.1f}")
    print()
    print("| --threads | search page, server time p50 / p95 ms | client wait p50 / p95 ms (queue included) | "
          "searches/s | draft p50 / p95 ms | errors |")
    print("| --- | --- | --- | --- | --- | --- |")
    for run in runs:
        print(f"| {run.threads} | {percentile(run.server, .5):.0f} / {percentile(run.server, .95):.0f} | "
              f"{percentile(run.client, .5):.0f} / {percentile(run.client, .95):.0f} | "
              f"{len(run.server) / run.wall:.1f} | "
              f"{percentile(run.drafts, .5):.0f} / {percentile(run.drafts, .95):.0f} | "
              f"{len(run.errors)} of {args.clients * args.searches + args.drafts} |")
    for run in runs:
        print(f"| {run.threads}, one client at a time (no load) | {percentile(run.alone, .5):.0f} / "
              f"{percentile(run.alone, .95):.0f} | | | | |")
    print(f"| baseline: Workspace.search in-process, one at a time | {statistics.median(base_times):.0f} / "
          f"{percentile(base_times, .95):.0f} | | {1000 / statistics.mean(base_times):.1f} | | |")
    print(f"| target | ≤ {TARGET_P50_MS:.0f} / ≤ {TARGET_P95_MS:.0f} | | | | 0 |")
    for run in runs:
        for line in run.errors[:5]:
            print(f"  --threads {run.threads}: {line}")
        met = not run.errors and percentile(run.server, .5) <= TARGET_P50_MS and \
            percentile(run.server, .95) <= TARGET_P95_MS
        print(f"--threads {run.threads}: targets {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
