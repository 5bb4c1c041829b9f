"""Errors a user can cause and fix. The CLI prints their message on one line (no traceback)
and exits with `exit_code`."""

from __future__ import annotations


class PolicydocsError(Exception):
    """Base class: `str(error)` is a complete, user-facing sentence (Chinese first)."""

    exit_code = 2


class SourceError(PolicydocsError):
    """A source file cannot be read or parsed (corrupt .docx, bad YAML front matter …)."""


class IndexMissingError(PolicydocsError):
    """No usable index at the given path."""


class IndexOutdatedError(PolicydocsError):
    """The index was built by an incompatible version of policydocs."""


class NotFoundError(PolicydocsError):
    """A law, article or clause the user asked for does not exist in the index."""

    exit_code = 1


class DraftError(PolicydocsError):
    """A drafting input is incomplete or invalid (missing field, missing attachment …)."""
