"""The index as drafting sees it: a `CitationService` that opens the index only when a draft
first needs a citation, and turns a broken index into a warning (the draft is still written,
its markers 〔未核实〕) instead of a failure."""

from __future__ import annotations

from collections.abc import Callable

from policydocs.cite.findings import Basis, Finding
from policydocs.cite.service import IndexCitationService
from policydocs.errors import PolicydocsError
from policydocs.search.library import Library


class LazyIndexService:
    """`CitationService` over the library `open_library()` returns, opened on first use."""

    def __init__(self, open_library: Callable[[], Library]):
        self._open_library = open_library
        self._service: IndexCitationService | None = None
        self._failed = False
        #: why the index could not be used (at most one entry)
        self.warnings: list[str] = []

    def _open(self) -> IndexCitationService | None:
        if self._service is None and not self._failed:
            try:
                self._service = IndexCitationService(self._open_library())
            except PolicydocsError as error:  # a broken index must not stop the draft
                self._failed = True
                self.warnings.append(f"索引不可用（{error}），引用均未核实")
        return self._service

    def basis_for(self, description: str, *, with_penalty: bool) -> Basis:
        service = self._open()
        if service is None:
            return Basis(description=description, duty=None)
        return service.basis_for(description, with_penalty=with_penalty)

    def check_text(self, text: str) -> list[Finding]:
        service = self._open()
        return [] if service is None else service.check_text(text)
