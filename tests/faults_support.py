"""Shared by the fault tests: the real command line as a subprocess, and what a user-facing
error must look like (one line on stderr, Chinese first, no traceback)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
SEARCH_FIXTURES = FIXTURES / "search"
NATIONAL = "中华人民共和国焊割安全法"
ON_POSIX = os.name == "posix"


def cli(*args: str, input: str | None = None, env: dict[str, str] | None = None, cwd: Path | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m policydocs ARGS` in a fresh process: a traceback would show on its stderr."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("POLICYDOCS_")}
    environment.update(env or {})
    environment["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, "-m", "policydocs", *args], input=input, capture_output=True,
                          text=True, encoding="utf-8", env=environment, cwd=cwd, timeout=timeout)


def is_chinese(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def assert_one_line_error(stderr: str, *expected: str) -> str:
    """The whole of stderr is one line "错误: <Chinese…>" containing every `expected` text."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    line = lines[0]
    assert "Traceback" not in stderr
    assert line.startswith("错误: "), line
    body = line[len("错误: "):]
    first_chinese = next((i for i, char in enumerate(body) if is_chinese(char)), None)
    assert first_chinese is not None, line
    # Chinese first: no English phrase (two words) before the first Chinese character
    assert not re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", body[:first_chinese]), line
    for text in expected:
        assert text in line, (text, line)
    return line


#: loaded by the child Python as `sitecustomize` (PYTHONPATH): every write into the folders of
#: FAULT_READONLY fails with EACCES, as it would in a read-only folder — also for root, who
#: writes into chmod-555 folders, and on any OS
_READONLY_SHIM = '''
import builtins, errno, os

_DIRS = [os.path.realpath(p) for p in os.environ.get("FAULT_READONLY", "").split(os.pathsep) if p]


def _inside(path):
    try:
        real = os.path.realpath(os.fspath(path))
    except (TypeError, ValueError):
        return False
    return any(real == d or real.startswith(d + os.sep) for d in _DIRS)


def _deny(path):
    raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))


def _wrap(function, writes):
    def wrapper(*args, **kwargs):
        if writes(*args, **kwargs):
            _deny(args[0])
        return function(*args, **kwargs)
    return wrapper


_WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
os.open = _wrap(os.open, lambda path, flags, *a, **k: bool(flags & _WRITE) and _inside(path))
builtins.open = _wrap(builtins.open, lambda file, mode="r", *a, **k: isinstance(file, (str, bytes, os.PathLike))
                      and any(c in mode for c in "wax+") and _inside(file))
os.mkdir = _wrap(os.mkdir, lambda path, *a, **k: _inside(path))
for _name in ("replace", "rename"):
    setattr(os, _name, _wrap(getattr(os, _name), lambda src, dst, *a, **k: _inside(dst) or _inside(src)))
os.unlink = _wrap(os.unlink, lambda path, *a, **k: _inside(path))
os.remove = os.unlink
os.rmdir = _wrap(os.rmdir, lambda path, *a, **k: _inside(path))
'''


def readonly_env(shim_dir: Path, *folders: Path) -> dict[str, str]:
    """Environment for `cli(..., env=…)` under which `folders` are read-only."""
    shim_dir.mkdir(parents=True, exist_ok=True)
    (shim_dir / "sitecustomize.py").write_text(_READONLY_SHIM, encoding="utf-8")
    path = os.pathsep.join(p for p in (str(shim_dir), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path, "FAULT_READONLY": os.pathsep.join(str(f) for f in folders)}
