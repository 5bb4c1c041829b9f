"""Click's usage errors in one Chinese-first line: what is wrong (the option, argument or
command named), the likely fix, and click's own English in brackets for those who search it.

Click prints three English lines ("Usage: …", "Try …", "Error: …"); an inspector at a
terminal needs one line that says which word to change."""

from __future__ import annotations

import difflib

import click


def _command_path(ctx: click.Context | None) -> str:
    return ctx.command_path if ctx is not None else "policydocs"


def _help_hint(ctx: click.Context | None) -> str:
    return f"运行 {_command_path(ctx)} -h 查看用法"


def _name(param: click.Parameter | None, ctx: click.Context | None) -> str:
    """选项 --limit / 参数 FILE: the word first, so the line starts in Chinese."""
    if param is None:
        return ""
    if isinstance(param, click.Option):
        return "选项 " + next((o for o in param.opts if o.startswith("--")), param.opts[0])
    return "参数 " + (param.human_readable_name or str(param.name)).upper()


def _bad_value(error: click.BadParameter) -> str:
    """Why a value was refused, in Chinese, by the parameter's type."""
    param, kind = error.param, error.param.type if error.param is not None else None
    where = _name(param, error.ctx) or "参数"
    if isinstance(kind, click.types.IntParamType) and "valid integer" in error.message:
        return f"{where} 应为整数"
    if isinstance(kind, click.IntRange | click.FloatRange):
        low = "" if kind.min is None else f"不小于 {kind.min}"
        high = "" if kind.max is None else f"不大于 {kind.max}"
        return f"{where} 的值超出范围：应{'、'.join(p for p in (low, high) if p)}"
    if isinstance(kind, click.Choice):
        return f"{where} 的值无效：可选 {'、'.join(str(c) for c in kind.choices)}"
    if isinstance(kind, click.Path):
        if "does not exist" in error.message:
            return f"{where} 指定的文件或目录不存在（请检查路径）"
        if "directory" in error.message or "file" in error.message:
            return f"{where} 的路径类型不对（文件与目录之分）"
        return f"{where} 的路径不可用"
    return f"{where} 的值无效"


def usage_message(error: click.UsageError) -> str:
    """One line for a click usage error (the caller adds "错误: " and exits 2)."""
    ctx = error.ctx
    english = " ".join(error.format_message().split())
    no_such_command = getattr(click.exceptions, "NoSuchCommand", None)
    if (no_such_command is not None and isinstance(error, no_such_command)) or english.startswith("No such command"):
        group = ctx.command if ctx is not None else None
        names = sorted(group.commands) if isinstance(group, click.Group) else []
        typed = getattr(error, "command_name", None) or english.split("'")[1 if "'" in english else 0]
        close = difflib.get_close_matches(typed, names, n=1)
        guess = f"；您是否想用 {close[0]}？" if close else ""
        return f"没有命令 {typed}（可用：{'、'.join(names)}{guess}）(no such command)"
    if isinstance(error, click.NoSuchOption):
        guess = f"；您是否想用 {'、'.join(error.possibilities)}？" if error.possibilities else ""
        return f"没有选项 {error.option_name}（{_help_hint(ctx)}{guess}）({english})"
    if isinstance(error, click.MissingParameter):
        name = _name(error.param, ctx) or "参数"
        return f"缺少{name}（{_help_hint(ctx)}）({english})"
    if isinstance(error, click.BadParameter):
        return f"{_bad_value(error)}（{_help_hint(ctx)}）({english})"
    if isinstance(error, click.BadOptionUsage):
        return f"选项 {error.option_name} 用法有误（{_help_hint(ctx)}）({english})"
    return f"命令行用法有误（{_help_hint(ctx)}）({english})"
