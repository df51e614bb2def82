"""Program files are recognised by name (``*.ceu.toml``, ``*.ceu.json``): the hook and the directory scan agree."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ceurules.cli import is_program_file_name
from test_cli import run

ROOT = Path(__file__).resolve().parent.parent


def hook_pattern() -> re.Pattern[str]:
    """The ``files:`` regex of the pre-commit hook, as pre-commit reads it (a plain YAML scalar)."""
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    (pattern,) = re.findall(r"^\s+files:\s*(\S+)\s*$", text, flags=re.M)
    assert "exclude:" not in text
    return re.compile(pattern)


PROGRAM_FILES = [
    "programs/block-scheduling-workshop.ceu.toml",  # "lock" in the name
    "programs/clock-hours/fall.ceu.json",  # "lock" in a folder name
    "programs/lockhart-district/spring-2027.ceu.toml",
    "docs/examples/workshop.ceu.toml",
    "district.ceu.json",
    "programs/.ceu.toml",
]
OTHER_FILES = [
    "pyproject.toml",
    "ruff.toml",
    ".ruff.toml",
    "Cargo.toml",
    "package.json",
    "package-lock.json",
    "composer.lock",
    "poetry.lock",
    "tsconfig.json",
    ".vscode/settings.json",
    ".devcontainer/devcontainer.json",
    "renovate.json",
    "programs/workshop.toml",  # a program that does not follow the convention is not picked up
    "programs/workshop.json",
    "programs/ceu.toml",
    "programs/fall.ceu.toml.bak",
    "programs/notes.ceu.txt",
    "programs/Workshop.CEU.TOML",
]


def test_the_hook_matches_exactly_the_program_files() -> None:
    pattern = hook_pattern()
    assert [n for n in PROGRAM_FILES + OTHER_FILES if pattern.search(n)] == PROGRAM_FILES


def test_a_directory_scan_reads_exactly_the_program_files(tmp_path: Path) -> None:
    for name in PROGRAM_FILES + OTHER_FILES:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("not checked unless it is a program file\n", encoding="utf-8")
    code, out, _ = run("check", str(tmp_path), "--format", "jsonl")
    assert code == 2  # every program file here is invalid, and each is reported
    checked = {Path(json.loads(line)["file"]).relative_to(tmp_path).as_posix() for line in out.splitlines()}
    assert checked == set(PROGRAM_FILES)


def test_a_file_named_on_the_command_line_is_checked_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "workshop.toml"
    path.write_text((ROOT / "docs" / "examples" / "workshop.ceu.toml").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run("check", str(path), "--today", "2027-01-20")
    assert code == 0 and "=> PASS" in out


def test_the_bundled_examples_follow_the_convention() -> None:
    examples = sorted(p.name for p in (ROOT / "docs" / "examples").iterdir())
    assert examples and all(is_program_file_name(name) for name in examples)


NAME_PARTS = st.sampled_from(["a", "ceu", "CEU", "toml", "json", "lock", ".", "/", "-", "_", " ", ".ceu.", "toml.bak"])


@given(st.lists(NAME_PARTS, min_size=1, max_size=8).map("".join))
def test_hook_pattern_and_scan_rule_agree_on_any_name(name: str) -> None:
    assert bool(hook_pattern().search(name)) == is_program_file_name(name)
