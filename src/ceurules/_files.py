"""Reading the files users hand the library: one size cap, one way to refuse, for every loader."""

from __future__ import annotations

import errno
import os
import re
import stat
from decimal import Decimal
from typing import Any, BinaryIO

from .errors import CaseFileError, CeuRulesError, PolicyFileError, ProgramFileError

#: The largest file any loader reads (program files, records, rule files, stdin).
MAX_BYTES = 5 * 1024 * 1024
#: The UTF-8 byte-order mark some editors (Windows Notepad) write at the start of a file.
BOM = "\ufeff"

#: The library's error of a file kind: program files and records (problems with places), policy and case files.
FileError = type[ProgramFileError] | type[PolicyFileError]


def without_bom(text: str) -> str:
    """``text`` without a leading byte-order mark: every loader reads a file with one as the file without it."""
    return text[1:] if text.startswith(BOM) else text


def read_capped(
    stream: BinaryIO,
    name: str,
    *,
    error: FileError = ProgramFileError,
    limit: int = MAX_BYTES,
    encoding: str = "utf-8",
) -> str:
    """Text of an open binary stream, read against the size cap (never whole first)."""
    try:
        raw = stream.read(limit + 1)
    except OSError as err:
        raise refusal(error, name, "", f"cannot read the file: {err.strerror or err}", None) from None
    if len(raw) > limit:
        raise refusal(error, name, "", f"the file is larger than {limit} bytes", None)
    try:
        return without_bom(raw.decode(encoding))
    except UnicodeDecodeError as err:
        problem = f"the file is not UTF-8 text: byte 0x{raw[err.start]:02x} is not part of a UTF-8 character"
        raise refusal(error, name, "", problem, _place(raw, err.start, encoding)) from None


def _place(raw: bytes, at: int, encoding: str) -> tuple[int, int]:
    """The line and column (in characters, as every loader counts them) of the byte ``at`` of ``raw``, which
    decodes up to there."""
    start = raw.rfind(b"\n", 0, at) + 1
    before = raw[start:at].decode(encoding)
    return raw.count(b"\n", 0, at) + 1, len(without_bom(before) if start == 0 else before) + 1


def path_name(source: str | os.PathLike[str], *, error: FileError, what: str, text_use: str = "") -> str:
    """The name of the file a loader's ``source`` path names, as its errors name it.

    Every loader that takes a path refuses alike: an empty path says so (an unset variable), and text given
    where a path is expected (a line break: file text, never a file name) is refused as text, without
    repeating it, saying how to read text (``text_use``)."""
    name = os.fsdecode(source)
    if not name:
        raise refusal(error, "<empty path>", "", f"the path is empty; name {what}", None)
    if "\n" in name:
        lines = len(name.splitlines())
        message = f"expected the path of {what}, got text of {lines} lines: file text, not a path" + (
            f"; {text_use}" if text_use else ""
        )
        raise refusal(error, "<text>", "", message, None)
    return name


def read_file(
    source: str | os.PathLike[str],
    name: str,
    *,
    error: FileError = ProgramFileError,
    limit: int = MAX_BYTES,
    encoding: str = "utf-8",
    hint: str = "",
) -> str:
    """Text of the file at ``source`` (reported as ``name``), read against the size cap."""
    try:
        stream = open(source, "rb")  # noqa: SIM115 - closed by the with below
    except OSError as err:
        raise refusal(error, name, "", f"cannot read the file: {err.strerror or err}{hint}", None) from None
    except ValueError:  # a name the file system cannot take (lone surrogate, NUL)
        raise refusal(error, name, "", "cannot read the file: the name is not a valid path", None) from None
    with stream:
        return read_capped(stream, name, error=error, limit=limit, encoding=encoding)


class WrittenNumber(Decimal):
    """A number with a fraction or an exponent (or a JSON integer too long for an ``int``), read exactly (never
    rounded through a float): ``1e-400`` is not 0. It shows as the file wrote it, so a refusal names the value
    as written."""

    __slots__ = ("written",)
    written: str

    def __new__(cls, text: str) -> WrittenNumber:
        number = super().__new__(cls, text)
        number.written = text
        return number

    def __str__(self) -> str:
        return self.written


class NumberRefused(ValueError):
    """A JSON number too large to hold even as an exact decimal (an exponent of more than 18 digits)."""


def exact_number(text: str) -> Decimal:
    """The JSON number ``text`` (one with a fraction or an exponent) as its exact value: every JSON loader's
    ``parse_float``."""
    try:
        return WrittenNumber(text)
    except ArithmeticError:
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise NumberRefused(f"the number {shown} has an exponent too large to read") from None


def is_folder(name: str) -> bool:
    """Whether ``name`` is a folder, as ``pathlib.Path.is_dir`` tells it (without importing ``pathlib``).

    A missing path, a symlink loop or a name no file can have is not a folder;
    any other failure to look (permission, a name too long) raises ``OSError``.
    """
    try:
        return stat.S_ISDIR(os.stat(name).st_mode)
    except ValueError:
        return False
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            return False
        raise


# A date as TOML writes it (YYYY-MM-DD), bare: not inside a string, not part of a longer number or time.
_DATE_TOKEN = r"""(?<![\w"'.:-])(\d{4}-\d{2}-\d{2})(?![\w:.-])"""


def invalid_date(line: str) -> tuple[str, int] | None:
    """The first bare date on a TOML ``line`` that is no real date, as written, and where on the line it
    starts.

    ``tomllib`` reports such a date by a syntax error of what follows it
    ("Unclosed inline table"); every loader names the date instead.
    """
    import datetime as dt

    for match in re.finditer(_DATE_TOKEN, line):
        try:
            dt.date.fromisoformat(match[1])
        except ValueError:
            return match[1], match.start()
    return None


def date_problem(value: str) -> str:
    """The one message for a date that is no real date, in any file the library reads."""
    return f"{value} is not a valid TOML date (a real date, written YYYY-MM-DD)"


# -- one reader for every file kind: text, exact numbers, places -------------------------------------------------

def refusal(error: FileError, name: str, path: str, message: str, where: tuple[int, int] | None) -> CeuRulesError:
    """The file kind's own error for one problem at ``path`` of the file ``name``, at ``where`` (line, column)."""
    if issubclass(error, CaseFileError):
        return error(name, where[0] if where else None, path, message, where[1] if where else None)
    if issubclass(error, PolicyFileError):
        return error(name, where[0] if where else None, path, message)
    return error(name, [(path, message)], [where])


def file_text(text: str, name: str, *, error: FileError = ProgramFileError) -> str:
    """A file's text as every loader reads it: a leading byte-order mark dropped, text of nothing but white
    space refused as empty (standard input, ``<stdin>``, says so)."""
    text = without_bom(text)
    if not text.strip():
        empty = "standard input is empty; give a program file's text" if name == "<stdin>" else "the file is empty"
        raise refusal(error, name, "", empty, None)
    return text


def parse_toml(text: str, name: str, *, error: FileError = ProgramFileError, hint: str = "") -> dict[str, Any]:
    """TOML ``text`` parsed, numbers with a fraction or an exponent exactly (:func:`exact_number`, never a
    float); a syntax error, a date that is no date, or a number too large is refused with its place."""
    import tomllib

    try:
        return tomllib.loads(text, parse_float=exact_number)
    except tomllib.TOMLDecodeError as err:
        path, problem, where = toml_problem(str(err), text)
        raise refusal(error, name, path, problem + (hint if not path else ""), where) from None
    except NumberRefused as err:
        raise refusal(error, name, "", f"not accepted TOML: {err}", None) from None
    except ValueError:  # an integer too long to convert
        from ._scan import toml_value_at

        found = toml_value_at(text, _LONG_INTEGER)  # none: an interpreter told to read fewer digits
        path, place = found if found is not None else ("", None)
        raise refusal(error, name, path, "not accepted TOML: an integer too long to read", place) from None
    except RecursionError:
        raise refusal(error, name, "", "the data is nested too deeply", None) from None


def parse_json(text: str, name: str, *, error: type[ProgramFileError] = ProgramFileError) -> object:
    """JSON ``text`` parsed (see :func:`read_json`); a key given twice in one object is refused, each named
    with its place."""
    data, twice = read_json(text, name, error=error)
    if twice:
        raise error(name, [(path, KEY_TWICE) for path, _ in twice], [where for _, where in twice])
    return data


def read_json(
    text: str, name: str, *, error: type[ProgramFileError] = ProgramFileError
) -> tuple[object, list[tuple[str, tuple[int, int]]]]:
    """JSON ``text`` parsed, and the keys it gives twice in one object.

    Numbers with a fraction or an exponent are read exactly, as written (never through a float); integers of
    more than :data:`MAX_INT_DIGITS` digits kept as written, never converted (looked for only where a long run
    of digits is written; the run may be inside a string). A key given twice in one object keeps its first
    value; each such key is listed with its path and the ``(line, column)`` of its second writing, so that a
    reader can report it beside every other problem of the file.
    """
    import json

    long_digits = re.search(f"[0-9]{{{MAX_INT_DIGITS + 1}}}", text) is not None
    twice = False

    def first_wins(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal twice
        found: dict[str, Any] = {}
        for key, value in pairs:
            twice |= key in found
            found.setdefault(key, value)
        return found

    try:
        data = json.loads(
            text,
            object_pairs_hook=first_wins,
            parse_int=_json_int if long_digits else None,
            parse_float=exact_number,
            parse_constant=WrittenNumber,  # NaN, Infinity: refused by their field, shown as written
        )
    except json.JSONDecodeError as err:
        raise refusal(error, name, "", f"not valid JSON: {err.msg}", (err.lineno, err.colno)) from None
    except NumberRefused as err:
        raise refusal(error, name, "", f"not accepted JSON: {err}", None) from None
    except RecursionError:
        raise refusal(error, name, "", "the data is nested too deeply", None) from None
    return data, _keys_twice(text) if twice else []


#: The problem of a JSON key given twice in one object.
KEY_TWICE = "the key appears twice in one object; a key is given once"

#: The most digits of a JSON integer read as an ``int``; a longer one is kept as written, for its field to refuse.
MAX_INT_DIGITS = 30


def _json_int(text: str) -> int | Decimal:
    """A JSON integer; one of more than :data:`MAX_INT_DIGITS` digits is kept as written (an exact
    :class:`WrittenNumber`, never converted to an ``int``), so the field that holds it refuses it at its own
    line and column, as a TOML file's is."""
    return WrittenNumber(text) if len(text.lstrip("-")) > MAX_INT_DIGITS else int(text)


def _keys_twice(text: str) -> list[tuple[str, tuple[int, int]]]:
    """The keys of valid JSON ``text`` given twice in one object: each path, and where its second key is."""
    from ._scan import json_keys_twice

    return [(path, (at.line, at.column)) for path, at in json_keys_twice(text)]


def toml_problem(message: str, text: str) -> tuple[str, str, tuple[int, int]]:
    """The field path, problem and place (line, column) of a TOML syntax error, where the parser stopped
    (``tomllib`` writes the place into its message).

    The field is the value the parser was reading, found by the scanner of
    :mod:`ceurules._scan` over the text before the place (so a table in
    an array of tables, inline or not, is named with its index). When the
    parser stopped at the start of a line's key, the value before it was left
    open ("Unclosed array"): that value is named. A bare date that is no real
    date, on the line where the parser stopped, is named as one, at its own
    place (``offering_dates[1]`` for an item of a list).
    """
    at = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
    end = (text.count("\n") + 1, len(text) - text.rfind("\n"))  # "(at end of document)"
    line, column = (int(at[1]), int(at[2])) if at is not None else end
    message = _in_file_terms(re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message))
    start = sum(len(written) + 1 for written in text.split("\n")[: line - 1])  # lines as tomllib counts them
    written = text[start:].split("\n", 1)[0]
    bad = invalid_date(written)
    if bad is not None:
        return _path_at(text, start + bad[1]), date_problem(bad[0]), (line, bad[1] + 1)
    pair = re.fullmatch(_KEY_VALUE, written.rstrip("\r"))
    if pair is not None and column > pair.end(1):  # in this line's value
        value = pair[2] or "no value"
        return _path_at(text, start + pair.start(2)), f"not valid TOML: {value} ({message})", (line, column)
    if pair is not None:  # at the line's key: the value before it was left open
        return _path_at(text, start - 1, left_open=True), f"not valid TOML: {message}", (line, column)
    return "", f"not valid TOML: {message}", (line, column)


def _in_file_terms(message: str) -> str:
    """``tomllib``'s message, said in the file's terms where it names a table or a character Python's way
    (``Cannot declare ('approval',) twice``, ``Illegal character '\\n'``)."""
    declared = re.fullmatch(r"Cannot declare \((.*)\) twice", message)
    if declared is not None:
        names = ".".join(a or b for a, b in re.findall(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"", declared[1]))
        return f"the table [{names}] is declared twice"
    if message == "Cannot overwrite a value":
        return "a key or a table given a second time; each is given once"
    if message == "Illegal character '\\n'":
        return 'a line ends inside a string: close it on its line, or use """ for several lines'
    return message


def _path_at(text: str, pos: int, *, left_open: bool = False) -> str:
    """The path of the value written latest at or before ``pos`` (``""``: none), read by the scanner of
    :mod:`ceurules._scan` from the text up to there; ``left_open``: of the innermost array or inline
    table not closed there, if any."""
    from ._scan import scan_toml

    scanned = scan_toml(text[: pos + 1])
    if left_open and scanned.open:
        return scanned.open[-1]
    return max(scanned.found.items(), key=lambda item: (item[1], len(item[0])), default=("", 0))[0]


_KEY_VALUE = r"\s*([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\s*=\s*(.*?)\s*(?:#.*)?"
#: An integer of more digits than Python reads from text (4,300 unless the interpreter is told otherwise).
_LONG_INTEGER = re.compile(r"[+-]?[0-9](?:_?[0-9]){4299}")
