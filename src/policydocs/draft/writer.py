"""Writing outputs safely: never over an existing file without --force, and never a
half-written file (write a temporary file in the same directory, then rename)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from policydocs.errors import DraftError


def ensure_writable(output: Path, *, force: bool) -> None:
    """Fail early, before any work, when the output exists or its directory does not."""
    if output.exists() and not force:
        raise DraftError(f"输出文件已存在：{output}（如需覆盖请加 --force）")
    if not output.parent.is_dir():
        raise DraftError(f"输出目录不存在：{output.parent}")


def write_atomic(output: Path, save: Callable[[str], None], *, force: bool) -> None:
    """Call `save(temporary_path)`, then move the result onto `output` in one step."""
    ensure_writable(output, force=force)
    handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp",
                                         dir=output.parent)
    os.close(handle)
    try:
        save(temporary)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
