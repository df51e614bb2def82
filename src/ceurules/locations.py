"""Where each value of a program file is written: line and column by field path.

``tomllib`` and ``json`` give values without positions, so this module scans the
text once more and records, for every key path the file defines, where its
value starts: ``applications[1].paid`` maps to the line and column of the date
after ``paid =`` in the second ``[[applications]]`` table; ``offering_dates[2]``
to the third date of the list; ``approval_request.documents`` to its
``[approval_request.documents]`` header (or its inline table). A path the file
does not write (a missing field) is placed at the nearest table that holds it.

The scanners read text that the parser has already accepted, so they are
lenient: they follow strings (basic, literal and multi-line), comments, dotted
and quoted keys, table headers, arrays of tables, inline tables and arrays. Each
character is visited once; a position becomes a line and column by counting
the line ends before it in a short text, by a binary search over the line
starts in a long one (where a file with many problems would otherwise be
counted again for each).
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import re
from collections.abc import Iterable

import attrs

from ._value import Value

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
        self._scanned: _Text | None = None

    def _scanner(self) -> _Text:
        if self._scanned is None:
            self._scanned = _scan_json(self._text) if self._json else _scan_toml(self._text)
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

    def line_column(self, path: str) -> tuple[int, int] | None:
        """:meth:`find`'s answer as a ``(line, column)`` pair (what JSON output writes, without the object)."""
        return self.line_columns((path,))[0]

    def line_columns(self, paths: Iterable[str]) -> list[tuple[int, int] | None]:
        """:meth:`line_column` of each of ``paths``, in one call: the lines are counted in one pass over the text
        (a report places all its findings at once)."""
        scanner: _Text | None = None
        positions: list[int | None] = []
        for path in paths:
            if not path:  # the file as a whole: no need to scan it
                positions.append(None)
                continue
            scanner = scanner or self._scanned or self._scanner()
            found = scanner.found
            while path and path not in found:
                path = _parent(path)
            positions.append(found[path] if path else -1)
        return [None] * len(positions) if scanner is None else scanner.line_columns(positions)


def _parent(path: str) -> str:
    """``a.b[2].c`` -> ``a.b[2]`` -> ``a.b`` -> ``a`` -> ``""``."""
    if path.endswith("]"):
        return path[: path.rfind("[")]
    at = path.rfind(".")
    return path[:at] if at >= 0 else ""


#: Texts up to this many characters turn a position into a line and column by counting line ends.
_SHORT = 16_384


class _Text:
    """The scanned text, a cursor, and the index being filled."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.found: dict[str, int] = {}  # path -> where its value starts (an index into the text)
        self._starts: list[int] | None = None

    def at(self, pos: int) -> Location:
        return Location(*self.line_column(pos))

    def line_column(self, pos: int) -> tuple[int, int]:
        """The 1-based line and column of the character at ``pos``."""
        text = self.text
        if len(text) <= _SHORT:  # counting line ends costs less than listing where each line starts
            return text.count("\n", 0, pos) + 1, pos - text.rfind("\n", 0, pos)
        starts = self._starts
        if starts is None:  # where each line starts: after each line end
            lines = self.text.split("\n")[:-1]
            starts = self._starts = [0, *itertools.accumulate(len(line) + 1 for line in lines)]
        line = bisect.bisect_right(starts, pos)
        return line, pos - starts[line - 1] + 1

    def line_columns(self, positions: list[int | None]) -> list[tuple[int, int] | None]:
        """:meth:`line_column` of each position (``-1``: line 1, column 1; ``None``: none), the line ends
        counted once, from each position to the next in order."""
        text, line, last = self.text, 1, 0
        places: list[tuple[int, int] | None] = [None] * len(positions)
        for pos, i in sorted((pos, i) for i, pos in enumerate(positions) if pos is not None):
            if pos < 0:
                places[i] = (1, 1)
                continue
            line += text.count("\n", last, pos)
            last = pos
            places[i] = (line, pos - text.rfind("\n", 0, pos))
        return places

    def located(self) -> dict[str, Location]:
        return {path: self.at(pos) for path, pos in self.found.items()}

    def mark(self, path: str, pos: int, *, replace: bool = True) -> None:
        if path and (replace or path not in self.found):
            self.found[path] = pos

    def peek(self, count: int = 1) -> str:
        return self.text[self.pos : self.pos + count]


# --- TOML ------------------------------------------------------------------

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_SPACE = re.compile(r"[ \t]*")
_GAP = re.compile(r"[ \t\r\n]*(?:#[^\n]*[ \t\r\n]*)*")  # spaces, line ends and comments
_SCALAR = re.compile(r"[^,\]\}\s#]+(?:[ T][0-9][^,\]\}\s#]*)?")
_BASIC = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')  # a match per stretch of text, not per character
_MULTI_BASIC = re.compile(r'"""([^\\"]*(?:(?:\\.|"{1,2}(?!"))[^\\"]*)*)("{3,5})', re.S)
_MULTI_LITERAL = re.compile(r"'''([^']*(?:'{1,2}(?!')[^']*)*)('{3,5})", re.S)
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
#: A value on one line that is a scalar or a string without escapes (not ``"""``).
_ONE_LINE = r'(?!"")"[^"\\\n]*"|(?![\'"\[\{])[^,\]\}\s#]+(?:[ T][0-9][^,\]\}\s#]*)?'
#: An item of an array on one line: a scalar or a string without escapes.
#: (A local date-time with a space is one item; one with a ``T`` is read by the first part alone, which
#: keeps the pattern from trying two readings of every item of a line that is not such an array.)
_ITEM = re.compile(r'"[^"\\\n]*"|(?![\'"\[\{])[^,\]\}\s#]+(?: [0-9][^,\]\}\s#]*)?')
#: A gap, then maybe a line read in one match: ``key = value`` for a bare key and a one-line value (group
#: 1 the key, group 2 starts the value) or a one-line array of such items (group 3), or a table header of
#: bare (dotted) names (group 4 the brackets, group 5 the names). The match ends where pair() or header()
#: would.
_GAP_THEN_LINE = re.compile(
    _GAP.pattern
    + r"(?:([A-Za-z0-9_-]+)[ \t]*=[ \t]*(?:("
    + _ONE_LINE
    + r")|(\[[ \t]*(?:(?:"
    + _ITEM.pattern
    + r")[ \t]*,[ \t]*)*(?:(?:"
    + _ITEM.pattern
    + r")[ \t]*)?\]))"
    + r"|(\[\[?)[ \t]*([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*\]\]?)?"
)
_SIMPLE = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\", "e": "\x1b"}


def _unescape(body: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = m.group(1) or m.group(2)
        return chr(int(code, 16)) if code else _SIMPLE.get(m.group(3), m.group(3))

    return _ESCAPE.sub(one, body)


class _Toml(_Text):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.counts: dict[str, int] = {}  # resolved array-of-tables path -> entries so far

    def skip(self, pattern: re.Pattern[str]) -> None:
        m = pattern.match(self.text, self.pos)
        if m:
            self.pos = m.end()

    def string(self) -> str:
        """Read a string at the cursor; return its value."""
        text, start = self.text, self.pos
        quote = text[start]
        if text.startswith(quote * 3, start):
            m = (_MULTI_BASIC if quote == '"' else _MULTI_LITERAL).match(text, start)
            assert m is not None
            self.pos = m.end()
            body = m.group(1) + m.group(2)[3:]  # up to two quotes before the closing three are text
        elif quote == "'":
            end = text.index("'", start + 1)
            self.pos = end + 1
            return text[start + 1 : end]
        else:
            m = _BASIC.match(text, start)
            assert m is not None
            self.pos = m.end()
            body = m.group(1)
        return body if quote == "'" else _unescape(body)

    def keys(self) -> list[tuple[str, int]]:
        """A (possibly dotted) key at the cursor: its parts, each with where it starts."""
        parts = []
        while True:
            self.skip(_SPACE)
            start = self.pos
            if self.peek() in ("'", '"'):
                parts.append((self.string(), start))
            else:
                m = _BARE.match(self.text, self.pos)
                if m is None:
                    return parts
                self.pos = m.end()
                parts.append((m.group(), start))
            self.skip(_SPACE)
            if self.peek() != ".":
                return parts
            self.pos += 1

    def value(self, path: str) -> None:
        """Record and read the value at the cursor, for ``path``."""
        self.mark(path, self.pos)
        char = self.peek()
        if char in ("'", '"'):
            self.string()
        elif char == "[":
            self.pos += 1
            index = 0
            while True:
                self.skip(_GAP)
                if self.peek() in ("]", ""):
                    self.pos += 1
                    return
                self.value(f"{path}[{index}]")
                index += 1
                self.skip(_GAP)
                if self.peek() == ",":
                    self.pos += 1
        elif char == "{":
            self.pos += 1
            while True:
                self.skip(_GAP)
                if self.peek() in ("}", ""):
                    self.pos += 1
                    return
                self.pair(path)
                self.skip(_GAP)
                if self.peek() == ",":
                    self.pos += 1
        else:
            m = _SCALAR.match(self.text, self.pos)
            self.pos = m.end() if m else self.pos + 1

    def pair(self, table: str) -> None:
        """``key = value`` at the cursor, inside ``table``."""
        path = table
        for name, start in self.keys():
            path = _join(path, name)
            self.mark(path, start, replace=False)
        self.skip(_SPACE)
        self.pos += 1  # the "="
        self.skip(_SPACE)
        self.value(path)

    def header(self) -> str:
        """A ``[table]`` or ``[[array]]`` header at the cursor; returns the table's resolved path."""
        start = self.pos
        double = self.text.startswith("[[", start)
        self.pos += 2 if double else 1
        names = [name for name, _ in self.keys()]
        self.pos += 2 if double else 1
        return self.table(start, names, double=double)

    def table(self, start: int, names: list[str], *, double: bool) -> str:
        """Record the table a header at ``start`` opens (``double``: an array of tables); returns its path."""
        path = ""
        for i, name in enumerate(names):
            path = _join(path, name)
            last = i == len(names) - 1
            if last and double:
                index = self.counts.get(path, 0)
                self.counts[path] = index + 1
                self.mark(path, start, replace=False)
                path = f"{path}[{index}]"
            elif path in self.counts:  # a table inside the latest entry of an array of tables
                path = f"{path}[{self.counts[path] - 1}]"
            self.mark(path, start, replace=last)
        return path

    def items(self, path: str, start: int, end: int) -> None:
        """Record a one-line array of scalars and plain strings, ``text[start:end]``, and its items."""
        found = self.found
        found[path] = start
        for i, item in enumerate(_ITEM.finditer(self.text, start + 1, end - 1)):
            found[f"{path}[{i}]"] = item.start()

    def scan(self) -> None:
        table = ""
        text, found, size = self.text, self.found, len(self.text)
        match, pos = _GAP_THEN_LINE.match, 0
        while True:
            line = match(text, pos)
            assert line is not None  # every part of the pattern may match nothing
            pos = line.end()
            key = line[1]
            if key:  # the common line, read in one match: what pair() would record
                path = f"{table}.{key}" if table else key
                if line[3] is None:
                    found[path] = line.start(2)
                else:
                    self.items(path, line.start(3), pos)
                continue
            names = line[5]
            if names:  # a header of bare names, read in one match: what header() would record
                parts = [name.strip() for name in names.split(".")] if "." in names else [names]
                table = self.table(line.start(4), parts, double=line[4] == "[[")
                continue
            if pos >= size:
                return
            self.pos = pos
            if text[pos] == "[":
                table = self.header()
            else:
                self.pair(table)
            pos = self.pos


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _scan_toml(text: str) -> _Toml:
    scanner = _Toml(text)
    with contextlib.suppress(RecursionError, AssertionError, IndexError):  # text that did not parse
        scanner.scan()
    return scanner


def toml_value_at(text: str, pattern: re.Pattern[str]) -> tuple[str, tuple[int, int]] | None:
    """The path and place (line, column) of the first value of TOML ``text`` that ``pattern`` matches where
    the value starts (so never text inside a string); ``None`` if none does."""
    scanned = _scan_toml(text)
    for path, pos in sorted(scanned.found.items(), key=lambda item: item[1]):
        if pattern.match(text, pos):
            return path, scanned.line_column(pos)
    return None


def locate_toml(text: str) -> dict[str, Location]:
    """Every key path of TOML ``text`` (already valid TOML) with where its value starts."""
    return _scan_toml(text).located()


# --- JSON ------------------------------------------------------------------

_JSON_GAP = re.compile(r"[ \t\r\n]*")
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_JSON_SCALAR = re.compile(r"[^,\]\}\s]+")


class _Json(_Text):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        #: Keys written twice in one object: their paths and where the second one is written.
        self.twice: list[tuple[str, Location]] = []

    def gap(self) -> None:
        m = _JSON_GAP.match(self.text, self.pos)
        self.pos = m.end() if m else self.pos

    def string(self) -> str:
        m = _JSON_STRING.match(self.text, self.pos)
        assert m is not None
        self.pos = m.end()
        import json  # a JSON file's strings only: a TOML file's check imports no json

        value: str = json.loads(m.group())
        return value

    def value(self, path: str) -> None:
        self.gap()
        self.mark(path, self.pos)
        char = self.peek()
        if char == '"':
            self.string()
        elif char == "[":
            self.pos += 1
            index = 0
            self.gap()
            while self.peek() not in ("]", ""):
                self.value(f"{path}[{index}]")
                index += 1
                self.gap()
                if self.peek() == ",":
                    self.pos += 1
                self.gap()
            self.pos += 1
        elif char == "{":
            self.pos += 1
            self.gap()
            seen: set[str] = set()
            while self.peek() not in ("}", ""):
                start = self.pos
                key = self.string()
                again = key in seen
                if again:
                    self.twice.append((_join(path, key), self.at(start)))
                seen.add(key)
                self.gap()
                self.pos += 1  # the ":"
                (self.unmarked if again else self.value)(_join(path, key))
                self.gap()
                if self.peek() == ",":
                    self.pos += 1
                self.gap()
            self.pos += 1
        else:
            m = _JSON_SCALAR.match(self.text, self.pos)
            self.pos = m.end() if m else self.pos + 1


    def unmarked(self, path: str) -> None:
        """Scan a value without marking its places: a key given again, whose first value the reader keeps."""
        kept, self.found = self.found, {}
        try:
            self.value(path)
        finally:
            self.found = kept


def json_keys_twice(text: str) -> list[tuple[str, Location]]:
    """The keys of JSON ``text`` written twice in one object: each path, and where its second key is written."""
    scanner = _Json(text)
    with contextlib.suppress(RecursionError, AssertionError, IndexError):  # text that did not parse
        scanner.value("")
    return scanner.twice


def _scan_json(text: str) -> _Json:
    scanner = _Json(text)
    with contextlib.suppress(RecursionError, AssertionError, IndexError):  # text that did not parse
        scanner.value("")
    return scanner


def locate_json(text: str) -> dict[str, Location]:
    """Every key path of JSON ``text`` (already valid JSON) with where its value starts."""
    return _scan_json(text).located()
