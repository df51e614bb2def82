"""Reading the files users hand the library: one size cap, one way to refuse, for every loader."""

from __future__ import annotations

import errno
import os
import stat
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
        stream = open(source, "rb")  # noqa: SIM115 - closed by the with below
    except OSError as err:
        raise error(name, [("", f"cannot read the file: {err.strerror or err}{hint}")]) from None
    except ValueError:  # a name the file system cannot take (lone surrogate, NUL)
        raise error(name, [("", "cannot read the file: the name is not a valid path")]) from None
    with stream:
        return read_capped(stream, name, error=error, limit=limit, encoding=encoding)


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
