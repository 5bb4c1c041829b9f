"""Command-line interface: thin wrappers that parse arguments, call the library and print.

Every command takes `--index DIR` (env POLICYDOCS_INDEX, default ./index). User errors
(`PolicydocsError`) print one line on stderr and exit non-zero, never a traceback.
"""

from __future__ import annotations

import sys

import click

from policydocs.errors import PolicydocsError

INDEX_ENV = "POLICYDOCS_INDEX"
DEFAULT_INDEX = "index"

index_option = click.option(
    "--index", "index_dir", envvar=INDEX_ENV, default=DEFAULT_INDEX, show_default=True,
    type=click.Path(file_okay=False), help="索引目录 (index directory); env POLICYDOCS_INDEX")


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PolicydocsError as error:
            click.secho(f"错误: {error}", fg="red", err=True)
            sys.exit(error.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="policydocs")
def main() -> None:
    """policydocs — 安全生产法规条款检索、引用核查与公文起草 (offline)."""


from policydocs.cite.commands import check_command, cite_command  # noqa: E402  (commands use index_option)

main.add_command(cite_command)
main.add_command(check_command)

from policydocs.draft.commands import draft as draft_command, new as new_command  # noqa: E402

main.add_command(draft_command)
main.add_command(new_command)
