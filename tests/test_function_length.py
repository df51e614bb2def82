"""Rule modules read like the policy: no function longer than about a screen.

A function's length counts its lines from ``def`` to its last line, without its
docstring; nested functions count toward the function that holds them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ceurules

RULE_MODULES = (
    "agenda",
    "approval",
    "approval_deadlines",
    "business_days",
    "credit",
    "educator_records",
    "eligibility",
    "renewal",
    "renewal_rules",
    "review",
    "timelines",
    "units",
    "yearlong",
)
LIMIT = 40
SOURCE = Path(ceurules.__file__).parent


def function_lengths(path: Path) -> dict[str, int]:
    """Each function and method of a module (``Class.method``) with its length in lines."""
    lengths: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                lengths[prefix + child.name] = _length(child)

    visit(ast.parse(path.read_text(encoding="utf-8")), "")
    return lengths


def _length(func: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    assert func.end_lineno is not None
    lines = func.end_lineno - func.lineno + 1
    first = func.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        assert first.end_lineno is not None
        lines -= first.end_lineno - first.lineno + 1
    return lines


@pytest.mark.parametrize("module", RULE_MODULES)
def test_no_rule_function_is_longer_than_the_limit(module: str) -> None:
    long = {name: n for name, n in function_lengths(SOURCE / f"{module}.py").items() if n > LIMIT}
    assert not long, f"{module}.py: functions over {LIMIT} lines (split them into named steps): {long}"


def test_the_measure_counts_a_long_function_and_skips_its_docstring(tmp_path: Path) -> None:
    body = "".join(f"        x{i} = {i}\n" for i in range(LIMIT))
    source = tmp_path / "m.py"
    source.write_text(f'class C:\n    def f(self):\n        """Doc.\n\n        More."""\n{body}')
    assert function_lengths(source) == {"C.f": LIMIT + 1}


def test_no_docstring_is_written_after_a_functions_first_statement() -> None:
    """A text written as a docstring below the first statement is no docstring: it would say nothing."""
    misplaced = []
    for path in sorted(SOURCE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                misplaced += [
                    f"{path.name}:{stmt.lineno} in {node.name}"
                    for stmt in node.body[1:]
                    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
                    and isinstance(stmt.value.value, str)
                ]
    assert misplaced == []
