"""Options shared by every command (kept apart from cli.py so command modules can import
them without importing the command group)."""

from __future__ import annotations

import click

INDEX_ENV = "POLICYDOCS_INDEX"
DEFAULT_INDEX = "index"

index_option = click.option(
    "--index", "index_dir", envvar=INDEX_ENV, default=DEFAULT_INDEX, show_default=True,
    type=click.Path(file_okay=False), help="索引目录 (index directory); env POLICYDOCS_INDEX")
json_option = click.option("--json", "as_json", is_flag=True, help="输出 JSON (machine-readable output)")
