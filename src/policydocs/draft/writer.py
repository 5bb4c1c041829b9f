"""Writing outputs safely: never over an existing file without --force, never over one of the
inputs, and never a half-written file (write a temporary file in the same directory, then
rename). The file gets the mode any program's new file gets (0666 less the umask), not the
0600 of a temporary file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from policydocs.errors import OutputError


def ensure_writable(output: Path, *, force: bool, inputs: Iterable[Path] = ()) -> None:
    """Fail early, before any work, when the output exists, is one of `inputs`, or its
    directory does not exist or cannot be written."""
    target = _real(output)
    for source in inputs:
        if _real(source) == target:
            raise OutputError(f"输出文件与输入文件相同：{output}（请用 -o 指定另一个文件名）")
    if output.exists() and not force:
        raise OutputError(f"输出文件已存在：{output}（如需覆盖请加 --force）")
    if not output.parent.is_dir():
        raise OutputError(f"输出目录不存在：{output.parent}（请先建立该目录）")
    if not os.access(output.parent, os.W_OK):
        raise OutputError(f"输出目录不可写：{output.parent}（请检查权限或换一个目录）")


def _real(path: Path) -> Path:
    """The file a path names (symlinks and .. resolved), for comparing outputs with inputs."""
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return Path(os.path.abspath(path))


def new_file_mode() -> int:
    """0666 less the process umask: what `open(path, "w")` would have given the file."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(output: Path, save: Callable[[str], None], *, force: bool,
                 inputs: Iterable[Path] = ()) -> None:
    """Call `save(temporary_path)`, then move the result onto `output` in one step. An OSError
    (read-only folder, full disk) becomes an OutputError naming the file; nothing is left
    under the final name or as a temporary file."""
    ensure_writable(output, force=force, inputs=inputs)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    except OSError as error:
        raise OutputError(f"无法写入 {output}：{_reason(error)}（请检查目录权限与磁盘空间）") from error
    os.close(handle)
    try:
        save(temporary)
        os.chmod(temporary, new_file_mode())
        os.replace(temporary, output)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"无法写入 {output}：{_reason(error)}（请检查目录权限与磁盘空间）") from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__
