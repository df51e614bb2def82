"""The API reference: every public name has a docstring with an example, and a place on docs/api.md.

Classes and functions are checked through ``__doc__`` (their examples run as
doctests of the package); a value (``DEFAULT_POLICY``, ``CLAUSES``...) has
its docstring right after its assignment, where mkdocstrings reads it, and
its examples are run here.
"""

from __future__ import annotations

import ast
import doctest
import inspect
import itertools
import re
from pathlib import Path

import pytest

import ceurules
from api_page import page

ROOT = Path(__file__).parent.parent
API_PAGE = ROOT / "docs" / "api.md"
NAMES = sorted(set(ceurules.__all__) - {"__version__"})


def attribute_docstring(module: str, name: str) -> str | None:
    """The string right after ``name``'s assignment in ``ceurules.<module>`` (at any depth of ``if`` blocks)."""
    path = ROOT / "src" / "ceurules" / f"{module}.py"
    for node in ast.walk(ast.parse(path.read_text())):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        for first, second in itertools.pairwise(body):
            target: ast.expr | None = first.target if isinstance(first, ast.AnnAssign) else None
            if isinstance(first, ast.Assign) and len(first.targets) == 1:
                target = first.targets[0]
            named = isinstance(target, ast.Name) and target.id == name
            if named and isinstance(second, ast.Expr) and isinstance(second.value, ast.Constant):
                return inspect.cleandoc(str(second.value.value))
    return None


def docstring(name: str) -> str | None:
    value = getattr(ceurules, name)
    if inspect.isclass(value) or inspect.isfunction(value):
        return inspect.getdoc(value)
    return attribute_docstring(ceurules._EXPORTS[name], name)


@pytest.mark.parametrize("name", NAMES)
def test_every_public_name_has_a_docstring_with_an_example(name: str) -> None:
    text = docstring(name)
    assert text, f"ceurules.{name} has no docstring"
    assert ">>> " in text, f"the docstring of ceurules.{name} has no example"


@pytest.mark.parametrize("name", [n for n in NAMES if not inspect.isclass(getattr(ceurules, n))
                                  and not inspect.isfunction(getattr(ceurules, n))])  # fmt: skip
def test_the_examples_of_a_value_run(name: str) -> None:
    text = docstring(name) or ""
    test = doctest.DocTestParser().get_doctest(text, {}, f"ceurules.{name}", str(API_PAGE), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_every_public_name_is_on_the_api_page_under_its_module() -> None:
    documented = re.findall(r"^::: ceurules\.(\w+)\.(\w+)$", API_PAGE.read_text(), flags=re.M)
    assert sorted(name for _, name in documented) == NAMES
    assert all(ceurules._EXPORTS[name] == module for module, name in documented)
    assert API_PAGE.read_text() == page(), "docs/api.md is stale: python tests/api_page.py --write"


def test_the_api_page_is_in_the_site() -> None:
    assert "api.md" in (ROOT / "mkdocs.yml").read_text()
