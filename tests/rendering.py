"""scripts/render_pages.py for the slow tests that render through LibreOffice, loaded once, and
the marks those test modules share."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
_spec = importlib.util.spec_from_file_location("render_pages", ROOT / "scripts" / "render_pages.py")
assert _spec is not None and _spec.loader is not None
render_pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(render_pages)

#: `pytestmark` of a module whose tests render pages: slow, and skipped without LibreOffice
RENDER_TESTS = [pytest.mark.slow, pytest.mark.skipif(not render_pages.available(), reason="LibreOffice not installed")]
