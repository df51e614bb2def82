"""Golden files of rendered output, and the one command that regenerates them.

Golden files pin what a person or a tool reads, not the answers (the answers are pinned by the
case files, ``tests/cases/``): the text and JSON output of ``ceurules check``, GitHub
annotations, the HTML and Markdown displays of a report, and a timeline's text. The tests
compare; they never write. After a deliberate change of output, regenerate and read the diff
before committing::

    python tests/regenerate_golden.py
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
WORKSHOP = "docs/examples/workshop.ceu.toml"
PLC = "docs/examples/plc-yearlong.ceu.toml"


def command(*args: str) -> str:
    """What ``ceurules ARGS`` prints on stdout, run from the repository root."""
    from ceurules.cli import main

    out = io.StringIO()
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        main(list(args), stdout=out, stderr=io.StringIO())
    finally:
        os.chdir(here)
    return out.getvalue()


def _report_display(kind: str) -> str:
    import datetime as dt

    from ceurules import load_program_file, review_program_file

    report = review_program_file(load_program_file(ROOT / WORKSHOP, name=WORKSHOP), as_of=dt.date(2027, 1, 20))
    return (report._repr_html_() if kind == "html" else report._repr_markdown_()) + "\n"


RENDERINGS: dict[str, Callable[[], str]] = {
    "check.txt": lambda: command("check", "docs/examples/", "--today", "2027-01-20"),
    "check.json": lambda: command("check", WORKSHOP, "--format", "json", "--today", "2027-01-20"),
    "github.txt": lambda: command("check", "tests/files/github", "--format", "github", "--today", "2027-03-01"),
    "check-invalid.jsonl": lambda: command("check", "tests/files/github", "--format", "jsonl", "--today", "2027-03-01"),
    "report.html": lambda: _report_display("html"),
    "report.md": lambda: _report_display("markdown"),
    "timeline.txt": lambda: command("timeline", PLC, "--participant", "Ana Ruiz"),
}
"""Each golden file (in tests/golden/) and the rendering it holds."""


def render(name: str) -> str:
    """The current rendering of golden file ``name``."""
    return RENDERINGS[name]()


def main() -> None:  # pragma: no cover - the explicit regeneration command
    if sys.argv[1:]:
        raise SystemExit("usage: python tests/regenerate_golden.py")
    for name in RENDERINGS:
        path = GOLDEN / name
        text = render(name)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            path.write_text(text, encoding="utf-8")
        print(f"{'unchanged' if old == text else 'wrote'} {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
