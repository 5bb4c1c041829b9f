"""The README's command table documents the command line as `--help` shows it: every command,
every option and every choice (document kinds, clause kinds, font profiles) is in the table,
and the table names nothing that does not exist."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from policydocs.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_COMMAND = re.compile(r"policydocs ([a-z][\w-]*)")
_OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")


def _usage_cells() -> list[str]:
    """The first cell of each row of the table under "## Commands", backticks removed and
    escaped pipes (`\\|`) read as pipes."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Commands", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]  # header, rule
    cells = [_CELL_SPLIT.split(row)[1] for row in rows]
    return [cell.replace("`", "").replace("\\|", "|").strip() for cell in cells]


def _documented() -> dict[str | None, str]:
    """Usage text per command name (None: rows naming no command, e.g. --version)."""
    usage: dict[str | None, str] = {}
    for cell in _usage_cells():
        names = set(_COMMAND.findall(cell)) or {None}
        for name in names:
            usage[name] = usage.get(name, "") + " " + cell
    return usage


def _tokens(usage: str) -> set[str]:
    return set(_OPTION.findall(usage))


def _shown_options(command: click.Command) -> list[click.Option]:
    """The options `--help` lists, without the help option every command has."""
    return [p for p in command.params if isinstance(p, click.Option) and not p.hidden]


def _long_name(option: click.Option) -> str:
    return next((o for o in option.opts if o.startswith("--")), option.opts[0])


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_option_and_choice_is_in_the_table(name):
    command = main.commands[name]
    usage = _documented().get(name)
    assert usage, f"README command table has no row for `policydocs {name}`"
    tokens = _tokens(usage)
    for param in command.params:
        if isinstance(param, click.Option) and param in _shown_options(command):
            assert _long_name(param) in tokens, f"`policydocs {name}`: {_long_name(param)} not in README"
        elif isinstance(param, click.Argument) and not isinstance(param.type, click.Choice):
            assert param.human_readable_name in usage, f"`policydocs {name}`: {param.human_readable_name}"
        if isinstance(param.type, click.Choice):
            missing = [c for c in param.type.choices if not re.search(rf"(?<![\w-]){c}(?![\w-])", usage)]
            assert not missing, f"`policydocs {name}` {param.name}: choices {missing} not in README"


def test_the_table_names_only_what_exists():
    documented = _documented()
    assert set(documented) - {None} <= set(main.commands), "README names a command that does not exist"
    group_options = {opt for p in main.params for opt in p.opts} | {"-h", "--help"}
    for name, usage in documented.items():
        real = set(group_options)
        if name is not None:
            real |= {opt for p in main.commands[name].params for opt in getattr(p, "opts", [])}
            real |= {c for p in main.commands[name].params if isinstance(p.type, click.Choice)
                     for c in p.type.choices}
        stale = {token for token in _tokens(usage) if token.startswith("-") and token != "-"} - real
        assert not stale, f"README row of `policydocs {name}` names {stale}, which --help does not show"


def test_the_group_options_are_in_the_table():
    tokens = _tokens(" ".join(_usage_cells()))
    for param in main.params:
        assert _long_name(param) in tokens


def test_the_checker_sees_a_missing_option(monkeypatch):
    """The test itself: an option added to a command but not to the README must fail it."""
    command = main.commands["cite"]
    extra = click.Option(["--explain"], is_flag=True)
    monkeypatch.setattr(command, "params", [*command.params, extra])
    with pytest.raises(AssertionError, match="--explain"):
        test_every_command_option_and_choice_is_in_the_table("cite")
