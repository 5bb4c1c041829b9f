"""Index faults (issue 10): every damaged index file gives the one-line exit-4 error; a build
killed at any point leaves the old index answering exactly as before; the next build removes
what killed builds left (never a live build's folder: `index/.build.lock` holds its pid); free
disk space is checked before a build."""

from __future__ import annotations

import gc
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from faults_support import ON_POSIX, SEARCH_FIXTURES, assert_one_line_error, cli
from policydocs.cli import main
from policydocs.errors import OutputError
from policydocs.kb import generations
from policydocs.kb.build import build_index
from policydocs.kb.generations import LOCK, BuildLock, clean_stale, live_generation, pid_alive
from policydocs.text.numerals import int_to_cn

QUESTIONS = [["search", "动火作业前清除可燃物", "--json"], ["search", "灭火器材", "--json", "--include-old"],
             ["show", "焊割安全法", "3", "--item", "2", "--json"], ["cite", "《焊割安全法》第三条第二项", "--json"]]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    monkeypatch.delenv("POLICYDOCS_INDEX", raising=False)
    monkeypatch.delenv("POLICYDOCS_DEBUG", raising=False)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def answers(index: Path) -> list[str]:
    """What the index answers to a few questions (exit code and output of each)."""
    out = []
    for question in QUESTIONS:
        result = run(*question, "--index", str(index))
        assert result.exit_code == 0, result.output
        out.append(result.output)
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("faults-index")
    shutil.copytree(SEARCH_FIXTURES, root / "src")
    build_index([root / "src"], root / "idx")
    return root / "idx"


def _copy(index: Path, tmp_path: Path) -> Path:
    target = tmp_path / "idx"
    shutil.copytree(index, target)
    return target


def _index_files(index: Path) -> list[Path]:
    generation = live_generation(index)
    return [index / "CURRENT", *sorted(p for p in generation.rglob("*") if p.is_file() and p.stat().st_size)]


# -- damaged index files ----------------------------------------------------------------------------
def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "random":
        path.write_bytes(random.Random(len(data)).randbytes(max(len(data), 16)))
    else:
        path.write_bytes(b"")


@pytest.mark.parametrize("how", ["truncated", "random", "empty"])
# Whoosh leaves the file it failed on open; the CLI process ends right after, a test goes on
@pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")
def test_each_damaged_index_file_is_one_line_exit_4(built, tmp_path, how):
    names = [str(p.relative_to(built)) for p in _index_files(built)]
    assert any(n.endswith("clauses.sqlite") for n in names) and any(n.endswith(".seg") for n in names)
    for name in names:
        work = tmp_path / name.replace("/", "_")
        index = _copy(built, work)
        _damage(index / name, how)
        for question in QUESTIONS:
            result = run(*question, "--index", str(index))
            assert result.exit_code == 4, (name, how, question, result.output, result.exception)
            assert isinstance(result.exception, SystemExit), (name, how, repr(result.exception))
            assert_one_line_error(result.output, "policydocs index")
        gc.collect()  # Whoosh's leaked handles warn here, not in the next test


def test_damaged_index_as_a_real_process(built, tmp_path):
    index = _copy(built, tmp_path)
    (index / "CURRENT").write_bytes(bytes(range(256)))  # random bytes: UnicodeDecodeError before
    done = cli("search", "动火", "--index", str(index))
    assert done.returncode == 4
    assert_one_line_error(done.stderr, "CURRENT")
    index2 = _copy(built, tmp_path / "b")
    store = live_generation(index2) / "clauses.sqlite"
    store.write_bytes(store.read_bytes()[: store.stat().st_size // 3])  # sqlite3.DatabaseError before
    for args in (["search", "动火"], ["show", "焊割安全法", "2"], ["cite", "《焊割安全法》第二条"]):
        done = cli(*args, "--index", str(index2))
        assert done.returncode == 4, done.stderr
        assert_one_line_error(done.stderr, "clauses.sqlite")


def test_a_foreign_or_outdated_index_is_exit_4(built, tmp_path):
    index = _copy(built, tmp_path)
    meta = live_generation(index) / "meta.json"
    meta.write_text(json.dumps({"format": 999}), encoding="utf-8")
    result = run("search", "动火", "--index", str(index))
    assert result.exit_code == 4 and "重建" in result.output
    (index / "CURRENT").write_text("../../etc", encoding="utf-8")  # not a generation name
    assert run("search", "动火", "--index", str(index)).exit_code == 4


def test_a_damaged_store_page_found_while_answering_is_exit_4(built, tmp_path, monkeypatch):
    """The header check passes; SQLite fails on a page only when a query reaches it."""
    import sqlite3

    from policydocs.kb.store import ClauseStore

    index = _copy(built, tmp_path)

    def damaged(self, *args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(ClauseStore, "penalties_for", damaged)
    for question in QUESTIONS[:3]:
        result = run(*question, "--index", str(index))
        assert result.exit_code == 4 and isinstance(result.exception, SystemExit), result.output
        assert_one_line_error(result.output, "clauses.sqlite", "malformed")


# -- stale generations, the lock, disk space -------------------------------------------------------------
def _orphans(index: Path) -> Path:
    """What a killed build leaves: a gen-* folder, a CURRENT temp file, a cache temp file."""
    orphan = index / "gen-20000101-000000-deadbeef"
    (orphan / "whoosh").mkdir(parents=True)
    (orphan / "clauses.sqlite").write_bytes(b"half")
    (index / ".CURRENT.99999.tmp").write_text("gen-x", encoding="utf-8")
    (index / "cache" / ".abc.99999.tmp").write_bytes(b"half")
    return orphan


def test_stale_generations_are_removed_at_the_start_of_every_build(built, tmp_path):
    index = _copy(built, tmp_path)
    live = live_generation(index)
    orphan = _orphans(index)
    (tmp_path / "empty").mkdir()
    failed = run("index", str(tmp_path / "empty"), "--index", str(index))  # fails: no sources
    assert failed.exit_code != 0 and "没有可读取的源文件" in failed.output
    assert not orphan.exists() and live.is_dir()  # cleaned at the start, not only after success
    assert not list(index.glob(".CURRENT.*.tmp")) and not list((index / "cache").glob(".*.tmp"))
    assert not (index / LOCK).exists()
    assert answers(index) == answers(built)


def test_a_live_builds_lock_refuses_and_keeps_its_folder(built, tmp_path):
    index = _copy(built, tmp_path)
    orphan = _orphans(index)
    holder = os.getppid()  # alive, and not this process
    assert pid_alive(holder)
    (index / LOCK).write_text(json.dumps({"pid": holder, "started": "2026-01-01 00:00:00"}), encoding="utf-8")
    result = run("index", str(SEARCH_FIXTURES), "--index", str(index))
    assert result.exit_code == 5 and isinstance(result.exception, SystemExit)
    assert_one_line_error(result.output, str(holder), LOCK)
    assert orphan.is_dir()  # it may be that build's folder: never removed under its lock
    assert json.loads((index / LOCK).read_text(encoding="utf-8"))["pid"] == holder


def test_a_dead_builds_lock_is_taken_over(built, tmp_path):
    index = _copy(built, tmp_path)
    orphan = _orphans(index)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    assert not pid_alive(gone.pid)
    (index / LOCK).write_text(json.dumps({"pid": gone.pid}), encoding="utf-8")
    result = run("index", str(SEARCH_FIXTURES), "--index", str(index))
    assert result.exit_code == 0, result.output
    assert not orphan.exists() and not (index / LOCK).exists()
    assert [p.name for p in index.glob("gen-*")] == [live_generation(index).name]
    (index / LOCK).write_text("{half", encoding="utf-8")  # killed while writing the lock
    assert run("index", str(SEARCH_FIXTURES), "--index", str(index)).exit_code == 0


def test_clean_stale_keeps_the_live_generation_and_without_current_removes_all(tmp_path):
    index = tmp_path / "idx"
    for name in ("gen-a", "gen-b"):
        (index / name).mkdir(parents=True)
    (index / "CURRENT").write_text("gen-b\n", encoding="utf-8")
    assert {p.name for p in clean_stale(index)} == {"gen-a"}
    (index / "CURRENT").unlink()
    clean_stale(index)
    assert not list(index.glob("gen-*"))


def test_lock_is_exclusive_between_holders(tmp_path):
    first = BuildLock(tmp_path)
    first.acquire()
    try:
        data = json.loads((tmp_path / LOCK).read_text(encoding="utf-8"))
        assert data["pid"] == os.getpid()
        helper = subprocess.run([sys.executable, "-c", (
            "import sys; from pathlib import Path; from policydocs.kb.generations import BuildLock\n"
            "from policydocs.errors import OutputError\n"
            "try:\n    BuildLock(Path(sys.argv[1])).acquire()\nexcept OutputError as e:\n    print(e); sys.exit(5)\n"),
            str(tmp_path)], capture_output=True, text=True, encoding="utf-8")
        assert helper.returncode == 5 and str(os.getpid()) in helper.stdout
    finally:
        first.release()
    assert not (tmp_path / LOCK).exists()


def test_free_disk_space_is_checked_before_a_build(built, tmp_path, monkeypatch):
    index = _copy(built, tmp_path)
    before = sorted(p.name for p in index.iterdir())
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(generations.shutil, "disk_usage", lambda path: usage._replace(free=5 * 2**20))
    result = run("index", str(SEARCH_FIXTURES), "--index", str(index))
    assert result.exit_code == 5 and isinstance(result.exception, SystemExit)
    assert_one_line_error(result.output, "磁盘空间不足", "MB")
    assert sorted(p.name for p in index.iterdir()) == before  # no generation was started
    assert answers(index) == answers(built)
    with pytest.raises(OutputError):
        generations.check_free_space([SEARCH_FIXTURES], index)
    monkeypatch.setattr(generations.shutil, "disk_usage", lambda path: usage._replace(free=10 * 2**30))
    generations.check_free_space([SEARCH_FIXTURES], index)


# -- killed builds ------------------------------------------------------------------------------------------
def _synthetic_corpus(folder: Path, laws: int) -> None:
    """Invented laws, enough that each build stage lasts long enough to be killed in."""
    words = ["焊割作业", "动火", "可燃物", "监护", "灭火器材", "特种作业", "培训", "演练", "登记", "检查",
             "隐患", "排查", "整改", "责任制", "记录", "报告", "应急", "预案", "设备", "维护"]
    rng = random.Random(7)
    (folder / "社会法").mkdir(parents=True, exist_ok=True)
    for n in range(laws):
        lines = [f"# 虚构作业安全第{n}号法", "", "2021年1月1日 虚构人民代表大会常务委员会通过", "", "<!-- INFO END -->",
                 "", "## 第一章 总则", ""]
        for article in range(1, 41):
            text = "，".join("".join(rng.sample(words, 3)) for _ in range(4))
            lines += [f"第{int_to_cn(article)}条 生产经营单位应当{text}。", ""]
        (folder / "社会法" / f"虚构作业安全第{n}号法.md").write_text("\n".join(lines), encoding="utf-8")


def _stage_reached(index: Path, live: str, stage: str) -> bool:
    new = [p for p in index.glob("gen-*") if p.name != live]
    if stage == "lock":
        return (index / LOCK).exists()
    if stage == "reading":
        return (index / LOCK).exists() and len(list((index / "cache").glob("*.pkl"))) > 8
    if stage == "store":
        return any((p / "clauses.sqlite").exists() for p in new)
    return any((p / "whoosh" / "national").exists() for p in new)


@pytest.mark.skipif(not ON_POSIX, reason="SIGKILL is POSIX; Windows has no uncatchable kill to test with")
def test_a_killed_build_leaves_the_old_index_answering_identically(built, tmp_path):
    index = _copy(built, tmp_path)
    before, pointer = answers(index), (index / "CURRENT").read_bytes()
    live = live_generation(index).name
    sources = tmp_path / "src"
    shutil.copytree(SEARCH_FIXTURES, sources)
    _synthetic_corpus(sources, 120)
    killed = []
    for stage in ("lock", "reading", "store", "whoosh"):
        shutil.rmtree(index / "cache", ignore_errors=True)  # every run reads anew
        (index / "cache").mkdir()
        process = subprocess.Popen([sys.executable, "-m", "policydocs", "index", str(sources), "--index", str(index)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 120
        while process.poll() is None and not _stage_reached(index, live, stage) and time.monotonic() < deadline:
            time.sleep(0.002)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # the build and its reader processes
            killed.append(stage)
        process.wait()
        assert (index / "CURRENT").read_bytes() == pointer, stage
        assert answers(index) == before, stage
    assert len(killed) >= 3, killed  # the machine was too fast to stop it at most stages otherwise
    assert (index / LOCK).exists()  # left by the killed build …
    result = run("index", str(SEARCH_FIXTURES), "--index", str(index))  # … and taken over
    assert result.exit_code == 0, result.output
    assert [p.name for p in index.glob("gen-*")] == [live_generation(index).name]
    assert not (index / LOCK).exists() and not list(index.glob(".*.tmp"))
    assert answers(index) == before  # the same sources: the same answers


def test_clean_stale_touches_only_folders_a_build_made(tmp_path):
    index = tmp_path / "idx"
    foreign = index / "gen-photos"
    foreign.mkdir(parents=True)
    (foreign / "holiday.jpg").write_bytes(b"jpeg")
    (index / "gen-killed").mkdir()  # empty: a build killed while reading
    (index / "gen-half" / "whoosh").mkdir(parents=True)
    assert {p.name for p in clean_stale(index)} == {"gen-killed", "gen-half"}
    assert (foreign / "holiday.jpg").exists()
