"""The scanners behind :mod:`ceurules.locations`: where each key path of TOML or JSON text has its value.

``tomllib`` and ``json`` give values without positions, so the text is scanned once more. The scanners
read text that the parser has already accepted, so they are lenient: they follow strings (basic, literal
and multi-line), comments, dotted and quoted keys, table headers, arrays of tables, inline tables and
arrays. Each character is visited once; a position becomes a line and column by counting the line ends
before it in a short text, by a binary search over the line starts in a long one (where a file with many
problems would otherwise be counted again for each).

Imported on the first lookup (:class:`~ceurules.locations.LocationIndex`), so that a check that places
nothing (a file without problems, written as text) compiles none of their patterns.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import re

from .locations import Location

#: Texts up to this many characters turn a position into a line and column by counting line ends.
_SHORT = 16_384


class Scanned:
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

    def scalar_at(self, pos: int | None) -> str | None:
        """The text of a TOML scalar (not a string, an array or a table) starting at ``pos``, if one does."""
        if pos is None or self.text[pos : pos + 1] in ("", '"', "'", "[", "{"):
            return None
        m = _SCALAR.match(self.text, pos)
        return m.group() if m else None

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
#: An item of an array on one line: a scalar or a string without escapes.
#: (A local date-time with a space is one item; one with a ``T`` is read by the first part alone, which
#: keeps the pattern from trying two readings of every item of a line that is not such an array.)
_ITEM = re.compile(r'"[^"\\\n]*"|(?![\'"\[\{])[^,\]\}\s#]+(?: [0-9][^,\]\}\s#]*)?')
#: An array on one line, of such items.
_ONE_LINE_ARRAY = re.compile(rf"\[[ \t]*(?:(?:{_ITEM.pattern})[ \t]*,[ \t]*)*(?:(?:{_ITEM.pattern})[ \t]*)?\]")
#: The next line of the common kinds, found from the line end before it (a search for a line end is
#: fast; blank lines, comments and lines of no such kind are passed over): ``key = value`` for a bare key
#: (group 1 the key; the value starts where the match ends, unless group 2 says that it may run over
#: several lines or holds pairs: then it is read by :meth:`_Toml.value`), a header of bare (dotted)
#: names (group 3 the brackets, group 4 the names), or the start of a line read by :meth:`_Toml.pair` or
#: :meth:`_Toml.header` (group 5: a quoted or dotted key, a header with a quoted name).
_NEXT_LINE = re.compile(
    r"""\n[ \t]*(?:([A-Za-z0-9_-]+)[ \t]*=[ \t]*("""
    + r'"""'
    + r"""|'''|[\[\{])?"""
    + r"|(\[\[?)[ \t]*([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*\]"
    + r"""|(["'\[]|[A-Za-z0-9_-]+[ \t]*[."']))"""
)
_SIMPLE = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\", "e": "\x1b"}


def _unescape(body: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = m.group(1) or m.group(2)
        return chr(int(code, 16)) if code else _SIMPLE.get(m.group(3), m.group(3))

    return _ESCAPE.sub(one, body)


class _Toml(Scanned):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.counts: dict[str, int] = {}  # resolved array-of-tables path -> entries so far
        self.open: list[str] = []  # the arrays and inline tables being read, innermost last (the text may end)

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
            self.open.append(path)
            while True:
                self.skip(_GAP)
                if self.peek() in ("]", ""):
                    self._close()
                    return
                self.value(f"{path}[{index}]")
                index += 1
                self.skip(_GAP)
                if self.peek() == ",":
                    self.pos += 1
        elif char == "{":
            self.pos += 1
            self.open.append(path)
            while True:
                self.skip(_GAP)
                if self.peek() in ("}", ""):
                    self._close()
                    return
                self.pair(path)
                self.skip(_GAP)
                if self.peek() == ",":
                    self.pos += 1
        else:
            m = _SCALAR.match(self.text, self.pos)
            self.pos = m.end() if m else self.pos + 1

    def _close(self) -> None:
        """Past the end of the array or inline table being read; at the end of the text, it stays open."""
        if self.pos < len(self.text):
            self.open.pop()
        self.pos += 1

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
        text, found, table = self.text, self.found, ""
        self.skip(_GAP)  # the first line, read key by key (it follows no line end)
        if self.peek() == "[":
            table = self.header()
        elif self.pos < len(text):
            self.pair(table)
        while self.pos < len(text):
            for line in _NEXT_LINE.finditer(text, self.pos):
                key = line[1]
                if key is not None:
                    path = f"{table}.{key}" if table else key
                    opening = line[2]
                    if opening is None:  # the common line: a value on one line, not an array
                        found[path] = line.end()
                        continue
                    if opening == "[":
                        array = _ONE_LINE_ARRAY.match(text, line.start(2))
                        if array is not None:
                            self.items(path, line.start(2), array.end())
                            continue
                    self.pos = line.start(2)
                    self.value(path)
                    break  # go on after the value, which may end on a later line
                names = line[4]
                if names is not None and "." in names:
                    parts = [name.strip() for name in names.split(".")]
                    table = self.table(line.start(3), parts, double=line[3] == "[[")
                    continue
                if names is not None:  # a header of one name: what table() records, without its loop
                    start, counts = line.start(3), self.counts
                    if line[3] == "[[":
                        index = counts[names] = counts.get(names, 0) + 1
                        found.setdefault(names, start)
                        table = f"{names}[{index - 1}]"
                    else:  # (valid TOML has no [name] after [[name]])
                        table = names
                    found[table] = start
                    continue
                self.pos = line.start(5)
                if text[self.pos] == "[":
                    table = self.header()
                else:
                    self.pair(table)
                break
            else:
                return


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def scan_toml(text: str) -> _Toml:
    scanner = _Toml(text)
    with contextlib.suppress(RecursionError, AssertionError, IndexError, ValueError):  # text that did not parse
        scanner.scan()
    return scanner


def toml_value_at(text: str, pattern: re.Pattern[str]) -> tuple[str, tuple[int, int]] | None:
    """The path and place (line, column) of the first value of TOML ``text`` that ``pattern`` matches where
    the value starts (so never text inside a string); ``None`` if none does."""
    scanned = scan_toml(text)
    for path, pos in sorted(scanned.found.items(), key=lambda item: item[1]):
        if pattern.match(text, pos):
            return path, scanned.line_column(pos)
    return None


# --- JSON ------------------------------------------------------------------

_JSON_GAP = re.compile(r"[ \t\r\n]*")
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_JSON_SCALAR = re.compile(r"[^,\]\}\s]+")


class _Json(Scanned):
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


def scan_json(text: str) -> _Json:
    scanner = _Json(text)
    with contextlib.suppress(RecursionError, AssertionError, IndexError):  # text that did not parse
        scanner.value("")
    return scanner
