"""The ``--format github`` golden output: the command that makes it, shared by its test.

Regenerate (only after checking that the change is wanted) with::

    python tests/github_golden.py --write
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "github.txt"
FILES = "tests/files/github"


def render() -> str:
    """What ``ceurules check tests/files/github --format github`` prints, run from the repository root."""
    from ceurules.cli import main

    out = io.StringIO()
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        main(["check", FILES, "--format", "github", "--today", "2027-03-01"], stdout=out, stderr=io.StringIO())
    finally:
        os.chdir(here)
    return out.getvalue()


if __name__ == "__main__":  # pragma: no cover - the explicit regeneration command
    if sys.argv[1:] != ["--write"]:
        raise SystemExit("usage: python tests/github_golden.py --write")
    GOLDEN.write_text(render(), encoding="utf-8")
    print(f"wrote {GOLDEN.relative_to(ROOT)}")
