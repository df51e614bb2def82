"""Rendered output, pinned: every golden file in tests/golden/ equals its rendering now.

The answers themselves are pinned by the case files (tests/cases/). These files pin what is
read: ``ceurules check`` text and JSON, GitHub annotations, the HTML and Markdown displays of a
report, a timeline. The test never writes them; after a deliberate change of output, run
``python tests/regenerate_golden.py`` and read the diff.
"""

from __future__ import annotations

import pytest

from regenerate_golden import GOLDEN, RENDERINGS, render


@pytest.mark.parametrize("name", list(RENDERINGS))
def test_rendered_output_matches_its_golden_file(name: str) -> None:
    assert render(name) == (GOLDEN / name).read_text(encoding="utf-8")


def test_every_golden_file_has_its_rendering() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(RENDERINGS)
