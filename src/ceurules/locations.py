"""Where each value of a program file is written: line and column by field path.

``tomllib`` and ``json`` give values without positions, so this module scans the
text once more and records, for every key path the file defines, where its
value starts: ``applications[1].paid`` maps to the line and column of the date
after ``paid =`` in the second ``[[applications]]`` table; ``offering_dates[2]``
to the third date of the list; ``approval_request.documents`` to its
``[approval_request.documents]`` header (or its inline table). A path the file
does not write (a missing field) is placed at the nearest table that holds it.

The scanners (:mod:`ceurules._scan`) read text that the parser has already
accepted; they are imported on the first lookup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from ._value import Value

if TYPE_CHECKING:
    from ._scan import Scanned

__all__ = ["Location", "LocationIndex", "locate_json", "locate_toml"]


@attrs.frozen(repr=False, eq=False)
class Location(Value):
    """A place in a file: 1-based line and column (columns count characters)."""

    line: int
    column: int


class LocationIndex:
    """Field paths of one file's text (TOML, or JSON with ``json_format``) mapped to where their values are written.

    The text is scanned on the first lookup only, so files without problems cost
    nothing; a lookup turns only the position it finds into a line and column.
    """

    def __init__(self, text: str, *, json_format: bool = False) -> None:
        self._text = text
        self._json = json_format
        self._scanned: Scanned | None = None

    def _scanner(self) -> Scanned:
        if self._scanned is None:
            from ._scan import scan_json, scan_toml

            self._scanned = scan_json(self._text) if self._json else scan_toml(self._text)
        return self._scanned

    @property
    def paths(self) -> dict[str, Location]:
        """Every path the file writes, with where its value starts."""
        return self._scanner().located()

    def find(self, path: str) -> Location | None:
        """Where ``path`` is written, else where its nearest enclosing table is; a field of the top level
        that is not written is placed at line 1, column 1 (``None``: the file as a whole, ``path`` empty)."""
        where = self.line_column(path)
        return None if where is None else Location(*where)

    def written(self, path: str) -> str | None:
        """The text of the value written at ``path`` when it is a TOML scalar (a date-time as the file writes it,
        ``2026-12-16 10:00:00Z``, which its parsed value does not keep); ``None`` when the file does not write
        ``path`` itself, or writes a string, an array or a table there."""
        scanner = self._scanned or self._scanner()
        return None if self._json else scanner.scalar_at(scanner.found.get(path))

    def line_column(self, path: str) -> tuple[int, int] | None:
        """:meth:`find`'s answer as a ``(line, column)`` pair (what JSON output writes, without the object)."""
        return self.line_columns((path,))[0]

    def line_columns(self, paths: Iterable[str]) -> list[tuple[int, int] | None]:
        """:meth:`line_column` of each of ``paths``, in one call: the lines are counted in one pass over the text
        (a report places all its findings at once)."""
        paths = list(paths)
        if not any(paths):  # the file as a whole, or nothing: no need to scan it
            return [None] * len(paths)
        scanner = self._scanned or self._scanner()
        return scanner.line_columns([_written_at(scanner.found, path) if path else None for path in paths])


def _written_at(found: dict[str, int], path: str) -> int:
    """Where ``path`` is written, else its nearest enclosing table (``-1``: none, the top of the file)."""
    while path and path not in found:
        path = _parent(path)
    return found[path] if path else -1


def _parent(path: str) -> str:
    """``a.b[2].c`` -> ``a.b[2]`` -> ``a.b`` -> ``a`` -> ``""``."""
    if path.endswith("]"):
        return path[: path.rfind("[")]
    at = path.rfind(".")
    return path[:at] if at >= 0 else ""


def locate_toml(text: str) -> dict[str, Location]:
    """Every key path of TOML ``text`` (already valid TOML) with where its value starts."""
    from ._scan import scan_toml

    return scan_toml(text).located()


def locate_json(text: str) -> dict[str, Location]:
    """Every key path of JSON ``text`` (already valid JSON) with where its value starts."""
    from ._scan import scan_json

    return scan_json(text).located()
