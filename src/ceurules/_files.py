"""Reading the files users hand the library: one size cap, one way to refuse, for every loader."""

from __future__ import annotations

import errno
import os
import stat
from decimal import Decimal
from typing import BinaryIO

from .errors import ProgramFileError

#: The largest file any loader reads (program files, records, rule files, stdin).
MAX_BYTES = 5 * 1024 * 1024
#: The UTF-8 byte-order mark some editors (Windows Notepad) write at the start of a file.
BOM = "\ufeff"


def without_bom(text: str) -> str:
    """``text`` without a leading byte-order mark: every loader reads a file with one as the file without it."""
    return text[1:] if text.startswith(BOM) else text


def read_capped(
    stream: BinaryIO,
    name: str,
    *,
    error: type[ProgramFileError] = ProgramFileError,
    limit: int = MAX_BYTES,
    encoding: str = "utf-8",
) -> str:
    """Text of an open binary stream, read against the size cap (never whole first)."""
    try:
        raw = stream.read(limit + 1)
    except OSError as err:
        raise error(name, [("", f"cannot read the file: {err.strerror or err}")]) from None
    if len(raw) > limit:
        raise error(name, [("", f"the file is larger than {limit} bytes")])
    try:
        return without_bom(raw.decode(encoding))
    except UnicodeDecodeError as err:
        raise error(name, [("", f"the file is not UTF-8 text (byte {err.start})")]) from None


def read_file(
    source: str | os.PathLike[str],
    name: str,
    *,
    error: type[ProgramFileError] = ProgramFileError,
    limit: int = MAX_BYTES,
    encoding: str = "utf-8",
    hint: str = "",
) -> str:
    """Text of the file at ``source`` (reported as ``name``), read against the size cap."""
    try:
        stream = open(source, "rb")  # noqa: SIM115 - closed by the with below
    except OSError as err:
        raise error(name, [("", f"cannot read the file: {err.strerror or err}{hint}")]) from None
    except ValueError:  # a name the file system cannot take (lone surrogate, NUL)
        raise error(name, [("", "cannot read the file: the name is not a valid path")]) from None
    with stream:
        return read_capped(stream, name, error=error, limit=limit, encoding=encoding)


class WrittenNumber(Decimal):
    """A JSON number with a fraction or an exponent, read exactly (never rounded through a float): ``1e-400``
    is not 0. It shows as the file wrote it, so a refusal names the value as written."""

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
_KEY_BEFORE = r"([A-Za-z0-9_-]+)\s*=\s*\[?\s*$"


def invalid_date(line: str) -> tuple[str, str] | None:
    """The first bare date on a TOML ``line`` that is no real date, as written, and the key written before it.

    ``tomllib`` reports such a date by a syntax error of what follows it
    ("Unclosed inline table"); every loader names the date instead.
    """
    import datetime as dt
    import re

    for match in re.finditer(_DATE_TOKEN, line):
        try:
            dt.date.fromisoformat(match[1])
        except ValueError:
            key = re.search(_KEY_BEFORE, line[: match.start()])
            return match[1], key[1] if key else ""
    return None


def date_problem(value: str) -> str:
    """The one message for a date that is no real date, in any file the library reads."""
    return f"{value} is not a valid TOML date (a real date, written YYYY-MM-DD)"
