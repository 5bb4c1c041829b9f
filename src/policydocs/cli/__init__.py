"""Command-line interface: the command group over `policydocs.app` (commands.py parses
arguments, render.py prints results) and stays thin.

Every failure ends here as one Chinese-first line on stderr and an exit code of the README's
table (`policydocs.errors`): user errors (`PolicydocsError`), click's usage errors (translated
in usage.py), Ctrl-C, and — as a last resort — an unexpected exception, reported as a bug.
`--debug` or POLICYDOCS_DEBUG=1 adds the traceback, for bug reports.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any

import click

from policydocs.cli.commands import COMMANDS
from policydocs.cli.usage import usage_message
from policydocs.errors import EXIT_BUG, EXIT_USAGE, PolicydocsError

DEBUG_ENV = "POLICYDOCS_DEBUG"
DEBUG_FLAG = "--debug"


def _debug_wanted(args: list[str]) -> bool:
    return os.environ.get(DEBUG_ENV, "").strip().lower() in ("1", "true", "yes", "on") or DEBUG_FLAG in args


def _strip_debug(args: list[str]) -> list[str]:
    """--debug may stand anywhere before a `--`; it is the group's, not the command's."""
    end = args.index("--") if "--" in args else len(args)
    return [arg for arg in args[:end] if arg != DEBUG_FLAG] + args[end:]


def _fail(message: str, code: int, debug: bool) -> None:
    line = " ".join(str(message).split())  # one line, whatever the message held
    click.secho(f"错误: {line}", fg="red", err=True)
    if debug:
        traceback.print_exc(file=sys.stderr)
    sys.exit(code)


class _Group(click.Group):
    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        debug = _debug_wanted(argv)
        try:
            result = super().main(_strip_debug(argv), prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as error:
            if error.ctx is not None and not argv:  # bare `policydocs`: its help, as click does
                click.echo(error.ctx.get_help())
                sys.exit(EXIT_USAGE)
            _fail(usage_message(error), EXIT_USAGE, debug)
        except click.Abort:
            click.secho("已中断 (interrupted)", fg="red", err=True)
            sys.exit(130)
        except click.ClickException as error:
            _fail(error.format_message(), error.exit_code, debug)
        except PolicydocsError as error:
            _fail(str(error), error.exit_code, debug)
        except Exception as error:  # a bug: still one line, the traceback on request
            _fail(f"内部错误（{type(error).__name__}: {error}）：这是 policydocs 的缺陷，"
                  f"请加 {DEBUG_FLAG} 重新运行并报告 (internal error; rerun with {DEBUG_FLAG} and report it)",
                  EXIT_BUG, debug)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="policydocs")
@click.option(DEBUG_FLAG, is_flag=True, help=f"出错时显示完整的 traceback (for bug reports; env {DEBUG_ENV}=1)")
def main(debug: bool) -> None:
    """policydocs — 安全生产法规条款检索、引用核查与公文起草 (offline)."""


for _command in COMMANDS:
    main.add_command(_command)
