"""Release metadata: the documented revision to pin is the package's version."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import metadata
from pathlib import Path

import ceurules

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# `rev: v0.3.0` in a pre-commit config, `...ceurules@v0.3.0` in a pip requirement.
PINNED = re.compile(r"(?:\brev:\s*|ceurules@)v(\d+\.\d+\.\d+(?:[a-z]+\d+)?)")


def documented_revisions() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for doc in DOCS:
        for match in PINNED.finditer(doc.read_text(encoding="utf-8")):
            found.setdefault(match.group(1), []).append(doc.name)
    return found


def test_documented_revisions_match_the_package_version() -> None:
    found = documented_revisions()
    assert found, "no pinned revision in the docs"
    assert set(found) == {ceurules.__version__}, found


def test_pre_commit_and_ci_examples_are_both_pinned() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"rev: v{ceurules.__version__}" in text
    assert f"ceurules@v{ceurules.__version__}" in text


def test_the_version_comes_from_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == ceurules.__version__


def test_installed_metadata_names_license_and_every_tested_python() -> None:
    meta = metadata("ceurules")
    assert meta["License-Expression"] == "MIT"
    classifiers = meta.get_all("Classifier") or []
    for minor in ("3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {minor}" in classifiers
    noxfile = (ROOT / "noxfile.py").read_text(encoding="utf-8")
    assert 'PYTHONS = ["3.11", "3.12", "3.13"]' in noxfile
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
