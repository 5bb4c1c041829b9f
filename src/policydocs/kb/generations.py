"""Housekeeping of an index directory's generations, so faults never cost the live index:

- `live_generation` reads CURRENT for every opener and says "damaged" (exit 4) for anything
  but the name of an existing generation (random bytes, a path, an empty file);
- `exclusive_build` wraps a build: it takes `index/.build.lock` (holding the builder's pid),
  refuses to start while a live process holds it, removes what killed builds left behind
  (gen-* folders CURRENT does not name, temporary files) — only under the lock, so a running
  build's folder is never touched —, checks free disk space first, and turns a failing write
  (read-only folder, full disk) into one OutputError line.

Portable: the pid check uses os.kill(pid, 0) on POSIX and OpenProcess on Windows.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import socket
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from policydocs.errors import IndexDamagedError, IndexMissingError, OutputError

CURRENT = "CURRENT"
LOCK = ".build.lock"
CACHE = "cache"
_GENERATION = re.compile(r"gen-[0-9A-Za-z_-]{1,80}")
#: a new generation takes about three times its sources (SQLite store + Whoosh shards, measured
#: on lawrefbook: 63 MB → 195 MB); the parse cache about as much again when it is empty
GENERATION_FACTOR = 3.5
CACHE_FACTOR = 3.0
MARGIN_BYTES = 20 * 1024 * 1024

F = TypeVar("F", bound=Callable[..., Any])


# -- reading ----------------------------------------------------------------------------------
def live_generation(index_dir: Path) -> Path:
    """The generation folder CURRENT names. IndexMissingError without CURRENT, IndexDamagedError
    when CURRENT holds anything but the name of an existing generation."""
    index_dir = Path(index_dir)
    pointer = index_dir / CURRENT
    try:
        raw = pointer.read_bytes()
    except FileNotFoundError:
        raise IndexMissingError(f"没有找到索引 {index_dir}：请先运行 `policydocs index` "
                                "(no index; run `policydocs index`)") from None
    except OSError as error:
        raise IndexDamagedError(f"无法读取索引 {pointer}：{error.strerror or error}（请检查权限，"
                                "或重新运行 `policydocs index`）") from None
    try:
        name = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        name = ""
    if not _GENERATION.fullmatch(name):
        raise IndexDamagedError(f"索引 {index_dir} 已损坏：{pointer} 的内容不是索引版本名；"
                                "请重新运行 `policydocs index` (damaged index)")
    generation = index_dir / name
    if not generation.is_dir():
        raise IndexDamagedError(f"索引 {index_dir} 已损坏：CURRENT 指向的 {name} 不存在；"
                                "请重新运行 `policydocs index` (damaged index)")
    return generation


def _named_generation(index_dir: Path) -> str | None:
    """CURRENT's generation name if it is a sane one, else None (nothing is kept for it)."""
    try:
        return live_generation(index_dir).name
    except IndexMissingError:  # and IndexDamagedError: garbage names no folder
        return None


def _ours(folder: Path) -> bool:
    """A folder a build of ours made: empty (killed while reading) or holding our files."""
    try:
        names = {path.name for path in folder.iterdir()}
    except OSError:
        return False
    return not names or bool(names & {"clauses.sqlite", "whoosh", "meta.json"})


# -- the build lock ---------------------------------------------------------------------------
def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (never signals it)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, run by someone else
        return True
    except OSError:
        return False
    return True


def _windows_pid_alive(pid: int) -> bool:
    import ctypes  # Windows only; os.kill(pid, 0) there would send CTRL_C_EVENT

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


class BuildLock:
    """`index/.build.lock`: JSON {pid, host, started}. A lock whose process is gone (a killed
    build) is stale and taken over; one held by a live process on this host refuses the build."""

    def __init__(self, index_dir: Path):
        self.path = Path(index_dir) / LOCK
        self.held = False

    def holder(self) -> dict | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return {}  # unreadable: a build killed while writing it
        return data if isinstance(data, dict) else {}

    def _stale(self, holder: dict) -> bool:
        pid = holder.get("pid")
        if not isinstance(pid, int):
            return True
        if holder.get("host") not in (None, socket.gethostname()):
            return False  # another machine's build on a shared folder: cannot tell, keep it
        return pid == os.getpid() or not pid_alive(pid)

    def acquire(self) -> None:
        content = json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                              "started": time.strftime("%Y-%m-%d %H:%M:%S")})
        for _ in range(3):
            try:
                descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = self.holder()
                if holder is None:
                    continue  # released meanwhile
                if not self._stale(holder):
                    raise OutputError(
                        f"另一个 policydocs index（进程 {holder.get('pid')}，始于 {holder.get('started', '?')}）"
                        f"正在写入 {self.path.parent}：请等它结束；若该进程已不存在，请删除 {self.path}") from None
                self.path.unlink(missing_ok=True)
                continue
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(content)
            self.held = True
            return
        raise OutputError(f"无法取得索引锁 {self.path}：请稍后重试")

    def release(self) -> None:
        if self.held:
            self.held = False
            holder = self.holder()
            if holder is not None and holder.get("pid") == os.getpid():
                self.path.unlink(missing_ok=True)


# -- cleaning and space -------------------------------------------------------------------------
def clean_stale(index_dir: Path) -> list[Path]:
    """Remove gen-* folders CURRENT does not name and temporary files of killed builds. Only
    call it holding the build lock: then no live build is writing any of them."""
    index_dir = Path(index_dir)
    pointer = index_dir / CURRENT
    if pointer.exists() and not os.access(pointer, os.R_OK):
        return []  # which folder is live cannot be told: keep them all rather than lose it
    keep = _named_generation(index_dir)
    removed = []
    for path in index_dir.glob("gen-*"):
        if path.name != keep and path.is_dir() and _ours(path):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    for path in [*index_dir.glob(f".{CURRENT}.*.tmp"), *(index_dir / CACHE).glob(".*.tmp")]:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            continue
        removed.append(path)
    return removed


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    total = 0
    for folder, _, names in os.walk(path):
        for name in names:
            try:
                total += os.stat(os.path.join(folder, name)).st_size
            except OSError:
                continue
    return total


def needed_bytes(sources: Iterable[Path], index_dir: Path) -> int:
    """A generous estimate of what a build of `sources` writes into `index_dir`."""
    source_bytes = sum(_size(Path(source)) for source in sources)
    cache = Path(index_dir) / CACHE
    cached = cache.is_dir() and any(cache.iterdir())
    factor = GENERATION_FACTOR + (0 if cached else CACHE_FACTOR)
    return int(source_bytes * factor) + MARGIN_BYTES


def check_free_space(sources: Iterable[Path], index_dir: Path) -> None:
    """OutputError before any work when the index's disk cannot hold a new generation."""
    need = needed_bytes(sources, index_dir)
    free = shutil.disk_usage(index_dir).free
    if free < need:
        raise OutputError(f"磁盘空间不足：{index_dir} 所在磁盘只剩 {free // 2**20} MB，建立索引约需 "
                          f"{need // 2**20} MB；请清理磁盘或用 --index 指向其他磁盘 (not enough disk space)")


# -- the wrapper --------------------------------------------------------------------------------
def exclusive_build(build: F) -> F:
    """Decorate `build(sources, index_dir, ...)`: lock, clean, check space, build, unlock."""

    @functools.wraps(build)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        sources = list(kwargs["sources"] if "sources" in kwargs else args[0])
        index_dir = Path(kwargs["index_dir"] if "index_dir" in kwargs else args[1])
        try:
            index_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"无法建立索引目录 {index_dir}：{error.strerror or error}（请检查权限）") from None
        lock = BuildLock(index_dir)
        try:
            lock.acquire()
            clean_stale(index_dir)
            check_free_space(sources, index_dir)
            try:
                return build(*args, **kwargs)
            except BaseException:
                clean_stale(index_dir)  # what the failed build left, still under its lock
                raise
        except (OSError, sqlite3.OperationalError) as error:
            reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
            raise OutputError(f"无法写入索引 {index_dir}：{reason}（请检查目录权限与磁盘空间；"
                              "原索引未受影响）") from error
        finally:
            lock.release()

    return wrapper  # type: ignore[return-value]


# -- the store file ---------------------------------------------------------------------------
_SQLITE_MAGIC = b"SQLite format 3\x00"


def verify_store(path: Path) -> None:
    """IndexDamagedError when the clause store is not an SQLite file or is shorter than its
    header says (a copy or download cut short). SQLite itself would only fail on the first
    query that reaches a missing page; this costs one 100-byte read."""
    try:
        with Path(path).open("rb") as handle:
            header = handle.read(100)
        size = Path(path).stat().st_size
    except OSError as error:
        raise IndexDamagedError(f"无法读取索引文件 {path}：{error.strerror or error}；"
                                "请重新运行 `policydocs index`") from None
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise IndexDamagedError(f"索引已损坏：{path} 不是 SQLite 数据库；请重新运行 `policydocs index` (damaged index)")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_size_valid = header[24:28] == header[92:96]  # SQLite's own rule for trusting the count
    if header_size_valid and pages and size < page_size * pages:
        raise IndexDamagedError(f"索引已损坏：{path} 被截断（{size} 字节，应为 {page_size * pages} 字节）；"
                                "请重新运行 `policydocs index` (damaged index)")
