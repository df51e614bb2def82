"""The documentation: its command lines run as written, from the project folder, and it lists what the code
and the package offer."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from ceurules import SegmentKind
from ceurules.cli import _parser

ROOT = Path(__file__).parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SCRIPT = shutil.which("ceurules", path=str(Path(sys.executable).parent)) or "ceurules"


def documented_commands() -> list[tuple[str, str]]:
    """``ceurules ...`` commands in console blocks whose files all exist (synopses are skipped)."""
    found = []
    for page in PAGES:
        for block in re.findall(r"```console\n(.*?)```", page.read_text(), flags=re.S):
            for line in block.splitlines():
                command = line.split("&&")[-1].split("#")[0].strip()
                if not command.startswith("ceurules "):
                    continue
                words = shlex.split(command)[1:]
                paths = [w for w in words if "/" in w or w.endswith((".toml", ".json"))]
                if paths and all((ROOT / p).exists() for p in paths) and not any(w.isupper() for w in words):
                    found.append((page.name, command))
    return found


COMMANDS = documented_commands()


def test_the_readme_main_job_is_among_them() -> None:
    assert ("README.md", "ceurules check docs/examples/workshop.ceu.toml --today 2027-01-20") in COMMANDS


@pytest.mark.parametrize(("page", "command"), COMMANDS, ids=[f"{p}: {c}" for p, c in COMMANDS])
def test_documented_command_succeeds(page: str, command: str) -> None:
    args = shlex.split(command)[1:]
    result = subprocess.run([SCRIPT, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, f"{page}: {command}\n{result.stdout}\n{result.stderr}"
    assert result.stdout.strip()


# -- the documentation lists what the code and the package offer ---------------------------------


def test_docs_list_every_command_format_and_segment_kind() -> None:
    root = Path(__file__).parent.parent
    synopsis = (root / "docs" / "cli.md").read_text(encoding="utf-8").split("```")[1]
    commands: dict[str, Any] = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr,assignment]
    assert sorted(commands) == sorted(
        {line.split()[1] for line in synopsis.splitlines() if line.startswith("ceurules ")}
    )
    check_formats = commands["check"]._option_string_actions["--format"].choices
    assert f"--format {'|'.join(check_formats)}`" in (root / "README.md").read_text(encoding="utf-8")
    kinds = ", ".join(k.value for k in SegmentKind)
    assert f"# {kinds}\n" in (root / "docs" / "program-files.md").read_text(encoding="utf-8")


def test_the_program_file_page_states_the_reading_caps() -> None:
    from ceurules.program_files import MAX_APPLICATIONS, MAX_TOML_BYTES, MAX_VALUES
    from ceurules.program_format import MAX_TEXT

    page = " ".join((Path(__file__).parent.parent / "docs" / "program-files.md").read_text(encoding="utf-8").split())
    assert f"at most {MAX_VALUES:,} values" in page and f"at most {MAX_APPLICATIONS:,} credit applications" in page
    assert f"at most {MAX_TEXT:,} characters" in page and f"TOML text: {MAX_TOML_BYTES // 2**20} MB" in page


def test_the_docs_extra_installs_nbconvert() -> None:
    root = Path(__file__).parent.parent
    extras = tomllib.loads((root / "pyproject.toml").read_text())["project"]["optional-dependencies"]["docs"]
    assert "nbconvert" in {re.split(r"[<>=~!\[ ]", requirement)[0] for requirement in extras}
    page = (root / "docs" / "apps-and-notebooks.md").read_text()
    assert 'pip install -e ".[docs]"' in page and "jupyter nbconvert --to notebook --execute" in page
