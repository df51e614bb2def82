"""Reading the files users hand the library: one size cap, one way to refuse, for every loader."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from .errors import ProgramFileError

#: The largest file any loader reads (program files, records, rule files, stdin).
MAX_BYTES = 5 * 1024 * 1024


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
        return raw.decode(encoding)
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
        stream = Path(source).open("rb")  # noqa: SIM115 - closed by the with below
    except OSError as err:
        raise error(name, [("", f"cannot read the file: {err.strerror or err}{hint}")]) from None
    except ValueError:  # a name the file system cannot take (lone surrogate, NUL)
        raise error(name, [("", "cannot read the file: the name is not a valid path")]) from None
    with stream:
        return read_capped(stream, name, error=error, limit=limit, encoding=encoding)
