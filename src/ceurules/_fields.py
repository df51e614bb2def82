"""Reading tables of a data file field by field, collecting every problem with its path.

Shared by the renewal rule and educator record loaders: a field's converter is
the value object's own converter, and a refused value becomes one ``(path,
message)`` problem instead of an exception, so a file with several mistakes is
reported in one go.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from .errors import InvalidInputError, as_written, misspelling_of

T = TypeVar("T")


def join(path: str, key: str) -> str:
    """``path.key`` (or ``key`` at the top)."""
    return f"{path}.{key}" if path else key


def show(value: object) -> str:
    """``value`` as a file author wrote it (a date ``2026-11-20``, text in quotes), cut to 80 characters."""
    return as_written(value, 80)


def _beside(path: str, field: str, other: str) -> str:
    """The path of the refused item ``other`` of the list whose first refused item ``field`` is at ``path``
    (which ends with ``field``, or with the part of it the caller names)."""
    named = next((len(field) - n for n in range(len(field)) if path.endswith(field[: len(field) - n])), 0)
    return path[: len(path) - named] + other


class Problems:
    """Every ``(field path, message)`` found while a file is read."""

    def __init__(self) -> None:
        self.found: list[tuple[str, str]] = []

    def add(self, path: str, message: str) -> None:
        self.found.append((path, message))

    def refused(self, path: str, err: InvalidInputError) -> None:
        """Record a converter's refusal at ``path``; each other refused item of its list beside it, at the
        path of its own field."""
        for one in err.each():
            self.add(
                path if one is err else _beside(path, err.field, one.field),
                f"expected {one.expected}, got {show(one.value)}",
            )

    def table(self, value: object, path: str) -> Mapping[str, Any] | None:
        if isinstance(value, Mapping):
            return value
        self.add(path, f"expected a table of fields, got {show(value)}")
        return None

    def tables(self, value: object, path: str) -> list[tuple[str, Mapping[str, Any]]]:
        if not isinstance(value, list):
            self.add(path, f"expected a list of tables, got {show(value)}")
            return []
        found = []
        for i, item in enumerate(value):
            table = self.table(item, f"{path}[{i}]")
            if table is not None:
                found.append((f"{path}[{i}]", table))
        return found

    def unknown(self, table: Mapping[str, Any], known: Iterable[str], path: str = "") -> None:
        """Report every key of ``table`` (at ``path``; the top of the file by default) that is not a known field."""
        names = set(known)
        for key in table:
            if key not in names:
                self.add(join(path, str(key)), f"unknown field{misspelling_of(key, names)}; expected one of "
                         f"{', '.join(sorted(names))}")

    def get(
        self,
        table: Mapping[str, Any],
        key: str,
        path: str,
        convert: Callable[[object, str], T],
    ) -> T | None:
        """``convert(table[key])``; a missing required field or a refused value is a problem (``None``)."""
        if key not in table:
            self.add(join(path, key), "required field is missing")
            return None
        try:
            return convert(table[key], key)
        except InvalidInputError as err:
            self.refused(join(path, key), err)
            return None
