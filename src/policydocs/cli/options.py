"""Options shared by several commands."""

from __future__ import annotations

import click

from policydocs.app import DEFAULT_INDEX

INDEX_ENV = "POLICYDOCS_INDEX"

index_option = click.option(
    "--index", "index_dir", envvar=INDEX_ENV, default=str(DEFAULT_INDEX), show_default=True,
    type=click.Path(file_okay=False), help="索引目录 (index directory); env POLICYDOCS_INDEX")
json_option = click.option("--json", "as_json", is_flag=True, help="输出 JSON (machine-readable output)")
