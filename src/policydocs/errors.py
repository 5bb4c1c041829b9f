"""Errors a user can cause and fix. The CLI prints their message on one line (no traceback)
and exits with `exit_code` — one table for every command (README "Exit codes"):

    0 ok · 1 findings · 2 usage · 3 bad input file · 4 index missing/damaged/outdated ·
    5 output cannot be written
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1  # check/cite found wrong citations, `draft --strict` left 〔未核实〕, no such clause
EXIT_USAGE = 2  # wrong command, option, value or a path that does not exist
EXIT_INPUT = 3  # an input file that exists but cannot be read or is invalid
EXIT_INDEX = 4  # the index is missing, damaged, foreign or built by another version
EXIT_OUTPUT = 5  # an output (document, skeleton, index) cannot be written
EXIT_BUG = 70  # an unexpected exception: a bug to report (`--debug` shows the traceback)


class PolicydocsError(Exception):
    """Base class: `str(error)` is a complete, user-facing sentence (Chinese first).
    Raised as such it is a usage error (a value or path the user typed)."""

    exit_code = EXIT_USAGE


class UsageError(PolicydocsError):
    """A command-line value that cannot be used (unknown law or region, bad number …)."""


class SourceError(PolicydocsError):
    """A source file cannot be read or parsed (corrupt .docx, bad YAML front matter …)."""

    exit_code = EXIT_INPUT


class IndexMissingError(PolicydocsError):
    """No usable index at the given path."""

    exit_code = EXIT_INDEX


class IndexDamagedError(IndexMissingError):
    """An index whose files cannot be read (truncated, overwritten, not a policydocs index)."""


class IndexOutdatedError(PolicydocsError):
    """The index was built by an incompatible version of policydocs."""

    exit_code = EXIT_INDEX


class NotFoundError(PolicydocsError):
    """A law, article or clause the user asked for does not exist in the index."""

    exit_code = EXIT_FINDINGS


class DraftError(PolicydocsError):
    """A drafting input is incomplete or invalid (missing field, missing attachment …)."""

    exit_code = EXIT_INPUT


class OutputError(PolicydocsError):
    """An output cannot be written: it exists (no --force), its folder is missing or read-only,
    the disk is full, it is one of the inputs, or another build holds the index."""

    exit_code = EXIT_OUTPUT
