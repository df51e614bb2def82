"""``python -m ceurules`` and the ``ceurules`` command: :func:`run`, the console-script entry point."""

from __future__ import annotations

import gc
import os
import sys


def run() -> None:  # pragma: no cover - the command's entry point (tested in a subprocess)
    """Run the command line in this process, then exit with its code.

    What the command imports lives until the process ends: it is imported with
    the garbage collector paused and then frozen, so that the collector's passes
    while the command runs walk only what the command makes, and the passes at
    exit none of it (together about a twelfth of a one-file check).
    """
    gc.disable()
    from .cli import main

    gc.freeze()
    gc.enable()
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            # The reader has gone: send what is left in the buffer nowhere, so that
            # the interpreter's last flush at exit does not report the closed pipe.
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    gc.disable()
    gc.freeze()
    raise SystemExit(code)


if __name__ == "__main__":  # pragma: no cover - python -m ceurules (tested in a subprocess)
    run()
