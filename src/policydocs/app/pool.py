"""Workspaces of one index for a face that serves several requests at once (the web app).

Each request borrows a whole `Workspace` — its own opened index: a SQLite connection, Whoosh
searchers and caches are never used by two threads at once — and gives it back afterwards.
Before lending one, the pool lets it notice a new live generation (`Workspace.refresh`), so
an `add` or a rebuild takes effect on the next request without interrupting the ones in
progress, which finish on the generation they started with."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from policydocs.app.workspace import Workspace


class WorkspacePool:
    def __init__(self, index_dir: Path | str, size: int = 4):
        self.index_dir = Path(index_dir)
        self.size = max(1, size)
        self._free: queue.LifoQueue[Workspace] = queue.LifoQueue()
        for _ in range(self.size):  # opened on first use: an unused one costs nothing
            self._free.put(Workspace(self.index_dir))

    @contextmanager
    def borrow(self) -> Iterator[Workspace]:
        """A workspace for the `with` block (waiting while all are lent)."""
        workspace = self._free.get()
        try:
            workspace.refresh()
            yield workspace
        finally:
            self._free.put(workspace)

    def close(self) -> None:
        """Close every idle workspace's index (the lent ones close when they come back and
        are closed again by the next `close`)."""
        for _ in range(self._free.qsize()):
            workspace = self._free.get()
            workspace.close()
            self._free.put(workspace)
