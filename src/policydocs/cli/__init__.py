"""Command-line interface: the command group over `policydocs.app` (commands.py parses
arguments, render.py prints results) and stays thin.

User errors (`PolicydocsError`) print one line on stderr and exit non-zero, never a traceback.
"""

from __future__ import annotations

import sys

import click

from policydocs.cli.commands import COMMANDS
from policydocs.errors import PolicydocsError


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PolicydocsError as error:
            click.secho(f"错误: {error}", fg="red", err=True)
            sys.exit(error.exit_code)
        except KeyboardInterrupt:
            click.secho("已中断 (interrupted)", fg="red", err=True)
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="policydocs")
def main() -> None:
    """policydocs — 安全生产法规条款检索、引用核查与公文起草 (offline)."""


for _command in COMMANDS:
    main.add_command(_command)
