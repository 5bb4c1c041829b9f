"""Outputs that cannot be written (issue 10): read-only folders for `draft`, `new` and `index`
(real subprocesses), a failing write or rename (a full disk) — always exit 5 with one line,
and nothing half-written under the final name, nor a temporary file left behind."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from faults_support import ON_POSIX, SEARCH_FIXTURES, assert_one_line_error, cli, readonly_env
from policydocs.cli import main
from policydocs.kb.build import build_index
from policydocs.kb.generations import live_generation

EXAMPLES = Path(__file__).parents[1] / "examples"
PLAN = "---\ntitle: 方案\n---\n\n# 目标\n\n正文。\n"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    monkeypatch.delenv("POLICYDOCS_INDEX", raising=False)
    monkeypatch.delenv("POLICYDOCS_DEBUG", raising=False)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def _exit_5(result, *expected: str) -> str:
    assert result.exit_code == 5, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    return assert_one_line_error(result.output, *expected)


# -- read-only folders, real processes --------------------------------------------------------------
def _readonly(tmp_path: Path, folder: Path) -> dict[str, str]:
    """Make `folder` read-only: by its mode when we are not root (what a user meets), else by the
    fault-injection shim (root ignores modes)."""
    if ON_POSIX and os.geteuid() != 0:
        folder.chmod(0o555)
        return {}
    return readonly_env(tmp_path / "shim", folder)


@pytest.fixture()
def readonly(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "p.md").write_text(PLAN, encoding="utf-8")
    yield folder, _readonly(tmp_path, folder)
    folder.chmod(0o755)


def test_draft_and_new_into_a_readonly_folder(tmp_path, readonly):
    folder, env = readonly
    done = cli("draft", "plan", str(folder / "p.md"), "-o", str(folder / "p.docx"),
               "--index", str(tmp_path / "none"), env=env)
    assert done.returncode == 5, done.stderr
    assert_one_line_error(done.stderr, "p.docx")
    done = cli("new", "notice", "-o", str(folder / "n.md"), env=env)
    assert done.returncode == 5, done.stderr
    assert_one_line_error(done.stderr, "n.md")
    assert sorted(p.name for p in folder.iterdir()) == ["p.md"]


def test_index_into_a_readonly_folder(tmp_path):
    index = tmp_path / "idx"
    build_index([SEARCH_FIXTURES], index)
    before = (index / "CURRENT").read_bytes(), sorted(p.name for p in index.iterdir())
    answer = run("search", "动火作业", "--json", "--index", str(index)).output
    env = _readonly(tmp_path, index)
    try:
        done = cli("index", str(SEARCH_FIXTURES), "--index", str(index), env=env)
        assert done.returncode == 5, done.stderr
        assert_one_line_error(done.stderr, str(index))
        (tmp_path / "b").mkdir()
        fresh = _readonly(tmp_path / "b", tmp_path / "b")  # a new index inside a read-only folder
        done = cli("index", str(SEARCH_FIXTURES), "--index", str(tmp_path / "b" / "idx"), env=fresh)
        assert done.returncode == 5, done.stderr
        assert_one_line_error(done.stderr, "idx")
    finally:
        index.chmod(0o755)
        (tmp_path / "b").chmod(0o755)
    assert ((index / "CURRENT").read_bytes(), sorted(p.name for p in index.iterdir())) == before
    assert run("search", "动火作业", "--json", "--index", str(index)).output == answer


# -- failing writes, in process ------------------------------------------------------------------------
def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failing_save_leaves_nothing(tmp_path, monkeypatch):
    real_save = docx.document.Document.save

    def partial_save(self, path):
        if not isinstance(path, str):  # templates are filled in memory
            return real_save(self, path)
        Path(path).write_bytes(b"partial")
        _disk_full()

    monkeypatch.setattr(docx.document.Document, "save", partial_save)
    source = tmp_path / "p.md"
    source.write_text(PLAN, encoding="utf-8")
    _exit_5(run("draft", "plan", str(source), "-o", str(tmp_path / "p.docx"), "--index", str(tmp_path / "no")),
            "p.docx", "No space left")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.md"]  # neither output nor temporary file


def test_a_failing_rename_keeps_the_old_output(tmp_path, monkeypatch):
    source = tmp_path / "p.md"
    source.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "p.docx"
    out.write_bytes(b"the previous version")
    monkeypatch.setattr(os, "replace", _disk_full)
    _exit_5(run("draft", "plan", str(source), "-o", str(out), "--force", "--index", str(tmp_path / "no")), "p.docx")
    _exit_5(run("new", "plan", "-o", str(tmp_path / "n.md")), "n.md")
    monkeypatch.undo()
    assert out.read_bytes() == b"the previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.docx", "p.md"]


def test_a_failing_write_during_a_build_keeps_the_old_index(tmp_path, monkeypatch):
    index = tmp_path / "idx"
    build_index([SEARCH_FIXTURES], index)
    pointer = (index / "CURRENT").read_bytes()
    answer = run("search", "动火作业", "--json", "--index", str(index)).output
    real_replace = os.replace
    for target in ("CURRENT", ".pkl"):  # publishing the pointer; filling the cache
        def failing(source, destination, target=target):
            if str(destination).endswith(target):
                _disk_full()
            return real_replace(source, destination)

        shutil.rmtree(index / "cache")
        monkeypatch.setattr(os, "replace", failing)
        result = run("index", str(SEARCH_FIXTURES), "--index", str(index))
        monkeypatch.undo()
        _exit_5(result, "无法写入索引", "原索引未受影响")
        assert (index / "CURRENT").read_bytes() == pointer
        assert [p.name for p in index.glob("gen-*")] == [live_generation(index).name]
        assert not list(index.glob(".*.tmp")) and not (index / ".build.lock").exists()
        assert run("search", "动火作业", "--json", "--index", str(index)).output == answer
