"""The package is layered: each module imports only modules of lower layers (or its own
package). A hidden import inside a function counts too: the test reads every import."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "policydocs"

#: from the bottom; a module may import its own package and anything listed before it
LAYERS: list[set[str]] = [
    {"text"},
    {"errors", "model", "gbt9704"},
    {"corpus"},
    {"kb"},
    {"search"},
    {"cite"},
    {"draft", "check"},
    {"app"},
    {"web"},  # below cli: `policydocs serve` starts it; the web app never imports the CLI
    {"cli"},
    {"__main__"},
]


def _unit(module: str) -> str:
    """policydocs.kb.store → kb; policydocs.model → model."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _rank(unit: str) -> int:
    for rank, layer in enumerate(LAYERS):
        if unit in layer:
            return rank
    raise AssertionError(f"policydocs.{unit} is in no layer: add it to LAYERS in {__file__}")


def _module_name(path: Path, package: Path) -> str:
    relative = path.relative_to(package.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, package_dir: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = _module_name(path, package_dir)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "policydocs":  # from policydocs import gbt9704
                found += [(node.lineno, f"policydocs.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, target))
    return [(line, name) for line, name in found if name == "policydocs" or name.startswith("policydocs.")]


def layer_violations(package: Path = PACKAGE) -> list[str]:
    problems = []
    for path in sorted(package.rglob("*.py")):
        unit = _unit(_module_name(path, package))
        if not unit:
            continue
        rank = _rank(unit)
        for line, target in _imports(path, package):
            other = _unit(target)
            if other and other != unit and _rank(other) >= rank:
                problems.append(f"{path.relative_to(package).as_posix()}:{line} imports {target} "
                                f"(layer {_rank(other)} ≥ {rank})")
    return problems


def test_every_import_goes_down_the_layers():
    assert layer_violations() == []


def test_the_checker_sees_an_upward_import(tmp_path):
    """The checker itself: a kb module importing search inside a function must be reported."""
    fake = tmp_path / "policydocs"
    (fake / "kb").mkdir(parents=True)
    (fake / "kb" / "bad.py").write_text("def f():\n    from policydocs.search import library\n",
                                        encoding="utf-8")
    (fake / "kb" / "good.py").write_text("from policydocs.text import numerals\nfrom . import bad\n",
                                         encoding="utf-8")
    assert layer_violations(fake) == ["kb/bad.py:2 imports policydocs.search (layer 4 ≥ 3)"]
