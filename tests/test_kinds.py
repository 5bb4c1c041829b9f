"""Document kinds come from one registry (draft/kinds.py): the command line's choices, the app's
`draft` and `new`, and a new kind needs no change anywhere else."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from policydocs.app import Workspace, new
from policydocs.cli import main
from policydocs.draft import interview, kinds, notice, plan
from policydocs.draft.kinds import KINDS, DocumentKind, get_kind, kind_names
from policydocs.errors import DraftError


def test_every_kind_module_is_registered_with_its_own_attributes():
    assert kind_names() == ["notice", "plan", "interview"]
    for module in (notice, plan, interview):
        kind = KINDS[module.NAME]
        assert (kind.label, kind.required, kind.skeleton, kind.build) == (
            module.LABEL, module.REQUIRED, module.SKELETON, module.build)
        assert f"kind: {kind.name}\n" in kind.skeleton  # `new` writes a file `draft` accepts


def test_command_line_choices_are_the_registry():
    for command in ("draft", "new"):
        kind_argument = main.commands[command].params[0]
        assert list(kind_argument.type.choices) == kind_names()
    assert " / ".join(kind_names()) in main.commands["new"].help


def test_unknown_kind_names_the_choices():
    with pytest.raises(DraftError) as raised:
        get_kind("memo")
    assert all(name in str(raised.value) for name in kind_names())


def test_a_registered_kind_is_drafted_without_other_changes(tmp_path, monkeypatch):
    """What adding a kind means: one DocumentKind in the registry, and app's `new` and `draft`
    serve it (here a briefing built like a plan)."""
    skeleton = "---\nkind: briefing\ntitle: 安全生产情况简报\n---\n\n# 基本情况\n\n本周开展检查三次。\n"
    briefing = DocumentKind("briefing", "简报", ("title",), skeleton, plan.build)
    monkeypatch.setitem(kinds.KINDS, "briefing", briefing)
    source = new("briefing", tmp_path / "b.md").output
    assert source.read_text(encoding="utf-8") == skeleton
    with Workspace(tmp_path / "no-index") as workspace:
        result = workspace.draft("briefing", source, tmp_path / "b.docx")
    assert result.kind == "briefing" and result.problems == []
    assert "安全生产情况简报" in "".join(p.text for p in docx.Document(str(result.output)).paragraphs)
    # the front matter's kind is checked against the registered name
    with Workspace(tmp_path / "no-index") as workspace, pytest.raises(DraftError, match="kind"):
        workspace.draft("plan", source, tmp_path / "p.docx")


def test_new_cli_writes_each_registered_skeleton(tmp_path):
    for name in kind_names():
        target = Path(tmp_path / f"{name}.md")
        result = CliRunner().invoke(main, ["new", name, "-o", str(target)])
        assert result.exit_code == 0, result.output
        assert target.read_text(encoding="utf-8") == get_kind(name).skeleton
