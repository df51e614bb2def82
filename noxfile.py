"""Run the test suite on every supported Python that is installed.

    nox                 # the suite on 3.11, 3.12 and 3.13; a missing one is skipped, with a message
    nox -s tests-3.13   # one interpreter

In CI (``CI`` set) nox would fail on a missing interpreter; ``.ci/run`` passes
``--no-error-on-missing-interpreters`` so that a machine without 3.13 still runs
the others and says which one it skipped.
"""

from __future__ import annotations

import nox

PYTHONS = ["3.11", "3.12", "3.13"]

nox.options.sessions = ["tests"]
nox.options.reuse_venv = "yes"
# Only interpreters already on the machine: never download one.
nox.options.download_python = "never"


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The whole suite (unit, property and documentation tests)."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", "-q", "-p", "no:randomly", *session.posargs)
