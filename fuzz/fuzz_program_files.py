"""Coverage-guided fuzzing of the program-file loader and ``ceurules check`` (atheris).

Run (``pip install -e ".[fuzz]"``)::

    python fuzz/fuzz_program_files.py fuzz/corpus -max_total_time=600 -artifact_prefix=fuzz/crashes/

Each input is read as program-file text, as TOML and as JSON, loaded, reviewed
and rendered by ``ceurules check`` in one of its output formats. Only the library's
own errors may come out: anything else (a traceback, a ``SystemExit`` other
than the documented exit codes) is a crash, which atheris writes under
``fuzz/crashes/``; copy it to ``tests/corpus/crashes/`` so the suite keeps it.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from ceurules import CeuRulesError, review_program_file
    from ceurules.cli import main
    from ceurules.program_files import load_program_text

_AS_OF = dt.date(2027, 1, 20)
_DIR = Path(tempfile.mkdtemp(prefix="ceurules-fuzz-"))


def check_one(data: bytes) -> None:
    """The property every input must keep: a library error, or an answer; the CLI exits 0, 1 or 2."""
    text = data.decode("utf-8", errors="replace")
    for json_format in (False, True):
        try:
            pf = load_program_text(text, "<fuzz>", json_format=json_format)
            review_program_file(pf, as_of=_AS_OF)
        except CeuRulesError:
            pass
    choice = data[0] if data else 0  # one CLI run per input: the first byte picks the file kind and format
    path = _DIR / ("input.ceu.json" if choice & 1 else "input.ceu.toml")
    path.write_bytes(data)
    fmt = ("text", "json", "jsonl", "github")[(choice >> 1) % 4]
    args = ["check", str(path), "--format", fmt, "--today", "2027-01-20"]
    code = main(args, stdout=io.StringIO(), stderr=io.StringIO())
    if code not in (0, 1, 2):
        raise AssertionError(f"exit code {code}")


def main_fuzz() -> None:
    atheris.Setup(sys.argv, lambda data: check_one(bytes(data)))
    atheris.Fuzz()


if __name__ == "__main__":
    main_fuzz()
